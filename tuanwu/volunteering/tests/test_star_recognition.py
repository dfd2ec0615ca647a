"""Stars: hours make a volunteer *eligible* for a star level (符合X星条件); a volunteer *is* a star volunteer
(已认定X星) only when the recognition is recorded with the body that recognized it and the date."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from python_calamine import CalamineWorkbook

from tuanwu.volunteering.models import StarRecognition
from tuanwu.volunteering.selectors import organization_summary, person_summary
from tuanwu.volunteering.services.stars import star_recognition_record

from .factories import ledger_entry

BODY = "青禾县志愿服务联合会"


@pytest.fixture
def hours(cast):
    """张晓明 has 650 certified hours: eligible for three stars, recognized for none."""
    ledger_entry(cast.people["zhang"], timezone.localdate() - datetime.timedelta(days=40), 400, organizer=cast.town)
    ledger_entry(cast.people["zhang"], timezone.localdate() - datetime.timedelta(days=10), 250, organizer=cast.town)
    return cast


def record(cast, stars=3, body=BODY, on=None, actor="committee_secretary"):
    return star_recognition_record(
        actor=cast.users[actor],
        person=cast.people["zhang"],
        stars=stars,
        body=body,
        recognized_on=on or timezone.localdate() - datetime.timedelta(days=2),
    )


def test_hours_make_a_volunteer_eligible_not_recognized(hours):
    summary = person_summary(hours.people["zhang"].pk)

    assert (summary["eligible_stars"], summary["recognized"]) == (3, None)


def test_a_recorded_recognition_is_shown_with_its_body_and_date(hours):
    on = timezone.localdate() - datetime.timedelta(days=2)

    recognition = record(hours, on=on)

    assert (recognition.stars, recognition.body, recognition.recognized_on, recognition.recorded_by) == (
        3,
        BODY,
        on,
        hours.users["committee_secretary"],
    )
    recognized = person_summary(hours.people["zhang"].pk)["recognized"]
    assert (recognized.stars, recognized.body, recognized.recognized_on) == (3, BODY, on)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"stars": 4}, "STARS_ABOVE_HOURS"),
        ({"stars": 0}, "STARS_RANGE"),
        ({"body": " "}, "BODY_REQUIRED"),
        ({"on": timezone.localdate() + datetime.timedelta(days=1)}, "DATE_IN_FUTURE"),
    ],
)
def test_a_recognition_is_refused_without_the_hours_body_or_a_real_date(hours, fields, code):
    with pytest.raises(ValidationError) as refused:
        record(hours, **fields)

    assert refused.value.code == code
    assert not StarRecognition.objects.exists()


@pytest.mark.parametrize("actor", ["branch_secretary", "member", "outsider", "auditor"])
def test_only_those_who_manage_volunteering_in_scope_record_a_recognition(hours, actor):
    if actor == "branch_secretary":
        hours.people["zhang"].organization = hours.branch2
        hours.people["zhang"].save()
    with pytest.raises((Http404, PermissionDenied)):
        record(hours, actor=actor)
    assert not StarRecognition.objects.exists()


def test_the_volunteer_page_says_eligible_until_recognized_and_has_the_form_for_managers(client_as, hours):
    url = f"/volunteering/people/{hours.people['zhang'].pk}/"

    html = client_as("committee_secretary").get(url).content.decode()
    assert "符合3星条件" in html
    assert "已认定" not in html and "3星志愿者" not in html
    assert 'data-testid="star-form"' in html
    assert 'data-testid="star-form"' not in client_as("auditor").get(url).content.decode()

    response = client_as("committee_secretary").post(
        f"/volunteering/people/{hours.people['zhang'].pk}/stars/",
        {"stars": "3", "body": BODY, "recognized_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
    )

    assert response.status_code == 302
    html = client_as("committee_secretary").get(url).content.decode()
    assert "已认定3星" in html and BODY in html and "符合3星条件" in html


def test_outside_the_scope_the_star_form_is_refused_and_nothing_is_written(client_as, hours):
    response = client_as("outsider").post(
        f"/volunteering/people/{hours.people['zhang'].pk}/stars/",
        {"stars": "3", "body": BODY, "recognized_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 404
    assert not StarRecognition.objects.exists()


def test_the_volunteer_own_page_shows_eligible_and_recognized_separately(client_as, hours):
    html = client_as("member").get("/volunteering/me/").content.decode()
    assert "符合3星条件" in html and "已认定" not in html

    record(hours, stars=2)
    html = client_as("member").get("/volunteering/me/").content.decode()
    assert "符合3星条件" in html and "已认定2星" in html


def test_the_api_gives_eligible_and_recognized_stars_separately(client_as, hours):
    url = f"/api/v1/volunteering/people/{hours.people['zhang'].pk}/hours"
    before = client_as("committee_secretary").get(url).json()
    on = timezone.localdate() - datetime.timedelta(days=2)
    record(hours, stars=2, on=on)
    after = client_as("committee_secretary").get(url).json()

    assert (before["eligible_stars"], before["recognized_stars"], before["recognized_by"]) == (3, None, None)
    assert (after["eligible_stars"], after["recognized_stars"]) == (3, 2)
    assert (after["recognized_by"], after["recognized_on"]) == (BODY, on.isoformat())
    assert "stars" not in after


def test_the_numbers_count_eligible_and_recognized_separately(client_as, hours):
    record(hours, stars=2)
    summary = organization_summary(hours.county, timezone.localdate().year)

    assert [s["eligible"] for s in summary["stars"]] == [0, 0, 1, 0, 0]
    assert [s["recognized"] for s in summary["stars"]] == [0, 1, 0, 0, 0]
    html = client_as("county_admin").get("/volunteering/stats/").content.decode()
    assert "星级志愿者" not in html
    assert "符合星级条件" in html and "已认定星级" in html


def test_the_ledger_export_has_a_star_sheet_with_both(client_as, hours):
    record(hours, stars=2)
    response = client_as("county_admin").post("/jobs/exports/volunteer-hours/")
    data = b"".join(response.streaming_content) if response.streaming else response.content

    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(1).to_python()

    assert rows[0][:7] == [
        "姓名",
        "志愿者编号",
        "累计认证时长（小时）",
        "符合星级条件",
        "已认定星级",
        "认定单位",
        "认定日期",
    ]
    zhang = next(r for r in rows[1:] if r[0] == "张晓明")
    assert zhang[2:6] == [650.0, "3星", "2星", BODY]
