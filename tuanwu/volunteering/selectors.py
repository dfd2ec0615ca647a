"""Every scoped read of volunteering, and the numbers other modules read (admission, dashboards, plan)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, F, Model, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth, Substr
from django.http import Http404
from django.utils import timezone

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING, VIEW_VOLUNTEERING
from tuanwu.organizations import scope
from tuanwu.organizations.models import STEPLEN, Organization, ancestor_paths, subtree_range
from tuanwu.organizations.policy import policy_for
from tuanwu.organizations.selectors import organizations_where
from tuanwu.people.models import Person
from tuanwu.people.selectors import person_get, person_list

from .models import (
    STAR_THRESHOLDS,
    Activity,
    Category,
    Certificate,
    CorrectionRequest,
    HourEntry,
    Signup,
    StarRecognition,
    TaskForce,
    TaskForceMember,
    VolunteerPolicy,
    stars_for,
)
from .workflow import ACTIVITY_TRANSITIONS, CHECKIN_EARLY, CLOSED, TAKING_SIGNUPS

M = TypeVar("M", bound=Model)

CERTIFIED = Q(status=HourEntry.Status.CERTIFIED)


def _ledger_q(user: scope.Viewer, perm: str = VIEW_VOLUNTEERING) -> Q:
    """Entries of the user's people, and entries of activities organized in the user's scope."""
    return scope.org_q(user, perm, "organization") | scope.org_q(user, perm, "organizer")


def _scoped_get(qs: QuerySet[M], user: scope.Viewer, pk: int, perm: str, field: str = "organization") -> M:
    """One row the user may see as a leader of the organization at field (404 otherwise), refused (403) to one
    who sees it but lacks perm there."""
    row = scope.get_scoped_or_404(qs, user, VIEW_VOLUNTEERING, field=field, pk=pk)
    if perm != VIEW_VOLUNTEERING:
        organization: Any = row
        for name in field.split("__"):
            organization = getattr(organization, name)
        scope.require(user, perm, organization)
    return row


def own_person(user: scope.Viewer) -> Person | None:
    """The person record the signed-in account is linked to, if any."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return None
    return Person.objects.select_related("organization").get(pk=person_id)


# Activities -----------------------------------------------------------------------------------------------


def activity_list(user: scope.Viewer) -> QuerySet[Activity]:
    """Activities organized in the user's scope, with the counts a list shows."""
    return (
        scope.restrict(Activity.objects.all(), user, VIEW_VOLUNTEERING)
        .select_related("organization")
        .annotate(
            approved=Count("signups", filter=Q(signups__status=Signup.Status.APPROVED)),
            waiting=Count("signups", filter=Q(signups__status__in=[Signup.Status.PENDING, Signup.Status.WAITLISTED])),
        )
    )


def activity_get(user: scope.Viewer, pk: int, perm: str = VIEW_VOLUNTEERING) -> Activity:
    """One activity the user may see as an organizer or leader (404 otherwise), refused (403) to one who sees it
    but lacks perm."""
    return _scoped_get(
        Activity.objects.select_related("organization", "recruit_organization", "task_force"), user, pk, perm
    )


def may_sign_up(activity: Activity, person: Person) -> bool:
    """Whether the activity recruits from the person's organization."""
    return activity.open_to_all or person.organization.path.startswith(activity.recruit_organization.path)


def activity_for_volunteer(user: scope.Viewer, pk: int) -> Activity:
    """An activity as a young person sees it: published ones they may join, or ones they signed up for."""
    activity = Activity.objects.select_related("organization", "recruit_organization").filter(pk=pk).first()
    if activity is None:
        raise Http404
    person_id = getattr(user, "person_id", None)
    signed = person_id and Signup.objects.filter(activity=activity, person_id=person_id).exists()
    if signed or scope.has_perm(user, VIEW_VOLUNTEERING, activity.organization):
        return activity
    if activity.status in TAKING_SIGNUPS and person_id:
        person = own_person(user)
        if person is not None and may_sign_up(activity, person):
            return activity
    raise Http404


def activity_by_checkin(key: str) -> Activity | None:
    """The activity whose QR token or typed check-in code this is."""
    key = (key or "").strip()
    if not key:
        return None
    lookup = {"checkin_code": key} if key.isdigit() and len(key) == 6 else {"checkin_token": key}
    return Activity.objects.select_related("organization").filter(**lookup).first()


def checkin_code_taken(code: str) -> bool:
    """Whether an activity already has this six-digit check-in code."""
    return Activity.objects.filter(checkin_code=code).exists()


