"""自行脱团: six consecutive months without organizational life and without dues make a lapse candidate; the
proposal leads, after the branch meeting, to the membership's lapse exit request; a lapsed member may be restored."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import member
from tuanwu.lifecycle.models import LapseProposal
from tuanwu.lifecycle.selectors.exits import lapse_candidates, lapse_window
from tuanwu.lifecycle.services import exits as services
from tuanwu.meetings.models import Kind
from tuanwu.meetings.tests.factories import record
from tuanwu.people.models import Membership

AS_OF = datetime.date(2026, 7, 15)  # the window: January to June 2026


def names(rows):
    return sorted(r.membership.person.name for r in rows)


def no_dues(person_ids, first_month, last_month):
    return {}


def test_the_window_is_the_six_complete_months_before(cast):
    assert lapse_window(AS_OF) == (datetime.date(2026, 1, 1), datetime.date(2026, 6, 1))


def test_proposes_the_member_without_dues_and_attendance_not_the_one_who_attended_in_month_four(cast):
    # 张晓明 attended nothing for six months and paid no dues; 李华 attended a theme day in April, month four.
    record(cast.users["branch_secretary"], cast.branch, held_on=datetime.date(2025, 12, 5))
    record(cast.users["branch_secretary"], cast.branch, held_on=datetime.date(2026, 4, 8), people=[cast.people["li"]])

    rows = lapse_candidates(cast.branch, AS_OF, paid_months=no_dues)

    assert names(rows) == ["张晓明"]
    assert rows[0].last_attended_on == datetime.date(2025, 12, 5)
    assert rows[0].dues_checked is True


def test_a_month_of_dues_keeps_the_member_off_the_list(cast):
    zhang = cast.people["zhang"]
    record(cast.users["branch_secretary"], cast.branch, held_on=datetime.date(2026, 4, 8), people=[cast.people["li"]])

    def paid(person_ids, first_month, last_month):
        assert (first_month, last_month) == (datetime.date(2026, 1, 1), datetime.date(2026, 6, 1))
        return {zhang.pk: {datetime.date(2026, 3, 1)}}

    assert names(lapse_candidates(cast.branch, AS_OF, paid_months=paid)) == []


def test_without_dues_records_only_attendance_counts(cast):
    assert names(lapse_candidates(cast.branch, AS_OF)) == ["张晓明", "李华"]


def test_by_default_the_dues_ledger_decides_the_dues_half(cast):
    """A payment recorded in TuanWu for March keeps 李华 off the list without anything passed in."""
    from tuanwu.lifecycle.services.dues import payment_record

    march = datetime.date(2026, 3, 1)
    payment_record(
        actor=cast.users["county_admin"], person=cast.people["li"], amount_fen=300, paid_on=march, first_month=march
    )

    assert names(lapse_candidates(cast.branch, AS_OF)) == ["张晓明"]


def test_party_meetings_and_absences_are_not_organizational_life(cast):
    record(cast.users["branch_secretary"], cast.branch, held_on=datetime.date(2026, 4, 8), absent=("张晓明",))

    assert names(lapse_candidates(cast.branch, AS_OF)) == ["张晓明"]


def test_a_member_admitted_within_the_window_is_not_a_candidate(cast):
    member(cast.branch, "孙悦", joined=datetime.date(2026, 2, 1))

    assert "孙悦" not in names(lapse_candidates(cast.branch, AS_OF))


def test_a_committee_sees_the_candidates_of_its_branches(cast):
    record(cast.users["branch_secretary"], cast.branch, Kind.THEME_DAY, held_on=datetime.date(2026, 5, 8))

    assert names(lapse_candidates(cast.town, AS_OF)) == ["王芳"]


def test_the_proposal_leads_to_the_lapse_exit_request_after_the_branch_meeting(cast):
    zhang = cast.people["zhang"]
    proposal = services.lapse_propose(actor=cast.users["branch_secretary"], person=zhang, as_of=AS_OF)

    services.lapse_proposal_decide(
        actor=cast.users["branch_secretary"],
        proposal=proposal,
        meeting_on=datetime.date(2026, 7, 20),
        last_dues_on=datetime.date(2025, 12, 20),
        last_org_life_on=datetime.date(2025, 12, 5),
    )

    proposal.refresh_from_db()
    assert (proposal.status, proposal.meeting_on) == (LapseProposal.Status.EXIT_REQUESTED, datetime.date(2026, 7, 20))
    membership = Membership.objects.get(person=zhang)
    assert membership.status == "lapse_pending"
    event = membership.events.get()
    assert (event.last_dues_on, event.last_org_life_on) == (datetime.date(2025, 12, 20), datetime.date(2025, 12, 5))
    assert "2026-07-20" in event.reason


def test_refuses_to_propose_a_member_who_attended(cast):
    record(cast.users["branch_secretary"], cast.branch, held_on=datetime.date(2026, 4, 8), people=[cast.people["li"]])

    with pytest.raises(ValidationError) as refused:
        services.lapse_propose(actor=cast.users["branch_secretary"], person=cast.people["li"], as_of=AS_OF)

    assert refused.value.code == "LAPSE_NOT_DUE"
    assert LapseProposal.objects.count() == 0


def test_refuses_a_second_open_proposal(cast):
    services.lapse_propose(actor=cast.users["branch_secretary"], person=cast.people["zhang"], as_of=AS_OF)

    with pytest.raises(ValidationError) as refused:
        services.lapse_propose(actor=cast.users["branch_secretary"], person=cast.people["zhang"], as_of=AS_OF)

    assert refused.value.code == "LAPSE_PROPOSED"
    assert LapseProposal.objects.count() == 1


def test_a_lapsed_member_under_28_is_restored_by_the_committee(cast):
    zhang = cast.people["zhang"]
    Membership.objects.filter(person=zhang).update(status="lapse")

    services.lapse_restore(actor=cast.users["committee_secretary"], person=zhang, reason="本人返回组织，补交团费")

    membership = Membership.objects.get(person=zhang)
    assert membership.status == "normal"
    assert membership.events.get().transition == "restore"


@pytest.mark.parametrize("status", ["age_out", "withdrawal", "normal"])
def test_only_a_lapse_is_restored_here(cast, status):
    zhang = cast.people["zhang"]
    Membership.objects.filter(person=zhang).update(status=status)

    with pytest.raises(ValidationError) as refused:
        services.lapse_restore(actor=cast.users["committee_secretary"], person=zhang, reason="理由")

    assert refused.value.code == "NOT_LAPSED"
    assert Membership.objects.get(person=zhang).status == status
