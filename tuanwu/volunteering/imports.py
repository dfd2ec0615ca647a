"""Importing volunteer hours recorded elsewhere into the ledger: every row checked, all or nothing, then
written as certified entries through one bulk insert with one batch history event.

Who certifies: the importer. Under 民政部令第67号 whoever records certifies, and the file is the record of
another organizer; the importer vouches for it by importing it, so the entries are certified by the actor at
the moment of import, organized by the actor's top organization (with volunteering rights) above the
volunteer, and counted for the volunteer's current organization.

Layouts. The import reads the columns of its own template and their common variants (see sheets.py). The
zvms layout (FORMATS.md §3.1: ``_id | Name | ID | Group | On Campus | Off Campus | Social Practice``) is
recognized and refused with one error on its header row, because there is no sound way to turn it into
ledger entries:

- its ``ID`` is a school's student number, and a Person has no student number (people are matched by ID
  number only; matching by name and class would credit the wrong 张伟);
- it has no service date and no content: its numbers are per-student totals, so neither the daily limit
  nor the duplicate rules can be applied, and a second export of the same totals would count twice;
- its exported totals include computed bonus hours (on-campus hours derived from off-campus ones and the
  reverse), so they are not hours served.

The error tells the user which columns to export instead.
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.audit.services import batch_event_record
from tuanwu.core.idcard import parse_id_number, upgrade_15
from tuanwu.core.validation import check_field_limits
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.policy import policy_for
from tuanwu.people.models import Person
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.results import ImportResult
from tuanwu.sheets.spec import RowError, normalize_header

from .models import Category, HourEntry, VolunteerPolicy
from .sheets import ZVMS_HEADERS, hour_spec

BATCH = 2000
LOOKUP_CHUNK = 900
EARLIEST = datetime.date(2000, 1, 1)
FREE_TEXT = ("content", "external_ref")
ZVMS_HOUR_COLUMNS = frozenset(normalize_header(h) for h in ZVMS_HEADERS[4:])


def is_zvms(cells: list[str]) -> bool:
    """A zvms hours file: its three hour columns are there (whatever else was added)."""
    return ZVMS_HOUR_COLUMNS.issubset(normalize_header(c) for c in cells if c)


def hour_import(
    *, actor, data: bytes, filename: str, dry_run: bool = False, progress=None, mapping: dict | None = None, confirm=()
) -> ImportResult:
    """Check every row of an hour file and, when all are good and not dry_run, write them in one transaction."""
    check = _Check(actor)
    plan: ImportPlan = ImportPlan(
        kind="volunteer-hours",
        spec=hour_spec(),
        also_header=is_zvms,
        check_header=_refuse_zvms,
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


def _refuse_zvms(run: ImportRun) -> list[RowError]:
    if not is_zvms(run.table.headers):
        return []
    return [
        RowError(
            run.table.header_row,
            "ID",
            "",
            "LAYOUT_ZVMS",
            _(
                "This is a zvms hours file: it gives student numbers and totals per student, but no ID numbers "
                "and no service dates, so its hours cannot be entered in the ledger. Export the individual "
                "records with the columns 姓名, 身份证号码, 服务日期, 服务时长（小时） and 活动名称, or fill in "
                "the template."
            ),
        )
    ]


class _Check:
    """One hour file: each row against the volunteer and the county's limit, then against the ledger."""

    def __init__(self, actor):
        self.actor = actor
        self.people: dict[str, Person] | None = None
        self.organizers = _Organizers(actor)
        self.policies = _Policies(self.organizers.default)
        self.today = timezone.localdate()
        self.seen_refs: dict[tuple, int] = {}
        self.seen_records: dict[tuple, int] = {}

    def row(self, run: ImportRun, number: int, values: dict) -> tuple[int, Person, dict] | None:
        if self.people is None:  # the volunteers of the whole file, looked up at once
            self.people = _people_in_scope(self.actor, [v.get("id_number") for _n, v in run.rows])
        person = _check_row(number, values, self.people, self.policies, self.today, run.fail)
        if person is None:
            return None
        ref = values.get("external_ref")
        if ref:
            first = self.seen_refs.setdefault((person.pk, ref), number)
            if first != number:
                run.fail(
                    number,
                    "external_ref",
                    ref,
                    "DUPLICATE_IN_FILE",
                    _("The same record number for this person is already on row %(row)d of this file.")
                    % {"row": first},
                )
        key = _record_key(person.pk, values)
        if key is not None:
            first = self.seen_records.setdefault(key, number)
            if first != number:
                run.fail(
                    number,
                    "content",
                    values["content"],
                    "DUPLICATE_IN_FILE",
                    _("The same person, date, hours and activity are already on row %(row)d of this file.")
                    % {"row": first},
                )
        return number, person, values

    def file(self, run: ImportRun, prepared: list[tuple[int, Person, dict]]) -> list[tuple[int, Person, dict]]:
        _check_ledger(prepared, run.fail)
        good = [(n, p, v) for n, p, v in prepared if n not in run.bad]
        run.result.created = len(good)
        return good

    def write(self, run: ImportRun, good: list[tuple[int, Person, dict]]) -> Event | None:
        """Certified entries in one bulk insert, once the ledger, locked, still holds none of them."""
        # Lock the volunteers so that a second import of the same file waits, then sees this one's rows.
        person_ids = sorted({p.pk for _n, p, _v in good})
        for start in range(0, len(person_ids), LOOKUP_CHUNK):
            list(
                Person.objects.select_for_update(no_key=True)
                .filter(pk__in=person_ids[start : start + LOOKUP_CHUNK])
                .values_list("pk", flat=True)
            )
        _check_ledger(good, run.fail)
        if run.result.errors:
            return None
        now = timezone.now()
        actor = self.actor
        HourEntry.objects.bulk_create(
            (
                HourEntry(
                    person_id=person.pk,
                    organization_id=person.organization_id,
                    organizer_id=self.organizers.for_person(person).pk,
                    source=HourEntry.Source.IMPORT,
                    category=values.get("category") or Category.OTHER,
                    content=values["content"],
                    service_date=values["service_date"],
                    hours=values["hours"],
                    status=HourEntry.Status.CERTIFIED,
                    external_ref=values.get("external_ref") or "",
                    recorded_by=actor,
                    certified_by=actor,
                    certified_at=now,
                )
                for _n, person, values in good
            ),
            batch_size=BATCH,
        )
        total = sum((v["hours"] for _n, _p, v in good), Decimal("0"))
        return Event(
            kind="volunteer_hour_import",
            organization=self.organizers.default,
            description=_("Volunteer hour import: %(n)d certified entries, %(h)s hours") % {"n": len(good), "h": total},
        )


