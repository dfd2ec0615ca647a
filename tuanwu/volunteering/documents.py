"""The service certificate as a Word document and as a PDF (where WeasyPrint and CJK fonts are installed)."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tuanwu.core.documents import TITLE_FONT, a4_document, add_qr, docx_bytes, html_pdf
from tuanwu.core.documents import add_run as _run
from tuanwu.core.documents import pdf_available as pdf_available
from tuanwu.core.masking import mask_id_number
from tuanwu.core.verification import document_date, qr_svg

from .models import Certificate


def hours_text(value) -> str:
    value = Decimal(value)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}".rstrip("0")


def certificate_context(certificate: Certificate, verify_url: str) -> dict:
    """What every rendering of a certificate shows."""
    ctx = {
        "certificate": certificate,
        "id_number": mask_id_number(certificate.person.id_number),
        "period_start": document_date(certificate.period_start),
        "period_end": document_date(certificate.period_end),
        "issued_on": document_date(certificate.issued_on),
        "hours": hours_text(certificate.hours),
        "volunteer_number": certificate.volunteer_number,
        "lines": [dict(line, hours=hours_text(line["hours"])) for line in certificate.lines],
        "verify_url": verify_url,
        "qr_svg": qr_svg(verify_url),
        "issuer_name": certificate.organization.full_name or certificate.organization.name,
    }
    ctx["issuer_lines"] = issuer_lines(certificate, ctx)
    return ctx


def issuer_lines(certificate: Certificate, ctx: dict) -> list[str]:
    """The issuer block under the service table: issuer (with its seal), person in charge, handler, contact."""
    return [
        _("Issued by (seal): %(org)s") % {"org": ctx["issuer_name"]},
        _("Person in charge: %(name)s") % {"name": certificate.person_in_charge or "—"},
        _("Handled by: %(name)s") % {"name": certificate.handler},
        _("Contact phone: %(phone)s") % {"phone": certificate.contact_phone or "—"},
    ]


def _docx_statement(doc, certificate: Certificate, ctx: dict) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(p, _("No. %(number)s") % {"number": certificate.number}, size=12)
    if certificate.volunteer_number:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(p, _("Volunteer number: %(number)s") % {"number": certificate.volunteer_number}, size=12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, _("Volunteer service record certificate"), font=TITLE_FONT, size=22, bold=True)
    body = doc.add_paragraph()
    body.paragraph_format.first_line_indent = Pt(32)
    _run(
        body,
        _(
            "This certifies that %(name)s (ID number %(id)s) took part in volunteer service from %(start)s to "
            "%(end)s, %(hours)s hours in total, recorded and certified as follows."
        )
        % {
            "name": certificate.person.name,
            "id": ctx["id_number"] or "—",
            "start": ctx["period_start"],
            "end": ctx["period_end"],
            "hours": ctx["hours"],
        },
    )


def _docx_table(doc, ctx: dict) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, [_("Date"), _("Service content"), _("Organizer"), _("Hours")], strict=True
    ):
        _run(cell.paragraphs[0], text, size=12, bold=True)
    for line in ctx["lines"]:
        cells = table.add_row().cells
        for cell, text in zip(cells, [line["date"], line["content"], line["organizer"], line["hours"]], strict=True):
            _run(cell.paragraphs[0], text, size=12)


def _docx_issuer(doc, certificate: Certificate, ctx: dict, verify_url: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for text in [*issuer_lines(certificate, ctx), ctx["issued_on"]]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(p, text)
    seal = doc.add_paragraph()
    seal.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(seal, _("(seal)"), size=14)
    add_qr(doc, verify_url)
    _run(doc.add_paragraph(), _("Scan to verify: %(url)s") % {"url": verify_url}, size=10)


def certificate_docx(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate as .docx: title, statement, service table, issuer block and a QR code to verify it."""
    ctx = certificate_context(certificate, verify_url)
    doc = a4_document()
    _docx_statement(doc, certificate, ctx)
    _docx_table(doc, ctx)
    _docx_issuer(doc, certificate, ctx, verify_url)
    return docx_bytes(doc)


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The print view rendered to an A4 PDF with the fonts embedded."""
    html = render_to_string(
        "volunteering/certificate_print.html", {**certificate_context(certificate, verify_url), "for_pdf": True}
    )
    return html_pdf(html)
