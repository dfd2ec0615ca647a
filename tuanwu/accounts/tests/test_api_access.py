"""The API's schema and docs are for signed-in users; anonymous writes answer 401 in the error format."""

import pytest
from django.test import Client, override_settings

from tuanwu.accounts.services import token_issue


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_schema_and_docs_are_refused_to_anonymous_users(client, cast, path):
    response = client.get(path)

    assert response.status_code in (302, 401)
    assert b"openapi" not in response.content


def test_anonymous_schema_request_gets_the_error_format(client, cast):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 401
    assert response.json()["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_schema_and_docs_are_served_to_signed_in_users(client_as, cast, path):
    assert client_as("auditor").get(path).status_code == 200


def test_schema_is_served_to_token_holders(client, cast):
    key, _ = token_issue(user=cast.users["auditor"])

    assert client.get("/api/v1/openapi.json", headers={"Authorization": f"Bearer {key}"}).status_code == 200


@override_settings(API_DOCS_PUBLIC=True)
def test_schema_can_be_made_public(client, cast):
    assert client.get("/api/v1/openapi.json").status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v1/volunteering/checkin", "/api/v1/study/episodes/1/import", "/api/v1/auth/logout"]
)
def test_anonymous_writes_answer_401_even_without_a_csrf_token(cast, path):
    response = Client(enforce_csrf_checks=True).post(path, data={}, content_type="application/json")

    assert response.status_code == 401
    assert response.json()["code"] == "UNAUTHENTICATED"


def test_signed_in_session_writes_still_need_the_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["member"])

    response = client.post("/api/v1/volunteering/checkin", data={"code": "123456"}, content_type="application/json")

    assert response.status_code == 403
