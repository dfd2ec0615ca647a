import datetime
import io

import openpyxl
import pytest

from tuanwu.meetings.exports.courses import course_roster_export
from tuanwu.meetings.models import Course, Enrollment, Kind, Meeting

from .courses_factories import course, session
from .factories import record

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 10)


def test_the_list_filters_by_year_and_kind_and_text(client_as, cast):
    course(cast, people=(), title="东湖镇第一期团校")
    course(cast, people=(), title="青年骨干培训班", kind=Course.Kind.TRAINING)
    course(cast, people=(), title="2025年团校", starts_on=datetime.date(2025, 5, 1))
    client = client_as("committee_secretary")

    page = client.get("/meetings/courses/", {"year": 2026, "kind": "training"})
    text = client.get("/meetings/courses/", {"q": "团校"}).content.decode()

    assert [c.title for c in page.context["page"]] == ["青年骨干培训班"]
    assert "东湖镇第一期团校" in text and "2025年团校" in text and "青年骨干培训班" not in text


def test_the_school_does_not_see_the_towns_courses(client_as, cast):
    course(cast, people=())

    page = client_as("outsider").get("/meetings/courses/")

    assert list(page.context["page"]) == []


def test_a_committee_secretary_opens_a_course(client_as, cast):
    client = client_as("committee_secretary")

    response = client.post(
        "/meetings/courses/new/",
        {
            "organization": cast.town.pk,
            "kind": "league_school",
            "title": "东湖镇第二期团校",
            "starts_on": "2026-04-01",
            "required_sessions": "3",
        },
    )

    row = Course.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/courses/{row.pk}/"
    assert (row.organization, row.required_sessions, row.required_hours) == (cast.town, 3, None)


def test_a_course_of_a_branch_cannot_be_opened(client_as, cast):
    page = client_as("committee_secretary").post(
        "/meetings/courses/new/",
        {"organization": cast.branch.pk, "kind": "league_school", "title": "x", "starts_on": "2026-04-01"},
    )

    assert page.status_code == 200
    assert Course.objects.count() == 0


def test_enrolling_from_the_page(client_as, cast):
    row = course(cast, people=())
    client = client_as("committee_secretary")

    found = client.get(f"/meetings/courses/{row.pk}/", {"q": "王"})
    client.post(f"/meetings/courses/{row.pk}/enroll/", {"people": [cast.people["wang"].pk]})

    assert [p.name for p in found.context["candidates"]] == ["王芳"]
    assert list(Enrollment.objects.filter(course=row).values_list("person__name", flat=True)) == ["王芳"]


def test_enrolling_someone_outside_the_organizers_subtree_is_refused_without_naming_them(client_as, cast):
    row = course(cast, people=())
    client = client_as("committee_secretary")

    response = client.post(f"/meetings/courses/{row.pk}/enroll/", {"people": [cast.people["zhao"].pk]}, follow=True)

    assert Enrollment.objects.filter(course=row).count() == 0
    assert "赵磊" not in response.content.decode()


def test_the_session_form_lists_the_enrolled_roster(client_as, cast):
    row = course(cast, people=("zhang", "wang"))

    page = client_as("committee_secretary").get(f"/meetings/courses/{row.pk}/sessions/record/")

    assert [line["person"].name for line in page.context["lines"]] == ["王芳", "张晓明"]
    assert page.context["form"].fields["kind"].choices == [(Kind.COURSE_SESSION.value, Kind.COURSE_SESSION.label)]


