"""Importing people and memberships from a spreadsheet: every row checked with the services' own rules,
all or nothing, then written through bulk paths with one batch history event."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain
from operator import itemgetter

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import CHANGE_PERSON
from tuanwu.audit.services import batch_event_record
from tuanwu.core.bulk import find_existing, insert_rows
from tuanwu.core.concurrency import version_bump
from tuanwu.core.validation import check_field_limits
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.results import ImportResult

from .choices import PoliticalStatus
from .models import Membership, MembershipFlag, Person
from .services import PERSON_FIELDS, development_number_clean, join_rules, person_clean
from .sheets import member_spec
from .workflow import MembershipStatus

BATCH = 2000
COMPARED_FIELDS = (*PERSON_FIELDS, "organization_id", "name_pinyin", "name_initials")
PERSON_COLUMNS = COMPARED_FIELDS
# Columns whose content is not already constrained by its parser (choices, dates, checked numbers).
FREE_TEXT = ("name", "unit", "email", "phone", "id_number")
MEMBERSHIP_COLUMNS = ("organization_id", "join_date", "development_number", "status", "number_shared")
SHARED = "NUMBER_SHARED"


class _Orgs:
    """The organizations the actor may write people into, found by code, full name or short name."""

    def __init__(self, actor):
        qs = scope.restrict(Organization.objects.filter(status=Organization.Status.ACTIVE), actor, CHANGE_PERSON, "")
        self.by_code: dict[str, Organization] = {}
        self.by_id: dict[int, Organization] = {}
        self.by_name: dict[str, list[Organization]] = defaultdict(list)
        self.found: dict[tuple, Organization | ValidationError] = {}
        for org in qs.only("id", "code", "name", "full_name", "kind", "path"):
            self.by_code[org.code.casefold()] = org
            self.by_id[org.pk] = org
            self.by_name[org.full_name].append(org)
            if org.name != org.full_name:
                self.by_name[org.name].append(org)

    def find(self, name: str | None, code: str | None) -> Organization:
        """The organization a row names; a file names few of them, so each answer is remembered."""
        key = (name, code)
        if key not in self.found:
            try:
                self.found[key] = self._find(name, code)
            except ValidationError as e:
                self.found[key] = e
        answer = self.found[key]
        if isinstance(answer, ValidationError):
            raise answer
        return answer

    def _find(self, name: str | None, code: str | None) -> Organization:
        if code:
            org = self.by_code.get(code.casefold())
            if org is None:
                raise ValidationError(
                    _("No organization with code %(code)s in your scope.") % {"code": code}, code="ORG_UNKNOWN"
                )
            return org
        hits = {o.pk: o for o in self.by_name.get(name or "", [])}
        if not hits:
            raise ValidationError(
                _("No organization named “%(name)s” in your scope; check the name or give its code.") % {"name": name},
                code="ORG_UNKNOWN",
            )
        if len(hits) > 1:
            raise ValidationError(
                _("%(n)d organizations are named “%(name)s”; give the organization code to choose one.")
                % {"n": len(hits), "name": name},
                code="ORG_AMBIGUOUS",
            )
        return next(iter(hits.values()))


def member_import(
    *, actor, data: bytes, filename: str, dry_run: bool = False, progress=None, mapping: dict | None = None, confirm=()
) -> ImportResult:
    """Check every row of a member file and, when all are good and not dry_run, write them in one transaction."""
    check = _Check(actor)
    plan: ImportPlan = ImportPlan(
        kind="members",
        spec=member_spec(),
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
    """One member file: each row checked with the services' rules, then against the people on record."""

    def __init__(self, actor):
        self.actor = actor
        self.orgs = _Orgs(actor)
        self.today = timezone.localdate()
        self.seen_ids: dict[str, int] = {}
        self.seen_numbers: Counter[str] = Counter()
        self.join_rules = join_rules()
        # The rules each kept row's join broke, by ID number; the stored members whose number a row shares.
        self.findings: dict[str, list[tuple[str, str]]] = {}
        self.shared_holders: dict[int, str] = {}
        # The good rows, as parallel lists rather than a tuple per row: a tuple holding dicts stays tracked by the
        # cyclic garbage collector, and 100,000 of them set off full collections that find nothing to free.
        self.numbers: list[int] = []
        self.fields: list[dict] = []
        self.memberships: list[dict | None] = []
        self.create_fields: list[dict] = []
        self.create_memberships: list[dict | None] = []
        self.to_update: list[Person] = []
        self.memberships_new: list[tuple[Person, dict]] = []
        self.memberships_update: list[Membership] = []

    def row(self, run: ImportRun, number: int, values: dict) -> None:
        fields, membership, problems = _check_row(
            values, self.orgs, self.today, self.seen_ids, self.seen_numbers, number
        )
        for field, value, error in problems:
            run.fail_error(number, field, value, error)
        # A row with bad cells was still checked further, so that the user sees all its problems at once.
        if problems or number in run.bad:
            return
        self.numbers.append(number)
        self.fields.append(fields)
        self.memberships.append(membership)

    def file(self, run: ImportRun, _kept: list) -> None:
        """The good rows against the people on record: who exists, in scope or not, and what changes."""
        existing = _existing_people([f["id_number"] for f in self.fields])
        visible = (
            set(
                Person.objects.filter(
                    scope.org_q(self.actor, CHANGE_PERSON), pk__in=[p.pk for p in existing.values()]
                ).values_list("pk", flat=True)
            )
            if existing
            else set()
        )
        numbers_taken = _numbers_taken(
            [m["development_number"] for m in self.memberships if m and m["development_number"]]
        )
        for number, fields, membership in zip(self.numbers, self.fields, self.memberships, strict=True):
            current = existing.get(fields["id_number"])
            if current is not None and current.pk not in visible:
                outside = ValidationError(
                    _(
                        "This ID number is registered with an organization outside your scope; ask the county "
                        "committee to transfer the person."
                    ),
                    code="ID_OUTSIDE_SCOPE",
                )
                run.fail_error(number, "id_number", fields["id_number"], outside)
                continue
            if current is not None and fields.get("name") and fields["name"] != current.name:
                # The same ID number under another name may be a typing error overwriting someone else.
                renamed = _(
                    "This ID number is registered to “%(old)s”; this row would rename them to “%(new)s”. "
                    "Confirm the rename for this row if it is the same person."
                ) % {"old": current.name, "new": fields["name"]}
                if run.conflict(number, "name", fields["name"], "NAME_CHANGED", renamed):
                    continue
            if membership and not self._flag(run, number, fields, membership, current, numbers_taken):
                continue
            if current is None:
                self.create_fields.append(fields)
                self.create_memberships.append(membership)
            elif not self._update(current, fields, membership):
                run.result.unchanged += 1
        run.result.created, run.result.updated = len(self.create_fields), len(self.to_update)

    def _flag(self, run: ImportRun, number: int, fields: dict, membership: dict, current, numbers_taken) -> bool:
        """The rules the row's join broke: counted as warnings and kept to be flagged on the membership. A number
        another row or a stored member holds is history too (the stored member is flagged as well).

        A join of the current year recorded or changed by the file is no history but a new admission: the rules
        refuse it (False), as they refuse it in the admission workflow and in registering a member."""
        dev = membership["development_number"]
        holder = numbers_taken.get(dev) if dev else None
        stored_other = holder is not None and (current is None or holder != current.pk)
        shared = bool(dev) and (self.seen_numbers[dev] > 1 or stored_other)
        membership["number_shared"] = shared
        org = self.orgs.by_id[membership["organization_id"]]
        found = self.join_rules(org, fields["birth_date"], membership["join_date"], dev, shared)
        if found and membership["join_date"].year >= self.today.year and _join_changed(current, membership):
            for code, message in found:
                column = "join_date" if code.startswith("AGE_") else "development_number"
                run.fail(number, column, membership[column], code, message)
            return False
        for code, _message in found:
            run.warn(number, code)
        self.findings[fields["id_number"]] = found
        if stored_other:
            assert holder is not None
            self.shared_holders[holder] = next((m for c, m in found if c == SHARED), "")
        return True

    def _update(self, current: Person, fields: dict, membership: dict | None) -> bool:
        """Note what a row changes of a person on record (and of their membership); False when nothing."""
        changed = {k: v for k, v in fields.items() if getattr(current, k) != v}
        m_current = getattr(current, "_membership", None)
        m_changed = membership and (m_current is None or any(getattr(m_current, k) != v for k, v in membership.items()))
        if not changed and not m_changed:
            return False
        for k, v in changed.items():
            setattr(current, k, v)
        self.to_update.append(current)
        if membership:
            if m_current is None:
                self.memberships_new.append((current, membership))
            elif m_changed:
                for k, v in membership.items():
                    setattr(m_current, k, v)
                self.memberships_update.append(m_current)
        elif m_current is not None and m_current.organization_id != fields["organization_id"]:
            m_current.organization_id = fields["organization_id"]
            self.memberships_update.append(m_current)
        return True

    def write(self, run: ImportRun, _checked: None) -> Event | None:
        """New people and memberships inserted in bulk, changed ones updated in bulk."""
        # One timestamp for the batch, adapted once for the database.
        moment = timezone.now()
        now = connection.ops.adapt_datetimefield_value(moment)
        person_columns = [*PERSON_COLUMNS, "created_at", "updated_at", "version"]
        defaults = {name: Person._meta.get_field(name).get_default() for name in PERSON_COLUMNS}
        defaults.update(created_at=now, updated_at=now, version=1)
        pick = itemgetter(*person_columns)
        pick_membership = itemgetter(*MEMBERSHIP_COLUMNS)
        before = _last_id()
        self._mark_holders()
        insert_rows(Person, person_columns, (pick({**defaults, **f}) for f in self.create_fields))
        new_ids = _consecutive_ids(before, [f["id_number"] for f in self.create_fields])
        if self.to_update:
            for p in self.to_update:
                version_bump(p)
                p.updated_at = moment
            Person.objects.bulk_update(self.to_update, [*COMPARED_FIELDS, "version", "updated_at"], batch_size=BATCH)
        new_memberships = chain(
            (
                (new_ids[f["id_number"]], m)
                for f, m in zip(self.create_fields, self.create_memberships, strict=True)
                if m
            ),
            ((p.pk, m) for p, m in self.memberships_new),
        )
        insert_rows(
            Membership,
            [*MEMBERSHIP_COLUMNS, "person_id", "created_at", "updated_at", "version"],
            ((*pick_membership(m), pk, now, now, 1) for pk, m in new_memberships),
        )
        if self.memberships_update:
            Membership.objects.bulk_update(
                self.memberships_update,
                ["organization_id", "join_date", "development_number", "status", "number_shared"],
                batch_size=BATCH,
            )
        self._write_flags(new_ids)
        result = run.result
        if not (result.created or result.updated):
            return None
        return Event(
            kind="member_import",
            organization=_scope_root(self.actor),
            description=_("Member import: %(c)d created, %(u)d updated, %(n)d unchanged")
            % {"c": result.created, "u": result.updated, "n": result.unchanged},
        )

    def _mark_holders(self) -> None:
        """Stored members whose development number a row shares: marked and flagged like the row."""
        if not self.shared_holders:
            return
        held = list(Membership.objects.filter(person_id__in=list(self.shared_holders)).values_list("pk", "person_id"))
        Membership.objects.filter(pk__in=[pk for pk, _p in held]).update(number_shared=True)
        MembershipFlag.objects.bulk_create(
            [MembershipFlag(membership_id=pk, code=SHARED, message=self.shared_holders[person]) for pk, person in held],
            ignore_conflicts=True,
        )

    def _write_flags(self, new_ids: dict[str, int]) -> None:
        """The rules each written membership's join broke, by membership; a changed membership's flags anew."""
        written = {
            f["id_number"]: new_ids[f["id_number"]]
            for f, m in zip(self.create_fields, self.create_memberships, strict=True)
            if m
        }
        written.update((p.id_number, p.pk) for p, _m in self.memberships_new)
        changed = {m.pk for m in self.memberships_update}
        replace = []
        for p in self.to_update:
            m = getattr(p, "_membership", None)
            if m is not None and m.pk in changed and p.id_number in self.findings:
                written[p.id_number] = p.pk
                replace.append(m.pk)
        for i in range(0, len(replace), 900):
            MembershipFlag.objects.filter(membership_id__in=replace[i : i + 900]).delete()
        flagged = {
            person: self.findings[id_number] for id_number, person in written.items() if self.findings.get(id_number)
        }
        people = list(flagged)
        rows = []
        for i in range(0, len(people), 900):
            chunk = Membership.objects.filter(person_id__in=people[i : i + 900]).values_list("pk", "person_id")
            for pk, person in chunk:
                rows += [
                    MembershipFlag(membership_id=pk, code=code, message=message[:300])
                    for code, message in flagged[person]
                ]
        MembershipFlag.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def _join_changed(current: Person | None, membership: dict) -> bool:
    """Whether the row records a join not on record as it stands (a new person, a new or changed membership)."""
    stored = getattr(current, "_membership", None) if current is not None else None
    return (
        stored is None
        or stored.join_date != membership["join_date"]
        or (stored.development_number != membership["development_number"])
    )


