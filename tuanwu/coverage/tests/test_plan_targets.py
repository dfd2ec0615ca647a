"""Task 13 of the sample plan: its three targets bound to the coverage metrics, standing met / at risk / missed
on the hand-built directory of test_figures (2019 and 2020 frozen at their ends)."""

import datetime
from decimal import Decimal
from pathlib import Path

from tuanwu.coverage import services as svc
from tuanwu.coverage.tests.test_figures import changes_of_the_year, directory  # noqa: F401 - the fixture
from tuanwu.plan import selectors, services
from tuanwu.plan.models import PlanTarget

SAMPLE = (Path(__file__).resolve().parents[2] / "plan" / "tests" / "data" / "work-plan-2020.txt").read_text()


def test_the_three_targets_of_task_13_bind_to_the_coverage_metrics_and_stand(directory):  # noqa: F811
    cast, o, u = directory
    admin = cast.users["county_admin"]
    svc.snapshot_take(actor=admin, county=cast.county, year=2019)
    changes_of_the_year(cast, o, u, 2020)
    svc.units_quality_gate(actor=admin, county=cast.county)
    svc.snapshot_take(actor=admin, county=cast.county, year=2020)
    plan = services.plan_import(actor=admin, text=SAMPLE, year=2020)
    targets = list(PlanTarget.objects.filter(task__area__plan=plan, task__number=13).order_by("pk"))
    for target in targets:
        services.target_binding_confirm(actor=admin, target=target, metric=target.metric)
        target.refresh_from_db()

    near_the_end = datetime.date(2022, 11, 15)
    standing = [selectors.standing(admin, t, 2020, today=near_the_end) for t in targets]

    assert [t.metric for t in targets] == ["two_new_coverage", "park_coverage", "social_density_growth"]
    # 两新 66.7 % of 100 % by 2022-12-31 (six weeks left): at risk; parks 50.0 % of 100 % by 2020-12-31:
    # missed; density +50.0 % against +10 %: met.
    assert [(s.actual, s.goal, s.status) for s in standing] == [
        (Decimal("66.7"), Decimal(100), "at_risk"),
        (Decimal("50.0"), Decimal(100), "missed"),
        (Decimal("50.0"), Decimal(10), "met"),
    ]
    assert standing[0].link == "/coverage/board/?year=2020"
