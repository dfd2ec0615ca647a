"""Spreadsheet files for the import tests, built in memory: .xlsx, legacy .xls and CSV in any encoding.

Rows are lists of cells: a str is written as text, an int or float as a number, a date or datetime as a
real Excel date, None as an empty cell. All names and numbers in the files are fictional.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import urllib.parse

import xlsxwriter
import xlwt
from python_calamine import CalamineWorkbook

from tuanwu.audit.models import BatchEvent
from tuanwu.organizations.models import Organization
from tuanwu.people.models import Membership, Person


def xlsx(rows: list[list], *, sheet: str = "Sheet1") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False, "strings_to_formulas": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    datetime_format = book.add_format({"num_format": "yyyy/mm/dd hh:mm"})
    ws = book.add_worksheet(sheet)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, datetime.datetime):
                ws.write_datetime(r, c, value, datetime_format)
            elif isinstance(value, datetime.date):
                ws.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), date_format)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def xls(rows: list[list], *, sheet: str = "Sheet1", title: str | None = None) -> bytes:
    """A legacy BIFF .xls, as 智慧团建 hands out; a title is merged across the columns above the rows."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    top = 0
    if title is not None:
        ws.write_merge(0, 0, 0, max(len(r) for r in rows) - 1, title)
        top = 1
    for r, cells in enumerate(rows, start=top):
        for c, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, datetime.date):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    """CSV as Excel saves it: "gbk" for 'CSV (逗号分隔)' on a Chinese Windows, "utf-8-sig" for 'CSV UTF-8'."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(["" if c is None else str(c) for c in r] for r in rows)
    return text.getvalue().encode(encoding)


def read_back(data: bytes) -> dict[str, list[list]]:
    """Every sheet of a workbook as rows of values, by sheet name."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def db_counts() -> dict[str, int]:
    """What an import may write; a refused import leaves every count as it was."""
    return {
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "organizations": Organization.objects.count(),
        "batch_events": BatchEvent.objects.count(),
    }


def where(errors) -> list[tuple[int, str, str, str]]:
    """(row, column, value, code) of each error: what a user needs to find and fix the cell."""
    return [(e.row, e.column, e.value, e.code) for e in errors]


def downloaded_name(response) -> str:
    """The file name a browser saves the response as: RFC 6266's ``filename*`` when there, else ``filename``."""
    header = response["Content-Disposition"]
    encoded = re.search(r"filename\*=utf-8''([^;]+)", header, re.I)
    if encoded:
        return urllib.parse.unquote(encoded.group(1))
    plain = re.search(r'filename="([^"]*)"', header)
    return plain.group(1) if plain else ""
