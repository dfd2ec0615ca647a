"""Every scoped read of member development, and the annual audit."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tuanwu.accounts.roles import APPROVE_ADMISSION, VIEW_ADMISSION
from tuanwu.core.dates import add_months, age_on
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization, subtree_range
from tuanwu.people.models import Membership

from . import rules, services
from .models import Application, Quota
from .workflow import NEXT_STEP, ORDER, Step

S = Application.Status
BOARD = [S.APPLIED, S.INTERVIEWED, S.ACTIVIST, S.CANDIDATE, S.VOTED]


def application_list(user) -> QuerySet[Application]:
    """Applications made to branches in the user's scope."""
    return scope.restrict(Application.objects.all(), user, VIEW_ADMISSION).select_related(
        "person", "organization", "meeting"
    )


def application_get(user, pk: int) -> Application:
    """One application for the branch's leaders, or for the applicant themself (404 otherwise)."""
    q = scope.org_q(user, VIEW_ADMISSION)
    if getattr(user, "person_id", None):
        q |= Q(person_id=user.person_id)
    app = (
        Application.objects.filter(q, pk=pk)
        .select_related("person", "organization", "meeting", "introducer_1", "introducer_2", "ceremony")
        .first()
    )
    if app is None:
        raise Http404
    return app


def due_date(app: Application) -> tuple[datetime.date | None, str]:
    """When the application's next step is due by the rules, and which step (None when no deadline)."""
    policy = services.policy_for(app.organization, app.applied_on.year)
    if app.status == S.APPLIED:
        return app.applied_on + datetime.timedelta(days=policy.interview_days), Step.INTERVIEW
    if app.status == S.ACTIVIST and app.activist_on:
        return add_months(app.activist_on, policy.activist_months), Step.CANDIDATE
    if app.status == S.VOTED and app.meeting_id:
        return app.meeting.held_on + datetime.timedelta(days=policy.approval_days), Step.APPROVE
    return None, NEXT_STEP.get(app.status, "")


def board(user, organization: Organization | None = None) -> list[dict]:
    """The pipeline as columns by status, each card with its due date and whether it is overdue."""
    qs = application_list(user).filter(status__in=BOARD)
    if organization is not None:
        qs = qs.filter(organization__path__range=subtree_range(organization.path))
    today = timezone.localdate()
    columns = {status: [] for status in BOARD}
    for app in qs.order_by("applied_on", "pk")[:1000]:
        due, step = due_date(app)
        # The activist's 3 months are a waiting time, not a deadline.
        overdue = bool(due and due < today and step != Step.CANDIDATE)
        columns[app.status].append(
            {"app": app, "due": due, "overdue": overdue, "ready": step == Step.CANDIDATE and due and due <= today}
        )
    return [{"status": status, "label": S(status).label, "cards": cards} for status, cards in columns.items()]


def missing_for_next(app: Application) -> list[rules.Violation]:
    """What still stands between the application and its next step, in the rules' words."""
    step = NEXT_STEP.get(app.status)
    if step is None:
        return []
    probe = Application(**{f.attname: getattr(app, f.attname) for f in Application._meta.concrete_fields})
    today = timezone.localdate()
    # Pretend the next step is taken today, to see which rules would refuse it.
    if step == Step.INTERVIEW:
        probe.interviewed_on = today
    elif step == Step.ACTIVIST:
        probe.activist_on = today
    elif step == Step.CANDIDATE:
        probe.candidate_on = today
    upto = Step.INTRODUCERS if step == Step.MEETING else step
    policy = services.policy_for(app.organization, (probe.candidate_on or app.applied_on).year)
    found = rules.check(probe, policy, services.facts_for(probe), upto=upto)
    return [v for v in found if v.code != "DATES_NOT_INCREASING"]


def approvals_waiting(user) -> QuerySet[Application]:
    """Applications that passed their general meeting, waiting for the user's committee to approve."""
    return (
        scope.restrict(Application.objects.filter(status=S.VOTED), user, APPROVE_ADMISSION)
        .select_related("person", "organization", "meeting")
        .order_by("meeting__held_on", "pk")
    )


def prereviews_waiting(user) -> QuerySet[Application]:
    return (
        scope.restrict(
            Application.objects.filter(status=S.CANDIDATE, prereviewed_on__isnull=True), user, APPROVE_ADMISSION
        )
        .select_related("person", "organization")
        .order_by("candidate_on", "pk")
    )


