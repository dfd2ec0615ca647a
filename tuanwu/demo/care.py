"""The demo county's care register (困难青少年关爱): records in the featured branch followed by its secretary and
in a few other branches, with measures, a Spring Festival 送温暖 campaign and one village assistance project."""

from __future__ import annotations

import datetime
import random

from tuanwu.care import services
from tuanwu.care.models import (
    AssistanceProject,
    CareRecord,
    Difficulty,
    WarmthCampaign,
)
from tuanwu.organizations.models import BRANCH_KINDS, Organization, subtree_range

NAMES = ["陈雨涵", "刘子轩", "王梓萱", "张浩然", "李欣怡", "赵宇航", "孙思彤", "周嘉怡", "吴俊杰", "郑可馨"]
GUARDIANS = ["陈建国", "刘春花", "王立新", "张秀英", "李德明", "赵桂兰", "孙国强", "周美玲", "吴海军", "郑淑芬"]
SCHOOLS = ["青禾一中", "东湖镇中心小学", "青禾县职业中学"]
MEASURES = [
    ("visit", 0, "入户走访，了解家庭情况"),
    ("tutoring", 0, "大学生志愿者周末学业辅导"),
    ("money", 50000, "发放助学金"),
    ("goods", 0, "送去学习用品和冬衣"),
    ("lianxin", 0, "参加连心活动"),
    ("hotline_12355", 0, "转介 12355 心理咨询"),
]


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def build(*, rng: random.Random, root: Organization, featured: Organization, admin, follower, today) -> dict:
    """Create the register, its measures, a campaign and a project through the care services."""
    branches = list(
        Organization.objects.filter(path__range=subtree_range(root.path), kind__in=BRANCH_KINDS)
        .exclude(pk=featured.pk)
        .order_by("path")[:3]
    )
    records = []
    for i, name in enumerate(NAMES[:7]):
        org = featured if i < 4 else branches[(i - 4) % len(branches)] if branches else featured
        opened = today - datetime.timedelta(days=rng.randint(40, 300))
        minor = i != 6
        record = services.care_record_open(
            actor=admin,
            organization=org,
            name=name,
            school_or_unit=SCHOOLS[i % len(SCHOOLS)],
            minor=minor,
            difficulties=rng.sample(Difficulty.values, rng.randint(1, 3)),
            situation="父母外出务工，随祖辈生活" if i % 2 == 0 else "家庭经济困难，学习压力较大",
            follower=follower if org == featured else None,
            consent_by=GUARDIANS[i] if minor else name,
            consent_on=opened,
            guardian=GUARDIANS[i] if minor else "",
            opened_on=opened,
        )
        for kind, fen, text in rng.sample(MEASURES, rng.randint(1, 3)):
            services.care_measure_add(
                actor=admin, record=record, kind=kind, date=_day(rng, opened, today), amount_fen=fen, description=text
            )
        records.append(record)
    services.care_record_close(
        actor=admin, record=records[-1], outcome="已就业，生活稳定", closed_on=_day(rng, records[-1].opened_on, today)
    )

    year = today.year if today >= datetime.date(today.year, 1, 15) else today.year - 1
    campaign = services.campaign_create(
        actor=admin,
        organization=root,
        name=f"{year}年春节送温暖",
        festival="spring",
        starts_on=datetime.date(year, 1, 15),
        ends_on=datetime.date(year, 2, 28),
    )
    for record in records[:4]:
        services.campaign_deliver(
            actor=admin,
            campaign=campaign,
            record=record,
            given="米面油和慰问金",
            value_fen=50000,
            delivered_on=datetime.date(year, 1, 25),
        )
    services.campaign_deliver(
        actor=admin,
        campaign=campaign,
        name="郑可馨",
        given="学习用品",
        value_fen=20000,
        delivered_on=datetime.date(year, 2, 1),
    )

    started = today - datetime.timedelta(days=200)
    project = services.project_create(
        actor=admin,
        organization=root,
        name="结对帮扶东湖村",
        target_kind="village",
        target_name="东湖村",
        started_on=started,
    )
    services.project_visit_add(actor=admin, project=project, date=started, visitors="县团委书记、东湖镇团委书记")
    services.project_input_add(
        actor=admin, project=project, date=started, kind="funds", value_fen=2000000, source="县团委帮扶资金"
    )
    services.project_input_add(
        actor=admin,
        project=project,
        date=_day(rng, started, today),
        kind="goods",
        value_fen=800000,
        source="爱心企业捐赠",
    )
    services.project_results_update(
        actor=admin, project=project, results="建成青少年活动室一间，资助学生 12 名", story_for_publicity=True
    )
    return {
        "care_records": len(records),
        "warmth_campaigns": 1,
        "assistance_projects": 1,
    }


def purge() -> dict:
    """Delete the register, campaigns and projects (the demo reset); they hold organizations."""
    counts = {
        "care_records": CareRecord.objects.count(),
        "warmth_campaigns": WarmthCampaign.objects.count(),
        "assistance_projects": AssistanceProject.objects.count(),
    }
    WarmthCampaign.objects.all().delete()
    CareRecord.objects.all().delete()
    AssistanceProject.objects.all().delete()
    return counts
