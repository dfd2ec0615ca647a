"""The certificate as people see it: the public verification page shows four facts and nothing else; the print
view, the Word document and the PDF carry the number, the hours and the service lines."""

import io
import shutil
import subprocess

import pytest
from docx import Document

from tuanwu.volunteering.documents import pdf_available
from tuanwu.volunteering.services.certificates import certificate_issue

from .factories import at, day, issuer_ready, served


@pytest.fixture
def certificate(cast):
    served(cast, "zhang", at(1, 9), at(1, 12), title="河道清洁行动")
    served(cast, "zhang", at(3, 14), at(3, 16, 30), title="敬老院陪伴")
    issuer_ready(cast.town)
    return certificate_issue(
        actor=cast.users["committee_secretary"],
        person=cast.people["zhang"],
        organization=cast.town,
        period_start=day(0),
        period_end=day(10),
        handler="王老师",
    )


def test_verification_page_shows_only_number_masked_name_hours_and_issuer(client, certificate, cast):
    zhang = cast.people["zhang"]

    html = client.get(f"/volunteering/verify/{certificate.token}/").content.decode()

    assert certificate.number in html
    assert "张**" in html
    assert "5.5" in html
    assert (cast.town.full_name or cast.town.name) in html
    for secret in (
        "张晓明",
        zhang.id_number,
        zhang.id_number[-4:],
        zhang.phone,
        "河道清洁行动",
        "敬老院陪伴",
        "王老师",
    ):
        assert secret not in html, secret


def test_an_unknown_token_answers_404(client, certificate):
    assert client.get("/volunteering/verify/not-a-token/").status_code == 404


def test_print_view_lists_the_service(client_as, certificate):
    html = client_as("member").get(f"/volunteering/certificates/{certificate.pk}/").content.decode()

    for text in (
        certificate.number,
        "河道清洁行动",
        "敬老院陪伴",
        "王老师",
        f"/volunteering/verify/{certificate.token}/",
    ):
        assert text in html, text


def test_word_document_holds_the_certificate(client_as, certificate):
    response = client_as("committee_secretary").get(f"/volunteering/certificates/{certificate.pk}/docx/")

    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert certificate.number in text
    assert "5.5" in text
    assert [c for c in cells if c in ("河道清洁行动", "敬老院陪伴")] == ["河道清洁行动", "敬老院陪伴"]


@pytest.mark.skipif(
    not pdf_available() or not shutil.which("pdftotext"), reason="needs WeasyPrint, CJK fonts, pdftotext"
)
def test_pdf_has_the_chinese_text(client_as, certificate, tmp_path):
    response = client_as("committee_secretary").get(f"/volunteering/certificates/{certificate.pk}/pdf/")
    path = tmp_path / "c.pdf"
    path.write_bytes(response.content)

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    assert response.content.startswith(b"%PDF")
    assert "志愿服务记录证明" in text
    assert certificate.number in text
