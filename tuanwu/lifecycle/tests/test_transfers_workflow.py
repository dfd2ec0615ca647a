"""A transfer's handshake: started, approved by the sending side, accepted by the receiving side; rejected with
a reason; lapsed unanswered at its due day; out of and into the county."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.lifecycle.models import Transfer, TransferStep
from tuanwu.lifecycle.services.transfers import (
    transfer_accept,
    transfer_approve,
    transfer_receive,
    transfer_reject,
    transfer_request_in,
    transfer_start,
    transfers_lapse,
)
from tuanwu.people.models import Membership, MembershipEvent, Person

from .transfer_factories import DAY

pytestmark = pytest.mark.django_db
Status = Transfer.Status


def test_a_transfer_walks_through_both_sides(cast):
    zhang = cast.people["zhang"]
    users = cast.users

    started = transfer_start(actor=users["member"], person=zhang, destination=cast.school, reason="转学", today=DAY)
    approved = transfer_approve(
        actor=users["committee_secretary"], transfer=started, version=started.version, today=DAY + datetime.timedelta(2)
    )
    accepted = transfer_accept(
        actor=users["outsider"],
        transfer=approved,
        branch=cast.school_branch,
        version=approved.version,
        today=DAY + datetime.timedelta(5),
    )

    assert started.initiator == Transfer.Initiator.MEMBER
    assert started.due_on == DAY + datetime.timedelta(10)
    assert approved.status == Status.AWAITING_RECEIVER
    assert approved.due_on == DAY + datetime.timedelta(12)
    assert accepted.status == Status.COMPLETED
    assert accepted.branch == cast.school_branch
    assert accepted.closed_on == DAY + datetime.timedelta(5)
    assert list(accepted.steps.values_list("action", "organization__code")) == [
        ("start", "DH01"),
        ("approve", "DH01"),
        ("accept", "YZ"),
    ]
    zhang.refresh_from_db()
    membership = Membership.objects.get(person=zhang)
    assert (zhang.organization, membership.organization, membership.status) == (
        cast.school_branch,
        cast.school_branch,
        "normal",
    )
    assert list(MembershipEvent.objects.filter(membership=membership).values_list("transition", flat=True)) == [
        "transfer"
    ]


def test_a_transfer_rejected_with_a_reason_stays_where_it_was(cast):
    li = cast.people["li"]
    users = cast.users
    started = transfer_start(actor=users["branch_secretary"], person=li, destination=cast.branch2, today=DAY)
    approved = transfer_approve(actor=users["committee_secretary"], transfer=started, today=DAY)

    with pytest.raises(ValidationError) as refusal:
        transfer_reject(actor=users["committee_secretary"], transfer=approved, reason="  ", today=DAY)
    assert refusal.value.code == "REASON_REQUIRED"
    assert TransferStep.objects.filter(transfer=approved, action="reject").count() == 0

    rejected = transfer_reject(
        actor=users["committee_secretary"], transfer=approved, reason="本人未到西湾村居住", today=DAY
    )

    assert rejected.status == Status.REJECTED
    assert rejected.steps.get(action="reject").reason == "本人未到西湾村居住"
    assert rejected.steps.get(action="reject").organization == cast.branch2
    li.refresh_from_db()
    assert li.organization == cast.branch
    assert rejected.started_on == DAY and rejected.closed_on == DAY


def test_a_request_lapses_the_day_after_its_deadline(cast):
    started = transfer_start(
        actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2, today=DAY
    )
    deadline = DAY + datetime.timedelta(days=10)

    on_deadline = transfers_lapse(today=deadline)
    after = transfers_lapse(today=deadline + datetime.timedelta(days=1))

    assert on_deadline == []
    assert [t.pk for t in after] == [started.pk]
    started.refresh_from_db()
    assert started.status == Status.LAPSED
    assert started.steps.get(action="lapse").reason == f"东湖村团支部在{deadline.isoformat()}前未答复。"
    with pytest.raises(ValidationError) as late:
        transfer_approve(actor=cast.users["committee_secretary"], transfer=started, today=deadline)
    assert late.value.code == "TRANSITION_NOT_ALLOWED"


def test_a_stale_page_cannot_approve(cast):
    started = transfer_start(
        actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2, today=DAY
    )

    with pytest.raises(ValidationError) as stale:
        transfer_approve(actor=cast.users["committee_secretary"], transfer=started, version=started.version + 1)

    assert stale.value.code == "EDIT_CONFLICT"
    started.refresh_from_db()
    assert started.status == Status.AWAITING_SENDER
    assert started.steps.count() == 1


@pytest.mark.parametrize(
    ("name", "error"),
    [("branch_secretary", PermissionDenied), ("outsider", Http404), ("member", Http404)],
)
def test_only_the_committee_over_the_branch_approves(cast, name, error):
    started = transfer_start(
        actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.school, today=DAY
    )

    with pytest.raises(error):
        transfer_approve(actor=cast.users[name], transfer=started)

    started.refresh_from_db()
    assert started.status == Status.AWAITING_SENDER


def test_the_receiving_side_above_branch_level_must_assign_a_branch(cast):
    t = transfer_start(actor=cast.users["member"], person=cast.people["zhang"], destination=cast.school, today=DAY)
    t = transfer_approve(actor=cast.users["committee_secretary"], transfer=t)

    with pytest.raises(ValidationError) as missing:
        transfer_accept(actor=cast.users["outsider"], transfer=t)
    with pytest.raises(ValidationError) as outside:
        transfer_accept(actor=cast.users["county_admin"], transfer=t, branch=cast.branch2)

    assert missing.value.code == "TRANSFER_BRANCH_REQUIRED"
    assert outside.value.code == "TRANSFER_BRANCH_OUTSIDE"
    t.refresh_from_db()
    assert t.status == Status.AWAITING_RECEIVER


def test_the_receiving_side_asks_for_a_member_by_name_and_id_number(cast):
    wang = cast.people["wang"]

    with pytest.raises(ValidationError) as wrong:
        transfer_request_in(
            actor=cast.users["outsider"], destination=cast.school, name="王某", id_number=wang.id_number
        )
    asked = transfer_request_in(
        actor=cast.users["outsider"], destination=cast.school, name="王芳", id_number=wang.id_number, today=DAY
    )

    assert wrong.value.code == "TRANSFER_MEMBER_NOT_FOUND"
    assert (asked.initiator, asked.origin, asked.status) == ("receiver", cast.branch2, Status.AWAITING_SENDER)
    assert asked.steps.get().organization == cast.school


def test_a_member_cannot_have_two_transfers_at_once(cast):
    transfer_start(actor=cast.users["member"], person=cast.people["zhang"], destination=cast.school, today=DAY)

    with pytest.raises(ValidationError) as twice:
        transfer_start(actor=cast.users["member"], person=cast.people["zhang"], destination=cast.branch2, today=DAY)

    assert twice.value.code == "TRANSFER_ALREADY_OPEN"
    assert Transfer.objects.count() == 1


def test_a_transfer_out_of_the_county_keeps_the_member_as_transferred_out(cast):
    started = transfer_start(
        actor=cast.users["branch_secretary"],
        person=cast.people["zhang"],
        external_name="共青团杭州市西湖区委",
        reason="外出务工",
        today=DAY,
    )

    done = transfer_approve(actor=cast.users["committee_secretary"], transfer=started, today=DAY)

    assert (done.direction, done.status, done.letter_number) == ("out", Status.COMPLETED, f"2026{done.pk:06d}")
    membership = Membership.objects.get(person=cast.people["zhang"])
    assert membership.status == "transferred_out"
    assert membership.organization == cast.branch
    assert not membership.is_active


def test_a_transfer_in_from_outside_registers_the_member_on_acceptance(cast):
    from tests.factories import fresh_id

    number = fresh_id(datetime.date(2003, 4, 5))
    letter = transfer_receive(
        actor=cast.users["committee_secretary"],
        destination=cast.town,
        external_name="共青团合肥市蜀山区委",
        letter_number="皖团转字0012",
        name="孙悦",
        id_number=number,
        join_date=datetime.date(2018, 5, 4),
        today=DAY,
    )
    assert (letter.direction, letter.status, letter.person) == ("in", Status.AWAITING_RECEIVER, None)

    done = transfer_accept(actor=cast.users["committee_secretary"], transfer=letter, branch=cast.branch2, today=DAY)

    person = Person.objects.get(id_number=number)
    assert done.person == person and done.status == Status.COMPLETED
    assert (person.organization, person.membership.join_date) == (cast.branch2, datetime.date(2018, 5, 4))


def test_the_county_sets_the_days_to_answer(cast):
    from tuanwu.lifecycle.services.transfers import transfer_policy_set

    transfer_policy_set(actor=cast.users["county_admin"], county=cast.county, year=2026, answer_days=5)
    started = transfer_start(
        actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2, today=DAY
    )

    assert started.due_on == DAY + datetime.timedelta(days=5)
    with pytest.raises(ValidationError) as bad:
        transfer_policy_set(actor=cast.users["county_admin"], county=cast.county, year=2026, kept_max_months=18)
    assert bad.value.code == "TRANSFER_POLICY_INVALID"
    with pytest.raises(PermissionDenied):
        transfer_policy_set(actor=cast.users["auditor"], county=cast.county, year=2026, answer_days=30)
    with pytest.raises(Http404):
        transfer_policy_set(actor=cast.users["committee_secretary"], county=cast.county, year=2026, answer_days=30)
