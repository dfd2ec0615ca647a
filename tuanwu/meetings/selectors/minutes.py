"""The minutes book (会议记录本) of one organizer for one term: its meetings in date order, each laid out as the
secretary keeps it on paper."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_MEETING
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from ..models import Attendance, Meeting, PartyBranch
from .meetings import meeting_list, party_branches_of

_TERM = re.compile(r"^(\d{4})-([12])$")


@dataclass(frozen=True)
class Term:
    """Half a year: 1 is January to June, 2 is July to December."""

    year: int
    half: int

    @property
    def code(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.year, 6, 30) if self.half == 1 else datetime.date(self.year, 12, 31)

    @property
    def label(self) -> str:
        if self.half == 1:
            return _("%(year)d, first half (January–June)") % {"year": self.year}
        return _("%(year)d, second half (July–December)") % {"year": self.year}

    def previous(self) -> Term:
        return Term(self.year, 1) if self.half == 2 else Term(self.year - 1, 2)

    def next(self) -> Term:
        return Term(self.year, 2) if self.half == 1 else Term(self.year + 1, 1)


def term_of(day: datetime.date) -> Term:
    return Term(day.year, 1 if day.month <= 6 else 2)


def term_parse(value: str) -> Term | None:
    """A term as the query string gives it (2026-1), or None for anything else."""
    m = _TERM.match(value.strip())
    if not m or not 2000 <= int(m[1]) <= 2100:
        return None
    return Term(int(m[1]), int(m[2]))


@dataclass(frozen=True)
class Entry:
    """One meeting of the book with its attendance as the paper layout counts it."""

    meeting: Meeting
    expected: int
    present: int
    absent: list[Attendance]
    excused: list[Attendance]

    @property
    def absences(self) -> list[str]:
        """Who was missing, as the book writes them: 李华（外出务工）, 王芳（请假：生病）."""
        out = [f"{a.person.name}（{a.reason}）" for a in self.absent]
        for a in self.excused:
            leave = _("on leave")
            out.append(f"{a.person.name}（{leave}：{a.reason}）" if a.reason else f"{a.person.name}（{leave}）")
        return out

    @property
    def time(self) -> str:
        m = self.meeting
        text = f"{m.held_on.year}年{m.held_on.month}月{m.held_on.day}日"
        if m.starts_at:
            text += f" {m.starts_at:%H:%M}" + (f"–{m.ends_at:%H:%M}" if m.ends_at else "")
        return text


@dataclass(frozen=True)
class MinutesBook:
    organizer: str
    organization: Organization
    party_branch: PartyBranch | None
    term: Term
    entries: list[Entry]


def minutes_organizer(
    user: scope.Viewer, *, organization_id: int | None, party_id: int | None
) -> tuple[Organization, PartyBranch | None]:
    """The organizer whose book is asked for: a Party branch the user sees (its roll and the county), or a League
    organization in the user's VIEW_MEETING scope (by default the user's own, else the top of their scope);
    404 otherwise, exactly like one that does not exist."""
    if party_id is not None:
        branch = party_branches_of(user).select_related("organization").filter(pk=party_id).first()
        if branch is None:
            raise Http404
        return branch.organization, branch
    if organization_id is None:
        own = getattr(getattr(user, "person", None), "organization", None)
        if own is not None and scope.has_perm(user, VIEW_MEETING, own):
            return own, None
        root = scope.root_for(user, VIEW_MEETING)
        if root is None:
            raise Http404
        return root, None
    org = scope.get_scoped_or_404(Organization.objects.all(), user, VIEW_MEETING, field="", pk=organization_id)
    return org, None


def minutes_book(
    user: scope.Viewer, organization: Organization, party_branch: PartyBranch | None, term: Term
) -> MinutesBook:
    """The organizer's own meetings of the term (not its subtree's), oldest first, with attendance in one query."""
    meetings = meeting_list(user).filter(held_on__range=(term.starts_on, term.ends_on))
    if party_branch is not None:
        meetings = meetings.filter(party_branch=party_branch)
    else:
        meetings = meetings.filter(organization=organization, party_branch__isnull=True)
    rows = meetings.order_by("held_on", "starts_at", "pk").prefetch_related(
        "campaigns",
        Prefetch(
            "attendance",
            queryset=Attendance.objects.select_related("person").order_by("person__name_pinyin", "pk"),
            to_attr="lines",
        ),
    )
    entries = []
    for meeting in rows:
        lines = meeting.lines
        entries.append(
            Entry(
                meeting=meeting,
                expected=len(lines),
                present=sum(1 for a in lines if a.status == Attendance.Status.PRESENT),
                absent=[a for a in lines if a.status == Attendance.Status.ABSENT],
                excused=[a for a in lines if a.status == Attendance.Status.EXCUSED],
            )
        )
    organizer = party_branch.name if party_branch else (organization.full_name or organization.name)
    return MinutesBook(organizer, organization, party_branch, term, entries)
