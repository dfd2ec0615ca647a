"""File names users download: in the user's language, dated, safe, and delivered intact to the browser."""

import datetime

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tests.sheet_files import downloaded_name
from tuanwu.core.downloads import attach, dated_name, file_name, safe_name


def test_unsafe_characters_are_replaced_and_a_name_is_never_empty():
    assert safe_name('a/b\\c:d*e?f"g<h>i|j') == "a-b-c-d-e-f-g-h-i-j"
    assert safe_name(" ..") == "download"


def test_names_join_the_label_and_the_non_empty_parts():
    assert file_name("团员", 2026, "", None, ext="docx") == "团员-2026.docx"


def test_dated_names_carry_the_local_date_and_time():
    when = timezone.make_aware(datetime.datetime(2026, 12, 4, 15, 30))
    assert dated_name("会议记录", when=when) == "会议记录-2026-12-04-1530.xlsx"


def test_the_label_follows_the_active_language():
    with translation.override("zh-hans"):
        assert file_name(_("Error report"), "名单") == "错误报告-名单.xlsx"
    with translation.override("en"):
        assert file_name(_("Error report"), "list") == "Error report-list.xlsx"


def test_a_chinese_name_reaches_the_browser_intact():
    response = attach(HttpResponse(b""), "团员名单-2026.xlsx")
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert downloaded_name(response) == "团员名单-2026.xlsx"
    assert attach(HttpResponse(b""), "a.pdf", inline=True)["Content-Disposition"] == 'inline; filename="a.pdf"'
