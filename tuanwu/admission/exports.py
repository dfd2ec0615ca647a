"""The annual audit as a spreadsheet."""

from django.utils.translation import gettext as _

from tuanwu.sheets.writer import Writer


def audit_xlsx(rows, year: int) -> bytes:
    writer = Writer()
    headers = [
        str(_("Name")),
        str(_("Branch")),
        str(_("Join date")),
        str(_("Development number")),
        str(_("Rule")),
        str(_("Finding")),
        str(_("Severity")),
    ]
    writer.sheet(
        str(_("Admission audit %(year)d") % {"year": year}),
        headers,
        (
            [
                r.person,
                r.organization,
                r.join_date,
                r.development_number,
                r.code,
                r.message,
                str(_("Warning")) if r.warning else str(_("Violation")),
            ]
            for r in rows
        ),
        widths=[10, 24, 12, 16, 28, 60, 8],
    )
    return writer.close()


def files_xlsx(rows) -> bytes:
    """The file check, one line per member: score, missing items and the rules their join broke (flagged)."""
    writer = Writer()
    headers = [
        str(_("Name")),
        str(_("Branch")),
        str(_("Score")),
        str(_("Missing")),
        str(_("Rules broken when joining")),
    ]
    writer.sheet(
        str(_("Member files")),
        headers,
        ([r.person.name, r.person.organization.name, r.score, "、".join(r.missing), "、".join(r.flags)] for r in rows),
        widths=[10, 28, 8, 60, 30],
    )
    return writer.close()