def approved_count(activity: Activity) -> int:
    """How many of the activity's places are taken."""
    return activity.signups.filter(status=Signup.Status.APPROVED).count()


def activity_is_full(activity: Activity) -> bool:
    """Whether every place of the activity is taken (an activity without a capacity never is)."""
    return activity.capacity is not None and approved_count(activity) >= activity.capacity


def activity_editable(activity: Activity) -> bool:
    """Whether the activity's details can still be changed (not once it is finished or cancelled)."""
    return activity.status not in CLOSED


def activity_actions(activity: Activity) -> list[str]:
    """The state changes the workflow allows the activity now, as the names of the page's actions."""
    targets = {"publish": "published", "start": "running", "finish": "finished", "cancel": "cancelled"}
    allowed = ACTIVITY_TRANSITIONS.get(activity.status, ())
    return [action for action, target in targets.items() if target in allowed]


@dataclass
class SignupRow:
    """A sign-up on the activity page: its original hour entry and what the organizer may do with it."""

    signup: Signup
    entry: HourEntry | None
    can_decide: bool
    can_confirm: bool


def activity_summary(activity: Activity) -> dict[str, Any]:
    """An activity's sign-ups as rows of the page and its numbers: sign-ups per status, entries recorded and not
    yet certified and their hours, and whether a published activity's places are all taken."""
    rows = []
    for s in signups_of(activity):
        entry = next((e for e in s.entries.all() if e.corrects_id is None), None)
        certified = entry is not None and entry.status == HourEntry.Status.CERTIFIED
        waiting = s.status in (Signup.Status.PENDING, Signup.Status.WAITLISTED)
        rows.append(SignupRow(s, entry, waiting, s.status == Signup.Status.APPROVED and not certified))
    recorded = [r.entry for r in rows if r.entry is not None and r.entry.status == HourEntry.Status.RECORDED]
    counts = {status: sum(1 for r in rows if r.signup.status == status) for status in Signup.Status.values}
    return {
        "signups": rows,
        "counts": counts,
        "recorded": len(recorded),
        "recorded_hours": sum(e.hours for e in recorded),
        "pending_count": sum(1 for r in rows if r.can_decide),
        "full": activity.status == Activity.Status.PUBLISHED
        and activity.capacity is not None
        and counts[Signup.Status.APPROVED] >= activity.capacity,
    }


def open_activities(person: Person) -> QuerySet[Activity]:
    """Activities taking sign-ups that recruit from the person's organization, soonest first."""
    return (
        Activity.objects.filter(status__in=TAKING_SIGNUPS, ends_at__gt=timezone.now(), task_force__isnull=True)
        .filter(
            Q(open_to_all=True)
            | Q(recruit_organization__path__in=ancestor_paths(person.organization.path, inclusive=True))
        )
        .select_related("organization")
        .annotate(approved=Count("signups", filter=Q(signups__status=Signup.Status.APPROVED)))
        .order_by("starts_at", "pk")
    )


@dataclass
class OpenActivity:
    """An activity on the volunteer's list of open ones, with their own sign-up status and whether it is full."""

    activity: Activity
    my_status: str | None
    full: bool


def open_activities_for(person: Person, limit: int = 100) -> list[OpenActivity]:
    """The first open activities of open_activities, each with the person's own sign-up status."""
    activities = list(open_activities(person)[:limit])
    mine = dict(Signup.objects.filter(person=person, activity__in=activities).values_list("activity_id", "status"))
    return [
        OpenActivity(a, mine.get(a.pk), a.capacity is not None and a.approved >= a.capacity)  # type: ignore[attr-defined]
        for a in activities
    ]


def signups_of(activity: Activity) -> QuerySet[Signup]:
    """An activity's sign-ups with the people and their recorded hours."""
    return (
        activity.signups.select_related("person", "organization")
        .prefetch_related("entries")
        .order_by("created_at", "pk")
    )


def signup_get(user: scope.Viewer, pk: int, perm: str = MANAGE_VOLUNTEERING) -> Signup:
    """One sign-up of an activity the user may see as an organizer (404 otherwise), refused (403) to one who
    lacks perm on the activity's organization."""
    return _scoped_get(
        Signup.objects.select_related("activity__organization", "person"), user, pk, perm, "activity__organization"
    )


def own_signup(user: scope.Viewer, activity: Activity) -> Signup | None:
    """The signed-in young person's sign-up for the activity, if any."""
    person_id = getattr(user, "person_id", None)
    return Signup.objects.filter(activity=activity, person_id=person_id).first() if person_id else None


