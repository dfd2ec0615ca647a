"""20 certified volunteer hours in the calendar year of the candidacy, read from the hour ledger."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tuanwu.admission.models import Application
from tuanwu.admission.services import applications
from tuanwu.admission.workflow import Step

from .factories import DATES, YEAR, applicant, apply, codes, hours, messages, state, walk


def trained(cast, ledger):
    """An activist ready for candidacy but for the volunteer hours, whose ledger holds `ledger`:
    [(year, hours, certified)]."""
    person = applicant(cast.branch, volunteer=0)
    for n, (year, amount, certified) in enumerate(ledger):
        hours(person, year, amount, certified=certified, on=datetime.date(year, 3, 1 + n))
    return walk(apply(person), Step.TRAINING)


def propose(cast, app):
    return applications.application_candidate(
        actor=cast.users["branch_secretary"], application=app, on=DATES[Step.CANDIDATE]
    )


@pytest.mark.parametrize(
    "ledger",
    [
        [(YEAR, 20, True)],
        [(YEAR, "12.5", True), (YEAR, "7.5", True)],
        [(YEAR, 20, True), (YEAR, 3, False), (YEAR - 1, 40, True)],
    ],
    ids=["20 hours", "12.5 + 7.5 hours", "20 hours besides others"],
)
def test_proposes_a_candidate_with_20_certified_hours_in_the_year(cast, ledger):
    app = trained(cast, ledger)

    propose(cast, app)

    app.refresh_from_db()
    assert app.status == Application.Status.CANDIDATE


@pytest.mark.parametrize(
    "ledger",
    [
        [(YEAR, "19.5", True)],
        [(YEAR, "19.5", True), (YEAR, 4, False)],
        [(YEAR, "19.5", True), (YEAR - 1, 30, True)],
    ],
    ids=["19.5 hours", "uncertified hours do not count", "last year's hours do not count"],
)
def test_refuses_a_candidate_with_fewer_than_20_certified_hours_in_the_year(cast, ledger):
    app = trained(cast, ledger)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        propose(cast, app)

    assert codes(refused.value) == ["VOLUNTEER_HOURS_UNDER_20"]
    assert messages(refused.value) == ["Volunteer service 19.5 hours in 2026, fewer than 20 hours."]
    assert state(app) == before
