"""Confirming attendance records hours in the ledger; certifying makes them count."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.volunteering.models import HourEntry, Signup
from tuanwu.volunteering.services.activities import activity_cancel, activity_update
from tuanwu.volunteering.services.ledger import activity_certify, attendance_confirm
from tuanwu.volunteering.services.signups import checkin_scan

from .factories import activity, approved, at, signup, state


def test_confirming_without_times_records_the_whole_activity(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = approved(cast, event, "zhang")

    attendance_confirm(actor=secretary, signup=row, present=True)

    entry = HourEntry.objects.get(signup=row)
    assert (entry.hours, entry.started_at, entry.ended_at) == (Decimal("3"), at(0, 9), at(0, 12))
    assert (entry.person, entry.organization, entry.organizer, entry.activity) == (
        cast.people["zhang"],
        cast.branch,
        cast.town,
        event,
    )
    assert (entry.source, entry.status, entry.service_date, entry.recorded_by) == (
        HourEntry.Source.ACTIVITY,
        HourEntry.Status.RECORDED,
        at(0, 9).date(),
        secretary,
    )


def test_confirming_uses_the_scanned_times(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = approved(cast, event, "zhang")
    checkin_scan(actor=cast.users["member"], activity=event, now=at(0, 9, 10))
    checkin_scan(actor=cast.users["member"], activity=event, now=at(0, 11, 15))

    attendance_confirm(actor=secretary, signup=row, present=True)

    entry = HourEntry.objects.get(signup=row)
    assert (entry.started_at, entry.ended_at, entry.hours) == (at(0, 9, 10), at(0, 11, 15), Decimal("2"))


def test_confirming_after_an_early_check_in_and_late_check_out_counts_the_activity_time(cast):
    # Scans are accepted up to an hour outside the activity (workflow.CHECKIN_EARLY); the hours are not.
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = approved(cast, event, "zhang")
    checkin_scan(actor=cast.users["member"], activity=event, now=at(0, 8, 30))
    checkin_scan(actor=cast.users["member"], activity=event, now=at(0, 12, 40))

    attendance_confirm(actor=secretary, signup=row, present=True)

    entry = HourEntry.objects.get(signup=row)
    assert (entry.started_at, entry.ended_at, entry.hours) == (at(0, 9), at(0, 12), Decimal("3"))


def test_confirming_absent_records_no_hours(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = approved(cast, event, "zhang")

    confirmed = attendance_confirm(actor=secretary, signup=row, present=False)

    assert confirmed.attendance == Signup.Attendance.ABSENT
    assert not HourEntry.objects.exists()


def test_confirming_a_pending_sign_up_is_refused(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = signup(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=row, present=True)

    assert error.value.code == "SIGNUP_NOT_APPROVED"
    assert state() == before


def test_less_than_one_counting_step_is_refused(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = approved(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=row, present=True, start=at(0, 9), end=at(0, 9, 29))

    assert error.value.code == "HOURS_TOO_SHORT"
    assert state() == before


@pytest.mark.parametrize(("name", "refusal"), [("outsider", Http404), ("auditor", PermissionDenied)])
def test_confirming_outside_the_organizers_management_is_refused(cast, name, refusal):
    event = activity(cast.users["committee_secretary"], cast.town)
    row = approved(cast, event, "zhang")
    before = state()

    with pytest.raises(refusal):
        attendance_confirm(actor=cast.users[name], signup=row, present=True)

    assert state() == before


def test_certifying_certifies_every_recorded_entry_of_the_activity(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    for name in ("zhang", "li"):
        attendance_confirm(actor=secretary, signup=approved(cast, event, name), present=True)

    count = activity_certify(actor=secretary, activity=event)

    assert count == 2
    assert set(HourEntry.objects.values_list("status", "certified_by")) == {(HourEntry.Status.CERTIFIED, secretary.pk)}
    assert activity_certify(actor=secretary, activity=event) == 0


def test_an_activity_with_hours_cannot_be_cancelled(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    attendance_confirm(actor=secretary, signup=approved(cast, event, "zhang"), present=True)
    before = state()

    with pytest.raises(ValidationError) as error:
        activity_cancel(actor=secretary, activity=event)

    assert error.value.code == "ACTIVITY_HAS_HOURS"
    assert state() == before


def test_the_window_cannot_shrink_below_recorded_hours(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    attendance_confirm(actor=secretary, signup=approved(cast, event, "zhang"), present=True)
    before = state()

    with pytest.raises(ValidationError) as error:
        activity_update(actor=secretary, activity=event, starts_at=at(0, 10))

    assert error.value.code == "WINDOW_EXCLUDES_HOURS"
    assert state() == before
