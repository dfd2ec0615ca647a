"""API of the "两新" directory: units, their establishment steps and the figures, through the same services,
selectors and filter as the pages."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tuanwu.accounts.roles import MANAGE_COVERAGE, VIEW_COVERAGE
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id
from tuanwu.organizations import scope
from tuanwu.organizations.models import Park
from tuanwu.organizations.selectors import organization_for_write

from . import rules as r
from . import selectors as sel
from . import services
from .filters import UnitFilter
from .models import OrgForm, SizeBand, SocialSubtype, UnitKind
from .workflow import FOUR_HAVES

router = Router(tags=["coverage"])


class UnitOut(Schema):
    id: int
    name: str
    credit_code: str
    kind: str
    subtype: str
    sector: str
    park_id: int | None
    township_id: int
    size_band: str
    employees: int
    young_employees: int
    league_members: int
    party_org: str
    operating: bool
    closed_on: datetime.date | None
    league_org_form: str
    covering_org_id: int | None
    joint_partners: str
    status: str
    should_establish: str = Field(..., description='"own", "joint" or "" under the county\'s rules')
    priority: int
    overdue: bool
    planned_on: datetime.date | None
    version: int

    @staticmethod
    def resolve_should_establish(obj) -> str:
        return obj.should

    @staticmethod
    def resolve_priority(obj) -> int:
        return obj.priority_value

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue


class UnitQuery(Schema):
    q: str = ""
    park: Id | None = None
    township: Id | None = None
    sector: str = ""
    kind: str = ""
    status: str = ""
    overdue: bool = False


class UnitFields(Schema):
    subtype: SocialSubtype | None = None
    sector: str = Field("", max_length=50)
    park: str = Field("", max_length=100, description="The park's name, as registered")
    size_band: SizeBand | None = None
    employees: int = Field(0, ge=0)
    young_employees: int = Field(0, ge=0)
    league_members: int = Field(0, ge=0)
    party_org: OrgForm = OrgForm.NONE
    operating: bool = True
    closed_on: datetime.date | None = None
    priority_override: int | None = Field(None, ge=0, le=999)
    planned_on: datetime.date | None = None


class UnitIn(UnitFields):
    township_id: Id
    name: str = Field(..., max_length=200)
    credit_code: str = Field(..., max_length=30)
    kind: UnitKind


class UnitPatch(Schema):
    version: int = Field(..., description="The version read with the unit; a stale one is refused (EDIT_CONFLICT)")
    name: str | None = Field(None, max_length=200)
    employees: int | None = Field(None, ge=0)
    young_employees: int | None = Field(None, ge=0)
    league_members: int | None = Field(None, ge=0)
    party_org: OrgForm | None = None
    operating: bool | None = None
    closed_on: datetime.date | None = None
    priority_override: int | None = Field(None, ge=0, le=999)
    planned_on: datetime.date | None = None


class FoundIn(Schema):
    version: int
    organization_id: Id
    form: OrgForm
    founded_on: datetime.date
    partners: str = Field("", max_length=300)
    note: str = ""


class CheckIn(Schema):
    version: int
    committee: bool = False
    members: bool = False
    activities: bool = False
    place: bool = False
    note: str = ""


class SurveyIn(Schema):
    version: int
    employees: int = Field(..., ge=0)
    young_employees: int = Field(..., ge=0)
    league_members: int = Field(..., ge=0)
    party_org: OrgForm = OrgForm.NONE
    operating: bool = True
    note: str = ""


class TallyOut(Schema):
    segment: str
    should: int
    covered: int
    own: int
    rate: Decimal | None
    own_rate: Decimal | None


class FiguresOut(Schema):
    year: int
    source: str = Field(..., description='"snapshot" (frozen at the year\'s end) or "live" (today\'s directory)')
    coverage: TallyOut
    parks: TallyOut
    density: Decimal | None
    density_growth: Decimal | None
    density_definition: str
    by_park: list[TallyOut]
    by_township: list[TallyOut]


def _rules(user) -> r.Rules:
    county = sel.county_of(user)
    if county is None:
        raise Http404
    return sel.rules_for(county)


def _one(user, unit) -> object:
    [unit] = sel.units_ordered([unit], _rules(user))
    return unit


@router.get("/units", response=list[UnitOut], summary="List the directory's units you may see")
@paginate(ApiPagination)
def unit_list(request, filters: Query[UnitQuery]):
    scope.require_any(request.user, VIEW_COVERAGE)
    data = {k: v for k, v in filters.dict().items() if v not in (None, "", False)}
    return sel.units_ordered(UnitFilter(data).filter(sel.unit_list(request.user)), _rules(request.user))


@router.get("/units/{int:unit_id}", response=UnitOut, summary="One unit of the directory")
def unit_detail(request, unit_id: int):
    return _one(request.user, sel.unit_get(request.user, unit_id))


@router.post("/units", response={201: UnitOut}, summary="Add a unit to the directory")
def unit_create(request, data: UnitIn):
    township = organization_for_write(request.user, data.township_id, MANAGE_COVERAGE)
    fields = data.dict(exclude={"township_id", "park"})
    fields = {k: ("" if v is None and k in ("subtype", "size_band") else v) for k, v in fields.items()}
    unit = services.unit_create(actor=request.user, township=township, park=_park(data.park), **fields)
    return Status(201, _one(request.user, unit))


def _park(name: str):
    if not name.strip():
        return None
    park = Park.objects.filter(name=name.strip()).first()
    if park is None:
        raise ValidationError(
            _("No park named “%(name)s”; register the park first.") % {"name": name}, code="PARK_UNKNOWN"
        )
    return park


@router.patch("/units/{int:unit_id}", response=UnitOut, summary="Change a unit's own fields")
def unit_update(request, unit_id: int, data: UnitPatch):
    unit = sel.unit_get(request.user, unit_id, MANAGE_COVERAGE)
    fields = data.dict(exclude_unset=True)
    version = fields.pop("version")
    unit = services.unit_update(actor=request.user, unit=unit, version=version, **fields)
    return _one(request.user, unit)


@router.post("/units/{int:unit_id}/survey", response=UnitOut, summary="Record the survey (摸排) of a unit")
def unit_survey(request, unit_id: int, data: SurveyIn):
    unit = sel.unit_get(request.user, unit_id, MANAGE_COVERAGE)
    fields = data.dict()
    version, note = fields.pop("version"), fields.pop("note")
    return _one(request.user, services.unit_survey(actor=request.user, unit=unit, version=version, note=note, **fields))


@router.post(
    "/units/{int:unit_id}/found", response=UnitOut, summary="Link a unit to the League organization founded for it"
)
def unit_found(request, unit_id: int, data: FoundIn):
    unit = sel.unit_get(request.user, unit_id, MANAGE_COVERAGE)
    organization = organization_for_write(request.user, data.organization_id, MANAGE_COVERAGE)
    unit = services.unit_found(
        actor=request.user,
        unit=unit,
        organization=organization,
        form=data.form,
        founded_on=data.founded_on,
        partners=data.partners,
        version=data.version,
        note=data.note,
    )
    return _one(request.user, unit)


@router.post("/units/{int:unit_id}/check", response=UnitOut, summary="Record the four-haves acceptance (验收)")
def unit_check(request, unit_id: int, data: CheckIn):
    unit = sel.unit_get(request.user, unit_id, MANAGE_COVERAGE)
    checks = {k: getattr(data, k) for k in FOUR_HAVES}
    unit = services.unit_check(actor=request.user, unit=unit, checks=checks, version=data.version, note=data.note)
    return _one(request.user, unit)


def _tally(segment: str, t: r.Tally) -> dict:
    return {
        "segment": segment,
        "should": t.should,
        "covered": t.covered,
        "own": t.own,
        "rate": t.rate,
        "own_rate": t.own_rate,
    }


@router.get("/figures", response=FiguresOut, summary="The county's coverage and density for a year")
def figures(request, year: int = Query(..., ge=2000, le=2100)):
    county = sel.county_of(request.user)
    if county is None or not scope.has_perm(request.user, VIEW_COVERAGE, county):
        raise Http404
    found = sel.figures_for(county, year)
    if found is None:
        raise Http404
    return {
        "year": year,
        "source": found.source,
        "coverage": _tally("", found.total()),
        "parks": _tally("", found.total(parks_only=True)),
        "density": found.density().value,
        "density_growth": sel.density_growth(county, year),
        "density_definition": r.density_definition(found.rules.density_basis),
        "by_park": [_tally(b.label, b.tally) for b in sel.board(found, "park")],
        "by_township": [_tally(b.label, b.tally) for b in sel.board(found, "township")],
    }
