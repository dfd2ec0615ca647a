"""Every write to the directory: units entered and edited, the establishment steps, the quality gate's drop
back, the county's policy and the year-end snapshots."""

from __future__ import annotations

import dataclasses
import datetime
import unicodedata
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import uscc

from tuanwu.accounts.roles import MANAGE_COVERAGE
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.services import organization_set_founded

from . import selectors as sel
from .models import CoveragePolicy, OrgForm, Snapshot, Unit, UnitKind, UnitStep
from .workflow import FOUR_HAVES, TRANSITIONS

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

UNIT_FIELDS = (
    "name",
    "credit_code",
    "kind",
    "subtype",
    "sector",
    "park",
    "size_band",
    "employees",
    "young_employees",
    "league_members",
    "party_org",
    "operating",
    "closed_on",
    "joint_partners",
    "priority_override",
    "responsible",
    "planned_on",
)


def credit_code_clean(value: str | None) -> str:
    """The unified social credit code as stored (half-width, upper case), or a ValidationError when its check
    character (GB 32100-2015) does not match."""
    code = unicodedata.normalize("NFKC", value or "").strip().upper()
    if not code:
        raise ValidationError(_("The unified social credit code is required."), code="USCC_REQUIRED")
    if not uscc.is_valid(code):
        raise ValidationError(
            _("%(code)s is not a valid unified social credit code.") % {"code": code}, code="USCC_INVALID"
        )
    return code


def unit_clean(fields: dict) -> dict:
    """A unit's fields normalized, every problem reported at once with its field (the import uses it row by row)."""
    fields = dict(fields)
    problems: dict[str, list[ValidationError]] = {}
    if "credit_code" in fields:
        try:
            fields["credit_code"] = credit_code_clean(fields["credit_code"])
        except ValidationError as e:
            problems["credit_code"] = [e]
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        if not fields["name"]:
            problems["name"] = [ValidationError(_("The unit's name is required."), code="UNIT_NAME_REQUIRED")]
    employees, young = fields.get("employees"), fields.get("young_employees")
    if employees is not None and young is not None and young > employees:
        problems["young_employees"] = [
            ValidationError(
                _("%(young)d young employees is more than the %(n)d employees.") % {"young": young, "n": employees},
                code="UNIT_YOUNG_EXCEEDS",
            )
        ]
    if fields.get("kind") and fields["kind"] != UnitKind.SOCIAL:
        fields["subtype"] = ""
    if fields.get("closed_on"):
        fields["operating"] = False
    if problems:
        error = ValidationError(problems)
        # Keep the first rule's code on the whole error (Django drops it for a dict), for the API's answer.
        error.code = next(iter(problems.values()))[0].code
        raise error
    return fields


def _step(unit: Unit, kind: str, actor: User | None, on: datetime.date | None = None, **extra: Any) -> UnitStep:
    return UnitStep.objects.create(unit=unit, kind=kind, actor=actor, on=on or timezone.localdate(), **extra)


def unit_create(*, actor: User, township: Organization, **fields: Any) -> Unit:
    """Add a unit to the directory under a township committee (or the county) the actor manages."""
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"not a unit field: {sorted(unknown)}")
    fields = unit_clean(fields)
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_COVERAGE, township)
        if Unit.objects.filter(credit_code=fields["credit_code"]).exists():
            raise ValidationError(
                {"credit_code": [ValidationError(_("This unit is already in the directory."), code="UNIT_EXISTS")]}
            )
        unit = Unit(township=township, **fields)
        unit.full_clean()
        unit.save()
        _step(unit, UnitStep.Kind.EDITED, actor, note=_("Entered by hand."))
        return unit


def unit_update(*, actor: User, unit: Unit, version: int | None = None, **fields: Any) -> Unit:
    """Change a unit's own fields (its establishment moves only through the steps below)."""
    unknown = set(fields) - set(UNIT_FIELDS) - {"township"}
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    fields = unit_clean(fields)
    with transaction.atomic(), set_actor(actor):
        row = Unit.objects.select_for_update().get(pk=unit.pk)
        scope.require(actor, MANAGE_COVERAGE, row.township)
        if "township" in fields:
            scope.require(actor, MANAGE_COVERAGE, fields["township"])
        refuse_stale(row, version)
        code = fields.get("credit_code")
        if code and code != row.credit_code and Unit.objects.filter(credit_code=code).exclude(pk=row.pk).exists():
            raise ValidationError(
                {"credit_code": [ValidationError(_("This unit is already in the directory."), code="UNIT_EXISTS")]}
            )
        changed = [k for k, v in fields.items() if getattr(row, k) != v]
        for k, v in fields.items():
            setattr(row, k, v)
        versioned_save(row)
        if changed:
            _step(
                row,
                UnitStep.Kind.EDITED,
                actor,
                note=", ".join(str(getattr(Unit._meta.get_field(k), "verbose_name", k)) for k in changed),
            )
        return row


