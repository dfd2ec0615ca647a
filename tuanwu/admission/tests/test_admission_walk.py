"""The whole way from application to archived form, every step on the timeline."""

from decimal import Decimal

from tuanwu.admission import selectors
from tuanwu.admission.models import Application, ApplicationStep
from tuanwu.admission.services import approvals, quotas
from tuanwu.admission.workflow import Step
from tuanwu.meetings.selectors.lessons import lesson_hours_of
from tuanwu.people.models import Membership, MembershipEvent
from tuanwu.people.workflow import MembershipStatus

from .factories import DATES, YEAR, account, applicant, apply, meeting, walk


def test_two_candidates_walk_from_application_to_archived_form(cast):
    quotas.quota_set(
        actor=cast.users["county_admin"],
        organization=cast.county,
        year=YEAR,
        count=50,
        number_from="202600000001",
        number_to="202600009999",
    )
    quotas.quota_set(
        actor=cast.users["county_admin"],
        organization=cast.town,
        year=YEAR,
        count=10,
        number_from="202600000101",
        number_to="202600000200",
    )
    first, second = apply(applicant(cast.branch)), apply(applicant(cast.branch))
    walk(first, Step.INTRODUCERS, form_number="QH-2026-001")
    walk(second, Step.INTRODUCERS, form_number="QH-2026-002")

    general = meeting(cast.branch, {first: (7, 1, 0), second: (6, 0, 2)})
    approvals.application_approve(actor=cast.users["committee_secretary"], application=first, on=DATES[Step.APPROVE])
    approvals.application_approve(actor=cast.users["committee_secretary"], application=second, on=DATES[Step.APPROVE])
    walk(first, Step.ARCHIVE)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Application.Status.ADMITTED
    assert first.meeting == second.meeting == general
    assert (first.votes_yes, first.votes_no, first.votes_abstain) == (7, 1, 0)
    assert (second.votes_yes, second.votes_no, second.votes_abstain) == (6, 0, 2)
    assert first.form_number == "QH-2026-001"
    assert first.prereviewed_on == DATES[Step.PREREVIEW]
    assert lesson_hours_of([first.person_id], until=first.candidate_on)[first.person_id].total == Decimal(8)
    assert first.assessment == "good"
    assert first.assessed_on == DATES[Step.TRAINING]
    assert (first.introducer_1, first.introducer_2) == (cast.people["zhang"], cast.people["li"])
    assert first.approved_by == cast.town
    assert first.approved_on == DATES[Step.APPROVE]
    assert first.ceremony.held_on == DATES[Step.CEREMONY]
    assert first.archived_on == DATES[Step.ARCHIVE]
    # Numbers come from the town's range, in order of approval.
    assert (first.development_number, second.development_number) == ("202600000101", "202600000102")
    membership = Membership.objects.get(person=first.person)
    assert membership.join_date == general.held_on == DATES[Step.MEETING]
    assert membership.development_number == "202600000101"
    assert membership.organization == cast.branch
    assert membership.status == MembershipStatus.NORMAL
    assert MembershipEvent.objects.filter(membership=membership).count() == 1
    assert Membership.objects.get(person=second.person).development_number == "202600000102"
    assert selectors.quota_left(first) == 8


def test_every_step_is_on_the_timeline_in_order_with_its_date_and_actor(cast):
    app = apply(applicant(cast.branch))

    walk(app, Step.ARCHIVE)

    rows = list(ApplicationStep.objects.filter(application=app))
    assert [(r.step, r.on, r.actor.username, r.sent_back) for r in rows] == [
        (Step.APPLY, DATES[Step.APPLY], "branch_secretary", False),
        (Step.INTERVIEW, DATES[Step.INTERVIEW], "branch_secretary", False),
        (Step.ACTIVIST, DATES[Step.ACTIVIST], "branch_secretary", False),
        (Step.TRAINING, DATES[Step.TRAINING], "branch_secretary", False),
        (Step.CANDIDATE, DATES[Step.CANDIDATE], "branch_secretary", False),
        (Step.PREREVIEW, DATES[Step.PREREVIEW], "committee_secretary", False),
        (Step.INTRODUCERS, DATES[Step.INTRODUCERS], "branch_secretary", False),
        (Step.MEETING, DATES[Step.MEETING], "branch_secretary", False),
        (Step.APPROVE, DATES[Step.APPROVE], "committee_secretary", False),
        (Step.CEREMONY, DATES[Step.CEREMONY], "branch_secretary", False),
        (Step.ARCHIVE, DATES[Step.ARCHIVE], "branch_secretary", False),
    ]
    assert {r.organization_id for r in rows} == {cast.branch.pk}
    assert rows[7].note == "7 yes, 1 no, 0 abstentions."
    assert rows[9].note == "东湖村党群服务中心"


def test_without_a_quota_the_number_is_the_year_s_next(cast):
    app = apply(applicant(cast.branch))

    walk(app, Step.APPROVE)

    assert app.development_number == f"{YEAR}00000001"
    assert Membership.objects.get(person=app.person).development_number == f"{YEAR}00000001"
    assert app.approved_by == cast.town


def test_the_county_admin_may_approve_too(cast):
    app = apply(applicant(cast.branch))

    walk(app, Step.APPROVE, above_actor="county_admin")

    assert app.status == Application.Status.ADMITTED
    assert app.steps.get(step=Step.APPROVE).actor == account("county_admin")
