"""The age-out list: members who turn 28 without a League post, shown three months ahead with the date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import member
from tuanwu.core.dates import add_months, add_years
from tuanwu.lifecycle.selectors.exits import age_out_list
from tuanwu.lifecycle.services import exits as services
from tuanwu.people.models import CadrePost, Membership

# The exit request checks the age on today, so the birth dates are set from today.
ON = timezone.localdate()
OVER = add_months(add_years(ON, -28), -6)  # 28 half a year ago
SOON = add_months(add_years(ON, -28), 2)  # 28 in two months
LATER = add_months(add_years(ON, -28), 4)  # 28 in four months: not listed yet


@pytest.fixture
def ages(cast):
    return {
        "over": member(cast.branch, "钱进", birth_date=OVER),
        "soon": member(cast.branch, "孙悦", birth_date=SOON),
        "later": member(cast.branch, "周婷", birth_date=LATER),
        "post": member(cast.branch, "吴强", birth_date=OVER - datetime.timedelta(days=30)),
    }


def test_lists_members_turning_28_within_three_months_without_a_post(cast, ages):
    CadrePost.objects.create(
        person=ages["post"],
        organization=cast.branch,
        post="secretary",
        kind="part_time",
        since=datetime.date(2024, 1, 1),
    )

    rows = age_out_list(cast.town, ON)

    assert [(r.membership.person.name, r.turns_on, r.due) for r in rows] == [
        ("钱进", add_years(OVER, 28), True),
        ("孙悦", add_years(SOON, 28), False),
    ]


def test_one_click_requests_the_age_out_exit(cast, ages):
    services.age_out_request(actor=cast.users["branch_secretary"], person=ages["over"])

    membership = Membership.objects.get(person=ages["over"])
    assert membership.status == "age_out_pending"
    assert [r.requested for r in age_out_list(cast.branch, ON) if r.membership.pk == membership.pk] == [True]


def test_refuses_the_request_before_the_28th_birthday(cast, ages):
    with pytest.raises(ValidationError) as refused:
        services.age_out_request(actor=cast.users["branch_secretary"], person=ages["soon"])

    assert refused.value.code == "AGE_OUT_UNDER_28"
    assert Membership.objects.get(person=ages["soon"]).status == "normal"
