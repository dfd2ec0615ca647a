"""Read-only figures for the dashboard, composed from other apps' selectors."""

from __future__ import annotations

from django.utils import timezone

from tuanwu.accounts.roles import VIEW_ORGANIZATION
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Sector
from tuanwu.organizations.selectors import organization_tree
from tuanwu.people.selectors import member_counts


def county_summary(user) -> dict:
    """Members, organizations and branches in the user's scope, by sector and by top-level committee."""
    counts = member_counts()
    roots = organization_tree(user, counts)
    by_sector: dict[str, int] = {}
    orgs = branches = members = 0

    def walk(nodes):
        nonlocal orgs, branches, members
        for node in nodes:
            orgs += 1
            members += node.direct
            if node.org.kind in BRANCH_KINDS:
                branches += 1
            if node.direct:
                key = node.org.sector or Sector.OTHER
                by_sector[key] = by_sector.get(key, 0) + node.direct
            walk(node.children)

    walk(roots)
    # The committees directly under each visible root are the county's main lines of organization.
    by_committee = [
        {"id": child.org.pk, "name": child.org.name, "members": child.total}
        for root in roots
        for child in root.children
    ]
    by_committee.sort(key=lambda r: -r["members"])
    labels = dict(Sector.choices)
    return {
        "members": members,
        "organizations": orgs,
        "branches": branches,
        "by_sector": sorted(
            ({"sector": k, "label": str(labels[k]), "members": v} for k, v in by_sector.items()),
            key=lambda r: -r["members"],
        ),
        "by_committee": by_committee,
        "roots": [r.org for r in roots],
        "as_of": timezone.localtime(),
        "visible": scope.has_any(user, VIEW_ORGANIZATION),
    }
