"""Importing a term's meetings: everyone on the roll present except those named, all rows or none, organizers
outside the importer's scope refused by row, and a template whose kind column is a dropdown."""

import datetime
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from tests.sheet_files import downloaded_name
from tuanwu.audit.models import BatchEvent
from tuanwu.meetings.imports import meeting_import
from tuanwu.meetings.models import Campaign, Kind, Meeting
from tuanwu.meetings.sheets import named_list

pytestmark = pytest.mark.django_db

HEADER = (
    "组织编码,组织名称,会议类型,日期,开始时间,结束时间,地点,议题,"
    "主持人,记录人,专题活动,学时,缺席人员,请假人员,会议内容,决议"
)


def _csv(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode("utf-8-sig")


GOOD = (
    "DH01,,主题团日,2026-03-10,19:30,21:00,村委会议室,学习团章,李华,张晓明,五四,,张晓明（外出务工）,,一、学习团章,通过学习计划",
    ",东湖村团支部,团课,2026/04/02,19:00,20:30,村委会议室,青年大学习专题团课,李华,李华,,1.5,,,讲授团史,",
)


def test_imports_a_terms_meetings_with_the_roll_present_except_those_named(cast):
    Campaign.objects.create(organization=cast.county, name="五四")

    result = meeting_import(actor=cast.users["branch_secretary"], data=_csv(*GOOD), filename="上半年.csv")

    assert result.committed, [e.as_dict() for e in result.errors]
    assert (result.created, result.unchanged) == (2, 0)
    theme, lesson = Meeting.objects.order_by("held_on")
    assert (theme.kind, theme.held_on, theme.starts_at, theme.place) == (
        Kind.THEME_DAY,
        datetime.date(2026, 3, 10),
        datetime.time(19, 30),
        "村委会议室",
    )
    assert (theme.chair.name, theme.recorder.name, theme.source) == ("李华", "张晓明", Meeting.Source.IMPORTED)
    assert [c.name for c in theme.campaigns.all()] == ["五四"]
    assert {a.person.name: (a.status, a.reason) for a in theme.attendance.select_related("person")} == {
        "张晓明": ("absent", "外出务工"),
        "李华": ("present", ""),
    }
    assert lesson.hours == Decimal("1.5")
    assert {a.person.name: a.hours for a in lesson.attendance.select_related("person")} == {
        "张晓明": Decimal("1.5"),
        "李华": Decimal("1.5"),
    }
    assert BatchEvent.objects.filter(kind="meeting_import", rows=2, file_name="上半年.csv").count() == 1


def test_a_file_imported_twice_records_its_meetings_once(cast):
    Campaign.objects.create(organization=cast.county, name="五四")
    meeting_import(actor=cast.users["branch_secretary"], data=_csv(*GOOD), filename="a.csv")

    again = meeting_import(actor=cast.users["branch_secretary"], data=_csv(*GOOD), filename="a.csv")

    assert again.committed
    assert (again.created, again.unchanged) == (0, 2)
    assert Meeting.objects.count() == 2


def test_a_bad_row_refuses_the_whole_file_naming_row_and_column_in_chinese(cast):
    Campaign.objects.create(organization=cast.county, name="五四")
    bad = "DH01,,主题团日,2026-05-04,19:30,18:00,村委会议室,五四主题团日,李华,张晓明,,,李华,,,"

    result = meeting_import(actor=cast.users["branch_secretary"], data=_csv(*GOOD, bad), filename="a.csv")

    assert not result.committed
    errors = {(e.row, e.column, e.code) for e in result.errors}
    assert errors == {(4, "结束时间", "MEETING_INVALID"), (4, "缺席人员", "ABSENT_REASON")}
    messages = {e.column: e.message for e in result.errors}
    assert messages["结束时间"] == "会议结束时间早于开始时间。"
    assert "外出务工" in messages["缺席人员"]
    assert not Meeting.objects.exists()
    assert not BatchEvent.objects.exists()


def test_refuses_a_row_of_an_organization_outside_the_importers_scope(cast):
    other = "DH02,,主题团日,2026-03-12,,,村部,学习团章,,,,,,,,"

    result = meeting_import(actor=cast.users["branch_secretary"], data=_csv(GOOD[1], other), filename="a.csv")

    assert not result.committed
    assert [(e.row, e.column, e.code) for e in result.errors] == [(3, "组织编码", "ORG_OUTSIDE_SCOPE")]
    assert not Meeting.objects.exists()


def test_refuses_a_name_not_on_the_roll(cast):
    row = "DH01,,支部大会,2026-03-12,,,村部,学习团章,,,,,王芳（生病）,,,"

    result = meeting_import(actor=cast.users["branch_secretary"], data=_csv(row), filename="a.csv")

    found = [(e.row, e.column, e.code, e.value) for e in result.errors]
    assert found == [(2, "缺席人员", "NOT_ON_ROLL", "王芳（生病）")]


def test_names_with_reasons_are_read_as_the_minutes_book_writes_them():
    names = named_list("李华（外出务工）、王芳(生病，住院)，赵磊")

    assert names == [("李华", "外出务工"), ("王芳", "生病,住院"), ("赵磊", "")]


def test_the_command_imports_as_the_named_user(cast, tmp_path, capsys):
    path = tmp_path / "m.csv"
    path.write_bytes(_csv(GOOD[1]))

    call_command("import", "meetings", str(path), "--as", "branch_secretary", "--format", "json")

    out = json.loads(capsys.readouterr().out)
    assert (out["created"], out["committed"], out["errors"]) == (1, True, [])
    assert Meeting.objects.get().organization == cast.branch


def test_template_download_offers_the_kinds_as_a_dropdown(client_as):
    client = client_as("branch_secretary")

    response = client.get("/jobs/imports/meetings/template/")

    assert response.status_code == 200
    assert downloaded_name(response).endswith("导入模板.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    kind_column = openpyxl.utils.get_column_letter(headers.index("会议类型") + 1)
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert str(validation.sqref).startswith(f"{kind_column}2:")
    assert "主题团日" in validation.formula1 and "团课" in validation.formula1
    assert "党课" not in validation.formula1


@pytest.mark.parametrize(("role", "status"), [("branch_secretary", 200), ("member", 404), ("cadre", 404)])
def test_import_page_is_offered_to_those_who_record_meetings(client_as, role, status):
    client = client_as(role)

    assert client.get("/jobs/imports/meetings/").status_code == status
    assert client.get("/jobs/imports/meetings/template/").status_code == status


def test_the_filled_in_template_imports_with_excel_dates_and_times(client_as, cast):
    data = client_as("branch_secretary").get("/jobs/imports/meetings/template/").content
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    values = {
        "组织编码": "DH01",
        "组织名称": None,
        "会议类型": "支部大会",
        "日期": datetime.datetime(2026, 1, 15),
        "开始时间": datetime.time(9, 0),
        "结束时间": datetime.time(11, 30),
        "缺席人员": None,
        "请假人员": "张晓明（生病）",
    }
    for name, value in values.items():
        sheet.cell(row=2, column=headers.index(name) + 1).value = value
    out = io.BytesIO()
    book.save(out)

    result = meeting_import(actor=cast.users["branch_secretary"], data=out.getvalue(), filename="模板.xlsx")

    assert result.committed, [e.as_dict() for e in result.errors]
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.held_on, meeting.starts_at, meeting.ends_at) == (
        Kind.GENERAL_MEETING,
        datetime.date(2026, 1, 15),
        datetime.time(9, 0),
        datetime.time(11, 30),
    )
    assert {a.person.name: (a.status, a.reason) for a in meeting.attendance.select_related("person")} == {
        "张晓明": ("excused", "生病"),
        "李华": ("present", ""),
    }
