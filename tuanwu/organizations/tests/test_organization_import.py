"""The organization import: parents found by code, name or another row of the file, every bad row reported
with its row, column and rule, and the new nodes written as a valid tree."""

import datetime

import pytest
from django.utils import translation

from tests.factories import org
from tests.sheet_files import db_counts, where, xlsx
from tuanwu.audit.models import BatchEvent
from tuanwu.organizations.imports import organization_import
from tuanwu.organizations.models import Kind, Organization
from tuanwu.organizations.services import organization_dissolve

COLUMNS = {
    "code": "组织编码",
    "name": "组织简称",
    "full_name": "组织全称",
    "kind": "组织类别",
    "sector": "单位所属行业类别",
    "parent": "上级组织",
    "uscc": "统一社会信用代码",
    "phone": "联系电话",
    "email": "电子邮箱",
    "start": "任期开始",
    "end": "任期结束",
}
USCC = "91341100MA2N0XY8K1"  # a valid unified social credit code of a fictional unit
NO_PROBLEMS = ([], [], [], [], [])


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def unit(code: str, name: str, parent: str, kind: str = "团支部", **cells) -> dict:
    return {"code": code, "name": name, "full_name": f"共青团{name}", "kind": kind, "parent": parent, **cells}


def sheet(*units: dict) -> bytes:
    keys = [k for k in COLUMNS if any(k in u for u in units)]
    return xlsx([[COLUMNS[k] for k in keys], *[[u.get(k) for k in keys] for u in units]])


def run(actor, data: bytes, **kw):
    return organization_import(actor=actor, data=data, filename="组织.xlsx", **kw)


def fresh(code: str) -> Organization:
    return Organization.objects.get(code=code)


# Parents


@pytest.mark.parametrize("parent", ["DH", "dh", "共青团东湖镇团委", "东湖镇团委"])
def test_a_parent_is_found_by_code_full_name_or_short_name(cast, parent):
    result = run(cast.users["county_admin"], sheet(unit("DH03", "南岭村团支部", parent)))

    assert (result.errors, result.created, result.committed) == ([], 1, True)
    made, town = fresh("DH03"), fresh("DH")
    assert (made.parent, made.depth, made.numchild, town.numchild) == (town, 3, 0, 3)
    assert Organization.objects.get_parent(made) == town
    assert Organization.objects.find_problems() == NO_PROBLEMS


@pytest.mark.parametrize("parent", ["DH10", "共青团机关团总支", "机关团总支"])
def test_a_parent_given_on_a_later_row_of_the_file_is_created_first(cast, parent):
    data = sheet(unit("DH1001", "机关第一团支部", parent), unit("DH10", "机关团总支", "DH", kind="团总支"))

    result = run(cast.users["county_admin"], data)

    assert (result.errors, result.created, result.committed) == ([], 2, True)
    child, general, town = fresh("DH1001"), fresh("DH10"), fresh("DH")
    assert (child.parent, general.parent) == (general, town)
    assert (Organization.objects.get_parent(child), Organization.objects.get_parent(general)) == (general, town)
    assert (general.kind, general.numchild, town.numchild) == (Kind.GENERAL_BRANCH, 1, 3)
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_nodes_created_in_any_order_form_a_valid_tree(cast):
    data = sheet(
        unit("DH1101", "机关第一团支部", "DH11"),
        unit("DH1102", "机关第二团支部", "机关团总支"),
        unit("DH11", "机关团总支", "DH", kind="团总支"),
        unit("DH12", "南岭村团支部", "东湖镇团委"),
        unit("YZ02", "2024级2班团支部", "YZ"),
    )
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert (result.errors, result.created, result.committed) == ([], 5, True)
    assert db_counts() == {
        **before,
        "organizations": before["organizations"] + 5,
        "batch_events": before["batch_events"] + 1,
    }
    assert Organization.objects.find_problems() == NO_PROBLEMS
    tree = {o.code: o for o in Organization.objects.all()}
    assert {code: (o.parent.code if o.parent else None, o.depth, o.numchild) for code, o in tree.items()} == {
        "QH": (None, 1, 2),
        "DH": ("QH", 2, 4),
        "YZ": ("QH", 2, 2),
        "DH01": ("DH", 3, 0),
        "DH02": ("DH", 3, 0),
        "YZ01": ("YZ", 3, 0),
        "DH11": ("DH", 3, 2),
        "DH1101": ("DH11", 4, 0),
        "DH1102": ("DH11", 4, 0),
        "DH12": ("DH", 3, 0),
        "YZ02": ("YZ", 3, 0),
    }
    assert all(Organization.objects.get_parent(o) == o.parent for o in tree.values())
    assert len({o.path for o in tree.values()}) == len(tree)
    event = BatchEvent.objects.get()
    assert (event.kind, event.file_name, event.rows, event.actor) == (
        "organization_import",
        "组织.xlsx",
        5,
        cast.users["county_admin"],
    )


