"""Scoped reads of transfers and graduating classes: a transfer is seen by both sides (the sending side's
subtree and the receiving side's) and by the member it concerns."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_LIFECYCLE, MANAGE_LIFECYCLE, VIEW_LIFECYCLE, VIEW_SELF
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, STUDENT_SECTORS, Organization
from tuanwu.people.models import Membership, Person
from tuanwu.people.workflow import MembershipStatus

from ..models.transfers import (
    OPEN_STATUSES,
    STAYING_DESTINATIONS,
    Graduate,
    GraduatingClass,
    Transfer,
)
from ..transfer_workflow import answering_side

if TYPE_CHECKING:
    from tuanwu.organizations.scope import Viewer

Status = Transfer.Status
BOXES = ("incoming", "outgoing", "all")
TENTH = Decimal("0.1")


def _q(user: Viewer, perm: str, box: str = "all") -> Q:
    incoming = scope.org_q(user, perm, "destination")
    outgoing = scope.org_q(user, perm, "origin")
    if box == "incoming":
        return incoming & Q(destination__isnull=False)
    if box == "outgoing":
        return outgoing & Q(origin__isnull=False)
    q = (incoming & Q(destination__isnull=False)) | (outgoing & Q(origin__isnull=False))
    person_id = getattr(user, "person_id", None)
    if person_id and scope.has_any(user, VIEW_SELF):
        q |= Q(person_id=person_id)
    return q


def transfer_list(
    user: Viewer,
    *,
    box: str = "all",
    status: str = "",
    organization: Organization | None = None,
    year: int | None = None,
) -> QuerySet[Transfer]:
    """The transfers the user may see: into their subtree (incoming), out of it (outgoing) or both (and their
    own), optionally by status, one organization's subtree on either side, or the year started."""
    qs = Transfer.objects.filter(_q(user, VIEW_LIFECYCLE, box)).select_related(
        "person", "origin", "destination", "branch"
    )
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if organization is not None:
        within = Q(path__startswith=organization.path)
        ids = Organization.objects.filter(within).values("pk")
        qs = qs.filter(Q(origin__in=ids) | Q(destination__in=ids))
    if year:
        qs = qs.filter(started_on__year=year)
    return qs.order_by("-started_on", "-pk")


