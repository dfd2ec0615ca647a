"""Importing the directory from the county's market-regulation or civil-affairs list: keyed by the unified
social credit code, every row checked with the services' rules, all or nothing, written in bulk with one batch
event; a second run of the same file changes nothing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_COVERAGE
from tuanwu.audit.services import batch_event_record
from tuanwu.core.concurrency import version_bump
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization, Park
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.results import ImportResult

from .models import OrgForm, Unit, UnitStep
from .services import unit_clean
from .sheets import directory_spec

BATCH = 1000
COMPARED = (
    "name",
    "kind",
    "subtype",
    "sector",
    "park_id",
    "township_id",
    "size_band",
    "employees",
    "young_employees",
    "league_members",
    "party_org",
    "operating",
    "joint_partners",
    "planned_on",
)


def directory_import(
    *, actor, data: bytes, filename: str, dry_run: bool = False, progress=None, mapping: dict | None = None, confirm=()
) -> ImportResult:
    """Check every row of a directory file and, when all are good and not dry_run, write them at once."""
    check = _Check(actor)
    plan: ImportPlan = ImportPlan(
        kind="directory",
        spec=directory_spec(),
        check_row=check.row,
        check_file=check.file,
        write=check.write,
        record=batch_event_record,
    )
    return run_import(
        plan, actor=actor, data=data, filename=filename, dry_run=dry_run, progress=progress, mapping=mapping
    )


class _Check:
    def __init__(self, actor):
        self.actor = actor
        managed = scope.restrict(
            Organization.objects.filter(status=Organization.Status.ACTIVE), actor, MANAGE_COVERAGE, ""
        ).only("id", "code", "name", "full_name", "kind", "path")
        self.townships: dict[str, Organization] = {}
        self.orgs: dict[str, Organization] = {}
        for o in managed:
            self.orgs[o.code.casefold()] = o
            if o.kind not in BRANCH_KINDS:
                for key in (o.code.casefold(), o.name, o.full_name):
                    self.townships.setdefault(key, o)
        self.parks = {p.name: p for p in Park.objects.all()}
        self.seen: dict[str, int] = {}
        self.new_parks: dict[str, int] = {}  # park name not registered -> first row naming it
        self.park_of: dict[int, str] = {}  # row -> the new park it names
        self.rows: dict[int, dict] = {}

    def row(self, run: ImportRun, number: int, values: dict) -> None:
        fields = {k: values.get(k) for k in ("credit_code", "name", "employees", "young_employees", "closed_on")}
        fields["kind"] = values.get("kind") or ""
        try:
            fields = unit_clean(fields)
        except ValidationError as e:
            run.fail_error(number, "credit_code", values.get("credit_code"), e)
            return
        code = fields["credit_code"]
        if code in self.seen:
            run.fail(
                number,
                "credit_code",
                values.get("credit_code"),
                "DUPLICATE_IN_FILE",
                _("The same credit code is already on row %(row)d of this file.") % {"row": self.seen[code]},
            )
            return
        self.seen[code] = number
        ref = (values.get("township") or "").strip()
        township = self.townships.get(ref.casefold()) or self.townships.get(ref)
        if township is None:
            run.fail(
                number,
                "township",
                ref,
                "TOWNSHIP_UNKNOWN",
                _("No committee “%(name)s” where you manage coverage; give its code or full name.") % {"name": ref},
            )
        park, new_park = None, ""
        if values.get("park"):
            name = values["park"].strip()
            park = self.parks.get(name)
            if park is None:  # a park the county has not registered yet: registered with the import, and said so
                new_park = name
                self.new_parks.setdefault(name, number)
        covering = None
        if values.get("covering_org"):
            covering = self.orgs.get(values["covering_org"].casefold())
            if covering is None:
                run.fail(
                    number,
                    "covering_org",
                    values["covering_org"],
                    "ORG_UNKNOWN",
                    _("No organization with code %(code)s where you manage coverage.")
                    % {"code": values["covering_org"]},
                )
        form = values.get("league_org_form") or (OrgForm.OWN if covering else OrgForm.NONE)
        if covering is None and form != OrgForm.NONE:
            run.fail(
                number,
                "league_org_form",
                values.get("league_org_form"),
                "UNIT_FORM_WITHOUT_ORG",
                _("Give the code of the League organization the unit has."),
            )
        self.rows[number] = {
            "credit_code": code,
            "name": fields["name"],
            "kind": fields["kind"],
            "subtype": (values.get("subtype") or "") if fields["kind"] == "social" else "",
            "sector": (values.get("sector") or "").strip()[:50],
            "park_id": park.pk if park else None,
            "township_id": township.pk if township else None,
            "size_band": values.get("size_band") or "",
            "employees": values.get("employees") or 0,
            "young_employees": values.get("young_employees") or 0,
            "league_members": values.get("league_members") or 0,
            "party_org": values.get("party_org") or OrgForm.NONE,
            "operating": True if values.get("operating") is None else values["operating"],
            "joint_partners": (values.get("joint_partners") or "").strip()[:300],
            "planned_on": values.get("planned_on"),
            "covering_org_id": covering.pk if covering else None,
            "league_org_form": form,
        }
        if new_park:
            self.park_of[number] = new_park

    def file(self, run: ImportRun, _kept: list) -> None:
        codes = [r["credit_code"] for r in self.rows.values()]
        existing: dict[str, Unit] = {}
        for i in range(0, len(codes), BATCH):
            for u in Unit.objects.filter(credit_code__in=codes[i : i + BATCH]).select_related("township"):
                existing[u.credit_code] = u
        self.creates: list[dict] = []
        self.updates: list[Unit] = []
        self.update_parks: dict[int, str] = {}  # unit pk -> the new park it moves to
        for number, row in self.rows.items():
            unit = existing.get(row["credit_code"])
            if unit is None:
                if number in self.park_of:
                    row["_park"] = self.park_of[number]
                self.creates.append(row)
                continue
            if not scope.has_perm(self.actor, MANAGE_COVERAGE, unit.township):
                run.fail(
                    number,
                    "credit_code",
                    row["credit_code"],
                    "UNIT_OUTSIDE_SCOPE",
                    _("This unit is listed under a committee outside your scope."),
                )
                continue
            if row["covering_org_id"] and row["covering_org_id"] != unit.covering_org_id:
                run.fail(
                    number,
                    "covering_org",
                    row["covering_org_id"],
                    "UNIT_ORG_BY_IMPORT",
                    _("The file links the unit to another organization; record it as a step on the unit's page."),
                )
                continue
            changed = {k: row[k] for k in COMPARED if getattr(unit, k) != row[k]}
            if number in self.park_of:
                self.update_parks[unit.pk] = self.park_of[number]
                changed["park_id"] = None
            if changed:
                for k, v in changed.items():
                    setattr(unit, k, v)
                self.updates.append(unit)
            else:
                run.result.unchanged += 1
        run.result.created, run.result.updated = len(self.creates), len(self.updates)
        if self.new_parks:
            run.result.notices.append(
                _(
                    "Parks not registered yet, registered with this import: %(names)s. If a name is a typing "
                    "error, correct the file instead (first named on row %(row)d)."
                )
                % {"names": "、".join(self.new_parks), "row": min(self.new_parks.values())}
            )

    def write(self, run: ImportRun, _checked: None) -> Event | None:
        today = timezone.localdate()
        parks = {name: Park.objects.create(name=name) for name in self.new_parks}
        for row in self.creates:
            if "_park" in row:
                row["park_id"] = parks[row.pop("_park")].pk
        for u in self.updates:
            if u.pk in self.update_parks:
                u.park_id = parks[self.update_parks[u.pk]].pk
        made = []
        for row in self.creates:
            status = Unit.Status.FOUNDED if row["covering_org_id"] else Unit.Status.LISTED
            made.append(Unit(**row, status=status))
        Unit.objects.bulk_create(made, batch_size=BATCH)
        made = list(Unit.objects.filter(credit_code__in=[u.credit_code for u in made]).only("id"))
        actor = self.actor if getattr(self.actor, "pk", None) else None
        UnitStep.objects.bulk_create(
            [UnitStep(unit=u, kind=UnitStep.Kind.IMPORTED, on=today, actor=actor, note=run.filename) for u in made],
            batch_size=BATCH,
        )
        for u in self.updates:
            version_bump(u)
        Unit.objects.bulk_update(self.updates, [*COMPARED, "version"], batch_size=BATCH)
        result = run.result
        if not (result.created or result.updated):
            return None
        roots = scope.visible_roots(run.actor)
        return Event(
            kind="directory_import",
            organization=roots[0] if roots else None,
            description=_("Directory import: %(c)d created, %(u)d updated, %(n)d unchanged")
            % {"c": result.created, "u": result.updated, "n": result.unchanged},
        )
