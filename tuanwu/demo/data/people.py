"""The people of the demo county: their names, birthplaces, phones, and what the youths of each kind of branch
look like (education, occupation, the share of members)."""

from __future__ import annotations

from dataclasses import dataclass

from tuanwu.people.choices import Education, Ethnicity, Occupation
from tuanwu.people.workflow import MembershipStatus

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
