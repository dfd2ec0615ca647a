"""The metrics modules provide for the plan's targets: each computes a value for the county and year from the
records, in its own unit and with its own words for the year-end summary, and names the page that shows the
records behind it. Stock figures (members, the member–youth ratio) are taken as of the plan year's end, or
today for the current year."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Metric:
    key: str
    label: object
    unit: str
    higher_is_better: bool
    compute: Callable  # compute(user, county, year) -> Decimal | None
    link: Callable  # link(county, year) -> url
    series: Callable | None = None  # series(user, county, year) -> [values over the year], for sparklines
    # What is measured, as the summary says it before the value and unit ("团前教育不足规定学时而发展的团员").
    wording: object = ""
    # The metric's own target, (value, comparison), used when the target's text gives none in the metric's unit
    # (a rule's "8 学时" is met when no admission breaks it: 0 人).
    default_goal: Callable | None = None  # default_goal(county, year) -> (Decimal, comparison) | None


def year_end(year: int) -> datetime.date:
    """The day a stock figure of the year is taken: 31 December, or today for the current year."""
    return min(datetime.date(year, 12, 31), timezone.localdate())


def _share(part: int, whole: int) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(TENTH) if whole else None


def _fixed(value, comparison: str) -> Callable:
    return lambda county, year: (Decimal(value), comparison)


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


def _admission_violations(user, county, year):  # every rule at once, kept for the targets bound to it
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
    return Decimal(episode.province_rank) if episode and episode.province_rank is not None else None


def _study_rate(user, county, year):
    from tuanwu.study.models import Episode
    from tuanwu.study.selectors import totals

    found = [totals(e, county).rate for e in Episode.objects.filter(released_on__year=year, imported_at__isnull=False)]
    rates = [r for r in found if r is not None]
    return (Decimal(sum(rates) / len(rates)) * 100).quantize(Decimal("0.1")) if rates else None


def _members(user, county, year):
    from tuanwu.people.selectors import members_on

    return Decimal(members_on(year_end(year)).filter(organization__path__range=county.subtree_range()).count())


# The rules of task 14, by the codes of the admission rules that decide them.
LESSON_HOURS = frozenset({"LESSON_HOURS_UNDER_8"})
VOLUNTEER_HOURS = frozenset({"VOLUNTEER_HOURS_UNDER_20"})
ASSESSMENT = frozenset({"ASSESSMENT_MISSING", "ASSESSMENT_BELOW_GOOD"})


def _breaking(user, year, codes) -> set:
    """The year's admissions (made in TuanWu) that broke any rule of codes, by application."""
    from tuanwu.admission.records import admission_audit

    return {r.application_id for r in admission_audit(user, year) if r.code in codes and r.application_id}


def _rule_metric(codes):
    return lambda user, county, year: Decimal(len(_breaking(user, year, codes)))


def _hours_share(user, county, year):
    admitted = int(_admissions(user, county, year))
    return _share(admitted - len(_breaking(user, year, LESSON_HOURS | VOLUNTEER_HOURS)), admitted)


def _ceremony_share(user, county, year):
    from tuanwu.admission.selectors import ceremonies_in_time

    return _share(*ceremonies_in_time(user, year))


def _quota_share(user, county, year):
    from tuanwu.admission.selectors import quota_for

    quota = quota_for(county, year)
    return _share(int(_admissions(user, county, year)), quota.count) if quota else None


def _ratio(county, day) -> Decimal | None:
    from tuanwu.people.selectors import member_youth_counts

    members, youths = member_youth_counts(county, day)
    return Decimal(100) * members / youths if youths else None


def _member_ratio(user, county, year):
    ratio = _ratio(county, year_end(year))
    return ratio.quantize(TENTH) if ratio is not None else None


def _member_ratio_change(user, county, year):
    now, before = _ratio(county, year_end(year)), _ratio(county, datetime.date(year - 1, 12, 31))
    return (now - before).quantize(TENTH) if now is not None and before is not None else None


def study_top(county, year) -> int:
    """The county's "前列" of the province's 青年大学习 ranking: a rank up to this."""
    from tuanwu.organizations.policy import policy_for

    from .models import PlanPolicy

    return policy_for(PlanPolicy, county, year).study_top_n


