"""API of organizational life: meetings, courses, compliance and ratings, through the same services and selectors
as the pages."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tuanwu.accounts.roles import MANAGE_MEETING, VIEW_MEETING
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organizations_where

from .filters import MeetingFilter
from .models import Attendance, Meeting
from .selectors import recording as sel
from .selectors.meetings import meeting_get, party_branches_of, party_roster_of, roster_of
from .services import meetings as svc

router = Router(tags=["meetings"])


class AttendanceOut(Schema):
    person_id: int
    person_name: str
    status: str
    reason: str
    hours: Decimal

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.name


class MeetingOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    party_branch_id: int | None
    kind: str
    held_on: datetime.date
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    place: str
    topic: str
    chair_id: int | None
    recorder_id: int | None
    campaign_ids: list[int]
    hours: Decimal
    source: str
    version: int

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.party_branch.name if obj.party_branch_id else obj.organization.name

    @staticmethod
    def resolve_campaign_ids(obj) -> list[int]:
        return sorted(c.pk for c in obj.campaigns.all())


class MeetingDetailOut(MeetingOut):
    guests: str
    minutes: str
    decisions: str
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_attendance(obj) -> list:
        return list(obj.attendance.select_related("person").order_by("person__name_pinyin", "pk"))


class MeetingQuery(Schema):
    q: str = ""
    organization: Id | None = None
    kind: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    campaign: Id | None = None


class AttendanceIn(Schema):
    person_id: Id
    status: Attendance.Status = Attendance.Status.PRESENT
    reason: str = Field("", max_length=200)
    hours: Decimal | None = Field(None, ge=0, le=999)


class MeetingFields(Schema):
    starts_at: datetime.time | None = None
    ends_at: datetime.time | None = None
    place: str = Field("", max_length=200)
    chair_id: Id | None = None
    recorder_id: Id | None = None
    campaign_ids: list[Id] = []
    guests: str = ""
    minutes: str = ""
    decisions: str = ""
    hours: Decimal = Field(Decimal(0), ge=0, le=999)


class MeetingIn(MeetingFields):
    organization_id: Id | None = Field(None, description="The League organizer; leave empty for a Party meeting")
    party_branch_id: Id | None = Field(None, description="The Party branch, for its meetings (Party kinds)")
    kind: str
    held_on: datetime.date
    topic: str = Field(..., max_length=200)
    attendance: list[AttendanceIn] | None = Field(
        None, description="Everyone expected with their status; left out: the organizer's roster, everyone present"
    )


class MeetingPatch(Schema):
    version: int = Field(
        ..., description="The version read with the meeting; a stale one is refused (422, EDIT_CONFLICT)"
    )
    kind: str | None = None
    held_on: datetime.date | None = None
    topic: str | None = Field(None, max_length=200)
    starts_at: datetime.time | None = None
    ends_at: datetime.time | None = None
    place: str | None = Field(None, max_length=200)
    chair_id: Id | None = None
    recorder_id: Id | None = None
    campaign_ids: list[Id] | None = None
    guests: str | None = None
    minutes: str | None = None
    decisions: str | None = None
    hours: Decimal | None = Field(None, ge=0, le=999)
    attendance: list[AttendanceIn] | None = None


def _clean(filters: Schema) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}


def _require_reader(user) -> None:
    if not scope.has_any(user, VIEW_MEETING) and not party_branches_of(user).exists():
        raise Http404


def _people(roster: list, ids: list[int], what: str) -> dict:
    by_id = {p.pk: p for p in roster}
    missing = [str(i) for i in ids if i not in by_id]
    if missing:
        raise ValidationError(
            "%s: %s" % (what, ", ".join(missing)),  # noqa: UP031 - the message names the ids as given
            code="ATTENDEE_OUTSIDE",
        )
    return by_id


def _lines(roster: list, items: list[AttendanceIn] | None) -> list[svc.Present]:
    if items is None:
        return [svc.Present(p) for p in roster]
    by_id = _people(roster, [i.person_id for i in items], "Not on the organizer's roll (person ids)")
    return [svc.Present(by_id[i.person_id], i.status, i.reason, i.hours) for i in items]


def _role_people(roster: list, data: dict) -> dict:
    ids = [data[k] for k in ("chair_id", "recorder_id") if data.get(k)]
    by_id = _people(roster, ids, "Chair or recorder not on the organizer's roll (person ids)")
    out = {}
    for key, name in (("chair_id", "chair"), ("recorder_id", "recorder")):
        if key in data:
            out[name] = by_id[data[key]] if data[key] else None
    return out


def _campaigns(organization, ids: list[int], keep: tuple[int, ...] = ()) -> list:
    offered = {c.pk: c for c in sel.campaigns_for(organization, keep=keep)}
    missing = [str(i) for i in ids if i not in offered]
    if missing:
        raise ValidationError("Not a campaign of this county (ids): " + ", ".join(missing), code="CAMPAIGN_OUTSIDE")
    return [offered[i] for i in ids]


@router.get("/", response=list[MeetingOut], summary="List the meetings you may see")
@paginate(ApiPagination)
def meeting_list(request, filters: Query[MeetingQuery]):
    _require_reader(request.user)
    return MeetingFilter(_clean(filters)).filter(sel.meeting_list_page(request.user))


@router.get("/{int:meeting_id}", response=MeetingDetailOut, summary="One meeting with its attendance")
def meeting_detail(request, meeting_id: int):
    return meeting_get(request.user, meeting_id)


@router.post("/", response={201: MeetingDetailOut}, summary="Record a meeting that took place")
def meeting_create(request, data: MeetingIn):
    party = None
    if data.party_branch_id is not None:
        party = next((b for b in sel.party_branches_managed(request.user) if b.pk == data.party_branch_id), None)
        if party is None:
            raise Http404
        organization = party.organization
        roster = list(party_roster_of(party))
    else:
        if data.organization_id is None:
            raise ValidationError("Give organization_id (or party_branch_id).", code="ORGANIZER_MISSING")
        organization = organizations_where(request.user, MANAGE_MEETING).filter(pk=data.organization_id).first()
        if organization is None:
            raise Http404
        roster = list(roster_of(organization))
    fields = data.dict(exclude={"organization_id", "party_branch_id", "attendance", "campaign_ids"})
    people = _role_people(roster, fields)
    fields = {k: v for k, v in fields.items() if k not in ("chair_id", "recorder_id")}
    meeting = svc.meeting_record(
        actor=request.user,
        organization=organization,
        party_branch=party,
        attendance=_lines(roster, data.attendance),
        campaigns=_campaigns(organization, data.campaign_ids) if party is None else (),
        **fields,
        **people,
    )
    return Status(201, meeting_get(request.user, meeting.pk))


def _writable(request, meeting_id: int) -> Meeting:
    meeting = meeting_get(request.user, meeting_id)
    if meeting.party_branch is not None:
        allowed = svc.party_can_manage(request.user, meeting.party_branch)
    else:
        allowed = scope.has_perm(request.user, MANAGE_MEETING, meeting.organization)
    if not allowed:
        raise Http404
    return meeting


@router.patch("/{int:meeting_id}", response=MeetingDetailOut, summary="Correct a recorded meeting")
def meeting_update(request, meeting_id: int, data: MeetingPatch):
    meeting = _writable(request, meeting_id)
    given = data.dict(exclude_unset=True)
    version = given.pop("version")
    current = [a.person for a in meeting.attendance.select_related("person")]
    base = list(party_roster_of(meeting.party_branch) if meeting.party_branch else roster_of(meeting.organization))
    roster = base + [p for p in current if p.pk not in {b.pk for b in base}]
    attendance = _lines(roster, data.attendance) if "attendance" in given else None
    campaigns = None
    if "campaign_ids" in given:
        keep = tuple(c.pk for c in meeting.campaigns.all())
        campaigns = _campaigns(meeting.organization, given["campaign_ids"] or [], keep)
    people = _role_people(roster, given)
    fields = {k: v for k, v in given.items() if k not in ("attendance", "campaign_ids", "chair_id", "recorder_id")}
    svc.meeting_update(
        actor=request.user,
        meeting=meeting,
        version=version,
        attendance=attendance,
        campaigns=campaigns,
        **fields,
        **people,
    )
    return meeting_get(request.user, meeting.pk)


@router.delete("/{int:meeting_id}", response={204: None}, summary="Delete a meeting recorded by mistake")
def meeting_delete(request, meeting_id: int):
    meeting = _writable(request, meeting_id)
    svc.meeting_delete(actor=request.user, meeting=meeting)
    return Status(204, None)


# Each area's endpoints live in their own module, registered on this router when imported.
from . import api_compliance, api_courses, api_ratings  # noqa: E402, F401
