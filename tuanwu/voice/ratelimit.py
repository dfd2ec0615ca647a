"""Flood control for the public pages: a counter per client address and window in the cache. A refused
submission is answered 429 and never half-stored; an accepted one is always kept."""

from django.conf import settings
from django.core.cache import cache

DEFAULTS = {"submit": (5, 3600), "track": (30, 600), "survey": (20, 3600)}


def allow(kind: str, address: str | None) -> bool:
    """Count one attempt of kind from address; False once the window's limit is passed."""
    limit, window = getattr(settings, "VOICE_RATE_LIMITS", {}).get(kind, DEFAULTS[kind])
    key = f"voice:{kind}:{address or 'unknown'}"
    if cache.add(key, 1, window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        count = 1
    return count <= limit
