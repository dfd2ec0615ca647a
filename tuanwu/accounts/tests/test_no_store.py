"""No response with personal data may be kept by a browser or proxy cache: Cache-Control: no-store."""

import pytest
from django.test import Client, override_settings

from tuanwu.accounts.services import token_issue


def _no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/people/", "/accounts/profile/", "/audit/access-log/"])
def test_signed_in_pages_are_not_stored(client_as, cast, path):
    response = client_as("county_admin").get(path)

    assert response.status_code == 200
    assert _no_store(response)


def test_reveal_is_not_stored(client_as, cast):
    response = client_as("committee_secretary").post(
        f"/people/{cast.people['zhang'].pk}/reveal/", HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert _no_store(response)


def test_api_answers_are_not_stored(client_as, cast):
    zhang = cast.people["zhang"]
    key, _ = token_issue(user=cast.users["committee_secretary"])

    by_session = client_as("committee_secretary").get(f"/api/v1/people/{zhang.pk}?reveal=true")
    by_token = client_as("anonymous").get("/api/v1/people", headers={"Authorization": f"Bearer {key}"})

    assert by_session.status_code == by_token.status_code == 200
    assert _no_store(by_session) and _no_store(by_token)


def test_exports_are_not_stored(client_as, cast):
    response = client_as("county_admin").post("/jobs/exports/members/")

    assert response.status_code == 200
    assert _no_store(response)


@override_settings(WHITENOISE_USE_FINDERS=True)
def test_static_files_may_be_cached(cast):
    response = Client().get("/static/tuanwu/tuanwu.js")

    assert response.status_code == 200
    assert not _no_store(response)
