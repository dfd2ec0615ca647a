"""API of volunteering: activities, sign-up, check-in and the ledger, through the same selectors, filters,
scope and services as the pages."""

import datetime
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id, Year

from . import selectors
from .filters import ActivityFilter, EntryFilter
from .services import signups

router = Router(tags=["volunteering"])


class ActivityOut(Schema):
    id: int
    title: str
    category: str
    organization_id: int
    organization_name: str
    place: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int | None
    open_to_all: bool
    status: str

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name


class ActivityQuery(Schema):
    q: str = ""
    status: str = ""
    category: str = ""
    organization: Id | None = None
    year: Year | None = None


class SignupOut(Schema):
    id: int
    activity_id: int
    person_id: int
    status: str
    checked_in_at: datetime.datetime | None
    checked_out_at: datetime.datetime | None


class SignupIn(Schema):
    note: str = ""


class CheckinIn(Schema):
    code: str


class EntryOut(Schema):
    id: int
    person_id: int
    person_name: str
    organization_id: int
    organizer_id: int
    activity_id: int | None
    source: str
    category: str
    content: str
    service_date: datetime.date
    started_at: datetime.datetime | None
    ended_at: datetime.datetime | None
    hours: Decimal
    status: str
    corrects_id: int | None
    reason: str

    @staticmethod
    def resolve_person_name(obj) -> str:
        return obj.person.name


class EntryQuery(Schema):
    q: str = ""
    year: Year | None = None
    category: str = ""
    status: str = ""
    source: str = ""
    organization: Id | None = None


class HoursOut(Schema):
    person_id: int
    year: int
    hours_in_year: Decimal
    hours_total: Decimal
    eligible_stars: int = Field(description="The star level the certified hours reach (符合X星条件)")
    recognized_stars: int | None = Field(description="The star level recognized by a named body (已认定X星)")
    recognized_by: str | None = Field(description="The body that recognized the star level")
    recognized_on: datetime.date | None = Field(description="The date of the recognition")


def _clean(filters: Schema) -> dict:
    return {k: v for k, v in filters.dict().items() if v not in (None, "")}


@router.get("/activities", response=list[ActivityOut], summary="List activities organized in your scope")
@paginate(ApiPagination)
def activity_list(request, filters: Query[ActivityQuery]):
    return ActivityFilter(_clean(filters)).filter(selectors.activity_list(request.user))


@router.get("/activities/{int:activity_id}", response=ActivityOut, summary="One activity")
def activity_detail(request, activity_id: int):
    return selectors.activity_for_volunteer(request.user, activity_id)


@router.post("/activities/{int:activity_id}/signups", response={201: SignupOut}, summary="Sign yourself up")
def signup_create(request, activity_id: int, data: SignupIn):
    activity = selectors.activity_for_volunteer(request.user, activity_id)
    return Status(201, signups.signup_create(actor=request.user, activity=activity, note=data.note[:200]))


@router.post("/checkin", response=SignupOut, summary="Check in or out with a QR token or six-digit code")
def checkin(request, data: CheckinIn):
    activity = selectors.activity_by_checkin(data.code)
    if activity is None:
        raise Http404
    return signups.checkin_scan(actor=request.user, activity=activity)


@router.get("/signups", response=list[SignupOut], summary="Your own sign-ups")
@paginate(ApiPagination)
def my_signups(request):
    return selectors.my_signups(getattr(request.user, "person_id", None)).order_by("-pk")


@router.get("/entries", response=list[EntryOut], summary="The hour ledger in your scope")
@paginate(ApiPagination)
def entry_list(request, filters: Query[EntryQuery]):
    return EntryFilter(_clean(filters)).filter(selectors.entry_list(request.user))


@router.get("/people/{int:person_id}/hours", response=HoursOut, summary="A person's certified hours")
def person_hours(request, person_id: int, year: Year | None = None):
    """Certified hours in a calendar year (the admission rule's 20 hours) and in total, with the star level;
    for the person's leaders and for the person themself."""
    person = selectors.volunteer_get(request.user, person_id, own=True)
    summary = selectors.person_summary(person.pk)
    recognized = summary["recognized"]
    year = year or timezone.localdate().year
    return {
        "person_id": person.pk,
        "year": year,
        "hours_in_year": selectors.person_hours(person.pk, year),
        "hours_total": summary["total"],
        "eligible_stars": summary["eligible_stars"],
        "recognized_stars": recognized.stars if recognized else None,
        "recognized_by": recognized.body if recognized else None,
        "recognized_on": recognized.recognized_on if recognized else None,
    }
