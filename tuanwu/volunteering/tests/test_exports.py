"""The ledger and activity exports hold the lists' rows and nothing outside the exporter's scope; ID numbers
are masked unless the exporter may see them on the row's organization; every ledger export is logged."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from python_calamine import CalamineWorkbook

from tests.sheet_files import xlsx
from tuanwu.audit.models import AccessLog
from tuanwu.volunteering.imports import hour_import
from tuanwu.volunteering.models import Activity, Category, HourEntry
from tuanwu.volunteering.services.activities import activity_create
from tuanwu.volunteering.sheets import entry_export_headers

DAY = datetime.date(2024, 5, 4)
ROLES = {
    "county_admin": 200,
    "committee_secretary": 200,
    "branch_secretary": 200,
    "cadre": 200,
    "auditor": 200,
    "outsider": 200,
    "member": 404,
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def ledger(cast):
    """2.5 certified hours each for 张晓明 (东湖村), 王芳 (西湾村) and 赵磊 (school), imported by the county."""
    rows = [["姓名", "身份证号码", "服务日期", "服务时长（小时）", "活动名称", "记录编号"]]
    for key in ("zhang", "wang", "zhao"):
        p = cast.people[key]
        rows.append([p.name, p.id_number, DAY, 2.5, "东湖湿地垃圾清理", f"R-{key}"])
    result = hour_import(actor=cast.users["county_admin"], data=xlsx(rows), filename="hours.xlsx")
    assert result.committed
    return cast


def zh(label) -> str:
    """A label as the export writes it: in the request's language, Chinese by default."""
    with translation.override("zh-hans"):
        return str(label)


def _sheet(response) -> list[list]:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize("kind", ["volunteer-hours", "activities"])
@pytest.mark.parametrize("role", sorted(ROLES))
def test_export_access(client_as, cast, kind, role):
    assert client_as(role).post(f"/jobs/exports/{kind}/", {"count": "1"}).status_code == ROLES[role]


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("county_admin", {"张晓明", "王芳", "赵磊"}),
        ("auditor", {"张晓明", "王芳", "赵磊"}),
        ("committee_secretary", {"张晓明", "王芳"}),
        ("branch_secretary", {"张晓明"}),
        ("outsider", {"赵磊"}),
        ("cadre", {"赵磊"}),
    ],
)
def test_ledger_export_holds_exactly_the_scope(client_as, ledger, role, names):
    rows = _sheet(client_as(role).post("/jobs/exports/volunteer-hours/"))

    assert rows[0] == entry_export_headers()
    assert {r[0] for r in rows[1:]} == names


def test_ledger_export_rows_hold_the_entry(client_as, ledger):
    zhang = ledger.people["zhang"]

    rows = _sheet(client_as("branch_secretary").post("/jobs/exports/volunteer-hours/"))

    name, id_number, day, hours, content, category, ref, org, organizer, source, status, _at, reason = rows[1]
    assert (name, id_number, hours, content, category, ref) == (
        "张晓明",
        zhang.id_number,
        2.5,
        "东湖湿地垃圾清理",
        zh(Category.OTHER.label),
        "R-zhang",
    )
    assert day == DAY
    assert (org, organizer, source, status, reason) == (
        "共青团东湖村团支部",
        "共青团青禾县委",
        zh(HourEntry.Source.IMPORT.label),
        zh(HourEntry.Status.CERTIFIED.label),
        "",
    )


@pytest.mark.parametrize(
    ("role", "person"),
    [("county_admin", "zhang"), ("committee_secretary", "zhang"), ("branch_secretary", "zhang"), ("outsider", "zhao")],
)
def test_ledger_export_is_clear_for_roles_with_personal_data_rights_and_logged(client_as, ledger, role, person):
    volunteer = ledger.people[person]

    rows = _sheet(client_as(role).post("/jobs/exports/volunteer-hours/", {"q": volunteer.name}))

    assert [r[1] for r in rows[1:]] == [volunteer.id_number]
    log = AccessLog.objects.get()
    assert (log.action, log.rows, log.fields, log.actor.username) == ("export", 1, "id_number", role)


@pytest.mark.parametrize("role", ["auditor", "cadre"])
def test_ledger_export_is_masked_for_roles_without_personal_data_rights(client_as, ledger, role):
    rows = _sheet(client_as(role).post("/jobs/exports/volunteer-hours/"))

    for row in rows[1:]:
        assert row[1].count("*") == 12 and row[1][:6].isdigit()
    numbers = {p.id_number for p in ledger.people.values()}
    assert not numbers & {r[1] for r in rows[1:]}
    assert AccessLog.objects.get().fields == "masked"


