"""The compliance pages, API and exports, each as the role that uses it and refused (404, like missing) for one
that must not; the policy page saves a versioned policy; the pages' queries do not grow with the branches."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from python_calamine import CalamineWorkbook

from tests.factories import member, org
from tuanwu.audit.models import AccessLog
from tuanwu.meetings.models import Campaign, Kind, MeetingPolicy
from tuanwu.meetings.tests.factories import record
from tuanwu.organizations.models import Kind as OrgKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _sheet(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize(
    ("role", "template", "organization"),
    [
        ("branch_secretary", "meetings/compliance_branch.html", "东湖村团支部"),
        ("committee_secretary", "meetings/compliance_committee.html", "东湖镇团委"),
        ("county_admin", "meetings/compliance_county.html", "青禾县委"),
        ("auditor", "meetings/compliance_county.html", "青禾县委"),
        ("cadre", "meetings/compliance_committee.html", "青禾一中团委"),
    ],
)
def test_the_compliance_entry_shows_each_role_its_own_page(client_as, cast, role, template, organization):
    response = client_as(role).get("/meetings/compliance/")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == template
    assert response.context["organization"].name == organization


def test_the_compliance_entry_is_missing_for_a_member(client_as, cast):
    assert client_as("member").get("/meetings/compliance/").status_code == 404


def test_the_branch_home_shows_what_is_due_and_the_last_meeting(client_as, cast, today):
    record(cast.users["branch_secretary"], cast.branch, Kind.THEME_DAY, today, topic="学习二十大")

    response = client_as("branch_secretary").get(f"/meetings/compliance/branches/{cast.branch.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "学习二十大" in page
    due = [c.requirement for c in response.context["due_now"]]
    assert due == ["general_meeting", "committee_meeting", "group_meeting", "lesson", "theme_day"]
    theme_day = response.context["due_now"][-1]
    assert (theme_day.status, theme_day.explanation) == ("met", f"已于{today.isoformat()}开展。")
    # The button records a meeting of this branch.
    assert response.context["record_url"] == f"/meetings/record/?organization={cast.branch.pk}"
    assert 'data-testid="record-meeting"' in page


@pytest.mark.parametrize("role", ["member", "outsider", "cadre"])
def test_the_branch_home_is_missing_outside_scope(client_as, cast, role):
    assert client_as(role).get(f"/meetings/compliance/branches/{cast.branch.pk}/").status_code == 404


def test_a_committee_is_not_shown_as_a_branch_home(client_as, cast):
    assert client_as("county_admin").get(f"/meetings/compliance/branches/{cast.town.pk}/").status_code == 404


def test_the_committee_grid_shows_a_card_per_branch_and_the_overdue_list(client_as, cast):
    response = client_as("committee_secretary").get(f"/meetings/compliance/committees/{cast.town.pk}/?year=2025")

    assert response.status_code == 200
    assert [r.organization.name for r in response.context["results"]] == ["东湖村团支部", "西湾村团支部"]
    missed = [(m.branch.name, m.requirement, m.cell.period, m.secretaries) for m in response.context["missed"]]
    # 2025 is over and nothing was recorded: per branch, 4 general meetings, 4 lessons and 12 theme days missed.
    assert len(missed) == 40
    assert missed[0] == ("东湖村团支部", "支部大会", "2025-01–2025-03", ["李华"])
    assert missed[-1] == ("西湾村团支部", "主题团日", "2025-12", [])
    page = response.content.decode()
    assert page.count('data-testid="branch-row"') == 2  # one compact row of twelve months per branch
    assert page.count('data-testid="overdue-branch"') == 2  # the overdue list grouped by branch
    grouped = response.context["missed_by_branch"]
    assert [(b.branch.name, b.count, b.secretaries) for b in grouped] == [
        ("东湖村团支部", 20, ["李华"]),
        ("西湾村团支部", 20, []),
    ]
    assert grouped[0].items[0] == "支部大会 2025-01–2025-03"
    assert [ok for ok in response.context["grid"][0].months] == [False] * 12


@pytest.mark.parametrize("role", ["branch_secretary", "outsider", "member"])
def test_the_committee_grid_is_missing_outside_scope(client_as, cast, role):
    assert client_as(role).get(f"/meetings/compliance/committees/{cast.town.pk}/").status_code == 404


def test_the_county_page_rolls_up_per_committee_with_campaign_totals(client_as, cast):
    admin = cast.users["county_admin"]
    wusi = Campaign.objects.create(organization=cast.county, name="五四")
    Campaign.objects.create(organization=cast.county, name="学党史", position=1)
    record(admin, cast.branch, Kind.THEME_DAY, datetime.date(2025, 5, 4), campaigns=[wusi], absent=("李华",))
    record(admin, cast.branch2, Kind.THEME_DAY, datetime.date(2025, 5, 4), campaigns=[wusi])
    record(admin, cast.branch2, Kind.THEME_DAY, datetime.date(2024, 5, 4), campaigns=[wusi])

    response = client_as("auditor").get("/meetings/compliance/county/?year=2025")

    assert response.status_code == 200
    totals = [(c.campaign.name, c.meetings, c.participations, c.people) for c in response.context["campaigns"]]
    assert totals == [("五四", 2, 2, 2), ("学党史", 0, 0, 0)]
    rollup = response.context["by_month"]
    assert [r.organization.name for r in rollup.rows] == ["东湖镇团委", "青禾一中团委"]
    # May: both of 东湖镇's branches held their theme day, nothing else was judged in May.
    assert rollup.rows[0].counts[4] == [2, 2]
    assert rollup.total.counts[4] == [2, 3]


@pytest.mark.parametrize("role", ["committee_secretary", "branch_secretary", "member"])
def test_the_county_page_is_missing_below_the_county(client_as, cast, role):
    assert client_as(role).get("/meetings/compliance/county/").status_code == 404


def test_the_county_admin_saves_the_policy_with_its_version(client_as, cast):
    client = client_as("county_admin")
    form = client.get("/meetings/compliance/policy/?year=2026").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(theme_day_months=3, student_excused_months="8, 7", study_counts_as_lesson="")

    response = client.post("/meetings/compliance/policy/?year=2026", data)

    assert response.status_code == 302
    policy = MeetingPolicy.objects.get(organization=cast.county, year=2026)
    assert (policy.theme_day_months, policy.student_excused_months, policy.version) == (3, "7,8", 1)
    stale = dict(data, theme_day_months=2, version=0)
    refused = client.post("/meetings/compliance/policy/?year=2026", stale)
    assert refused.status_code == 200
    policy.refresh_from_db()
    assert (policy.theme_day_months, policy.version) == (3, 1)


def test_the_kinds_that_need_an_attachment_are_ticked_by_name_not_typed_as_codes(client_as, cast):
    client = client_as("county_admin")
    page = client.get("/meetings/compliance/policy/?year=2026")
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(attachment_required_kinds=["theme_day", "lesson"], study_counts_as_lesson="")

    boxes = re.findall(r'<input[^>]*type="checkbox"[^>]*name="attachment_required_kinds"[^>]*>', page.content.decode())
    assert any('value="theme_day"' in box for box in boxes)
    assert client.post("/meetings/compliance/policy/?year=2026", data).status_code == 302
    policy = MeetingPolicy.objects.get(organization=cast.county, year=2026)
    assert set(policy.attachment_required_kinds.split(",")) == {"theme_day", "lesson"}
    again = client.get("/meetings/compliance/policy/?year=2026").context["form"]
    assert set(again.initial["attachment_required_kinds"]) == {"theme_day", "lesson"}
    data.update(attachment_required_kinds=["no_such_kind"], version=policy.version)
    refused = client.post("/meetings/compliance/policy/?year=2026", data)
    assert refused.status_code == 200 and "attachment_required_kinds" in refused.context["form"].errors


def test_the_policy_page_refuses_a_month_that_does_not_exist(client_as, cast):
    client = client_as("county_admin")
    form = client.get("/meetings/compliance/policy/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(student_excused_months="7,13", study_counts_as_lesson="")

    response = client.post("/meetings/compliance/policy/", data)

    assert response.status_code == 200
    assert response.context["form"].errors["student_excused_months"] == ["不是1至12的月份：13。"]
    assert not MeetingPolicy.objects.exists()


@pytest.mark.parametrize("role", ["auditor", "committee_secretary", "branch_secretary"])
def test_the_policy_page_is_missing_for_all_but_the_county_admin(client_as, cast, role):
    client = client_as(role)

    assert client.get("/meetings/compliance/policy/").status_code == 404
    assert client.post("/meetings/compliance/policy/", {"theme_day_months": 3}).status_code == 404
    assert not MeetingPolicy.objects.exists()


def test_the_menu_offers_compliance_to_cadres_and_the_policy_to_the_county_admin(client_as, cast):
    def entries(role):
        menu = client_as(role).get("/").context["menu"]
        return [str(e["label"]) for g in menu if str(g["label"]) == "组织生活" for e in g["entries"]]

    assert entries("county_admin") == [
        "会议记录",
        "登记组织生活",
        "组织生活达标",
        "对标定级",
        "团校与培训班",
        "活动标签",
        "组织生活政策",
    ]
    assert entries("branch_secretary") == ["会议记录", "登记组织生活", "组织生活达标", "对标定级", "团校与培训班"]
    assert entries("member") == []


def test_the_api_lists_the_branches_compliance_in_scope(client_as, cast):
    response = client_as("committee_secretary").get("/api/v1/meetings/compliance", {"year": 2025})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["items"][0]
    assert (first["organization_name"], first["met"], first["missed"], first["share"]) == ("东湖村团支部", 0, 20, 0.0)
    assert first["cells"][0] == {
        "requirement": "general_meeting",
        "start": "2025-01-01",
        "end": "2025-03-31",
        "status": "missed",
        "explanation": "2025-01-01至2025-03-31期间无记录。",
        "held": 0,
        "below_quorum": False,
    }


def test_the_api_missed_list_names_the_secretary(client_as, cast):
    response = client_as("branch_secretary").get("/api/v1/meetings/compliance/missed", {"year": 2025, "limit": 1})

    assert response.status_code == 200
    assert response.json()["count"] == 20
    item = response.json()["items"][0]
    assert (item["organization_name"], item["requirement"], item["secretaries"]) == (
        "东湖村团支部",
        "general_meeting",
        ["李华"],
    )


@pytest.mark.parametrize("url", ["/api/v1/meetings/compliance", "/api/v1/meetings/compliance/missed"])
def test_the_api_refuses_an_organization_outside_scope(client_as, cast, url):
    assert client_as("outsider").get(url, {"organization": cast.town.pk}).status_code == 404
    assert client_as("member").get(url).status_code == 404


def test_the_grid_export_holds_the_committee_s_branches(client_as, cast):
    client = client_as("committee_secretary")
    client.cookies["django_language"] = "en"
    response = client.post("/jobs/exports/compliance-grid/", {"organization": cast.town.pk, "year": 2025, "count": "1"})

    rows = _sheet(response)
    assert rows[0] == ["Branch", "Committee", "Requirement", "Period", "Status", "Explanation", "Rule"]
    assert {r[0] for r in rows[1:]} == {"东湖村团支部", "西湾村团支部"}
    assert rows[1][:5] == ["东湖村团支部", "东湖镇团委", "General meeting", "2025-01–2025-03", "Missed"]


def test_the_missed_export_is_logged_and_empty_outside_scope(client_as, cast):
    rows = _sheet(
        client_as("committee_secretary").post(
            "/jobs/exports/compliance-missed/", {"organization": cast.town.pk, "year": 2025, "count": "1"}
        )
    )
    assert len(rows) == 41
    assert rows[1][4] == "李华"
    assert AccessLog.objects.get().rows == 40

    outside = _sheet(
        client_as("outsider").post(
            "/jobs/exports/compliance-missed/", {"organization": cast.town.pk, "year": 2025, "count": "1"}
        )
    )
    assert len(outside) == 1
    assert AccessLog.objects.count() == 1


@pytest.mark.parametrize("kind", ["compliance-grid", "compliance-missed"])
def test_the_exports_are_missing_for_a_member(client_as, cast, kind):
    assert client_as("member").post(f"/jobs/exports/{kind}/", {"count": "1"}).status_code == 404


def _grow(committee, n):
    for i in range(n):
        branch = org(committee, f"增{i}村团支部")
        member(branch, "周婷")


PAGES = {
    "committee": lambda c: f"/meetings/compliance/committees/{c.pk}/?year=2025",
    "county": lambda c: "/meetings/compliance/county/?year=2025",
    "api": lambda c: f"/api/v1/meetings/compliance?organization={c.pk}&year=2025",
    "api missed": lambda c: f"/api/v1/meetings/compliance/missed?organization={c.pk}&year=2025",
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_pages_queries_do_not_grow_with_the_branches(client_as, cast, page):
    committee = org(cast.county, "大镇团委", OrgKind.COMMITTEE)
    _grow(committee, 3)
    client = client_as("county_admin")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(PAGES[page](committee)).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    _grow(committee, 27)
    large = count()

    assert large == small
    assert large <= 16
