"""The committee above prereviews the candidate and issues a numbered admission form before anything else."""

import pytest
from django.core.exceptions import ValidationError

from tuanwu.admission.models import Application
from tuanwu.admission.workflow import Step

from .factories import DATES, applicant, apply, codes, messages, state, take, walk


def test_the_prereview_records_the_form_number(cast):
    app = walk(apply(applicant(cast.branch)), Step.CANDIDATE)

    take(Step.PREREVIEW, app, "committee_secretary", form_number=" QH-2026-017 ")

    app.refresh_from_db()
    assert (app.status, app.prereviewed_on, app.form_number) == (
        Application.Status.CANDIDATE,
        DATES[Step.PREREVIEW],
        "QH-2026-017",
    )


def test_refuses_introducers_before_the_prereview(cast):
    app = walk(apply(applicant(cast.branch)), Step.CANDIDATE)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.INTRODUCERS, app, "branch_secretary")

    assert codes(refused.value) == ["NOT_PREREVIEWED"]
    assert messages(refused.value) == [
        "The committee above has not prereviewed the candidate and issued a numbered admission form."
    ]
    assert state(app) == before


@pytest.mark.parametrize(
    ("form_number", "code", "message"),
    [
        ("  ", "FORM_NUMBER_REQUIRED", "Enter the admission form's number."),
        ("QH-2026-001", "FORM_NUMBER_USED", "This admission form number is already used."),
    ],
    ids=["blank", "used"],
)
def test_refuses_a_prereview_without_a_new_form_number(cast, form_number, code, message):
    walk(apply(applicant(cast.branch)), Step.PREREVIEW, form_number="QH-2026-001")
    app = walk(apply(applicant(cast.branch)), Step.CANDIDATE)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.PREREVIEW, app, "committee_secretary", form_number=form_number)

    assert codes(refused.value) == [code]
    assert refused.value.message_dict == {"form_number": [message]}
    assert state(app) == before
