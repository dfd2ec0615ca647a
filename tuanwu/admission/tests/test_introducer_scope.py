"""Introducers named through the API are looked up within the actor's scope, like every id a write receives: an
id outside it answers exactly like an id that does not exist (same status, same message, no name), and nothing
is written."""

import pytest

from tests.factories import member
from tuanwu.admission.workflow import Step

from .factories import DATES, applicant, apply, state, walk

MISSING = 10**9


@pytest.fixture
def app(cast):
    return walk(apply(applicant(cast.branch)), Step.PREREVIEW)


def name_introducers(client, app, first, second):
    return client.post(
        f"/api/v1/admission/applications/{app.pk}/steps/introducers",
        {"on": DATES[Step.INTRODUCERS].isoformat(), "first_introducer": first, "second_introducer": second},
        content_type="application/json",
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("zhao", "qian"),  # both members of the school's branch
        ("zhang", "zhao"),  # one of the secretary's branch, one of the school
        ("zhang", "wang"),  # 西湾村: the same town, another branch
    ],
)
def test_introducers_outside_the_branch_secretarys_scope_answer_like_missing_ones(client_as, cast, app, first, second):
    cast.people["qian"] = member(cast.school_branch, "钱伟")
    client = client_as("branch_secretary")
    before = state(app)

    outside = name_introducers(client, app, cast.people[first].pk, cast.people[second].pk)
    missing = name_introducers(client, app, cast.people["zhang"].pk, MISSING)

    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
    for key in {first, second} - {"zhang"}:
        assert cast.people[key].name not in outside.content.decode()
    assert state(app) == before
    app.refresh_from_db()
    assert (app.introducer_1_id, app.introducer_2_id) == (None, None)


def test_whether_a_person_exists_outside_the_scope_is_not_told(client_as, cast, app):
    client = client_as("branch_secretary")

    existing = name_introducers(client, app, cast.people["zhao"].pk, cast.people["zhao"].pk)
    missing = name_introducers(client, app, MISSING, MISSING)

    assert existing.status_code == missing.status_code == 404
    assert existing.json() == missing.json()


def test_introducers_of_the_branch_are_named(client_as, cast, app):
    response = name_introducers(client_as("branch_secretary"), app, cast.people["zhang"].pk, cast.people["li"].pk)

    assert response.status_code == 200, response.content
    app.refresh_from_db()
    assert (app.introducer_1_id, app.introducer_2_id) == (cast.people["zhang"].pk, cast.people["li"].pk)


@pytest.mark.parametrize("outside", ["zhao", "wang"])
def test_the_service_refuses_an_introducer_outside_the_actors_scope(cast, app, outside):
    from django.http import Http404

    from tuanwu.admission.services import applications

    before = state(app)

    with pytest.raises(Http404):
        applications.application_introducers(
            actor=cast.users["branch_secretary"],
            application=app,
            first=cast.people["zhang"],
            second=cast.people[outside],
            on=DATES[Step.INTRODUCERS],
        )

    assert state(app) == before
