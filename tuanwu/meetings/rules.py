"""Compliance with the county's rhythm of organizational life (三会两制一课): for each branch, each requirement of
the year's MeetingPolicy and each of its periods, whether the meeting was held (met), not held (missed), excused
(student branches in the policy's holiday months), or not due. Everything is read from the meetings and their
attendance rows; nothing counts photos, likes or time spent online.

The rules, as the pages explain them:

- A requirement due every N months has the periods months 1..N, N+1..2N, … of the calendar year (the last one
  shorter when N does not divide 12); N = 0 means the county does not require it.
- A meeting counts for the branch that organized it, in the period of its date.
- A general meeting meets its period only when strictly more than the policy's quorum of the people expected
  (its attendance rows) were present; one held below quorum is shown as held but does not meet.
- A committee meeting is due only in branches with at least committee_min_members members on the roll (smaller
  branches have no branch committee).
- Group meetings: there is no register of a branch's groups, so the size is the evidence: a branch large enough to
  have a branch committee (committee_min_members) is large enough to be split into groups and owes the group
  meeting (one group meeting of any of its groups in the period); a smaller branch meets as a whole and owes none.
- Student branches (the student sectors) are excused from monthly requirements in the policy's holiday months; a
  meeting they hold anyway still meets.
- A period is not due when it starts after the date the compliance is computed for (until), when the branch was
  founded after it began, or when the branch was dissolved before it ended. The organization model records no
  founding date (created_at is when the row was entered, the import day for an existing tree), so the founding rule
  applies only once an organization carries a founded_on date.
- A period that has begun but not ended, with nothing held yet, is open (still due), neither met nor missed.
- share = met ÷ (met + missed); excused, open and not-due periods do not count either way.

The county office's Party branch is held to its own requirements (party_general_months, …) the same way; its
Party group meetings are due only when its roll lists groups.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuanwu.core.dates import add_months
from tuanwu.organizations.models import BRANCH_KINDS, STUDENT_SECTORS, Organization
from tuanwu.organizations.policy import policy_for
from tuanwu.people.selectors import member_counts

from .models import Attendance, Kind, Meeting, MeetingPolicy, PartyBranch, PartyMember

MET = "met"
MISSED = "missed"
EXCUSED = "excused"
NOT_DUE = "not_due"
OPEN = "open"
STATUS_LABELS = {
    MET: gettext_lazy("Met"),
    MISSED: gettext_lazy("Missed"),
    EXCUSED: gettext_lazy("Excused"),
    NOT_DUE: gettext_lazy("Not due"),
    OPEN: gettext_lazy("Due, not yet held"),
}
STATUS_SYMBOLS = {MET: "✓", MISSED: "✗", EXCUSED: "—", NOT_DUE: "·", OPEN: "…"}
# Colours of the grid's cells (Bootstrap), the product's status colours: green, red, grey, amber.
STATUS_CLASSES = {
    MET: "text-bg-success",
    MISSED: "text-bg-danger",
    EXCUSED: "text-bg-secondary",
    NOT_DUE: "bg-body-tertiary text-muted",
    OPEN: "text-bg-warning",
}


@dataclass(frozen=True)
class Requirement:
    """One meeting a policy requires: its kind, how often (months), and what makes it due or count."""

    key: str
    kind: str
    months_field: str
    label: object
    quorum: bool = False  # counts only when attendance is above the quorum
    sized: bool = False  # due only from committee_min_members members on the roll
    groups: bool = False  # Party group meeting: due only when the roll lists groups


LEAGUE_REQUIREMENTS = (
    Requirement("general_meeting", Kind.GENERAL_MEETING, "general_meeting_months", Kind.GENERAL_MEETING.label, True),
    Requirement(
        "committee_meeting",
        Kind.COMMITTEE_MEETING,
        "committee_meeting_months",
        Kind.COMMITTEE_MEETING.label,
        sized=True,
    ),
    Requirement("group_meeting", Kind.GROUP_MEETING, "group_meeting_months", Kind.GROUP_MEETING.label, sized=True),
    Requirement("lesson", Kind.LESSON, "lesson_months", Kind.LESSON.label),
    Requirement("theme_day", Kind.THEME_DAY, "theme_day_months", Kind.THEME_DAY.label),
)
PARTY_REQUIREMENTS = (
    Requirement("party_general", Kind.PARTY_GENERAL, "party_general_months", Kind.PARTY_GENERAL.label, True),
    Requirement(
        "party_committee", Kind.PARTY_COMMITTEE, "party_committee_months", Kind.PARTY_COMMITTEE.label, sized=True
    ),
    Requirement("party_group", Kind.PARTY_GROUP, "party_group_months", Kind.PARTY_GROUP.label, groups=True),
    Requirement("party_lesson", Kind.PARTY_LESSON, "party_lesson_months", Kind.PARTY_LESSON.label),
)
REQUIREMENT_LABELS = {r.key: r.label for r in (*LEAGUE_REQUIREMENTS, *PARTY_REQUIREMENTS)}


@dataclass(frozen=True)
class Cell:
    """One requirement in one period: its status and the sentence that explains it."""

    requirement: str
    start: datetime.date
    end: datetime.date
    status: str
    explanation: str
    held: int = 0
    below_quorum: bool = False

    @property
    def start_month(self) -> int:
        return self.start.month

    @property
    def end_month(self) -> int:
        return self.end.month

    @property
    def months(self) -> int:
        return self.end.month - self.start.month + 1

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self.status]

    @property
    def css(self) -> str:
        return STATUS_CLASSES[self.status]

    @property
    def period(self) -> str:
        if self.start.month == self.end.month:
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m}–{self.end:%Y-%m}"


@dataclass
class RequirementRow:
    key: str
    label: str
    rule: str
    cells: list[Cell]


@dataclass
class BranchCompliance:
    """A branch's (or the Party branch's) compliance for a year as of until: per requirement, per period."""

    organization: Organization | PartyBranch
    year: int
    until: datetime.date
    rows: list[RequirementRow] = field(default_factory=list)

    @property
    def cells(self) -> list[Cell]:
        return [c for row in self.rows for c in row.cells]

    @property
    def met(self) -> int:
        return sum(c.status == MET for c in self.cells)

    @property
    def missed(self) -> int:
        return sum(c.status == MISSED for c in self.cells)

    @property
    def share(self) -> Decimal | None:
        return share_of(self.met, self.missed)

    def cells_ending_in(self, first_month: int, last_month: int) -> list[Cell]:
        """The cells judged in these months: those whose period ends in them (a quarter is judged at its end)."""
        return [c for c in self.cells if first_month <= c.end_month <= last_month]

    def compliant_in(self, first_month: int, last_month: int) -> bool | None:
        """Whether the branch met everything judged in these months: True when something was met and nothing
        missed, False when anything was missed, None when nothing was decided (all excused, open or not due)."""
        cells = self.cells_ending_in(first_month, last_month)
        if any(c.status == MISSED for c in cells):
            return False
        if any(c.status == MET for c in cells):
            return True
        return None

    def current(self, day: datetime.date) -> list[Cell]:
        """The cells whose period contains day (what is due now)."""
        return [c for c in self.cells if c.start <= day <= c.end]


def share_of(met: int, missed: int) -> Decimal | None:
    """met ÷ (met + missed), exact as Decimal; None when nothing was decided."""
    total = met + missed
    return Decimal(met) / Decimal(total) if total else None


def periods(year: int, months: int) -> list[tuple[datetime.date, datetime.date]]:
    """The periods of a requirement due every months months: months 1..N, N+1..2N, … of the year."""
    if months <= 0:
        return []
    out = []
    for first in range(1, 13, months):
        last = min(first + months - 1, 12)
        start = datetime.date(year, first, 1)
        out.append((start, add_months(datetime.date(year, last, 1), 1) - datetime.timedelta(days=1)))
    return out


def excused_months(policy: MeetingPolicy) -> frozenset[int]:
    """The months of the policy's student_excused_months ("7,8"), ignoring what is not a month number."""
    out = set()
    for part in (policy.student_excused_months or "").replace("，", ",").split(","):
        part = part.strip()
        if part.isdigit() and 1 <= int(part) <= 12:
            out.add(int(part))
    return frozenset(out)


