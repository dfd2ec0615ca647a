"""The one import pipeline: a dry run writes nothing, a bad row keeps every row out, a problem found while writing
rolls the whole file back, progress is reported, the header is found below a title block, and a saved column
mapping names the columns of any import kind.

The plan under test writes the engine's own table (saved column mappings), so that these tests need no domain."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import development_number, fresh_id
from tests.sheet_files import xlsx
from tuanwu.people.imports import member_import
from tuanwu.people.models import Person
from tuanwu.sheets import spec as s
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.models import ColumnMapping
from tuanwu.sheets.selectors import column_mapping_get
from tuanwu.sheets.services import column_mapping_save

pytestmark = pytest.mark.django_db

SPEC = s.Spec(
    columns=[
        s.Column("名称", "name", ("名字",), required=True),
        s.Column("数量", "count", parser=s.integer),
    ]
)


class Recorder:
    """Stands in for the audit log's batch recorder (outside the engine)."""

    def __init__(self):
        self.events: list[dict] = []

    def __call__(self, **event):
        self.events.append(event)


def plan(recorder: Recorder, *, refuse_while_writing: bool = False) -> ImportPlan:
    def check_row(run: ImportRun, number: int, values: dict):
        if values["name"] == "坏":
            run.fail(number, "name", values["name"], "BAD_NAME", "This name is refused.")
        return values

    def write(run: ImportRun, rows: list[dict]) -> Event:
        for values in rows:
            ColumnMapping.objects.create(kind="toy", name=values["name"], columns={"count": values["count"]})
        run.result.created = len(rows)
        if refuse_while_writing:
            run.fail(run.rows[-1][0], "name", "", "TAKEN_MEANWHILE", "Someone else wrote this meanwhile.")
        return Event(kind="toy_import", organization=None, description=f"{len(rows)} toys")

    return ImportPlan(kind="toys", spec=SPEC, check_row=check_row, write=write, record=recorder)


def toys(*rows: list, title: str | None = None, header: tuple[str, str] = ("名称", "数量")) -> bytes:
    return xlsx(([[title]] if title else []) + [list(header), *[list(r) for r in rows]])


def test_a_good_file_is_written_with_one_batch_event():
    recorder = Recorder()

    result = run_import(plan(recorder), actor=None, data=toys(["甲", 1], ["乙", 2]), filename="toys.xlsx")

    assert (result.committed, result.created, result.errors) == (True, 2, [])
    assert sorted(ColumnMapping.objects.values_list("name", flat=True)) == ["乙", "甲"]
    assert recorder.events == [
        {
            "actor": None,
            "organization": None,
            "kind": "toy_import",
            "description": "2 toys",
            "rows": 2,
            "file_name": "toys.xlsx",
        }
    ]


def test_a_dry_run_checks_every_row_and_writes_nothing():
    recorder = Recorder()

    result = run_import(plan(recorder), actor=None, data=toys(["甲", 1], ["乙", 2]), filename="t.xlsx", dry_run=True)

    assert (result.committed, result.errors) == (False, [])
    assert ColumnMapping.objects.count() == 0
    assert recorder.events == []


def test_one_bad_row_keeps_every_row_out():
    recorder = Recorder()

    result = run_import(plan(recorder), actor=None, data=toys(["甲", 1], ["坏", 2], ["丙", "x"]), filename="t.xlsx")

    assert [(e.row, e.column, e.value, e.code) for e in result.errors] == [
        (3, "名称", "坏", "BAD_NAME"),
        (4, "数量", "x", "NOT_A_NUMBER"),
    ]
    assert result.committed is False
    assert ColumnMapping.objects.count() == 0
    assert recorder.events == []


def test_a_problem_found_while_writing_rolls_the_whole_file_back():
    recorder = Recorder()

    result = run_import(
        plan(recorder, refuse_while_writing=True), actor=None, data=toys(["甲", 1], ["乙", 2]), filename="t.xlsx"
    )

    assert [(e.row, e.code) for e in result.errors] == [(3, "TAKEN_MEANWHILE")]
    assert (result.committed, result.created) == (False, 0)
    assert ColumnMapping.objects.count() == 0
    assert recorder.events == []


def test_progress_is_reported_while_checking_and_at_the_end(monkeypatch):
    monkeypatch.setattr("tuanwu.sheets.importer.PROGRESS_EVERY", 2)
    calls: list[tuple[int, int]] = []

    run_import(
        plan(Recorder()),
        actor=None,
        data=toys(*[[f"玩具{i}", i] for i in range(5)]),
        filename="t.xlsx",
        progress=lambda done, total: calls.append((done, total)),
    )

    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_the_header_is_found_below_a_title_block_and_rows_keep_their_excel_numbers():
    data = xlsx([["2026年玩具清单"], ["填表单位：某某"], ["名称", "数量"], ["坏", 1]])

    result = run_import(plan(Recorder()), actor=None, data=data, filename="t.xlsx", dry_run=True)

    assert result.table is not None and result.table.header_row == 3
    assert [(e.row, e.code) for e in result.errors] == [(4, "BAD_NAME")]


def test_a_saved_mapping_reads_another_layouts_headers_for_a_toy_kind():
    column_mapping_save(kind="toys", name="另一种", columns={"name": "玩具", "count": "件数"})
    saved = column_mapping_get("toys", "另一种")
    assert saved is not None
    data = toys(["甲", 3], header=("玩具", "件数"))

    refused = run_import(plan(Recorder()), actor=None, data=data, filename="t.xlsx")
    result = run_import(plan(Recorder()), actor=None, data=data, filename="t.xlsx", mapping=saved.columns)

    assert [e.code for e in refused.errors] == ["HEADER_NOT_FOUND"]
    assert (result.committed, result.created) == (True, 1)
    assert ColumnMapping.objects.get(kind="toy").columns == {"count": 3}


def test_a_saved_mapping_applies_to_the_member_import(cast):
    column_mapping_save(kind="members", name="某系统导出", columns={"name": "团员姓名", "organization": "支部名称"})
    mapping = column_mapping_get("members", "某系统导出")
    assert mapping is not None
    id_number = fresh_id(datetime.date(2006, 8, 9), male=False)
    data = xlsx(
        [
            ["团员姓名", "身份证号码", "支部名称", "入团年月", "团员编号"],
            ["周婷", id_number, "东湖村团支部", "2021-05-04", development_number(2021)],
        ]
    )

    result = member_import(actor=cast.users["county_admin"], data=data, filename="m.xlsx", mapping=mapping.columns)

    assert (result.errors, result.created, result.committed) == ([], 1, True)
    assert Person.objects.get(id_number=id_number).name == "周婷"


def test_a_saved_mapping_is_one_per_kind_and_name():
    column_mapping_save(kind="members", name="甲省", columns={"name": "姓名1"})
    column_mapping_save(kind="study", name="甲省", columns={"name": "学员"})
    column_mapping_save(kind="members", name="甲省", columns={"name": "姓名2"})

    assert sorted(ColumnMapping.objects.values_list("kind", "columns")) == [
        ("members", {"name": "姓名2"}),
        ("study", {"name": "学员"}),
    ]