def own_signup_get(user: scope.Viewer, pk: int) -> Signup:
    """One of the signed-in young person's own sign-ups (404 for anybody else's)."""
    person_id = getattr(user, "person_id", None)
    signup = Signup.objects.filter(pk=pk, person_id=person_id).first() if person_id else None
    if signup is None:
        raise Http404
    return signup


def signup_approved(signup: Signup | None) -> bool:
    """Whether the sign-up holds a place."""
    return signup is not None and signup.status == Signup.Status.APPROVED


def may_check_in(signup: Signup | None) -> bool:
    """Whether the volunteer has a place and has not checked out yet (the next scan checks in or out)."""
    return signup_approved(signup) and signup is not None and not signup.checked_out_at


def checkout_opens_at(activity: Activity, signup: Signup) -> datetime.datetime | None:
    """When a checked-in volunteer may check out: the county's shortest stay after the check-in."""
    if signup.checked_in_at is None:
        return None
    policy = policy_for(VolunteerPolicy, activity.organization, timezone.localtime(signup.checked_in_at).year)
    return signup.checked_in_at + datetime.timedelta(minutes=policy.min_checkout_minutes)


@dataclass(frozen=True)
class CheckinOffer:
    """What the check-in page offers right now: the scan button, or when it opens and why not yet."""

    can_scan: bool
    opens_at: datetime.datetime | None = None  # check-in (or check-out) opens then
    closed: bool = False  # the window has passed


def checkin_offer(activity: Activity, signup: Signup | None, now: datetime.datetime | None = None) -> CheckinOffer:
    """The button only when the scan would be taken; otherwise the time it opens (never a button that refuses)."""
    now = now or timezone.now()
    if not may_check_in(signup) or signup is None:
        return CheckinOffer(can_scan=False)
    if activity.status not in TAKING_SIGNUPS or now > activity.ends_at + CHECKIN_EARLY:
        return CheckinOffer(can_scan=False, closed=True)
    if now < activity.starts_at - CHECKIN_EARLY:
        return CheckinOffer(can_scan=False, opens_at=activity.starts_at - CHECKIN_EARLY)
    opens = checkout_opens_at(activity, signup)
    if opens and now < opens:
        return CheckinOffer(can_scan=False, opens_at=opens)
    return CheckinOffer(can_scan=True)


def volunteer_activity_summary(user: scope.Viewer, activity: Activity) -> dict[str, Any]:
    """What the young person's activity page shows: their sign-up, the places taken, and what they may do."""
    signup = own_signup(user, activity)
    approved = approved_count(activity)
    ended = signup is None or signup.status in (Signup.Status.WITHDRAWN, Signup.Status.DECLINED)
    return {
        "signup": signup,
        "approved": approved,
        "full": activity.capacity is not None and approved >= activity.capacity,
        "can_sign_up": bool(getattr(user, "person_id", None)) and activity.status in TAKING_SIGNUPS and ended,
        "can_scan": may_check_in(signup),
        "offer": checkin_offer(activity, signup),
        "signed_up": not ended,
        "can_withdraw": not ended and signup is not None and not signup.checked_in_at,
        "declined": signup is not None and signup.status == Signup.Status.DECLINED,
    }


def my_signups(person_id: int | None) -> QuerySet[Signup]:
    """A young person's sign-ups, the latest activity first (none without a person)."""
    if not person_id:
        return Signup.objects.none()
    return (
        Signup.objects.filter(person_id=person_id)
        .select_related("activity", "activity__organization")
        .order_by("-activity__starts_at")
    )


# The ledger -----------------------------------------------------------------------------------------------


def entry_list(user: scope.Viewer) -> QuerySet[HourEntry]:
    """Ledger entries the user may see (their people's, and those of activities organized in their scope)."""
    return HourEntry.objects.filter(_ledger_q(user)).select_related("person", "organization", "organizer")


