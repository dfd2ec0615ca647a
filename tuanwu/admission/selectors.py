"""Every scoped read of member development: the lists and pages, quotas, and the facts the rules read (the
county's checks, the annual audit among them, are in records.py)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tuanwu.accounts.roles import APPROVE_ADMISSION, MANAGE_ADMISSION, VIEW_ADMISSION
from tuanwu.core.dates import add_months
from tuanwu.lifecycle.selectors.discipline import people_under_discipline
from tuanwu.meetings.selectors.lessons import lesson_hours_at, lesson_record_of
from tuanwu.organizations import scope
from tuanwu.organizations.models import STEPLEN, Organization, Sector, ancestor_paths, subtree_range
from tuanwu.organizations.policy import policy_for
from tuanwu.organizations.selectors import organizations_where
from tuanwu.people.models import Membership, Person
from tuanwu.people.selectors import person_list
from tuanwu.people.workflow import ACTIVE_STATES, MembershipStatus
from tuanwu.volunteering.selectors import hours_by_person

from . import rules
from .models import AdmissionPolicy, Application, Quota
from .workflow import NEXT_STEP, Step

if TYPE_CHECKING:
    pass

S = Application.Status
BOARD = [S.APPLIED, S.INTERVIEWED, S.ACTIVIST, S.CANDIDATE, S.VOTED]
FINISHED = (S.ADMITTED, S.CLOSED)
# The statuses an application can be sent back from.
SENDABLE_BACK = (S.INTERVIEWED, S.ACTIVIST, S.CANDIDATE, S.VOTED)
# Introducer pairs (introducer, introducer) of the candidacies voted on together.
Pairs = list[tuple[int | None, int | None]]


# Applications ---------------------------------------------------------------------------------------------


def application_list(user: scope.Viewer) -> QuerySet[Application]:
    """Applications made to branches in the user's scope."""
    return scope.restrict(Application.objects.all(), user, VIEW_ADMISSION).select_related(
        "person", "organization", "meeting"
    )


def application_get(user: scope.Viewer, pk: int, *, perm: str | None = None) -> Application:
    """One application for the branch's leaders, or for the applicant themself (404 otherwise); with perm, only
    for the holders of perm on its branch."""
    q = scope.org_q(user, perm or VIEW_ADMISSION)
    person_id = getattr(user, "person_id", None)
    if perm is None and person_id:
        q |= Q(person_id=person_id)
    app = (
        Application.objects.filter(q, pk=pk)
        .select_related("person", "organization", "meeting", "introducer_1", "introducer_2", "ceremony")
        .first()
    )
    if app is None:
        raise Http404
    return app


def in_subtree(qs: QuerySet[Application], organization: Organization | None) -> QuerySet[Application]:
    """The applications of qs made to the organization or a branch below it (all of qs for None)."""
    if organization is None:
        return qs
    return qs.filter(organization__path__range=subtree_range(organization.path))


def application_flags(user: scope.Viewer, app: Application) -> dict[str, bool]:
    """What the user may do with the application on its page."""
    can_manage = scope.has_perm(user, MANAGE_ADMISSION, app.organization)
    return {
        "can_manage": can_manage,
        "can_send_back": can_manage and app.status in SENDABLE_BACK,
        "can_close": can_manage and app.status not in FINISHED,
        "can_record_meeting": can_manage and app.status == S.CANDIDATE,
    }


def applicant_summary(user: scope.Viewer) -> dict[str, Any]:
    """The applicant's own applications, the open one with its timeline, what it still lacks and when it is due."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        raise Http404
    apps = list(
        Application.objects.filter(person_id=person_id)
        .select_related("organization", "meeting")
        .order_by("-applied_on")
    )
    current = next((a for a in apps if a.status not in FINISHED), None)
    return {
        "apps": apps,
        "current": current,
        "steps": current.steps.all() if current else [],
        "missing": missing_for_next(current) if current else [],
        "due": due_date(current)[0] if current else None,
    }


def applicant_search(user: scope.Viewer, q: str) -> list[Person]:
    """Young people of the user's branches, not members, whose name contains q: who may apply."""
    return list(
        person_list(user)
        .filter(name__icontains=q, membership__isnull=True, organization__kind__in=["branch", "joint_branch"])
        .select_related("organization")
        .order_by("name")[:20]
    )


