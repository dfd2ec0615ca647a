"""The sheets engine: real-world layouts and encodings are read, unsafe or broken files are refused with a
rule code and nothing written, cells are parsed or refused, and written files run no formulas."""

import datetime
import io
import zipfile

import pytest
from django.test import override_settings
from django.utils import translation

from tests.factories import development_number, fresh_id
from tests.sheet_files import csv_bytes, db_counts, read_back, where, xls, xlsx
from tuanwu.people.imports import member_import
from tuanwu.people.models import Person
from tuanwu.people.sheets import member_spec
from tuanwu.sheets import spec as s
from tuanwu.sheets.reader import read_table
from tuanwu.sheets.spec import CellError, RowError
from tuanwu.sheets.writer import Writer, error_report

TITLE = "青禾县2021年团员名单"
HEADER = ["姓名", "身份证号码", "所在团支部", "入团年月", "团员编号"]
WOMAN_BORN = datetime.date(2006, 8, 9)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def good_row(name="周婷", joined="2021-05-04"):
    return [name, fresh_id(WOMAN_BORN, male=False), "东湖村团支部", joined, development_number(2021)]


def run(data, filename, actor):
    return member_import(actor=actor, data=data, filename=filename)


# Layouts: a title above the header, blank rows, .xls, CSV encodings


def gbk_csv(rows):
    return csv_bytes(rows, "gbk")


def xls_with_merged_title(rows):
    return xls(rows[1:], title=rows[0][0])


@pytest.mark.parametrize(
    ("make", "filename"),
    [(xlsx, "名单.xlsx"), (xls_with_merged_title, "名单.xls"), (gbk_csv, "名单.csv")],
    ids=["xlsx", "xls", "gbk-csv"],
)
def test_header_under_a_title_row_is_found_and_rows_keep_the_numbers_excel_shows(make, filename):
    data = make(
        [
            [TITLE, "", ""],
            ["姓名", "身份证号码", "所在团支部"],
            ["周婷", "341102200608090022", "东湖村团支部"],
            ["", "", ""],
            ["吴强", "341102199912010071", "西湾村团支部"],
        ]
    )

    table = read_table(data, filename, find_header=member_spec().is_header)

    assert table.header_row == 2
    assert table.headers == ["姓名", "身份证号码", "所在团支部"]
    assert table.row_numbers == [3, 5]
    assert table.rows == [
        ["周婷", "341102200608090022", "东湖村团支部"],
        ["吴强", "341102199912010071", "西湾村团支部"],
    ]


def test_a_bad_cell_under_a_title_row_is_reported_on_the_row_excel_shows(cast):
    bad_id = "341102200608090023"
    data = xlsx([[TITLE], HEADER, good_row(), ["吴强", bad_id, "东湖村团支部", "", ""]])
    before = db_counts()

    result = run(data, "名单.xlsx", cast.users["county_admin"])

    assert where(result.errors) == [(4, "身份证号码", bad_id, "ID_CHECKSUM")]
    assert result.committed is False
    assert db_counts() == before


@pytest.mark.parametrize(
    ("template_header", "file_header"),
    [
        ("单位/班级/社区（村）", "单位/班级/社区(村)"),
        ("单位/班级/社区(村)", "单位/班级/社区（村）"),
        ("单位/班级/社区（村）", " 单位/班级/社区 （村） "),
        ("姓名", "姓　名"),
        ("姓名", "*姓名"),
        ("姓名", "＊姓名："),
        ("身份证号码", "身份证号码:"),
        ("QQ", "ＱＱ"),
        ("QQ", "qq"),
    ],
)
def test_headers_match_across_full_width_characters_spaces_asterisks_and_colons(template_header, file_header):
    spec = s.Spec(columns=[s.Column(template_header, "field", required=True)])
    data = xlsx([[file_header], ["东湖村"]])

    table = read_table(data, "a.xlsx", find_header=spec.is_header)
    index, errors = spec.map_headers(table)

    assert (table.header_row, index, errors) == (1, {"field": 0}, [])


def test_a_member_file_with_decorated_headers_imports(cast):
    headers = ["* 姓 名", "身份证号：", "＊所在团支部", "入团时间", "发展团员编号"]
    data = xlsx([headers, good_row()])

    result = run(data, "名单.xlsx", cast.users["county_admin"])

    assert (result.errors, result.created, result.committed) == ([], 1, True)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_the_encodings_excel_saves_imports_with_its_chinese_intact(cast, encoding):
    row = good_row(name="欧阳娜娜")
    data = csv_bytes([[TITLE], HEADER, row], encoding)

    result = run(data, "名单.csv", cast.users["county_admin"])

    assert (result.errors, result.created, result.committed) == ([], 1, True)
    person = Person.objects.get(id_number=row[1])
    assert (person.name, person.organization) == ("欧阳娜娜", cast.branch)


