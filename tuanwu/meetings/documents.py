"""The minutes book (会议记录本) as a Word document: one table per meeting in the paper book's layout."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .selectors.minutes import Entry, MinutesBook

BODY_FONT = "仿宋"
TITLE_FONT = "黑体"


def _run(paragraph, text: str, *, font: str = BODY_FONT, size: int = 12, bold: bool = False):
    """Text in a font Word also uses for Chinese characters (the East Asian font slot)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold = font, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def entry_rows(entry: Entry) -> list[tuple[str, str]]:
    """The lines of one meeting, label and text, in the order the paper book has them."""
    m = entry.meeting
    attendance = _("Expected %(expected)d, present %(present)d, absent %(absent)d") % {
        "expected": entry.expected,
        "present": entry.present,
        "absent": entry.expected - entry.present,
    }
    if entry.absences:
        attendance += _(": %(names)s") % {"names": "、".join(entry.absences)}
    return [
        (pgettext("minutes book", "Kind"), m.get_kind_display()),
        (pgettext("minutes book", "Time"), entry.time),
        (pgettext("minutes book", "Place"), m.place or "—"),
        (pgettext("minutes book", "Chair"), m.chair.name if m.chair else "—"),
        (pgettext("minutes book", "Recorder"), m.recorder.name if m.recorder else "—"),
        (pgettext("minutes book", "Expected / present / absent (reasons)"), attendance),
        (pgettext("minutes book", "Topic"), m.topic),
        (pgettext("minutes book", "Content"), m.minutes or "—"),
        (pgettext("minutes book", "Decisions"), m.decisions or "—"),
    ]


def minutes_docx(book: MinutesBook) -> bytes:
    """The term's book as .docx on A4: a title page line, then each meeting on its own page."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, _("Minutes book"), font=TITLE_FONT, size=22, bold=True)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(sub, f"{book.organizer} · {book.term.label}", size=14)
    if not book.entries:
        _run(doc.add_paragraph(), _("No meetings were recorded in this term."))
    for i, entry in enumerate(book.entries, start=1):
        if i > 1:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        heading = doc.add_paragraph()
        _run(heading, _("Meeting %(n)s") % {"n": i}, font=TITLE_FONT, size=14, bold=True)
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, text in entry_rows(entry):
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Cm(4), Cm(12)
            _run(cells[0].paragraphs[0], label, bold=True)
            lines = text.splitlines() or [""]
            _run(cells[1].paragraphs[0], lines[0])
            for line in lines[1:]:
                _run(cells[1].add_paragraph(), line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
