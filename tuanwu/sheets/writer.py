"""Write .xlsx files in constant memory: exports, templates and error reports."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

import xlsxwriter
from django.utils.translation import gettext as _

from .spec import NEUTRALIZED_PREFIXES, RowError, Spec, display

DANGEROUS_PREFIXES = NEUTRALIZED_PREFIXES
# The rows of a template a dropdown covers.
MAX_TEMPLATE_ROWS = 5000


def neutralize(value):
    """Text that a spreadsheet would run as a formula is written as plain text, prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


class Writer:
    """One workbook; add sheets with rows streamed through, then close() to get the bytes."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        self.bold = self.book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.text = self.book.add_format({"num_format": "@"})
        self.error = self.book.add_format({"font_color": "#C00000", "text_wrap": True})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self._lists = 0  # hidden sheets holding long dropdown lists

    def sheet(
        self,
        name: str,
        headers: list[str],
        rows: Iterable[Iterable],
        *,
        widths: list[int] | None = None,
        error_column: int | None = None,
        dropdowns: dict[int, tuple[str, ...]] | None = None,
        strict: frozenset[int] = frozenset(),
        text_columns: frozenset[int] = frozenset(),
    ) -> int:
        ws = self.book.add_worksheet(name[:31])
        for c, values in (dropdowns or {}).items():
            self._dropdown(ws, c, values, strict=c in strict)
        for c, header in enumerate(headers):
            width = widths[c] if widths else max(10, min(40, len(header) * 2 + 4))
            ws.set_column(c, c, width, self.text if c in text_columns else None)
            ws.write_string(0, c, header, self.bold)
        ws.freeze_panes(1, 0)
        n = 0
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                fmt = self.error if error_column is not None and c == error_column else None
                self._write(ws, r, c, value, fmt)
            n += 1
        return n

    def _dropdown(self, ws, column: int, values: tuple[str, ...], *, strict: bool = True) -> None:
        """A list validation on the column's cells below the header: the values offered in a dropdown; a value
        typed outside them is refused by the spreadsheet when strict, else only questioned (the import accepts
        more spellings than the list shows)."""
        inline = ",".join(values)
        if len(inline) <= 255 and not any("," in v for v in values):
            source: object = list(values)
        else:  # Excel caps an inline list at 255 characters: longer ones are read from a hidden sheet
            self._lists += 1
            lists = self.book.add_worksheet(f"_lists{self._lists}")
            for r, value in enumerate(values):
                lists.write_string(r, 0, value)
            lists.hide()
            source = f"='{lists.get_name()}'!$A$1:$A${len(values)}"
        ws.data_validation(
            1,
            column,
            MAX_TEMPLATE_ROWS,
            column,
            {
                "validate": "list",
                "source": source,
                "error_type": "stop" if strict else "information",
                "error_title": _("Not in the list"),
                "error_message": _("Choose one of the values in the list.")
                if strict
                else _("This value is not in the list; the import checks it and names the allowed values if wrong."),
            },
        )

    def _write(self, ws, r, c, value, fmt=None):
        if value is None or value == "":
            return
        if isinstance(value, bool):
            ws.write_string(r, c, _("Yes") if value else _("No"), fmt)
        elif isinstance(value, int | float):
            ws.write_number(r, c, value, fmt)
        elif isinstance(value, datetime.datetime):
            ws.write_string(r, c, value.strftime("%Y-%m-%d %H:%M"), fmt)
        elif isinstance(value, datetime.date):
            ws.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), self.date)
        else:
            ws.write_string(r, c, str(neutralize(str(value))), fmt)

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def template(spec: Spec, example: dict[str, str], sheet_title: str) -> bytes:
    """An import template: the headers, one example row, and a sheet explaining every column."""
    w = Writer()
    headers = [c.header for c in spec.columns]
    dropdowns = {i: c.choices for i, c in enumerate(spec.columns) if c.choices}
    w.sheet(
        sheet_title,
        headers,
        [[example.get(c.field, c.example) for c in spec.columns]],
        dropdowns=dropdowns,
        strict=frozenset(i for i, c in enumerate(spec.columns) if c.dropdown and c.choices),
        text_columns=frozenset(i for i, c in enumerate(spec.columns) if c.as_text),
    )
    explanation = [
        [
            c.header,
            _("required") if c.required else _("optional"),
            c.help,
            "、".join(c.choices) if c.choices else "",
            "、".join(c.aliases),
        ]
        for c in spec.columns
    ]
    w.sheet(
        _("Instructions"),
        [_("Column"), _("Required"), _("What to enter"), _("Allowed values"), _("Also recognized as")],
        explanation,
        widths=[18, 10, 60, 50, 30],
    )
    return w.close()


def error_report(headers: list[str], rows: list[list], row_numbers: list[int], errors: list[RowError]) -> bytes:
    """The user's own rows back, with an error column in front naming row, column, value and rule."""
    by_row: dict[int, list[RowError]] = {}
    for e in errors:
        by_row.setdefault(e.row, []).append(e)
    w = Writer()
    out_headers = [_("Errors"), _("Row"), *headers]

    def lines():
        for number, cells in zip(row_numbers, rows, strict=True):
            errs = by_row.get(number, [])
            message = "\n".join(f"{e.column}「{e.value}」: {e.message} [{e.code}]" for e in errs)
            yield [message, number, *[display(c) for c in cells]]

    w.sheet(_("Errors"), out_headers, lines(), widths=[60, 6, *[16] * len(headers)], error_column=0)
    known_rows = set(row_numbers)
    header_errors = [e for e in errors if e.row not in known_rows]
    if header_errors:
        w.sheet(
            _("File errors"),
            [_("Row"), _("Column"), _("Rule"), _("Message")],
            [[e.row, e.column, e.code, e.message] for e in header_errors],
            widths=[6, 20, 24, 80],
        )
    return w.close()
