"""Columns of the member import and export, with the 智慧团建 header variants users' files carry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tuanwu.sheets import spec as s

from .choices import Education, Ethnicity, Gender, Occupation, PoliticalStatus
from .workflow import MembershipStatus

ETHNICITY_TYPOS = {"哈呢族": Ethnicity.HANI, "僳僳族": Ethnicity.LISU, "其他": Ethnicity.OTHER}
POLITICAL_ALIASES = {
    "团员": PoliticalStatus.LEAGUE_MEMBER,
    "党员": PoliticalStatus.PARTY_MEMBER,
    "预备党员": PoliticalStatus.PROBATIONARY_PARTY_MEMBER,
}
EDUCATION_ALIASES = {
    "中职中专在读": Education.IN_SECONDARY_VOCATIONAL,
    "中专": Education.SECONDARY_VOCATIONAL,
    "硕士研究生": Education.MASTER,
    "博士研究生": Education.DOCTOR,
}


def member_spec() -> s.Spec:
    """The member import's columns (built per call so labels follow the active language)."""
    ethnicity = s.choice(Ethnicity.choices, extra=ETHNICITY_TYPOS)
    return s.Spec(
        title=str(_("Members")),
        columns=[
            s.Column("姓名", "name", required=True, help=str(_("Full name.")), example="张晓明"),
            s.Column(
                "身份证号码",
                "id_number",
                ("身份证号", "公民身份号码", "证件号码", "身份证"),
                required=True,
                parser=s.id_text,
                help=str(_("18 characters, the last may be X; format the column as text.")),
                example="341122200405170016",
            ),
            s.Column(
                "性别",
                "gender",
                parser=s.choice(Gender.choices, extra={"男性": "male", "女性": "female"}),
                help=str(_("Optional: read from the ID number.")),
                choices=("男", "女"),
            ),
            s.Column("出生日期", "birth_date", parser=s.date, help=str(_("Optional: read from the ID number."))),
            s.Column("民族", "ethnicity", parser=ethnicity, choices=tuple(ethnicity.labels), example="汉族"),
            s.Column(
                "政治面貌",
                "political_status",
                parser=s.choice(PoliticalStatus.choices, extra=POLITICAL_ALIASES),
                choices=tuple(str(label) for _v, label in PoliticalStatus.choices),
                example="共青团员",
            ),
            s.Column(
                "全日制学历",
                "education",
                ("学历", "最高学历"),
                parser=s.choice(Education.choices, extra=EDUCATION_ALIASES),
            ),
            s.Column("职业", "occupation", parser=s.choice(Occupation.choices)),
            s.Column("学习工作单位", "unit", ("单位", "工作单位", "学校", "就读学校")),
            s.Column(
                "手机号码", "phone", ("手机号", "手机", "联系电话", "联系方式"), parser=s.id_text, example="13812345678"
            ),
            s.Column("电子邮箱", "email", ("邮箱", "email")),
            s.Column(
                "所在团支部",
                "organization",
                ("团支部", "所在组织", "所在团组织", "团组织", "所在支部"),
                required=True,
                help=str(_("Full or short name of the branch, as in TuanWu.")),
            ),
            s.Column(
                "团组织编码",
                "organization_code",
                ("组织编码", "支部编码"),
                help=str(_("Optional: when given, the branch is matched by its code.")),
            ),
            s.Column(
                "入团年月",
                "join_date",
                ("入团时间", "入团日期"),
                parser=s.date,
                help=str(_("Leave empty for young people who are not members; 2019-05 or 2019-05-04.")),
            ),
            s.Column(
                "团员编号",
                "development_number",
                ("发展团员编号",),
                parser=s.id_text,
                help=str(_("Required for joins from 2017; begins with the join year.")),
            ),
            s.Column("团籍状态", "status", parser=s.choice(MembershipStatus.choices, extra={"正常": "normal"})),
        ],
    )


MEMBER_EXAMPLE = {
    "name": "张晓明",
    "id_number": "341122200405170016",
    "gender": "男",
    "ethnicity": "汉族",
    "political_status": "共青团员",
    "education": "高中",
    "occupation": "学生",
    "unit": "青禾一中",
    "phone": "13812345678",
    "organization": "2024级1班团支部",
    "join_date": "2019-05-04",
    "development_number": "201900000001",
}
