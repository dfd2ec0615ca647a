import datetime
from decimal import Decimal

from tuanwu.plan import metrics
from tuanwu.programs import services

from .factories import project


def _value(cast, key, org=None, year=2026):
    return metrics.METRICS[key].compute(cast.users["county_admin"], org or cast.county, year)


def test_plan_metrics_count_projects_participants_and_awards(cast):
    admin = cast.users["county_admin"]
    a = project(admin, cast.branch, members=[cast.people["zhang"], cast.people["li"]])
    project(admin, cast.branch2, "课题", kind="research", members=[cast.people["zhang"]])
    project(admin, cast.school, "往年队", registered_on=datetime.date(2025, 6, 1))
    services.project_start(actor=admin, project=a, on=datetime.date(2026, 7, 1))

    assert [metrics.METRICS[k].unit for k in ("projects", "project_participants", "awards")] == ["个", "人", "项"]
    assert _value(cast, "projects") == Decimal(2)
    assert _value(cast, "projects_summer_practice") == Decimal(1)
    assert _value(cast, "projects_running") == Decimal(1)
    assert _value(cast, "project_participants") == Decimal(2)
    assert _value(cast, "projects", org=cast.school) == Decimal(0)
    assert _value(cast, "awards") == Decimal(0)