def test_legacy_xls_with_a_merged_title_and_a_real_date_imports(cast):
    row = good_row()
    row[3] = datetime.date(2021, 5, 4)
    data = xls([HEADER, row], sheet="团员", title=TITLE)
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # a real BIFF/OLE2 file, not an xlsx renamed

    result = run(data, "智慧团建导入团员团干部数据模板.xls", cast.users["county_admin"])

    assert (result.errors, result.created, result.committed) == ([], 1, True)
    assert result.table.header_row == 2 and result.table.row_numbers == [3]
    person = Person.objects.get(id_number=row[1])
    assert (person.name, person.membership.join_date) == ("周婷", datetime.date(2021, 5, 4))


# Files refused as a whole: the error is on "row 0" (the file), no column, and nothing is written


def zip_bomb(unzipped: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * unzipped)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "不是表格")
    return buffer.getvalue()


GOOD_XLSX = xlsx([HEADER, ["周婷", "341102200608090022", "东湖村团支部", "", ""]])
HEADER_CSV = csv_bytes([HEADER, ["周婷", "341102200608090022", "东湖村团支部", "", ""]])


@pytest.mark.parametrize(
    ("filename", "data", "limits", "code"),
    [
        ("名单.csv", HEADER_CSV, {"TUANWU_IMPORT_MAX_BYTES": len(HEADER_CSV) - 1}, "FILE_TOO_LARGE"),
        (
            "名单.xlsx",
            xlsx([HEADER] + [["周婷", "x", "东湖村团支部"]] * 4),
            {"TUANWU_IMPORT_MAX_ROWS": 3},
            "FILE_TOO_MANY_ROWS",
        ),
        ("名单.xlsx", HEADER_CSV, {}, "FILE_TYPE_MISMATCH"),
        ("名单.xls", GOOD_XLSX, {}, "FILE_TYPE_MISMATCH"),
        ("名单.csv", GOOD_XLSX, {}, "FILE_TYPE_MISMATCH"),
        ("名单.xlsx", "姓名\t身份证号码\n".encode("utf-16"), {}, "FILE_TYPE_MISMATCH"),
        ("名单.docx", GOOD_XLSX, {}, "FILE_TYPE"),
        ("名单.pdf", b"%PDF-1.7\n", {}, "FILE_TYPE"),
        ("名单", HEADER_CSV, {}, "FILE_TYPE"),
        ("名单.xlsx", zip_bomb(2_000_000), {"TUANWU_IMPORT_MAX_UNZIPPED_BYTES": 1_000_000}, "FILE_ZIP_BOMB"),
        ("名单.xlsx", b"PK\x03\x04" + b"\x00damaged" * 50, {}, "FILE_DAMAGED"),
        ("名单.xlsx", GOOD_XLSX[: len(GOOD_XLSX) // 2], {}, "FILE_DAMAGED"),
        ("名单.xlsx", plain_zip(), {}, "FILE_DAMAGED"),
        ("名单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, {}, "FILE_DAMAGED"),
        ("名单.xlsx", b"", {}, "FILE_EMPTY"),
        ("名单.csv", b"", {}, "FILE_EMPTY"),
        ("名单.csv", "姓名,身份证号码,所在团支部\r\n周婷,".encode() + b"\xff\xfe\r\n", {}, "FILE_ENCODING"),
        ("名单.xlsx", xlsx([["学号", "班级"], ["2024001", "1班"]]), {}, "HEADER_NOT_FOUND"),
        ("名单.xlsx", xlsx([[f"说明第{i}行"] for i in range(15)] + [HEADER]), {}, "HEADER_NOT_FOUND"),
        ("名单.csv", b"\r\n\r\n", {}, "HEADER_NOT_FOUND"),
    ],
    ids=[
        "one-byte-over-the-size-limit",
        "one-row-over-the-row-limit",
        "csv-named-xlsx",
        "xlsx-named-xls",
        "xlsx-named-csv",
        "utf16-text-named-xlsx",
        "docx",
        "pdf",
        "no-extension",
        "zip-bomb",
        "zip-magic-then-garbage",
        "truncated-xlsx",
        "zip-that-is-no-workbook",
        "ole2-magic-then-garbage",
        "empty-xlsx",
        "empty-csv",
        "csv-neither-utf8-nor-gbk",
        "unrelated-columns",
        "header-below-row-15",
        "blank-lines-only",
    ],
)
def test_an_unusable_file_is_refused_as_a_whole_and_nothing_is_written(cast, filename, data, limits, code):
    before = db_counts()

    with override_settings(**limits):
        result = run(data, filename, cast.users["county_admin"])

    assert where(result.errors) == [(0, "", "", code)]
    assert result.errors[0].message
    assert (result.committed, result.created, result.table) == (False, 0, None)
    assert db_counts() == before


@pytest.mark.parametrize(
    ("filename", "data", "limits"),
    [
        ("名单.csv", HEADER_CSV, {"TUANWU_IMPORT_MAX_BYTES": len(HEADER_CSV)}),
        ("名单.xlsx", xlsx([HEADER] + [["周婷", "x", "东湖村团支部"]] * 3), {"TUANWU_IMPORT_MAX_ROWS": 3}),
        ("名单.xlsx", GOOD_XLSX, {"TUANWU_IMPORT_MAX_UNZIPPED_BYTES": 100_000}),
        ("名单.xlsx", xlsx([[f"说明第{i}行"] for i in range(14)] + [HEADER, ["周婷", "x", "东湖村团支部"]]), {}),
    ],
    ids=["size-at-the-limit", "rows-at-the-limit", "ordinary-xlsx-under-the-unzip-limit", "header-on-row-15"],
)
def test_a_file_at_the_limits_is_read(filename, data, limits):
    with override_settings(**limits):
        table = read_table(data, filename, find_header=member_spec().is_header)

    assert table.headers[:3] == HEADER[:3]
    assert len(table.rows) >= 1


def test_the_limits_are_named_in_the_messages(cast):
    data = xlsx([HEADER] + [["周婷", "x", "东湖村团支部"]] * 4)

    with override_settings(TUANWU_IMPORT_MAX_ROWS=3):
        result = run(data, "名单.xlsx", cast.users["county_admin"])

    assert [e.message for e in result.errors] == ["The file has more than 3 rows; split it or ask for a larger limit."]


def test_an_oversize_file_is_said_to_be_larger_than_the_limit(cast):
    data = b"a" * (1024 * 1024 + 1)

    with override_settings(TUANWU_IMPORT_MAX_BYTES=1024 * 1024):
        result = run(data, "名单.csv", cast.users["county_admin"])

    [error] = result.errors
    assert error.code == "FILE_TOO_LARGE"
    assert error.message != "The file is 1 MB; at most 1 MB can be imported at once."


# Cells: numbers that must stay text, and dates in every form users type


def test_an_id_number_stored_as_a_number_is_refused_because_excel_dropped_digits():
    data = xlsx([HEADER[:3], ["周婷", 341122200405170016.0, "东湖村团支部"]])
    spec = member_spec()

    rows, errors = spec.parse(read_table(data, "名单.xlsx", find_header=spec.is_header))

    assert [(e.row, e.column, e.code, e.message) for e in errors] == [
        (
            2,
            "身份证号码",
            "NUMBER_LOST_DIGITS",
            "The cell is stored as a number and Excel has dropped digits beyond the 15th; format the column as text "
            "and type the number again.",
        )
    ]
    assert rows == [(2, {"name": "周婷", "organization": "东湖村团支部"})]


def test_a_number_that_lost_digits_is_shown_as_excel_shows_it():
    data = xlsx([HEADER[:3], ["周婷", 341122200405170016.0, "东湖村团支部"]])
    spec = member_spec()

    _rows, errors = spec.parse(read_table(data, "名单.xlsx", find_header=spec.is_header))

    assert [e.value for e in errors] == ["341122200405170000"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("341122200405170016", "341122200405170016"),
        ("34112220040517001X", "34112220040517001X"),
        (13812345678.0, "13812345678"),
        (13812345678, "13812345678"),
        (123456789012345.0, "123456789012345"),
        ("００１２", "0012"),
        (" 2021 0000 0001 ", "2021 0000 0001"),
    ],
)
def test_id_text_keeps_text_and_short_numbers(cell, expected):
    assert s.id_text(cell) == expected


@pytest.mark.parametrize("cell", [341122200405170016.0, 1234567890123456.0, 1.5e20, 341122200405170016])
def test_id_text_refuses_a_number_of_more_than_15_digits(cell):
    with pytest.raises(CellError) as caught:
        s.id_text(cell)

    assert caught.value.code == "NUMBER_LOST_DIGITS"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2020-05-04", datetime.date(2020, 5, 4)),
        ("2020/5/4 20:15", datetime.date(2020, 5, 4)),
        ("2020/05/04 20:15:30", datetime.date(2020, 5, 4)),
        ("2020年5月4日", datetime.date(2020, 5, 4)),
        ("2020.5.4", datetime.date(2020, 5, 4)),
        ("20200504", datetime.date(2020, 5, 4)),
        ("２０２０－０５－０４", datetime.date(2020, 5, 4)),
        ("2020-05", datetime.date(2020, 5, 1)),
        ("2020年5月", datetime.date(2020, 5, 1)),
        ("202005", datetime.date(2020, 5, 1)),
        (datetime.datetime(2020, 5, 4, 20, 15), datetime.date(2020, 5, 4)),
        (datetime.date(2020, 5, 4), datetime.date(2020, 5, 4)),
    ],
)
def test_dates_are_read_in_every_form_users_write_them(cell, expected):
    assert s.date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "code", "message"),
    [
        ("2021-02-29", "DATE_IMPOSSIBLE", "“2021-02-29” is not a real date."),
        ("2020-04-31", "DATE_IMPOSSIBLE", "“2020-04-31” is not a real date."),
        ("2020年13月1日", "DATE_IMPOSSIBLE", "“2020年13月1日” is not a real date."),
        ("2020-00", "DATE_IMPOSSIBLE", "“2020-00” is not a real date."),
        ("20200230", "DATE_IMPOSSIBLE", "“20200230” is not a real date."),
        ("去年五月", "DATE_FORMAT", "“去年五月” is not a date; write it as 2020-05-04."),
        ("05/04/2020", "DATE_FORMAT", "“05/04/2020” is not a date; write it as 2020-05-04."),
        (43955.0, "DATE_FORMAT", "“43955” is not a date; write it as 2020-05-04."),
    ],
)
def test_impossible_and_unreadable_dates_are_refused_with_their_rule(cell, code, message):
    with pytest.raises(CellError) as caught:
        s.date(cell)

    assert (caught.value.code, caught.value.message) == (code, message)


