"""Read-only figures for the dashboard, composed from other apps' selectors."""

from __future__ import annotations

from django.utils import timezone

from tuanwu.accounts.roles import VIEW_ADMISSION, VIEW_ORGANIZATION, VIEW_STUDY, VIEW_VOLUNTEERING
from tuanwu.admission.selectors import application_list
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Sector
from tuanwu.organizations.selectors import TreeNode, organization_rows
from tuanwu.people.selectors import member_counts
from tuanwu.study.models import Episode
from tuanwu.study.selectors import totals as study_totals
from tuanwu.volunteering.selectors import organization_summary


def county_summary(user: scope.Viewer) -> dict:
    """Members, organizations and branches in the user's scope, by sector and by top-level committee."""
    counts = member_counts()
    count = counts.get
    by_sector: dict[str, int] = {}
    members = branches = 0
    roots: list[TreeNode] = []
    by_committee: list[dict] = []
    # One flat pass over the visible organizations in path order, with the same numbers as a walk of
    # organization_tree() but no node per organization: a root is a row under no visible row, a committee a
    # row under a root and under no other committee (the nodes organization_tree puts directly under a root).
    root_path = committee_path = None
    committee: dict | None = None
    rows = organization_rows(user)
    for row in rows:
        pk, path, _depth, name, kind, sector = row[:6]
        direct = count(pk, 0)
        members += direct
        if kind in BRANCH_KINDS:
            branches += 1
        if direct:
            key = sector or Sector.OTHER
            by_sector[key] = by_sector.get(key, 0) + direct
        if root_path is None or not path.startswith(root_path):
            roots.append(TreeNode(row, direct))
            root_path, committee_path, committee = path, None, None
        elif committee_path is None or not path.startswith(committee_path):
            committee = {"id": pk, "name": name, "members": direct}
            by_committee.append(committee)
            committee_path = path
        elif committee is not None:
            committee["members"] += direct
    # The committees directly under each visible root are the county's main lines of organization.
    by_committee.sort(key=lambda r: -r["members"])
    orgs = len(rows)
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


def work_figures(user: scope.Viewer) -> list[dict]:
    """This year's figures of the modules the user may see, for the first row of the dashboard: certified
    volunteer hours, admissions, and the last 青年大学习 episode's participation rate."""
    year = timezone.localdate().year
    out: list[dict] = []
    root = scope.root_for(user, VIEW_VOLUNTEERING)
    if root is not None:
        numbers = organization_summary(root, year)
        out.append({"key": "hours", "value": numbers["hours"], "volunteers": numbers["volunteers"], "root": root})
    if scope.has_any(user, VIEW_ADMISSION):
        apps = application_list(user)
        out.append(
            {
                "key": "admissions",
                "value": apps.filter(status="admitted", meeting__held_on__year=year).count(),
                "open": apps.exclude(status__in=["admitted", "closed"]).count(),
            }
        )
    root = scope.root_for(user, VIEW_STUDY)
    episode = Episode.objects.filter(imported_at__isnull=False).order_by("-released_on").first()
    if root is not None and episode is not None:
        totals = study_totals(episode, root)
        out.append({"key": "study", "value": totals.rate, "episode": episode, "root": root})
    return out
