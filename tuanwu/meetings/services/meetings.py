"""Recording a meeting: the one write every page, import and API call goes through."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_MEETING, MANAGE_PARTY_MEETING
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import STEPLEN, Organization
from tuanwu.organizations.policy import policy_for
from tuanwu.people.models import Person

from ..models import (
    LESSON_KINDS,
    PARTY_KINDS,
    Attachment,
    Attendance,
    Campaign,
    Kind,
    Meeting,
    MeetingPolicy,
    PartyBranch,
    PartyMember,
)

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


@dataclass(frozen=True)
class Present:
    """One line of a meeting's attendance as the form, the import or the API gives it."""

    person: Person
    status: str = Attendance.Status.PRESENT
    reason: str = ""
    hours: Decimal | None = None  # None: the meeting's hours when present, 0 otherwise


def party_can_manage(user: scope.Viewer, branch: PartyBranch) -> bool:
    """The Party branch's secretary and deputy on its roll, and the county holding MANAGE_PARTY_MEETING."""
    if scope.has_perm(user, MANAGE_PARTY_MEETING, branch.organization):
        return True
    person_id: int | None = getattr(user, "person_id", None)
    return (
        person_id is not None
        and PartyMember.objects.filter(
            branch=branch,
            person_id=person_id,
            left_on__isnull=True,
            post__in=[PartyMember.Post.SECRETARY, PartyMember.Post.DEPUTY],
        ).exists()
    )


def require_meeting_write(user: User, organization: Organization, party_branch: PartyBranch | None) -> None:
    """Refuse a write on a meeting of this organizer the user may not record: 404 outside what they see."""
    if party_branch is None:
        scope.require(user, MANAGE_MEETING, organization)
    elif not party_can_manage(user, party_branch):
        raise Http404


def _check(meeting: Meeting, attendance: list[Present], *, history: bool) -> None:
    errors: dict[str, str] = {}
    if (meeting.kind in PARTY_KINDS) != (meeting.party_branch_id is not None):
        errors["kind"] = _("Party meetings are recorded by the Party branch, League meetings by a League organization.")
    if not history and meeting.held_on > timezone.localdate():
        errors["held_on"] = _("A meeting is recorded after it took place; %(day)s is in the future.") % {
            "day": meeting.held_on.isoformat()
        }
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("The meeting ends before it starts.")
    if meeting.hours and meeting.kind not in LESSON_KINDS:
        errors["hours"] = _("Only lessons and course sessions give lesson hours.")
    seen: set[int] = set()
    for line in attendance:
        if line.person.pk in seen:
            errors["attendance"] = _("%(name)s is listed twice.") % {"name": line.person.name}
        seen.add(line.person.pk)
        if line.status == Attendance.Status.ABSENT and not line.reason.strip():
            errors["attendance"] = _("The reason %(name)s was absent is needed for the minutes.") % {
                "name": line.person.name
            }
        if line.hours is not None and line.hours < 0:
            errors["attendance"] = _("Lesson hours cannot be negative.")
    if errors:
        raise field_error(errors, code="MEETING_INVALID")


def _attendees_in_scope(meeting: Meeting, attendance: list[Present]) -> None:
    if meeting.party_branch_id is not None:
        on_roll = set(PartyMember.objects.filter(branch_id=meeting.party_branch_id).values_list("person_id", flat=True))
        outside = [line.person.name for line in attendance if line.person.pk not in on_roll]
    else:
        prefix = meeting.organization.path
        paths = dict(
            Person.objects.filter(pk__in=[line.person.pk for line in attendance]).values_list(
                "pk", "organization__path"
            )
        )
        outside = [line.person.name for line in attendance if not paths.get(line.person.pk, "").startswith(prefix)]
    if outside:
        raise field_error(
            {"attendance": _("Not on the organizer's roll: %(names)s.") % {"names": "、".join(outside)}},
            code="ATTENDEE_OUTSIDE",
        )


