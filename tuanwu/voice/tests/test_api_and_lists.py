"""The API lists what the inbox lists, contact data masked; a reply through the API; the inbox's query budget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tuanwu.voice.models import CaseEvent
from tuanwu.voice.tests.factories import file_case


def test_api_lists_the_cases_in_scope_with_contact_masked(cast, client_as):
    mine, _ = file_case(cast.branch, contact_name="王小明", contact_phone="13812345678")
    file_case(cast.school_branch)

    items = client_as("branch_secretary").get("/api/v1/voice/cases").json()["items"]

    assert [i["number"] for i in items] == [mine.number]
    assert (items[0]["contact_name"], items[0]["contact_phone"]) == ("王**", "138****5678")


def test_api_reply_is_the_first_response_and_takes_the_case(cast, client_as):
    case, _ = file_case(cast.branch)

    response = client_as("committee_secretary").post(
        f"/api/v1/voice/cases/{case.pk}/replies", {"body": "已收到"}, content_type="application/json"
    )

    case.refresh_from_db()
    assert response.status_code == 201
    assert case.owner == cast.users["committee_secretary"] and case.first_response_at is not None
    assert list(case.events.values_list("kind", flat=True)) == ["filed", "taken", "reply"]


def test_api_reply_refused_for_an_empty_body(cast, client_as):
    case, _ = file_case(cast.branch)

    response = client_as("branch_secretary").post(
        f"/api/v1/voice/cases/{case.pk}/replies", {"body": "  "}, content_type="application/json"
    )

    assert response.status_code == 422
    assert not CaseEvent.objects.filter(kind="reply").exists()


@pytest.mark.parametrize("path", ["/voice/cases/", "/voice/overview/", "/api/v1/voice/cases"])
def test_lists_cost_the_same_queries_for_3_and_for_12_cases(cast, client_as, path):
    client = client_as("county_admin")
    for _ in range(3):
        file_case(cast.branch)
    client.get(path)  # the lazy escalation has run
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for _ in range(9):
        file_case(cast.branch2)

    with CaptureQueriesContext(connection) as many:
        client.get(path)

    assert len(many) == len(few)
