"""Fair judging, as pure functions over plain data: conflicts of interest, each judge's scores standardized,
the result table and its tie rule, and the award caps. Nothing here reads the database, so the result table can
be recomputed from the scores alone and checked by hand."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

TIE_RULE = "normalized mean, then higher raw mean, then earlier registration"


@dataclass(frozen=True)
class Conflict:
    """Why a judge may not score an entry."""

    code: str
    reason: str


def conflict_of_interest(
    *,
    judge_paths: Iterable[str],
    judge_person_id: int | None,
    owner_path: str,
    member_ids: Iterable[int],
    tutor_id: int | None,
) -> Conflict | None:
    """A judge conflicts with an entry when one of their organizations' subtrees holds the project's owner
    organization, or when they are on the project's team or its tutor."""
    for path in judge_paths:
        if owner_path.startswith(path):
            return Conflict("COI_ORGANIZATION", "the project belongs to the judge's own organization or below it")
    if judge_person_id is not None and (judge_person_id == tutor_id or judge_person_id in set(member_ids)):
        return Conflict("COI_TEAM", "the judge is on the project's team or its tutor")
    return None


def weighted_total(values: Mapping[int, Decimal], weights: Mapping[int, Decimal]) -> float | None:
    """One judge's mark for one entry: the weighted mean of the criteria (None until every criterion is scored)."""
    if not weights or any(c not in values for c in weights):
        return None
    total_weight = sum(weights.values())
    return float(sum(values[c] * w for c, w in weights.items()) / total_weight)


def standardize(marks: Mapping[int, float]) -> dict[int, float]:
    """A judge's marks as z-scores over the entries they marked (population spread); all alike → 0."""
    if not marks:
        return {}
    mean = statistics.fmean(marks.values())
    spread = statistics.pstdev(marks.values()) if len(marks) > 1 else 0.0
    return {e: (m - mean) / spread if spread else 0.0 for e, m in marks.items()}


@dataclass(frozen=True)
class Row:
    """One line of the result table."""

    entry_id: int
    rank: int
    normalized: float
    raw_mean: float
    raw_median: float
    raw_spread: float
    judges: int


def result_table(marks: Mapping[tuple[int, int], float], registered: Mapping[int, tuple]) -> list[Row]:
    """The ranked entries from marks {(judge, entry): weighted total}: each judge standardized, the entry's
    normalized score the mean of its z-scores; ties broken by TIE_RULE (`registered` gives each entry's
    registration sort key). Entries without any mark come last, unranked order by registration."""
    by_judge: dict[int, dict[int, float]] = defaultdict(dict)
    for (judge, entry), mark in marks.items():
        by_judge[judge][entry] = mark
    z_by_entry: dict[int, list[float]] = defaultdict(list)
    raw_by_entry: dict[int, list[float]] = defaultdict(list)
    for judge_marks in by_judge.values():
        for entry, z in standardize(judge_marks).items():
            z_by_entry[entry].append(z)
            raw_by_entry[entry].append(judge_marks[entry])
    rows = []
    for entry in registered:
        raws = raw_by_entry.get(entry, [])
        if not raws:
            continue
        rows.append(
            (
                statistics.fmean(z_by_entry[entry]),
                statistics.fmean(raws),
                statistics.median(raws),
                statistics.pstdev(raws) if len(raws) > 1 else 0.0,
                len(raws),
                entry,
            )
        )
    rows.sort(key=lambda r: (-_round(r[0]), -_round(r[1]), registered[r[5]]))
    return [Row(entry, i + 1, z, mean, median, spread, n) for i, (z, mean, median, spread, n, entry) in enumerate(rows)]


def _round(value: float) -> float:
    # Equal scores computed along different paths differ in the last bits; they must tie.
    return round(value, 9)


def award_cap(cap_percent: Decimal, registered: int) -> int:
    """How many awards of a level a call may give: the cap's share of the registered entries, rounded down."""
    return int((Decimal(cap_percent) * registered / 100).to_integral_value(rounding=ROUND_FLOOR))
