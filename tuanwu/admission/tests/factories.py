"""Builders for admission tests: applicants, certified volunteer hours, and `walk`, which takes an application
through the steps with valid dates (all in YEAR, all in the past)."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from tests.factories import PersonFactory
from tuanwu.admission.models import AdmissionPolicy, Application, ApplicationStep, GeneralMeeting, Quota
from tuanwu.admission.services import applications, approvals, ceremonies, meetings
from tuanwu.admission.workflow import ORDER, Step
from tuanwu.meetings.services.lessons import lesson_credit_add
from tuanwu.people.models import Membership
from tuanwu.people.workflow import MembershipStatus
from tuanwu.volunteering.tests.factories import ledger_entry

YEAR = 2026
_names = itertools.count(1)

# One valid date per step: interview within 30 days, candidacy 3 months after activist, approval within 30
# days of the meeting, archive within 30 days of approval.
DATES = {
    Step.APPLY: datetime.date(YEAR, 1, 5),
    Step.INTERVIEW: datetime.date(YEAR, 1, 20),
    Step.ACTIVIST: datetime.date(YEAR, 2, 10),
    Step.TRAINING: datetime.date(YEAR, 4, 20),
    Step.CANDIDATE: datetime.date(YEAR, 5, 11),
    Step.PREREVIEW: datetime.date(YEAR, 5, 18),
    Step.INTRODUCERS: datetime.date(YEAR, 5, 20),
    Step.MEETING: datetime.date(YEAR, 6, 10),
    Step.APPROVE: datetime.date(YEAR, 6, 20),
    Step.CEREMONY: datetime.date(YEAR, 6, 28),
    Step.ARCHIVE: datetime.date(YEAR, 7, 5),
}
# Actors by step: the committee above prereviews and approves, the branch takes the rest.
ABOVE_STEPS = {Step.PREREVIEW, Step.APPROVE}
# The tests' meetings name counts of entitled voters other than the small cast's roster: the correction's reason.
VOTING_REASON = "按会议签到册核定"


def account(username: str):
    return get_user_model().objects.get(username=username)


def hours(person, year: int, amount, *, certified: bool = True, on: datetime.date | None = None):
    """Volunteer hours of person in year on the ledger (certified unless told), organized by the person's
    committee."""
    day = on or datetime.date(year, 3, 14)
    return ledger_entry(person, day, Decimal(str(amount)), organizer=person.organization.parent, certified=certified)


def applicant(branch, *, birth_date=datetime.date(2005, 3, 1), volunteer=20, name: str | None = None, **kw):
    """A young person (not a member) registered in branch, with `volunteer` certified hours in YEAR."""
    person = PersonFactory(organization=branch, name=name or f"申请人{next(_names)}", birth_date=birth_date, **kw)
    if volunteer:
        hours(person, YEAR, volunteer)
    return person


def apply(person, *, on: datetime.date = DATES[Step.APPLY], actor: str = "branch_secretary") -> Application:
    return applications.application_create(actor=account(actor), person=person, applied_on=on)


def done_steps(app: Application) -> set[str]:
    return set(ApplicationStep.objects.filter(application=app, sent_back=False).values_list("step", flat=True))


def take(step: str, app: Application, actor, *, on: datetime.date | None = None, **options):
    """Take one step on app as actor (a user or a username) with the date of DATES (or on)."""
    actor = account(actor) if isinstance(actor, str) else actor
    day = on or DATES.get(step)
    common = {"actor": actor, "application": app, "on": day}
    if step == Step.INTERVIEW:
        return applications.application_interview(**common)
    if step == Step.ACTIVIST:
        return applications.application_activist(**common)
    if step == Step.TRAINING:
        trained = applications.application_training(
            **common,
            guides=options.get("guides", "张晓明、李华"),
            assessment=options.get("assessment", "good"),
        )
        # The pre-admission lessons: a paper record of lesson_hours (8 by default) earned on the training day,
        # entered by the county once the step is taken (a refused step leaves nothing behind).
        lesson_hours = Decimal(str(options.get("lesson_hours", 8)))
        if lesson_hours > 0:
            lesson_credit_add(
                actor=account("county_admin"),
                person=app.person,
                hours=lesson_hours,
                earned_on=day,
                evidence="团课签到册（测试）",
            )
        return trained
    if step == Step.CANDIDATE:
        return applications.application_candidate(**common)
    if step == Step.PREREVIEW:
        return applications.application_prereview(
            **common, form_number=options.get("form_number", f"QH{YEAR}-{app.pk:05d}")
        )
    if step == Step.INTRODUCERS:
        first, second = options.get("introducers") or default_introducers(app)
        return applications.application_introducers(**common, first=first, second=second)
    if step == Step.MEETING:
        return meetings.meeting_hold(
            actor=actor,
            branch=app.organization,
            held_on=day,
            voting_members=options.get("voting_members", 10),
            present=options.get("present", 8),
            chair="李华",
            recorder="张晓明",
            minutes="",
            votes={app.pk: options.get("votes", (7, 1, 0))},
            voting_reason=options.get("voting_reason", VOTING_REASON),
        )
    if step == Step.APPROVE:
        return approvals.application_approve(**common)
    if step == Step.CEREMONY:
        return ceremonies.ceremony_create(
            actor=actor,
            organization=app.organization,
            applications=[app],
            held_on=day,
            place="东湖村党群服务中心",
            oath_leader="李华",
        )
    if step == Step.ARCHIVE:
        return applications.application_archive(**common)
    if step == Step.SEND_BACK:
        return applications.application_send_back(
            actor=actor, application=app, reason=options.get("reason", "材料不全")
        )
    if step == Step.CLOSE:
        return applications.application_close(
            actor=actor, application=app, reason=options.get("reason", "本人撤回申请")
        )
    raise ValueError(step)


def walk(app: Application, upto: str, *, on: dict | None = None, **options) -> Application:
    """Take app through every step after the last it took, up to and including upto, with the dates of DATES
    (or of `on`). options: those of take, and branch_actor / above_actor (usernames)."""
    dates = {**DATES, **(on or {})}
    done = done_steps(app)
    branch_actor = options.pop("branch_actor", "branch_secretary")
    above_actor = options.pop("above_actor", "committee_secretary")
    for step in ORDER[1 : ORDER.index(upto) + 1]:
        if step in done:
            continue
        app.refresh_from_db()
        take(step, app, above_actor if step in ABOVE_STEPS else branch_actor, on=dates[step], **options)
    app.refresh_from_db()
    return app


def default_introducers(app: Application):
    """The first two members in good standing of the application's branch (zhang and li in the cast)."""
    members = Membership.objects.filter(organization=app.organization, status=MembershipStatus.NORMAL)
    first, second = [m.person for m in members.select_related("person").order_by("pk")[:2]]
    return first, second


