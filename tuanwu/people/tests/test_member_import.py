"""The member import: every bad row is reported with its Excel row, its column and its rule, all or nothing
is written, and a re-import updates people by ID number instead of duplicating them."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import development_number, fresh_id, org
from tests.sheet_files import csv_bytes, db_counts, read_back, where, xlsx
from tuanwu.audit.models import BatchEvent
from tuanwu.core.idcard import check_digit
from tuanwu.people import imports
from tuanwu.people.imports import member_import
from tuanwu.people.models import Membership, Person
from tuanwu.people.sheets import member_spec
from tuanwu.sheets.reader import read_table

BORN = datetime.date(2006, 8, 9)
COLUMNS = {
    "name": "姓名",
    "id_number": "身份证号码",
    "gender": "性别",
    "birth": "出生日期",
    "ethnicity": "民族",
    "phone": "手机号码",
    "email": "电子邮箱",
    "branch": "所在团支部",
    "code": "团组织编码",
    "joined": "入团年月",
    "number": "团员编号",
    "status": "团籍状态",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def person(born=BORN, **cells) -> dict:
    """One row of a member file; a woman born 2006-08-09 who joined 东湖村团支部 in 2021 unless told otherwise."""
    row = {
        "name": "周婷",
        "id_number": fresh_id(born, male=False),
        "branch": "东湖村团支部",
        "joined": "2021-05-04",
        "number": development_number(2021),
        "phone": "13912345678",
    }
    row.update(cells)
    return row


def sheet(*people: dict, title: str | None = None) -> bytes:
    keys = [k for k in COLUMNS if any(k in p for p in people)]
    rows = [[p.get(k) for k in keys] for p in people]
    return xlsx(([[title]] if title else []) + [[COLUMNS[k] for k in keys], *rows])


def run(actor, data: bytes, filename: str = "团员名单.xlsx", **kw):
    return member_import(actor=actor, data=data, filename=filename, **kw)


def with_check_digit(body: str) -> str:
    return body + check_digit(body)


def wrong_check_digit(number: str) -> str:
    return number[:17] + ("1" if number[17] != "1" else "2")


# Headers


def test_a_file_whose_headers_are_not_the_templates_is_refused_as_a_whole(cast):
    data = xlsx([["Name", "ID number", "Branch"], ["周婷", fresh_id(BORN), "东湖村团支部"]])
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(0, "", "", "HEADER_NOT_FOUND")]
    assert result.errors[0].message == (
        "No header row was found in the first 15 rows: download the template to see the expected columns."
    )
    assert db_counts() == before


@pytest.mark.parametrize("missing", ["姓名", "身份证号码", "所在团支部"])
def test_a_missing_required_column_is_named_on_the_header_row(cast, missing):
    headers = [h for h in ["姓名", "身份证号码", "所在团支部", "入团年月", "团员编号"] if h != missing]
    data = xlsx([["青禾县2021年团员名单"], headers, ["x"] * len(headers)])
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(2, missing, "", "HEADER_MISSING")]
    assert result.errors[0].message == f"The required column “{missing}” is missing."
    assert db_counts() == before


@pytest.mark.parametrize(
    ("headers", "column"),
    [
        (["姓名", "身份证号码", "所在团支部", "身份证号码"], "身份证号码"),
        (["姓名", "身份证号", "所在团支部", "身份证号码"], "身份证号码"),
        (["姓名", "身份证号码", "所在团支部", "手机号码", "联系电话"], "手机号码"),
        (["姓名", "身份证号码", "团支部", "所在团支部"], "所在团支部"),
    ],
)
def test_a_column_given_twice_is_refused_on_the_header_row(cast, headers, column):
    cells = ["周婷", fresh_id(BORN), "东湖村团支部", "x", "x"][: len(headers)]
    data = xlsx([["青禾县2021年团员名单"], headers, cells])
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(2, column, "", "HEADER_DUPLICATE")]
    assert result.errors[0].message == f"The column “{column}” appears more than once."
    assert db_counts() == before


# One bad cell: its row, column, value and rule, and nothing written

ID_BAD_BIRTH = with_check_digit("34110220060230002")
BAD_CHECKSUM = wrong_check_digit(fresh_id(BORN, male=False))


@pytest.mark.parametrize(
    ("cells", "column", "value", "code"),
    [
        ({"name": "张" * 51}, "姓名", "张" * 51, "TOO_LONG"),
        ({"id_number": ""}, "身份证号码", "", "REQUIRED"),
        ({"id_number": BAD_CHECKSUM}, "身份证号码", BAD_CHECKSUM, "ID_CHECKSUM"),
        ({"id_number": "3411022006080900"}, "身份证号码", "3411022006080900", "ID_LENGTH"),
        ({"id_number": ID_BAD_BIRTH}, "身份证号码", ID_BAD_BIRTH, "ID_BIRTH_DATE"),
        ({"birth": "2006-02-30"}, "出生日期", "2006-02-30", "DATE_IMPOSSIBLE"),
        ({"birth": "2006-08-10"}, "出生日期", "2006-08-10", "BIRTH_DATE_MISMATCH"),
        ({"ethnicity": "火星族"}, "民族", "火星族", "CHOICE_UNKNOWN"),
        ({"phone": "12345"}, "手机号码", "12345", "PHONE_INVALID"),
        ({"email": "tingzhou@"}, "电子邮箱", "tingzhou@", "EMAIL_INVALID"),
        ({"branch": ""}, "所在团支部", "", "REQUIRED"),
        ({"branch": "南山村团支部"}, "所在团支部", "南山村团支部", "ORG_UNKNOWN"),
        ({"code": "NS01"}, "团组织编码", "NS01", "ORG_UNKNOWN"),
        ({"branch": "东湖镇团委"}, "入团年月", "2021-05-04", "MEMBER_NOT_IN_BRANCH"),
        ({"joined": "2021-02-29"}, "入团年月", "2021-02-29", "DATE_IMPOSSIBLE"),
        ({"joined": "去年五月"}, "入团年月", "去年五月", "DATE_FORMAT"),
        ({"joined": "2099-05-04", "number": "209900000001"}, "入团年月", "2099-05-04", "JOIN_DATE_FUTURE"),
        ({"number": "20210001"}, "团员编号", "20210001", "DEV_NUMBER_LENGTH"),
        ({"number": "2021-0000001"}, "团员编号", "2021-0000001", "DEV_NUMBER_FORMAT"),
        ({"status": "休眠"}, "团籍状态", "休眠", "CHOICE_UNKNOWN"),
    ],
)
def test_a_bad_cell_is_reported_with_its_row_column_value_and_rule(cast, cells, column, value, code):
    data = sheet(person(), person(**cells), person())
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(3, column, value, code)]
    assert result.errors[0].message
    assert (result.committed, result.bad_rows) == (False, 1)
    assert db_counts() == before


@pytest.mark.parametrize(
    ("cells", "code"),
    [({"number": ""}, "NUMBER_MISSING"), ({"number": "202000000001"}, "NUMBER_YEAR_MISMATCH")],
)
def test_a_development_number_rule_broken_in_the_past_is_imported_and_counted(cast, cells, code):
    result = run(cast.users["county_admin"], sheet(person(), person(**cells), person()))

    assert where(result.errors) == []
    assert result.committed and result.created == 3
    assert result.warnings == {code: 1}


def test_a_blank_name_is_reported_once(cast):
    data = sheet(person(), person(name=""))

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(3, "姓名", "", "REQUIRED")]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The ID number's check digit is wrong: the last character should be {digit}."),
        ("zh-hans", "身份证号校验位错误：末位应为{digit}。"),
    ],
)
def test_a_wrong_check_digit_is_shown_with_the_digit_it_should_be(cast, language, message):
    good = fresh_id(BORN, male=False)
    bad = wrong_check_digit(good)
    data = sheet(person(id_number=bad))
    before = db_counts()

    with translation.override(language):
        result = run(cast.users["county_admin"], data)

    assert [e.as_dict() for e in result.errors] == [
        {
            "row": 2,
            "column": "身份证号码",
            "value": bad,
            "code": "ID_CHECKSUM",
            "message": message.format(digit=good[17]),
        }
    ]
    assert db_counts() == before


def test_a_gender_that_contradicts_the_id_number_is_shown_as_typed(cast):
    data = sheet(person(gender="男"))

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(2, "性别", "男", "GENDER_MISMATCH")]


def test_an_id_number_stored_as_a_long_number_is_refused(cast):
    data = sheet(person(), person(id_number=341122200405170016.0))
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert [(e.row, e.column, e.code) for e in result.errors] == [(3, "身份证号码", "NUMBER_LOST_DIGITS")]
    assert db_counts() == before


def test_numbers_of_at_most_15_digits_stored_as_numbers_are_read_as_text(cast):
    row = person(phone=13912345678.0, number=float(development_number(2021)))

    result = run(cast.users["county_admin"], sheet(row))

    assert (result.errors, result.created, result.committed) == ([], 1, True)
    saved = Person.objects.get(id_number=row["id_number"])
    assert (saved.phone, saved.membership.development_number) == ("13912345678", str(int(row["number"])))


# Rows that clash with each other or with what is stored


def test_a_row_repeated_in_the_file_is_refused_naming_the_first_row(cast):
    repeated = person()
    data = sheet(person(), repeated, person(), repeated)
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    # The ID number is data that must be unique; the shared development number alone would be history (flagged).
    assert [e.as_dict() for e in result.errors] == [
        {
            "row": 5,
            "column": "身份证号码",
            "value": repeated["id_number"],
            "code": "DUPLICATE_IN_FILE",
            "message": "The same ID number is already on row 3 of this file.",
        },
    ]
    assert db_counts() == before


def test_a_development_number_held_by_a_stored_member_is_imported_and_flagged_on_both(cast):
    stored = cast.people["zhang"].membership
    taken = stored.development_number
    data = sheet(person(born=datetime.date(2005, 3, 1), joined=stored.join_date.isoformat(), number=taken))

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == []
    assert result.warnings == {"NUMBER_SHARED": 1}
    assert Membership.objects.filter(development_number=taken, number_shared=True).count() == 2


@pytest.mark.parametrize(
    ("joined", "warnings"),
    [("2018-05-16", {"AGE_BELOW_14": 1}), ("2018-05-17", {}), ("2016-05-16", {"AGE_BELOW_14": 1})],
    ids=["day-before-14th-birthday", "14th-birthday", "at-12"],
)
def test_a_join_before_the_minimum_age_is_imported_and_counted(cast, joined, warnings):
    data = sheet(person(born=datetime.date(2004, 5, 17), joined=joined, number=development_number(int(joined[:4]))))

    result = run(cast.users["county_admin"], data, dry_run=True)

    assert where(result.errors) == []
    assert result.warnings == warnings


def test_a_join_not_after_the_birth_date_is_refused(cast):
    data = sheet(person(born=datetime.date(2004, 5, 17), joined="2004-05-17", number=development_number(2004)))

    result = run(cast.users["county_admin"], data, dry_run=True)

    assert where(result.errors) == [(2, "入团年月", "2004-05-17", "JOIN_BEFORE_BIRTH")]
    assert result.errors[0].message == "The join date is not after the birth date."


# Organizations: by name or code, only within the importer's scope


def test_a_branch_name_two_committees_use_is_ambiguous_and_its_code_resolves_it(cast):
    org(cast.town, "青年突击队团支部", code="DH09")
    school_team = org(cast.school, "青年突击队团支部", code="YZ09")
    by_name = person(branch="青年突击队团支部")
    before = db_counts()

    refused = run(cast.users["county_admin"], sheet(by_name))

    assert [e.as_dict() for e in refused.errors] == [
        {
            "row": 2,
            "column": "所在团支部",
            "value": "青年突击队团支部",
            "code": "ORG_AMBIGUOUS",
            "message": "2 organizations are named “青年突击队团支部”; give the organization code to choose one.",
        }
    ]
    assert db_counts() == before

    accepted = run(cast.users["county_admin"], sheet({**by_name, "code": "YZ09"}))

    assert (accepted.errors, accepted.created, accepted.committed) == ([], 1, True)
    saved = Person.objects.get(id_number=by_name["id_number"])
    assert (saved.organization, saved.membership.organization) == (school_team, school_team)


@pytest.mark.parametrize(
    ("field", "column", "outside", "missing"),
    [
        ("branch", "所在团支部", "西湾村团支部", "南山村团支部"),
        ("branch", "所在团支部", "共青团西湾村团支部", "共青团南山村团支部"),
        ("code", "团组织编码", "DH02", "NS01"),
    ],
)
def test_a_branch_outside_the_importers_scope_is_reported_like_one_that_does_not_exist(
    cast, field, column, outside, missing
):
    data = sheet(person(**{field: outside}), person(**{field: missing}))
    before = db_counts()

    result = run(cast.users["branch_secretary"], data)

    assert where(result.errors) == [(2, column, outside, "ORG_UNKNOWN"), (3, column, missing, "ORG_UNKNOWN")]
    assert result.errors[0].message == result.errors[1].message.replace(missing, outside)
    assert db_counts() == before


def test_a_person_registered_outside_the_importers_scope_is_refused_without_saying_where(cast):
    wang = cast.people["wang"]
    data = sheet(person(name="王芳", id_number=wang.id_number, joined=None, number=None))
    before = db_counts()

    result = run(cast.users["branch_secretary"], data)

    assert where(result.errors) == [(2, "身份证号码", wang.id_number, "ID_OUTSIDE_SCOPE")]
    message = result.errors[0].message
    assert message == (
        "This ID number is registered with an organization outside your scope; ask the county committee to "
        "transfer the person."
    )
    for secret in ("西湾", "DH02", wang.organization.full_name):
        assert secret not in message
    assert db_counts() == before


# Writing: all or nothing, one batch event, updates by ID number


def test_a_good_file_is_written_in_one_go_with_one_batch_event_naming_the_file(cast):
    admin = cast.users["county_admin"]
    rows = [
        person(name="周婷"),
        person(name="孙悦", branch="共青团西湾村团支部"),
        person(name="钱敏", branch="2024级1班团支部", code="YZ01"),
    ]
    before = db_counts()

    result = run(admin, sheet(*rows, title="青禾县2021年新团员"), filename="2021年新团员.xlsx")

    assert (result.errors, result.created, result.updated, result.unchanged, result.committed) == ([], 3, 0, 0, True)
    assert db_counts() == {
        **before,
        "people": before["people"] + 3,
        "memberships": before["memberships"] + 3,
        "batch_events": before["batch_events"] + 1,
    }
    event = BatchEvent.objects.get()
    assert (event.kind, event.file_name, event.rows, event.actor, event.organization) == (
        "member_import",
        "2021年新团员.xlsx",
        3,
        admin,
        cast.county,
    )
    assert event.description == "Member import: 3 created, 0 updated, 0 unchanged"
    saved = {p.name: p for p in Person.objects.filter(id_number__in=[r["id_number"] for r in rows])}
    assert [saved[n].organization for n in ("周婷", "孙悦", "钱敏")] == [cast.branch, cast.branch2, cast.school_branch]
    zhou = saved["周婷"]
    assert (zhou.birth_date, zhou.gender, zhou.political_status, zhou.phone) == (
        BORN,
        "female",
        "league_member",
        "13912345678",
    )
    assert (zhou.membership.join_date, zhou.membership.development_number, zhou.membership.status) == (
        datetime.date(2021, 5, 4),
        rows[0]["number"],
        "normal",
    )


def test_a_failure_while_writing_rolls_back_every_row_already_written(cast, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "batch_event_record", broken)
    before = db_counts()

    with pytest.raises(RuntimeError):
        run(cast.users["county_admin"], sheet(person(), person()))

    assert db_counts() == before


def test_one_bad_row_among_good_ones_writes_nothing(cast):
    data = sheet(person(), person(), person(phone="1391234567"), person())
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(4, "手机号码", "1391234567", "PHONE_INVALID")]
    assert (result.committed, result.created, result.bad_rows) == (False, 3, 1)
    assert db_counts() == before


def test_every_problem_of_a_row_is_reported_at_once(cast):
    data = sheet(person(), person(ethnicity="火星族", phone="12345", branch="南山村团支部"))
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [
        (3, "民族", "火星族", "CHOICE_UNKNOWN"),
        (3, "手机号码", "12345", "PHONE_INVALID"),
        (3, "所在团支部", "南山村团支部", "ORG_UNKNOWN"),
    ]
    assert db_counts() == before


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"phone": "12345", "id_number": BAD_CHECKSUM},
            [(2, "身份证号码", BAD_CHECKSUM, "ID_CHECKSUM"), (2, "手机号码", "12345", "PHONE_INVALID")],
        ),
        (
            {"id_number": BAD_CHECKSUM, "number": "20210001"},
            [(2, "身份证号码", BAD_CHECKSUM, "ID_CHECKSUM"), (2, "团员编号", "20210001", "DEV_NUMBER_LENGTH")],
        ),
    ],
    ids=["phone-and-id", "id-and-development-number"],
)
def test_every_problem_of_a_row_with_a_bad_id_number_is_reported_at_once(cast, cells, expected):
    result = run(cast.users["county_admin"], sheet(person(**cells)))

    assert where(result.errors) == expected


def test_reimporting_a_file_updates_people_by_id_number_instead_of_duplicating_them(cast):
    admin = cast.users["county_admin"]
    rows = [person(name="周婷"), person(name="孙悦"), person(name="钱敏")]
    first = run(admin, sheet(*rows))
    after_first = db_counts()

    again = run(admin, sheet(*rows))
    rows[1]["phone"] = "13700000000"
    changed = run(admin, sheet(*rows))

    assert [(r.created, r.updated, r.unchanged, r.committed) for r in (first, again, changed)] == [
        (3, 0, 0, True),
        (0, 0, 3, True),
        (0, 1, 2, True),
    ]
    counts = db_counts()
    assert (counts["people"], counts["memberships"]) == (after_first["people"], after_first["memberships"])
    sun = Person.objects.get(id_number=rows[1]["id_number"])
    assert (sun.phone, sun.version) == ("13700000000", 2)
    assert Person.objects.get(id_number=rows[0]["id_number"]).version == 1


# The command line: tuanwu import members FILE


def cli(*args) -> tuple[int, str]:
    """Exit code and standard output of `tuanwu import …`; the command's language is restored afterwards."""
    out = io.StringIO()
    code = 0
    with translation.override("en"):
        try:
            call_command("import", *args, stdout=out, stderr=io.StringIO())
        except SystemExit as e:
            code = e.code
    return code, out.getvalue()


