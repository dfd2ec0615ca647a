"""Printed documents (certificates): an A4 Word document in the fonts of official documents, a QR code picture
for it, and the PDF made from a print page where WeasyPrint and a CJK font are installed."""

from __future__ import annotations

import io
import shutil
import subprocess

import segno

# 仿宋 for body text and 黑体 for the title where installed; Word falls back to the system's CJK font.
BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def add_run(paragraph, text: str, *, font: str = BODY_FONT, size: int = 16, bold: bool = False):
    """Add text in a font that Word also uses for the Chinese characters (East Asian font slot)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    r = paragraph.add_run(text)
    r.font.name, r.font.size, r.bold = font, Pt(size), bold
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return r


def a4_document(*, landscape: bool = False):
    """An empty A4 document with the margins and body font of official documents."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(3.7)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = Cm(21.0), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    return doc


def add_qr(doc, url: str) -> None:
    """The verification address as a QR code picture, 3 cm wide."""
    from docx.shared import Cm

    png = io.BytesIO()
    segno.make(url, error="m").save(png, kind="png", scale=4, border=1)
    png.seek(0)
    doc.add_picture(png, width=Cm(3))


def docx_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_available() -> bool:
    """Whether PDFs can be made here: WeasyPrint imports and a CJK font is installed (fc-list sees Noto CJK)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    if shutil.which("fc-list") is None:
        return False
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=10).stdout
    return bool(fonts.strip())


def html_pdf(html: str) -> bytes:
    """A print page rendered to PDF with its fonts embedded."""
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()
