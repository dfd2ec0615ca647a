"""The directory's API: the same services, selectors and filter as the pages, within the caller's scope."""

import datetime

from tests.factories import member, org
from tuanwu.coverage.models import Unit
from tuanwu.coverage.tests.factories import credit_code, unit
from tuanwu.organizations.models import Kind, Sector
from tuanwu.people.models import CadrePost


def test_a_unit_is_created_by_the_committee_and_refused_outside_its_scope(client_as, cast):
    body = {"township_id": cast.town.pk, "name": "青禾智造有限公司", "credit_code": credit_code(), "kind": "enterprise"}

    outsider = client_as("outsider").post("/api/v1/coverage/units", body, content_type="application/json")
    made = client_as("committee_secretary").post(
        "/api/v1/coverage/units", {**body, "league_members": 4, "employees": 30}, content_type="application/json"
    )

    assert outsider.status_code == 404
    assert made.status_code == 201
    assert (made.json()["should_establish"], made.json()["status"]) == ("own", "listed")
    assert Unit.objects.count() == 1


def test_a_bad_credit_code_answers_its_rule(client_as, cast):
    body = {"township_id": cast.town.pk, "name": "乙公司", "credit_code": "91341100MA2N0XY8K2", "kind": "enterprise"}

    response = client_as("county_admin").post("/api/v1/coverage/units", body, content_type="application/json")

    assert (response.status_code, response.json()["code"]) == (422, "USCC_INVALID")
    assert not Unit.objects.exists()


def test_found_and_check_through_the_api_make_the_unit_covered(client_as, cast):
    target = unit(cast.town, "青禾智造有限公司", employees=30, young_employees=5)
    branch = org(cast.town, "青禾智造团支部", Kind.BRANCH, Sector.PRIVATE_ENTERPRISE)
    person = member(branch, "周婷")
    CadrePost.objects.create(
        person=person, organization=branch, post="secretary", kind="part_time", since=datetime.date(2024, 1, 1)
    )
    client = client_as("committee_secretary")
    url = f"/api/v1/coverage/units/{target.pk}"

    founded = client.post(
        url + "/found",
        {"version": 1, "organization_id": branch.pk, "form": "own", "founded_on": "2024-05-04"},
        content_type="application/json",
    )
    stale = client.post(url + "/check", {"version": 1, "committee": True}, content_type="application/json")
    checked = client.post(
        url + "/check",
        {"version": 2, "committee": True, "members": True, "activities": True, "place": True},
        content_type="application/json",
    )

    assert (founded.status_code, founded.json()["covering_org_id"]) == (200, branch.pk)
    assert (stale.status_code, stale.json()["code"]) == (422, "EDIT_CONFLICT")
    assert (checked.status_code, checked.json()["status"]) == (200, "covered")


def test_the_figures_are_the_boards(client_as, cast):
    unit(cast.town, "甲", young_employees=2, employees=5)
    covered_by = org(cast.town, "乙团支部", Kind.BRANCH, Sector.PRIVATE_ENTERPRISE)
    unit(
        cast.town,
        "乙",
        young_employees=2,
        employees=5,
        status="covered",
        covering_org=covered_by,
        league_org_form="own",
    )
    year = datetime.date.today().year

    response = client_as("auditor").get(f"/api/v1/coverage/figures?year={year}")

    data = response.json()
    # 乙's organization has nobody in it: the quality gate keeps it out of the count.
    assert (data["source"], data["coverage"]["should"], data["coverage"]["covered"]) == ("live", 2, 0)
    assert "per 100" in data["density_definition"] or "× 100" in data["density_definition"]


def test_the_list_takes_the_pages_filter(client_as, cast):
    unit(cast.town, "甲", kind="social")
    unit(cast.town, "乙")

    response = client_as("county_admin").get("/api/v1/coverage/units?kind=social")

    assert [u["name"] for u in response.json()["items"]] == ["甲"]
