"""Every scoped read of volunteering, and the numbers other modules read (admission, dashboards, plan)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, Substr
from django.http import Http404
from django.utils import timezone

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING, VIEW_VOLUNTEERING
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization, subtree_range

from .models import (
    STAR_THRESHOLDS,
    Activity,
    Certificate,
    CorrectionRequest,
    HourEntry,
    Signup,
    TaskForce,
    stars_for,
)

CERTIFIED = Q(status=HourEntry.Status.CERTIFIED)


def _ledger_q(user, perm: str = VIEW_VOLUNTEERING) -> Q:
    """Entries of the user's people, and entries of activities organized in the user's scope."""
    return scope.org_q(user, perm, "organization") | scope.org_q(user, perm, "organizer")


# Activities -----------------------------------------------------------------------------------------------


def activity_list(user) -> QuerySet[Activity]:
    """Activities organized in the user's scope, with the counts a list shows."""
    return (
        scope.restrict(Activity.objects.all(), user, VIEW_VOLUNTEERING)
        .select_related("organization")
        .annotate(
            approved=Count("signups", filter=Q(signups__status=Signup.Status.APPROVED)),
            waiting=Count("signups", filter=Q(signups__status__in=[Signup.Status.PENDING, Signup.Status.WAITLISTED])),
        )
    )


def activity_get(user, pk: int) -> Activity:
    """One activity the user may see as an organizer or leader (404 otherwise)."""
    return scope.get_scoped_or_404(
        Activity.objects.select_related("organization", "recruit_organization", "task_force"),
        user,
        VIEW_VOLUNTEERING,
        pk=pk,
    )


def activity_for_volunteer(user, pk: int) -> Activity:
    """An activity as a young person sees it: published ones they may join, or ones they signed up for."""
    activity = Activity.objects.select_related("organization", "recruit_organization").filter(pk=pk).first()
    if activity is None:
        raise Http404
    person_id = getattr(user, "person_id", None)
    signed = person_id and Signup.objects.filter(activity=activity, person_id=person_id).exists()
    if signed or scope.has_perm(user, VIEW_VOLUNTEERING, activity.organization):
        return activity
    if activity.status in (Activity.Status.PUBLISHED, Activity.Status.RUNNING) and person_id:
        from tuanwu.people.models import Person

        person = Person.objects.select_related("organization").get(pk=person_id)
        if activity.open_to_all or person.organization.path.startswith(activity.recruit_organization.path):
            return activity
    raise Http404


def open_activities(person) -> QuerySet[Activity]:
    """Activities taking sign-ups that recruit from the person's organization, soonest first."""
    path = person.organization.path
    ancestors = [path[:i] for i in range(Organization.steplen, len(path) + 1, Organization.steplen)]
    return (
        Activity.objects.filter(
            status__in=[Activity.Status.PUBLISHED, Activity.Status.RUNNING],
            ends_at__gt=timezone.now(),
            task_force__isnull=True,
        )
        .filter(Q(open_to_all=True) | Q(recruit_organization__path__in=ancestors))
        .select_related("organization")
        .annotate(approved=Count("signups", filter=Q(signups__status=Signup.Status.APPROVED)))
        .order_by("starts_at", "pk")
    )


def signups_of(activity: Activity) -> QuerySet[Signup]:
    """An activity's sign-ups with the people and their recorded hours."""
    return (
        activity.signups.select_related("person", "organization")
        .prefetch_related("entries")
        .order_by("created_at", "pk")
    )


def my_signups(person_id: int) -> QuerySet[Signup]:
    return (
        Signup.objects.filter(person_id=person_id)
        .select_related("activity", "activity__organization")
        .order_by("-activity__starts_at")
    )


# The ledger -----------------------------------------------------------------------------------------------


def entry_list(user) -> QuerySet[HourEntry]:
    """Ledger entries the user may see (their people's, and those of activities organized in their scope)."""
    return HourEntry.objects.filter(_ledger_q(user)).select_related("person", "organization", "organizer")


