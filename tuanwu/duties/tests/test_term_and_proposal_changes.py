"""The county corrects a term's name and dates, and moves a proposal on (submitted → adopted → handled) from the
person's year page; the member and other committees cannot."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from tuanwu.duties import services
from tuanwu.duties.models import DutyRecord, Term

from .factories import duty, mandate, term

D = datetime.date


@pytest.fixture
def seat(cast):
    t = term(cast.county)
    zhang = mandate(t, cast.people["zhang"])
    proposal = duty(zhang, D(2025, 4, 1), kind="proposal", title="关于青年就业的提案", proposal_status="submitted")
    return t, zhang, proposal


def test_the_county_renames_and_redates_its_term(client_as, seat):
    t, _, _ = seat

    response = client_as("county_admin").post(
        f"/duties/terms/{t.pk}/edit/",
        {"name": "共青团青禾县第十六次代表大会", "starts_on": "2023-05-01", "ends_on": "2028-05-01"},
    )

    assert response.status_code == 302
    t.refresh_from_db()
    assert (t.name, t.starts_on, t.ends_on) == ("共青团青禾县第十六次代表大会", D(2023, 5, 1), D(2028, 5, 1))
    assert LogEntry.objects.get_for_object(t).filter(action=LogEntry.Action.UPDATE).count() == 1


def test_the_edit_page_and_button_are_there_for_the_county(client_as, seat):
    t, _, _ = seat
    client = client_as("county_admin")

    assert f"/duties/terms/{t.pk}/edit/" in client.get(f"/duties/terms/{t.pk}/").content.decode()
    assert client.get(f"/duties/terms/{t.pk}/edit/").status_code == 200


def test_a_term_starting_after_its_seats_is_refused(cast, seat):
    t, _, _ = seat
    logged = LogEntry.objects.count()

    with pytest.raises(ValidationError) as e:
        services.term_update(actor=cast.users["county_admin"], term=t, name=t.name, starts_on=D(2024, 1, 1))

    assert e.value.code == "TERM_MANDATES_OUTSIDE"
    assert Term.objects.get().starts_on == D(2023, 5, 4) and LogEntry.objects.count() == logged


def test_a_term_ending_before_it_starts_is_refused(cast, seat):
    t, _, _ = seat

    with pytest.raises(ValidationError) as e:
        services.term_update(
            actor=cast.users["county_admin"], term=t, name=t.name, starts_on=D(2023, 5, 4), ends_on=D(2023, 1, 1)
        )

    assert e.value.error_dict["ends_on"][0].code == "TERM_ENDS_BEFORE_START"


@pytest.mark.parametrize("role, status", [("committee_secretary", 404), ("auditor", 403), ("member", 404)])
def test_others_cannot_edit_the_term(client_as, seat, role, status):
    t, _, _ = seat

    response = client_as(role).post(f"/duties/terms/{t.pk}/edit/", {"name": "改名", "starts_on": "2023-05-04"})

    assert response.status_code == status
    assert Term.objects.get().name == "共青团青禾县第十五次代表大会"


def test_the_county_adopts_then_handles_a_proposal_from_the_year_page(client_as, seat):
    _, zhang, proposal = seat
    client = client_as("county_admin")
    page = client.get(f"/duties/people/{zhang.person_id}/?year=2025").content.decode()

    client.post(f"/duties/proposals/{proposal.pk}/adopt/")
    adopted = DutyRecord.objects.get().proposal_status
    client.post(f"/duties/proposals/{proposal.pk}/handle/")

    assert f"/duties/proposals/{proposal.pk}/adopt/" in page and f"/duties/proposals/{proposal.pk}/handle/" in page
    assert adopted == "adopted" and DutyRecord.objects.get().proposal_status == "handled"


def test_a_handled_proposal_is_not_adopted_again(cast, seat):
    _, _, proposal = seat
    services.proposal_handle(actor=cast.users["county_admin"], record=proposal)

    with pytest.raises(ValidationError) as e:
        services.proposal_adopt(actor=cast.users["county_admin"], record=proposal)

    assert e.value.code == "PROPOSAL_TRANSITION"
    assert DutyRecord.objects.get().proposal_status == "handled"


def test_a_meeting_is_no_proposal(client_as, seat):
    _, zhang, _ = seat
    meeting = duty(zhang, D(2025, 3, 1))

    response = client_as("county_admin").post(f"/duties/proposals/{meeting.pk}/adopt/")

    assert response.status_code == 404
    assert DutyRecord.objects.get(pk=meeting.pk).proposal_status == ""


@pytest.mark.parametrize("role", ["member", "committee_secretary", "auditor"])
def test_the_member_and_others_cannot_move_a_proposal(client_as, seat, role):
    _, zhang, proposal = seat

    response = client_as(role).post(f"/duties/proposals/{proposal.pk}/adopt/")
    page = client_as(role).get(f"/duties/people/{zhang.person_id}/?year=2025").content.decode()

    assert response.status_code == 404
    assert DutyRecord.objects.get().proposal_status == "submitted"
    assert "/adopt/" not in page
