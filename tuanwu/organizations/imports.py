"""Importing organizations: every row checked with the services' rules, parents found in the tree or in
the file itself, then all new nodes written in one transaction with their paths computed in bulk."""

from __future__ import annotations

from collections import defaultdict

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import CHANGE_ORGANIZATION
from tuanwu.audit.services import batch_event_record
from tuanwu.core.validation import check_field_limits
from tuanwu.sheets.reader import SheetError, read_table
from tuanwu.sheets.results import ImportResult
from tuanwu.sheets.spec import RowError

from . import scope
from .models import BRANCH_KINDS, Organization, Park
from .services import EDITABLE_FIELDS, organization_clean
from .sheets import organization_spec

FIELDS = [f for f in EDITABLE_FIELDS if f != "park"]


def organization_import(*, actor, data: bytes, filename: str, dry_run: bool = False, progress=None) -> ImportResult:
    """Check every row of an organization file and, when all are good and not dry_run, write them at once."""
    spec = organization_spec()
    headers = [c.header for c in spec.columns]
    header = {c.field: c.header for c in spec.columns}
    result = ImportResult()
    try:
        table = read_table(data, filename, find_header=spec.is_header)
    except SheetError as e:
        result.errors.append(RowError(0, "", "", e.code, e.message))
        return result
    result.table = table
    rows, errors = spec.parse(table)
    result.errors.extend(errors)
    if any(e.code.startswith("HEADER_") for e in errors):
        result.sort_errors(headers)
        return result
    bad = {e.row for e in errors}

    def fail(row, field, value, code, message):
        result.errors.append(RowError(row, header[field], "" if value is None else str(value), code, message))
        bad.add(row)

    visible = list(scope.restrict(Organization.objects.all(), actor, CHANGE_ORGANIZATION, ""))
    by_code = {o.code.casefold(): o for o in Organization.objects.only("id", "code", "path")}
    names: dict[str, list[Organization]] = defaultdict(list)
    for o in visible:
        names[o.full_name].append(o)
        if o.name != o.full_name:
            names[o.name].append(o)
    visible_ids = {o.pk for o in visible}
    file_codes: dict[str, int] = {}
    file_names: dict[str, list[int]] = defaultdict(list)
    for number, values in rows:
        code = (values.get("code") or "").casefold()
        if code:
            if code in file_codes:
                fail(
                    number,
                    "code",
                    values["code"],
                    "DUPLICATE_IN_FILE",
                    _("The same code is already on row %(row)d of this file.") % {"row": file_codes[code]},
                )
            else:
                file_codes[code] = number
        for key in (values.get("full_name"), values.get("name")):
            if key:
                file_names[key].append(number)

    cleaned: dict[int, dict] = {}
    for number, values in rows:
        fields = {k: values.get(k) or "" for k in FIELDS}
        for k in ("term_start", "term_end"):
            fields[k] = values.get(k)
        try:
            fields = organization_clean(fields)
            check_field_limits(Organization, fields)
        except ValidationError as e:
            for name, errs in e.error_dict.items():
                for err in errs:
                    fail(number, name, values.get(name), err.code or "INVALID", " ".join(err.messages))
        if fields.get("term_start") and fields.get("term_end") and fields["term_end"] <= fields["term_start"]:
            fail(
                number,
                "term_end",
                values["term_end"].isoformat(),
                "TERM_DATES",
                _("The term must end after it starts."),
            )
        existing = by_code.get((values.get("code") or "").casefold())
        if existing is not None:
            existing = next((o for o in visible if o.pk == existing.pk), existing)
        if existing is not None and existing.pk not in visible_ids:
            fail(
                number,
                "code",
                values.get("code"),
                "ORG_OUTSIDE_SCOPE",
                _("This code belongs to an organization outside your scope."),
            )
        fields["park_name"] = values.get("park") or ""
        fields["parent_ref"] = values.get("parent") or ""
        fields["existing"] = existing
        cleaned[number] = fields

    # Parents: an existing organization in scope, or another row of this file.
    parent_of: dict[int, Organization | int] = {}
    for number, fields in cleaned.items():
        ref = fields["parent_ref"]
        if not ref:
            continue
        hit = by_code.get(ref.casefold())
        if hit is not None and hit.pk in visible_ids:
            parent_of[number] = next(o for o in visible if o.pk == hit.pk)
            continue
        if ref.casefold() in file_codes and file_codes[ref.casefold()] != number:
            parent_of[number] = file_codes[ref.casefold()]
            continue
        candidates = {o.pk: o for o in names.get(ref, [])}
        # A row that updates an existing organization is that organization, not a second candidate.
        in_file = [r for r in file_names.get(ref, []) if r != number and cleaned[r]["existing"] is None]
        if len(candidates) + len(in_file) > 1:
            fail(
                number,
                "parent",
                ref,
                "PARENT_AMBIGUOUS",
                _("%(n)d organizations are named “%(name)s”; give the parent's code instead.")
                % {"n": len(candidates) + len(in_file), "name": ref},
            )
        elif candidates:
            parent_of[number] = next(iter(candidates.values()))
        elif in_file:
            parent_of[number] = in_file[0]
        else:
            fail(
                number,
                "parent",
                ref,
                "PARENT_UNKNOWN",
                _("No organization “%(name)s” in your scope or in this file.") % {"name": ref},
            )

    # Order rows so that every parent is written before its children; a cycle cannot be ordered.
    order: list[int] = []
    state: dict[int, int] = {}

    def visit(number: int, trail: list[int]) -> bool:
        """trail: the rows whose parent chain led here, in order."""
        if state.get(number) == 2:
            return True
        if state.get(number) == 1:
            loop = trail[trail.index(number) :]
            fail(
                number,
                "parent",
                cleaned[number]["parent_ref"],
                "PARENT_CYCLE",
                _("The parents of rows %(rows)s form a loop.") % {"rows": ", ".join(map(str, loop))},
            )
            return False
        state[number] = 1
        parent = parent_of.get(number)
        ok = visit(parent, [*trail, number]) if isinstance(parent, int) else True
        state[number] = 2
        order.append(number)
        return ok

    for number in cleaned:
        visit(number, [])

    for number in order:
        fields, parent = cleaned[number], parent_of.get(number)
        parent_kind = cleaned[parent]["kind"] if isinstance(parent, int) else getattr(parent, "kind", None)
        if isinstance(parent, Organization) and parent.status != Organization.Status.ACTIVE:
            fail(
                number,
                "parent",
                fields["parent_ref"],
                "ORG_PARENT_DISSOLVED",
                _("%(parent)s is dissolved and cannot take sub-organizations.") % {"parent": parent.name},
            )
        if parent_kind in BRANCH_KINDS:
            fail(
                number,
                "parent",
                fields["parent_ref"],
                "ORG_PARENT_IS_BRANCH",
                _("The parent is a branch; a branch cannot have sub-organizations."),
            )
        existing = fields["existing"]
        if existing is not None and parent is not None:
            new_parent_id = parent.pk if isinstance(parent, Organization) else None
            if new_parent_id != existing.parent_id:
                fail(
                    number,
                    "parent",
                    fields["parent_ref"],
                    "ORG_MOVE_BY_IMPORT",
                    _("The file gives another parent for an existing organization; move it on its page instead."),
                )
        if isinstance(parent, int) and parent in bad:
            fail(
                number,
                "parent",
                fields["parent_ref"],
                "PARENT_ROW_BAD",
                _("The parent row %(row)d has errors.") % {"row": parent},
            )

    creates = [n for n in order if cleaned[n]["existing"] is None]
    updates = []
    for n in order:
        existing = cleaned[n]["existing"]
        if existing is None:
            continue
        changed = {k: cleaned[n][k] for k in FIELDS if getattr(existing, k) != cleaned[n][k]}
        if cleaned[n]["park_name"] != (existing.park.name if existing.park_id else ""):
            changed["park_name"] = cleaned[n]["park_name"]
        if changed:
            updates.append((n, existing, changed))
        else:
            result.unchanged += 1
    result.created, result.updated = len(creates), len(updates)
    result.sort_errors(headers)
    if result.errors or dry_run:
        return result

    with transaction.atomic(), set_actor(actor):
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
        for n in creates:
            f, parent = cleaned[n], parent_of[n]
            parent_obj = (made.get(parent) or cleaned[parent]["existing"]) if isinstance(parent, int) else parent
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
        for _n, existing, changed in updates:
            park_name = changed.pop("park_name", None)
            for k, v in changed.items():
                setattr(existing, k, v)
            if park_name is not None:
                existing.park = park_for(park_name)
            existing.version += 1
            existing.save()
        roots = scope.visible_roots(actor)
        if result.created or result.updated:
            batch_event_record(
                actor=actor,
                organization=roots[0] if roots else objs[0],
                kind="organization_import",
                description=_("Organization import: %(c)d created, %(u)d updated, %(n)d unchanged")
                % {"c": result.created, "u": result.updated, "n": result.unchanged},
                rows=len(rows),
                file_name=filename,
            )
    result.committed = True
    return result
