"""The county's rules for the directory, as data and the functions that apply them: whether a unit should
establish a League organization (应建), its priority ("先大后小、先易后难") and the figures over directory rows.

The figures are computed from plain rows (dicts), the same for today's directory and for a frozen year-end
snapshot, so last year's numbers are read from what was frozen, never recomputed from today's tree.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

TENTH = Decimal("0.1")
SIZE_POINTS = {"large": 40, "medium": 30, "small": 20, "micro": 10}
SEGMENTS = ("park", "township", "sector", "size_band", "kind")
PER_UNIT = "per_unit"
PER_THOUSAND_YOUNG = "per_thousand_young"


@dataclass(frozen=True)
class Rules:
    """The county policy's numbers (CoveragePolicy), as the functions below read them."""

    own_branch_members: int = 3
    joint_young_employees: int = 1
    count_individual: bool = False
    density_basis: str = PER_UNIT


def should_establish(rules: Rules, *, kind: str, operating: bool, league_members: int, young_employees: int) -> str:
    """ "own" when the unit has enough members for its own branch, "joint" when it has young employees for a
    joint (or own) organization, "" when the county's rules do not ask for one (or it is not operating)."""
    if not operating or (kind == "individual" and not rules.count_individual):
        return ""
    if league_members >= rules.own_branch_members:
        return "own"
    if young_employees >= rules.joint_young_employees:
        return "joint"
    return ""


def why_should_establish(rules: Rules, decision: str) -> str:
    """The rule behind a decision, in the user's words."""
    if decision == "own":
        return _("%(n)d or more League members: its own branch.") % {"n": rules.own_branch_members}
    if decision == "joint":
        return _("%(n)d or more young employees: a joint or own organization.") % {"n": rules.joint_young_employees}
    return _("Not required by the county's rules.")


def size_band_of(employees: int) -> str:
    """The size band an unbanded unit falls in by its employees (the statistics office's thresholds, simplified)."""
    if employees >= 300:
        return "large"
    if employees >= 100:
        return "medium"
    if employees >= 10:
        return "small"
    return "micro"


def priority(
    rules: Rules, *, size_band: str, employees: int, party_org: str, league_members: int, young_employees: int
) -> int:
    """Larger first, then easier: points for the size band, then for a Party organization to lean on (党建带团建),
    members already there and young employees. Higher goes first."""
    points = SIZE_POINTS.get(size_band or size_band_of(employees), 10)
    points += {"own": 6, "joint": 3}.get(party_org, 0)
    if league_members >= rules.own_branch_members:
        points += 3
    elif league_members > 0:
        points += 1
    if young_employees >= 10:
        points += 1
    return points


def share(part: int, whole: int) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(TENTH) if whole else None


@dataclass
class Tally:
    """Counts of one segment: operating units that should establish, those covered, those with their own."""

    should: int = 0
    covered: int = 0
    own: int = 0
    blocking: list[str] = field(default_factory=list)  # credit codes still uncovered

    @property
    def rate(self) -> Decimal | None:
        return share(self.covered, self.should)

    @property
    def own_rate(self) -> Decimal | None:
        return share(self.own, self.should)


def counts(row: dict, rules: Rules) -> bool:
    """Whether a row is in the coverage denominator: operating, should establish, of a kind the county counts."""
    if row["kind"] == "individual" and not rules.count_individual:
        return False
    return bool(row["operating"] and row["should"])


def tally(rows: Iterable[dict], rules: Rules, *, by: str | None = None, parks_only: bool = False) -> dict:
    """Coverage by segment (by: one of SEGMENTS, None for the whole county: key "")."""
    out: dict[str, Tally] = defaultdict(Tally)
    for row in rows:
        if not counts(row, rules) or (parks_only and not row.get("park")):
            continue
        t = out[str(row.get(by) or "") if by else ""]
        t.should += 1
        if row["covered"]:
            t.covered += 1
            if row["form"] == "own":
                t.own += 1
        else:
            t.blocking.append(row["credit_code"])
    return dict(out)


@dataclass(frozen=True)
class Density:
    organizations: int
    base: int  # operating social organizations, or their young employees
    basis: str

    @property
    def exact(self) -> Fraction | None:
        if not self.base:
            return None
        return Fraction(self.organizations * (100 if self.basis == PER_UNIT else 1000), self.base)

    @property
    def value(self) -> Decimal | None:
        """The density as shown, to two decimals."""
        exact = self.exact
        if exact is None:
            return None
        return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"))


def density(rows: Iterable[dict], basis: str) -> Density:
    """The social sector's organization density: distinct League organizations that cover operating social
    organizations (only covered ones: a shell does not count), per 100 such units or per 1,000 of their
    young employees, as the county's policy defines it."""
    social = [r for r in rows if r["kind"] == "social" and r["operating"]]
    orgs = {r["covering_org_id"] for r in social if r["covered"] and r["covering_org_id"]}
    base = len(social) if basis == PER_UNIT else sum(r["young"] for r in social)
    return Density(len(orgs), base, basis)


def growth(now: Fraction | None, before: Fraction | None) -> Decimal | None:
    """Year-on-year growth in per cent, from the exact densities; None without both years or from zero."""
    if now is None or before is None or before == 0:
        return None
    change = (now - before) * 100 / before
    return (Decimal(change.numerator) / Decimal(change.denominator)).quantize(TENTH)


def density_definition(basis: str) -> str:
    if basis == PER_THOUSAND_YOUNG:
        return _(
            "Density = League organizations covering operating social organizations per 1,000 of their young "
            "employees (county policy)."
        )
    return _(
        "Density = League organizations covering operating social organizations per 100 such organizations "
        "(county policy)."
    )


# The steps that change whether a unit is covered, and to what.
COVERING_STEPS = {"checked": True, "check_failed": False, "dropped": False}


def covered_on(steps: Iterable[tuple[datetime.date, str]], day: datetime.date, since: datetime.date, now: bool) -> bool:
    """Whether a unit was covered at the end of day, from its dated steps (date, kind) in order: the last covering
    step on or before day decides; a unit without any stands as it is now from the day it was entered (since)."""
    decided = [covering for on, kind in steps if (covering := COVERING_STEPS.get(kind)) is not None and on <= day]
    if decided:
        return decided[-1]
    has_steps = any(kind in COVERING_STEPS for _on, kind in steps)
    return bool(now and not has_steps and since <= day)


def month_ends(year: int, today: datetime.date) -> list[datetime.date]:
    """The last day of each month of year up to today's month (today itself for the month under way)."""
    out = []
    for month in range(1, 13):
        first = datetime.date(year, month, 1)
        if first > today:
            break
        nxt = datetime.date(year + month // 12, month % 12 + 1, 1)
        out.append(min(nxt - datetime.timedelta(days=1), today))
    return out
