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
