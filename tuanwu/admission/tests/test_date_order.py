"""Each step's date after the one before."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tuanwu.admission.workflow import Step

from .factories import DATES, applicant, apply, codes, messages, state, take, walk


@pytest.mark.parametrize(
    ("step", "on", "message"),
    [
        (Step.INTERVIEW, DATES[Step.APPLY], "The interview on 2026-01-05 is not after the application on 2026-01-05."),
        (
            Step.INTERVIEW,
            DATES[Step.APPLY] - datetime.timedelta(days=1),
            "The interview on 2026-01-04 is not after the application on 2026-01-05.",
        ),
        (Step.ACTIVIST, DATES[Step.INTERVIEW], "The activist on 2026-01-20 is not after the interview on 2026-01-20."),
        (
            Step.APPROVE,
            DATES[Step.MEETING],
            "The approval on 2026-06-10 is not after the general meeting on 2026-06-10.",
        ),
        (
            Step.MEETING,
            DATES[Step.CANDIDATE],
            "孙悦: The general meeting on 2026-05-11 is not after the candidacy on 2026-05-11.",
        ),
    ],
    ids=[
        "interview on the application's day",
        "interview before",
        "activist on the interview's day",
        "approval on the meeting's day",
        "meeting on the candidacy's day",
    ],
)
def test_refuses_a_step_not_after_the_one_before(cast, step, on, message):
    app = apply(applicant(cast.branch, name="孙悦"))
    steps = list(DATES)
    walk(app, steps[steps.index(step) - 1])
    actor = "committee_secretary" if step == Step.APPROVE else "branch_secretary"
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(step, app, actor, on=on)

    assert codes(refused.value) == ["DATES_NOT_INCREASING"]
    assert messages(refused.value) == [message]
    assert state(app) == before


def test_a_step_the_day_after_the_one_before_is_taken(cast):
    app = apply(applicant(cast.branch))

    take(Step.INTERVIEW, app, "branch_secretary", on=DATES[Step.APPLY] + datetime.timedelta(days=1))

    app.refresh_from_db()
    assert app.interviewed_on == datetime.date(2026, 1, 6)


def test_refuses_a_prereview_before_the_candidacy(cast):
    app = walk(apply(applicant(cast.branch)), Step.CANDIDATE)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.PREREVIEW, app, "committee_secretary", on=DATES[Step.CANDIDATE] - datetime.timedelta(days=1))

    assert codes(refused.value) == ["DATES_NOT_INCREASING"]
    assert refused.value.message_dict == {"on": ["The prereview cannot come before the candidacy."]}
    assert state(app) == before


def test_refuses_a_ceremony_before_the_approval(cast):
    app = walk(apply(applicant(cast.branch, name="孙悦")), Step.APPROVE)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.CEREMONY, app, "branch_secretary", on=DATES[Step.APPROVE] - datetime.timedelta(days=1))

    assert codes(refused.value) == ["DATES_NOT_INCREASING"]
    assert messages(refused.value) == ["The ceremony on 2026-06-19 is before 孙悦's approval."]
    assert state(app) == before


def test_refuses_a_date_in_the_future(cast, today):
    app = apply(applicant(cast.branch))
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.INTERVIEW, app, "branch_secretary", on=today + datetime.timedelta(days=1))

    assert codes(refused.value) == ["DATE_FUTURE"]
    assert state(app) == before
