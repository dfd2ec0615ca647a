"""The interface language, the client's address, and the sign-in slow-down.

The interface language: the signed-in user's choice, else the language cookie, else Chinese.

The browser's Accept-Language is deliberately ignored: TuanWu is Chinese by default, and English is a
choice a user makes with the language switch.
"""

import auditlog.middleware
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .client import client_address, throttle_retry_after, throttled_response


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            language = user.language
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ClientAddressMiddleware:
    """REMOTE_ADDR becomes the client's address (see client.client_address), for every later reader."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        addr = client_address(request)
        if addr:
            request.META["REMOTE_ADDR"] = addr
        return self.get_response(request)


class AuditlogMiddleware(auditlog.middleware.AuditlogMiddleware):
    """django-auditlog's middleware, recording the same address as everything else (never a forged header)."""

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_address(request)

    @staticmethod
    def _get_remote_port(request):
        return None


class LoginThrottleMiddleware:
    """Sign-in attempts (the login page, the API token) from an address that failed too often wait a while.

    The accounts are not locked by this: a user elsewhere signs in as usual. Failures are counted by
    the user_login_failed signal (see apps.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path in _login_paths():
            retry_after = throttle_retry_after(request)
            if retry_after:
                return throttled_response(request, retry_after)
        return self.get_response(request)


def _login_paths() -> set[str]:
    return {reverse("accounts:login"), reverse("api:token")}
