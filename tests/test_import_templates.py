"""Every import template helps the person filling it: a dropdown on each column with allowed values, ID
numbers and phones kept as text, and a template filled from its own dropdowns imports clean."""

import io

import openpyxl
import pytest

from tests.factories import fresh_id
from tuanwu.sheets.registry import IMPORTS
from tuanwu.sheets.writer import template


def _book(kind):
    spec = IMPORTS[kind]
    return spec.spec(), openpyxl.load_workbook(io.BytesIO(template(spec.spec(), spec.example, spec.label())))


def _lists(book, sheet) -> dict[int, list[str]]:
    """The values each column's dropdown offers, by column index, whether inline or on a hidden sheet."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        column = openpyxl.utils.column_index_from_string(str(validation.sqref).split(":")[0].rstrip("0123456789"))
        formula = validation.formula1
        if formula.startswith('"'):
            values = formula.strip('"').split(",")
        else:
            name, cells = formula.lstrip("=").split("!")
            first, last = (c.replace("$", "") for c in cells.split(":"))
            values = [c.value for (c,) in book[name.strip("'")][f"{first}:{last}"]]
        found[column - 1] = values
    return found


@pytest.mark.parametrize("kind", sorted(IMPORTS))
def test_every_choice_column_has_a_dropdown_and_identifiers_are_text(kind):
    spec, book = _book(kind)
    sheet = book.worksheets[0]
    lists = _lists(book, sheet)

    for i, column in enumerate(spec.columns):
        if column.choices:
            assert lists.get(i) == list(column.choices), column.header
        if column.as_text:
            letter = openpyxl.utils.get_column_letter(i + 1)
            assert sheet.column_dimensions[letter].number_format == "@" or sheet[f"{letter}3"].number_format == "@"


def test_a_member_template_filled_from_its_dropdowns_imports_clean(cast):
    from tuanwu.people.imports import member_import

    spec, book = _book("members")
    sheet = book.worksheets[0]
    lists = _lists(book, sheet)
    fields = [c.field for c in spec.columns]
    assert {"ethnicity", "political_status", "gender"} <= {fields[i] for i in lists}
    row = {c.field: sheet.cell(row=2, column=i + 1).value for i, c in enumerate(spec.columns)}
    for i, values in lists.items():
        if fields[i] not in ("gender", "status"):
            row[fields[i]] = values[len(values) // 2]  # a value picked from the middle of the dropdown
    row.update(organization=cast.branch.name, id_number=fresh_id(__import__("datetime").date(2006, 3, 1)))
    row.pop("development_number", None)
    for i, field in enumerate(fields):
        sheet.cell(row=2, column=i + 1).value = row.get(field)
    out = io.BytesIO()
    book.save(out)

    result = member_import(actor=cast.users["county_admin"], data=out.getvalue(), filename="团员导入模板.xlsx")

    assert [e.message for e in result.errors] == []
    assert result.committed
