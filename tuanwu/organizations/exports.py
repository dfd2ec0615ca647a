"""Exporting the organization list in the import's own layout, so a county can edit and import it back."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tuanwu.core.downloads import dated_name
from tuanwu.sheets.writer import Writer

from .filters import OrganizationFilter
from .models import Kind, Organization, Sector
from .selectors import organization_list
from .sheets import organization_spec

CHUNK = 2000


def organization_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered organization list as .xlsx."""
    qs = (
        OrganizationFilter(params)
        .filter(organization_list(actor))
        .values_list(
            "code",
            "name",
            "full_name",
            "kind",
            "sector",
            "parent__code",
            "park__name",
            "unified_code",
            "unit_name",
            "contact_phone",
            "email",
            "address",
            "term_start",
            "term_end",
            "status",
        )
    )
    kinds, sectors = dict(Kind.choices), dict(Sector.choices)
    statuses = dict(Organization.Status.choices)

    def rows():
        for r in qs.iterator(chunk_size=CHUNK):
            code, name, full, kind, sector, parent, park, uscc, unit, phone, email, address, start, end, status = r
            yield [
                code,
                name,
                full,
                str(kinds.get(kind, kind)),
                str(sectors.get(sector, sector or "")),
                parent or "",
                park or "",
                uscc,
                unit,
                phone,
                email,
                address,
                start,
                end,
                str(statuses[status]),
            ]

    writer = Writer()
    headers = [c.header for c in organization_spec().columns] + [str(_("Status"))]
    count = writer.sheet(str(_("Organizations")), headers, rows())
    return writer.close(), dated_name(_("Organizations")), count