@pytest.mark.parametrize(("make", "filename"), [(xlsx, "a.xlsx"), (xls, "a.xls")], ids=["xlsx", "xls"])
def test_real_excel_dates_and_date_times_become_dates(make, filename):
    spec = s.Spec(columns=[s.Column("入团年月", "joined", required=True, parser=s.date)])
    data = make([["入团年月"], [datetime.date(2020, 5, 4)], [datetime.datetime(2021, 10, 18, 20, 15)]])

    rows, errors = spec.parse(read_table(data, filename, find_header=spec.is_header))

    assert errors == []
    assert rows == [(2, {"joined": datetime.date(2020, 5, 4)}), (3, {"joined": datetime.date(2021, 10, 18)})]


def test_an_impossible_date_in_a_file_names_its_row_column_and_value():
    spec = s.Spec(columns=[s.Column("姓名", "name", required=True), s.Column("入团年月", "joined", parser=s.date)])
    data = xlsx([[TITLE], ["姓名", "入团年月"], ["周婷", "2021-05-04"], ["吴强", "2021-02-30"]])

    _rows, errors = spec.parse(read_table(data, "a.xlsx", find_header=spec.is_header))

    assert errors == [RowError(4, "入团年月", "2021-02-30", "DATE_IMPOSSIBLE", "“2021-02-30” is not a real date.")]


