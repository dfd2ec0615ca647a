"""The client's address, and the slow-down of sign-in attempts per address.

The address is REMOTE_ADDR unless TRUSTED_PROXY_HEADER names a header that the reverse proxy sets; then it
is the right-most address in that header (the one the trusted proxy saw). A header the proxy does not set
could be forged by anyone, so nothing is read from X-Forwarded-For unless it is configured.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def _meta_key(header: str) -> str:
    key = header.strip().upper().replace("-", "_")
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


def client_address(request: HttpRequest) -> str | None:
    """The client's address: from the configured proxy header, else REMOTE_ADDR."""
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if header:
        value = request.META.get(_meta_key(header), "")
        candidates = [part.strip() for part in value.split(",") if part.strip()]
        if candidates:
            return _strip_port(candidates[-1])
    return request.META.get("REMOTE_ADDR")


def _strip_port(addr: str) -> str:
    if addr.startswith("["):  # [::1]:port
        return addr[1:].split("]")[0]
    if addr.count(":") == 1:  # 1.2.3.4:port
        return addr.split(":")[0]
    return addr


def _window() -> tuple[int, int]:
    """The current throttle window's number and the seconds left in it."""
    seconds = max(1, int(settings.LOGIN_THROTTLE_SECONDS))
    now = int(time.time())
    return now // seconds, seconds - now % seconds


def _key(addr: str | None, window: int) -> str:
    return f"tuanwu:login-failures:{addr or '-'}:{window}"


def throttle_retry_after(request: HttpRequest) -> int | None:
    """Seconds this address must wait before trying to sign in again, or None when it may try now."""
    window, left = _window()
    failures = cache.get(_key(client_address(request), window), 0)
    return left if failures >= settings.LOGIN_THROTTLE_FAILURES else None


def throttle_note_failure(request: HttpRequest) -> None:
    """Count one failed sign-in from the request's address in the current window."""
    window, left = _window()
    key = _key(client_address(request), window)
    if not cache.add(key, 1, timeout=left + 1):
        try:
            cache.incr(key)
        except ValueError:  # expired in between
            cache.add(key, 1, timeout=left + 1)


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What a locked account gets (AXES_LOCKOUT_CALLABLE): the API's error format, or the lockout page."""
    if is_api(request):
        return JsonResponse(
            {"detail": "Too many failed logins: this account is locked for a while.", "code": "LOCKED_OUT"},
            status=429,
        )
    return render(request, "accounts/locked_out.html", status=429)


def throttled_response(request: HttpRequest, retry_after: int) -> HttpResponse:
    """What an address that failed too often gets: 429 with Retry-After, the account itself stays open."""
    if is_api(request):
        response: HttpResponse = JsonResponse(
            {"detail": f"Too many failed logins from your address. Try again in {retry_after} s.", "code": "THROTTLED"},
            status=429,
        )
    else:
        response = render(request, "accounts/throttled.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
