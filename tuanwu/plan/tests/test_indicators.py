"""The plan as a living object: imported through the service and the command, and targets whose value follows
the records."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from tuanwu.plan import selectors, services
from tuanwu.plan.models import PlanTarget, WorkPlan
from tuanwu.volunteering.models import HourEntry

SAMPLE = (Path(__file__).resolve().parent / "data" / "work-plan-2020.txt").read_text(encoding="utf-8")
YEAR = timezone.localdate().year


def hours(person, amount, day=None):
    return HourEntry.objects.create(
        person=person,
        organization=person.organization,
        organizer=person.organization,
        source=HourEntry.Source.IMPORT,
        category="community",
        content="社区服务",
        service_date=day or timezone.localdate(),
        hours=Decimal(amount),
        status=HourEntry.Status.CERTIFIED,
        certified_at=timezone.now(),
    )


def test_the_sample_plan_imports_with_its_targets_and_suggested_metrics(cast):
    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020, filename="要点.txt")

    assert plan.areas.count() == 5
    assert sum(a.tasks.count() for a in plan.areas.all()) == 19
    assert PlanTarget.objects.filter(task__area__plan=plan).count() == 9  # 合理降低团青比例 included
    metrics = dict(PlanTarget.objects.filter(task__number__in=[2, 14]).values_list("pk", "metric"))
    # Each rule of task 14 has its own metric, in 人, and 合理降低团青比例 the ratio's change; 每期 is every
    # episode's rank.
    assert set(metrics.values()) == {
        "study_worst_rank",
        "admission_lesson_hours_violations",
        "admission_volunteer_hours_violations",
        "member_youth_ratio_change",
    }


def test_only_the_county_imports_and_a_second_import_must_replace(cast):
    with pytest.raises(ValidationError) as refused:
        services.plan_import(actor=cast.users["committee_secretary"], text=SAMPLE, year=2020)
    assert refused.value.code == "PLAN_COUNTY_ONLY"

    services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020)
    with pytest.raises(ValidationError) as again:
        services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020)
    assert again.value.code == "PLAN_EXISTS"
    services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020, replace=True)
    assert WorkPlan.objects.count() == 1


def test_dropped_candidates_are_not_saved(cast):
    services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020, dropped={(13, 0), (19, 1)})

    assert PlanTarget.objects.count() == 7


def test_an_indicator_bound_to_a_metric_follows_the_records(cast):
    plan = services.plan_import(
        actor=cast.users["county_admin"], text="计划\n一、服务\n1.志愿服务。全年志愿服务时长不少于10小时。\n", year=YEAR
    )
    target = PlanTarget.objects.get(task__area__plan=plan)
    services.target_update(
        actor=cast.users["county_admin"], target=target, metric="volunteer_hours", deadline=datetime.date(YEAR, 12, 31)
    )
    admin = cast.users["county_admin"]
    services.target_binding_confirm(actor=admin, target=target, metric="volunteer_hours")
    target.refresh_from_db()
    december = datetime.date(YEAR, 12, 1)

    before = selectors.standing(admin, target, YEAR, today=december)
    hours(cast.people["zhang"], 6)
    middle = selectors.standing(admin, target, YEAR, today=december)
    hours(cast.people["li"], 4)
    after = selectors.standing(admin, target, YEAR, today=december)

    assert (before.actual, before.status) == (Decimal(0), "at_risk")
    assert (middle.actual, middle.status) == (Decimal(6), "at_risk")
    assert (after.actual, after.goal, after.status) == (Decimal(10), Decimal(10), "met")
    assert after.link == f"/volunteering/stats/?year={YEAR}"


def test_a_missed_deadline_and_a_manual_value_with_evidence(cast):
    plan = services.plan_import(
        actor=cast.users["county_admin"], text="计划\n一、覆盖\n1.园区覆盖。确保园区团组织全覆盖。\n", year=YEAR
    )
    target = PlanTarget.objects.get(task__area__plan=plan)
    admin = cast.users["county_admin"]

    with pytest.raises(ValidationError) as refused:
        services.target_update(actor=admin, target=target, manual_value=Decimal(80))
    assert refused.value.code == "EVIDENCE_REQUIRED"

    services.target_update(actor=admin, target=target, manual_value=Decimal(80), manual_evidence="园区目录清单核对")
    target.refresh_from_db()
    late = selectors.standing(admin, target, YEAR, today=datetime.date(YEAR + 1, 1, 5))
    assert (late.actual, late.goal, late.status, late.source) == (Decimal(80), Decimal(100), "missed", "manual")


def test_command_prints_the_plan_as_json(cast, tmp_path, capsys):
    path = tmp_path / "plan.txt"
    path.write_text(SAMPLE, encoding="utf-8")

    call_command("plan", "import", str(path), "--year", "2020", "--format", "json", "--dry-run")

    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "团县委2020年工作要点"
    assert [len(a["tasks"]) for a in data["areas"]] == [3, 5, 4, 3, 4]
    task13 = data["areas"][3]["tasks"][0]
    assert task13["targets"][2] == {
        "text": "2020 年底前，确保园区团组织全覆盖，社会领域团的组织密度增长率不低于10%。",
        "quantity": 10,
        "unit": "%",
        "comparison": ">=",
        "deadline": "2020-12-31",
        "scope": "社会领域",
    }
    assert not WorkPlan.objects.exists()


def test_upload_preview_then_save(client_as, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("county_admin")
    preview = client.post("/plan/import/", {"file": SimpleUploadedFile("p.txt", SAMPLE.encode()), "year": 2020})
    assert preview.status_code == 200
    assert 'data-testid="plan-preview"' in preview.content.decode()

    saved = client.post("/plan/import/", {"confirm": "1", "text": SAMPLE, "year": 2020, "drop_19_1": "1"})

    assert saved.status_code == 302
    assert PlanTarget.objects.count() == 8
    page = client.get("/plan/?year=2020").content.decode()
    assert page.count('data-testid="plan-area"') == 5


def test_year_end_summary_as_docx_and_page(cast, client_as, tmp_path):
    from docx import Document

    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020)
    task = plan.areas.get(number=4).tasks.get(number=13)
    services.note_add(actor=cast.users["county_admin"], task=task, quarter=2, text="新建园区团组织3个。")
    out = tmp_path / "summary.docx"

    call_command("plan", "report", "--year", "2020", "-o", str(out))

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "青禾县委2020年工作总结（草稿）" in text
    assert "四、固本强基，着力巩固和夯实团的基层基础" in text
    assert "（一）着力扩大“两新”领域基层团的有效覆盖" in text
    assert "第二季度：新建园区团组织3个。" in text
    page = client_as("auditor").get("/plan/report/?year=2020").content.decode()
    assert "第二季度：新建园区团组织3个。" in page


def test_the_summary_is_in_english_when_the_user_reads_english(cast, client_as, tmp_path):
    from docx import Document

    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020)
    task = plan.areas.get(number=4).tasks.get(number=13)
    services.note_add(actor=cast.users["county_admin"], task=task, quarter=2, text="新建园区团组织3个。")
    out = tmp_path / "summary.docx"

    call_command("plan", "report", "--year", "2020", "-o", str(out), "--lang", "en")

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "青禾县委: work summary of 2020 (draft)" in text
    assert "4. 固本强基，着力巩固和夯实团的基层基础" in text
    assert "(1) 着力扩大“两新”领域基层团的有效覆盖" in text
    assert "Quarter 2: 新建园区团组织3个。" in text
    assert "工作总结" not in text and "季度" not in text.replace("新建园区团组织3个。", "")
    client = client_as("auditor")
    client.cookies["django_language"] = "en"
    page = client.get("/plan/report/?year=2020&quarter=2", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Quarter 2: 新建园区团组织3个。" in page
    assert "progress in quarter 2 of 2020" in page


def test_a_deadline_worked_backwards_into_dated_steps(cast, client_as):
    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020)
    task = plan.areas.get(number=4).tasks.get(number=13)

    steps = services.milestones_plan(actor=cast.users["county_admin"], task=task)
    again = services.milestones_plan(actor=cast.users["county_admin"], task=task)

    # The earliest target deadline of task 13 is 2020-12-31; the year starts 2020-01-01 (365 days).
    assert [(s.due_on.isoformat(), s.title) for s in steps] == [
        ("2020-04-01", "摸底梳理、制定方案"),
        ("2020-07-01", "推进过半、中期检查"),
        ("2020-10-01", "集中攻坚、查漏补缺"),
        ("2020-12-31", "全面完成、总结验收"),
    ]
    assert again == []
    response = client_as("county_admin").post(f"/plan/tasks/{task.pk}/milestones/", {"milestone": steps[0].pk})
    assert response.status_code == 302
    steps[0].refresh_from_db()
    assert steps[0].done_on == timezone.localdate()
    with pytest.raises(Http404):
        services.milestones_plan(actor=cast.users["committee_secretary"], task=task)


def test_a_metric_with_a_history_draws_a_sparkline(cast, client_as):
    plan = services.plan_import(
        actor=cast.users["county_admin"], text="计划\n一、服务\n1.志愿服务。全年志愿服务时长不少于10小时。\n", year=YEAR
    )
    target = PlanTarget.objects.get(task__area__plan=plan)
    services.target_update(actor=cast.users["county_admin"], target=target, metric="volunteer_hours")
    hours(cast.people["zhang"], 6)
    target.refresh_from_db()

    series = selectors.standing(cast.users["county_admin"], target, YEAR).series

    month = timezone.localdate().month
    assert series[month - 1] == 6.0 and series[-1] == 6.0 and len(series) == 12
    html = client_as("county_admin").get(f"/plan/?year={YEAR}").content.decode()
    assert 'data-testid="sparkline"' in html


def test_quarterly_report_holds_that_quarter_only(cast, client_as):
    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020)
    task = plan.areas.get(number=4).tasks.get(number=13)
    services.note_add(actor=cast.users["county_admin"], task=task, quarter=1, text="梳理“两新”组织目录清单。")
    services.note_add(actor=cast.users["county_admin"], task=task, quarter=2, text="新建园区团组织3个。")

    page = client_as("county_admin").get("/plan/report/?year=2020&quarter=2").content.decode()

    assert "青禾县委2020年第二季度工作进展（草稿）" in page
    assert "新建园区团组织3个。" in page
    assert "梳理“两新”组织目录清单。" not in page


def test_a_task_is_given_to_a_full_time_cadre(cast, client_as):
    from tuanwu.people.models import CadrePost

    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020)
    task = plan.areas.get(number=1).tasks.get(number=1)
    wang = cast.people["wang"]
    CadrePost.objects.create(
        person=wang, organization=cast.town, post="secretary", kind="full_time", since=datetime.date(2020, 1, 1)
    )
    client = client_as("county_admin")

    response = client.post(
        f"/plan/tasks/{task.pk}/",
        {"owner": cast.town.pk, "owner_cadre": wang.pk, "status": "in_progress", "version": task.version},
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.owner, task.owner_cadre, task.status) == (cast.town, wang, "in_progress")
    part_time = cast.people["li"]  # 李华 is a part-time branch secretary: not offered
    refused = client.post(
        f"/plan/tasks/{task.pk}/", {"owner_cadre": part_time.pk, "status": "done", "version": task.version}
    )
    assert refused.status_code == 200
    task.refresh_from_db()
    assert task.owner_cadre == wang


def test_task_page_offers_the_full_time_cadres(cast, client_as):
    from tuanwu.people.models import CadrePost

    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=2020)
    task = plan.areas.get(number=1).tasks.get(number=1)
    CadrePost.objects.create(
        person=cast.people["wang"],
        organization=cast.town,
        post="secretary",
        kind="full_time",
        since=datetime.date(2020, 1, 1),
    )

    html = client_as("county_admin").get(f"/plan/tasks/{task.pk}/").content.decode()

    assert f'<option value="{cast.people["wang"].pk}">王芳</option>' in html
    assert "李华</option>" not in html  # a part-time branch secretary is not offered
