"""A member under discipline is not in good standing: the admission introducer check refuses them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tuanwu.admission.services import applications
from tuanwu.admission.tests.factories import DATES, applicant, apply, codes, messages, state, walk
from tuanwu.admission.workflow import Step
from tuanwu.lifecycle.models import Sanction

from .factories import case


def name(cast, app, first, second):
    return applications.application_introducers(
        actor=cast.users["branch_secretary"], application=app, first=first, second=second, on=DATES[Step.INTRODUCERS]
    )


@pytest.mark.parametrize(
    ("sanction", "approve"),
    [(Sanction.PROBATION, datetime.date(2026, 4, 1)), (Sanction.EXPULSION, False)],
    ids=["probation in force at the candidacy", "expulsion decided"],
)
def test_refuses_an_introducer_under_discipline(cast, sanction, approve):
    case(cast, cast.people["zhang"], sanction, approve=approve)
    app = walk(apply(applicant(cast.branch)), Step.PREREVIEW)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        name(cast, app, cast.people["zhang"], cast.people["li"])

    assert codes(refused.value) == ["INTRODUCER_UNDER_DISCIPLINE"]
    assert messages(refused.value) == [
        "入团介绍人正在受团的纪律处分（留团察看期内，或已决定开除团籍），团籍状态不正常：受处分的团员不能担任入团介绍人。"
    ]
    assert state(app) == before


def test_a_probation_approved_after_the_candidacy_does_not_count_back(cast):
    # The introducers were checked on the day of the candidacy (5-11); the probation is in force only later.
    case(cast, cast.people["zhang"], Sanction.PROBATION, approve=datetime.date(2026, 6, 1))
    app = walk(apply(applicant(cast.branch)), Step.PREREVIEW)

    name(cast, app, cast.people["zhang"], cast.people["li"])

    app.refresh_from_db()
    assert app.introducer_1 == cast.people["zhang"]


def test_an_introducer_with_a_warning_may_introduce(cast):
    case(cast, cast.people["zhang"], Sanction.WARNING, approve=True)
    app = walk(apply(applicant(cast.branch)), Step.PREREVIEW)

    name(cast, app, cast.people["zhang"], cast.people["li"])

    app.refresh_from_db()
    assert app.introducer_1 == cast.people["zhang"]