# Bad rows: each names its row, column, value and rule, and nothing is written


def refused(result, expected, before):
    assert where(result.errors) == expected
    assert result.committed is False
    assert db_counts() == before
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_an_unknown_parent_is_refused(cast):
    data = sheet(unit("DH03", "南岭村团支部", "DH"), unit("DH04", "北岭村团支部", "北岭镇团委"))
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    refused(result, [(3, "上级组织", "北岭镇团委", "PARENT_UNKNOWN")], before)
    assert result.errors[0].message == "No organization “北岭镇团委” in your scope or in this file."


@pytest.mark.parametrize("second_in_file", [False, True], ids=["two-stored", "one-stored-one-in-the-file"])
def test_a_parent_name_that_two_organizations_share_is_ambiguous(cast, second_in_file):
    org(cast.town, "机关团总支", Kind.GENERAL_BRANCH, code="DH20")
    rows = [unit("DH2001", "机关第一团支部", "机关团总支")]
    if second_in_file:
        rows.append(unit("YZ20", "机关团总支", "YZ", kind="团总支"))
    else:
        org(cast.school, "机关团总支", Kind.GENERAL_BRANCH, code="YZ20")
    before = db_counts()

    result = run(cast.users["county_admin"], sheet(*rows))

    refused(result, [(2, "上级组织", "机关团总支", "PARENT_AMBIGUOUS")], before)
    assert result.errors[0].message == "2 organizations are named “机关团总支”; give the parent's code instead."


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([unit("DH0101", "东湖村第一小组", "DH01")], [(2, "上级组织", "DH01", "ORG_PARENT_IS_BRANCH")]),
        ([unit("DH0101", "东湖村第一小组", "东湖村团支部")], [(2, "上级组织", "东湖村团支部", "ORG_PARENT_IS_BRANCH")]),
        (
            [unit("DH03", "南岭村团支部", "DH"), unit("DH0301", "南岭村第一小组", "DH03")],
            [(3, "上级组织", "DH03", "ORG_PARENT_IS_BRANCH")],
        ),
    ],
    ids=["stored-branch-by-code", "stored-branch-by-name", "branch-row-in-the-file"],
)
def test_a_branch_cannot_be_a_parent(cast, rows, expected):
    before = db_counts()

    result = run(cast.users["county_admin"], sheet(*rows))

    refused(result, expected, before)
    assert result.errors[0].message == "The parent is a branch; a branch cannot have sub-organizations."


def test_rows_whose_parents_form_a_loop_are_refused(cast):
    data = sheet(
        unit("DH03", "南岭村团支部", "DH"),
        unit("DH30", "甲团总支", "DH31", kind="团总支"),
        unit("DH31", "乙团总支", "DH30", kind="团总支"),
    )
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert [w for w in where(result.errors) if w[3] == "PARENT_CYCLE"] == [(3, "上级组织", "DH31", "PARENT_CYCLE")]
    assert {(e.row, e.column) for e in result.errors} == {(3, "上级组织"), (4, "上级组织")}
    assert (result.committed, db_counts()) == (False, before)


def test_a_loop_is_described_by_the_rows_in_it(cast):
    data = sheet(unit("DH30", "甲团总支", "DH31", kind="团总支"), unit("DH31", "乙团总支", "DH30", kind="团总支"))

    result = run(cast.users["county_admin"], data)

    cycle = [e.message for e in result.errors if e.code == "PARENT_CYCLE"]
    assert cycle == ["The parents of rows 2, 3 form a loop."]


def test_a_code_given_twice_in_the_file_is_refused_naming_the_first_row(cast):
    data = sheet(
        unit("DH03", "南岭村团支部", "DH"), unit("DH04", "北岭村团支部", "DH"), unit("dh03", "西岭村团支部", "DH")
    )
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    refused(result, [(4, "组织编码", "dh03", "DUPLICATE_IN_FILE")], before)
    assert result.errors[0].message == "The same code is already on row 2 of this file."


