"""Columns of the mandate import: a term's members, alternates and delegates, as the congress's list has them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tuanwu.sheets import spec as s

from .models import MandateKind

KIND_ALIASES = {
    "团委委员": MandateKind.COMMITTEE_MEMBER,
    "委员会委员": MandateKind.COMMITTEE_MEMBER,
    "候补": MandateKind.ALTERNATE,
    "常务委员": MandateKind.STANDING_COMMITTEE,
    "常委会委员": MandateKind.STANDING_COMMITTEE,
    "党代表": MandateKind.DELEGATE,
    "团代表": MandateKind.DELEGATE,
    "代表大会代表": MandateKind.DELEGATE,
}


def mandate_spec() -> s.Spec:
    kind = s.choice(MandateKind.choices, extra=KIND_ALIASES)
    return s.Spec(
        title=str(_("Mandates")),
        columns=[
            s.Column(
                "届次",
                "term",
                ("届别", "代表大会"),
                required=True,
                help=str(_("The term's name as recorded, e.g. 共青团青禾县第十五次代表大会.")),
                example="共青团青禾县第十五次代表大会",
            ),
            s.Column("姓名", "name", ("人员姓名",), required=True, example="张晓明"),
            s.Column(
                "身份证号",
                "id_number",
                ("身份证号码", "公民身份号码"),
                parser=s.id_text,
                help=str(_("Needed when two people in your scope share the name.")),
            ),
            s.Column(
                "身份",
                "kind",
                ("类别", "职务", "委员类别"),
                required=True,
                parser=kind,
                choices=tuple(kind.labels),
                example="委员",
                dropdown=True,
            ),
            s.Column("任职起始", "from_on", ("起始日期", "当选日期"), parser=s.date),
            s.Column("任职截止", "until_on", ("截止日期", "离任日期"), parser=s.date),
            s.Column("代表团或选区", "delegation", ("代表团", "选区", "选举单位"), example="东湖镇代表团"),
        ],
    )


MANDATE_EXAMPLE: dict[str, str] = {}
