"""The yearly branch rating (对标定级): the committee above computes its branches' ratings from the records, enters
the items the records cannot tell, and reviews each final star with the reason for any change; a weak and lax
branch gets a rectification record. The arithmetic is meetings.rating; this module gathers the facts and writes."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import RATE_BRANCH, VIEW_MEETING
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Kind, Organization, subtree_range
from tuanwu.organizations.policy import policy_for
from tuanwu.people.choices import CadrePostName
from tuanwu.people.models import CadrePost, Membership
from tuanwu.people.workflow import ACTIVE_STATES

from .. import rating as sheet
from ..models import BranchRating, MeetingPolicy, Rectification

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

Band = BranchRating.Band
# The organizations under which ★5 + ★4 are capped: a branch counts under the nearest one above it.
COMMITTEE_KINDS = frozenset({Kind.COUNTY_COMMITTEE, Kind.COMMITTEE, Kind.WORKING_COMMITTEE})
Share = Callable[[Organization, datetime.date, datetime.date], "Decimal | None"]


# Adapters to the parts of the records kept by other modules. Until a module provides its function, the item it
# would compute is entered by hand; only the import is guarded, so a fault inside the function still shows.


def compliance_share_fn() -> Share | None:
    """meetings.rules.compliance_share(branch, start, end): the share of due organizational life held."""
    try:
        from tuanwu.meetings.rules import compliance_share
    except ImportError:
        return None
    return compliance_share


def lifecycle_share_fn(name: str) -> Share | None:
    """lifecycle.selectors.registration_share / dues_share(branch, start, end): the share of the branch's members
    registered, or whose dues for the period are paid."""
    try:
        from tuanwu.lifecycle import selectors as lifecycle
    except ImportError:
        return None
    fn = getattr(lifecycle, name, None)
    return fn if callable(fn) else None


def cutoff_of(year: int) -> datetime.date:
    """The rating's cut-off: the last day of the year rated."""
    return datetime.date(year, 12, 31)


def founded_on(organization: Organization) -> tuple[datetime.date, str]:
    """The branch's founding date and where it comes from: the organization keeps no founding date, so the day it
    was created in TuanWu stands for it (said so on the page)."""
    founded = getattr(organization, "founded_on", None)
    if founded:
        return founded, _("founding date")
    return timezone.localtime(organization.created_at).date(), _("created in TuanWu (no founding date is kept)")


def exclusion_of(organization: Organization, policy: MeetingPolicy, cutoff: datetime.date) -> str:
    """Why a branch is not rated this year, or "": temporary (flowing) branches, graduating classes, and branches
    founded less than the county's minimum months before the cut-off."""
    if organization.kind == Kind.TEMPORARY_BRANCH:
        return _("Temporary or flowing branch: not rated.")
    if organization.graduates_on and organization.graduates_on <= cutoff:
        return _("Graduating class (expected graduation %(day)s): not rated.") % {
            "day": organization.graduates_on.isoformat()
        }
    founded, basis = founded_on(organization)
    if founded > sheet.months_before(cutoff, policy.rating_min_months):
        return _(
            "Founded on %(day)s (%(basis)s), less than %(months)s months before the cut-off %(cutoff)s: not rated."
        ) % {"day": founded.isoformat(), "basis": basis, "months": policy.rating_min_months, "cutoff": cutoff}
    return ""


def sheet_of(policy: MeetingPolicy) -> list[sheet.ItemSpec]:
    return sheet.sheet_from(policy.rating_items)