def frequency_text(months: int) -> str:
    if months == 1:
        return _("monthly")
    if months == 3:
        return _("quarterly")
    if months == 12:
        return _("yearly")
    return _("every %(n)d months") % {"n": months}


def rule_text(requirement: Requirement, policy: MeetingPolicy) -> str:
    """The rule as the page states it, naming the county's policy: "County policy 2026: theme day monthly"."""
    months = getattr(policy, requirement.months_field)
    head = _("County policy %(year)d") % {"year": policy.year}
    if months <= 0:
        return _("%(policy)s: %(kind)s not required") % {"policy": head, "kind": requirement.label}
    text = _("%(policy)s: %(kind)s %(frequency)s") % {
        "policy": head,
        "kind": requirement.label,
        "frequency": frequency_text(months),
    }
    if requirement.quorum:
        text += _(", with more than %(quorum)d%% of those expected present") % {"quorum": policy.general_meeting_quorum}
    if requirement.sized:
        text += _(", in branches of at least %(n)d members") % {"n": policy.committee_min_members}
    if requirement.groups:
        text += _(", when the roll lists Party groups")
    return text


@dataclass
class Facts:
    """What the records say about one branch in a year: meetings held by (kind, month), general meetings with
    their attendance, the roll's size, whether it is a student branch and when it existed."""

    held: dict[tuple[str, int], tuple[int, datetime.date]] = field(default_factory=dict)
    quorum_meetings: list[tuple[str, datetime.date, int, int]] = field(default_factory=list)  # kind, day, rows, present
    members: int = 0
    student: bool = False
    has_groups: bool = False
    founded_on: datetime.date | None = None
    dissolved_on: datetime.date | None = None