def _hours(meeting: Meeting, line: Present) -> Decimal:
    if line.status != Attendance.Status.PRESENT:
        return Decimal(0)
    return meeting.hours if line.hours is None else Decimal(line.hours)


def meeting_validate(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    held_on: datetime.date,
    topic: str,
    attendance: list[Present],
    campaigns: list[Campaign],
    party_branch: PartyBranch | None = None,
    history: bool = False,
    with_attachments: bool = False,
    **fields,
) -> Meeting:
    """Every check meeting_record applies, without writing: the unsaved meeting, or a ValidationError naming the
    fields at fault (an import reports them on its columns before anything is written)."""
    require_meeting_write(actor, organization, party_branch)
    meeting = Meeting(
        organization=organization,
        party_branch=party_branch,
        kind=kind,
        held_on=held_on,
        topic=topic,
        created_by=actor,
        **fields,
    )
    _check(meeting, attendance, history=history)
    if not history and not with_attachments:
        _require_attachment(meeting)
    meeting.full_clean()
    _attendees_in_scope(meeting, attendance)
    _campaigns_of_county(meeting, campaigns)
    return meeting


def meeting_record(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    held_on: datetime.date,
    topic: str,
    attendance: Iterable[Present] = (),
    campaigns: Iterable[Campaign] = (),
    party_branch: PartyBranch | None = None,
    history: bool = False,
    attachments: Iterable[UploadedFile] = (),
    **fields,
) -> Meeting:
    """Record a meeting that took place with who was expected and who came; a future date is refused unless the
    record is history brought in by an import. Attendees must be on the organizer's roll (its subtree, or the
    Party branch's roll). A kind the county's policy requires an attachment for is refused without one (history
    from paper is exempt: its files stay in the paper archive)."""
    lines = list(attendance)
    files = list(attachments)
    campaign_list = list(campaigns)
    with transaction.atomic(), set_actor(actor):
        for upload in files:
            _check_upload(upload)
        meeting = meeting_validate(
            actor=actor,
            organization=organization,
            kind=kind,
            held_on=held_on,
            topic=topic,
            attendance=lines,
            campaigns=campaign_list,
            party_branch=party_branch,
            history=history,
            with_attachments=bool(files),
            **fields,
        )
        meeting.save()
        if campaign_list:
            meeting.campaigns.set(campaign_list)
        _write_attendance(meeting, lines)
        for upload in files:
            _store_attachment(actor, meeting, upload)
    return meeting


def _write_attendance(meeting: Meeting, lines: list[Present]) -> None:
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                person=line.person,
                status=line.status,
                reason=line.reason.strip(),
                hours=_hours(meeting, line),
            )
            for line in lines
        ]
    )


def _campaigns_of_county(meeting: Meeting, campaigns: list[Campaign]) -> None:
    """A meeting carries only its own county's campaign tags."""
    county_path = _county_path(meeting.organization)
    foreign = [c.name for c in campaigns if _county_path(c.organization) != county_path]
    if foreign:
        raise field_error(
            {"campaigns": _("Not a campaign of this county: %(names)s.") % {"names": "、".join(foreign)}},
            code="CAMPAIGN_OUTSIDE",
        )


def _county_path(organization: Organization) -> str:
    return organization.path[:STEPLEN]


# Editable through meeting_update; the organizer, the Party branch and the source stay as recorded.
EDITABLE_FIELDS = frozenset(
    {
        "kind",
        "held_on",
        "starts_at",
        "ends_at",
        "place",
        "topic",
        "chair",
        "recorder",
        "guests",
        "minutes",
        "decisions",
        "hours",
        "course",
    }
)


