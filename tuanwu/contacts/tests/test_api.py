"""The contact API reads through the pages' selectors and logs through the same service."""

import pytest
from django.utils import timezone

from tests.factories import user

from .factories import cadre, contacts


@pytest.fixture
def zhou(cast):
    c = cadre(cast.town, "周敏")
    contacts(c, 2)
    return c


def test_the_cadre_lists_and_logs_their_own_contacts(client, cast, zhou):
    client.force_login(user("zhou", "cadre", cast.school, person=zhou.person))

    listed = client.get("/api/v1/contacts/contacts").json()
    youth = listed["items"][0]
    logged = client.post(
        f"/api/v1/contacts/contacts/{youth['id']}/logs", {"channel": "online"}, content_type="application/json"
    )

    assert listed["count"] == 2
    assert youth["cadre_name"] == "周敏"
    assert logged.status_code == 201
    assert (logged.json()["channel"], logged.json()["date"]) == ("online", timezone.localdate().isoformat())


def test_a_refused_log_says_why(client_as, zhou):
    youth = zhou.contacts.first()

    response = client_as("committee_secretary").post(
        f"/api/v1/contacts/contacts/{youth.pk}/logs", {"channel": "org_visit"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "LOG_NO_ORGANIZATION"


def test_compliance_lists_each_criterion(client_as, zhou):
    response = client_as("committee_secretary").get(f"/api/v1/contacts/cadres/{zhou.pk}/compliance?year=2026&quarter=2")

    body = response.json()
    assert response.status_code == 200
    assert (body["bound"], body["met"]) == (True, False)
    assert {c["key"]: c["value"] for c in body["criteria"]}["contacts"] == 2
