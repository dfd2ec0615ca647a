"""The left menu: grouped by the work plan's areas, showing only modules that exist and the role may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tuanwu.organizations import scope
from tuanwu.organizations.models import STEPLEN

from . import roles


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    icon: str
    permission: str | None  # None: any signed-in user
    needs_person: bool = False
    county_only: bool = False  # shown only to holders of permission on the county committee itself


@dataclass(frozen=True)
class Group:
    label: str
    entries: tuple[Entry, ...]


MENU = (
    Group(
        _("Workbench"),
        (
            Entry(_("Dashboard"), "dashboards:home", "speedometer", None),
            Entry(_("Work plan"), "plan:dashboard", "list", roles.VIEW_PLAN),
        ),
    ),
    Group(
        _("Grassroots foundation"),
        (
            Entry(_("Organization tree"), "organizations:tree", "diagram-3", roles.VIEW_ORGANIZATION),
            Entry(_("Organizations"), "organizations:list", "building", roles.VIEW_ORGANIZATION),
            Entry(
                _("Structure warnings"),
                "organizations:warnings",
                "exclamation-triangle",
                roles.VIEW_ORGANIZATION,
            ),
            Entry(_("People"), "people:list", "people", roles.VIEW_PERSON),
            Entry(_("Pending exits"), "people:pending_exits", "hourglass", roles.APPROVE_EXIT),
            Entry(_("Transfers"), "lifecycle:transfer_list", "list", roles.VIEW_LIFECYCLE),
            Entry(
                _("Transfers in the county"),
                "lifecycle:transfer_county",
                "hourglass",
                roles.VIEW_LIFECYCLE,
                county_only=True,
            ),
            Entry(_("Graduating classes"), "lifecycle:graduation_list", "people", roles.VIEW_LIFECYCLE),
            Entry(
                _("Transfer policy"), "lifecycle:transfer_policy", "pencil", roles.MANAGE_LIFECYCLE, county_only=True
            ),
            Entry(_("Discipline cases"), "lifecycle:discipline_list", "shield", roles.VIEW_LIFECYCLE),
            Entry(_("Age-out list"), "lifecycle:exits_age_out", "calendar", roles.VIEW_LIFECYCLE),
            Entry(_("Lapse proposals"), "lifecycle:exits_lapse", "person", roles.VIEW_LIFECYCLE),
            Entry(_("Two-new directory"), "coverage:unit_list", "building", roles.VIEW_COVERAGE),
            Entry(_("Coverage board"), "coverage:board", "bar-chart", roles.VIEW_COVERAGE, county_only=True),
            Entry(_("Founding dates to enter"), "coverage:founding", "calendar", roles.CHANGE_ORGANIZATION),
            Entry(_("Projects"), "programs:project_list", "journal", roles.VIEW_PROGRAMS),
            Entry(_("Calls and awards"), "programs:call_list", "award", roles.VIEW_PROGRAMS),
        ),
    ),
    Group(
        _("Ideological guidance"),
        (
            Entry(_("Youth study"), "study:episodes", "bar-chart", roles.VIEW_STUDY),
            Entry(_("Role models"), "publicity:role_model_list", "award", roles.VIEW_PUBLICITY),
            Entry(_("Media accounts"), "publicity:account_list", "journal", roles.VIEW_PUBLICITY),
            Entry(
                _("Media account policy"), "publicity:media_policy", "pencil", roles.MANAGE_PUBLICITY, county_only=True
            ),
        ),
    ),
    Group(
        _("Organizational life"),
        (
            Entry(_("Meeting records"), "meetings:meeting_list", "journal", roles.VIEW_MEETING),
            Entry(_("Record a meeting"), "meetings:meeting_create", "pencil", roles.MANAGE_MEETING),
            Entry(_("Organizational life compliance"), "meetings:compliance", "calendar", roles.VIEW_MEETING),
            Entry(_("Branch rating"), "meetings:ratings", "award", roles.VIEW_MEETING),
            Entry(_("Courses"), "meetings:course_list", "people", roles.VIEW_MEETING),
            Entry(_("Campaign tags"), "meetings:campaign_list", "list", roles.MANAGE_MEETING, county_only=True),
            Entry(
                _("Organizational life policy"),
                "meetings:compliance_policy",
                "pencil",
                roles.MANAGE_MEETING,
                county_only=True,
            ),
        ),
    ),
    Group(
        _("Member development"),
        (
            Entry(_("Development pipeline"), "admission:board", "people", roles.VIEW_ADMISSION),
            Entry(_("Approvals"), "admission:approvals", "hourglass", roles.APPROVE_ADMISSION),
            Entry(_("Quotas"), "admission:quotas", "list", roles.VIEW_ADMISSION),
            Entry(_("Annual audit"), "admission:audit", "exclamation-triangle", roles.VIEW_ADMISSION),
            Entry(_("Graduating-class ratios"), "admission:ratios", "bar-chart", roles.VIEW_ADMISSION),
            Entry(_("Member file check"), "admission:files", "journal", roles.VIEW_ADMISSION),
        ),
    ),
    Group(
        _("Member management"),
        (
            Entry(_("Evaluation"), "lifecycle:evaluations", "award", roles.VIEW_LIFECYCLE),
            Entry(_("Evaluation approvals"), "lifecycle:evaluation_approvals", "hourglass", roles.APPROVE_LIFECYCLE),
            Entry(_("Registration"), "lifecycle:registrations", "journal", roles.VIEW_LIFECYCLE),
            Entry(
                _("Evaluation and registration policy"),
                "lifecycle:policy",
                "pencil",
                roles.MANAGE_LIFECYCLE,
                county_only=True,
            ),
        ),
    ),
    Group(
        _("Serving the big picture"),
        (
            Entry(_("Volunteer activities"), "volunteering:activity_list", "heart", roles.VIEW_VOLUNTEERING),
            Entry(_("Hour ledger"), "volunteering:entry_list", "journal", roles.VIEW_VOLUNTEERING),
            Entry(_("Correction requests"), "volunteering:corrections", "pencil", roles.MANAGE_VOLUNTEERING),
            Entry(_("Certificates"), "volunteering:certificate_list", "award", roles.VIEW_VOLUNTEERING),
            Entry(_("Task forces"), "volunteering:task_force_list", "shield", roles.VIEW_VOLUNTEERING),
            Entry(_("Volunteering in numbers"), "volunteering:stats", "bar-chart", roles.VIEW_VOLUNTEERING),
        ),
    ),
    Group(
        _("Close to the grassroots"),
        (
            Entry(_("My contacts"), "contacts:my", "person", roles.VIEW_CONTACTS, needs_person=True),
            Entry(_("Direct-contact compliance"), "contacts:compliance", "calendar", roles.VIEW_CONTACTS),
            Entry(_("Contact cadres"), "contacts:cadres", "people", roles.VIEW_CONTACTS),
            Entry(_("Direct-contact policy"), "contacts:policy", "pencil", roles.MANAGE_CONTACTS, county_only=True),
        ),
    ),
    Group(
        _("青年之声"),
        (
            Entry(_("青年之声 cases"), "voice:inbox", "journal", roles.VIEW_VOICE),
            Entry(_("青年之声 overview"), "voice:overview", "bar-chart", roles.VIEW_VOICE),
            Entry(_("Holiday tables"), "voice:calendar", "calendar", roles.MANAGE_VOICE, county_only=True),
            Entry(_("青年之声 time limits"), "voice:policy", "pencil", roles.MANAGE_VOICE, county_only=True),
            Entry(_("Experts"), "voice:expert_list", "person-badge", roles.MANAGE_VOICE, county_only=True),
            Entry(_("Rights coverage"), "voice:rights_coverage", "shield-check", roles.VIEW_VOICE),
            Entry(_("Surveys"), "voice:survey_list", "ui-checks", roles.MANAGE_VOICE),
        ),
    ),
    Group(
        _("Care and assistance"),
        (
            Entry(_("Care register"), "care:record_list", "heart", roles.VIEW_CARE),
            Entry(_("Warmth campaigns"), "care:campaign_list", "award", roles.VIEW_CARE),
            Entry(_("Assistance projects"), "care:project_list", "people", roles.VIEW_CARE),
        ),
    ),
    Group(
        _("Me"),
        (
            Entry(_("My record"), "people:me", "person", roles.VIEW_SELF, needs_person=True),
            Entry(_("My volunteering"), "volunteering:my", "heart", roles.VIEW_SELF, needs_person=True),
            Entry(_("My organizational life"), "meetings:my_life", "calendar", roles.VIEW_SELF, needs_person=True),
            Entry(_("My application"), "admission:mine", "journal", roles.VIEW_SELF, needs_person=True),
            Entry(_("My evaluation and registration"), "lifecycle:me", "award", roles.VIEW_SELF, needs_person=True),
            Entry(_("My transfer"), "lifecycle:transfer_mine", "list", roles.VIEW_SELF, needs_person=True),
            Entry(_("Join an activity"), "volunteering:open_list", "calendar", roles.VIEW_SELF, needs_person=True),
            Entry(_("Scan to check in"), "volunteering:scan", "qr", roles.VIEW_SELF, needs_person=True),
            Entry(_("My dues"), "lifecycle:dues_mine", "journal", roles.VIEW_SELF, needs_person=True),
            Entry(_("My duties"), "duties:my", "award", roles.VIEW_SELF, needs_person=True),
            Entry(_("My jobs"), "jobs:list", "journal", roles.VIEW_PERSON),
        ),
    ),
    Group(
        _("Strict League governance"),
        (
            Entry(_("Change history"), "audit:history", "journal", roles.VIEW_HISTORY),
            Entry(_("Access log"), "audit:access_log", "eye", roles.VIEW_ACCESS_LOG),
            Entry(_("Batch events"), "audit:batch_events", "journal", roles.VIEW_HISTORY),
            Entry(_("Dues"), "lifecycle:dues", "journal", roles.VIEW_LIFECYCLE),
            Entry(_("Dues policy"), "lifecycle:dues_policy", "pencil", roles.MANAGE_LIFECYCLE, county_only=True),
            Entry(_("Committee members and delegates"), "duties:term_list", "person", roles.VIEW_DUTIES),
        ),
    ),
)


# Entries an app also shows to users who hold no permission for them but have work of their own there (a care
# record they follow): URL name -> a check of at most one query, registered in the app's ready().
ALSO_VISIBLE: dict[str, Callable[[object], bool]] = {}


def register_also_visible(url_name: str, check: Callable[[object], bool]) -> None:
    ALSO_VISIBLE[url_name] = check


def _allowed(user, e: Entry) -> bool:
    if e.permission is None or scope.has_any(user, e.permission):
        return True
    check = ALSO_VISIBLE.get(e.url_name)
    return check is not None and check(user)


def _on_county(user, perm: str) -> bool:
    """Whether the user holds perm on a county committee itself (from the cached grants, no query)."""
    return any(len(path) == STEPLEN for path in scope.root_paths(user, perm))


def menu_for(user, current: str | None) -> list[dict]:
    """The menu groups and entries this user may use, with the current page marked."""
    out = []
    for group in MENU:
        entries = [
            {
                "label": e.label,
                "url": reverse(e.url_name),
                "name": e.url_name,
                "icon": e.icon,
                "active": e.url_name == current,
            }
            for e in group.entries
            if _allowed(user, e)
            and (not e.needs_person or getattr(user, "person_id", None))
            and (not e.county_only or _on_county(user, e.permission or ""))
        ]
        if entries:
            out.append({"label": group.label, "entries": entries})
    return out
