"""The award certificate (荣誉证书) as a Word document and as a PDF, built on the same document pieces as the
volunteer service certificate."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tuanwu.core.documents import TITLE_FONT, a4_document, add_qr, add_run, docx_bytes, html_pdf
from tuanwu.core.documents import pdf_available as pdf_available
from tuanwu.core.verification import document_date, qr_svg

from .models import Award


def award_context(award: Award, verify_url: str) -> dict:
    """What every rendering of an award certificate shows."""
    return {
        "award": award,
        "granted_on": document_date(award.granted_on),
        "issuer": award.call.organization.full_name or award.call.organization.name,
        "verify_url": verify_url,
        "qr_svg": qr_svg(verify_url),
    }


def award_statement(award: Award) -> str:
    return _("%(org)s — “%(project)s” is awarded %(level)s in %(call)s.") % {
        "org": award.organization.name,
        "project": award.entry.project.title,
        "level": award.level.name,
        "call": award.call.title,
    }


def award_docx(award: Award, verify_url: str) -> bytes:
    """The certificate as .docx on a landscape A4: number, title, statement, issuer and date, and a QR code."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    ctx = award_context(award, verify_url)
    doc = a4_document(landscape=True)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_run(p, _("No. %(number)s") % {"number": award.number}, size=12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(title, _("Certificate of honour"), font=TITLE_FONT, size=30, bold=True)
    body = doc.add_paragraph()
    body.paragraph_format.first_line_indent = Pt(32)
    add_run(body, award_statement(award))
    for text in (ctx["issuer"], ctx["granted_on"]):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_run(p, text)
    add_qr(doc, verify_url)
    add_run(doc.add_paragraph(), _("Scan to verify: %(url)s") % {"url": verify_url}, size=10)
    return docx_bytes(doc)


def award_pdf(award: Award, verify_url: str) -> bytes:
    """The print page rendered to a landscape A4 PDF with the fonts embedded."""
    html = render_to_string("programs/award_print.html", {**award_context(award, verify_url), "for_pdf": True})
    return html_pdf(html)
