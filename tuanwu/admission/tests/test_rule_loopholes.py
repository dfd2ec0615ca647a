"""New actions cannot go around the rules: the meeting's entitled voters come from the roster; a new member's
ceremony is due within the county's time limit."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import member
from tuanwu.admission.models import Application, GeneralMeeting
from tuanwu.admission.services import meetings
from tuanwu.admission.workflow import Step

from .factories import DATES, account, applicant, apply, codes, state, walk


def branch_of_23(cast):
    """cast.branch with 23 members on the meeting date (zhang, li and 21 more), and one who joined after it."""
    for n in range(21):
        member(cast.branch, f"成员{n}")
    member(cast.branch, "后来者", joined=DATES[Step.MEETING] + datetime.timedelta(days=5))


def hold(app, *, voting_members, present, **extra):
    return meetings.meeting_hold(
        actor=account("branch_secretary"),
        branch=app.organization,
        held_on=DATES[Step.MEETING],
        voting_members=voting_members,
        present=present,
        chair="李华",
        recorder="张晓明",
        minutes="",
        votes={app.pk: (present, 0, 0)},
        **extra,
    )


def test_entitled_voters_other_than_the_roster_are_refused_without_a_reason(cast):
    branch_of_23(cast)
    app = walk(apply(applicant(cast.branch, name="孙悦")), Step.INTRODUCERS)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        hold(app, voting_members=6, present=4)

    assert codes(refused.value) == ["VOTING_MEMBERS_NOT_ROSTER"]
    assert "23" in " ".join(refused.value.messages)
    assert state(app) == before


def test_entitled_voters_are_the_roster_on_the_meeting_date(cast):
    branch_of_23(cast)
    app = walk(apply(applicant(cast.branch, name="孙悦")), Step.INTRODUCERS)

    held = hold(app, voting_members=23, present=13, voting_reason="")

    assert (held.voting_members, held.roster_voting, held.voting_reason) == (23, 23, "")


def test_a_corrected_count_keeps_its_reason_and_shows_it(cast, client):
    branch_of_23(cast)
    app = walk(apply(applicant(cast.branch, name="孙悦")), Step.INTRODUCERS)

    held = hold(app, voting_members=21, present=13, voting_reason="两名团员在外地务工，已转为流动团员")

    held.refresh_from_db()
    assert (held.voting_members, held.roster_voting, held.voting_reason) == (
        21,
        23,
        "两名团员在外地务工，已转为流动团员",
    )
    assert Application.objects.get(pk=app.pk).status == Application.Status.VOTED
    client.force_login(account("branch_secretary"))
    page = client.get(f"/admission/{app.pk}/").content.decode()
    assert "两名团员在外地务工，已转为流动团员" in page
    assert GeneralMeeting.objects.count() == 1