@pytest.mark.parametrize(
    ("cells", "column", "value", "code"),
    [
        ({"uscc": USCC[:-1] + "2"}, "统一社会信用代码", USCC[:-1] + "2", "ORG_USCC_INVALID"),
        ({"uscc": "12345"}, "统一社会信用代码", "12345", "ORG_USCC_INVALID"),
        ({"start": "2024-03-01", "end": "2024-02-29"}, "任期结束", "2024-02-29", "TERM_DATES"),
        ({"start": "2024-03-01", "end": "2024-03-01"}, "任期结束", "2024-03-01", "TERM_DATES"),
        ({"start": "2024-02-30"}, "任期开始", "2024-02-30", "DATE_IMPOSSIBLE"),
        ({"kind": "团小组"}, "组织类别", "团小组", "CHOICE_UNKNOWN"),
        ({"kind": "县级团委"}, "组织类别", "县级团委", "CHOICE_UNKNOWN"),
        ({"sector": "外星企业"}, "单位所属行业类别", "外星企业", "CHOICE_UNKNOWN"),
        ({"phone": "12345"}, "联系电话", "12345", "PHONE_INVALID"),
        ({"email": "nanling@"}, "电子邮箱", "nanling@", "EMAIL_INVALID"),
        ({"name": ""}, "组织简称", "", "REQUIRED"),
        ({"parent": ""}, "上级组织", "", "REQUIRED"),
        ({"code": ""}, "组织编码", "", "REQUIRED"),
    ],
)
def test_a_bad_cell_is_reported_with_its_row_column_value_and_rule(cast, cells, column, value, code):
    data = sheet(unit("DH03", "南岭村团支部", "DH"), {**unit("DH04", "北岭村团支部", "DH"), **cells})
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    refused(result, [(3, column, value, code)], before)
    assert result.errors[0].message


def test_valid_optional_cells_are_stored(cast):
    row = unit("DH03", "南岭村团支部", "DH", uscc=USCC.lower(), phone="0550-1234567", start="2024-03-01", end="2027-02")

    result = run(cast.users["county_admin"], sheet(row))

    assert (result.errors, result.created) == ([], 1)
    made = fresh("DH03")
    assert (made.unified_code, made.contact_phone, made.term_start, made.term_end) == (
        USCC,
        "0550-1234567",
        datetime.date(2024, 3, 1),
        datetime.date(2027, 2, 1),
    )


def test_a_name_longer_than_the_field_is_refused_on_its_row(cast):
    data = sheet(unit("DH03", "南" * 101, "DH"))
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert [(e.row, e.column) for e in result.errors] == [(2, "组织简称")]
    assert db_counts() == before


def test_a_dissolved_parent_is_refused(cast):
    old = org(cast.town, "旧村团总支", Kind.GENERAL_BRANCH, code="DH40")
    organization_dissolve(actor=cast.users["county_admin"], organization=old)
    before = db_counts()

    result = run(cast.users["county_admin"], sheet(unit("DH4001", "旧村团支部", "DH40")))

    assert [(e.row, e.column, e.code) for e in result.errors] == [(2, "上级组织", "ORG_PARENT_DISSOLVED")]
    assert db_counts() == before


# Scope


@pytest.mark.parametrize("parent", ["YZ", "青禾一中团委", "共青团青禾一中团委"])
def test_a_committee_secretary_cannot_create_under_another_committee(cast, parent):
    data = sheet(unit("DH03", "南岭村团支部", "DH"), unit("YZ02", "2024级2班团支部", parent))
    before = db_counts()

    result = run(cast.users["committee_secretary"], data)

    refused(result, [(3, "上级组织", parent, "PARENT_UNKNOWN")], before)
    assert result.errors[0].message == f"No organization “{parent}” in your scope or in this file."


def test_a_code_of_an_organization_outside_the_scope_is_refused(cast):
    data = sheet(unit("YZ01", "2024级1班团支部", "DH"))
    before = db_counts()

    result = run(cast.users["committee_secretary"], data)

    assert where(result.errors)[0] == (2, "组织编码", "YZ01", "ORG_OUTSIDE_SCOPE")
    refused(result, where(result.errors), before)


# Re-import


def test_reimporting_the_same_file_changes_nothing(cast):
    data = sheet(unit("DH03", "南岭村团支部", "DH", uscc=USCC), unit("DH10", "机关团总支", "东湖镇团委", kind="团总支"))
    admin = cast.users["county_admin"]
    first = run(admin, data)
    after_first = db_counts()
    paths = dict(Organization.objects.values_list("code", "path"))

    again = run(admin, data)

    assert [(r.created, r.updated, r.unchanged, r.committed) for r in (first, again)] == [
        (2, 0, 0, True),
        (0, 0, 2, True),
    ]
    assert db_counts()["organizations"] == after_first["organizations"]
    assert dict(Organization.objects.values_list("code", "path")) == paths
    assert (fresh("DH03").version, fresh("DH").numchild) == (1, 4)
    assert Organization.objects.find_problems() == NO_PROBLEMS


def test_reimporting_with_a_changed_cell_updates_that_organization(cast):
    admin = cast.users["county_admin"]
    row = unit("DH03", "南岭村团支部", "DH", phone="0550-1234567")
    run(admin, sheet(row))

    changed = run(admin, sheet({**row, "phone": "0550-7654321"}))

    assert (changed.created, changed.updated, changed.unchanged, changed.committed) == (0, 1, 0, True)
    made = fresh("DH03")
    assert (made.contact_phone, made.version, made.parent.code) == ("0550-7654321", 2, "DH")
