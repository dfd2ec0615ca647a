"""A first run shows every module: the demo county holds a work plan for this year and the last, and a 青年大学习
season whose episodes have learners, ranks and rows to review; the reset leaves none of it."""

import pytest
from django.utils import timezone

from tuanwu.demo import generator
from tuanwu.plan.models import PlanTarget, PlanTask, ProgressNote, WorkPlan


@pytest.fixture
def demo(db):
    return generator.build(members=600, seed=2020)


def test_the_demo_has_the_sample_plan_for_this_year_and_the_last(demo):
    year = timezone.localdate().year

    assert sorted(WorkPlan.objects.values_list("year", flat=True)) == [year - 1, year]
    for plan_year in (year - 1, year):
        assert PlanTask.objects.filter(area__plan__year=plan_year).count() == 19
    this_year = PlanTask.objects.filter(area__plan__year=year)
    assert this_year.exclude(owner=None).exclude(status=PlanTask.Status.NOT_STARTED).count() >= 3
    assert ProgressNote.objects.filter(task__area__plan__year=year).count() >= 3
    bindings = PlanTarget.objects.filter(task__area__plan__year=year, task__number=14).exclude(metric="")
    assert bindings.exclude(confirmed_metric="").count() >= 1
    assert bindings.filter(confirmed_metric="").count() >= 1


def test_the_reset_removes_the_plans(demo):
    generator.reset()

    assert not WorkPlan.objects.exists()
    assert not PlanTask.objects.exists()
