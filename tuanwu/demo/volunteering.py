"""Volunteer data of the demo county: a year of finished activities with certified hours, activities open for
sign-up, one running today for the demo member, a task force and a certificate. Written in bulk, like the rest
of the demo county; the services are for real users."""

from __future__ import annotations

import bisect
import datetime
import random
import secrets
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person
from tuanwu.volunteering.models import (
    Activity,
    Category,
    Certificate,
    CorrectionRequest,
    HourEntry,
    Signup,
    TaskForce,
    TaskForceMember,
)
from tuanwu.volunteering.selectors import entries_for_certificate

TITLES = {
    Category.EPIDEMIC: ["社区防疫值守", "疫苗接种点秩序维护", "返乡人员登记服务"],
    Category.POVERTY: ["助农直播带货", "脱贫户春耕帮扶", "留守儿童关爱走访"],
    Category.ECOLOGY: ["河道清洁行动", "义务植树", "垃圾分类宣传"],
    Category.COMMUNITY: ["敬老院陪伴", "社区便民服务", "图书馆整理图书"],
    Category.EDUCATION: ["周末课业辅导", "暑期支教", "困难学生结对助学"],
    Category.COUNTRYSIDE: ["三下乡文艺演出", "科技下乡宣讲"],
    Category.CIVILITY: ["文明交通劝导", "文明城市创建志愿服务"],
}
PLACES = ["城关镇文化广场", "青禾河滨公园", "县图书馆", "县敬老院", "东湖村村委会", "县人民医院门诊楼", "火车站广场"]
PAST_ACTIVITIES_PER_1000 = 12
MAX_PAST_ACTIVITIES = 4000


def _keys(rng: random.Random, used: set[str]) -> dict:
    while True:
        code = f"{rng.randrange(10**6):06d}"
        if code not in used:
            used.add(code)
            return {"checkin_code": code, "checkin_token": secrets.token_urlsafe(24)[:32]}


def build(*, rng: random.Random, root: Organization, featured: Organization, member: Person | None, admin) -> dict:
    """Add the volunteer data; returns counts."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    people = list(
        Person.objects.filter(organization__path__startswith=root.path).values_list(
            "pk", "organization_id", "organization__path"
        )
    )
    people.sort(key=lambda p: p[2])
    paths = [p[2] for p in people]
    organizers = list(Organization.objects.filter(path__startswith=root.path, depth__lte=3).order_by("path"))
    used_codes: set[str] = set()
    busy: set[tuple[int, datetime.date]] = set()
    count = min(MAX_PAST_ACTIVITIES, max(20, len(people) * PAST_ACTIVITIES_PER_1000 // 1000))

    activities, plans = [], []
    for _i in range(count):
        org = rng.choice(organizers)
        category = rng.choice(list(TITLES))
        day = timezone.localdate() - datetime.timedelta(days=rng.randint(2, 360))
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.choice([8, 9, 14]), 0)))
        length = rng.choice([2, 3, 4])
        lo = bisect.bisect_left(paths, org.path)
        hi = bisect.bisect_left(paths, org.path + "\uffff")
        pool = people[lo:hi]
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
                **_keys(rng, used_codes),
            )
        )
        plans.append((volunteers, start, length))
    if member is not None:
        # The demo member's own record: two past activities of their branch with a few branch mates.
        lo = bisect.bisect_left(paths, featured.path)
        hi = bisect.bisect_left(paths, featured.path + "\uffff")
        mates = [p for p in people[lo:hi] if p[0] != member.pk]
        me = (member.pk, member.organization_id, featured.path)
        for days, title, category in ((40, "义务植树", Category.ECOLOGY), (15, "敬老院陪伴", Category.COMMUNITY)):
            start = timezone.make_aware(
                datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=days), datetime.time(9))
            )
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
                    **_keys(rng, used_codes),
                )
            )
            plans.append(([me, *rng.sample(mates, min(6, len(mates)))], start, 4))
    Activity.objects.bulk_create(activities, batch_size=1000)

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

    # What the demo logins see today: activities open for sign-up, and one running with the member approved.
    upcoming = []
    for days, title, category in ((3, "周末河道清洁行动", Category.ECOLOGY), (6, "敬老院重阳陪伴", Category.COMMUNITY)):
        start = timezone.make_aware(
            datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=days), datetime.time(9))
        )
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
                description="请穿着志愿者马甲，自备水杯。",
                **_keys(rng, used_codes),
            )
        )
    running = Activity(
        organization=featured,
        recruit_organization=featured,
        title="文明交通劝导（今日）",
        category=Category.CIVILITY,
        place="火车站广场",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=3),
        capacity=10,
        status=Activity.Status.RUNNING,
        **_keys(rng, used_codes),
    )
    Activity.objects.bulk_create([*upcoming, running])
    certificates = 0
    if member is not None:
        Signup.objects.create(
            activity=running,
            person=member,
            organization=member.organization,
            status=Signup.Status.APPROVED,
            decided_by=admin,
            decided_at=now - datetime.timedelta(days=1),
        )
        mine = HourEntry.objects.filter(person=member, status=HourEntry.Status.CERTIFIED).order_by("pk").first()
        if mine:
            CorrectionRequest.objects.create(
                entry=mine,
                organization_id=mine.organizer_id,
                person=member,
                hours=mine.hours + 1,
                reason="活动结束后我留下整理物资，多服务了一小时。",
                requested_by=None,
            )
            year_start = datetime.date(timezone.localdate().year, 1, 1)
            lines, total = entries_for_certificate(member, year_start, timezone.localdate())
            if total > 0:
                Certificate.objects.create(
                    number=f"{root.code or 'TW'}-{timezone.localdate().year}-000001",
                    person=member,
                    organization=featured,
                    period_start=year_start,
                    period_end=timezone.localdate(),
                    hours=total,
                    lines=lines,
                    handler="团支部书记",
                    issued_on=timezone.localdate(),
                    issued_by=admin,
                    token=secrets.token_urlsafe(24)[:32],
                )
                certificates = 1
    township = featured.parent or featured
    team = TaskForce.objects.create(
        organization=township,
        name="青年防汛突击队",
        field=TaskForce.Field.SUPPORT,
        founded_on=timezone.localdate() - datetime.timedelta(days=200),
        description="汛期河堤巡查、物资转运。",
    )
    lo = bisect.bisect_left(paths, township.path)
    hi = bisect.bisect_left(paths, township.path + "\uffff")
    crew = rng.sample(people[lo:hi], min(12, hi - lo))
    TaskForceMember.objects.bulk_create(
        [TaskForceMember(task_force=team, person_id=p[0], joined_on=team.founded_on) for p in crew]
    )
    if crew:
        team.leader_id = crew[0][0]
        team.save(update_fields=["leader"])
    return {
        "activities": len(activities) + len(upcoming) + 1,
        "hour_entries": len(entries),
        "certificates": certificates,
        "task_forces": 1,
    }


def purge() -> dict:
    """Delete all volunteer data (the demo reset): certified entries too, which only this may do."""
    counts = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL tuanwu.ledger_purge = 'on'")
        counts["certificates"], _ = Certificate.objects.all().delete()
        CorrectionRequest.objects.all().delete()
        HourEntry.objects.filter(corrects__isnull=False).delete()
        counts["hour_entries"], _ = HourEntry.objects.all().delete()
        Signup.objects.all().delete()
        counts["activities"], _ = Activity.objects.all().delete()
        TaskForceMember.objects.all().delete()
        TaskForce.objects.all().delete()
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL tuanwu.ledger_purge = 'off'")
    return counts
