"""API of the care register: records listed and read with names masked (张*明), through the same selectors and
filter as the pages; reading one is logged like opening its page."""

import datetime

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id

from . import selectors as sel
from . import services
from .filters import CareRecordFilter
from .masking import mask_care_name

router = Router(tags=["care"])


class CareRecordOut(Schema):
    id: int
    name_masked: str
    organization_id: int
    school_or_unit: str
    difficulties: list[str]
    status: str
    opened_on: datetime.date
    closed_on: datetime.date | None
    measures: int

    @staticmethod
    def resolve_name_masked(obj) -> str:
        return mask_care_name(obj.name)

    @staticmethod
    def resolve_difficulties(obj) -> list[str]:
        return obj.difficulty_list

    @staticmethod
    def resolve_measures(obj) -> int:
        return obj.measure_count


class MeasureOut(Schema):
    date: datetime.date
    kind: str
    amount_fen: int


class CareRecordDetailOut(CareRecordOut):
    minor: bool
    outcome: str
    measure_list: list[MeasureOut]

    @staticmethod
    def resolve_measures(obj) -> int:
        return len(obj.measures.all())

    @staticmethod
    def resolve_measure_list(obj) -> list:
        return list(obj.measures.all())


class CareRecordQuery(Schema):
    q: str = ""
    difficulty: str = ""
    status: str = ""
    organization: Id | None = None


@router.get("/records", response=list[CareRecordOut], summary="List the care records you may see, names masked")
@paginate(ApiPagination)
def record_list(request, filters: Query[CareRecordQuery]):
    if not sel.care_register_visible(request.user):
        raise Http404
    data = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    return CareRecordFilter(data).filter(sel.care_record_list(request.user))


@router.get("/records/{int:record_id}", response=CareRecordDetailOut, summary="One care record, name masked")
def record_detail(request, record_id: int):
    record = sel.care_record_get(request.user, record_id)
    services.care_record_view_record(actor=request.user, record=record, remote_addr=request.META.get("REMOTE_ADDR"))
    return record
