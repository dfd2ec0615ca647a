import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tuanwu.programs import services
from tuanwu.programs.models import Project, ProjectKind, ProjectStep
from tuanwu.volunteering.models import HourEntry
from tuanwu.volunteering.selectors import person_hours

from .factories import project

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_registering_a_project_records_its_first_step(cast):
    admin = cast.users["committee_secretary"]

    p = project(admin, cast.branch, members=[cast.people["zhang"], cast.people["li"]], tutor=cast.people["wang"])

    assert p.stage == Project.Stage.REGISTERED
    assert p.budget_yuan == "1500.00"
    assert list(p.steps.values_list("stage", "on", "by")) == [("registered", datetime.date(2026, 6, 1), admin.pk)]
    assert sorted(p.team.values_list("person__name", flat=True)) == ["张晓明", "李华"]


def test_stages_move_forward_dated_and_signed(cast):
    actor = cast.users["branch_secretary"]
    p = project(actor, cast.branch)

    services.project_start(actor=actor, project=p, on=datetime.date(2026, 7, 1))
    services.progress_note_add(actor=actor, project=p, written_on=datetime.date(2026, 7, 5), text="入村调研")
    services.project_close(actor=actor, project=p, on=datetime.date(2026, 7, 21), note="调研报告一份，服务评价表已盖章")

    p.refresh_from_db()
    assert p.stage == Project.Stage.CLOSED
    assert list(p.steps.values_list("stage", flat=True)) == ["registered", "running", "closed"]
    assert p.notes.get().text == "入村调研"


def test_refuses_going_back_or_skipping(cast):
    actor = cast.users["branch_secretary"]
    p = project(actor, cast.branch)

    with pytest.raises(ValidationError) as e:
        services.project_close(actor=actor, project=p, on=datetime.date(2026, 7, 21), note="总结")

    assert e.value.code == "PROJECT_TRANSITION"
    assert ProjectStep.objects.filter(project=p).count() == 1


def test_branch_secretary_cannot_register_for_another_branch(cast):
    with pytest.raises(Http404):
        project(cast.users["branch_secretary"], cast.branch2)

    assert not Project.objects.exists()


def test_a_summer_team_service_lands_in_the_volunteer_ledger(cast):
    actor = cast.users["committee_secretary"]
    zhang, li = cast.people["zhang"], cast.people["li"]
    p = project(actor, cast.branch, members=[zhang, li])
    services.project_start(actor=actor, project=p, on=datetime.date(2026, 7, 1))

    certified = services.project_service_record(
        actor=actor,
        project=p,
        starts_at=datetime.datetime(2026, 7, 2, 9, 0, tzinfo=TZ),
        ends_at=datetime.datetime(2026, 7, 2, 12, 0, tzinfo=TZ),
        category="countryside",
    )

    assert certified == 2
    rows = HourEntry.objects.filter(activity__task_force=p.__class__.objects.get(pk=p.pk).task_force)
    assert sorted(rows.values_list("person__name", "hours", "status")) == [
        ("张晓明", 3, "certified"),
        ("李华", 3, "certified"),
    ]
    assert person_hours(zhang.pk, 2026) == 3


def test_only_a_summer_team_records_service(cast):
    actor = cast.users["committee_secretary"]
    p = project(actor, cast.branch, kind=ProjectKind.RESEARCH)
    services.project_start(actor=actor, project=p, on=datetime.date(2026, 7, 1))

    with pytest.raises(ValidationError) as e:
        services.project_service_record(
            actor=actor,
            project=p,
            starts_at=datetime.datetime(2026, 7, 2, 9, 0, tzinfo=TZ),
            ends_at=datetime.datetime(2026, 7, 2, 12, 0, tzinfo=TZ),
            category="countryside",
        )

    assert e.value.code == "NOT_A_TEAM"
    assert not HourEntry.objects.exists()