# Writing: nothing a user typed can run as a formula in the files TuanWu hands out


DANGEROUS = ["=1+1", "+8613812345678", "-1", "@SUM(A1:A2)", '=HYPERLINK("http://example.invalid","点我")', "\t=1+1"]


def sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize("value", DANGEROUS)
def test_writer_writes_formula_like_text_as_plain_text(value):
    w = Writer()
    w.sheet("名单", ["备注"], [[value]])

    data = w.close()

    assert read_back(data)["名单"] == [["备注"], ["'" + value]]
    assert "<f>" not in sheet_xml(data)


def test_writer_leaves_ordinary_text_and_numbers_alone():
    w = Writer()
    w.sheet("名单", ["姓名", "班级", "人数"], [["张晓明", "2024级1班", -5], ["李华", "a=b", 3.5]])

    data = w.close()

    assert read_back(data)["名单"] == [["姓名", "班级", "人数"], ["张晓明", "2024级1班", -5.0], ["李华", "a=b", 3.5]]


def test_the_error_report_writes_the_users_own_formulas_back_as_text():
    rows = [["=cmd|' /C calc'!A0", "@SUM(1)"]]
    errors = [RowError(2, "姓名", "=cmd|' /C calc'!A0", "ID_LENGTH", "bad")]

    data = error_report(["姓名", "身份证号码"], rows, [2], errors)

    [header, line] = read_back(data)["Errors"]
    assert line[1:] == [2.0, "'=cmd|' /C calc'!A0", "'@SUM(1)"]
    assert line[0] == "姓名「=cmd|' /C calc'!A0」: bad [ID_LENGTH]"
    assert "<f>" not in sheet_xml(data)
