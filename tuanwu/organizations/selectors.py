"""Every scoped read of the organization tree."""

from __future__ import annotations

import datetime

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from tuanwu.accounts.roles import VIEW_ORGANIZATION
from tuanwu.core.params import parse_id

from . import scope
from .models import BRANCH_KINDS, Kind, Organization


def organization_list(user: scope.Viewer) -> QuerySet[Organization]:
    """Organizations the user may see, in tree order (filtered by OrganizationFilter)."""
    return (
        scope.restrict(Organization.objects.all(), user, VIEW_ORGANIZATION, field="")
        .select_related("parent", "park")
        .order_by("path")
    )


def organization_get(user: scope.Viewer, pk: int, perm: str | None = None) -> Organization:
    """One organization the user may see, or 404; with perm, also one the user holds perm on (403 when they only
    see it)."""
    org = scope.get_scoped_or_404(
        Organization.objects.select_related("parent", "park"), user, VIEW_ORGANIZATION, field="", pk=pk
    )
    if perm is not None:
        scope.require(user, perm, org)
    return org


def organization_for_write(user: scope.Viewer, pk: object, perm: str) -> Organization:
    """The active organization a write names by id (where a person is registered, moved or posted…), when the
    user holds perm on it; otherwise 404, exactly like an id that does not exist."""
    if isinstance(pk, str) and pk.strip().isdigit():
        pk = int(pk.strip())
    if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk <= 2**63 - 1:
        raise Http404
    org = organizations_where(user, perm).select_related("parent").filter(pk=pk).first()
    if org is None:
        raise Http404
    return org


def organizations_where(user: scope.Viewer, perm: str) -> QuerySet:
    """Active organizations where the user holds perm, in tree order (for pickers)."""
    return scope.restrict(
        Organization.objects.filter(status=Organization.Status.ACTIVE), user, perm, field=""
    ).order_by("path")


def organization_choices(
    user: scope.Viewer, perm: str = VIEW_ORGANIZATION, *, q: str = "", limit: int = 30
) -> list[dict]:
    """Organizations for a picker: those matching q (name, full name or code) with their parent's name, else the
    levels above the branches, in tree order; never more than limit (a county has thousands of branches)."""
    from .models import BRANCH_KINDS

    qs = organizations_where(user, perm)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(full_name__icontains=q) | Q(code__iexact=q))
    else:
        qs = qs.exclude(kind__in=BRANCH_KINDS)
    rows = list(qs.values_list("pk", "depth", "name", "kind", "parent__name")[:limit])
    top = min((row[1] for row in rows), default=1)
    kinds = dict(Kind.choices)
    return [
        {
            "id": pk,
            "label": name,
            "indent": "\u3000" * (depth - top) if not q else "",
            "kind": kinds.get(kind, kind),
            # Found by name, many branches are alike (第一团支部): the parent tells them apart.
            "parent": (parent or "") if q else "",
        }
        for pk, depth, name, kind, parent in rows
    ]


def organization_ancestors(org: Organization, user: scope.Viewer) -> list[Organization]:
    """The chain above org that the user may see, top first (for breadcrumbs)."""
    return list(
        scope.restrict(Organization.objects.filter(path__in=org.ancestor_paths), user, VIEW_ORGANIZATION, "").order_by(
            "path"
        )
    )


KIND_LABELS = dict(Kind.choices)


class _NoChildren(list):
    """The children of every node without any loaded: one shared empty list, which therefore refuses changes."""

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("this empty list is shared by all childless tree nodes; give the node a list of its own")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


NO_CHILDREN = _NoChildren()
ROW_COLUMNS = ("id", "path", "depth", "name", "kind", "sector", "status", "code", "parent_id")


