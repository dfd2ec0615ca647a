"""Numbers for documents, never twice and without gaps, also when many are drawn at once.

The series row is locked (SELECT … FOR UPDATE) in the caller's transaction and advanced there: a concurrent
caller waits for the commit instead of clashing and retrying, and a caller whose transaction rolls back gives
its number back (unlike a database sequence). SQLite serializes writing transactions, so the lock is moot there.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, connection, transaction

from .models import NumberSeries


class SeriesExhausted(Exception):
    """The series has no number left within its bounds."""


def next_number(
    kind: str,
    key: str,
    year: int,
    *,
    first: int = 1,
    last: int | None = None,
    start_after: Callable[[], int] | None = None,
    taken: Callable[[int], bool] | None = None,
) -> int:
    """The next number of the series, at least `first`, skipping the numbers `taken` says are in use; raises
    SeriesExhausted past `last`. `start_after` gives the last number already used when the series is first
    drawn from (documents numbered before the series existed). Call it inside the transaction that stores the
    document: the series stays locked until that commits."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("next_number needs the caller's transaction")
    series = _locked(kind, key, year, start_after)
    number = max(series.last + 1, first)
    while taken is not None and taken(number):
        number += 1
    if last is not None and number > last:
        raise SeriesExhausted(f"{kind} {key} {year}")
    series.last = number
    series.save(update_fields=["last"])
    return number


def _locked(kind: str, key: str, year: int, start_after: Callable[[], int] | None) -> NumberSeries:
    rows = NumberSeries.objects.select_for_update()
    found = rows.filter(kind=kind, key=key, year=year).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            # The new row is this transaction's until it commits: a second creator waits on the unique index.
            return NumberSeries.objects.create(kind=kind, key=key, year=year, last=start_after() if start_after else 0)
    except IntegrityError:
        return rows.get(kind=kind, key=key, year=year)
