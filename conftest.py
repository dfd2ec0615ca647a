"""The standard cast every test can use: a small county and one user per role."""

import datetime
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the sign-in slow-down counts failures there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a command run with --lang en leaves its language active in the
    thread (as it should for a process), which would otherwise change the messages of the tests after it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def cast(db):
    """County → two committees → branches, with people, and users county_admin … outsider."""
    from tests.factories import build_cast

    return build_cast()


@pytest.fixture
def client_as(client, cast):
    """Log the test client in as one of the cast's users by name."""

    def login(name):
        client.logout()
        if name != "anonymous":
            client.force_login(cast.users[name])
        return client

    return login


@pytest.fixture
def today():
    return datetime.date.today()
