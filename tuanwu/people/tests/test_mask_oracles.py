"""Masked personal data cannot be recovered by asking around it: a user without the personal-data right
cannot confirm an ID number or a phone by searching the list (page, API, export), learns no birth date from
pages, the API, exports, sorting or the change history, and a search by number that is allowed is logged."""

import datetime
import io

import pytest
from python_calamine import CalamineWorkbook

from tests.factories import PersonFactory, user
from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import Role
from tuanwu.audit.models import AccessLog
from tuanwu.core.idcard import make_id_number
from tuanwu.core.masking import mask_id_number, mask_phone
from tuanwu.people.filters import PersonFilter
from tuanwu.people.selectors import person_list
from tuanwu.people.services import person_update

UNENTITLED = ["auditor", "cadre"]


def _target(cast, role):
    # The cadre sees the school only: its one person is a minor.
    return cast.people["zhao"] if role == "cadre" else cast.people["zhang"]


def _names(cast, role, **data) -> list[str]:
    actor = cast.users[role]
    return [p.name for p in PersonFilter(data=data, actor=actor).filter(person_list(actor))]


def _sheet(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def _probes(person) -> list[str]:
    """Search terms that confirm or narrow down the person's ID number or phone."""
    return [
        person.id_number,
        person.id_number.lower(),
        person.id_number[-4:],
        person.id_number[-6:],
        person.phone,
        person.phone[-4:],
        person.phone[-2:],
        person.phone[3:],
    ]


# the mask


def test_id_number_mask_keeps_only_the_region_code():
    assert mask_id_number("341122200405170018") == "341122************"


def test_phone_mask_keeps_only_the_operator_prefix_and_last_four():
    assert mask_phone("13800001234") == "138****1234"


# search


@pytest.mark.parametrize("role", UNENTITLED)
def test_filter_search_by_number_matches_nothing_without_the_right(cast, role):
    person = _target(cast, role)

    for probe in _probes(person):
        assert _names(cast, role, q=probe) == [], probe


@pytest.mark.parametrize("role", UNENTITLED)
def test_filter_search_by_name_still_works_without_the_right(cast, role):
    person = _target(cast, role)

    assert _names(cast, role, q=person.name_initials) == [person.name]


@pytest.mark.parametrize("role", UNENTITLED)
def test_page_search_by_number_matches_nothing_and_says_why(client_as, cast, role):
    person = _target(cast, role)

    for probe in _probes(person):
        html = client_as(role).get("/people/", {"q": probe}).content.decode()
        assert f'href="/people/{person.pk}/"' not in html, probe
        assert 'data-testid="search-needs-right"' in html, probe
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize("role", UNENTITLED)
def test_api_search_by_number_is_refused_without_the_right(client_as, cast, role):
    person = _target(cast, role)

    for probe in _probes(person):
        response = client_as(role).get("/api/v1/people", {"q": probe})
        assert response.status_code == 403, probe
        assert response.json()["code"] == "SEARCH_NEEDS_PERSONAL_DATA"
        assert person.name not in response.content.decode()
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize("role", UNENTITLED)
def test_export_search_by_number_holds_no_row_without_the_right(client_as, cast, role):
    person = _target(cast, role)

    rows = _sheet(client_as(role).post("/jobs/exports/members/", {"q": person.id_number}))

    assert rows[1:] == []


def test_search_by_number_with_the_right_finds_and_is_logged(client_as, cast):
    zhang = cast.people["zhang"]

    html = client_as("committee_secretary").get("/people/", {"q": zhang.id_number}).content.decode()

    assert f'href="/people/{zhang.pk}/"' in html
    log = AccessLog.objects.get()
    assert (log.action, log.actor.username, log.person, log.rows) == ("search", "committee_secretary", zhang, 1)
    assert zhang.id_number not in log.subject


def test_api_search_by_phone_with_the_right_finds_and_is_logged(client_as, cast):
    wang = cast.people["wang"]

    body = client_as("committee_secretary").get("/api/v1/people", {"q": wang.phone}).json()

    assert [p["name"] for p in body["items"]] == ["王芳"]
    log = AccessLog.objects.get()
    assert (log.action, log.fields) == ("search", "phone")


def test_search_by_number_reaches_only_where_the_right_is_held(cast):
    # The secretary of the town holds the right on the town only; the cadre post elsewhere gives none.
    mixed = user("mixed", Role.COMMITTEE_SECRETARY, cast.town)
    RoleAssignment.objects.create(user=mixed, organization=cast.school, role=Role.CADRE)
    zhao = cast.people["zhao"]

    found = PersonFilter(data={"q": zhao.id_number}, actor=mixed).filter(person_list(mixed))

    assert list(found) == []


def test_search_by_name_is_not_logged(client_as, cast):
    client_as("committee_secretary").get("/people/", {"q": "zxm"})

    assert AccessLog.objects.count() == 0


# birth date


@pytest.mark.parametrize("role", UNENTITLED)
def test_pages_show_the_birth_year_only(client_as, cast, role):
    person = _target(cast, role)
    full = person.birth_date.strftime("%Y-%m-%d")

    listing = client_as(role).get("/people/").content.decode()
    detail = client_as(role).get(f"/people/{person.pk}/").content.decode()
    organization = client_as(role).get(f"/organizations/{person.organization_id}/").content.decode()

    assert full not in listing
    assert full not in detail
    assert full not in organization
    assert str(person.birth_date.year) in listing


@pytest.mark.parametrize("role", UNENTITLED)
def test_api_gives_the_birth_year_only(client_as, cast, role):
    person = _target(cast, role)

    item = client_as(role).get(f"/api/v1/people/{person.pk}").json()
    items = client_as(role).get("/api/v1/people").json()["items"]

    assert (item["birth_date"], item["birth_year"]) == (None, person.birth_date.year)
    assert item["id_number"] == person.id_number[:6] + "*" * 12
    assert all(p["birth_date"] is None for p in items)


def test_api_gives_the_birth_date_with_the_right(client_as, cast):
    zhang = cast.people["zhang"]

    item = client_as("committee_secretary").get(f"/api/v1/people/{zhang.pk}").json()

    assert (item["birth_date"], item["birth_year"]) == (zhang.birth_date.isoformat(), zhang.birth_date.year)


@pytest.mark.parametrize("role", UNENTITLED)
def test_export_gives_the_birth_year_and_the_region_code_only(client_as, cast, role):
    person = _target(cast, role)

    rows = _sheet(client_as(role).post("/jobs/exports/members/", {"q": person.name_initials}))

    assert rows[1][1] == person.id_number[:6] + "*" * 12
    assert rows[1][3] == str(person.birth_date.year)
    assert person.phone not in rows[1][9]


@pytest.mark.parametrize("role", UNENTITLED)
def test_sort_by_birth_orders_by_year_only_without_the_right(cast, role):
    branch = cast.school_branch if role == "cadre" else cast.branch
    late = PersonFactory(organization=branch, name="周婷", birth_date=datetime.date(2006, 12, 30))
    early = PersonFactory(organization=branch, name="吴强", birth_date=datetime.date(2006, 1, 2))

    entitled = [n for n in _names(cast, "county_admin", sort="birth") if n in (late.name, early.name)]
    unentitled = [n for n in _names(cast, role, sort="birth") if n in (late.name, early.name)]

    assert entitled == [early.name, late.name]
    # Within a year the order is that of the records, not of the birthdays.
    assert unentitled == [late.name, early.name]


# change history


@pytest.mark.parametrize("role", ["auditor"])
def test_history_hides_changed_numbers_and_birth_dates(client_as, cast, role):
    zhang = cast.people["zhang"]
    old_phone, old_id = zhang.phone, zhang.id_number
    new_id = make_id_number("341122", datetime.date(2002, 8, 8), 11)
    person_update(actor=cast.users["county_admin"], person=zhang, phone="13912345678", id_number=new_id)
    zhang.refresh_from_db()
    assert zhang.birth_date == datetime.date(2002, 8, 8)
    secrets = [old_phone, "13912345678", old_id, new_id, "2004-05-17", "2002-08-08"]

    pages = [
        client_as(role).get(f"/people/{zhang.pk}/").content.decode(),
        client_as(role).get("/audit/history/").content.decode(),
    ]
    export = _sheet(client_as(role).post("/jobs/exports/history/"))

    for secret in secrets:
        for page in pages:
            assert secret not in page, secret
        assert all(secret not in str(cell) for row in export for cell in row), secret


def test_history_shows_the_birth_date_to_a_holder_of_the_right(client_as, cast):
    zhang = cast.people["zhang"]
    new_id = make_id_number("341122", datetime.date(2002, 8, 8), 11)
    person_update(actor=cast.users["county_admin"], person=zhang, id_number=new_id)

    page = client_as("committee_secretary").get(f"/people/{zhang.pk}/").content.decode()

    assert "2002-08-08" in page


def test_history_stores_numbers_masked_like_the_pages(cast):
    from auditlog.models import LogEntry

    zhang = cast.people["zhang"]
    person_update(actor=cast.users["county_admin"], person=zhang, phone="13912345678")

    old, new = LogEntry.objects.get_for_object(zhang).first().changes_dict["phone"]

    assert new == "139****5678"
