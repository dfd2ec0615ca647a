"""Every scoped read of the care register, the campaigns and the projects, and the figures over them.

A care record is seen by its follower, by whoever holds VIEW_CARE on its organization or above (the line above
and the county), and by nobody else: outside that it answers 404 like a missing row."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from tuanwu.accounts.roles import MANAGE_CARE, VIEW_CARE
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization, subtree_range

from .models import (
    AssistanceInput,
    AssistanceProject,
    CareMeasure,
    CareRecord,
    Difficulty,
    WarmthCampaign,
    WarmthDelivery,
)


def _record_q(user: scope.Viewer) -> Q:
    q = scope.org_q(user, VIEW_CARE)
    if not q:  # the whole tree: an empty Q, which "|" would drop instead of keeping every row
        return q
    if getattr(user, "is_authenticated", False) and user.is_active:
        q |= Q(follower_id=user.pk)
    return q


def care_register_visible(user: scope.Viewer) -> bool:
    """Whether the user has a register to open: VIEW_CARE somewhere, or a record they follow."""
    if scope.has_any(user, VIEW_CARE):
        return True
    return bool(getattr(user, "is_authenticated", False)) and CareRecord.objects.filter(follower_id=user.pk).exists()


def follows_open_record(user: scope.Viewer) -> bool:
    """Whether the user follows at least one open care record (one query; for the menu)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return CareRecord.objects.filter(follower_id=user.pk, status=CareRecord.Status.OPEN).exists()


def records_without_recent_measure(user: scope.Viewer, days: int, today=None) -> QuerySet[CareRecord]:
    """The open records the user follows with no measure in the last `days` days (nor opened within them)."""
    import datetime

    from django.utils import timezone

    since = (today or timezone.localdate()) - datetime.timedelta(days=days)
    if not getattr(user, "is_authenticated", False):
        return CareRecord.objects.none()
    return (
        CareRecord.objects.filter(follower_id=user.pk, status=CareRecord.Status.OPEN, opened_on__lt=since)
        .exclude(measures__date__gte=since)
        .order_by("opened_on", "pk")
    )


def care_record_list(user: scope.Viewer) -> QuerySet[CareRecord]:
    """The records the user may see, with their organization, follower and number of measures."""
    return (
        CareRecord.objects.filter(_record_q(user))
        .select_related("organization", "follower")
        .annotate(measure_count=Count("measures"))
        .order_by("-opened_on", "-pk")
    )


def care_record_get(user: scope.Viewer, pk: int) -> CareRecord:
    """One record the user may see, with its measures and deliveries, or 404."""
    qs = CareRecord.objects.filter(_record_q(user)).select_related("organization", "follower", "person")
    qs = qs.prefetch_related(
        Prefetch("measures", queryset=CareMeasure.objects.select_related("voice_case", "recorded_by")),
        Prefetch("deliveries", queryset=WarmthDelivery.objects.select_related("campaign")),
    )
    record = qs.filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def care_record_can_manage(user: scope.Viewer, record: CareRecord) -> bool:
    """Whether the user may add measures to and close the record: its follower, or MANAGE_CARE on it."""
    if getattr(user, "is_authenticated", False) and record.follower_id == user.pk:
        return True
    return scope.has_perm(user, MANAGE_CARE, record.organization)


def care_organizations(user: scope.Viewer, perm: str = VIEW_CARE) -> QuerySet[Organization]:
    """The organizations the user may pick in care's forms and filters."""
    return Organization.objects.filter(scope.org_q(user, perm, field=""), status=Organization.Status.ACTIVE).order_by(
        "path"
    )


def campaign_list(user: scope.Viewer) -> QuerySet[WarmthCampaign]:
    """The campaigns of the user's scope, with the number of people reached and the value given."""
    return (
        scope.restrict(WarmthCampaign.objects.all(), user, VIEW_CARE)
        .select_related("organization")
        .annotate(reached=Count("deliveries"), value_fen=Sum("deliveries__value_fen"))
        .order_by("-starts_on", "-pk")
    )


