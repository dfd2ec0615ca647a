"""Read .xlsx, .xls, .ods and .csv files into rows of plain values, refusing what is not safe to read.

Knows no domain: the caller says which header labels to look for, and gets the rows below the header
with the row numbers the user sees in Excel.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 15


class SheetError(Exception):
    """A file that cannot be read at all (wrong type, too big, damaged); `code` names the rule."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Table:
    """The rows under a header: row_numbers[i] is the Excel row number of rows[i]."""

    sheet: str
    header_row: int
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    # Cells that hold a formula, by Excel row number then column position: {row: {column: formula text}}.
    formulas: dict[int, dict[int, str]] = field(default_factory=dict)


# Defaults of the settings that bound the work a file may cause. 256 MB unzipped holds some 280,000 member rows
# (an ordinary workbook unzips to about 13 times its size); the ratio catches a small file built to expand.
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
# Below this many unzipped bytes the ratio is not looked at: tiny parts compress well and cost nothing.
RATIO_FROM_BYTES = 1024 * 1024


def _limits():
    return (
        getattr(settings, "TUANWU_IMPORT_MAX_BYTES", 50 * 1024 * 1024),
        getattr(settings, "TUANWU_IMPORT_MAX_ROWS", 1_100_000),
        getattr(settings, "TUANWU_IMPORT_MAX_UNZIPPED_BYTES", MAX_UNZIPPED_BYTES),
    )


def sniff_kind(data: bytes, filename: str) -> str:
    """ "xlsx", "xls" or "csv" from the content, checked against the file's extension."""
    ext = Path(filename).suffix.lower().lstrip(".")
    if data.startswith(XLSX_MAGIC):
        kind = "xlsx"
    elif data.startswith(OLE2_MAGIC):
        kind = "xls"
    elif b"\x00" not in data[:4096]:
        kind = "csv"
    else:
        kind = "unknown"
    expected = {"xlsx": "xlsx", "xlsm": "xlsx", "ods": "xlsx", "xls": "xls", "csv": "csv", "txt": "csv"}.get(ext)
    if not ext:
        raise SheetError("FILE_TYPE", _("The file has no extension: use .xlsx, .xls or .csv."))
    if expected is None:
        raise SheetError(
            "FILE_TYPE", _("Files of type .%(ext)s cannot be imported: use .xlsx, .xls or .csv.") % {"ext": ext}
        )
    if kind != expected:
        raise SheetError(
            "FILE_TYPE_MISMATCH",
            _("The file is named .%(ext)s but its content is not a .%(ext)s file; save it again from Excel or WPS.")
            % {"ext": ext},
        )
    return kind


