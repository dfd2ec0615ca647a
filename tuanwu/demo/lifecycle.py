"""The members' year in the demo county (tuanwu.lifecycle): the county's dues policy, pay bands and payments
(the featured branch nearly all paid up, a few in arrears, a share of the county elsewhere), last year's evaluation
approved in a handful of branches with this year's registrations and one deferral, transfers in every state, a
school class partly sent in the graduates' season, one warning in force and one lapse proposal.

The showcase records go through the services, so they obey every rule a real user meets; the volume (bands and
payments outside the featured branch) goes in with bulk_create, amounts computed by the same dues rules."""

from __future__ import annotations

import datetime
import random

from django.db.models import Count, Q

from tuanwu.core.dates import add_months
from tuanwu.lifecycle import dues_rules
from tuanwu.lifecycle.models import (
    BillLine,
    Category,
    DisciplineCase,
    DisciplineStep,
    DuesAllocation,
    DuesDecision,
    DuesPayment,
    DuesPolicy,
    Evaluation,
    EvaluationEntry,
    Graduate,
    GraduatingClass,
    LapseProposal,
    LifecyclePolicy,
    PayBand,
    Registration,
    Transfer,
    TransferPolicy,
    TransferStep,
)
from tuanwu.lifecycle.models.discipline import Sanction
from tuanwu.lifecycle.models.evaluation import Grade
from tuanwu.lifecycle.models.transfers import Destination
from tuanwu.lifecycle.selectors.dues import months_paid
from tuanwu.lifecycle.selectors.exits import lapse_candidates
from tuanwu.lifecycle.services import discipline as discipline_services
from tuanwu.lifecycle.services import dues as dues_services
from tuanwu.lifecycle.services import evaluation as evaluation_services
from tuanwu.lifecycle.services import exits as exits_services
from tuanwu.lifecycle.services import transfers as transfer_services
from tuanwu.organizations.models import BRANCH_KINDS, STUDENT_SECTORS, Organization, Sector
from tuanwu.people.choices import PoliticalStatus
from tuanwu.people.models import Membership, Person
from tuanwu.people.workflow import MembershipStatus

BULK = 2000
BANDED_ELSEWHERE = 0.3  # share of the members outside the featured branch with a pay band on record
PAYING_ELSEWHERE = 0.75  # of those, the share who paid something this year
EVALUATED_BRANCHES = 4  # besides the featured branch
OUT_OF_COUNTY = ("共青团杭州市西湖区委员会", "共青团宁波市鄞州区委员会", "共青团苏州工业园区工作委员会")
UNIVERSITIES = (
    "共青团浙江农林大学委员会",
    "共青团浙江工业大学委员会",
    "共青团湖州师范学院委员会",
    "共青团浙江理工大学委员会",
)
EMPLOYERS = ("共青团杭州海康威视数字技术股份有限公司委员会", "共青团浙江吉利控股集团委员会")


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _members(organization: Organization) -> list[Membership]:
    return list(
        Membership.objects.filter(organization=organization, status=MembershipStatus.NORMAL)
        .select_related("person", "organization")
        .order_by("person__id_number")
    )


def _band(rng: random.Random, branch: Organization) -> tuple[str, int | None]:
    if branch.sector in STUDENT_SECTORS:
        return Category.STUDENT, None
    if branch.sector == Sector.RURAL and rng.random() < 0.45:
        return Category.FARMER, None
    if rng.random() < 0.04:
        return Category.UNEMPLOYED, None
    # Monthly pay after tax: most between 2,500 and 7,000 yuan, a few below the low band.
    return Category.EMPLOYED, int(rng.triangular(1600, 9000, 3800)) * 100


# -- dues ------------------------------------------------------------------------------------------------------