def write(tmp_path, data: bytes, name: str = "团员名单.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_cli_exits_0_and_reports_json_when_the_file_is_imported(cast, tmp_path):
    row = person()
    path = write(tmp_path, sheet(row))

    code, out = cli("members", path, "--as", "county_admin", "--format", "json", "--lang", "en")

    assert code == 0
    assert json.loads(out) == {"created": 1, "updated": 0, "unchanged": 0, "committed": True, "errors": []}
    assert Person.objects.filter(id_number=row["id_number"]).exists()


def test_cli_exits_1_and_lists_each_bad_cell_in_json(cast, tmp_path):
    good = fresh_id(BORN, male=False)
    bad = wrong_check_digit(good)
    path = write(tmp_path, sheet(person(), person(id_number=bad)))
    before = db_counts()

    code, out = cli("members", path, "--as", "county_admin", "--format", "json", "--lang", "en")

    assert code == 1
    payload = json.loads(out)
    assert payload == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "committed": False,
        "errors": [
            {
                "row": 3,
                "column": "身份证号码",
                "value": bad,
                "code": "ID_CHECKSUM",
                "message": f"The ID number's check digit is wrong: the last character should be {good[17]}.",
            }
        ],
    }
    assert db_counts() == before


def test_cli_text_output_names_row_column_value_and_rule(cast, tmp_path):
    path = write(tmp_path, sheet(person(), person(branch="南山村团支部")))

    code, out = cli("members", path, "--as", "county_admin", "--lang", "en")

    assert code == 1
    assert out.splitlines() == [
        "row 3, 所在团支部 “南山村团支部”: No organization named “南山村团支部” in your scope; check the name or give "
        "its code. [ORG_UNKNOWN]",
        "1 new, 0 changed, 0 unchanged rows would be imported; 1 bad rows; nothing was written.",
    ]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("团员名单.xlsx", b"", "FILE_EMPTY"),
        ("团员名单.xlsx", csv_bytes([["姓名", "身份证号码", "所在团支部"]]), "FILE_TYPE_MISMATCH"),
        ("团员名单.docx", b"PK\x03\x04", "FILE_TYPE"),
    ],
)
def test_cli_exits_2_when_the_file_cannot_be_read(cast, tmp_path, name, data, code):
    path = write(tmp_path, data, name)
    before = db_counts()

    exit_code, out = cli("members", path, "--as", "county_admin", "--format", "json")

    assert exit_code == 2
    assert [(e["row"], e["column"], e["value"], e["code"]) for e in json.loads(out)["errors"]] == [(0, "", "", code)]
    assert db_counts() == before


