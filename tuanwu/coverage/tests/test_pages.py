"""The directory's pages: the list with its filters and order, a unit's steps from its page, the board with the
density definition and its source, the founding dates to enter."""

import datetime

from django.utils import timezone

from tests.factories import member, org
from tuanwu.coverage import services as svc
from tuanwu.coverage.models import Unit, UnitStep
from tuanwu.coverage.tests.factories import credit_code, unit
from tuanwu.organizations.models import Kind, Organization, Park, Sector
from tuanwu.people.models import CadrePost


def test_the_list_puts_larger_and_easier_first_and_filters_by_park_and_overdue(client_as, cast):
    park = Park.objects.create(name="青禾经开区")
    past = timezone.localdate() - datetime.timedelta(days=10)
    unit(cast.town, "小微商行", employees=5, young_employees=1)
    unit(cast.town, "大型制造", employees=800, young_employees=200, park=park, party_org="own")
    unit(cast.town, "中型物流", employees=150, young_employees=30, planned_on=past)
    client = client_as("committee_secretary")

    whole = client.get("/coverage/")
    in_park = client.get(f"/coverage/?park={park.pk}")
    overdue = client.get("/coverage/?overdue=on")

    assert [u.name for u in whole.context["page"]] == ["大型制造", "中型物流", "小微商行"]
    assert [u.name for u in in_park.context["page"]] == ["大型制造"]
    assert [u.name for u in overdue.context["page"]] == ["中型物流"]
    assert 'data-testid="overdue"' in overdue.content.decode()


def test_the_list_shows_nothing_of_another_township(client_as, cast):
    unit(cast.town, "东湖公司")
    unit(cast.school, "一中食堂")

    response = client_as("committee_secretary").get("/coverage/")

    assert [u.name for u in response.context["page"]] == ["东湖公司"]


def test_a_unit_is_entered_on_its_page_and_its_credit_code_checked(client_as, cast):
    client = client_as("committee_secretary")
    good = {
        "township": cast.town.pk,
        "name": "青禾智造有限公司",
        "credit_code": credit_code().lower(),
        "kind": "enterprise",
        "employees": 120,
        "young_employees": 40,
        "league_members": 4,
        "party_org": "none",
        "operating": "on",
    }

    refused = client.post("/coverage/units/new/", {**good, "credit_code": "91341100MA2N0XY8K2"})
    saved = client.post("/coverage/units/new/", good)

    assert refused.status_code == 200
    assert refused.context["form"].errors["credit_code"] == ["91341100MA2N0XY8K2不是有效的统一社会信用代码。"]
    made = Unit.objects.get()
    assert saved.status_code == 302
    assert (made.credit_code, made.township, made.status) == (good["credit_code"].upper(), cast.town, "listed")


def test_the_steps_from_the_page_make_a_unit_covered_and_its_history_shows_them(client_as, cast):
    target = unit(cast.town, "青禾智造有限公司", employees=120, young_employees=40)
    branch = org(cast.town, "青禾智造团支部", Kind.BRANCH, Sector.PRIVATE_ENTERPRISE)
    person = member(branch, "周婷")
    CadrePost.objects.create(
        person=person, organization=branch, post="secretary", kind="part_time", since=datetime.date(2024, 1, 1)
    )
    client = client_as("committee_secretary")
    url = f"/coverage/units/{target.pk}/"

    client.post(
        url + "survey/",
        {
            "version": 1,
            "employees": 120,
            "young_employees": 40,
            "league_members": 4,
            "party_org": "own",
            "operating": "on",
        },
    )
    client.post(url + "found/", {"version": 2, "organization": branch.pk, "form": "own", "founded_on": "2024-03-01"})
    client.post(url + "check/", {"version": 3, "committee": "on", "members": "on", "activities": "on", "place": "on"})
    page = client.get(url)

    target.refresh_from_db()
    assert (target.status, target.covering_org, target.league_members) == ("covered", branch, 4)
    assert Organization.objects.get(pk=branch.pk).founded_on == datetime.date(2024, 3, 1)
    assert list(UnitStep.objects.filter(unit=target).order_by("pk").values_list("kind", flat=True)) == [
        "surveyed",
        "founded",
        "checked",
    ]
    assert "团员 3 名以上：单独建立团支部。" in page.content.decode()


