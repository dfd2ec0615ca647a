"""A fictional county (青禾县) for demonstrations and load tests.

Everything is drawn from one random.Random(seed), in a fixed order, so the same seed and size give the
same county; dates are offsets from today. People, memberships and posts go in with bulk_create (no
per-row history, no full_clean): one batch event records the whole data set instead.

The number of villages, communities and school classes grows with the number of people, so that a
branch keeps some 10 to 40 people (the constitution wants 3 to 50 members); the committees above them
are always the same. A few branches are made too small, too large, without a committee or past their
term, so that every structure warning has examples.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc

from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import Role
from tuanwu.audit.models import AccessLog, BatchEvent
from tuanwu.audit.services import batch_event_record
from tuanwu.core.dates import add_years
from tuanwu.core.idcard import make_id_number
from tuanwu.demo import admission as admission_demo
from tuanwu.demo import volunteering as volunteering_demo
from tuanwu.organizations.models import BRANCH_KINDS, Kind, Organization, Park, Sector
from tuanwu.organizations.services import organization_create
from tuanwu.people.choices import CadreKind, CadrePostName, Education, Ethnicity, Occupation, PoliticalStatus
from tuanwu.people.models import CadrePost, Membership, MembershipEvent, Person
from tuanwu.people.services import name_keys
from tuanwu.people.workflow import MembershipStatus, Transition

DEMO_PASSWORD = "tuanwu2020"
# username, role label, password; the order of the logins table.
DEMO_LOGINS: list[tuple[str, str, str]] = [
    ("county_admin", Role.COUNTY_ADMIN.label, DEMO_PASSWORD),
    ("committee_secretary", Role.COMMITTEE_SECRETARY.label, DEMO_PASSWORD),
    ("branch_secretary", Role.BRANCH_SECRETARY.label, DEMO_PASSWORD),
    ("cadre", Role.CADRE.label, DEMO_PASSWORD),
    ("member", Role.MEMBER.label, DEMO_PASSWORD),
    ("auditor", Role.AUDITOR.label, DEMO_PASSWORD),
]
DEMO_USERNAMES = [username for username, _label, _password in DEMO_LOGINS]

MIN_MEMBERS = 500
BATCH_SIZE = 2000
DELETE_CHUNK = 5000
PEOPLE_PER_BRANCH = 25  # people per unit of branch weight: a village branch weighs 1
# A class: junior high classes weigh more, as fewer of their students are members.
CLASS_WEIGHTS = {"middle": 1.0, "high": 0.6, "vocational": 0.6}
OLD_MEMBER_SHARE = 0.03  # members past 28: age-out candidates
FEATURED_MIN_PEOPLE = 8  # the branch of the branch_secretary and member logins
# The earliest join after the 14th birthday: the application, the interview, 3 months as activist, the
# candidacy and the general meeting take some months (tuanwu.admission turns recent joins into admissions).
JOIN_AFTER_FOURTEEN = datetime.timedelta(days=150)

COUNTY = "青禾县"
COUNTY_CODE = "QH"
PARK_NAME = "青禾经济开发区"
PHONE_AREA = "0550"
# Birthplace codes of one prefecture, the county's own first and most frequent.
ID_AREAS = (
    ("341122", 70),
    ("341124", 6),
    ("341125", 6),
    ("341126", 5),
    ("341181", 5),
    ("341182", 4),
    ("341102", 2),
    ("341103", 2),
)
USCC_AREA = "341122"

# ---------------------------------------------------------------------------------------------------
# Names

# Common surnames by rough frequency (per mille of the population).
SURNAMES_BY_WEIGHT = {
    72: "王 李",
    69: "张",
    53: "刘",
    45: "陈",
    31: "杨",
    22: "黄",
    20: "赵",
    19: "吴 周",
    15: "徐 孙",
    13: "马 朱",
    12: "胡",
    11: "郭",
    10: "何 高 林",
    9: "罗 郑",
    8: "梁",
    7: "谢",
    6: "宋 唐 许",
    5: "韩 冯 邓 曹 彭 曾 肖",
    4: "田 董 袁 潘 于 蒋 蔡 余 杜 叶 程",
    3: "苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石",
    2: "廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严",
    1: "戴 孔 汤 欧阳 上官",
}
SURNAMES = tuple((name, weight) for weight, names in SURNAMES_BY_WEIGHT.items() for name in names.split())
# Given names: one character, or a first and a second from these (a few hundred names per gender keep
# the pinyin cache small even for a million people).
MALE_GIVEN = (
    "子浩宇俊嘉思文明志建晓家天一博泽梓皓承立永国伟海鹏",
    "轩然杰豪航辰阳峰龙斌强军磊超鑫凯涛华辉林睿诚翔宁成",
)
FEMALE_GIVEN = (
    "雨思欣梓诗佳晓雅婉可紫若美静丽嘉心一梦安慧秀玉春海",
    "涵萱怡彤琪瑶婷悦妍琳颖雪倩洁菲露月莹蕾薇欢敏芳娜霞",
)

TOWNSHIPS = (
    ("城关镇", Sector.URBAN_COMMUNITY),
    ("柳塘镇", Sector.RURAL),
    ("石桥镇", Sector.RURAL),
    ("杏花乡", Sector.RURAL),
    ("龙泉镇", Sector.URBAN_COMMUNITY),
    ("白沙乡", Sector.RURAL),
    ("青山镇", Sector.RURAL),
    ("桃源乡", Sector.RURAL),
)
VILLAGE_FIRST = "柳杨石桃杏梨枣松竹梅兰荷黄白青龙凤马牛鹿沙泉双高新大小东西南北前后金银丰永樟槐"
VILLAGE_SECOND = "湾庄桥岗塘集店岭坡圩营河沟郢洼园林湖山墩寨楼铺埠台坝"
COMMUNITY_NAMES = [
    *("东门", "西门", "南苑", "北苑", "人民", "文化", "建设", "和平", "幸福", "新华"),
    *("光明", "花园", "滨河", "春晖", "锦绣", "阳光", "迎春", "紫薇", "翠竹", "长安"),
    *("永安", "康乐", "振兴", "朝阳", "团结", "友谊", "青年", "丰收", "金桥", "银河"),
]
NUMERALS = "一二三四五六七八九十"

MIDDLE_SCHOOLS = ("城关初级中学", "实验初级中学", "柳塘初级中学")
HIGH_SCHOOLS = ("第一中学", "第二中学")
VOCATIONAL_SCHOOL = "职业教育中心"
DEPARTMENTS = (("机电工程系", "机电"), ("信息技术系", "信息"), ("财经商贸系", "财经"), ("旅游服务系", "旅游"))
ORGANS = (
    ("县教育局", "青禾县教育局", Sector.PARTY_GOVERNMENT, "organ"),
    ("县公安局", "青禾县公安局", Sector.PARTY_GOVERNMENT, "organ"),
    ("县财政局", "青禾县财政局", Sector.PARTY_GOVERNMENT, "organ"),
    ("县农业农村局", "青禾县农业农村局", Sector.PARTY_GOVERNMENT, "organ"),
    ("县人社局", "青禾县人力资源和社会保障局", Sector.PARTY_GOVERNMENT, "organ"),
    ("县人民医院", "青禾县人民医院", Sector.PUBLIC_INSTITUTION, "institution"),
)
STATE_ENTERPRISES = (
    "青禾县供电有限公司",  # the large one
    "青禾县自来水有限公司",
    "青禾县城市建设投资有限公司",
    "青禾县交通投资集团有限公司",
    "青禾农村商业银行股份有限公司",
)
PARK_BRANDS = ("禾丰", "润达", "恒信", "新源", "华瑞", "盛泰", "宏远", "瑞丰", "天成", "鼎盛")
PARK_TRADES = (
    "农业科技",
    "新材料",
    "电子科技",
    "食品",
    "机械制造",
    "纺织",
    "包装材料",
    "生物科技",
    "光电科技",
    "智能装备",
)
SOCIAL_JOINT_UNITS = "青禾县书画协会、青禾县户外运动协会、青禾县青年电商协会、青禾县义工联合会"

# ---------------------------------------------------------------------------------------------------
# People profiles: what the youths of one kind of branch look like.

Edu, Occ = Education, Occupation


@dataclass(frozen=True)
class Profile:
    education: tuple[tuple[str, int], ...]
    occupation: tuple[tuple[str, int], ...]
    member_rate: tuple[float, ...]  # per grade for students, one value otherwise
    ages: tuple[tuple[float, float], ...] = ()  # per grade, students only
    phone_rate: float = 0.97

    @property
    def student(self) -> bool:
        return bool(self.ages)


PROFILES = {
    "rural": Profile(
        (
            (Edu.JUNIOR_HIGH, 30),
            (Edu.SENIOR_HIGH, 28),
            (Edu.SECONDARY_VOCATIONAL, 20),
            (Edu.JUNIOR_COLLEGE, 15),
            (Edu.BACHELOR, 7),
        ),
        ((Occ.FARMER, 45), (Occ.FREELANCER, 15), (Occ.PRIVATE_ENTERPRISE_STAFF, 30), (Occ.OTHER, 10)),
        (0.96,),
    ),
    "community": Profile(
        (
            (Edu.SENIOR_HIGH, 20),
            (Edu.SECONDARY_VOCATIONAL, 15),
            (Edu.JUNIOR_COLLEGE, 30),
            (Edu.BACHELOR, 32),
            (Edu.MASTER, 3),
        ),
        (
            (Occ.PRIVATE_ENTERPRISE_STAFF, 40),
            (Occ.FREELANCER, 25),
            (Occ.PUBLIC_SECTOR_STAFF, 10),
            (Occ.SOCIAL_ORGANIZATION_STAFF, 5),
            (Occ.OTHER, 20),
        ),
        (0.95,),
    ),
    "organ": Profile(
        ((Edu.JUNIOR_COLLEGE, 10), (Edu.BACHELOR, 75), (Edu.MASTER, 15)), ((Occ.PUBLIC_SECTOR_STAFF, 1),), (0.98,)
    ),
    "institution": Profile(
        ((Edu.JUNIOR_COLLEGE, 30), (Edu.BACHELOR, 60), (Edu.MASTER, 10)), ((Occ.PUBLIC_SECTOR_STAFF, 1),), (0.97,)
    ),
    "soe": Profile(
        ((Edu.SECONDARY_VOCATIONAL, 10), (Edu.JUNIOR_COLLEGE, 35), (Edu.BACHELOR, 50), (Edu.MASTER, 5)),
        ((Occ.STATE_ENTERPRISE_STAFF, 1),),
        (0.97,),
    ),
    "private": Profile(
        (
            (Edu.JUNIOR_HIGH, 10),
            (Edu.SENIOR_HIGH, 20),
            (Edu.SECONDARY_VOCATIONAL, 30),
            (Edu.JUNIOR_COLLEGE, 25),
            (Edu.BACHELOR, 15),
        ),
        ((Occ.PRIVATE_ENTERPRISE_STAFF, 1),),
        (0.93,),
    ),
    "social": Profile(
        ((Edu.SENIOR_HIGH, 10), (Edu.JUNIOR_COLLEGE, 35), (Edu.BACHELOR, 50), (Edu.MASTER, 5)),
        ((Occ.SOCIAL_ORGANIZATION_STAFF, 80), (Occ.FREELANCER, 20)),
        (0.95,),
    ),
    # Students: junior high grades 8-9, senior high and vocational grades 10-12.
    "middle": Profile(((Edu.IN_JUNIOR_HIGH, 1),), ((Occ.STUDENT, 1),), (0.22, 0.28), ((14.0, 15.0), (14.5, 16.0)), 0.5),
    "high": Profile(
        ((Edu.IN_SENIOR_HIGH, 1),),
        ((Occ.STUDENT, 1),),
        (0.42, 0.5, 0.56),
        ((15.0, 16.0), (16.0, 17.0), (17.0, 18.5)),
        0.6,
    ),
    "vocational": Profile(
        ((Edu.IN_SECONDARY_VOCATIONAL, 1),),
        ((Occ.STUDENT, 1),),
        (0.55, 0.6, 0.65),
        ((15.0, 16.0), (16.0, 17.0), (17.0, 18.9)),
        0.7,
    ),
}
STAFF_EDUCATION = ((Edu.BACHELOR, 80), (Edu.MASTER, 20))
# Youngest age for an education level that takes years after school.
EDUCATION_MIN_AGE = {Edu.JUNIOR_COLLEGE: 20, Edu.BACHELOR: 22, Edu.MASTER: 25, Edu.DOCTOR: 28}
MINORITIES = (Ethnicity.HUI, Ethnicity.MANCHU, Ethnicity.ZHUANG, Ethnicity.MIAO, Ethnicity.MONGOL, Ethnicity.TUJIA)
MOBILE_PREFIXES = (
    tuple(f"13{d}" for d in "0123456789") + tuple(f"15{d}" for d in "012356789") + tuple(f"18{d}" for d in "0123456789")
)
EXIT_REASONS = {
    MembershipStatus.AGE_OUT_PENDING: "已满28周岁，且未担任团内职务，申请超龄离团。",
    MembershipStatus.LAPSE_PENDING: "连续6个月不交纳团费、不参加团的组织生活、不做团组织分配的工作。",
}


class DemoError(Exception):
    """The demo county cannot be built as asked."""


class DemoDataExists(DemoError):
    """The database already holds organizations."""


# ---------------------------------------------------------------------------------------------------
# The plan of the tree


@dataclass(eq=False)
class Node:
    code: str
    name: str
    full_name: str
    kind: str
    sector: str = ""
    unit_name: str = ""
    term_years: int = 3
    in_park: bool = False
    unified_code: str = ""
    contact_phone: str = ""
    address: str = ""
    # Branches: the people registered there.
    profile: str = ""
    grade: int = 0
    weight: float = 1.0
    fixed_people: int | None = None
    featured: bool = False
    # Committees: (post, cadre kind) held by staff registered on the committee itself.
    staff: list[tuple[str, str]] = field(default_factory=list)
    staff_occupation: str = Occupation.PUBLIC_SECTOR_STAFF
    children: list[Node] = field(default_factory=list)
    term_start: datetime.date | None = None
    term_end: datetime.date | None = None
    org: Organization | None = None

    @property
    def is_branch(self) -> bool:
        return self.kind in BRANCH_KINDS

    def add(self, child: Node) -> Node:
        self.children.append(child)
        return child

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _child_code(parent: Node) -> str:
    return f"{parent.code}-{len(parent.children) + 1:03d}"


def _numbered(base: str, round_: int) -> str:
    if round_ == 0:
        return base
    return base + (NUMERALS[round_] if round_ < len(NUMERALS) else str(round_ + 1))


def _name_source(rng: random.Random, bases: list[str], suffix: str) -> Callable[[], str]:
    """Unique place names: every base once in a shuffled order, then again numbered (柳湾村, 柳湾二村)."""
    order = list(bases)
    rng.shuffle(order)
    state = {"i": 0}

    def next_name() -> str:
        i = state["i"]
        state["i"] += 1
        return _numbered(order[i % len(order)], i // len(order)) + suffix

    return next_name


def _organization_code_check(body: str) -> str:
    """The check character of a GB 11714 organization code (8 digits here)."""
    c = 11 - sum(int(d) * w for d, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def _unified_code(rng: random.Random) -> str:
    body = f"{rng.randrange(10**8):08d}"
    first17 = f"91{USCC_AREA}{body}{_organization_code_check(body)}"
    return first17 + uscc.calc_check_digit(first17)


def plan_county(rng: random.Random, scale: float, today: datetime.date) -> Node:
    """The whole tree as plain nodes; scale multiplies the villages, communities and school classes."""

    def scaled(lo: int, hi: int) -> int:
        return max(1, round(rng.randint(lo, hi) * scale))

    def phone() -> str:
        return f"{PHONE_AREA}-{rng.randint(6000000, 7999999)}"

    top = {"n": 0}

    def committee(parent: Node, name: str, full_name: str, kind: str, sector: str, **kwargs) -> Node:
        top["n"] += 1
        return parent.add(
            Node(f"{COUNTY_CODE}{top['n']:02d}", name, full_name, kind, sector, contact_phone=phone(), **kwargs)
        )

    def branch(parent: Node, name: str, full_name: str, sector: str, profile: str, **kwargs) -> Node:
        kwargs.setdefault("kind", Kind.BRANCH)
        kwargs.setdefault("term_years", 2)
        return parent.add(Node(_child_code(parent), name, full_name, sector=sector, profile=profile, **kwargs))

    root = Node(
        COUNTY_CODE,
        "青禾团县委",
        f"共青团{COUNTY}委员会",
        Kind.COUNTY_COMMITTEE,
        term_years=5,
        unit_name=f"中共{COUNTY}委员会",
        contact_phone=phone(),
        address=f"{COUNTY}城关镇人民路1号",
        staff=[
            (CadrePostName.SECRETARY, CadreKind.FULL_TIME),
            (CadrePostName.DEPUTY_SECRETARY, CadreKind.FULL_TIME),
            (CadrePostName.DEPUTY_SECRETARY, CadreKind.FULL_TIME),
            (CadrePostName.DEPUTY_SECRETARY, CadreKind.SECONDED),
        ],
    )

    village_bases = [a + b for a in VILLAGE_FIRST for b in VILLAGE_SECOND]
    next_village = _name_source(rng, village_bases, "村")
    next_community = _name_source(rng, COMMUNITY_NAMES, "社区")
    seconded_towns = set(rng.sample(range(len(TOWNSHIPS)), 2))
    for i, (town, sector) in enumerate(TOWNSHIPS):
        staff = [(CadrePostName.SECRETARY, CadreKind.FULL_TIME), (CadrePostName.DEPUTY_SECRETARY, CadreKind.FULL_TIME)]
        if i in seconded_towns:
            staff.append((CadrePostName.DEPUTY_SECRETARY, CadreKind.SECONDED))
        t = committee(
            root,
            f"{town}团委",
            f"共青团{COUNTY}{town}委员会",
            Kind.COMMITTEE,
            sector,
            unit_name=f"{COUNTY}{town}人民政府",
            address=f"{COUNTY}{town}政府路{rng.randint(1, 99)}号",
            staff=staff,
        )
        villages, communities = scaled(4, 8), scaled(1, 3)
        if sector == Sector.URBAN_COMMUNITY:
            villages, communities = communities, villages
        for _ in range(villages):
            v = next_village()
            branch(
                t,
                f"{v}团支部",
                f"共青团{COUNTY}{town}{v}支部委员会",
                Sector.RURAL,
                "rural",
                unit_name=f"{town}{v}",
                term_years=3,
            )
        for _ in range(communities):
            c = next_community()
            branch(
                t,
                f"{c}团支部",
                f"共青团{COUNTY}{town}{c}支部委员会",
                Sector.URBAN_COMMUNITY,
                "community",
                unit_name=f"{town}{c}",
            )
    first_township = root.children[0]
    first_township.children[0].featured = True

    # Schools: a branch per class; cohorts are named by the year they entered.
    school_year = today.year if today.month >= 9 else today.year - 1
    schools = [(s, Sector.MIDDLE_SCHOOL, "middle", (1, 2)) for s in MIDDLE_SCHOOLS]
    schools += [(s, Sector.HIGH_SCHOOL, "high", (0, 1, 2)) for s in HIGH_SCHOOLS]
    for school, sector, profile, ago in schools:
        unit = f"{COUNTY}{school}"
        school_node = committee(
            root,
            f"{school}团委",
            f"共青团{unit}委员会",
            Kind.COMMITTEE,
            sector,
            unit_name=unit,
            staff_occupation=Occupation.PUBLIC_SECONDARY_STAFF,
            staff=[
                (CadrePostName.SECRETARY, CadreKind.FULL_TIME),
                (CadrePostName.DEPUTY_SECRETARY, CadreKind.PART_TIME),
            ],
        )
        classes = scaled(1, 2)
        for grade, years_ago in enumerate(ago):
            cohort = school_year - years_ago
            for k in range(1, classes + 1):
                branch(
                    school_node,
                    f"{cohort}级{k}班团支部",
                    f"共青团{unit}{cohort}级{k}班支部委员会",
                    sector,
                    profile,
                    unit_name=unit,
                    grade=grade,
                    term_years=1,
                    weight=CLASS_WEIGHTS[profile],
                )

    unit = f"{COUNTY}{VOCATIONAL_SCHOOL}"
    voc = committee(
        root,
        f"{VOCATIONAL_SCHOOL}团委",
        f"共青团{unit}委员会",
        Kind.COMMITTEE,
        Sector.VOCATIONAL_SCHOOL,
        unit_name=unit,
        staff_occupation=Occupation.PUBLIC_VOCATIONAL_STAFF,
        staff=[(CadrePostName.SECRETARY, CadreKind.FULL_TIME), (CadrePostName.DEPUTY_SECRETARY, CadreKind.PART_TIME)],
    )
    for dept, short in DEPARTMENTS:
        d = voc.add(
            Node(
                _child_code(voc),
                f"{dept}团总支",
                f"共青团{unit}{dept}总支部委员会",
                Kind.GENERAL_BRANCH,
                Sector.VOCATIONAL_SCHOOL,
                unit_name=unit,
                term_years=2,
                staff=[(CadrePostName.SECRETARY, CadreKind.PART_TIME)],
                staff_occupation=Occupation.PUBLIC_VOCATIONAL_STAFF,
            )
        )
        classes = scaled(1, 1)
        for grade, years_ago in enumerate((0, 1, 2)):
            cohort = school_year - years_ago
            for k in range(1, classes + 1):
                branch(
                    d,
                    f"{cohort}级{short}{k}班团支部",
                    f"共青团{unit}{cohort}级{short}{k}班支部委员会",
                    Sector.VOCATIONAL_SCHOOL,
                    "vocational",
                    unit_name=unit,
                    grade=grade,
                    term_years=1,
                    weight=CLASS_WEIGHTS["vocational"],
                )

    two_staff = [(CadrePostName.SECRETARY, CadreKind.FULL_TIME), (CadrePostName.DEPUTY_SECRETARY, CadreKind.PART_TIME)]
    organs = committee(
        root,
        "县直机关团工委",
        f"共青团{COUNTY}直属机关工作委员会",
        Kind.WORKING_COMMITTEE,
        Sector.PARTY_GOVERNMENT,
        unit_name=f"中共{COUNTY}直属机关工作委员会",
        staff=list(two_staff),
    )
    for short, unit, sector, profile in ORGANS:
        branch(organs, f"{short}团支部", f"共青团{unit}支部委员会", sector, profile, unit_name=unit, term_years=3)

    soe = committee(
        root,
        "县国有企业团工委",
        f"共青团{COUNTY}国有企业工作委员会",
        Kind.WORKING_COMMITTEE,
        Sector.STATE_ENTERPRISE,
        unit_name=f"{COUNTY}国有资产监督管理办公室",
        staff=list(two_staff),
        staff_occupation=Occupation.STATE_ENTERPRISE_STAFF,
    )
    for i, unit in enumerate(STATE_ENTERPRISES):
        branch(
            soe,
            f"{unit.removeprefix(COUNTY)}团支部",
            f"共青团{unit}支部委员会",
            Sector.STATE_ENTERPRISE,
            "soe",
            unit_name=unit,
            weight=2.6 if i == 0 else 1.0,
            term_years=3,
        )

    park = committee(
        root,
        "经开区团工委",
        f"共青团{PARK_NAME}工作委员会",
        Kind.WORKING_COMMITTEE,
        Sector.PRIVATE_ENTERPRISE,
        unit_name=f"{PARK_NAME}管理委员会",
        in_park=True,
        staff=[*two_staff, (CadrePostName.DEPUTY_SECRETARY, CadreKind.SECONDED)],
    )
    trades = list(PARK_TRADES)
    rng.shuffle(trades)
    coded = set(rng.sample(range(len(PARK_BRANDS)), 7))
    for i, (brand, trade) in enumerate(zip(PARK_BRANDS, trades, strict=True)):
        unit = f"青禾{brand}{trade}有限公司"
        branch(
            park,
            f"{brand}{trade}团支部",
            f"共青团{unit}支部委员会",
            Sector.PRIVATE_ENTERPRISE,
            "private",
            unit_name=unit,
            in_park=True,
            unified_code=_unified_code(rng) if i in coded else "",
            weight=rng.uniform(0.5, 1.2),
            fixed_people=2 if i == len(PARK_BRANDS) - 1 else None,
        )

    social = committee(
        root,
        "县社会组织团工委",
        f"共青团{COUNTY}社会组织工作委员会",
        Kind.WORKING_COMMITTEE,
        Sector.SOCIAL_ORGANIZATION,
        unit_name=f"中共{COUNTY}社会组织综合委员会",
        staff=list(two_staff),
    )
    branch(
        social,
        "青年志愿者协会团支部",
        f"共青团{COUNTY}青年志愿者协会支部委员会",
        Sector.SOCIAL_ORGANIZATION,
        "social",
        unit_name=f"{COUNTY}青年志愿者协会",
    )
    branch(
        social,
        "青年创业者协会团支部",
        f"共青团{COUNTY}青年创业者协会支部委员会",
        Sector.SOCIAL_ORGANIZATION,
        "social",
        unit_name=f"{COUNTY}青年创业者协会",
        fixed_people=2,
    )
    branch(
        social,
        "社会组织联合团支部",
        f"共青团{COUNTY}社会组织联合支部委员会",
        Sector.SOCIAL_ORGANIZATION,
        "social",
        unit_name=SOCIAL_JOINT_UNITS,
        kind=Kind.JOINT_BRANCH,
        weight=0.8,
    )

    # One village branch far from the featured one is nearly empty.
    root.children[len(TOWNSHIPS) - 1].children[-1].fixed_people = 2
    _plan_terms(rng, root, today)
    return root


def _plan_terms(rng: random.Random, root: Node, today: datetime.date) -> None:
    """Terms from today back; a few ended already, a few end within 60 days (structure warnings)."""
    nodes = list(root.walk())
    branches = [i for i, n in enumerate(nodes) if n.is_branch and not n.featured]
    committees = [i for i, n in enumerate(nodes) if not n.is_branch and n is not root]
    overdue = set(rng.sample(branches, 4) + rng.sample(committees, 1))
    ending = set(
        rng.sample([i for i in branches if i not in overdue], 4)
        + rng.sample([i for i in committees if i not in overdue], 1)
    )
    for i, node in enumerate(nodes):
        if i in overdue:
            node.term_end = today - datetime.timedelta(days=rng.randint(5, 150))
        elif i in ending:
            node.term_end = today + datetime.timedelta(days=rng.randint(3, 58))
        else:
            node.term_end = today + datetime.timedelta(days=rng.randint(75, 365 * node.term_years - 1))
        node.term_start = add_years(node.term_end, -node.term_years)


GROWING_PROFILES = frozenset({"rural", "community", "middle", "high", "vocational"})


def scale_for(members: int, seed: int, today: datetime.date) -> float:
    """How many times the base numbers of villages, communities and classes the county needs.

    A plan at scale 1 from the same seed draws the same base numbers, so its branch weights tell.
    """
    probe = [n for n in plan_county(random.Random(seed), 1.0, today).walk() if n.is_branch and not n.fixed_people]
    growing = sum(n.weight for n in probe if n.profile in GROWING_PROFILES)
    fixed = sum(n.weight for n in probe if n.profile not in GROWING_PROFILES)
    return max(1.0, (members / PEOPLE_PER_BRANCH - fixed) / growing)


# ---------------------------------------------------------------------------------------------------
# The builder


def _cumulative(pairs) -> tuple[list, list[float]]:
    return [p for p, _w in pairs], list(accumulate(w for _p, w in pairs))


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split total by weights, largest remainders first (ties by position): deterministic."""
    if total <= 0 or not weights:
        return [0] * len(weights)
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    rest = total - sum(counts)
    for i in sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))[:rest]:
        counts[i] += 1
    return counts


