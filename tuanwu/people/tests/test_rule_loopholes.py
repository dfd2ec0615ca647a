"""New actions cannot go around the rules: the data-entry path is for history, exits are checked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.factories import PersonFactory
from tuanwu.core.dates import add_months, add_years
from tuanwu.people.filters import AGE_BANDS
from tuanwu.people.models import Membership, MembershipEvent, Person
from tuanwu.people.selectors import birth_range_for_age, pending_exits
from tuanwu.people.services import membership_exit_approve, membership_exit_request, membership_register
from tuanwu.people.workflow import ExitKind, MembershipStatus, Transition


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def snapshot():
    return (
        list(Membership.objects.order_by("pk").values_list("pk", "status", "status_changed_on", "version")),
        list(MembershipEvent.objects.order_by("pk").values_list("pk", "transition", "to_status")),
    )


def test_registering_a_join_of_this_year_is_refused_and_sent_to_the_workflow(cast):
    today = timezone.localdate()
    joined = max(today - datetime.timedelta(days=30), today.replace(month=1, day=1))
    child = PersonFactory(organization=cast.branch, name="周婷", birth_date=today.replace(year=today.year - 12))
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        membership_register(
            actor=cast.users["branch_secretary"],
            person=child,
            join_date=joined,
            development_number=f"{today.year}99999999",
        )

    assert error.value.code == "JOIN_NEEDS_ADMISSION"
    assert "admission" in " ".join(error.value.messages)
    assert snapshot() == before


def test_registering_a_join_of_a_past_year_stays_possible(cast):
    last_year = timezone.localdate().year - 1
    membership = membership_register(
        actor=cast.users["branch_secretary"],
        person=cast.people["youth"],
        join_date=datetime.date(last_year, 5, 4),
        development_number=f"{last_year}00000777",
    )

    assert membership.join_date.year == last_year


# exits


def aged(person, years: int, days: int = 0):
    """Make person exactly `years` old today, less `days` days."""
    today = timezone.localdate()
    birth = add_years(today, -years) + datetime.timedelta(days=days)
    Person.objects.filter(pk=person.pk).update(birth_date=birth)
    person.refresh_from_db()
    return person


def exit_request(cast, whose, kind, **evidence):
    actor = cast.users["branch_secretary"] if whose in ("zhang", "li") else cast.users["county_admin"]
    return membership_exit_request(
        actor=actor, membership=cast.people[whose].membership, exit_kind=kind, reason="支部大会讨论通过", **evidence
    )


def test_age_out_the_day_before_the_28th_birthday_is_refused(cast):
    aged(cast.people["zhang"], 28, days=1)
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        exit_request(cast, "zhang", ExitKind.AGE_OUT)

    assert error.value.code == "AGE_OUT_UNDER_28"
    assert snapshot() == before


def test_age_out_on_the_28th_birthday_is_requested(cast):
    aged(cast.people["zhang"], 28)

    row = exit_request(cast, "zhang", ExitKind.AGE_OUT)

    assert row.status == MembershipStatus.AGE_OUT_PENDING


def test_age_out_of_a_member_holding_a_league_post_is_refused(cast):
    aged(cast.people["li"], 30)
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        exit_request(cast, "li", ExitKind.AGE_OUT)

    assert error.value.code == "AGE_OUT_HOLDS_POST"
    assert snapshot() == before


def test_the_over_28_list_starts_on_the_28th_birthday(cast):
    aged(cast.people["zhang"], 28)
    aged(cast.people["wang"], 28, days=1)

    found = set(Person.objects.filter(birth_range_for_age(*AGE_BANDS["over28"])).values_list("name", flat=True))

    assert "张晓明" in found
    assert "王芳" not in found


def test_lapse_without_the_six_month_evidence_is_refused_naming_it(cast):
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        exit_request(cast, "zhang", ExitKind.LAPSE)

    assert error.value.code == "LAPSE_EVIDENCE_MISSING"
    assert set(error.value.message_dict) == {"last_dues_on", "last_org_life_on"}
    assert snapshot() == before


def test_lapse_with_less_than_six_months_is_refused(cast):
    today = timezone.localdate()
    before = snapshot()

    with pytest.raises(ValidationError) as error:
        exit_request(
            cast,
            "zhang",
            ExitKind.LAPSE,
            last_dues_on=add_months(today, -7),
            last_org_life_on=add_months(today, -5),
        )

    assert error.value.code == "LAPSE_UNDER_6_MONTHS"
    assert set(error.value.message_dict) == {"last_org_life_on"}
    assert snapshot() == before


def test_lapse_with_six_months_of_evidence_is_requested_and_keeps_it(cast):
    today = timezone.localdate()
    dues, life = add_months(today, -8), add_months(today, -6)

    row = exit_request(cast, "zhang", ExitKind.LAPSE, last_dues_on=dues, last_org_life_on=life)

    assert row.status == MembershipStatus.LAPSE_PENDING
    event = MembershipEvent.objects.filter(membership=row).latest("pk")
    assert (event.last_dues_on, event.last_org_life_on) == (dues, life)


def test_withdrawal_is_filed_with_the_committee_above_not_approved(cast):
    row = exit_request(cast, "zhang", ExitKind.WITHDRAWAL)

    assert row.status == MembershipStatus.WITHDRAWAL
    event = MembershipEvent.objects.filter(membership=row).latest("pk")
    assert (event.transition, event.to_status, event.organization) == (
        Transition.EXIT_FILE,
        MembershipStatus.WITHDRAWAL,
        cast.town,
    )
    assert list(pending_exits(cast.users["committee_secretary"])) == []
    with pytest.raises(ValidationError) as error:
        membership_exit_approve(actor=cast.users["committee_secretary"], membership=row)
    assert error.value.code == "TRANSITION_NOT_ALLOWED"
