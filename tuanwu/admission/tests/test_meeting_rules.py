"""The general meeting: a quorum of more than half, more than half yes votes, one vote per candidate."""

import pytest
from django.core.exceptions import ValidationError

from tuanwu.admission.models import Application, ApplicationStep, GeneralMeeting
from tuanwu.admission.workflow import Step

from .factories import DATES, applicant, apply, codes, meeting, messages, state, walk


def candidate(cast, name):
    return walk(apply(applicant(cast.branch, name=name)), Step.INTRODUCERS)


def test_a_meeting_with_more_than_half_present_votes(cast):
    app = candidate(cast, "孙悦")

    held = meeting(cast.branch, {app: (6, 0, 0)}, voting_members=10, present=6)

    app.refresh_from_db()
    assert app.status == Application.Status.VOTED
    assert app.meeting == held
    assert (held.voting_members, held.present) == (10, 6)


def test_refuses_a_meeting_attended_by_exactly_half(cast):
    app = candidate(cast, "孙悦")
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        meeting(cast.branch, {app: (5, 0, 0)}, voting_members=10, present=5)

    assert codes(refused.value) == ["QUORUM_NOT_MET"]
    assert messages(refused.value) == ["孙悦: 5 of 10 members attended; more than half must."]
    assert state(app) == before


def test_a_candidate_without_a_majority_stays_a_candidate_while_the_others_pass(cast):
    failed, passed = candidate(cast, "孙悦"), candidate(cast, "周杰")

    held = meeting(cast.branch, {failed: (5, 2, 1), passed: (6, 1, 1)}, voting_members=10, present=8)

    failed.refresh_from_db()
    passed.refresh_from_db()
    assert failed.status == Application.Status.CANDIDATE
    assert (failed.meeting, failed.votes_yes) == (None, None)  # the result stays on the timeline only
    assert passed.status == Application.Status.VOTED
    assert passed.meeting == held
    row = ApplicationStep.objects.filter(application=failed).last()
    assert (row.step, row.on, row.sent_back, row.note) == (
        Step.MEETING,
        DATES[Step.MEETING],
        True,
        "5 yes votes of 10; more than half are needed.",
    )
    row = ApplicationStep.objects.filter(application=passed).last()
    assert (row.step, row.sent_back, row.note) == (Step.MEETING, False, "6 yes, 1 no, 1 abstentions.")


def test_a_candidate_who_failed_a_vote_can_pass_a_later_meeting(cast):
    app = candidate(cast, "孙悦")
    meeting(cast.branch, {app: (5, 2, 1)})
    later = DATES[Step.MEETING].replace(day=20)

    second = meeting(cast.branch, {app: (8, 0, 0)}, held_on=later)

    app.refresh_from_db()
    assert app.status == Application.Status.VOTED
    assert app.meeting == second
    assert (app.votes_yes, app.votes_no, app.votes_abstain) == (8, 0, 0)


def test_refuses_more_votes_than_members_present(cast):
    app = candidate(cast, "孙悦")
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        meeting(cast.branch, {app: (7, 2, 0)}, voting_members=10, present=8)

    assert codes(refused.value) == ["VOTES_EXCEED_PRESENT"]
    assert messages(refused.value) == ["孙悦: 9 votes recorded but only 8 members present."]
    assert state(app) == before


def test_one_refused_candidate_refuses_the_whole_meeting(cast):
    young = candidate(cast, "周杰")
    bad = walk(apply(applicant(cast.branch, name="孙悦")), Step.CANDIDATE)  # not prereviewed, no introducers
    before = state(young), state(bad)

    with pytest.raises(ValidationError) as refused:
        meeting(cast.branch, {young: (7, 0, 0), bad: (7, 0, 0)})

    assert codes(refused.value) == ["NOT_PREREVIEWED", "INTRODUCERS_NOT_2"]
    assert (state(young), state(bad)) == before
    assert GeneralMeeting.objects.count() == 0


def test_refuses_a_candidate_of_another_branch(cast):
    app = candidate(cast, "孙悦")
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        meeting(cast.branch2, {app: (7, 0, 0)}, actor="committee_secretary")

    assert codes(refused.value) == ["CANDIDATE_NOT_IN_BRANCH"]
    assert state(app) == before