def _year_ranks(year) -> list[int]:
    from tuanwu.study.models import Episode

    ranks = Episode.objects.filter(released_on__year=year, province_rank__isnull=False).values_list(
        "province_rank", flat=True
    )
    return [r for r in ranks if r is not None]


def _study_in_band(user, county, year):
    ranks = _year_ranks(year)
    return Decimal(sum(1 for r in ranks if r <= study_top(county, year))) if ranks else None


def _study_worst(user, county, year):
    ranks = _year_ranks(year)
    return Decimal(max(ranks)) if ranks else None


def _study_band_share(user, county, year):
    ranks = _year_ranks(year)
    return _share(sum(1 for r in ranks if r <= study_top(county, year)), len(ranks))


def _meetings(name):
    """compute(user, county, year) from a meetings statistic of (county, year), as a Decimal."""

    def compute(user, county, year):
        from tuanwu.meetings.selectors import stats

        value = getattr(stats, name)(county, year)
        return value if value is None or isinstance(value, Decimal) else Decimal(value)

    return compute


def _theme_day_months(user, county, year):
    from tuanwu.meetings.selectors import stats

    return [float(v or 0) for v in stats.theme_day_share_by_month(county, year)]


def _meeting_list(kind: str = ""):
    def link(county, year):
        query = f"?year={year}" + (f"&kind={kind}" if kind else "")
        return f"{reverse('meetings:meeting_list')}{query}"

    return link


def _discipline_cases(user, county, year):
    from tuanwu.lifecycle.selectors.discipline import discipline_cases_in_year

    return Decimal(sum(discipline_cases_in_year(county, year).values()))


def _voice(name):
    """compute(user, county, year) from the county's 青年之声 figures of the year, as a Decimal."""

    def compute(user, county, year):
        from tuanwu.voice.selectors import county_figures

        value = getattr(county_figures(county, year), name)
        return None if value is None else Decimal(str(value))

    return compute


def _rights_coverage(what: str):
    """The share (%) of the county's class branches with a 权益委员 ("officers") or of its schools with a 权益部
    ("departments"), as of the year's end."""

    def compute(user, county, year):
        from tuanwu.voice.selectors_rights import coverage_shares

        covered, total = coverage_shares(county, year_end(year))[what]
        return _share(covered, total)

    return compute


def _rights_link(county, year):
    return reverse("voice:rights_coverage")


def _coverage(what: str):
    """A "两新" coverage figure of the year: from its frozen year-end snapshot, or today's directory this year."""

    def compute(user, county, year):
        from tuanwu.coverage import selectors as coverage

        if what == "density_growth":
            return coverage.density_growth(county, year)
        figures = coverage.figures_for(county, year)
        if figures is None:
            return None
        total = figures.total(parks_only=what == "park")
        return total.own_rate if what == "own" else total.rate

    return compute


def _duties(what: str):
    """A 履职 figure of the county's terms in the year: the share active (%), proposals (件) or meetings (人次)."""

    def compute(user, county, year):
        from tuanwu.duties.selectors import figures

        f = figures(county, year)
        if what == "active_share":
            return _share(f["active"], f["people"])
        return Decimal(f[what])

    return compute


def _publicity(name: str):
    """compute(user, county, year) from the county tree's role models and media accounts of the year."""

    def compute(user, county, year):
        from tuanwu.publicity.selectors import county_counts

        return Decimal(county_counts(county, year)[name])

    return compute


def _duties_link(county, year):
    return f"{reverse('duties:term_list')}?year={year}"


def _voice_link(county, year):
    return f"{reverse('voice:overview')}?year={year}"


def _programs(what: str, key: str = ""):
    """compute(user, county, year) of a programs figure: projects registered in the year (of a kind, or standing
    at a stage), people on their teams, awards granted to the subtree's projects."""

    def compute(user, county, year):
        from tuanwu.programs.selectors import county_figures

        figures = county_figures(county, year)
        value = figures[what].get(key, 0) if key else figures[what]
        return Decimal(value)

    return compute


def _programs_link(county, year):
    return f"{reverse('programs:project_list')}?year={year}"


def _coverage_board(county, year):
    return f"{reverse('coverage:board')}?year={year}"


def _audit(county, year):
    return f"{reverse('admission:audit')}?year={year}"


