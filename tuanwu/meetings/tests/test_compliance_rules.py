"""Compliance with the county's frequencies, computed from the meetings and their attendance: a hand-built quarter
of three branches rolled up to their committee, the quorum, student holidays, branch size, the policy's year, the
Party branch, and a constant number of queries however many branches a committee has."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import member, org
from tuanwu.accounts.roles import MANAGE_MEETING
from tuanwu.meetings.models import Kind, MeetingPolicy, PartyBranch, PartyMember
from tuanwu.meetings.rules import (
    EXCUSED,
    MET,
    MISSED,
    NOT_DUE,
    OPEN,
    branch_compliance,
    committee_compliance,
    compliance_share,
    party_compliance,
    periods,
)
from tuanwu.meetings.selectors.compliance import compliance_missed, compliance_rollup
from tuanwu.meetings.services.meetings import Present, meeting_record
from tuanwu.meetings.tests.factories import record
from tuanwu.organizations.models import Kind as OrgKind
from tuanwu.organizations.models import Sector
from tuanwu.organizations.policy import policy_set
from tuanwu.people.models import CadrePost

pytestmark = pytest.mark.django_db
END_OF_Q1 = datetime.date(2026, 3, 31)
NAMES = ("周婷", "吴强", "陈静", "刘洋")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def day(month, d=10):
    return datetime.date(2026, month, d)


@pytest.fixture
def quarter(cast):
    """南山镇团委 with three branches of four members each and their first quarter of 2026:
    甲 held everything; 乙 held no theme day in February; 丙's general meeting had 2 of 4 present (50 %, not above)."""
    admin = cast.users["county_admin"]
    committee = org(cast.county, "南山镇团委", OrgKind.COMMITTEE)
    branches = {}
    for name in ("甲村团支部", "乙村团支部", "丙村团支部"):
        branch = org(committee, name)
        people = [member(branch, n) for n in NAMES]
        CadrePost.objects.create(
            person=people[0], organization=branch, post="secretary", kind="part_time", since=datetime.date(2024, 1, 1)
        )
        branches[name[0]] = branch
    for key, branch in branches.items():
        record(admin, branch, Kind.GENERAL_MEETING, day(2), absent=NAMES[:2] if key == "丙" else NAMES[:1])
        record(admin, branch, Kind.LESSON, day(3, 5), hours=1)
        for month in (1, 2, 3):
            if not (key == "乙" and month == 2):
                record(admin, branch, Kind.THEME_DAY, day(month))
    return committee, branches


def _statuses(result, key):
    return [c.status for row in result.rows if row.key == key for c in row.cells]


def test_a_hand_built_quarter_matches_the_hand_computed_cells(quarter):
    committee, branches = quarter

    results = {r.organization.name[0]: r for r in committee_compliance(committee, 2026, until=END_OF_Q1)}

    a, b, c = results["甲"], results["乙"], results["丙"]
    assert _statuses(a, "theme_day")[:4] == [MET, MET, MET, NOT_DUE]
    assert _statuses(b, "theme_day")[:4] == [MET, MISSED, MET, NOT_DUE]
    assert _statuses(c, "general_meeting") == [MISSED, NOT_DUE, NOT_DUE, NOT_DUE]
    assert _statuses(a, "general_meeting") == [MET, NOT_DUE, NOT_DUE, NOT_DUE]
    assert _statuses(a, "lesson") == [MET, NOT_DUE, NOT_DUE, NOT_DUE]
    # four members: no branch committee, so neither committee nor group meetings are due
    assert set(_statuses(a, "committee_meeting")) == {NOT_DUE}
    assert set(_statuses(a, "group_meeting")) == {NOT_DUE}
    assert [(r.met, r.missed, r.share) for r in (a, b, c)] == [
        (5, 0, Decimal(1)),
        (4, 1, Decimal("0.8")),
        (4, 1, Decimal("0.8")),
    ]
    below = c.rows[0].cells[0]
    assert below.below_quorum is True
    assert below.explanation == (
        "Held on 2026-02-10 below quorum: 2 of 4 present, not more than 50%; it does not count."
    )
    assert c.rows[0].rule == (
        "County policy 2026: General meeting quarterly, with more than 50% of those expected present"
    )
    assert b.rows[-1].rule == "County policy 2026: Theme day monthly"
    assert b.rows[-1].cells[1].explanation == "None recorded from 2026-02-01 to 2026-02-28."


