"""tuanwu export KIND -o OUT: the list page's rows, filters and scope, from the command line."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from python_calamine import CalamineWorkbook

from tuanwu.audit.models import AccessLog


def names(path) -> list[str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return sorted(r[0] for r in rows[1:])


def test_exports_the_rows_of_the_users_scope(cast, tmp_path):
    out = tmp_path / "members.xlsx"
    stdout = io.StringIO()

    call_command("export", "members", "-o", str(out), "--as", "branch_secretary", "--lang", "en", stdout=stdout)

    assert names(out) == ["张晓明", "李华", "陈静"]
    assert stdout.getvalue().strip() == f"3 rows written to {out}"
    assert AccessLog.objects.get().rows == 3


def test_applies_the_list_filters(cast, tmp_path):
    out = tmp_path / "members.xlsx"

    call_command("export", "members", "-o", str(out), "--filter", "q=zxm", stdout=io.StringIO())

    assert names(out) == ["张晓明"]


def test_defaults_to_a_county_administrator(cast, tmp_path):
    out = tmp_path / "members.xlsx"

    call_command("export", "members", "-o", str(out), stdout=io.StringIO())

    assert len(names(out)) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as", "member"], "member may not export members"),
        (["--as", "nobody"], "no active user nobody"),
        (["--filter", "q"], "--filter takes NAME=VALUE, not 'q'"),
    ],
)
def test_refuses_without_writing(cast, tmp_path, args, message):
    out = tmp_path / "members.xlsx"

    with pytest.raises(CommandError, match=message):
        call_command("export", "members", "-o", str(out), *args, "--lang", "en", stdout=io.StringIO())

    assert not out.exists()
    assert not AccessLog.objects.exists()
