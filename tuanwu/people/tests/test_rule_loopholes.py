"""New actions cannot go around the rules: the data-entry path is for history, exits are checked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from tests.factories import PersonFactory
from tuanwu.people.models import Membership, MembershipEvent
from tuanwu.people.services import membership_register


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