@dataclass
class _MemberSpec:
    join_date: datetime.date
    development_number: str
    status: str
    status_changed_on: datetime.date | None
    young: bool  # under 28: may hold a branch post


class Builder:
    """Draws the people of the county and inserts them in batches."""

    def __init__(self, *, seed: int, stdout=None):
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.today = timezone.localdate()
        self.surnames = _cumulative(SURNAMES)
        self.areas = _cumulative(ID_AREAS)
        self.profiles = {key: (p, _cumulative(p.education), _cumulative(p.occupation)) for key, p in PROFILES.items()}
        self.staff_education = _cumulative(STAFF_EDUCATION)
        self.name_cache: dict[str, tuple[str, str]] = {}
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.dev_counters: dict[int, int] = {}
        # Rows waiting for the next bulk insert.
        self.people: list[Person] = []
        self.member_specs: list[_MemberSpec | None] = []
        # Posts wait until their holders have primary keys, then go in with the next batch.
        self.posts: list[tuple[Person, Organization, str, str, datetime.date]] = []
        self.counts = {"people": 0, "memberships": 0, "membership_events": 0, "posts": 0}
        self.started = time.monotonic()

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"{message} ({time.monotonic() - self.started:.1f} s)")

    # -- single values ----------------------------------------------------------------------------

    def name(self, male: bool) -> str:
        rng = self.rng
        surname = rng.choices(self.surnames[0], cum_weights=self.surnames[1])[0]
        first, second = MALE_GIVEN if male else FEMALE_GIVEN
        if rng.random() < 0.2:
            return surname + rng.choice(second)
        return surname + rng.choice(first) + rng.choice(second)

    def id_number(self, birth: datetime.date, male: bool) -> str:
        rng = self.rng
        area = rng.choices(self.areas[0], cum_weights=self.areas[1])[0]
        while True:
            # The sequence's parity is the gender: odd for men.
            number = make_id_number(area, birth, rng.randrange(500) * 2 + (1 if male else 0))
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        rng = self.rng
        while True:
            number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def birth(self, lo: float, hi: float) -> datetime.date:
        days = self.rng.randint(int(lo * 365.25) + 2, int(hi * 365.25) - 2)
        return self.today - datetime.timedelta(days=days)

    def development_number(self, year: int) -> str:
        n = self.dev_counters.get(year, 0) + 1
        self.dev_counters[year] = n
        return f"{year:04d}{11220000 + n:08d}"

    def day_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def ethnicity(self) -> str:
        return Ethnicity.HAN if self.rng.random() < 0.96 else self.rng.choice(MINORITIES)

    # -- people -----------------------------------------------------------------------------------

    def youth(self, node: Node) -> tuple[Person, _MemberSpec | None]:
        rng, today = self.rng, self.today
        profile, (educations, edu_w), (occupations, occ_w) = self.profiles[node.profile]
        male = rng.random() < 0.5
        name = self.name(male)
        student = profile.student
        grade = node.grade if student else 0
        member = node.featured or rng.random() < profile.member_rate[grade]
        if student:
            birth = self.birth(*profile.ages[grade])
        elif not member:
            birth = self.birth(18, 35.9)
        elif rng.random() < OLD_MEMBER_SHARE:
            birth = self.birth(28.01, 35.9)
        else:
            birth = self.birth(18, 27.99)
        age = (today - birth).days / 365.25
        education = rng.choices(educations, cum_weights=edu_w)[0]
        if age < EDUCATION_MIN_AGE.get(education, 0):
            education = Education.SENIOR_HIGH
        occupation = rng.choices(occupations, cum_weights=occ_w)[0]
        ethnicity = self.ethnicity()
        phone = self.phone() if rng.random() < profile.phone_rate else ""

        spec = None
        earliest = add_years(birth, 14) + JOIN_AFTER_FOURTEEN
        if member and earliest < today:
            # Most join at school, between 14 and 18; some later, as young workers. Not today: the approval of
            # an admission comes the day after its general meeting at the earliest.
            years = 18 if student or rng.random() < 0.85 else 28
            join = self.day_between(earliest, min(add_years(birth, years), today - datetime.timedelta(days=1)))
            status, changed = MembershipStatus.NORMAL, None
            if not student:
                if age >= 28 and rng.random() < 0.4:
                    status = MembershipStatus.AGE_OUT_PENDING
                elif rng.random() < 0.005:
                    status = MembershipStatus.LAPSE_PENDING
                if status != MembershipStatus.NORMAL:
                    changed = today - datetime.timedelta(days=rng.randint(1, 40))
            spec = _MemberSpec(join, self.development_number(join.year), status, changed, age < 28)
            political = PoliticalStatus.LEAGUE_MEMBER
        elif not student and age >= 21 and rng.random() < 0.15:
            political = PoliticalStatus.PARTY_MEMBER
        else:
            political = PoliticalStatus.MASSES
        person = self.add_person(
            spec,
            organization_id=node.org.pk,
            name=name,
            gender="male" if male else "female",
            birth_date=birth,
            id_number=self.id_number(birth, male),
            ethnicity=ethnicity,
            political_status=political,
            education=education,
            occupation=occupation,
            unit=node.unit_name,
            phone=phone,
        )
        return person, spec

    def staff_person(self, node: Node) -> Person:
        """A cadre registered with the committee itself (a teacher, a civil servant): no membership."""
        rng = self.rng
        male = rng.random() < 0.55
        name = self.name(male)
        birth = self.birth(24, 35.9)
        education = rng.choices(self.staff_education[0], cum_weights=self.staff_education[1])[0]
        political = PoliticalStatus.PARTY_MEMBER if rng.random() < 0.85 else PoliticalStatus.PROBATIONARY_PARTY_MEMBER
        return self.add_person(
            None,
            organization_id=node.org.pk,
            name=name,
            gender="male" if male else "female",
            birth_date=birth,
            id_number=self.id_number(birth, male),
            ethnicity=self.ethnicity(),
            political_status=political,
            education=education,
            occupation=node.staff_occupation,
            unit=node.unit_name,
            phone=self.phone(),
        )

    def add_person(self, spec: _MemberSpec | None, **fields) -> Person:
        keys = self.name_cache.get(fields["name"])
        if keys is None:
            keys = self.name_cache[fields["name"]] = name_keys(fields["name"])
        fields["name_pinyin"], fields["name_initials"] = keys
        person = Person(**fields)
        self.people.append(person)
        self.member_specs.append(spec)
        if len(self.people) >= BATCH_SIZE:
            self.flush()
        return person

    def flush(self) -> None:
        if not self.people:
            return
        people, specs = self.people, self.member_specs
        self.people, self.member_specs = [], []
        Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
        if people[0].pk is None:  # a backend that returns no keys from bulk inserts
            ids = dict(
                Person.objects.filter(id_number__in=[p.id_number for p in people]).values_list("id_number", "pk")
            )
            for p in people:
                p.pk = ids[p.id_number]
        memberships = [
            Membership(
                person_id=p.pk,
                organization_id=p.organization_id,
                join_date=s.join_date,
                development_number=s.development_number,
                status=s.status,
                status_changed_on=s.status_changed_on,
            )
            for p, s in zip(people, specs, strict=True)
            if s is not None
        ]
        Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
        pending = [m for m in memberships if m.status != MembershipStatus.NORMAL]
        if pending and pending[0].pk is None:
            ids = dict(
                Membership.objects.filter(person_id__in=[m.person_id for m in pending]).values_list("person_id", "pk")
            )
            for m in pending:
                m.pk = ids[m.person_id]
        # The exit requests behind the pending states, so the approval lists show their history.
        MembershipEvent.objects.bulk_create(
            [
                MembershipEvent(
                    membership_id=m.pk,
                    organization_id=m.organization_id,
                    transition=Transition.EXIT_REQUEST,
                    from_status=MembershipStatus.NORMAL,
                    to_status=m.status,
                    reason=EXIT_REASONS[m.status],
                )
                for m in pending
            ],
            batch_size=BATCH_SIZE,
        )
        self.insert_posts()
        before = self.counts["people"]
        self.counts["people"] += len(people)
        self.counts["memberships"] += len(memberships)
        self.counts["membership_events"] += len(pending)
        if self.counts["people"] // 100_000 != before // 100_000:
            self.say(f"  {self.counts['people']} people")

    # -- posts ------------------------------------------------------------------------------------

    def since(self, node: Node, longest: int) -> datetime.date:
        """A start date for a post: within the organization's current term when it has one."""
        span = longest
        if node.term_start is not None and node.term_start < self.today:
            span = min(longest, (self.today - node.term_start).days)
        return self.today - datetime.timedelta(days=self.rng.randint(0, max(0, span)))

    def fill_committee(self, node: Node) -> dict[str, Person]:
        """The committee's own cadres; returns the first holder of each post."""
        holders: dict[str, Person] = {}
        for post, kind in node.staff:
            person = self.staff_person(node)
            self.posts.append((person, node.org, post, kind, self.since(node, 1500)))
            holders.setdefault(post, person)
        return holders

    def fill_branch(self, node: Node, count: int) -> tuple[Person | None, Person | None]:
        """Register count youths with a branch and appoint its cadres; returns (secretary, a plain member).

        A branch of 7 or more members usually elects a committee of 3-5; some do not, which the structure
        warnings then show.
        """
        rng = self.rng
        rows = [self.youth(node) for _ in range(count)]
        members = sum(1 for _p, spec in rows if spec is not None)
        eligible = [p for p, spec in rows if spec is not None and spec.young and spec.status == MembershipStatus.NORMAL]
        if not eligible:
            return None, None
        size = 1
        if members >= 7 and len(eligible) >= 3 and rng.random() < 0.9:
            size = rng.randint(3, min(5, len(eligible)))
        holders = rng.sample(eligible, size)
        posts = [CadrePostName.SECRETARY, CadrePostName.ORGANIZATION_OFFICER, CadrePostName.PUBLICITY_OFFICER]
        posts += rng.sample([CadrePostName.DEPUTY_SECRETARY, CadrePostName.CULTURE_SPORTS_OFFICER], 2)
        since = self.since(node, 700)
        for person, post in zip(holders, posts, strict=False):
            self.posts.append((person, node.org, post, CadreKind.PART_TIME, since))
        chosen = set(map(id, holders))
        plain = next((p for p in eligible if id(p) not in chosen), None)
        return holders[0], plain

    def insert_posts(self) -> None:
        ready = [row for row in self.posts if row[0].pk is not None]
        self.posts = [row for row in self.posts if row[0].pk is None]
        CadrePost.objects.bulk_create(
            [
                CadrePost(person_id=person.pk, organization_id=org.pk, post=post, kind=kind, since=since)
                for person, org, post, kind, since in ready
            ],
            batch_size=BATCH_SIZE,
        )
        self.counts["posts"] += len(ready)


