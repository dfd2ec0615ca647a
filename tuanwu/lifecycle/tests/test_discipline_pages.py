"""The discipline pages: the branch decides, the committee above approves and answers the appeal; a branch of
another committee sees nothing."""

import datetime

import pytest
from django.utils import timezone

from tuanwu.lifecycle.models import DisciplineCase, Sanction
from tuanwu.people.models import Membership

from .factories import case


def test_the_branch_secretary_records_a_decision(client_as, cast):
    client = client_as("branch_secretary")

    response = client.post(
        "/lifecycle/discipline/new/",
        {
            "person": cast.people["zhang"].pk,
            "sanction": Sanction.SERIOUS_WARNING,
            "facts": "多次无故缺席组织生活",
            "decided_on": "2026-03-10",
            "statement": "本人接受批评",
        },
    )

    row = DisciplineCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/lifecycle/discipline/{row.pk}/"
    assert (row.sanction, row.status, row.organization) == ("serious_warning", "submitted", cast.branch)


def test_the_form_shows_the_right_to_be_heard_in_chinese(client_as, cast):
    client = client_as("branch_secretary")

    response = client.post(
        "/lifecycle/discipline/new/",
        {"person": cast.people["zhang"].pk, "sanction": "warning", "facts": "事实", "decided_on": "2026-03-10"},
    )

    assert response.status_code == 200
    assert "团员有陈述和申辩的权利：请登记本人陈述，或注明本人放弃陈述。" in response.content.decode()
    assert DisciplineCase.objects.count() == 0


def test_the_committee_approves_on_the_detail_page(client_as, cast):
    row = case(cast, sanction=Sanction.EXPULSION)
    client = client_as("committee_secretary")
    assert b"decide-form" in client.get(f"/lifecycle/discipline/{row.pk}/").content

    response = client.post(
        f"/lifecycle/discipline/{row.pk}/decide/",
        {"decision": "approve", "effective_on": timezone.localdate().isoformat(), "version": row.version},
    )

    assert response.status_code == 302
    assert DisciplineCase.objects.get(pk=row.pk).status == "in_force"
    assert Membership.objects.get(person=cast.people["zhang"]).status == "expulsion"


def test_the_branch_sees_no_approval_form(client_as, cast):
    row = case(cast)

    body = client_as("branch_secretary").get(f"/lifecycle/discipline/{row.pk}/").content

    assert b"decide-form" not in body
    assert b"appeal-form" in body


def test_a_stale_decision_is_refused_with_the_page(client_as, cast):
    row = case(cast)

    response = client_as("committee_secretary").post(
        f"/lifecycle/discipline/{row.pk}/decide/", {"decision": "approve", "version": row.version + 5}
    )

    assert response.status_code == 422
    assert DisciplineCase.objects.get(pk=row.pk).status == "submitted"


def test_the_appeal_is_recorded_then_answered(client_as, cast):
    row = case(cast, approve=True)
    client_as("branch_secretary").post(
        f"/lifecycle/discipline/{row.pk}/appeal/",
        {"appeal": "处分过重", "lodged_on": timezone.localdate().isoformat(), "version": row.version},
    )
    row.refresh_from_db()

    response = client_as("committee_secretary").post(
        f"/lifecycle/discipline/{row.pk}/answer/", {"result": "upheld", "answer": "撤销处分", "version": row.version}
    )

    row.refresh_from_db()
    assert response.status_code == 302
    assert (row.status, row.appeal, row.appeal_result) == ("revoked", "处分过重", "upheld")


@pytest.mark.parametrize("role", ["outsider", "cadre"])
def test_others_cannot_see_the_case(client_as, cast, role):
    row = case(cast)

    assert client_as(role).get(f"/lifecycle/discipline/{row.pk}/").status_code == 404
    assert row.person.name not in client_as(role).get("/lifecycle/discipline/").content.decode()


def test_the_list_shows_the_cases_in_scope(client_as, cast):
    case(cast, decided_on=datetime.date(2026, 3, 1))

    body = client_as("committee_secretary").get("/lifecycle/discipline/").content.decode()

    assert "张晓明" in body
    assert "警告" in body
