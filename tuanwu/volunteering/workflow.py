"""The states of a volunteer activity and the steps allowed between them."""

import datetime

from .models import Activity

S = Activity.Status

ACTIVITY_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.PUBLISHED, S.CANCELLED),
    S.PUBLISHED: (S.RUNNING, S.FINISHED, S.CANCELLED),
    S.RUNNING: (S.FINISHED, S.CANCELLED),
    S.FINISHED: (),
    S.CANCELLED: (),
}

# Volunteers may scan the code this long before the start and after the end (arrivals, late check-outs).
CHECKIN_EARLY = datetime.timedelta(hours=1)

# States in which the activity takes sign-ups and check-ins, and those in which it can no longer change.
TAKING_SIGNUPS: tuple[str, ...] = (S.PUBLISHED, S.RUNNING)
CLOSED: tuple[str, ...] = (S.FINISHED, S.CANCELLED)
