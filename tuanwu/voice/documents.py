"""The research report draft (.docx): the year's case figures of an organization's subtree by category, kind of
rights claim, month and organization, followed by a survey's results, for the rights research the plan asks for."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from .models import Survey
from .selectors_rights import CaseStatistics, QuestionResult

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"


def _run(paragraph, text: str, *, font: str = BODY_FONT, size: int = 14, bold: bool = False):
    """Text in a font Word also uses for the Chinese characters (the East Asian font slot)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    r = paragraph.add_run(text)
    r.font.name, r.font.size, r.bold = font, Pt(size), bold
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return r


def _heading(doc, text: str, size: int = 16) -> None:
    _run(doc.add_paragraph(), text, font=HEADING_FONT, size=size, bold=True)


def _table(doc, headers: list[str], rows: list[list[object]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _run(cell.paragraphs[0], text, size=12, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            _run(cell.paragraphs[0], str(value), size=12)


def research_report_docx(
    survey: Survey, results: tuple[int, list[QuestionResult]], statistics: CaseStatistics, year: int
) -> bytes:
    """A draft for the research report; the writer adds the analysis and the proposals."""
    from docx import Document

    doc = Document()
    title = doc.add_paragraph()
    title.alignment = 1
    heading = _("%(org)s: report on young people's rights, %(year)s") % {"org": survey.organization.name, "year": year}
    _run(title, heading, font=HEADING_FONT, size=20, bold=True)
    _run(
        doc.add_paragraph(),
        _("Draft from the 青年之声 cases of %(year)s (%(n)s cases) and the survey “%(title)s” (%(answers)s answers).")
        % {"year": year, "n": statistics.total, "title": survey.title, "answers": results[0]},
    )
    _heading(doc, _("1. Cases by category"))
    _table(doc, [_("Category"), _("Cases")], [[k, n] for k, n in statistics.by_category])
    if statistics.by_subtype:
        _heading(doc, _("2. Rights claims by kind"))
        _table(doc, [_("Kind of rights claim"), _("Cases")], [[k, n] for k, n in statistics.by_subtype])
    _heading(doc, _("3. Cases by month"))
    _table(doc, [_("Month"), _("Cases")], [[m, n] for m, n in statistics.by_month])
    _heading(doc, _("4. Cases by organization"))
    _table(doc, [_("Organization"), _("Cases")], [[o, n] for o, n in statistics.by_organization])
    _heading(doc, _("5. Survey results"))
    total, questions = results
    for q in questions:
        _run(doc.add_paragraph(), f"{q.number}. {q.text}", bold=True)
        if q.kind == Survey.Kind.TEXT:
            for text in q.texts:
                doc.add_paragraph(text, style="List Bullet")
        else:
            _table(doc, [_("Option"), _("Answers"), "%"], [[o, n, f"{p:.1f}"] for o, n, p in q.options])
    _heading(doc, _("6. Findings and proposals"))
    _run(doc.add_paragraph(), _("(to be written)"))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
