"""The demo county shows the lifecycle (dues, evaluation and registration, transfers, graduating class,
discipline, lapse), 青年之声 and the 两新 directory with plausible data; the reset leaves none of it."""

import pytest
from django.utils import timezone

from tuanwu.accounts.models import User
from tuanwu.coverage.models import Snapshot, Unit
from tuanwu.demo import generator
from tuanwu.lifecycle.models import (
    DisciplineCase,
    DuesPayment,
    DuesPolicy,
    Evaluation,
    EvaluationEntry,
    Graduate,
    GraduatingClass,
    LapseProposal,
    PayBand,
    Registration,
    Transfer,
)
from tuanwu.organizations.models import Organization
from tuanwu.voice.models import Case, CaseEvent


@pytest.fixture
def demo(db):
    return generator.build(members=600, seed=2020)


def featured_branch() -> Organization:
    return User.objects.get(username="branch_secretary").roles.get().organization


def test_dues_policy_bands_and_payments_most_of_the_featured_branch_paid(demo):
    today = timezone.localdate()
    branch = featured_branch()

    assert DuesPolicy.objects.filter(year=today.year, organization__depth=1).count() == 1
    members = set(branch.memberships.filter(status="normal").values_list("person_id", flat=True))
    assert PayBand.objects.filter(person_id__in=members).count() == len(members)
    paying = set(DuesPayment.objects.filter(organization=branch).values_list("person_id", flat=True))
    if today.month > 1:
        assert len(paying) >= len(members) // 2
    assert DuesPayment.objects.exclude(organization=branch).exists()
    assert demo["dues_payments"] == DuesPayment.objects.count()


def test_last_years_evaluations_approved_with_grades_and_registrations(demo):
    year = timezone.localdate().year
    approved = Evaluation.objects.filter(year=year - 1, status=Evaluation.Status.APPROVED)

    assert approved.filter(organization=featured_branch()).exists()
    assert approved.count() >= 3
    grades = set(
        EvaluationEntry.objects.filter(evaluation__in=approved).exclude(grade="").values_list("grade", flat=True)
    )
    assert {"excellent", "qualified"} <= grades
    assert Registration.objects.filter(year=year, status=Registration.Status.REGISTERED).count() >= 10
    assert Registration.objects.filter(year=year, status=Registration.Status.DEFERRED).count() == 1


def test_transfers_in_every_state_and_a_graduating_class_partly_sent(demo):
    branch = featured_branch()
    statuses = Transfer.objects.exclude(graduate__isnull=False)

    assert statuses.filter(status=Transfer.Status.AWAITING_SENDER, origin=branch).count() == 1
    assert statuses.filter(status=Transfer.Status.AWAITING_RECEIVER).count() == 1
    assert statuses.filter(status=Transfer.Status.LAPSED).count() == 1
    out = statuses.get(direction=Transfer.Direction.OUT)
    assert out.status == Transfer.Status.COMPLETED and out.letter_number
    gc = GraduatingClass.objects.get()
    assert gc.sent_on is not None
    sent = Graduate.objects.filter(graduating_class=gc).count()
    remaining = gc.organization.memberships.filter(status="normal").count()
    assert sent >= 1 and remaining >= 1


def test_a_warning_in_force_and_a_lapse_proposal(demo):
    case = DisciplineCase.objects.get()
    assert case.sanction == "warning" and case.status == DisciplineCase.Status.IN_FORCE
    proposal = LapseProposal.objects.get()
    assert proposal.status == LapseProposal.Status.PROPOSED
    assert not DuesPayment.objects.filter(person=proposal.person).exists()


def test_voice_cases_across_states_with_12355_and_published_answers(demo):
    cases = Case.objects.all()

    assert 25 <= cases.count() <= 40
    assert {c for c in cases.values_list("category", flat=True)} == set(Case.Category.values)
    assert set(cases.values_list("status", flat=True)) == set(Case.Status.values)
    assert cases.filter(escalation_level=1).exists() and cases.filter(escalation_level=2).exists()
    assert not cases.filter(status=Case.Status.RESOLVED, escalation_level__gte=1).exists()
    assert cases.filter(status=Case.Status.RESOLVED, rating__isnull=False).count() >= 3
    assert cases.filter(channel=Case.Channel.HOTLINE_12355).count() >= 2
    assert cases.filter(published_at__isnull=False).count() == 2
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.ESCALATED).exists()


def test_directory_in_every_state_with_valid_codes_and_last_years_snapshot(demo):
    from stdnum.cn import uscc

    year = timezone.localdate().year
    units = Unit.objects.all()

    assert 50 <= units.count() <= 70
    assert set(units.values_list("status", flat=True)) == set(Unit.Status.values)
    assert all(uscc.is_valid(code) for code in units.values_list("credit_code", flat=True))
    assert units.filter(park__isnull=False).exists() and units.filter(park__isnull=True).exists()
    assert not Organization.objects.filter(founded_on__isnull=True).exists()
    snapshot = Snapshot.objects.get(year=year - 1)
    covered_then = sum(1 for row in snapshot.rows if row["covered"])
    assert units.filter(status=Unit.Status.COVERED).count() > covered_then
    # The social sector's density grew: organizations founded this year cover social organizations.
    from tuanwu.coverage.selectors import density_growth

    assert density_growth(Organization.objects.get(depth=1), year) > 0
    assert snapshot.counts["organizations"] < Organization.objects.count()


def test_the_reset_removes_the_new_modules_rows(demo):
    generator.reset()

    for model in (DuesPayment, PayBand, Evaluation, Registration, Transfer, DisciplineCase, LapseProposal, Case, Unit):
        assert not model.objects.exists(), model
    assert not Snapshot.objects.exists()


def test_the_demo_term_has_members_delegates_duties_and_a_few_with_nothing_this_year(demo):
    from tuanwu.duties import selectors as duties
    from tuanwu.duties.models import Mandate, Term

    admin = User.objects.get(username="county_admin")
    term = Term.objects.get()
    rows = duties.term_summary(admin, term, timezone.localdate().year)
    kinds = set(Mandate.objects.values_list("kind", flat=True))
    member = User.objects.get(username="member")

    assert {"standing_committee", "committee_member", "alternate", "delegate"} <= kinds
    assert 0 < sum(r.nothing_recorded for r in rows) < len(rows) / 2
    assert duties.my_mandates(member).exists()


def test_the_reset_leaves_no_term(demo):
    from tuanwu.duties.models import Term

    generator.reset()

    assert not Term.objects.exists()


def test_cadres_in_direct_contact_one_meeting_the_policy(demo):
    from django.utils import timezone

    from tuanwu.contacts.models import ContactCadre
    from tuanwu.contacts.selectors import compliance_many, quarter_of

    today = timezone.localdate()
    cadres = list(ContactCadre.objects.select_related("person", "organization").order_by("pk"))
    rows = compliance_many(cadres, today.year, quarter_of(today))

    assert demo["contact_cadres"] >= 2
    assert cadres[0].person == User.objects.get(username="cadre").person
    assert any(r.by_key["fixed_orgs"].met for r in rows)
    assert not all(r.met for r in rows)
