"""The committee's ratings page as .xlsx: the same rows the page shows (its selector and scope), one line per
branch, then one per item with its basis."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tuanwu.sheets.writer import Writer

from ..models import BranchRating


def ratings_xlsx(ratings: list[BranchRating], year: int) -> bytes:
    bands = dict(BranchRating.Band.choices)
    statuses = dict(BranchRating.Status.choices)
    w = Writer()
    w.sheet(
        _("Ratings %(year)s") % {"year": year},
        [
            _("Branch"),
            _("Committee above"),
            _("Status"),
            _("Score"),
            _("Computed band"),
            _("Note on the band"),
            _("Final star"),
            _("Reason for the change"),
            _("Why not rated"),
        ],
        (
            [
                r.organization.name,
                r.organization.parent.name if r.organization.parent else "",
                str(statuses.get(r.status, r.status)),
                float(r.score) if r.score is not None else None,
                str(bands.get(r.band, "")),
                r.band_note,
                str(bands.get(r.final_band, "")),
                r.change_reason,
                r.excluded_reason,
            ]
            for r in ratings
        ),
    )
    sources = {"records": _("From the records"), "entered": _("Entered by the committee")}
    w.sheet(
        _("Items"),
        [_("Branch"), _("Item"), _("Points"), _("Maximum"), _("Source"), _("Basis"), _("Note")],
        (
            [
                r.organization.name,
                item.get("label", ""),
                float(item["points"]) if item.get("points") not in (None, "") else None,
                float(item.get("max") or 0),
                str(sources.get(item.get("source", ""), "")),
                item.get("basis", ""),
                item.get("note", ""),
            ]
            for r in ratings
            for item in r.items or []
        ),
    )
    return w.close()
