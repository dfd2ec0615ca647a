"""Programs and honours in the demo county (tuanwu.programs): a 三下乡 team of the featured branch with its
members and a certified day of service, and a 创新创效 call of the county with entries from two schools, a
closed judging round with its scores, a finished public notice with one objection answered and two awards."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from tuanwu.organizations.models import STUDENT_SECTORS, Organization
from tuanwu.people.models import Person
from tuanwu.programs import services
from tuanwu.programs.models import Award, Call, Project, ProjectKind, ProjectMember
from tuanwu.programs.selectors import judge_paths

INNOVATION = (
    ("校园垃圾分类智能回收箱", "设计并试制一台能识别可回收物的回收箱"),
    ("乡村留守儿童线上课堂", "组织高年级学生为留守儿童录制微课"),
    ("本地非遗剪纸文创设计", "把剪纸纹样做成书签、明信片等文创产品"),
    ("青禾茶叶电商助农", "帮助茶农开网店、拍短视频"),
)
CRITERIA = (("创新性", Decimal("0.40")), ("可行性", Decimal("0.35")), ("社会效益", Decimal("0.25")))


def _people(organization: Organization, n: int) -> list[Person]:
    return list(
        Person.objects.filter(organization__path__startswith=organization.path, membership__isnull=False).order_by(
            "pk"
        )[:n]
    )


def build(*, rng: random.Random, root: Organization, featured: Organization, admin, judges, today) -> dict:
    """The team, the call and its judging, notice and awards, through the programs services."""
    summer = datetime.date(today.year - 1, 7, 1)
    team = services.project_create(
        actor=admin,
        organization=featured,
        registered_on=summer - datetime.timedelta(days=20),
        kind=ProjectKind.SUMMER_PRACTICE,
        title="“三下乡”青春助力乡村振兴实践队",
        tutor=None,
        starts_on=summer,
        ends_on=summer + datetime.timedelta(days=9),
        place="东湖村",
        plan="支教、政策宣讲、农产品直播带货",
        budget_fen=500000,
        deliverables="调研报告一份，支教课程十节",
    )
    members = _people(featured, 5)
    for i, person in enumerate(members):
        role = ProjectMember.Role.LEADER if i == 0 else ProjectMember.Role.MEMBER
        services.project_member_add(actor=admin, project=team, person=person, role=role)
    services.project_start(actor=admin, project=team, on=summer)
    tz = timezone.get_current_timezone()
    day = datetime.datetime.combine(summer + datetime.timedelta(days=2), datetime.time(8, 30), tzinfo=tz)
    hours = services.project_service_record(
        actor=admin,
        project=team,
        starts_at=day,
        ends_at=day + datetime.timedelta(hours=6),
        category="countryside",
        place="东湖村小学",
    )
    services.progress_note_add(
        actor=admin, project=team, written_on=summer + datetime.timedelta(days=2), text="在东湖村小学开展支教"
    )
    services.project_close(
        actor=admin, project=team, on=summer + datetime.timedelta(days=9), note="完成支教和调研，村委评价优秀"
    )

    judge_orgs = [path for judge in judges for path in judge_paths(judge)]
    schools = [
        s
        for s in Organization.objects.filter(depth=2, sector__in=STUDENT_SECTORS).order_by("path")
        if not any(s.path.startswith(p) or p.startswith(s.path) for p in judge_orgs)
    ][:2]
    opens = today - datetime.timedelta(days=60)
    call = services.call_create(
        actor=admin,
        organization=root,
        levels=[("一等奖", Decimal("25")), ("二等奖", Decimal("50"))],
        kind=ProjectKind.INNOVATION,
        title=f"{today.year}年青少年创新创效大赛",
        eligibility="全县中小学、职业学校团组织推荐",
        opens_on=opens,
        closes_on=opens + datetime.timedelta(days=20),
        quota_per_organization=2,
    )
    entries = []
    for i, (title, plan) in enumerate(INNOVATION):
        school = schools[i % len(schools)]
        tutor = next(iter(_people(school, 1)), None)
        project = services.project_create(
            actor=admin,
            organization=school,
            registered_on=opens - datetime.timedelta(days=30),
            kind=ProjectKind.INNOVATION,
            title=title,
            tutor=tutor,
            starts_on=opens - datetime.timedelta(days=30),
            ends_on=opens + datetime.timedelta(days=90),
            place=school.name,
            plan=plan,
            budget_fen=rng.choice((100000, 200000, 300000)),
            deliverables="作品实物和说明书",
        )
        for person in _people(school, 4)[1:3]:
            services.project_member_add(actor=admin, project=project, person=person)
        entries.append(
            services.entry_create(
                actor=admin,
                call=call,
                project=project,
                recommended_by=school,
                today=opens + datetime.timedelta(days=5 + i),
            )
        )
    review = services.round_create(actor=admin, call=call, name="初评")
    criteria = [services.criterion_add(actor=admin, round=review, name=n, weight=w) for n, w in CRITERIA]
    for judge in judges:
        for entry in entries:
            services.judge_assign(actor=admin, round=review, judge=judge, entry=entry)
            services.score_save(
                actor=judge,
                round=review,
                entry=entry,
                values={c.pk: Decimal(rng.randint(60, 98)) for c in criteria},
            )
    services.round_close(actor=admin, round=review)
    notice_on = opens + datetime.timedelta(days=30)
    notice = services.notice_publish(
        actor=admin,
        call=call,
        starts_on=notice_on,
        days=5,
        text="经评审，拟授予以下项目奖项，现予公示。",
    )
    objection = services.objection_record(
        actor=admin, notice=notice, text="“青禾茶叶电商助农”是否为学生原创？", received_on=notice_on
    )
    services.objection_answer(
        actor=admin,
        objection=objection,
        answer="经核实，项目由学生团队独立完成，指导教师仅提供咨询。",
        answered_on=notice_on + datetime.timedelta(days=2),
    )
    first, second = call.levels.order_by("rank")
    granted = notice.ends_on + datetime.timedelta(days=3)
    services.award_grant(actor=admin, entry=entries[0], level=first, today=granted)
    services.award_grant(actor=admin, entry=entries[1], level=second, today=granted)
    return {
        "program_projects": Project.objects.count(),
        "program_calls": 1,
        "program_entries": len(entries),
        "program_service_hours_entries": hours,
        "awards": 2,
    }


def purge() -> dict:
    """Delete the awards, calls and projects (the demo reset); they hold organizations, people and logins."""
    counts = {"awards": Award.objects.count(), "program_calls": Call.objects.count()}
    Award.objects.all().delete()
    Call.objects.all().delete()
    counts["program_projects"] = Project.objects.count()
    Project.objects.all().delete()
    return counts
