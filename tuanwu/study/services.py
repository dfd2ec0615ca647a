"""Every write of 青年大学习: seasons, episodes, the import of an episode's export, the review of unmatched rows,
the member base, and the county's provincial rank."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_STUDY
from tuanwu.audit.services import batch_event_record
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.people.models import Membership, Person
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, Progress, run_import
from tuanwu.sheets.models import ColumnMapping
from tuanwu.sheets.services import column_mapping_save
from tuanwu.sheets.spec import RowError

from . import sheets
from .models import MATCHED, Episode, MemberBase, Participation, Season
from .selectors import is_on_the_roll, on_the_roll, review_q, roster_match

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def _county(actor: User) -> Organization:
    """The county whose episodes the actor manages; refused for anyone else."""
    county = scope.county_for(actor, MANAGE_STUDY)
    if county is None:
        raise ValidationError(_("Only the county committee manages the episodes."), code="STUDY_COUNTY_ONLY")
    return county


# Seasons and episodes ---------------------------------------------------------------------------------------


def season_create(
    *, actor: User, code: str, title: str, starts_on: datetime.date, ends_on: datetime.date | None = None
) -> Season:
    """Open a season (季)."""
    with transaction.atomic(), set_actor(actor):
        _county(actor)
        season = Season(code=code.strip(), title=title.strip(), starts_on=starts_on, ends_on=ends_on)
        versioned_save(season)
    return season


def episode_create(*, actor: User, season: Season, code: str, title: str, released_on: datetime.date) -> Episode:
    """Add an episode (期) to a season; its date fixes the member base."""
    with transaction.atomic(), set_actor(actor):
        _county(actor)
        episode = Episode(season=season, code=code.strip(), title=title.strip(), released_on=released_on)
        versioned_save(episode)
    return episode


def episode_rank_set(*, actor: User, episode: Episode, rank: int | None, total: int | None) -> Episode:
    """Record the county's own rank among the province's counties for an episode."""
    if rank is not None and total is not None and rank > total:
        raise field_error({"province_rank": _("The rank cannot be above the number ranked.")}, code="RANK_ABOVE_TOTAL")
    with transaction.atomic(), set_actor(actor):
        _county(actor)
        row = Episode.objects.select_for_update().get(pk=episode.pk)
        row.province_rank, row.province_total = rank, total
        versioned_save(row)
    return row


def mapping_save(*, actor: User, name: str, columns: dict[str, str]) -> ColumnMapping:
    """Save the column names of a province's export under a name, for the next imports."""
    with transaction.atomic(), set_actor(actor):
        _county(actor)
        return column_mapping_save(kind=sheets.KIND, name=name, columns=columns)


# The member base ------------------------------------------------------------------------------------------


def member_base_freeze(episode: Episode) -> int:
    """Count, per branch, the members on the roll on the episode's date: joined by then, and still members
    then (those who left later count; aged-out and transferred-out before do not)."""
    rows = list(
        Membership.objects.filter(on_the_roll(episode.released_on)).values("organization_id").annotate(n=Count("pk"))
    )
    MemberBase.objects.filter(episode=episode).delete()
    MemberBase.objects.bulk_create(
        [MemberBase(episode=episode, organization_id=r["organization_id"], members=r["n"]) for r in rows],
        batch_size=2000,
    )
    return sum(r["n"] for r in rows)


# The import -----------------------------------------------------------------------------------------------


@dataclass
class StudyImportResult:
    rows: int = 0
    matched: int = 0
    members: int = 0
    ambiguous: int = 0
    unmatched: int = 0
    duplicates: int = 0
    committed: bool = False
    columns: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("rows", "matched", "members", "ambiguous", "unmatched", "duplicates")}