def _create_tree(root: Node, park: Park) -> int:
    """Create the organizations: the root through the service, then each level in one bulk insert with its
    materialized paths computed here (the generator's plan already obeys the placement rules)."""
    root.org = organization_create(
        actor=None,
        parent=None,
        code=root.code,
        name=root.name,
        full_name=root.full_name,
        kind=root.kind,
        sector=root.sector,
        unit_name=root.unit_name,
        contact_phone=root.contact_phone,
        address=root.address,
        term_start=root.term_start,
        term_end=root.term_end,
    )
    Organization.objects.filter(pk=root.org.pk).update(numchild=len(root.children))
    count, level = 1, [root]
    now = timezone.now()
    while level:
        batch: list[tuple[Node, Organization]] = []
        for parent in level:
            for position, node in enumerate(parent.children, start=1):
                depth = parent.org.depth + 1
                node.org = Organization(
                    parent=parent.org,
                    path=Organization._get_path(parent.org.path, depth, position),
                    depth=depth,
                    numchild=len(node.children),
                    code=node.code,
                    name=node.name,
                    full_name=node.full_name,
                    kind=node.kind,
                    sector=node.sector,
                    park=park if node.in_park else None,
                    unified_code=node.unified_code,
                    unit_name=node.unit_name,
                    contact_phone=node.contact_phone,
                    address=node.address,
                    term_start=node.term_start,
                    term_end=node.term_end,
                    created_at=now,
                    updated_at=now,
                )
                batch.append((node, node.org))
        Organization.objects.bulk_create([org for _node, org in batch], batch_size=BATCH_SIZE)
        count += len(batch)
        level = [node for node, _org in batch if node.children]
    return count


