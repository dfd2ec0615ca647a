"""Approval by the committee above: within the year's quota, within 30 days of the general meeting."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tuanwu.admission import rules, selectors
from tuanwu.admission.models import AdmissionPolicy, Application, Quota
from tuanwu.admission.services import quotas
from tuanwu.admission.workflow import Step
from tuanwu.organizations.policy import policy_for

from .factories import DATES, YEAR, applicant, apply, codes, meeting, messages, state, take, walk

MET = DATES[Step.MEETING]  # 2026-06-10
LATE_31 = (
    "Approved 31 days after the general meeting; by this county's rule "
    "(青禾县委 2026 admission policy: days from general meeting to approval) within 30 days."
)


def voted(cast, n):
    apps = [walk(apply(applicant(cast.branch)), Step.INTRODUCERS) for _ in range(n)]
    meeting(cast.branch, dict.fromkeys(apps, (7, 1, 0)))
    return apps


def town_quota(cast, count):
    quotas.quota_set(actor=cast.users["county_admin"], organization=cast.town, year=YEAR, count=count)


def test_approves_up_to_the_quota(cast):
    town_quota(cast, 2)
    first, second = voted(cast, 2)

    take(Step.APPROVE, first, "committee_secretary")
    take(Step.APPROVE, second, "committee_secretary")

    assert set(Application.objects.values_list("status", flat=True)) == {Application.Status.ADMITTED}
    assert selectors.quota_left(first) == 0


def test_refuses_an_approval_beyond_the_quota(cast):
    town_quota(cast, 1)
    first, second = voted(cast, 2)
    take(Step.APPROVE, first, "committee_secretary")
    before = state(second)

    with pytest.raises(ValidationError) as refused:
        take(Step.APPROVE, second, "committee_secretary")

    assert codes(refused.value) == ["QUOTA_EXCEEDED"]
    assert messages(refused.value) == ["This year's admission quota is used up."]
    assert state(second) == before
    second.refresh_from_db()
    assert (second.status, second.development_number) == (Application.Status.VOTED, None)


def test_a_branch_quota_counts_before_the_town_s(cast):
    town_quota(cast, 5)
    quotas.quota_set(actor=cast.users["committee_secretary"], organization=cast.branch, year=YEAR, count=0)
    (app,) = voted(cast, 1)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.APPROVE, app, "committee_secretary")

    assert codes(refused.value) == ["QUOTA_EXCEEDED"]
    assert state(app) == before
    assert Quota.objects.count() == 2


def test_an_approval_30_days_after_the_meeting_raises_nothing(cast):
    (app,) = voted(cast, 1)

    take(Step.APPROVE, app, "committee_secretary", on=MET + datetime.timedelta(days=30))

    app.refresh_from_db()
    found = rules.check(
        app, policy_for(AdmissionPolicy, app.organization, YEAR), selectors.facts_for(app), upto=Step.APPROVE
    )
    assert found == []


def test_an_approval_31_days_after_the_meeting_is_taken_with_a_warning(cast):
    (app,) = voted(cast, 1)
    late = MET + datetime.timedelta(days=31)

    take(Step.APPROVE, app, "committee_secretary", on=late)

    app.refresh_from_db()
    assert (app.status, app.approved_on) == (Application.Status.ADMITTED, late)
    found = rules.check(
        app, policy_for(AdmissionPolicy, app.organization, YEAR), selectors.facts_for(app), upto=Step.APPROVE
    )
    assert found == [
        rules.Violation(
            "APPROVAL_LATE",
            LATE_31,
            Step.APPROVE,
            warning=True,
        )
    ]
    assert app.steps.get(step=Step.APPROVE).note.endswith(LATE_31)


def test_hours_corrected_down_after_the_candidacy_do_not_stop_the_approval(cast):
    """Each step is gated by its own rules; the audit reports facts that changed later."""
    (app,) = voted(cast, 1)
    from tuanwu.volunteering.models import HourEntry
    from tuanwu.volunteering.services import corrections as volunteering

    for entry in HourEntry.objects.filter(person=app.person):
        volunteering.entry_correct(actor=cast.users["county_admin"], entry=entry, hours=0, reason="重复登记")

    take(Step.APPROVE, app, "committee_secretary")

    app.refresh_from_db()
    assert app.status == Application.Status.ADMITTED
    found = rules.check(
        app, policy_for(AdmissionPolicy, app.organization, YEAR), selectors.facts_for(app), upto=Step.APPROVE
    )
    assert [v.code for v in found] == ["VOLUNTEER_HOURS_UNDER_20"]


def test_refuses_to_approve_an_applicant_who_moved_away(cast):
    (app,) = voted(cast, 1)
    app.person.organization = cast.branch2
    app.person.save()
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.APPROVE, app, "committee_secretary")

    assert codes(refused.value) == ["APPLICANT_MOVED"]
    assert state(app) == before


def test_a_quota_cannot_drop_below_the_admissions_already_approved(cast):
    (app,) = voted(cast, 1)
    quotas.quota_set(actor=cast.users["county_admin"], organization=cast.town, year=YEAR, count=2)
    take(Step.APPROVE, app, "committee_secretary")
    quota = Quota.objects.get(organization=cast.town, year=YEAR)

    with pytest.raises(ValidationError) as refused:
        quotas.quota_set(actor=cast.users["county_admin"], organization=cast.town, year=YEAR, count=0)

    assert refused.value.code == "QUOTA_BELOW_USED"
    assert refused.value.message_dict == {"count": ["1 admissions are already approved this year."]}
    assert Quota.objects.get(pk=quota.pk).count == 2
