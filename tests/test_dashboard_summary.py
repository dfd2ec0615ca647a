"""The dashboard's figures come from one flat pass over the organizations; they must be those of a walk of
organization_tree(), for every user and also when an organization between others is dissolved."""

import pytest

from tests.factories import member, org
from tuanwu.dashboards.selectors import county_summary
from tuanwu.organizations.models import Kind, Organization, Sector
from tuanwu.organizations.selectors import organization_tree
from tuanwu.people.selectors import member_counts


def tree_walk_summary(user) -> dict:
    """The figures as the dashboard computed them from the whole tree."""
    roots = organization_tree(user, member_counts())
    by_sector: dict[str, int] = {}
    figures = {"organizations": 0, "branches": 0, "members": 0}

    def walk(nodes):
        for node in nodes:
            figures["organizations"] += 1
            figures["members"] += node.direct
            figures["branches"] += node.org.is_branch
            if node.direct:
                key = node.org.sector or Sector.OTHER
                by_sector[key] = by_sector.get(key, 0) + node.direct
            walk(node.children)

    walk(roots)
    by_committee = [
        {"id": child.org.pk, "name": child.org.name, "members": child.total}
        for root in roots
        for child in root.children
    ]
    by_committee.sort(key=lambda r: -r["members"])
    return {
        **figures,
        "by_sector": sorted(by_sector.items(), key=lambda kv: -kv[1]),
        "by_committee": by_committee,
        "roots": [r.org.pk for r in roots],
    }


def summary_figures(user) -> dict:
    summary = county_summary(user)
    return {
        "organizations": summary["organizations"],
        "branches": summary["branches"],
        "members": summary["members"],
        "by_sector": [(r["sector"], r["members"]) for r in summary["by_sector"]],
        "by_committee": summary["by_committee"],
        "roots": [r.pk for r in summary["roots"]],
    }


@pytest.mark.django_db
def test_summary_equals_the_tree_walk_for_every_user(cast):
    for name, user in cast.users.items():
        assert summary_figures(user) == tree_walk_summary(user), name


@pytest.mark.django_db
def test_summary_equals_the_tree_walk_when_a_committee_between_others_is_dissolved(cast):
    # A committee under the town with a branch of its own: dissolved, its branch hangs under the town.
    middle = org(cast.town, "南岭片区团委", kind=Kind.COMMITTEE, code="DH9")
    below = org(middle, "南岭村团支部", code="DH91")
    member(below, "周婷", gender="female")
    Organization.objects.filter(pk=middle.pk).update(status=Organization.Status.DISSOLVED)
    Organization.objects.filter(pk=cast.town.pk).update(status=Organization.Status.DISSOLVED)

    for name, user in cast.users.items():
        assert summary_figures(user) == tree_walk_summary(user), name
