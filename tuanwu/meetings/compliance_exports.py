"""Exporting the compliance grid and the missed list: the pages' own rules and scope; the missed list names the
secretaries, so its export is written to the access log."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.audit.models import AccessLog
from tuanwu.audit.services import access_log_record
from tuanwu.core.downloads import dated_name
from tuanwu.core.params import YEAR_MAX, YEAR_MIN
from tuanwu.sheets.writer import Writer

from .rules import committee_compliance
from .selectors.compliance import compliance_missed, compliance_organization


def _results(actor, params: dict):
    """The organization asked for (else the exporter's own root) and its branches' compliance; none outside the
    exporter's scope."""
    try:
        organization = compliance_organization(actor, (params or {}).get("organization") or None)
    except Http404:
        return None, []
    try:
        year = min(max(int((params or {}).get("year") or timezone.localdate().year), YEAR_MIN), YEAR_MAX)
    except ValueError:
        year = timezone.localdate().year
    return organization, committee_compliance(organization, year)


def grid_headers() -> list[str]:
    return [_("Branch"), _("Committee"), _("Requirement"), _("Period"), _("Status"), _("Explanation"), _("Rule")]


def missed_headers() -> list[str]:
    return [_("Branch"), _("Committee"), _("Requirement"), _("Period"), _("Secretary"), _("Explanation")]


def grid_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """Every branch, requirement and period of the year, with its status and explanation."""
    _organization, results = _results(actor, params)

    def rows():
        for result in results:
            parent = result.organization.parent
            for row in result.rows:
                for cell in row.cells:
                    yield [
                        result.organization.name,
                        parent.name if parent else "",
                        row.label,
                        cell.period,
                        cell.label,
                        cell.explanation,
                        row.rule,
                    ]

    writer = Writer()
    count = writer.sheet(str(_("Compliance")), grid_headers(), rows())
    return writer.close(), dated_name(_("Organizational life compliance")), count


def missed_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The meetings owed and not held, with each branch's secretaries; logged as an export of names."""
    organization, results = _results(actor, params)
    missed = compliance_missed(results)
    writer = Writer()
    with transaction.atomic():
        count = writer.sheet(
            str(_("Missed meetings")),
            missed_headers(),
            (
                [
                    m.branch.name,
                    m.branch.parent.name if m.branch.parent else "",
                    m.requirement,
                    m.cell.period,
                    "、".join(m.secretaries),
                    m.cell.explanation,
                ]
                for m in missed
            ),
        )
        if organization is not None and count:
            access_log_record(
                actor=actor,
                action=AccessLog.Action.EXPORT,
                organization=organization,
                subject=_("Missed meetings export (%(n)d rows)") % {"n": count},
                fields=["secretary"],
                rows=count,
            )
    return writer.close(), dated_name(_("Missed meetings")), count
