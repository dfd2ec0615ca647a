"""Importing a term's meetings from a spreadsheet: each row checked with meeting_validate (the rules
meeting_record applies), all or nothing, then recorded as history through meeting_record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_MEETING
from tuanwu.audit.services import batch_event_record
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import organizations_where
from tuanwu.people.models import Person
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.results import ImportResult

from .models import Attendance, Campaign, Meeting
from .selectors.imports import existing_meetings, people_named
from .selectors.meetings import roster_of
from .selectors.recording import campaigns_for
from .services.meetings import Present, meeting_record, meeting_validate
from .sheets import meeting_spec

# The fields of a row handed to the service as they are.
PLAIN_FIELDS = ("starts_at", "ends_at", "place", "guests", "minutes", "decisions")


@dataclass
class _Row:
    number: int
    organization: Organization
    kind: str
    held_on: datetime.date
    topic: str
    fields: dict
    attendance: list[Present]
    campaigns: list[Campaign] = field(default_factory=list)


def meeting_import(
    *, actor, data: bytes, filename: str, dry_run: bool = False, progress=None, mapping: dict | None = None, confirm=()
) -> ImportResult:
    """Check every row of a meeting file and, when all are good and not dry_run, record them in one transaction."""
    check = _Check(actor)
    plan: ImportPlan = ImportPlan(
        kind="meetings",
        spec=meeting_spec(),
        check_row=check.row,
        check_file=check.file,
        write=check.write,
        record=batch_event_record,
    )
    return run_import(
        plan, actor=actor, data=data, filename=filename, dry_run=dry_run, progress=progress, mapping=mapping
    )


class _Check:
    """One meeting file: organizers looked up in the importer's MANAGE_MEETING scope, names on their rolls."""

    def __init__(self, actor):
        self.actor = actor
        self.by_code: dict[str, Organization] = {}
        self.by_name: dict[str, list[Organization]] = {}
        for org in organizations_where(actor, MANAGE_MEETING).only("id", "code", "name", "full_name", "path", "depth"):
            if org.code:
                self.by_code[org.code.casefold()] = org
            for name in {org.name, org.full_name} - {""}:
                self.by_name.setdefault(name, []).append(org)
        self.rosters: dict[int, dict[str, list[Person]]] = {}
        self.campaigns: dict[int, dict[str, Campaign]] = {}
        self.seen: dict[tuple, int] = {}

    def _organization(self, run: ImportRun, number: int, values: dict) -> Organization | None:
        code, name = values.get("code"), values.get("organization")
        if code:
            org = self.by_code.get(str(code).casefold())
            if org is None:
                run.fail(
                    number,
                    "code",
                    code,
                    "ORG_OUTSIDE_SCOPE",
                    _("No organization with code %(code)s where you record meetings.") % {"code": code},
                )
            return org
        if not name:
            message = _("Give the organizer's code or name (组织编码 or 组织名称).")
            run.fail(number, "organization", "", "ORG_MISSING", message)
            return None
        hits = {o.pk: o for o in self.by_name.get(name, [])}
        if len(hits) == 1:
            return next(iter(hits.values()))
        if hits:
            message = _("%(n)d organizations are named “%(name)s”; give the organization code to choose one.") % {
                "n": len(hits),
                "name": name,
            }
            run.fail(number, "organization", name, "ORG_AMBIGUOUS", message)
        else:
            message = _("No organization named “%(name)s” where you record meetings; check the name or give its code.")
            run.fail(number, "organization", name, "ORG_OUTSIDE_SCOPE", message % {"name": name})
        return None

    def _roster(self, org: Organization) -> dict[str, list[Person]]:
        if org.pk not in self.rosters:
            by_name: dict[str, list[Person]] = {}
            for person in roster_of(org):
                by_name.setdefault(person.name, []).append(person)
            self.rosters[org.pk] = by_name
        return self.rosters[org.pk]

    def _person(self, run: ImportRun, number: int, column: str, org: Organization, name: str | None) -> Person | None:
        """The chair or recorder: a person of the organizer's subtree by name, who must be the only one so named."""
        if not name:
            return None
        hits = people_named(org, name)
        if len(hits) == 1:
            return hits[0]
        if hits:
            message = _("%(n)d people named %(name)s belong to %(org)s; correct the name on the page afterwards.")
            run.fail(number, column, name, "PERSON_AMBIGUOUS", message % {"n": len(hits), "name": name, "org": org})
        else:
            message = _("Nobody named %(name)s belongs to %(org)s.")
            run.fail(number, column, name, "PERSON_UNKNOWN", message % {"name": name, "org": org})
        return None

    def _attendance(self, run: ImportRun, number: int, org: Organization, values: dict) -> list[Present] | None:
        """Everyone on the organizer's roll, present except those the row names absent or on leave."""
        roster = self._roster(org)
        marked: dict[int, tuple[str, str]] = {}
        ok = True
        columns: tuple[tuple[str, str], ...] = (
            ("absent", Attendance.Status.ABSENT),
            ("excused", Attendance.Status.EXCUSED),
        )
        for column, status in columns:
            for name, reason in values.get(column) or []:
                people = roster.get(name, [])
                if len(people) != 1:
                    message = (
                        _("%(name)s is not on the roll of %(org)s.")
                        if not people
                        else _("%(name)s is on the roll of %(org)s more than once; record this meeting on the page.")
                    )
                    run.fail(number, column, name, "NOT_ON_ROLL", message % {"name": name, "org": org})
                    ok = False
                    continue
                if people[0].pk in marked:
                    message = _("%(name)s is named twice among the absent and those on leave.")
                    run.fail(number, column, name, "NAMED_TWICE", message % {"name": name})
                    ok = False
                    continue
                if status == Attendance.Status.ABSENT and not reason:
                    message = _("Give the reason %(name)s was absent in brackets: %(name)s（外出务工）.")
                    run.fail(number, column, name, "ABSENT_REASON", message % {"name": name})
                    ok = False
                    continue
                marked[people[0].pk] = (status, reason)
        if not ok:
            return None
        lines = []
        for people in roster.values():
            for person in people:
                line_status, reason = marked.get(person.pk, (Attendance.Status.PRESENT, ""))
                lines.append(Present(person, line_status, reason))
        return lines

    def _campaigns(self, run: ImportRun, number: int, org: Organization, names: list[str]) -> list[Campaign] | None:
        offered = self.campaigns.setdefault(org.pk, {c.name: c for c in campaigns_for(org)})
        unknown = [n for n in names if n not in offered]
        if unknown:
            message = _("Not a campaign tag of the county: %(names)s.") % {"names": "、".join(unknown)}
            run.fail(number, "campaigns", "、".join(names), "CAMPAIGN_UNKNOWN", message)
            return None
        return [offered[n] for n in names]

    def row(self, run: ImportRun, number: int, values: dict) -> _Row | None:
        org = self._organization(run, number, values)
        if org is None:
            return None
        chair = self._person(run, number, "chair", org, values.get("chair"))
        recorder = self._person(run, number, "recorder", org, values.get("recorder"))
        attendance = self._attendance(run, number, org, values)
        campaigns = self._campaigns(run, number, org, values.get("campaigns") or [])
        if not (values.get("kind") and values.get("held_on") and values.get("topic")):
            return None
        fields = {name: values[name] for name in PLAIN_FIELDS if values.get(name) is not None}
        fields.update(chair=chair, recorder=recorder, source=Meeting.Source.IMPORTED)
        if values.get("hours") is not None:
            fields["hours"] = values["hours"]
        item = _Row(
            number, org, values["kind"], values["held_on"], values["topic"], fields, attendance or [], campaigns or []
        )
        # Checked even when a name was wrong, so that the user sees every problem of the row at once.
        try:
            meeting_validate(
                actor=self.actor,
                organization=org,
                kind=item.kind,
                held_on=item.held_on,
                topic=item.topic,
                attendance=item.attendance,
                campaigns=item.campaigns,
                history=True,
                **fields,
            )
        except ValidationError as e:
            run.fail_error(number, "absent", "", _on_columns(e))
            return None
        if number in run.bad:
            return None
        key = (org.pk, item.kind, item.held_on, item.topic)
        if key in self.seen:
            message = _("The same meeting (organizer, kind, date and topic) is already on row %(row)d.")
            run.fail(number, "topic", item.topic, "DUPLICATE_ROW", message % {"row": self.seen[key]})
            return None
        self.seen[key] = number
        return item

    def file(self, run: ImportRun, kept: list[_Row]) -> list[_Row]:
        """Meetings already on record (the same organizer, kind, date and topic) are left as they are, so that a
        file imported twice records its meetings once."""
        recorded = existing_meetings([(r.organization.pk, r.kind, r.held_on, r.topic) for r in kept])
        new = [r for r in kept if (r.organization.pk, r.kind, r.held_on, r.topic) not in recorded]
        run.result.created = len(new)
        run.result.unchanged = len(kept) - len(new)
        return new

    def write(self, run: ImportRun, rows: list[_Row]) -> Event | None:
        for item in rows:
            try:
                meeting_record(
                    actor=self.actor,
                    organization=item.organization,
                    kind=item.kind,
                    held_on=item.held_on,
                    topic=item.topic,
                    attendance=item.attendance,
                    campaigns=item.campaigns,
                    history=True,
                    **item.fields,
                )
            except ValidationError as e:
                run.fail_error(item.number, "absent", "", _on_columns(e))
        if not rows:
            return None
        roots = scope.visible_roots(self.actor)
        return Event(
            kind="meeting_import",
            organization=roots[0] if len(roots) == 1 else rows[0].organization,
            description=_("Meeting import: %(c)d recorded, %(n)d already on record")
            % {"c": run.result.created, "n": run.result.unchanged},
        )


# The service's field names that the file holds under other names.
_FIELD_COLUMNS = {"attendance": "absent", "organization": "code", "party_branch": "kind", "course": "kind"}


def _on_columns(error: ValidationError) -> ValidationError:
    """A service's error with its fields renamed to the import's columns."""
    if not hasattr(error, "error_dict"):
        return error
    renamed = ValidationError({_FIELD_COLUMNS.get(k, k): v for k, v in error.error_dict.items()})
    renamed.code = getattr(error, "code", None)
    return renamed