def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    version: int | None,
    attendance: Iterable[Present] | None = None,
    campaigns: Iterable[Campaign] | None = None,
    **fields,
) -> Meeting:
    """Correct a recorded meeting with the same checks as recording it; attendance given replaces the meeting's
    (the page posts every line, so a line left out is removed). An edit made on a stale page is refused."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic(), set_actor(actor):
        require_meeting_write(actor, meeting.organization, meeting.party_branch)
        locked = Meeting.objects.select_for_update().select_related("organization").get(pk=meeting.pk)
        refuse_stale(locked, version)
        for name, value in fields.items():
            setattr(locked, name, value)
        if attendance is None:
            lines = [
                Present(a.person, a.status, a.reason, a.hours)
                for a in locked.attendance.select_related("person").order_by("pk")
            ]
            replace = "hours" in fields
        else:
            lines, replace = list(attendance), True
        history = locked.source == Meeting.Source.IMPORTED
        _check(locked, lines, history=history)
        if not history and not locked.attachments.exists():
            _require_attachment(locked)
        locked.full_clean()
        if attendance is not None:
            _attendees_in_scope(locked, lines)
        if campaigns is not None:
            campaign_list = list(campaigns)
            _campaigns_of_county(locked, campaign_list)
        versioned_save(locked, clean=False)
        if campaigns is not None:
            locked.campaigns.set(campaign_list)
        if replace:
            if attendance is None:
                # The meeting's hours changed: those present without hours of their own follow it.
                lines = [
                    Present(line.person, line.status, line.reason, None if line.hours == meeting.hours else line.hours)
                    for line in lines
                ]
            locked.attendance.all().delete()
            _write_attendance(locked, lines)
    return locked


def meeting_delete(*, actor: User, meeting: Meeting) -> None:
    """Delete a meeting recorded by mistake, with its attendance and attachments (their files go once the
    deletion is committed)."""
    with transaction.atomic(), set_actor(actor):
        require_meeting_write(actor, meeting.organization, meeting.party_branch)
        files = [a.file.name for a in meeting.attachments.all()]
        meeting.delete()
        transaction.on_commit(lambda: _delete_files(files))


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name:
            default_storage.delete(name)


def _required_kinds(meeting: Meeting) -> set[str]:
    policy = policy_for(MeetingPolicy, meeting.organization, meeting.held_on.year)
    return {k.strip() for k in policy.attachment_required_kinds.split(",") if k.strip()}


def _require_attachment(meeting: Meeting) -> None:
    if meeting.kind in _required_kinds(meeting):
        raise field_error(
            {
                "attachments": _(
                    "County policy for %(year)d requires an attachment for a %(kind)s: add the file (e.g. the "
                    "sign-in sheet) with the record."
                )
                % {"year": meeting.held_on.year, "kind": Kind(meeting.kind).label}
            },
            code="ATTACHMENT_REQUIRED",
        )


# Extensions allowed for attachments, with the leading bytes each file must start with: documents and photos,
# nothing a browser or an office suite would run.
ATTACHMENT_TYPES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
    "heic": (b"",),  # checked by its ftyp box below
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
}
# An Office file whose package holds macros or embedded programs is refused.
_ZIP_REFUSED = ("vbaproject.bin", ".exe", ".dll", ".bat", ".cmd", ".js", ".vbs", ".ps1", ".sh")
_ZIP_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def attachment_max_bytes() -> int:
    return int(getattr(settings, "TUANWU_MEETING_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def _check_upload(upload: UploadedFile) -> None:
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ATTACHMENT_TYPES:
        raise field_error(
            {
                "attachments": _(
                    "%(name)s: only PDF, photos (JPG, PNG, GIF, WebP, HEIC), .docx and .xlsx files can be attached."
                )
                % {"name": name}
            },
            code="ATTACHMENT_TYPE",
        )
    limit = attachment_max_bytes()
    if upload.size is None or upload.size > limit:
        raise field_error(
            {
                "attachments": _("%(name)s is larger than %(mb)s MB, the limit for an attachment.")
                % {"name": name, "mb": f"{limit / 1024 / 1024:g}"}
            },
            code="ATTACHMENT_TOO_LARGE",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    ok = any(head.startswith(magic) for magic in ATTACHMENT_TYPES[ext])
    if ext == "webp":
        ok = ok and head[8:12] == b"WEBP"
    if ext == "heic":
        ok = head[4:8] == b"ftyp"
    if ok and ext in _ZIP_PART:
        ok = _office_package_ok(upload, _ZIP_PART[ext])
    if not ok:
        raise field_error(
            {
                "attachments": _("%(name)s is not the kind of file its name says (.%(ext)s).")
                % {"name": name, "ext": ext}
            },
            code="ATTACHMENT_CONTENT",
        )


def _office_package_ok(upload: UploadedFile, part: str) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(upload) as package:
            names = [n.lower() for n in package.namelist()]
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return part in names and not any(n.endswith(_ZIP_REFUSED) for n in names)


def _store_attachment(actor: User, meeting: Meeting, upload: UploadedFile) -> Attachment:
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200]
    row = Attachment(meeting=meeting, name=name, size=upload.size or 0, uploaded_by=actor)
    row.file.save(name, upload, save=False)
    try:
        row.full_clean()
        row.save()
    except ValidationError:
        row.file.delete(save=False)
        raise
    return row


def attachment_add(*, actor: User, meeting: Meeting, upload: UploadedFile) -> Attachment:
    """Keep a file with a meeting: PDF, a photo, .docx or .xlsx, no larger than the configured limit, its content
    matching its name (nothing executable, no macros)."""
    with transaction.atomic(), set_actor(actor):
        require_meeting_write(actor, meeting.organization, meeting.party_branch)
        _check_upload(upload)
        row = _store_attachment(actor, meeting, upload)
    return row


def attachment_remove(*, actor: User, meeting: Meeting, attachment: Attachment) -> None:
    """Remove a file from a meeting; the last one of a kind the county requires one for stays."""
    with transaction.atomic(), set_actor(actor):
        require_meeting_write(actor, meeting.organization, meeting.party_branch)
        if attachment.meeting_id != meeting.pk:
            raise Http404
        others = meeting.attachments.exclude(pk=attachment.pk).exists()
        if not others and meeting.source != Meeting.Source.IMPORTED:
            _require_attachment(meeting)
        name = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: _delete_files([name]))


def _require_county(actor: User, county: Organization) -> None:
    scope.require(actor, MANAGE_MEETING, county)
    if county.depth != 1:
        raise ValidationError(_("Only the county committee manages the campaign list."), code="CAMPAIGN_NOT_COUNTY")


def _unique_name(county: Organization, name: str, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise field_error({"name": _("Give the campaign a name.")}, code="CAMPAIGN_INVALID")
    taken = Campaign.objects.filter(organization=county, name=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise field_error(
            {"name": _("The county already has a campaign named %(name)s.") % {"name": name}}, code="CAMPAIGN_DUPLICATE"
        )
    return name


def campaign_create(*, actor: User, county: Organization, name: str, position: int = 0) -> Campaign:
    """Add a campaign tag (四进四信, 五四, 学党史, …) to the county's list: only the county committee."""
    with transaction.atomic(), set_actor(actor):
        _require_county(actor, county)
        campaign = Campaign(organization=county, name=_unique_name(county, name), position=position)
        campaign.full_clean()
        campaign.save()
    return campaign


def campaign_update(
    *, actor: User, campaign: Campaign, version: int | None, name: str, position: int, active: bool
) -> Campaign:
    """Rename, reorder, retire or bring back a campaign tag; meetings keep the tags they carry."""
    with transaction.atomic(), set_actor(actor):
        _require_county(actor, campaign.organization)
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        refuse_stale(locked, version)
        locked.name = _unique_name(locked.organization, name, exclude=locked.pk)
        locked.position = position
        locked.active = active
        versioned_save(locked)
    return locked


def campaign_delete(*, actor: User, campaign: Campaign) -> Campaign | None:
    """Delete a campaign tag no meeting carries; one in use is retired (no longer offered) instead, so the
    campaign totals of past meetings stay. Returns the retired campaign, or None when it was deleted."""
    with transaction.atomic(), set_actor(actor):
        _require_county(actor, campaign.organization)
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.meetings.exists():
            locked.active = False
            versioned_save(locked)
            return locked
        locked.delete()
    return None
