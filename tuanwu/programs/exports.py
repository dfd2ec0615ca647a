"""The result table of a round as a workbook, the same lines the page shows."""

from django.utils.translation import gettext as _

from tuanwu.sheets.writer import Writer

from .rules import TIE_RULE


def results_xlsx(row, lines) -> bytes:
    headers = [
        _("Rank"),
        _("Project"),
        _("Organization"),
        _("Recommended by"),
        _("Normalized score"),
        _("Raw mean"),
        _("Raw median"),
        _("Spread"),
        _("Judges"),
    ]
    w = Writer()
    w.sheet(
        _("Results"),
        headers,
        (
            [
                line.row.rank,
                line.entry.project.title,
                line.entry.project.organization.name,
                line.entry.recommended_by.name,
                round(line.row.normalized, 4),
                round(line.row.raw_mean, 2),
                round(line.row.raw_median, 2),
                round(line.row.raw_spread, 2),
                line.row.judges,
            ]
            for line in lines
        ),
    )
    w.sheet(_("Method"), [_("Tie rule")], [[_(TIE_RULE)]])
    return w.close()
