"""The API: tokens, the error format, pagination, unmasking with a log entry, and the schema."""

import json
from pathlib import Path

from tuanwu.audit.models import AccessLog

SCHEMA_FILE = Path(__file__).parent / "openapi.json"


def test_token_is_issued_for_good_credentials_and_authenticates(client, cast):
    response = client.post(
        "/api/v1/auth/token",
        data={"username": "committee_secretary", "password": "pw-committee_secretary"},
        content_type="application/json",
    )
    token = response.json()["token"]

    listing = client.get("/api/v1/organizations", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert listing.status_code == 200
    assert listing.json()["count"] == 3  # the town and its two branches


def test_token_refused_for_bad_password(client, cast):
    response = client.post(
        "/api/v1/auth/token",
        data={"username": "committee_secretary", "password": "wrong"},
        content_type="application/json",
    )

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid username or password.", "code": "BAD_CREDENTIALS"}


def test_unknown_token_is_401_in_the_error_format(client, cast):
    response = client.get("/api/v1/people", headers={"Authorization": "Bearer nope"})

    assert response.status_code == 401
    assert response.json()["code"] == "UNAUTHENTICATED"


def test_list_is_paginated_with_limit_and_offset(client_as, cast):
    client = client_as("county_admin")

    first = client.get("/api/v1/organizations?limit=2&offset=0").json()
    second = client.get("/api/v1/organizations?limit=2&offset=2").json()

    assert first["count"] == second["count"] == 6
    assert len(first["items"]) == 2
    assert {o["id"] for o in first["items"]}.isdisjoint({o["id"] for o in second["items"]})


def test_organization_item_fields(client_as, cast):
    item = client_as("county_admin").get(f"/api/v1/organizations/{cast.branch.pk}").json()

    assert item == {
        "id": cast.branch.pk,
        "code": "DH01",
        "name": "东湖村团支部",
        "full_name": "共青团东湖村团支部",
        "kind": "branch",
        "sector": "rural",
        "status": "active",
        "parent_id": cast.town.pk,
        "member_count": 2,
    }


def test_people_filters_match_the_page(client_as, cast):
    body = client_as("county_admin").get("/api/v1/people", {"q": "zxm"}).json()

    assert [p["name"] for p in body["items"]] == ["张晓明"]


def test_reveal_returns_clear_data_and_logs_it(client_as, cast):
    zhang = cast.people["zhang"]

    item = client_as("committee_secretary").get(f"/api/v1/people/{zhang.pk}?reveal=true").json()

    assert item["id_number"] == zhang.id_number
    assert item["masked"] is False
    assert AccessLog.objects.filter(person=zhang, action="view").count() == 1


def test_reveal_refused_for_auditor_writes_nothing(client_as, cast):
    zhang = cast.people["zhang"]

    response = client_as("auditor").get(f"/api/v1/people/{zhang.pk}?reveal=true")

    assert response.status_code == 403
    assert AccessLog.objects.count() == 0


def test_bad_query_parameter_gets_the_error_format(client_as, cast):
    response = client_as("county_admin").get("/api/v1/organizations?limit=abc")

    assert response.status_code == 422
    assert response.json()["code"] == "INVALID_REQUEST"


def test_docs_are_served_without_cdn(client_as, cast):
    html = client_as("county_admin").get("/api/v1/docs").content.decode()

    assert "cdn." not in html
    assert "/static/ninja/" in html


def test_openapi_schema_has_not_drifted(client_as, cast):
    """A change to the API must be deliberate: regenerate tests/openapi.json with
    `python -m tests.openapi` and review the diff. (The schema is for signed-in users.)"""
    current = client_as("auditor").get("/api/v1/openapi.json").json()

    assert current["openapi"].startswith("3.1")
    assert current == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
