"""The one import pipeline: read the file, find the header, apply a saved column mapping, parse every cell,
check every row, collect every error, then write all rows in one transaction, or nothing.

An app supplies an ImportPlan (its column spec, its row check, its bulk write) and calls run_import:

    plan = ImportPlan(kind="members", spec=member_spec(), check_row=check, write=write, record=batch_event_record)
    return run_import(plan, actor=actor, data=data, filename=filename, dry_run=dry_run, progress=progress)

The engine knows no domain: the app's callables receive an ImportRun that carries the table, the parsed rows,
the result being built and the ways to report a problem (ImportRun.fail, which refuses the file, and
ImportRun.warn, which only counts a rule the row breaks, by code), and the write returns the batch event
to record (the app hands over the recorder, audit's batch_event_record, as `record`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .reader import SheetError, Table, read_table
from .results import ImportResult
from .spec import RowError, Spec, display

T = TypeVar("T")
W = TypeVar("W")
# The jobs runner writes at most twice a second; reporting every so many rows keeps the check loop light.
PROGRESS_EVERY = 2000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Event:
    """The batch event of a committed import: its kind, the organization it is recorded on, what it did."""

    kind: str
    organization: object
    description: str
    rows: int | None = None  # default: the rows of the file


@dataclass
class ImportRun:
    """One import in progress, handed to the plan's callables."""

    actor: Any
    filename: str
    dry_run: bool
    spec: Spec
    table: Table
    result: ImportResult
    index: dict[str, int] = field(default_factory=dict)  # field -> column position in the file
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row number, {field: value})
    bad: set[int] = field(default_factory=set)  # rows with at least one error
    # The rows whose conflicts the user confirmed (True: every row's).
    confirmed: Collection[int] | bool = ()
    _typed: Callable[[int, str], str] | None = None

    def header(self, name: str) -> str | None:
        """The column header a field is reported under, or None for a field without a column."""
        for column in self.spec.columns:
            if column.field == name:
                return column.header
        return None

    def add(self, row: int, name: str, shown: str, code: str, message: str) -> None:
        """Report a problem exactly as given (shown: the value to quote)."""
        self.result.errors.append(RowError(row, self.header(name) or name, shown, code, message))
        self.bad.add(row)

    def fail(self, row: int, name: str, value: object, code: str, message: str) -> None:
        """Report a problem once per cell, quoting the cell as the user typed it (else the value checked)."""
        self._report(row, self.header(name) or name, name, value, code, message)

    def conflict(self, row: int, name: str, value: object, code: str, message: str) -> bool:
        """A change the user must confirm for this row (renaming a registered person): reported as an error
        the user may confirm, unless the row is confirmed. True when the row is held back."""
        if self.confirmed is True or (self.confirmed and row in self.confirmed):
            return False
        column = self.header(name) or name
        self.bad.add(row)
        if not self.result.errors.seen(row, column):
            shown = self.typed(row, name) or _shown(value)
            self.result.errors.append(RowError(row, column, shown, code, message, confirm=True))
        return True

    def warn(self, row: int, code: str) -> None:
        """Count a rule the row breaks without being refused (the app keeps what it marks on the record); the
        row is still imported."""
        self.result.warnings[code] += 1

    def fail_error(self, row: int, name: str, value: object, error: ValidationError) -> None:
        """Report every message of a service's ValidationError on the columns of the fields it names (a field
        without a column: on name's column), once per cell."""
        for field_name, code, message in _flatten(name, error):
            column = self.header(field_name) or self.header(name) or field_name
            self._report(row, column, field_name, value, code, message)

    def _report(self, row: int, column: str, name: str, value: object, code: str, message: str) -> None:
        self.bad.add(row)
        if self.result.errors.seen(row, column):
            return
        self.result.errors.append(RowError(row, column, self.typed(row, name) or _shown(value), code, message))

    def typed(self, row: int, name: str) -> str:
        if self._typed is None:  # indexes every row: only worth it once a row fails
            self._typed = self.spec.typed(self.table)
        return self._typed(row, name)


