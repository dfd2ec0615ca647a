"""The meetings API: the list and one meeting through the page's selector and filter, recording, correcting and
deleting through the same services, errors in the house format, outside scope 404."""

import datetime

import pytest

from tuanwu.meetings.models import Meeting, PartyBranch, PartyMember
from tuanwu.meetings.services.meetings import Present, meeting_record
from tuanwu.meetings.tests.factories import record

pytestmark = pytest.mark.django_db
URL = "/api/v1/meetings/"


@pytest.fixture
def theme_day(cast):
    return record(cast.users["branch_secretary"], cast.branch, topic="二月主题团日", absent=("李华",))


def test_list_is_paginated_and_filtered_like_the_page(client_as, cast, theme_day):
    record(cast.users["committee_secretary"], cast.branch2, "group_meeting", topic="团小组会")
    client = client_as("committee_secretary")

    everything = client.get(URL).json()
    themed = client.get(URL, {"kind": "theme_day"}).json()

    assert everything["count"] == 2
    assert [(m["topic"], m["kind"]) for m in themed["items"]] == [("二月主题团日", "theme_day")]
    assert themed["items"][0]["organization_name"] == "东湖村团支部"


@pytest.mark.parametrize("name", ["member"])
def test_list_is_not_found_for_a_member(client_as, cast, theme_day, name):
    response = client_as(name).get(URL)

    assert (response.status_code, response.json()["code"]) == (404, "NOT_FOUND")


def test_detail_has_the_attendance(client_as, cast, theme_day):
    body = client_as("branch_secretary").get(f"{URL}{theme_day.pk}").json()

    assert [(a["person_name"], a["status"], a["reason"]) for a in body["attendance"]] == [
        ("李华", "absent", "出差"),
        ("张晓明", "present", ""),
    ]


def test_detail_is_not_found_outside_scope(client_as, cast, theme_day):
    response = client_as("outsider").get(f"{URL}{theme_day.pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "NOT_FOUND"}


def test_post_records_from_the_roster_with_everyone_present_by_default(client_as, cast):
    response = client_as("branch_secretary").post(
        URL,
        {"organization_id": cast.branch.pk, "kind": "theme_day", "held_on": "2026-03-10", "topic": "三月主题团日"},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert sorted((a["person_name"], a["status"]) for a in response.json()["attendance"]) == [
        ("张晓明", "present"),
        ("李华", "present"),
    ]


def test_post_refuses_an_absence_without_reason_in_the_error_format(client_as, cast):
    response = client_as("branch_secretary").post(
        URL,
        {
            "organization_id": cast.branch.pk,
            "kind": "theme_day",
            "held_on": "2026-03-10",
            "topic": "三月主题团日",
            "attendance": [{"person_id": cast.people["li"].pk, "status": "absent"}],
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "MEETING_INVALID"
    assert not Meeting.objects.exists()


def test_post_refuses_an_attendee_off_the_roll_without_naming_them(client_as, cast):
    wang = cast.people["wang"]
    response = client_as("branch_secretary").post(
        URL,
        {
            "organization_id": cast.branch.pk,
            "kind": "theme_day",
            "held_on": "2026-03-10",
            "topic": "三月主题团日",
            "attendance": [{"person_id": wang.pk}],
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "ATTENDEE_OUTSIDE"
    assert "王芳" not in response.json()["detail"]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("name", ["cadre", "outsider"])
def test_post_for_an_organization_outside_what_one_records_is_not_found(client_as, cast, name):
    response = client_as(name).post(
        URL,
        {"organization_id": cast.branch.pk, "kind": "theme_day", "held_on": "2026-03-10", "topic": "三月主题团日"},
        content_type="application/json",
    )

    assert response.status_code == 404
    assert not Meeting.objects.exists()


def test_patch_corrects_and_a_stale_version_is_refused(client_as, cast, theme_day):
    client = client_as("branch_secretary")

    ok = client.patch(f"{URL}{theme_day.pk}", {"version": 1, "topic": "改后"}, content_type="application/json")
    stale = client.patch(f"{URL}{theme_day.pk}", {"version": 1, "topic": "再改"}, content_type="application/json")

    assert (ok.status_code, ok.json()["topic"], ok.json()["version"]) == (200, "改后", 2)
    assert (stale.status_code, stale.json()["code"]) == (422, "EDIT_CONFLICT")
    assert Meeting.objects.get().topic == "改后"


def test_patch_and_delete_are_not_found_for_a_viewer(client_as, cast, theme_day):
    client = client_as("auditor")

    assert (
        client.patch(f"{URL}{theme_day.pk}", {"version": 1, "topic": "改"}, content_type="application/json").status_code
        == 404
    )
    assert client.delete(f"{URL}{theme_day.pk}").status_code == 404
    assert Meeting.objects.get().topic == "二月主题团日"


def test_delete_removes_the_meeting(client_as, cast, theme_day):
    response = client_as("branch_secretary").delete(f"{URL}{theme_day.pk}")

    assert response.status_code == 204
    assert not Meeting.objects.exists()


def test_party_meetings_are_invisible_to_the_committee_secretary(client_as, cast):
    party = PartyBranch.objects.create(organization=cast.county, name="团县委机关党支部")
    PartyMember.objects.create(
        branch=party, person=cast.people["li"], post=PartyMember.Post.SECRETARY, joined_on=datetime.date(2020, 1, 1)
    )
    meeting = meeting_record(
        actor=cast.users["branch_secretary"],
        organization=cast.county,
        party_branch=party,
        kind="party_lesson",
        held_on=datetime.date(2026, 3, 1),
        topic="党课",
        attendance=[Present(cast.people["li"])],
    )
    client = client_as("committee_secretary")

    assert client.get(URL).json()["count"] == 0
    assert client.get(f"{URL}{meeting.pk}").status_code == 404
    assert client_as("branch_secretary").get(URL).json()["items"][0]["topic"] == "党课"
