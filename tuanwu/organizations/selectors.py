"""Every scoped read of the organization tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from tuanwu.accounts.roles import VIEW_ORGANIZATION

from . import scope
from .models import BRANCH_KINDS, Kind, Organization


def organization_list(user, *, q: str = "", kind: str = "", sector: str = "", status: str = "") -> QuerySet:
    """Organizations the user may see, filtered."""
    qs = scope.restrict(Organization.objects.all(), user, VIEW_ORGANIZATION, field="")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(full_name__icontains=q) | Q(code__iexact=q))
    if kind:
        qs = qs.filter(kind=kind)
    if sector:
        qs = qs.filter(sector=sector)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("parent", "park").order_by("path")


def organization_get(user, pk: int) -> Organization:
    """One organization the user may see, or 404."""
    return scope.get_scoped_or_404(
        Organization.objects.select_related("parent", "park"), user, VIEW_ORGANIZATION, field="", pk=pk
    )


def organizations_where(user, perm: str) -> QuerySet:
    """Active organizations where the user holds perm, in tree order (for pickers)."""
    return scope.restrict(
        Organization.objects.filter(status=Organization.Status.ACTIVE), user, perm, field=""
    ).order_by("path")


def organization_choices(user, perm: str = VIEW_ORGANIZATION, *, q: str = "", limit: int = 30) -> list[dict]:
    """Organizations for a picker: those matching q (name, full name or code), else the levels above the
    branches, in tree order; never more than limit (a county has thousands of branches)."""
    from .models import BRANCH_KINDS

    qs = organizations_where(user, perm)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(full_name__icontains=q) | Q(code__iexact=q))
    else:
        qs = qs.exclude(kind__in=BRANCH_KINDS)
    rows = list(qs.values_list("pk", "depth", "name", "kind")[:limit])
    top = min((depth for _pk, depth, _name, _kind in rows), default=1)
    kinds = dict(Kind.choices)
    return [
        {"id": pk, "label": name, "indent": "\u3000" * (depth - top) if not q else "", "kind": kinds.get(kind, kind)}
        for pk, depth, name, kind in rows
    ]


def organization_ancestors(org: Organization, user) -> list[Organization]:
    """The chain above org that the user may see, top first (for breadcrumbs)."""
    paths = [org.path[:i] for i in range(Organization.steplen, len(org.path), Organization.steplen)]
    return list(
        scope.restrict(Organization.objects.filter(path__in=paths), user, VIEW_ORGANIZATION, "").order_by("path")
    )


@dataclass(slots=True)
class OrgRow:
    """The few columns a tree node shows, without a model instance per organization."""

    pk: int
    path: str
    depth: int
    name: str
    kind: str
    sector: str
    status: str
    code: str
    parent_id: int | None

    def get_kind_display(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def is_branch(self) -> bool:
        return self.kind in BRANCH_KINDS


KIND_LABELS = dict(Kind.choices)
ROW_COLUMNS = ("id", "path", "depth", "name", "kind", "sector", "status", "code", "parent_id")


@dataclass(slots=True)
class TreeNode:
    org: OrgRow
    direct: int = 0
    total: int = 0
    children: list[TreeNode] = field(default_factory=list)
    # True when the node has sub-organizations that were not loaded (levels), to fetch on demand.
    more: bool = False


def organization_tree(
    user,
    direct_counts: dict[int, int],
    *,
    include_dissolved: bool = False,
    below: Organization | None = None,
    levels: int | None = None,
) -> list[TreeNode]:
    """The user's visible forest (or the part below one organization) with each node's own and subtree
    totals, from one query; with levels, only that many levels of nodes are returned, totals still whole."""
    qs = scope.restrict(Organization.objects.all(), user, VIEW_ORGANIZATION, field="")
    if below is not None:
        qs = qs.filter(path__range=below.subtree_range())
    if not include_dissolved:
        qs = qs.filter(status=Organization.Status.ACTIVE)
    roots: list[TreeNode] = []
    stack: list[TreeNode] = []
    limit = None
    # Plain tuples from the cursor: a county has tens of thousands of organizations.
    try:
        sql, params = qs.order_by("path").values_list(*ROW_COLUMNS).query.sql_with_params()
    except EmptyResultSet:  # no organization is visible at all
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    count = direct_counts.get
    # The hot loop of the tree page and the dashboard (tens of thousands of organizations): kept flat.
    for row in rows:
        org = OrgRow(*row)
        direct = count(row[0], 0)
        node = TreeNode(org, direct, direct)
        path = row[1]
        while stack and not path.startswith(stack[-1].org.path):
            done = stack.pop()
            if stack:
                stack[-1].total += done.total
        if not stack:
            roots.append(node)
            if levels is not None:
                limit = org.depth + levels - 1
        elif limit is None or org.depth <= limit:
            stack[-1].children.append(node)
        else:
            # Deeper than asked: counted in the totals, not returned; its visible ancestor can expand.
            for ancestor in reversed(stack):
                if ancestor.org.depth <= limit:
                    ancestor.more = True
                    break
        stack.append(node)
    while stack:
        _close(stack)
    return roots


def _close(stack: list[TreeNode]) -> None:
    done = stack.pop()
    if stack:
        stack[-1].total += done.total


def move_targets(user, org: Organization) -> QuerySet:
    """Organizations org may move under: visible, changeable, active, not branches, not in its subtree."""
    from tuanwu.accounts.roles import CHANGE_ORGANIZATION

    from .models import BRANCH_KINDS, subtree_range

    return (
        scope.restrict(Organization.objects.all(), user, CHANGE_ORGANIZATION, field="")
        .filter(status=Organization.Status.ACTIVE)
        .exclude(kind__in=BRANCH_KINDS)
        .exclude(path__range=subtree_range(org.path))
        .order_by("path")
    )


def get_or_404(user, pk) -> Organization:
    try:
        return organization_get(user, int(pk))
    except (TypeError, ValueError):
        raise Http404 from None
