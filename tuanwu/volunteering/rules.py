"""The county's volunteer policy as arithmetic: how confirmed attendance turns into hours."""

from __future__ import annotations

import datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .models import VolunteerPolicy

HOUR = Decimal("0.01")


def hours_between(start: datetime.datetime, end: datetime.datetime, policy: VolunteerPolicy) -> Decimal:
    """The hours counted for service from start to end, in the policy's rounding steps."""
    minutes = Decimal(int((end - start).total_seconds() // 60))
    step = Decimal(policy.rounding_minutes)
    rounding = ROUND_DOWN if policy.rounding_mode == VolunteerPolicy.Rounding.DOWN else ROUND_HALF_UP
    counted = (minutes / step).quantize(Decimal(1), rounding=rounding) * step
    return (counted / 60).quantize(HOUR)
