"""Volunteer data of the demo county: a year of finished activities with certified hours, activities open for
sign-up, one running today for the demo member, a task force and a certificate (data.volunteering). Written in
bulk, like the rest of the demo county; the services are for real users."""

from __future__ import annotations

import bisect
import datetime
import random
import secrets
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person
from tuanwu.volunteering.models import (
    Activity,
    Certificate,
    CorrectionRequest,
    HourEntry,
    IssuerSettings,
    Signup,
    StarRecognition,
    TaskForce,
    TaskForceMember,
    VolunteerNumber,
)
from tuanwu.volunteering.selectors import entries_for_certificate

from .data import volunteering as data
from .data.volunteering import PLACES, TITLES

# A person as the builder keeps them: (pk, organization id, organization path).
Row = tuple[int, int, str]
# An activity's volunteers, start and length in hours.
Plan = tuple[list[Row], datetime.datetime, int]


class _People:
    """The county's people sorted by their organization's path, so that a subtree is a slice."""

    def __init__(self, root: Organization):
        rows = Person.objects.filter(organization__path__startswith=root.path).values_list(
            "pk", "organization_id", "organization__path"
        )
        self.rows: list[Row] = sorted(rows, key=lambda p: p[2])
        self.paths = [p[2] for p in self.rows]

    def under(self, org: Organization) -> list[Row]:
        lo = bisect.bisect_left(self.paths, org.path)
        hi = bisect.bisect_left(self.paths, org.path + "\uffff")
        return self.rows[lo:hi]


def _keys(rng: random.Random, used: set[str]) -> dict:
    while True:
        code = f"{rng.randrange(10**6):06d}"
        if code not in used:
            used.add(code)
            return {"checkin_code": code, "checkin_token": secrets.token_urlsafe(24)[:32]}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _past(rng: random.Random, people: _People, organizers: list[Organization], used: set[str]):
    """The past year's finished activities of the committees and their volunteers: (activities, plans)."""
    count = min(data.MAX_PAST_ACTIVITIES, max(20, len(people.rows) * data.PAST_ACTIVITIES_PER_1000 // 1000))
    activities: list[Activity] = []
    plans: list[Plan] = []
    for _i in range(count):
        org = rng.choice(organizers)
        category = rng.choice(list(TITLES))
        day = timezone.localdate() - datetime.timedelta(days=rng.randint(2, 360))
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.choice([8, 9, 14]), 0)))
        length = rng.choice([2, 3, 4])
        pool = people.under(org)
        if not pool:
            continue
        volunteers = rng.sample(pool, min(len(pool), rng.randint(4, 25)))
        activities.append(
            Activity(
                organization=org,
                recruit_organization=org,
                title=rng.choice(TITLES[category]),
                category=category,
                place=rng.choice(PLACES),
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=length),
                capacity=len(volunteers) + rng.randint(0, 10),
                status=Activity.Status.FINISHED,
                **_keys(rng, used),
            )
        )
        plans.append((volunteers, start, length))
    return activities, plans


def _members_own(rng: random.Random, people: _People, featured: Organization, member: Person, used: set[str]):
    """The demo member's own record: past activities of their branch with a few branch mates."""
    mates = [p for p in people.under(featured) if p[0] != member.pk]
    me = (member.pk, member.organization_id, featured.path)
    activities: list[Activity] = []
    plans: list[Plan] = []
    for days, title, category in data.MEMBER_ACTIVITIES:
        start = _at(timezone.localdate() - datetime.timedelta(days=days), 9)
        activities.append(
            Activity(
                organization=featured,
                recruit_organization=featured,
                title=title,
                category=category,
                place=rng.choice(PLACES),
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=4),
                capacity=15,
                status=Activity.Status.FINISHED,
                **_keys(rng, used),
            )
        )
        plans.append(([me, *rng.sample(mates, min(data.MEMBER_MATES, len(mates)))], start, 4))
    return activities, plans


