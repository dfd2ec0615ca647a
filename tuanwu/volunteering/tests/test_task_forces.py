"""Task forces: members join and leave; a deployment is a running activity with the current members."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tuanwu.volunteering.models import Activity, Category, HourEntry, Signup, TaskForce, TaskForceMember
from tuanwu.volunteering.selectors import person_hours
from tuanwu.volunteering.services.ledger import activity_certify, attendance_confirm
from tuanwu.volunteering.services.signups import checkin_scan
from tuanwu.volunteering.services.task_forces import (
    task_force_create,
    task_force_deploy,
    task_force_member_add,
    task_force_member_remove,
)

from .factories import at, state

FOUNDED = datetime.date(2025, 3, 1)


@pytest.fixture
def team(cast):
    """东湖镇青年防汛突击队, led by 李华, with 张晓明 and 王芳 (who left)."""
    secretary = cast.users["committee_secretary"]
    team = task_force_create(
        actor=secretary,
        organization=cast.town,
        name="东湖镇青年防汛突击队",
        field=TaskForce.Field.SUPPORT,
        leader=cast.people["li"],
        founded_on=FOUNDED,
    )
    task_force_member_add(actor=secretary, task_force=team, person=cast.people["zhang"], joined_on=FOUNDED)
    wang = task_force_member_add(actor=secretary, task_force=team, person=cast.people["wang"], joined_on=FOUNDED)
    task_force_member_remove(actor=secretary, member=wang, left_on=datetime.date(2025, 9, 1))
    return team


def deploy(cast, team):
    return task_force_deploy(
        actor=cast.users["committee_secretary"],
        task_force=team,
        title="东湖堤防汛巡查",
        category=Category.OTHER,
        place="东湖堤",
        starts_at=at(0, 8),
        ends_at=at(0, 12),
    )


def test_the_leader_is_a_member_from_the_founding_day(cast, team):
    leader = TaskForceMember.objects.get(task_force=team, person=cast.people["li"])

    assert (leader.joined_on, leader.left_on) == (FOUNDED, None)


def test_deploying_creates_a_running_activity_with_every_current_member_approved(cast, team):
    deployed = deploy(cast, team)

    assert (deployed.status, deployed.task_force, deployed.organization) == (Activity.Status.RUNNING, team, cast.town)
    signups = Signup.objects.filter(activity=deployed)
    assert {s.person.name for s in signups} == {"李华", "张晓明"}
    assert {(s.status, s.decided_by) for s in signups} == {(Signup.Status.APPROVED, cast.users["committee_secretary"])}


def test_a_member_who_left_is_not_deployed(cast, team):
    deployed = deploy(cast, team)

    assert not Signup.objects.filter(activity=deployed, person=cast.people["wang"]).exists()


def test_confirmed_deployment_hours_are_task_force_hours(cast, team):
    secretary = cast.users["committee_secretary"]
    deployed = deploy(cast, team)
    checkin_scan(actor=cast.users["member"], activity=deployed, now=at(0, 7, 45))
    checkin_scan(actor=cast.users["member"], activity=deployed, now=at(0, 11, 50))
    zhang = Signup.objects.get(activity=deployed, person=cast.people["zhang"])

    attendance_confirm(actor=secretary, signup=zhang, present=True)
    activity_certify(actor=secretary, activity=deployed)

    entry = HourEntry.objects.get(signup=zhang)
    assert (entry.source, entry.hours, entry.category, entry.organizer) == (
        HourEntry.Source.TASK_FORCE,
        Decimal("3.5"),
        Category.OTHER,
        cast.town,
    )
    assert person_hours(cast.people["zhang"].pk) == Decimal("3.5")


def test_adding_a_current_member_again_is_refused(cast, team):
    before = state()

    with pytest.raises(ValidationError) as error:
        task_force_member_add(
            actor=cast.users["committee_secretary"], task_force=team, person=cast.people["zhang"], joined_on=FOUNDED
        )

    assert error.value.code == "ALREADY_MEMBER"
    assert state() == before


def test_a_member_who_left_may_join_again(cast, team):
    again = task_force_member_add(
        actor=cast.users["committee_secretary"],
        task_force=team,
        person=cast.people["wang"],
        joined_on=datetime.date(2026, 1, 1),
    )

    assert TaskForceMember.objects.filter(task_force=team, person=cast.people["wang"]).count() == 2
    assert again.left_on is None


def test_leaving_before_joining_is_refused(cast, team):
    member = TaskForceMember.objects.get(task_force=team, person=cast.people["zhang"])
    before = state()

    with pytest.raises(ValidationError) as error:
        task_force_member_remove(
            actor=cast.users["committee_secretary"], member=member, left_on=FOUNDED - datetime.timedelta(days=1)
        )

    assert error.value.code == "LEFT_BEFORE_JOINED"
    assert state() == before


def test_a_person_outside_the_secretarys_scope_cannot_be_added(cast, team):
    before = state()

    with pytest.raises(Http404):
        task_force_member_add(
            actor=cast.users["committee_secretary"], task_force=team, person=cast.people["zhao"], joined_on=FOUNDED
        )

    assert state() == before


def test_a_disbanded_task_force_cannot_be_deployed(cast, team):
    TaskForce.objects.filter(pk=team.pk).update(status=TaskForce.Status.DISBANDED)  # no disband service yet
    team.refresh_from_db()
    before = state()

    with pytest.raises(ValidationError) as error:
        deploy(cast, team)

    assert error.value.code == "TASK_FORCE_DISBANDED"
    assert state() == before


def test_another_committee_cannot_deploy_the_task_force(cast, team):
    before = state()

    with pytest.raises(Http404):
        task_force_deploy(
            actor=cast.users["outsider"],
            task_force=team,
            title="越权调派",
            category=Category.OTHER,
            place="东湖堤",
            starts_at=at(0, 8),
            ends_at=at(0, 12),
        )

    assert state() == before
