"""Every scoped read of 青年大学习: rates rolled up the tree, rankings with ties, seasons, trends, and the people
behind every number (DOMAIN.md §6: rate = participants ÷ member base; it may exceed 100 % and is never capped)."""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.http import Http404
from rapidfuzz import fuzz

from tuanwu.accounts.roles import MANAGE_STUDY, VIEW_STUDY
from tuanwu.core.idcard import parse_id_number
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, STEPLEN, Organization, subtree_range
from tuanwu.organizations.scope import Viewer
from tuanwu.organizations.selectors import organizations_where
from tuanwu.people.models import CadrePost, Membership, Person
from tuanwu.people.workflow import ACTIVE_STATES

from .models import MATCHED, Episode, MemberBase, Participation, Season
from .sheets import normalize

# A name proposed from a fuzzy organization match needs at least this similarity (rapidfuzz, 0–100).
PROPOSAL_SCORE = 70

BANDS = ((0.95, "a"), (0.90, "b"), (0.80, "c"))


def band(rate: float | None) -> str:
    """95 % and above "a", 90 % "b", 80 % "c", below "d"."""
    if rate is None:
        return "d"
    return next((name for floor, name in BANDS if rate >= floor), "d")


@dataclass
class RankRow:
    organization: Organization
    members: int
    participants: int
    non_members: int
    rank: int = 0
    previous_rank: int | None = None
    secretaries: list[Person] = field(default_factory=list)  # the branch's secretaries, for the list of those behind

    @property
    def rate(self) -> float | None:
        return self.participants / self.members if self.members else None

    @property
    def band(self) -> str:
        return band(self.rate)

    @property
    def change(self) -> int | None:
        """Places gained since the previous episode (positive is better)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank


def top_organization(user: Viewer) -> Organization:
    """The top of the user's view of 青年大学习 (404 for a user who has none)."""
    roots = [o for o in scope.visible_roots(user) if scope.has_perm(user, VIEW_STUDY, o)]
    if not roots:
        raise Http404
    return roots[0]


def organization_get(user: Viewer, pk: int) -> Organization | None:
    """An active organization whose figures the user may see, or None."""
    return organizations_where(user, VIEW_STUDY).filter(pk=pk).first()


def ancestors_in_view(user: Viewer, organization: Organization) -> list[Organization]:
    """The organizations above one, from the top, whose figures the user may see (the breadcrumbs)."""
    above = Organization.objects.filter(path__in=organization.ancestor_paths).order_by("path")
    return [a for a in above if scope.has_perm(user, VIEW_STUDY, a)]


def season_list() -> QuerySet[Season]:
    return Season.objects.all()


def season_get(user: Viewer, pk: int) -> Season:
    scope.require_any(user, VIEW_STUDY)
    season = Season.objects.filter(pk=pk).first()
    if season is None:
        raise Http404
    return season


def review_q(user: Viewer, perm: str = MANAGE_STUDY) -> Q:
    """The learner rows a user reviews: those attributed to an organization in the user's subtree for perm;
    those attributed to none (nobody matched yet, or only proposed) are the county's."""
    q = scope.org_q(user, perm)
    if q and scope.county_for(user, perm) is not None:
        q |= Q(organization__isnull=True)
    return q


def participation_get(user: Viewer, pk: int) -> Participation:
    """A learner row to review, for a user who may (review_q); 404 for anyone else, like a row that does not
    exist."""
    row = Participation.objects.select_related("episode", "organization").filter(review_q(user), pk=pk).first()
    if row is None or not scope.has_any(user, MANAGE_STUDY):
        raise Http404
    return row


def episode_list(user) -> QuerySet[Episode]:
    scope.require_any(user, VIEW_STUDY)
    return Episode.objects.select_related("season").order_by("-released_on", "-pk")


def rank_chart(episodes: QuerySet[Episode], last: int = 30) -> dict | None:
    """The county's provincial rank over the last episodes that have one, oldest first (None: none has)."""
    ranked = list(reversed(list(episodes.filter(province_rank__isnull=False)[:last])))
    if not ranked:
        return None
    return {"x": [e.code for e in ranked], "y": [e.province_rank for e in ranked]}


def episode_get(user, pk: int) -> Episode:
    scope.require_any(user, VIEW_STUDY)
    episode = Episode.objects.select_related("season").filter(pk=pk).first()
    if episode is None:
        raise Http404
    return episode


