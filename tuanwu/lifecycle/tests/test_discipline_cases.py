"""A sanction: decided by the branch meeting with the member heard, approved by the committee above, appealed
and answered; an expulsion runs the membership's expulsion exit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from tuanwu.lifecycle.models import DisciplineCase, DisciplineStep, Sanction
from tuanwu.lifecycle.selectors.discipline import under_discipline
from tuanwu.lifecycle.services import discipline as services
from tuanwu.people.models import CadrePost, Membership, MembershipEvent

from .factories import case

S = DisciplineCase.Status


def test_a_warning_is_decided_then_approved_with_its_timeline(cast):
    row = case(cast)

    approved = services.discipline_case_approve(
        actor=cast.users["committee_secretary"], case=row, effective_on=datetime.date(2026, 3, 20), note="同意"
    )

    assert approved.status == S.IN_FORCE
    assert approved.effective_on == datetime.date(2026, 3, 20)
    assert list(approved.steps.values_list("kind", flat=True)) == ["submit", "approve"]


def test_refuses_a_case_without_the_member_heard(cast):
    with pytest.raises(ValidationError) as refused:
        case(cast, statement="")

    assert refused.value.code == "DISCIPLINE_INVALID"
    assert refused.value.message_dict["statement"] == ["团员有陈述和申辩的权利：请登记本人陈述，或注明本人放弃陈述。"]
    assert DisciplineCase.objects.count() == 0


def test_a_member_who_declined_to_speak_is_recorded_as_heard(cast):
    row = case(cast, statement="", statement_waived=True)

    assert (row.statement, row.statement_waived) == ("", True)


def test_the_branch_cannot_approve_its_own_case(cast):
    row = case(cast)

    # The town is above the branch's scope: not even visible to it.
    with pytest.raises(Http404):
        services.discipline_case_approve(actor=cast.users["branch_secretary"], case=row)

    row.refresh_from_db()
    assert row.status == S.SUBMITTED
    assert row.steps.count() == 1


def test_a_committee_outside_cannot_decide_on_a_member(cast):
    with pytest.raises(Http404):
        services.discipline_case_create(
            actor=cast.users["outsider"],
            person=cast.people["zhang"],
            sanction=Sanction.WARNING,
            facts="事实",
            decided_on=datetime.date(2026, 3, 10),
            statement="陈述",
        )

    assert DisciplineCase.objects.count() == 0


def test_probation_puts_the_member_under_discipline_for_its_months(cast):
    row = case(cast, sanction=Sanction.PROBATION, probation_months=12, approve=datetime.date(2026, 4, 1))

    assert row.probation_ends_on == datetime.date(2027, 4, 1)
    zhang = cast.people["zhang"]
    assert under_discipline(zhang, datetime.date(2026, 3, 31)) is False
    assert under_discipline(zhang, datetime.date(2026, 4, 1)) is True
    assert under_discipline(zhang, datetime.date(2027, 3, 31)) is True
    assert under_discipline(zhang, datetime.date(2027, 4, 1)) is False


@pytest.mark.parametrize("sanction", [Sanction.WARNING, Sanction.SERIOUS_WARNING])
def test_a_warning_does_not_suspend_good_standing(cast, sanction):
    case(cast, sanction=sanction, approve=True)

    assert under_discipline(cast.people["zhang"], timezone.localdate()) is False


def test_refuses_a_probation_longer_than_two_years(cast):
    with pytest.raises(ValidationError) as refused:
        case(cast, sanction=Sanction.PROBATION, probation_months=25)

    assert refused.value.message_dict["probation_months"] == ["留团察看期为1至24个月。"]


def test_a_removal_ends_the_post_on_approval(cast):
    li = cast.people["li"]
    post = CadrePost.objects.get(person=li)

    case(cast, li, Sanction.POST_REMOVAL, post=post, approve=datetime.date(2026, 4, 1))

    post.refresh_from_db()
    assert post.until == datetime.date(2026, 4, 1)


def test_an_expulsion_runs_the_membership_expulsion_exit(cast):
    zhang = cast.people["zhang"]

    row = case(cast, sanction=Sanction.EXPULSION)
    assert Membership.objects.get(person=zhang).status == "expulsion_pending"
    assert under_discipline(zhang, timezone.localdate()) is True

    services.discipline_case_approve(actor=cast.users["committee_secretary"], case=row)

    membership = Membership.objects.get(person=zhang)
    assert membership.status == "expulsion"
    assert membership.status_changed_on == timezone.localdate()
    assert list(MembershipEvent.objects.filter(membership=membership).values_list("transition", flat=True)) == [
        "exit_request",
        "exit_approve",
    ]


def test_an_expulsion_not_approved_keeps_the_member(cast):
    row = case(cast, sanction=Sanction.EXPULSION)

    services.discipline_case_reject(actor=cast.users["committee_secretary"], case=row, note="事实不清")

    assert Membership.objects.get(person=cast.people["zhang"]).status == "normal"
    assert DisciplineCase.objects.get(pk=row.pk).status == S.NOT_APPROVED


def test_an_appeal_upheld_restores_an_expelled_member(cast):
    row = case(cast, sanction=Sanction.EXPULSION, approve=True)
    services.discipline_appeal_lodge(
        actor=cast.users["branch_secretary"], case=row, appeal="处分过重", lodged_on=timezone.localdate()
    )

    services.discipline_appeal_answer(
        actor=cast.users["committee_secretary"], case=row, result="upheld", answer="经复查，撤销处分"
    )

    row.refresh_from_db()
    assert (row.status, row.appeal_result, row.appeal_answer) == (S.REVOKED, "upheld", "经复查，撤销处分")
    membership = Membership.objects.get(person=cast.people["zhang"])
    assert membership.status == "normal"
    assert membership.events.last().transition == "restore"
    assert list(row.steps.values_list("kind", flat=True)) == ["submit", "approve", "appeal", "answer"]


def test_an_appeal_dismissed_leaves_the_probation(cast):
    row = case(cast, sanction=Sanction.PROBATION, approve=True)
    services.discipline_appeal_lodge(
        actor=cast.users["branch_secretary"], case=row, appeal="不服", lodged_on=timezone.localdate()
    )

    services.discipline_appeal_answer(
        actor=cast.users["committee_secretary"], case=row, result="dismissed", answer="维持"
    )

    row.refresh_from_db()
    assert row.status == S.IN_FORCE
    assert under_discipline(cast.people["zhang"], timezone.localdate()) is True


def test_refuses_a_second_answer(cast):
    row = case(cast, approve=True)
    services.discipline_appeal_lodge(
        actor=cast.users["branch_secretary"], case=row, appeal="不服", lodged_on=timezone.localdate()
    )
    services.discipline_appeal_answer(
        actor=cast.users["committee_secretary"], case=row, result="dismissed", answer="维持"
    )

    with pytest.raises(ValidationError) as refused:
        services.discipline_appeal_answer(
            actor=cast.users["committee_secretary"], case=row, result="upheld", answer="改"
        )

    assert refused.value.code == "NO_OPEN_APPEAL"
    assert DisciplineStep.objects.filter(case=row, kind="answer").count() == 1


def test_refuses_a_stale_approval(cast):
    row = case(cast)

    with pytest.raises(ValidationError) as refused:
        services.discipline_case_approve(actor=cast.users["committee_secretary"], case=row, version=row.version + 1)

    assert refused.value.code == "EDIT_CONFLICT"
    assert DisciplineCase.objects.get(pk=row.pk).status == S.SUBMITTED


def test_probation_ends_only_at_its_end(cast):
    today = timezone.localdate()
    row = case(cast, sanction=Sanction.PROBATION, probation_months=1, decided_on=today - datetime.timedelta(days=60))
    row = services.discipline_case_approve(
        actor=cast.users["committee_secretary"], case=row, effective_on=today - datetime.timedelta(days=10)
    )
    with pytest.raises(ValidationError) as refused:
        services.discipline_probation_conclude(actor=cast.users["branch_secretary"], case=row)
    assert refused.value.code == "PROBATION_RUNNING"

    DisciplineCase.objects.filter(pk=row.pk).update(probation_ends_on=today)
    done = services.discipline_probation_conclude(actor=cast.users["branch_secretary"], case=row, note="确已改正")

    assert done.status == S.CONCLUDED
    assert under_discipline(cast.people["zhang"], today) is False
