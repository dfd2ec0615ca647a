"""The admission rules as data, and the one function that evaluates them: the services call it to gate each
step, the annual audit calls it over the year's admissions.

Every rule has a stable code and a message naming the numbers involved, in the user's language. The codes
name the League's default numbers (`VOLUNTEER_HOURS_UNDER_20`) and stay the same when a county's policy
changes a number, so that reports and scripts can rely on them; the message gives the number that applied. A rule
belongs to the step at which it can first be decided; checking "up to" a step evaluates the rules of that
step and of every step before it. Rules marked as warnings are reported but do not stop the step (an
interview a few days late does not undo an application); the audit lists them all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.core.dates import add_months, age_on
from tuanwu.meetings.selectors.lessons import LessonHours
from tuanwu.organizations.models import Organization, Sector
from tuanwu.organizations.policy import policy_for

from .models import ASSESSMENT_RANK, AdmissionPolicy, Application, Assessment
from .workflow import ORDER, Step

# 智慧团建 requires a development number for every join from 2017 on.
NUMBER_REQUIRED_FROM = datetime.date(2017, 1, 1)


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    step: str
    warning: bool = False


@dataclass
class Facts:
    """What the rules need beyond the application's own fields, gathered by the caller."""

    birth_date: datetime.date
    volunteer_hours: Decimal = Decimal(0)  # certified, in the calendar year of the candidacy
    lessons: LessonHours = field(default_factory=LessonHours)  # lesson hours on the day of the candidacy
    good_standing: dict[int, bool] = field(default_factory=dict)  # introducer person id -> full member, normal
    under_discipline: frozenset[int] = frozenset()  # introducers on probation or being expelled (lifecycle)
    introducer_load: dict[int, int] = field(default_factory=dict)  # introducer -> candidacies in the meeting
    meeting_voting: int | None = None
    meeting_present: int | None = None
    quota_left: int | None = None  # admissions still free in the approving organization's quota; None: no quota
    class_counts: tuple[int, int] | None = None  # (members, young people) of a graduating class; None otherwise


def policy_name(policy: AdmissionPolicy, setting: str) -> str:
    """The county policy and its setting a rule applied, for the rule's message ("青禾县委2026年发展团员规则：…")."""
    return _("%(county)s %(year)d %(policy)s: %(setting)s") % {
        "county": policy.organization.name,
        "year": policy.year,
        "policy": AdmissionPolicy._meta.verbose_name,
        "setting": getattr(AdmissionPolicy._meta.get_field(setting), "verbose_name", setting),
    }


def _d(day: datetime.date | None) -> str:
    return day.isoformat() if day else "—"


def _num(value) -> str:
    value = Decimal(value)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}".rstrip("0")


def check(app: Application, policy: AdmissionPolicy, facts: Facts, *, upto: str) -> list[Violation]:
    """Every rule of the steps up to and including upto that the application breaks."""
    reached = ORDER[: ORDER.index(upto) + 1]
    out: list[Violation] = []

    def add(step, code, message, warning=False):
        out.append(Violation(code, message, step, warning))

    if Step.APPLY in reached:
        age = age_on(facts.birth_date, app.applied_on)
        if age < policy.min_age:
            add(
                Step.APPLY,
                "AGE_BELOW_14",
                _("Aged %(age)d when applying, younger than %(min)d.") % {"age": age, "min": policy.min_age},
            )
        if age > policy.max_age:
            add(
                Step.APPLY,
                "AGE_ABOVE_28",
                _("Aged %(age)d when applying, older than %(max)d.") % {"age": age, "max": policy.max_age},
            )
    _dates(app, reached, add)
    if Step.INTERVIEW in reached and app.interviewed_on:
        days = (app.interviewed_on - app.applied_on).days
        if days > policy.interview_days:
            add(
                Step.INTERVIEW,
                "INTERVIEW_LATE",
                _("Interviewed %(days)d days after applying; the rule is within %(max)d days.")
                % {"days": days, "max": policy.interview_days},
                warning=True,
            )
    if Step.CANDIDATE in reached:
        _candidate(app, policy, facts, add)
    if Step.PREREVIEW in reached and not (app.prereviewed_on and app.form_number):
        add(
            Step.PREREVIEW,
            "NOT_PREREVIEWED",
            _("The committee above has not prereviewed the candidate and issued a numbered admission form."),
        )
    if Step.INTRODUCERS in reached:
        _introducers(app, policy, facts, add)
    if Step.MEETING in reached:
        _meeting(app, policy, facts, add)
    if Step.APPROVE in reached:
        _approval(app, policy, facts, add)
    if Step.CEREMONY in reached and app.approved_on:
        due = ceremony_due(app, policy)
        held = app.ceremony.held_on if app.ceremony_id and app.ceremony is not None else None
        if (held or timezone.localdate()) > due:
            add(
                Step.CEREMONY,
                "CEREMONY_LATE",
                (
                    _(
                        "Admitted on %(day)s; the ceremony on %(held)s is later than this county's rule (%(policy)s) "
                        "of %(months)d months, due %(due)s."
                    )
                    if held
                    else _(
                        "Admitted on %(day)s without a ceremony; by this county's rule (%(policy)s) it is due within "
                        "%(months)d months, by %(due)s."
                    )
                )
                % {
                    "day": _d(app.approved_on),
                    "held": _d(held),
                    "months": policy.ceremony_months,
                    "policy": policy_name(policy, "ceremony_months"),
                    "due": due.isoformat(),
                },
                warning=True,
            )
    if Step.ARCHIVE in reached and app.approved_on:
        due = app.approved_on + datetime.timedelta(days=policy.archive_days)
        late = (app.archived_on or timezone.localdate()) > due
        if late:
            add(
                Step.ARCHIVE,
                "FORM_NOT_ARCHIVED",
                _("The admission form was not archived within %(days)d days of approval (due %(due)s).")
                % {"days": policy.archive_days, "due": due.isoformat()},
                warning=True,
            )
    return out


