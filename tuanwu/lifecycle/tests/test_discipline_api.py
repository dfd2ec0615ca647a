"""The discipline API: the same services as the pages, the same scope, the one error body."""

from django.utils import timezone

from tuanwu.lifecycle.models import DisciplineCase

from .factories import case


def test_the_branch_records_a_case_and_the_committee_approves_it(client, cast):
    client.force_login(cast.users["branch_secretary"])
    created = client.post(
        "/api/v1/lifecycle/discipline-cases",
        {
            "person_id": cast.people["zhang"].pk,
            "sanction": "probation",
            "facts": "违反团的纪律",
            "decided_on": "2026-03-10",
            "statement": "本人接受",
            "probation_months": 6,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    client.force_login(cast.users["committee_secretary"])

    approved = client.post(
        f"/api/v1/lifecycle/discipline-cases/{body['id']}/decision",
        {"decision": "approve", "effective_on": "2026-04-01", "version": body["version"]},
        content_type="application/json",
    )

    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["probation_ends_on"]) == ("in_force", "2026-10-01")


def test_a_case_without_the_member_heard_is_refused_with_its_code(client, cast):
    client.force_login(cast.users["branch_secretary"])

    response = client.post(
        "/api/v1/lifecycle/discipline-cases",
        {"person_id": cast.people["zhang"].pk, "sanction": "warning", "facts": "事实", "decided_on": "2026-03-10"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "DISCIPLINE_INVALID"
    assert DisciplineCase.objects.count() == 0


def test_the_appeal_and_its_answer(client, cast):
    row = case(cast, approve=True)
    client.force_login(cast.users["branch_secretary"])
    lodged = client.post(
        f"/api/v1/lifecycle/discipline-cases/{row.pk}/appeal",
        {"appeal": "不服", "lodged_on": timezone.localdate().isoformat(), "version": row.version},
        content_type="application/json",
    ).json()
    client.force_login(cast.users["committee_secretary"])

    answered = client.post(
        f"/api/v1/lifecycle/discipline-cases/{row.pk}/answer",
        {"result": "dismissed", "answer": "维持原处分", "version": lodged["version"]},
        content_type="application/json",
    )

    assert answered.status_code == 200
    assert (answered.json()["appeal_result"], answered.json()["status"]) == ("dismissed", "in_force")


def test_a_case_outside_the_scope_is_404(client, cast):
    row = case(cast)
    client.force_login(cast.users["outsider"])

    assert client.get(f"/api/v1/lifecycle/discipline-cases/{row.pk}").status_code == 404
    assert client.get("/api/v1/lifecycle/discipline-cases").json() == {"items": [], "count": 0}
