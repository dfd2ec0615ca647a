"""Becoming a candidate: 3 months as activist, 8 lesson hours, a political assessment of good or better."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tuanwu.admission.models import Application
from tuanwu.admission.services import applications
from tuanwu.admission.workflow import Step

from .factories import DATES, applicant, apply, codes, messages, state, walk

ACTIVIST = DATES[Step.ACTIVIST]  # 2026-02-10
THREE_MONTHS_ON = datetime.date(2026, 5, 10)


def propose(cast, app, on=THREE_MONTHS_ON):
    return applications.application_candidate(actor=cast.users["branch_secretary"], application=app, on=on)


@pytest.mark.parametrize(
    ("training", "on"),
    [
        ({}, THREE_MONTHS_ON),
        ({"lesson_hours": 8}, DATES[Step.CANDIDATE]),
        ({"assessment": "good"}, DATES[Step.CANDIDATE]),
        ({"assessment": "excellent", "lesson_hours": 12}, DATES[Step.CANDIDATE]),
    ],
    ids=["exactly 3 months", "8 lesson hours", "assessed good", "assessed excellent"],
)
def test_proposes_a_candidate_at_the_boundary(cast, training, on):
    app = walk(apply(applicant(cast.branch)), Step.TRAINING, **training)

    propose(cast, app, on)

    app.refresh_from_db()
    assert app.status == Application.Status.CANDIDATE
    assert app.candidate_on == on
    assert app.steps.filter(step=Step.CANDIDATE, on=on).count() == 1


@pytest.mark.parametrize(
    ("training", "on", "code", "message"),
    [
        (
            {},
            THREE_MONTHS_ON - datetime.timedelta(days=1),
            "ACTIVIST_UNDER_3_MONTHS",
            "Activist since 2026-02-10: 3 months are needed, until 2026-05-10.",
        ),
        (
            {"lesson_hours": "7.5"},
            DATES[Step.CANDIDATE],
            "LESSON_HOURS_UNDER_8",
            "7.5 League lesson hours recorded (attended 0, paper records 7.5); 8 needed.",
        ),
        (
            {"assessment": "fair"},
            DATES[Step.CANDIDATE],
            "ASSESSMENT_BELOW_GOOD",
            "Political assessment “Fair”; at least “Good” is required.",
        ),
        (
            {"assessment": ""},
            DATES[Step.CANDIDATE],
            "ASSESSMENT_MISSING",
            "No political assessment result is recorded.",
        ),
    ],
    ids=["a day short of 3 months", "7.5 lesson hours", "assessed fair", "not assessed"],
)
def test_refuses_a_candidate_past_the_boundary(cast, training, on, code, message):
    app = walk(apply(applicant(cast.branch)), Step.TRAINING, **training)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        propose(cast, app, on)

    assert codes(refused.value) == [code]
    assert messages(refused.value) == [message]
    assert state(app) == before


def test_an_activist_without_training_is_refused_for_every_missing_prerequisite(cast):
    app = walk(apply(applicant(cast.branch)), Step.ACTIVIST)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        propose(cast, app, DATES[Step.CANDIDATE])

    assert codes(refused.value) == ["LESSON_HOURS_UNDER_8", "ASSESSMENT_MISSING"]
    assert state(app) == before
