"""The transfer API, the lapse command and the plan metrics, through the same services as the pages."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tuanwu.lifecycle.models import Transfer
from tuanwu.lifecycle.services.transfers import transfer_start
from tuanwu.plan.metrics import METRICS

pytestmark = pytest.mark.django_db


def test_the_api_walks_a_transfer_through_both_sides(client_as, cast):
    client = client_as("branch_secretary")
    started = client.post(
        "/api/v1/lifecycle/transfers",
        {"person_id": cast.people["zhang"].pk, "destination_id": cast.school.pk, "reason": "转学"},
        content_type="application/json",
    )
    assert started.status_code == 201, started.content
    body = started.json()

    approved = client_as("committee_secretary").post(
        f"/api/v1/lifecycle/transfers/{body['id']}/approve",
        {"version": body["version"]},
        content_type="application/json",
    )
    accepted = client_as("outsider").post(
        f"/api/v1/lifecycle/transfers/{body['id']}/accept",
        {"version": approved.json()["version"], "branch_id": cast.school_branch.pk},
        content_type="application/json",
    )

    assert approved.status_code == 200 and approved.json()["status"] == "awaiting_receiver"
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "completed"
    assert [s["action"] for s in accepted.json()["steps"]] == ["start", "approve", "accept"]
    listed = client_as("outsider").get("/api/v1/lifecycle/transfers?box=incoming").json()
    assert [item["id"] for item in listed["items"]] == [body["id"]] and listed["count"] == 1


def test_the_api_refuses_a_rejection_without_a_reason(client_as, cast):
    t = transfer_start(actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2)

    response = client_as("committee_secretary").post(
        f"/api/v1/lifecycle/transfers/{t.pk}/reject", {"version": t.version}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "REASON_REQUIRED"
    t.refresh_from_db()
    assert t.status == "awaiting_sender"


def test_a_transfer_outside_scope_answers_404(client_as, cast):
    t = transfer_start(actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2)

    response = client_as("outsider").get(f"/api/v1/lifecycle/transfers/{t.pk}")

    assert response.status_code == 404


def test_the_lapse_command_closes_overdue_requests(cast):
    day = datetime.date(2026, 3, 2)
    t = transfer_start(
        actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2, today=day
    )
    out = StringIO()

    call_command("transfers", "lapse", "--date", "2026-03-13", "--format", "json", stdout=out)

    result = json.loads(out.getvalue())
    assert result["lapsed"] == 1 and result["items"][0]["id"] == t.pk
    assert Transfer.objects.get().status == "lapsed"


def test_the_plan_metrics_count_pending_lapsed_and_the_graduates_rate(cast):
    today = timezone.localdate()
    started = today - datetime.timedelta(days=11)
    transfer_start(
        actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2, today=started
    )
    transfer_start(actor=cast.users["branch_secretary"], person=cast.people["li"], destination=cast.school)
    admin = cast.users["county_admin"]
    from tuanwu.lifecycle.services.transfers import transfers_lapse

    transfers_lapse()

    assert METRICS["transfers_pending"].compute(admin, cast.county, today.year) == 1
    assert METRICS["transfers_lapsed"].compute(admin, cast.county, started.year) == 1
    assert METRICS["transfers_pending"].compute(cast.users["outsider"], cast.county, today.year) == 1
    assert METRICS["graduate_transfer_rate"].compute(admin, cast.county, today.year) is None
    assert {METRICS[k].unit for k in ("transfers_pending", "transfers_lapsed", "graduate_transfer_rate")} == {"件", "%"}


def test_the_api_sends_graduates_of_a_class(client_as, cast):
    from tuanwu.lifecycle.models import TransferPolicy
    from tuanwu.lifecycle.services.transfers import graduating_class_set

    year = timezone.localdate().year
    # A county whose season runs the whole year: the send is in season whatever day the test runs.
    TransferPolicy.objects.create(
        organization=cast.county, year=year, season_opens_month=1, finish_by_month=12, finish_by_day=31
    )
    gc = graduating_class_set(
        actor=cast.users["outsider"], organization=cast.school_branch, expected_on=datetime.date(year, 6, 30)
    )
    zhao = cast.people["zhao"]
    body = {"graduates": [{"person_id": zhao.pk, "destination": "employed", "organization_id": cast.town.pk}]}

    refused = client_as("committee_secretary").post(
        f"/api/v1/lifecycle/graduating-classes/{gc.pk}/send", body, content_type="application/json"
    )
    response = client_as("outsider").post(
        f"/api/v1/lifecycle/graduating-classes/{gc.pk}/send", body, content_type="application/json"
    )
    again = client_as("outsider").post(
        f"/api/v1/lifecycle/graduating-classes/{gc.pk}/send", body, content_type="application/json"
    )

    assert refused.status_code == 404
    assert response.status_code == 200, response.content
    assert [(g["person_id"], g["transfer_status"]) for g in response.json()] == [(zhao.pk, "awaiting_receiver")]
    assert again.status_code == 404
    assert Transfer.objects.filter(person=zhao).count() == 1


@pytest.mark.parametrize(("role", "status"), [("cadre", 403), ("auditor", 403), ("member", 404), ("anonymous", 401)])
def test_only_the_committee_over_the_class_sends_it(client_as, cast, role, status):
    from tuanwu.lifecycle.services.transfers import graduating_class_set

    gc = graduating_class_set(
        actor=cast.users["outsider"], organization=cast.school_branch, expected_on=datetime.date(2026, 6, 30)
    )
    body = {"graduates": [{"person_id": cast.people["zhao"].pk, "destination": "deferred"}]}

    response = client_as(role).post(
        f"/api/v1/lifecycle/graduating-classes/{gc.pk}/send", body, content_type="application/json"
    )

    assert response.status_code == status
    assert set(response.json()) == {"detail", "code"}
    assert not gc.graduates.exists()


@pytest.mark.parametrize("field", ["person_id", "organization_id"])
def test_a_graduate_or_destination_outside_answers_like_a_missing_one(client_as, cast, field):
    from tests.factories import org
    from tuanwu.lifecycle.services.transfers import graduating_class_set
    from tuanwu.organizations.models import Kind, Sector

    gc = graduating_class_set(
        actor=cast.users["outsider"], organization=cast.school_branch, expected_on=datetime.date(2026, 6, 30)
    )
    other = org(None, "远山县委", Kind.COUNTY_COMMITTEE, Sector.PARTY_GOVERNMENT, code="YS")
    outside = {"person_id": cast.people["wang"].pk, "organization_id": other.pk}[field]
    plan = {"person_id": cast.people["zhao"].pk, "destination": "employed", "organization_id": cast.town.pk}

    def send(pk):
        body = {"graduates": [{**plan, field: pk}]}
        return client_as("outsider").post(
            f"/api/v1/lifecycle/graduating-classes/{gc.pk}/send", body, content_type="application/json"
        )

    answers = [send(outside), send(10**9)]

    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json() == answers[1].json()
    assert "王芳" not in answers[0].content.decode() and "远山县委" not in answers[0].content.decode()
    assert not Transfer.objects.exists()
