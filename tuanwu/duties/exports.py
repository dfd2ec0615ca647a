"""The year's duty table as .xlsx: one row per person in the viewer's scope, their seats and their duties by
kind, the same rows as the term pages."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.sheets.writer import Writer

from . import selectors as sel
from .models import DutyKind


def duties_xlsx(actor, year: int) -> tuple[bytes, int]:
    table = sel.year_table(actor, year)
    headers = [
        str(_("Name")),
        str(_("Organization")),
        str(_("Seats")),
        *(str(label) for _k, label in DutyKind.choices),
        str(_("Total")),
        str(_("Nothing recorded")),
    ]

    def rows():
        for p in table:
            yield [
                p.person.name,
                p.mandates[0].organization.name,
                "；".join(f"{m.term.name} {m.get_kind_display()}" for m in p.mandates),
                *(p.count(k) for k in DutyKind.values),
                p.total,
                str(_("Yes")) if p.nothing_recorded else "",
            ]

    writer = Writer()
    count = writer.sheet(str(_("Duties %(year)d") % {"year": year}), headers, rows())
    return writer.close(), count


def duties_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The export kind registered with the sheets engine (jobs and the export command)."""
    from tuanwu.core.downloads import dated_name

    try:
        year = int(params.get("year") or timezone.localdate().year)
    except (TypeError, ValueError):
        year = timezone.localdate().year
    data, count = duties_xlsx(actor, year)
    return data, dated_name(_("Duties of committee members and delegates"), year), count
