"""Bounded work for any file: a workbook that expands far beyond its size is refused from its zip directory
before it is read, and a file with many bad rows keeps the first errors and counts the rest by rule."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from tests.factories import fresh_id
from tests.sheet_files import csv_bytes, db_counts, where, xlsx
from tuanwu.people.imports import member_import

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "身份证号码", "所在团支部", "入团年月"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def inflated(padding: int) -> bytes:
    """A real member workbook carrying a highly compressible part of `padding` bytes, in entries each below
    10 MB: small on disk, large once unzipped."""
    import datetime

    good = xlsx([HEADER, ["周婷", fresh_id(datetime.date(2006, 8, 9), male=False), "东湖村团支部", ""]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            zf.writestr(info.filename, source.read(info.filename))
        chunk = 8 * 1024 * 1024
        for i in range(0, padding, chunk):
            zf.writestr(f"xl/media/padding{i // chunk}.xml", b"<row/>" * (min(chunk, padding - i) // 6))
    return buffer.getvalue()


def test_a_highly_compressible_workbook_is_refused_from_its_zip_directory(cast, monkeypatch):
    data = inflated(24 * 1024 * 1024)
    assert len(data) < 200_000  # small on disk

    def never(*args, **kwargs):
        raise AssertionError("the workbook must not be read")

    monkeypatch.setattr("tuanwu.sheets.reader.CalamineWorkbook.from_filelike", never)
    before = db_counts()

    result = member_import(actor=cast.users["county_admin"], data=data, filename="名单.xlsx")

    assert where(result.errors) == [(0, "", "", "FILE_ZIP_BOMB")]
    assert db_counts() == before


def test_the_compression_ratio_limit_is_a_setting(cast):
    data = inflated(24 * 1024 * 1024)

    with override_settings(TUANWU_IMPORT_MAX_RATIO=10_000):
        result = member_import(actor=cast.users["county_admin"], data=data, filename="名单.xlsx", dry_run=True)

    assert result.errors == []


def test_the_default_limits_refuse_a_workbook_unzipping_to_600_mb():
    assert settings.TUANWU_IMPORT_MAX_UNZIPPED_BYTES < 600 * 1024 * 1024
    assert settings.TUANWU_IMPORT_MAX_RATIO <= 100


def many_bad_rows(n: int) -> bytes:
    """n rows, each with a bad ID number and an impossible join date."""
    return csv_bytes([HEADER, *[[f"团员{i}", "12345", "东湖村团支部", "2021-02-30"] for i in range(n)]])


def test_errors_stop_being_collected_after_the_cap_and_the_rest_are_counted_by_rule(cast):
    result = member_import(actor=cast.users["county_admin"], data=many_bad_rows(1500), filename="名单.csv")

    assert len(result.errors) == 1000
    assert result.error_count == 3000
    assert sum(result.more_errors.values()) == 2000
    assert set(result.more_errors) <= {"ID_LENGTH", "DATE_IMPOSSIBLE", "ID_FORMAT", "ID_INVALID"}
    assert result.bad_rows == 1500
    assert result.as_dict()["more_errors"] == dict(result.more_errors)
    assert not result.committed


def test_the_error_cap_is_a_setting(cast):
    with override_settings(TUANWU_IMPORT_MAX_ERRORS=10):
        result = member_import(actor=cast.users["county_admin"], data=many_bad_rows(20), filename="名单.csv")

    assert (len(result.errors), result.error_count, result.bad_rows) == (10, 40, 20)


def test_the_cli_says_how_many_more_problems_there_are(cast, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes(many_bad_rows(1500))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("import", "members", str(path), "--lang", "en", stdout=out)
    lines = out.getvalue().splitlines()

    assert exit_code.value.code == 1
    assert len(lines) == 1000 + 2
    assert lines[-2].startswith("… and 2000 more problems:")
    assert "1500 bad rows" in lines[-1]

    json_out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import", "members", str(path), "--format", "json", stdout=json_out)
    assert sum(json.loads(json_out.getvalue())["more_errors"].values()) == 2000
