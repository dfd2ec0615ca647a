"""The demo county's 青年大学习: a season of this year's episodes, each imported from an export in the province's
layout (a title row, the header, the learners, a footer; GBK .csv) through the study import, with the county's
rank in the province recorded for each.

Who studied is drawn per branch from the county's random source: each branch has its own usual rate, each
episode moves it a little. Learners type their number and name (学号/卡号/工号) or only their name, as they do;
a few learners are nobody of the county's roster, or typed a name it does not hold, so the review has rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import random

from django.utils import timezone

from tuanwu.organizations.models import Organization
from tuanwu.people.models import Membership, Person
from tuanwu.study import services
from tuanwu.study.models import Episode, MemberBase, Participation, Season
from tuanwu.study.selectors import on_the_roll

# The county's rank among the province's counties, episode by episode (the plan wants 前列: 10 or better).
RANKS = (3, 12, 7, 5, 9, 4)
COUNTIES = 16
HEADER = ["课程", "系统", "学校", "学院", "单位/班级/社区（村）", "学号/卡号/工号", "学习时间"]
PROVINCE = "共青团某省委"
# Learners the roster does not hold: (unit as typed, name as typed) — from another county, or a typo.
STRANGERS = (("外县某团支部", "路人甲"), ("青禾县某企业", "王小二"), ("", "李同学"))
HIGH_SHARE = 0.3  # of the branches, the share that keep up
NON_MEMBER_SHARE = 0.04  # of the county's youths who are not members, the share who study anyway


def episode_days(today: datetime.date, count: int) -> list[datetime.date]:
    """Weekly dates up to a week ago, all in this year (closer together early in January)."""
    start = datetime.date(today.year, 1, 1)
    step = min(7, max(1, (today - start).days // count))
    return [max(start, today - datetime.timedelta(days=step * (count - i))) for i in range(count)]


class _Roster:
    """The county's youths as learners: their branch's name and committee, their number, whether members."""

    def __init__(self, root: Organization):
        orgs = {o.pk: o for o in Organization.objects.filter(path__startswith=root.path).select_related("parent")}
        self.orgs = orgs
        self.people = list(
            Person.objects.filter(organization__path__startswith=root.path)
            .order_by("id_number")
            .values_list("pk", "name", "staff_number", "organization_id")
        )
        self.branches = sorted({p[3] for p in self.people}, key=lambda pk: orgs[pk].path)

    def members_on(self, day: datetime.date) -> set[int]:
        return set(Membership.objects.filter(on_the_roll(day)).values_list("person_id", flat=True))


def _line(rng: random.Random, roster: _Roster, person: tuple, course: str, at: datetime.datetime) -> list:
    _pk, name, staff_number, org_id = person
    org = roster.orgs[org_id]
    committee = org.parent.name if org.parent else ""
    typed = f"{staff_number}{name}" if staff_number and rng.random() < 0.8 else name
    minute = datetime.timedelta(seconds=rng.randrange(0, 3600 * 72))
    return [course, PROVINCE, committee, "", org.name, typed, f"{at + minute:%Y/%m/%d %H:%M:%S}"]


def export(rng: random.Random, roster: _Roster, rates: dict[int, float], day: datetime.date, title: str) -> bytes:
    """An episode's export as the province gives it: who of each branch studied, and a few strangers."""
    members = roster.members_on(day)
    course = title.strip("“”")
    at = datetime.datetime.combine(day, datetime.time(19, 0))
    lines = []
    for person in roster.people:
        rate = rates[person[3]] if person[0] in members else NON_MEMBER_SHARE
        if rng.random() < rate:
            lines.append(_line(rng, roster, person, course, at))
    for unit, name in rng.sample(STRANGERS, 2):
        lines.append([course, PROVINCE, "", "", unit, name, f"{at:%Y/%m/%d %H:%M:%S}"])
    rows = [[f"{title}学习情况"], HEADER, *lines, [f"共 {len(lines)} 条记录"]]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode("gbk", errors="replace")


def _usual_rate(rng: random.Random) -> float:
    """A branch's usual rate: some keep up (80 % and more, the bands the ranking colours), most lag behind;
    kept low on the whole so that the demo's 20,000 people import in a few seconds."""
    return rng.uniform(0.85, 1.0) if rng.random() < HIGH_SHARE else rng.uniform(0.1, 0.55)


def build(*, rng: random.Random, root: Organization, admin) -> dict:
    """A season of this year's episodes imported and ranked; returns how many episodes and learners."""
    today = timezone.localdate()
    days = episode_days(today, len(RANKS))
    season = services.season_create(
        actor=admin, code=f"{today.year}-S1", title=f"{today.year}年“青年大学习”", starts_on=days[0]
    )
    roster = _Roster(root)
    usual = {pk: _usual_rate(rng) for pk in roster.branches}
    learners = 0
    for n, (day, rank) in enumerate(zip(days, RANKS, strict=True), start=1):
        title = f"“青年大学习”{day.year}年第{n}期"
        episode = services.episode_create(
            actor=admin, season=season, code=f"{day.year}-{n:02d}", title=title, released_on=day
        )
        rates = {pk: min(1.0, max(0.0, rate + rng.uniform(-0.08, 0.08))) for pk, rate in usual.items()}
        data = export(rng, roster, rates, day, title)
        result = services.episode_import(actor=admin, episode=episode, data=data, filename=f"青年大学习第{n}期.csv")
        learners += result.rows
        services.episode_rank_set(actor=admin, episode=episode, rank=rank, total=COUNTIES)
    return {"study_episodes": len(days), "study_learners": learners}


def purge() -> dict:
    """Delete every season with its episodes, learners and member bases (the demo reset)."""
    counts = {"study_learners": Participation.objects.count()}
    MemberBase.objects.all().delete()
    Participation.objects.all().delete()
    counts["study_episodes"], _ = Episode.objects.all().delete()
    Season.objects.all().delete()
    return counts