def quota_rows(user, year: int) -> list[dict]:
    """Quotas of the organizations in the user's scope for a year, with use and what is left."""
    quotas = scope.restrict(Quota.objects.filter(year=year), user, VIEW_ADMISSION).select_related("organization")
    rows = []
    for quota in quotas.order_by("organization__path"):
        used = services.quota_used(quota)
        rows.append({"quota": quota, "used": used, "left": quota.count - used})
    return rows


def pipeline_counts(user, year: int) -> dict:
    """Applications by status in the user's scope, and admissions of the year."""
    counts = dict(application_list(user).values_list("status").annotate(n=Count("pk")).order_by())
    admitted = application_list(user).filter(status=S.ADMITTED, meeting__held_on__year=year).count()
    return {"by_status": counts, "admitted": admitted}


@dataclass(frozen=True)
class AuditRow:
    person: str
    organization: str
    join_date: datetime.date
    development_number: str
    code: str
    message: str
    warning: bool
    application_id: int | None


def admission_audit(user, year: int) -> list[AuditRow]:
    """违规发展团员年度核查: every admission of the year in the user's scope against every rule it can be held to.

    Admissions made in TuanWu are checked against all the rules; members who joined that year without an
    application here (imported from elsewhere) against the rules their data allows: age at joining, the
    development number's format, year and presence, and the missing admission form.
    """
    rows: list[AuditRow] = []
    apps = list(
        application_list(user)
        .filter(status=S.ADMITTED, meeting__held_on__year=year)
        .select_related("introducer_1", "introducer_2")
        .order_by("organization__path", "person__name")
    )
    # Everything the rules read, gathered for all the year's admissions at once.
    batches: dict[int, list[tuple]] = {}
    meetings = sorted({app.meeting_id for app in apps})
    for i in range(0, len(meetings), 900):
        for meeting_id, first, second in Application.objects.filter(meeting_id__in=meetings[i : i + 900]).values_list(
            "meeting_id", "introducer_1_id", "introducer_2_id"
        ):
            batches.setdefault(meeting_id, []).append((first, second))
    # The quota was checked when approving; counting again now would prove nothing.
    facts = services.facts_many(apps, batches={app.pk: batches.get(app.meeting_id, []) for app in apps})
    policies: dict[tuple[str, int], object] = {}
    for app in apps:
        key = (app.organization.path[: Organization.steplen], app.meeting.held_on.year)
        if key not in policies:
            policies[key] = services.policy_for(app.organization, key[1])
        found = rules.check(app, policies[key], facts[app.pk], upto=ORDER[-1])
        found += rules.check_number(app.development_number, app.meeting.held_on)
        for v in found:
            rows.append(
                AuditRow(
                    app.person.name,
                    app.organization.name,
                    app.meeting.held_on,
                    app.development_number or "",
                    v.code,
                    v.message,
                    v.warning,
                    app.pk,
                )
            )
    in_app = {a.person_id for a in apps}
    members = (
        scope.restrict(Membership.objects.filter(join_date__year=year), user, VIEW_ADMISSION)
        .exclude(person_id__in=in_app)
        .exclude(person_id__in=Application.objects.filter(status=S.ADMITTED).values("person_id"))
        .select_related("person", "organization")
        .order_by("organization__path", "person__name")
    )
    for m in members:
        key = (m.organization.path[: Organization.steplen], year)
        if key not in policies:
            policies[key] = services.policy_for(m.organization, year)
        policy = policies[key]
        found = []
        age = age_on(m.person.birth_date, m.join_date)
        if age < policy.min_age:
            found.append(("AGE_BELOW_14", rules.age_message(age, policy, below=True)))
        if age > policy.max_age:
            found.append(("AGE_ABOVE_28", rules.age_message(age, policy, below=False)))
        found += [(v.code, v.message) for v in rules.check_number(m.development_number, m.join_date)]
        found.append(("FORM_MISSING", rules.form_missing_message()))
        for code, message in found:
            rows.append(
                AuditRow(
                    m.person.name,
                    m.organization.name,
                    m.join_date,
                    m.development_number or "",
                    code,
                    message,
                    False,
                    None,
                )
            )
    return rows


def scope_organization(user, pk: int) -> Organization:
    """An organization in the user's view of member development (404 otherwise)."""
    org = scope.get_scoped_or_404(Organization.objects.all(), user, VIEW_ADMISSION, field="", pk=pk)
    return org
