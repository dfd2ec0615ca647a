"""Organizational life of the demo county: from September of last year to last week, each branch holds its theme
days, lessons, general and committee meetings as diligently as its own habit (most keep up, some slip, a few
hardly meet), tagged with the county's campaigns; the county office's Party branch keeps its 三会一课; the county's
团校 runs a class for branch secretaries. Written in bulk, like the rest of the demo county; the services are for
real users, and the rows obey what they check (attendees on the organizer's roll, hours only for lessons)."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from tuanwu.meetings.models import (
    Attendance,
    Campaign,
    Course,
    Enrollment,
    Kind,
    LessonCredit,
    Meeting,
    PartyBranch,
    PartyMember,
)
from tuanwu.organizations.models import BRANCH_KINDS, STUDENT_SECTORS, Organization
from tuanwu.people.models import CadrePost, Membership, Person
from tuanwu.people.workflow import ACTIVE_STATES

CAMPAIGNS = ("四进四信", "五四", "学党史、知党情、跟党走", "青年大学习", "红领巾心向党")
THEME_TOPICS = (
    "学习习近平新时代中国特色社会主义思想",
    "“青年大学习”网上主题团课交流",
    "“学党史、知党情、跟党走”主题团日",
    "志愿服务进社区",
    "五四青年节主题团日",
    "“四进四信”专题学习",
    "重温入团誓词",
    "国家安全教育日主题团日",
    "垃圾分类我先行",
    "“红领巾心向党”主题队团日",
    "向国旗敬礼",
    "传承红色基因，争做时代新人",
)
LESSON_TOPICS = ("团的基本知识", "团章学习", "团的光荣历史", "党史学习教育专题团课", "团员的权利和义务")
PLACES = ("团支部活动室", "会议室", "村委会二楼", "学校报告厅", "党群服务中心")
ABSENCE_REASONS = ("外出务工", "病假", "出差", "在外地上学", "家中有事")
# Share of branches by habit: (keeps up, slips now and then, hardly meets).
HABITS = ((0.62, 0.95), (0.28, 0.65), (0.10, 0.2))


def _months(today: datetime.date) -> list[tuple[int, int]]:
    """From September of last year to the month before this one."""
    out, year, month = [], today.year - 1, 9
    while (year, month) < (today.year, today.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _day(rng: random.Random, year: int, month: int, today: datetime.date) -> datetime.date:
    day = datetime.date(year, month, rng.randint(3, 26))
    return min(day, today - datetime.timedelta(days=1))


class _Rows:
    def __init__(self):
        self.meetings: list[Meeting] = []
        self.attendance: list[list[tuple[int, str, str, Decimal]]] = []
        self.campaigns: list[list[Campaign]] = []

    def add(self, meeting: Meeting, lines, campaigns=()):
        self.meetings.append(meeting)
        self.attendance.append(lines)
        self.campaigns.append(list(campaigns))

    def save(self) -> tuple[int, int]:
        Meeting.objects.bulk_create(self.meetings, batch_size=2000)
        rows = [
            Attendance(meeting=m, person_id=pk, status=status, reason=reason, hours=hours)
            for m, lines in zip(self.meetings, self.attendance, strict=True)
            for pk, status, reason, hours in lines
        ]
        Attendance.objects.bulk_create(rows, batch_size=5000)
        through = Meeting.campaigns.through
        links = [
            through(meeting_id=m.pk, campaign_id=c.pk)
            for m, tags in zip(self.meetings, self.campaigns, strict=True)
            for c in tags
        ]
        through.objects.bulk_create(links, batch_size=5000)
        return len(self.meetings), len(rows)


def _lines(rng, roll: list[int], rate: float, hours: Decimal) -> list[tuple[int, str, str, Decimal]]:
    out = []
    for pk in roll:
        if rng.random() < rate:
            out.append((pk, Attendance.Status.PRESENT, "", hours))
        elif rng.random() < 0.5:
            out.append((pk, Attendance.Status.EXCUSED, "请假", Decimal(0)))
        else:
            out.append((pk, Attendance.Status.ABSENT, rng.choice(ABSENCE_REASONS), Decimal(0)))
    return out


def _branch_meetings(rng, rows: _Rows, branch: Organization, roll: list[int], habit: float, tags, today, admin):
    if not roll:
        return
    months = _months(today)
    student = branch.sector in STUDENT_SECTORS
    for year, month in months:
        holiday = student and month in (7, 8)
        common = {"organization": branch, "source": Meeting.Source.ENTERED, "created_by": admin}
        if not holiday and rng.random() < habit:
            topic = rng.choice(THEME_TOPICS)
            held = _day(rng, year, month, today)
            campaigns = [tags["五四"]] if month in (4, 5) else []
            if "学党史" in topic:
                campaigns.append(tags["学党史、知党情、跟党走"])
            if "四进四信" in topic or rng.random() < 0.2:
                campaigns.append(tags["四进四信"])
            rows.add(
                Meeting(kind=Kind.THEME_DAY, held_on=held, topic=topic, place=rng.choice(PLACES), **common),
                _lines(rng, roll, 0.6 + habit * 0.35, Decimal(0)),
                campaigns,
            )
        if len(roll) >= 7 and not holiday and rng.random() < habit * 0.9:
            rows.add(
                Meeting(
                    kind=Kind.COMMITTEE_MEETING,
                    held_on=_day(rng, year, month, today),
                    topic="研究本月团支部工作",
                    place=rng.choice(PLACES),
                    **common,
                ),
                [],
            )
        if len(roll) >= 7 and not holiday and rng.random() < habit * 0.9:
            group = roll[: max(3, len(roll) // 2)]  # one of the branch's groups meets (there is no register of groups)
            rows.add(
                Meeting(
                    kind=Kind.GROUP_MEETING,
                    held_on=_day(rng, year, month, today),
                    topic="团小组学习",
                    place=rng.choice(PLACES),
                    **common,
                ),
                _lines(rng, group, 0.7 + habit * 0.25, Decimal(0)),
            )
        if month % 3 == 0 and rng.random() < habit:
            rate = 0.52 + habit * 0.4 if rng.random() > 0.1 else 0.4  # now and then below quorum
            rows.add(
                Meeting(
                    kind=Kind.GENERAL_MEETING,
                    held_on=_day(rng, year, month, today),
                    topic="支部大会：学习传达上级团组织会议精神",
                    place=rng.choice(PLACES),
                    decisions="通过本季度工作安排。",
                    **common,
                ),
                _lines(rng, roll, rate, Decimal(0)),
            )
        if month % 3 == 2 and rng.random() < habit:
            hours = Decimal(rng.choice((1, 2, 2, "1.5")))
            rows.add(
                Meeting(
                    kind=Kind.LESSON,
                    held_on=_day(rng, year, month, today),
                    topic=rng.choice(LESSON_TOPICS),
                    place=rng.choice(PLACES),
                    hours=hours,
                    **common,
                ),
                _lines(rng, roll, 0.6 + habit * 0.35, hours),
                [tags["青年大学习"]] if rng.random() < 0.3 else [],
            )


def _rolls(root: Organization) -> dict[int, list[int]]:
    rolls: dict[int, list[int]] = defaultdict(list)
    for person_id, org_id in (
        Membership.objects.filter(organization__path__startswith=root.path, status__in=ACTIVE_STATES)
        .order_by("person__name_pinyin", "person_id")
        .values_list("person_id", "organization_id")
    ):
        rolls[org_id].append(person_id)
    return rolls


def _party(rng, rows: _Rows, root: Organization, today, admin) -> int:
    staff = list(Person.objects.filter(organization=root).order_by("pk")[:9])
    if not staff:
        return 0
    branch = PartyBranch.objects.create(organization=root, name=f"{root.name}机关党支部")
    posts = [PartyMember.Post.SECRETARY, PartyMember.Post.COMMITTEE, PartyMember.Post.COMMITTEE]
    PartyMember.objects.bulk_create(
        [
            PartyMember(
                branch=branch,
                person=p,
                post=posts[i] if i < len(posts) else PartyMember.Post.MEMBER,
                group="第一党小组" if i % 2 == 0 else "第二党小组",
                joined_on=datetime.date(2018, 7, 1),
            )
            for i, p in enumerate(staff)
        ]
    )
    roll = [p.pk for p in staff]
    for year, month in _months(today):
        common = {"organization": root, "party_branch": branch, "created_by": admin}
        rows.add(
            Meeting(kind=Kind.PARTY_COMMITTEE, held_on=_day(rng, year, month, today), topic="支委会", **common),
            _lines(rng, roll[:3], 1.0, Decimal(0)),
        )
        if rng.random() < 0.9:
            rows.add(
                Meeting(kind=Kind.PARTY_GROUP, held_on=_day(rng, year, month, today), topic="党小组学习", **common),
                _lines(rng, roll, 0.9, Decimal(0)),
            )
        if month % 3 == 0:
            rows.add(
                Meeting(kind=Kind.PARTY_GENERAL, held_on=_day(rng, year, month, today), topic="党员大会", **common),
                _lines(rng, roll, 0.9, Decimal(0)),
            )
            hours = Decimal(2)
            rows.add(
                Meeting(
                    kind=Kind.PARTY_LESSON,
                    held_on=_day(rng, year, month, today),
                    topic="书记讲党课",
                    hours=hours,
                    **common,
                ),
                _lines(rng, roll, 0.9, hours),
            )
    return len(staff)


def _school(rng, root: Organization, today, admin) -> tuple[int, int, int]:
    """The county's 团校: a class of branch secretaries this spring, four sessions, most completed."""
    secretaries = list(
        CadrePost.objects.filter(
            organization__path__startswith=root.path,
            organization__kind__in=sorted(BRANCH_KINDS),
            post="secretary",
            until__isnull=True,
        )
        .order_by("organization__path")
        .values_list("person_id", flat=True)[:40]
    )
    start = (
        datetime.date(today.year, 4, 8)
        if today >= datetime.date(today.year, 6, 1)
        else datetime.date(today.year - 1, 10, 8)
    )
    course = Course.objects.create(
        organization=root,
        kind=Course.Kind.LEAGUE_SCHOOL,
        title=f"{root.name}团校{start.year}年基层团支部书记培训班",
        starts_on=start,
        ends_on=start + datetime.timedelta(days=28),
        required_sessions=3,
        required_hours=Decimal(6),
    )
    rows = _Rows()
    attended: dict[int, int] = defaultdict(int)
    for week in range(4):
        hours = Decimal(2)
        lines = _lines(rng, secretaries, 0.85, hours)
        for pk, status, _r, _h in lines:
            attended[pk] += status == Attendance.Status.PRESENT
        rows.add(
            Meeting(
                organization=root,
                kind=Kind.COURSE_SESSION,
                held_on=start + datetime.timedelta(days=7 * week),
                topic=("团的基础知识", "团支部工作实务", "青年大学习组织动员", "智慧团建系统操作")[week],
                place="县委党校",
                hours=hours,
                course=course,
                created_by=admin,
            ),
            lines,
        )
    rows.save()
    enrollments = [
        Enrollment(
            course=course,
            person_id=pk,
            status=Enrollment.Status.COMPLETED if attended[pk] >= 3 else Enrollment.Status.ENROLLED,
            completed_on=course.ends_on if attended[pk] >= 3 else None,
        )
        for pk in secretaries
    ]
    Enrollment.objects.bulk_create(enrollments)
    return len(enrollments), sum(1 for e in enrollments if e.completed_on), len(rows.meetings)