def entry_get(user, pk: int) -> HourEntry:
    """One entry for a leader or for the volunteer it belongs to (404 otherwise)."""
    q = _ledger_q(user)
    if getattr(user, "person_id", None):
        q |= Q(person_id=user.person_id)
    entry = (
        HourEntry.objects.filter(q, pk=pk)
        .select_related("person", "organization", "organizer", "activity", "corrects")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def entry_chain(entry: HourEntry) -> list[HourEntry]:
    """The original entry and its corrections, oldest first."""
    root = entry.corrects or entry
    return [root, *root.corrections.select_related("recorded_by").order_by("pk")]


def may_manage_entry(user, entry: HourEntry) -> bool:
    return scope.has_perm(user, MANAGE_VOLUNTEERING, entry.organizer)


def person_hours(person_id: int, year: int | None = None) -> Decimal:
    """A person's certified hours in a calendar year (all years when year is None); the admission rule of
    20 hours a year reads this."""
    qs = HourEntry.objects.filter(CERTIFIED, person_id=person_id)
    if year is not None:
        qs = qs.filter(service_date__year=year)
    return qs.aggregate(total=Sum("hours"))["total"] or Decimal("0")


def hours_by_person(person_ids, year: int) -> dict[int, Decimal]:
    """Certified hours in a calendar year for many people at once (missing people have none)."""
    rows = (
        HourEntry.objects.filter(CERTIFIED, person_id__in=list(person_ids), service_date__year=year)
        .values("person_id")
        .annotate(total=Sum("hours"))
    )
    return {r["person_id"]: r["total"] for r in rows}


def person_summary(person_id: int) -> dict:
    """Totals by year, the cumulative total, the star level and the hours to the next star."""
    rows = (
        HourEntry.objects.filter(CERTIFIED, person_id=person_id)
        .values("service_date__year")
        .annotate(total=Sum("hours"))
        .order_by("-service_date__year")
    )
    by_year = [(r["service_date__year"], r["total"]) for r in rows]
    total = sum((t for _y, t in by_year), Decimal("0"))
    stars = stars_for(total)
    next_star = STAR_THRESHOLDS[stars] if stars < len(STAR_THRESHOLDS) else None
    pending = HourEntry.objects.filter(person_id=person_id, status=HourEntry.Status.RECORDED).aggregate(
        total=Sum("hours")
    )["total"] or Decimal("0")
    return {
        "by_year": by_year,
        "total": total,
        "stars": stars,
        "next_star": next_star,
        "to_next_star": (next_star - total) if next_star else None,
        "this_year": dict(by_year).get(timezone.localdate().year, Decimal("0")),
        "pending": pending,
    }


def person_entries(person_id: int) -> QuerySet[HourEntry]:
    return (
        HourEntry.objects.filter(person_id=person_id)
        .select_related("organizer", "activity", "corrects")
        .order_by("-service_date", "-pk")
    )


def entries_for_certificate(person, start: datetime.date, end: datetime.date) -> tuple[list[dict], Decimal]:
    """The person's certified service in a period, one line per entry with its corrections folded in."""
    entries = (
        HourEntry.objects.filter(CERTIFIED, person=person, service_date__range=(start, end))
        .select_related("organizer", "corrects")
        .order_by("service_date", "pk")
    )
    lines: dict[int, dict] = {}
    for e in entries:
        root_id = e.corrects_id or e.pk
        line = lines.get(root_id)
        if line is None:
            line = lines[root_id] = {
                "date": e.service_date.isoformat(),
                "content": e.content,
                "organizer": e.organizer.name,
                "hours": Decimal("0"),
            }
        line["hours"] += e.hours
    out = [dict(line, hours=str(line["hours"])) for line in lines.values() if line["hours"] > 0]
    return out, sum((Decimal(line["hours"]) for line in out), Decimal("0"))


def correction_requests_open(user) -> QuerySet[CorrectionRequest]:
    """Correction requests waiting for an answer from organizers in the user's scope."""
    return (
        scope.restrict(CorrectionRequest.objects.all(), user, MANAGE_VOLUNTEERING)
        .filter(status=CorrectionRequest.Status.PENDING)
        .select_related("entry", "person", "organization")
    )


def correction_request_get(user, pk: int) -> CorrectionRequest:
    return scope.get_scoped_or_404(
        CorrectionRequest.objects.select_related("entry", "person", "organization"), user, MANAGE_VOLUNTEERING, pk=pk
    )


def person_requests(person_id: int) -> QuerySet[CorrectionRequest]:
    return CorrectionRequest.objects.filter(person_id=person_id).select_related("entry")


# Certificates ---------------------------------------------------------------------------------------------


def certificate_list(user) -> QuerySet[Certificate]:
    """Certificates issued in the user's scope."""
    return scope.restrict(Certificate.objects.all(), user, VIEW_VOLUNTEERING).select_related("person", "organization")


def certificate_get(user, pk: int) -> Certificate:
    """A certificate for its issuer's leaders or for the person it certifies (404 otherwise)."""
    q = scope.org_q(user, VIEW_VOLUNTEERING)
    if getattr(user, "person_id", None):
        q |= Q(person_id=user.person_id)
    certificate = Certificate.objects.filter(q, pk=pk).select_related("person", "organization").first()
    if certificate is None:
        raise Http404
    return certificate


def certificate_verify(token: str) -> Certificate:
    """The certificate behind a public verification address."""
    certificate = Certificate.objects.filter(token=token).select_related("person", "organization").first()
    if certificate is None:
        raise Http404
    return certificate


# Task forces ----------------------------------------------------------------------------------------------


def task_force_list(user) -> QuerySet[TaskForce]:
    return (
        scope.restrict(TaskForce.objects.all(), user, VIEW_VOLUNTEERING)
        .select_related("organization", "leader")
        .annotate(size=Count("members", filter=Q(members__left_on__isnull=True)), deployed=Count("deployments"))
    )


def task_force_get(user, pk: int) -> TaskForce:
    return scope.get_scoped_or_404(
        TaskForce.objects.select_related("organization", "leader"), user, VIEW_VOLUNTEERING, pk=pk
    )


# Numbers --------------------------------------------------------------------------------------------------


def organization_summary(organization: Organization, year: int) -> dict:
    """Certified hours, active volunteers and stars of the people registered in an organization's subtree."""
    low, high = subtree_range(organization.path)
    in_tree = HourEntry.objects.filter(CERTIFIED, organization__path__range=(low, high))
    in_year = in_tree.filter(service_date__year=year)
    year_rows = in_year.aggregate(hours=Sum("hours"), entries=Count("pk", filter=Q(corrects__isnull=True)))
    # A volunteer is someone whose hours of the year, after corrections, are above zero.
    year_rows["volunteers"] = in_year.values("person_id").annotate(total=Sum("hours")).filter(total__gt=0).count()
    cumulative = in_tree.values("person_id").annotate(total=Sum("hours")).values_list("total", flat=True)
    stars = [0] * len(STAR_THRESHOLDS)
    for total in cumulative:
        level = stars_for(total)
        if level:
            stars[level - 1] += 1
    return {
        "hours": year_rows["hours"] or Decimal("0"),
        "volunteers": year_rows["volunteers"],
        "entries": year_rows["entries"],
        "stars": [{"level": i + 1, "threshold": t, "count": stars[i]} for i, t in enumerate(STAR_THRESHOLDS)],
        "activities": Activity.objects.filter(organization__path__range=(low, high), starts_at__year=year)
        .exclude(status=Activity.Status.CANCELLED)
        .count(),
    }


def hours_by_month(organization: Organization, year: int) -> list[dict]:
    """Certified hours per month and category in the subtree, for the charts."""
    low, high = subtree_range(organization.path)
    rows = (
        HourEntry.objects.filter(CERTIFIED, organization__path__range=(low, high), service_date__year=year)
        .annotate(month=ExtractMonth("service_date"))
        .values("month", "category")
        .annotate(total=Sum("hours"))
        .order_by("month", "category")
    )
    return list(rows)


def hours_by_child(organization: Organization, year: int) -> list[dict]:
    """Certified hours and volunteers per child organization (with its subtree), most hours first."""
    depth_len = len(organization.path) + Organization.steplen
    low, high = subtree_range(organization.path)
    rows = (
        HourEntry.objects.filter(CERTIFIED, organization__path__range=(low, high), service_date__year=year)
        .annotate(branch_path=Substr(F("organization__path"), 1, depth_len))
        .values("branch_path")
        .annotate(total=Sum("hours"), volunteers=Count("person_id", distinct=True))
    )
    # People registered on the organization itself are not one of its children.
    totals = {r["branch_path"]: r for r in rows if r["branch_path"] != organization.path}
    children = Organization.objects.filter(path__in=list(totals)).order_by("path")
    out = [
        {"organization": child, "hours": totals[child.path]["total"], "volunteers": totals[child.path]["volunteers"]}
        for child in children
    ]
    out.sort(key=lambda r: (-r["hours"], r["organization"].path))
    return out


def month_series(rows: list[dict]) -> tuple[list[int], dict[str, list[float]]]:
    """Rows of hours_by_month as twelve monthly values per category."""
    series: dict[str, list[float]] = defaultdict(lambda: [0.0] * 12)
    for r in rows:
        series[r["category"]][r["month"] - 1] = float(r["total"])
    return list(range(1, 13)), dict(series)
