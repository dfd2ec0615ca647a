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


def test_the_demo_has_a_season_of_imported_and_ranked_episodes(demo):
    from tuanwu.study.models import MATCHED, Episode, MemberBase, Participation

    year = timezone.localdate().year
    episodes = Episode.objects.filter(released_on__year=year)

    assert episodes.count() >= 5
    assert not episodes.filter(province_rank=None).exists()
    assert not episodes.filter(imported_at=None).exists()
    for episode in episodes:
        rows = Participation.objects.filter(episode=episode)
        assert rows.filter(match__in=MATCHED, is_member=True).count() > 50
        assert rows.filter(match=Participation.Match.UNMATCHED).exists()
        assert rows.values("organization").distinct().count() > 10
        assert MemberBase.objects.filter(episode=episode).exists()


def test_the_plans_rank_target_is_measured_by_the_episodes(demo, client):
    from tuanwu.accounts.models import User
    from tuanwu.demo.study import RANKS
    from tuanwu.plan.selectors import plan_standings

    admin = User.objects.get(username="county_admin")
    plan = WorkPlan.objects.get(year=timezone.localdate().year)
    target = PlanTarget.objects.get(task__area__plan=plan, task__number=2)
    assert target.metric == "study_worst_rank"
    (standing,) = plan_standings(admin, plan)[target.task_id]
    assert standing.series == list(RANKS)
    client.force_login(admin)
    for url in ("/plan/", "/study/"):
        assert client.get(url).status_code == 200


def test_the_reset_removes_the_study_data(demo):
    from tuanwu.study.models import Episode, MemberBase, Participation, Season

    generator.reset()

    assert not Season.objects.exists()
    assert not Episode.objects.exists()
    assert not Participation.objects.exists()
    assert not MemberBase.objects.exists()
