"""The outcome of an import, the same for the page, the command line and a background job."""

from __future__ import annotations

from dataclasses import dataclass, field

from .reader import Table
from .spec import RowError


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    table: Table | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        return len({e.row for e in self.errors})

    def sort_errors(self, headers: list[str]) -> None:
        """Errors in the order the user reads the sheet: by row, then by column."""
        order = {h: i for i, h in enumerate(headers)}
        self.errors.sort(key=lambda e: (e.row, order.get(e.column, len(order))))

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "committed": self.committed,
            "errors": [e.as_dict() for e in self.errors],
        }
