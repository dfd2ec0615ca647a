"""Check-in by QR code or typed code: in, out, and nothing more; only for approved volunteers in time."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tuanwu.volunteering import selectors
from tuanwu.volunteering.models import Signup
from tuanwu.volunteering.selectors import activity_by_checkin, checkin_offer
from tuanwu.volunteering.services.activities import activity_finish, activity_rotate_code
from tuanwu.volunteering.services.signups import checkin_scan, signup_decide

from .factories import activity, approved, at, signup, state

HOUR = datetime.timedelta(hours=1)


def scan(cast, event, now, account="member"):
    return checkin_scan(actor=cast.users[account], activity=event, now=now)


def test_first_scan_checks_in_and_second_checks_out(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    approved(cast, event, "zhang")

    first = scan(cast, event, at(0, 8, 50))
    second = scan(cast, event, at(0, 12, 5))

    assert (first.checked_in_at, first.checked_out_at) == (at(0, 8, 50), None)
    row = Signup.objects.get(pk=second.pk)
    assert (row.checked_in_at, row.checked_out_at) == (at(0, 8, 50), at(0, 12, 5))


def test_a_third_scan_is_refused(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    approved(cast, event, "zhang")
    scan(cast, event, at(0, 9))
    scan(cast, event, at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        scan(cast, event, at(0, 12, 10))

    assert error.value.code == "CHECKIN_DONE"
    assert state() == before


@pytest.mark.parametrize("decision", ["pending", "declined", "none"])
def test_a_volunteer_who_is_not_approved_cannot_check_in(cast, decision):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    if decision != "none":
        row = signup(cast, event, "zhang")
        if decision == "declined":
            signup_decide(actor=secretary, signup=row, approve=False, reason="名额已满")
    before = state()

    with pytest.raises(ValidationError) as error:
        scan(cast, event, at(0, 9))

    assert error.value.code == "CHECKIN_NOT_APPROVED"
    assert state() == before


@pytest.mark.parametrize(
    "when",
    [at(0, 9) - HOUR - datetime.timedelta(minutes=1), at(0, 12) + HOUR + datetime.timedelta(minutes=1)],
    ids=["too-early", "too-late"],
)
def test_scanning_outside_the_window_is_refused(cast, when):
    event = activity(cast.users["committee_secretary"], cast.town)
    approved(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        scan(cast, event, when)

    assert error.value.code == "CHECKIN_OUTSIDE_WINDOW"
    assert state() == before


@pytest.mark.parametrize("when", [at(0, 8), at(0, 13)], ids=["an-hour-early", "an-hour-late"])
def test_scanning_up_to_an_hour_outside_the_activity_is_accepted(cast, when):
    event = activity(cast.users["committee_secretary"], cast.town)
    approved(cast, event, "zhang")

    row = scan(cast, event, when)

    assert row.checked_in_at == when


def test_a_finished_activity_takes_no_check_in(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    approved(cast, event, "zhang")
    event = activity_finish(actor=secretary, activity=event)
    before = state()

    with pytest.raises(ValidationError) as error:
        scan(cast, event, at(0, 9))

    assert error.value.code == "CHECKIN_CLOSED"
    assert state() == before


def test_the_activity_is_found_by_its_qr_token(cast):
    event = activity(cast.users["committee_secretary"], cast.town)

    assert activity_by_checkin(event.checkin_token) == event


def test_the_activity_is_found_by_its_six_digit_code(cast):
    event = activity(cast.users["committee_secretary"], cast.town)

    found = activity_by_checkin(f" {event.checkin_code} ")

    assert found == event
    assert len(event.checkin_code) == 6
    assert event.checkin_code.isdigit()


@pytest.mark.parametrize("key", ["", "   ", None, "000000x", "not-a-token"])
def test_an_unknown_or_empty_key_finds_nothing(cast, key):
    activity(cast.users["committee_secretary"], cast.town)

    assert activity_by_checkin(key) is None


def test_rotating_the_code_retires_the_old_one(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    old_token, old_code = event.checkin_token, event.checkin_code

    rotated = activity_rotate_code(actor=secretary, activity=event)

    assert activity_by_checkin(old_token) is None
    assert activity_by_checkin(rotated.checkin_token) == event
    assert activity_by_checkin(rotated.checkin_code) == event
    assert rotated.checkin_code != old_code or rotated.checkin_token != old_token


def test_a_check_out_sooner_than_the_county_minimum_is_refused(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    approved(cast, event, "zhang")
    scan(cast, event, at(0, 9))
    before = state()

    with pytest.raises(ValidationError) as error:
        scan(cast, event, at(0, 9, 14))

    assert error.value.code == "CHECKOUT_TOO_SOON"
    assert "09:15" in " ".join(error.value.messages)
    assert state() == before


def test_a_check_out_at_the_county_minimum_is_taken(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    approved(cast, event, "zhang")
    scan(cast, event, at(0, 9))

    row = scan(cast, event, at(0, 9, 15))

    assert row.checked_out_at == at(0, 9, 15)


def test_the_check_in_page_of_a_future_activity_says_when_it_opens_and_offers_no_button(cast, client):
    event = activity(cast.users["committee_secretary"], cast.town)
    approved(cast, event, "zhang")
    client.force_login(cast.users["member"])

    page = client.get(f"/volunteering/checkin/{event.checkin_token}/").content.decode()

    assert 'data-testid="checkin-opens"' in page
    assert 'data-testid="checkin-button"' not in page


def test_checking_out_asks_for_confirmation(cast, client, monkeypatch):
    event = activity(cast.users["committee_secretary"], cast.town)
    approved(cast, event, "zhang")
    scan(cast, event, at(0, 9))
    offer = checkin_offer(event, Signup.objects.get(activity=event), now=at(0, 10))
    assert offer.can_scan

    monkeypatch.setattr(selectors, "timezone", SimpleNamespace(now=lambda: at(0, 10), localtime=timezone.localtime))
    client.force_login(cast.users["member"])
    page = client.get(f"/volunteering/checkin/{event.checkin_token}/").content.decode()

    assert 'data-testid="checkin-button"' in page
    assert "data-confirm=" in page
