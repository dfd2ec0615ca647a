"""Every write of 青年大学习: seasons, episodes, the import of an episode's export with its matching, the review of
unmatched rows, the member base, and the county's provincial rank."""

from __future__ import annotations

import contextlib
import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from tuanwu.accounts.roles import MANAGE_STUDY
from tuanwu.audit.services import batch_event_record
from tuanwu.core.errors import field_error
from tuanwu.core.idcard import parse_id_number
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.people.models import Membership, Person
from tuanwu.people.workflow import ACTIVE_STATES
from tuanwu.sheets.reader import SheetError, read_table

from .models import Episode, ImportMapping, MemberBase, Participation, Season

# Column labels of the provinces' exports (FORMATS.md §2), compared after normalize().
COLUMNS = {
    "number": ("学号/卡号/工号", "学号", "卡号", "工号", "姓名/学号", "学号/姓名", "学号姓名", "编号"),
    "name": ("姓名", "真实姓名", "用户名", "学员姓名"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "公民身份号码"),
    "unit": ("单位/班级/社区(村)", "单位/班级/社区", "团支部", "所在团支部", "所在组织", "班级", "单位", "组织"),
    "studied_at": ("学习时间", "时间", "完成时间"),
}
UPPER_LEVELS = ("系统", "学校", "学院", "一级", "二级", "三级", "四级")
DIGITS = re.compile(r"\d{4,}")
# A name proposed from a fuzzy organization match needs at least this similarity (rapidfuzz, 0–100).
PROPOSAL_SCORE = 70
MATCHED = (
    Participation.Match.NUMBER,
    Participation.Match.ID_NUMBER,
    Participation.Match.NAME_ORG,
    Participation.Match.MANUAL,
)


def normalize(text) -> str:
    """Full-width to ASCII, spaces out: 单位/班级/社区（村） and 单位/班级/社区(村) read alike."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


# Seasons and episodes ---------------------------------------------------------------------------------------


def _county(actor) -> Organization:
    roots = [o for o in scope.visible_roots(actor) if o.depth == 1 and scope.has_perm(actor, MANAGE_STUDY, o)]
    if not roots:
        raise ValidationError(_("Only the county committee manages the episodes."), code="STUDY_COUNTY_ONLY")
    return roots[0]


def season_create(*, actor, code: str, title: str, starts_on: datetime.date, ends_on=None) -> Season:
    """Open a season (季)."""
    with transaction.atomic(), set_actor(actor):
        _county(actor)
        season = Season(code=code.strip(), title=title.strip(), starts_on=starts_on, ends_on=ends_on)
        season.full_clean()
        season.save()
    return season


def episode_create(*, actor, season: Season, code: str, title: str, released_on: datetime.date) -> Episode:
    """Add an episode (期) to a season; its date fixes the member base."""
    with transaction.atomic(), set_actor(actor):
        _county(actor)
        episode = Episode(season=season, code=code.strip(), title=title.strip(), released_on=released_on)
        episode.full_clean()
        episode.save()
    return episode


def episode_rank_set(*, actor, episode: Episode, rank: int | None, total: int | None) -> Episode:
    """Record the county's own rank among the province's counties for an episode."""
    if rank is not None and total is not None and rank > total:
        raise field_error({"province_rank": _("The rank cannot be above the number ranked.")}, code="RANK_ABOVE_TOTAL")
    with transaction.atomic(), set_actor(actor):
        _county(actor)
        row = Episode.objects.select_for_update().get(pk=episode.pk)
        row.province_rank, row.province_total = rank, total
        row.version += 1
        row.save()
    return row


def mapping_save(*, actor, name: str, columns: dict) -> ImportMapping:
    """Save the column names of a province's export under a name, for the next imports."""
    with transaction.atomic(), set_actor(actor):
        _county(actor)
        mapping, _created = ImportMapping.objects.update_or_create(name=name.strip(), defaults={"columns": columns})
    return mapping


# The member base ------------------------------------------------------------------------------------------


