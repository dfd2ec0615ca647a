"""The case export: the inbox's rows, contact data only for who may see personal data, every export logged."""

import io

import pytest
from openpyxl import load_workbook

from tuanwu.audit.models import AccessLog
from tuanwu.voice.exports import case_export
from tuanwu.voice.tests.factories import file_case


def _rows(data):
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


@pytest.fixture
def cases(cast):
    named, _ = file_case(cast.branch, contact_name="王小明", contact_phone="13812345678", description="=1+1")
    other, _ = file_case(cast.school_branch, category="consult", subtype="", contact_phone="13900001111")
    return named, other


def test_a_committee_secretary_gets_its_cases_with_contact_data_and_the_export_is_logged(cast, cases):
    named, _ = cases

    data, name, count = case_export(actor=cast.users["committee_secretary"], params={})

    rows = _rows(data)
    assert (count, name.startswith("青年之声")) == (1, True)
    assert rows[1][0] == named.number
    assert rows[1][-2:] == ("王小明", "13812345678")
    assert rows[1][-3] != "=1+1"  # a formula is neutralized
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert (log.rows, log.fields) == (1, "description,contact_name,contact_phone")


def test_a_cadre_without_personal_data_gets_no_contact_data(cast, cases):
    data, _, count = case_export(actor=cast.users["cadre"], params={})

    rows = _rows(data)
    assert count == 1 and rows[1][4] == "2024级1班团支部"
    assert rows[1][-2:] == (None, None)
    assert AccessLog.objects.get(action=AccessLog.Action.EXPORT).fields == "description"


def test_the_export_follows_the_inbox_filter(cast, cases):
    data, _, count = case_export(actor=cast.users["county_admin"], params={"category": "consult"})

    assert count == 1 and _rows(data)[1][2] == "咨询"


def test_the_export_page_is_for_case_viewers_only(cast, client_as, cases):
    response = client_as("committee_secretary").post("/jobs/exports/voice-cases/", {"count": "1"})
    refused = client_as("member").post("/jobs/exports/voice-cases/", {"count": "1"})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert refused.status_code == 404


def test_the_export_costs_the_same_queries_for_more_cases(cast, cases, django_assert_max_num_queries):
    for _ in range(5):
        file_case(cast.branch, contact_phone="13812345678")
    actor = cast.users["committee_secretary"]
    case_export(actor=actor, params={})  # warm the grants

    with django_assert_max_num_queries(12):
        case_export(actor=actor, params={})
