"""The outcome of an import, the same for the page, the command line and a background job."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from .reader import Table
from .spec import RowError

# Errors kept with their row, column and value; the others are only counted, by rule, so that a file of a
# million bad rows costs no more memory than one of a thousand.
DEFAULT_MAX_ERRORS = 1000


class ErrorList(list):
    """The errors of one import, up to a cap (setting TUANWU_IMPORT_MAX_ERRORS); beyond it only their count
    per rule is kept (`omitted`). Remembers, compactly, every cell and row that had an error, kept or not."""

    def __init__(self, items=(), *, cap: int | None = None):
        super().__init__()
        self.cap = cap if cap is not None else getattr(settings, "TUANWU_IMPORT_MAX_ERRORS", DEFAULT_MAX_ERRORS)
        self.omitted: Counter[str] = Counter()
        self._columns: dict[str, int] = {}
        self._cells: dict[int, int] = {}  # row -> bit mask of the columns with an error
        self.extend(items)

    def _bit(self, column: str) -> int:
        bit = self._columns.get(column)
        if bit is None:
            bit = self._columns[column] = 1 << len(self._columns)
        return bit

    def seen(self, row: int, column: str) -> bool:
        """Whether this cell already has an error (kept or counted)."""
        return bool(self._cells.get(row, 0) & self._bit(column))

    def rows(self) -> set[int]:
        """Every row with an error, kept or counted."""
        return set(self._cells)

    def append(self, error: RowError) -> None:
        self._cells[error.row] = self._cells.get(error.row, 0) | self._bit(error.column)
        if len(self) < self.cap:
            super().append(error)
        else:
            self.omitted[error.code] += 1

    def extend(self, errors) -> None:
        for error in errors:
            self.append(error)

    @property
    def total(self) -> int:
        return len(self) + sum(self.omitted.values())


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: ErrorList = field(default_factory=ErrorList)
    committed: bool = False
    table: Table | None = None
    # Rules broken by rows that are imported all the same (facts recorded about the past), counted by rule code.
    warnings: Counter[str] = field(default_factory=Counter)
    # What the import does besides the rows that the user should know before confirming (parks it registers).
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        if isinstance(self.errors, ErrorList):
            return len(self.errors.rows())
        return len({e.row for e in self.errors})

    @property
    def error_count(self) -> int:
        """Every error found, the kept ones and those only counted."""
        return self.errors.total if isinstance(self.errors, ErrorList) else len(self.errors)

    @property
    def more_errors(self) -> Counter[str]:
        """The errors beyond the cap, counted by rule."""
        return self.errors.omitted if isinstance(self.errors, ErrorList) else Counter()

    def sort_errors(self, headers: list[str]) -> None:
        """Errors in the order the user reads the sheet: by row, then by column."""
        order = {h: i for i, h in enumerate(headers)}
        self.errors.sort(key=lambda e: (e.row, order.get(e.column, len(order))))

    def as_dict(self) -> dict:
        out = {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "committed": self.committed,
            "errors": [e.as_dict() for e in self.errors],
        }
        if self.more_errors:
            out["more_errors"] = dict(self.more_errors)
        if self.warnings:
            out["warnings"] = dict(self.warnings.most_common())
        if self.notices:
            out["notices"] = [str(n) for n in self.notices]
        return out
