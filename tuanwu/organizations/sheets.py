"""Columns of the organization import and export (智慧团建's batch-create labels among the aliases)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tuanwu.sheets import spec as s

from .models import Kind, Sector

KIND_ALIASES = {
    "团委": Kind.COMMITTEE,
    "基层团委": Kind.COMMITTEE,
    "团总支": Kind.GENERAL_BRANCH,
    "团支部": Kind.BRANCH,
    "团工委": Kind.WORKING_COMMITTEE,
    "联合团支部": Kind.JOINT_BRANCH,
    "临时团支部": Kind.TEMPORARY_BRANCH,
}


def organization_spec() -> s.Spec:
    kinds = [c for c in Kind.choices if c[0] != Kind.COUNTY_COMMITTEE]
    kind = s.choice(kinds, extra=KIND_ALIASES)
    sector = s.choice(Sector.choices, extra={"两新组织": Sector.PRIVATE_ENTERPRISE})
    return s.Spec(
        title=str(_("Organizations")),
        columns=[
            s.Column(
                "组织编码",
                "code",
                ("团组织编码", "编码", "组织代码"),
                required=True,
                parser=s.id_text,
                help=str(_("A unique code; rows with a code that exists update that organization.")),
                example="DH03",
            ),
            s.Column("组织简称", "name", ("简称",), required=True, example="南岭村团支部"),
            s.Column(
                "组织全称", "full_name", ("全称", "组织名称"), required=True, example="共青团东湖镇南岭村支部委员会"
            ),
            s.Column(
                "组织类别",
                "kind",
                ("组织类型", "类别"),
                required=True,
                parser=kind,
                choices=tuple(kind.labels),
                example="团支部",
            ),
            s.Column(
                "单位所属行业类别",
                "sector",
                ("行业类别", "所属行业"),
                parser=sector,
                choices=tuple(sector.labels),
                example="农村",
            ),
            s.Column(
                "上级组织",
                "parent",
                ("上级团组织", "上级组织编码", "上级组织名称"),
                required=True,
                help=str(_("Code, full name or short name of the parent; it may be a row above in this file.")),
                example="东湖镇团委",
            ),
            s.Column("园区", "park", ("所在园区",), help=str(_("Name of the park, for organizations in a park."))),
            s.Column("统一社会信用代码", "unified_code", ("信用代码",), parser=s.id_text),
            s.Column("单位名称", "unit_name", ("所在单位",)),
            s.Column("联系电话", "contact_phone", ("电话",), parser=s.id_text),
            s.Column("电子邮箱", "email", ("邮箱",)),
            s.Column("地址", "address", ("通讯地址",)),
            s.Column("任期开始", "term_start", ("本届任期开始", "换届时间"), parser=s.date),
            s.Column("任期结束", "term_end", ("本届任期结束", "届满时间"), parser=s.date),
        ],
    )


ORGANIZATION_EXAMPLE: dict[str, str] = {}