def _check_row(values: dict, orgs: _Orgs, today, seen_ids: dict, seen_numbers: Counter, number: int):
    """One row's fields and membership, or the list of (field, value, error) it breaks."""
    problems: list[tuple[str, object, ValidationError]] = []
    org = None
    code, name = values.get("organization_code"), values.get("organization")
    if code or name:
        try:
            org = orgs.find(name, code)
        except ValidationError as e:
            problems.append(("organization_code" if code else "organization", code or name, e))
    fields = {k: v for k in PERSON_FIELDS if (v := values.get(k)) is not None and v != ""}
    person_ok = False
    try:
        fields, _warnings = person_clean(fields)
        check_field_limits(Person, fields, only=FREE_TEXT)
        person_ok = bool(fields.get("id_number"))
    except ValidationError as e:
        problems.append(("id_number", values.get("id_number"), e))
    first = seen_ids.setdefault(fields["id_number"], number) if person_ok else number
    if first != number:
        problems.append(
            (
                "id_number",
                fields["id_number"],
                ValidationError(
                    _("The same ID number is already on row %(row)d of this file.") % {"row": first},
                    code="DUPLICATE_IN_FILE",
                ),
            )
        )
    membership = _check_join(values, org, fields, person_ok, today, seen_numbers, number, problems)
    if org is not None:
        fields["organization_id"] = org.id
    if not person_ok and not problems:
        # No ID number at all: its cell error (REQUIRED) is already reported.
        problems.append(
            ("id_number", None, ValidationError(_("“%(col)s” is required.") % {"col": "身份证号码"}, code="REQUIRED"))
        )
    return fields, membership, problems


