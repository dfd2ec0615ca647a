"""Who is due to leave the League: the age-out list (满28周岁 without a League post, shown ahead) and the lapse
candidates (自行脱团: six consecutive months without organizational life and without dues)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from tuanwu.accounts.roles import VIEW_LIFECYCLE
from tuanwu.core.dates import add_months, add_years
from tuanwu.meetings.models import LEAGUE_KINDS, Attendance
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization, subtree_range
from tuanwu.people.models import CadrePost, Membership, Person
from tuanwu.people.selectors import person_for_write
from tuanwu.people.workflow import AGE_OUT_AGE, LAPSE_MONTHS, MembershipStatus

from ..models import LapseProposal

# The age-out list shows members from three months before they turn 28.
AGE_OUT_AHEAD_MONTHS = 3

# paid_months(person_ids, first_month, last_month) -> {person_id: {first-of-month dates paid}}
PaidMonths = Callable[[list[int], datetime.date, datetime.date], dict[int, set[datetime.date]]]


@dataclass(frozen=True)
class AgeOutRow:
    membership: Membership
    turns_on: datetime.date  # the 28th birthday
    due: bool  # 28 already: the exit can be requested
    requested: bool  # the age-out exit is already requested


@dataclass(frozen=True)
class LapseCandidate:
    membership: Membership
    first_month: datetime.date
    last_month: datetime.date
    last_attended_on: datetime.date | None
    dues_checked: bool
    proposal: LapseProposal | None


def _members_under(organization: Organization, statuses: Iterable[str]) -> QuerySet[Membership]:
    return Membership.objects.filter(
        organization__path__range=subtree_range(organization.path), status__in=list(statuses)
    ).select_related("person", "organization")


def age_out_list(organization: Organization, on: datetime.date) -> list[AgeOutRow]:
    """Members of the organization's subtree who turn 28 within three months of the day (or did already) and hold
    no League post, by their 28th birthday; those already requested are shown as such."""
    horizon = add_months(on, AGE_OUT_AHEAD_MONTHS)
    latest_birth = add_years(horizon, -AGE_OUT_AGE)
    rows = _members_under(organization, [MembershipStatus.NORMAL, MembershipStatus.AGE_OUT_PENDING]).filter(
        person__birth_date__lte=latest_birth
    )
    holding = set(
        CadrePost.objects.filter(person__in=rows.values("person_id"), until__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    out = []
    for membership in rows:
        if membership.person_id in holding:
            continue
        turns_on = add_years(membership.person.birth_date, AGE_OUT_AGE)
        out.append(
            AgeOutRow(
                membership=membership,
                turns_on=turns_on,
                due=turns_on <= on,
                requested=membership.status == MembershipStatus.AGE_OUT_PENDING,
            )
        )
    out.sort(key=lambda r: (r.turns_on, r.membership.person.name))
    return out


def lapse_window(as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first days of the first and last of the six complete months before the month of as_of."""
    this_month = as_of.replace(day=1)
    return add_months(this_month, -LAPSE_MONTHS), add_months(this_month, -1)


def _attended(person_ids: list[int], since: datetime.date | None = None) -> dict[int, datetime.date]:
    """The last League organizational life each person attended (present), optionally only from a day on."""
    last: dict[int, datetime.date] = {}
    for i in range(0, len(person_ids), 900):
        rows = Attendance.objects.filter(
            person_id__in=person_ids[i : i + 900],
            status=Attendance.Status.PRESENT,
            meeting__kind__in=sorted(LEAGUE_KINDS),
        )
        if since is not None:
            rows = rows.filter(meeting__held_on__gte=since)
        for person_id, held_on in rows.values_list("person_id", "meeting__held_on"):
            if person_id not in last or held_on > last[person_id]:
                last[person_id] = held_on
    return last


def lapse_candidates(
    organization: Organization, as_of: datetime.date, *, paid_months: PaidMonths | None = None
) -> list[LapseCandidate]:
    """Members of the organization's subtree, members for the whole window, who attended no League
    organizational life in the six complete months before as_of and paid no dues in any of them: by the dues
    ledger (selectors.dues.months_paid), or by paid_months when given."""
    first_month, last_month = lapse_window(as_of)
    members = list(_members_under(organization, [MembershipStatus.NORMAL]).filter(join_date__lt=first_month))
    ids = [m.person_id for m in members]
    attended = _attended(ids)
    # Last attendance before the window (a member who came back this month is no candidate either).
    quiet = [pid for pid in ids if attended.get(pid) is None or attended[pid] < first_month]
    if paid_months is None:
        from .dues import months_paid

        paid_months = months_paid
    paid: dict[int, set[datetime.date]] = {}
    if quiet:
        paid = paid_months(quiet, first_month, last_month)
    open_proposals = {
        p.person_id: p for p in LapseProposal.objects.filter(person_id__in=quiet, status=LapseProposal.Status.PROPOSED)
    }
    out = []
    for membership in members:
        pid = membership.person_id
        if pid not in quiet or any(first_month <= month <= last_month for month in paid.get(pid, ())):
            continue
        out.append(
            LapseCandidate(
                membership=membership,
                first_month=first_month,
                last_month=last_month,
                last_attended_on=attended.get(pid),
                dues_checked=True,
                proposal=open_proposals.get(pid),
            )
        )
    out.sort(key=lambda c: (c.membership.organization.path, c.membership.person.name))
    return out


def lapse_proposal_list(user: scope.Viewer, organization: Organization) -> QuerySet[LapseProposal]:
    """The lapse proposals of the organization's subtree in the user's scope, newest first."""
    return scope.restrict(
        LapseProposal.objects.filter(organization__path__range=subtree_range(organization.path)).select_related(
            "person", "organization"
        ),
        user,
        VIEW_LIFECYCLE,
    )


def lapse_proposal_get(user: scope.Viewer, pk: int) -> LapseProposal:
    """One lapse proposal in the user's scope (404 outside it)."""
    return scope.get_scoped_or_404(
        LapseProposal.objects.select_related("person", "organization"), user, VIEW_LIFECYCLE, pk=pk
    )


def person_in_scope(user: scope.Viewer, pk: object, perm: str) -> Person:
    """A member the user may act on with perm (404 otherwise)."""
    return person_for_write(user, pk, perm)