def test_the_quarter_rolls_up_to_the_committee_with_exact_shares(quarter):
    committee, _branches = quarter
    results = committee_compliance(committee, 2026, until=END_OF_Q1)

    by_quarter = compliance_rollup(committee, results, granularity="quarter")
    by_month = compliance_rollup(committee, results, granularity="month")

    assert by_quarter.total.counts == [[1, 3], [0, 0], [0, 0], [0, 0]]
    assert by_quarter.total.shares == [Decimal(1) / Decimal(3), None, None, None]
    assert [r.organization.name for r in by_quarter.rows] == ["甲村团支部", "乙村团支部", "丙村团支部"]
    # January: all three held their theme day; February: 乙 missed it; March: 丙's quarter fails on quorum.
    assert by_month.total.counts[:4] == [[3, 3], [2, 3], [2, 3], [0, 0]]
    assert by_month.total.shares[:3] == [Decimal(1), Decimal(2) / Decimal(3), Decimal(2) / Decimal(3)]


def test_the_county_rolls_the_quarter_up_per_committee(quarter, cast):
    committee, _branches = quarter

    rollup = compliance_rollup(
        cast.county, committee_compliance(cast.county, 2026, until=END_OF_Q1), granularity="quarter"
    )

    rows = {r.organization.name: (r.branches, r.counts[0]) for r in rollup.rows}
    # 东湖镇's two branches and 一中's class branch recorded nothing: every due meeting of Q1 missed.
    assert rows == {"东湖镇团委": (2, [0, 2]), "青禾一中团委": (1, [0, 1]), "南山镇团委": (3, [1, 3])}
    assert rollup.total.counts[0] == [1, 6]


def test_the_missed_list_names_each_branch_and_its_secretary(quarter):
    committee, _branches = quarter

    missed = compliance_missed(committee_compliance(committee, 2026, until=END_OF_Q1), first=1, last=3)

    assert [(m.branch.name, m.requirement, m.cell.period, m.secretaries) for m in missed] == [
        ("乙村团支部", "Theme day", "2026-02", ["周婷"]),
        ("丙村团支部", "General meeting", "2026-01–2026-03", ["周婷"]),
    ]


def test_attendance_just_above_quorum_meets(cast):
    branch = org(cast.town, "北村团支部")
    for n in ("周婷", "吴强", "陈静"):
        member(branch, n)
    record(cast.users["county_admin"], branch, Kind.GENERAL_MEETING, day(2), absent=("周婷",))

    cell = branch_compliance(branch, 2026, until=END_OF_Q1).rows[0].cells[0]

    assert (cell.status, cell.explanation) == (MET, "Held on 2026-02-10 with 2 of 3 present.")


def test_a_policy_change_alters_the_result(quarter, cast):
    _committee, branches = quarter
    before = branch_compliance(branches["丙"], 2026, until=END_OF_Q1)

    policy_set(
        MeetingPolicy,
        actor=cast.users["county_admin"],
        perm=MANAGE_MEETING,
        county=cast.county,
        year=2026,
        general_meeting_quorum=40,
    )
    after = branch_compliance(branches["丙"], 2026, until=END_OF_Q1)

    assert (before.rows[0].cells[0].status, before.share) == (MISSED, Decimal("0.8"))
    assert (after.rows[0].cells[0].status, after.share) == (MET, Decimal(1))
    assert after.rows[0].rule.startswith("County policy 2026: General meeting quarterly, with more than 40%")


def test_the_policy_of_another_year_does_not_apply(quarter, cast):
    _committee, branches = quarter
    policy_set(
        MeetingPolicy,
        actor=cast.users["county_admin"],
        perm=MANAGE_MEETING,
        county=cast.county,
        year=2025,
        theme_day_months=0,
    )

    result = branch_compliance(branches["乙"], 2026, until=END_OF_Q1)

    assert _statuses(result, "theme_day")[:3] == [MET, MISSED, MET]


def test_a_student_branch_is_excused_in_july_and_august(cast):
    school_branch = cast.school_branch
    admin = cast.users["county_admin"]
    record(admin, school_branch, Kind.THEME_DAY, day(8))

    result = branch_compliance(school_branch, 2026, until=datetime.date(2026, 9, 30))

    assert _statuses(result, "theme_day")[5:9] == [MISSED, EXCUSED, MET, MISSED]
    july = result.rows[-1].cells[6]
    assert july.explanation == "Excused: student branches owe no monthly meeting in months 7、8 (county policy 2026)."
    # a rural branch owes July like any month
    assert _statuses(branch_compliance(cast.branch, 2026, until=datetime.date(2026, 9, 30)), "theme_day")[6] == MISSED


