"""An import never overwrites someone else: a row that would rename the person registered under its ID number is
a conflict the user confirms row by row; a file with no rows, and formula cells, are refused; an exported file
imports back unchanged."""

import io
import json

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from tests.sheet_files import db_counts, where, xlsx
from tuanwu.jobs import services
from tuanwu.people.imports import member_import
from tuanwu.people.models import Person

HEADER = ["姓名", "身份证号码", "所在团支部"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def renaming(cast, *names: str) -> bytes:
    """Rows giving the cast's 张晓明 and 李华 (by their ID numbers) the names given."""
    people = [cast.people["zhang"], cast.people["li"]]
    return xlsx([HEADER, *[[name, p.id_number, "东湖村团支部"] for name, p in zip(names, people, strict=False)]])


def run(cast, data: bytes, **kw):
    return member_import(actor=cast.users["county_admin"], data=data, filename="名单.xlsx", **kw)


def test_a_row_that_renames_a_registered_person_is_a_conflict_showing_both_names(cast):
    before = db_counts()

    check = run(cast, renaming(cast, "张小明"), dry_run=True)
    attempt = run(cast, renaming(cast, "张小明"))

    for result in (check, attempt):
        assert where(result.errors) == [(2, "姓名", "张小明", "NAME_CHANGED")]
        assert "张晓明" in result.errors[0].message and "张小明" in result.errors[0].message
        assert result.errors[0].confirm is True
        assert (result.updated, result.committed) == (0, False)
    assert db_counts() == before
    assert Person.objects.get(pk=cast.people["zhang"].pk).name == "张晓明"


def test_a_confirmed_rename_is_imported(cast):
    result = run(cast, renaming(cast, "张小明"), confirm={2})

    assert (result.errors, result.updated, result.committed) == ([], 1, True)
    assert Person.objects.get(pk=cast.people["zhang"].pk).name == "张小明"


def test_an_unconfirmed_rename_keeps_the_whole_file_out(cast):
    result = run(cast, renaming(cast, "张小明", "李小华"), confirm={2})

    assert where(result.errors) == [(3, "姓名", "李小华", "NAME_CHANGED")]
    assert not result.committed
    assert Person.objects.get(pk=cast.people["zhang"].pk).name == "张晓明"


def test_all_renames_can_be_confirmed_at_once(cast):
    result = run(cast, renaming(cast, "张小明", "李小华"), confirm=True)

    assert (result.errors, result.updated, result.committed) == ([], 2, True)


def test_a_file_with_only_a_header_is_nothing_to_import(cast):
    result = run(cast, xlsx([HEADER]))

    assert where(result.errors) == [(0, "", "", "FILE_NO_ROWS")]
    assert not result.committed


def formulas(cast) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    ws = book.add_worksheet("Sheet1")
    for c, header in enumerate(HEADER):
        ws.write_string(0, c, header)
    ws.write_formula(1, 0, '="张"&"晓明"', None, "张晓明")  # a cached value that must not be imported
    ws.write_string(1, 1, cast.people["zhang"].id_number)
    ws.write_string(1, 2, "东湖村团支部")
    ws.write_string(2, 0, "李华")
    ws.write_formula(2, 1, "=A1", None, "")  # no cached value: not "required"
    ws.write_string(2, 2, "东湖村团支部")
    book.close()
    return buffer.getvalue()


def test_formula_cells_are_reported_as_formulas_with_row_and_column(cast):
    result = run(cast, formulas(cast))

    assert [(e.row, e.column, e.code) for e in result.errors] == [(2, "姓名", "FORMULA"), (3, "身份证号码", "FORMULA")]
    assert not result.committed


def cli(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = 0
    with translation.override("en"):
        try:
            call_command("import", *args, stdout=out, stderr=io.StringIO())
        except SystemExit as e:
            code = e.code
    return code, out.getvalue()


def test_cli_refuses_a_rename_unless_that_row_is_confirmed(cast, tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(renaming(cast, "张小明", "李小华"))
    args = ("members", str(path), "--as", "county_admin", "--format", "json", "--lang", "en")

    refused, out = cli(*args)
    partly, _out = cli(*args, "--confirm-rename", "2")
    done, _out = cli(*args, "--confirm-rename", "2,3")

    assert [(e["row"], e["code"]) for e in json.loads(out)["errors"]] == [(2, "NAME_CHANGED"), (3, "NAME_CHANGED")]
    assert (refused, partly, done) == (1, 1, 0)
    assert Person.objects.get(pk=cast.people["li"].pk).name == "李小华"


def test_cli_confirm_renames_confirms_every_row(cast, tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(renaming(cast, "张小明"))

    code, _out = cli("members", str(path), "--as", "county_admin", "--confirm-renames")

    assert code == 0
    assert Person.objects.get(pk=cast.people["zhang"].pk).name == "张小明"


def test_the_check_page_asks_for_each_rename_and_imports_the_confirmed_rows(client_as, cast):
    upload = SimpleUploadedFile("名单.xlsx", renaming(cast, "张小明"))
    check = services.import_start(actor=cast.users["county_admin"], kind="members", upload=upload)
    client = client_as("county_admin")

    page = client.get(f"/jobs/{check.pk}/").content.decode()
    response = client.post(f"/jobs/{check.pk}/confirm/", {"confirm": ["2"]})

    assert 'name="confirm" value="2"' in page
    assert "张晓明" in page
    assert response.status_code == 302
    assert Person.objects.get(pk=cast.people["zhang"].pk).name == "张小明"