def _served(rng: random.Random, activities: list[Activity], plans: list[Plan], admin) -> list[HourEntry]:
    """Each volunteer's approved, attended sign-up (one activity a day at most) and certified hour entry."""
    busy: set[tuple[int, datetime.date]] = set()
    signups, entry_plans = [], []
    for activity, (volunteers, start, length) in zip(activities, plans, strict=True):
        for person_id, org_id, _path in volunteers:
            if (person_id, start.date()) in busy:
                continue
            busy.add((person_id, start.date()))
            served = rng.choice([length, length, length - 1]) if length > 2 else length
            signup = Signup(
                activity=activity,
                person_id=person_id,
                organization_id=org_id,
                status=Signup.Status.APPROVED,
                attendance=Signup.Attendance.PRESENT,
                checked_in_at=start,
                checked_out_at=start + datetime.timedelta(hours=served),
                confirmed_start=start,
                confirmed_end=start + datetime.timedelta(hours=served),
                decided_by=admin,
                decided_at=start - datetime.timedelta(days=2),
            )
            signups.append(signup)
            entry_plans.append((signup, activity, served))
    Signup.objects.bulk_create(signups, batch_size=2000)
    entries = [
        HourEntry(
            person_id=s.person_id,
            organization_id=s.organization_id,
            organizer_id=a.organization_id,
            activity=a,
            signup=s,
            source=HourEntry.Source.ACTIVITY,
            category=a.category,
            content=a.title,
            service_date=timezone.localtime(s.confirmed_start).date(),
            started_at=s.confirmed_start,
            ended_at=s.confirmed_end,
            hours=Decimal(served),
            status=HourEntry.Status.CERTIFIED,
            recorded_by=admin,
            certified_by=admin,
            certified_at=a.ends_at + datetime.timedelta(days=1),
        )
        for s, a, served in entry_plans
    ]
    HourEntry.objects.bulk_create(entries, batch_size=2000)
    return entries


def _today(rng: random.Random, featured: Organization, used: set[str], now: datetime.datetime):
    """What the demo logins see today: activities open for sign-up, and one running: (upcoming, running)."""
    upcoming = []
    for days, title, category in data.UPCOMING:
        start = _at(timezone.localdate() + datetime.timedelta(days=days), 9)
        upcoming.append(
            Activity(
                organization=featured,
                recruit_organization=featured.parent or featured,
                title=title,
                category=category,
                place=rng.choice(PLACES),
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=3),
                capacity=20,
                status=Activity.Status.PUBLISHED,
                description=data.UPCOMING_DESCRIPTION,
                **_keys(rng, used),
            )
        )
    running = Activity(
        organization=featured,
        recruit_organization=featured,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=3),
        status=Activity.Status.RUNNING,
        **data.RUNNING,
        **_keys(rng, used),
    )
    Activity.objects.bulk_create([*upcoming, running])
    return upcoming, running


def _members_today(root: Organization, featured: Organization, member: Person, running: Activity, admin, now) -> int:
    """The demo member signed up for the running activity, a correction asked, this year's certificate; returns
    how many certificates."""
    Signup.objects.create(
        activity=running,
        person=member,
        organization=member.organization,
        status=Signup.Status.APPROVED,
        decided_by=admin,
        decided_at=now - datetime.timedelta(days=1),
    )
    mine = HourEntry.objects.filter(person=member, status=HourEntry.Status.CERTIFIED).order_by("pk").first()
    if not mine:
        return 0
    CorrectionRequest.objects.create(
        entry=mine,
        organization_id=mine.organizer_id,
        person=member,
        hours=mine.hours + 1,
        reason=data.CORRECTION_REASON,
        requested_by=None,
    )
    today = timezone.localdate()
    year_start = datetime.date(today.year, 1, 1)
    lines, total = entries_for_certificate(member, year_start, today)
    if total <= 0:
        return 0
    settings = IssuerSettings.objects.create(
        organization=featured,
        person_in_charge=data.CERTIFICATE_PERSON_IN_CHARGE,
        contact_phone=data.CERTIFICATE_CONTACT_PHONE,
        updated_by=admin,
    )
    number = VolunteerNumber.objects.create(
        person=member, county=root, number=f"{root.code or 'TW'}V{today.year}000001"
    ).number
    Certificate.objects.create(
        volunteer_number=number,
        person_in_charge=settings.person_in_charge,
        contact_phone=settings.contact_phone,
        number=f"{root.code or 'TW'}-{today.year}-000001",
        person=member,
        organization=featured,
        period_start=year_start,
        period_end=today,
        hours=total,
        lines=lines,
        handler=data.CERTIFICATE_HANDLER,
        issued_on=today,
        issued_by=admin,
        token=secrets.token_urlsafe(24)[:32],
    )
    return 1