def _quorate(rows: int, present: int, quorum: int) -> bool:
    return rows > 0 and present * 100 > quorum * rows


def evaluate(
    subject: Organization | PartyBranch,
    year: int,
    until: datetime.date,
    policy: MeetingPolicy,
    facts: Facts,
    requirements: Sequence[Requirement],
) -> BranchCompliance:
    """The compliance of one branch from its facts: a pure function of the policy and the records."""
    result = BranchCompliance(subject, year, until)
    excused = excused_months(policy) if facts.student else frozenset()
    for req in requirements:
        months = getattr(policy, req.months_field)
        rule = rule_text(req, policy)
        cells = [_cell(req, start, end, months, until, policy, facts, excused) for start, end in periods(year, months)]
        if cells:
            result.rows.append(RequirementRow(req.key, str(req.label), rule, cells))
    return result


def _cell(req, start, end, months, until, policy, facts: Facts, excused) -> Cell:
    def cell(status, explanation, held=0, below=False):
        return Cell(req.key, start, end, status, explanation, held, below)

    if req.sized and facts.members < policy.committee_min_members:
        return cell(
            NOT_DUE,
            _("Not due: the branch has %(n)d members, fewer than the %(min)d a branch committee needs.")
            % {"n": facts.members, "min": policy.committee_min_members},
        )
    if req.groups and not facts.has_groups:
        return cell(NOT_DUE, _("Not due: the roll lists no Party groups."))
    if facts.founded_on and facts.founded_on > start:
        return cell(NOT_DUE, _("Not due: founded on %(day)s.") % {"day": facts.founded_on.isoformat()})
    if facts.dissolved_on and facts.dissolved_on < end:
        return cell(NOT_DUE, _("Not due: dissolved on %(day)s.") % {"day": facts.dissolved_on.isoformat()})
    if start > until:
        return cell(NOT_DUE, _("Not due yet: the period starts on %(day)s.") % {"day": start.isoformat()})
    count, below = 0, ""
    last: datetime.date | None = None
    if req.quorum:
        held = [m for m in facts.quorum_meetings if m[0] == req.kind and start <= m[1] <= end]
        good = [m for m in held if _quorate(m[2], m[3], policy.general_meeting_quorum)]
        if good:
            day, rows, present = good[-1][1:]
            return cell(
                MET,
                _("Held on %(day)s with %(present)d of %(rows)d present.")
                % {"day": day.isoformat(), "present": present, "rows": rows},
                len(held),
            )
        if held:
            day, rows, present = held[-1][1:]
            below = _(
                "Held on %(day)s below quorum: %(present)d of %(rows)d present, not more than %(quorum)d%%; "
                "it does not count."
            ) % {"day": day.isoformat(), "present": present, "rows": rows, "quorum": policy.general_meeting_quorum}
            count = len(held)
    else:
        for month in range(start.month, end.month + 1):
            n, latest = facts.held.get((req.kind, month), (0, None))
            count += n
            if latest and (last is None or latest > last):
                last = latest
        if count and last:
            if count == 1:
                return cell(MET, _("Held on %(day)s.") % {"day": last.isoformat()}, count)
            return cell(MET, _("Held %(n)d times, last on %(day)s.") % {"n": count, "day": last.isoformat()}, count)
    if months == 1 and start.month in excused:
        return cell(
            EXCUSED,
            _("Excused: student branches owe no monthly meeting in months %(months)s (county policy %(year)d).")
            % {"months": "、".join(str(m) for m in sorted(excused)), "year": policy.year},
            count,
            bool(below),
        )
    if below:
        return cell(OPEN if end > until else MISSED, below, count, True)
    if end > until:
        return cell(OPEN, _("Due by %(day)s; none recorded yet.") % {"day": end.isoformat()})
    return cell(
        MISSED, _("None recorded from %(start)s to %(end)s.") % {"start": start.isoformat(), "end": end.isoformat()}
    )


