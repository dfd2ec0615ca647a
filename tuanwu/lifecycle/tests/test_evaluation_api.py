"""The evaluation and registration API: the pages' rules and scope."""

import datetime

from tuanwu.lifecycle.models import Evaluation, EvaluationEntry, Grade, Registration
from tuanwu.lifecycle.services.evaluation import evaluation_meeting_set, evaluation_open

YEAR = 2025


def _evaluation(cast, grade=Grade.QUALIFIED):
    evaluation = evaluation_open(actor=cast.users["branch_secretary"], branch=cast.branch, year=YEAR)
    EvaluationEntry.objects.filter(evaluation=evaluation).update(grade=grade)
    return evaluation_meeting_set(
        actor=cast.users["branch_secretary"],
        evaluation=evaluation,
        held_on=datetime.date(YEAR, 12, 1),
        expected=2,
        present=2,
    )


def test_list_and_detail_in_scope(client_as, cast):
    evaluation = _evaluation(cast)

    listed = client_as("committee_secretary").get(f"/api/v1/lifecycle/evaluations?year={YEAR}").json()
    detail = client_as("committee_secretary").get(f"/api/v1/lifecycle/evaluations/{evaluation.pk}").json()
    outside = client_as("outsider").get(f"/api/v1/lifecycle/evaluations/{evaluation.pk}")

    assert [e["id"] for e in listed["items"]] == [evaluation.pk]
    assert {e["person_name"] for e in detail["entries"]} == {"张晓明", "李华"}
    assert outside.status_code == 404


def test_submit_over_the_cap_answers_422_with_the_rule(client_as, cast):
    evaluation = _evaluation(cast, Grade.EXCELLENT)

    response = client_as("branch_secretary").post(
        f"/api/v1/lifecycle/evaluations/{evaluation.pk}/submit", {}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "EXCELLENT_OVER_CAP"
    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.DRAFT


def test_submit_and_approve(client_as, cast):
    evaluation = _evaluation(cast)

    submitted = client_as("branch_secretary").post(
        f"/api/v1/lifecycle/evaluations/{evaluation.pk}/submit", {}, content_type="application/json"
    )
    refused = client_as("branch_secretary").post(
        f"/api/v1/lifecycle/evaluations/{evaluation.pk}/approve", {}, content_type="application/json"
    )
    approved = client_as("committee_secretary").post(
        f"/api/v1/lifecycle/evaluations/{evaluation.pk}/approve", {}, content_type="application/json"
    )

    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert refused.status_code == 403
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_register_refuses_unqualified(client_as, cast):
    evaluation = _evaluation(cast, Grade.UNQUALIFIED)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.Status.APPROVED)

    response = client_as("branch_secretary").post(
        "/api/v1/lifecycle/registrations",
        {"membership_id": cast.people["zhang"].membership.pk, "year": YEAR + 1},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "REGISTRATION_UNQUALIFIED"
    assert not Registration.objects.exists()


def test_registrations_list_and_me(client_as, cast):
    evaluation = _evaluation(cast)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.Status.APPROVED)
    created = client_as("branch_secretary").post(
        "/api/v1/lifecycle/registrations",
        {"membership_id": cast.people["zhang"].membership.pk, "year": YEAR + 1},
        content_type="application/json",
    )

    rows = client_as("branch_secretary").get(f"/api/v1/lifecycle/registrations?year={YEAR + 1}&unregistered=true")
    me = client_as("member").get("/api/v1/lifecycle/me").json()

    assert created.status_code == 201
    assert [r["person_name"] for r in rows.json()["items"]] == ["李华"]
    assert me["registrations"][0]["year"] == YEAR + 1
    assert me["grades"][0]["grade"] == "qualified"
