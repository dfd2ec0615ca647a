"""The contacts import (`tuanwu import contacts`, /jobs/imports/contacts/): keyed by the cadre and the youth's
phone or ID number, all or nothing naming the bad row and column, idempotent on a second run, within scope."""

import io
import json

from django.core.management import call_command

from tests.factories import PersonFactory
from tests.sheet_files import xlsx
from tuanwu.audit.models import BatchEvent
from tuanwu.contacts.imports import contacts_import
from tuanwu.contacts.models import Contact

from .factories import cadre

HEADER = ["联系干部", "青年姓名", "手机号", "身份证号", "单位或学校", "所属领域", "固定联系青年", "建立联系日期"]


def rows(n):
    return [
        ["周敏", f"青年{i:03d}", f"138{i:08d}", None, "青禾智造", "“两新”组织从业青年", "否", None] for i in range(n)
    ]


def contacts():
    return list(
        Contact.objects.order_by("phone").values_list("cadre__person__name", "name", "phone", "field", "version")
    )


def test_a_good_file_commits_once_and_a_second_run_changes_nothing(cast):
    cadre(cast.town, "周敏")
    admin = cast.users["committee_secretary"]
    body = rows(120)
    body[0][5] = "学生"
    data = xlsx([HEADER, *body])

    first = contacts_import(actor=admin, data=data, filename="联系青年.xlsx")
    before = contacts()
    second = contacts_import(actor=admin, data=data, filename="联系青年.xlsx")

    assert (first.committed, first.created, first.updated) == (True, 120, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 120)
    assert contacts() == before
    assert Contact.objects.filter(field="student").count() == 1
    assert BatchEvent.objects.filter(kind="contacts_import").count() == 1


def test_a_changed_row_updates_the_youth_found_by_phone(cast):
    cadre(cast.town, "周敏")
    admin = cast.users["committee_secretary"]
    contacts_import(actor=admin, data=xlsx([HEADER, *rows(1)]), filename="a.xlsx")
    body = rows(1)
    body[0][4] = "东湖中学"

    result = contacts_import(actor=admin, data=xlsx([HEADER, *body]), filename="a.xlsx")

    youth = Contact.objects.get()
    assert (result.updated, youth.unit, youth.version) == (1, "东湖中学", 2)


def test_an_id_number_links_the_registry_and_keys_the_row(cast):
    cadre(cast.town, "周敏")
    person = PersonFactory(organization=cast.town, name="林一", id_number="34110020000101001X")
    admin = cast.users["committee_secretary"]
    body = [["周敏", "林一", None, "34110020000101001x", "", "学生", "是", "2026-01-05"]]

    contacts_import(actor=admin, data=xlsx([HEADER, *body]), filename="a.xlsx")
    again = contacts_import(actor=admin, data=xlsx([HEADER, *body]), filename="a.xlsx")

    youth = Contact.objects.get()
    assert (youth.person, youth.fixed, str(youth.added_on)) == (person, True, "2026-01-05")
    assert again.unchanged == 1


def test_one_bad_row_refuses_the_whole_file_naming_row_and_column(cast):
    cadre(cast.town, "周敏")
    body = rows(10)
    body[6][5] = "宇航员"
    body[8][2] = None

    result = contacts_import(actor=cast.users["committee_secretary"], data=xlsx([HEADER, *body]), filename="b.xlsx")

    assert [(e.row, e.column, e.code) for e in result.errors] == [
        (8, "所属领域", "CHOICE_UNKNOWN"),
        (10, "手机号", "CONTACT_NO_KEY"),
    ]
    assert (Contact.objects.count(), result.committed) == (0, False)


def test_a_cadre_outside_the_importers_scope_is_unknown(cast):
    cadre(cast.school, "周敏")

    result = contacts_import(actor=cast.users["committee_secretary"], data=xlsx([HEADER, *rows(1)]), filename="c.xlsx")

    assert [(e.row, e.code) for e in result.errors] == [(2, "CADRE_UNKNOWN")]
    assert Contact.objects.count() == 0


def test_more_fixed_youths_than_the_county_fixes_are_refused(cast):
    cadre(cast.town, "周敏")
    body = rows(4)
    for r in body:
        r[6] = "是"

    result = contacts_import(actor=cast.users["committee_secretary"], data=xlsx([HEADER, *body]), filename="d.xlsx")

    assert [e.code for e in result.errors] == ["FIXED_YOUTHS_MAX"]
    assert Contact.objects.count() == 0


def test_the_command_checks_a_file_without_writing_on_dry_run(cast, tmp_path):
    cadre(cast.town, "周敏")
    path = tmp_path / "联系青年.xlsx"
    path.write_bytes(xlsx([HEADER, *rows(3)]))
    out = io.StringIO()

    call_command(
        "import", "contacts", str(path), "--dry-run", "--as", "committee_secretary", "--format", "json", stdout=out
    )

    report = json.loads(out.getvalue())
    assert (report["created"], report["errors"]) == (3, [])
    assert Contact.objects.count() == 0


def test_the_import_page_is_offered_to_the_committee_not_to_a_branch(client_as, cast):
    assert client_as("committee_secretary").get("/jobs/imports/contacts/").status_code == 200
    assert client_as("committee_secretary").get("/jobs/imports/contacts/template/").status_code == 200
    assert client_as("branch_secretary").get("/jobs/imports/contacts/").status_code == 404
