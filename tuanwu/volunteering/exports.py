"""Exporting the hour ledger and the activity list: the pages' own selectors, filters and scope; ID numbers
masked unless the exporter may see them; every ledger export written to the access log."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_PERSONAL_DATA
from tuanwu.audit.models import AccessLog
from tuanwu.audit.services import access_log_record
from tuanwu.core.downloads import dated_name
from tuanwu.core.masking import mask_id_number
from tuanwu.organizations import scope
from tuanwu.people.models import Person
from tuanwu.sheets.writer import Writer

from .filters import ActivityFilter, EntryFilter
from .models import Activity, Category, HourEntry, VolunteerNumber, stars_for
from .selectors import activity_list, entry_list, star_recognitions_current
from .sheets import ACTIVITY_EXPORT_HEADERS, STAR_EXPORT_HEADERS, entry_export_headers

CHUNK = 2000
ENTRY_VALUES = (
    "person__name",
    "person__id_number",
    "service_date",
    "hours",
    "content",
    "category",
    "external_ref",
    "organization__full_name",
    "organization__path",
    "organizer__full_name",
    "source",
    "status",
    "certified_at",
    "reason",
)
ACTIVITY_VALUES = (
    "title",
    "organization__full_name",
    "category",
    "place",
    "starts_at",
    "ends_at",
    "capacity",
    "approved",
    "waiting",
    "status",
)


def _bound(form_class, params: dict):
    return form_class({k: v for k, v in (params or {}).items() if v not in (None, "")})


def entry_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered ledger as .xlsx, its first columns in the hour import's layout."""
    qs = _bound(EntryFilter, params).filter(entry_list(actor)).values_list(*ENTRY_VALUES)
    total = qs.count()
    clear_paths = tuple(scope.root_paths(actor, VIEW_PERSONAL_DATA))
    categories = dict(Category.choices)
    sources = dict(HourEntry.Source.choices)
    statuses = dict(HourEntry.Status.choices)
    clear_rows = 0

    def rows():
        nonlocal clear_rows
        for i, r in enumerate(qs.iterator(chunk_size=CHUNK)):
            (name, id_number, day, hours, content, category, ref, org, org_path, organizer, source, status, at, why) = r
            clear = bool(clear_paths) and org_path.startswith(clear_paths)
            clear_rows += clear and bool(id_number)
            yield [
                name,
                id_number if clear else mask_id_number(id_number),
                day,
                float(hours),
                content,
                str(categories.get(category, category)),
                ref,
                org,
                organizer,
                str(sources.get(source, source)),
                str(statuses.get(status, status)),
                timezone.localtime(at) if at else None,
                why,
            ]
            if progress and i % CHUNK == 0:
                progress(i, total)

    writer = Writer()
    with transaction.atomic():
        count = writer.sheet(str(_("Volunteer hours")), entry_export_headers(), rows())
        people = _bound(EntryFilter, params).filter(entry_list(actor)).values_list("person_id", flat=True)
        writer.sheet(str(_("Volunteer stars")), list(STAR_EXPORT_HEADERS), star_rows(set(people)))
        data = writer.close()
        roots = scope.visible_roots(actor)
        if roots and count:
            access_log_record(
                actor=actor,
                action=AccessLog.Action.EXPORT,
                organization=roots[0],
                subject=_("Volunteer hour export (%(n)d rows, %(c)d with ID numbers in clear)")
                % {"n": count, "c": clear_rows},
                fields=["id_number"] if clear_rows else ["masked"],
                rows=count,
            )
    return data, dated_name(_("Volunteer hours")), count


def _stars_text(n: int | None) -> str:
    return _("%(n)d stars") % {"n": n} if n else ""


def star_rows(person_ids: set[int]):
    """One row per volunteer: certified hours in total, the star level they make the volunteer eligible for,
    and the star level recognized (by whom, when) — never one figure for both."""
    ids = sorted(person_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        totals = dict(
            HourEntry.objects.filter(status=HourEntry.Status.CERTIFIED, person_id__in=chunk)
            .values("person_id")
            .annotate(total=Sum("hours"))
            .values_list("person_id", "total")
        )
        numbers = dict(VolunteerNumber.objects.filter(person_id__in=chunk).values_list("person_id", "number"))
        recognized = star_recognitions_current(chunk)
        names = dict(Person.objects.filter(pk__in=chunk).values_list("pk", "name"))
        for pk in sorted(chunk, key=lambda p: (names.get(p, ""), p)):
            total = totals.get(pk) or Decimal("0")
            r = recognized.get(pk)
            yield [
                names.get(pk, ""),
                numbers.get(pk, ""),
                float(total),
                _stars_text(stars_for(total)),
                _stars_text(r.stars if r else None),
                r.body if r else "",
                r.recognized_on if r else None,
            ]


def activity_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered activity list as .xlsx (no personal data)."""
    qs = _bound(ActivityFilter, params).filter(activity_list(actor)).values_list(*ACTIVITY_VALUES)
    total = qs.count()
    categories = dict(Category.choices)
    statuses = dict(Activity.Status.choices)

    def rows():
        for i, r in enumerate(qs.iterator(chunk_size=CHUNK)):
            title, org, category, place, starts, ends, capacity, approved, waiting, status = r
            yield [
                title,
                org,
                str(categories.get(category, category)),
                place,
                timezone.localtime(starts),
                timezone.localtime(ends),
                capacity,
                approved,
                waiting,
                str(statuses.get(status, status)),
            ]
            if progress and i % CHUNK == 0:
                progress(i, total)

    writer = Writer()
    count = writer.sheet(str(_("Activities")), list(ACTIVITY_EXPORT_HEADERS), rows())
    return writer.close(), dated_name(_("Activities")), count
