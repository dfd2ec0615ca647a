"""tuanwu workdays add / year: the date on the county's calendar, exit 2 for a year without a table."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_add_prints_the_due_date(capsys):
    call_command("workdays", "add", "2026-02-13", "2")

    assert capsys.readouterr().out.strip() == "2026-02-24"


def test_add_as_json(capsys):
    call_command("workdays", "add", "2026-09-30", "2", "--format", "json")

    assert json.loads(capsys.readouterr().out) == {"start": "2026-09-30", "workdays": 2, "date": "2026-10-09"}


def test_add_into_a_year_without_a_table_exits_2_with_a_message(capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("workdays", "add", "2026-12-28", "5", "--lang", "zh-hans")

    assert exited.value.code == 2
    assert "2027年的节假日安排尚未录入" in capsys.readouterr().err


def test_year_lists_the_table(capsys):
    call_command("workdays", "year", "2026", "--format", "json")

    table = json.loads(capsys.readouterr().out)
    assert table["year"] == 2026
    assert len(table["days"]) == 33 + 6
    assert sum(d["statutory"] for d in table["days"]) == 13
    assert {"date": "2026-02-14", "kind": "work", "name": "春节", "statutory": False} in table["days"]


def test_year_without_a_table_exits_2(capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("workdays", "year", "2027")

    assert exited.value.code == 2
