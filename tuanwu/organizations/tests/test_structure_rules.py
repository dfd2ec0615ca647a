"""Structure rules of the League constitution, at and around each boundary."""

import datetime

import pytest
from django.utils import translation

from tuanwu.organizations.models import Kind, Organization
from tuanwu.organizations.rules import RULE_LABELS, StructureWarning, structure_warnings

TODAY = datetime.date(2026, 6, 1)


def organization(kind=Kind.BRANCH, *, term_end=None, status=Organization.Status.ACTIVE) -> Organization:
    return Organization(name="东湖村团支部", kind=kind, status=status, term_end=term_end)


def codes(org, *, members, committee_size) -> list[str]:
    return [w.code for w in structure_warnings(org, members=members, committee_size=committee_size, today=TODAY)]


@pytest.mark.parametrize(
    ("members", "committee_size", "expected"),
    [
        (0, 0, ["BRANCH_TOO_SMALL"]),
        (2, 0, ["BRANCH_TOO_SMALL"]),
        (3, 0, []),
        (6, 0, []),
        (7, 0, ["BRANCH_COMMITTEE_MISSING"]),
        (7, 2, ["BRANCH_COMMITTEE_MISSING"]),
        (7, 3, []),
        (7, 5, []),
        (7, 6, ["BRANCH_COMMITTEE_MISSING"]),
        (29, 3, []),
        (30, 3, ["MAY_FORM_GENERAL_BRANCH"]),
        (30, 6, ["BRANCH_COMMITTEE_MISSING", "MAY_FORM_GENERAL_BRANCH"]),
        (50, 5, ["MAY_FORM_GENERAL_BRANCH"]),
        (51, 5, ["BRANCH_TOO_LARGE", "MAY_FORM_GENERAL_BRANCH"]),
        (99, 5, ["BRANCH_TOO_LARGE", "MAY_FORM_GENERAL_BRANCH"]),
        (100, 5, ["BRANCH_TOO_LARGE", "MAY_FORM_COMMITTEE"]),
    ],
)
def test_branch_member_and_committee_counts_give_warnings(members, committee_size, expected):
    branch = organization()

    found = codes(branch, members=members, committee_size=committee_size)

    assert found == expected


@pytest.mark.parametrize("kind", [Kind.JOINT_BRANCH, Kind.TEMPORARY_BRANCH])
@pytest.mark.parametrize(
    ("members", "expected"),
    [(2, []), (51, ["BRANCH_TOO_LARGE", "MAY_FORM_GENERAL_BRANCH"])],
)
def test_joint_and_temporary_branches_may_be_small_but_not_large(kind, members, expected):
    branch = organization(kind)

    found = codes(branch, members=members, committee_size=3)

    assert found == expected


@pytest.mark.parametrize("kind", [Kind.COUNTY_COMMITTEE, Kind.COMMITTEE, Kind.WORKING_COMMITTEE, Kind.GENERAL_BRANCH])
@pytest.mark.parametrize("members", [0, 2, 51, 100])
def test_member_rules_apply_only_to_branches(kind, members):
    committee = organization(kind)

    found = codes(committee, members=members, committee_size=0)

    assert found == []


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [
        (61, []),
        (60, ["TERM_ENDING"]),
        (1, ["TERM_ENDING"]),
        (0, ["TERM_ENDING"]),
        (-1, ["TERM_OVERDUE"]),
        (-400, ["TERM_OVERDUE"]),
    ],
)
@pytest.mark.parametrize("kind", [Kind.BRANCH, Kind.COMMITTEE])
def test_term_end_within_60_days_or_past_gives_warning(kind, days_left, expected):
    org = organization(kind, term_end=TODAY + datetime.timedelta(days=days_left))

    found = codes(org, members=10, committee_size=3)

    assert found == expected


def test_no_term_end_gives_no_term_warning():
    org = organization(Kind.COMMITTEE, term_end=None)

    assert codes(org, members=10, committee_size=3) == []


def test_dissolved_organization_gives_no_warnings():
    org = organization(term_end=TODAY - datetime.timedelta(days=10), status=Organization.Status.DISSOLVED)

    assert codes(org, members=2, committee_size=0) == []


@pytest.mark.parametrize(
    ("members", "committee_size", "days_left", "expected"),
    [
        (
            2,
            0,
            None,
            StructureWarning(
                "BRANCH_TOO_SMALL",
                "warning",
                "2 members: a branch needs at least 3; consider a joint branch.",
            ),
        ),
        (
            51,
            5,
            None,
            StructureWarning(
                "BRANCH_TOO_LARGE",
                "warning",
                "51 members: a branch should have at most 50; consider splitting it.",
            ),
        ),
        (
            7,
            2,
            None,
            StructureWarning(
                "BRANCH_COMMITTEE_MISSING",
                "warning",
                "7 members but 2 committee members: a branch of 7 or more elects a committee of 3 to 5.",
            ),
        ),
        (
            30,
            3,
            None,
            StructureWarning(
                "MAY_FORM_GENERAL_BRANCH",
                "info",
                "30 members: with 30 or more a general branch may be formed.",
            ),
        ),
        (
            100,
            5,
            None,
            StructureWarning("MAY_FORM_COMMITTEE", "info", "100 members: with 100 or more a committee may be formed."),
        ),
        (
            10,
            3,
            60,
            StructureWarning("TERM_ENDING", "info", "The term ends on 2026-07-31, in 60 days: prepare the election."),
        ),
        (
            10,
            3,
            -3,
            StructureWarning("TERM_OVERDUE", "warning", "The term ended on 2026-05-29, 3 days ago: hold the election."),
        ),
    ],
    ids=lambda v: v.code if isinstance(v, StructureWarning) else None,
)
def test_each_rule_has_its_level_and_message(members, committee_size, days_left, expected):
    term_end = TODAY + datetime.timedelta(days=days_left) if days_left is not None else None
    org = organization(term_end=term_end)

    with translation.override("en"):
        found = [
            w
            for w in structure_warnings(org, members=members, committee_size=committee_size, today=TODAY)
            if w.code == expected.code
        ]

    assert found == [expected]


def test_every_rule_code_has_a_label():
    assert set(RULE_LABELS) == {
        "BRANCH_TOO_SMALL",
        "BRANCH_TOO_LARGE",
        "BRANCH_COMMITTEE_MISSING",
        "MAY_FORM_GENERAL_BRANCH",
        "MAY_FORM_COMMITTEE",
        "TERM_ENDING",
        "TERM_OVERDUE",
    }
