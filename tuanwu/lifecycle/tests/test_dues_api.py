"""The dues API: the same numbers and rules as the pages, and the bill upload as the roles that may and may not."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tuanwu.lifecycle.models import BillLine, DuesPayment
from tuanwu.lifecycle.services.dues import dues_policy_set

from .dues_bills import alipay_csv
from .dues_factories import banded

D = datetime.date


@pytest.fixture
def wang(cast):
    dues_policy_set(actor=cast.users["county_admin"], county=cast.county, year=2025)
    return banded(cast.users["county_admin"], cast.branch, "王五", pay=9999)


@pytest.mark.parametrize(
    ("pay_fen", "category", "fen"), [(199900, "employed", 300), (250000, "employed", 500), (None, "student", 20)]
)
def test_amount(client_as, cast, pay_fen, category, fen):
    query = f"category={category}" + (f"&pay_fen={pay_fen}" if pay_fen is not None else "")

    body = client_as("member").get(f"/api/v1/lifecycle/dues/amount?{query}").json()

    assert body["amount_fen"] == fen


def test_a_payment_posted_shows_in_the_summary(client_as, cast, wang):
    client = client_as("branch_secretary")

    made = client.post(
        "/api/v1/lifecycle/dues/payments",
        {"person_id": wang.pk, "amount_fen": 5700, "paid_on": "2025-01-05", "first_month": "2025-01", "months": 3},
        content_type="application/json",
    )
    summary = client.get(f"/api/v1/lifecycle/dues/organizations/{cast.branch.pk}?year=2025").json()

    assert made.status_code == 201
    row = next(m for m in summary["members"] if m["person_id"] == wang.pk)
    assert (row["due_fen"], row["paid_fen"], row["arrears_fen"]) == (22800, 5700, 17100)


def test_a_payment_before_admission_is_refused_with_its_code(client_as, cast):
    person = banded(cast.users["county_admin"], cast.branch, "新人", pay=3000, joined=D(2025, 7, 1))

    response = client_as("branch_secretary").post(
        "/api/v1/lifecycle/dues/payments",
        {"person_id": person.pk, "amount_fen": 600, "paid_on": "2025-07-05", "first_month": "2025-06"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "DUES_BEFORE_ADMISSION"
    assert not DuesPayment.objects.filter(person=person).exists()


def _upload():
    return SimpleUploadedFile("alipay.csv", alipay_csv(), "text/csv")


def test_the_branch_uploads_a_bill(client_as, cast, wang):
    response = client_as("branch_secretary").post(
        f"/api/v1/lifecycle/dues/organizations/{cast.branch.pk}/bills", {"file": _upload()}
    )

    body = response.json()
    assert response.status_code == 200
    assert [(x["payer"], x["status"]) for x in body["lines"]] == [("王五", "certain"), ("*五", "uncertain")]
    assert body["duplicates"] == [{"row": 27, "transaction_number": "2025020122001"}]


@pytest.mark.parametrize(("role", "status"), [("auditor", 403), ("cadre", 404), ("outsider", 404), ("member", 404)])
def test_others_cannot_upload_a_bill(client_as, cast, wang, role, status):
    response = client_as(role).post(f"/api/v1/lifecycle/dues/organizations/{cast.branch.pk}/bills", {"file": _upload()})

    assert response.status_code == status
    assert not BillLine.objects.exists()


def test_a_certain_line_is_confirmed(client_as, cast, wang):
    client = client_as("branch_secretary")
    client.post(f"/api/v1/lifecycle/dues/organizations/{cast.branch.pk}/bills", {"file": _upload()})
    line = BillLine.objects.get(status="certain")

    response = client.post(f"/api/v1/lifecycle/dues/bill-lines/{line.pk}/confirm", {}, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["amount_fen"] == 5700
    assert client.get("/api/v1/lifecycle/dues/bill-lines?status=certain").json()["count"] == 0


def test_a_general_meeting_reduces_through_the_api(client_as, cast, wang):
    from tuanwu.meetings.models import Kind
    from tuanwu.meetings.tests.factories import record

    meeting = record(cast.users["county_admin"], cast.branch, Kind.GENERAL_MEETING, D(2025, 3, 1))

    response = client_as("branch_secretary").post(
        "/api/v1/lifecycle/dues/decisions",
        {
            "person_id": wang.pk,
            "meeting_id": meeting.pk,
            "kind": "reduced",
            "amount_fen": 300,
            "first_month": "2025-04",
            "last_month": "2025-06",
            "reason": "家庭困难",
        },
        content_type="application/json",
    )
    summary = client_as("branch_secretary").get(f"/api/v1/lifecycle/dues/organizations/{cast.branch.pk}?year=2025")

    assert response.status_code == 201
    row = next(m for m in summary.json()["members"] if m["person_id"] == wang.pk)
    assert row["due_fen"] == 1900 * 9 + 300 * 3
