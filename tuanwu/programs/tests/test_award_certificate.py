"""An award's certificate downloads as .docx (and PDF where it can be made) with a Chinese file name, for those
who see the award and for no one else."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal
from urllib.parse import unquote

import pytest

from tuanwu.programs import services
from tuanwu.programs.documents import pdf_available

from .factories import call, project


@pytest.fixture
def award(cast):
    admin = cast.users["county_admin"]
    c = call(admin, cast.town, quota=2, levels=(("优秀团队", Decimal("100")),))
    day = datetime.date(2026, 8, 10)
    p = project(admin, cast.branch)
    entry = services.entry_create(actor=admin, call=c, project=p, recommended_by=cast.branch, today=day)
    services.round_close(actor=admin, round=services.round_create(actor=admin, call=c, name="初评"))
    services.notice_publish(actor=admin, call=c, starts_on=datetime.date(2026, 9, 1), text="公示")
    return services.award_grant(actor=admin, entry=entry, level=c.levels.get(), today=datetime.date(2026, 9, 10))


def test_the_docx_carries_the_number_award_and_verification_address(client_as, award):
    from docx import Document

    response = client_as("committee_secretary").get(f"/programs/awards/{award.pk}/certificate.docx")

    assert response.status_code == 200
    assert "荣誉证书" in unquote(response["Content-Disposition"]) and award.number in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert award.number in text and "优秀团队" in text and f"/programs/verify/{award.token}/" in text
    assert len(Document(io.BytesIO(response.content)).inline_shapes) == 1


def test_the_award_page_offers_the_download(client_as, award):
    page = client_as("committee_secretary").get(f"/programs/awards/{award.pk}/").content.decode()

    assert f"/programs/awards/{award.pk}/certificate.docx" in page


def test_the_docx_is_hidden_from_the_school_cadre(client_as, award):
    response = client_as("cadre").get(f"/programs/awards/{award.pk}/certificate.docx")

    assert response.status_code == 404


@pytest.mark.skipif(
    not pdf_available() or not shutil.which("pdftotext"), reason="needs WeasyPrint, CJK fonts, pdftotext"
)
def test_the_pdf_has_the_chinese_text(client_as, award, tmp_path):
    response = client_as("committee_secretary").get(f"/programs/awards/{award.pk}/certificate.pdf")
    path = tmp_path / "a.pdf"
    path.write_bytes(response.content)

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert award.number in text and "优秀团队" in text
