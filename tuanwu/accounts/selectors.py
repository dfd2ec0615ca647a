"""Reads of users, role assignments and API tokens."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from .models import ApiToken, RoleAssignment, User
from .roles import MANAGE_ROLES, Role


def command_user(username: str | None) -> User:
    """The user a command acts as: the one named with --as, else a county administrator."""
    if username:
        user = active_user(username)
        if user is None:
            raise CommandError(f"no active user {username}")
        return user
    user = User.objects.filter(roles__role=Role.COUNTY_ADMIN, roles__organization__depth=1, is_active=True).first()
    if user is None:
        raise CommandError("no county administrator exists; name a user with --as")
    return user


def active_user(username: str) -> User | None:
    """The active user with a username, or None."""
    return User.objects.filter(username=username, is_active=True).first()


def role_assignment_list(organization: Organization) -> QuerySet[RoleAssignment]:
    """The roles held on one organization, with who holds and who granted them."""
    return RoleAssignment.objects.filter(organization=organization).select_related("user", "granted_by")


def role_assignment_get(user: scope.Viewer, pk: int, perm: str = MANAGE_ROLES) -> RoleAssignment:
    """One role assignment on an organization where the user holds perm, or 404."""
    return scope.get_scoped_or_404(RoleAssignment.objects.select_related("organization"), user, perm, pk=pk)


def api_token_get(key: str) -> ApiToken | None:
    """The live token of an active user for a bearer key, or None."""
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(key), expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )


def api_token_list(user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def api_token_get_own(user: User, pk: int) -> ApiToken:
    """One of the user's own API tokens, or 404."""
    return get_object_or_404(ApiToken, pk=pk, user=user)
