"""Every write of role models and media accounts: each checks the actor manages the owner organization, validates
the row and keeps its history."""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_PUBLICITY
from tuanwu.core.concurrency import versioned_save
from tuanwu.organizations import scope
from tuanwu.organizations.policy import policy_for

from .models import AccountAdmin, Honour, MediaAccount, MediaPolicy, MonthlyFigure, Publicity, ReviewRecord, RoleModel

if TYPE_CHECKING:
    from tuanwu.accounts.models import User
    from tuanwu.organizations.models import Organization
    from tuanwu.people.models import Person

ROLE_MODEL_FIELDS = ("name", "kind", "person", "field", "deeds", "found_on", "voice_case_id", "project_id")
ACCOUNT_FIELDS = ("platform", "name", "handle", "leader", "registered_on")


def role_model_create(*, actor: User | None, organization: Organization, **fields: Any) -> RoleModel:
    """Record a role model found in an organization the actor manages."""
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_PUBLICITY, organization)
        role_model = RoleModel(organization=organization, **fields)
        role_model.full_clean()
        role_model.save()
    return role_model


def role_model_update(*, actor: User, role_model: RoleModel, version: int | None = None, **fields: Any) -> RoleModel:
    """Correct a role model's record; an edit made on a stale page is refused."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PUBLICITY, role_model.organization)
        for name, value in fields.items():
            setattr(role_model, name, value)
        versioned_save(role_model, expected=version)
    return role_model


def publicity_add(
    *, actor: User | None, role_model: RoleModel, date: datetime.date, channel: str, title: str, link: str = ""
) -> Publicity:
    """Record where and when a role model was publicized."""
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_PUBLICITY, role_model.organization)
        row = Publicity(role_model=role_model, date=date, channel=channel, title=title, link=link)
        row.full_clean()
        row.save()
    return row


def honour_add(
    *, actor: User | None, role_model: RoleModel, name: str, level: str, year: int, awarding_body: str = ""
) -> Honour:
    """Record an honour a role model received."""
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_PUBLICITY, role_model.organization)
        row = Honour(role_model=role_model, name=name, level=level, year=year, awarding_body=awarding_body)
        row.full_clean()
        row.save()
    return row


def media_account_create(
    *,
    actor: User | None,
    organization: Organization,
    admin: Person,
    admin_is_student: bool = False,
    admin_graduates_on: datetime.date | None = None,
    **fields: Any,
) -> MediaAccount:
    """Register an account bearing the organization's name, with its first administrator: an account is never
    without one."""
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_PUBLICITY, organization)
        account = MediaAccount(organization=organization, **fields)
        account.full_clean()
        account.save()
        first = AccountAdmin(
            account=account,
            person=admin,
            is_student=admin_is_student,
            graduates_on=admin_graduates_on,
            since=account.registered_on,
        )
        first.full_clean()
        first.save()
    return account


def media_account_update(
    *, actor: User, account: MediaAccount, version: int | None = None, **fields: Any
) -> MediaAccount:
    """Correct an account's registration; an edit made on a stale page is refused."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PUBLICITY, account.organization)
        _refuse_closed(account)
        for name, value in fields.items():
            setattr(account, name, value)
        versioned_save(account, expected=version)
    return account


def _locked(account: MediaAccount) -> MediaAccount:
    # The row as it is now, locked: a status read from a page loaded earlier may be stale.
    return MediaAccount.objects.select_for_update().select_related("organization").get(pk=account.pk)


def _refuse_closed(account: MediaAccount) -> None:
    if account.status == MediaAccount.Status.CLOSED:
        raise ValidationError(_("The account is closed."), code="ACCOUNT_CLOSED")


def media_account_close(
    *, actor: User, account: MediaAccount, on: datetime.date | None = None, reason: str = ""
) -> MediaAccount:
    """Close (deregister) an account: its administrators' rights end the same day."""
    on = on or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_PUBLICITY, account.organization)
        account = _locked(account)
        _refuse_closed(account)
        if on < account.registered_on:
            raise ValidationError(
                {
                    "closed_on": ValidationError(
                        _("An account cannot close before it was registered."), code="ACCOUNT_CLOSED_EARLY"
                    )
                }
            )
        account.status, account.closed_on, account.close_reason = MediaAccount.Status.CLOSED, on, reason
        versioned_save(account)
        for admin in account.admins.filter(until__isnull=True):
            admin.until = max(on, admin.since)
            admin.save(update_fields=["until", "updated_at"])
    return account


def last_activity(account: MediaAccount, as_of: datetime.date) -> datetime.date:
    """The account's last sign of posting as of a day: the latest reviewed post, or the end of the latest month
    with posts (never later than as_of), or its registration when it has posted nothing yet."""
    reviewed = account.reviews.filter(date__lte=as_of).aggregate(d=Max("date"))["d"]
    month = account.figures.filter(posts__gt=0, month__lte=as_of).aggregate(m=Max("month"))["m"]
    month_end = None
    if month is not None:
        month_end = min(month.replace(day=calendar.monthrange(month.year, month.month)[1]), as_of)
    return max(d for d in (reviewed, month_end, account.registered_on) if d is not None)


def media_accounts_flag_dormant(
    *, actor: User | None, as_of: datetime.date | None = None, organization: Organization | None = None
) -> list[MediaAccount]:
    """Flag dormant every active account (in the actor's scope, or organization's subtree) with no post for the
    county policy's number of days as of a day; returns the accounts flagged."""
    as_of = as_of or timezone.localdate()
    qs = MediaAccount.objects.filter(status=MediaAccount.Status.ACTIVE).select_related("organization")
    if actor is not None:
        qs = scope.restrict(qs, actor, MANAGE_PUBLICITY)
    if organization is not None:
        qs = qs.filter(organization__path__range=organization.subtree_range())
    flagged = []
    with transaction.atomic(), set_actor(actor):
        for account in qs.select_for_update():
            policy = policy_for(MediaPolicy, account.organization, as_of.year)
            if (as_of - last_activity(account, as_of)).days < policy.dormant_days:
                continue
            account.status, account.flagged_on = MediaAccount.Status.DORMANT, as_of
            versioned_save(account)
            flagged.append(account)
    return flagged


