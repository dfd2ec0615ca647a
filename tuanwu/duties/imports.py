"""Importing a term's mandates from the congress's list: every row checked with the rules mandate_add applies,
all or nothing, written in bulk with one batch event."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tuanwu.audit.services import batch_event_record
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.results import ImportResult

from . import selectors as sel
from .models import Mandate, Term
from .services import mandate_check
from .sheets import mandate_spec


@dataclass
class _Row:
    number: int
    mandate: Mandate


def mandate_import(
    *, actor, data: bytes, filename: str, dry_run: bool = False, progress=None, mapping: dict | None = None, confirm=()
) -> ImportResult:
    """Check every row of a mandate file and, when all are good and not dry_run, write them at once."""
    check = _Check(actor)
    plan: ImportPlan = ImportPlan(
        kind="mandates",
        spec=mandate_spec(),
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
        self.terms: dict[str, Term] = {
            t.name: t for t in sel.term_list(actor).select_related("organization") if sel.term_can_manage(actor, t)
        }
        self.seen: dict[tuple[int, int, str], int] = {}

    def row(self, run: ImportRun, number: int, values: dict) -> _Row | None:
        name = (values.get("term") or "").strip()
        term = self.terms.get(name)
        if term is None:
            run.fail(
                number,
                "term",
                name,
                "TERM_UNKNOWN",
                _("No term “%(name)s” that you manage; add the term first.") % {"name": name},
            )
        person_name = (values.get("name") or "").strip()
        id_number = (values.get("id_number") or "").strip()
        try:
            person = sel.person_find(self.actor, id_number or person_name)
        except ValidationError as e:
            run.fail_error(number, "id_number" if id_number else "name", id_number or person_name, e)
            return None
        if person.name != person_name:
            run.fail(
                number,
                "name",
                person_name,
                "PERSON_NAME_MISMATCH",
                _("The ID number belongs to %(name)s.") % {"name": person.name},
            )
            return None
        if term is None or not values.get("kind"):
            return None
        key = (term.pk, person.pk, values["kind"])
        if key in self.seen:
            run.fail(
                number,
                "name",
                person_name,
                "DUPLICATE_IN_FILE",
                _("The same seat is already on row %(row)d of this file.") % {"row": self.seen[key]},
            )
            return None
        self.seen[key] = number
        from_on = values.get("from_on") or term.starts_on
        try:
            mandate_check(
                term=term, person=person, kind=values["kind"], from_on=from_on, until_on=values.get("until_on")
            )
        except ValidationError as e:
            run.fail_error(number, "name", person_name, e)
            return None
        return _Row(
            number,
            Mandate(
                term=term,
                person=person,
                organization=person.organization,
                kind=values["kind"],
                from_on=from_on,
                until_on=values.get("until_on"),
                delegation=(values.get("delegation") or "").strip()[:100],
            ),
        )

    def file(self, run: ImportRun, kept: list[_Row]) -> list[_Row]:
        run.result.created = len(kept)
        return kept

    def write(self, run: ImportRun, rows: list[_Row]) -> Event | None:
        if not rows:
            return None
        Mandate.objects.bulk_create([r.mandate for r in rows], batch_size=1000)
        term = rows[0].mandate.term
        return Event(
            kind="mandate_import",
            organization=term.organization,
            description=_("Mandate import: %(n)d seats added") % {"n": len(rows)},
        )