def due_date(app: Application, policy: AdmissionPolicy | None = None) -> tuple[datetime.date | None, str]:
    """When the application's next step is due by the rules, and which step (None when no deadline); policy: the
    county's admission policy of the year applied, when the caller has it already."""
    policy = policy or policy_for(AdmissionPolicy, app.organization, app.applied_on.year)
    if app.status == S.APPLIED:
        return app.applied_on + datetime.timedelta(days=policy.interview_days), Step.INTERVIEW
    if app.status == S.ACTIVIST and app.activist_on:
        return add_months(app.activist_on, policy.activist_months), Step.CANDIDATE
    if app.status == S.VOTED and app.meeting is not None:
        return app.meeting.held_on + datetime.timedelta(days=policy.approval_days), Step.APPROVE
    return None, NEXT_STEP.get(app.status, "")


def overdue_steps(user: scope.Viewer, today: datetime.date | None = None, limit: int = 2000) -> int:
    """How many of the user's applications are past the time the county's policy gives their next step: the
    interview after applying, the approval after the general meeting. One policy read per county and year."""
    today = today or timezone.localdate()
    waiting = application_list(user).filter(
        Q(status=S.APPLIED, applied_on__lt=today) | Q(status=S.VOTED, meeting__held_on__lt=today)
    )
    policies: dict[tuple[str, int], AdmissionPolicy] = {}
    overdue = 0
    for app in waiting.select_related("organization", "meeting")[:limit]:
        key = (app.organization.path[:STEPLEN], app.applied_on.year)
        if key not in policies:
            policies[key] = policy_for(AdmissionPolicy, app.organization, app.applied_on.year)
        due, step = due_date(app, policies[key])
        overdue += bool(due is not None and due < today and step != Step.CANDIDATE)
    return overdue


def board(user: scope.Viewer, organization: Organization | None = None) -> list[dict[str, Any]]:
    """The pipeline as columns by status, each card with its due date and whether it is overdue."""
    qs = in_subtree(application_list(user).filter(status__in=BOARD), organization)
    today = timezone.localdate()
    columns: dict[str, list[dict[str, Any]]] = {status: [] for status in BOARD}
    for app in qs.order_by("applied_on", "pk")[:1000]:
        due, step = due_date(app)
        # The activist's 3 months are a waiting time, not a deadline.
        overdue = bool(due and due < today and step != Step.CANDIDATE)
        columns[app.status].append(
            {
                "app": app,
                "due": due,
                "overdue": overdue,
                "ready": step == Step.CANDIDATE and due and due <= today,
                "waiting": app.status == S.ACTIVIST,
            }
        )
    return [{"status": status, "label": S(status).label, "cards": cards} for status, cards in columns.items()]


def board_organization(user: scope.Viewer) -> Organization | None:
    """The organization the board opens on when none is chosen: a branch secretary's own branch."""
    roots = scope.visible_roots(user)
    return roots[0] if len(roots) == 1 and roots[0].is_branch else None


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
    policy = policy_for(AdmissionPolicy, app.organization, (probe.candidate_on or app.applied_on).year)
    found = rules.check(probe, policy, facts_for(probe), upto=upto)
    return [v for v in found if v.code != "DATES_NOT_INCREASING"]


def approvals_waiting(user: scope.Viewer) -> QuerySet[Application]:
    """Applications that passed their general meeting, waiting for the user's committee to approve."""
    return (
        scope.restrict(Application.objects.filter(status=S.VOTED), user, APPROVE_ADMISSION)
        .select_related("person", "organization", "meeting")
        .order_by("meeting__held_on", "pk")
    )


def prereviews_waiting(user: scope.Viewer) -> QuerySet[Application]:
    """Candidates waiting for the user's committee to prereview them and issue the admission form."""
    return (
        scope.restrict(
            Application.objects.filter(status=S.CANDIDATE, prereviewed_on__isnull=True), user, APPROVE_ADMISSION
        )
        .select_related("person", "organization")
        .order_by("candidate_on", "pk")
    )


def meeting_candidates(user: scope.Viewer, branch: Organization) -> QuerySet[Application]:
    """The branch's candidates a general meeting may vote on."""
    return (
        application_list(user)
        .filter(organization=branch, status=S.CANDIDATE)
        .select_related("person")
        .order_by("person__name")
    )


