"""Sessions, cookies and HTTPS settings come from the environment, with short sessions by default."""

import importlib

import pytest


@pytest.fixture
def production(monkeypatch):
    """Load config.settings afresh with the given environment variables."""
    import config.settings

    def load(**env):
        for name in ("SECURE_COOKIES", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER"):
            monkeypatch.delenv(name, raising=False)
        for name in ("SESSION_COOKIE_AGE", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(config.settings)

    yield load
    monkeypatch.undo()
    importlib.reload(config.settings)


def test_sessions_are_short_and_end_with_the_browser_by_default(production):
    settings = production()

    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.SECURE_HSTS_SECONDS == 0
    assert settings.SECURE_PROXY_SSL_HEADER is None


def test_https_settings_come_from_the_environment(production):
    settings = production(
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        SESSION_COOKIE_AGE="3600",
    )

    assert settings.SESSION_COOKIE_AGE == 3600
    assert settings.SECURE_SSL_REDIRECT is True
    assert settings.SECURE_HSTS_SECONDS == 31536000
    assert settings.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    # Served over HTTPS: the cookies are Secure unless told otherwise.
    assert settings.SESSION_COOKIE_SECURE is True
    assert settings.CSRF_COOKIE_SECURE is True


def test_secure_cookies_can_be_set_alone(production):
    settings = production(SECURE_COOKIES="true")

    assert (settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE) == (True, True)