def _transfers(key):
    """compute(user, county, year) of a transfer count (pending now, lapsed among those started in year)."""

    def compute(user, county, year):
        from tuanwu.lifecycle.selectors.transfers import transfer_counts

        return Decimal(transfer_counts(user, county, year)[key])

    return compute


def _graduate_transfer_rate(user, county, year):
    from tuanwu.lifecycle.selectors.transfers import graduation_summary

    return graduation_summary(user, county, year).rate


def _transfer_list(status: str):
    return lambda county, year: f"{reverse('lifecycle:transfer_list')}?box=all&status={status}"


def _study(county, year):
    return reverse("study:episodes")


def _dues_collection_rate(user, county, year):
    from tuanwu.lifecycle.selectors.dues import dues_collection_rate

    return dues_collection_rate(county, year)


def _dues_arrears(user, county, year):
    from tuanwu.lifecycle.selectors.dues import arrears_total

    return arrears_total(county, year_end(year))


def _dues(county, year):
    return f"{reverse('lifecycle:dues_organization', args=[county.pk])}?year={year}"


def _registration_rate(user, county, year):
    from tuanwu.lifecycle.selectors.evaluation import registration_rate

    return registration_rate(county, year)


def _grades(kind: str):
    """compute(user, county, year) from the year's approved evaluations: a grade's share (%) or a count (人)."""

    def compute(user, county, year):
        from tuanwu.lifecycle.selectors.evaluation import evaluation_distribution

        d = evaluation_distribution(county, year)
        if kind == "excellent_share":
            return d.share("excellent")
        if kind == "passed_share":
            if not d.evaluated:
                return None
            passed = d.evaluated - d.counts.get("unqualified", 0)
            return (Decimal(100) * passed / d.evaluated).quantize(TENTH)
        return Decimal(d.counts.get("unqualified", 0))

    return compute


def _evaluations(county, year):
    return f"{reverse('lifecycle:evaluations')}?year={year}"


def _care(what: str, difficulty: str = ""):
    """A figure of the care register of the year: people in care (by difficulty type), measures delivered, or
    the funds and goods delivered in yuan."""

    def compute(user, county, year):
        from tuanwu.care import selectors as care

        if what == "people":
            return Decimal(care.people_in_care(county, year, difficulty))
        if what == "measures":
            return Decimal(care.measures_in_year(county, year))
        return Decimal(care.assistance_fen_in_year(county, year)) / 100

    return compute


# "1+100": the criteria of direct contact (the fixed organizations and youths are the plan's own addition).
ONE_PLUS_100 = ("contacts", "fields", "reached", "offline", "face_to_face")


def _latest_quarter(year: int) -> int:
    return (year_end(year).month - 1) // 3 + 1


def _contacts(what: str):
    """compute(user, county, year) of the cadres' direct contact in the year's latest quarter."""

    def compute(user, county, year):
        from tuanwu.contacts import selectors as contacts

        quarter = _latest_quarter(year)
        if what in ("compliant_share", "fixed_share"):
            rows = contacts.county_compliance(county, year, quarter)
            if what == "compliant_share":
                bound = [r for r in rows if r.bound]
                met = sum(1 for r in bound if all(r.by_key[k].met for k in ONE_PLUS_100 if r.by_key[k].applies))
                return _share(met, len(bound))
            fixed = [r for r in rows if r.by_key["fixed_orgs"].applies]
            met = sum(1 for r in fixed if r.by_key["fixed_orgs"].met and r.by_key["fixed_youths"].met)
            return _share(met, len(fixed))
        return Decimal(contacts.county_log_counts(county, year, quarter)[what])

    return compute


def _care_list(difficulty: str = ""):
    def link(county, year):
        url = reverse("care:record_list")
        return f"{url}?difficulty={difficulty}" if difficulty else url

    return link


