"""Sending an application back one step (with a reason, clearing that step) and closing it."""

import pytest
from django.core.exceptions import ValidationError

from tuanwu.admission.models import Application, ApplicationStep
from tuanwu.admission.workflow import Step

from .factories import DATES, applicant, apply, codes, meeting, state, take, walk

S = Application.Status


def send_back(app, reason="谈话记录缺少签字", actor="branch_secretary"):
    return take(Step.SEND_BACK, app, actor, reason=reason)


@pytest.mark.parametrize(
    ("upto", "status", "back", "cleared"),
    [
        (Step.INTERVIEW, S.INTERVIEWED, S.APPLIED, {"interviewed_on": None}),
        (Step.TRAINING, S.ACTIVIST, S.INTERVIEWED, {"activist_on": None}),
        (
            Step.PREREVIEW,
            S.CANDIDATE,
            S.ACTIVIST,
            {"candidate_on": None, "prereviewed_on": None, "form_number": None},
        ),
        (
            Step.MEETING,
            S.VOTED,
            S.CANDIDATE,
            {"meeting_id": None, "votes_yes": None, "votes_no": None, "votes_abstain": None},
        ),
    ],
)
def test_sends_back_one_step_clearing_it_with_the_reason_on_the_timeline(cast, today, upto, status, back, cleared):
    app = walk(apply(applicant(cast.branch)), upto)
    assert app.status == status
    steps = app.steps.count()

    send_back(app)

    after = Application.objects.filter(pk=app.pk).values().get()
    assert after["status"] == back
    assert {name: after[name] for name in cleared} == cleared
    assert after["version"] == app.version + 1
    assert after["applied_on"] == DATES[Step.APPLY]
    row = ApplicationStep.objects.filter(application=app).last()
    assert (row.step, row.on, row.sent_back, row.note, row.actor) == (
        Step.SEND_BACK,
        today,
        True,
        "谈话记录缺少签字",
        cast.users["branch_secretary"],
    )
    assert app.steps.count() == steps + 1


def test_a_step_sent_back_can_be_taken_again(cast):
    app = walk(apply(applicant(cast.branch)), Step.INTERVIEW)
    send_back(app)
    app.refresh_from_db()

    take(Step.INTERVIEW, app, "branch_secretary", on=DATES[Step.INTERVIEW].replace(day=25))

    app.refresh_from_db()
    assert (app.status, app.interviewed_on) == (S.INTERVIEWED, DATES[Step.INTERVIEW].replace(day=25))
    assert list(app.steps.values_list("step", "sent_back")) == [
        (Step.APPLY, False),
        (Step.INTERVIEW, False),
        (Step.SEND_BACK, True),
        (Step.INTERVIEW, False),
    ]


def test_a_voted_candidate_sent_back_can_be_voted_again(cast):
    app = walk(apply(applicant(cast.branch)), Step.MEETING)
    send_back(app)

    meeting(cast.branch, {app: (8, 0, 0)}, held_on=DATES[Step.MEETING].replace(day=15))

    app.refresh_from_db()
    assert (app.status, app.votes_yes) == (S.VOTED, 8)


@pytest.mark.parametrize("reason", ["", "   "])
def test_refuses_to_send_back_without_a_reason(cast, reason):
    app = walk(apply(applicant(cast.branch)), Step.INTERVIEW)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        send_back(app, reason)

    assert codes(refused.value) == ["REASON_REQUIRED"]
    assert refused.value.message_dict == {"reason": ["Say why the application goes back."]}
    assert state(app) == before


@pytest.mark.parametrize("upto", [Step.APPLY, Step.APPROVE])
def test_refuses_to_send_back_a_new_or_an_admitted_application(cast, upto):
    app = walk(apply(applicant(cast.branch)), upto) if upto != Step.APPLY else apply(applicant(cast.branch))
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        send_back(app, actor="committee_secretary")

    assert codes(refused.value) == ["SEND_BACK_NOT_ALLOWED"]
    assert state(app) == before


@pytest.mark.parametrize("upto", [Step.APPLY, Step.ACTIVIST, Step.MEETING])
def test_closes_an_open_application_with_the_reason(cast, today, upto):
    app = apply(applicant(cast.branch))
    walk(app, upto)

    take(Step.CLOSE, app, "branch_secretary", reason="本人撤回申请")

    app.refresh_from_db()
    assert (app.status, app.closed_reason) == (S.CLOSED, "本人撤回申请")
    row = app.steps.last()
    assert (row.step, row.on, row.note, row.sent_back) == (Step.CLOSE, today, "本人撤回申请", False)


def test_a_closed_applicant_may_apply_again(cast):
    person = applicant(cast.branch)
    first = apply(person)
    take(Step.CLOSE, first, "branch_secretary")

    second = apply(person, on=DATES[Step.INTERVIEW])

    assert second.status == S.APPLIED
    assert Application.objects.filter(person=person).count() == 2


def test_refuses_a_second_open_application(cast):
    person = applicant(cast.branch)
    apply(person)
    before = state()

    with pytest.raises(ValidationError) as refused:
        apply(person, on=DATES[Step.INTERVIEW])

    assert codes(refused.value) == ["APPLICATION_OPEN"]
    assert state() == before


def test_refuses_to_close_without_a_reason(cast):
    app = apply(applicant(cast.branch))
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.CLOSE, app, "branch_secretary", reason=" ")

    assert codes(refused.value) == ["REASON_REQUIRED"]
    assert state(app) == before


@pytest.mark.parametrize("finished", ["admitted", "closed"])
def test_refuses_to_close_a_finished_application(cast, finished):
    app = apply(applicant(cast.branch))
    if finished == "admitted":
        walk(app, Step.APPROVE)
    else:
        take(Step.CLOSE, app, "branch_secretary")
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        take(Step.CLOSE, app, "branch_secretary")

    assert codes(refused.value) == ["APPLICATION_FINISHED"]
    assert state(app) == before