class Facts:
    """What the records say about a set of branches for a year, read in a fixed number of queries."""

    def __init__(self, branches: list[Organization], year: int, policy: MeetingPolicy):
        self.year, self.policy = year, policy
        self.start, self.end = datetime.date(year, 1, 1), cutoff_of(year)
        ids = [b.pk for b in branches]
        posts = (
            CadrePost.objects.filter(organization_id__in=ids, since__lte=self.end)
            .filter(Q(until__isnull=True) | Q(until__gte=self.end))
            .select_related("person")
            .order_by("since", "pk")
        )
        self.secretaries: dict[int, list[str]] = {}
        self.cadres: dict[int, set[int]] = {}
        for post in posts:
            self.cadres.setdefault(post.organization_id, set()).add(post.person_id)
            if post.post == CadrePostName.SECRETARY:
                self.secretaries.setdefault(post.organization_id, []).append(post.person.name)
        self.members = dict(
            Membership.objects.filter(organization_id__in=ids, status__in=ACTIVE_STATES)
            .values("organization_id")
            .annotate(n=Count("pk"))
            .values_list("organization_id", "n")
        )
        self.study = self._study(ids)
        self.compliance = compliance_share_fn()
        self.registration = lifecycle_share_fn("registration_share")
        self.dues = lifecycle_share_fn("dues_share")

    def _study(self, ids: list[int]) -> dict[int, tuple[int, int, int]]:
        """(episodes, learners, member base) per branch over the year's imported 青年大学习 episodes."""
        from tuanwu.study.models import MATCHED, Episode, MemberBase, Participation

        episodes = list(
            Episode.objects.filter(released_on__range=(self.start, self.end), imported_at__isnull=False).values_list(
                "pk", flat=True
            )
        )
        if not episodes:
            return {}
        bases = (
            MemberBase.objects.filter(episode_id__in=episodes, organization_id__in=ids)
            .values("organization_id")
            .annotate(n=Sum("members"), e=Count("episode_id", distinct=True))
        )
        learners = dict(
            Participation.objects.filter(episode_id__in=episodes, organization_id__in=ids, match__in=MATCHED)
            .values("organization_id")
            .annotate(n=Count("pk"))
            .values_list("organization_id", "n")
        )
        return {r["organization_id"]: (r["e"], learners.get(r["organization_id"], 0), r["n"] or 0) for r in bases}

    def compute(self, spec: sheet.ItemSpec, branch: Organization) -> tuple[sheet.Computed | None, str]:
        """The item computed from the records, or None with the reason it must be entered by hand."""
        by_hand = _("Entered by the committee")
        if spec.key == "structure":
            return self._structure(spec, branch), ""
        if spec.key == "study":
            return self._study_item(spec, branch)
        shares: dict[str, tuple[Share | None, str]] = {
            "organizational_life": (self.compliance, _("organizational life held as due")),
            "registration": (self.registration, _("members registered")),
            "dues": (self.dues, _("members with dues paid")),
        }
        if spec.key not in shares:
            return None, by_hand
        fn, what = shares[spec.key]
        if fn is None:
            return None, _("Not computable from the records yet: enter by hand.")
        share = fn(branch, self.start, self.end)
        if share is None:
            return None, _("The records hold nothing to compute this for the year: enter by hand.")
        share = Decimal(share)
        return sheet.Computed(
            sheet.points_of_share(spec.max_points, share),
            _("%(what)s: %(share)s %% (%(start)s – %(end)s)")
            % {"what": what, "share": _percent(share), "start": self.start, "end": self.end},
        ), ""

    def _structure(self, spec: sheet.ItemSpec, branch: Organization) -> sheet.Computed:
        """Secretary in post at the cut-off: 60 % of the item; a branch committee of at least three cadres where the
        branch has the members to form one (DOMAIN §2): the other 40 %."""
        names = self.secretaries.get(branch.pk, [])
        members = self.members.get(branch.pk, 0)
        cadres = len(self.cadres.get(branch.pk, set()))
        secretary_points = (spec.max_points * Decimal("0.6")).quantize(sheet.TENTH)
        committee_points = spec.max_points - secretary_points
        points = Decimal(0)
        if names:
            points += secretary_points
            parts = [_("secretary in post: %(names)s") % {"names": "、".join(names)}]
        else:
            parts = [_("no secretary in post on %(day)s") % {"day": self.end}]
        needed = self.policy.committee_min_members
        if members < needed:
            points += committee_points
            parts.append(
                _("%(members)s members, fewer than %(needed)s: no branch committee needed")
                % {"members": members, "needed": needed}
            )
        elif cadres >= 3:
            points += committee_points
            parts.append(
                _("%(members)s members, branch committee of %(cadres)s in post")
                % {"members": members, "cadres": cadres}
            )
        else:
            parts.append(
                _("%(members)s members but only %(cadres)s cadres in post: a branch committee needs 3")
                % {"members": members, "cadres": cadres}
            )
        return sheet.Computed(points, "；".join(parts))

    def _study_item(self, spec: sheet.ItemSpec, branch: Organization) -> tuple[sheet.Computed | None, str]:
        episodes, learners, base = self.study.get(branch.pk, (0, 0, 0))
        if not base:
            return None, _("No 青年大学习 episode of the year counts members of this branch: enter by hand.")
        share = Decimal(learners) / Decimal(base)
        return sheet.Computed(
            sheet.points_of_share(spec.max_points, share),
            _("青年大学习: %(episodes)s episodes, %(learners)s studies of %(base)s due, participation %(share)s %%")
            % {"episodes": episodes, "learners": learners, "base": base, "share": _percent(share)},
        ), ""


