"""Role models and the League's media accounts in the demo county (tuanwu.publicity): a few role models of the
county, its committees and the featured branch with their publicity and honours; the accounts of the county and
each committee, with their administrators, reviews and six months of figures: one dormant past its closing
time, one whose student administrator graduates within weeks, one closed. Everything goes through the services."""

from __future__ import annotations

import datetime
import random

from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person
from tuanwu.publicity import services
from tuanwu.publicity.models import (
    AccountAdmin,
    Honour,
    MediaAccount,
    MediaPolicy,
    MonthlyFigure,
    Publicity,
    ReviewRecord,
    RoleModel,
)

FIELDS = ("乡村振兴", "志愿服务", "科技创新", "创业就业", "见义勇为", "基层治理")
DEEDS = (
    "返乡创办合作社，带动村里二十多名青年就业，组织青年志愿者开展助农直播。",
    "连续五年参加防汛抗旱志愿服务，累计服务时长超过六百小时。",
    "带领团队攻关生产线节能改造，获得两项实用新型专利。",
    "扎根社区，组建青年议事会，推动解决停车难、加装电梯等民生问题。",
)
HONOURS = (
    ("优秀共青团员", "county", "共青团青禾县委"),
    ("青年岗位能手", "city", "共青团市委"),
    ("五四红旗团支部", "county", "共青团青禾县委"),
    ("青年五四奖章", "province", "共青团省委"),
)
TITLES = ("五四青年节主题团日活动回顾", "青年大学习本期上线", "志愿者招募", "团干部培训班开班", "寒假返乡大学生实践")


def _month(today: datetime.date, back: int) -> datetime.date:
    y, m = divmod(today.year * 12 + today.month - 1 - back, 12)
    return datetime.date(y, m + 1, 1)


def _people(org: Organization, n: int) -> list[Person]:
    return list(Person.objects.filter(organization__path__startswith=org.path).order_by("pk")[:n])


def build(*, rng: random.Random, root: Organization, featured: Organization, admin, today: datetime.date) -> dict:
    """Role models and media accounts for the county, its committees and the featured branch."""
    committees = list(Organization.objects.filter(parent=root).order_by("path")[:5])
    owners = [root, *committees, featured]
    for i, org in enumerate([featured, *committees[:4]]):
        person = (_people(org, 1) or [None])[0] if i % 3 != 2 else None
        rm = services.role_model_create(
            actor=admin,
            organization=org,
            name=person.name if person else f"{org.name}青年突击队",
            kind="person" if person else "collective",
            person=person,
            field=FIELDS[i % len(FIELDS)],
            deeds=DEEDS[i % len(DEEDS)],
            found_on=today - datetime.timedelta(days=200 - 30 * i),
        )
        for k in range(1 + i % 2):
            services.publicity_add(
                actor=admin,
                role_model=rm,
                date=today - datetime.timedelta(days=150 - 30 * i - 10 * k),
                channel=("青禾发布", "青禾县融媒体中心", "中国青年报")[(i + k) % 3],
                title=f"{rm.name}：{rm.field}路上的青春力量",
                link=f"https://mp.weixin.qq.com/s/demo{i}{k}",
            )
        name, level, body = HONOURS[i % len(HONOURS)]
        services.honour_add(actor=admin, role_model=rm, name=name, level=level, year=today.year, awarding_body=body)

    accounts = []
    for i, org in enumerate(owners):
        people = _people(org, 3)
        if not people:
            continue
        platform = ("wechat", "douyin", "weibo", "channels", "bilibili", "qq_group", "wechat")[i % 7]
        student = i == 2
        account = services.media_account_create(
            actor=admin,
            organization=org,
            platform=platform,
            name=org.name.removeprefix("共青团"),
            handle=f"qh{org.code.lower()}",
            leader=people[0],
            registered_on=_month(today, 30),
            admin=people[-1],
            admin_is_student=student,
            admin_graduates_on=today + datetime.timedelta(days=45) if student else None,
        )
        accounts.append(account)
        followers = rng.randint(800, 12000)
        for back in range(6, 0, -1):
            # The fourth account stopped posting half a year ago.
            posts = 0 if i == 3 and back <= 5 else rng.randint(4, 20)
            followers += rng.randint(-20, 200)
            services.monthly_figure_set(
                actor=admin,
                account=account,
                month=_month(today, back),
                followers=followers,
                posts=posts,
                reads=posts * rng.randint(150, 900),
            )
        if i != 3:
            for k in range(3):
                services.review_record_add(
                    actor=admin,
                    account=account,
                    date=today - datetime.timedelta(days=7 * k + 2),
                    title=TITLES[(i + k) % len(TITLES)],
                    reviewer=people[0].name,
                )
    if len(accounts) > 3:
        # Flagged when its ninety days ran out, and left open past the thirty days to close it.
        services.media_accounts_flag_dormant(actor=admin, as_of=today - datetime.timedelta(days=35))
    if len(accounts) > 4:
        services.media_account_close(
            actor=admin, account=accounts[4], on=today - datetime.timedelta(days=10), reason="合并至县级账号统一运营"
        )
    return {
        "role_models": RoleModel.objects.count(),
        "media_accounts": MediaAccount.objects.count(),
    }


def purge() -> dict:
    """Delete the role models and media accounts (the demo reset): they hold organizations and people."""
    counts = {"role_models": RoleModel.objects.count(), "media_accounts": MediaAccount.objects.count()}
    for model in (Publicity, Honour, RoleModel, MonthlyFigure, ReviewRecord, AccountAdmin, MediaAccount, MediaPolicy):
        model.objects.all().delete()
    return counts
