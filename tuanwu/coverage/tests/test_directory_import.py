"""The directory import (`tuanwu import directory`): keyed by credit code, all or nothing naming the bad row,
idempotent on a second run, within the importer's scope."""

import io
import json

from django.core.management import call_command

from tests.sheet_files import xlsx
from tuanwu.audit.models import BatchEvent
from tuanwu.coverage.imports import directory_import
from tuanwu.coverage.models import Unit, UnitStep
from tuanwu.coverage.tests.factories import bad_credit_code, credit_code
from tuanwu.organizations.models import Park

HEADER = [
    "统一社会信用代码",
    "企业名称",
    "单位类型",
    "所在园区",
    "所在乡镇",
    "从业人员数",
    "35岁以下青年数",
    "团员数",
    "是否实体运营",
]


def rows(n: int) -> list[list]:
    return [
        [credit_code(), f"单位{i:05d}", "非公企业", "青禾经开区", "东湖镇团委", 20, 5, i % 4, "是"] for i in range(n)
    ]


def units():
    return list(Unit.objects.order_by("credit_code").values_list("credit_code", "name", "employees", "version"))


def test_five_thousand_units_with_one_bad_code_are_refused_whole_naming_the_row(cast):
    Park.objects.create(name="青禾经开区")
    body = rows(5000)
    body[3140][0] = bad_credit_code()
    events = BatchEvent.objects.count()

    result = directory_import(actor=cast.users["county_admin"], data=xlsx([HEADER, *body]), filename="市场监管.xlsx")

    [error] = result.errors
    assert (error.row, error.column, error.code) == (3142, "统一社会信用代码", "USCC_INVALID")
    assert body[3140][0] in error.message
    assert (Unit.objects.count(), BatchEvent.objects.count(), result.committed) == (0, events, False)


def test_the_good_file_commits_and_a_second_run_changes_nothing(cast):
    Park.objects.create(name="青禾经开区")
    data = xlsx([HEADER, *rows(5000)])
    admin = cast.users["county_admin"]

    first = directory_import(actor=admin, data=data, filename="市场监管.xlsx")
    before = units()
    second = directory_import(actor=admin, data=data, filename="市场监管.xlsx")

    assert (first.committed, first.created, first.updated) == (True, 5000, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 5000)
    assert units() == before
    assert UnitStep.objects.filter(kind="imported").count() == 5000
    assert Unit.objects.filter(park__name="青禾经开区", township=cast.town).count() == 5000


def test_a_changed_row_updates_its_unit_by_credit_code(cast):
    code = credit_code()
    admin = cast.users["county_admin"]
    directory_import(
        actor=admin,
        data=xlsx([HEADER, [code, "甲公司", "非公企业", None, "东湖镇团委", 20, 5, 0, "是"]]),
        filename="a.xlsx",
    )

    result = directory_import(
        actor=admin,
        data=xlsx([HEADER, [code, "甲公司", "非公企业", None, "东湖镇团委", 40, 5, 3, "否"]]),
        filename="a.xlsx",
    )

    unit = Unit.objects.get(credit_code=code)
    assert (result.updated, unit.employees, unit.league_members, unit.operating, unit.version) == (1, 40, 3, False, 2)


def test_a_township_outside_the_importers_scope_is_refused(cast):
    body = [[credit_code(), "乙公司", "非公企业", None, "青禾一中团委", 20, 5, 0, "是"]]

    result = directory_import(actor=cast.users["committee_secretary"], data=xlsx([HEADER, *body]), filename="b.xlsx")

    assert [(e.row, e.code) for e in result.errors] == [(2, "TOWNSHIP_UNKNOWN")]
    assert Unit.objects.count() == 0


def test_the_command_imports_the_directory_and_prints_json(cast, tmp_path):
    path = tmp_path / "民政.xlsx"
    path.write_bytes(xlsx([HEADER, [credit_code(), "青禾公益服务中心", "社会组织", None, "DH", 8, 3, 0, "是"]]))
    out = io.StringIO()

    call_command("import", "directory", str(path), "--as", "county_admin", "--format", "json", stdout=out)

    report = json.loads(out.getvalue())
    assert (report["created"], report["errors"]) == (1, [])
    assert Unit.objects.get().kind == "social"


def test_a_park_not_registered_yet_is_named_in_the_check_and_registered_with_the_import(cast):
    admin = cast.users["county_admin"]
    moved, new = credit_code(), credit_code()
    directory_import(
        actor=admin,
        data=xlsx([HEADER, [moved, "丙公司", "非公企业", None, "东湖镇团委", 20, 5, 0, "是"]]),
        filename="a.xlsx",
    )
    body = [
        [moved, "丙公司", "非公企业", "青禾高新区", "东湖镇团委", 20, 5, 0, "是"],
        [new, "丁公司", "非公企业", "青禾高新区", "东湖镇团委", 20, 5, 0, "是"],
    ]

    check = directory_import(actor=admin, data=xlsx([HEADER, *body]), filename="b.xlsx", dry_run=True)
    assert not Park.objects.filter(name="青禾高新区").exists()
    assert check.ok and "青禾高新区" in check.notices[0] and "2" in check.notices[0]
    assert check.as_dict()["notices"] == [str(check.notices[0])]
    result = directory_import(actor=admin, data=xlsx([HEADER, *body]), filename="b.xlsx")

    park = Park.objects.get(name="青禾高新区")
    assert (result.created, result.updated) == (1, 1)
    assert set(Unit.objects.filter(park=park).values_list("credit_code", flat=True)) == {moved, new}


def test_a_file_with_a_new_park_and_a_bad_row_registers_no_park(cast):
    body = [
        [credit_code(), "戊公司", "非公企业", "青禾物流园", "东湖镇团委", 20, 5, 0, "是"],
        [bad_credit_code(), "己公司", "非公企业", None, "东湖镇团委", 20, 5, 0, "是"],
    ]

    result = directory_import(actor=cast.users["county_admin"], data=xlsx([HEADER, *body]), filename="c.xlsx")

    assert [e.code for e in result.errors] == ["USCC_INVALID"]
    assert not Park.objects.filter(name="青禾物流园").exists()
