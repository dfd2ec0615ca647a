"""The dues rules (中青发〔2016〕13号), as the county's DuesPolicy sets them for a year:

- a wage earner pays on the relatively fixed part of the monthly pay after tax: below low_pay_below_yuan (2000 元)
  the fixed low_amount_fen (3 元); from it on (2000 included) pay × rate_permille (2 ‰), truncated to whole yuan
  (去尾法: 2000–2499 元 → 4 元, 2500–2999 元 → 5 元), at most cap_fen (20 元);
- students (postgraduates included), farmers and the unemployed or members on relief pay no_income_fen (0.2 元);
- a member owes dues from the month of admission to the month before the membership ended;
- a branch general meeting may exempt a member or reduce the amount for months it names; the decision replaces
  the band's amount for those months;
- what a branch collects is shared: the branch, its committee and the county keep their shares (%), the rest is
  sent on above the county; the shares are cut in whole fen and the remainder goes up, so no fen is lost.

Money is integer fen; no float enters a computation.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tuanwu.core.dates import add_months

from .models.dues import Category, DuesDecision, DuesPolicy, PayBand

NO_INCOME = frozenset({Category.STUDENT, Category.FARMER, Category.UNEMPLOYED})


def monthly_fen(policy: DuesPolicy, *, category: str, pay_fen: int | None) -> int:
    """The monthly dues in fen for a category and (wage earners) a monthly pay after tax in fen."""
    if category in NO_INCOME:
        return policy.no_income_fen
    pay = pay_fen or 0
    if pay < policy.low_pay_below_yuan * 100:
        return policy.low_amount_fen
    amount = pay * policy.rate_permille // 1000
    if policy.whole_yuan:
        amount = amount // 100 * 100
    return min(amount, policy.cap_fen)


def yuan_to_fen(text: str) -> int:
    """Fen from a yuan amount as people write it ("2500", "2,500.5", "¥12.30"); ValueError for anything else or
    for more than two decimals."""
    cleaned = str(text).strip().replace(",", "").replace("，", "").lstrip("¥￥").strip()
    if cleaned.startswith("-") or not cleaned:
        raise ValueError(text)
    whole, _, frac = cleaned.partition(".")
    if not whole:
        whole = "0"
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > 2:
        raise ValueError(text)
    return int(whole) * 100 + int((frac + "00")[:2])


def fen_text(fen: int) -> str:
    """Yuan with two decimals from fen: 20 → "0.20"."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_between(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    """First-of-month dates from first's month to last's month, both included."""
    month = first_of_month(first)
    end = first_of_month(last)
    while month <= end:
        yield month
        month = add_months(month, 1)


@dataclass(frozen=True)
class Obligation:
    """What a member owes for one month, and why (the band or the decision)."""

    month: datetime.date
    fen: int
    reason: str  # "band", "no_band", "exempt", "reduced"


def band_for(bands: list[PayBand], month: datetime.date) -> PayBand | None:
    """The band in force in a month: the latest from on or before it, else the first (it covers earlier months)."""
    current = None
    for band in bands:  # ordered by valid_from
        if first_of_month(band.valid_from) <= month:
            current = band
    return current or (bands[0] if bands else None)


def obligations(
    *,
    policies: dict[int, DuesPolicy],
    bands: list[PayBand],
    decisions: Iterable[DuesDecision],
    first: datetime.date,
    last: datetime.date,
) -> list[Obligation]:
    """A member's obligation for each month from first to last (their membership's months), by the year's policy,
    the band in force and any meeting decision."""
    decisions = list(decisions)
    out = []
    for month in months_between(first, last):
        band = band_for(bands, month)
        if band is None:
            fen, reason = 0, "no_band"
        else:
            fen, reason = monthly_fen(policies[month.year], category=band.category, pay_fen=band.pay_fen), "band"
        for decision in decisions:
            if first_of_month(decision.first_month) <= month and (
                decision.last_month is None or month <= first_of_month(decision.last_month)
            ):
                if decision.kind == DuesDecision.Kind.EXEMPT:
                    fen, reason = 0, "exempt"
                else:
                    fen, reason = min(fen, decision.amount_fen), "reduced"
        out.append(Obligation(month, fen, reason))
    return out


def allocate(amount_fen: int, months: list[datetime.date], outstanding: dict[datetime.date, int]) -> dict:
    """Split a payment over the months it pays for, in order: each month gets what it still owes, and whatever is
    left goes to the last month as voluntary dues. The parts add up to amount_fen exactly."""
    parts: dict[datetime.date, int] = {}
    left = amount_fen
    for month in months:
        take = min(left, max(outstanding.get(month, 0), 0))
        parts[month] = take
        left -= take
    if left and months:
        parts[months[-1]] += left
    return {m: fen for m, fen in parts.items() if fen}


@dataclass(frozen=True)
class Split:
    branch: int
    committee: int
    county: int
    above: int


def split(policy: DuesPolicy, amount_fen: int, *, has_committee: bool) -> Split:
    """Share what a branch collected: whole fen to each level by its share (rounded down), the remainder sent
    above the county; a branch directly under the county gives the committee's share to the county."""
    branch = amount_fen * policy.branch_share // 100
    committee = amount_fen * policy.committee_share // 100 if has_committee else 0
    county = amount_fen * (policy.county_share + (0 if has_committee else policy.committee_share)) // 100
    return Split(branch, committee, county, amount_fen - branch - committee - county)