def ceremony_due(app: Application, policy: AdmissionPolicy) -> datetime.date:
    """The last day of a new member's ceremony: the county's months after the approval."""
    assert app.approved_on is not None
    return add_months(app.approved_on, policy.ceremony_months)


def _dates(app: Application, reached, add) -> None:
    """Each step's date after the one before (dates strictly increase)."""
    chain = [
        (Step.APPLY, _("application"), app.applied_on),
        (Step.INTERVIEW, _("interview"), app.interviewed_on),
        (Step.ACTIVIST, _("activist"), app.activist_on),
        (Step.CANDIDATE, _("candidacy"), app.candidate_on),
        (Step.MEETING, _("general meeting"), app.meeting.held_on if app.meeting is not None else None),
        (Step.APPROVE, _("approval"), app.approved_on),
    ]
    previous = None
    for step, label, day in chain:
        if step not in reached or day is None:
            continue
        if previous and day <= previous[1]:
            add(
                step,
                "DATES_NOT_INCREASING",
                _("The %(step)s on %(day)s is not after the %(prev)s on %(prev_day)s.")
                % {"step": label, "day": _d(day), "prev": previous[0], "prev_day": _d(previous[1])},
            )
        previous = (label, day)


def _candidate(app, policy, facts, add) -> None:
    on = app.candidate_on
    if app.activist_on and on:
        earliest = add_months(app.activist_on, policy.activist_months)
        if on < earliest:
            add(
                Step.CANDIDATE,
                "ACTIVIST_UNDER_3_MONTHS",
                _("Activist since %(since)s: %(months)d months are needed, until %(earliest)s.")
                % {"since": _d(app.activist_on), "months": policy.activist_months, "earliest": _d(earliest)},
            )
    lessons = facts.lessons
    if lessons.total < policy.lesson_hours:
        parts = {
            "hours": _num(lessons.total),
            "attended": _num(lessons.attended),
            "paper": _num(lessons.paper),
            "study": _num(lessons.study),
            "min": _num(policy.lesson_hours),
        }
        add(
            Step.CANDIDATE,
            "LESSON_HOURS_UNDER_8",
            (
                _(
                    "%(hours)s League lesson hours recorded (attended %(attended)s, paper records %(paper)s, "
                    "Youth study %(study)s); %(min)s needed."
                )
                if lessons.study_counted
                else _(
                    "%(hours)s League lesson hours recorded (attended %(attended)s, paper records %(paper)s); "
                    "%(min)s needed."
                )
            )
            % parts,
        )
    if not app.assessment:
        add(Step.CANDIDATE, "ASSESSMENT_MISSING", _("No political assessment result is recorded."))
    elif ASSESSMENT_RANK[app.assessment] < ASSESSMENT_RANK[policy.min_assessment]:
        add(
            Step.CANDIDATE,
            "ASSESSMENT_BELOW_GOOD",
            _("Political assessment “%(result)s”; at least “%(min)s” is required.")
            % {"result": Assessment(app.assessment).label, "min": Assessment(policy.min_assessment).label},
        )
    if facts.volunteer_hours < policy.volunteer_hours:
        year = on.year if on else timezone.localdate().year
        add(
            Step.CANDIDATE,
            "VOLUNTEER_HOURS_UNDER_20",
            _("Volunteer service %(hours)s hours in %(year)d, fewer than %(min)s hours.")
            % {"hours": _num(facts.volunteer_hours), "year": year, "min": _num(policy.volunteer_hours)},
        )


