"""Two different introducers, full members in good standing, each in at most 3 candidacies of a batch."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import member
from tuanwu.admission.models import Application
from tuanwu.admission.services import applications
from tuanwu.admission.workflow import Step

from .factories import DATES, applicant, apply, codes, meeting, messages, state, walk


def prereviewed(cast):
    return walk(apply(applicant(cast.branch)), Step.PREREVIEW)


def name(cast, app, first, second):
    return applications.application_introducers(
        actor=cast.users["branch_secretary"], application=app, first=first, second=second, on=DATES[Step.INTRODUCERS]
    )


def test_names_two_members_in_good_standing(cast):
    app = prereviewed(cast)

    name(cast, app, cast.people["zhang"], cast.people["li"])

    app.refresh_from_db()
    assert (app.introducer_1, app.introducer_2) == (cast.people["zhang"], cast.people["li"])
    assert app.status == Application.Status.CANDIDATE
    assert app.steps.filter(step=Step.INTRODUCERS).count() == 1


@pytest.mark.parametrize(
    ("second", "message"),
    [
        ("zhang", "Two different introducers are needed; 1 named."),
        (None, "Two different introducers are needed; 1 named."),
    ],
    ids=["the same member twice", "one member"],
)
def test_refuses_fewer_than_two_different_introducers(cast, second, message):
    app = prereviewed(cast)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        name(cast, app, cast.people["zhang"], cast.people[second] if second else None)

    assert codes(refused.value) == ["INTRODUCERS_NOT_2"]
    assert messages(refused.value) == [message]
    assert state(app) == before


@pytest.mark.parametrize("status", ["withdrawal_pending", "age_out_pending", "lapse", None])
def test_refuses_an_introducer_not_in_good_standing(cast, status):
    app = prereviewed(cast)
    # None: a young person who is not a member.
    introducer = cast.people["youth"] if status is None else member(cast.branch, "周婷", status=status)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        name(cast, app, cast.people["zhang"], introducer)

    assert codes(refused.value) == ["INTRODUCER_NOT_IN_GOOD_STANDING"]
    assert messages(refused.value) == ["An introducer is not a League member in good standing."]
    assert state(app) == before


def test_an_introducer_serves_three_candidacies_of_a_batch(cast):
    zhang, li = cast.people["zhang"], cast.people["li"]
    apps = [prereviewed(cast) for _ in range(3)]
    for app in apps:
        name(cast, app, zhang, li)

    meeting(cast.branch, dict.fromkeys(apps, (7, 1, 0)))

    assert set(Application.objects.filter(pk__in=[a.pk for a in apps]).values_list("status", flat=True)) == {
        Application.Status.VOTED
    }


def test_refuses_a_fourth_candidacy_for_the_same_introducer_in_a_batch(cast):
    zhang, li = cast.people["zhang"], cast.people["li"]
    for app in [prereviewed(cast) for _ in range(3)]:
        name(cast, app, zhang, li)
    fourth = prereviewed(cast)
    other = member(cast.branch, "周婷")
    before = state(fourth)

    with pytest.raises(ValidationError) as refused:
        name(cast, fourth, zhang, other)

    assert codes(refused.value) == ["INTRODUCER_OVER_3"]
    assert messages(refused.value) == [
        "An introducer introduces 4 candidates at this meeting; by this county's rule "
        "(青禾县委 2026 admission policy: candidacies per introducer and meeting) at most 3."
    ]
    assert state(fourth) == before
