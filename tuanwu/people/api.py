"""API of people: the same selector, filter, scope and masking as the pages."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tuanwu.core.masking import mask_id_number, mask_phone
from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id

from . import selectors, services
from .filters import PersonFilter

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    name: str
    gender: str
    birth_date: str | None = Field(description="In full only for a caller with the right to see personal data")
    birth_year: int
    organization_id: int
    organization_name: str
    status: str | None
    join_date: str | None
    development_number: str | None
    id_number: str
    phone: str
    masked: bool

    @staticmethod
    def resolve_birth_date(obj, context) -> str | None:
        if not selectors.personal_data_clear(context["request"].user, obj):
            return None
        return obj.birth_date.isoformat()

    @staticmethod
    def resolve_birth_year(obj) -> int:
        return obj.birth_date.year

    @staticmethod
    def resolve_organization_name(obj) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_status(obj) -> str | None:
        m = _membership(obj)
        return m.status if m else None

    @staticmethod
    def resolve_join_date(obj) -> str | None:
        m = _membership(obj)
        return m.join_date.isoformat() if m else None

    @staticmethod
    def resolve_development_number(obj) -> str | None:
        m = _membership(obj)
        return m.development_number if m else None

    @staticmethod
    def resolve_id_number(obj) -> str:
        revealed = getattr(obj, "revealed", None)
        return revealed["id_number"] if revealed else mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone(obj) -> str:
        revealed = getattr(obj, "revealed", None)
        return revealed["phone"] if revealed else mask_phone(obj.phone)

    @staticmethod
    def resolve_masked(obj) -> bool:
        return getattr(obj, "revealed", None) is None


class SearchNeedsPersonalData(PermissionDenied):
    """A search by ID number or phone by a caller without the right to see personal data."""

    code = "SEARCH_NEEDS_PERSONAL_DATA"


def _membership(person):
    return selectors.membership_of(person)


class PersonQuery(Schema):
    q: str = ""
    organization: Id | None = None
    status: str = ""
    age: str = ""
    sector: str = ""
    cadre_kind: str = ""
    sort: str = ""


@router.get("", response=list[PersonOut], summary="List people (personal data masked)")
@paginate(ApiPagination)
def person_list(request, filters: Query[PersonQuery]):
    """q searches by name or pinyin initials; by ID number or phone only with the right to see personal data
    (403 SEARCH_NEEDS_PERSONAL_DATA otherwise), and each such search is written to the access log."""
    form = PersonFilter(
        {k: v for k, v in filters.dict().items() if v not in (None, "")},
        actor=request.user,
        remote_addr=request.META.get("REMOTE_ADDR"),
    )
    qs = form.filter(selectors.person_list(request.user))
    if form.search_refused:
        raise SearchNeedsPersonalData(_("Searching by ID number or phone needs the right to see personal data."))
    return qs


@router.get("/{int:person_id}", response=PersonOut, summary="One person")
def person_detail(request, person_id: int, reveal: bool = False):
    """With reveal=true, the ID number and phone come in clear for a caller allowed to see them, and the
    access is written to the access log."""
    person = selectors.person_get(request.user, person_id)
    if reveal:
        person.revealed = services.person_reveal(
            actor=request.user, person=person, remote_addr=request.META.get("REMOTE_ADDR")
        )
    return person
