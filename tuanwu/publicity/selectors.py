"""Scoped reads of role models and media accounts: an organization sees its own and its subtree's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from tuanwu.accounts.roles import MANAGE_PUBLICITY, VIEW_PUBLICITY
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization

from .models import AccountAdmin, MediaAccount, MonthlyFigure, Publicity, RoleModel
from .services import close_by

GRADUATION_NOTICE_DAYS = 60


def role_model_list(viewer: scope.Viewer, perm: str = VIEW_PUBLICITY) -> QuerySet[RoleModel]:
    """The role models of the viewer's organizations, newest found first."""
    return scope.restrict(RoleModel.objects.select_related("organization", "person"), viewer, perm)


def _get(qs, viewer: scope.Viewer, pk: int, perm: str):
    """The row by pk: 404 outside what the viewer sees, 403 when they see it but may not do perm with it."""
    row = scope.get_scoped_or_404(qs, viewer, VIEW_PUBLICITY, pk=pk)
    if perm != VIEW_PUBLICITY:
        scope.require(viewer, perm, row.organization)
    return row


def role_model_get(viewer: scope.Viewer, pk: int, perm: str = VIEW_PUBLICITY) -> RoleModel:
    """One role model with its publicity and honours, or 404 outside the viewer's scope."""
    qs = RoleModel.objects.select_related("organization", "person").prefetch_related("publicities", "honours")
    return _get(qs, viewer, pk, perm)


def media_account_list(viewer: scope.Viewer, perm: str = VIEW_PUBLICITY) -> QuerySet[MediaAccount]:
    """The registered accounts of the viewer's organizations, with their current administrators."""
    current = AccountAdmin.objects.filter(until__isnull=True).select_related("person")
    qs = MediaAccount.objects.select_related("organization", "leader").prefetch_related(
        Prefetch("admins", queryset=current, to_attr="current_admins")
    )
    return scope.restrict(qs, viewer, perm)


def media_account_get(viewer: scope.Viewer, pk: int, perm: str = VIEW_PUBLICITY) -> MediaAccount:
    """One account with its administrators, reviews and figures, or 404 outside the viewer's scope."""
    qs = MediaAccount.objects.select_related("organization", "leader").prefetch_related(
        Prefetch("admins", queryset=AccountAdmin.objects.select_related("person")), "reviews", "figures"
    )
    return _get(qs, viewer, pk, perm)


def account_admin_get(viewer: scope.Viewer, account: MediaAccount, pk: int) -> AccountAdmin:
    """One current administrator of an account the viewer manages, or 404."""
    qs = AccountAdmin.objects.select_related("person", "account__organization").filter(account=account)
    return scope.get_scoped_or_404(qs, viewer, MANAGE_PUBLICITY, field="account__organization", pk=pk)


def admins_graduating(viewer: scope.Viewer, today: datetime.date | None = None) -> QuerySet[AccountAdmin]:
    """Student administrators of open accounts the viewer manages who graduate within 60 days (or have graduated)
    and still hold the rights: the hand-over is due."""
    today = today or timezone.localdate()
    qs = AccountAdmin.objects.filter(
        until__isnull=True,
        is_student=True,
        graduates_on__lte=today + datetime.timedelta(days=GRADUATION_NOTICE_DAYS),
    ).exclude(account__status=MediaAccount.Status.CLOSED)
    return scope.restrict(qs, viewer, MANAGE_PUBLICITY, field="account__organization")


def accounts_past_closing(viewer: scope.Viewer, today: datetime.date | None = None) -> list[MediaAccount]:
    """Dormant accounts the viewer manages whose time to be closed under the county's policy has passed."""
    today = today or timezone.localdate()
    dormant = media_account_list(viewer, MANAGE_PUBLICITY).filter(status=MediaAccount.Status.DORMANT)
    return [a for a in dormant.prefetch_related(None) if (close_by(a) or today) < today]


@dataclass(frozen=True)
class AccountFigures:
    """An account's latest followers and its posts and reads in a year: figures of the account, never a score."""

    followers: int | None
    posts: int
    reads: int


def account_figures(account: MediaAccount, year: int) -> AccountFigures:
    """The figures shown on an account's page (from the prefetched months)."""
    months = sorted(account.figures.all(), key=lambda f: f.month)
    in_year = [f for f in months if f.month.year == year]
    return AccountFigures(
        followers=months[-1].followers if months else None,
        posts=sum(f.posts for f in in_year),
        reads=sum(f.reads for f in in_year),
    )


def county_counts(county: Organization, year: int) -> dict[str, int]:
    """The county tree's figures of a year for the work plan: role models publicized in the year, accounts active
    and dormant now, and the reads of the year."""
    low, high = county.subtree_range()
    in_tree = Q(organization__path__range=(low, high))
    accounts = MediaAccount.objects.filter(in_tree)
    publicized = (
        Publicity.objects.filter(date__year=year, role_model__organization__path__range=(low, high))
        .values("role_model")
        .distinct()
        .count()
    )
    reads = MonthlyFigure.objects.filter(month__year=year, account__organization__path__range=(low, high)).aggregate(
        total=Sum("reads")
    )["total"]
    return {
        "role_models_publicized": publicized,
        "accounts_active": accounts.filter(status=MediaAccount.Status.ACTIVE).count(),
        "accounts_dormant": accounts.filter(status=MediaAccount.Status.DORMANT).count(),
        "reads": reads or 0,
    }
