"""Column specs: how a header maps to a field, and how a cell becomes a value (or an error a user can fix)."""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .reader import Table


def normalize_header(text: str) -> str:
    """Header text compared loosely: full-width to ASCII, no spaces or asterisks, case folded."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s*＊:：]", "", text).casefold()


class CellError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Column:
    header: str  # the template's header (Chinese)
    field: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    parser: Callable[[object], object] | None = None
    help: str = ""
    example: str = ""
    choices: tuple[str, ...] = ()  # the allowed values, shown in the template's explanation sheet
    identifies: bool = True  # whether its label helps recognize the header row
    # Every column with choices gets a dropdown in the template; dropdown=True makes the spreadsheet refuse a value
    # outside the list, otherwise the list only advises (the parser accepts more: "汉" for "汉族", a code).
    dropdown: bool = False
    text: bool = False  # cells pre-formatted as text in the template (also implied by the id_text parser)

    @property
    def as_text(self) -> bool:
        """Whether the template formats the column as text, so Excel keeps ID numbers and phones whole."""
        return self.text or self.parser is id_text

    def labels(self) -> list[str]:
        """Its header and aliases, normalized, in order of preference."""
        return [normalize_header(self.header), *(normalize_header(a) for a in self.aliases)]

    def names(self) -> set[str]:
        return {normalize_header(self.header), *(normalize_header(a) for a in self.aliases)}


@dataclass
class RowError:
    row: int
    column: str
    value: str
    code: str
    message: str
    confirm: bool = False  # a conflict the user may confirm for this row (then the row is imported)

    def as_dict(self) -> dict:
        out = {"row": self.row, "column": self.column, "value": self.value, "code": self.code, "message": self.message}
        if self.confirm:
            out["confirm"] = True
        return out


@dataclass
class Spec:
    columns: list[Column]
    title: str = ""
    # For layouts we don't control (a province's export): a column named twice is read from its preferred
    # label (header, then aliases in order) instead of being refused as a duplicate.
    first_label_wins: bool = False

    def is_header(self, cells: list[str]) -> bool:
        """A header row names at least two of the columns, one of them required (when any is); a missing
        required column is then reported by map_headers, by name, rather than the whole header going
        unrecognized. Title rows above it are skipped by the reader."""
        found = {normalize_header(c) for c in cells if c}
        known = [c for c in self.columns if c.identifies and c.names() & found]
        return len(known) >= min(2, len(self.columns)) and (
            any(c.required for c in known) or not any(c.required for c in self.columns)
        )

    def mapped(self, mapping: dict[str, str]) -> Spec:
        """This spec with each field a saved mapping names read from the mapping's header, and from no other."""
        columns = [
            dataclasses.replace(c, header=mapping[c.field], aliases=()) if mapping.get(c.field) else c
            for c in self.columns
        ]
        return dataclasses.replace(self, columns=columns)

    def map_headers(self, table: Table) -> tuple[dict[str, int], list[RowError]]:
        """Which column index holds each field; errors for missing required columns and duplicates."""
        index: dict[str, int] = {}
        errors: list[RowError] = []
        normalized = [normalize_header(h) for h in table.headers]
        for column in self.columns:
            hits = [i for i, h in enumerate(normalized) if h in column.names()]
            if len(hits) > 1 and self.first_label_wins:
                hits = [next(normalized.index(label) for label in column.labels() if label in normalized)]
            if len(hits) > 1:
                errors.append(
                    RowError(
                        table.header_row,
                        column.header,
                        "",
                        "HEADER_DUPLICATE",
                        _("The column “%(col)s” appears more than once.") % {"col": column.header},
                    )
                )
            elif hits:
                index[column.field] = hits[0]
            elif column.required:
                errors.append(
                    RowError(
                        table.header_row,
                        column.header,
                        "",
                        "HEADER_MISSING",
                        _("The required column “%(col)s” is missing.") % {"col": column.header},
                    )
                )
        return index, errors

    def typed(self, table: Table):
        """A function (row number, field) -> the cell as the user typed it, to quote it in an error."""
        index, _errors = self.map_headers(table)
        position = {number: i for i, number in enumerate(table.row_numbers)}

        def cell(row: int, name: str) -> str:
            i, r = index.get(name), position.get(row)
            if i is None or r is None or i >= len(table.rows[r]):
                return ""
            return display(table.rows[r][i])

        return cell

    def parse(
        self, table: Table, errors: list[RowError] | None = None
    ) -> tuple[list[tuple[int, dict]], list[RowError]]:
        """Every row as (excel row number, {field: value}); every bad cell as a RowError, appended to errors when
        given (the import's capped list). Nothing stops early."""
        index, header_errors = self.map_headers(table)
        if errors is None:
            errors = []
        errors.extend(header_errors)
        if header_errors:
            return [], errors
        out: list[tuple[int, dict]] = []
        by_field = {c.field: c for c in self.columns}
        required = [index[c.field] for c in self.columns if c.required and c.field in index]
        plan: list[tuple[str, int, Column, Callable[[object], object], str | None, Any]] = []
        for name, i in index.items():
            column = by_field[name]
            parser = column.parser or text
            plan.append((name, i, column, parser, _fast_kind(parser), getattr(parser, "fast", None)))
        width = len(table.headers)
        formulas = table.formulas
        normalize = unicodedata.normalize
        # This loop runs once per cell of files of 100,000 rows: the usual cells (a clean string, an Excel date,
        # a choice label as listed) take a short path here that gives what the parser would, and every other
        # cell goes through the parser itself.
        for row_number, cells in zip(table.row_numbers, table.rows, strict=True):
            if len(cells) < width:
                cells = list(cells) + [None] * (width - len(cells))
            in_formulas = formulas.get(row_number) if formulas else None
            if required and not in_formulas:
                for i in required:
                    if not _blank(cells[i]):
                        break
                else:
                    continue  # a footer (合计, 填表人…) or a note, not a record
            values: dict = {}
            for name, i, column, parser, kind, fast in plan:
                if in_formulas and i in in_formulas:
                    errors.append(
                        RowError(
                            row_number,
                            column.header,
                            in_formulas[i],
                            "FORMULA",
                            _("The cell holds a formula; type the value itself (or paste it as values)."),
                        )
                    )
                    values[name] = None
                    continue
                raw = cells[i]
                if raw.__class__ is str:
                    if kind is _TEXT:
                        stripped = raw.strip()
                        if stripped and stripped[0] == "'":
                            stripped = unneutralize(stripped).strip()
                        if stripped:
                            values[name] = stripped if stripped.isascii() else normalize("NFKC", stripped)
                            continue
                    elif kind is _CHOICE:
                        value = fast.get(raw)
                        if value is not None:
                            values[name] = value
                            continue
                elif kind is _DATE and raw.__class__ is datetime.datetime:
                    values[name] = raw.date()
                    continue
                if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):
                    if column.required:
                        errors.append(
                            RowError(
                                row_number,
                                column.header,
                                "",
                                "REQUIRED",
                                _("“%(col)s” is required.") % {"col": column.header},
                            )
                        )
                    values[name] = None
                    continue
                try:
                    values[name] = parser(raw)
                except CellError as e:
                    errors.append(RowError(row_number, column.header, display(raw), e.code, e.message))
                except ValidationError as e:
                    errors.append(
                        RowError(row_number, column.header, display(raw), e.code or "INVALID", " ".join(e.messages))
                    )
            out.append((row_number, values))
        return out, errors


