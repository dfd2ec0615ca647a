"""Structure rules of the League constitution: warnings shown to secretaries, never blocks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .models import BRANCH_KINDS, Kind, Organization

# Numbers from DOMAIN.md §2 (League constitution and the branch work rules).
BRANCH_MIN_MEMBERS = 3
BRANCH_MAX_MEMBERS = 50
BRANCH_COMMITTEE_FROM = 7
BRANCH_COMMITTEE_MIN, BRANCH_COMMITTEE_MAX = 3, 5
GENERAL_BRANCH_FROM = 30
COMMITTEE_FROM = 100
TERM_ALERT_DAYS = 60


RULE_LABELS = {
    "BRANCH_TOO_SMALL": _lazy("Branch below 3 members"),
    "BRANCH_TOO_LARGE": _lazy("Branch above 50 members"),
    "BRANCH_COMMITTEE_MISSING": _lazy("Branch committee missing or wrong size"),
    "MAY_FORM_GENERAL_BRANCH": _lazy("May form a general branch"),
    "MAY_FORM_COMMITTEE": _lazy("May form a committee"),
    "TERM_ENDING": _lazy("Term ending soon"),
    "TERM_OVERDUE": _lazy("Term overdue"),
}


@dataclass(frozen=True)
class StructureWarning:
    code: str
    level: str  # "warning" or "info"
    message: str


def structure_warnings(
    org: Organization, *, members: int, committee_size: int, today: datetime.date
) -> list[StructureWarning]:
    """The structure rules an organization breaks or approaches, given its member and committee counts."""
    out: list[StructureWarning] = []
    if org.status != Organization.Status.ACTIVE:
        return out
    if org.kind in BRANCH_KINDS:
        if members < BRANCH_MIN_MEMBERS and org.kind == Kind.BRANCH:
            out.append(
                StructureWarning(
                    "BRANCH_TOO_SMALL",
                    "warning",
                    _("%(n)d members: a branch needs at least %(min)d; consider a joint branch.")
                    % {"n": members, "min": BRANCH_MIN_MEMBERS},
                )
            )
        if members > BRANCH_MAX_MEMBERS:
            out.append(
                StructureWarning(
                    "BRANCH_TOO_LARGE",
                    "warning",
                    _("%(n)d members: a branch should have at most %(max)d; consider splitting it.")
                    % {"n": members, "max": BRANCH_MAX_MEMBERS},
                )
            )
        if members >= BRANCH_COMMITTEE_FROM and not (BRANCH_COMMITTEE_MIN <= committee_size <= BRANCH_COMMITTEE_MAX):
            out.append(
                StructureWarning(
                    "BRANCH_COMMITTEE_MISSING",
                    "warning",
                    _(
                        "%(n)d members but %(c)d committee members: a branch of %(from)d or more elects a "
                        "committee of %(lo)d to %(hi)d."
                    )
                    % {
                        "n": members,
                        "c": committee_size,
                        "from": BRANCH_COMMITTEE_FROM,
                        "lo": BRANCH_COMMITTEE_MIN,
                        "hi": BRANCH_COMMITTEE_MAX,
                    },
                )
            )
        if members >= COMMITTEE_FROM:
            out.append(
                StructureWarning(
                    "MAY_FORM_COMMITTEE",
                    "info",
                    _("%(n)d members: with %(from)d or more a committee may be formed.")
                    % {"n": members, "from": COMMITTEE_FROM},
                )
            )
        elif members >= GENERAL_BRANCH_FROM:
            out.append(
                StructureWarning(
                    "MAY_FORM_GENERAL_BRANCH",
                    "info",
                    _("%(n)d members: with %(from)d or more a general branch may be formed.")
                    % {"n": members, "from": GENERAL_BRANCH_FROM},
                )
            )
    if org.term_end:
        days = (org.term_end - today).days
        if days < 0:
            out.append(
                StructureWarning(
                    "TERM_OVERDUE",
                    "warning",
                    _("The term ended on %(date)s, %(days)d days ago: hold the election.")
                    % {"date": org.term_end.isoformat(), "days": -days},
                )
            )
        elif days <= TERM_ALERT_DAYS:
            out.append(
                StructureWarning(
                    "TERM_ENDING",
                    "info",
                    _("The term ends on %(date)s, in %(days)d days: prepare the election.")
                    % {"date": org.term_end.isoformat(), "days": days},
                )
            )
    return out
