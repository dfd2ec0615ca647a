"""Exporting the directory in the import's layout plus the figures a county reports upward (应建, status,
priority, overdue), so it can be edited and imported back."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_COVERAGE
from tuanwu.core.downloads import dated_name
from tuanwu.organizations import scope
from tuanwu.sheets.writer import Writer

from . import selectors as sel
from .filters import UnitFilter
from .models import OrgForm, SizeBand, SocialSubtype, Unit, UnitKind
from .sheets import directory_spec


def directory_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered directory as .xlsx, the same rows as the list page."""
    units = list(UnitFilter(params).filter(sel.unit_list(actor)))
    county = scope.county_for(actor, VIEW_COVERAGE) or (units[0].township if units else None)
    rules = sel.rules_for(county) if county is not None else sel.r.Rules()
    kinds, subtypes, forms, sizes = (dict(c.choices) for c in (UnitKind, SocialSubtype, OrgForm, SizeBand))
    statuses = dict(Unit.Status.choices)
    should = {"own": _("Own branch"), "joint": _("Joint or own"), "": _("Not required")}
    yes, no = _("Yes"), _("No")

    def rows():
        for u in units:
            decision = sel.unit_should(rules, u)
            yield [
                u.credit_code,
                u.name,
                str(kinds.get(u.kind, u.kind)),
                str(subtypes.get(u.subtype, "")),
                u.sector,
                u.park.name if u.park_id else "",
                u.township.name,
                str(sizes.get(u.size_band, "")),
                u.employees,
                u.young_employees,
                u.league_members,
                str(forms[u.party_org]),
                str(yes if u.operating else no),
                u.covering_org.code if u.covering_org_id else "",
                str(forms[u.league_org_form]),
                u.joint_partners,
                u.planned_on,
                str(should[decision]),
                str(statuses[u.status]),
                sel.unit_priority(rules, u),
                str(yes if sel.unit_overdue(u, rules) else ""),
            ]

    writer = Writer()
    headers = [c.header for c in directory_spec().columns] + [
        str(_("Should establish")),
        str(_("Status")),
        str(_("Priority")),
        str(_("Overdue")),
    ]
    count = writer.sheet(str(_("Two-new directory")), headers, rows())
    return writer.close(), dated_name(_("Two-new directory")), count