def voting_members(branch: Organization, on: datetime.date | None = None) -> int:
    """The branch's members in good standing on a day (today by default), entitled to vote at its general
    meeting: joined by then, and normal then (normal now, or their status changed only after that day)."""
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(organization=branch, join_date__lte=on)
        .filter(Q(status=MembershipStatus.NORMAL) | Q(status_changed_on__gt=on))
        .count()
    )


def introducer_choices(app: Application) -> QuerySet[Person]:
    """The members in good standing of the applicant's branch who may introduce them."""
    return (
        Person.objects.filter(organization=app.organization, membership__status=MembershipStatus.NORMAL)
        .exclude(pk=app.person_id)
        .order_by("name")
    )


def ceremony_candidates(user: scope.Viewer) -> QuerySet[Application]:
    """New members of the user's branches not yet linked to an admission ceremony."""
    return (
        scope.restrict(Application.objects.filter(status=S.ADMITTED, ceremony__isnull=True), user, MANAGE_ADMISSION)
        .select_related("person", "organization")
        .order_by("organization__path", "person__name")
    )


def ceremony_overdue(user: scope.Viewer, today: datetime.date | None = None) -> list[Application]:
    """New members of the user's organizations still without a ceremony past the county's time limit (months
    after the approval, county policy), the longest overdue first."""
    today = today or timezone.localdate()
    apps = scope.restrict(
        Application.objects.filter(
            status=S.ADMITTED, ceremony__isnull=True, approved_on__isnull=False, approved_on__lt=today
        ),
        user,
        VIEW_ADMISSION,
    ).select_related("person", "organization")
    policies: dict[tuple[int, int], AdmissionPolicy] = {}
    out = []
    for app in apps.order_by("approved_on", "pk"):
        assert app.approved_on is not None
        key = (app.organization_id, app.approved_on.year)
        if key not in policies:
            policies[key] = policy_for(AdmissionPolicy, app.organization, app.approved_on.year)
        due = rules.ceremony_due(app, policies[key])
        if today > due:
            app.ceremony_due = due  # type: ignore[attr-defined]
            out.append(app)
    return out


def ceremony_organization(apps: list[Application]) -> Organization:
    """The lowest organization all the new members' branches share (the ceremony's organizer)."""
    paths = [a.organization.path for a in apps]
    shared = [p for p in ancestor_paths(paths[0], inclusive=True) if all(path.startswith(p) for path in paths)]
    common = shared[-1] if shared else ""
    if common in paths:
        return next(a.organization for a in apps if a.organization.path == common)
    # common is one of the paths above the first branch: an ancestor of every branch (none across counties).
    return Organization.objects.filter(path=common).first() or apps[0].organization


def organization_in_view(user: scope.Viewer, pk: int) -> Organization | None:
    """An organization in the user's view of member development (None otherwise)."""
    return scope.restrict(Organization.objects.all(), user, VIEW_ADMISSION, field="").filter(pk=pk).first()


# Quotas ---------------------------------------------------------------------------------------------------


def quotas_above(organization: Organization, year: int, *, with_range: bool = False) -> QuerySet[Quota]:
    """The year's quotas at or above the organization, the nearest (the approver's) first."""
    qs = Quota.objects.filter(
        organization__path__in=ancestor_paths(organization.path, inclusive=True), year=year
    ).select_related("organization")
    if with_range:
        qs = qs.exclude(number_from="")
    return qs.order_by("-organization__path")


def quota_for(organization: Organization, year: int, *, with_range: bool = False) -> Quota | None:
    """The nearest quota at or above the organization's committee (the approver) for the year."""
    return quotas_above(organization, year, with_range=with_range).first()


def quota_used(quota: Quota) -> int:
    """Admissions of the quota's year approved in its organization's subtree."""
    return Application.objects.filter(
        status=S.ADMITTED,
        meeting__held_on__year=quota.year,
        organization__path__range=subtree_range(quota.organization.path),
    ).count()


def quota_left(app: Application) -> int | None:
    """Admissions still free in the quota the application would be approved against; None without a quota."""
    year = app.meeting.held_on.year if app.meeting is not None else (app.candidate_on or timezone.localdate()).year
    quota = quota_for(app.organization, year)
    if quota is None:
        return None
    return quota.count - quota_used(quota)


