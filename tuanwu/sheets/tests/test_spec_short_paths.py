"""Spec.parse reads usual cells without calling their parser: every cell must still give exactly what the
parser gives, or the same error, whichever path it takes."""

import datetime

import pytest
from django.utils import translation

from tuanwu.people.sheets import member_spec
from tuanwu.sheets import spec as s
from tuanwu.sheets.reader import Table

CELLS = [
    None,
    "",
    "   ",
    "\u3000",
    " 周婷 ",
    "ＡＢＣ１２３",
    "abc",
    "男",
    " 男 ",
    "male",
    "Male",
    "男性",
    "汉族",
    "哈呢族",
    "共青团员",
    "团员",
    "火星人",
    "2021-05-04",
    "2021年5月",
    "2021-02-30",
    "not a date",
    datetime.datetime(2021, 10, 18, 20, 15),
    datetime.datetime(2021, 10, 18),
    datetime.date(2020, 5, 4),
    20210504.0,
    341122200405170016.0,
    13812345678,
    True,
]


def expected(column: s.Column, raw):
    """What the cell gives through the column's own parser, with the blank rule in front of it."""
    if raw is None or raw == "" or (isinstance(raw, str) and raw.isspace()):
        return ("blank",)
    try:
        return ("value", (column.parser or s.text)(raw))
    except s.CellError as e:
        return ("error", e.code, e.message)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("field", [c.field for c in member_spec().columns])
def test_every_cell_gives_what_its_parser_gives(field):
    spec = member_spec()
    column = next(c for c in spec.columns if c.field == field)
    # The name column keeps every row a record (it is required), the column under test holds the cell.
    others = [c for c in spec.columns if c.required and c.field != field]
    headers = [column.header, *(c.header for c in others)]
    rows = [[raw, *("x" for _c in others)] for raw in CELLS]
    table = Table(sheet="s", header_row=1, headers=headers, rows=rows, row_numbers=list(range(2, 2 + len(rows))))

    parsed, errors = s.Spec(columns=[column, *others]).parse(table)

    by_row = {number: values for number, values in parsed}
    errors_by_row = {e.row: e for e in errors if e.column == column.header}
    for number, raw in zip(table.row_numbers, CELLS, strict=True):
        want = expected(column, raw)
        if want[0] == "blank":
            assert by_row[number][field] is None, raw
            assert (errors_by_row[number].code if number in errors_by_row else None) == (
                "REQUIRED" if column.required else None
            ), raw
        elif want[0] == "value":
            assert by_row[number][field] == want[1], raw
            assert type(by_row[number][field]) is type(want[1]), raw
            assert number not in errors_by_row, raw
        else:
            assert field not in by_row[number], raw
            assert (errors_by_row[number].code, errors_by_row[number].message) == want[1:], raw
