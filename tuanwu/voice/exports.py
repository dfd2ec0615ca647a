"""The case list as .xlsx: the same rows as the inbox; the asker's name and phone only on the cases whose
organization the viewer may see personal data of (blank otherwise); every export is logged."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_PERSONAL_DATA
from tuanwu.audit.models import AccessLog
from tuanwu.audit.services import access_log_record
from tuanwu.core.downloads import dated_name
from tuanwu.organizations import scope
from tuanwu.sheets.writer import Writer

from . import selectors
from .filters import case_filters


def case_headers() -> list[str]:
    return [
        str(_("Tracking number")),
        str(_("Channel")),
        str(_("Category")),
        str(_("Kind of rights claim")),
        str(_("Organization")),
        str(_("School or unit (as typed)")),
        str(_("Status")),
        str(_("Handler in charge")),
        str(_("Filed at")),
        str(_("First response due")),
        str(_("Resolution due")),
        str(_("Resolved at")),
        str(_("Escalation level")),
        str(_("Rating")),
        str(_("Merged into")),
        str(_("Description")),
        str(_("Name")),
        str(_("Phone")),
    ]


def _local(at):
    return timezone.localtime(at).replace(tzinfo=None) if at else None


def case_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered cases, as the inbox lists them; contact data only where the viewer may see personal data."""
    cases = list(selectors.case_list(actor, **case_filters(actor, params)).select_related("merged_into"))
    clear = {c.pk for c in cases if scope.holds_at(actor, VIEW_PERSONAL_DATA, c.organization.path)}
    revealed = 0

    def rows():
        nonlocal revealed
        for c in cases:
            contact = c.pk in clear and not c.anonymous and bool(c.contact_name or c.contact_phone)
            revealed += contact
            yield [
                c.number,
                c.get_channel_display(),
                c.get_category_display(),
                c.get_subtype_display() if c.subtype else "",
                c.organization.name,
                c.unit_text,
                c.get_status_display(),
                str(c.owner) if c.owner_id else "",
                _local(c.filed_at),
                c.first_response_due,
                c.resolution_due,
                _local(c.resolved_at),
                c.escalation_level,
                c.rating,
                c.merged_into.number if c.merged_into else "",
                c.description,
                c.contact_name if contact else "",
                c.contact_phone if contact else "",
            ]

    writer = Writer()
    with transaction.atomic():
        count = writer.sheet(str(_("青年之声 cases")), case_headers(), rows())
        data = writer.close()
        roots = scope.visible_roots(actor)
        organization = roots[0] if roots else (cases[0].organization if cases else None)
        if organization is not None and count:
            if revealed:
                subject = _("青年之声 cases export (%(n)d rows, %(c)d with contact data)") % {"n": count, "c": revealed}
            else:
                subject = _("青年之声 cases export (%(n)d rows, no contact data)") % {"n": count}
            access_log_record(
                actor=actor,
                action=AccessLog.Action.EXPORT,
                organization=organization,
                subject=subject,
                fields=["description", "contact_name", "contact_phone"] if revealed else ["description"],
                rows=count,
            )
    return data, dated_name(_("青年之声 cases")), count