def entry_get(user: scope.Viewer, pk: int) -> HourEntry:
    """One entry for a leader or for the volunteer it belongs to (404 otherwise)."""
    q = _ledger_q(user)
    person_id = getattr(user, "person_id", None)
    if person_id:
        q |= Q(person_id=person_id)
    entry = (
        HourEntry.objects.filter(q, pk=pk)
        .select_related("person", "organization", "organizer", "activity", "corrects")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def own_entry_get(user: scope.Viewer, pk: int) -> HourEntry:
    """The original of one of the signed-in volunteer's own entries (404 for anybody else's)."""
    entry = entry_get(user, pk)
    root = entry.corrects or entry
    if root.person_id != getattr(user, "person_id", None):
        raise Http404
    return root


def entry_chain(entry: HourEntry) -> list[HourEntry]:
    """The original entry and its corrections, oldest first."""
    root = entry.corrects or entry
    return [root, *root.corrections.select_related("recorded_by").order_by("pk")]


def entry_summary(user: scope.Viewer, entry: HourEntry) -> dict[str, Any]:
    """An entry's page: the original, its chain of corrections, the hours it counts, its correction requests,
    and whether the user may correct it (its organizer's managers) or ask for a correction (its volunteer)."""
    chain = entry_chain(entry)
    root = chain[0]
    return {
        "entry": root,
        "chain": chain,
        "total": sum((e.hours for e in chain), Decimal("0")),
        "can_correct": may_manage_entry(user, root) and root.correctable,
        "can_request": root.person_id == getattr(user, "person_id", None) and root.correctable,
        "requests": root.correction_requests.all(),
    }


def entry_counted_hours(root: HourEntry) -> Decimal:
    """The hours an original entry counts after its corrections."""
    return root.hours + sum((c.hours for c in root.corrections.all()), Decimal("0"))


def ledger_intervals(
    person_id: int, around: datetime.date, exclude_chain: int | None = None
) -> list[tuple[int, datetime.datetime, datetime.datetime]]:
    """Each of the person's ledger chains near a date as (root id, start, end), after corrections."""
    entries = HourEntry.objects.filter(
        person_id=person_id,
        service_date__range=(around - datetime.timedelta(days=2), around + datetime.timedelta(days=2)),
    ).values_list("pk", "corrects_id", "started_at", "ended_at", "hours")
    chains: dict[int, list[Any]] = {}
    for pk, corrects, start, end, hours in sorted(entries, key=lambda e: e[0]):
        root = corrects or pk
        chain = chains.setdefault(root, [None, None, Decimal(0)])
        if start and end:
            chain[0], chain[1] = start, end
        chain[2] += hours
    return [(root, s, e) for root, (s, e, total) in chains.items() if s and total > 0 and root != exclude_chain]


def may_manage_entry(user: scope.Viewer, entry: HourEntry) -> bool:
    return scope.has_perm(user, MANAGE_VOLUNTEERING, entry.organizer)


def person_hours(person_id: int, year: int | None = None) -> Decimal:
    """A person's certified hours in a calendar year (all years when year is None); the admission rule of
    20 hours a year reads this."""
    qs = HourEntry.objects.filter(CERTIFIED, person_id=person_id)
    if year is not None:
        qs = qs.filter(service_date__year=year)
    return qs.aggregate(total=Sum("hours"))["total"] or Decimal("0")


def hours_by_person(person_ids: Iterable[int], year: int) -> dict[int, Decimal]:
    """Certified hours in a calendar year for many people at once (missing people have none)."""
    rows = (
        HourEntry.objects.filter(CERTIFIED, person_id__in=list(person_ids), service_date__year=year)
        .values("person_id")
        .annotate(total=Sum("hours"))
    )
    return {r["person_id"]: r["total"] for r in rows}


def volunteer_get(user: scope.Viewer, pk: int, *, own: bool = False) -> Person:
    """A person whose hours the user may see as one of their leaders, or (own=True) as the person themself;
    404 otherwise."""
    person = person_get(user, pk)
    if own and person.pk == getattr(user, "person_id", None):
        return person
    if not scope.has_perm(user, VIEW_VOLUNTEERING, person.organization):
        raise Http404
    return person


def person_summary(person_id: int) -> dict[str, Any]:
    """Totals by year, the cumulative total, the star level the hours make the person eligible for, the hours to
    the next one, and the star level recognized by a named body (the latest recognition, or None)."""
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
        "eligible_stars": stars,
        "recognized": star_recognition_current(person_id),
        "next_star": next_star,
        "to_next_star": (next_star - total) if next_star else None,
        "this_year": dict(by_year).get(timezone.localdate().year, Decimal("0")),
        "pending": pending,
    }


def star_recognition_current(person_id: int) -> StarRecognition | None:
    """The latest star recognition of the person: what they are recognized as, by whom and when."""
    return StarRecognition.objects.filter(person_id=person_id).order_by("-recognized_on", "-pk").first()