def episode_import(
    *,
    actor: User,
    episode: Episode,
    data: bytes,
    filename: str,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> StudyImportResult:
    """Read an episode's participation export and match each learner: by student or staff number, then by ID
    number, then by name and organization (a fuzzy organization match only proposes). Re-importing an episode
    replaces its rows. Learners who are not members are kept and counted as such."""
    county = _county(actor)
    study = _EpisodeImport(episode, county)
    plan: ImportPlan = ImportPlan(
        kind=sheets.KIND,
        spec=sheets.study_spec(),
        check_header=study.header,
        check_row=study.row,
        check_file=study.file,
        write=study.write,
        record=batch_event_record,
    )
    outcome = run_import(
        plan, actor=actor, data=data, filename=filename, dry_run=dry_run, progress=progress, mapping=mapping
    )
    if outcome.errors:
        # An export is read whole or refused: its only problems are a file or a layout that cannot be read.
        raise ValidationError(outcome.errors[0].message, code=outcome.errors[0].code)
    study.result.committed = outcome.committed
    return study.result


class _EpisodeImport:
    """One episode's export: its learners read, matched to the county's roster, then written in place of the
    episode's earlier rows."""

    def __init__(self, episode: Episode, county: Organization):
        self.episode, self.county = episode, county
        self.result = StudyImportResult()
        self.levels: list[str] = []

    def header(self, run: ImportRun) -> list[RowError]:
        """The export must say who learned: a number, a name or an ID number."""
        columns = run.index
        if not ({"number", "name", "id_number"} & set(columns)):
            message = _(
                "No column with the learner's number, name or ID number was found; name the columns in a mapping."
            )
            return [RowError(run.table.header_row, "", "", "STUDY_COLUMNS_MISSING", message)]
        self.result.columns = {k: run.table.headers[v] for k, v in columns.items() if not k.startswith(sheets.LEVEL)}
        self.levels = sorted((k for k in columns if k.startswith(sheets.LEVEL)), key=columns.__getitem__)
        return []

    def row(self, run: ImportRun, number: int, values: dict) -> dict | None:
        return sheets.learner(values, self.levels, number)

    def file(self, run: ImportRun, learners: list[dict]) -> list[dict]:
        """The learners matched; a matched person counts once, and an unmatched learner listed twice is one."""
        seen: set = set()
        out = []
        for r in roster_match(learners, self.county, self.episode.released_on):
            key = r["person_id"] or ("?", r["name"], r["digits"], r["unit"])
            if key in seen:
                self.result.duplicates += 1
                continue
            seen.add(key)
            out.append(r)
        result = self.result
        result.rows = len(out)
        result.matched = sum(1 for r in out if r["match"] in MATCHED)
        result.members = sum(1 for r in out if r["is_member"])
        result.ambiguous = sum(1 for r in out if r["match"] == Participation.Match.AMBIGUOUS)
        result.unmatched = sum(1 for r in out if r["match"] == Participation.Match.UNMATCHED)
        return out

    def write(self, run: ImportRun, out: list[dict]) -> Event:
        episode, result = self.episode, self.result
        Episode.objects.select_for_update().get(pk=episode.pk)
        Participation.objects.filter(episode=episode).delete()
        Participation.objects.bulk_create(
            [
                Participation(
                    episode=episode,
                    row=r["row"],
                    name=r["name"],
                    number=r["number"],
                    unit=r["unit"],
                    studied_at=r["studied_at"],
                    person_id=r["person_id"],
                    organization_id=r["organization_id"],
                    is_member=r["is_member"],
                    match=r["match"],
                    proposals=r["proposals"],
                )
                for r in out
            ],
            batch_size=2000,
        )
        member_base_freeze(episode)
        Episode.objects.filter(pk=episode.pk).update(
            imported_at=timezone.now(),
            imported_by=run.actor,
            source_file=run.filename[:255],
            version=F("version") + 1,
        )
        return Event(
            kind="study_import",
            organization=self.county,
            description=_("青年大学习 %(episode)s: %(rows)d learners, %(matched)d matched, %(members)d members")
            % {"episode": episode.title, "rows": result.rows, "matched": result.matched, "members": result.members},
            rows=result.rows,
        )


# Review ---------------------------------------------------------------------------------------------------


def participation_assign(*, actor: User, participation: Participation, person: Person) -> Participation:
    """A person confirms who an unmatched or ambiguous learner is."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_STUDY, person.organization)
        row = (
            Participation.objects.select_for_update()
            .select_related("episode")
            .filter(review_q(actor), pk=participation.pk)
            .first()
        )
        if row is None:
            # A row the actor does not review (another subtree's, or the county's): as if it did not exist.
            raise Http404
        if row.match in MATCHED:
            raise ValidationError(_("This learner is already matched."), code="ALREADY_MATCHED")
        if Participation.objects.filter(episode=row.episode, person=person).exists():
            raise ValidationError(
                _("%(name)s is already counted for this episode.") % {"name": person.name}, code="ALREADY_COUNTED"
            )
        row.person, row.organization_id, row.match = person, person.organization_id, Participation.Match.MANUAL
        row.is_member = is_on_the_roll(person, row.episode.released_on)
        row.proposals = []
        row.save()
    return row


def participation_dismiss(*, actor: User, participation: Participation) -> Participation:
    """Set aside a row that is nobody of the county (a learner registered here by mistake)."""
    with transaction.atomic(), set_actor(actor):
        row = Participation.objects.select_for_update().get(pk=participation.pk)
        _county(actor)
        if row.match in MATCHED:
            raise ValidationError(_("This learner is already matched."), code="ALREADY_MATCHED")
        row.match = Participation.Match.DISMISSED
        row.save()
    return row