def test_rows_of_people_outside_the_personal_data_scope_are_masked_row_by_row(client_as, ledger):
    """The town organized a service of a school student: the town's secretary sees the entry (as organizer)
    but not the student's ID number."""
    zhao = ledger.people["zhao"]
    HourEntry.objects.create(
        person=zhao,
        organization=ledger.school_branch,
        organizer=ledger.town,
        source=HourEntry.Source.IMPORT,
        category=Category.COMMUNITY,
        content="镇上敬老院探访",
        service_date=DAY,
        hours=Decimal("1.5"),
        status=HourEntry.Status.CERTIFIED,
        certified_at=timezone.now(),
    )

    rows = _sheet(client_as("committee_secretary").post("/jobs/exports/volunteer-hours/"))

    by_name = {r[0]: r[1] for r in rows[1:]}
    assert set(by_name) == {"张晓明", "王芳", "赵磊"}
    assert by_name["张晓明"] == ledger.people["zhang"].id_number
    assert by_name["赵磊"] != zhao.id_number and by_name["赵磊"] == zhao.id_number[:6] + "*" * 12
    assert AccessLog.objects.get().subject.endswith("（3行，其中2行含完整身份证号）")


def test_ledger_export_follows_the_list_filters(client_as, ledger):
    admin = ledger.users["county_admin"]
    zhang = ledger.people["zhang"]
    data = xlsx(
        [
            ["姓名", "身份证号码", "服务日期", "服务时长（小时）", "活动名称", "服务类别"],
            [zhang.name, zhang.id_number, "2023-03-05", 1, "学雷锋志愿服务", "Community service"],
        ]
    )
    assert hour_import(actor=admin, data=data, filename="2023.xlsx").committed
    client = client_as("county_admin")

    by_year = _sheet(client.post("/jobs/exports/volunteer-hours/", {"year": "2023"}))
    by_category = _sheet(client.post("/jobs/exports/volunteer-hours/", {"category": "community"}))
    by_org = _sheet(client.post("/jobs/exports/volunteer-hours/", {"organization": str(ledger.school.pk)}))

    assert [(r[0], r[4]) for r in by_year[1:]] == [("张晓明", "学雷锋志愿服务")]
    assert [r[4] for r in by_category[1:]] == ["学雷锋志愿服务"]
    assert [r[0] for r in by_org[1:]] == ["赵磊"]


def test_exported_ledger_imports_back_as_duplicates(client_as, ledger):
    data = b"".join(client_as("county_admin").post("/jobs/exports/volunteer-hours/").streaming_content)

    result = hour_import(actor=ledger.users["county_admin"], data=data, filename="export.xlsx")

    assert [(e.column, e.code) for e in result.errors] == [("记录编号", "DUPLICATE_ENTRY")] * 3
    assert HourEntry.objects.count() == 3


# Activities


@pytest.fixture
def activities(cast):
    start = timezone.make_aware(datetime.datetime(2024, 5, 4, 9))
    for organization, title in ((cast.town, "东湖镇河道清理"), (cast.school, "一中图书馆整理")):
        activity_create(
            actor=cast.users["county_admin"],
            organization=organization,
            title=title,
            category=Category.ECOLOGY,
            place="东湖",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            capacity=20,
        )
    return cast


@pytest.mark.parametrize(
    ("role", "titles"),
    [
        ("county_admin", {"东湖镇河道清理", "一中图书馆整理"}),
        ("committee_secretary", {"东湖镇河道清理"}),
        ("outsider", {"一中图书馆整理"}),
        ("branch_secretary", set()),
    ],
)
def test_activity_export_holds_exactly_the_scope(client_as, activities, role, titles):
    rows = _sheet(client_as(role).post("/jobs/exports/activities/"))

    assert rows[0][0] == "活动名称"
    assert {r[0] for r in rows[1:]} == titles


def test_activity_export_rows_and_filters(client_as, activities):
    rows = _sheet(client_as("county_admin").post("/jobs/exports/activities/", {"q": "河道"}))

    title, organizer, category, place, starts, ends, capacity, approved, waiting, status = rows[1]
    assert (title, organizer, category, place, capacity, approved, waiting, status) == (
        "东湖镇河道清理",
        "共青团东湖镇团委",
        zh(Category.ECOLOGY.label),
        "东湖",
        20,
        0,
        0,
        zh(Activity.Status.DRAFT.label),
    )
    assert (starts, ends) == ("2024-05-04 09:00", "2024-05-04 12:00")
    assert len(rows) == 2