def member_base_freeze(episode: Episode) -> int:
    """Count, per branch, the members on the roll on the episode's date: joined by then, and still members
    then (those who left later count; aged-out and transferred-out before do not)."""
    day = episode.released_on
    rows = (
        Membership.objects.filter(join_date__lte=day)
        .filter(Q(status__in=list(ACTIVE_STATES)) | Q(status_changed_on__gt=day))
        .values("organization_id")
        .annotate(n=Count("pk"))
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


def find_columns(headers: list[str], mapping: dict | None = None) -> dict[str, int]:
    """Which column holds which field: a saved mapping's headers first, else the known labels."""
    normal = [normalize(h) for h in headers]
    found: dict[str, int] = {}
    for key, labels in COLUMNS.items():
        wanted = [normalize(mapping[key])] if mapping and mapping.get(key) else [normalize(x) for x in labels]
        for label in wanted:
            if label in normal:
                found[key] = normal.index(label)
                break
    levels = [i for i, h in enumerate(normal) if h in UPPER_LEVELS]
    if levels:
        found["levels"] = levels
    return found


def _is_header(cells: list[str], mapping: dict | None = None) -> bool:
    normal = {normalize(c) for c in cells}
    known = {normalize(x) for labels in COLUMNS.values() for x in labels}
    known |= {normalize(v) for v in (mapping or {}).values() if v}
    return len(normal & known) >= 2


def _split_number(text: str) -> tuple[str, str]:
    """学号/卡号/工号 cells are typed by the learner: "2021001张三", "张三2021001", "2021001" or "张三"."""
    text = normalize(text)
    digits = max(DIGITS.findall(text), key=len, default="")
    name = re.sub(r"[\d\W_a-zA-Z]+", "", text)
    return digits, name


def _parse_time(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return timezone.make_aware(value) if timezone.is_naive(value) else value
    # Keep the space between date and time: without it "2024/5/1 19:05" would read as 2024-05-11 09:05.
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(value or ""))).strip().replace("/", "-")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return timezone.make_aware(datetime.datetime.strptime(text, fmt))
        except ValueError:
            continue
    return None


def episode_import(
    *,
    actor,
    episode: Episode,
    data: bytes,
    filename: str,
    mapping: dict | None = None,
    dry_run: bool = False,
) -> StudyImportResult:
    """Read an episode's participation export and match each learner: by student or staff number, then by ID
    number, then by name and organization (a fuzzy organization match only proposes). Re-importing an episode
    replaces its rows. Learners who are not members are kept and counted as such."""
    county = _county(actor)
    try:
        table = read_table(data, filename, find_header=lambda cells: _is_header(cells, mapping))
    except SheetError as e:
        raise ValidationError(e.message, code=e.code) from e
    columns = find_columns(table.headers, mapping)
    if not ({"number", "name", "id_number"} & set(columns)):
        raise ValidationError(
            _("No column with the learner's number, name or ID number was found; name the columns in a mapping."),
            code="STUDY_COLUMNS_MISSING",
        )
    result = StudyImportResult(columns={k: table.headers[v] for k, v in columns.items() if k != "levels"})
    raw = []
    for number, cells in zip(table.row_numbers, table.rows, strict=True):

        def cell(key, cells=cells):
            i = columns.get(key)
            return cells[i] if i is not None and i < len(cells) else ""

        digits, name_in_number = _split_number(cell("number"))
        name = normalize(cell("name")) or name_in_number
        unit = normalize(cell("unit"))
        levels = " ".join(normalize(cells[i]) for i in columns.get("levels", []) if i < len(cells))
        id_number = normalize(cell("id_number")).upper()
        if not (digits or name or id_number):
            continue  # a footer or a blank line
        raw.append(
            {
                "row": number,
                "digits": digits,
                "name": name[:50],
                "unit": unit[:300],
                "levels": levels,
                "id_number": id_number,
                "studied_at": _parse_time(cell("studied_at")),
                "number": normalize(cell("number"))[:64],
            }
        )
    rows = _match(raw, county, episode.released_on)
    seen: set = set()
    out = []
    for r in rows:
        # A matched person counts once; an unmatched learner listed twice is one learner too.
        key = r["person_id"] or ("?", r["name"], r["digits"], r["unit"])
        if key in seen:
            result.duplicates += 1
            continue
        seen.add(key)
        out.append(r)
    result.rows = len(out)
    result.matched = sum(1 for r in out if r["match"] in MATCHED)
    result.members = sum(1 for r in out if r["is_member"])
    result.ambiguous = sum(1 for r in out if r["match"] == Participation.Match.AMBIGUOUS)
    result.unmatched = sum(1 for r in out if r["match"] == Participation.Match.UNMATCHED)
    if dry_run:
        return result
    with transaction.atomic(), set_actor(actor):
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
            imported_at=timezone.now(), imported_by=actor, source_file=filename[:255], version=F("version") + 1
        )
        batch_event_record(
            actor=actor,
            organization=county,
            kind="study_import",
            description=_("青年大学习 %(episode)s: %(rows)d learners, %(matched)d matched, %(members)d members")
            % {"episode": episode.title, "rows": result.rows, "matched": result.matched, "members": result.members},
            rows=result.rows,
            file_name=filename,
        )
    result.committed = True
    return result


