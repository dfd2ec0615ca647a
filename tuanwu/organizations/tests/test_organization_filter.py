"""The organization list has one filter, and the page, the API and the export all answer with it."""

import io

import openpyxl
import pytest

from tuanwu.organizations.exports import organization_export
from tuanwu.organizations.filters import OrganizationFilter
from tuanwu.organizations.selectors import organization_list


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({}, ["QH", "DH", "DH01", "DH02"]),
        ({"q": "东湖"}, ["DH", "DH01"]),
        ({"q": "dh01"}, ["DH01"]),
        ({"kind": "branch"}, ["DH01", "DH02"]),
        ({"kind": "no_such_kind"}, []),
        ({"status": "dissolved"}, []),
    ],
)
def test_page_api_and_export_list_the_same_organizations(cast, client_as, params, codes):
    client = client_as("committee_secretary")
    actor = cast.users["committee_secretary"]
    expected = sorted(c for c in codes if c != "QH")

    listed = sorted(o.code for o in OrganizationFilter(params).filter(organization_list(actor)))
    page = client.get("/organizations/", params)
    api = client.get("/api/v1/organizations", params).json()
    data, _name, count = organization_export(actor=actor, params=params)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]

    assert listed == expected
    assert sorted(o.code for o, _members in page.context["rows"]) == expected
    assert sorted(row["code"] for row in api["items"]) == expected
    assert count == len(expected)
    assert sorted(str(r[0].value) for r in sheet.iter_rows(min_row=2) if r[0].value) == expected


def test_filter_keeps_the_given_values_for_the_page():
    form = OrganizationFilter({"q": "东湖", "kind": "branch", "other": "x"})

    assert form.values == {"q": "东湖", "kind": "branch", "sector": "", "status": ""}
