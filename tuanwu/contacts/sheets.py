"""Columns of the contacts import: a committee's list of the youths each cadre keeps in direct contact."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tuanwu.sheets import spec as s

from .models import Contact

FIELD_ALIASES = {
    "学生": Contact.Field.STUDENT,
    "在校学生": Contact.Field.STUDENT,
    "职工": Contact.Field.WORKER,
    "工人": Contact.Field.WORKER,
    "农民": Contact.Field.FARMER,
    "新兴领域青年": Contact.Field.TWO_NEW_EMPLOYEE,
    "两新组织青年": Contact.Field.TWO_NEW_EMPLOYEE,
    "自由职业": Contact.Field.FREELANCER,
    "公务员": Contact.Field.CIVIL_SERVANT,
    "机关干部": Contact.Field.CIVIL_SERVANT,
}
YES_NO = [("yes", "是"), ("no", "否")]


def yes_no(value) -> bool:
    return s.choice(YES_NO, extra={"固定": "yes", "y": "yes", "n": "no"})(value) == "yes"


def contacts_spec() -> s.Spec:
    field = s.choice(Contact.Field.choices, extra=FIELD_ALIASES)
    return s.Spec(
        title=str(_("Direct contacts")),
        columns=[
            s.Column(
                "联系干部",
                "cadre",
                ("干部", "干部姓名", "干部身份证号"),
                required=True,
                help=str(_("ID number or name of a cadre registered for direct-contact work where you manage it.")),
                example="周敏",
            ),
            s.Column("青年姓名", "name", ("姓名", "联系青年"), required=True, example="陈晨"),
            s.Column(
                "手机号",
                "phone",
                ("联系电话", "电话", "手机"),
                parser=s.id_text,
                help=str(_("The phone or the ID number identifies the youth: a second import updates them.")),
                example="13800000000",
            ),
            s.Column(
                "身份证号",
                "id_number",
                ("公民身份号码", "身份证"),
                parser=s.id_text,
                help=str(_("Only for someone in the registry: links the contact to their record.")),
            ),
            s.Column("单位或学校", "unit", ("工作单位", "学校", "单位"), example="青禾智造有限公司"),
            s.Column(
                "所属领域",
                "field",
                ("领域", "青年类别"),
                required=True,
                parser=field,
                choices=tuple(field.labels),
                dropdown=True,
                example=str(Contact.Field.TWO_NEW_EMPLOYEE.label),
            ),
            s.Column("固定联系青年", "fixed", ("是否固定联系",), parser=yes_no, choices=("是", "否"), dropdown=True),
            s.Column("建立联系日期", "added_on", ("联系日期", "开始日期"), parser=s.date, example="2026-03-01"),
        ],
    )


CONTACTS_EXAMPLE: dict[str, str] = {}