def _match(raw: list[dict], county: Organization, day: datetime.date) -> list[dict]:
    """Find each learner in the roster: number, then ID number, then name and organization."""
    people = Person.objects.filter(organization__path__startswith=county.path)
    numbers = {r["digits"] for r in raw if r["digits"]}
    by_number: dict[str, list[tuple]] = {}
    for chunk in _chunks(sorted(numbers)):
        for row in people.filter(staff_number__in=chunk).values_list("staff_number", "pk", "organization_id", "name"):
            by_number.setdefault(row[0], []).append(row[1:])
    by_id: dict[str, tuple] = {}
    ids = set()
    for r in raw:
        if r["id_number"]:
            with contextlib.suppress(ValidationError):
                ids.add(parse_id_number(r["id_number"]).number)
    for chunk in _chunks(sorted(ids)):
        for row in people.filter(id_number__in=chunk).values_list("id_number", "pk", "organization_id", "name"):
            by_id[row[0]] = row[1:]
    names = {r["name"] for r in raw if r["name"]}
    by_name: dict[str, list[tuple]] = {}
    for chunk in _chunks(sorted(names)):
        for row in people.filter(name__in=chunk).values_list("name", "pk", "organization_id"):
            by_name.setdefault(row[0], []).append(row[1:])
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
    members = set()
    for chunk in _chunks(matched):
        members.update(
            Membership.objects.filter(person_id__in=chunk, join_date__lte=day)
            .filter(Q(status__in=list(ACTIVE_STATES)) | Q(status_changed_on__gt=day))
            .values_list("person_id", flat=True)
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


# Review ---------------------------------------------------------------------------------------------------


def participation_assign(*, actor, participation: Participation, person: Person) -> Participation:
    """A person confirms who an unmatched or ambiguous learner is."""
    with transaction.atomic(), set_actor(actor):
        row = Participation.objects.select_for_update().select_related("episode").get(pk=participation.pk)
        scope.require(actor, MANAGE_STUDY, person.organization)
        if row.match in MATCHED:
            raise ValidationError(_("This learner is already matched."), code="ALREADY_MATCHED")
        if Participation.objects.filter(episode=row.episode, person=person).exists():
            raise ValidationError(
                _("%(name)s is already counted for this episode.") % {"name": person.name}, code="ALREADY_COUNTED"
            )
        day = row.episode.released_on
        row.person, row.organization_id, row.match = person, person.organization_id, Participation.Match.MANUAL
        row.is_member = (
            Membership.objects.filter(person=person, join_date__lte=day)
            .filter(Q(status__in=list(ACTIVE_STATES)) | Q(status_changed_on__gt=day))
            .exists()
        )
        row.proposals = []
        row.save()
    return row


def participation_dismiss(*, actor, participation: Participation) -> Participation:
    """Set aside a row that is nobody of the county (a learner registered here by mistake)."""
    with transaction.atomic(), set_actor(actor):
        row = Participation.objects.select_for_update().get(pk=participation.pk)
        _county(actor)
        if row.match in MATCHED:
            raise ValidationError(_("This learner is already matched."), code="ALREADY_MATCHED")
        row.match = Participation.Match.DISMISSED
        row.save()
    return row