def _check_join(
    values: dict, org, fields: dict, person_ok: bool, today, seen_numbers: Counter, number: int, problems: list
) -> dict | None:
    """A row's membership (join date, development number, status), adding what it breaks to problems."""
    join = values.get("join_date")
    if not join:
        return None
    membership = None
    try:
        if org is not None and org.kind not in BRANCH_KINDS:
            raise ValidationError(
                _("Members belong to a branch; %(org)s is not a branch.") % {"org": org.name},
                code="MEMBER_NOT_IN_BRANCH",
            )
        if join > today:
            raise ValidationError(_("The join date lies in the future."), code="JOIN_DATE_FUTURE")
        # A join too young breaks a rule (flagged later); one on or before the birth date cannot have happened.
        if person_ok and join <= fields["birth_date"]:
            raise ValidationError(_("The join date is not after the birth date."), code="JOIN_BEFORE_BIRTH")
    except ValidationError as e:
        problems.append(("join_date", join, e))
    try:
        dev = development_number_clean(values.get("development_number"))
    except ValidationError as e:
        problems.append(("development_number", values.get("development_number"), e))
        dev = None
    if dev:
        # Two rows holding one number are both imported, and flagged (NUMBER_SHARED).
        seen_numbers[dev] += 1
    if org is not None and person_ok:
        membership = {
            "organization_id": org.id,
            "join_date": join,
            "development_number": dev,
            "status": values.get("status") or MembershipStatus.NORMAL,
            "number_shared": False,
        }
        fields.setdefault("political_status", PoliticalStatus.LEAGUE_MEMBER)
    return membership