def test_a_session_recorded_from_the_roster(client_as, cast):
    row = course(cast, people=("zhang", "wang"))
    wang = cast.people["wang"]

    response = client_as("committee_secretary").post(
        f"/meetings/courses/{row.pk}/sessions/record/",
        {
            "kind": "course_session",
            "held_on": "2026-03-10",
            "topic": "团史第一讲",
            "hours": "2",
            f"att-{wang.pk}": "absent",
            f"reason-{wang.pk}": "生病",
        },
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert (meeting.course_id, meeting.kind, meeting.organization_id) == (row.pk, "course_session", cast.town.pk)
    assert dict(meeting.attendance.values_list("person__name", "status")) == {"张晓明": "present", "王芳": "absent"}


def test_the_branch_secretary_cannot_record_a_session_of_the_towns_course(client_as, cast):
    row = course(cast)

    response = client_as("branch_secretary").get(f"/meetings/courses/{row.pk}/sessions/record/")

    assert response.status_code == 404


def test_completion_by_rule_and_by_decision_from_the_page(client_as, cast):
    row = course(cast, people=("zhang", "wang"))
    session(cast, row, MARCH, absent=("王芳",), hours="3")
    session(cast, row, MARCH + datetime.timedelta(days=7), absent=("王芳",), hours="1")
    zhang = Enrollment.objects.get(course=row, person=cast.people["zhang"])
    wang = Enrollment.objects.get(course=row, person=cast.people["wang"])
    client = client_as("committee_secretary")

    client.post(f"/meetings/courses/{row.pk}/enrollments/{zhang.pk}/complete/", {"version": zhang.version})
    refused = client.post(f"/meetings/courses/{row.pk}/enrollments/{wang.pk}/complete/", {"version": wang.version})
    wang.refresh_from_db()
    status_after_refusal = wang.status
    client.post(
        f"/meetings/courses/{row.pk}/enrollments/{wang.pk}/complete/",
        {"version": wang.version, "override": "on", "reason": "补学合格"},
    )

    zhang.refresh_from_db()
    wang.refresh_from_db()
    assert refused.status_code == 302 and status_after_refusal == "enrolled"
    assert (zhang.status, zhang.overridden) == ("completed", False)
    assert (wang.status, wang.overridden, wang.note) == ("completed", True, "补学合格")


def test_removing_from_the_roster(client_as, cast):
    row = course(cast, people=("zhang",))
    zhang = Enrollment.objects.get(course=row)

    client_as("committee_secretary").post(f"/meetings/courses/{row.pk}/enrollments/{zhang.pk}/remove/")

    assert not Enrollment.objects.filter(course=row).exists()


def test_the_roster_export_holds_attendance_and_completion(cast):
    row = course(cast, people=("zhang", "wang"))
    session(cast, row, MARCH, absent=("王芳",), hours="3")
    session(cast, row, MARCH + datetime.timedelta(days=7), hours="1")
    from tuanwu.meetings.services.courses import course_complete_met

    course_complete_met(actor=cast.users["committee_secretary"], course=row)

    data, name, count = course_roster_export(actor=cast.users["county_admin"], params={"course": str(row.pk)})

    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert count == 2 and name.startswith(f"班次学员名单-{row.title}-")
    assert rows[0][:2] == ["姓名", "所在组织"] and rows[0][4:7] == ["出席次数", "已办次数", "学时"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["王芳"][2:4] == ["缺席", "出席"]
    assert by_name["王芳"][4:7] == [1, 2, 1]
    assert by_name["张晓明"][8] == "已结业"


def test_the_export_refuses_a_course_outside_the_scope(cast):
    from django.core.exceptions import ValidationError

    row = course(cast, people=())

    with pytest.raises(ValidationError):
        course_roster_export(actor=cast.users["outsider"], params={"course": str(row.pk)})


def test_the_graduates_list_names_those_completed(client_as, cast):
    row = course(cast, people=("zhang", "wang"), required_sessions=1, required_hours=None)
    session(cast, row, MARCH, absent=("王芳",))
    from tuanwu.meetings.services.courses import course_complete_met

    course_complete_met(actor=cast.users["committee_secretary"], course=row)

    page = client_as("auditor").get(f"/meetings/courses/{row.pk}/graduates/")

    assert [e.person.name for e in page.context["rows"]] == ["张晓明"]


def test_the_member_sees_their_own_organizational_life(client_as, cast):
    record(cast.users["county_admin"], cast.branch, absent=("李华",))
    record(cast.users["county_admin"], cast.branch, Kind.LESSON, absent=("张晓明",), hours=1)
    row = course(cast, people=("zhang", "li"))
    session(cast, row, MARCH, hours="2")

    page = client_as("member").get("/meetings/my/?year=2026")

    life = page.context["life"]
    assert life.person == cast.people["zhang"]
    assert {a.person_id for a in life.attendance} == {cast.people["zhang"].pk}
    assert (life.present, life.absent) == (2, 1)
    assert life.lesson_hours_year == 2
    assert [(c.enrollment.course.title, c.progress.attended) for c in life.courses] == [("东湖镇第一期团校", 1)]
    assert "李华" not in page.content.decode()


def test_the_member_page_is_404_for_an_account_without_a_person(client_as, cast):
    assert client_as("county_admin").get("/meetings/my/").status_code == 404


def test_the_member_menu_offers_the_page(client_as, cast):
    from tuanwu.accounts.navigation import menu_for

    urls = {e["url"] for g in menu_for(cast.users["member"], None) for e in g["entries"]}
    admin_urls = {e["url"] for g in menu_for(cast.users["county_admin"], None) for e in g["entries"]}

    assert "/meetings/my/" in urls and "/meetings/courses/" not in urls
    assert "/meetings/my/" not in admin_urls and "/meetings/courses/" in admin_urls


def test_an_edit_on_a_stale_page_is_refused(client_as, cast):
    row = course(cast, people=())
    client = client_as("committee_secretary")
    fields = {"kind": "league_school", "title": "改名", "starts_on": "2026-03-01", "version": row.version}
    client.post(f"/meetings/courses/{row.pk}/edit/", fields)

    page = client.post(f"/meetings/courses/{row.pk}/edit/", {**fields, "title": "再改名"})

    row.refresh_from_db()
    assert page.status_code == 200 and row.title == "改名"
    assert "EDIT_CONFLICT" in {e.code for e in page.context["form"].non_field_errors().as_data()}


def _queries(client, url, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("courses", [1, 6])
def test_the_list_keeps_to_its_query_budget(client_as, cast, django_assert_max_num_queries, courses):
    for i in range(courses):
        course(cast, title=f"第{i}期团校")
    client = client_as("committee_secretary")

    _queries(client, "/meetings/courses/", django_assert_max_num_queries, 9)


@pytest.mark.parametrize("sessions", [1, 5])
def test_the_detail_keeps_to_its_query_budget(client_as, cast, django_assert_max_num_queries, sessions):
    row = course(cast)
    for i in range(sessions):
        session(cast, row, MARCH + datetime.timedelta(days=i))
    client = client_as("committee_secretary")

    _queries(client, f"/meetings/courses/{row.pk}/", django_assert_max_num_queries, 11)
