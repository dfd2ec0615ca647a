"""Proposals for a bill's income lines: which member paid and for which months. Never a guess: a line is certain
only when exactly one member fits by name (the payer's name, or the memo naming them) and the amount equals what
they still owe for the months the memo names (or, with no months named, for a run of their earliest unpaid
months); otherwise it is uncertain (the candidates are listed for a person to pick) or unmatched."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.core.dates import add_months
from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person

from .dues_bills import BillRow
from .dues_rules import fen_text
from .models.dues import BillLine
from .selectors import dues as selectors

_CN = {"一": 1, "二": 2, "三": 3, "四": 4}
_RANGE = re.compile(r"(?:(\d{4})\s*年)?\s*(\d{1,2})\s*(?:月)?\s*[-—~～至到]\s*(\d{1,2})\s*月")
_QUARTER = re.compile(r"(?:(\d{4})\s*年)?\s*第?\s*([一二三四1-4])\s*季度")
_YEAR = re.compile(r"(?:(\d{4})\s*年?)?\s*(?:全年|年度)")
_MONTH = re.compile(r"(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月")


def memo_months(memo: str, default_year: int) -> tuple[datetime.date, int] | None:
    """The months a memo names ("2025年1-3月", "第二季度", "2025全年", "3月"): the first month and how many."""
    text = memo.replace(" ", "")
    if m := _RANGE.search(text):
        year, a, b = int(m.group(1) or default_year), int(m.group(2)), int(m.group(3))
        if 1 <= a <= b <= 12:
            return datetime.date(year, a, 1), b - a + 1
    if m := _QUARTER.search(text):
        q = _CN.get(m.group(2)) or int(m.group(2))
        return datetime.date(int(m.group(1) or default_year), 3 * q - 2, 1), 3
    if m := _YEAR.search(text):
        return datetime.date(int(m.group(1) or default_year), 1, 1), 12
    if m := _MONTH.search(text):
        month = int(m.group(2))
        if 1 <= month <= 12:
            return datetime.date(int(m.group(1) or default_year), month, 1), 1
    return None


def _masked(payer: str, name: str) -> bool:
    """Whether an Alipay-masked payer ("张*明", "*明") can be the name."""
    if "*" not in payer:
        return False
    pattern = "^" + "".join("." if ch == "*" else re.escape(ch) for ch in payer) + "$"
    return bool(re.match(pattern, name)) or (payer.startswith("*") and name.endswith(payer.lstrip("*")))


@dataclass
class Proposal:
    status: str
    person: Person | None
    first_month: datetime.date | None
    months: int
    explanation: str


class Matcher:
    """The open obligations of an organization's members, loaded once for a whole bill."""

    def __init__(self, organization: Organization, until: datetime.date):
        memberships = list(selectors.open_obligation_people(organization))
        start = selectors.ledger_start(organization)
        self.ledgers = selectors.ledgers(memberships, start, until.replace(day=1)) if memberships else {}
        self.people = {m.person_id: m.person for m in memberships}

    def _outstanding(self, person_id: int) -> dict[datetime.date, int]:
        return {row.month: row.outstanding for row in self.ledgers[person_id].months}

    def _fit(self, person_id: int, amount: int, period: tuple[datetime.date, int] | None):
        """(first month, months) the amount pays exactly, or None."""
        owed = self._outstanding(person_id)
        if period is not None:
            first, n = period
            total = sum(owed.get(add_months(first, i), 0) for i in range(n))
            return (first, n) if total == amount and total > 0 else None
        open_months = sorted(m for m, fen in owed.items() if fen)
        running = 0
        for i, month in enumerate(open_months):
            if i and month != add_months(open_months[i - 1], 1):
                break
            running += owed[month]
            if running == amount:
                return open_months[0], i + 1
            if running > amount:
                break
        return None

    def propose(self, row: BillRow, taken: list[BillLine]) -> Proposal:
        year = timezone.localtime(row.paid_at).year
        period = memo_months(row.memo, year)
        named = [
            pid for pid, p in self.people.items() if p.name == row.payer or (len(p.name) >= 2 and p.name in row.memo)
        ]
        masked = [pid for pid, p in self.people.items() if pid not in named and _masked(row.payer, p.name)]
        candidates = named or masked
        if not candidates:
            return Proposal(
                BillLine.Status.UNMATCHED,
                None,
                period[0] if period else None,
                period[1] if period else 1,
                _("No member in this organization is named “%(payer)s” or in the memo.") % {"payer": row.payer},
            )
        fits = {pid: self._fit(pid, row.amount_fen, period) for pid in candidates}
        fitting = [pid for pid, fit in fits.items() if fit]
        if len(named) == 1 and fitting == named:
            pid = named[0]
            first, n = fits[pid]
            clash = any(
                line.person_id == pid and line.first_month == first and line.status == BillLine.Status.CERTAIN
                for line in taken
            )
            if not clash:
                return Proposal(
                    BillLine.Status.CERTAIN,
                    self.people[pid],
                    first,
                    n,
                    _("%(name)s owes %(amount)s 元 for %(n)d months from %(month)s.")
                    % {
                        "name": self.people[pid].name,
                        "amount": fen_text(row.amount_fen),
                        "n": n,
                        "month": f"{first:%Y-%m}",
                    },
                )
            reason = _("another line of this bill pays the same months")
        elif len(candidates) > 1:
            reason = _("%(n)d members fit the name") % {"n": len(candidates)}
        elif not fitting:
            reason = _("the amount is not what the member owes for those months")
        else:
            reason = _("the payer's name is masked")
        pid = (fitting or candidates)[0]
        fit = fits.get(pid)
        first, n = fit if fit else (period if period else (None, 1))
        names = "、".join(self.people[c].name for c in candidates)
        return Proposal(
            BillLine.Status.UNCERTAIN,
            self.people[pid],
            first,
            n,
            _("Uncertain: %(reason)s (candidates: %(names)s).") % {"reason": reason, "names": names},
        )