def episode_by_code(code: str) -> Episode:
    episode = Episode.objects.select_related("season").filter(code=code).first()
    if episode is None:
        raise Http404
    return episode


def previous_episode(episode: Episode) -> Episode | None:
    return (
        Episode.objects.filter(released_on__lt=episode.released_on, imported_at__isnull=False)
        .order_by("-released_on", "-pk")
        .first()
    )


def _children_totals(episode: Episode, parent: Organization) -> dict[str, tuple[int, int, int]]:
    """(members, participants, non-members) per child of parent, each with its subtree, in three queries."""
    length = len(parent.path) + STEPLEN
    low, high = subtree_range(parent.path)
    bases = (
        MemberBase.objects.filter(episode=episode, organization__path__range=(low, high))
        .exclude(organization__path=parent.path)
        .annotate(child=Substr(F("organization__path"), 1, length))
        .values("child")
        .annotate(n=Sum("members"))
    )
    learners = (
        Participation.objects.filter(episode=episode, match__in=MATCHED, organization__path__range=(low, high))
        .exclude(organization__path=parent.path)
        .annotate(child=Substr(F("organization__path"), 1, length))
        .values("child")
        .annotate(n=Count("pk"), non=Count("pk", filter=Q(is_member=False)))
    )
    out: dict[str, list[int]] = {}
    for r in bases:
        out.setdefault(r["child"], [0, 0, 0])[0] = r["n"]
    for r in learners:
        row = out.setdefault(r["child"], [0, 0, 0])
        row[1], row[2] = r["n"], r["non"]
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def ranking(user, episode: Episode, parent: Organization) -> list[RankRow]:
    """The organizations directly under parent, ranked by participation rate (ties share a rank: 1, 2, 2, 4),
    with the change since the previous episode."""
    if not scope.has_perm(user, VIEW_STUDY, parent):
        raise Http404
    children = list(Organization.objects.filter(parent=parent, status=Organization.Status.ACTIVE).order_by("path"))
    totals = _children_totals(episode, parent)
    rows = [RankRow(child, *totals.get(child.path, (0, 0, 0))) for child in children]
    _rank(rows)
    before = previous_episode(episode)
    if before is not None:
        earlier = {r.organization.pk: r.rank for r in _ranked(before, parent, children)}
        for r in rows:
            r.previous_rank = earlier.get(r.organization.pk)
    return rows


def _ranked(episode: Episode, parent: Organization, children: list[Organization]) -> list[RankRow]:
    totals = _children_totals(episode, parent)
    rows = [RankRow(child, *totals.get(child.path, (0, 0, 0))) for child in children]
    _rank(rows)
    return rows


def _rank(rows: list[RankRow]) -> None:
    rows.sort(key=lambda r: (-(r.rate if r.rate is not None else -1), r.organization.path))
    for i, r in enumerate(rows, start=1):
        # Equal rates share a rank, and so do the organizations without a rate (no member base).
        r.rank = rows[i - 2].rank if i > 1 and r.rate == rows[i - 2].rate else i


def totals(episode: Episode, organization: Organization) -> RankRow:
    """One organization's own figures with its whole subtree."""
    low, high = subtree_range(organization.path)
    members = (
        MemberBase.objects.filter(episode=episode, organization__path__range=(low, high)).aggregate(n=Sum("members"))[
            "n"
        ]
        or 0
    )
    learners = Participation.objects.filter(
        episode=episode, match__in=MATCHED, organization__path__range=(low, high)
    ).aggregate(n=Count("pk"), non=Count("pk", filter=Q(is_member=False)))
    return RankRow(organization, members, learners["n"], learners["non"])


def trend(user, organization: Organization, limit: int = 20) -> list[dict]:
    """The organization's rate over the last episodes, oldest first."""
    if not scope.has_perm(user, VIEW_STUDY, organization):
        raise Http404
    episodes = list(Episode.objects.filter(imported_at__isnull=False).order_by("-released_on")[:limit])
    points = []
    for episode in reversed(episodes):
        row = totals(episode, organization)
        points.append({"episode": episode, "rate": row.rate, "members": row.members, "participants": row.participants})
    return points