def _upsert_user(username: str, *, superuser: bool, person: Person | None):
    """A demo login; one left from an earlier run (a superuser survives --reset) is taken over."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username, password=DEMO_PASSWORD)
    else:
        user.set_password(DEMO_PASSWORD)
    user.is_active = True
    user.is_staff = user.is_superuser = superuser
    user.language = ""
    user.person = person
    user.first_name = person.name if person else ""
    user.save()
    return user


def build(*, members: int, seed: int, stdout=None) -> dict:
    """Fill an empty database with the demo county; returns how many rows of each kind were created."""
    if members < MIN_MEMBERS:
        raise DemoError(f"The demo county needs at least {MIN_MEMBERS} people (asked for {members}).")
    if Organization.objects.exists():
        raise DemoDataExists("Organizations already exist: the demo county goes only into an empty database.")
    b = Builder(seed=seed, stdout=stdout)
    with transaction.atomic(), disable_auditlog():
        root = plan_county(b.rng, scale_for(members, seed, b.today), b.today)
        nodes = list(root.walk())
        park, _created = Park.objects.get_or_create(name=PARK_NAME)
        organizations = _create_tree(root, park)
        b.say(f"  {organizations} organizations")

        # How many youths each branch gets: the committees' own cadres first, then by weight.
        committees = [n for n in nodes if n.staff]
        branches = [n for n in nodes if n.is_branch]
        staff = sum(len(n.staff) for n in committees)
        fixed = sum(n.fixed_people or 0 for n in branches)
        free = [n for n in branches if n.fixed_people is None]
        weights = [n.weight * b.rng.triangular(0.6, 1.6, 0.8) for n in free]
        # The admissions' demo adds a few people of its own (planted violations, an open pipeline).
        youths = members - staff - fixed - admission_demo.PEOPLE
        counts = dict(zip(map(id, free), _allocate(youths, weights), strict=True))
        featured = next(n for n in branches if n.featured)
        short = FEATURED_MIN_PEOPLE - counts[id(featured)]
        if short > 0:
            largest = max(free, key=lambda n: counts[id(n)])
            counts[id(largest)] -= short
            counts[id(featured)] += short

        leaders: dict[int, dict[str, Person]] = {}
        featured_people: tuple[Person | None, Person | None] = (None, None)
        for node in nodes:
            if node.staff:
                leaders[id(node)] = b.fill_committee(node)
            if node.is_branch:
                result = b.fill_branch(node, node.fixed_people or counts[id(node)])
                if node.featured:
                    featured_people = result
        b.flush()
        b.insert_posts()  # those of the last batch's holders
        posts = b.counts["posts"]
        b.say(f"  {b.counts['people']} people, {b.counts['memberships']} members, {posts} cadre posts")

        township = root.children[0]
        school = next(n for n in root.children if n.sector == Sector.MIDDLE_SCHOOL)
        secretary, member = featured_people
        logins = {
            "county_admin": (Role.COUNTY_ADMIN, root, None),
            "committee_secretary": (
                Role.COMMITTEE_SECRETARY,
                township,
                leaders[id(township)].get(CadrePostName.SECRETARY),
            ),
            "branch_secretary": (Role.BRANCH_SECRETARY, featured, secretary),
            "cadre": (Role.CADRE, school, leaders[id(school)].get(CadrePostName.DEPUTY_SECRETARY)),
            "member": (Role.MEMBER, featured, member),
            "auditor": (Role.AUDITOR, root, None),
        }
        users = {}
        for username in DEMO_USERNAMES:
            role, node, person = logins[username]
            user = _upsert_user(username, superuser=role == Role.COUNTY_ADMIN, person=person)
            RoleAssignment.objects.create(user=user, organization=node.org, role=role)
            users[username] = user
        volunteering = volunteering_demo.build(
            rng=b.rng, root=root.org, featured=featured.org, member=member, admin=users["county_admin"]
        )
        b.say(f"  {volunteering['activities']} volunteer activities, {volunteering['hour_entries']} hour entries")
        admission = admission_demo.build(
            rng=b.rng, root=root.org, featured=featured.org, member=member, admin=users["county_admin"]
        )
        b.counts["people"] += admission.pop("people")
        b.counts["memberships"] += admission.pop("memberships")
        b.say(f"  {admission['admissions']} admissions, {admission['applications'] - admission['admissions']} open")

        result = {
            "seed": seed,
            "organizations": organizations,
            "branches": len(branches),
            "parks": 1,
            "people": b.counts["people"],
            "memberships": b.counts["memberships"],
            "membership_events": b.counts["membership_events"],
            "posts": posts,
            "users": len(DEMO_LOGINS),
            **volunteering,
            **admission,
        }
        batch_event_record(
            actor=None,
            organization=root.org,
            kind="demo",
            description=(
                f"生成演示数据（随机种子 {seed}）：{organizations} 个团组织，{result['people']} 名青年，"
                f"其中团员 {result['memberships']} 名，团干部职务 {posts} 个"
            ),
            rows=result["people"],
        )
    return result


def _delete_in_chunks(queryset) -> int:
    """Delete through the ORM (cascades and SET_NULL of every app apply) without loading all rows at once."""
    model = queryset.model
    deleted = 0
    while True:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:DELETE_CHUNK])
        if not ids:
            return deleted
        model.objects.filter(pk__in=ids).delete()
        deleted += len(ids)


def reset(stdout=None) -> dict:
    """Delete the county: people and what hangs on them, role assignments, demo logins, organizations.

    Superusers, other users and parks stay. The access log and batch events go too: they point at
    organizations, which they protect from deletion.
    """
    User = get_user_model()
    counts = {}
    with transaction.atomic(), disable_auditlog():
        counts.update(admission_demo.purge())
        counts.update(volunteering_demo.purge())
        counts["posts"] = _delete_in_chunks(CadrePost.objects.all())
        counts["memberships"] = _delete_in_chunks(Membership.objects.all())
        User.objects.filter(person__isnull=False).update(person=None)
        counts["people"] = _delete_in_chunks(Person.objects.all())
        counts["role_assignments"], _ = RoleAssignment.objects.all().delete()
        User.objects.filter(username__in=DEMO_USERNAMES, is_superuser=False).delete()
        AccessLog.objects.all().delete()
        BatchEvent.objects.all().delete()
        counts["organizations"] = Organization.objects.count()
        # parent is PROTECT: unhook the tree so the whole of it can go in one delete.
        Organization.objects.update(parent=None)
        Organization.objects.all().delete()
    if stdout is not None:
        stdout.write(
            f"Deleted {counts['organizations']} organizations, {counts['people']} people, "
            f"{counts['memberships']} memberships, {counts['posts']} cadre posts."
        )
    return counts
