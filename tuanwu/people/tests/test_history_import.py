"""History is imported as it was: a roster of members admitted years ago is loaded even where an admission
broke a rule then (each such member flagged with the rule's code, counted per rule in the import's warnings,
and found by the annual audit and the file check), while malformed data still refuses the whole file."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from tests.factories import development_number, fresh_id
from tests.sheet_files import db_counts, read_back, where, xls, xlsx
from tuanwu.admission.records import admission_audit, file_check, file_rows
from tuanwu.people.imports import member_import
from tuanwu.people.models import Membership, Person


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(actor, data: bytes, filename: str = "团员名单.xlsx", **kw):
    return member_import(actor=actor, data=data, filename=filename, **kw)


# The 智慧团建 member record's fields in the national order (basic block, then the additional block), as a county
# exports its roster; this roster has no 团员编号 column at all.
NATIONAL = [
    "姓名",
    "证件类型",
    "身份证号",
    "实名认证状态",
    "出生日期",
    "入团年月",
    "所在团支部",
    "是否团干部",
    "民族",
    "政治面貌",
    "全日制学历",
    "手机号码",
    "职业",
    "学习工作单位",
]


def national_row(name: str, born: datetime.date, joined: str) -> list:
    return [
        name,
        "普通居民身份证",
        fresh_id(born, male=False),
        "通过",
        born.isoformat(),
        joined,
        "东湖村团支部",
        "否",
        "汉族",
        "团员",
        "高中",
        "13912345678",
        "学生",
        "东湖中学",
    ]


def test_a_national_export_without_development_numbers_imports_with_a_warning_per_member(cast):
    born = datetime.date(2002, 3, 1)
    rows = [
        national_row("钟小燕", born, "2019-05"),
        national_row("钟小雨", born, "2020-05"),
        national_row("钟小雪", born, "2016-05"),  # before 2017: no number was required
    ]
    data = xls([NATIONAL, *rows], sheet="团员名单")

    result = run(cast.users["county_admin"], data, filename="团员名单.xls")

    assert where(result.errors) == []
    assert result.committed and result.created == 3
    assert result.warnings == {"NUMBER_MISSING": 2}
    assert result.as_dict()["warnings"] == {"NUMBER_MISSING": 2}
    flagged = {
        m.person.name: sorted(m.flags.values_list("code", flat=True))
        for m in Membership.objects.filter(person__name__startswith="钟小").select_related("person")
    }
    assert flagged == {"钟小燕": ["NUMBER_MISSING"], "钟小雨": ["NUMBER_MISSING"], "钟小雪": []}


def test_one_bad_id_check_digit_at_row_1501_of_2000_refuses_the_whole_file_naming_that_cell_only(cast):
    header = ["姓名", "身份证号码", "所在团支部", "入团年月", "团员编号"]
    born = datetime.date(2004, 3, 1)
    rows = [["学员", fresh_id(born), "东湖村团支部", "2019-05-04", development_number(2019)] for _ in range(2000)]
    good = rows[1499][1]  # Excel row 1501: the header is row 1
    bad = good[:17] + ("1" if good[17] != "1" else "2")
    rows[1499][1] = bad
    before = db_counts()

    result = run(cast.users["county_admin"], xlsx([header, *rows]))

    assert where(result.errors) == [(1501, "身份证号码", bad, "ID_CHECKSUM")]
    assert result.warnings == {}
    assert not result.committed
    assert db_counts() == before


HISTORY = ["姓名", "身份证号码", "所在团支部", "入团年月", "团员编号"]


def history_file():
    shared = development_number(2019)
    rows = [
        # Joined at 13 and at 12: under the League's 14.
        ["史一", fresh_id(datetime.date(2006, 1, 10)), "东湖村团支部", "2019-05-04", development_number(2019)],
        ["史二", fresh_id(datetime.date(2007, 3, 1)), "东湖村团支部", "2019-06-01", development_number(2019)],
        # A number of the year before the join.
        ["史三", fresh_id(datetime.date(2003, 1, 1)), "东湖村团支部", "2019-05-04", development_number(2018)],
        # Two members holding one number.
        ["史四", fresh_id(datetime.date(2002, 2, 2)), "东湖村团支部", "2019-05-04", shared],
        ["史五", fresh_id(datetime.date(2002, 3, 3)), "东湖村团支部", "2019-05-04", shared],
        # Clean.
        ["史六", fresh_id(datetime.date(2001, 4, 4)), "东湖村团支部", "2019-05-04", development_number(2019)],
    ]
    return xlsx([HISTORY, *rows])


PLANTED = {
    ("史一", "AGE_BELOW_14"),
    ("史二", "AGE_BELOW_14"),
    ("史三", "NUMBER_YEAR_MISMATCH"),
    ("史四", "NUMBER_SHARED"),
    ("史五", "NUMBER_SHARED"),
}


def test_a_history_file_with_breaches_imports_with_a_warning_count_per_rule(cast):
    dry = run(cast.users["county_admin"], history_file(), dry_run=True)
    assert where(dry.errors) == []
    assert dry.warnings == {"AGE_BELOW_14": 2, "NUMBER_YEAR_MISMATCH": 1, "NUMBER_SHARED": 2}

    result = run(cast.users["county_admin"], history_file())

    assert where(result.errors) == []
    assert result.committed and result.created == 6
    assert result.warnings == {"AGE_BELOW_14": 2, "NUMBER_YEAR_MISMATCH": 1, "NUMBER_SHARED": 2}
    flags = {
        (m.person.name, code)
        for m in Membership.objects.filter(person__name__startswith="史").select_related("person")
        for code in m.flags.values_list("code", flat=True)
    }
    assert flags == PLANTED


def test_the_annual_audit_finds_exactly_the_planted_breaches_and_not_the_clean_record(cast):
    assert run(cast.users["county_admin"], history_file()).committed

    rows = [r for r in admission_audit(cast.users["county_admin"], 2019) if r.person.startswith("史")]

    assert {(r.person, r.code) for r in rows} == PLANTED
    assert len(rows) == 5
    assert all(r.message for r in rows)


def test_the_file_check_shows_each_members_breaches(cast):
    assert run(cast.users["county_admin"], history_file()).committed
    branch = Person.objects.get(name="史六").organization

    rows = list(file_rows(file_check(cast.users["county_admin"], branch)))

    found = {(r.person.name, code) for r in rows if r.person.name.startswith("史") for code in r.flags}
    assert found == PLANTED


def test_a_number_shared_with_a_stored_member_flags_both(cast):
    stored = cast.people["zhang"].membership
    data = xlsx(
        [
            HISTORY,
            [
                "史七",
                fresh_id(datetime.date(2001, 1, 1)),
                "东湖村团支部",
                stored.join_date.isoformat(),
                stored.development_number,
            ],
        ]
    )

    result = run(cast.users["county_admin"], data)

    assert result.committed
    assert result.warnings == {"NUMBER_SHARED": 1}
    assert list(Membership.objects.get(person__name="史七").flags.values_list("code", flat=True)) == ["NUMBER_SHARED"]
    assert list(stored.flags.values_list("code", flat=True)) == ["NUMBER_SHARED"]


def test_the_command_reports_the_warnings_per_rule(cast, tmp_path):
    path = tmp_path / "history.xlsx"
    path.write_bytes(history_file())
    out = io.StringIO()

    call_command("import", "members", str(path), "--as", "county_admin", "--lang", "en", stdout=out)

    assert out.getvalue().splitlines()[-1] == (
        "5 rules broken in the past, imported and flagged on the records: "
        "AGE_BELOW_14 2, NUMBER_SHARED 2, NUMBER_YEAR_MISMATCH 1"
    )


def test_the_file_check_page_and_its_export_name_each_members_breaches(cast, client_as):
    assert run(cast.users["county_admin"], history_file()).committed
    branch = Person.objects.get(name="史六").organization
    client = client_as("county_admin")

    page = client.get("/admission/files/", {"organization": branch.pk}).content.decode()
    export = client.get("/admission/files/", {"organization": branch.pk, "format": "xlsx"}).content

    assert "AGE_BELOW_14" in page and "NUMBER_SHARED" in page and "NUMBER_YEAR_MISMATCH" in page
    sheet = next(iter(read_back(export).values()))
    flagged = {row[0]: row[-1] for row in sheet[1:] if str(row[0]).startswith("史")}
    assert flagged["史一"] == "AGE_BELOW_14"
    assert flagged["史四"] == flagged["史五"] == "NUMBER_SHARED"
    assert flagged["史六"] == ""


def test_a_join_of_the_current_year_is_no_history_and_the_rules_refuse_it(cast):
    today = timezone.localdate()
    joined = today.replace(day=1)
    number = development_number(today.year)
    data = xlsx(
        [
            HISTORY,
            # Twelve years old when joining this year.
            ["今一", fresh_id(joined.replace(year=joined.year - 12)), "东湖村团支部", joined.isoformat(), number],
            # Without a number.
            ["今二", fresh_id(datetime.date(2001, 1, 1)), "东湖村团支部", joined.isoformat(), None],
        ]
    )
    before = db_counts()

    result = run(cast.users["county_admin"], data)

    assert where(result.errors) == [
        (2, "入团年月", joined.isoformat(), "AGE_BELOW_14"),
        (3, "团员编号", "", "NUMBER_MISSING"),
    ]
    assert result.warnings == {}
    assert not result.committed
    assert db_counts() == before