def _dues(rng, root, featured, admin, today, excluded: set[int]) -> tuple[dict, set[int]]:
    """The policy, the featured branch through the services, a share elsewhere in bulk; returns the counts and
    the people who paid something."""
    year = today.year
    policy = dues_services.dues_policy_set(actor=admin, county=root, year=year)
    january = datetime.date(year, 1, 1)
    last = _month(today)
    paid: set[int] = set()
    # The featured branch: every member's band, then the months so far paid in one batch by most of them.
    members = [m for m in _members(featured) if m.person_id not in excluded]
    for m in members:
        category, pay = _band(rng, featured)
        dues_services.pay_band_set(
            actor=admin, person=m.person, valid_from=max(january, _month(m.join_date)), category=category, pay_fen=pay
        )
    behind = {m.person_id for m in rng.sample(members, min(2, max(0, len(members) - 4)))}
    months_so_far = (last.year - january.year) * 12 + last.month - january.month  # up to last month
    on_time = [m.person_id for m in members if m.person_id not in behind and m.join_date < january]
    if on_time and months_so_far:
        dues_services.payments_bulk(
            actor=admin,
            branch=featured,
            person_ids=on_time,
            paid_on=january + datetime.timedelta(days=rng.randint(5, 20)),
            first_month=january,
            months=min(months_so_far, 6),
        )
        if months_so_far > 6:
            dues_services.payments_bulk(
                actor=admin,
                branch=featured,
                person_ids=on_time,
                paid_on=datetime.date(year, 7, rng.randint(5, 20)),
                first_month=datetime.date(year, 7, 1),
                months=months_so_far - 6,
                channel=DuesPayment.Channel.WECHAT,
            )
        paid.update(on_time)
    for m in members:
        if m.person_id in behind and m.join_date < january:
            # In arrears: the first quarter paid in cash, nothing since.
            dues_services.payment_record(
                actor=admin,
                person=m.person,
                amount_fen=3 * dues_rules.monthly_fen(policy, category=Category.EMPLOYED, pay_fen=300000),
                paid_on=datetime.date(year, 3, 28),
                first_month=january,
                months=3,
                note="第一季度",
            )
            paid.add(m.person_id)
    # Elsewhere: a share of the members banded, most of them paid by the quarter (or by the half year).
    bands, payments, parts = [], [], []
    others = (
        Membership.objects.filter(
            organization__path__startswith=root.path, status=MembershipStatus.NORMAL, join_date__lt=january
        )
        .exclude(organization=featured)
        .exclude(person_id__in=excluded)
        .select_related("organization")
        .order_by("person__id_number")
    )
    quarter_end = ((last.month - 1) // 3) * 3  # months fully past in closed quarters
    for m in others.iterator(chunk_size=BULK):
        if rng.random() >= BANDED_ELSEWHERE:
            continue
        category, pay = _band(rng, m.organization)
        bands.append(
            PayBand(
                person_id=m.person_id,
                organization=m.organization,
                valid_from=january,
                category=category,
                pay_fen=pay,
                entered_by=admin,
            )
        )
        if rng.random() >= PAYING_ELSEWHERE or not quarter_end:
            continue
        months = rng.choice([quarter_end, quarter_end, max(3, quarter_end - 3)])
        fen = dues_rules.monthly_fen(policy, category=category, pay_fen=pay)
        payment = DuesPayment(
            person_id=m.person_id,
            organization=m.organization,
            amount_fen=fen * months,
            paid_on=datetime.date(year, min(months, 12), rng.randint(1, 25)),
            first_month=january,
            months=months,
            channel=rng.choice([DuesPayment.Channel.CASH, DuesPayment.Channel.WECHAT, DuesPayment.Channel.ALIPAY]),
            recorded_by=admin,
        )
        payments.append(payment)
        parts.append([(add_months(january, i), fen) for i in range(months)])
        paid.add(m.person_id)
    PayBand.objects.bulk_create(bands, batch_size=BULK)
    DuesPayment.objects.bulk_create(payments, batch_size=BULK)
    DuesAllocation.objects.bulk_create(
        [
            DuesAllocation(payment=p, person_id=p.person_id, month=month, amount_fen=fen)
            for p, lines in zip(payments, parts, strict=True)
            for month, fen in lines
        ],
        batch_size=5000,
    )
    return {
        "dues_policies": 1,
        "pay_bands": PayBand.objects.count(),
        "dues_payments": DuesPayment.objects.count(),
    }, paid


# -- evaluation and registration -------------------------------------------------------------------------------


def _grades(rng, entries: list[EvaluationEntry], *, unqualified: bool) -> dict[int, str]:
    graded = [e for e in entries if e.evaluated]
    rng.shuffle(graded)
    excellent = max(1, len(graded) * 25 // 100) if len(graded) >= 4 else 0
    out = {}
    for i, e in enumerate(graded):
        if i < excellent:
            out[e.pk] = Grade.EXCELLENT
        elif i == excellent and len(graded) >= 6:
            out[e.pk] = Grade.BASIC
        elif i == excellent + 1 and unqualified and len(graded) >= 6:
            out[e.pk] = Grade.UNQUALIFIED
        else:
            out[e.pk] = Grade.QUALIFIED
    return out


def _evaluations(rng, root, featured, admin, today, excluded: set[int]) -> dict:
    year = today.year - 1
    sized = (
        Organization.objects.filter(path__startswith=root.path, kind__in=sorted(BRANCH_KINDS))
        .exclude(pk=featured.pk)
        .annotate(n=Count("memberships", filter=Q(memberships__status=MembershipStatus.NORMAL)))
        .filter(n__gte=6)
        .order_by("path")
    )
    candidates = list(sized)
    branches = [featured, *rng.sample(candidates, min(EVALUATED_BRANCHES, len(candidates)))]
    january = datetime.date(today.year, 1, 1)
    registered_on = min(today, datetime.date(today.year, 3, 31))
    counts = {"evaluations": 0, "registrations": 0}
    deferred = False
    for position, branch in enumerate(branches):
        evaluation = evaluation_services.evaluation_open(actor=admin, branch=branch, year=year)
        entries = list(evaluation.entries.select_related("membership__person"))
        if not any(e.evaluated for e in entries):
            evaluation.delete()
            continue
        grades = _grades(rng, entries, unqualified=position == 1)
        evaluation_services.evaluation_grades_set(
            actor=admin,
            evaluation=evaluation,
            grades=grades,
            self_assessments={pk: "认真参加组织生活，按时交纳团费，积极参加志愿服务。" for pk in grades},
        )
        expected = len(entries)
        evaluation_services.evaluation_meeting_set(
            actor=admin,
            evaluation=evaluation,
            held_on=datetime.date(year, 12, rng.randint(10, 24)),
            expected=expected,
            present=max(expected * 2 // 3 + 1, expected - rng.randint(0, 2)),
        )
        evaluation_services.evaluation_submit(actor=admin, evaluation=evaluation)
        evaluation_services.evaluation_approve(actor=admin, evaluation=evaluation, reason="同意。")
        counts["evaluations"] += 1
        if branch.pk == featured.pk:
            basic = [e for e in entries if grades.get(e.pk) == Grade.BASIC]
            for e in basic:
                evaluation_services.entry_talk_record(
                    actor=admin,
                    entry=e,
                    on=datetime.date(today.year, 1, 8),
                    note="团支部书记谈心谈话，指出参加组织生活次数偏少，本人表示改进。",
                )
        # This year's registration: everyone graded well enough, from January on; one deferral.
        for e in entries:
            m = e.membership
            if m.status != MembershipStatus.NORMAL or m.person_id in excluded:
                continue
            grade = grades.get(e.pk)
            if grade == Grade.UNQUALIFIED or (grade == Grade.BASIC and not deferred and branch.pk != featured.pk):
                evaluation_services.registration_defer(
                    actor=admin,
                    membership=m,
                    year=today.year,
                    reason="教育评议结果较差，暂缓注册，由团支部帮助教育、限期改正。",
                    on=max(january, today - datetime.timedelta(days=25)),
                )
                deferred = True
                counts["registrations"] += 1
                continue
            if m.join_date >= january and grade is None:
                continue
            evaluation_services.registration_register(
                actor=admin,
                membership=m,
                year=today.year,
                on=min(registered_on, january + datetime.timedelta(days=rng.randint(20, 80))),
            )
            counts["registrations"] += 1
    return counts


# -- transfers -------------------------------------------------------------------------------------------------


def _graduating_class(rng, root, admin, today, used: set[int]) -> dict:
    """The committee marks the oldest class of a school with its graduation date and sends part of it: in the
    graduates' season through graduating_class_send; out of season (the class graduates next summer) the early
    leavers only, enlisted or admitted early, each transfer through the services and the graduate written here,
    since the season rule refuses a class sent before its season opens."""
    schools = list(
        Organization.objects.filter(
            path__startswith=root.path,
            kind__in=sorted(BRANCH_KINDS),
            sector__in=[Sector.HIGH_SCHOOL, Sector.VOCATIONAL_SCHOOL, Sector.MIDDLE_SCHOOL],
            graduates_on__isnull=False,
        )
        .annotate(n=Count("memberships", filter=Q(memberships__status=MembershipStatus.NORMAL)))
        .filter(n__gte=2)
        .order_by("graduates_on", "-sector", "-n", "path")
    )
    if not schools:
        return {"graduating_classes": 0, "graduates": 0}
    branch = schools[0]
    assert branch.graduates_on is not None
    gc = transfer_services.graduating_class_set(actor=admin, organization=branch, expected_on=branch.graduates_on)
    members = [m for m in _members(branch) if m.person_id not in used]
    rng.shuffle(members)
    going = members[: max(1, len(members) // 2)] if len(members) > 1 else []
    plans = []
    for i, m in enumerate(going):
        if i == 0:
            plan = transfer_services.GraduatePlan(person=m.person, destination=Destination.MILITARY, note="应征入伍")
        elif i % 3 == 2:
            plan = transfer_services.GraduatePlan(
                person=m.person, destination=Destination.EMPLOYED, external_name=rng.choice(EMPLOYERS)
            )
        else:
            plan = transfer_services.GraduatePlan(
                person=m.person, destination=Destination.FURTHER_STUDY, external_name=rng.choice(UNIVERSITIES)
            )
        plans.append(plan)
        used.add(m.person_id)
    opens, _start_by, finish_by = transfer_services.season(branch, branch.graduates_on.year)
    if opens <= today <= finish_by:
        graduates = transfer_services.graduating_class_send(actor=admin, graduating_class=gc, plans=plans)
        return {"graduating_classes": 1, "graduates": len(graduates)}
    day = today - datetime.timedelta(days=10)
    for plan in plans:
        transfer = transfer_services.transfer_start(
            actor=admin,
            person=plan.person,
            external_name=plan.external_name or transfer_services.SPECIAL_REGISTER,
            reason=str(Destination(plan.destination).label),
            today=day,
        )
        transfer = transfer_services.transfer_approve(actor=admin, transfer=transfer, today=day)
        Graduate.objects.create(
            graduating_class=gc, person=plan.person, destination=plan.destination, transfer=transfer, note=plan.note
        )
    if plans:
        GraduatingClass.objects.filter(pk=gc.pk).update(sent_on=day)
    return {"graduating_classes": 1, "graduates": len(plans)}


def _transfers(rng, root, featured, admin, today, used: set[int]) -> dict:
    branches = list(
        Organization.objects.filter(path__startswith=root.path, kind__in=sorted(BRANCH_KINDS))
        .exclude(sector__in=sorted(STUDENT_SECTORS))
        .exclude(pk=featured.pk)
        .order_by("path")
    )

    def somebody(branch: Organization) -> Person | None:
        for m in _members(branch):
            if m.person_id not in used and m.person.political_status == PoliticalStatus.LEAGUE_MEMBER:
                used.add(m.person_id)
                return m.person
        return None

    def elsewhere(origin: Organization) -> Organization:
        options = [b for b in branches if b.parent_id != origin.parent_id]
        return rng.choice(options or branches)

    # Waiting for the featured branch's committee to let a member go.
    person = somebody(featured)
    if person is not None:
        transfer_services.transfer_start(
            actor=admin,
            person=person,
            destination=elsewhere(featured),
            reason="到新单位工作，申请转接组织关系。",
            today=today - datetime.timedelta(days=2),
        )
    picks = rng.sample(branches, min(3, len(branches)))
    # Approved by the sending side, waiting for the receiving branch.
    if picks and (person := somebody(picks[0])) is not None:
        transfer = transfer_services.transfer_start(
            actor=admin,
            person=person,
            destination=elsewhere(picks[0]),
            reason="工作调动。",
            today=today - datetime.timedelta(days=6),
        )
        transfer_services.transfer_approve(actor=admin, transfer=transfer, today=today - datetime.timedelta(days=4))
    # Left unanswered by the sending side: lapsed.
    if len(picks) > 1 and (person := somebody(picks[1])) is not None:
        transfer_services.transfer_start(
            actor=admin,
            person=person,
            destination=elsewhere(picks[1]),
            reason="迁居，申请转入居住地团组织。",
            today=today - datetime.timedelta(days=45),
        )
        transfer_services.transfers_lapse(today=today)
    # Out of the county, approved: completed, with its letter.
    if len(picks) > 2 and (person := somebody(picks[2])) is not None:
        transfer = transfer_services.transfer_start(
            actor=admin,
            person=person,
            external_name=rng.choice(OUT_OF_COUNTY),
            reason="到外地工作，转出组织关系。",
            today=today - datetime.timedelta(days=20),
        )
        transfer_services.transfer_approve(actor=admin, transfer=transfer, today=today - datetime.timedelta(days=18))
    return {"transfers": Transfer.objects.count()}


# -- discipline and lapse --------------------------------------------------------------------------------------


def _discipline(rng, root, featured, admin, today, used: set[int], paid: set[int]) -> dict:
    counts = {"discipline_cases": 0, "lapse_proposals": 0}
    branches = list(
        Organization.objects.filter(path__startswith=root.path, kind__in=sorted(BRANCH_KINDS))
        .exclude(sector__in=sorted(STUDENT_SECTORS))
        .exclude(pk=featured.pk)
        .order_by("path")
    )
    rng.shuffle(branches)
    for branch in branches:
        target = next((m for m in _members(branch) if m.person_id not in used), None)
        if target is None:
            continue
        used.add(target.person_id)
        case = discipline_services.discipline_case_create(
            actor=admin,
            person=target.person,
            sanction=Sanction.WARNING,
            facts="连续三个月无故不参加团组织生活，经团支部多次谈话教育仍未改正。",
            decided_on=today - datetime.timedelta(days=40),
            statement="本人承认错误，表示今后按时参加组织生活。",
        )
        discipline_services.discipline_case_approve(
            actor=admin, case=case, effective_on=today - datetime.timedelta(days=30), note="同意给予警告处分。"
        )
        counts["discipline_cases"] = 1
        break
    # A member with no organizational life for six months and no dues: the branch proposes the lapse.
    for branch in branches:
        found = [
            c
            for c in lapse_candidates(branch, today, paid_months=months_paid)
            if c.membership.person_id not in used and c.membership.person_id not in paid
        ]
        if not found:
            continue
        person = found[0].membership.person
        used.add(person.pk)
        exits_services.lapse_propose(actor=admin, person=person, as_of=today, paid_months=months_paid)
        counts["lapse_proposals"] = 1
        break
    return counts


def build(
    *, rng: random.Random, root: Organization, admin, today: datetime.date, featured: Organization, keep=()
) -> dict:
    """The county's dues, evaluation and registration, transfers, graduating class, discipline and lapse.
    keep: people left out of transfers, discipline and lapse (the demo logins keep their branch)."""
    used = set(keep)
    dues, paid = _dues(rng, root, featured, admin, today, set())
    result = dict(dues)
    result.update(_evaluations(rng, root, featured, admin, today, set()))
    result.update(_graduating_class(rng, root, admin, today, used))
    result.update(_transfers(rng, root, featured, admin, today, used))
    result.update(_discipline(rng, root, featured, admin, today, used, paid))
    return result


def purge() -> dict:
    """Delete the lifecycle records (the demo reset); they hold people, meetings and organizations."""
    counts = {"dues_payments": DuesPayment.objects.count(), "transfers": Transfer.objects.count()}
    BillLine.objects.all().delete()
    DuesAllocation.objects.all().delete()
    DuesPayment.objects.all().delete()
    DuesDecision.objects.all().delete()
    PayBand.objects.all().delete()
    DuesPolicy.objects.all().delete()
    Registration.objects.all().delete()
    EvaluationEntry.objects.all().delete()
    counts["evaluations"], _ = Evaluation.objects.all().delete()
    LifecyclePolicy.objects.all().delete()
    Graduate.objects.all().delete()
    GraduatingClass.objects.all().delete()
    TransferStep.objects.all().delete()
    Transfer.objects.all().delete()
    TransferPolicy.objects.all().delete()
    DisciplineStep.objects.all().delete()
    DisciplineCase.objects.all().delete()
    LapseProposal.objects.all().delete()
    return counts