def _until(until: datetime.date | None) -> datetime.date:
    return until or timezone.localdate()


def _year_range(year: int, until: datetime.date) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), until)


def branches_within(organization: Organization, year: int) -> list[Organization]:
    """The branches in an organization's subtree (itself included) that existed in the year: active, or dissolved
    during or after it."""
    low, high = organization.subtree_range()
    return list(
        Organization.objects.filter(path__range=(low, high), kind__in=sorted(BRANCH_KINDS))
        .select_related("parent")
        .filter(Q(status=Organization.Status.ACTIVE) | Q(dissolved_on__gte=datetime.date(year, 1, 1)))
        .order_by("path")
    )


def _league_facts(
    organization: Organization, branches: Iterable[Organization], year: int, until: datetime.date
) -> dict[int, Facts]:
    """The facts of every branch in organization's subtree in three queries: meetings by branch, kind and month;
    the general meetings with their attendance; the rolls' sizes."""
    facts = {
        b.pk: Facts(
            student=b.sector in STUDENT_SECTORS,
            founded_on=getattr(b, "founded_on", None),
            dissolved_on=b.dissolved_on,
        )
        for b in branches
    }
    if not facts:
        return facts
    first, last = _year_range(year, until)
    meetings = Meeting.objects.filter(
        organization__path__range=organization.subtree_range(),
        party_branch__isnull=True,
        held_on__range=(first, last),
    )
    counted = [r.kind for r in LEAGUE_REQUIREMENTS if not r.quorum]
    grouped = (
        meetings.filter(kind__in=counted)
        .annotate(month=ExtractMonth("held_on"))
        .values_list("organization_id", "kind", "month")
        .annotate(n=Count("*"), last=Max("held_on"))
        .order_by()
    )
    for org_id, kind, month, n, day in grouped:
        if org_id in facts:
            facts[org_id].held[(kind, month)] = (n, day)
    present = Q(attendance__status=Attendance.Status.PRESENT)
    general = (
        meetings.filter(kind=Kind.GENERAL_MEETING)
        .annotate(rows=Count("attendance"), present=Count("attendance", filter=present))
        .values_list("organization_id", "kind", "held_on", "rows", "present")
        .order_by("held_on", "pk")
    )
    for org_id, kind, day, rows, n_present in general:
        if org_id in facts:
            facts[org_id].quorum_meetings.append((kind, day, rows, n_present))
    for org_id, n in member_counts(within=organization).items():
        if org_id in facts:
            facts[org_id].members = n
    return facts


