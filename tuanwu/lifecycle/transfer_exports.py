"""Transfers as files: the list as .xlsx (the rows the page shows) and the letter a member carries out of the
county (团员组织关系介绍信) as .docx, beside its print page."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from tuanwu.core.documents import BODY_FONT, TITLE_FONT
from tuanwu.core.masking import mask_id_number
from tuanwu.core.verification import document_date
from tuanwu.sheets.writer import Writer

from .models.transfers import Transfer


def transfers_xlsx(rows: Iterable[Transfer]) -> bytes:
    w = Writer()
    w.sheet(
        _("Transfers"),
        [
            _("Member"),
            _("From"),
            _("To"),
            _("Assigned branch"),
            _("Direction"),
            _("Started by"),
            _("Status"),
            _("Started on"),
            _("Answer due by"),
            _("Closed on"),
            _("Reason"),
        ],
        (
            [
                t.member_name,
                t.from_name,
                t.to_name,
                t.branch.name if t.branch else "",
                t.get_direction_display(),
                t.get_initiator_display(),
                t.get_status_display(),
                t.started_on.isoformat(),
                t.due_on.isoformat() if t.due_on else "",
                t.closed_on.isoformat() if t.closed_on else "",
                t.reason,
            ]
            for t in rows
        ),
    )
    return w.close()


def letter_context(transfer: Transfer, *, reveal: bool) -> dict:
    """What the letter says: the member, where from and to, and when; the ID number in clear only when the
    reader may see it (the caller logs that access)."""
    person = transfer.person
    membership = getattr(person, "membership", None)
    number = person.id_number if person else ""
    return {
        "number": transfer.letter_number,
        "name": transfer.member_name,
        "gender": person.get_gender_display() if person else "",
        "birth_date": document_date(person.birth_date) if person else "",
        "id_number": (number if reveal else mask_id_number(number)) if number else "",
        "join_date": document_date(membership.join_date) if membership else "",
        "development_number": (membership.development_number or "") if membership else "",
        "origin": transfer.origin.full_name if transfer.origin else transfer.external_name,
        "destination": transfer.external_name or (transfer.destination.name if transfer.destination else ""),
        "issued_on": document_date(transfer.closed_on or transfer.started_on),
        "reason": transfer.reason,
    }


def _run(paragraph, text: str, *, font: str = BODY_FONT, size: int = 16, bold: bool = False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    r = paragraph.add_run(text)
    r.font.name, r.font.size, r.bold = font, Pt(size), bold
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return r


def letter_docx(ctx: dict) -> bytes:
    """The letter on A4 in the fonts of official documents: title, addressee, the member's particulars, the
    issuing organization and date, and a seal space."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(3.7)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(16)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(p, _("No. %(number)s") % {"number": ctx["number"]}, size=12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, _("Letter of transfer of a League member's organizational relation"), font=TITLE_FONT, size=22)
    _run(doc.add_paragraph(), _("To %(org)s:") % {"org": ctx["destination"]})
    body = doc.add_paragraph()
    body.paragraph_format.first_line_indent = Pt(32)
    _run(
        body,
        _(
            "Comrade %(name)s (%(gender)s, born %(birth)s, ID number %(id)s), League member since %(joined)s, "
            "development number %(dev)s, transfers the organizational relation to your organization. Please "
            "receive the member."
        )
        % {
            "name": ctx["name"],
            "gender": ctx["gender"],
            "birth": ctx["birth_date"],
            "id": ctx["id_number"] or "—",
            "joined": ctx["join_date"],
            "dev": ctx["development_number"] or "—",
        },
    )
    if ctx["reason"]:
        _run(doc.add_paragraph(), _("Reason: %(reason)s") % {"reason": ctx["reason"]})
    for text in [ctx["origin"], ctx["issued_on"], _("(seal)")]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(p, text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def graduates_xlsx(graduates, summary) -> bytes:
    """A graduating class as .xlsx: every graduate sent with destination and transfer state, then who is stuck."""
    w = Writer()
    w.sheet(
        _("Graduates"),
        [_("Member"), _("Destination"), _("To"), _("Status"), _("Kept by the school until")],
        (
            [
                g.person.name,
                g.get_destination_display(),
                g.transfer.to_name if g.transfer else _("Stays with the school"),
                g.transfer.get_status_display() if g.transfer else "",
                g.kept_until.isoformat() if g.kept_until else "",
            ]
            for g in graduates
        ),
    )
    w.sheet(
        _("Who is stuck where"),
        [_("Member"), _("Destination"), _("Status"), _("Waiting for")],
        ([s.name, s.destination, s.status_label, s.where] for s in summary.stuck),
    )
    return w.close()
