"""The care pages as the roles that use them and as those that must not."""

import datetime

import pytest
from django.utils import translation

from tests.factories import user
from tuanwu.accounts.roles import Role
from tuanwu.audit.models import AccessLog
from tuanwu.care import services
from tuanwu.care.models import CareMeasure, CareRecord

from .factories import campaign, project, record


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_record_detail_is_404_to_another_branch_and_the_cadre_and_logs_nothing(client, cast):
    r = record(cast)
    west = user("west_secretary", Role.BRANCH_SECRETARY, cast.branch2)

    for u in (west, cast.users["cadre"]):
        client.force_login(u)
        assert client.get(f"/care/records/{r.pk}/").status_code == 404

    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("role", ["county_admin", "committee_secretary", "branch_secretary"])
def test_record_detail_is_shown_and_its_view_logged(client, cast, role):
    r = record(cast)
    client.force_login(cast.users[role])

    response = client.get(f"/care/records/{r.pk}/")

    assert response.status_code == 200
    assert "陈静" in response.content.decode()
    log = AccessLog.objects.get()
    assert (log.actor, log.action, log.organization) == (cast.users[role], "view", cast.branch)


def test_register_masks_names_and_filters_by_difficulty(client, cast):
    record(cast, difficulties=["family"])
    record(cast, name="周婷", difficulties=["economic"])
    client.force_login(cast.users["committee_secretary"])

    page = client.get("/care/?difficulty=family").content.decode()

    assert "陈*" in page
    assert "周*" not in page
    assert "陈静" not in page


def test_register_filters_open_and_closed(client, cast):
    r = record(cast)
    services.care_record_close(actor=cast.users["county_admin"], record=r, outcome="好转")
    record(cast, name="周婷")
    client.force_login(cast.users["county_admin"])

    closed = client.get("/care/?status=closed").context["page"].object_list

    assert [x.pk for x in closed] == [r.pk]


def test_register_lists_in_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    for n in range(5):
        record(cast, name=f"周婷{n}")
    client.force_login(cast.users["committee_secretary"])

    with django_assert_max_num_queries(12):
        client.get("/care/")


def test_opening_a_record_through_the_form(client, cast):
    client.force_login(cast.users["committee_secretary"])
    data = {
        "organization": cast.branch.pk,
        "name": "周婷",
        "minor": "on",
        "difficulties": ["economic", "psychological"],
        "follower": cast.users["branch_secretary"].pk,
        "consent_by": "周婷",
        "consent_on": "2026-01-10",
        "guardian": "周大山",
    }

    response = client.post("/care/records/new/", data)

    r = CareRecord.objects.get()
    assert response.status_code == 302
    assert (r.difficulties, r.follower, r.guardian) == (
        ",economic,psychological,",
        cast.users["branch_secretary"],
        "周大山",
    )


def test_the_form_refuses_without_consent(client, cast):
    client.force_login(cast.users["committee_secretary"])

    response = client.post(
        "/care/records/new/", {"organization": cast.branch.pk, "name": "周婷", "difficulties": ["economic"]}
    )

    assert response.status_code == 200
    assert not CareRecord.objects.exists()


def test_the_follower_adds_a_money_measure_in_yuan(client, cast):
    r = record(cast)
    client.force_login(cast.users["branch_secretary"])

    client.post(
        f"/care/records/{r.pk}/measures/",
        {"kind": "money", "date": datetime.date.today().isoformat(), "amount": "300.50", "description": "助学"},
    )

    assert CareMeasure.objects.get().amount_fen == 30050


def test_campaign_page_shows_the_people_reached_masked(client, cast):
    c = campaign(cast)
    services.campaign_deliver(
        actor=cast.users["county_admin"],
        campaign=c,
        name="周婷",
        given="棉衣",
        value_fen=15000,
        delivered_on=datetime.date(2026, 1, 25),
    )
    client.force_login(cast.users["committee_secretary"])

    page = client.get(f"/care/campaigns/{c.pk}/").content.decode()

    assert "周*" in page and "周婷" not in page
    assert "150.00" in page


def test_project_page_totals_its_inputs(client, cast):
    p = project(cast)
    client.force_login(cast.users["committee_secretary"])
    client.post(
        f"/care/projects/{p.pk}/inputs/",
        {"date": "2026-03-01", "kind": "goods", "value": "2000", "source": "爱心企业"},
    )

    page = client.get(f"/care/projects/{p.pk}/").content.decode()

    assert "2000.00" in page


def test_export_is_masked_and_logged(cast):
    import io

    from openpyxl import load_workbook

    from tuanwu.care.exports import care_record_export

    record(cast, name="周晓婷")

    data, name, count = care_record_export(actor=cast.users["committee_secretary"], params={})

    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert count == 1
    assert rows[1][0] == "周*婷"
    assert name.endswith(".xlsx")
    assert AccessLog.objects.get().action == "export"


@pytest.mark.parametrize(("role", "status"), [("committee_secretary", 200), ("branch_secretary", 404), ("cadre", 404)])
def test_export_download_is_for_view_care_holders(client_as, cast, role, status):
    record(cast)

    response = client_as(role).post("/jobs/exports/care_records/", {"count": "1"})

    assert response.status_code == status


def test_pages_speak_chinese(client, cast):
    record(cast, difficulties=["psychological"])
    client.force_login(cast.users["county_admin"])

    page = client.get("/care/").content.decode()

    assert "困难青少年关爱台账" in page and "心理困难" in page
