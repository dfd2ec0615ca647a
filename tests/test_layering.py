"""The floors of TuanWu's code, held: a module may import from its own floor and the floors below it, never
from a floor above (docs/architecture.md explains each floor).

A module belongs to the floor of the longest prefix that names it, so an app whose low part other apps build on
(the change log, the user table) and whose high part (pages over the tree) builds on them is placed precisely.
Apps on one floor are peers: they may read each other's selectors. Tests and migrations are not held to it.
"""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent / "tuanwu"

FLOORS: list[tuple[str, list[str]]] = [
    (
        "core: typed helpers, the abstract models, the document numbers; knows no domain",
        ["tuanwu.core", "tuanwu.numbering"],
    ),
    ("engines: the Excel engine; knows no domain", ["tuanwu.sheets"]),
    (
        "records every floor writes: users and the role → permission table, the change history and the access log",
        [
            "tuanwu.accounts.models",
            "tuanwu.accounts.roles",
            "tuanwu.audit.models",
            "tuanwu.audit.services",
            "tuanwu.audit.history",
        ],
    ),
    ("the organization tree, its scope and the county policies", ["tuanwu.organizations"]),
    (
        "work over the tree: sign-in and roles, history pages, background jobs and the import/export commands",
        ["tuanwu.accounts", "tuanwu.audit", "tuanwu.jobs"],
    ),
    (
        "people: persons, memberships, cadre posts; and the organization pages, which show each organization's members",
        ["tuanwu.people", "tuanwu.organizations.views", "tuanwu.organizations.api", "tuanwu.organizations.urls"],
    ),
    (
        "domain apps",
        [
            "tuanwu.admission",
            "tuanwu.volunteering",
            "tuanwu.study",
            "tuanwu.meetings",
            "tuanwu.lifecycle",
            "tuanwu.voice",
            "tuanwu.coverage",
            "tuanwu.duties",
            "tuanwu.care",
            "tuanwu.contacts",
            "tuanwu.programs",
            "tuanwu.publicity",
        ],
    ),
    ("composed from the domain apps: the work plan and the dashboards", ["tuanwu.plan", "tuanwu.dashboards"]),
    ("the demo county, built through every app's services", ["tuanwu.demo"]),
]


def floor_of(module: str) -> int | None:
    """The floor (an index into FLOORS) of a dotted module name, or None for a module outside them."""
    best, found = -1, None
    for index, (_, prefixes) in enumerate(FLOORS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    return found


def imports_of(path: pathlib.Path, module: str) -> list[tuple[int, str]]:
    """Every tuanwu module that the file imports, anywhere in it (inside functions too), with its line."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            # "from tuanwu.x import y" may name a module y: judge the longer name when it is one.
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("tuanwu.")]


def product_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path, ".".join(p for p in parts if p != "__init__")


def violations(modules) -> list[str]:
    out: list[str] = []
    for path, module in modules:
        where = path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path
        mine = floor_of(module)
        if mine is None:
            continue
        for line, target in imports_of(path, module):
            theirs = floor_of(target)
            if theirs is not None and theirs > mine and not any(o.startswith(f"{where}:{line} ") for o in out):
                out.append(
                    f"{where}:{line} imports {target}: "
                    f"{FLOORS[mine][0].split(':')[0]} must not depend on {FLOORS[theirs][0].split(':')[0]}"
                )
    return out


def test_no_module_imports_from_a_floor_above_its_own():
    assert violations(product_modules()) == []


def test_every_app_has_a_floor():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}

    assert sorted(app for app in apps if floor_of(f"tuanwu.{app}") is None) == []


@pytest.mark.parametrize(
    ("module", "target", "wrong"),
    [
        ("tuanwu.organizations.selectors", "from tuanwu.people.selectors import with_member_count", True),
        ("tuanwu.people.selectors", "from tuanwu.admission.selectors import admission_list", True),
        ("tuanwu.sheets.writer", "from tuanwu.organizations import scope", True),
        ("tuanwu.core.dates", "from tuanwu.admission.rules import Facts", True),
        ("tuanwu.people.services", "from tuanwu.organizations import scope", False),
        ("tuanwu.admission.services", "from tuanwu.volunteering.selectors import hours_by_person", False),
        ("tuanwu.organizations.imports", "from tuanwu.audit.services import batch_event_record", False),
    ],
)
def test_an_import_against_the_floors_is_found(tmp_path, module, target, wrong):
    path = tmp_path / "probe.py"
    path.write_text(f"def f():\n    {target}\n")

    assert bool(violations([(path, module)])) is wrong
