"""Status → badge colour: each app declares a `BADGES` dict in its models.py, beside its status choices; this
module only collects them, so that core knows no domain."""

from __future__ import annotations

from functools import cache

from django.apps import apps

# A status no app declares.
DEFAULT = "secondary"


@cache
def badges() -> dict[str, str]:
    """Every installed app's declared colours by status value (apps must not disagree on a shared value)."""
    merged: dict[str, str] = {}
    for config in apps.get_app_configs():
        for status, colour in getattr(config.models_module, "BADGES", {}).items():
            if merged.setdefault(str(status), colour) != colour:
                raise ValueError(f"status {status!r} has two badge colours: {merged[str(status)]!r}, {colour!r}")
    return merged


def badge_for(status: object) -> str:
    """The Bootstrap colour of a status's badge."""
    return badges().get(str(status or ""), DEFAULT)