def _last_id() -> int:
    return Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _consecutive_ids(before: int, id_numbers: list[str]) -> dict[str, int]:
    """Primary keys of the rows just inserted, by ID number.

    On SQLite the import holds the write lock, so the rows above the highest key it saw before inserting are
    its own: one range scan of the primary key reads them (their keys need not follow `before` directly, as
    AUTOINCREMENT never reuses the keys of deleted rows). That is checked, and anything else (PostgreSQL
    sequences shared with other sessions) looks the keys up by ID number.
    """
    if id_numbers and connection.vendor == "sqlite":
        table = connection.ops.quote_name(Person._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id_number, id FROM {table} WHERE id > %s", [before])
            found = dict(cursor.fetchall())
        if len(found) == len(id_numbers) and all(number in found for number in id_numbers):
            return found
    return _ids_of(id_numbers)


def _ids_of(id_numbers: list[str]) -> dict[str, int]:
    """Primary keys of people just inserted, by ID number (executemany returns none)."""
    return find_existing(Person, "id_number", id_numbers)


def _existing_people(id_numbers: list[str]) -> dict[str, Person]:
    """The people already registered under these ID numbers (a cheap key lookup first: usually none are)."""
    ids = find_existing(Person, "id_number", id_numbers)
    found: dict[str, Person] = {}
    pks = list(ids.values())
    for i in range(0, len(pks), 900):
        for p in Person.objects.filter(pk__in=pks[i : i + 900]):
            found[p.id_number] = p
    if found:
        memberships = {m.person_id: m for m in Membership.objects.filter(person_id__in=[p.pk for p in found.values()])}
        for p in found.values():
            p._membership = memberships.get(p.pk)
    return found


def _numbers_taken(numbers: list[str]) -> dict[str, int]:
    return find_existing(Membership, "development_number", numbers, fetch="person")


def _scope_root(actor) -> Organization:
    roots = scope.visible_roots(actor)
    return roots[0] if roots else Organization.objects.filter(depth=1).first()
