"""Scoped reads of 青年之声: a case is seen by the handlers of its organization and the line above only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tuanwu.accounts.roles import MANAGE_VOICE, VIEW_VOICE
from tuanwu.core.masking import mask_name, mask_phone
from tuanwu.organizations import scope

from .models import CLOSED_STATUSES, Case, CaseEvent, Expert


def case_list(
    viewer: scope.Viewer,
    *,
    status: str = "",
    category: str = "",
    mine: bool = False,
    overdue: bool = False,
    q: str = "",
    organization=None,
) -> QuerySet[Case]:
    """The cases in the viewer's scope, newest first, filtered as the inbox asks."""
    qs = scope.restrict(Case.objects.select_related("organization", "owner", "escalated_to"), viewer, VIEW_VOICE)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if mine:
        qs = qs.filter(owner_id=getattr(viewer, "pk", None))
    if overdue:
        today = timezone.localdate()
        qs = qs.exclude(status__in=CLOSED_STATUSES).filter(
            Q(first_response_at__isnull=True, first_response_due__lt=today) | Q(resolution_due__lt=today)
        )
    if organization is not None:
        low, high = organization.subtree_range()
        qs = qs.filter(organization__path__range=(low, high))
    if q:
        qs = qs.filter(Q(number__icontains=q.strip()) | Q(description__icontains=q.strip()))
    return qs.order_by("-filed_at", "-pk")


def case_get(viewer: scope.Viewer, pk: int) -> Case:
    """One case with its steps, or 404 outside the viewer's scope."""
    events = CaseEvent.objects.select_related("actor", "from_organization", "to_organization", "to_user")
    qs = Case.objects.select_related(
        "organization", "owner", "escalated_to", "merged_into", "expert", "expert__person"
    ).prefetch_related(Prefetch("events", queryset=events))
    return scope.get_scoped_or_404(qs, viewer, VIEW_VOICE, pk=pk)


def case_public_events(case: Case) -> list[CaseEvent]:
    """The steps the asker reads on the tracking page: never the internal notes, hand-overs or who was told."""
    return list(case.events.filter(public=True).order_by("at", "pk"))


@dataclass(frozen=True)
class Flags:
    can_handle: bool
    can_act: bool
    can_reveal: bool


def case_flags(viewer: scope.Viewer, case: Case) -> Flags:
    """What the viewer may do with the case, ready for the template."""
    handle = scope.has_perm(viewer, MANAGE_VOICE, case.organization)
    owner_free = case.owner_id is None or case.owner_id == getattr(viewer, "pk", None)
    above = any(
        MANAGE_VOICE in g.permissions and case.organization.path.startswith(g.path) and g.path != case.organization.path
        for g in scope.grants(viewer)
    )
    return Flags(can_handle=handle, can_act=handle and (owner_free or above), can_reveal=handle)


def masked_contact(case: Case) -> dict[str, str]:
    """The asker's contact data as everyone but a revealing handler sees it."""
    return {"contact_name": mask_name(case.contact_name), "contact_phone": mask_phone(case.contact_phone)}


def is_overdue(case: Case, today: datetime.date | None = None) -> bool:
    """Whether the open case is past its first-response or resolution deadline."""
    today = today or timezone.localdate()
    if case.status in CLOSED_STATUSES:
        return False
    late_first = (
        case.first_response_at is None and case.first_response_due is not None and today > case.first_response_due
    )
    return late_first or (case.resolution_due is not None and today > case.resolution_due)


def public_case_get(number: str) -> Case:
    """The case a verified asker follows (the tracking page checked the code)."""
    return get_object_or_404(Case, number=number)


@dataclass(frozen=True)
class Summary:
    cases: int
    resolved: int
    first_response_on_time: float | None
    resolved_on_time: float | None
    overdue: int
    escalated: int
    satisfaction: float | None
    by_category: dict[str, int]


def case_summary(viewer: scope.Viewer, *, year: int | None = None, organization=None) -> Summary:
    """The numbers of the viewer's cases (filed in year, when given; merged duplicates left out): on-time shares
    in %, satisfaction as the mean rating out of 5."""
    qs = case_list(viewer, organization=organization).exclude(status=Case.Status.MERGED)
    if year:
        qs = qs.filter(filed_at__year=year)
    return summarize(
        list(
            qs.select_related(None).only(
                "status",
                "category",
                "first_response_due",
                "first_response_at",
                "resolution_due",
                "resolved_at",
                "rating",
                "escalation_level",
                "filed_at",
            )
        )
    )


def summarize(cases: list[Case]) -> Summary:
    """The figures of a list of cases (shared by the overview page and the plan metrics)."""
    today = timezone.localdate()
    answered = [
        (timezone.localtime(c.first_response_at).date(), c.first_response_due)
        for c in cases
        if c.first_response_at and c.first_response_due
    ]
    resolved = [
        (timezone.localtime(c.resolved_at).date(), c.resolution_due)
        for c in cases
        if c.resolved_at and c.resolution_due
    ]
    first_ok = sum(1 for on, due in answered if on <= due)
    final_ok = sum(1 for on, due in resolved if on <= due)
    ratings = [c.rating for c in cases if c.rating]
    by_category: dict[str, int] = {}
    for c in cases:
        by_category[c.category] = by_category.get(c.category, 0) + 1
    return Summary(
        cases=len(cases),
        resolved=sum(1 for c in cases if c.status == Case.Status.RESOLVED),
        first_response_on_time=round(100 * first_ok / len(answered), 1) if answered else None,
        resolved_on_time=round(100 * final_ok / len(resolved), 1) if resolved else None,
        overdue=sum(1 for c in cases if is_overdue(c, today)),
        escalated=sum(1 for c in cases if c.escalation_level > 0),
        satisfaction=round(sum(ratings) / len(ratings), 2) if ratings else None,
        by_category=by_category,
    )


def county_figures(county, year: int) -> Summary:
    """The figures of every case of the county's tree filed in year (for the work plan's metrics)."""
    low, high = county.subtree_range()
    cases = Case.objects.filter(organization__path__range=(low, high), filed_at__year=year)
    cases = cases.exclude(status=Case.Status.MERGED).only(
        "status",
        "category",
        "first_response_due",
        "first_response_at",
        "resolution_due",
        "resolved_at",
        "rating",
        "escalation_level",
        "filed_at",
    )
    return summarize(list(cases))


def published_list(q: str = "") -> QuerySet[Case]:
    """The reviewed, anonymized questions and answers on the public page, newest first; only those fields."""
    qs = Case.objects.filter(published_at__isnull=False).only(
        "number", "category", "public_question", "public_answer", "published_at"
    )
    if q.strip():
        qs = qs.filter(Q(public_question__icontains=q.strip()) | Q(public_answer__icontains=q.strip()))
    return qs.order_by("-published_at", "-pk")


def experts_for_case(case: Case) -> QuerySet[Expert]:
    """The active experts of the case's county who take its topic (its category or kind of rights claim)."""
    qs = Expert.objects.filter(organization__path=case.organization.county_path, active=True).select_related("person")
    return qs.filter(pk__in=[e.pk for e in qs if e.takes(case)])


def merged_events(case: Case) -> list[CaseEvent]:
    """What the asker of a merged case reads of the case it went to: the handlers' replies and the resolution only
    (never the other asker's words)."""
    if case.merged_into_id is None:
        return []
    kinds = (CaseEvent.Kind.REPLY, CaseEvent.Kind.RESOLVED)
    return list(CaseEvent.objects.filter(case_id=case.merged_into_id, public=True, kind__in=kinds).order_by("at", "pk"))
