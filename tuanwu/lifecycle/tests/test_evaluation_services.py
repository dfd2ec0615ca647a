"""The yearly evaluation: the cap on 优秀, the meeting's quorum, approval above, and the follow-up of each grade."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tests.factories import member
from tuanwu.lifecycle.models import Evaluation, EvaluationEntry, Grade, LifecyclePolicy
from tuanwu.lifecycle.services.evaluation import (
    entry_appeal,
    entry_appeal_answer,
    entry_reevaluate,
    entry_talk_record,
    evaluation_approve,
    evaluation_grades_set,
    evaluation_meeting_set,
    evaluation_open,
    evaluation_return,
    evaluation_submit,
)
from tuanwu.meetings.models import Attendance, Kind, Meeting

YEAR = 2025


def _branch_of(cast, n):
    """东湖村团支部 with n members in all (张晓明 and 李华 plus n-2 more)."""
    for i in range(n - 2):
        member(cast.branch, f"团员{i}")
    return evaluation_open(actor=cast.users["branch_secretary"], branch=cast.branch, year=YEAR)


def _grade(cast, evaluation, grades):
    entries = list(evaluation.entries.order_by("pk"))
    mapping = {e.pk: grades[i] if i < len(grades) else Grade.QUALIFIED for i, e in enumerate(entries)}
    return evaluation_grades_set(actor=cast.users["branch_secretary"], evaluation=evaluation, grades=mapping)


def _meeting(cast, evaluation, expected=10, present=8):
    return evaluation_meeting_set(
        actor=cast.users["branch_secretary"],
        evaluation=evaluation,
        held_on=datetime.date(YEAR, 12, 10),
        expected=expected,
        present=present,
    )


def test_open_lists_every_active_member_and_party_members_sit_out(cast):
    cast.people["li"].political_status = "party_member"
    cast.people["li"].save()

    evaluation = evaluation_open(actor=cast.users["branch_secretary"], branch=cast.branch, year=YEAR)

    entries = {e.membership.person.name: e for e in evaluation.entries.select_related("membership__person")}
    assert set(entries) == {"张晓明", "李华"}
    assert entries["李华"].party_member and not entries["李华"].evaluated
    assert entries["张晓明"].evaluated


def test_submit_refuses_excellent_over_the_cap_naming_the_numbers(cast):
    evaluation = _branch_of(cast, 10)
    _grade(cast, evaluation, [Grade.EXCELLENT] * 4)
    _meeting(cast, evaluation)
    before = LogEntry.objects.count()

    with pytest.raises(ValidationError) as e:
        evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)

    assert e.value.code == "EXCELLENT_OVER_CAP"
    assert "4" in e.value.messages[0] and "10" in e.value.messages[0] and "30" in e.value.messages[0]
    assert "3" in e.value.messages[0]
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.DRAFT
    assert LogEntry.objects.count() == before


def test_submit_accepts_excellent_at_the_cap(cast):
    evaluation = _branch_of(cast, 10)
    _grade(cast, evaluation, [Grade.EXCELLENT] * 3)
    _meeting(cast, evaluation)

    evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)

    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.SUBMITTED


def test_the_cap_follows_the_county_policy(cast):
    LifecyclePolicy.objects.create(organization=cast.county, year=YEAR, excellent_cap=40)
    evaluation = _branch_of(cast, 10)
    _grade(cast, evaluation, [Grade.EXCELLENT] * 4)
    _meeting(cast, evaluation)

    evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)

    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.SUBMITTED


def test_unqualified_has_no_quota(cast):
    evaluation = _branch_of(cast, 4)
    _grade(cast, evaluation, [Grade.UNQUALIFIED] * 4)
    _meeting(cast, evaluation, expected=4, present=4)

    evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)

    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.SUBMITTED


@pytest.mark.parametrize(("expected", "present", "ok"), [(9, 6, False), (9, 7, True), (3, 2, False), (3, 3, True)])
def test_meeting_needs_more_than_two_thirds_present(cast, expected, present, ok):
    evaluation = _branch_of(cast, 3)
    _grade(cast, evaluation, [])
    _meeting(cast, evaluation, expected=expected, present=present)

    if ok:
        evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)
        assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.SUBMITTED
    else:
        with pytest.raises(ValidationError) as e:
            evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)
        assert e.value.code == "EVALUATION_NO_QUORUM"
        assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.DRAFT


def test_a_recorded_general_meeting_gives_its_attendance(cast):
    evaluation = _branch_of(cast, 3)
    meeting = Meeting.objects.create(
        organization=cast.branch, kind=Kind.GENERAL_MEETING, held_on=datetime.date(YEAR, 12, 1), topic="评议"
    )
    people = [e.membership.person for e in evaluation.entries.select_related("membership__person")]
    for i, person in enumerate(people):
        Attendance.objects.create(meeting=meeting, person=person, status="present" if i else "absent")

    evaluation_meeting_set(actor=cast.users["branch_secretary"], evaluation=evaluation, meeting=meeting)

    evaluation.refresh_from_db()
    assert (evaluation.meeting_expected, evaluation.meeting_present) == (3, 2)
    assert evaluation.meeting_held_on == datetime.date(YEAR, 12, 1)


def test_a_theme_day_is_not_the_evaluating_meeting(cast):
    evaluation = _branch_of(cast, 3)
    meeting = Meeting.objects.create(
        organization=cast.branch, kind=Kind.THEME_DAY, held_on=datetime.date(YEAR, 12, 1), topic="团日"
    )

    with pytest.raises(ValidationError) as e:
        evaluation_meeting_set(actor=cast.users["branch_secretary"], evaluation=evaluation, meeting=meeting)

    assert e.value.code == "EVALUATION_MEETING_NOT_BRANCH"


def test_submit_names_the_members_without_a_grade(cast):
    evaluation = _branch_of(cast, 2)
    _meeting(cast, evaluation, expected=2, present=2)

    with pytest.raises(ValidationError) as e:
        evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)

    assert e.value.code == "EVALUATION_GRADES_MISSING"
    assert "张晓明" in e.value.messages[0]


def _submitted(cast, grades, n=3):
    evaluation = _branch_of(cast, n)
    _grade(cast, evaluation, grades)
    _meeting(cast, evaluation, expected=n, present=n)
    return evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)


def test_committee_above_approves_and_starts_the_rectification(cast, today):
    evaluation = _submitted(cast, [Grade.UNQUALIFIED, Grade.BASIC])

    evaluation_approve(actor=cast.users["committee_secretary"], evaluation=evaluation)

    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.APPROVED
    unqualified = evaluation.entries.get(grade=Grade.UNQUALIFIED)
    assert unqualified.rectification_until is not None
    assert (unqualified.rectification_until - today).days in range(89, 93)


def test_branch_secretary_cannot_approve_its_own_evaluation(cast):
    evaluation = _submitted(cast, [])

    with pytest.raises(PermissionDenied):
        evaluation_approve(actor=cast.users["branch_secretary"], evaluation=evaluation)

    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.SUBMITTED


def test_outsider_cannot_approve(cast):
    evaluation = _submitted(cast, [])

    with pytest.raises(Http404):
        evaluation_approve(actor=cast.users["outsider"], evaluation=evaluation)


def test_return_needs_a_reason_and_reopens_for_editing(cast):
    evaluation = _submitted(cast, [])
    with pytest.raises(ValidationError):
        evaluation_return(actor=cast.users["committee_secretary"], evaluation=evaluation, reason=" ")

    evaluation_return(actor=cast.users["committee_secretary"], evaluation=evaluation, reason="会议记录不全")
    _grade(cast, Evaluation.objects.get(pk=evaluation.pk), [Grade.BASIC])

    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.RETURNED


def test_a_submitted_evaluation_cannot_be_changed(cast):
    evaluation = _submitted(cast, [])

    with pytest.raises(ValidationError) as e:
        _grade(cast, evaluation, [Grade.EXCELLENT])

    assert e.value.code == "EVALUATION_NOT_EDITABLE"


def test_stale_edit_is_refused(cast):
    evaluation = _branch_of(cast, 2)
    stale = evaluation.version
    _grade(cast, evaluation, [])

    with pytest.raises(ValidationError) as e:
        evaluation_grades_set(actor=cast.users["branch_secretary"], evaluation=evaluation, grades={}, version=stale)

    assert e.value.code == "EDIT_CONFLICT"


def test_talk_is_recorded_for_basic_only(cast, today):
    evaluation = evaluation_approve(
        actor=cast.users["committee_secretary"], evaluation=_submitted(cast, [Grade.BASIC, Grade.QUALIFIED])
    )
    basic = evaluation.entries.get(grade=Grade.BASIC)
    qualified = evaluation.entries.filter(grade=Grade.QUALIFIED).first()

    entry_talk_record(actor=cast.users["branch_secretary"], entry=basic, on=today, note="书记谈话")
    with pytest.raises(ValidationError) as e:
        entry_talk_record(actor=cast.users["branch_secretary"], entry=qualified, on=today, note="x")

    assert EvaluationEntry.objects.get(pk=basic.pk).talk_on == today
    assert e.value.code == "TALK_NOT_BASIC"


def test_reevaluation_after_rectification_replaces_the_grade(cast, today):
    evaluation = evaluation_approve(
        actor=cast.users["committee_secretary"], evaluation=_submitted(cast, [Grade.UNQUALIFIED])
    )
    entry = evaluation.entries.get(grade=Grade.UNQUALIFIED)
    with pytest.raises(ValidationError) as early:
        entry_reevaluate(actor=cast.users["branch_secretary"], entry=entry, grade=Grade.QUALIFIED, on=today)
    Evaluation.objects.filter(pk=evaluation.pk).update(decided_at=timezone.now() - datetime.timedelta(days=125))

    entry_reevaluate(actor=cast.users["branch_secretary"], entry=entry, grade=Grade.QUALIFIED, on=today)

    entry.refresh_from_db()
    assert early.value.code == "REEVALUATION_TOO_EARLY"
    assert entry.final_grade == Grade.QUALIFIED and entry.grade == Grade.UNQUALIFIED


def test_appeal_recorded_by_the_member_and_answered_above(cast):
    evaluation = _submitted(cast, [Grade.BASIC])
    entry = evaluation.entries.get(membership__person=cast.people["zhang"])
    EvaluationEntry.objects.filter(pk=entry.pk).update(grade=Grade.BASIC)

    entry_appeal(actor=cast.users["member"], entry=entry, text="我全年参加组织生活")
    entry_appeal_answer(
        actor=cast.users["committee_secretary"], entry=entry, answer="经核实，改为合格", regrade=Grade.QUALIFIED
    )

    entry.refresh_from_db()
    assert entry.appeal == "我全年参加组织生活"
    assert entry.appeal_answered_on is not None
    assert entry.final_grade == Grade.QUALIFIED


def test_another_member_cannot_appeal_for_someone(cast):
    evaluation = _submitted(cast, [])
    entry = evaluation.entries.exclude(membership__person=cast.people["zhang"]).first()

    with pytest.raises(Http404):
        entry_appeal(actor=cast.users["member"], entry=entry, text="x")


def test_a_member_on_probation_cannot_be_graded_excellent_nor_is_in_good_standing(cast):
    from tuanwu.lifecycle.models import Sanction
    from tuanwu.lifecycle.selectors.evaluation import in_good_standing
    from tuanwu.lifecycle.tests.factories import case

    evaluation = _branch_of(cast, 10)
    first = evaluation.entries.select_related("membership__person").order_by("pk").first()
    case(
        cast,
        first.membership.person,
        Sanction.PROBATION,
        approve=datetime.date(YEAR, 11, 5),
        decided_on=datetime.date(YEAR, 11, 1),
    )
    _grade(cast, evaluation, [Grade.EXCELLENT])
    _meeting(cast, evaluation)

    with pytest.raises(ValidationError) as e:
        evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)

    assert e.value.code == "EXCELLENT_UNDER_DISCIPLINE"
    assert first.membership.person.name in e.value.messages[0]
    assert not in_good_standing(first.membership.person, datetime.date(YEAR, 12, 20))
    _grade(cast, evaluation, [Grade.QUALIFIED])
    evaluation_submit(actor=cast.users["branch_secretary"], evaluation=evaluation)  # the same branch, graded fairly
