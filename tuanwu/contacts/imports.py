"""Importing the youths each cadre keeps in direct contact: keyed by the cadre and the youth's phone or ID
number, every row checked with the services' rules, all or nothing, written in bulk with one batch event; a
second run of the same file changes nothing."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_CONTACTS, VIEW_PERSON
from tuanwu.audit.services import batch_event_record
from tuanwu.core.concurrency import version_bump
from tuanwu.organizations import scope
from tuanwu.organizations.policy import policy_for
from tuanwu.people.models import Person
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.results import ImportResult

from .models import Contact, ContactCadre, ContactPolicy
from .sheets import contacts_spec

BATCH = 1000
COMPARED = ("name", "phone", "unit", "field", "fixed")


def contacts_import(
    *, actor, data: bytes, filename: str, dry_run: bool = False, progress=None, mapping: dict | None = None, confirm=()
) -> ImportResult:
    """Check every row of a contacts file and, when all are good and not dry_run, write them at once."""
    check = _Check(actor)
    plan: ImportPlan = ImportPlan(
        kind="contacts",
        spec=contacts_spec(),
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
        self.today = timezone.localdate()
        cadres = (
            ContactCadre.objects.filter(scope.org_q(actor, MANAGE_CONTACTS, "organization"), ended_on__isnull=True)
            .select_related("person", "organization")
            .order_by("pk")
        )
        self.cadres: dict[str, list[ContactCadre]] = defaultdict(list)
        for c in cadres:
            self.cadres[c.person.name].append(c)
            if c.person.id_number:
                self.cadres[c.person.id_number.upper()].append(c)
        self.seen: dict[tuple, int] = {}
        self.ids: dict[int, str] = {}  # row -> ID number to find in the registry
        self.rows: dict[int, dict] = {}

    def row(self, run: ImportRun, number: int, values: dict) -> None:
        ref = (values.get("cadre") or "").strip()
        found = self.cadres.get(ref.upper()) or self.cadres.get(ref) or []
        if len(found) != 1:
            message = (
                _("Several cadres are named “%(ref)s”; give the ID number.")
                if found
                else _("No cadre “%(ref)s” registered for direct-contact work where you manage it.")
            )
            run.fail(number, "cadre", ref, "CADRE_AMBIGUOUS" if found else "CADRE_UNKNOWN", message % {"ref": ref})
            return
        cadre = found[0]
        added_on = values.get("added_on") or self.today
        if added_on < cadre.started_on or added_on > self.today:
            run.fail(
                number,
                "added_on",
                values.get("added_on"),
                "CONTACT_ADDED_OUTSIDE",
                _("The date lies outside the cadre's contact work (since %(date)s, up to today).")
                % {"date": cadre.started_on},
            )
            return
        phone = (values.get("phone") or "").strip()
        id_number = (values.get("id_number") or "").strip().upper()
        if not (phone or id_number):
            run.fail(
                number,
                "phone",
                "",
                "CONTACT_NO_KEY",
                _("Give the youth's phone or ID number, so that a second import finds them again."),
            )
            return
        key = (cadre.pk, "id", id_number) if id_number else (cadre.pk, "phone", phone)
        if key in self.seen:
            run.fail(
                number,
                "id_number" if id_number else "phone",
                id_number or phone,
                "DUPLICATE_IN_FILE",
                _("The same youth of this cadre is already on row %(row)d of this file.") % {"row": self.seen[key]},
            )
            return
        self.seen[key] = number
        if id_number:
            self.ids[number] = id_number
        self.rows[number] = {
            "cadre": cadre,
            "name": (values.get("name") or "").strip()[:50],
            "phone": phone[:32],
            "unit": (values.get("unit") or "").strip()[:200],
            "field": values.get("field") or "",
            "fixed": bool(values.get("fixed")),
            "added_on": added_on,
        }

    def file(self, run: ImportRun, _kept: list) -> None:
        people = {}
        wanted = sorted(set(self.ids.values()))
        for i in range(0, len(wanted), BATCH):
            seen = scope.restrict(Person.objects.filter(id_number__in=wanted[i : i + BATCH]), self.actor, VIEW_PERSON)
            people.update({p.id_number.upper(): p for p in seen.only("id", "id_number", "name")})
        cadre_ids = {r["cadre"].pk for r in self.rows.values()}
        by_person: dict[tuple[int, int], Contact] = {}
        by_phone: dict[tuple[int, str], Contact] = {}
        for c in Contact.objects.filter(cadre_id__in=cadre_ids, ended_on__isnull=True).order_by("pk"):
            if c.person_id:
                by_person[(c.cadre_id, c.person_id)] = c
            if c.phone:
                by_phone.setdefault((c.cadre_id, c.phone), c)
        self.creates: list[Contact] = []
        self.updates: list[Contact] = []
        fixed_after: dict[int, int] = defaultdict(int)
        touched: set[int] = set()
        for number, row in self.rows.items():
            cadre = row["cadre"]
            person = None
            if number in self.ids:
                person = people.get(self.ids[number])
                if person is None:
                    run.fail(
                        number,
                        "id_number",
                        self.ids[number],
                        "PERSON_UNKNOWN",
                        _("Nobody in your scope has this ID number; leave it empty and give the phone."),
                    )
                    continue
            existing = by_person.get((cadre.pk, person.pk)) if person else by_phone.get((cadre.pk, row["phone"]))
            if existing is None and person is not None and row["phone"]:
                existing = by_phone.get((cadre.pk, row["phone"]))
            if existing is not None and existing.pk in touched:
                run.fail(
                    number,
                    "phone",
                    row["phone"],
                    "DUPLICATE_IN_FILE",
                    _("Another row of this file names the same youth of this cadre."),
                )
                continue
            values = {k: row[k] for k in COMPARED}
            if existing is None:
                self.creates.append(Contact(cadre=cadre, person=person, added_on=row["added_on"], **values))
                fixed_after[cadre.pk] += row["fixed"]
                continue
            touched.add(existing.pk)
            changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
            if person is not None and existing.person_id is None:
                existing.person_id = person.pk
                changed["person"] = person.pk
            fixed_after[cadre.pk] += row["fixed"] - existing.fixed
            if changed:
                for k, v in changed.items():
                    if k != "person":
                        setattr(existing, k, v)
                self.updates.append(existing)
            else:
                run.result.unchanged += 1
        self._check_fixed(run, fixed_after)
        run.result.created, run.result.updated = len(self.creates), len(self.updates)

    def _check_fixed(self, run: ImportRun, adding: dict[int, int]) -> None:
        """The county's number of fixed youths per cadre holds after the import, as contact_add enforces it."""
        cadres = {r["cadre"].pk: r["cadre"] for r in self.rows.values()}
        held = dict(
            Contact.objects.filter(cadre_id__in=[pk for pk, n in adding.items() if n > 0], ended_on__isnull=True)
            .filter(fixed=True)
            .values_list("cadre_id")
            .annotate(n=Count("pk"))
        )
        for pk, n in adding.items():
            if n <= 0:
                continue
            cadre = cadres[pk]
            policy = policy_for(ContactPolicy, cadre.organization, self.today.year)
            if held.get(pk, 0) + n > policy.fixed_youths:
                row = min(number for number, r in self.rows.items() if r["cadre"].pk == pk and r["fixed"])
                run.fail(
                    row,
                    "fixed",
                    "是",
                    "FIXED_YOUTHS_MAX",
                    _("County policy for %(year)d fixes %(n)d youths per cadre; the file gives %(name)s more.")
                    % {"year": policy.year, "n": policy.fixed_youths, "name": cadre.person.name},
                )

    def write(self, run: ImportRun, _checked: None) -> Event | None:
        Contact.objects.bulk_create(self.creates, batch_size=BATCH)
        for c in self.updates:
            version_bump(c)
        Contact.objects.bulk_update(self.updates, [*COMPARED, "person", "version"], batch_size=BATCH)
        result = run.result
        if not (result.created or result.updated):
            return None
        roots = scope.visible_roots(run.actor)
        return Event(
            kind="contacts_import",
            organization=roots[0] if roots else None,
            description=_("Contacts import: %(c)d added, %(u)d updated, %(n)d unchanged")
            % {"c": result.created, "u": result.updated, "n": result.unchanged},
        )