def close_by(account: MediaAccount) -> datetime.date | None:
    """The day by which a dormant account is to be closed under its county's policy of the year it was flagged."""
    if account.status != MediaAccount.Status.DORMANT or account.flagged_on is None:
        return None
    policy = policy_for(MediaPolicy, account.organization, account.flagged_on.year)
    return account.flagged_on + datetime.timedelta(days=policy.close_days)


def _wake(account: MediaAccount) -> None:
    # A dormant account that posts again is active: the flag asked for posts or closing, and posts came.
    if account.status == MediaAccount.Status.DORMANT:
        account.status, account.flagged_on = MediaAccount.Status.ACTIVE, None
        versioned_save(account)


def account_admin_add(
    *,
    actor: User | None,
    account: MediaAccount,
    person: Person,
    since: datetime.date,
    is_student: bool = False,
    graduates_on: datetime.date | None = None,
) -> AccountAdmin:
    """Give one more person administrator rights on an account."""
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_PUBLICITY, account.organization)
        _refuse_closed(account)
        return _add(account, person, since, is_student, graduates_on)


def _add(account, person, since, is_student, graduates_on) -> AccountAdmin:
    if account.admins.filter(person=person, until__isnull=True).exists():
        raise ValidationError(
            {
                "person": ValidationError(
                    _("%(person)s already administers this account.") % {"person": person.name}, code="ADMIN_ALREADY"
                )
            }
        )
    admin = AccountAdmin(account=account, person=person, since=since, is_student=is_student, graduates_on=graduates_on)
    admin.full_clean()
    admin.save()
    return admin


def account_admin_end(*, actor: User, admin: AccountAdmin, on: datetime.date) -> AccountAdmin:
    """End one administrator's rights; refused when it would leave the account without an administrator (hand the
    rights over instead)."""
    with transaction.atomic(), set_actor(actor):
        account = _locked(admin.account)
        scope.require(actor, MANAGE_PUBLICITY, account.organization)
        _end(account, admin, on)
    return admin


def _end(account: MediaAccount, admin: AccountAdmin, on: datetime.date) -> None:
    if admin.until is not None:
        raise ValidationError(_("This administrator's rights have ended already."), code="ADMIN_ENDED")
    if not account.admins.filter(until__isnull=True).exclude(pk=admin.pk).exists():
        raise ValidationError(
            _("The account would be left without an administrator: hand the rights over to someone instead."),
            code="ADMIN_LAST",
        )
    if on < admin.since:
        raise ValidationError(
            {"until": ValidationError(_("The rights cannot end before they began."), code="ADMIN_UNTIL_EARLY")}
        )
    admin.until = on
    admin.full_clean()
    admin.save(update_fields=["until", "updated_at"])


def account_admin_handover(
    *,
    actor: User,
    admin: AccountAdmin,
    to: Person,
    on: datetime.date,
    is_student: bool = False,
    graduates_on: datetime.date | None = None,
) -> AccountAdmin:
    """Hand an administrator's rights to another person in one step (before a student graduates): the new
    administrator starts the day the old one's rights end. Returns the new administrator."""
    with transaction.atomic(), set_actor(actor):
        account = _locked(admin.account)
        scope.require(actor, MANAGE_PUBLICITY, account.organization)
        _refuse_closed(account)
        if to.pk == admin.person_id:
            raise ValidationError(
                {"person": ValidationError(_("Hand the rights over to someone else."), code="ADMIN_SAME_PERSON")}
            )
        new = _add(account, to, on, is_student, graduates_on)
        _end(account, admin, on)
    return new


def review_record_add(
    *, actor: User | None, account: MediaAccount, date: datetime.date, title: str, reviewer: str
) -> ReviewRecord:
    """Record a post reviewed before publishing (先审后发); a dormant account that posts is active again."""
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_PUBLICITY, account.organization)
        account = _locked(account)
        _refuse_closed(account)
        row = ReviewRecord(account=account, date=date, title=title, reviewer=reviewer)
        row.full_clean()
        row.save()
        _wake(account)
    return row


def monthly_figure_set(
    *, actor: User | None, account: MediaAccount, month: datetime.date, followers: int, posts: int, reads: int
) -> MonthlyFigure:
    """Enter (or correct) an account's figures for a month; a month in the future is refused."""
    month = month.replace(day=1)
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_PUBLICITY, account.organization)
        account = _locked(account)
        if month > timezone.localdate():
            raise ValidationError(
                {"month": ValidationError(_("This month has not begun yet."), code="FIGURE_FUTURE_MONTH")}
            )
        row = MonthlyFigure.objects.select_for_update().filter(account=account, month=month).first()
        row = row or MonthlyFigure(account=account, month=month)
        row.followers, row.posts, row.reads = followers, posts, reads
        row.full_clean()
        row.save()
        if posts:
            _wake(account)
    return row


def media_policy_set(*, actor: User, county: Organization, year: int, version: int | None = None, **fields: Any):
    """Set the county's media rules for a year."""
    from tuanwu.organizations.policy import policy_set

    return policy_set(
        MediaPolicy, actor=actor, perm=MANAGE_PUBLICITY, county=county, year=year, version=version, **fields
    )
