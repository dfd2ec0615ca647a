"""Builders for volunteering tests: activities, sign-ups and ledger entries made through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from auditlog.models import LogEntry
from django.utils import timezone

from tests.factories import user
from tuanwu.accounts.roles import Role
from tuanwu.volunteering.models import (
    Activity,
    Category,
    Certificate,
    CorrectionRequest,
    HourEntry,
    Signup,
    TaskForce,
    TaskForceMember,
    VolunteerPolicy,
)
from tuanwu.volunteering.services.activities import activity_create, activity_publish
from tuanwu.volunteering.services.ledger import activity_certify, attendance_confirm
from tuanwu.volunteering.services.signups import signup_create, signup_decide


def _base() -> datetime.date:
    """A day ten days ahead (sign-up needs activities that have not ended) with three weeks of the same year
    after it, so that per-year numbers do not straddle New Year."""
    base = timezone.localdate() + datetime.timedelta(days=10)
    if (base + datetime.timedelta(days=21)).year != base.year:
        base = datetime.date(base.year + 1, 1, 5)
    return base


BASE = _base()
YEAR = BASE.year


def day(offset: int = 0) -> datetime.date:
    return BASE + datetime.timedelta(days=offset)


def at(offset: int, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware local (Asia/Shanghai) time on day(offset)."""
    return timezone.make_aware(datetime.datetime.combine(day(offset), datetime.time(hour, minute)))


def volunteer(cast, name: str):
    """The account of the cast person `name`, creating a member account for people who have none."""
    for account in cast.users.values():
        if account.person_id == cast.people[name].pk:
            return account
    person = cast.people[name]
    account = user(f"volunteer_{name}", Role.MEMBER, person.organization, person=person)
    cast.users[f"volunteer_{name}"] = account
    return account


def activity(actor, organization, *, start=None, end=None, publish: bool = True, **fields) -> Activity:
    """An activity planned (and by default published) through the services; 09:00–12:00 on day 0 unless told."""
    fields.setdefault("title", "东湖河道清洁")
    fields.setdefault("category", Category.ECOLOGY)
    fields.setdefault("place", "东湖村文化广场")
    fields["starts_at"] = start or at(0, 9)
    fields["ends_at"] = end or at(0, 12)
    created = activity_create(actor=actor, organization=organization, **fields)
    if publish:
        created = activity_publish(actor=actor, activity=created)
    return created


def signup(cast, activity: Activity, name: str) -> Signup:
    return signup_create(actor=volunteer(cast, name), activity=activity)


def approved(cast, activity: Activity, name: str, organizer: str = "committee_secretary") -> Signup:
    """`name` signed up for the activity and approved by the organizer."""
    pending = signup(cast, activity, name)
    return signup_decide(actor=cast.users[organizer], signup=pending, approve=True)


def served(
    cast,
    name: str,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    organization=None,
    organizer: str = "committee_secretary",
    certify: bool = True,
    **fields,
) -> HourEntry:
    """`name` served in a new activity of the town (by default) from start to end; the hours are recorded
    and (by default) certified. Returns the ledger entry."""
    actor = cast.users[organizer]
    event = activity(actor, organization or cast.town, start=start, end=end, **fields)
    row = approved(cast, event, name, organizer)
    attendance_confirm(actor=actor, signup=row, present=True)
    if certify:
        activity_certify(actor=actor, activity=event)
    return HourEntry.objects.get(signup=row, corrects__isnull=True)


def ledger_entry(
    person, service_date: datetime.date, hours, *, organizer, certified: bool = True, **fields
) -> HourEntry:
    """An imported ledger line written straight to the table, for the selector tests that need many hours
    across years without hundreds of activities (and without the import's own rules in the way)."""
    return HourEntry.objects.create(
        person=person,
        organization_id=person.organization_id,
        organizer=organizer,
        source=HourEntry.Source.IMPORT,
        category=fields.pop("category", Category.COMMUNITY),
        content=fields.pop("content", "社区服务（导入）"),
        service_date=service_date,
        hours=Decimal(hours),
        status=HourEntry.Status.CERTIFIED if certified else HourEntry.Status.RECORDED,
        certified_at=timezone.now() if certified else None,
        **fields,
    )


def state() -> dict:
    """Every volunteering row (and the audit log size) in a comparable form: equal before and after a refused
    call means the refusal changed nothing."""
    return {
        "activities": list(Activity.objects.order_by("pk").values_list("pk", "status", "version")),
        "signups": list(
            Signup.objects.order_by("pk").values_list(
                "pk", "status", "version", "reason", "checked_in_at", "checked_out_at", "attendance"
            )
        ),
        "entries": list(HourEntry.objects.order_by("pk").values_list("pk", "hours", "status", "corrects_id")),
        "requests": list(CorrectionRequest.objects.order_by("pk").values_list("pk", "status", "correction_id")),
        "certificates": list(Certificate.objects.order_by("pk").values_list("pk", "number")),
        "task_forces": list(TaskForce.objects.order_by("pk").values_list("pk", "status")),
        "members": list(TaskForceMember.objects.order_by("pk").values_list("pk", "left_on")),
        "policies": list(VolunteerPolicy.objects.order_by("pk").values_list("pk", "rounding_minutes", "rounding_mode")),
        "audit": LogEntry.objects.count(),
    }


def issuer_ready(*organizations, person_in_charge: str = "刘主任", phone: str = "0571-88886666") -> None:
    """Give issuing organizations the person in charge a certificate needs."""
    from tuanwu.volunteering.models import IssuerSettings

    for organization in organizations:
        IssuerSettings.objects.update_or_create(
            organization=organization, defaults={"person_in_charge": person_in_charge, "contact_phone": phone}
        )