def meeting(
    branch,
    votes: dict,
    *,
    held_on=DATES[Step.MEETING],
    voting_members=10,
    present=8,
    actor="branch_secretary",
    voting_reason=None,
):
    """A general meeting of branch voting on several candidates: votes {application: (yes, no, abstain)}."""
    return meetings.meeting_hold(
        actor=account(actor),
        branch=branch,
        held_on=held_on,
        voting_members=voting_members,
        present=present,
        chair="李华",
        recorder="张晓明",
        minutes="",
        votes={app.pk: vote for app, vote in votes.items()},
        voting_reason=VOTING_REASON if voting_reason is None else voting_reason,
    )


def codes(error: ValidationError) -> list[str]:
    """The code of every message of error, a list or a {field: messages} error."""
    if hasattr(error, "error_dict"):
        return [e.code for errors in error.error_dict.values() for e in errors]
    return [e.code for e in error.error_list]


def messages(error: ValidationError) -> list[str]:
    return list(error.messages)


def state(app: Application | None = None) -> dict:
    """Everything a refused call could have changed, in a comparable form."""
    snapshot = {
        "steps": ApplicationStep.objects.count(),
        "memberships": Membership.objects.count(),
        "meetings": GeneralMeeting.objects.count(),
        "quotas": list(
            Quota.objects.order_by("pk").values_list("pk", "count", "number_from", "number_to", "next_number")
        ),
        "policies": list(AdmissionPolicy.objects.order_by("pk").values()),
        "audit": LogEntry.objects.count(),
    }
    if app is not None:
        snapshot["application"] = Application.objects.filter(pk=app.pk).values().get()
    return snapshot
