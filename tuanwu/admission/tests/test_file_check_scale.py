"""The member file check reads every member in scope, however many, in bounded memory."""

import datetime
import io
import re

import openpyxl
from django.db import connection

from tuanwu.admission import records
from tuanwu.people.models import Membership, Person


def _bulk_members(branch, n: int, *, phone: str = "13800000000", name: str = "甲") -> None:
    people = Person.objects.bulk_create(
        Person(
            organization=branch,
            name=name,
            name_pinyin="jia",
            name_initials="j",
            gender="male",
            birth_date=datetime.date(2000, 1, 1),
            phone=phone,
        )
        for _ in range(n)
    )
    Membership.objects.bulk_create(
        Membership(person=p, organization=branch, join_date=datetime.date(2015, 5, 4), status="normal") for p in people
    )


def _sheet_rows(response) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    return list(sheet.iter_rows(min_row=2, values_only=True))


def test_file_check_counts_members_past_twenty_thousand(cast, client):
    """The cast's town has 3 members; 20,000 more in its first branch and one last incomplete file in the
    second branch, which sorts after them: every one is counted, shown and exported."""
    _bulk_members(cast.branch, 20_000)
    _bulk_members(cast.branch2, 1, phone="", name="末位")
    client.force_login(cast.users["county_admin"])

    page = client.get(f"/admission/files/?organization={cast.town.pk}")
    export = client.get(f"/admission/files/?organization={cast.town.pk}&format=xlsx")

    assert page.context["members"] == 20_004
    rows = _sheet_rows(export)
    assert len(rows) == 20_004
    assert "末位" in {r[0] for r in rows}


def test_file_check_reads_members_in_chunks(cast, client, monkeypatch):
    """With the chunk size patched to 2, no query loads more than 2 members' rows, and all are counted."""
    monkeypatch.setattr(records, "FILE_CHECK_CHUNK", 2, raising=False)
    _bulk_members(cast.branch, 4)
    client.force_login(cast.users["county_admin"])

    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        export = client.get(f"/admission/files/?organization={cast.town.pk}&format=xlsx")
    page = client.get(f"/admission/files/?organization={cast.town.pk}&size=20")

    assert len(_sheet_rows(export)) == 7
    assert page.context["members"] == 7
    assert page.context["complete"] == 0  # no file has an archived admission form
    assert page.context["page"].paginator.count == 7
    reads = [sql for sql in statements if sql.startswith('SELECT "people_person"."id"')]
    assert reads and all(re.search(r"\bLIMIT 2\b", sql) for sql in reads)
