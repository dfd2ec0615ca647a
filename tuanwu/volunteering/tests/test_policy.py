"""The county's policy: how attendance rounds into hours, and the most hours a record may hold per day."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.organizations.policy import policy_for, policy_set
from tuanwu.volunteering.models import HourEntry, VolunteerPolicy
from tuanwu.volunteering.rules import hours_between
from tuanwu.volunteering.services.ledger import attendance_confirm

from .factories import YEAR, activity, approved, at, state

START = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)


def minutes(n: int) -> tuple[datetime.datetime, datetime.datetime]:
    return START, START + datetime.timedelta(minutes=n)


@pytest.mark.parametrize(
    ("served", "hours"),
    [(29, "0"), (30, "0.5"), (59, "0.5"), (89, "1"), (90, "1.5"), (119, "1.5"), (120, "2"), (185, "3")],
)
def test_the_default_policy_counts_whole_half_hours_rounding_down(served, hours):
    policy = VolunteerPolicy()

    assert hours_between(*minutes(served), policy) == Decimal(hours)


@pytest.mark.parametrize(
    ("served", "hours"),
    [(7, "0"), (8, "0.25"), (22, "0.25"), (23, "0.5"), (52, "0.75"), (53, "1"), (83, "1.5"), (97, "1.5")],
)
def test_a_quarter_hour_nearest_policy_rounds_to_the_nearest_quarter(served, hours):
    policy = VolunteerPolicy(rounding_minutes=15, rounding_mode=VolunteerPolicy.Rounding.NEAREST)

    assert hours_between(*minutes(served), policy) == Decimal(hours)


def test_seconds_below_a_minute_do_not_count(cast):
    policy = VolunteerPolicy(rounding_minutes=1)

    hours = hours_between(START, START + datetime.timedelta(minutes=100, seconds=59), policy)

    assert hours == Decimal("1.67")


def test_the_default_policy_applies_when_the_county_set_none(cast):
    policy = policy_for(VolunteerPolicy, cast.branch, YEAR)

    assert (policy.pk, policy.organization, policy.rounding_minutes, policy.rounding_mode) == (
        None,
        cast.county,
        30,
        VolunteerPolicy.Rounding.DOWN,
    )
    assert policy.max_hours_per_day == Decimal("12")


def test_the_county_policy_applies_to_attendance_in_its_tree(cast):
    admin, secretary = cast.users["county_admin"], cast.users["committee_secretary"]
    policy_set(
        VolunteerPolicy,
        perm=MANAGE_VOLUNTEERING,
        actor=admin,
        county=cast.county,
        year=YEAR,
        rounding_minutes=15,
        rounding_mode=VolunteerPolicy.Rounding.NEAREST,
    )
    event = activity(secretary, cast.town)
    row = approved(cast, event, "zhang")

    attendance_confirm(actor=secretary, signup=row, present=True, start=at(0, 9), end=at(0, 10, 23))

    assert HourEntry.objects.get(signup=row).hours == Decimal("1.5")  # 83 minutes; 1 hour with the default


def test_a_policy_of_another_year_does_not_apply(cast):
    admin, secretary = cast.users["county_admin"], cast.users["committee_secretary"]
    policy_set(
        VolunteerPolicy, perm=MANAGE_VOLUNTEERING, actor=admin, county=cast.county, year=YEAR - 1, rounding_minutes=15
    )
    event = activity(secretary, cast.town)
    row = approved(cast, event, "zhang")

    attendance_confirm(actor=secretary, signup=row, present=True, start=at(0, 9), end=at(0, 10, 23))

    assert HourEntry.objects.get(signup=row).hours == Decimal("1")


def test_setting_the_policy_again_changes_it(cast):
    admin = cast.users["county_admin"]
    first = policy_set(
        VolunteerPolicy, perm=MANAGE_VOLUNTEERING, actor=admin, county=cast.county, year=YEAR, rounding_minutes=15
    )

    second = policy_set(
        VolunteerPolicy,
        perm=MANAGE_VOLUNTEERING,
        actor=admin,
        county=cast.county,
        year=YEAR,
        version=first.version,
        rounding_minutes=1,
    )

    assert second.pk == first.pk
    assert VolunteerPolicy.objects.get().rounding_minutes == 1


def test_a_stale_policy_form_is_refused(cast):
    admin = cast.users["county_admin"]
    first = policy_set(
        VolunteerPolicy, perm=MANAGE_VOLUNTEERING, actor=admin, county=cast.county, year=YEAR, rounding_minutes=15
    )
    policy_set(
        VolunteerPolicy,
        perm=MANAGE_VOLUNTEERING,
        actor=admin,
        county=cast.county,
        year=YEAR,
        version=first.version,
        rounding_minutes=1,
    )
    before = state()

    with pytest.raises(ValidationError) as error:
        policy_set(
            VolunteerPolicy,
            perm=MANAGE_VOLUNTEERING,
            actor=admin,
            county=cast.county,
            year=YEAR,
            version=first.version,
            rounding_minutes=60,
        )

    assert error.value.code == "EDIT_CONFLICT"
    assert state() == before


def test_only_the_county_sets_a_policy(cast):
    before = state()

    with pytest.raises(ValidationError) as error:
        policy_set(
            VolunteerPolicy,
            perm=MANAGE_VOLUNTEERING,
            actor=cast.users["county_admin"],
            county=cast.town,
            year=YEAR,
            rounding_minutes=15,
        )

    assert error.value.code == "POLICY_NOT_COUNTY"
    assert state() == before


def test_a_committee_secretary_cannot_set_the_county_policy(cast):
    before = state()

    with pytest.raises(Http404):
        policy_set(
            VolunteerPolicy,
            perm=MANAGE_VOLUNTEERING,
            actor=cast.users["committee_secretary"],
            county=cast.county,
            year=YEAR,
            rounding_minutes=15,
        )

    assert state() == before


def test_a_zero_rounding_step_is_refused(cast):
    before = state()

    with pytest.raises(ValidationError) as error:
        policy_set(
            VolunteerPolicy,
            perm=MANAGE_VOLUNTEERING,
            actor=cast.users["county_admin"],
            county=cast.county,
            year=YEAR,
            rounding_minutes=0,
        )

    assert list(error.value.error_dict) == ["__all__"]  # the check constraint volunteer_policy_step_positive
    assert state() == before


# Daily cap


def test_more_than_the_daily_limit_in_one_record_is_refused(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town, start=at(0, 6), end=at(0, 19))
    row = approved(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=row, present=True)

    assert error.value.code == "HOURS_OVER_DAILY_LIMIT"
    assert state() == before


def test_exactly_the_daily_limit_is_accepted(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town, start=at(0, 6), end=at(0, 18))
    row = approved(cast, event, "zhang")

    attendance_confirm(actor=secretary, signup=row, present=True)

    assert HourEntry.objects.get(signup=row).hours == Decimal("12")


def test_the_county_may_lower_the_daily_limit(cast):
    secretary = cast.users["committee_secretary"]
    policy_set(
        VolunteerPolicy,
        perm=MANAGE_VOLUNTEERING,
        actor=cast.users["county_admin"],
        county=cast.county,
        year=YEAR,
        max_hours_per_day=Decimal("8"),
    )
    event = activity(secretary, cast.town, start=at(0, 8), end=at(0, 17))
    row = approved(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=row, present=True)

    assert error.value.code == "HOURS_OVER_DAILY_LIMIT"
    assert state() == before


def test_service_over_two_days_may_hold_two_days_of_hours(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town, start=at(0, 8), end=at(1, 20))
    row = approved(cast, event, "zhang")

    attendance_confirm(actor=secretary, signup=row, present=True, start=at(0, 20), end=at(1, 8))

    assert HourEntry.objects.get(signup=row).hours == Decimal("12")


def test_service_over_two_days_beyond_two_days_of_hours_is_refused(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town, start=at(0, 8), end=at(1, 20))
    row = approved(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        attendance_confirm(actor=secretary, signup=row, present=True)

    assert error.value.code == "HOURS_OVER_DAILY_LIMIT"  # 36 hours over two days of 12
    assert state() == before