# How Spec.parse may read a usual cell without calling its parser (see _fast_kind).
_TEXT, _CHOICE, _DATE = "text", "choice", "date"


def _fast_kind(parser) -> str | None:
    """Which short path in Spec.parse gives exactly what this parser gives for the cells it takes."""
    if parser is text or parser is id_text:  # id_text reads a string as text does
        return _TEXT
    if parser is date:
        return _DATE
    if isinstance(getattr(parser, "fast", None), dict):
        return _CHOICE
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value) -> str:
    """A cell value as the user typed it (dates as YYYY-MM-DD, whole floats without .0)."""
    if isinstance(value, float) and value.is_integer():
        # Excel keeps 15 significant digits and shows the rest as zeros; show what the user sees.
        return str(int(Decimal(f"{value:.15g}"))) if abs(value) >= 1e15 else str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


# --- parsers: cell value -> Python value, or CellError -------------------------------------------------


# What the writer prefixes with an apostrophe so that a spreadsheet shows it as text, not run it as a formula.
NEUTRALIZED_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def unneutralize(value: str) -> str:
    """Text as it was before the writer neutralized it: the apostrophe before = + - @ removed."""
    if value[:1] == "'" and value[1:2] and value[1:2] in NEUTRALIZED_PREFIXES:
        return value[1:]
    return value