def build(*, rng: random.Random, root: Organization, admin, today: datetime.date) -> dict:
    """The county's campaigns, a year and a quarter of organizational life, the Party branch and the 团校 class."""
    tags = {name: Campaign.objects.create(organization=root, name=name, position=i) for i, name in enumerate(CAMPAIGNS)}
    rolls = _rolls(root)
    rows = _Rows()
    branches = list(
        Organization.objects.filter(path__startswith=root.path, kind__in=sorted(BRANCH_KINDS)).order_by("path")
    )
    weights = [h[0] for h in HABITS]
    for branch in branches:
        habit = rng.choices([h[1] for h in HABITS], weights)[0]
        _branch_meetings(rng, rows, branch, rolls.get(branch.pk, []), habit, tags, today, admin)
    party = _party(rng, rows, root, today, admin)
    meetings, attendance = rows.save()
    enrolled, completed, sessions = _school(rng, root, today, admin)
    return {
        "meetings": meetings + sessions,
        "meeting_attendance": attendance,
        "party_members": party,
        "course_enrollments": enrolled,
        "course_completions": completed,
    }


def purge() -> dict:
    """Delete the county's organizational life (the demo reset)."""
    counts = {"meeting_attendance": Attendance.objects.count()}
    Meeting.campaigns.through.objects.all().delete()
    Attendance.objects.all().delete()
    counts["meetings"], _ = Meeting.objects.all().delete()
    Enrollment.objects.all().delete()
    Course.objects.all().delete()
    LessonCredit.objects.all().delete()
    PartyMember.objects.all().delete()
    PartyBranch.objects.all().delete()
    Campaign.objects.all().delete()
    return counts
