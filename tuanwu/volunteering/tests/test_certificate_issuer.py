"""The certificate as 民政部令第67号 and the national system print it: the volunteer's number, the issuer's
person in charge and handler by name, a contact and a seal area; no certificate without a person in charge."""

import io
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document

from tuanwu.volunteering.documents import pdf_available
from tuanwu.volunteering.models import Certificate, IssuerSettings, VolunteerNumber
from tuanwu.volunteering.services.certificates import certificate_issue, issuer_settings_save

from .factories import at, day, served


def configure(cast, organization=None, person_in_charge="刘主任", phone="0571-88886666"):
    return issuer_settings_save(
        actor=cast.users["county_admin"],
        organization=organization or cast.town,
        person_in_charge=person_in_charge,
        contact_phone=phone,
    )


def issue(cast, name="zhang", organization=None, actor="committee_secretary"):
    return certificate_issue(
        actor=cast.users[actor],
        person=cast.people[name],
        organization=organization or cast.town,
        period_start=day(0),
        period_end=day(20),
        handler="王老师",
    )


def test_no_certificate_without_a_person_in_charge_and_the_message_names_the_setting(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))

    with pytest.raises(ValidationError) as refused:
        issue(cast)

    assert refused.value.code == "PERSON_IN_CHARGE_MISSING"
    text = " ".join(refused.value.messages)
    assert "证明出具设置" in text and "负责人" in text and cast.town.name in text
    assert not Certificate.objects.exists()
    assert not VolunteerNumber.objects.exists()


def test_a_certificate_carries_the_volunteer_number_person_in_charge_handler_and_contact(cast):
    configure(cast)
    served(cast, "zhang", at(0, 9), at(0, 12))
    served(cast, "wang", at(0, 9), at(0, 12))
    year = timezone.localdate().year

    first = issue(cast, "zhang")
    again = issue(cast, "zhang")
    other = issue(cast, "wang")

    assert first.volunteer_number == again.volunteer_number == f"QHV{year}000001"
    assert other.volunteer_number == f"QHV{year}000002"
    assert VolunteerNumber.objects.get(person=cast.people["zhang"]).number == first.volunteer_number
    assert (first.person_in_charge, first.handler, first.contact_phone) == ("刘主任", "王老师", "0571-88886666")


def test_an_imported_volunteer_number_is_kept(cast):
    configure(cast)
    served(cast, "zhang", at(0, 9), at(0, 12))
    VolunteerNumber.objects.create(
        person=cast.people["zhang"], county=cast.county, number="33010220190001", source="imported"
    )

    assert issue(cast).volunteer_number == "33010220190001"


def test_the_settings_are_frozen_on_the_certificate(cast):
    configure(cast)
    served(cast, "zhang", at(0, 9), at(0, 12))
    certificate = issue(cast)

    configure(cast, person_in_charge="陈书记", phone="0571-1")

    certificate.refresh_from_db()
    assert (certificate.person_in_charge, certificate.contact_phone) == ("刘主任", "0571-88886666")


def test_print_view_and_word_show_number_names_contact_and_seal_area_with_the_id_masked(client_as, cast):
    configure(cast)
    served(cast, "zhang", at(0, 9), at(0, 12))
    certificate = issue(cast)
    zhang = cast.people["zhang"]

    html = client_as("committee_secretary").get(f"/volunteering/certificates/{certificate.pk}/").content.decode()
    response = client_as("committee_secretary").get(f"/volunteering/certificates/{certificate.pk}/docx/")
    word = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)

    for text in (html, word):
        assert certificate.volunteer_number in text
        assert "志愿者编号" in text
        assert "负责人：刘主任" in text
        assert "经办人：王老师" in text
        assert "联系电话：0571-88886666" in text
        assert "（盖章）" in text
        assert zhang.id_number not in text
    assert 'data-testid="seal"' in html


def test_managers_of_the_issuer_edit_its_settings_and_others_cannot(client_as, cast):
    url = f"/volunteering/issuers/{cast.town.pk}/"
    assert client_as("branch_secretary").get(url).status_code == 404
    assert client_as("committee_secretary").get(url).status_code == 200

    response = client_as("committee_secretary").post(
        url, {"person_in_charge": "刘主任", "contact_phone": "0571-88886666"}
    )

    assert response.status_code == 302
    saved = IssuerSettings.objects.get(organization=cast.town)
    assert (saved.person_in_charge, saved.contact_phone, saved.updated_by) == (
        "刘主任",
        "0571-88886666",
        cast.users["committee_secretary"],
    )
    assert client_as("branch_secretary").post(url, {"person_in_charge": "x"}).status_code == 404
    saved.refresh_from_db()
    assert saved.person_in_charge == "刘主任"


def test_the_certificate_form_says_where_to_set_the_person_in_charge(client_as, cast):
    served(cast, "zhang", at(0, 9), at(0, 12))
    response = client_as("committee_secretary").post(
        "/volunteering/certificates/new/",
        {
            "person": cast.people["zhang"].pk,
            "issuer": cast.town.pk,
            "period_start": day(0).isoformat(),
            "period_end": day(20).isoformat(),
            "handler": "王老师",
        },
    )

    assert response.status_code == 200
    assert "证明出具设置" in response.content.decode()
    assert not Certificate.objects.exists()


@pytest.mark.skipif(
    not pdf_available() or not shutil.which("pdftotext"), reason="needs WeasyPrint, CJK fonts, pdftotext"
)
def test_the_pdf_has_the_volunteer_number_names_contact_and_seal_area(client_as, cast, tmp_path):
    configure(cast)
    served(cast, "zhang", at(0, 9), at(0, 12))
    certificate = issue(cast)
    response = client_as("committee_secretary").get(f"/volunteering/certificates/{certificate.pk}/pdf/")
    path = tmp_path / "c.pdf"
    path.write_bytes(response.content)

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    for expected in (certificate.volunteer_number, "负责人：刘主任", "经办人：王老师", "0571-88886666", "（盖章）"):
        assert expected in text, expected
    assert cast.people["zhang"].id_number not in text