def _percent(share: Decimal) -> str:
    return str((share * 100).quantize(sheet.TENTH))


def _apply_score(rating: BranchRating, founded: datetime.date) -> None:
    """Score and band from the items; the band held at ★3 for a branch under a year old, with the note."""
    score = sheet.score_of(rating.items)
    rating.score = score
    if score is None:
        rating.band, rating.band_note = "", ""
        return
    rating.band, rating.band_note = sheet.age_cap(sheet.band_of(score), founded, cutoff_of(rating.year))


def rating_compute(*, actor: User, committee: Organization, year: int) -> list[BranchRating]:
    """Compute the year's draft rating of every active branch under the committee: create the missing rows,
    refresh the drafts from the records while keeping every item the committee entered, mark the branches not
    rated with the reason. Reviewed ratings are left as reviewed."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, RATE_BRANCH, committee)
        if committee.kind not in COMMITTEE_KINDS and committee.kind != Kind.GENERAL_BRANCH:
            raise ValidationError(
                _("Ratings are computed by a committee for the branches under it; %(name)s is a branch.")
                % {"name": committee.name},
                code="RATING_NOT_COMMITTEE",
            )
        policy = policy_for(MeetingPolicy, committee, year)
        specs = sheet_of(policy)
        cutoff = cutoff_of(year)
        branches = list(
            Organization.objects.filter(
                path__range=subtree_range(committee.path), kind__in=sorted(BRANCH_KINDS), status="active"
            ).order_by("path")
        )
        existing = {
            r.organization_id: r
            for r in BranchRating.objects.select_for_update().filter(
                organization__in=[b.pk for b in branches], year=year
            )
        }
        facts = Facts(branches, year, policy)
        now = timezone.now()
        out = []
        for branch in branches:
            rating = existing.get(branch.pk) or BranchRating(organization=branch, year=year)
            if rating.status == BranchRating.Status.REVIEWED:
                out.append(rating)
                continue
            excluded = exclusion_of(branch, policy, cutoff)
            if excluded:
                rating.status, rating.excluded_reason = BranchRating.Status.EXCLUDED, excluded
                rating.score, rating.band, rating.band_note = None, "", ""
            else:
                previous = {i.get("key"): i for i in rating.items or []}
                items = []
                for spec in specs:
                    computed, why_not = facts.compute(spec, branch)
                    items.append(sheet.item_row(spec, computed, previous.get(spec.key), why_not))
                rating.items = items
                rating.status, rating.excluded_reason = BranchRating.Status.DRAFT, ""
                _apply_score(rating, founded_on(branch)[0])
            rating.computed_at = now
            versioned_save(rating)
            out.append(rating)
    return out


def require_rate(user: User, rating: BranchRating) -> None:
    """RATE_BRANCH on the committee above the branch: else 403 for whoever sees the rating, 404 for the rest."""
    parent = rating.organization.parent
    if parent is not None and scope.has_perm(user, RATE_BRANCH, parent):
        return
    if scope.has_perm(user, VIEW_MEETING, rating.organization):
        raise PermissionDenied
    raise Http404


def _locked(rating: BranchRating, version: int | None) -> BranchRating:
    row = BranchRating.objects.select_for_update().select_related("organization").get(pk=rating.pk)
    refuse_stale(row, version)
    return row


def rating_enter(
    *,
    actor: User,
    rating: BranchRating,
    points: Mapping[str, Any],
    notes: Mapping[str, str] | None = None,
    version: int | None = None,
) -> BranchRating:
    """Enter the points of the items the records cannot tell (each between 0 and its maximum) on a draft; the
    score and band follow. Items computed from the records cannot be overwritten here."""
    with transaction.atomic(), set_actor(actor):
        require_rate(actor, rating)
        row = _locked(rating, version)
        if row.status != BranchRating.Status.DRAFT:
            raise ValidationError(_("Only a draft rating takes entered items."), code="RATING_NOT_DRAFT")
        errors: dict[str, str] = {}
        items = [dict(i) for i in row.items]
        for item in items:
            key = item["key"]
            if key not in points:
                continue
            if item["source"] != sheet.ENTERED:
                errors[key] = _("%(label)s is computed from the records.") % {"label": item["label"]}
                continue
            raw = points[key]
            if raw in (None, ""):
                item["points"] = None
            else:
                try:
                    value = Decimal(str(raw)).quantize(sheet.TENTH)
                except (InvalidOperation, ValueError):
                    errors[key] = _("%(label)s: %(value)s is not a number.") % {"label": item["label"], "value": raw}
                    continue
                if value < 0 or value > Decimal(item["max"]):
                    errors[key] = _("%(label)s: %(value)s is outside 0 – %(max)s points.") % {
                        "label": item["label"],
                        "value": value,
                        "max": item["max"],
                    }
                    continue
                item["points"] = str(value)
            if notes and key in notes:
                item["note"] = notes[key].strip()[:300]
        unknown = sorted(set(points) - {i["key"] for i in items})
        if unknown:
            errors["points"] = _("Not on the score sheet: %(keys)s.") % {"keys": ", ".join(unknown)}
        if errors:
            raise field_error(errors, code="RATING_ITEM_INVALID")
        row.items = items
        _apply_score(row, founded_on(row.organization)[0])
        versioned_save(row)
    return row


def nearest_committee(branch: Organization) -> Organization:
    """The committee a branch is rated under: the nearest committee above it (a general branch does not count)."""
    paths = branch.ancestor_paths
    found = Organization.objects.filter(path__in=paths, kind__in=sorted(COMMITTEE_KINDS)).order_by("-depth").first()
    return found or branch


def _group_bands(committee: Organization, year: int, replace: BranchRating | None, band: str) -> list[str]:
    """The band each branch rated under the committee holds for the cap: the final star once reviewed, else the
    computed band; `replace` counted with `band` instead."""
    low, high = subtree_range(committee.path)
    nested = [
        p
        for p in Organization.objects.filter(path__range=(low, high), kind__in=sorted(COMMITTEE_KINDS))
        .exclude(pk=committee.pk)
        .values_list("path", flat=True)
    ]
    rows = BranchRating.objects.filter(year=year, organization__path__range=(low, high)).exclude(
        status=BranchRating.Status.EXCLUDED
    )
    bands = []
    for pk, path, status, computed, final in rows.values_list(
        "pk", "organization__path", "status", "band", "final_band"
    ):
        if any(path.startswith(p) for p in nested):
            continue
        if replace is not None and pk == replace.pk:
            bands.append(band)
        else:
            bands.append(final if status == BranchRating.Status.REVIEWED else computed)
    return bands


def cap_usage_of(committee: Organization, year: int) -> sheet.CapUsage:
    """★5 + ★4 among the branches rated directly under the committee, against the county's cap for the year."""
    policy = policy_for(MeetingPolicy, committee, year)
    return sheet.cap_usage(committee.name, _group_bands(committee, year, None, ""), policy.rating_top_cap)


