"""Scoped reads of the branch ratings (对标定级): seen by whoever sees the branch's organizational life (VIEW_MEETING),
the committee above rating them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from tuanwu.accounts.roles import RATE_BRANCH, VIEW_MEETING
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization, subtree_range
from tuanwu.organizations.policy import policy_for

from .. import rating as sheet
from ..models import BranchRating, MeetingPolicy
from ..services.ratings import COMMITTEE_KINDS

Band = BranchRating.Band


def rating_list(user: scope.Viewer) -> QuerySet[BranchRating]:
    """Ratings of the branches in the user's VIEW_MEETING scope, in tree order."""
    return (
        scope.restrict(BranchRating.objects.all(), user, VIEW_MEETING)
        .select_related("organization", "organization__parent", "reviewed_by", "rectification")
        .order_by("-year", "organization__path")
    )


def rating_get(user: scope.Viewer, pk: int) -> BranchRating:
    """One rating the user may see, else 404 (exactly like a rating that does not exist)."""
    row = rating_list(user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def ratings_under(user: scope.Viewer, organization: Organization, year: int) -> QuerySet[BranchRating]:
    """The year's ratings of the branches in the organization's subtree that the user may see."""
    return rating_list(user).filter(year=year, organization__path__range=subtree_range(organization.path))


@dataclass
class CommitteeUsage:
    committee: Organization
    usage: sheet.CapUsage


def cap_usages(organization: Organization, ratings: list[BranchRating]) -> list[CommitteeUsage]:
    """★5 + ★4 per committee for the ratings listed (each branch under its nearest committee), against the county
    cap; one query for the committees, none per row."""
    if not ratings:
        return []
    paths = {p for r in ratings for p in r.organization.ancestor_paths}
    committees = {
        o.path: o
        for o in Organization.objects.filter(path__in=sorted(paths), kind__in=sorted(COMMITTEE_KINDS)).order_by("path")
    }
    groups: dict[str, list[str]] = {}
    for r in ratings:
        if r.status == BranchRating.Status.EXCLUDED:
            continue
        owner = max((p for p in r.organization.ancestor_paths if p in committees), key=len, default=None)
        if owner is None:
            continue
        groups.setdefault(owner, []).append(r.final_band if r.status == BranchRating.Status.REVIEWED else r.band)
    cap = policy_for(MeetingPolicy, organization, ratings[0].year).rating_top_cap
    return [
        CommitteeUsage(committees[path], sheet.cap_usage(committees[path].name, bands, cap))
        for path, bands in sorted(groups.items())
    ]


def rectification_list(user: scope.Viewer) -> QuerySet[BranchRating]:
    """Weak and lax branches whose rectification is not done (or not yet recorded), oldest year first."""
    weak = Q(status=BranchRating.Status.REVIEWED, final_band=Band.WEAK) | Q(
        status=BranchRating.Status.DRAFT, band=Band.WEAK
    )
    return (
        rating_list(user)
        .filter(weak)
        .filter(Q(rectification__isnull=True) | Q(rectification__done_on__isnull=True))
        .order_by("year", "organization__path")
    )


def can_rate(user: scope.Viewer, rating: BranchRating) -> bool:
    """Whether the user holds RATE_BRANCH on the committee above the rated branch."""
    parent = rating.organization.parent
    return parent is not None and scope.has_perm(user, RATE_BRANCH, parent)
