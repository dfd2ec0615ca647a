"""The year's summary drafted from the plan: each area and task with its targets' standing and the progress
recorded, as a Word document in 公文 layout (title 小标宋/黑体, headings 一、（一）, body 仿宋) for a person to edit."""

from __future__ import annotations

import io

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

from . import selectors
from .models import WorkPlan

STATUS_WORDS = {
    "met": pgettext_lazy("standing", "met"),
    "on_track": pgettext_lazy("standing", "on track"),
    "at_risk": pgettext_lazy("standing", "at risk"),
    "missed": pgettext_lazy("standing", "missed"),
    "no_data": pgettext_lazy("standing", "no data yet"),
    "no_goal": pgettext_lazy("standing", "no target value"),
    "unconfirmed": pgettext_lazy("standing", "to be confirmed"),
}
SIGNS = {"=": "", ">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< "}
CN = "零一二三四五六七八九十"


def cn(n: int) -> str:
    return CN[n] if n <= 10 else ("十" + CN[n - 10] if n < 20 else str(n))


def _chinese() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


def numeral(n: int) -> str:
    """一 in a Chinese document, 1 in an English one."""
    return cn(n) if _chinese() else str(n)


def _number(value) -> str:
    return "—" if value is None else f"{value.normalize():f}"


def sentence(s: selectors.Standing, year: int) -> str:
    """The summary's sentence for a target's standing. Measured by a metric, it is built from the metric's
    wording and unit (never the target's text): "2025年团前教育不足规定学时而发展的团员1人（目标：0人）；未达成。";
    a value given by hand or none keeps the target's own summary and unit."""
    status = str(STATUS_WORDS[s.status])
    if s.metric is None:
        return _("Target: %(summary)s; actual: %(actual)s%(unit)s; %(status)s.") % {
            "summary": s.target.summary,
            "actual": _number(s.actual),
            "unit": s.unit,
            "status": status,
        }
    goal = "—" if s.goal is None else f"{SIGNS.get(s.comparison, '')}{_number(s.goal)}{s.unit}"
    return _("%(year)d: %(wording)s %(actual)s%(unit)s (target: %(goal)s); %(status)s.") % {
        "year": year,
        "wording": s.metric.wording,
        "actual": _number(s.actual),
        "unit": s.unit,
        "goal": goal,
        "status": status,
    }


def report_data(user, plan: WorkPlan, quarter: int | None = None) -> list[dict]:
    """Areas → tasks → (targets with standing, progress notes), the content of the summary; with a quarter,
    only that quarter's notes."""
    standings = selectors.plan_standings(user, plan)
    areas = []
    chinese = _chinese()
    for area in plan.areas.all():
        tasks = []
        for i, task in enumerate(area.tasks.all(), start=1):
            notes = list(
                (task.notes.filter(quarter=quarter) if quarter else task.notes.all()).order_by("quarter", "at")
            )
            tasks.append(
                {
                    "task": task,
                    "heading": f"（{cn(i)}）{task.title}" if chinese else f"({i}) {task.title}",
                    "lines": [_("Quarter %(q)s: %(text)s") % {"q": numeral(n.quarter), "text": n.text} for n in notes],
                    "targets": [
                        {
                            "summary": s.target.summary,
                            "actual": _number(s.actual),
                            "goal": _number(s.goal),
                            "status": str(STATUS_WORDS[s.status]),
                            "unit": s.unit,
                            "sentence": sentence(s, plan.year),
                        }
                        for s in standings.get(task.pk, [])
                    ],
                    "notes": notes,
                }
            )
        heading = f"{cn(area.number)}、{area.title}" if chinese else f"{area.number}. {area.title}"
        areas.append({"area": area, "heading": heading, "tasks": tasks})
    return areas


def report_title(plan: WorkPlan, quarter: int | None = None) -> str:
    names = {"org": plan.organization.name, "year": plan.year}
    if quarter:
        return _("%(org)s: progress in quarter %(q)s of %(year)d (draft)") % {**names, "q": numeral(quarter)}
    return _("%(org)s: work summary of %(year)d (draft)") % names


def report_docx(user, plan: WorkPlan, quarter: int | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    chinese = _chinese()

    def run(paragraph, text, font="仿宋", size=16, bold=False):
        r = paragraph.add_run(text)
        # An English document: Latin text in Times New Roman; Chinese names inside it keep the 公文 font.
        r.font.name, r.font.size, r.bold = (font if chinese else "Times New Roman"), Pt(size if chinese else 12), bold
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        return r

    def body(text):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        p.paragraph_format.line_spacing = Pt(28)
        run(p, text)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(title, report_title(plan, quarter), font="方正小标宋简体", size=22)
    body(
        _(
            "This draft follows the %(year)d work plan: for each task, its targets as the records stand and the "
            "progress recorded during the year. Edit before sending."
        )
        % {"year": plan.year}
    )
    for entry in report_data(user, plan, quarter):
        head = doc.add_paragraph()
        run(head, entry["heading"], font="黑体")
        for item in entry["tasks"]:
            sub = doc.add_paragraph()
            sub.paragraph_format.first_line_indent = Pt(32)
            run(sub, item["heading"], font="楷体", bold=True)
            for t in item["targets"]:
                body(t["sentence"])
            for line in item["lines"]:
                body(line)
            if not item["targets"] and not item["lines"]:
                body(_("(No progress recorded yet; please add.)"))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
