"""The age-out list and the lapse proposals page, for the branch, the committee and the county."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import member
from tuanwu.core.dates import add_months, add_years
from tuanwu.lifecycle.models import LapseProposal
from tuanwu.lifecycle.services import exits as services
from tuanwu.people.models import Membership


@pytest.fixture
def old(cast):
    return member(cast.branch, "钱进", birth_date=add_months(add_years(timezone.localdate(), -28), -1))


@pytest.mark.parametrize("role", ["branch_secretary", "committee_secretary", "county_admin"])
def test_the_age_out_list_shows_the_member_and_the_date(client_as, cast, old, role):
    body = client_as(role).get("/lifecycle/exits/age-out/").content.decode()

    assert "钱进" in body
    assert add_years(old.birth_date, 28).isoformat() in body


def test_one_click_requests_the_age_out(client_as, cast, old):
    response = client_as("branch_secretary").post(
        f"/lifecycle/exits/age-out/{old.pk}/request/", {"organization": cast.branch.pk}
    )

    assert response.status_code == 302
    assert Membership.objects.get(person=old).status == "age_out_pending"


def test_another_committee_cannot_request_the_age_out(client_as, cast, old):
    response = client_as("outsider").post(f"/lifecycle/exits/age-out/{old.pk}/request/")

    assert response.status_code == 404
    assert Membership.objects.get(person=old).status == "normal"


def test_the_age_out_list_of_another_committee_is_404(client_as, cast, old):
    assert client_as("outsider").get(f"/lifecycle/exits/age-out/?organization={cast.town.pk}").status_code == 404


def test_the_lapse_page_lists_candidates_and_a_proposal_is_made(client_as, cast):
    client = client_as("branch_secretary")
    assert "张晓明" in client.get("/lifecycle/exits/lapse/").content.decode()

    response = client.post("/lifecycle/exits/lapse/propose/", {"person": cast.people["zhang"].pk})

    proposal = LapseProposal.objects.get()
    assert response["Location"] == f"/lifecycle/exits/lapse/{proposal.pk}/"
    assert proposal.person == cast.people["zhang"]


def test_the_branch_meeting_decision_requests_the_lapse(client_as, cast):
    proposal = services.lapse_propose(actor=cast.users["branch_secretary"], person=cast.people["zhang"])
    long_ago = add_months(timezone.localdate(), -8).isoformat()

    response = client_as("branch_secretary").post(
        f"/lifecycle/exits/lapse/{proposal.pk}/decide/",
        {
            "meeting_on": timezone.localdate().isoformat(),
            "last_dues_on": long_ago,
            "last_org_life_on": long_ago,
            "version": proposal.version,
        },
    )

    assert response.status_code == 302
    assert Membership.objects.get(person=cast.people["zhang"]).status == "lapse_pending"


def test_a_recent_dues_date_is_refused_beside_the_field(client_as, cast):
    proposal = services.lapse_propose(actor=cast.users["branch_secretary"], person=cast.people["zhang"])
    today = timezone.localdate()

    response = client_as("branch_secretary").post(
        f"/lifecycle/exits/lapse/{proposal.pk}/decide/",
        {
            "meeting_on": today.isoformat(),
            "last_dues_on": (today - datetime.timedelta(days=10)).isoformat(),
            "last_org_life_on": add_months(today, -8).isoformat(),
            "version": proposal.version,
        },
    )

    assert response.status_code == 422
    assert Membership.objects.get(person=cast.people["zhang"]).status == "normal"
    assert LapseProposal.objects.get().status == "proposed"


def test_another_committee_cannot_open_a_proposal(client_as, cast):
    proposal = services.lapse_propose(actor=cast.users["branch_secretary"], person=cast.people["zhang"])

    assert client_as("outsider").get(f"/lifecycle/exits/lapse/{proposal.pk}/").status_code == 404
