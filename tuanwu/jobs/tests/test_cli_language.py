"""The import and export commands speak the user's language end to end: the frame around each message (row,
column, the summary) is translated like the messages, Chinese by default, English with --lang en or when the
site's language setting is English."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from tests.factories import development_number, fresh_id
from tests.sheet_files import xlsx

HEADER = ["姓名", "身份证号码", "所在团支部", "入团年月", "团员编号"]


def member_file(tmp_path, branch: str = "南山村团支部"):
    good = [
        "周婷",
        fresh_id(datetime.date(2006, 8, 9), male=False),
        "东湖村团支部",
        "2021-05-04",
        development_number(2021),
    ]
    bad = ["孙悦", fresh_id(datetime.date(2006, 8, 9), male=False), branch, "2021-05-04", development_number(2021)]
    path = tmp_path / "团员名单.xlsx"
    path.write_bytes(xlsx([HEADER, good, bad]))
    return str(path)


def run(*args) -> tuple[int, str]:
    """Exit code and output of a command, called while English is active (the command chooses its own)."""
    out = io.StringIO()
    code = 0
    with translation.override("en"):
        try:
            call_command(*args, stdout=out, stderr=io.StringIO())
        except SystemExit as e:
            code = e.code
    return code, out.getvalue()


def test_import_output_is_chinese_by_default_frame_and_all(cast, tmp_path):
    code, out = run("import", "members", member_file(tmp_path), "--as", "county_admin")

    assert code == 1
    assert out.splitlines() == [
        "第 3 行，所在团支部 “南山村团支部”：您的管辖范围内没有名为“南山村团支部”的团组织，请核对名称或填写组织编码。"
        " [ORG_UNKNOWN]",
        "新增 1 行、修改 0 行、未变 0 行可导入；有问题的行 1 行；未写入任何内容。",
    ]


def test_import_output_is_english_with_lang_en(cast, tmp_path):
    code, out = run("import", "members", member_file(tmp_path), "--as", "county_admin", "--lang", "en")

    assert (
        out.splitlines()[-1] == "1 new, 0 changed, 0 unchanged rows would be imported; 1 bad rows; nothing was written."
    )


@override_settings(LANGUAGE_CODE="en")
def test_import_output_follows_the_language_setting(cast, tmp_path):
    code, out = run("import", "members", member_file(tmp_path), "--as", "county_admin")

    assert out.splitlines()[0].startswith("row 3, 所在团支部")


def test_a_committed_import_is_reported_in_chinese(cast, tmp_path):
    code, out = run("import", "members", member_file(tmp_path, branch="东湖村团支部"), "--as", "county_admin")

    assert (code, out.strip()) == (0, "新增 2 行、修改 0 行、未变 0 行已导入；有问题的行 0 行。")


def test_a_missing_file_argument_is_reported_in_chinese(cast):
    with translation.override("en"), pytest.raises(Exception) as error:
        call_command("import", "members")

    assert "FILE" in str(error.value) and "必须" in str(error.value)


def test_export_output_is_chinese_by_default(cast, tmp_path):
    target = tmp_path / "out.xlsx"

    code, out = run("export", "organizations", "-o", str(target), "--as", "county_admin")

    assert code == 0
    assert out.strip().startswith("已将") and str(target) in out


STUDY_EXPORT = (
    "青年大学习2026年第1期学习情况\n"
    "课程,系统,学校,学院,单位/班级/社区（村）,学号/卡号/工号,学习时间\n"
    "第1期,,,,东湖村团支部,李华,2026/03/02 20:16\n"
).encode("gbk")


def test_the_study_import_summary_is_chinese_by_default(cast, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(STUDY_EXPORT)

    code, out = run("import", "study", str(path), "--episode", "2026-01", "--date", "2026-03-01", "--dry-run")

    assert code == 0
    assert out.strip().startswith("2026-01：学员 1 人")
    assert "learners" not in out and "nothing written" not in out