def _task_force(rng: random.Random, people: _People, featured: Organization) -> None:
    """The township's task force, its crew drawn from the township's people, the first its leader."""
    township = featured.parent or featured
    team = TaskForce.objects.create(
        organization=township,
        founded_on=timezone.localdate() - datetime.timedelta(days=data.TASK_FORCE_AGE_DAYS),
        **data.TASK_FORCE,
    )
    pool = people.under(township)
    crew = rng.sample(pool, min(data.TASK_FORCE_CREW, len(pool)))
    TaskForceMember.objects.bulk_create(
        [TaskForceMember(task_force=team, person_id=p[0], joined_on=team.founded_on) for p in crew]
    )
    if crew:
        team.leader_id = crew[0][0]
        team.save(update_fields=["leader"])


def build(*, rng: random.Random, root: Organization, featured: Organization, member: Person | None, admin) -> dict:
    """Add the volunteer data; returns counts."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    people = _People(root)
    organizers = list(Organization.objects.filter(path__startswith=root.path, depth__lte=3).order_by("path"))
    used_codes: set[str] = set()
    activities, plans = _past(rng, people, organizers, used_codes)
    if member is not None:
        own, own_plans = _members_own(rng, people, featured, member, used_codes)
        activities += own
        plans += own_plans
    Activity.objects.bulk_create(activities, batch_size=1000)
    entries = _served(rng, activities, plans, admin)
    upcoming, running = _today(rng, featured, used_codes, now)
    certificates = 0
    if member is not None:
        certificates = _members_today(root, featured, member, running, admin, now)
    _task_force(rng, people, featured)
    return {
        "activities": len(activities) + len(upcoming) + 1,
        "hour_entries": len(entries),
        "certificates": certificates,
        "task_forces": 1,
    }


def purge() -> dict:
    """Delete all volunteer data (the demo reset): certified entries too, which no statement of the
    application may delete (volunteering migration 0003), so the ledger goes by the table owner's means."""
    counts = {}
    with transaction.atomic():
        counts["certificates"], _ = Certificate.objects.all().delete()
        StarRecognition.objects.all().delete()
        VolunteerNumber.objects.all().delete()
        IssuerSettings.objects.all().delete()
        counts["hour_entries"] = HourEntry.objects.count()
        _empty_ledger()
        Signup.objects.all().delete()
        counts["activities"], _ = Activity.objects.all().delete()
        TaskForceMember.objects.all().delete()
        TaskForce.objects.all().delete()
    return counts


LEDGER_TABLES = (CorrectionRequest._meta.db_table, HourEntry._meta.db_table)


def _empty_ledger() -> None:
    """Empty the hour ledger and the correction requests. PostgreSQL: TRUNCATE, which fires no row trigger and
    which only the owner of the tables may run. SQLite: its triggers are dropped and made again around the
    delete, in the enclosing transaction, so that no other statement ever sees the ledger unguarded."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are deferred: their pending checks would forbid the TRUNCATE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in LEDGER_TABLES))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (%s, %s)", LEDGER_TABLES
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
        CorrectionRequest.objects.all().delete()
        HourEntry.objects.filter(corrects__isnull=False).delete()
        HourEntry.objects.all().delete()
        for _name, sql in triggers:
            cursor.execute(sql)
