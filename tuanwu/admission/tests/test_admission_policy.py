"""The county's yearly policy changes the rules' numbers; only the county administrator sets it."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.accounts.roles import APPROVE_ADMISSION
from tuanwu.admission.models import AdmissionPolicy, Application
from tuanwu.admission.workflow import Step
from tuanwu.organizations.policy import policy_set

from .factories import YEAR, applicant, apply, codes, meeting, messages, state, take, walk


def trained(cast, volunteer):
    return walk(apply(applicant(cast.branch, volunteer=volunteer)), Step.TRAINING)


def test_a_policy_of_10_volunteer_hours_lets_12_hours_pass(cast):
    app = trained(cast, 12)
    policy_set(
        AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        actor=cast.users["county_admin"],
        county=cast.county,
        year=YEAR,
        volunteer_hours=Decimal(10),
    )

    take(Step.CANDIDATE, app, "branch_secretary")

    app.refresh_from_db()
    assert app.status == Application.Status.CANDIDATE


def test_without_a_policy_12_volunteer_hours_fall_short(cast):
    app = trained(cast, 12)

    with pytest.raises(ValidationError) as refused:
        take(Step.CANDIDATE, app, "branch_secretary")

    assert codes(refused.value) == ["VOLUNTEER_HOURS_UNDER_20"]


def test_the_code_stays_stable_and_the_message_gives_the_policy_s_number(cast):
    app = trained(cast, "9.5")
    policy_set(
        AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        actor=cast.users["county_admin"],
        county=cast.county,
        year=YEAR,
        volunteer_hours=Decimal(10),
    )

    with pytest.raises(ValidationError) as refused:
        take(Step.CANDIDATE, app, "branch_secretary")

    assert codes(refused.value) == ["VOLUNTEER_HOURS_UNDER_20"]
    assert messages(refused.value) == ["Volunteer service 9.5 hours in 2026, fewer than 10 hours."]


def test_another_year_s_policy_does_not_apply(cast):
    app = trained(cast, 12)
    policy_set(
        AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        actor=cast.users["county_admin"],
        county=cast.county,
        year=YEAR - 1,
        volunteer_hours=Decimal(10),
    )

    with pytest.raises(ValidationError) as refused:
        take(Step.CANDIDATE, app, "branch_secretary")

    assert codes(refused.value) == ["VOLUNTEER_HOURS_UNDER_20"]


def test_a_majority_of_those_present_passes_when_the_policy_says_so(cast):
    app = walk(apply(applicant(cast.branch)), Step.INTRODUCERS)
    policy_set(
        AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        actor=cast.users["county_admin"],
        county=cast.county,
        year=YEAR,
        majority_base=AdmissionPolicy.MajorityBase.PRESENT,
    )

    meeting(cast.branch, {app: (5, 2, 1)}, voting_members=10, present=8)

    app.refresh_from_db()
    assert app.status == Application.Status.VOTED


def test_setting_the_policy_is_in_the_history_and_updates_by_version(cast):
    admin = cast.users["county_admin"]
    policy = policy_set(
        AdmissionPolicy, perm=APPROVE_ADMISSION, actor=admin, county=cast.county, year=YEAR, volunteer_hours=Decimal(10)
    )

    again = policy_set(
        AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        actor=admin,
        county=cast.county,
        year=YEAR,
        version=policy.version,
        lesson_hours=Decimal(6),
    )

    assert AdmissionPolicy.objects.get() == again
    assert (again.volunteer_hours, again.lesson_hours, again.interview_days) == (Decimal(10), Decimal(6), 30)
    assert LogEntry.objects.get_for_object(again).count() == 2


def test_refuses_a_stale_version(cast):
    admin = cast.users["county_admin"]
    policy = policy_set(
        AdmissionPolicy, perm=APPROVE_ADMISSION, actor=admin, county=cast.county, year=YEAR, volunteer_hours=Decimal(10)
    )
    policy_set(
        AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        actor=admin,
        county=cast.county,
        year=YEAR,
        version=policy.version,
        lesson_hours=Decimal(6),
    )
    before = state()

    with pytest.raises(ValidationError) as refused:
        policy_set(
            AdmissionPolicy,
            perm=APPROVE_ADMISSION,
            actor=admin,
            county=cast.county,
            year=YEAR,
            version=policy.version,
            lesson_hours=1,
        )

    assert codes(refused.value) == ["EDIT_CONFLICT"]
    assert state() == before


@pytest.mark.parametrize(
    ("actor", "refusal"),
    [
        ("committee_secretary", Http404),
        ("branch_secretary", Http404),
        ("outsider", Http404),
        ("cadre", Http404),
        ("auditor", PermissionDenied),
    ],
)
def test_only_the_county_admin_sets_the_policy(cast, actor, refusal):
    before = state()

    with pytest.raises(refusal):
        policy_set(
            AdmissionPolicy,
            perm=APPROVE_ADMISSION,
            actor=cast.users[actor],
            county=cast.county,
            year=YEAR,
            volunteer_hours=Decimal(10),
        )

    assert state() == before


def test_refuses_a_policy_for_a_committee_below_the_county(cast):
    before = state()

    with pytest.raises(ValidationError) as refused:
        policy_set(
            AdmissionPolicy,
            perm=APPROVE_ADMISSION,
            actor=cast.users["county_admin"],
            county=cast.town,
            year=YEAR,
            volunteer_hours=10,
        )

    assert codes(refused.value) == ["POLICY_NOT_COUNTY"]
    assert state() == before