def quota_rows(user: scope.Viewer, year: int) -> list[dict[str, Any]]:
    """Quotas of the organizations in the user's scope for a year, with use and what is left."""
    quotas = scope.restrict(Quota.objects.filter(year=year), user, VIEW_ADMISSION).select_related("organization")
    rows = []
    for quota in quotas.order_by("organization__path"):
        used = quota_used(quota)
        rows.append({"quota": quota, "used": used, "left": quota.count - used})
    return rows


def quota_givable(user: scope.Viewer) -> list[Organization]:
    """Organizations the user may hand quotas to: the committees they approve for and those below, no branch."""
    if not scope.has_any(user, APPROVE_ADMISSION):
        return []
    return list(organizations_where(user, APPROVE_ADMISSION).filter(depth__lte=3).exclude(kind__in=["branch"])[:200])


def quota_organization(user: scope.Viewer, pk: int) -> Organization:
    """An active organization in the user's view of member development, to hand a quota to (404 otherwise)."""
    org = organizations_where(user, VIEW_ADMISSION).filter(pk=pk).first()
    if org is None:
        raise Http404
    return org


# Facts the rules read ---------------------------------------------------------------------------------------


# A class branch is often named after the year its pupils entered: "2024级1班团支部". The name only proposes a
# graduation date to the committee; the checks read the date it sets (Organization.graduates_on).
COHORT = re.compile(r"(\d{4})\s*级")
SCHOOL_YEARS = 3  # junior and senior high school alike
GRADUATION_DAY = (6, 30)  # the proposed date: the end of June of the last school year


def graduating_cohort(day: datetime.date) -> int:
    """The entry year of the classes that finish school in the school year containing day (Sept–June)."""
    graduation = day.year if day.month < 9 else day.year + 1
    return graduation - SCHOOL_YEARS


def school_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the school year (1 September to 31 August) containing day."""
    start = day.year if day.month >= 9 else day.year - 1
    return datetime.date(start, 9, 1), datetime.date(start + 1, 8, 31)


def graduates_in(day: datetime.date) -> Q:
    """Branches whose expected graduation falls in the school year containing day."""
    return Q(graduates_on__range=school_year(day))


def proposed_graduation(branch: Organization) -> datetime.date | None:
    """The graduation date a class branch's name suggests ("2024级" → 30 June 2027), or None."""
    match = COHORT.search(branch.name)
    if not match:
        return None
    return datetime.date(int(match.group(1)) + SCHOOL_YEARS, *GRADUATION_DAY)


def class_counts(branch: Organization, day: datetime.date) -> tuple[int, int] | None:
    """(members, young people) of a graduating class branch of a junior or senior high school (its expected
    graduation date in day's school year); None for any other branch."""
    if branch.sector not in (Sector.MIDDLE_SCHOOL, Sector.HIGH_SCHOOL):
        return None
    first, last = school_year(day)
    if branch.graduates_on is None or not first <= branch.graduates_on <= last:
        return None
    people = Person.objects.filter(organization=branch)
    return people.filter(membership__status__in=list(ACTIVE_STATES)).count(), people.count()


def facts_for(app: Application, *, meeting_apps: list[Application] | None = None, quota: bool = True) -> rules.Facts:
    """Gather what the rules need about an application from the other apps' records."""
    if meeting_apps is None:
        # Before the meeting, the batch is the branch's open candidacies.
        meeting_apps = list(
            Application.objects.filter(organization_id=app.organization_id, status=S.CANDIDATE).exclude(pk=app.pk)
        ) + [app]
    batch: Pairs = [(a.introducer_1_id, a.introducer_2_id) for a in meeting_apps]
    return facts_many([app], batches={app.pk: batch}, quota=quota)[app.pk]


def facts_many(apps: list[Application], *, batches: dict[int, Pairs], quota: bool = False) -> dict[int, rules.Facts]:
    """The rules' facts for many applications in a few queries per kind (the annual audit reads thousands);
    batches gives, per application, the (introducer, introducer) pairs of the candidacies voted with it."""
    today = timezone.localdate()
    years = {app.pk: (app.candidate_on or today).year for app in apps}
    hours = _hours(apps, years)
    lessons = lesson_hours_at((app.person_id, app.candidate_on or today) for app in apps)
    in_good_standing = _in_good_standing(apps)
    disciplined = _under_discipline(apps, today)
    classes: dict[tuple[int, datetime.date], tuple[int, int] | None] = {}
    out = {}
    for app in apps:
        day = app.meeting.held_on if app.meeting is not None else today
        key = (app.organization_id, day)
        if key not in classes:
            classes[key] = class_counts(app.organization, day)
        mine = [i for i in (app.introducer_1_id, app.introducer_2_id) if i]
        out[app.pk] = rules.Facts(
            class_counts=classes[key],
            birth_date=app.person.birth_date,
            volunteer_hours=hours.get((app.person_id, years[app.pk]), Decimal(0)),
            lessons=lessons[(app.person_id, app.candidate_on or today)],
            good_standing={pk: pk in in_good_standing for pk in mine},
            under_discipline=frozenset(pk for pk in mine if (pk, app.pk) in disciplined),
            introducer_load={pk: sum(1 for pair in batches.get(app.pk, []) if pk in pair) for pk in mine},
            quota_left=quota_left(app) if quota else None,
        )
    return out


