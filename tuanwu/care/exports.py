"""The care register as .xlsx, masked: names as 张*明, no phone, no ID number, no situation text; every export
is logged."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tuanwu.audit.models import AccessLog
from tuanwu.audit.services import access_log_record
from tuanwu.core.downloads import dated_name
from tuanwu.organizations import scope
from tuanwu.sheets.writer import Writer

from . import selectors as sel
from .filters import CareRecordFilter
from .masking import mask_care_name


def care_record_headers() -> list[str]:
    return [
        str(_("Name")),
        str(_("Organization")),
        str(_("School or unit")),
        str(_("Difficulties")),
        str(_("Status")),
        str(_("Opened on")),
        str(_("Closed on")),
        str(_("Measures")),
    ]


def care_record_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered register, the same rows as the list page, with names masked."""
    records = list(CareRecordFilter(params).filter(sel.care_record_list(actor)))

    def rows():
        for r in records:
            yield [
                mask_care_name(r.name),
                r.organization.name,
                r.school_or_unit,
                "、".join(r.difficulty_labels),
                r.get_status_display(),
                r.opened_on,
                r.closed_on,
                r.measure_count,
            ]

    writer = Writer()
    with transaction.atomic():
        count = writer.sheet(str(_("Care register")), care_record_headers(), rows())
        data = writer.close()
        roots = scope.visible_roots(actor)
        organization = roots[0] if roots else (records[0].organization if records else None)
        if organization is not None and count:
            access_log_record(
                actor=actor,
                action=AccessLog.Action.EXPORT,
                organization=organization,
                subject=_("Care register export (%(n)d rows, names masked)") % {"n": count},
                fields=["masked"],
                rows=count,
            )
    return data, dated_name(_("Care register")), count
