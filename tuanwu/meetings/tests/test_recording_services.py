"""Correcting, deleting and attaching files to a recorded meeting; the county's policy on attachments; the
county's campaign tags."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from tuanwu.meetings.models import Attachment, Attendance, Campaign, Kind, Meeting, MeetingPolicy
from tuanwu.meetings.services.meetings import (
    Present,
    attachment_add,
    attachment_remove,
    campaign_create,
    campaign_delete,
    campaign_update,
    meeting_delete,
    meeting_record,
    meeting_update,
)
from tuanwu.meetings.tests.factories import record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


def _statuses(meeting):
    return {a.person.name: (a.status, a.reason) for a in meeting.attendance.select_related("person")}


def test_update_changes_the_fields_and_replaces_the_attendance(cast):
    secretary = cast.users["branch_secretary"]
    meeting = record(secretary, cast.branch, Kind.THEME_DAY, topic="三月主题团日")

    updated = meeting_update(
        actor=secretary,
        meeting=meeting,
        version=meeting.version,
        topic="学雷锋主题团日",
        place="村委会",
        attendance=[Present(cast.people["zhang"]), Present(cast.people["li"], Attendance.Status.ABSENT, "出差")],
    )

    assert (updated.topic, updated.place, updated.version) == ("学雷锋主题团日", "村委会", 2)
    assert _statuses(updated) == {"张晓明": ("present", ""), "李华": ("absent", "出差")}


def test_update_refuses_a_stale_version_and_changes_nothing(cast):
    secretary = cast.users["branch_secretary"]
    meeting = record(secretary, cast.branch, topic="三月主题团日")
    meeting_update(actor=secretary, meeting=meeting, version=1, topic="第一次修改")

    with pytest.raises(ValidationError) as error:
        meeting_update(actor=secretary, meeting=meeting, version=1, topic="第二次修改")

    assert error.value.code == "EDIT_CONFLICT"
    assert Meeting.objects.get(pk=meeting.pk).topic == "第一次修改"


def test_update_of_lesson_hours_moves_the_hours_of_those_present(cast):
    secretary = cast.users["branch_secretary"]
    meeting = record(secretary, cast.branch, Kind.LESSON, hours="1", absent=("李华",))

    meeting_update(actor=secretary, meeting=meeting, version=meeting.version, hours=Decimal("2"))

    hours = {a.person.name: a.hours for a in meeting.attendance.select_related("person")}
    assert hours == {"张晓明": Decimal("2.0"), "李华": Decimal("0.0")}


def test_update_applies_the_same_checks_as_recording(cast):
    secretary = cast.users["branch_secretary"]
    meeting = record(secretary, cast.branch, topic="三月主题团日")

    with pytest.raises(ValidationError) as error:
        meeting_update(
            actor=secretary,
            meeting=meeting,
            version=meeting.version,
            attendance=[Present(cast.people["zhang"]), Present(cast.people["wang"])],
        )

    assert error.value.code == "ATTENDEE_OUTSIDE"
    assert set(_statuses(Meeting.objects.get(pk=meeting.pk))) == {"张晓明", "李华"}


def test_another_branch_secretary_cannot_update_or_delete(cast):
    meeting = record(cast.users["committee_secretary"], cast.branch2, topic="西湾主题团日")

    with pytest.raises(Http404):
        meeting_update(actor=cast.users["branch_secretary"], meeting=meeting, version=1, topic="改")
    with pytest.raises(Http404):
        meeting_delete(actor=cast.users["branch_secretary"], meeting=meeting)

    assert Meeting.objects.get(pk=meeting.pk).topic == "西湾主题团日"


def test_delete_removes_the_meeting_its_attendance_and_files(cast, django_capture_on_commit_callbacks):
    secretary = cast.users["branch_secretary"]
    meeting = record(secretary, cast.branch)
    attachment = attachment_add(actor=secretary, meeting=meeting, upload=SimpleUploadedFile("签到表.pdf", PDF))
    path = attachment.file.path

    with django_capture_on_commit_callbacks(execute=True):
        meeting_delete(actor=secretary, meeting=meeting)

    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert not Attendance.objects.filter(meeting_id=meeting.pk).exists()
    assert not Attachment.objects.exists()
    import os

    assert not os.path.exists(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [("签到表.pdf", PDF), ("照片.png", PNG), ("照片.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20)],
)
def test_attachment_add_keeps_documents_and_photos(cast, name, content):
    meeting = record(cast.users["branch_secretary"], cast.branch)

    row = attachment_add(
        actor=cast.users["branch_secretary"], meeting=meeting, upload=SimpleUploadedFile(name, content)
    )

    assert (row.name, row.size, meeting.attachments.count()) == (name, len(content), 1)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("run.exe", b"MZ\x90\x00", "ATTACHMENT_TYPE"),
        ("page.html", b"<script>", "ATTACHMENT_TYPE"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "ATTACHMENT_CONTENT"),
        ("fake.docx", b"PK\x03\x04 broken zip", "ATTACHMENT_CONTENT"),
    ],
)
def test_attachment_add_refuses_other_files(cast, name, content, code):
    meeting = record(cast.users["branch_secretary"], cast.branch)

    with pytest.raises(ValidationError) as error:
        attachment_add(actor=cast.users["branch_secretary"], meeting=meeting, upload=SimpleUploadedFile(name, content))

    assert error.value.code == code
    assert name in str(error.value)
    assert not Attachment.objects.exists()


def test_attachment_add_refuses_a_file_above_the_limit(cast, settings):
    settings.TUANWU_MEETING_ATTACHMENT_MAX_BYTES = 1024
    meeting = record(cast.users["branch_secretary"], cast.branch)

    with pytest.raises(ValidationError) as error:
        attachment_add(
            actor=cast.users["branch_secretary"],
            meeting=meeting,
            upload=SimpleUploadedFile("大.pdf", PDF + b"0" * 2000),
        )

    assert error.value.code == "ATTACHMENT_TOO_LARGE"
    assert not Attachment.objects.exists()


def test_attachment_add_refuses_an_office_file_with_macros(cast):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w/>")
        z.writestr("word/vbaProject.bin", "macro")
    meeting = record(cast.users["branch_secretary"], cast.branch)

    with pytest.raises(ValidationError) as error:
        attachment_add(
            actor=cast.users["branch_secretary"],
            meeting=meeting,
            upload=SimpleUploadedFile("纪要.docx", buffer.getvalue()),
        )

    assert error.value.code == "ATTACHMENT_CONTENT"


def _require_attachments_for_theme_days(cast):
    MeetingPolicy.objects.create(organization=cast.county, year=2026, attachment_required_kinds="theme_day")


def test_policy_refuses_a_theme_day_without_an_attachment_saying_it_is_county_policy(cast):
    _require_attachments_for_theme_days(cast)

    with pytest.raises(ValidationError) as error:
        meeting_record(
            actor=cast.users["branch_secretary"],
            organization=cast.branch,
            kind=Kind.THEME_DAY,
            held_on=datetime.date(2026, 3, 1),
            topic="主题团日",
            attendance=[Present(cast.people["zhang"])],
        )

    assert error.value.code == "ATTACHMENT_REQUIRED"
    assert error.value.message_dict["attachments"] == [
        "2026年县委政策要求主题团日附上附件：请随记录添加文件（如签到表）。"
    ]
    assert not Meeting.objects.exists()


def test_policy_accepts_the_theme_day_with_an_attachment_and_other_kinds_without(cast):
    _require_attachments_for_theme_days(cast)
    secretary = cast.users["branch_secretary"]

    theme_day = meeting_record(
        actor=secretary,
        organization=cast.branch,
        kind=Kind.THEME_DAY,
        held_on=datetime.date(2026, 3, 1),
        topic="主题团日",
        attachments=[SimpleUploadedFile("签到表.pdf", PDF)],
    )
    group = meeting_record(
        actor=secretary,
        organization=cast.branch,
        kind=Kind.GROUP_MEETING,
        held_on=datetime.date(2026, 3, 2),
        topic="团小组会",
    )

    assert [a.name for a in theme_day.attachments.all()] == ["签到表.pdf"]
    assert group.attachments.count() == 0


def test_policy_keeps_the_last_required_attachment(cast):
    _require_attachments_for_theme_days(cast)
    secretary = cast.users["branch_secretary"]
    meeting = meeting_record(
        actor=secretary,
        organization=cast.branch,
        kind=Kind.THEME_DAY,
        held_on=datetime.date(2026, 3, 1),
        topic="主题团日",
        attachments=[SimpleUploadedFile("签到表.pdf", PDF)],
    )

    with pytest.raises(ValidationError) as error:
        attachment_remove(actor=secretary, meeting=meeting, attachment=meeting.attachments.get())

    assert error.value.code == "ATTACHMENT_REQUIRED"
    assert meeting.attachments.count() == 1


def test_policy_refuses_changing_a_meeting_to_a_kind_that_needs_an_attachment(cast):
    _require_attachments_for_theme_days(cast)
    meeting = record(cast.users["branch_secretary"], cast.branch, Kind.GROUP_MEETING, held_on=datetime.date(2026, 3, 1))

    with pytest.raises(ValidationError) as error:
        meeting_update(actor=cast.users["branch_secretary"], meeting=meeting, version=1, kind=Kind.THEME_DAY)

    assert error.value.code == "ATTACHMENT_REQUIRED"
    assert Meeting.objects.get(pk=meeting.pk).kind == Kind.GROUP_MEETING


def test_county_manages_campaigns_and_a_used_one_is_retired_not_deleted(cast):
    admin = cast.users["county_admin"]
    used = campaign_create(actor=admin, county=cast.county, name="四进四信")
    unused = campaign_create(actor=admin, county=cast.county, name="五四", position=2)
    record(cast.users["branch_secretary"], cast.branch, campaigns=[used])

    assert campaign_delete(actor=admin, campaign=used).active is False
    assert campaign_delete(actor=admin, campaign=unused) is None

    assert list(Campaign.objects.values_list("name", "active")) == [("四进四信", False)]
    assert Meeting.objects.get().campaigns.get().name == "四进四信"


def test_campaign_update_renames_and_refuses_a_duplicate(cast):
    admin = cast.users["county_admin"]
    a = campaign_create(actor=admin, county=cast.county, name="学党史")
    campaign_create(actor=admin, county=cast.county, name="五四")

    renamed = campaign_update(actor=admin, campaign=a, version=a.version, name="学党史教育", position=1, active=True)
    with pytest.raises(ValidationError) as error:
        campaign_update(actor=admin, campaign=renamed, version=renamed.version, name="五四", position=1, active=True)

    assert error.value.code == "CAMPAIGN_DUPLICATE"
    assert Campaign.objects.get(pk=a.pk).name == "学党史教育"


@pytest.mark.parametrize("name", ["committee_secretary", "branch_secretary", "cadre"])
def test_only_the_county_manages_campaigns(cast, name):
    with pytest.raises(Exception) as error:
        campaign_create(actor=cast.users[name], county=cast.county, name="四进四信")

    assert error.type.__name__ in ("Http404", "PermissionDenied")
    assert not Campaign.objects.exists()


def test_a_meeting_cannot_carry_another_countys_campaign(cast):
    from tests.factories import org
    from tuanwu.organizations.models import Kind as OrgKind
    from tuanwu.organizations.models import Sector

    other = org(None, "邻县团委", OrgKind.COUNTY_COMMITTEE, Sector.PARTY_GOVERNMENT, code="LX")
    foreign = Campaign.objects.create(organization=other, name="邻县活动")

    with pytest.raises(ValidationError) as error:
        record(cast.users["branch_secretary"], cast.branch, campaigns=[foreign])

    assert error.value.code == "CAMPAIGN_OUTSIDE"
    assert not Meeting.objects.exists()
