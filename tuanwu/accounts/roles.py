"""Roles and what they allow: the one table from role to permissions (tested in test_roles.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNTY_ADMIN = "county_admin", _("County administrator")
    COMMITTEE_SECRETARY = "committee_secretary", _("Committee secretary")
    BRANCH_SECRETARY = "branch_secretary", _("Branch secretary")
    CADRE = "cadre", _("Cadre")
    MEMBER = "member", _("Member")
    AUDITOR = "auditor", _("Auditor")


# Permission names follow <app>.<verb>_<noun>.
VIEW_ORGANIZATION = "organizations.view_organization"
CHANGE_ORGANIZATION = "organizations.change_organization"
VIEW_PERSON = "people.view_person"
CHANGE_PERSON = "people.change_person"
VIEW_PERSONAL_DATA = "people.view_personal_data"
APPROVE_EXIT = "people.approve_exit"
VIEW_HISTORY = "audit.view_history"
VIEW_ACCESS_LOG = "audit.view_accesslog"
MANAGE_ROLES = "accounts.manage_roles"
VIEW_SELF = "people.view_self"
VIEW_VOLUNTEERING = "volunteering.view_activity"
MANAGE_VOLUNTEERING = "volunteering.manage_activity"
VIEW_ADMISSION = "admission.view_application"
MANAGE_ADMISSION = "admission.manage_application"
APPROVE_ADMISSION = "admission.approve_application"
VIEW_STUDY = "study.view_episode"
MANAGE_STUDY = "study.manage_episode"
VIEW_PLAN = "plan.view_workplan"
MANAGE_PLAN = "plan.manage_workplan"
VIEW_MEETING = "meetings.view_meeting"
MANAGE_MEETING = "meetings.manage_meeting"
# The committee above reviews its branches' ratings (对标定级) and records the final star.
RATE_BRANCH = "meetings.rate_branch"
# The county office's Party branch: its meetings are seen by its own members (through their roll, not a role)
# and by the county.
VIEW_PARTY_MEETING = "meetings.view_party_meeting"
MANAGE_PARTY_MEETING = "meetings.manage_party_meeting"
# Member lifecycle: evaluation, registration, dues, transfers, discipline. The committee above approves.
VIEW_LIFECYCLE = "lifecycle.view_record"
MANAGE_LIFECYCLE = "lifecycle.manage_record"
APPROVE_LIFECYCLE = "lifecycle.approve_record"
# 青年之声 cases: handlers answer the cases routed to their organization; the line above sees them too.
VIEW_VOICE = "voice.view_case"
MANAGE_VOICE = "voice.manage_case"
# "两新" coverage: the directory of units that should have a League organization, and its establishment steps.
VIEW_COVERAGE = "coverage.view_unit"
MANAGE_COVERAGE = "coverage.manage_unit"
# 履职: the committee's members, alternates and congress delegates, and the duties they perform.
VIEW_DUTIES = "duties.view_mandate"
MANAGE_DUTIES = "duties.manage_mandate"
# Care for young people in difficulty and assistance projects: the county and the line above; a record's follower
# (often a branch secretary) reaches only the records they follow, through the record, not a role.
VIEW_CARE = "care.view_record"
MANAGE_CARE = "care.manage_record"
# "1+100" direct contact: cadres see and log their own contacts; the committee above manages its cadres.
VIEW_CONTACTS = "contacts.view_contact"
MANAGE_CONTACTS = "contacts.manage_contact"
# Programs and honours: projects, calls, rounds, notices and awards. Judges score through their assignments.
VIEW_PROGRAMS = "programs.view_project"
MANAGE_PROGRAMS = "programs.manage_project"
JUDGE = "programs.judge_entry"
# Role models and the League's media accounts: each organization keeps its own (谁开设谁主管), the line above sees them.
VIEW_PUBLICITY = "publicity.view_account"
MANAGE_PUBLICITY = "publicity.manage_account"

ALL_PERMISSIONS = frozenset(
    {
        VIEW_ORGANIZATION,
        CHANGE_ORGANIZATION,
        VIEW_PERSON,
        CHANGE_PERSON,
        VIEW_PERSONAL_DATA,
        APPROVE_EXIT,
        VIEW_HISTORY,
        VIEW_ACCESS_LOG,
        MANAGE_ROLES,
        VIEW_SELF,
        VIEW_VOLUNTEERING,
        MANAGE_VOLUNTEERING,
        VIEW_ADMISSION,
        MANAGE_ADMISSION,
        APPROVE_ADMISSION,
        VIEW_STUDY,
        MANAGE_STUDY,
        VIEW_PLAN,
        MANAGE_PLAN,
        VIEW_MEETING,
        MANAGE_MEETING,
        RATE_BRANCH,
        VIEW_PARTY_MEETING,
        MANAGE_PARTY_MEETING,
        VIEW_LIFECYCLE,
        MANAGE_LIFECYCLE,
        APPROVE_LIFECYCLE,
        VIEW_VOICE,
        MANAGE_VOICE,
        VIEW_COVERAGE,
        MANAGE_COVERAGE,
        VIEW_DUTIES,
        MANAGE_DUTIES,
        VIEW_CARE,
        MANAGE_CARE,
        VIEW_CONTACTS,
        MANAGE_CONTACTS,
        VIEW_PROGRAMS,
        MANAGE_PROGRAMS,
        JUDGE,
        VIEW_PUBLICITY,
        MANAGE_PUBLICITY,
    }
)

# A role held on an organization grants these permissions on that organization's whole subtree.
# VIEW_SELF is the exception: it covers only the holder's own person record.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.COUNTY_ADMIN: ALL_PERMISSIONS,
    Role.COMMITTEE_SECRETARY: frozenset(
        {
            VIEW_ORGANIZATION,
            CHANGE_ORGANIZATION,
            VIEW_PERSON,
            CHANGE_PERSON,
            VIEW_PERSONAL_DATA,
            APPROVE_EXIT,
            VIEW_HISTORY,
            MANAGE_ROLES,
            VIEW_SELF,
            VIEW_VOLUNTEERING,
            MANAGE_VOLUNTEERING,
            VIEW_ADMISSION,
            MANAGE_ADMISSION,
            APPROVE_ADMISSION,
            VIEW_STUDY,
            MANAGE_STUDY,
            VIEW_PLAN,
            MANAGE_PLAN,
            VIEW_MEETING,
            MANAGE_MEETING,
            RATE_BRANCH,
            VIEW_LIFECYCLE,
            MANAGE_LIFECYCLE,
            APPROVE_LIFECYCLE,
            VIEW_VOICE,
            MANAGE_VOICE,
            VIEW_COVERAGE,
            MANAGE_COVERAGE,
            VIEW_DUTIES,
            VIEW_CARE,
            MANAGE_CARE,
            VIEW_CONTACTS,
            MANAGE_CONTACTS,
            VIEW_PROGRAMS,
            MANAGE_PROGRAMS,
            VIEW_PUBLICITY,
            MANAGE_PUBLICITY,
        }
    ),
    Role.BRANCH_SECRETARY: frozenset(
        {
            VIEW_ORGANIZATION,
            VIEW_PERSON,
            CHANGE_PERSON,
            VIEW_PERSONAL_DATA,
            VIEW_HISTORY,
            VIEW_SELF,
            VIEW_VOLUNTEERING,
            MANAGE_VOLUNTEERING,
            VIEW_ADMISSION,
            MANAGE_ADMISSION,
            VIEW_STUDY,
            MANAGE_STUDY,
            VIEW_PLAN,
            VIEW_MEETING,
            MANAGE_MEETING,
            VIEW_LIFECYCLE,
            MANAGE_LIFECYCLE,
            VIEW_VOICE,
            MANAGE_VOICE,
            VIEW_PROGRAMS,
            MANAGE_PROGRAMS,
            VIEW_PUBLICITY,
            MANAGE_PUBLICITY,
        }
    ),
    Role.CADRE: frozenset(
        {
            VIEW_ORGANIZATION,
            VIEW_PERSON,
            VIEW_SELF,
            VIEW_VOLUNTEERING,
            VIEW_ADMISSION,
            VIEW_STUDY,
            VIEW_PLAN,
            VIEW_MEETING,
            VIEW_LIFECYCLE,
            VIEW_VOICE,
            MANAGE_VOICE,
            VIEW_COVERAGE,
            VIEW_CONTACTS,
        }
    ),
    Role.MEMBER: frozenset({VIEW_SELF}),
    Role.AUDITOR: frozenset(
        {
            VIEW_ORGANIZATION,
            VIEW_PERSON,
            VIEW_HISTORY,
            VIEW_ACCESS_LOG,
            VIEW_SELF,
            VIEW_VOLUNTEERING,
            VIEW_ADMISSION,
            VIEW_STUDY,
            VIEW_PLAN,
            VIEW_MEETING,
            VIEW_LIFECYCLE,
            VIEW_VOICE,
            VIEW_COVERAGE,
            VIEW_DUTIES,
            VIEW_CONTACTS,
            VIEW_PROGRAMS,
            VIEW_PUBLICITY,
        }
    ),
}


def permissions_of(role: str) -> frozenset[str]:
    """The permissions a role grants on its subtree."""
    return ROLE_PERMISSIONS.get(role, frozenset())
