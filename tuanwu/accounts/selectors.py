"""Reads of users."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from .roles import Role


def command_user(username: str | None):
    """The user a command acts as: the one named with --as, else a county administrator."""
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username}")
        return user
    user = User.objects.filter(roles__role=Role.COUNTY_ADMIN, roles__organization__depth=1, is_active=True).first()
    if user is None:
        raise CommandError("no county administrator exists; name a user with --as")
    return user