def text(value) -> str:
    if isinstance(value, str):
        value = unneutralize(value.strip()).strip()
        # Full-width letters and digits typed in a Chinese input mode become ASCII.
        return value if value.isascii() else unicodedata.normalize("NFKC", value)
    return unicodedata.normalize("NFKC", display(value)).strip()


def id_text(value) -> str:
    """Numbers that must stay text (ID numbers, development numbers): a numeric cell has lost digits."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = display(value)
        if len(digits) > 15 or "e" in str(value).lower():
            raise CellError(
                "NUMBER_LOST_DIGITS",
                _(
                    "The cell is stored as a number and Excel has dropped digits beyond the 15th; format the "
                    "column as text and type the number again."
                ),
            )
        return digits
    return text(value)


DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
MONTH_PATTERNS = (re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$"), re.compile(r"^(\d{4})(\d{2})$"))


def date(value) -> datetime.date:
    """A date from an Excel date, 'YYYY-MM-DD', 'YYYY/MM/DD HH:MM', 'YYYY年MM月DD日', or a year-month (day 1)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    s = text(value)
    for pattern in DATE_PATTERNS:
        if m := pattern.match(s):
            return _make_date(int(m[1]), int(m[2]), int(m[3]), s)
    for pattern in MONTH_PATTERNS:
        if m := pattern.match(s):
            return _make_date(int(m[1]), int(m[2]), 1, s)
    raise CellError("DATE_FORMAT", _("“%(value)s” is not a date; write it as 2020-05-04.") % {"value": s})


def _make_date(y: int, m: int, d: int, s: str) -> datetime.date:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        raise CellError("DATE_IMPOSSIBLE", _("“%(value)s” is not a real date.") % {"value": s}) from None


def integer(value) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    s = text(value)
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    raise CellError("NOT_A_NUMBER", _("“%(value)s” is not a whole number.") % {"value": s})


def choice(options: Iterable[tuple[str, object]], *, extra: dict[str, str] | None = None):
    """A parser accepting a choice's value, its Chinese or English label, or an alias."""
    from django.utils import translation

    lookup: dict[str, str] = {}
    labels: list[str] = []
    for value, label in options:
        with translation.override("zh-hans"):
            zh = str(label)
        with translation.override("en"):
            en = str(label)
        labels.append(zh)
        for key in (value, zh, en):
            lookup[normalize_header(str(key))] = value
    for alias, value in (extra or {}).items():
        lookup[normalize_header(alias)] = value

    exact = {**{str(v): v for v in lookup.values()}}
    for value, label in options:
        with translation.override("zh-hans"):
            exact[str(label)] = value
    for alias, value in (extra or {}).items():
        exact[alias] = value

    def parse(raw):
        if isinstance(raw, str) and raw in exact:  # the common case: a label exactly as listed
            return exact[raw]
        key = normalize_header(text(raw))
        if key in lookup:
            return lookup[key]
        raise CellError(
            "CHOICE_UNKNOWN",
            _("“%(value)s” is not one of the allowed values: %(allowed)s.")
            % {"value": text(raw), "allowed": "、".join(labels[:20]) + ("…" if len(labels) > 20 else "")},
        )

    parse.labels = labels  # type: ignore[attr-defined]
    # Spec.parse looks these up itself; a blank key must never be taken for a value there, so none is given.
    parse.fast = {k: v for k, v in exact.items() if k.strip() and v is not None}  # type: ignore[attr-defined]
    return parse