def _move(row: Unit, transition: str) -> None:
    sources, target = TRANSITIONS[transition]
    if row.status not in sources:
        raise ValidationError(
            _("A unit that is %(status)s cannot take this step.") % {"status": row.get_status_display()},
            code="UNIT_WRONG_STATUS",
        )
    row.status = target


def unit_survey(
    *,
    actor: User,
    unit: Unit,
    version: int | None = None,
    on: datetime.date | None = None,
    note: str = "",
    **figures: Any,
) -> Unit:
    """摸排: the unit visited, its employees, young employees, members, Party organization and operation confirmed."""
    allowed = {"employees", "young_employees", "league_members", "party_org", "operating", "size_band"}
    if set(figures) - allowed:
        raise TypeError(f"not surveyed: {sorted(set(figures) - allowed)}")
    figures = unit_clean(figures)
    with transaction.atomic(), set_actor(actor):
        row = Unit.objects.select_for_update().get(pk=unit.pk)
        scope.require(actor, MANAGE_COVERAGE, row.township)
        refuse_stale(row, version)
        _move(row, "survey")
        for k, v in figures.items():
            setattr(row, k, v)
        versioned_save(row)
        _step(row, UnitStep.Kind.SURVEYED, actor, on, note=note)
        return row


def unit_found(
    *,
    actor: User,
    unit: Unit,
    organization: Organization,
    form: str,
    founded_on: datetime.date,
    partners: str = "",
    version: int | None = None,
    note: str = "",
) -> Unit:
    """建团: the unit linked to the League organization founded for it (own, or joint with named partners), whose
    founding date is entered on the organization when it has none."""
    if form not in (OrgForm.OWN, OrgForm.JOINT):
        raise ValidationError(_("Choose an own or a joint organization."), code="UNIT_FORM")
    if form == OrgForm.JOINT and not partners.strip():
        raise ValidationError(
            {"joint_partners": [ValidationError(_("Name the partners of a joint organization."), code="UNIT_PARTNERS")]}
        )
    with transaction.atomic(), set_actor(actor):
        row = Unit.objects.select_for_update().get(pk=unit.pk)
        scope.require(actor, MANAGE_COVERAGE, row.township)
        scope.require(actor, MANAGE_COVERAGE, organization)
        refuse_stale(row, version)
        if organization.status != Organization.Status.ACTIVE:
            raise ValidationError(_("%(org)s is dissolved.") % {"org": organization.name}, code="UNIT_ORG_DISSOLVED")
        _move(row, "found")
        if organization.founded_on is None:
            organization_set_founded(actor=actor, organization=organization, founded_on=founded_on)
        row.covering_org, row.league_org_form = organization, form
        row.joint_partners = partners.strip() if form == OrgForm.JOINT else ""
        versioned_save(row)
        _step(row, UnitStep.Kind.FOUNDED, actor, founded_on, organization=organization, note=note)
        return row


def unit_check(
    *,
    actor: User,
    unit: Unit,
    checks: dict[str, bool],
    version: int | None = None,
    on: datetime.date | None = None,
    note: str = "",
) -> Unit:
    """验收 against the "四有" (班子, 团员, 活动, 阵地/档案): all four seen and the organization passing the quality
    gate (members and a secretary on record) make the unit covered; otherwise nothing changes."""
    with transaction.atomic(), set_actor(actor):
        row = Unit.objects.select_for_update().get(pk=unit.pk)
        scope.require(actor, MANAGE_COVERAGE, row.township)
        refuse_stale(row, version)
        _move(row, "check")
        missing = [k for k in FOUR_HAVES if not checks.get(k)]
        if missing:
            raise ValidationError(
                _("The four-haves check is not passed: %(items)s.") % {"items": ", ".join(_four(k) for k in missing)},
                code="UNIT_FOUR_HAVES",
            )
        if row.covering_org_id not in sel.passing_gate([row.covering_org_id]):
            raise ValidationError(
                _("%(org)s has no members or no secretary on record: it cannot count yet.")
                % {"org": row.covering_org.name if row.covering_org else "—"},
                code="UNIT_ORG_EMPTY",
            )
        versioned_save(row)
        _step(row, UnitStep.Kind.CHECKED, actor, on, organization=row.covering_org, checks=checks, note=note)
        return row


def _four(key: str) -> str:
    return {
        "committee": _("a committee"),
        "members": _("members"),
        "activities": _("activities"),
        "place": _("a place and files"),
    }[key]


def units_quality_gate(*, actor: User | None, county: Organization) -> list[Unit]:
    """The "有组织、有团干、有团员" gate: every covered unit whose organization is dissolved, empty or without a
    secretary drops back to founded, with a step saying why (the ledger is not padded with shells)."""
    with transaction.atomic(), set_actor(actor):
        covered = list(
            Unit.objects.select_for_update(of=("self",))
            .filter(township__path__range=county.subtree_range(), status=Unit.Status.COVERED)
            .select_related("covering_org")
        )
        gate = sel.passing_gate(u.covering_org_id for u in covered)
        dropped = []
        for row in covered:
            if row.covering_org_id in gate:
                continue
            _move(row, "drop")
            versioned_save(row)
            _step(
                row,
                UnitStep.Kind.DROPPED,
                actor,
                organization=row.covering_org,
                note=_("The organization has no members or no secretary on record."),
            )
            dropped.append(row)
        return dropped