def _care_metrics() -> tuple[Metric, ...]:
    """People in care in all and by difficulty type, measures delivered, funds and goods delivered."""
    from django.utils.text import format_lazy

    from tuanwu.care.models import Difficulty

    people = [
        Metric(
            "care_people",
            _("People in care"),
            "人",
            True,
            _care("people"),
            _care_list(),
            wording=_("young people in difficulty in care during the year"),
        )
    ]
    for code, label in Difficulty.choices:
        people.append(
            Metric(
                f"care_people_{code}",
                format_lazy("{}: {}", _("People in care"), label),
                "人",
                True,
                _care("people", code),
                _care_list(code),
                wording=format_lazy("{}: {}", _("young people in difficulty in care during the year"), label),
            )
        )
    return (
        *people,
        Metric(
            "care_measures",
            _("Care measures delivered in the year"),
            "次",
            True,
            _care("measures"),
            _care_list(),
            wording=_("care measures (visits, 连心 activities, money, goods, tutoring, referrals) delivered"),
        ),
        Metric(
            "care_assistance_value",
            _("Assistance funds and goods delivered in the year"),
            "元",
            True,
            _care("value"),
            lambda county, year: reverse("care:project_list"),
            wording=_("assistance funds and goods delivered (projects, campaigns, money measures)"),
        ),
    )