def star_recognitions_current(person_ids: Iterable[int]) -> dict[int, StarRecognition]:
    """The latest star recognition of each of many people (people without one are missing)."""
    found: dict[int, StarRecognition] = {}
    for row in StarRecognition.objects.filter(person_id__in=list(person_ids)).order_by(
        "person_id", "-recognized_on", "-pk"
    ):
        found.setdefault(row.person_id, row)
    return found


def person_entries(person_id: int) -> QuerySet[HourEntry]:
    return (
        HourEntry.objects.filter(person_id=person_id)
        .select_related("organizer", "activity", "corrects")
        .order_by("-service_date", "-pk")
    )


def entries_for_certificate(person: Person, start: datetime.date, end: datetime.date) -> tuple[list[dict], Decimal]:
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


def correction_requests_open(user: scope.Viewer) -> QuerySet[CorrectionRequest]:
    """Correction requests waiting for an answer from organizers in the user's scope."""
    return (
        scope.restrict(CorrectionRequest.objects.all(), user, MANAGE_VOLUNTEERING)
        .filter(status=CorrectionRequest.Status.PENDING)
        .select_related("entry", "person", "organization")
    )


def correction_request_get(user: scope.Viewer, pk: int) -> CorrectionRequest:
    return scope.get_scoped_or_404(
        CorrectionRequest.objects.select_related("entry", "person", "organization"), user, MANAGE_VOLUNTEERING, pk=pk
    )


def correction_pending(root: HourEntry) -> bool:
    """Whether a correction request for the entry is waiting for an answer."""
    return CorrectionRequest.objects.filter(entry=root, status=CorrectionRequest.Status.PENDING).exists()


def person_requests(person_id: int) -> QuerySet[CorrectionRequest]:
    return CorrectionRequest.objects.filter(person_id=person_id).select_related("entry")


# Certificates ---------------------------------------------------------------------------------------------


def certificate_list(user: scope.Viewer) -> QuerySet[Certificate]:
    """Certificates issued in the user's scope."""
    return scope.restrict(Certificate.objects.all(), user, VIEW_VOLUNTEERING).select_related("person", "organization")


def certificate_get(user: scope.Viewer, pk: int) -> Certificate:
    """A certificate for its issuer's leaders or for the person it certifies (404 otherwise)."""
    q = scope.org_q(user, VIEW_VOLUNTEERING)
    person_id = getattr(user, "person_id", None)
    if person_id:
        q |= Q(person_id=person_id)
    certificate = Certificate.objects.filter(q, pk=pk).select_related("person", "organization").first()
    if certificate is None:
        raise Http404
    return certificate


def person_certificates(person: Person) -> QuerySet[Certificate]:
    """The certificates issued to a person."""
    return Certificate.objects.filter(person=person).select_related("organization")


def certificate_last_number(prefix: str) -> str | None:
    """The highest certificate number issued with this prefix (county and year), if any."""
    return (
        Certificate.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    ).first()


def certificate_issuers(user: scope.Viewer, person: Person) -> QuerySet[Organization]:
    """The organizations that may issue the person a certificate: those above or at the person's own, where the
    user manages volunteering, the nearest first."""
    return (
        organizations_where(user, MANAGE_VOLUNTEERING)
        .filter(path__in=ancestor_paths(person.organization.path, inclusive=True))
        .order_by("-path")
    )


def certificate_verify(token: str) -> Certificate:
    """The certificate behind a public verification address."""
    certificate = Certificate.objects.filter(token=token).select_related("person", "organization").first()
    if certificate is None:
        raise Http404
    return certificate


# Task forces ----------------------------------------------------------------------------------------------


def task_force_list(user: scope.Viewer) -> QuerySet[TaskForce]:
    """Task forces of organizations in the user's scope, with their current size and number of deployments."""
    return (
        scope.restrict(TaskForce.objects.all(), user, VIEW_VOLUNTEERING)
        .select_related("organization", "leader")
        .annotate(size=Count("members", filter=Q(members__left_on__isnull=True)), deployed=Count("deployments"))
    )


def task_force_get(user: scope.Viewer, pk: int, perm: str = VIEW_VOLUNTEERING) -> TaskForce:
    """One task force of an organization in the user's scope (404 otherwise), refused (403) to one who sees it
    but lacks perm."""
    return _scoped_get(TaskForce.objects.select_related("organization", "leader"), user, pk, perm)


