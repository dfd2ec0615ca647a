"""Service certificates: numbered per county and year, the certified hours of a period, frozen when issued."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from tuanwu.volunteering.selectors import certificate_get, certificate_verify
from tuanwu.volunteering.services.certificates import certificate_issue
from tuanwu.volunteering.services.corrections import entry_correct

from .factories import at, day, issuer_ready, served, state


def issue(cast, name="zhang", start=None, end=None, actor="county_admin", organization=None, handler="王老师"):
    issuer_ready(organization or cast.town)
    return certificate_issue(
        actor=cast.users[actor],
        person=cast.people[name],
        organization=organization or cast.town,
        period_start=start or day(0),
        period_end=end or day(20),
        handler=handler,
    )


def test_certificates_are_numbered_in_sequence_per_county_and_year(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))
    served(cast, "zhao", at(0, 9), at(0, 12), organization=cast.school, organizer="outsider")
    year = timezone.localdate().year

    first = issue(cast, "zhang")
    second = issue(cast, "zhao", organization=cast.school)
    third = issue(cast, "zhang")

    assert [first.number, second.number, third.number] == [
        f"QH-{year}-000001",
        f"QH-{year}-000002",
        f"QH-{year}-000003",
    ]


def test_a_certificate_holds_the_certified_hours_of_the_period_with_corrections_folded_in(cast):
    secretary = cast.users["committee_secretary"]
    corrected = served(cast, "zhang", at(0, 9), at(0, 12), title="东湖河道清洁")
    entry_correct(actor=secretary, entry=corrected, hours=Decimal("2"), reason="提前离开")
    served(cast, "zhang", at(1, 14), at(1, 16), title="敬老院探访")
    served(cast, "zhang", at(2, 9), at(2, 10), title="未认证的服务", certify=False)
    served(cast, "zhang", at(5, 9), at(5, 11), title="期间之外的服务")
    wiped = served(cast, "zhang", at(1, 9), at(1, 11), title="误记的服务")
    entry_correct(actor=secretary, entry=wiped, hours=Decimal("0"), reason="当天未到场")

    certificate = issue(cast, "zhang", start=day(0), end=day(3))

    assert certificate.hours == Decimal("4")
    assert certificate.lines == [
        {"date": day(0).isoformat(), "content": "东湖河道清洁", "organizer": "东湖镇团委", "hours": "2.00"},
        {"date": day(1).isoformat(), "content": "敬老院探访", "organizer": "东湖镇团委", "hours": "2.00"},
    ]
    assert (certificate.person, certificate.organization, certificate.handler) == (
        cast.people["zhang"],
        cast.town,
        "王老师",
    )
    assert (certificate.period_start, certificate.period_end, certificate.issued_on) == (
        day(0),
        day(3),
        timezone.localdate(),
    )


def test_a_certificate_does_not_change_when_hours_are_corrected_later(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    certificate = issue(cast, "zhang")

    entry_correct(actor=cast.users["committee_secretary"], entry=entry, hours=Decimal("1"), reason="录错")

    certificate.refresh_from_db()
    assert (certificate.hours, certificate.lines[0]["hours"]) == (Decimal("3"), "3.00")


def test_a_person_without_certified_hours_gets_no_certificate(cast):
    served(cast, "zhang", at(0, 9), at(0, 12), certify=False)
    before = state()

    with pytest.raises(ValidationError) as error:
        issue(cast, "zhang")

    assert error.value.code == "NO_CERTIFIED_HOURS"
    assert state() == before


def test_hours_corrected_to_nothing_give_no_certificate(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    entry_correct(actor=cast.users["committee_secretary"], entry=entry, hours=Decimal("0"), reason="误记")
    before = state()

    with pytest.raises(ValidationError) as error:
        issue(cast, "zhang")

    assert error.value.code == "NO_CERTIFIED_HOURS"
    assert state() == before


def test_a_period_without_service_gives_no_certificate(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        issue(cast, "zhang", start=day(1), end=day(20))

    assert error.value.code == "NO_CERTIFIED_HOURS"
    assert state() == before


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [({"start": day(5), "end": day(4)}, "PERIOD_ORDER"), ({"handler": "  "}, "HANDLER_REQUIRED")],
)
def test_an_invalid_request_is_refused(cast, kwargs, code):
    served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(ValidationError) as error:
        issue(cast, "zhang", **kwargs)

    assert error.value.code == code
    assert state() == before


def test_a_secretary_cannot_certify_a_person_outside_their_scope(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(Http404):
        issue(cast, "zhang", actor="outsider", organization=cast.school)

    assert state() == before


def test_the_certificate_is_found_by_its_token_and_by_its_person(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))
    certificate = issue(cast, "zhang")

    assert certificate_verify(certificate.token) == certificate
    assert certificate_get(cast.users["member"], certificate.pk) == certificate
    with pytest.raises(Http404):
        certificate_get(cast.users["outsider"], certificate.pk)
    with pytest.raises(Http404):
        certificate_verify("no-such-token")


def test_the_certificate_document_follows_the_readers_language(cast):
    import io

    from django.utils import translation
    from docx import Document

    from tuanwu.volunteering.documents import certificate_docx

    served(cast, "zhang", at(0, 9), at(0, 12))
    certificate = issue(cast, "zhang")

    def text(lang):
        with translation.override(lang):
            doc = Document(io.BytesIO(certificate_docx(certificate, "https://example.test/v/x")))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)

    english, chinese = text("en"), text("zh-hans")
    issued = certificate.issued_on
    assert "Volunteer service record certificate" in english
    assert "Service content" in english and "Hours" in english
    assert f"{issued.day} " in english and str(issued.year) in english
    assert "年" not in english.replace(certificate.person.name, "")
    assert "志愿服务记录证明" in chinese and f"{issued.year}年{issued.month}月{issued.day}日" in chinese
