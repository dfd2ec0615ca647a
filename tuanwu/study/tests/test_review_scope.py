"""Who reviews which learners: the review queue is for those who may review study imports for a subtree. A row
attributed to an organization belongs to the reviewers of that organization; a row nobody is matched to is the
county's. Nobody else sees the learners' names or their proposed matches, nor acts on them."""

import pytest
from django.http import Http404

from tests.factories import member
from tuanwu.study import selectors, services
from tuanwu.study.models import Participation

from .factories import by_name, line, run

Match = Participation.Match


@pytest.fixture
def rows(cast, admin, ep):
    """李华 ambiguous between two branches, 李芳 and 赵雷 nobody (the county's rows); 孙悦 waits for a person but
    is attributed to the school's branch."""
    member(cast.branch2, "李华", gender="female")
    run(admin, ep, [by_name(cast.people["zhang"]), line("", "李芳"), line("", "李华"), line("", "赵雷")])
    Participation.objects.create(
        episode=ep,
        row=99,
        name="孙悦",
        unit=cast.school_branch.name,
        organization=cast.school_branch,
        match=Match.UNMATCHED,
    )
    return {p.name: p for p in ep.participations.all()}


COUNTY_ROWS = ["李华", "李芳", "赵雷"]


def names(response) -> set[str]:
    """The learners (and a proposal's other branch) a page shows."""
    text = response.content.decode()
    return {n for n in ["李芳", "赵雷", "孙悦", "西湾村团支部"] if n in text}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("county_admin", [*COUNTY_ROWS, "孙悦"]),
        ("committee_secretary", []),
        ("branch_secretary", []),
        ("outsider", ["孙悦"]),  # the school's committee: the row attributed to its branch
    ],
)
def test_the_queue_holds_the_rows_of_the_reviewers_subtree(cast, ep, rows, who, expected):
    assert [p.name for p in selectors.review_rows(cast.users[who], ep)] == expected


@pytest.mark.parametrize("who", ["committee_secretary", "branch_secretary", "outsider"])
def test_the_review_page_shows_no_learner_outside_the_subtree(client_as, cast, ep, rows, who):
    response = client_as(who).get(f"/study/episodes/{ep.pk}/review/")

    assert response.status_code == 200
    shown = names(response)
    assert not shown & {"李芳", "赵雷", "西湾村团支部"}
    assert ("孙悦" in shown) == (who == "outsider")


def test_the_county_sees_its_rows_and_their_proposals(client_as, ep, rows):
    response = client_as("county_admin").get(f"/study/episodes/{ep.pk}/review/")

    assert names(response) >= {"李芳", "赵雷", "孙悦", "西湾村团支部"}


@pytest.mark.parametrize("who", ["cadre", "auditor", "member"])
def test_who_may_not_review_gets_no_queue(client_as, ep, rows, who):
    assert client_as(who).get(f"/study/episodes/{ep.pk}/review/").status_code == 404


@pytest.mark.parametrize("who", ["committee_secretary", "branch_secretary", "outsider"])
def test_a_county_row_is_not_assigned_below_the_county(client_as, cast, rows, who):
    row = rows["李芳"]
    person = cast.people["zhao" if who == "outsider" else "li"]

    response = client_as(who).post(f"/study/participations/{row.pk}/assign/", {"person": person.pk})

    assert response.status_code == 404
    row.refresh_from_db()
    assert (row.person_id, row.match) == (None, Match.UNMATCHED)
    with pytest.raises(Http404):
        services.participation_assign(actor=cast.users[who], participation=row, person=person)
    row.refresh_from_db()
    assert (row.person_id, row.match) == (None, Match.UNMATCHED)


def test_a_row_of_another_subtree_is_not_acted_on(client_as, cast, rows):
    row = rows["孙悦"]

    response = client_as("committee_secretary").post(
        f"/study/participations/{row.pk}/assign/", {"person": cast.people["li"].pk}
    )

    assert response.status_code == 404
    row.refresh_from_db()
    assert row.person_id is None


def test_the_reviewer_of_the_subtree_assigns_its_row(client_as, cast, rows):
    row = rows["孙悦"]

    response = client_as("outsider").post(f"/study/participations/{row.pk}/assign/", {"person": cast.people["zhao"].pk})

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.person_id, row.match) == (cast.people["zhao"].pk, Match.MANUAL)


def test_a_person_outside_the_reviewers_scope_answers_like_a_missing_one(client_as, cast, rows):
    row = rows["孙悦"]
    client = client_as("outsider")

    outside = client.post(f"/study/participations/{row.pk}/assign/", {"person": cast.people["wang"].pk})
    missing = client.post(f"/study/participations/{row.pk}/assign/", {"person": 10**9})

    assert outside.status_code == missing.status_code == 404
    assert cast.people["wang"].name not in outside.content.decode()
    row.refresh_from_db()
    assert row.person_id is None