def _check_row(number: int, values: dict, people: dict[str, Person], policies, today, fail) -> Person | None:
    """Check one row's own rules, reporting each problem through fail; the row's volunteer when found."""
    person = None
    raw_id = values.get("id_number")
    if raw_id:
        for key in _id_keys(raw_id):
            person = people.get(key)
            if person is not None:
                break
        else:
            code, message = _unknown_id(raw_id)
            fail(number, "id_number", raw_id, code, message)
    name = values.get("name")
    if person is not None and name and _name_key(name) != _name_key(person.name):
        fail(
            number,
            "name",
            name,
            "NAME_MISMATCH",
            _("This ID number is registered to %(registered)s, not to %(name)s.")
            % {"registered": person.name, "name": name},
        )
    day = values.get("service_date")
    if day is not None:
        if day > today:
            fail(number, "service_date", day, "DATE_FUTURE", _("The service date lies in the future."))
            day = None
        elif day < EARLIEST:
            fail(number, "service_date", day, "DATE_TOO_EARLY", _("Service before 2000 cannot be recorded."))
            day = None
    hours = values.get("hours")
    if hours is not None:
        if hours <= 0:
            fail(number, "hours", hours, "HOURS_NOT_POSITIVE", _("The hours must be more than 0."))
        else:
            limit = policies.limit(person, (day or today).year)
            if hours > limit:
                # The services' own message and code (services._check_daily_cap).
                fail(
                    number,
                    "hours",
                    hours,
                    "HOURS_OVER_DAILY_LIMIT",
                    _("%(hours)s hours exceed the county's limit of %(max)s hours a day.")
                    % {"hours": hours, "max": limit},
                )
    try:
        check_field_limits(HourEntry, values, only=FREE_TEXT)
    except ValidationError as e:
        for field, errs in e.error_dict.items():
            for err in errs:
                fail(number, field, values.get(field), err.code or "INVALID", " ".join(err.messages))
    return person