def _hours(apps: list[Application], years: dict[int, int]) -> dict[tuple[int, int], Decimal]:
    """Certified volunteer hours per (person, year of the candidacy)."""
    hours: dict[tuple[int, int], Decimal] = {}
    for year in set(years.values()):
        people = [app.person_id for app in apps if years[app.pk] == year]
        for i in range(0, len(people), 900):
            for person_id, total in hours_by_person(people[i : i + 900], year).items():
                hours[(person_id, year)] = total
    return hours


def _in_good_standing(apps: list[Application]) -> set[int]:
    """The introducers of apps who are full members in good standing."""
    introducers = sorted({i for app in apps for i in (app.introducer_1_id, app.introducer_2_id) if i})
    found: set[int] = set()
    for i in range(0, len(introducers), 900):
        found.update(
            Membership.objects.filter(
                person_id__in=introducers[i : i + 900], status=MembershipStatus.NORMAL
            ).values_list("person_id", flat=True)
        )
    return found


def _under_discipline(apps: list[Application], today: datetime.date) -> set[tuple[int, int]]:
    """(introducer, application) pairs whose introducer was under discipline on the day the introducers were
    named (the candidacy), or today before it."""
    by_day: dict[datetime.date, set[int]] = {}
    for app in apps:
        day = app.candidate_on or today
        by_day.setdefault(day, set()).update(i for i in (app.introducer_1_id, app.introducer_2_id) if i)
    found = {day: people_under_discipline(ids, day) for day, ids in by_day.items()}
    return {
        (pk, app.pk)
        for app in apps
        for pk in (app.introducer_1_id, app.introducer_2_id)
        if pk and pk in found[app.candidate_on or today]
    }


# The League's rule (入团仪式仪程规范, 2023): the ceremony within three months of admission, unless the county
# set another limit.
CEREMONY_MONTHS = 3


def ceremonies_in_time(user: scope.Viewer, year: int) -> tuple[int, int]:
    """(in time, admitted): of the year's admissions in the user's scope, those whose admission ceremony was
    held within the county's time limit after approval."""
    apps = (
        application_list(user)
        .filter(status=S.ADMITTED, meeting__held_on__year=year)
        .select_related("organization", "ceremony")
    )
    in_time = total = 0
    limits: dict[int, int] = {}
    for app in apps:
        total += 1
        if app.ceremony is None or app.approved_on is None:
            continue
        key = app.organization_id
        if key not in limits:
            policy = policy_for(AdmissionPolicy, app.organization, year)
            limits[key] = getattr(policy, "ceremony_months", CEREMONY_MONTHS)
        if app.ceremony.held_on <= add_months(app.approved_on, limits[key]):
            in_time += 1
    return in_time, total


# Lesson hours -----------------------------------------------------------------------------------------------

# Before the candidacy the branch may still add paper hours; after it they are the audit's to judge.
LESSONS_OPEN = frozenset({S.APPLIED, S.INTERVIEWED, S.ACTIVIST})


def application_lessons(user: scope.Viewer, app: Application) -> dict[str, Any]:
    """The lesson hours the candidacy rule reads for an application, line by line: counted up to the candidacy
    (today before it), against the county's requirement, and whether the user may add a paper record now."""
    until = app.candidate_on or timezone.localdate()
    policy = policy_for(AdmissionPolicy, app.organization, until.year)
    return {
        "record": lesson_record_of(app.person, until=until),
        "until": until,
        "required": policy.lesson_hours,
        "can_add": app.status in LESSONS_OPEN and scope.has_perm(user, MANAGE_ADMISSION, app.organization),
    }