def _introducers(app, policy, facts, add) -> None:
    ids = [i for i in (app.introducer_1_id, app.introducer_2_id) if i]
    if len(set(ids)) != 2:
        add(
            Step.INTRODUCERS,
            "INTRODUCERS_NOT_2",
            _("Two different introducers are needed; %(n)d named.") % {"n": len(set(ids))},
        )
    for pk in set(ids):
        if pk in facts.under_discipline:
            add(
                Step.INTRODUCERS,
                "INTRODUCER_UNDER_DISCIPLINE",
                _(
                    "An introducer is under League discipline (on probation, or with an expulsion decided) and is "
                    "not in good standing: a member under discipline cannot introduce."
                ),
            )
        elif not facts.good_standing.get(pk, False):
            add(
                Step.INTRODUCERS,
                "INTRODUCER_NOT_IN_GOOD_STANDING",
                _("An introducer is not a League member in good standing."),
            )
        load = facts.introducer_load.get(pk, 0)
        if load > policy.introducer_limit:
            add(
                Step.INTRODUCERS,
                "INTRODUCER_OVER_3",
                _(
                    "An introducer introduces %(n)d candidates at this meeting; by this county's rule (%(policy)s) "
                    "at most %(max)d."
                )
                % {"n": load, "max": policy.introducer_limit, "policy": policy_name(policy, "introducer_limit")},
            )


def _meeting(app, policy, facts, add) -> None:
    meeting = app.meeting if app.meeting_id else None
    if meeting is None:
        add(Step.MEETING, "NO_GENERAL_MEETING", _("No general meeting has voted on the candidate."))
        return
    age = age_on(facts.birth_date, meeting.held_on)
    if age < policy.min_age:
        add(
            Step.MEETING,
            "AGE_BELOW_14",
            _("Aged %(age)d at the general meeting, younger than %(min)d.") % {"age": age, "min": policy.min_age},
        )
    if age > policy.max_age:
        add(
            Step.MEETING,
            "AGE_ABOVE_28",
            _("Aged %(age)d at the general meeting, older than %(max)d.") % {"age": age, "max": policy.max_age},
        )
    if meeting.present * 2 <= meeting.voting_members:
        add(
            Step.MEETING,
            "QUORUM_NOT_MET",
            _("%(present)d of %(voting)d members attended; more than half must.")
            % {"present": meeting.present, "voting": meeting.voting_members},
        )
    base = meeting.voting_members if policy.majority_base == AdmissionPolicy.MajorityBase.EXPECTED else meeting.present
    yes = app.votes_yes or 0
    if yes * 2 <= base:
        add(
            Step.MEETING,
            "MAJORITY_NOT_REACHED",
            _("%(yes)d yes votes of %(base)d; more than half are needed.") % {"yes": yes, "base": base},
        )
    total = (app.votes_yes or 0) + (app.votes_no or 0) + (app.votes_abstain or 0)
    if total > meeting.present:
        add(
            Step.MEETING,
            "VOTES_EXCEED_PRESENT",
            _("%(votes)d votes recorded but only %(present)d members present.")
            % {"votes": total, "present": meeting.present},
        )


def _approval(app, policy, facts, add) -> None:
    if app.meeting_id and app.approved_on:
        days = (app.approved_on - app.meeting.held_on).days
        if days > policy.approval_days:
            add(
                Step.APPROVE,
                "APPROVAL_LATE",
                _(
                    "Approved %(days)d days after the general meeting; by this county's rule (%(policy)s) within "
                    "%(max)d days."
                )
                % {"days": days, "max": policy.approval_days, "policy": policy_name(policy, "approval_days")},
                warning=True,
            )
    if facts.quota_left is not None and facts.quota_left <= 0 and app.status != Application.Status.ADMITTED:
        add(Step.APPROVE, "QUOTA_EXCEEDED", _("This year's admission quota is used up."))
    if facts.class_counts and app.status != Application.Status.ADMITTED:
        members, youth = facts.class_counts
        cap = policy.ratio_junior if app.organization.sector == Sector.MIDDLE_SCHOOL else policy.ratio_senior
        if youth and (members + 1) * 100 > cap * youth:
            add(
                Step.APPROVE,
                "RATIO_ABOVE_CAP",
                _(
                    "With this admission %(members)d of the class's %(youth)d young people would be members, "
                    "above %(cap)d %%."
                )
                % {"members": members + 1, "youth": youth, "cap": cap},
                warning=not policy.ratio_blocks,
            )


