"""The dues pages as the roles that use them: a member's own months, a branch recording payments and bands, a
committee's roll-up with the collection rate, the bills page, the statement, and the county's policy."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tuanwu.lifecycle.models import BillLine, DuesPayment, PayBand
from tuanwu.lifecycle.services.dues import dues_policy_set, pay_band_set, payment_record

from .dues_bills import wechat_csv
from .dues_factories import banded

D = datetime.date
YEAR = datetime.date.today().year


@pytest.fixture
def dues(cast):
    admin = cast.users["county_admin"]
    dues_policy_set(actor=admin, county=cast.county, year=YEAR)
    pay_band_set(
        actor=admin, person=cast.people["zhang"], valid_from=D(2019, 5, 1), category="employed", pay_fen=250000
    )
    payment_record(
        actor=admin, person=cast.people["zhang"], amount_fen=500, paid_on=D(YEAR, 1, 3), first_month=D(YEAR, 1, 1)
    )
    return cast


def test_a_member_sees_their_own_months(client_as, dues):
    response = client_as("member").get(f"/lifecycle/dues/mine/?year={YEAR}")

    assert response.status_code == 200
    ledger = response.context["ledger"]
    assert ledger.person_id == dues.people["zhang"].pk
    assert ledger.months[0].due == 500 and ledger.months[0].paid == 500
    assert "5.00" in response.content.decode()


def test_someone_without_a_person_record_has_no_dues_page(client_as, dues):
    assert client_as("county_admin").get("/lifecycle/dues/mine/").status_code == 404


def test_the_branch_page_lists_arrears_and_records_a_payment(client_as, dues):
    client = client_as("branch_secretary")
    page = client.get(f"/lifecycle/dues/organizations/{dues.branch.pk}/")

    response = client.post(
        f"/lifecycle/dues/organizations/{dues.branch.pk}/payments/",
        {
            "person": dues.people["zhang"].pk,
            "amount": "15",
            "first_month": f"{YEAR}-02",
            "months": "3",
            "paid_on": f"{YEAR}-01-20",
            "channel": "cash",
        },
    )

    assert page.status_code == 200 and page.context["can_manage"] is True
    assert {x.name for x in page.context["ledgers"]} >= {"张晓明", "李华"}
    assert response.status_code == 302
    assert DuesPayment.objects.filter(person=dues.people["zhang"]).count() == 2


def test_a_bad_amount_is_refused_with_the_field_named(client_as, dues):
    response = client_as("branch_secretary").post(
        f"/lifecycle/dues/organizations/{dues.branch.pk}/payments/",
        {
            "person": dues.people["zhang"].pk,
            "amount": "5元整",
            "first_month": f"{YEAR}-02",
            "months": "1",
            "paid_on": f"{YEAR}-01-20",
            "channel": "cash",
        },
    )

    assert response.status_code == 200
    assert "amount" in response.context["payment_form"].errors
    assert DuesPayment.objects.filter(person=dues.people["zhang"]).count() == 1


def test_the_auditor_reads_but_cannot_record(client_as, dues):
    client = client_as("auditor")

    assert client.get(f"/lifecycle/dues/organizations/{dues.branch.pk}/").context["can_manage"] is False
    response = client.post(
        f"/lifecycle/dues/organizations/{dues.branch.pk}/bands/",
        {"person": dues.people["li"].pk, "valid_from": f"{YEAR}-01", "category": "student"},
    )

    assert response.status_code == 403
    assert not PayBand.objects.filter(person=dues.people["li"]).exists()


def test_a_band_is_entered_on_the_branch_page(client_as, dues):
    response = client_as("branch_secretary").post(
        f"/lifecycle/dues/organizations/{dues.branch.pk}/bands/",
        {"person": dues.people["li"].pk, "valid_from": "2019-05", "category": "student"},
    )

    assert response.status_code == 302
    assert PayBand.objects.get(person=dues.people["li"]).category == "student"


def test_the_committee_sees_its_branches_with_the_collection_rate(client_as, dues):
    banded(dues.users["county_admin"], dues.branch2, "韩梅", category="student")

    response = client_as("committee_secretary").get(f"/lifecycle/dues/organizations/{dues.town.pk}/?year={YEAR}")

    assert response.status_code == 200
    rows = {r["organization"].name: r for r in response.context["rows"]}
    assert rows["东湖村团支部"]["paid"] == 500
    assert rows["西湾村团支部"]["members"] >= 1
    assert response.context["rate"] is not None


def test_outside_the_scope_the_pages_answer_404(client_as, dues):
    client = client_as("outsider")

    assert client.get(f"/lifecycle/dues/organizations/{dues.branch.pk}/").status_code == 404
    assert client.get(f"/lifecycle/dues/organizations/{dues.branch.pk}/bills/").status_code == 404
    assert client.get(f"/lifecycle/dues/organizations/{dues.branch.pk}/statement/").status_code == 404


def test_a_bill_is_uploaded_and_its_certain_lines_confirmed(client_as, cast):
    admin = cast.users["county_admin"]
    dues_policy_set(actor=admin, county=cast.county, year=2025)
    banded(admin, cast.branch, "张三", pay=2500)
    client = client_as("branch_secretary")
    url = f"/lifecycle/dues/organizations/{cast.branch.pk}/bills/"

    read = client.post(url, {"file": SimpleUploadedFile("微信支付账单.csv", wechat_csv(), "text/csv")})
    confirmed = client.post(f"{url}confirm/")

    assert read.status_code == 200 and read.context["certain"] == 1
    assert confirmed.status_code == 302
    assert BillLine.objects.get(payer="张三").status == "confirmed"
    assert [x.payer for x in client.get(url).context["open_lines"]] == ["小明同学", "陌生人", "赵六"]


def test_the_statement_shows_the_month(client_as, dues):
    response = client_as("county_admin").get(
        f"/lifecycle/dues/organizations/{dues.county.pk}/statement/?month={YEAR}-01"
    )

    assert response.status_code == 200
    assert response.context["statement"]["totals"]["collected"] == 500
    assert response.context["statement"]["kept"] == 150


def test_only_the_county_edits_the_policy(client_as, dues):
    assert client_as("committee_secretary").get("/lifecycle/dues/policy/").status_code == 404

    response = client_as("county_admin").post(
        f"/lifecycle/dues/policy/?year={YEAR}",
        {
            "low_pay_below_yuan": 2000,
            "low_amount_fen": 300,
            "rate_permille": 2,
            "whole_yuan": "on",
            "cap_fen": 1800,
            "no_income_fen": 20,
            "branch_share": 0,
            "committee_share": 50,
            "county_share": 30,
            "version": 1,
        },
    )

    assert response.status_code == 302
    from tuanwu.lifecycle.models import DuesPolicy

    assert DuesPolicy.objects.get(year=YEAR).cap_fen == 1800


def test_a_general_meeting_exempts_on_the_branch_page(client_as, dues):
    from tuanwu.lifecycle.models import DuesDecision
    from tuanwu.meetings.models import Kind
    from tuanwu.meetings.tests.factories import record

    meeting = record(dues.users["county_admin"], dues.branch, Kind.GENERAL_MEETING, D(YEAR, 1, 10))
    client = client_as("branch_secretary")

    response = client.post(
        f"/lifecycle/dues/organizations/{dues.branch.pk}/decisions/",
        {
            "person": dues.people["zhang"].pk,
            "meeting": meeting.pk,
            "kind": "exempt",
            "first_month": f"{YEAR}-02",
            "last_month": f"{YEAR}-03",
            "reason": "失业",
        },
    )

    assert response.status_code == 302
    assert DuesDecision.objects.get().kind == "exempt"
    months = client.get(f"/lifecycle/dues/organizations/{dues.branch.pk}/?year={YEAR}").context["ledgers"]
    zhang = next(x for x in months if x.person_id == dues.people["zhang"].pk)
    assert [m.due for m in zhang.months[:4]] == [500, 0, 0, 500][: len(zhang.months[:4])]


def test_a_young_person_not_on_the_roll_is_told_they_owe_no_dues(client_as, cast):
    user = cast.users["member"]
    user.person = cast.people["youth"]  # 陈静: a young person, not a member
    user.save()

    response = client_as("member").get("/lifecycle/dues/mine/")

    assert response.status_code == 200
    assert 'data-testid="no-dues"' in response.content.decode()