def _check_ledger(prepared: list[tuple[int, Person, dict]], fail) -> None:
    """Rows already in the ledger: by the source's record number, or by person, date, hours and content.

    An entry matches with its hours as recorded or as corrected since; corrections themselves are changes,
    not records, and are not compared.
    """
    if not prepared:
        return
    person_ids = sorted({p.pk for _n, p, _v in prepared})
    refs = {v["external_ref"] for _n, _p, v in prepared if v.get("external_ref")}
    dates = [v["service_date"] for _n, _p, v in prepared if v.get("service_date")]
    taken_refs: set[tuple[int, str]] = set()
    records: dict[tuple, datetime.date] = {}
    for start in range(0, len(person_ids), LOOKUP_CHUNK):
        chunk = person_ids[start : start + LOOKUP_CHUNK]
        if refs:
            taken_refs.update(
                HourEntry.objects.filter(person_id__in=chunk, external_ref__in=refs).values_list(
                    "person_id", "external_ref"
                )
            )
        if dates:
            roots = list(
                HourEntry.objects.filter(
                    person_id__in=chunk, corrects__isnull=True, service_date__range=(min(dates), max(dates))
                ).values_list("pk", "person_id", "service_date", "hours", "content")
            )
            changes = _correction_sums([r[0] for r in roots])
            for pk, person_id, day, hours, content in roots:
                for counted in {hours, hours + changes.get(pk, Decimal("0"))}:
                    key = (person_id, day, counted, normalize_header(content))
                    records.setdefault(key, day)
    for number, person, values in prepared:
        ref = values.get("external_ref")
        if ref and (person.pk, ref) in taken_refs:
            fail(
                number,
                "external_ref",
                ref,
                "DUPLICATE_ENTRY",
                _("A record with this number is already in %(name)s's hours.") % {"name": person.name},
            )
            continue
        key = _record_key(person.pk, values)
        if key is not None and key in records:
            fail(
                number,
                "content",
                values["content"],
                "DUPLICATE_ENTRY",
                _("%(name)s's hours already hold this activity on %(date)s with %(hours)s hours.")
                % {"name": person.name, "date": values["service_date"].isoformat(), "hours": values["hours"]},
            )


def _correction_sums(root_ids: list[int]) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for start in range(0, len(root_ids), LOOKUP_CHUNK):
        rows = (
            HourEntry.objects.filter(corrects_id__in=root_ids[start : start + LOOKUP_CHUNK])
            .values("corrects_id")
            .annotate(total=Sum("hours"))
            .values_list("corrects_id", "total")
        )
        out.update(rows)
    return out


def _record_key(person_id: int, values: dict) -> tuple | None:
    day, hours, content = values.get("service_date"), values.get("hours"), values.get("content")
    if day is None or hours is None or not content:
        return None
    return (person_id, day, hours, normalize_header(content))


def _id_keys(raw: str) -> list[str]:
    """The forms under which an ID number may be stored: upper case, a 15-digit one upgraded, and as typed."""
    typed = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    number = typed.upper()
    keys = [number]
    if len(number) == 15 and number.isdigit():
        keys.append(upgrade_15(number))
    if typed != number:  # another document's number (passport, permit) may be stored in lower case
        keys.append(typed)
    return keys


def _unknown_id(raw: str) -> tuple[str, str]:
    """Why an ID number matched nobody: a malformed number says what is wrong with it; a well-formed one says
    only that nobody in the importer's organizations holds it (outside the scope reads like missing)."""
    number = _id_keys(raw)[0]
    looks_resident = len(number) in (15, 18) and number[:15].isdigit()
    if looks_resident:
        try:
            parse_id_number(number)
        except ValidationError as e:
            return e.code or "ID_INVALID", " ".join(e.messages)
    return (
        "PERSON_NOT_FOUND",
        _("Nobody with this ID number is registered in your organizations; register the volunteer first."),
    )


def _name_key(name: str) -> str:
    """Names compared without spaces, with full-width forms and the middle dots of minority names unified."""
    text = unicodedata.normalize("NFKC", name)
    for dot in ("•", "‧", "・", "∙", "．", "."):
        text = text.replace(dot, "·")
    return "".join(text.split()).casefold()


def _people_in_scope(actor, raw_ids) -> dict[str, Person]:
    """The people with these ID numbers whose organization the actor manages volunteering for."""
    keys = sorted({k for raw in raw_ids if raw for k in _id_keys(raw)})
    q = scope.org_q(actor, MANAGE_VOLUNTEERING)
    found: dict[str, Person] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        for person in (
            Person.objects.filter(q, id_number__in=keys[start : start + LOOKUP_CHUNK])
            .select_related("organization")
            .only("pk", "name", "id_number", "organization", "organization__path", "organization__depth")
        ):
            found[person.id_number] = person
    return found


class _Organizers:
    """The actor's top organizations with volunteering rights; each volunteer's entries are organized by the
    one above them."""

    def __init__(self, actor):
        paths = scope.root_paths(actor, MANAGE_VOLUNTEERING)
        self.roots = list(Organization.objects.filter(path__in=paths).order_by("path")) if paths else []
        self.default = self.roots[0] if self.roots else Organization.objects.filter(depth=1).order_by("path").first()

    def for_person(self, person: Person) -> Organization:
        path = person.organization.path
        for root in self.roots:
            if path.startswith(root.path):
                return root
        return self.default


class _Policies:
    """The county policy's daily limit per county and year, looked up once each."""

    def __init__(self, default: Organization | None):
        self.default = default
        self.cache: dict[tuple[str, int], Decimal] = {}

    def limit(self, person: Person | None, year: int) -> Decimal:
        org = person.organization if person is not None else self.default
        if org is None:
            return Decimal("24")
        key = (org.county_path, year)
        if key not in self.cache:
            self.cache[key] = policy_for(VolunteerPolicy, org, year).max_hours_per_day
        return self.cache[key]