def test_an_acceptance_without_all_four_haves_changes_nothing(client_as, cast):
    branch = org(cast.town, "空壳团支部", Kind.BRANCH, Sector.PRIVATE_ENTERPRISE)
    target = unit(cast.town, "青禾物流", status="founded", covering_org=branch, league_org_form="own")
    client = client_as("committee_secretary")

    response = client.post(f"/coverage/units/{target.pk}/check/", {"version": 1, "committee": "on"}, follow=True)

    target.refresh_from_db()
    assert target.status == "founded"
    assert "“四有”验收未通过：缺少团员, 活动, 阵地和档案。" in response.content.decode()
    assert not UnitStep.objects.filter(unit=target).exists()


def test_the_board_states_its_density_definition_and_source(client_as, cast):
    unit(cast.town, "青禾公益服务中心", kind="social", young_employees=2, employees=5)

    response = client_as("county_admin").get("/coverage/board/")
    past = client_as("county_admin").get(f"/coverage/board/?year={timezone.localdate().year - 3}")

    text = response.content.decode()
    assert "密度 = 覆盖实体运营社会组织的团组织数 ÷ 实体运营社会组织数 × 100（县级口径）。" in text
    assert response.context["figures"].source == "live"
    assert (response.context["total"].should, response.context["total"].rate) == (1, 0)
    assert 'data-testid="no-snapshot"' in past.content.decode()


def test_the_board_shows_this_years_coverage_month_by_month(client_as, cast):
    unit(cast.town, "青禾公益服务中心", kind="social", young_employees=2, employees=5)
    today = timezone.localdate()

    response = client_as("county_admin").get("/coverage/board/")
    past = client_as("county_admin").get(f"/coverage/board/?year={today.year - 3}")

    trend = response.context["trend"]
    assert len(trend) == today.month and trend[-1].day == today
    assert (trend[-1].should, trend[-1].covered) == (1, 0)
    assert 'data-testid="coverage-trend"' in response.content.decode()
    assert "逐月走势" in response.content.decode()
    assert 'data-testid="coverage-trend"' not in past.content.decode()


def test_freezing_a_year_from_the_board_keeps_it(client_as, cast):
    year = timezone.localdate().year
    unit(cast.town, "青禾智造有限公司", young_employees=2, employees=5)
    client = client_as("county_admin")

    client.post("/coverage/board/snapshot/", {"year": year})
    again = client.post("/coverage/board/snapshot/", {"year": year}, follow=True)

    assert cast.county.coverage_snapshots.count() == 1
    assert f"{year} 年已生成快照" in again.content.decode()


def test_founding_dates_are_listed_and_entered(client_as, cast):
    client = client_as("committee_secretary")

    before = client.get("/coverage/founding/")
    client.post("/coverage/founding/", {"organization": cast.branch.pk, "founded_on": "2015-05-04", "version": 1})
    after = client.get("/coverage/founding/")

    assert {o.name for o in before.context["page"]} == {"东湖镇团委", "东湖村团支部", "西湾村团支部"}
    assert {o.name for o in after.context["page"]} == {"东湖镇团委", "西湾村团支部"}
    assert Organization.objects.get(pk=cast.branch.pk).founded_on == datetime.date(2015, 5, 4)


def test_a_founding_date_in_the_future_is_refused(client_as, cast):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client_as("committee_secretary").post(
        "/coverage/founding/", {"organization": cast.branch.pk, "founded_on": tomorrow.isoformat()}, follow=True
    )

    assert "成立日期不能晚于今天。" in response.content.decode()
    assert Organization.objects.get(pk=cast.branch.pk).founded_on is None


def test_the_list_query_count_does_not_grow_with_units(client_as, cast, django_assert_max_num_queries):
    for i in range(30):
        unit(cast.town, f"单位{i:02d}")
    client = client_as("committee_secretary")

    with django_assert_max_num_queries(20):
        client.get("/coverage/")


