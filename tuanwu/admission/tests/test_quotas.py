"""Quotas flow down the tree: children's sum within the parent's, number ranges nested and apart."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.admission.models import Quota
from tuanwu.admission.services import quotas

from .factories import YEAR, codes, state


def set_quota(cast, actor, organization, count, first="", last=""):
    return quotas.quota_set(
        actor=cast.users[actor], organization=organization, year=YEAR, count=count, number_from=first, number_to=last
    )


@pytest.fixture
def county_quota(cast):
    return set_quota(cast, "county_admin", cast.county, 10, "202600000001", "202600001000")


def test_the_county_hands_its_quota_down(cast, county_quota):
    set_quota(cast, "county_admin", cast.town, 6, "202600000001", "202600000100")
    set_quota(cast, "county_admin", cast.school, 4, "202600000101", "202600000200")
    set_quota(cast, "committee_secretary", cast.branch, 6, "202600000001", "202600000050")

    assert list(Quota.objects.order_by("organization__path").values_list("organization__name", "count")) == [
        ("青禾县委", 10),
        ("东湖镇团委", 6),
        ("东湖村团支部", 6),
        ("青禾一中团委", 4),
    ]
    assert LogEntry.objects.filter(content_type__model="quota").count() == 4


def test_refuses_children_adding_up_to_more_than_the_parent(cast, county_quota):
    set_quota(cast, "county_admin", cast.town, 6)
    before = state()

    with pytest.raises(ValidationError) as refused:
        set_quota(cast, "county_admin", cast.school, 5)

    assert refused.value.code == "QUOTA_INVALID"
    assert codes(refused.value) == ["QUOTA_INVALID"]
    assert refused.value.message_dict == {
        "count": ["青禾县委 has 10 admissions for 2026 and has handed out 6; 5 more do not fit."]
    }
    assert state() == before


def test_a_quota_can_be_lowered_to_what_it_handed_down_but_not_below(cast, county_quota):
    set_quota(cast, "county_admin", cast.town, 6)
    set_quota(cast, "committee_secretary", cast.branch, 3)
    set_quota(cast, "committee_secretary", cast.branch2, 2)
    set_quota(cast, "county_admin", cast.town, 5)
    before = state()

    with pytest.raises(ValidationError) as refused:
        set_quota(cast, "county_admin", cast.town, 4)

    assert codes(refused.value) == ["QUOTA_INVALID"]
    assert refused.value.message_dict == {"count": ["5 admissions are already handed to the organizations below."]}
    assert state() == before
    assert Quota.objects.get(organization=cast.town).count == 5


def test_changing_a_child_s_quota_does_not_count_its_old_value(cast, county_quota):
    set_quota(cast, "county_admin", cast.town, 6)

    set_quota(cast, "county_admin", cast.town, 10)

    assert Quota.objects.get(organization=cast.town).count == 10


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("20260000001", "202600000100"),
        ("202600000001", "2026000001000"),
        ("202500000001", "202500000100"),
        ("202600000100", "202600000001"),
        ("2026000000AB", "202600000100"),
        ("202600000001", ""),
    ],
    ids=["11 digits", "13 digits", "another year", "reversed", "letters", "no end"],
)
def test_refuses_a_range_that_is_not_two_12_digit_numbers_of_the_year(cast, first, last):
    before = state()

    with pytest.raises(ValidationError) as refused:
        set_quota(cast, "county_admin", cast.county, 10, first, last)

    assert codes(refused.value) == ["QUOTA_INVALID"]
    assert refused.value.message_dict == {
        "number_from": ["A range is two 12-digit numbers beginning with 2026, the first not above the last."]
    }
    assert state() == before


@pytest.mark.parametrize(
    ("first", "last"),
    [("202600000990", "202600001001"), ("202600001001", "202600001100")],
    ids=["reaching out", "outside"],
)
def test_refuses_a_range_outside_the_parent_s(cast, county_quota, first, last):
    before = state()

    with pytest.raises(ValidationError) as refused:
        set_quota(cast, "county_admin", cast.town, 5, first, last)

    assert codes(refused.value) == ["QUOTA_INVALID"]
    assert refused.value.message_dict == {"number_from": ["The range must lie within 202600000001–202600001000."]}
    assert state() == before


def test_a_range_may_fill_the_parent_s_exactly(cast, county_quota):
    quota = set_quota(cast, "county_admin", cast.town, 5, "202600000001", "202600001000")

    assert (quota.number_from, quota.number_to) == ("202600000001", "202600001000")


@pytest.mark.parametrize(
    ("first", "last"),
    [("202600000100", "202600000200"), ("202600000050", "202600000060"), ("202600000001", "202600000300")],
    ids=["touching the last", "inside", "around"],
)
def test_refuses_a_range_overlapping_a_sibling_s(cast, county_quota, first, last):
    set_quota(cast, "county_admin", cast.town, 5, "202600000001", "202600000100")
    before = state()

    with pytest.raises(ValidationError) as refused:
        set_quota(cast, "county_admin", cast.school, 5, first, last)

    assert codes(refused.value) == ["QUOTA_INVALID"]
    assert refused.value.message_dict == {"number_from": ["The range overlaps another organization's."]}
    assert state() == before


def test_accepts_a_range_right_after_a_sibling_s(cast, county_quota):
    set_quota(cast, "county_admin", cast.town, 5, "202600000001", "202600000100")

    quota = set_quota(cast, "county_admin", cast.school, 5, "202600000101", "202600000200")

    assert quota.number_from == "202600000101"


@pytest.mark.parametrize(
    ("actor", "organization", "refusal"),
    [
        ("branch_secretary", "branch", Http404),
        ("branch_secretary", "branch2", Http404),
        ("committee_secretary", "town", Http404),
        ("committee_secretary", "county", Http404),
        ("outsider", "branch", Http404),
        ("cadre", "school_branch", PermissionDenied),
        ("auditor", "town", PermissionDenied),
        ("member", "branch", Http404),
    ],
)
def test_only_the_committee_above_sets_a_quota(cast, county_quota, actor, organization, refusal):
    before = state()

    with pytest.raises(refusal):
        set_quota(cast, actor, getattr(cast, organization), 1)

    assert state() == before