@dataclass(frozen=True)
class ImportPlan(Generic[T, W]):
    """What an app supplies to run_import.

    kind: the import's name (as in the registry), also the key of its saved column mappings.
    check_row(run, row number, values): check one row, reporting through run.fail; what to keep of it, or None.
    check_file(run, kept): the checks across rows and against the database (duplicates, existing records);
        sets run.result's counts and returns what write needs. Without it, write receives the kept rows.
    write(run, checked): the bulk write, inside the engine's transaction; returns the batch event to record, or
        None for none. A problem it reports through run.fail rolls the whole import back.
    record: the recorder of batch events (audit.services.batch_event_record).
    check_header(run): problems of the file's layout once its columns are known (run.index), before parsing.
    also_header(cells): another layout's header row to recognise (then refused by check_header).
    """

    kind: str
    spec: Spec
    check_row: Callable[[ImportRun, int, dict], T | None]
    write: Callable[[ImportRun, W], Event | None]
    record: Callable[..., object]
    check_file: Callable[[ImportRun, list[T]], W] | None = None
    check_header: Callable[[ImportRun], list[RowError]] | None = None
    also_header: Callable[[list[str]], bool] | None = None


class _Refused(Exception):
    """Raised inside the transaction to roll back a write that found a problem."""


def run_import(
    plan: ImportPlan[T, W],
    *,
    actor: Any,
    data: bytes,
    filename: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    mapping: dict[str, str] | None = None,
    confirm: Collection[int] | bool = (),
) -> ImportResult:
    """Check every row of a file and, when all are good and not dry_run, write them in one transaction.

    mapping: a saved column mapping, {field: the header that holds it in this file's layout}.
    confirm: the Excel rows whose conflicts (ImportRun.conflict) the user confirmed, or True for all.
    """
    spec = plan.spec.mapped(mapping) if mapping else plan.spec
    headers = [c.header for c in spec.columns]
    result = ImportResult()
    also = plan.also_header
    try:
        table = read_table(
            data, filename, find_header=(lambda cells: spec.is_header(cells) or also(cells)) if also else spec.is_header
        )
    except SheetError as e:
        result.errors.append(RowError(0, "", "", e.code, e.message))
        return result
    result.table = table
    run = ImportRun(
        actor=actor, filename=filename, dry_run=dry_run, spec=spec, table=table, result=result, confirmed=confirm
    )
    run.index, _header_errors = spec.map_headers(table)
    if plan.check_header is not None:
        layout = plan.check_header(run)
        if layout:
            result.errors.extend(layout)
            return result
    # The errors go straight into the result, which keeps the first ones and counts the rest.
    run.rows, errors = spec.parse(table, errors=result.errors)
    if any(e.code.startswith("HEADER_") for e in errors):
        result.sort_errors(headers)
        return result
    if not run.rows and not errors:
        result.errors.append(
            RowError(0, "", "", "FILE_NO_ROWS", _("The file has a header but no rows under it: nothing to import."))
        )
        return result
    run.bad = result.errors.rows()

    kept: list[T] = []
    total = len(run.rows)
    for i, (number, values) in enumerate(run.rows, start=1):
        item = plan.check_row(run, number, values)
        if item is not None:
            kept.append(item)
        if progress and i % PROGRESS_EVERY == 0:
            progress(i, total)
    checked: W = plan.check_file(run, kept) if plan.check_file is not None else kept  # type: ignore[assignment]
    result.sort_errors(headers)
    if result.errors or dry_run:
        return result

    try:
        with transaction.atomic(), set_actor(actor):
            event = plan.write(run, checked)
            if result.errors:
                raise _Refused
            if event is not None:
                plan.record(
                    actor=actor,
                    organization=event.organization,
                    kind=event.kind,
                    description=event.description,
                    rows=total if event.rows is None else event.rows,
                    file_name=filename,
                )
    except _Refused:
        result.created = result.updated = 0
        result.sort_errors(headers)
        return result
    if progress:
        progress(total, total)
    result.committed = True
    return result


def _flatten(name: str, error: ValidationError) -> list[tuple[str, str, str]]:
    """(field name, code, message) for every message of an error, field-bound or not."""
    if hasattr(error, "error_dict"):
        return [
            (field_name, e.code or "INVALID", " ".join(e.messages))
            for field_name, errs in error.error_dict.items()
            for e in errs
        ]
    return [(name, e.code or getattr(error, "code", None) or "INVALID", " ".join(e.messages)) for e in error.error_list]


def _shown(value: object) -> str:
    return "" if value is None else display(value)