def test_cli_exits_2_when_the_file_does_not_exist(cast, tmp_path):
    code, out = cli("members", str(tmp_path / "nowhere.xlsx"), "--as", "county_admin")

    assert (code, out) == (2, "")


def test_cli_dry_run_checks_every_row_and_writes_nothing(cast, tmp_path):
    path = write(tmp_path, sheet(person(), person()))
    before = db_counts()

    code, out = cli("members", path, "--dry-run", "--as", "county_admin", "--format", "json")

    assert code == 0
    assert json.loads(out) == {"created": 2, "updated": 0, "unchanged": 0, "committed": False, "errors": []}
    assert db_counts() == before


def test_cli_applies_the_scope_of_the_user_named_with_as(cast, tmp_path):
    path = write(tmp_path, sheet(person(branch="西湾村团支部")))
    before = db_counts()

    code, out = cli("members", path, "--as", "branch_secretary", "--format", "json")

    assert code == 1
    assert [(e["row"], e["column"], e["code"]) for e in json.loads(out)["errors"]] == [(2, "所在团支部", "ORG_UNKNOWN")]
    assert db_counts() == before


def test_cli_template_has_the_spec_headers_and_an_instructions_sheet(cast, tmp_path):
    target = tmp_path / "template.xlsx"

    code, out = cli("members", "--template", str(target))

    assert (code, out.strip()) == (0, str(target))
    with translation.override("zh-hans"):
        headers = [c.header for c in member_spec().columns]
        names = [gettext("Members"), gettext("Instructions")]
        explanation_header = [gettext(w) for w in ("Column", "Required", "What to enter", "Allowed values")]
    book = read_back(target.read_bytes())
    assert list(book) == names
    assert book[names[0]][0] == headers
    assert book[names[1]][0][:4] == explanation_header
    assert [r[0] for r in book[names[1]][1:]] == headers
    table = read_table(target.read_bytes(), "template.xlsx", find_header=member_spec().is_header)
    assert (table.header_row, table.headers) == (1, headers)


def test_a_refused_file_leaves_stored_people_and_memberships_as_they_were(cast):
    zhang = cast.people["zhang"]
    stored = Membership.objects.get(person=zhang)
    data = sheet(
        person(name="张晓明", id_number=zhang.id_number, joined="2019-05-04", number=stored.development_number),
        person(branch="南山村团支部"),
    )

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [(3, "所在团支部", "南山村团支部", "ORG_UNKNOWN")]
    assert Membership.objects.get(person=zhang).version == stored.version
    assert Person.objects.get(pk=zhang.pk).phone == zhang.phone
