"""Exports hold the list's rows and nothing outside the exporter's scope; personal data is masked unless the
exporter may see it; every export of people is in the access log."""

import io

import pytest
from python_calamine import CalamineWorkbook

from tuanwu.audit.models import AccessLog

_members = {
    "county_admin": 200,
    "committee_secretary": 200,
    "branch_secretary": 200,
    "cadre": 200,
    "auditor": 200,
    "outsider": 200,
    "member": 404,
}
EXPORT_ROLES = {
    "members": _members,
    "organizations": _members,
    "history": {**_members, "cadre": 404},
    "access-log": {k: (200 if k in ("county_admin", "auditor") else 404) for k in _members},
}


def _sheet(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize("kind", sorted(EXPORT_ROLES))
@pytest.mark.parametrize("role", sorted(_members))
def test_export_access(client_as, cast, kind, role):
    response = client_as(role).post(f"/jobs/exports/{kind}/", {"count": "1"})

    assert response.status_code == EXPORT_ROLES[kind][role]


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("county_admin", {"张晓明", "李华", "王芳", "赵磊", "陈静"}),
        ("committee_secretary", {"张晓明", "李华", "王芳", "陈静"}),
        ("branch_secretary", {"张晓明", "李华", "陈静"}),
        ("outsider", {"赵磊"}),
    ],
)
def test_member_export_holds_exactly_the_scope(client_as, cast, role, names):
    rows = _sheet(client_as(role).post("/jobs/exports/members/"))

    assert {r[0] for r in rows[1:]} == names


def test_member_export_follows_the_list_filters(client_as, cast):
    rows = _sheet(client_as("county_admin").post("/jobs/exports/members/", {"q": "zxm"}))

    assert [r[0] for r in rows[1:]] == ["张晓明"]


def test_member_export_is_clear_for_secretaries_and_logged(client_as, cast):
    zhang = cast.people["zhang"]

    rows = _sheet(client_as("committee_secretary").post("/jobs/exports/members/", {"q": "zxm"}))

    assert rows[1][1] == zhang.id_number
    log = AccessLog.objects.get()
    assert (log.action, log.rows, log.actor.username) == ("export", 1, "committee_secretary")


def test_member_export_is_masked_for_auditors(client_as, cast):
    rows = _sheet(client_as("auditor").post("/jobs/exports/members/", {"q": "zxm"}))

    assert rows[1][1] == cast.people["zhang"].id_number[:6] + "*" * 12
    assert "****" in rows[1][9]
    assert AccessLog.objects.get().fields == "masked"


def test_organization_export_holds_exactly_the_scope(client_as, cast):
    rows = _sheet(client_as("committee_secretary").post("/jobs/exports/organizations/"))

    assert {r[0] for r in rows[1:]} == {"DH", "DH01", "DH02"}


def test_exported_members_file_imports_back_unchanged(client_as, cast):
    from tuanwu.people.imports import member_import

    response = client_as("county_admin").post("/jobs/exports/members/")
    data = b"".join(response.streaming_content)

    result = member_import(actor=cast.users["county_admin"], data=data, filename="members.xlsx")

    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)


def test_formula_cells_are_neutralized(client_as, cast):
    from tuanwu.people.services import person_update

    person_update(actor=cast.users["county_admin"], person=cast.people["zhang"], unit='=HYPERLINK("x")')

    rows = _sheet(client_as("county_admin").post("/jobs/exports/members/", {"q": "zxm"}))

    assert rows[1][8] == '\'=HYPERLINK("x")'


def test_exported_text_neutralized_against_formulas_imports_back_unchanged(client_as, cast):
    from tuanwu.people.imports import member_import
    from tuanwu.people.models import Person
    from tuanwu.people.services import person_update

    person_update(actor=cast.users["county_admin"], person=cast.people["zhang"], unit='=HYPERLINK("x")')
    person_update(actor=cast.users["county_admin"], person=cast.people["li"], unit="-1班")
    response = client_as("county_admin").post("/jobs/exports/members/")
    data = b"".join(response.streaming_content)

    result = member_import(actor=cast.users["county_admin"], data=data, filename="members.xlsx")

    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert Person.objects.get(pk=cast.people["zhang"].pk).unit == '=HYPERLINK("x")'
