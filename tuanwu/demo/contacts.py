"""Direct contact in the demo county (tuanwu.contacts): the school's deputy secretary (the `cadre` login) and up
to three full-time and seconded cadres of the committees keep youths in contact, each with fixed organizations
and youths and this quarter's contact logs. The first is given everything "1+100" asks (as far as the youths of
their subtree go); the others fall short in the ways the compliance page explains (one field only, nobody met
face to face, no offline activity)."""

from __future__ import annotations

import datetime
import random

from tuanwu.contacts.models import Contact, ContactCadre, ContactLog, ContactPolicy, FixedOrganization
from tuanwu.contacts.selectors import quarter_bounds, quarter_of
from tuanwu.contacts.services import cadre_register, contact_add, contact_log, fixed_organization_add
from tuanwu.organizations.models import BRANCH_KINDS, Organization
from tuanwu.people.choices import CadreKind
from tuanwu.people.models import CadrePost, Person

OUTSIDE = (  # youths outside the registry: name, field, unit
    ("刘洋", "worker", "青禾智造有限公司"),
    ("陈晨", "farmer", "东湖村"),
    ("杨帆", "two_new_employee", "县快递物流园"),
    ("黄蕾", "freelancer", "网店店主"),
    ("吴迪", "civil_servant", "县政务服务中心"),
    ("孙婷", "worker", "县人民医院"),
)
TOPICS = ("就业创业政策咨询", "返乡创业贷款", "志愿服务报名", "青年之声诉求跟进", "学习困难")


def _cadres(root: Organization, cadre_person: Person | None) -> list[tuple[Person, str, Organization]]:
    """Full-time and seconded cadres of the county's committees (non-branch organizations), the demo's cadre
    login first."""
    posts = (
        CadrePost.objects.filter(
            organization__path__startswith=root.path,
            until__isnull=True,
            kind__in=[CadreKind.FULL_TIME, CadreKind.SECONDED],
        )
        .exclude(organization__kind__in=BRANCH_KINDS)
        .select_related("person", "organization")
        .order_by("organization__path", "pk")
    )
    seen, out = set(), []
    if cadre_person is not None:
        post = CadrePost.objects.filter(person=cadre_person, until__isnull=True).select_related("organization").first()
        if post is not None:
            out.append((cadre_person, CadreKind.FULL_TIME, post.organization))
            seen.add(cadre_person.pk)
    for post in posts:
        if post.person_id not in seen and len(out) < 4:
            out.append((post.person, post.kind, post.organization))
            seen.add(post.person_id)
    return out


def _field(rng: random.Random, mixed: bool) -> str:
    return "student" if not mixed or rng.random() < 0.6 else rng.choice(("worker", "farmer"))


def build(*, rng: random.Random, root: Organization, admin, today: datetime.date, cadre_person: Person | None) -> dict:
    """Register the cadres, their contacts, fixed organizations and this quarter's logs, through the services."""
    first, _last = quarter_bounds(today.year, quarter_of(today))
    start = datetime.date(today.year, 1, 1)
    plans = [  # (contacts from the registry, outside youths, several fields, face to face, offline activity)
        (100, 6, True, True, True),  # meets "1+100"
        (60, 0, False, True, True),  # too few, one field
        (100, 6, True, False, True),  # nobody met face to face
        (40, 3, True, True, False),
    ]
    logs = 0
    for (person, kind, organization), (registry, outside, mixed, face, offline) in zip(
        _cadres(root, cadre_person), plans, strict=False
    ):
        cadre = cadre_register(actor=admin, person=person, kind=kind, organization=organization, started_on=start)
        youths = list(
            Person.objects.filter(organization__path__startswith=organization.path)
            .exclude(pk=person.pk)
            .order_by("pk")[:registry]
        )
        contacts = [
            contact_add(actor=admin, cadre=cadre, person=y, field=_field(rng, mixed), added_on=start) for y in youths
        ]
        contacts += [
            contact_add(actor=admin, cadre=cadre, name=n, field=f, unit=u, phone="", added_on=start)
            for n, f, u in OUTSIDE[:outside]
        ]
        for c in contacts[:3]:
            Contact.objects.filter(pk=c.pk).update(fixed=True)
        branches = list(
            Organization.objects.filter(path__startswith=organization.path, kind__in=BRANCH_KINDS).order_by("path")[:2]
        )
        fixed = [fixed_organization_add(actor=admin, cadre=cadre, organization=b, since=start) for b in branches]
        span = (today - first).days
        for c in contacts:
            if rng.random() < 0.9:
                day = first + datetime.timedelta(days=rng.randint(0, span))
                raised = rng.choice(TOPICS) if rng.random() < 0.1 else ""
                contact_log(
                    actor=admin,
                    cadre=cadre,
                    contact=c,
                    channel="online",
                    date=day,
                    raised=raised,
                    done="已解答并持续跟进" if raised and rng.random() < 0.7 else "",
                )
                logs += 1
        if contacts and offline:
            contact_log(actor=admin, cadre=cadre, contact=contacts[0], channel="offline_activity", date=first)
            logs += 1
        if contacts and face:
            contact_log(actor=admin, cadre=cadre, contact=contacts[1], channel="face_to_face", date=start)
            logs += 1
        for f in fixed[:1]:
            contact_log(
                actor=admin,
                cadre=cadre,
                fixed_organization=f,
                channel="org_visit",
                date=today,
                found="团支部活动阵地不足",
                guidance="指导制定年度工作计划",
                support_promised="协调活动场地",
            )
            logs += 1
    return {"contact_cadres": ContactCadre.objects.count(), "contacts": Contact.objects.count(), "contact_logs": logs}


def purge() -> dict:
    """Delete the contact work (the demo reset): it holds people and organizations."""
    counts = {"contact_cadres": ContactCadre.objects.count()}
    ContactLog.objects.all().delete()
    FixedOrganization.objects.all().delete()
    Contact.objects.all().delete()
    ContactCadre.objects.all().delete()
    ContactPolicy.objects.all().delete()
    return counts
