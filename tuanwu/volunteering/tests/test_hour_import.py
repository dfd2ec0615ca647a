"""The volunteer-hour import: a good file becomes certified ledger entries in one go with one batch event;
every bad row is reported with its Excel row, column and rule, and then nothing is written."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation

from tests.factories import fresh_id
from tests.sheet_files import csv_bytes, read_back, where, xlsx
from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.audit.models import BatchEvent
from tuanwu.jobs import services as jobs
from tuanwu.organizations.policy import policy_set
from tuanwu.volunteering.imports import hour_import
from tuanwu.volunteering.models import Category, HourEntry, VolunteerPolicy
from tuanwu.volunteering.selectors import person_hours
from tuanwu.volunteering.services.corrections import entry_correct
from tuanwu.volunteering.sheets import hour_spec

DAY = datetime.date(2024, 5, 4)
HEADERS = {
    "name": "姓名",
    "id_number": "身份证号码",
    "service_date": "服务日期",
    "hours": "服务时长（小时）",
    "content": "活动名称",
    "category": "服务类别",
    "external_ref": "记录编号",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def record(person, **cells) -> dict:
    """One row of an hour file: the cast person served 2.5 hours on 2024-05-04 unless told otherwise."""
    row = {
        "name": person.name,
        "id_number": person.id_number,
        "service_date": DAY,
        "hours": 2.5,
        "content": "东湖湿地垃圾清理",
    }
    row.update(cells)
    return row


def sheet(*rows: dict, headers: dict | None = None) -> bytes:
    headers = headers or HEADERS
    keys = [k for k in headers if any(k in r for r in rows)]
    return xlsx([[headers[k] for k in keys], *[[r.get(k) for k in keys] for r in rows]])


def run(actor, data: bytes, filename: str = "志愿时长.xlsx", **kw):
    return hour_import(actor=actor, data=data, filename=filename, **kw)


def counts() -> tuple[int, int]:
    return HourEntry.objects.count(), BatchEvent.objects.count()


# A good file


def test_a_good_file_becomes_certified_entries_with_one_batch_event(cast):
    admin = cast.users["county_admin"]
    zhang, wang = cast.people["zhang"], cast.people["wang"]
    data = sheet(
        record(zhang, category="生态环保", external_ref="ZYH-1"),
        record(wang, hours=3, service_date="2024/05/05", content="敬老院探访", category="Community service"),
    )
    before = timezone.now()

    result = run(admin, data)

    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 2, 0, 0)
    assert result.committed
    first = HourEntry.objects.get(person=zhang)
    assert (first.service_date, first.hours, first.content, first.category, first.external_ref) == (
        DAY,
        Decimal("2.50"),
        "东湖湿地垃圾清理",
        Category.ECOLOGY,
        "ZYH-1",
    )
    assert (first.source, first.status) == (HourEntry.Source.IMPORT, HourEntry.Status.CERTIFIED)
    assert (first.organization, first.organizer) == (cast.branch, cast.county)
    assert (first.recorded_by, first.certified_by) == (admin, admin)
    assert first.certified_at >= before
    second = HourEntry.objects.get(person=wang)
    assert (second.organization, second.category, second.external_ref) == (cast.branch2, Category.COMMUNITY, "")
    event = BatchEvent.objects.get()
    assert (event.kind, event.rows, event.file_name, event.actor, event.organization) == (
        "volunteer_hour_import",
        2,
        "志愿时长.xlsx",
        admin,
        cast.county,
    )
    assert person_hours(zhang.pk, 2024) == Decimal("2.5")
    assert person_hours(wang.pk) == Decimal("3")


def test_the_organizer_is_the_importers_top_organization_above_the_volunteer(cast):
    result = run(cast.users["branch_secretary"], sheet(record(cast.people["zhang"])))

    assert result.committed
    assert HourEntry.objects.get().organizer == cast.branch
    assert BatchEvent.objects.get().organization == cast.branch


def test_a_category_left_empty_is_other(cast):
    run(cast.users["county_admin"], sheet(record(cast.people["zhang"], category=None)))

    assert HourEntry.objects.get().category == Category.OTHER


def test_common_column_names_and_a_gbk_csv_are_read(cast):
    zhang = cast.people["zhang"]
    rows = [
        ["志愿者编号", "姓名", "证件号码", "手机号", "活动日期", "志愿时长", "服务内容", "记录ID"],
        ["V0001", zhang.name, zhang.id_number, "13812345678", "2024年5月4日", "2小时", "社区清扫", "R-9"],
    ]

    result = run(cast.users["county_admin"], csv_bytes(rows, "gbk"), "hours.csv")

    assert result.errors == []
    entry = HourEntry.objects.get()
    # 志愿者编号 is the volunteer's number, never the record's key.
    assert (entry.hours, entry.content, entry.external_ref, entry.service_date) == (
        Decimal("2"),
        "社区清扫",
        "R-9",
        DAY,
    )


def test_id_numbers_match_whatever_the_case_and_width_of_the_final_x(cast):
    zhang = cast.people["zhang"]
    zhang.id_number = zhang.id_number[:17] + "X"
    type(zhang).objects.filter(pk=zhang.pk).update(id_number=zhang.id_number)
    typed = "".join(chr(ord(c) + 0xFEE0) for c in zhang.id_number[:17]) + "x"

    result = run(cast.users["county_admin"], sheet(record(zhang, id_number=typed)))

    assert result.committed
    assert HourEntry.objects.get().person == zhang


def test_dry_run_checks_every_row_and_writes_nothing(cast):
    before = counts()

    result = run(cast.users["county_admin"], sheet(record(cast.people["zhang"])), dry_run=True)

    assert (result.errors, result.created, result.committed) == ([], 1, False)
    assert counts() == before


# Bad rows: row, column, value and rule; nothing written


def test_an_unknown_id_number_is_refused(cast):
    number = fresh_id(datetime.date(2003, 1, 2))
    before = counts()

    result = run(
        cast.users["county_admin"],
        sheet(record(cast.people["zhang"]), record(cast.people["zhang"], name="孙悦", id_number=number, content="x")),
    )

    assert where(result.errors) == [(3, "身份证号码", number, "PERSON_NOT_FOUND")]
    assert result.errors[0].message == (
        "Nobody with this ID number is registered in your organizations; register the volunteer first."
    )
    assert counts() == before


def test_a_volunteer_outside_the_importers_scope_reads_like_an_unknown_one(cast):
    wang = cast.people["wang"]
    before = counts()

    result = run(cast.users["branch_secretary"], sheet(record(cast.people["zhang"]), record(wang)))

    assert where(result.errors) == [(3, "身份证号码", wang.id_number, "PERSON_NOT_FOUND")]
    assert "registered in your organizations" in result.errors[0].message
    assert wang.name not in result.errors[0].message
    assert counts() == before


def test_a_malformed_id_number_says_what_is_wrong(cast):
    number = cast.people["zhang"].id_number
    wrong = number[:17] + ("1" if number[17] != "1" else "2")

    result = run(cast.users["county_admin"], sheet(record(cast.people["zhang"], id_number=wrong)))

    assert where(result.errors) == [(2, "身份证号码", wrong, "ID_CHECKSUM")]
    assert HourEntry.objects.count() == 0


def test_a_name_that_is_not_the_registered_one_is_refused(cast):
    zhang = cast.people["zhang"]
    before = counts()

    result = run(cast.users["county_admin"], sheet(record(zhang, name="张小明")))

    assert where(result.errors) == [(2, "姓名", "张小明", "NAME_MISMATCH")]
    assert result.errors[0].message == "This ID number is registered to 张晓明, not to 张小明."
    assert counts() == before


def test_spaces_inside_a_name_do_not_make_it_another_name(cast):
    result = run(cast.users["county_admin"], sheet(record(cast.people["zhang"], name="张 晓明")))

    assert result.committed


FUTURE = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("cells", "column", "value", "code"),
    [
        ({"hours": 0}, "服务时长（小时）", "0", "HOURS_NOT_POSITIVE"),
        ({"hours": -2}, "服务时长（小时）", "-2", "HOURS_NOT_POSITIVE"),
        ({"hours": "0.001"}, "服务时长（小时）", "0.001", "HOURS_NOT_POSITIVE"),
        ({"hours": "两小时"}, "服务时长（小时）", "两小时", "NOT_A_NUMBER"),
        ({"hours": 12.5}, "服务时长（小时）", "12.5", "HOURS_OVER_DAILY_LIMIT"),
        ({"hours": None}, "服务时长（小时）", "", "REQUIRED"),
        ({"service_date": FUTURE}, "服务日期", FUTURE, "DATE_FUTURE"),
        ({"service_date": "1999-12-31"}, "服务日期", "1999-12-31", "DATE_TOO_EARLY"),
        ({"service_date": "2024-05"}, "服务日期", "2024-05", "DATE_DAY_MISSING"),
        ({"service_date": "2024-02-30"}, "服务日期", "2024-02-30", "DATE_IMPOSSIBLE"),
        ({"content": None}, "活动名称", "", "REQUIRED"),
        ({"content": "清" * 301}, "活动名称", "清" * 301, "TOO_LONG"),
        ({"category": "植树"}, "服务类别", "植树", "CHOICE_UNKNOWN"),
        ({"external_ref": "R" * 101}, "记录编号", "R" * 101, "TOO_LONG"),
    ],
)
def test_a_bad_cell_is_reported_with_its_row_column_value_and_rule(cast, cells, column, value, code):
    zhang = cast.people["zhang"]
    before = counts()

    result = run(cast.users["county_admin"], sheet(record(zhang, content="早间巡河"), record(zhang, **cells)))

    assert where(result.errors) == [(3, column, value, code)]
    assert result.committed is False
    assert counts() == before


def test_the_daily_limit_is_the_county_policy_of_the_service_year(cast):
    policy_set(
        VolunteerPolicy,
        perm=MANAGE_VOLUNTEERING,
        actor=cast.users["county_admin"],
        county=cast.county,
        year=2024,
        max_hours_per_day=Decimal("8"),
    )
    zhang = cast.people["zhang"]

    result = run(
        cast.users["county_admin"],
        sheet(
            record(zhang, hours=8),
            record(zhang, hours=8.5, service_date="2024-06-01"),
            record(zhang, hours=10, service_date="2023-06-01"),
        ),
    )

    assert where(result.errors) == [(3, "服务时长（小时）", "8.5", "HOURS_OVER_DAILY_LIMIT")]
    assert result.errors[0].message == "8.50 hours exceed the county's limit of 8.0 hours a day."


def test_every_problem_of_a_row_is_reported_at_once(cast):
    zhang = cast.people["zhang"]

    result = run(cast.users["county_admin"], sheet(record(zhang, name="王五", hours=0, service_date=FUTURE)))

    assert [(e.column, e.code) for e in result.errors] == [
        ("姓名", "NAME_MISMATCH"),
        ("服务日期", "DATE_FUTURE"),
        ("服务时长（小时）", "HOURS_NOT_POSITIVE"),
    ]


# Duplicates


def test_a_record_repeated_in_the_file_is_refused_naming_the_first_row(cast):
    zhang = cast.people["zhang"]
    before = counts()

    result = run(
        cast.users["county_admin"],
        sheet(record(zhang), record(cast.people["wang"]), record(zhang, hours="2.50", content="东湖湿地 垃圾清理")),
    )

    assert where(result.errors) == [(4, "活动名称", "东湖湿地 垃圾清理", "DUPLICATE_IN_FILE")]
    assert result.errors[0].message == "The same person, date, hours and activity are already on row 2 of this file."
    assert counts() == before


def test_a_record_number_repeated_in_the_file_is_refused(cast):
    zhang = cast.people["zhang"]

    result = run(
        cast.users["county_admin"],
        sheet(record(zhang, external_ref="R-1"), record(zhang, external_ref="R-1", content="另一项活动")),
    )

    assert where(result.errors) == [(3, "记录编号", "R-1", "DUPLICATE_IN_FILE")]
    assert HourEntry.objects.count() == 0


def test_the_same_day_with_other_hours_or_another_activity_is_not_a_duplicate(cast):
    zhang = cast.people["zhang"]

    result = run(
        cast.users["county_admin"],
        sheet(
            record(zhang),
            record(zhang, hours=1),
            record(zhang, content="敬老院探访"),
            record(zhang, service_date="2024-05-05"),
        ),
    )

    assert result.created == 4 and result.committed


def test_a_record_number_already_in_the_ledger_is_refused(cast):
    zhang = cast.people["zhang"]
    run(cast.users["county_admin"], sheet(record(zhang, external_ref="R-1")))
    before = counts()

    result = run(
        cast.users["county_admin"],
        sheet(record(cast.people["wang"]), record(zhang, external_ref="R-1", hours=1, content="另一项活动")),
    )

    assert where(result.errors) == [(3, "记录编号", "R-1", "DUPLICATE_ENTRY")]
    assert result.errors[0].message == "A record with this number is already in 张晓明's hours."
    assert counts() == before


def test_the_same_person_date_hours_and_activity_already_in_the_ledger_are_refused(cast):
    zhang = cast.people["zhang"]
    run(cast.users["county_admin"], sheet(record(zhang)))
    before = counts()

    result = run(cast.users["branch_secretary"], sheet(record(zhang, external_ref="NEW-1")))

    assert where(result.errors) == [(2, "活动名称", "东湖湿地垃圾清理", "DUPLICATE_ENTRY")]
    assert result.errors[0].message == "张晓明's hours already hold this activity on 2024-05-04 with 2.50 hours."
    assert counts() == before


def test_a_corrected_entry_is_a_duplicate_at_its_corrected_hours(cast):
    admin, zhang = cast.users["county_admin"], cast.people["zhang"]
    run(admin, sheet(record(zhang, hours=3)))
    entry_correct(actor=admin, entry=HourEntry.objects.get(), hours=Decimal("2"), reason="签到表核对")

    result = run(admin, sheet(record(zhang, hours=2)))

    assert where(result.errors) == [(2, "活动名称", "东湖湿地垃圾清理", "DUPLICATE_ENTRY")]


def test_importing_the_same_file_twice_refuses_every_row_the_second_time(cast):
    data = sheet(record(cast.people["zhang"]), record(cast.people["wang"], external_ref="W-1"))
    assert run(cast.users["county_admin"], data).committed

    again = run(cast.users["county_admin"], data)

    assert [(e.row, e.code) for e in again.errors] == [(2, "DUPLICATE_ENTRY"), (3, "DUPLICATE_ENTRY")]
    assert counts() == (2, 1)


# Layouts


def test_a_missing_required_column_is_named_on_the_header_row(cast):
    data = xlsx([["姓名", "身份证号码", "服务日期", "活动名称"], ["张晓明", cast.people["zhang"].id_number, DAY, "x"]])

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(1, "服务时长（小时）", "", "HEADER_MISSING")]


def test_a_zvms_file_is_refused_with_one_error_saying_why(cast):
    data = xlsx(
        [
            ["_id", "Name", "ID", "Group", "On Campus", "Off Campus", "Social Practice"],
            ["65a1f0c2e4b0a1b2c3d4e5f6", "张晓明", "20230101", "高一(1)班", 2, 3.5, None],
        ]
    )
    before = counts()

    result = run(cast.users["county_admin"], data, "zvms.xlsx")

    assert where(result.errors) == [(1, "ID", "", "LAYOUT_ZVMS")]
    assert "no ID numbers and no service dates" in result.errors[0].message
    assert counts() == before


def test_a_file_with_no_known_header_cannot_be_read(cast):
    result = run(cast.users["county_admin"], xlsx([["a", "b"], ["1", "2"]]))

    assert where(result.errors) == [(0, "", "", "HEADER_NOT_FOUND")]


# The command line and the upload page


def cli(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = 0
    try:
        call_command("import", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as e:
        code = e.code
    return code, out.getvalue()


def write(tmp_path, data: bytes, name: str = "志愿时长.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_cli_exits_0_when_the_file_is_imported(cast, tmp_path):
    path = write(tmp_path, sheet(record(cast.people["zhang"])))

    code, out = cli("volunteer-hours", path, "--as", "county_admin", "--format", "json", "--lang", "en")

    assert code == 0
    assert json.loads(out) == {"created": 1, "updated": 0, "unchanged": 0, "committed": True, "errors": []}
    assert HourEntry.objects.count() == 1


def test_cli_exits_1_and_lists_each_bad_cell_when_a_row_is_bad(cast, tmp_path):
    zhang = cast.people["zhang"]
    path = write(tmp_path, sheet(record(zhang), record(zhang, name="张小明", content="x")))

    code, out = cli("volunteer-hours", path, "--as", "county_admin", "--format", "json", "--lang", "en")

    assert code == 1
    payload = json.loads(out)
    assert (payload["created"], payload["committed"]) == (1, False)
    assert [(e["row"], e["column"], e["value"], e["code"]) for e in payload["errors"]] == [
        (3, "姓名", "张小明", "NAME_MISMATCH")
    ]
    assert counts() == (0, 0)


def test_cli_exits_1_for_a_zvms_file_and_says_why_in_text(cast, tmp_path):
    path = write(tmp_path, xlsx([["_id", "Name", "ID", "Group", "On Campus", "Off Campus", "Social Practice"]]))

    code, out = cli("volunteer-hours", path, "--as", "county_admin", "--lang", "en")

    assert code == 1
    assert out.splitlines()[0].startswith("row 1, ID: This is a zvms hours file")


def test_cli_exits_2_for_a_file_that_cannot_be_read(cast, tmp_path):
    path = write(tmp_path, b"", "empty.xlsx")

    code, _out = cli("volunteer-hours", path, "--as", "county_admin")

    assert code == 2


def test_cli_dry_run_exits_0_and_writes_nothing(cast, tmp_path):
    path = write(tmp_path, sheet(record(cast.people["zhang"])))

    code, out = cli("volunteer-hours", path, "--dry-run", "--as", "county_admin", "--format", "json")

    assert code == 0
    assert json.loads(out)["committed"] is False
    assert counts() == (0, 0)


def test_cli_applies_the_scope_of_the_user_named_with_as(cast, tmp_path):
    path = write(tmp_path, sheet(record(cast.people["zhao"])))

    code, out = cli("volunteer-hours", path, "--as", "committee_secretary", "--format", "json")

    assert code == 1
    assert [e["code"] for e in json.loads(out)["errors"]] == ["PERSON_NOT_FOUND"]


def test_cli_template_has_the_spec_headers_and_reads_back_as_a_good_header(cast, tmp_path):
    target = tmp_path / "template.xlsx"

    code, _out = cli("volunteer-hours", "--template", str(target))

    assert code == 0
    headers = [c.header for c in hour_spec().columns]
    first = next(iter(read_back(target.read_bytes()).values()))
    assert first[0] == headers
    assert hour_spec().is_header(first[0])


@pytest.mark.parametrize(
    ("role", "status"),
    [("county_admin", 200), ("branch_secretary", 200), ("cadre", 404), ("auditor", 404), ("member", 404)],
)
def test_the_upload_page_is_for_those_who_manage_volunteering(client_as, role, status):
    assert client_as(role).get("/jobs/imports/volunteer-hours/").status_code == status
    assert client_as(role).get("/jobs/imports/volunteer-hours/template/").status_code == status


def test_a_checked_upload_is_imported_on_confirmation(cast):
    admin = cast.users["county_admin"]
    upload = SimpleUploadedFile("志愿时长.xlsx", sheet(record(cast.people["zhang"])))

    check = jobs.import_start(actor=admin, kind="volunteer-hours", upload=upload)

    assert (check.status, check.result["created"], check.result["errors"]) == ("succeeded", 1, [])
    assert HourEntry.objects.count() == 0
    done = jobs.import_confirm(actor=admin, job=check)
    assert (done.status, done.result["committed"]) == ("succeeded", True)
    assert HourEntry.objects.get().status == HourEntry.Status.CERTIFIED