class TreeNode:
    """One organization of the tree: the few columns a node shows (no model instance), its own and subtree
    member counts, and the children loaded.

    A county has tens of thousands of organizations, so the tree builds one small object per organization;
    `org` is the node itself, so that callers and templates read node.org.name, node.org.pk as ever.
    `children` is a list of its own, or the shared empty NO_CHILDREN for a node without any loaded: nearly all
    nodes are branches, and an empty list each would be tens of thousands more objects for the garbage collector
    to track (enough to set off a full collection, which costs more than building the whole tree).
    """

    __slots__ = (
        "pk",
        "path",
        "depth",
        "name",
        "kind",
        "sector",
        "status",
        "code",
        "parent_id",
        "direct",
        "total",
        "children",
        "more",
    )

    def __init__(self, row: tuple, direct: int = 0) -> None:
        # One row of ROW_COLUMNS, in that order.
        self.pk, self.path, self.depth, self.name, self.kind, self.sector, self.status, self.code, self.parent_id = row
        self.direct = self.total = direct
        self.children: list[TreeNode] = NO_CHILDREN
        # True when the node has sub-organizations that were not loaded (levels), to fetch on demand.
        self.more = False

    @property
    def org(self) -> TreeNode:
        return self

    def get_kind_display(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def is_branch(self) -> bool:
        return self.kind in BRANCH_KINDS

    def __repr__(self) -> str:
        return f"<TreeNode {self.pk} {self.path} {self.direct}/{self.total}>"


def organization_rows(
    user: scope.Viewer, *, include_dissolved: bool = False, below: Organization | None = None
) -> list[tuple]:
    """ROW_COLUMNS of the organizations the user may see, in path order, as plain tuples from the cursor."""
    qs = scope.restrict(Organization.objects.all(), user, VIEW_ORGANIZATION, field="")
    if below is not None:
        qs = qs.filter(path__range=below.subtree_range())
    if not include_dissolved:
        qs = qs.filter(status=Organization.Status.ACTIVE)
    try:
        sql, params = qs.order_by("path").values_list(*ROW_COLUMNS).query.sql_with_params()
    except EmptyResultSet:  # no organization is visible at all
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def organization_tree(
    user: scope.Viewer,
    direct_counts: dict[int, int],
    *,
    include_dissolved: bool = False,
    below: Organization | None = None,
    levels: int | None = None,
) -> list[TreeNode]:
    """The user's visible forest (or the part below one organization) with each node's own and subtree
    totals, from one query; with levels, only that many levels of nodes are returned, totals still whole."""
    rows = organization_rows(user, include_dissolved=include_dissolved, below=below)
    roots: list[TreeNode] = []
    # The open nodes, outermost first: each row's nearest visible ancestor is the innermost one whose path
    # its path begins with (treebeard paths: an ancestor's path is a prefix, and path order is depth-first).
    stack: list[TreeNode] = []
    top: TreeNode | None = None
    limit = None
    count = direct_counts.get
    # The hot loop of the tree page (tens of thousands of organizations): kept flat.
    for row in rows:
        path = row[1]
        while top is not None and not path.startswith(top.path):
            # top's subtree is complete: its total goes up to its own parent.
            done = top.total
            stack.pop()
            if stack:
                top = stack[-1]
                top.total += done
            else:
                top = None
        node = TreeNode(row, count(row[0], 0))
        if top is None:
            roots.append(node)
            if levels is not None:
                limit = node.depth + levels - 1
        elif limit is None or node.depth <= limit:
            if top.children is NO_CHILDREN:
                top.children = [node]
            else:
                top.children.append(node)
        else:
            # Deeper than asked: counted in the totals, not returned; its visible ancestor can expand.
            for ancestor in reversed(stack):
                if ancestor.depth <= limit:
                    ancestor.more = True
                    break
        stack.append(node)
        top = node
    while stack:
        done = stack.pop().total
        if stack:
            stack[-1].total += done
    return roots


def move_targets(user: scope.Viewer, org: Organization) -> QuerySet:
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


def county_of(organization: Organization) -> Organization:
    """The top of the organization's tree: the county committee whose policies apply to it."""
    if organization.depth == 1:
        return organization
    return Organization.objects.get(path=organization.county_path)


def organization_picked(request, perm: str) -> Organization | None:
    """The organization chosen in the picker (?organization= or the posted field), when it lies in the user's
    scope for perm; None when none was chosen or it lies outside."""
    pk = parse_id(request.POST.get("organization") or request.GET.get("organization"))
    if pk is None:
        return None
    return organizations_where(request.user, perm).filter(pk=pk).first()


def organizations_as_of(root: Organization, day: datetime.date) -> QuerySet[Organization]:
    """The organizations of root's subtree that stood on day: founded by then (or founding date unknown) and not
    yet dissolved, whatever their status today."""
    return Organization.objects.filter(path__range=root.subtree_range()).filter(
        Q(founded_on__lte=day) | Q(founded_on__isnull=True),
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day),
    )


def organizations_without_founding(user: scope.Viewer, perm: str) -> QuerySet[Organization]:
    """Organizations in the user's scope whose founding date is still to be entered, in tree order."""
    return scope.restrict(Organization.objects.filter(founded_on__isnull=True), user, perm, field="").order_by("path")