POLICY_FIELDS = ("own_branch_members", "joint_young_employees", "count_individual", "density_basis")


def policy_update(*, actor: User, county: Organization, version: int | None = None, **fields: Any) -> CoveragePolicy:
    """The county's directory rules, changed by whoever manages coverage on the county committee itself."""
    if set(fields) - set(POLICY_FIELDS):
        raise TypeError(f"not a policy field: {sorted(set(fields) - set(POLICY_FIELDS))}")
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_COVERAGE, county)
        policy, _created = CoveragePolicy.objects.select_for_update().get_or_create(county=county)
        refuse_stale(policy, version)
        for k, v in fields.items():
            setattr(policy, k, v)
        versioned_save(policy)
        return policy


def snapshot_take(*, actor: User | None, county: Organization, year: int) -> Snapshot:
    """Freeze the directory's rows and the tree's counts for a year's end. Once taken, a year is changed only by
    snapshot_correct."""
    today = timezone.localdate()
    if year > today.year:
        raise ValidationError(_("A year that has not begun cannot be frozen."), code="SNAPSHOT_FUTURE")
    with transaction.atomic(), set_actor(actor):
        if actor is not None:
            scope.require(actor, MANAGE_COVERAGE, county)
        if Snapshot.objects.filter(county=county, year=year).exists():
            raise ValidationError(
                _("%(year)d is already frozen; a change to it is a correction with its reason.") % {"year": year},
                code="SNAPSHOT_EXISTS",
            )
        day = min(datetime.date(year, 12, 31), today)
        rules = sel.rules_for(county)
        rows = sel.unit_rows(sel.county_units(county), rules)
        counts = sel.tree_counts(county, day)
        counts["rules"] = {k: v for k, v in dataclasses.asdict(rules).items() if k != "density_basis"}
        return Snapshot.objects.create(
            county=county,
            year=year,
            taken_on=day,
            actor=actor,
            density_basis=rules.density_basis,
            rows=rows,
            counts=counts,
        )


CORRECTABLE = {"operating": bool, "covered": bool, "should": str, "form": str}


def snapshot_correct(
    *, actor: User, county: Organization, year: int, reason: str, changes: dict[str, dict[str, Any]]
) -> Snapshot:
    """A reasoned correction of a frozen year: a new revision with the named rows changed (by credit code); the
    earlier revisions stay as they were."""
    if not reason.strip():
        raise ValidationError(
            {"reason": [ValidationError(_("Give the reason for the correction."), code="SNAPSHOT_REASON")]}
        )
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_COVERAGE, county)
        last = Snapshot.objects.select_for_update().filter(county=county, year=year).order_by("-revision").first()
        if last is None:
            raise ValidationError(_("%(year)d has not been frozen yet.") % {"year": year}, code="SNAPSHOT_MISSING")
        rows = [dict(row) for row in last.rows]
        by_code = {row["credit_code"]: row for row in rows}
        for code, values in changes.items():
            if code not in by_code:
                raise ValidationError(
                    _("%(code)s is not in the %(year)d snapshot.") % {"code": code, "year": year},
                    code="SNAPSHOT_ROW_UNKNOWN",
                )
            for key, value in values.items():
                if key not in CORRECTABLE:
                    raise ValidationError(_("%(field)s cannot be corrected.") % {"field": key}, code="SNAPSHOT_FIELD")
                by_code[code][key] = CORRECTABLE[key](value)
        return Snapshot.objects.create(
            county=county,
            year=year,
            revision=last.revision + 1,
            taken_on=last.taken_on,
            actor=actor,
            density_basis=last.density_basis,
            rows=rows,
            counts=last.counts,
            reason=reason.strip(),
        )


def units_schedule(
    *, actor: User, county: Organization, deadline: datetime.date, start: datetime.date | None = None
) -> list[Unit]:
    """倒排工期: the units that should establish and are not covered and have no planned date get one, worked
    backwards from the target's deadline in priority order ("先大后小、先易后难": the first gets the earliest
    date), spread evenly between start (today) and the deadline. Dates already planned are kept."""
    start = start or timezone.localdate()
    if deadline <= start:
        raise ValidationError(_("The deadline must lie after today."), code="SCHEDULE_DEADLINE")
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_COVERAGE, county)
        rules = sel.rules_for(county)
        open_units = (
            Unit.objects.select_for_update(of=("self",))
            .filter(township__path__range=county.subtree_range(), planned_on__isnull=True)
            .exclude(status=Unit.Status.COVERED)
        )
        todo = [u for u in sel.units_ordered(open_units, rules) if sel.unit_should(rules, u)]
        span = (deadline - start).days
        for i, row in enumerate(todo, start=1):
            row.planned_on = start + datetime.timedelta(days=span * i // len(todo))
            versioned_save(row, update_fields=["planned_on", "updated_at"])
        return todo
