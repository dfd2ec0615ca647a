"""The demo county shows a 三下乡 team with certified service and a 创新创效 call judged, noticed and awarded; the
reset leaves none of it."""

import pytest

from tuanwu.accounts.models import User
from tuanwu.demo import generator
from tuanwu.programs import selectors as programs
from tuanwu.programs.models import (
    Award,
    Call,
    Entry,
    Objection,
    Project,
    ProjectKind,
    ProjectMember,
    Round,
    Score,
)
from tuanwu.volunteering.models import HourEntry


@pytest.fixture
def demo(db):
    return generator.build(members=600, seed=2020)


def test_a_summer_team_with_members_and_certified_service(demo):
    team = Project.objects.get(kind=ProjectKind.SUMMER_PRACTICE)

    assert team.stage == Project.Stage.CLOSED
    assert ProjectMember.objects.filter(project=team).count() == 5
    certified = HourEntry.objects.filter(activity__task_force=team.task_force, status=HourEntry.Status.CERTIFIED)
    assert certified.count() == 5 == demo["program_service_hours_entries"]


def test_a_call_with_entries_from_two_schools_judged_noticed_and_awarded(demo):
    call = Call.objects.get()

    assert Entry.objects.filter(call=call).values("recommended_by").distinct().count() == 2
    review = Round.objects.get(call=call)
    assert review.status == Round.Status.CLOSED
    assert Score.objects.filter(criterion__round=review).count() == 2 * 4 * 3
    objection = Objection.objects.get(notice__call=call)
    assert objection.answered_on is not None and objection.answer
    assert Award.objects.filter(call=call).count() == 2 == demo["awards"]


def test_the_county_sees_both_awards_and_the_cadre_of_another_unit_none(demo):
    admin = User.objects.get(username="county_admin")
    secretary = User.objects.get(username="committee_secretary")

    assert programs.award_list(admin).count() == 2
    assert programs.award_list(secretary).count() == 0


def test_the_reset_removes_the_programs_rows(demo):
    generator.reset()

    for model in (Award, Call, Entry, Project, ProjectMember, Score, Objection):
        assert not model.objects.exists(), model