def rating_review(
    *, actor: User, rating: BranchRating, final_band: str, reason: str = "", version: int | None = None
) -> BranchRating:
    """Record the final star of a branch's rating: all items scored, a reason whenever it differs from the
    computed band, ★4/★5 only for a branch a year old, and never past the county's cap on ★5 + ★4 under the
    committee; the committee lowers some branches (with reasons) first, nothing is lowered silently."""
    reason = reason.strip()
    with transaction.atomic(), set_actor(actor):
        require_rate(actor, rating)
        row = _locked(rating, version)
        if row.status == BranchRating.Status.EXCLUDED:
            raise ValidationError(row.excluded_reason or _("This branch is not rated."), code="RATING_EXCLUDED")
        missing = [i["label"] for i in row.items if i.get("points") in (None, "")]
        if missing or row.score is None:
            raise field_error(
                {"final_band": _("Enter every item before the review: %(items)s.") % {"items": "、".join(missing)}},
                code="RATING_INCOMPLETE",
            )
        if final_band not in Band.values:
            raise field_error({"final_band": _("Choose a star.")}, code="RATING_BAND_INVALID")
        if final_band != row.band and not reason:
            raise field_error(
                {
                    "reason": _("The final star %(final)s differs from the computed %(band)s: give the reason.")
                    % {"final": Band(final_band).label, "band": Band(row.band).label}
                },
                code="RATING_REASON_REQUIRED",
            )
        cutoff = cutoff_of(row.year)
        founded = founded_on(row.organization)[0]
        if final_band in sheet.TOP_BANDS and sheet.age_cap(final_band, founded, cutoff)[0] != final_band:
            raise field_error(
                {
                    "final_band": _(
                        "★4 and ★5 need the branch to be a year old at %(cutoff)s; it was founded on %(day)s."
                    )
                    % {"cutoff": cutoff, "day": founded}
                },
                code="RATING_TOO_YOUNG",
            )
        if final_band in sheet.TOP_BANDS:
            committee = nearest_committee(row.organization)
            policy = policy_for(MeetingPolicy, committee, row.year)
            usage = sheet.cap_usage(
                committee.name, _group_bands(committee, row.year, row, final_band), policy.rating_top_cap
            )
            if usage.exceeded:
                raise field_error(
                    {
                        "final_band": _(
                            "★4 + ★5 would be %(top)s of the %(rated)s branches rated under %(committee)s, above the "
                            "cap of %(limit)s (%(cap)s %%): lower the star of %(over)s branch(es), with a reason, "
                            "before this review is accepted."
                        )
                        % {
                            "top": usage.top,
                            "rated": usage.rated,
                            "committee": committee.name,
                            "limit": usage.limit,
                            "cap": usage.cap_percent,
                            "over": usage.top - usage.limit,
                        }
                    },
                    code="RATING_CAP_EXCEEDED",
                )
        row.final_band = final_band
        row.change_reason = reason if final_band != row.band else ""
        row.status = BranchRating.Status.REVIEWED
        row.reviewed_by, row.reviewed_at = actor, timezone.now()
        versioned_save(row)
    return row


