"""Who takes which step: the branch its own steps, the committee above prereview and approval, nobody else."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.factories import PersonFactory, user
from tuanwu.accounts.roles import Role
from tuanwu.admission.models import Application
from tuanwu.admission.services import applications
from tuanwu.admission.workflow import ORDER, Step

from .factories import DATES, applicant, apply, state, take, walk

STEPS = [*ORDER[1:], Step.SEND_BACK, Step.CLOSE]


def ready_for(app, step):
    """app walked to just before step (send back and close: to a candidate)."""
    if step in (Step.SEND_BACK, Step.CLOSE):
        return walk(app, Step.CANDIDATE)
    if step != Step.INTERVIEW:
        walk(app, ORDER[ORDER.index(step) - 1])
    return app


@pytest.mark.parametrize("step", [Step.PREREVIEW, Step.APPROVE])
def test_the_branch_secretary_cannot_take_the_committee_s_steps(cast, step):
    app = ready_for(apply(applicant(cast.branch)), step)
    before = state(app)

    with pytest.raises(Http404):
        take(step, app, "branch_secretary")

    assert state(app) == before


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize(
    ("actor", "refusal"),
    [("outsider", Http404), ("cadre", Http404), ("member", Http404), ("auditor", PermissionDenied)],
)
def test_nobody_else_takes_a_step(cast, step, actor, refusal):
    app = ready_for(apply(applicant(cast.branch)), step)
    before = state(app)

    with pytest.raises(refusal):
        take(step, app, actor)

    assert state(app) == before


@pytest.mark.parametrize(
    ("actor", "refusal"),
    [("outsider", Http404), ("cadre", Http404), ("member", Http404), ("auditor", PermissionDenied)],
)
def test_nobody_else_records_an_application(cast, actor, refusal):
    person = applicant(cast.branch)
    before = state()

    with pytest.raises(refusal):
        apply(person, actor=actor)

    assert state() == before
    assert not Application.objects.exists()


def test_a_cadre_of_the_school_cannot_take_its_branch_s_steps(cast):
    app = apply(applicant(cast.school_branch), actor="outsider")  # the school's committee secretary
    before = state(app)

    with pytest.raises(PermissionDenied):
        take(Step.INTERVIEW, app, "cadre")

    assert state(app) == before


def test_the_committee_above_takes_the_branch_s_steps_too(cast):
    app = apply(applicant(cast.branch), actor="committee_secretary")

    walk(app, Step.ARCHIVE, branch_actor="committee_secretary")

    assert app.status == Application.Status.ADMITTED
    assert set(app.steps.values_list("actor__username", flat=True)) == {"committee_secretary"}


def test_a_branch_secretary_of_another_branch_cannot_take_a_step(cast):
    other = user("secretary_2", Role.BRANCH_SECRETARY, cast.branch2, person=PersonFactory(organization=cast.branch2))
    app = apply(applicant(cast.branch))
    before = state(app)

    with pytest.raises(Http404):
        applications.application_interview(actor=other, application=app, on=DATES[Step.INTERVIEW])

    assert state(app) == before
