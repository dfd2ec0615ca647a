"""The exits API: the age-out list and request, lapse candidates, proposals and decisions, restoration."""

from django.utils import timezone

from tests.factories import member
from tuanwu.core.dates import add_months, add_years
from tuanwu.people.models import Membership


def test_the_age_out_list_and_request(client, cast):
    old = member(cast.branch, "钱进", birth_date=add_months(add_years(timezone.localdate(), -28), -1))
    client.force_login(cast.users["branch_secretary"])

    rows = client.get("/api/v1/lifecycle/age-outs").json()["items"]
    assert [(r["person_name"], r["turns_28_on"], r["due"]) for r in rows] == [
        ("钱进", add_years(old.birth_date, 28).isoformat(), True)
    ]

    response = client.post("/api/v1/lifecycle/age-outs", {"person_id": old.pk}, content_type="application/json")

    assert response.status_code == 201
    assert response.json()["status"] == "age_out_pending"


def test_lapse_candidates_proposal_and_decision(client, cast):
    client.force_login(cast.users["branch_secretary"])
    names = [r["person_name"] for r in client.get("/api/v1/lifecycle/lapse-candidates").json()["items"]]
    assert names == ["张晓明", "李华"]

    proposal = client.post(
        "/api/v1/lifecycle/lapse-proposals", {"person_id": cast.people["zhang"].pk}, content_type="application/json"
    ).json()
    long_ago = add_months(timezone.localdate(), -8).isoformat()
    decided = client.post(
        f"/api/v1/lifecycle/lapse-proposals/{proposal['id']}/decision",
        {
            "meeting_on": timezone.localdate().isoformat(),
            "last_dues_on": long_ago,
            "last_org_life_on": long_ago,
            "version": proposal["version"],
        },
        content_type="application/json",
    )

    assert decided.status_code == 200
    assert decided.json()["status"] == "exit_requested"
    assert Membership.objects.get(person=cast.people["zhang"]).status == "lapse_pending"


def test_the_committee_restores_a_lapsed_member(client, cast):
    Membership.objects.filter(person=cast.people["zhang"]).update(status="lapse")
    client.force_login(cast.users["committee_secretary"])

    response = client.post(
        "/api/v1/lifecycle/restorations",
        {"person_id": cast.people["zhang"].pk, "reason": "本人回到组织"},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response.json()["status"] == "normal"


def test_the_branch_cannot_restore(client, cast):
    Membership.objects.filter(person=cast.people["zhang"]).update(status="lapse")
    client.force_login(cast.users["branch_secretary"])

    response = client.post(
        "/api/v1/lifecycle/restorations",
        {"person_id": cast.people["zhang"].pk, "reason": "本人回到组织"},
        content_type="application/json",
    )

    assert response.status_code == 404
    assert Membership.objects.get(person=cast.people["zhang"]).status == "lapse"
