"""Corrections: a new reasoned entry holding the difference; volunteers ask, organizers answer."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.volunteering.models import CorrectionRequest, HourEntry
from tuanwu.volunteering.selectors import entry_chain, person_hours
from tuanwu.volunteering.services.corrections import correction_request_answer, correction_request_create, entry_correct

from .factories import at, served, state, volunteer


def test_a_correction_references_the_original_carries_the_reason_and_holds_the_difference(cast):
    secretary = cast.users["committee_secretary"]
    original = served(cast, "zhang", at(0, 9), at(0, 12))

    correction = entry_correct(actor=secretary, entry=original, hours=Decimal("2.5"), reason="提前半小时离开")

    assert (correction.corrects, correction.hours, correction.reason) == (original, Decimal("-0.50"), "提前半小时离开")
    assert (correction.source, correction.status, correction.certified_by) == (
        HourEntry.Source.CORRECTION,
        HourEntry.Status.CERTIFIED,
        secretary,
    )
    assert (correction.person_id, correction.organizer_id, correction.service_date) == (
        original.person_id,
        original.organizer_id,
        original.service_date,
    )
    original.refresh_from_db()
    assert (original.hours, original.status) == (Decimal("3"), HourEntry.Status.CERTIFIED)
    assert person_hours(cast.people["zhang"].pk) == Decimal("2.5")


def test_correcting_a_correction_corrects_the_original_to_the_new_total(cast):
    secretary = cast.users["committee_secretary"]
    original = served(cast, "zhang", at(0, 9), at(0, 12))
    first = entry_correct(actor=secretary, entry=original, hours=Decimal("2"), reason="提前离开")

    second = entry_correct(actor=secretary, entry=first, hours=Decimal("3.5"), reason="补记整理物资半小时")

    assert (second.corrects, second.hours) == (original, Decimal("1.50"))
    assert entry_chain(first) == [original, first, second]
    total = person_hours(cast.people["zhang"].pk)
    assert total == Decimal("3.5")
    assert total == sum(HourEntry.objects.filter(person=cast.people["zhang"]).values_list("hours", flat=True))


@pytest.mark.parametrize("reason", ["", "  "])
def test_a_correction_without_a_reason_is_refused(cast, reason):
    original = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        entry_correct(actor=cast.users["committee_secretary"], entry=original, hours=Decimal("2"), reason=reason)

    assert error.value.code == "REASON_REQUIRED"
    assert state() == before


def test_a_correction_to_the_same_hours_is_refused(cast):
    original = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        entry_correct(actor=cast.users["committee_secretary"], entry=original, hours=Decimal("3"), reason="核对")

    assert error.value.code == "NO_CHANGE"
    assert state() == before


def test_correcting_negative_hours_is_refused(cast):
    original = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        entry_correct(actor=cast.users["committee_secretary"], entry=original, hours=Decimal("-1"), reason="录错")

    assert error.value.code == "HOURS_NEGATIVE"
    assert state() == before


def test_correcting_an_uncertified_entry_is_refused(cast):
    original = served(cast, "zhang", at(0, 9), at(0, 12), certify=False)
    before = state()

    with pytest.raises(ValidationError) as error:
        entry_correct(actor=cast.users["committee_secretary"], entry=original, hours=Decimal("2"), reason="录错")

    assert error.value.code == "ENTRY_NOT_CERTIFIED"
    assert state() == before


def test_correcting_times_outside_the_activity_is_refused(cast):
    original = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        entry_correct(
            actor=cast.users["committee_secretary"],
            entry=original,
            hours=Decimal("4"),
            reason="实际从八点开始",
            start=at(0, 8),
            end=at(0, 12),
        )

    assert error.value.code == "HOURS_OUTSIDE_WINDOW"
    assert state() == before


@pytest.mark.parametrize(("name", "refusal"), [("outsider", Http404), ("auditor", PermissionDenied)])
def test_only_the_organizers_managers_may_correct(cast, name, refusal):
    original = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(refusal):
        entry_correct(actor=cast.users[name], entry=original, hours=Decimal("2"), reason="录错")

    assert state() == before


# Requests


def test_the_entrys_person_may_request_a_correction(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))

    request = correction_request_create(
        actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="活动后还帮忙收拾了一小时"
    )

    assert (request.entry, request.person, request.organization, request.hours, request.status) == (
        entry,
        cast.people["zhang"],
        cast.town,
        Decimal("4"),
        CorrectionRequest.Status.PENDING,
    )


def test_a_request_on_a_correction_is_filed_against_the_original(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    correction = entry_correct(
        actor=cast.users["committee_secretary"], entry=entry, hours=Decimal("2"), reason="提前离开"
    )

    request = correction_request_create(
        actor=cast.users["member"], entry=correction, hours=Decimal("3"), reason="并没有提前离开"
    )

    assert request.entry == entry


def test_someone_else_cannot_request_a_correction_of_my_entry(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(PermissionDenied):
        correction_request_create(
            actor=cast.users["branch_secretary"], entry=entry, hours=Decimal("4"), reason="替他申请"
        )

    assert state() == before


def test_a_second_pending_request_for_the_same_entry_is_refused(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="多干了一小时")
    before = state()

    with pytest.raises(ValidationError) as error:
        correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("5"), reason="再改")

    assert error.value.code == "REQUEST_PENDING"
    assert state() == before


def test_a_new_request_is_accepted_once_the_first_is_answered(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    first = correction_request_create(
        actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="多干了一小时"
    )
    correction_request_answer(
        actor=cast.users["committee_secretary"], request=first, accept=False, answer="签到记录显示十二点离开"
    )

    second = correction_request_create(
        actor=cast.users["member"], entry=entry, hours=Decimal("3.5"), reason="至少多了半小时"
    )

    assert second.status == CorrectionRequest.Status.PENDING


def test_a_request_without_a_reason_is_refused(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason=" ")

    assert error.value.code == "REASON_REQUIRED"
    assert state() == before


def test_a_request_on_uncertified_hours_is_refused(cast):
    # Such a request could never be accepted: entry_correct refuses uncertified entries.
    entry = served(cast, "zhang", at(0, 9), at(0, 12), certify=False)
    before = state()

    with pytest.raises(ValidationError) as error:
        correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="多一小时")

    assert error.value.code == "ENTRY_NOT_CERTIFIED"
    assert state() == before


def test_accepting_a_request_writes_the_correction_and_changes_the_total(cast):
    secretary = cast.users["committee_secretary"]
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    request = correction_request_create(
        actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="活动后还帮忙收拾了一小时"
    )

    answered = correction_request_answer(actor=secretary, request=request, accept=True, answer="")

    assert (answered.status, answered.answered_by) == (CorrectionRequest.Status.ACCEPTED, secretary)
    correction = answered.correction
    assert (correction.corrects, correction.hours, correction.reason) == (
        entry,
        Decimal("1.00"),
        "活动后还帮忙收拾了一小时",
    )
    assert person_hours(cast.people["zhang"].pk) == Decimal("4")


def test_accepting_with_an_answer_uses_it_as_the_corrections_reason(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    request = correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("2"), reason="早退")

    answered = correction_request_answer(
        actor=cast.users["committee_secretary"], request=request, accept=True, answer="核实：十一点离开"
    )

    assert answered.correction.reason == "核实：十一点离开"
    assert person_hours(cast.people["zhang"].pk) == Decimal("2")


def test_rejecting_a_request_keeps_the_hours(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    request = correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="多")

    answered = correction_request_answer(
        actor=cast.users["committee_secretary"], request=request, accept=False, answer="签到记录显示十二点离开"
    )

    assert (answered.status, answered.answer, answered.correction) == (
        CorrectionRequest.Status.REJECTED,
        "签到记录显示十二点离开",
        None,
    )
    assert HourEntry.objects.count() == 1
    assert person_hours(cast.people["zhang"].pk) == Decimal("3")


def test_rejecting_without_an_answer_is_refused(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    request = correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="多")
    before = state()

    with pytest.raises(ValidationError) as error:
        correction_request_answer(actor=cast.users["committee_secretary"], request=request, accept=False, answer="  ")

    assert error.value.code == "REASON_REQUIRED"
    assert state() == before


def test_an_answered_request_cannot_be_answered_again(cast):
    secretary = cast.users["committee_secretary"]
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    request = correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="多")
    correction_request_answer(actor=secretary, request=request, accept=True, answer="")
    before = state()

    with pytest.raises(ValidationError) as error:
        correction_request_answer(actor=secretary, request=request, accept=True, answer="")

    assert error.value.code == "REQUEST_ANSWERED"
    assert state() == before


def test_a_request_cannot_be_answered_outside_the_organizers_scope(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    request = correction_request_create(actor=cast.users["member"], entry=entry, hours=Decimal("4"), reason="多")
    before = state()

    with pytest.raises(Http404):
        correction_request_answer(actor=cast.users["outsider"], request=request, accept=True, answer="")

    assert state() == before


def test_a_request_accepted_at_the_current_hours_stays_pending(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    request = correction_request_create(actor=volunteer(cast, "zhang"), entry=entry, hours=Decimal("3"), reason="核对")
    before = state()

    with pytest.raises(ValidationError) as error:
        correction_request_answer(actor=cast.users["committee_secretary"], request=request, accept=True, answer="")

    assert error.value.code == "NO_CHANGE"
    assert state() == before