def test_the_committee_meeting_is_due_only_from_seven_members(cast):
    small = org(cast.town, "六人团支部")
    big = org(cast.town, "七人团支部")
    for i in range(6):
        member(small, f"甲{i}")
        member(big, f"乙{i}")
    member(big, "乙6")
    record(cast.users["county_admin"], big, Kind.COMMITTEE_MEETING, day(1))

    small_result = branch_compliance(small, 2026, until=END_OF_Q1)
    big_result = branch_compliance(big, 2026, until=END_OF_Q1)

    assert _statuses(small_result, "committee_meeting")[:3] == [NOT_DUE, NOT_DUE, NOT_DUE]
    assert small_result.rows[1].cells[0].explanation == (
        "Not due: the branch has 6 members, fewer than the 7 a branch committee needs."
    )
    assert _statuses(big_result, "committee_meeting")[:3] == [MET, MISSED, MISSED]
    assert _statuses(big_result, "group_meeting")[:3] == [MISSED, MISSED, MISSED]


def test_the_current_period_is_open_until_it_ends(cast):
    result = branch_compliance(cast.branch, 2026, until=datetime.date(2026, 2, 15))

    assert _statuses(result, "theme_day")[:3] == [MISSED, OPEN, NOT_DUE]
    assert [c.requirement for c in result.current(datetime.date(2026, 2, 15))] == [
        "general_meeting",
        "committee_meeting",
        "group_meeting",
        "lesson",
        "theme_day",
    ]


def test_compliance_share_counts_the_periods_ending_in_the_range(quarter):
    _committee, branches = quarter

    assert compliance_share(branches["乙"], datetime.date(2026, 1, 1), END_OF_Q1) == Decimal("0.8")
    assert compliance_share(branches["乙"], datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)) == Decimal(0)
    assert compliance_share(branches["乙"], datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)) == Decimal(1)
    assert compliance_share(branches["甲"], datetime.date(2030, 1, 1), datetime.date(2030, 3, 31)) is None


def test_nothing_is_due_when_the_county_requires_nothing(cast):
    policy_set(
        MeetingPolicy,
        actor=cast.users["county_admin"],
        perm=MANAGE_MEETING,
        county=cast.county,
        year=2026,
        general_meeting_months=0,
        committee_meeting_months=0,
        group_meeting_months=0,
        lesson_months=0,
        theme_day_months=0,
    )

    result = branch_compliance(cast.branch, 2026, until=END_OF_Q1)

    assert (result.rows, result.share) == ([], None)


def test_periods_split_the_year_by_the_policy_frequency():
    assert [(s.month, e.isoformat()) for s, e in periods(2026, 5)] == [
        (1, "2026-05-31"),
        (6, "2026-10-31"),
        (11, "2026-12-31"),
    ]
    assert periods(2026, 0) == []


def test_the_party_branch_is_held_to_its_own_policy(cast):
    admin = cast.users["county_admin"]
    branch = PartyBranch.objects.create(organization=cast.county, name="团县委机关党支部")
    people = [member(cast.branch, f"党员{i}") for i in range(3)]
    for p in people:
        PartyMember.objects.create(branch=branch, person=p, joined_on=datetime.date(2020, 1, 1))
    for kind, month in ((Kind.PARTY_GENERAL, 2), (Kind.PARTY_LESSON, 3), (Kind.PARTY_COMMITTEE, 1)):
        meeting_record(
            actor=admin,
            organization=cast.county,
            party_branch=branch,
            kind=kind,
            held_on=day(month),
            topic="三会一课",
            attendance=[Present(p) for p in people],
            history=True,
        )

    result = party_compliance(branch, 2026, until=END_OF_Q1)

    assert {row.key: [c.status for c in row.cells][:3] for row in result.rows} == {
        "party_general": [MET, NOT_DUE, NOT_DUE],
        "party_committee": [NOT_DUE, NOT_DUE, NOT_DUE],  # three on the roll: no committee
        "party_group": [NOT_DUE, NOT_DUE, NOT_DUE],  # the roll lists no groups
        "party_lesson": [MET, NOT_DUE, NOT_DUE],
    }
    assert result.share == Decimal(1)


def _grow(committee, n):
    for i in range(n):
        branch = org(committee, f"增{i}村团支部", sector=Sector.HIGH_SCHOOL if i % 2 else Sector.RURAL)
        member(branch, "周婷")


def test_a_committee_is_computed_in_a_constant_number_of_queries(cast):
    committee = org(cast.county, "大镇团委", OrgKind.COMMITTEE)
    _grow(committee, 3)
    with CaptureQueriesContext(connection) as small:
        assert len(committee_compliance(committee, 2026, until=END_OF_Q1)) == 3

    _grow(committee, 27)
    with CaptureQueriesContext(connection) as large:
        results = committee_compliance(committee, 2026, until=END_OF_Q1)
        compliance_missed(results)

    assert len(results) == 30
    assert len(large.captured_queries) == len(small.captured_queries) + 1  # the secretaries of the missed
    assert len(large.captured_queries) <= 7