def check_number(number: str | None, join_date: datetime.date) -> list[Violation]:
    """The development number's own rules: present from 2017, 12 digits, beginning with the join year."""
    out = []
    if not number:
        if join_date >= NUMBER_REQUIRED_FROM:
            out.append(
                Violation(
                    "NUMBER_MISSING",
                    _("Joined on %(day)s without a development number.") % {"day": join_date.isoformat()},
                    Step.APPROVE,
                )
            )
        return out
    if len(number) != 12 or not number.isdigit():
        out.append(
            Violation(
                "NUMBER_FORMAT",
                _("Development number %(number)s is not 12 digits.") % {"number": number},
                Step.APPROVE,
            )
        )
    elif number[:4] != str(join_date.year):
        out.append(
            Violation(
                "NUMBER_YEAR_MISMATCH",
                _("Development number %(number)s does not begin with the join year %(year)d.")
                % {"number": number, "year": join_date.year},
                Step.APPROVE,
            )
        )
    return out


def check_join(
    policy: AdmissionPolicy,
    birth_date: datetime.date,
    join_date: datetime.date,
    number: str | None,
    *,
    shared: bool = False,
) -> list[Violation]:
    """The rules a join recorded about the past is held to (a member who joined without an application here):
    the age at joining and the development number's presence, year and uniqueness (shared: another member holds
    the same number). Imports flag what this finds; the same codes block the steps of an admission made here."""
    out = []
    age = age_on(birth_date, join_date)
    if age < policy.min_age:
        out.append(Violation("AGE_BELOW_14", age_message(age, policy, below=True), Step.MEETING))
    if age > policy.max_age:
        out.append(Violation("AGE_ABOVE_28", age_message(age, policy, below=False), Step.MEETING))
    out += check_number(number, join_date)
    if shared and number:
        out.append(
            Violation(
                "NUMBER_SHARED",
                _("Development number %(number)s is held by another member too.") % {"number": number},
                Step.APPROVE,
            )
        )
    return out


def join_checker() -> Callable[[Organization, datetime.date, datetime.date, str | None, bool], list[tuple[str, str]]]:
    """check_join for many joins, each under its county's policy for the join year (read once per county and
    year): (organization, birth date, join date, number, shared) -> [(code, message)]."""
    policies: dict[tuple[str, int], AdmissionPolicy] = {}

    def findings(organization, birth_date, join_date, number, shared):
        key = (organization.county_path, join_date.year)
        if key not in policies:
            policies[key] = policy_for(AdmissionPolicy, organization, join_date.year)
        return [(v.code, v.message) for v in check_join(policies[key], birth_date, join_date, number, shared=shared)]

    return findings


# The severity of each rule in the annual audit. The national hard rules (智慧团建 and the League's
# admission rules) are violations; rules whose number a county's policy sets (days to approval, candidacies
# per introducer, the graduating-class cap, months to the ceremony) and advisory checks (interview and
# archiving on time, an imported member's missing form) are warnings. A rule not named here is a violation.
VIOLATION = "violation"
WARNING = "warning"
WARNING_CODES = frozenset(
    {
        "INTERVIEW_LATE",
        "APPROVAL_LATE",
        "INTRODUCER_OVER_3",
        "RATIO_ABOVE_CAP",
        "FORM_NOT_ARCHIVED",
        "FORM_MISSING",
        "CEREMONY_LATE",
    }
)


def severity(code: str) -> str:
    """ "violation" or "warning": how the annual audit ranks a broken rule (blocking is decided apart)."""
    return WARNING if code in WARNING_CODES else VIOLATION


def blocking(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if not v.warning]


def age_message(age: int, policy: AdmissionPolicy, *, below: bool) -> str:
    """The age rule's message for a member who joined without an application recorded here."""
    if below:
        return _("Aged %(age)d when joining, younger than %(min)d.") % {"age": age, "min": policy.min_age}
    return _("Aged %(age)d when joining, older than %(max)d.") % {"age": age, "max": policy.max_age}
