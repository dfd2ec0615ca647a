"""Columns of the directory import and export: the county's market-regulation (市场监管) and civil-affairs (民政)
lists' usual headers among the aliases."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tuanwu.sheets import spec as s

from .models import OrgForm, SizeBand, SocialSubtype, UnitKind

KIND_ALIASES = {
    "企业": UnitKind.ENTERPRISE,
    "民营企业": UnitKind.ENTERPRISE,
    "非公有制企业": UnitKind.ENTERPRISE,
    "社会组织": UnitKind.SOCIAL,
    "个体户": UnitKind.INDIVIDUAL,
}
SUBTYPE_ALIASES = {"社团": SocialSubtype.ASSOCIATION, "民非": SocialSubtype.PRIVATE_NONPROFIT}
FORM_ALIASES = {
    "单独": OrgForm.OWN,
    "单建": OrgForm.OWN,
    "联合": OrgForm.JOINT,
    "联建": OrgForm.JOINT,
    "未建": OrgForm.NONE,
}
SIZE_ALIASES = {
    "大型企业": SizeBand.LARGE,
    "中型企业": SizeBand.MEDIUM,
    "小型企业": SizeBand.SMALL,
    "微型企业": SizeBand.MICRO,
}
YES_NO = [("yes", "是"), ("no", "否")]


def yes_no(value) -> bool:
    return (
        s.choice(YES_NO, extra={"正常": "yes", "在业": "yes", "存续": "yes", "停业": "no", "注销": "no"})(value)
        == "yes"
    )


def directory_spec() -> s.Spec:
    kind = s.choice(UnitKind.choices, extra=KIND_ALIASES)
    subtype = s.choice(SocialSubtype.choices, extra=SUBTYPE_ALIASES)
    form = s.choice(OrgForm.choices, extra=FORM_ALIASES)
    size = s.choice(SizeBand.choices, extra=SIZE_ALIASES)
    return s.Spec(
        title=str(_("Two-new directory")),
        columns=[
            s.Column(
                "统一社会信用代码",
                "credit_code",
                ("信用代码", "社会信用代码", "统一代码"),
                required=True,
                parser=s.id_text,
                help=str(_("18 characters; rows with a code already listed update that unit.")),
                example="91341100MA2N0XY8K1",
            ),
            s.Column(
                "单位名称", "name", ("企业名称", "社会组织名称", "名称"), required=True, example="青禾智造有限公司"
            ),
            s.Column(
                "单位类型",
                "kind",
                ("类型", "组织类型"),
                required=True,
                parser=kind,
                choices=tuple(kind.labels),
                example="非公企业",
                dropdown=True,
            ),
            s.Column("社会组织类别", "subtype", ("社会组织类型",), parser=subtype, choices=tuple(subtype.labels)),
            s.Column("所属行业", "sector", ("行业", "行业门类"), example="制造业"),
            s.Column(
                "所在园区",
                "park",
                ("园区",),
                help=str(
                    _("The park's name, for units in a park; a park not registered yet is registered with the import.")
                ),
            ),
            s.Column(
                "属地团组织",
                "township",
                ("所在乡镇", "乡镇（街道）", "乡镇"),
                required=True,
                help=str(_("Code or name of the township committee responsible for the unit.")),
                example="东湖镇团委",
            ),
            s.Column("规模", "size_band", ("企业规模",), parser=size, choices=tuple(size.labels), dropdown=True),
            s.Column("从业人员数", "employees", ("从业人数", "职工人数", "员工人数"), parser=s.integer, example="120"),
            s.Column(
                "35岁以下青年数", "young_employees", ("青年职工数", "35周岁以下青年"), parser=s.integer, example="40"
            ),
            s.Column("团员数", "league_members", ("团员人数",), parser=s.integer, example="5"),
            s.Column(
                "党组织", "party_org", ("党组织建立情况",), parser=form, choices=tuple(form.labels), dropdown=True
            ),
            s.Column(
                "是否实体运营", "operating", ("实体运营", "经营状态", "登记状态"), parser=yes_no, choices=("是", "否")
            ),
            s.Column(
                "团组织编码",
                "covering_org",
                ("覆盖团组织",),
                parser=s.id_text,
                help=str(_("Code of the League organization that already covers the unit, if any.")),
            ),
            s.Column("团组织建立方式", "league_org_form", ("建团方式",), parser=form, choices=tuple(form.labels)),
            s.Column("联建单位", "joint_partners", ("联合单位",)),
            s.Column("计划建成时间", "planned_on", ("计划时间",), parser=s.date),
        ],
    )


DIRECTORY_EXAMPLE: dict[str, str] = {}
