"""Importing organizations: every row checked with the services' rules, parents found in the tree or in
the file itself, then all new nodes written in one transaction with their paths computed in bulk."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import CHANGE_ORGANIZATION
from tuanwu.audit.services import batch_event_record
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.validation import check_field_limits
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.results import ImportResult

from . import scope
from .models import BRANCH_KINDS, Organization, Park
from .services import EDITABLE_FIELDS, organization_clean
from .sheets import organization_spec

FIELDS = [f for f in EDITABLE_FIELDS if f != "park"]


def organization_import(
    *, actor, data: bytes, filename: str, dry_run: bool = False, progress=None, mapping: dict | None = None, confirm=()
) -> ImportResult:
    """Check every row of an organization file and, when all are good and not dry_run, write them at once."""
    check = _Check(actor)
    plan: ImportPlan = ImportPlan(
        kind="organizations",
        spec=organization_spec(),
        check_row=check.row,
        check_file=check.file,
        write=check.write,
        record=batch_event_record,
    )
    return run_import(
        plan,
        actor=actor,
        data=data,
        filename=filename,
        dry_run=dry_run,
        progress=progress,
        mapping=mapping,
        confirm=confirm,
    )


class _Check:
    """One organization file: each row cleaned, then the parents resolved across the file and the tree."""

    def __init__(self, actor):
        self.visible = list(scope.restrict(Organization.objects.all(), actor, CHANGE_ORGANIZATION, ""))
        self.by_code = {o.code.casefold(): o for o in Organization.objects.only("id", "code", "path")}
        self.names: dict[str, list[Organization]] = defaultdict(list)
        for o in self.visible:
            self.names[o.full_name].append(o)
            if o.name != o.full_name:
                self.names[o.name].append(o)
        self.visible_ids = {o.pk for o in self.visible}
        self.file_codes: dict[str, int] = {}
        self.file_names: dict[str, list[int]] = defaultdict(list)
        self.cleaned: dict[int, dict] = {}
        self.parent_of: dict[int, Organization | int] = {}
        self.order: list[int] = []
        self.creates: list[int] = []
        self.updates: list[tuple[int, Organization, dict]] = []

    def fail(self, run: ImportRun, row: int, field: str, value, code: str, message: str) -> None:
        run.add(row, field, "" if value is None else str(value), code, message)

    def row(self, run: ImportRun, number: int, values: dict) -> None:
        """A row's own rules: its code unique in the file, its fields as the services clean them, its scope."""
        code = (values.get("code") or "").casefold()
        if code:
            if code in self.file_codes:
                self.fail(
                    run,
                    number,
                    "code",
                    values["code"],
                    "DUPLICATE_IN_FILE",
                    _("The same code is already on row %(row)d of this file.") % {"row": self.file_codes[code]},
                )
            else:
                self.file_codes[code] = number
        for key in (values.get("full_name"), values.get("name")):
            if key:
                self.file_names[key].append(number)
        fields = {k: values.get(k) or "" for k in FIELDS}
        for k in ("term_start", "term_end"):
            fields[k] = values.get(k)
        try:
            fields = organization_clean(fields)
            check_field_limits(Organization, fields)
        except ValidationError as e:
            for name, errs in e.error_dict.items():
                for err in errs:
                    self.fail(run, number, name, values.get(name), err.code or "INVALID", " ".join(err.messages))
        if fields.get("term_start") and fields.get("term_end") and fields["term_end"] <= fields["term_start"]:
            self.fail(
                run,
                number,
                "term_end",
                values["term_end"].isoformat(),
                "TERM_DATES",
                _("The term must end after it starts."),
            )
        existing = self.by_code.get(code)
        if existing is not None:
            existing = next((o for o in self.visible if o.pk == existing.pk), existing)
        if existing is not None and existing.pk not in self.visible_ids:
            self.fail(
                run,
                number,
                "code",
                values.get("code"),
                "ORG_OUTSIDE_SCOPE",
                _("This code belongs to an organization outside your scope."),
            )
        fields["park_name"] = values.get("park") or ""
        fields["parent_ref"] = values.get("parent") or ""
        fields["existing"] = existing
        self.cleaned[number] = fields

    def file(self, run: ImportRun, _kept: list) -> None:
        """Across the file: each row's parent found, the rows ordered parents first, and what changes."""
        for number, fields in self.cleaned.items():
            if fields["parent_ref"]:
                self._find_parent(run, number, fields["parent_ref"])
        state: dict[int, int] = {}
        for number in self.cleaned:
            self._visit(run, number, [], state)
        for number in self.order:
            self._check_parent(run, number)
        for n in self.order:
            existing = self.cleaned[n]["existing"]
            if existing is None:
                self.creates.append(n)
                continue
            changed = {k: self.cleaned[n][k] for k in FIELDS if getattr(existing, k) != self.cleaned[n][k]}
            if self.cleaned[n]["park_name"] != (existing.park.name if existing.park_id else ""):
                changed["park_name"] = self.cleaned[n]["park_name"]
            if changed:
                self.updates.append((n, existing, changed))
            else:
                run.result.unchanged += 1
        run.result.created, run.result.updated = len(self.creates), len(self.updates)

    def _find_parent(self, run: ImportRun, number: int, ref: str) -> None:
        """The parent a row names: an existing organization in scope, or another row of this file."""
        hit = self.by_code.get(ref.casefold())
        if hit is not None and hit.pk in self.visible_ids:
            self.parent_of[number] = next(o for o in self.visible if o.pk == hit.pk)
            return
        if ref.casefold() in self.file_codes and self.file_codes[ref.casefold()] != number:
            self.parent_of[number] = self.file_codes[ref.casefold()]
            return
        candidates = {o.pk: o for o in self.names.get(ref, [])}
        # A row that updates an existing organization is that organization, not a second candidate.
        in_file = [r for r in self.file_names.get(ref, []) if r != number and self.cleaned[r]["existing"] is None]
        if len(candidates) + len(in_file) > 1:
            self.fail(
                run,
                number,
                "parent",
                ref,
                "PARENT_AMBIGUOUS",
                _("%(n)d organizations are named “%(name)s”; give the parent's code instead.")
                % {"n": len(candidates) + len(in_file), "name": ref},
            )
        elif candidates:
            self.parent_of[number] = next(iter(candidates.values()))
        elif in_file:
            self.parent_of[number] = in_file[0]
        else:
            self.fail(
                run,
                number,
                "parent",
                ref,
                "PARENT_UNKNOWN",
                _("No organization “%(name)s” in your scope or in this file.") % {"name": ref},
            )

    def _visit(self, run: ImportRun, number: int, trail: list[int], state: dict[int, int]) -> bool:
        """Order rows so that every parent is written before its children; a cycle cannot be ordered.
        trail: the rows whose parent chain led here, in order."""
        if state.get(number) == 2:
            return True
        if state.get(number) == 1:
            loop = trail[trail.index(number) :]
            self.fail(
                run,
                number,
                "parent",
                self.cleaned[number]["parent_ref"],
                "PARENT_CYCLE",
                _("The parents of rows %(rows)s form a loop.") % {"rows": ", ".join(map(str, loop))},
            )
            return False
        state[number] = 1
        parent = self.parent_of.get(number)
        ok = self._visit(run, parent, [*trail, number], state) if isinstance(parent, int) else True
        state[number] = 2
        self.order.append(number)
        return ok

    def _check_parent(self, run: ImportRun, number: int) -> None:
        fields, parent = self.cleaned[number], self.parent_of.get(number)
        ref = fields["parent_ref"]
        parent_kind = self.cleaned[parent]["kind"] if isinstance(parent, int) else getattr(parent, "kind", None)
        if isinstance(parent, Organization) and parent.status != Organization.Status.ACTIVE:
            self.fail(
                run,
                number,
                "parent",
                ref,
                "ORG_PARENT_DISSOLVED",
                _("%(parent)s is dissolved and cannot take sub-organizations.") % {"parent": parent.name},
            )
        if parent_kind in BRANCH_KINDS:
            self.fail(
                run,
                number,
                "parent",
                ref,
                "ORG_PARENT_IS_BRANCH",
                _("The parent is a branch; a branch cannot have sub-organizations."),
            )
        existing = fields["existing"]
        if existing is not None and parent is not None:
            new_parent_id = parent.pk if isinstance(parent, Organization) else None
            if new_parent_id != existing.parent_id:
                self.fail(
                    run,
                    number,
                    "parent",
                    ref,
                    "ORG_MOVE_BY_IMPORT",
                    _("The file gives another parent for an existing organization; move it on its page instead."),
                )
        if isinstance(parent, int) and parent in run.bad:
            self.fail(
                run, number, "parent", ref, "PARENT_ROW_BAD", _("The parent row %(row)d has errors.") % {"row": parent}
            )

    def write(self, run: ImportRun, _checked: None) -> Event | None:
        """New organizations saved parents first with their paths computed here; changed ones updated."""
        parks = {p.name: p for p in Park.objects.all()}

        def park_for(name):
            if not name:
                return None
            if name not in parks:
                parks[name] = Park.objects.create(name=name)
            return parks[name]

        now = timezone.now()
        made: dict[int, Organization] = {}
        last_step: dict[int, int] = {}
        new_children: dict[int, int] = defaultdict(int)
        objs = []
        for n in self.creates:
            f, parent = self.cleaned[n], self.parent_of[n]
            parent_obj = (made.get(parent) or self.cleaned[parent]["existing"]) if isinstance(parent, int) else parent
            if parent_obj.pk not in last_step:
                last = parent_obj.children.order_by("-path").values_list("path", flat=True).first()
                last_step[parent_obj.pk] = Organization._str2int(last[-Organization.steplen :]) if last else 0
            last_step[parent_obj.pk] += 1
            org = Organization(
                **{k: f[k] for k in FIELDS},
                park=park_for(f["park_name"]),
                parent=parent_obj,
                depth=parent_obj.depth + 1,
                numchild=0,
                created_at=now,
                updated_at=now,
                path=Organization._get_path(parent_obj.path, parent_obj.depth + 1, last_step[parent_obj.pk]),
            )
            if len(org.path) > 255:
                raise ValidationError(_("The tree is too deep."), code="ORG_TOO_DEEP")
            # Children created in this file need their parent's primary key before bulk_create: save singly.
            org.save()
            made[n] = org
            new_children[parent_obj.pk] += 1
            objs.append(org)
        for pk, n in new_children.items():
            Organization.objects.filter(pk=pk).update(numchild=F("numchild") + n)
        for _n, existing, changed in self.updates:
            park_name = changed.pop("park_name", None)
            for k, v in changed.items():
                setattr(existing, k, v)
            if park_name is not None:
                existing.park = park_for(park_name)
            versioned_save(existing, clean=False)  # cleaned by organization_clean, row by row
        result = run.result
        if not (result.created or result.updated):
            return None
        roots = scope.visible_roots(run.actor)
        return Event(
            kind="organization_import",
            organization=roots[0] if roots else objs[0],
            description=_("Organization import: %(c)d created, %(u)d updated, %(n)d unchanged")
            % {"c": result.created, "u": result.updated, "n": result.unchanged},
        )
