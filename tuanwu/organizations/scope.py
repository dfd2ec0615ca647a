"""Who sees what: the only code that turns a user's roles into rows they may read or change.

A role held on an organization grants its permissions on that organization's whole subtree. Every page,
API endpoint, export, count and download asks this module. Outside the scope answers 404, exactly like
a row that does not exist, so that nobody can probe for what they may not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import (
    VIEW_ORGANIZATION,
    VIEW_PERSON,
    VIEW_PERSONAL_DATA,
    VIEW_SELF,
    permissions_of,
)

from .models import STEPLEN, Organization, subtree_range

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tuanwu.accounts.models import User

# Whoever makes a request: a signed-in user or the anonymous visitor. Every scope function takes one.
Viewer: TypeAlias = "User | AnonymousUser"
M = TypeVar("M", bound=Model)

# Permissions that a person may also hold over their own record through VIEW_SELF.
SELF_PERMISSIONS = frozenset({VIEW_PERSON, VIEW_PERSONAL_DATA})


@dataclass(frozen=True)
class Grant:
    organization_id: int
    path: str
    role: str
    permissions: frozenset[str]


def grants(user: Viewer) -> list[Grant]:
    """The user's role assignments with their subtree paths, loaded once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_tuanwu_grants", None)
    if cached is None:
        rows = RoleAssignment.objects.filter(
            user_id=user.pk, organization__status=Organization.Status.ACTIVE
        ).values_list("organization_id", "organization__path", "role")
        cached = [Grant(org_id, path, role, permissions_of(role)) for org_id, path, role in rows]
        user.__dict__["_tuanwu_grants"] = cached
    return cached


def forget(user: Viewer) -> None:
    """Drop the cached grants, after the user's roles changed."""
    for name in ("_tuanwu_grants", "_tuanwu_whole", "_tuanwu_organizations"):
        if hasattr(user, name):
            delattr(user, name)


def root_paths(user: Viewer, perm: str) -> list[str]:
    """The tops of the subtrees where the user holds perm, none nested inside another."""
    paths = sorted({g.path for g in grants(user) if perm in g.permissions})
    tops: list[str] = []
    for path in paths:
        if not tops or not path.startswith(tops[-1]):
            tops.append(path)
    return tops


def has_any(user: Viewer, perm: str) -> bool:
    """Whether the user holds perm anywhere (used to show menu entries)."""
    return any(perm in g.permissions for g in grants(user))


def covers(user: Viewer, perm: str, within: str) -> bool:
    """Whether the user holds perm wherever they hold within (e.g. personal data on every person they see)."""
    tops = tuple(root_paths(user, perm))
    return all(path.startswith(tops) for path in root_paths(user, within))


def holds_at(user: Viewer, perm: str, path: str) -> bool:
    """Whether the user holds perm on the organization at path (has_perm for a path read with a row)."""
    return any(perm in g.permissions and path.startswith(g.path) for g in grants(user))


def org_q(user: Viewer, perm: str, field: str = "organization") -> Q:
    """Rows whose organization (through field; "" for Organization itself) is in the user's scope."""
    prefix = f"{field}__" if field else ""
    paths = root_paths(user, perm)
    if len(paths) == 1 and _is_whole_tree(user, paths[0]):
        # The subtree is the whole tree: every row qualifies, and a filter would only cost a join.
        return Q()
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}path__range": subtree_range(path)})
    return q


def _is_whole_tree(user: Viewer, path: str) -> bool:
    """Whether path is the only root of the database (one county per installation), looked up once per user
    object like the grants."""
    if len(path) != STEPLEN:
        return False
    cache = getattr(user, "_tuanwu_whole", None)
    if cache is None or cache[0] != path:
        low, high = subtree_range(path)
        other = Organization.objects.filter(Q(path__lt=low) | Q(path__gt=high)).exists()
        cache = (path, not other)
        user.__dict__["_tuanwu_whole"] = cache
    return cache[1]


def person_q(user: Viewer, perm: str, field: str = "organization", person_field: str = "pk") -> Q:
    """Like org_q, and a person always reaches their own record for SELF_PERMISSIONS through VIEW_SELF."""
    q = org_q(user, perm, field)
    person_id = getattr(user, "person_id", None)
    if person_id and perm in SELF_PERMISSIONS and has_any(user, VIEW_SELF):
        q |= Q(**{person_field: person_id})
    return q


def restrict(qs: QuerySet[M], user: Viewer, perm: str, field: str = "organization") -> QuerySet[M]:
    """The rows of qs that the user may access with perm."""
    return qs.filter(org_q(user, perm, field))


def get_scoped_or_404(qs: QuerySet[M], user: Viewer, perm: str, field: str = "organization", **lookup) -> M:
    """One row by lookup, or 404 when it is missing or outside the user's scope."""
    row = qs.filter(org_q(user, perm, field), **lookup).first()
    if row is None:
        raise Http404
    return row


def has_perm(user: Viewer, perm: str, organization: Organization) -> bool:
    """Whether the user holds perm on organization (through a role on it or on an ancestor)."""
    return any(perm in g.permissions and organization.path.startswith(g.path) for g in grants(user))


def require(user: Viewer, perm: str, organization: Organization) -> None:
    """Allow, or refuse: 404 when the organization is outside what the user may see, else 403."""
    if has_perm(user, perm, organization):
        return
    if has_perm(user, VIEW_ORGANIZATION, organization) or has_perm(user, VIEW_PERSON, organization):
        raise PermissionDenied
    raise Http404


def visible_roots(user: Viewer) -> list[Organization]:
    """The top organizations of the user's view (for the tree and the organization filter)."""
    return list(Organization.objects.filter(path__in=root_paths(user, VIEW_ORGANIZATION)).order_by("path"))


def require_any(user: Viewer, perm: str) -> None:
    """404 for a page that only makes sense to holders of perm somewhere (e.g. a list)."""
    if not has_any(user, perm):
        raise Http404


def county_for(user: Viewer, perm: str) -> Organization | None:
    """The county committee (the top of a tree) on which the user holds perm itself, or None: the one answer to
    "whose county does this user manage" for county-wide policies, plans, episodes and settings."""
    paths = sorted({g.path for g in grants(user) if perm in g.permissions and len(g.path) == STEPLEN})
    return _organization_at(user, paths[0]) if paths else None


def county_paths(user: Viewer, perm: str) -> set[str]:
    """The paths of the counties (tops of trees) in which the user holds perm anywhere: whose county-wide pages,
    like the work plan, the user may read."""
    return {g.path[:STEPLEN] for g in grants(user) if perm in g.permissions}


def root_for(user: Viewer, perm: str) -> Organization | None:
    """The first of the user's visible roots (in tree order) on which the user holds perm, or None: the
    organization whose figures a page shows when none was picked."""
    held = [g.path for g in grants(user) if perm in g.permissions]
    for path in root_paths(user, VIEW_ORGANIZATION):
        if any(path.startswith(h) for h in held):
            return _organization_at(user, path)
    return None


def _organization_at(user: Viewer, path: str) -> Organization:
    """The organization at one of the user's grant paths, loaded once per user object like the grants."""
    cache = getattr(user, "_tuanwu_organizations", None)
    if cache is None:
        cache = {}
        user.__dict__["_tuanwu_organizations"] = cache
    if path not in cache:
        cache[path] = Organization.objects.get(path=path)
    return cache[path]