def task_force_member_get(user: scope.Viewer, pk: int, perm: str = MANAGE_VOLUNTEERING) -> TaskForceMember:
    """One membership of a task force in the user's scope (404 otherwise), refused (403) without perm."""
    return _scoped_get(
        TaskForceMember.objects.select_related("task_force__organization", "person"),
        user,
        pk,
        perm,
        "task_force__organization",
    )


def task_force_active(team: TaskForce) -> bool:
    """Whether the task force takes members and deployments (not once disbanded)."""
    return team.status == TaskForce.Status.ACTIVE


def task_force_members(team: TaskForce) -> QuerySet[TaskForceMember]:
    """Everyone who is or was in the task force: current members first, in the order they joined."""
    return team.members.select_related("person", "person__organization").order_by("left_on", "joined_on", "pk")


def task_force_current_members(team: TaskForce) -> QuerySet[TaskForceMember]:
    """The task force's members who have not left."""
    return TaskForceMember.objects.filter(task_force=team, left_on__isnull=True).select_related("person")


def task_force_has_member(team: TaskForce, person: Person) -> bool:
    """Whether the person is in the task force now."""
    return TaskForceMember.objects.filter(task_force=team, person=person, left_on__isnull=True).exists()


def task_force_candidates(user: scope.Viewer, q: str, limit: int = 20) -> list[Person]:
    """People in the user's scope whose name contains q, to add to a task force."""
    return list(person_list(user).filter(name__icontains=q).select_related("organization").order_by("name")[:limit])


def task_force_deployments(team: TaskForce, limit: int = 50) -> QuerySet[Activity]:
    """The task force's latest deployments."""
    return team.deployments.order_by("-starts_at")[:limit]


# Numbers --------------------------------------------------------------------------------------------------


def organization_summary(organization: Organization, year: int) -> dict:
    """Certified hours, active volunteers and stars of the people registered in an organization's subtree: per
    level, how many are eligible by their hours and how many are recognized at it (latest recognition)."""
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
    recognized = [0] * len(STAR_THRESHOLDS)
    latest = StarRecognition.objects.filter(
        person__organization__path__range=(low, high), person_id=OuterRef("person_id")
    ).order_by("-recognized_on", "-pk")
    levels = (
        StarRecognition.objects.filter(person__organization__path__range=(low, high))
        .filter(pk=Subquery(latest.values("pk")[:1]))
        .values_list("stars", flat=True)
    )
    for level in levels:
        recognized[level - 1] += 1
    return {
        "hours": year_rows["hours"] or Decimal("0"),
        "volunteers": year_rows["volunteers"],
        "entries": year_rows["entries"],
        "stars": [
            {"level": i + 1, "threshold": t, "eligible": stars[i], "recognized": recognized[i]}
            for i, t in enumerate(STAR_THRESHOLDS)
        ],
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
    depth_len = len(organization.path) + STEPLEN
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


def stats_organization(user: scope.Viewer, pk: int | None) -> Organization:
    """The organization whose numbers the user asked for (pk), or by default the first top of their view where
    they may see volunteering; 404 when they may see neither."""
    if pk is None:
        roots = scope.visible_roots(user)
        organization = next((o for o in roots if scope.has_perm(user, VIEW_VOLUNTEERING, o)), None)
    else:
        organization = organizations_where(user, VIEW_VOLUNTEERING).filter(pk=pk).first()
    if organization is None:
        raise Http404
    return organization


def hours_charts(organization: Organization, year: int) -> dict[str, Any]:
    """The subtree's certified hours of the year for the charts: per month and category (chart), per category
    (by_category, most first) and per month (monthly)."""
    months, series = month_series(hours_by_month(organization, year))
    labels = dict(Category.choices)
    totals = sorted(((sum(v), k) for k, v in series.items()), key=lambda t: -t[0])
    by_category = [{"category": str(labels.get(k, k)), "hours": hours} for hours, k in totals]
    return {
        "chart": {
            "months": months,
            "series": [{"name": str(labels.get(k, k)), "values": v} for k, v in sorted(series.items())],
        },
        "by_category": by_category,
        "monthly": [{"month": m, "hours": sum(s[i] for s in series.values())} for i, m in enumerate(months)],
    }


def month_series(rows: list[dict]) -> tuple[list[int], dict[str, list[float]]]:
    """Rows of hours_by_month as twelve monthly values per category."""
    series: dict[str, list[float]] = defaultdict(lambda: [0.0] * 12)
    for r in rows:
        series[r["category"]][r["month"] - 1] = float(r["total"])
    return list(range(1, 13)), dict(series)
