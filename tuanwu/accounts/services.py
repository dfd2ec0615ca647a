"""Writes of role assignments, API tokens and user preferences."""

from __future__ import annotations

import datetime

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.organizations import scope

from .models import ApiToken, RoleAssignment, User
from .roles import MANAGE_ROLES, Role, permissions_of


def role_assign(*, actor: User | None, user: User, organization, role: str) -> RoleAssignment:
    """Give user a role on organization; nobody can grant rights they do not hold there themselves."""
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_ROLES, organization)
            missing = {p for p in permissions_of(role) if not scope.has_perm(actor, p, organization)}
            if missing:
                raise ValidationError(
                    _("You cannot grant the role “%(role)s”: it carries rights you do not hold here.")
                    % {"role": Role(role).label},
                    code="ROLE_ESCALATION",
                )
        if RoleAssignment.objects.filter(user=user, organization=organization, role=role).exists():
            raise ValidationError(_("%(user)s already holds this role here.") % {"user": user}, code="ROLE_HELD")
        row = RoleAssignment(user=user, organization=organization, role=role, granted_by=actor)
        row.full_clean()
        row.save()
        scope.forget(user)
        return row


def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    """Take a role away."""
    with transaction.atomic(), set_actor(actor):
        row = RoleAssignment.objects.select_for_update().select_related("organization").get(pk=assignment.pk)
        scope.require(actor, MANAGE_ROLES, row.organization)
        if row.user_id == actor.pk and row.role == Role.COUNTY_ADMIN:
            raise ValidationError(_("You cannot remove your own administrator role."), code="ROLE_SELF_REVOKE")
        row.delete()
        scope.forget(row.user)
        tokens_revoke_all(user=row.user)


def token_issue(*, user: User) -> tuple[str, ApiToken]:
    """A new API token for user; the key is returned once and only its digest is kept."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        digest=ApiToken.digest_of(key),
        expires_at=timezone.now() + datetime.timedelta(days=settings.TUANWU_TOKEN_DAYS),
    )
    return key, token


def token_touch(*, token: ApiToken) -> None:
    """Note that a token was just used (without touching the user's other rows)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())


def token_revoke(*, actor: User, token: ApiToken) -> None:
    """End one API token; a user ends only their own."""
    if token.user_id != actor.pk:
        raise ValidationError(_("This is not your token."), code="TOKEN_FOREIGN")
    ApiToken.objects.filter(pk=token.pk).delete()


def tokens_revoke_all(*, user: User) -> None:
    """End every API token of a user (after a role removal; a new password does it in User.save)."""
    ApiToken.objects.filter(user=user).delete()


def user_set_language(*, user: User, language: str) -> None:
    """Remember the user's interface language."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."), code="LANGUAGE_UNKNOWN")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