def season_rates(user, season: Season, parent: Organization) -> tuple[list[dict], list[Episode]]:
    """Each child's season rate: the mean of its episode rates (episodes without a member base left out)."""
    episodes = list(season.episodes.filter(imported_at__isnull=False).order_by("released_on"))
    by_org: dict[int, dict] = {}
    for episode in episodes:
        for r in ranking(user, episode, parent):
            entry = by_org.setdefault(r.organization.pk, {"organization": r.organization, "rates": []})
            entry["rates"].append(r.rate)
    out = []
    for entry in by_org.values():
        rates = [x for x in entry["rates"] if x is not None]
        out.append({**entry, "mean": sum(rates) / len(rates) if rates else None})
    out.sort(key=lambda e: (-(e["mean"] if e["mean"] is not None else -1), e["organization"].path))
    return out, episodes


def learners(user, episode: Episode, organization: Organization, studied: bool) -> QuerySet:
    """The people behind a number: who studied, or which members of the roll did not."""
    if not scope.has_perm(user, VIEW_STUDY, organization):
        raise Http404
    low, high = subtree_range(organization.path)
    done = Participation.objects.filter(episode=episode, match__in=MATCHED, person__isnull=False)
    if studied:
        return (
            Person.objects.filter(pk__in=done.filter(organization__path__range=(low, high)).values("person_id"))
            .select_related("organization")
            .order_by("organization__path", "name_initials")
        )
    return (
        Person.objects.filter(
            organization__path__range=(low, high),
            organization__kind__in=BRANCH_KINDS,
            membership__join_date__lte=episode.released_on,
        )
        .filter(
            Q(membership__status__in=list(ACTIVE_STATES)) | Q(membership__status_changed_on__gt=episode.released_on)
        )
        .exclude(pk__in=done.values("person_id"))
        .select_related("organization")
        .order_by("organization__path", "name_initials")
    )


def review_rows(user, episode: Episode) -> QuerySet[Participation]:
    """Rows waiting for a person that the user reviews (review_q): ambiguous first, then unmatched. The queue is
    for those who may review study imports (404 for anyone else)."""
    scope.require_any(user, MANAGE_STUDY)
    return episode.participations.filter(
        review_q(user), match__in=[Participation.Match.AMBIGUOUS, Participation.Match.UNMATCHED]
    ).order_by("match", "row")  # "ambiguous" sorts before "unmatched"


def person_record(person: Person, limit: int = 50) -> dict:
    """A person's studies: episodes studied ÷ episodes since they joined the roll."""
    episodes = Episode.objects.filter(imported_at__isnull=False)
    joined = Membership.objects.filter(person=person).values_list("join_date", flat=True).first()
    if joined is not None:
        episodes = episodes.filter(released_on__gte=joined)
    last = list(episodes.order_by("-released_on")[:limit])
    studied = set(
        Participation.objects.filter(person=person, episode__in=last, match__in=MATCHED).values_list(
            "episode_id", flat=True
        )
    )
    return {
        "episodes": [(e, e.pk in studied) for e in last],
        "studied": len(studied),
        "total": len(last),
        "rate": len(studied) / len(last) if last else None,
    }


def behind(user, episode: Episode, threshold: float) -> list[RankRow]:
    """Branches in the user's scope below the threshold this episode (the secretaries to call)."""
    roots = scope.visible_roots(user)
    out: list[RankRow] = []
    for root in roots:
        if not scope.has_perm(user, VIEW_STUDY, root):
            continue
        low, high = subtree_range(root.path)
        parents = Organization.objects.filter(path__range=(low, high), status=Organization.Status.ACTIVE).exclude(
            kind__in=BRANCH_KINDS
        )
        for parent in parents.order_by("path"):
            for r in _ranked(
                episode,
                parent,
                list(Organization.objects.filter(parent=parent, kind__in=BRANCH_KINDS).order_by("path")),
            ):
                if r.members and (r.rate or 0) < threshold:
                    out.append(r)
    out.sort(key=lambda r: (r.rate or 0, r.organization.path))
    secretaries: dict[int, list[Person]] = {}
    for post in CadrePost.objects.filter(
        organization__in=[r.organization for r in out], post="secretary", until__isnull=True
    ).select_related("person"):
        secretaries.setdefault(post.organization_id, []).append(post.person)
    for r in out:
        r.secretaries = secretaries.get(r.organization.pk, [])
    return out


# The roster, for the import -------------------------------------------------------------------------------


def on_the_roll(day: datetime.date) -> Q:
    """Memberships on the roll on a day: joined by then, and still members then (those who left later count;
    aged-out and transferred-out before do not)."""
    return Q(join_date__lte=day) & (Q(status__in=list(ACTIVE_STATES)) | Q(status_changed_on__gt=day))