def rating_reopen(*, actor: User, rating: BranchRating, version: int | None = None) -> BranchRating:
    """Put a reviewed rating back to draft so that its items can be entered again; the final star is cleared."""
    with transaction.atomic(), set_actor(actor):
        require_rate(actor, rating)
        row = _locked(rating, version)
        if row.status != BranchRating.Status.REVIEWED:
            raise ValidationError(_("Only a reviewed rating can be reopened."), code="RATING_NOT_REVIEWED")
        row.status, row.final_band, row.change_reason = BranchRating.Status.DRAFT, "", ""
        row.reviewed_by, row.reviewed_at = None, None
        versioned_save(row)
    return row


def needs_rectification(rating: BranchRating) -> bool:
    """A weak and lax branch: its final star, or while unreviewed its computed band."""
    band = rating.final_band if rating.status == BranchRating.Status.REVIEWED else rating.band
    return rating.status != BranchRating.Status.EXCLUDED and band == Band.WEAK


def rectification_save(
    *,
    actor: User,
    rating: BranchRating,
    problems: str,
    measures: str,
    due_on: datetime.date,
    done_on: datetime.date | None = None,
    result: str = "",
    version: int | None = None,
) -> Rectification:
    """Record or update the rectification of a weak and lax branch: problems, measures, by when; done only with
    the result stated."""
    with transaction.atomic(), set_actor(actor):
        require_rate(actor, rating)
        if not needs_rectification(rating):
            raise ValidationError(
                _("Only a weak and lax (软弱涣散) branch is rectified."), code="RECTIFICATION_NOT_WEAK"
            )
        row = Rectification.objects.select_for_update().filter(rating=rating).first()
        if row is None:
            row, version = Rectification(rating=rating), None
        errors: dict[str, str] = {}
        if done_on and not result.strip():
            errors["result"] = _("State the result of the rectification to mark it done.")
        if errors:
            raise field_error(errors, code="RECTIFICATION_INVALID")
        row.problems, row.measures, row.due_on = problems.strip(), measures.strip(), due_on
        row.done_on, row.result = done_on, result.strip()
        versioned_save(row, expected=version)
    return row
