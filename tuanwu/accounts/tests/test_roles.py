"""The role table, and who may grant or take away which role."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from tests.factories import user
from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import ALL_PERMISSIONS, ROLE_PERMISSIONS, Role, permissions_of
from tuanwu.accounts.services import role_assign, role_revoke
from tuanwu.organizations import scope


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def role_rows():
    return list(RoleAssignment.objects.order_by("pk").values_list("pk", "user_id", "organization_id", "role"))


def last_log() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def logs_since(pk: int) -> list[LogEntry]:
    return list(LogEntry.objects.filter(pk__gt=pk).order_by("pk"))


# the table


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.COUNTY_ADMIN,
            {
                "organizations.view_organization",
                "organizations.change_organization",
                "people.view_person",
                "people.change_person",
                "people.view_personal_data",
                "people.approve_exit",
                "audit.view_history",
                "audit.view_accesslog",
                "accounts.manage_roles",
                "people.view_self",
                "volunteering.view_activity",
                "volunteering.manage_activity",
                "admission.view_application",
                "admission.manage_application",
                "admission.approve_application",
                "study.view_episode",
                "study.manage_episode",
                "plan.view_workplan",
                "plan.manage_workplan",
                "meetings.view_meeting",
                "meetings.manage_meeting",
                "meetings.rate_branch",
                "meetings.view_party_meeting",
                "meetings.manage_party_meeting",
                "lifecycle.view_record",
                "lifecycle.manage_record",
                "lifecycle.approve_record",
                "voice.view_case",
                "voice.manage_case",
                "coverage.view_unit",
                "coverage.manage_unit",
                "duties.view_mandate",
                "duties.manage_mandate",
                "care.view_record",
                "care.manage_record",
                "contacts.view_contact",
                "contacts.manage_contact",
                "programs.view_project",
                "programs.manage_project",
                "programs.judge_entry",
                "publicity.view_account",
                "publicity.manage_account",
            },
        ),
        (
            Role.COMMITTEE_SECRETARY,
            {
                "organizations.view_organization",
                "organizations.change_organization",
                "people.view_person",
                "people.change_person",
                "people.view_personal_data",
                "people.approve_exit",
                "audit.view_history",
                "accounts.manage_roles",
                "people.view_self",
                "volunteering.view_activity",
                "volunteering.manage_activity",
                "admission.view_application",
                "admission.manage_application",
                "admission.approve_application",
                "study.view_episode",
                "study.manage_episode",
                "plan.view_workplan",
                "plan.manage_workplan",
                "meetings.view_meeting",
                "meetings.manage_meeting",
                "meetings.rate_branch",
                "lifecycle.view_record",
                "lifecycle.manage_record",
                "lifecycle.approve_record",
                "voice.view_case",
                "voice.manage_case",
                "coverage.view_unit",
                "coverage.manage_unit",
                "duties.view_mandate",
                "care.view_record",
                "care.manage_record",
                "contacts.view_contact",
                "contacts.manage_contact",
                "programs.view_project",
                "programs.manage_project",
                "publicity.view_account",
                "publicity.manage_account",
            },
        ),
        (
            Role.BRANCH_SECRETARY,
            {
                "organizations.view_organization",
                "people.view_person",
                "people.change_person",
                "people.view_personal_data",
                "audit.view_history",
                "people.view_self",
                "volunteering.view_activity",
                "volunteering.manage_activity",
                "admission.view_application",
                "admission.manage_application",
                "study.view_episode",
                "study.manage_episode",
                "plan.view_workplan",
                "meetings.view_meeting",
                "meetings.manage_meeting",
                "lifecycle.view_record",
                "lifecycle.manage_record",
                "voice.view_case",
                "voice.manage_case",
                "programs.view_project",
                "programs.manage_project",
                "publicity.view_account",
                "publicity.manage_account",
            },
        ),
        (
            Role.CADRE,
            {
                "organizations.view_organization",
                "people.view_person",
                "people.view_self",
                "volunteering.view_activity",
                "admission.view_application",
                "study.view_episode",
                "plan.view_workplan",
                "meetings.view_meeting",
                "lifecycle.view_record",
                "voice.view_case",
                "voice.manage_case",
                "coverage.view_unit",
                "contacts.view_contact",
            },
        ),
        (Role.MEMBER, {"people.view_self"}),
        (
            Role.AUDITOR,
            {
                "organizations.view_organization",
                "people.view_person",
                "audit.view_history",
                "audit.view_accesslog",
                "people.view_self",
                "volunteering.view_activity",
                "admission.view_application",
                "study.view_episode",
                "plan.view_workplan",
                "meetings.view_meeting",
                "lifecycle.view_record",
                "voice.view_case",
                "coverage.view_unit",
                "duties.view_mandate",
                "contacts.view_contact",
                "programs.view_project",
                "publicity.view_account",
            },
        ),
    ],
)
def test_role_grants_exactly_these_permissions(role, expected):
    assert permissions_of(role) == frozenset(expected)


def test_every_role_has_a_row_and_no_row_names_an_unknown_permission():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert set().union(*ROLE_PERMISSIONS.values()) == ALL_PERMISSIONS


def test_unknown_role_grants_nothing():
    assert permissions_of("superhero") == frozenset()


# role_assign


@pytest.mark.parametrize(
    ("role", "on"),
    [
        (Role.BRANCH_SECRETARY, "branch"),
        (Role.COMMITTEE_SECRETARY, "town"),
        (Role.CADRE, "branch2"),
        (Role.MEMBER, "branch"),
    ],
)
def test_committee_secretary_grants_roles_within_own_rights(cast, role, on):
    secretary = cast.users["committee_secretary"]
    newcomer = user("newcomer")
    organization = getattr(cast, on)
    assert scope.has_perm(newcomer, "people.view_self", organization) is False
    since = last_log()

    row = role_assign(actor=secretary, user=newcomer, organization=organization, role=role)

    row.refresh_from_db()
    assert (row.user, row.organization, row.role, row.granted_by) == (newcomer, organization, role, secretary)
    assert scope.has_perm(newcomer, "people.view_self", organization) is True  # the cached grants were dropped
    [entry] = logs_since(since)
    assert (entry.action, entry.actor, entry.object_pk) == (LogEntry.Action.CREATE, secretary, str(row.pk))


@pytest.mark.parametrize(
    ("role", "on"),
    [(Role.COUNTY_ADMIN, "town"), (Role.COUNTY_ADMIN, "branch"), (Role.AUDITOR, "town")],
)
def test_committee_secretary_cannot_grant_rights_beyond_own(cast, role, on):
    before, since = role_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        role_assign(
            actor=cast.users["committee_secretary"],
            user=cast.users["member"],
            organization=getattr(cast, on),
            role=role,
        )

    assert error.value.code == "ROLE_ESCALATION"
    assert error.value.messages == [
        f"You cannot grant the role “{Role(role).label}”: it carries rights you do not hold here."
    ]
    assert role_rows() == before
    assert logs_since(since) == []


@pytest.mark.parametrize(
    ("role", "on", "refusal"),
    [
        # A branch secretary may not manage roles at all, so the refusal comes before the escalation check.
        ("branch_secretary", "branch", PermissionDenied),
        ("cadre", "school", PermissionDenied),
        ("auditor", "county", PermissionDenied),
        ("committee_secretary", "county", Http404),
        ("committee_secretary", "school", Http404),
        ("outsider", "town", Http404),
        ("member", "branch", Http404),
    ],
)
def test_granting_county_admin_without_managing_roles_there_is_refused(cast, role, on, refusal):
    before, since = role_rows(), last_log()

    with pytest.raises(refusal):
        role_assign(
            actor=cast.users[role], user=cast.users["member"], organization=getattr(cast, on), role=Role.COUNTY_ADMIN
        )

    assert role_rows() == before
    assert logs_since(since) == []


def test_granting_a_role_already_held_is_refused(cast):
    before, since = role_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        role_assign(
            actor=cast.users["county_admin"],
            user=cast.users["branch_secretary"],
            organization=cast.branch,
            role=Role.BRANCH_SECRETARY,
        )

    assert error.value.code == "ROLE_HELD"
    assert role_rows() == before
    assert logs_since(since) == []


# role_revoke


def test_revoking_own_county_admin_role_is_refused(cast):
    admin = cast.users["county_admin"]
    before, since = role_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        role_revoke(actor=admin, assignment=admin.roles.get(role=Role.COUNTY_ADMIN))

    assert error.value.code == "ROLE_SELF_REVOKE"
    assert error.value.messages == ["You cannot remove your own administrator role."]
    assert role_rows() == before
    assert logs_since(since) == []


def test_county_admin_revokes_another_users_role_with_a_history_entry(cast):
    admin = cast.users["county_admin"]
    secretary = cast.users["branch_secretary"]
    assignment = secretary.roles.get()
    assert scope.has_perm(secretary, "people.change_person", cast.branch) is True
    since = last_log()

    role_revoke(actor=admin, assignment=assignment)

    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    reloaded = type(secretary).objects.get(pk=secretary.pk)  # as the secretary's next request loads them
    assert scope.has_perm(reloaded, "people.change_person", cast.branch) is False
    [entry] = logs_since(since)
    assert (entry.action, entry.actor, entry.object_pk) == (LogEntry.Action.DELETE, admin, str(assignment.pk))


def test_another_county_admin_may_revoke_a_county_admin_role(cast):
    admin = cast.users["county_admin"]
    second = user("second_admin", Role.COUNTY_ADMIN, cast.county)

    role_revoke(actor=second, assignment=admin.roles.get())

    assert admin.roles.count() == 0


@pytest.mark.parametrize(
    ("actor", "holder", "refusal"),
    [
        ("committee_secretary", "county_admin", Http404),
        ("committee_secretary", "outsider", Http404),
        ("branch_secretary", "member", PermissionDenied),
        ("auditor", "branch_secretary", PermissionDenied),
    ],
)
def test_revoking_without_managing_roles_there_is_refused(cast, actor, holder, refusal):
    before, since = role_rows(), last_log()

    with pytest.raises(refusal):
        role_revoke(actor=cast.users[actor], assignment=cast.users[holder].roles.get())

    assert role_rows() == before
    assert logs_since(since) == []