def transfer_mine(user: Viewer) -> QuerySet[Transfer]:
    """The signed-in member's own transfers."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Transfer.objects.none()
    return Transfer.objects.filter(person_id=person_id).select_related("origin", "destination", "branch")


def transfer_get(user: Viewer, pk: int) -> Transfer:
    """One transfer either side (or its member) may see, else 404."""
    row = (
        Transfer.objects.filter(_q(user, VIEW_LIFECYCLE), pk=pk)
        .select_related("person", "origin", "destination", "branch")
        .prefetch_related("steps__actor", "steps__organization")
        .first()
    )
    if row is None:
        raise Http404
    return row


@dataclass(frozen=True)
class TransferActions:
    """What the user may do on a transfer now (the page's buttons; the services check again)."""

    approve: bool = False
    accept: bool = False
    reject: bool = False
    letter: bool = False
    needs_branch: bool = False


def transfer_actions(user: Viewer, transfer: Transfer) -> TransferActions:
    """The steps open to the user on the transfer, from its state and the user's rights on each side."""
    side = answering_side(transfer.status)
    approve = bool(side == "sender" and transfer.origin and scope.has_perm(user, APPROVE_LIFECYCLE, transfer.origin))
    accept = bool(
        side == "receiver" and transfer.destination and scope.has_perm(user, MANAGE_LIFECYCLE, transfer.destination)
    )
    letter = transfer.direction == Transfer.Direction.OUT and transfer.status == Status.COMPLETED
    needs_branch = bool(accept and transfer.destination and not transfer.destination.is_branch)
    return TransferActions(approve, accept, approve or accept, letter, needs_branch)


def assignable_branches(user: Viewer, transfer: Transfer) -> QuerySet[Organization]:
    """The branches of the receiving organization the user may assign the member to."""
    if transfer.destination is None:
        return Organization.objects.none()
    return scope.restrict(
        Organization.objects.filter(
            path__startswith=transfer.destination.path,
            kind__in=sorted(BRANCH_KINDS),
            status=Organization.Status.ACTIVE,
        ),
        user,
        MANAGE_LIFECYCLE,
        field="",
    ).order_by("path")


def transfer_counts(user: Viewer, county: Organization, year: int) -> dict[str, int]:
    """Transfers touching the county as the user sees them: open now, and lapsed among those started in year."""
    qs = transfer_list(user, organization=county)
    return {
        "pending": qs.filter(status__in=OPEN_STATUSES).count(),
        "lapsed": qs.filter(status=Status.LAPSED, started_on__year=year).count(),
    }


# Graduating classes


def graduating_class_list(user: Viewer, *, year: int | None = None) -> QuerySet[GraduatingClass]:
    """The graduating classes in the user's scope, optionally those expected to graduate in year."""
    qs = scope.restrict(GraduatingClass.objects.select_related("organization"), user, VIEW_LIFECYCLE)
    if year:
        qs = qs.filter(expected_on__year=year)
    return qs.order_by("expected_on", "organization__path")


def graduating_class_get(user: Viewer, pk: int) -> GraduatingClass:
    """One graduating class in scope, else 404."""
    return scope.get_scoped_or_404(
        GraduatingClass.objects.select_related("organization", "organization__parent"), user, VIEW_LIFECYCLE, pk=pk
    )


NOT_SENT = "not_sent"


@dataclass
class StuckGraduate:
    """A graduate not yet transferred: the status code (NOT_SENT when the committee has not sent them) and the
    organization whose turn it is."""

    name: str
    destination: str
    where: str
    status: str
    transfer_id: int | None = None

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status != NOT_SENT else str(_("Not sent yet"))


@dataclass
class ClassSummary:
    """A class's 学社衔接: graduates, those to be transferred, transferred, staying with the school, the rate
    (transferred ÷ to be transferred), and who is stuck where."""

    graduates: int = 0
    to_transfer: int = 0
    transferred: int = 0
    staying: int = 0
    not_sent: int = 0
    by_status: Counter = field(default_factory=Counter)
    stuck: list[StuckGraduate] = field(default_factory=list)

    @property
    def rate(self) -> Decimal | None:
        return (Decimal(100) * self.transferred / self.to_transfer).quantize(TENTH) if self.to_transfer else None


def _summarize(classes: list[GraduatingClass]) -> ClassSummary:
    summary = ClassSummary()
    ids = [gc.pk for gc in classes]
    rows = (
        Graduate.objects.filter(graduating_class_id__in=ids)
        .select_related("person", "transfer", "transfer__origin", "transfer__destination")
        .order_by("graduating_class_id", "pk")
    )
    sent_people = set()
    for g in rows:
        sent_people.add(g.person_id)
        summary.graduates += 1
        if g.destination in STAYING_DESTINATIONS:
            summary.staying += 1
            continue
        summary.to_transfer += 1
        t = g.transfer
        status = t.status if t else Status.AWAITING_SENDER
        summary.by_status[status] += 1
        if t is not None and t.status == Status.COMPLETED:
            summary.transferred += 1
            continue
        where = ""
        if t is not None:
            side = answering_side(t.status)
            where = (t.origin.name if side == "sender" and t.origin else t.to_name) if side else t.to_name
        summary.stuck.append(
            StuckGraduate(
                g.person.name,
                g.get_destination_display(),
                where,
                t.status if t else Status.AWAITING_SENDER,
                t.pk if t else None,
            )
        )
    remaining = (
        Membership.objects.filter(
            organization__in=[gc.organization_id for gc in classes], status=MembershipStatus.NORMAL
        )
        .exclude(person_id__in=sent_people)
        .select_related("person", "organization")
        .order_by("person__name")
    )
    for m in remaining:
        summary.graduates += 1
        summary.to_transfer += 1
        summary.not_sent += 1
        summary.stuck.append(StuckGraduate(m.person.name, "", m.organization.name, NOT_SENT, None))
    return summary


def graduating_class_summary(graduating_class: GraduatingClass) -> ClassSummary:
    """One class's 学社衔接 (the caller loaded the class through a scoped selector)."""
    return _summarize([graduating_class])


def graduation_summary(user: Viewer, county: Organization, year: int) -> ClassSummary:
    """The 学社衔接 of every class in the user's scope within the county expected to graduate in year."""
    classes = list(graduating_class_list(user, year=year).filter(organization__path__startswith=county.path))
    return _summarize(classes)


def destination_choices(organization: Organization) -> list[tuple[int, str]]:
    """The active organizations of the organization's county a transfer may go to, in tree order, indented by
    depth (their names are public within the county; the records behind them are not)."""
    rows = (
        Organization.objects.filter(path__startswith=organization.county_path, status=Organization.Status.ACTIVE)
        .exclude(pk=organization.pk)
        .order_by("path")
        .values_list("pk", "name", "depth")
    )
    return [(pk, f"{'　' * (depth - 1)}{name}") for pk, name, depth in rows]


def destination_get(organization: Organization, pk: int | None) -> Organization | None:
    """One organization of the county picked as a destination, or None."""
    if pk is None:
        return None
    return Organization.objects.filter(
        path__startswith=organization.county_path, status=Organization.Status.ACTIVE, pk=pk
    ).first()


def transfer_person_get(user: Viewer, pk: int) -> Person:
    """A member the sending side may start a transfer for (in its subtree), else 404."""
    return scope.get_scoped_or_404(
        Person.objects.select_related("organization", "membership"), user, MANAGE_LIFECYCLE, pk=pk
    )


def own_person(user: Viewer) -> Person | None:
    """The signed-in user's own person record with its membership, if any."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return None
    return Person.objects.select_related("organization", "membership").filter(pk=person_id).first()


def class_members(graduating_class: GraduatingClass) -> list[Person]:
    """The members of a graduating class not yet sent (the caller loaded the class through a scoped selector)."""
    sent = Graduate.objects.filter(graduating_class=graduating_class).values("person_id")
    return list(
        Person.objects.filter(
            membership__organization=graduating_class.organization, membership__status=MembershipStatus.NORMAL
        )
        .exclude(pk__in=sent)
        .order_by("name", "pk")
    )


def class_graduates(graduating_class: GraduatingClass) -> QuerySet[Graduate]:
    """The graduates sent from a class, with their transfers."""
    return (
        Graduate.objects.filter(graduating_class=graduating_class)
        .select_related("person", "transfer", "transfer__destination")
        .order_by("person__name", "pk")
    )


def school_branches(user: Viewer, *, year: int | None = None) -> QuerySet[Organization]:
    """School class branches the user may mark a graduation date on (APPROVE_LIFECYCLE), with their class."""
    return scope.restrict(
        Organization.objects.filter(
            kind__in=sorted(BRANCH_KINDS), sector__in=sorted(STUDENT_SECTORS), status=Organization.Status.ACTIVE
        ),
        user,
        APPROVE_LIFECYCLE,
        field="",
    ).order_by("path")


def transfer_candidates(user: Viewer, query: str, limit: int = 20) -> list[Person]:
    """Members in good standing the user may start a transfer for, found by name or ID number."""
    query = query.strip()
    if not query:
        return []
    match = Q(name__contains=query) | Q(id_number=query.upper())
    return list(
        scope.restrict(
            Person.objects.filter(match, membership__status=MembershipStatus.NORMAL).select_related("organization"),
            user,
            MANAGE_LIFECYCLE,
        ).order_by("name", "pk")[:limit]
    )