def _check_zip(data: bytes, max_unzipped: int) -> None:
    """Refuse, from the zip directory alone and before anything is unzipped, a workbook whose parts add up to
    more than max_unzipped bytes, or that expands more than TUANWU_IMPORT_MAX_RATIO times (as a whole or in
    any part) once past RATIO_FROM_BYTES."""
    max_ratio = getattr(settings, "TUANWU_IMPORT_MAX_RATIO", MAX_RATIO)
    refused = SheetError("FILE_ZIP_BOMB", _("The file expands far beyond its size and was refused."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = packed = 0
            for info in zf.infolist():
                total += info.file_size
                packed += info.compress_size
                if info.file_size > RATIO_FROM_BYTES and info.file_size > max_ratio * max(info.compress_size, 1):
                    raise refused
            if total > max_unzipped or (total > RATIO_FROM_BYTES and total > max_ratio * max(packed, 1)):
                raise refused
    except zipfile.BadZipFile:
        raise SheetError("FILE_DAMAGED", _("The file is damaged and cannot be read.")) from None


def decode_csv(data: bytes) -> str:
    """CSV text in UTF-8 (with or without BOM) or, as Chinese Excel saves it, GBK/GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError("FILE_ENCODING", _("The CSV file is neither UTF-8 nor GBK encoded."))


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_PREFIXED_ROOT = re.compile(rb"<[A-Za-z_][\w.-]*:worksheet[\s>]")
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_part(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding a sheet's cells, found through the workbook and its relationships."""
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    targets = {r.get("Id"): r.get("Target", "") for r in rels if r.tag.endswith("Relationship")}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and sheet.get("name") == sheet_name:
            target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
            if not target:
                return None
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def formula_cells(data: bytes, sheet_name: str) -> dict[int, dict[int, str]]:
    """The cells of an .xlsx sheet that hold a formula: calamine gives only their cached values, which are
    not what the user typed and, for a formula never calculated, are empty. A quick scan of the sheet's XML
    for a formula tag comes first; the cells are only located when there is one."""
    found: dict[int, dict[int, str]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            part = _sheet_part(zf, sheet_name)
            if part is None or part not in zf.namelist():
                return found
            with zf.open(part) as f:
                tail = b""
                prefixed = None
                while chunk := f.read(1 << 22):
                    if prefixed is None:  # elements written as <x:c>: the slower pattern is needed
                        prefixed = _PREFIXED_ROOT.search(chunk[:4096]) is not None
                    if prefixed:
                        if _FORMULA_TAG.search(tail + chunk):
                            break
                    elif b"<f" in chunk or b"<f" in tail + chunk[:2]:
                        break
                    tail = chunk[-64:]
                else:
                    return found
            with zf.open(part) as f:
                row = col = 0
                for event, elem in ElementTree.iterparse(f, events=("start", "end")):
                    tag = elem.tag.rpartition("}")[2]
                    if event == "start":
                        if tag == "row":
                            row = int(elem.get("r") or row + 1)
                            col = -1
                        elif tag == "c":
                            ref = _CELL_REF.match(elem.get("r") or "")
                            if ref:
                                col, row = _column_index(ref[1]), int(ref[2])
                            else:
                                col += 1
                        continue
                    if tag == "f":
                        found.setdefault(row, {})[col] = "=" + (elem.text or "").strip()
                    elif tag in ("c", "row"):
                        elem.clear()
    except (zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return found
    return found


def _raw_rows(data: bytes, kind: str, sheet: str | None) -> tuple[str, Iterator[list[Any]]]:
    """The sheet's name and its rows from the first, one at a time (never the whole sheet as one list)."""
    if kind == "csv":
        text = decode_csv(data)
        return "csv", csv.reader(io.StringIO(text))
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        ws = wb.get_sheet_by_name(sheet) if sheet and sheet in wb.sheet_names else wb.get_sheet_by_index(0)
        start = ws.start
        rows = ws.iter_rows()
    except SheetError:
        raise
    except Exception as exc:  # calamine raises several error types for broken files
        raise _damaged(exc) from None
    return ws.name, _calamine_rows(rows, start[1] if start else 0)


def _calamine_rows(rows, first_column: int) -> Iterator[list[Any]]:
    """calamine's rows, each padded on the left to start at column A (its rows already start at row 1)."""
    pad = [""] * first_column
    try:
        for row in rows:
            yield pad + row if first_column else row
    except Exception as exc:
        raise _damaged(exc) from None


def _damaged(exc: Exception) -> SheetError:
    return SheetError("FILE_DAMAGED", _("The file is damaged and cannot be read (%(why)s).") % {"why": exc})


def read_table(
    data: bytes,
    filename: str,
    *,
    find_header,
    sheet: str | None = None,
) -> Table:
    """Read a file's first (or named) sheet; find_header(cells) says whether a row is the header row."""
    max_bytes, max_rows, max_unzipped = _limits()
    if len(data) > max_bytes:
        raise SheetError(
            "FILE_TOO_LARGE",
            _("The file is %(size)s MB; at most %(max)s MB can be imported at once.")
            % {"size": _megabytes(len(data), up=True), "max": _megabytes(max_bytes)},
        )
    if not data:
        raise SheetError("FILE_EMPTY", _("The file is empty."))
    kind = sniff_kind(data, filename)
    if kind == "xlsx":
        _check_zip(data, max_unzipped)
    sheet_name, raw = _raw_rows(data, kind, sheet)
    header_index = None
    header: list[Any] = []
    for i, cells in enumerate(raw):
        if i >= HEADER_SEARCH_ROWS:
            break
        if find_header([_header_text(c) for c in cells]):
            header_index, header = i, cells
            break
    if header_index is None:
        raise SheetError(
            "HEADER_NOT_FOUND",
            _("No header row was found in the first %(n)d rows: download the template to see the expected columns.")
            % {"n": HEADER_SEARCH_ROWS},
        )
    headers = [_header_text(c) for c in header]
    table = Table(sheet=sheet_name, header_row=header_index + 1, headers=headers)
    if kind == "xlsx":
        table.formulas = {r: cells for r, cells in formula_cells(data, sheet_name).items() if r > header_index + 1}
    formulas = table.formulas
    width = len(headers)
    rows, numbers = table.rows, table.row_numbers
    for i, cells in enumerate(raw, start=header_index + 1):
        if len(cells) != width:
            cells = cells[:width] if len(cells) > width else list(cells) + [""] * (width - len(cells))
        first = cells[0] if width else None
        # Most rows start with a value; only the others need a look at every cell.
        if (
            (first is None or first == "" or (first.__class__ is str and first.isspace()))
            and all(c is None or c == "" or (c.__class__ is str and c.isspace()) for c in cells)
            and i + 1 not in formulas
        ):
            continue
        if len(rows) == max_rows:  # refused at the first row too many, before reading the rest
            raise SheetError(
                "FILE_TOO_MANY_ROWS",
                _("The file has more than %(max)d rows; split it or ask for a larger limit.") % {"max": max_rows},
            )
        rows.append(cells)
        numbers.append(i + 1)
    return table


def _megabytes(n: int, *, up: bool = False) -> str:
    """Sizes with one decimal, rounded so that a file over the limit never reads as equal to it."""
    tenths = n * 10 / (1024 * 1024)
    tenths = int(tenths) + (1 if up and tenths != int(tenths) else 0)
    return f"{tenths / 10:.1f}"


def _header_text(cell) -> str:
    return "" if cell is None else str(cell).strip()
