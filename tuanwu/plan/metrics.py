"""The metrics modules provide for the plan's targets: each computes a value for the county and year from the
records and names the page that shows the records behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Metric:
    key: str
    label: object
    unit: str
    higher_is_better: bool
    compute: Callable  # compute(user, county, year) -> Decimal | None
    link: Callable  # link(county, year) -> url
    series: Callable | None = None  # series(user, county, year) -> [values over the year], for sparklines


def _volunteer_hours(user, county, year):
    from tuanwu.volunteering.selectors import organization_summary

    return organization_summary(county, year)["hours"]


def _hours_by_month(user, county, year):
    from tuanwu.volunteering.selectors import hours_by_month

    months = [0.0] * 12
    for row in hours_by_month(county, year):
        months[row["month"] - 1] += float(row["total"])
    running, out = 0.0, []
    for value in months:
        running += value
        out.append(running)
    return out


def _admissions_by_month(user, county, year):
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth

    from tuanwu.admission.selectors import application_list

    rows = (
        application_list(user)
        .filter(status="admitted", meeting__held_on__year=year)
        .annotate(month=ExtractMonth("meeting__held_on"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    months = [0] * 12
    for r in rows:
        months[r["month"] - 1] = r["n"]
    running, out = 0, []
    for value in months:
        running += value
        out.append(running)
    return out


def _study_rates(user, county, year):
    from tuanwu.study.models import Episode
    from tuanwu.study.selectors import totals

    episodes = Episode.objects.filter(released_on__year=year, imported_at__isnull=False).order_by("released_on")
    return [100 * (totals(e, county).rate or 0) for e in episodes]


def _study_ranks(user, county, year):
    from tuanwu.study.models import Episode

    return list(
        Episode.objects.filter(released_on__year=year, province_rank__isnull=False)
        .order_by("released_on")
        .values_list("province_rank", flat=True)
    )


def _active_volunteers(user, county, year):
    from tuanwu.volunteering.selectors import organization_summary

    return Decimal(organization_summary(county, year)["volunteers"])


def _admission_violations(user, county, year):
    from tuanwu.admission.records import admission_audit

    return Decimal(sum(1 for r in admission_audit(user, year) if not r.warning))


def _admissions(user, county, year):
    from tuanwu.admission.selectors import application_list

    return Decimal(application_list(user).filter(status="admitted", meeting__held_on__year=year).count())


def _study_rank(user, county, year):
    from tuanwu.study.models import Episode

    episode = (
        Episode.objects.filter(released_on__year=year, province_rank__isnull=False).order_by("-released_on").first()
    )
    return Decimal(episode.province_rank) if episode else None


def _study_rate(user, county, year):
    from tuanwu.study.models import Episode
    from tuanwu.study.selectors import totals

    rates = [totals(e, county).rate for e in Episode.objects.filter(released_on__year=year, imported_at__isnull=False)]
    rates = [r for r in rates if r is not None]
    return (Decimal(sum(rates) / len(rates)) * 100).quantize(Decimal("0.1")) if rates else None


def _members(user, county, year):
    from tuanwu.people.selectors import member_total

    return Decimal(member_total(county))


METRICS = {
    m.key: m
    for m in (
        Metric(
            "volunteer_hours",
            _("Certified volunteer hours in the year"),
            "小时",
            True,
            _volunteer_hours,
            lambda county, year: f"{reverse('volunteering:stats')}?year={year}",
            _hours_by_month,
        ),
        Metric(
            "active_volunteers",
            _("Active volunteers in the year"),
            "人",
            True,
            _active_volunteers,
            lambda county, year: f"{reverse('volunteering:stats')}?year={year}",
        ),
        Metric(
            "admission_violations",
            _("Admissions made in violation of the rules"),
            "人",
            False,
            _admission_violations,
            lambda county, year: f"{reverse('admission:audit')}?year={year}",
        ),
        Metric(
            "admissions",
            _("Admissions approved in the year"),
            "人",
            True,
            _admissions,
            lambda county, year: reverse("admission:board"),
            _admissions_by_month,
        ),
        Metric(
            "study_rank",
            _("青年大学习: the county's latest provincial rank"),
            "名",
            False,
            _study_rank,
            lambda county, year: reverse("study:episodes"),
            _study_ranks,
        ),
        Metric(
            "study_rate",
            _("青年大学习: mean participation rate of the year"),
            "%",
            True,
            _study_rate,
            lambda county, year: reverse("study:episodes"),
            _study_rates,
        ),
        Metric(
            "members",
            _("Members"),
            "人",
            True,
            _members,
            lambda county, year: f"{reverse('people:list')}?status=members",
        ),
    )
}


def suggest(text: str, unit: str | None) -> str:
    """A metric that likely measures a target, from its sentence (a person confirms or changes it)."""
    if "大学习" in text or "排名" in text:
        return "study_rank"
    if unit in ("学时", "小时") and ("入团" in text or "发展团员" in text):
        return "admission_violations"
    if "志愿" in text and unit == "小时":
        return "volunteer_hours"
    return ""