def committee_compliance(
    organization: Organization, year: int, *, until: datetime.date | None = None
) -> list[BranchCompliance]:
    """The compliance of every branch in an organization's subtree for a year, in tree order, in a constant
    number of queries however many branches there are."""
    until = _until(until)
    policy = policy_for(MeetingPolicy, organization, year)
    branches = branches_within(organization, year)
    facts = _league_facts(organization, branches, year, until)
    return [evaluate(b, year, until, policy, facts[b.pk], LEAGUE_REQUIREMENTS) for b in branches]


def branch_compliance(branch: Organization, year: int, *, until: datetime.date | None = None) -> BranchCompliance:
    """One branch's compliance for a year as of until (today by default)."""
    until = _until(until)
    policy = policy_for(MeetingPolicy, branch, year)
    facts = _league_facts(branch, [branch], year, until)
    return evaluate(branch, year, until, policy, facts[branch.pk], LEAGUE_REQUIREMENTS)


def compliance_share(branch: Organization, start: datetime.date, end: datetime.date) -> Decimal | None:
    """met ÷ (met + missed) over the periods that end between start and end (each year under its own policy), as
    of end or today, whichever is earlier; None when nothing was decided."""
    until = min(end, timezone.localdate())
    met = missed = 0
    for year in range(start.year, end.year + 1):
        for c in branch_compliance(branch, year, until=until).cells:
            if start <= c.end <= end:
                met += c.status == MET
                missed += c.status == MISSED
    return share_of(met, missed)


def party_compliance(branch: PartyBranch, year: int, *, until: datetime.date | None = None) -> BranchCompliance:
    """The county office's Party branch against the county's Party requirements for a year."""
    until = _until(until)
    policy = policy_for(MeetingPolicy, branch.organization, year)
    first, last = _year_range(year, until)
    facts = Facts()
    meetings = Meeting.objects.filter(party_branch=branch, held_on__range=(first, last))
    counted = [r.kind for r in PARTY_REQUIREMENTS if not r.quorum]
    for kind, month, n, day in (
        meetings.filter(kind__in=counted)
        .annotate(month=ExtractMonth("held_on"))
        .values_list("kind", "month")
        .annotate(n=Count("*"), last=Max("held_on"))
        .order_by()
    ):
        facts.held[(kind, month)] = (n, day)
    present = Q(attendance__status=Attendance.Status.PRESENT)
    facts.quorum_meetings = list(
        meetings.filter(kind=Kind.PARTY_GENERAL)
        .annotate(rows=Count("attendance"), present=Count("attendance", filter=present))
        .values_list("kind", "held_on", "rows", "present")
        .order_by("held_on", "pk")
    )
    roll = PartyMember.objects.filter(branch=branch, left_on__isnull=True)
    sizes = roll.aggregate(n=Count("*"), groups=Count("pk", filter=~Q(group="")))
    facts.members = sizes["n"]
    facts.has_groups = bool(sizes["groups"])
    return evaluate(branch, year, until, policy, facts, PARTY_REQUIREMENTS)