def is_on_the_roll(person: Person, day: datetime.date) -> bool:
    return Membership.objects.filter(on_the_roll(day), person=person).exists()


def roster_match(raw: list[dict], county: Organization, day: datetime.date) -> list[dict]:
    """Find each learner of an export in the county's roster: number, then ID number, then name and organization
    (a fuzzy organization only proposes); each learner dict gains person_id, organization_id, is_member, match
    and proposals."""
    people = Person.objects.filter(organization__path__startswith=county.path)
    numbers = {r["digits"] for r in raw if r["digits"]}
    by_number: dict[str, list[tuple]] = {}
    for chunk in _chunks(sorted(numbers)):
        for row in people.filter(staff_number__in=chunk).values_list("staff_number", "pk", "organization_id", "name"):
            by_number.setdefault(row[0], []).append(row[1:])
    by_id: dict[str | None, tuple] = {}
    ids = set()
    for r in raw:
        if r["id_number"]:
            with contextlib.suppress(ValidationError):
                ids.add(parse_id_number(r["id_number"]).number)
    for chunk in _chunks(sorted(ids)):
        for found in people.filter(id_number__in=chunk).values_list("id_number", "pk", "organization_id", "name"):
            by_id[found[0]] = found[1:]
    names = {r["name"] for r in raw if r["name"]}
    by_name: dict[str, list[tuple]] = {}
    for chunk in _chunks(sorted(names)):
        for named in people.filter(name__in=chunk).values_list("name", "pk", "organization_id"):
            by_name.setdefault(named[0], []).append(named[1:])
    org_ids = {o for rows in by_name.values() for _p, o in rows}
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=org_ids).only("pk", "name", "full_name", "path")}
    for r in raw:
        r.update(
            person_id=None, organization_id=None, is_member=False, proposals=[], match=Participation.Match.UNMATCHED
        )
        hit = None
        if r["digits"] and r["digits"] in by_number:
            candidates = by_number[r["digits"]]
            if len(candidates) > 1 and r["name"]:
                candidates = [c for c in candidates if c[2] == r["name"]] or candidates
            if len(candidates) == 1:
                hit = (candidates[0][0], candidates[0][1], Participation.Match.NUMBER)
        if hit is None and r["id_number"]:
            try:
                number = parse_id_number(r["id_number"]).number
            except ValidationError:
                number = ""
            if number in by_id:
                hit = (by_id[number][0], by_id[number][1], Participation.Match.ID_NUMBER)
        if hit is None and r["name"] in by_name:
            hit = _by_name_and_org(r, by_name[r["name"]], orgs)
        if hit:
            r["person_id"], r["organization_id"], r["match"] = hit
    matched = [r["person_id"] for r in raw if r["person_id"]]
    members: set[int] = set()
    for chunk in _chunks(matched):
        members.update(
            Membership.objects.filter(on_the_roll(day), person_id__in=chunk).values_list("person_id", flat=True)
        )
    for r in raw:
        r["is_member"] = r["person_id"] in members
    return raw


def _by_name_and_org(r: dict, candidates: list[tuple], orgs: dict) -> tuple | None:
    """An exact organization name decides; anything less only proposes, for a person to confirm."""
    unit = r["unit"]
    if unit:
        exact = [c for c in candidates if unit in (normalize(orgs[c[1]].name), normalize(orgs[c[1]].full_name))]
        if len(exact) == 1:
            return exact[0][0], exact[0][1], Participation.Match.NAME_ORG
    context = f"{r['levels']} {unit}".strip()
    scored = []
    for pk, org_id in candidates:
        org = orgs[org_id]
        score = (
            max(fuzz.WRatio(context, normalize(org.full_name)), fuzz.WRatio(unit, normalize(org.name))) if unit else 0
        )
        scored.append((score, pk, org))
    scored.sort(key=lambda s: (-s[0], s[1]))
    proposals = [
        {"person": pk, "name": r["name"], "organization": org.name, "score": round(score)}
        for score, pk, org in scored[:5]
        if not unit or score >= PROPOSAL_SCORE
    ]
    if proposals:
        r["proposals"] = proposals
        r["match"] = Participation.Match.AMBIGUOUS
    return None


def _chunks(values, size: int = 900):
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i : i + size]