def test_organizations_as_of_a_day_count_founding_and_dissolution(cast):
    from tuanwu.organizations.selectors import organizations_as_of

    org(cast.town, "新建团支部", founded_on=datetime.date(2024, 6, 1))
    gone = org(cast.town, "撤销团支部", founded_on=datetime.date(2010, 1, 1))
    Organization.objects.filter(pk=gone.pk).update(status="dissolved", dissolved_on=datetime.date(2023, 12, 31))

    names = lambda day: set(organizations_as_of(cast.town, day).values_list("name", flat=True))  # noqa: E731

    assert names(datetime.date(2023, 12, 30)) == {"东湖镇团委", "东湖村团支部", "西湾村团支部", "撤销团支部"}
    assert names(datetime.date(2024, 12, 31)) == {"东湖镇团委", "东湖村团支部", "西湾村团支部", "新建团支部"}
    assert svc  # the services module imports cleanly beside the selectors


def test_planned_dates_are_worked_back_from_the_deadline_larger_first(client_as, cast):
    today = timezone.localdate()
    small = unit(cast.town, "小微商行", employees=5, young_employees=1)
    large = unit(cast.town, "大型制造", employees=800, young_employees=200)
    kept = unit(cast.town, "中型物流", employees=150, young_employees=30, planned_on=today)
    unit(cast.town, "无青年", employees=5, young_employees=0)
    deadline = today + datetime.timedelta(days=100)

    client_as("county_admin").post("/coverage/board/schedule/", {"deadline": deadline.isoformat()})

    dates = dict(Unit.objects.values_list("name", "planned_on"))
    assert dates[large.name] == today + datetime.timedelta(days=50)
    assert dates[small.name] == deadline
    assert dates[kept.name] == today
    assert dates["无青年"] is None  # the rules ask nothing of it


def test_overdue_units_wait_for_the_committee_and_the_responsible_cadre(cast):
    from tuanwu.dashboards.todo import todos

    past = timezone.localdate() - datetime.timedelta(days=3)
    unit(cast.town, "逾期公司", young_employees=3, employees=10, planned_on=past, responsible=cast.users["cadre"])
    unit(cast.town, "未到期公司", young_employees=3, employees=10, planned_on=timezone.localdate())

    def waiting(name):
        return [(t.key, t.count) for t in todos(cast.users[name]) if t.key == "coverage_overdue"]

    assert waiting("committee_secretary") == [("coverage_overdue", 1)]
    assert waiting("cadre") == [("coverage_overdue", 1)]  # responsible, though the town is outside their scope
    assert waiting("outsider") == []


def test_the_county_changes_its_rules_and_the_list_follows(client_as, cast):
    one = unit(cast.town, "两名团员", league_members=2, young_employees=0, employees=10)
    client = client_as("county_admin")

    before = client.get(f"/coverage/units/{one.pk}/")
    client.post("/coverage/policy/", {"own_branch_members": 2, "joint_young_employees": 1, "density_basis": "per_unit"})
    after = client.get(f"/coverage/units/{one.pk}/")
    refused = client_as("auditor").post("/coverage/policy/", {"own_branch_members": 9, "joint_young_employees": 1})

    assert before.context["unit"].should == ""
    assert after.context["unit"].should == "own"
    assert refused.status_code == 403
    assert cast.county.coverage_policy.own_branch_members == 2


def test_a_frozen_year_is_corrected_from_the_board_with_its_reason(client_as, cast):
    year = timezone.localdate().year - 1
    closed = unit(cast.town, "已注销公司", young_employees=2, employees=5)
    svc.snapshot_take(actor=cast.users["county_admin"], county=cast.county, year=year)
    client = client_as("county_admin")
    body = {"year": year, "credit_code": closed.credit_code, "field": "operating", "value": "no"}

    without = client.post("/coverage/board/snapshot/correct/", body, follow=True)
    fixed = client.post("/coverage/board/snapshot/correct/", {**body, "reason": "当年已注销"}, follow=True)

    assert "请填写更正理由。" in without.content.decode()
    assert list(cast.county.coverage_snapshots.values_list("revision", "reason")) == [(2, "当年已注销"), (1, "")]
    assert fixed.context["total"].should == 0
