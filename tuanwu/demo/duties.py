"""履职 in the demo county (tuanwu.duties): the current term of the county's congress and committee, its
committee members (the county's and the committees' secretaries), alternates and delegates from every sector,
the demo member among the delegates, and their duties of last year and this year, a few with nothing recorded
this year so the flag shows."""

from __future__ import annotations

import datetime
import random

from tuanwu.duties.models import DutyRecord, Mandate, MandateKind, Term
from tuanwu.duties.services import duty_record, mandate_add, term_add
from tuanwu.organizations.models import Organization
from tuanwu.people.models import CadrePost, Person

from .data.tree import COUNTY

DUTIES = (
    ("meeting_attended", ("全委会", "常委会", "团代表大会年会", "专题学习会")),
    ("proposal", ("关于加强青年就业创业服务的提案", "关于建设青年之家的提案", "关于关爱留守儿童的提案")),
    ("research", ("“两新”组织建团情况调研", "乡村青年人才调研", "中学生心理健康调研")),
    ("contact_work", ("走访联系青年", "到联系团支部指导工作", "参加“青年之声”接待")),
    ("training", ("团干部培训班", "新时代青年工作专题培训")),
)


def build(*, rng: random.Random, root: Organization, admin, today: datetime.date, member: Person | None) -> dict:
    """The term, its seats and their duties, through the duties services (the rows are few)."""
    starts = datetime.date(today.year - 2, 5, 4)
    term = term_add(actor=admin, organization=root, name=f"共青团{COUNTY}第十五次代表大会", starts_on=starts)
    posted = CadrePost.objects.filter(organization__depth__lte=2, post="secretary").order_by("organization__path")
    secretaries = list(dict.fromkeys(posted.values_list("person_id", flat=True)))[:21]
    people = {p.pk: p for p in Person.objects.filter(pk__in=secretaries).select_related("organization")}
    seats: list[Mandate] = []
    for i, pk in enumerate(secretaries):
        kind = MandateKind.STANDING_COMMITTEE if i < 7 else MandateKind.COMMITTEE_MEMBER
        seats.append(mandate_add(actor=admin, term=term, person=people[pk], kind=kind, from_on=starts))
    others = list(
        Person.objects.filter(membership__isnull=False)
        .exclude(pk__in=secretaries)
        .select_related("organization")
        .order_by("pk")
    )
    picked = rng.sample(others, min(len(others), 45))
    if member is not None and member not in picked:
        picked[0] = member
    for i, person in enumerate(picked):
        kind = MandateKind.ALTERNATE if i < 5 else MandateKind.DELEGATE
        seats.append(
            mandate_add(
                actor=admin, term=term, person=person, kind=kind, from_on=starts, delegation=person.organization.name
            )
        )
    for seat in seats:
        for year in (today.year - 1, today.year):
            if year == today.year and seat.person != member and rng.random() < 0.2:
                continue  # nothing recorded this year yet: the term's page flags them
            last = today if year == today.year else datetime.date(year, 12, 31)
            first = datetime.date(year, 1, 1)
            for _n in range(rng.randint(1, 5)):
                kind, titles = rng.choice(DUTIES)
                day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
                status = rng.choice(("submitted", "adopted", "handled")) if kind == "proposal" else ""
                duty_record(
                    actor=admin,
                    mandate=seat,
                    date=day,
                    kind=kind,
                    title=rng.choice(titles),
                    description="",
                    proposal_status=status,
                )
    return {"duty_terms": 1, "mandates": len(seats), "duty_records": DutyRecord.objects.count()}


def purge() -> dict:
    """Delete the terms, seats and duties (the demo reset); they hold people and organizations."""
    counts = {"duty_records": DutyRecord.objects.count(), "mandates": Mandate.objects.count()}
    DutyRecord.objects.all().delete()
    Mandate.objects.all().delete()
    counts["duty_terms"], _ = Term.objects.all().delete()
    return counts
