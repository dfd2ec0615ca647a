"""The mandate import (`tuanwu import mandates`): all or nothing, naming the row and column of each problem,
through the same rules as the page; its template offers the kinds as a dropdown and imports clean."""

import io

import openpyxl

from tests.sheet_files import where, xlsx
from tuanwu.audit.models import BatchEvent
from tuanwu.duties.imports import mandate_import
from tuanwu.duties.models import Mandate
from tuanwu.sheets.registry import IMPORTS
from tuanwu.sheets.writer import template

from .factories import mandate, term

HEADER = ["届次", "姓名", "身份证号", "身份", "任职起始", "代表团或选区"]
TERM = "共青团青禾县第十五次代表大会"


def test_a_good_file_adds_every_seat_with_one_batch_event(cast):
    term(cast.county)
    data = xlsx(
        [
            HEADER,
            [TERM, "张晓明", cast.people["zhang"].id_number, "委员", "", ""],
            [TERM, "王芳", "", "代表", "2024-01-01", "东湖镇代表团"],
            [TERM, "赵磊", "", "候补委员", "", ""],
        ]
    )

    result = mandate_import(actor=cast.users["county_admin"], data=data, filename="委员名单.xlsx")

    assert [e.message for e in result.errors] == []
    assert result.committed and result.created == 3
    assert sorted(Mandate.objects.values_list("person__name", "kind", "delegation")) == [
        ("张晓明", "committee_member", ""),
        ("王芳", "delegate", "东湖镇代表团"),
        ("赵磊", "alternate", ""),
    ]
    assert BatchEvent.objects.filter(kind="mandate_import").count() == 1


def test_one_bad_row_refuses_the_whole_file_naming_row_and_column(cast):
    t = term(cast.county)
    mandate(t, cast.people["wang"], kind="delegate")
    data = xlsx(
        [
            HEADER,
            [TERM, "张晓明", "", "委员", "", ""],
            [TERM, "王芳", "", "代表", "", ""],
            ["第十四次", "赵磊", "", "委员", "", ""],
            [TERM, "无此人", "", "委员", "", ""],
            [TERM, "张晓明", "", "委员", "", ""],
        ]
    )

    result = mandate_import(actor=cast.users["county_admin"], data=data, filename="委员名单.xlsx")

    assert not result.committed
    assert [(row, col, code) for row, col, _v, code in where(result.errors)] == [
        (3, "姓名", "MANDATE_EXISTS"),
        (4, "届次", "TERM_UNKNOWN"),
        (5, "姓名", "PERSON_UNKNOWN"),
        (6, "姓名", "DUPLICATE_IN_FILE"),
    ]
    assert Mandate.objects.count() == 1


def test_a_committee_secretary_cannot_import_into_the_countys_term(cast):
    term(cast.county)
    data = xlsx([HEADER, [TERM, "张晓明", "", "委员", "", ""]])

    result = mandate_import(actor=cast.users["committee_secretary"], data=data, filename="委员名单.xlsx")

    assert [e.code for e in result.errors] == ["TERM_UNKNOWN"]
    assert not Mandate.objects.exists()


def test_the_template_offers_the_kinds_as_a_dropdown_and_imports_clean_when_filled(cast):
    term(cast.county)
    kind = IMPORTS["mandates"]
    book = openpyxl.load_workbook(io.BytesIO(template(kind.spec(), kind.example, kind.label())))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    row = {"届次": TERM, "姓名": "张晓明", "身份": "常委"}
    for i, h in enumerate(headers):
        sheet.cell(row=2, column=i + 1).value = row.get(h)
    for r in range(3, sheet.max_row + 1):
        for c in range(1, len(headers) + 1):
            sheet.cell(row=r, column=c).value = None
    out = io.BytesIO()
    book.save(out)

    result = mandate_import(actor=cast.users["county_admin"], data=out.getvalue(), filename="任职导入模板.xlsx")

    assert [e.message for e in result.errors] == []
    assert Mandate.objects.get().kind == "standing_committee"
