"""The interview within 30 days of the application: a late one is a warning, never a refusal."""

import datetime

from tuanwu.admission import rules, selectors
from tuanwu.admission.models import AdmissionPolicy, Application
from tuanwu.admission.services import applications
from tuanwu.admission.workflow import Step
from tuanwu.organizations.policy import policy_for

from .factories import DATES, YEAR, applicant, apply, walk

APPLIED = DATES[Step.APPLY]  # 2026-01-05


def found(app, upto=Step.INTERVIEW):
    app.refresh_from_db()
    return rules.check(app, policy_for(AdmissionPolicy, app.organization, YEAR), selectors.facts_for(app), upto=upto)


def test_an_interview_30_days_after_the_application_raises_nothing(cast):
    app = apply(applicant(cast.branch), on=APPLIED)

    applications.application_interview(
        actor=cast.users["branch_secretary"], application=app, on=APPLIED + datetime.timedelta(days=30)
    )

    assert found(app) == []
    assert app.status == Application.Status.INTERVIEWED


def test_an_interview_31_days_after_the_application_is_taken_with_a_warning(cast):
    app = apply(applicant(cast.branch), on=APPLIED)
    late = APPLIED + datetime.timedelta(days=31)

    applications.application_interview(actor=cast.users["branch_secretary"], application=app, on=late)

    assert found(app) == [
        rules.Violation(
            "INTERVIEW_LATE",
            "Interviewed 31 days after applying; the rule is within 30 days.",
            Step.INTERVIEW,
            warning=True,
        )
    ]
    assert rules.blocking(found(app)) == []
    assert app.status == Application.Status.INTERVIEWED
    assert app.interviewed_on == late
    assert list(app.steps.values_list("step", "on")) == [(Step.APPLY, APPLIED), (Step.INTERVIEW, late)]


def test_a_late_interview_does_not_hold_up_later_steps(cast):
    app = apply(applicant(cast.branch), on=APPLIED)

    walk(app, Step.CANDIDATE, on={Step.INTERVIEW: APPLIED + datetime.timedelta(days=31)})

    assert app.status == Application.Status.CANDIDATE
    assert [v.code for v in found(app, Step.CANDIDATE)] == ["INTERVIEW_LATE"]