def _contacts_link(county, year):
    return f"{reverse('contacts:compliance')}?year={year}&quarter={_latest_quarter(year)}"


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
            wording=_("certified volunteer hours"),
        ),
        Metric(
            "active_volunteers",
            _("Active volunteers in the year"),
            "人",
            True,
            _active_volunteers,
            lambda county, year: f"{reverse('volunteering:stats')}?year={year}",
            wording=_("active volunteers"),
        ),
        Metric(
            "admission_violations",
            _("Admissions made in violation of the rules"),
            "人",
            False,
            _admission_violations,
            _audit,
            wording=_("findings of the annual check of admissions"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "admission_lesson_hours_violations",
            _("Admissions that broke the lesson-hours rule"),
            "人",
            False,
            _rule_metric(LESSON_HOURS),
            _audit,
            wording=_("members admitted with fewer lesson hours than the rule"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "admission_volunteer_hours_violations",
            _("Admissions that broke the volunteer-hours rule"),
            "人",
            False,
            _rule_metric(VOLUNTEER_HOURS),
            _audit,
            wording=_("members admitted with fewer volunteer hours in the year than the rule"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "admission_assessment_violations",
            _("Admissions that broke the political assessment rule"),
            "人",
            False,
            _rule_metric(ASSESSMENT),
            _audit,
            wording=_("members admitted without the political assessment the rule requires"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "admission_hours_share",
            _("Admissions whose candidate had the lesson hours and the volunteer hours"),
            "%",
            True,
            _hours_share,
            _audit,
            wording=_("share of the new members who had both the lesson hours and the volunteer hours"),
            default_goal=_fixed(100, ">="),
        ),
        Metric(
            "ceremony_in_time_share",
            _("New members with an admission ceremony within the time limit"),
            "%",
            True,
            _ceremony_share,
            _audit,
            wording=_("share of the new members whose admission ceremony was held within the time limit"),
            default_goal=_fixed(100, ">="),
        ),
        Metric(
            "admissions_quota_share",
            _("Admissions against the quota"),
            "%",
            True,
            _quota_share,
            lambda county, year: reverse("admission:board"),
            wording=_("admissions as a share of the quota"),
            default_goal=_fixed(100, "<="),
        ),
        Metric(
            "admissions",
            _("Admissions approved in the year"),
            "人",
            True,
            _admissions,
            lambda county, year: reverse("admission:board"),
            _admissions_by_month,
            wording=_("admissions approved"),
        ),
        Metric(
            "member_youth_ratio",
            _("Member–youth ratio (members of the youths aged 14–28) at the year's end"),
            "%",
            False,
            _member_ratio,
            lambda county, year: f"{reverse('people:list')}?status=members",
            wording=_("member–youth ratio at the year's end"),
        ),
        Metric(
            "member_youth_ratio_change",
            _("Change of the member–youth ratio from the previous year's end"),
            "个百分点",
            False,
            _member_ratio_change,
            lambda county, year: f"{reverse('people:list')}?status=members",
            wording=_("change of the member–youth ratio from the previous year's end"),
            default_goal=_fixed(0, "<"),
        ),
        Metric(
            "study_worst_rank",
            _("青年大学习: the county's worst provincial rank of the year"),
            "名",
            False,
            _study_worst,
            _study,
            _study_ranks,
            wording=_("青年大学习: the worst provincial rank of the year"),
            default_goal=lambda county, year: (Decimal(study_top(county, year)), "<="),
        ),
        Metric(
            "study_episodes_in_band",
            _("青年大学习: episodes of the year ranked among the province's leaders"),
            "期",
            True,
            _study_in_band,
            _study,
            _study_ranks,
            wording=_("青年大学习: episodes ranked among the province's leaders"),
        ),
        Metric(
            "study_band_share",
            _("青年大学习: share of the year's episodes ranked among the province's leaders"),
            "%",
            True,
            _study_band_share,
            _study,
            _study_ranks,
            wording=_("青年大学习: share of the episodes ranked among the province's leaders"),
            default_goal=_fixed(100, ">="),
        ),
        Metric(
            "study_rank",
            _("青年大学习: the county's latest provincial rank"),
            "名",
            False,
            _study_rank,
            _study,
            _study_ranks,
            wording=_("青年大学习: the latest provincial rank"),
        ),
        Metric(
            "study_rate",
            _("青年大学习: mean participation rate of the year"),
            "%",
            True,
            _study_rate,
            _study,
            _study_rates,
            wording=_("青年大学习: mean participation rate"),
        ),
        Metric(
            "theme_days",
            _("Theme days held in the year"),
            "次",
            True,
            _meetings("theme_days"),
            _meeting_list("theme_day"),
            wording=_("theme days held by the county's organizations"),
        ),
        Metric(
            "theme_day_branch_share",
            _("Branches holding a theme day each month (mean share)"),
            "%",
            True,
            _meetings("theme_day_share"),
            _meeting_list("theme_day"),
            _theme_day_months,
            wording=_("branches that held a theme day in the month, on average over the year's months"),
        ),
        Metric(
            "compliant_branch_share",
            _("Branches whose organizational life met the county's frequencies"),
            "%",
            True,
            _meetings("compliant_branch_share"),
            lambda county, year: f"{reverse('meetings:compliance')}?year={year}",
            wording=_("branches that held every meeting the county's policy asks for"),
        ),
        Metric(
            "party_meeting_share",
            _("Party branch: 三会一课 held against the policy"),
            "%",
            True,
            _meetings("party_meeting_share"),
            lambda county, year: f"{reverse('meetings:compliance')}?year={year}",
            wording=_("periods in which the Party branch held each meeting its policy asks for"),
        ),
        Metric(
            "meeting_participants",
            _("Attendances at League meetings in the year"),
            "人次",
            True,
            _meetings("participants"),
            _meeting_list(),
            wording=_("attendances at the League's meetings, lessons and theme days"),
        ),
        Metric(
            "lessons",
            _("League lessons held in the year"),
            "次",
            True,
            _meetings("lessons"),
            _meeting_list("lesson"),
            wording=_("League lessons held"),
        ),
        Metric(
            "lesson_hours_per_member",
            _("Lesson hours attended per member"),
            "学时/人",
            True,
            _meetings("lesson_hours_per_member"),
            _meeting_list("lesson"),
            wording=_("lesson hours attended per member"),
        ),
        Metric(
            "school_graduates",
            _("League school graduates in the year"),
            "人",
            True,
            _meetings("school_graduates"),
            _meeting_list("course_session"),
            wording=_("people who completed a League school class"),
        ),
        Metric(
            "top_rated_branches",
            _("Branches rated ★5 or ★4"),
            "个",
            True,
            _meetings("top_band_branches"),
            _meeting_list(),
            wording=_("branches rated five or four stars"),
        ),
        Metric(
            "weak_branches",
            _("Branches rated weak and lax"),
            "个",
            False,
            _meetings("weak_branches"),
            _meeting_list(),
            wording=_("branches rated weak and lax"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "transfers_pending",
            _("Transfers waiting for an answer"),
            "件",
            False,
            _transfers("pending"),
            _transfer_list("open"),
            wording=_("transfers waiting for the sending or the receiving side"),
        ),
        Metric(
            "transfers_lapsed",
            _("Transfers lapsed unanswered in the year"),
            "件",
            False,
            _transfers("lapsed"),
            _transfer_list("lapsed"),
            wording=_("transfer requests nobody answered in time"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "graduate_transfer_rate",
            _("学社衔接率: graduates' transfers completed"),
            "%",
            True,
            _graduate_transfer_rate,
            lambda county, year: f"{reverse('lifecycle:graduation_list')}?year={year}",
            wording=_("graduating members whose organizational relation was transferred"),
        ),
        Metric(
            "discipline_cases",
            _("Discipline cases approved in the year"),
            "件",
            False,
            _discipline_cases,
            lambda county, year: reverse("lifecycle:discipline_list"),
            wording=_("discipline cases approved by the committees"),
        ),
        Metric(
            "two_new_coverage",
            _("“两新” coverage: operating units that should establish covered by a League organization"),
            "%",
            True,
            _coverage("all"),
            _coverage_board,
            wording=_("operating “两新” units that should establish with a League organization (own or joint)"),
        ),
        Metric(
            "park_coverage",
            _("Parks: operating units that should establish covered by a League organization"),
            "%",
            True,
            _coverage("park"),
            _coverage_board,
            wording=_("operating units in the parks that should establish with a League organization"),
        ),
        Metric(
            "two_new_own_share",
            _("“两新”: units with their own League organization"),
            "%",
            True,
            _coverage("own"),
            _coverage_board,
            wording=_("operating “两新” units that should establish with their own League organization"),
        ),
        Metric(
            "social_density_growth",
            _("Social sector: growth of the League's organization density from the previous year's end"),
            "%",
            True,
            _coverage("density_growth"),
            _coverage_board,
            wording=_("growth of the social sector's organization density (as the county's policy defines it)"),
        ),
        Metric(
            "members",
            _("Members"),
            "人",
            True,
            _members,
            lambda county, year: f"{reverse('people:list')}?status=members",
            wording=_("members at the year's end"),
        ),
        Metric(
            "dues_collection_rate",
            _("Dues collected of the dues owed in the year"),
            "%",
            True,
            _dues_collection_rate,
            _dues,
            wording=_("dues collection rate"),
            default_goal=_fixed(100, ">="),
        ),
        Metric(
            "dues_arrears",
            _("Dues owed and unpaid at the year's end"),
            "元",
            False,
            _dues_arrears,
            _dues,
            wording=_("dues owed and unpaid at the year's end"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "registration_rate",
            _("Members registered for the year (团籍注册率)"),
            "%",
            True,
            _registration_rate,
            lambda county, year: f"{reverse('lifecycle:registrations')}?year={year}",
            wording=_("members registered for the year"),
        ),
        Metric(
            "evaluation_excellent_share",
            _("Members graded excellent in the evaluation"),
            "%",
            True,
            _grades("excellent_share"),
            _evaluations,
            wording=_("members graded excellent"),
        ),
        Metric(
            "evaluation_passed_share",
            _("Members graded basically qualified or better"),
            "%",
            True,
            _grades("passed_share"),
            _evaluations,
            wording=_("members graded basically qualified or better"),
        ),
        Metric(
            "evaluation_unqualified",
            _("Members graded unqualified"),
            "人",
            False,
            _grades("unqualified"),
            _evaluations,
            wording=_("members graded unqualified"),
        ),
        Metric(
            "voice_cases",
            _("青年之声 cases filed"),
            "件",
            True,
            _voice("cases"),
            _voice_link,
            wording=_("青年之声 cases filed in the year"),
        ),
        Metric(
            "voice_first_response_on_time",
            _("青年之声: first response on time"),
            "%",
            True,
            _voice("first_response_on_time"),
            _voice_link,
            wording=_("青年之声 cases answered within the first-response limit"),
        ),
        Metric(
            "voice_resolved_on_time",
            _("青年之声: resolved on time"),
            "%",
            True,
            _voice("resolved_on_time"),
            _voice_link,
            wording=_("青年之声 cases resolved within their category's limit"),
        ),
        Metric(
            "voice_overdue",
            _("青年之声: cases overdue"),
            "件",
            False,
            _voice("overdue"),
            _voice_link,
            wording=_("青年之声 cases open past a deadline"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "voice_satisfaction",
            _("青年之声: satisfaction"),
            "分",
            True,
            _voice("satisfaction"),
            _voice_link,
            wording=_("the askers' mean rating of resolved cases, out of 5"),
        ),
        Metric(
            "voice_rights_officer_coverage",
            _("Class branches with a rights officer (权益委员)"),
            "%",
            True,
            _rights_coverage("officers"),
            _rights_link,
            wording=_("class branches of the schools with a rights officer (权益委员)"),
        ),
        Metric(
            "voice_rights_department_coverage",
            _("Schools with a rights department (权益部)"),
            "%",
            True,
            _rights_coverage("departments"),
            _rights_link,
            wording=_("schools whose student union has a rights department (权益部)"),
        ),
        Metric(
            "duties_active_share",
            _("Committee members and delegates with at least one duty recorded in the year"),
            "%",
            True,
            _duties("active_share"),
            _duties_link,
            wording=_("committee members, alternates and congress delegates who recorded a duty (履职)"),
        ),
        Metric(
            "duties_proposals",
            _("Proposals submitted by committee members and delegates"),
            "件",
            True,
            _duties("proposals"),
            _duties_link,
            wording=_("proposals submitted by committee members and delegates"),
        ),
        Metric(
            "duties_meetings_attended",
            _("Meetings attended by committee members and delegates"),
            "人次",
            True,
            _duties("meetings"),
            _duties_link,
            wording=_("meeting attendances of committee members and delegates"),
        ),
        *_care_metrics(),
        Metric(
            "contacts_compliant_share",
            _("Cadres bound by “1+100” meeting it"),
            "%",
            True,
            _contacts("compliant_share"),
            _contacts_link,
            wording=_("cadres bound by “1+100” who met it in the latest quarter"),
            default_goal=_fixed(100, ">="),  # every bound cadre
        ),
        Metric(
            "contacts_fixed_share",
            _("Full-time cadres with their fixed organizations and youths"),
            "%",
            True,
            _contacts("fixed_share"),
            _contacts_link,
            wording=_("full-time cadres with 1–2 fixed grassroots organizations and 3 fixed youths"),
            default_goal=_fixed(100, ">="),  # 每人: every full-time cadre
        ),
        Metric(
            "contacts_logged",
            _("Contacts logged by cadres in the quarter"),
            "次",
            True,
            _contacts("logged"),
            _contacts_link,
            wording=_("contacts with youths and visits logged by cadres in the latest quarter"),
        ),
        Metric(
            "contacts_issues_raised",
            _("Issues raised to cadres in direct contact"),
            "件",
            True,
            _contacts("raised"),
            _contacts_link,
            wording=_("issues youths and organizations raised to cadres in the year"),
        ),
        Metric(
            "contacts_issues_resolved",
            _("Issues raised to cadres and acted on"),
            "件",
            True,
            _contacts("resolved"),
            _contacts_link,
            wording=_("issues raised to cadres in the year with what was done recorded"),
        ),
        Metric(
            "projects",
            _("Programs: projects registered"),
            "个",
            True,
            _programs("total"),
            _programs_link,
            wording=_("projects registered in the year"),
        ),
        Metric(
            "projects_summer_practice",
            _("Programs: 三下乡 teams"),
            "个",
            True,
            _programs("by_kind", "summer_practice"),
            _programs_link,
            wording=_("三下乡 teams registered in the year"),
        ),
        Metric(
            "projects_innovation",
            _("Programs: 创新创效 projects"),
            "个",
            True,
            _programs("by_kind", "innovation"),
            _programs_link,
            wording=_("创新创效 projects registered in the year"),
        ),
        Metric(
            "projects_mentoring",
            _("Programs: 导师计划 pairs"),
            "个",
            True,
            _programs("by_kind", "mentoring"),
            _programs_link,
            wording=_("导师计划 pairs registered in the year"),
        ),
        Metric(
            "projects_civilization",
            _("Programs: 青年文明号 collectives"),
            "个",
            True,
            _programs("by_kind", "civilization"),
            _programs_link,
            wording=_("青年文明号 collectives registered in the year"),
        ),
        Metric(
            "projects_environment",
            _("Programs: environmental projects"),
            "个",
            True,
            _programs("by_kind", "environment"),
            _programs_link,
            wording=_("environmental projects registered in the year"),
        ),
        Metric(
            "projects_assistance",
            _("Programs: 帮扶 projects"),
            "个",
            True,
            _programs("by_kind", "assistance"),
            _programs_link,
            wording=_("帮扶 projects registered in the year"),
        ),
        Metric(
            "projects_research",
            _("Programs: research topics"),
            "个",
            True,
            _programs("by_kind", "research"),
            _programs_link,
            wording=_("research topics registered in the year"),
        ),
        Metric(
            "projects_young_teachers",
            _("Programs: young teachers' groups"),
            "个",
            True,
            _programs("by_kind", "young_teachers"),
            _programs_link,
            wording=_("young teachers' groups registered in the year"),
        ),
        Metric(
            "projects_skills",
            _("Programs: 青工技能 entries"),
            "个",
            True,
            _programs("by_kind", "skills"),
            _programs_link,
            wording=_("青工技能 entries registered in the year"),
        ),
        Metric(
            "projects_running",
            _("Programs: projects running"),
            "个",
            True,
            _programs("by_stage", "running"),
            _programs_link,
            wording=_("the year's projects now running"),
        ),
        Metric(
            "projects_closed",
            _("Programs: projects closed"),
            "个",
            True,
            _programs("by_stage", "closed"),
            _programs_link,
            wording=_("the year's projects closed"),
        ),
        Metric(
            "project_participants",
            _("Programs: participants"),
            "人",
            True,
            _programs("participants"),
            _programs_link,
            wording=_("people on the teams of the year's projects"),
        ),
        Metric(
            "awards",
            _("Programs: awards"),
            "项",
            True,
            _programs("awards"),
            _programs_link,
            wording=_("awards granted to the organization's projects"),
        ),
        Metric(
            "role_models_publicized",
            _("Role models publicized in the year"),
            "个",
            True,
            _publicity("role_models_publicized"),
            lambda county, year: reverse("publicity:role_model_list"),
            wording=_("role models (young people and collectives) publicized in the year"),
        ),
        Metric(
            "media_accounts_active",
            _("Media accounts active"),
            "个",
            True,
            _publicity("accounts_active"),
            lambda county, year: f"{reverse('publicity:account_list')}?status=active",
            wording=_("registered media accounts of the League's organizations in use"),
        ),
        Metric(
            "media_accounts_dormant",
            _("Media accounts dormant"),
            "个",
            False,
            _publicity("accounts_dormant"),
            lambda county, year: f"{reverse('publicity:account_list')}?status=dormant",
            wording=_("media accounts flagged dormant and not yet closed"),
            default_goal=_fixed(0, "="),
        ),
        Metric(
            "media_reach",
            _("Media reach: reads in the year"),
            "次",
            True,
            _publicity("reads"),
            lambda county, year: reverse("publicity:account_list"),
            wording=_("reads of the League's media accounts in the year"),
        ),
    )
}


def suggest(text: str, unit: str | None, scope: str = "") -> str:
    """A metric that likely measures a target, from its sentence (and the scope the parser found in it): a
    proposal only, a person accepts or changes it before the target is scored."""
    if unit in ("%", None):
        # One sentence often carries two targets (园区全覆盖, 社会领域密度): the scope tells them apart.
        if scope == "社会领域" or ("密度" in text and scope != "园区"):
            return "social_density_growth"
        if scope == "园区" or ("园区" in text and "覆盖" in text):
            return "park_coverage"
        if "两新" in text and "覆盖" in text:
            return "two_new_coverage"
    if "大学习" in text or "排名" in text:
        return "study_worst_rank"  # 每期…前列: every episode of the year, so the worst rank counts
    admission = any(word in text for word in ("入团", "发展团员", "团前教育"))
    if unit == "学时" and admission:
        return "admission_lesson_hours_violations"
    if unit == "小时" and admission:
        return "admission_volunteer_hours_violations"
    if "团青比例" in text:
        return "member_youth_ratio_change"
    if "三会一课" in text:
        return "party_meeting_share"
    if "软弱涣散" in text:
        return "weak_branches"
    if "主题团日" in text and unit in ("次", "%", None):
        return "theme_days" if unit == "次" else "theme_day_branch_share"
    if "团校" in text and unit == "人":
        return "school_graduates"
    if "入团仪式" in text:
        return "ceremony_in_time_share"
    if "团费" in text:
        return "dues_arrears" if unit == "元" else "dues_collection_rate"
    if "志愿" in text and unit == "小时":
        return "volunteer_hours"
    if "固定联系" in text or "联系点" in text:
        return "contacts_fixed_share"
    if any(word in text for word in ("1+100", "1+lOO", "直接联系青年")):
        return "contacts_compliant_share"
    return ""
