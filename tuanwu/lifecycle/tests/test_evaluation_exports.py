"""`tuanwu export evaluations|registrations`: the pages' rows and scope, as .xlsx."""

import io

import openpyxl
from django.core.management import call_command

from tuanwu.lifecycle.services.evaluation import evaluation_open


def _rows(path):
    sheet = openpyxl.load_workbook(path).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_registrations_export_lists_every_member_in_scope(cast, tmp_path):
    out = tmp_path / "r.xlsx"

    call_command(
        "export",
        "registrations",
        "-o",
        str(out),
        "--as",
        "committee_secretary",
        "--filter",
        "year=2025",
        stdout=io.StringIO(),
    )

    rows = _rows(out)
    assert sorted(r[1] for r in rows[1:]) == sorted(["张晓明", "李华", "王芳"])
    assert all(r[3] in ("未注册", "Not registered") for r in rows[1:])


def test_evaluations_export_only_the_actors_scope(cast, tmp_path):
    evaluation_open(actor=cast.users["branch_secretary"], branch=cast.branch, year=2025)
    evaluation_open(actor=cast.users["outsider"], branch=cast.school_branch, year=2025)
    out = tmp_path / "e.xlsx"

    call_command(
        "export", "evaluations", "-o", str(out), "--as", "outsider", "--filter", "year=2025", stdout=io.StringIO()
    )

    assert [r[1] for r in _rows(out)[1:]] == ["赵磊"]
