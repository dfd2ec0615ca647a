"""The yearly branch rating (对标定级) as data and pure arithmetic: the score sheet, the national bands, the age rule
for ★4/★5 and the county's cap on ★5 + ★4. Nothing here reads the database; services/ratings.py gathers the facts
and stores the result (DOMAIN §8)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import BranchRating

Band = BranchRating.Band

RECORDS = "records"
ENTERED = "entered"

# Items the system can compute from the records; any other key is entered by the committee.
COMPUTABLE_KEYS = frozenset({"organizational_life", "structure", "registration", "dues", "study"})

TOP_BANDS = frozenset({Band.FIVE, Band.FOUR})
# Lowest score of each band, from the top (中青办发〔2019〕6号).
BAND_FLOORS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), Band.FIVE),
    (Decimal(80), Band.FOUR),
    (Decimal(70), Band.THREE),
    (Decimal(60), Band.TWO),
)
BAND_ORDER = {Band.WEAK: 0, Band.TWO: 2, Band.THREE: 3, Band.FOUR: 4, Band.FIVE: 5}
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ItemSpec:
    """One line of the score sheet: its key, label and maximum points; computed from the records when the key is
    one the system knows how to compute, else entered by the committee."""

    key: str
    label: str
    max_points: Decimal

    @property
    def computable(self) -> bool:
        return self.key in COMPUTABLE_KEYS


# The default sheet, after the national guide's structure; a county may store its own in MeetingPolicy.rating_items.
DEFAULT_SHEET: tuple[tuple[str, Any, int], ...] = (
    ("organizational_life", gettext_lazy("Organizational life held"), 25),
    ("structure", gettext_lazy("Structure complete (branch committee, secretary in post)"), 15),
    ("registration", gettext_lazy("Member registration done"), 10),
    ("dues", gettext_lazy("Dues paid"), 10),
    ("study", gettext_lazy("Study participation (青年大学习)"), 10),
    ("education", gettext_lazy("Admission work and member education"), 10),
    ("role", gettext_lazy("Role played (作用发挥)"), 15),
    ("distinctive", gettext_lazy("Distinctive work (特色工作)"), 5),
)


def default_sheet() -> list[ItemSpec]:
    """The default score sheet, its labels in the active language."""
    return [ItemSpec(key, str(label), Decimal(points)) for key, label, points in DEFAULT_SHEET]


def sheet_from(raw: Iterable[Mapping[str, Any]] | None) -> list[ItemSpec]:
    """A county's sheet from its stored data ([{"key", "label", "max"}, ...]), checked: keys unique, points
    positive, and the maximums adding up to 100. Empty data is the default sheet."""
    rows = list(raw or [])
    if not rows:
        return default_sheet()
    sheet: list[ItemSpec] = []
    for n, row in enumerate(rows, start=1):
        try:
            spec = ItemSpec(str(row["key"]).strip(), str(row["label"]).strip(), Decimal(str(row["max"])))
        except (KeyError, ArithmeticError, TypeError) as e:
            raise ValidationError(
                _("Score sheet line %(n)s needs a key, a label and maximum points.") % {"n": n}, code="RATING_SHEET"
            ) from e
        if not spec.key or not spec.label or spec.max_points <= 0:
            raise ValidationError(
                _("Score sheet line %(n)s needs a key, a label and maximum points above 0.") % {"n": n},
                code="RATING_SHEET",
            )
        if any(s.key == spec.key for s in sheet):
            raise ValidationError(
                _("Score sheet line %(n)s repeats the key %(key)s.") % {"n": n, "key": spec.key}, code="RATING_SHEET"
            )
        sheet.append(spec)
    total = sum((s.max_points for s in sheet), Decimal(0))
    if total != 100:
        raise ValidationError(
            _("The score sheet's maximum points add up to %(total)s, not 100.") % {"total": total},
            code="RATING_SHEET",
        )
    return sheet


@dataclass(frozen=True)
class Computed:
    """What the records say about one item: the points earned and the basis in words, or None when the records
    cannot tell (the committee then enters the item by hand)."""

    points: Decimal
    basis: str


def points_of_share(max_points: Decimal, share: Decimal) -> Decimal:
    """An item's points for a share between 0 and 1 of what was due, to a tenth of a point."""
    share = min(max(share, Decimal(0)), Decimal(1))
    return (max_points * share).quantize(TENTH, rounding=ROUND_HALF_UP)


def item_row(spec: ItemSpec, computed: Computed | None, previous: Mapping[str, Any] | None, why_not: str) -> dict:
    """The stored line of an item: computed from the records when they tell, else entered, keeping what the
    committee entered before (a refresh never loses an entered item)."""
    base = {"key": spec.key, "label": spec.label, "max": str(spec.max_points)}
    if computed is not None:
        return {**base, "source": RECORDS, "points": str(computed.points), "basis": computed.basis}
    kept = previous if previous and previous.get("source") == ENTERED else {}
    points = kept.get("points")
    if points is not None and Decimal(points) > spec.max_points:
        points = None  # the county lowered the item's maximum since: to be entered again
    return {**base, "source": ENTERED, "points": points, "basis": why_not, "note": kept.get("note", "")}


def score_of(items: Iterable[Mapping[str, Any]]) -> Decimal | None:
    """The score out of 100, or None while an item has no points yet."""
    total = Decimal(0)
    for item in items:
        if item.get("points") in (None, ""):
            return None
        total += Decimal(str(item["points"]))
    return total.quantize(TENTH, rounding=ROUND_HALF_UP)


def band_of(score: Decimal) -> str:
    """The national band of a score: ≥ 90 ★5, 80–89 ★4, 70–79 ★3, 60–69 ★2 (后进), below 60 软弱涣散."""
    return next((band for floor, band in BAND_FLOORS if score >= floor), Band.WEAK)


def one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The day `months` calendar months before day (the end of a shorter month when the day does not exist)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_cap(band: str, founded: datetime.date, cutoff: datetime.date) -> tuple[str, str]:
    """★4 and ★5 need the branch to be a year old at the cut-off: a younger branch's band is held at ★3, with the
    reason; any other band stands."""
    if band in TOP_BANDS and one_year_after(founded) > cutoff:
        return Band.THREE, _(
            "Founded on %(day)s, less than a year before the cut-off %(cutoff)s: ★4 and ★5 need a year, so held at ★3."
        ) % {"day": founded.isoformat(), "cutoff": cutoff.isoformat()}
    return band, ""


def top_limit(rated: int, cap_percent: int) -> int:
    """How many of `rated` branches may be ★5 or ★4 under a cap of cap_percent %, rounded half up (5 × 30 % = 2)."""
    return int((Decimal(rated) * Decimal(cap_percent) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class CapUsage:
    """★5 + ★4 among the branches rated under one committee, against the county's cap."""

    committee: str
    rated: int
    top: int
    limit: int
    cap_percent: int

    @property
    def exceeded(self) -> bool:
        return self.top > self.limit


def cap_usage(committee: str, bands: Iterable[str], cap_percent: int) -> CapUsage:
    """Count ★5 + ★4 among the bands of the branches rated under a committee (excluded branches left out)."""
    values = [b for b in bands if b]
    top = sum(1 for b in values if b in TOP_BANDS)
    return CapUsage(committee, len(values), top, top_limit(len(values), cap_percent), cap_percent)
