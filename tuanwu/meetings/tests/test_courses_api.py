import datetime

import pytest

from tuanwu.meetings.models import Course, Enrollment

from .courses_factories import course, session

pytestmark = pytest.mark.django_db


def test_the_list_and_detail_carry_roster_and_progress(client_as, cast):
    row = course(cast, people=("zhang",))
    session(cast, row, datetime.date(2026, 3, 10), hours="2")
    client = client_as("committee_secretary")

    listed = client.get("/api/v1/meetings/courses", {"year": 2026}).json()
    detail = client.get(f"/api/v1/meetings/courses/{row.pk}").json()

    assert listed["count"] == 1 and listed["items"][0]["enrolled"] == 1 and listed["items"][0]["held"] == 1
    assert detail["roster"][0]["person_name"] == "张晓明"
    assert detail["roster"][0]["progress"] == {"attended": 1, "hours": "2.0", "held": 1, "meets_rule": False}
    assert detail["roster"][0]["marks"] == ["present"]


@pytest.mark.parametrize(
    "role, expected", [("committee_secretary", 201), ("county_admin", 201), ("branch_secretary", 404), ("auditor", 404)]
)
def test_enrolling_through_the_api(client_as, cast, role, expected):
    row = course(cast, people=())

    response = client_as(role).post(
        f"/api/v1/meetings/courses/{row.pk}/enrollments",
        {"person_ids": [cast.people["wang"].pk]},
        content_type="application/json",
    )

    assert response.status_code == expected
    assert Enrollment.objects.filter(course=row).count() == (1 if expected == 201 else 0)


def test_enrolling_someone_outside_answers_like_a_missing_person(client_as, cast):
    row = course(cast, people=())
    client = client_as("committee_secretary")

    outside = client.post(
        f"/api/v1/meetings/courses/{row.pk}/enrollments",
        {"person_ids": [cast.people["zhao"].pk]},
        content_type="application/json",
    )

    assert outside.status_code == 422 and outside.json()["code"] == "ENROLLEE_OUTSIDE"
    assert "赵磊" not in outside.content.decode()
    assert Enrollment.objects.filter(course=row).count() == 0


def test_completing_by_decision_through_the_api(client_as, cast):
    row = course(cast, people=("wang",))
    client = client_as("committee_secretary")
    url = f"/api/v1/meetings/courses/{row.pk}/complete"

    refused = client.post(url, {"person_id": cast.people["wang"].pk}, content_type="application/json")
    body = {"person_id": cast.people["wang"].pk, "override": True, "reason": "补学合格"}
    done = client.post(url, body, content_type="application/json")

    assert refused.status_code == 422 and refused.json()["code"] == "COMPLETION_RULE_NOT_MET"
    line = done.json()["roster"][0]
    assert (line["status"], line["overridden"], line["reason"]) == ("completed", True, "补学合格")


def test_opening_a_course_through_the_api(client_as, cast):
    response = client_as("committee_secretary").post(
        "/api/v1/meetings/courses",
        {"organization_id": cast.town.pk, "title": "培训班", "kind": "training", "starts_on": "2026-05-01"},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert Course.objects.get().kind == "training"


def test_my_organizational_life_through_the_api(client_as, cast):
    row = course(cast, people=("zhang", "li"))
    session(cast, row, datetime.date(2026, 3, 10), absent=("李华",), hours="2")

    mine = client_as("member").get("/api/v1/meetings/my", {"year": 2026}).json()
    nobody = client_as("county_admin").get("/api/v1/meetings/my")

    assert (mine["present"], mine["absent"], mine["lesson_hours_year"]) == (1, 0, "2.0")
    assert [m["topic"] for m in mine["meetings"]] == ["第10课"]
    assert mine["courses"][0]["progress"]["attended"] == 1
    assert nobody.status_code == 404