def campaign_get(user: scope.Viewer, pk: int) -> WarmthCampaign:
    """One campaign with its deliveries, or 404."""
    qs = WarmthCampaign.objects.select_related("organization").prefetch_related(
        Prefetch("deliveries", queryset=WarmthDelivery.objects.select_related("record"))
    )
    return scope.get_scoped_or_404(qs, user, VIEW_CARE, pk=pk)


def project_list(user: scope.Viewer) -> QuerySet[AssistanceProject]:
    """The assistance projects of the user's scope, with their total inputs."""
    return (
        scope.restrict(AssistanceProject.objects.all(), user, VIEW_CARE)
        .select_related("organization")
        .annotate(input_fen=Sum("inputs__value_fen"))
        .order_by("-started_on", "-pk")
    )


def project_get(user: scope.Viewer, pk: int) -> AssistanceProject:
    """One project with its visits and inputs, or 404."""
    qs = AssistanceProject.objects.select_related("organization").prefetch_related("visits", "inputs")
    return scope.get_scoped_or_404(qs, user, VIEW_CARE, pk=pk)


# -- figures for the plan ----------------------------------------------------------------------------------------


def _in_county(county: Organization, field: str = "organization") -> Q:
    return Q(**{f"{field}__path__range": subtree_range(county.path)})


def people_in_care(county: Organization, year: int, difficulty: str = "") -> int:
    """People in care at some time in the year (opened by its end, not closed before it began)."""
    qs = CareRecord.objects.filter(_in_county(county), opened_on__lte=datetime.date(year, 12, 31)).exclude(
        closed_on__lt=datetime.date(year, 1, 1)
    )
    if difficulty:
        qs = qs.filter(difficulties__contains=f",{difficulty},")
    return qs.count()


def people_in_care_by_difficulty(county: Organization, year: int) -> dict[str, int]:
    """people_in_care for each difficulty type."""
    return {code: people_in_care(county, year, code) for code in Difficulty.values}


def measures_in_year(county: Organization, year: int) -> int:
    """Care measures delivered in the year."""
    return CareMeasure.objects.filter(_in_county(county, "record__organization"), date__year=year).count()


def assistance_fen_in_year(county: Organization, year: int) -> int:
    """Funds and goods delivered in the year, in fen: projects' inputs, money measures and campaign deliveries."""
    inputs = AssistanceInput.objects.filter(_in_county(county, "project__organization"), date__year=year)
    money = CareMeasure.objects.filter(
        _in_county(county, "record__organization"), date__year=year, kind=CareMeasure.Kind.MONEY
    )
    deliveries = WarmthDelivery.objects.filter(_in_county(county, "campaign__organization"), delivered_on__year=year)
    return (
        (inputs.aggregate(s=Sum("value_fen"))["s"] or 0)
        + (money.aggregate(s=Sum("amount_fen"))["s"] or 0)
        + (deliveries.aggregate(s=Sum("value_fen"))["s"] or 0)
    )


def follower_candidates(user: scope.Viewer):
    """The users who may follow a case the user opens: those holding a role inside the user's MANAGE_CARE
    scope."""
    from tuanwu.accounts.models import User

    orgs = Organization.objects.filter(scope.org_q(user, MANAGE_CARE, field=""))
    return User.objects.filter(is_active=True, roles__organization__in=orgs).distinct().order_by("username")


def person_for_care(user: scope.Viewer, pk: int):
    """A person of the registry the user may see, to take into care, or 404."""
    from tuanwu.accounts.roles import VIEW_PERSON
    from tuanwu.people.models import Person

    return scope.get_scoped_or_404(Person.objects.all(), user, VIEW_PERSON, pk=pk)


def voice_case_for_care(user: scope.Viewer, pk: int):
    """A 青年之声 case the user may see, to link to a measure, or 404."""
    from tuanwu.voice.selectors import case_get

    return case_get(user, pk)
