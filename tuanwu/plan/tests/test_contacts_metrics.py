"""The direct-contact metrics on a hand-built fourth quarter of 2020, and task 19 of the sample plan bound to them.

Three full-time cadres of the town under a county policy of 2 youths from 2 fields and 1 fixed youth, each with
1 fixed organization and 1 fixed youth: 周敏 meets "1+100"; 吴刚's youths are both students; 郑洁 met nobody face
to face. So 1 of 3 meets "1+100" (33.3 %), and 3 of 3 have their fixed organization and youth (100.0 %)."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tuanwu.contacts.models import ContactLog, ContactPolicy
from tuanwu.contacts.tests.factories import cadre, contacts, fix, log
from tuanwu.organizations.policy import policy_set
from tuanwu.plan import metrics, selectors, services
from tuanwu.plan.models import PlanTarget

SAMPLE = (Path(__file__).resolve().parent / "data" / "work-plan-2020.txt").read_text()
Q4 = datetime.date(2020, 11, 10)


def _build(cast, name, fields, face_to_face=True):
    c = cadre(cast.town, name, started_on=datetime.date(2020, 1, 1))
    youths = []
    for field in fields:
        youths += contacts(c, 1, field=field, prefix=f"{name}{field}", added_on=datetime.date(2020, 1, 1))
    youths[0].fixed = True
    youths[0].save()
    point = fix(c, cast.branch, since=datetime.date(2020, 1, 1))
    ContactLog.objects.bulk_create(ContactLog(cadre=c, contact=y, channel="online", date=Q4) for y in youths)
    log(c, youths[0], channel="offline_activity", date=Q4, raised="活动场地不足", done="协调场地")
    log(c, youths[1], channel="online", date=Q4, raised="求职信息")
    if face_to_face:
        log(c, youths[1], channel="face_to_face", date=datetime.date(2020, 3, 1))
    log(c, None, channel="org_visit", date=Q4, fixed_organization=point)
    return c


@pytest.fixture
def quarter(cast):
    policy_set(
        ContactPolicy,
        actor=cast.users["county_admin"],
        perm="contacts.manage_contact",
        county=cast.county,
        year=2020,
        min_contacts=2,
        min_fields=2,
        fixed_youths=1,
    )
    _build(cast, "周敏", ["student", "worker"])
    _build(cast, "吴刚", ["student", "student"])
    _build(cast, "郑洁", ["student", "worker"], face_to_face=False)
    return cast


def _value(cast, key, year=2020):
    return metrics.METRICS[key].compute(cast.users["county_admin"], cast.county, year)


def test_the_metrics_count_the_hand_built_quarter(quarter):
    assert _value(quarter, "contacts_compliant_share") == Decimal("33.3")
    assert _value(quarter, "contacts_fixed_share") == Decimal("100.0")
    # Each cadre: 2 youths online, the offline activity, one more online, the visit (the Q1 meeting not counted).
    assert _value(quarter, "contacts_logged") == Decimal(15)
    assert _value(quarter, "contacts_issues_raised") == Decimal(6)
    assert _value(quarter, "contacts_issues_resolved") == Decimal(3)
    assert [metrics.METRICS[k].unit for k in ("contacts_compliant_share", "contacts_logged")] == ["%", "次"]


def test_a_county_without_cadres_has_no_data(cast):
    assert _value(cast, "contacts_compliant_share") is None


def test_task_19_binds_to_the_fixed_contact_points_and_stands(quarter):
    admin = quarter.users["county_admin"]
    plan = services.plan_import(actor=admin, text=SAMPLE, year=2020)
    targets = [
        t
        for t in PlanTarget.objects.filter(task__area__plan=plan, task__number=19).order_by("pk")
        if t.metric.startswith("contacts_")
    ]
    for target in targets:
        services.target_binding_confirm(actor=admin, target=target, metric=target.metric)
        target.refresh_from_db()

    standing = [selectors.standing(admin, t, 2020, today=datetime.date(2021, 1, 15)) for t in targets]

    assert targets, "task 19 suggests a contacts metric"
    assert {t.metric for t in targets} == {"contacts_fixed_share"}
    assert [s.actual for s in standing] == [Decimal("100.0")] * len(targets)
    # The targets say 1–2 个 and 3 名 per cadre; the metric's own goal is every full-time cadre (100 %).
    assert [(s.goal, s.status) for s in standing] == [(Decimal(100), "met")] * 2
    assert standing[0].link == "/contacts/compliance/?year=2020&quarter=4"
