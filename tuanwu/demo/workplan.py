"""The demo county's work plan: the sample plan (data/work-plan.txt, written for 2020) imported for this year and
the last, its years moved to the year it is imported for, through the plan's services as the county admin.

This year's plan has a few tasks owned, under way and with a progress note for the quarter; of the task on
member development (14) one proposed binding is accepted and the others wait for a person, so both states show.
Last year's plan has the same tasks done.
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from tuanwu.organizations.models import Organization
from tuanwu.plan import services
from tuanwu.plan.models import PlanPolicy, PlanTarget, PlanTask, WorkPlan

SAMPLE = Path(__file__).resolve().parent / "data" / "work-plan.txt"
SAMPLE_YEAR = 2020
# Task number → (status this year, index of the owner among the county's committees, what was done).
TASKS = {
    2: (PlanTask.Status.IN_PROGRESS, 0, "每期青年大学习截图通报到各基层团组织，排名靠后的支部书记约谈提醒。"),
    8: (PlanTask.Status.IN_PROGRESS, 1, "“三下乡”社会实践团队已组建，完成立项和行前培训。"),
    13: (PlanTask.Status.AT_RISK, 2, "园区企业摸底完成，新建团组织进度慢于倒排工期，已列入督办。"),
    14: (PlanTask.Status.IN_PROGRESS, 0, "入团积极分子团前教育学时、志愿服务时长逐人核对，不达标的暂缓发展。"),
    19: (PlanTask.Status.DONE, 3, "专职团干部联系点已全部确定，联系青年名单报县委备案。"),
}
CONFIRMED_TASK = 14  # the task whose first binding is accepted; its others stay 待确认


def _text(year: int) -> str:
    """The sample with its years moved: 2020 becomes the plan's year, 2022 two years on."""
    text = SAMPLE.read_text(encoding="utf-8")
    return text.replace(str(SAMPLE_YEAR + 2), str(year + 2)).replace(str(SAMPLE_YEAR), str(year))


def _quarter(today) -> int:
    return (today.month - 1) // 3 + 1


def _fill(plan: WorkPlan, committees: list[Organization], admin, *, status=None, quarter: int) -> int:
    tasks = {t.number: t for t in PlanTask.objects.filter(area__plan=plan)}
    notes = 0
    for number, (task_status, owner, text) in TASKS.items():
        task = services.task_update(
            actor=admin,
            task=tasks[number],
            owner=committees[owner % len(committees)],
            status=status or task_status,
        )
        services.note_add(actor=admin, task=task, quarter=quarter, text=text)
        notes += 1
    return notes


def build(*, root: Organization, admin) -> dict:
    """Import the plan for this year and the last; returns how many plans, tasks and notes were created."""
    today = timezone.localdate()
    committees = list(Organization.objects.filter(parent=root).order_by("path"))
    plans, notes = [], 0
    for year, status, quarter in (
        (today.year - 1, PlanTask.Status.DONE, 4),
        (today.year, None, _quarter(today)),
    ):
        plan = services.plan_import(actor=admin, text=_text(year), year=year, filename=SAMPLE.name)
        notes += _fill(plan, committees, admin, status=status, quarter=quarter)
        plans.append(plan)
    current = plans[-1]
    first = (
        PlanTarget.objects.filter(task__area__plan=current, task__number=CONFIRMED_TASK)
        .exclude(metric="")
        .order_by("pk")
        .first()
    )
    if first is not None:
        services.target_binding_confirm(actor=admin, target=first, metric=first.metric)
    return {
        "work_plans": len(plans),
        "plan_tasks": PlanTask.objects.filter(area__plan__in=plans).count(),
        "progress_notes": notes,
    }


def purge() -> dict:
    """Delete every work plan with its areas, tasks, targets, notes and steps (the demo reset)."""
    count = WorkPlan.objects.count()
    WorkPlan.objects.all().delete()
    PlanPolicy.objects.all().delete()
    return {"work_plans": count}
