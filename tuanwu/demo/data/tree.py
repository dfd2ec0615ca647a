"""The tree of the demo county (青禾县): the county committee, the committees below it with their kinds, sectors,
units and cadres, the branches that are always there, and the name pools and patterns of those drawn by size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tuanwu.organizations.models import Kind, Sector
from tuanwu.people.choices import CadreKind, CadrePostName, Occupation

COUNTY = "青禾县"
COUNTY_CODE = "QH"
PARK_NAME = "青禾经济开发区"
PHONE_AREA = "0550"
USCC_AREA = "341122"

Staff = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Committee:
    """A committee (or general branch) and the posts its own cadres hold."""

    name: str
    full_name: str
    kind: str
    sector: str
    unit_name: str
    staff: Staff
    staff_occupation: str = Occupation.PUBLIC_SECTOR_STAFF
    term_years: int = 3
    in_park: bool = False
    address: str = ""


@dataclass(frozen=True)
class Branch:
    """A branch and the kind of youths registered with it (a key of data.people.PROFILES)."""

    name: str
    full_name: str
    sector: str
    profile: str
    unit_name: str
    kind: str = Kind.BRANCH
    term_years: int = 2
    weight: float = 1.0  # people per branch, relative to a village branch
    fixed_people: int | None = None
    grade: int = 0  # school classes: 0 for the youngest cohort
    graduates_on: datetime.date | None = None  # school classes: the expected graduation date
    in_park: bool = False
    unified_code: str = ""


FULL_TIME_SECRETARY = (CadrePostName.SECRETARY, CadreKind.FULL_TIME)
FULL_TIME_DEPUTY = (CadrePostName.DEPUTY_SECRETARY, CadreKind.FULL_TIME)
PART_TIME_DEPUTY = (CadrePostName.DEPUTY_SECRETARY, CadreKind.PART_TIME)
SECONDED_DEPUTY = (CadrePostName.DEPUTY_SECRETARY, CadreKind.SECONDED)
TWO_STAFF: Staff = (FULL_TIME_SECRETARY, PART_TIME_DEPUTY)

ROOT = Committee(
    "青禾团县委",
    f"共青团{COUNTY}委员会",
    Kind.COUNTY_COMMITTEE,
    "",
    f"中共{COUNTY}委员会",
    staff=(FULL_TIME_SECRETARY, FULL_TIME_DEPUTY, FULL_TIME_DEPUTY, SECONDED_DEPUTY),
    term_years=5,
    address=f"{COUNTY}城关镇人民路1号",
)

# ---------------------------------------------------------------------------------------------------
# Townships: villages and communities, as many as the county's size asks for.

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
TOWNSHIP_STAFF: Staff = (FULL_TIME_SECRETARY, FULL_TIME_DEPUTY)
SECONDED_TOWNSHIPS = 2  # townships with a seconded deputy secretary besides
# Base numbers of branches per township (scaled): villages of a rural one, communities of an urban one ...
TOWNSHIP_MAIN = (4, 8)
# ... and of the other kind.
TOWNSHIP_OTHER = (1, 3)
VILLAGE_FIRST = "柳杨石桃杏梨枣松竹梅兰荷黄白青龙凤马牛鹿沙泉双高新大小东西南北前后金银丰永樟槐"
VILLAGE_SECOND = "湾庄桥岗塘集店岭坡圩营河沟郢洼园林湖山墩寨楼铺埠台坝"
COMMUNITY_NAMES = [
    *("东门", "西门", "南苑", "北苑", "人民", "文化", "建设", "和平", "幸福", "新华"),
    *("光明", "花园", "滨河", "春晖", "锦绣", "阳光", "迎春", "紫薇", "翠竹", "长安"),
    *("永安", "康乐", "振兴", "朝阳", "团结", "友谊", "青年", "丰收", "金桥", "银河"),
]
NUMERALS = "一二三四五六七八九十"  # a place name used again: 柳湾二村


def township(town: str, sector: str, staff: Staff, number: int) -> Committee:
    return Committee(
        f"{town}团委",
        f"共青团{COUNTY}{town}委员会",
        Kind.COMMITTEE,
        sector,
        f"{COUNTY}{town}人民政府",
        staff=staff,
        address=f"{COUNTY}{town}政府路{number}号",
    )


def village(town: str, name: str) -> Branch:
    return Branch(
        f"{name}团支部",
        f"共青团{COUNTY}{town}{name}支部委员会",
        Sector.RURAL,
        "rural",
        f"{town}{name}",
        term_years=3,
    )


def community(town: str, name: str) -> Branch:
    return Branch(
        f"{name}团支部", f"共青团{COUNTY}{town}{name}支部委员会", Sector.URBAN_COMMUNITY, "community", f"{town}{name}"
    )


# ---------------------------------------------------------------------------------------------------
# Schools: a branch per class; cohorts are named by the school year they entered.

# A class: junior high classes weigh more, as fewer of their students are members.
CLASS_WEIGHTS = {"middle": 1.0, "high": 0.6, "vocational": 0.6}


@dataclass(frozen=True)
class School:
    name: str
    sector: str
    profile: str
    years_ago: tuple[int, ...]  # the cohorts that have classes: entered this many school years ago
    classes: tuple[int, int]  # base number of classes per cohort (scaled)
    staff_occupation: str


SCHOOLS = (
    *(
        School(name, Sector.MIDDLE_SCHOOL, "middle", (1, 2), (1, 2), Occupation.PUBLIC_SECONDARY_STAFF)
        for name in ("城关初级中学", "实验初级中学", "柳塘初级中学")
    ),
    *(
        School(name, Sector.HIGH_SCHOOL, "high", (0, 1, 2), (1, 2), Occupation.PUBLIC_SECONDARY_STAFF)
        for name in ("第一中学", "第二中学")
    ),
)
VOCATIONAL_SCHOOL = School(
    "职业教育中心", Sector.VOCATIONAL_SCHOOL, "vocational", (0, 1, 2), (1, 1), Occupation.PUBLIC_VOCATIONAL_STAFF
)
# The vocational school's general branches: (department, the short name its classes bear).
DEPARTMENTS = (("机电工程系", "机电"), ("信息技术系", "信息"), ("财经商贸系", "财经"), ("旅游服务系", "旅游"))


def school_committee(school: School) -> Committee:
    unit = f"{COUNTY}{school.name}"
    return Committee(
        f"{school.name}团委",
        f"共青团{unit}委员会",
        Kind.COMMITTEE,
        school.sector,
        unit,
        staff=TWO_STAFF,
        staff_occupation=school.staff_occupation,
    )


def department(school: School, name: str) -> Committee:
    unit = f"{COUNTY}{school.name}"
    return Committee(
        f"{name}团总支",
        f"共青团{unit}{name}总支部委员会",
        Kind.GENERAL_BRANCH,
        school.sector,
        unit,
        staff=((CadrePostName.SECRETARY, CadreKind.PART_TIME),),
        staff_occupation=school.staff_occupation,
        term_years=2,
    )


SCHOOL_YEARS = 3  # every school of the county, junior high to vocational, takes three years


def school_class(school: School, cohort: int, label: str, grade: int) -> Branch:
    """label: the class within its cohort, e.g. "2" or "机电2" (a department's)."""
    unit = f"{COUNTY}{school.name}"
    return Branch(
        f"{cohort}级{label}班团支部",
        f"共青团{unit}{cohort}级{label}班支部委员会",
        school.sector,
        school.profile,
        unit,
        grade=grade,
        graduates_on=datetime.date(cohort + SCHOOL_YEARS, 6, 30),
        term_years=1,
        weight=CLASS_WEIGHTS[school.profile],
    )


# ---------------------------------------------------------------------------------------------------
# Working committees of the organs, the state enterprises, the park and the social organizations.

ORGANS = Committee(
    "县直机关团工委",
    f"共青团{COUNTY}直属机关工作委员会",
    Kind.WORKING_COMMITTEE,
    Sector.PARTY_GOVERNMENT,
    f"中共{COUNTY}直属机关工作委员会",
    staff=TWO_STAFF,
)
ORGAN_BRANCHES = tuple(
    Branch(f"{short}团支部", f"共青团{unit}支部委员会", sector, profile, unit, term_years=3)
    for short, unit, sector, profile in (
        ("县教育局", "青禾县教育局", Sector.PARTY_GOVERNMENT, "organ"),
        ("县公安局", "青禾县公安局", Sector.PARTY_GOVERNMENT, "organ"),
        ("县财政局", "青禾县财政局", Sector.PARTY_GOVERNMENT, "organ"),
        ("县农业农村局", "青禾县农业农村局", Sector.PARTY_GOVERNMENT, "organ"),
        ("县人社局", "青禾县人力资源和社会保障局", Sector.PARTY_GOVERNMENT, "organ"),
        ("县人民医院", "青禾县人民医院", Sector.PUBLIC_INSTITUTION, "institution"),
    )
)

STATE_ENTERPRISES = Committee(
    "县国有企业团工委",
    f"共青团{COUNTY}国有企业工作委员会",
    Kind.WORKING_COMMITTEE,
    Sector.STATE_ENTERPRISE,
    f"{COUNTY}国有资产监督管理办公室",
    staff=TWO_STAFF,
    staff_occupation=Occupation.STATE_ENTERPRISE_STAFF,
)
STATE_ENTERPRISE_BRANCHES = tuple(
    Branch(
        f"{unit.removeprefix(COUNTY)}团支部",
        f"共青团{unit}支部委员会",
        Sector.STATE_ENTERPRISE,
        "soe",
        unit,
        weight=weight,
        term_years=3,
    )
    for unit, weight in (
        ("青禾县供电有限公司", 2.6),  # the large one
        ("青禾县自来水有限公司", 1.0),
        ("青禾县城市建设投资有限公司", 1.0),
        ("青禾县交通投资集团有限公司", 1.0),
        ("青禾农村商业银行股份有限公司", 1.0),
    )
)

PARK = Committee(
    "经开区团工委",
    f"共青团{PARK_NAME}工作委员会",
    Kind.WORKING_COMMITTEE,
    Sector.PRIVATE_ENTERPRISE,
    f"{PARK_NAME}管理委员会",
    staff=(*TWO_STAFF, SECONDED_DEPUTY),
    in_park=True,
)
# The park's companies: each brand with a trade drawn from the shuffled trades.
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
PARK_CODED = 7  # companies whose branch has the company's unified social credit code on record
PARK_WEIGHTS = (0.5, 1.2)  # the range a company's branch weight is drawn from
PARK_LAST_PEOPLE = 2  # the last company's branch is nearly empty


def park_company(brand: str, trade: str, unified_code: str, weight: float, fixed_people: int | None) -> Branch:
    unit = f"青禾{brand}{trade}有限公司"
    return Branch(
        f"{brand}{trade}团支部",
        f"共青团{unit}支部委员会",
        Sector.PRIVATE_ENTERPRISE,
        "private",
        unit,
        in_park=True,
        unified_code=unified_code,
        weight=weight,
        fixed_people=fixed_people,
    )


SOCIAL = Committee(
    "县社会组织团工委",
    f"共青团{COUNTY}社会组织工作委员会",
    Kind.WORKING_COMMITTEE,
    Sector.SOCIAL_ORGANIZATION,
    f"中共{COUNTY}社会组织综合委员会",
    staff=TWO_STAFF,
)
SOCIAL_BRANCHES = (
    Branch(
        "青年志愿者协会团支部",
        f"共青团{COUNTY}青年志愿者协会支部委员会",
        Sector.SOCIAL_ORGANIZATION,
        "social",
        f"{COUNTY}青年志愿者协会",
    ),
    Branch(
        "青年创业者协会团支部",
        f"共青团{COUNTY}青年创业者协会支部委员会",
        Sector.SOCIAL_ORGANIZATION,
        "social",
        f"{COUNTY}青年创业者协会",
        fixed_people=2,
    ),
    Branch(
        "社会组织联合团支部",
        f"共青团{COUNTY}社会组织联合支部委员会",
        Sector.SOCIAL_ORGANIZATION,
        "social",
        "青禾县书画协会、青禾县户外运动协会、青禾县青年电商协会、青禾县义工联合会",
        kind=Kind.JOINT_BRANCH,
        weight=0.8,
    ),
)
