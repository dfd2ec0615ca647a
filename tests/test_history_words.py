"""The words of the history pages: every kind of bulk change a module records has its name in the batch-events list,
in Chinese and English (the code in the tooltip); a yes-or-no field reads 是 / 否, never True / False."""

import re
from pathlib import Path

from django.utils import translation

from tuanwu.audit.models import BATCH_KINDS, BatchEvent
from tuanwu.audit.services import batch_event_record

ROOT = Path(__file__).resolve().parents[1] / "tuanwu"
CALL = re.compile(r"batch_event_record\((.{0,600}?)\)\s*$", re.S | re.M)


def _recorded_kinds() -> set[str]:
    """The kind= literals of every batch_event_record call, and the ImportPlan kinds' event kinds."""
    found = set()
    for path in ROOT.rglob("*.py"):
        if "/tests/" in str(path) or "/migrations/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        if "batch_event_record" not in text and "BatchEvent" not in text:
            continue
        found |= set(re.findall(r'kind="([a-z_]+_(?:import|migrated))"', text))
        for body in CALL.findall(text):
            found |= set(re.findall(r'kind="([a-z_]+)"', body))
    return found


def test_every_recorded_kind_has_a_name():
    kinds = _recorded_kinds()

    assert {"demo", "member_import", "study_import", "meeting_import"} <= kinds  # the scan finds them
    unnamed = sorted(kinds - set(BATCH_KINDS))
    assert not unnamed, f"name these kinds in audit.models.BATCH_KINDS: {unnamed}"


def test_the_list_shows_the_name_not_the_code(client_as, cast):
    batch_event_record(actor=None, organization=cast.county, kind="study_import", description="第6期", rows=3)

    page = client_as("county_admin").get("/audit/batch-events/").content.decode()

    assert 'title="study_import">导入青年大学习参学数据</td>' in page
    with translation.override("en"):
        assert BatchEvent.objects.get().kind_label == "Youth study participation imported"


def test_a_yes_or_no_field_reads_yes_or_no_in_the_change_history():
    from django.db import models

    from tuanwu.audit.history import _display

    flag = models.BooleanField()
    with translation.override("zh-hans"):
        assert (_display(flag, "True", {}), _display(flag, "False", {})) == ("是", "否")
    assert _display(models.CharField(), "False", {}) == "False"  # a text that happens to read False stays as it is
