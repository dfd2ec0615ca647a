import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from tuanwu.duties.models import DutyRecord, Mandate, MandateKind, Term

from .factories import duty, mandate, term

D = datetime.date


@pytest.fixture
def seats(cast):
    t = term(cast.county)
    zhang = mandate(t, cast.people["zhang"])
    wang = mandate(t, cast.people["wang"], kind=MandateKind.DELEGATE, delegation="东湖镇代表团")
    duty(zhang, D(2025, 3, 1))
    duty(zhang, D(2025, 4, 1), kind="proposal", title="关于青年就业的提案", proposal_status="adopted")
    return t, zhang, wang


def test_term_page_shows_counts_per_person_and_flags_who_has_nothing(client_as, seats):
    t, _, _ = seats

    html = client_as("county_admin").get(f"/duties/terms/{t.pk}/?year=2025").content.decode()

    assert "张晓明" in html and "王芳" in html
    assert html.count('data-testid="idle"') == 1
    assert "东湖镇代表团" in html


def test_term_page_costs_the_same_queries_for_more_people(client_as, seats, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t, _, _ = seats
    client = client_as("county_admin")
    client.get(f"/duties/terms/{t.pk}/?year=2025")
    with CaptureQueriesContext(connection) as two:
        client.get(f"/duties/terms/{t.pk}/?year=2025")
    for p in ("li", "zhao"):
        mandate(t, cast.people[p], kind=MandateKind.ALTERNATE)

    with CaptureQueriesContext(connection) as four:
        client.get(f"/duties/terms/{t.pk}/?year=2025")

    assert len(four) == len(two)


def test_export_costs_the_same_queries_for_more_people(client_as, seats, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t, _, _ = seats
    client = client_as("county_admin")
    client.get("/duties/export/?year=2025")
    with CaptureQueriesContext(connection) as two:
        client.get("/duties/export/?year=2025")
    for p in ("li", "zhao"):
        mandate(t, cast.people[p], kind=MandateKind.ALTERNATE)

    with CaptureQueriesContext(connection) as four:
        client.get("/duties/export/?year=2025")

    assert len(four) == len(two)


def test_adds_a_term_then_a_mandate_by_id_number(client_as, cast):
    client = client_as("county_admin")

    r = client.post(
        "/duties/terms/new/",
        {"organization": cast.county.pk, "name": "共青团青禾县第十五次代表大会", "starts_on": "2023-05-04"},
    )
    t = Term.objects.get()
    r = client.post(
        f"/duties/terms/{t.pk}/mandates/new/",
        {"person": cast.people["zhang"].id_number, "kind": "committee_member"},
    )

    assert r.status_code == 302
    assert Mandate.objects.get().person == cast.people["zhang"]


def test_mandate_form_says_when_the_person_already_holds_the_seat(client_as, seats, cast):
    t, _, _ = seats

    r = client_as("county_admin").post(
        f"/duties/terms/{t.pk}/mandates/new/", {"person": "张晓明", "kind": "committee_member"}
    )

    assert r.status_code == 200
    assert "已" in r.content.decode() or "already" in r.content.decode()
    assert Mandate.objects.count() == 2


def test_member_records_their_own_duty_from_my_page(client_as, seats):
    _, zhang, _ = seats
    client = client_as("member")
    assert f"/duties/mandates/{zhang.pk}/record/" in client.get("/duties/my/").content.decode()

    r = client.post(
        f"/duties/mandates/{zhang.pk}/record/",
        {"date": "2025-06-01", "kind": "contact_work", "title": "走访青年"},
    )

    assert r.status_code == 302 and r["Location"] == "/duties/my/"
    assert DutyRecord.objects.filter(mandate=zhang, title="走访青年").exists()


def test_duty_dated_outside_the_mandate_is_refused_beside_the_date(client_as, seats):
    _, zhang, _ = seats

    r = client_as("county_admin").post(
        f"/duties/mandates/{zhang.pk}/record/", {"date": "2020-01-01", "kind": "research", "title": "调研"}
    )

    assert r.status_code == 200
    assert not DutyRecord.objects.filter(title="调研").exists()


def test_member_cannot_reach_anothers_year(client_as, seats, cast):
    assert client_as("member").get(f"/duties/people/{cast.people['wang'].pk}/").status_code == 404


def test_export_names_the_file_in_chinese_and_holds_the_years_table(client_as, seats):
    r = client_as("county_admin").get("/duties/export/?year=2025")

    assert "filename*=utf-8''" in r["Content-Disposition"]
    assert "%E5%B1%A5%E8%81%8C" in r["Content-Disposition"] or "Duties" in r["Content-Disposition"]
    rows = list(load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["张晓明", "王芳"]


def test_the_import_page_of_mandates_opens_from_the_term_list_for_the_county(client_as):
    client = client_as("county_admin")

    html = client.get("/duties/").content.decode()
    page = client.get("/jobs/imports/mandates/")

    assert "/jobs/imports/mandates/" in html
    assert page.status_code == 200
