"""API of 青年大学习: episodes, an episode's import and its rankings, through the same services and selectors."""

import datetime

from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from tuanwu.core.pagination import ApiPagination
from tuanwu.core.params import Id

from . import selectors, services
from .filters import StudyFilter

router = Router(tags=["study"])


class EpisodeOut(Schema):
    id: int
    code: str
    title: str
    season: str
    released_on: datetime.date
    province_rank: int | None
    province_total: int | None
    imported_at: datetime.datetime | None

    @staticmethod
    def resolve_season(obj) -> str:
        return obj.season.title


class RankOut(Schema):
    organization_id: int
    organization: str
    code: str
    members: int
    participants: int
    non_members: int
    rate: float | None
    rank: int
    change: int | None

    @staticmethod
    def resolve_organization_id(obj) -> int:
        return obj.organization.pk

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_code(obj) -> str:
        return obj.organization.code


class ImportOut(Schema):
    rows: int
    matched: int
    members: int
    ambiguous: int
    unmatched: int
    duplicates: int


class ImportIn(Schema):
    dry_run: bool = False


@router.get("/episodes", response=list[EpisodeOut], summary="Episodes, newest first")
@paginate(ApiPagination)
def episode_list(request):
    return selectors.episode_list(request.user)


@router.get("/episodes/{int:episode_id}/ranking", response=list[RankOut], summary="An episode's ranking")
def ranking(request, episode_id: int, organization: Id | None = None):
    """The organizations directly under `organization` (default: your top organization), ranked; ties share a
    rank; rate = participants ÷ member base and may exceed 1."""
    episode = selectors.episode_get(request.user, episode_id)
    params = {} if organization is None else {"organization": str(organization)}
    parent = StudyFilter(params, user=request.user).organization_for()
    return selectors.ranking(request.user, episode, parent)


@router.post("/episodes/{int:episode_id}/import", response=ImportOut, summary="Import the episode's export")
def episode_import(request, episode_id: int, file: File[UploadedFile], options: Form[ImportIn]):
    episode = selectors.episode_get(request.user, episode_id)
    result = services.episode_import(
        actor=request.user, episode=episode, data=file.read(), filename=file.name, dry_run=options.dry_run
    )
    return result.as_dict()
