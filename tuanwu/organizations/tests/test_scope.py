"""Who sees what: each role of the standard cast against the organization tree and its people."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.factories import org, user
from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import (
    APPROVE_EXIT,
    CHANGE_ORGANIZATION,
    CHANGE_PERSON,
    MANAGE_ROLES,
    VIEW_ACCESS_LOG,
    VIEW_ORGANIZATION,
    VIEW_PERSON,
    VIEW_PERSONAL_DATA,
    Role,
)
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.services import organization_dissolve
from tuanwu.people.models import Person

ALL_ORGS = {"county", "town", "school", "branch", "branch2", "school_branch"}
TOWN = {"town", "branch", "branch2"}
SCHOOL = {"school", "school_branch"}
ALL_PEOPLE = {"zhang", "li", "wang", "zhao", "youth"}
TOWN_PEOPLE = {"zhang", "li", "youth", "wang"}
BRANCH_PEOPLE = {"zhang", "li", "youth"}


def org_names(cast, qs) -> set[str]:
    by_pk = {getattr(cast, name).pk: name for name in ALL_ORGS}
    return {by_pk[pk] for pk in qs.values_list("pk", flat=True)}


def person_names(cast, qs) -> set[str]:
    by_pk = {p.pk: name for name, p in cast.people.items()}
    return {by_pk[pk] for pk in qs.values_list("pk", flat=True)}


def fresh(u):
    """The user as the next request loads it, without cached grants."""
    return get_user_model().objects.get(pk=u.pk)


@pytest.mark.parametrize(
    ("role", "perm", "expected"),
    [
        ("county_admin", VIEW_ORGANIZATION, ALL_ORGS),
        ("county_admin", CHANGE_ORGANIZATION, ALL_ORGS),
        ("committee_secretary", VIEW_ORGANIZATION, TOWN),
        ("committee_secretary", CHANGE_ORGANIZATION, TOWN),
        ("branch_secretary", VIEW_ORGANIZATION, {"branch"}),
        ("branch_secretary", CHANGE_ORGANIZATION, set()),
        ("cadre", VIEW_ORGANIZATION, SCHOOL),
        ("cadre", CHANGE_ORGANIZATION, set()),
        ("member", VIEW_ORGANIZATION, set()),
        ("auditor", VIEW_ORGANIZATION, ALL_ORGS),
        ("auditor", CHANGE_ORGANIZATION, set()),
        ("outsider", VIEW_ORGANIZATION, SCHOOL),
        ("outsider", CHANGE_ORGANIZATION, SCHOOL),
    ],
)
def test_restrict_gives_the_organizations_of_the_role_subtree(cast, role, perm, expected):
    qs = scope.restrict(Organization.objects.all(), cast.users[role], perm, field="")

    assert org_names(cast, qs) == expected


@pytest.mark.parametrize(
    ("role", "perm", "expected"),
    [
        ("county_admin", VIEW_PERSON, ALL_PEOPLE),
        ("committee_secretary", VIEW_PERSON, TOWN_PEOPLE),
        ("committee_secretary", VIEW_PERSONAL_DATA, TOWN_PEOPLE),
        ("branch_secretary", VIEW_PERSON, BRANCH_PEOPLE),
        ("branch_secretary", CHANGE_PERSON, BRANCH_PEOPLE),
        ("cadre", VIEW_PERSON, {"zhao"}),
        ("cadre", VIEW_PERSONAL_DATA, set()),
        ("cadre", CHANGE_PERSON, set()),
        ("member", VIEW_PERSON, {"zhang"}),
        ("member", VIEW_PERSONAL_DATA, {"zhang"}),
        ("member", CHANGE_PERSON, set()),
        ("auditor", VIEW_PERSON, ALL_PEOPLE),
        ("auditor", VIEW_PERSONAL_DATA, set()),
        ("outsider", VIEW_PERSON, {"zhao"}),
    ],
)
def test_person_q_gives_the_people_of_the_role_subtree_and_oneself(cast, role, perm, expected):
    qs = Person.objects.filter(scope.person_q(cast.users[role], perm))

    assert person_names(cast, qs) == expected


def test_member_reaches_only_own_person_and_no_organization(cast):
    member = cast.users["member"]

    own = Person.objects.filter(scope.person_q(member, VIEW_PERSON))
    orgs = scope.restrict(Organization.objects.all(), member, VIEW_ORGANIZATION, field="")

    assert list(own) == [cast.people["zhang"]]
    assert list(orgs) == []
    assert scope.visible_roots(member) == []


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("committee_secretary", "branch"),
        ("committee_secretary", "town"),
        ("outsider", "school_branch"),
        ("auditor", "county"),
    ],
)
def test_get_scoped_or_404_returns_a_row_in_scope(cast, role, target):
    wanted = getattr(cast, target)

    found = scope.get_scoped_or_404(
        Organization.objects.all(), cast.users[role], VIEW_ORGANIZATION, field="", pk=wanted.pk
    )

    assert found == wanted


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("committee_secretary", "county"),
        ("committee_secretary", "school_branch"),
        ("outsider", "branch"),
        ("branch_secretary", "branch2"),
        ("member", "branch"),
    ],
)
def test_get_scoped_or_404_answers_404_outside_scope(cast, role, target):
    wanted = getattr(cast, target)

    with pytest.raises(Http404):
        scope.get_scoped_or_404(Organization.objects.all(), cast.users[role], VIEW_ORGANIZATION, field="", pk=wanted.pk)


def test_get_scoped_or_404_treats_a_missing_row_like_one_outside_scope(cast):
    with pytest.raises(Http404):
        scope.get_scoped_or_404(
            Organization.objects.all(), cast.users["county_admin"], VIEW_ORGANIZATION, field="", pk=0
        )


@pytest.mark.parametrize(
    ("role", "perm", "target", "expected"),
    [
        ("committee_secretary", CHANGE_ORGANIZATION, "branch", True),
        ("committee_secretary", CHANGE_ORGANIZATION, "town", True),
        ("committee_secretary", CHANGE_ORGANIZATION, "county", False),
        ("committee_secretary", APPROVE_EXIT, "town", True),
        ("committee_secretary", VIEW_ACCESS_LOG, "town", False),
        ("branch_secretary", CHANGE_PERSON, "branch", True),
        ("branch_secretary", APPROVE_EXIT, "branch", False),
        ("branch_secretary", MANAGE_ROLES, "branch", False),
        ("outsider", CHANGE_ORGANIZATION, "school_branch", True),
        ("outsider", CHANGE_ORGANIZATION, "branch", False),
        ("auditor", VIEW_ACCESS_LOG, "school_branch", True),
        ("auditor", CHANGE_PERSON, "branch", False),
        ("member", VIEW_PERSON, "branch", False),
    ],
)
def test_has_perm_covers_the_subtree_and_not_the_ancestors(cast, role, perm, target, expected):
    assert scope.has_perm(cast.users[role], perm, getattr(cast, target)) is expected


def test_require_allows_a_permission_held_on_an_ancestor(cast):
    assert scope.require(cast.users["committee_secretary"], CHANGE_ORGANIZATION, cast.branch) is None


@pytest.mark.parametrize(
    ("role", "perm", "target", "refusal"),
    [
        ("committee_secretary", CHANGE_ORGANIZATION, "school", Http404),
        ("committee_secretary", CHANGE_ORGANIZATION, "county", Http404),
        ("branch_secretary", CHANGE_ORGANIZATION, "branch", PermissionDenied),
        ("branch_secretary", CHANGE_PERSON, "branch2", Http404),
        ("cadre", CHANGE_PERSON, "school_branch", PermissionDenied),
        ("auditor", CHANGE_PERSON, "branch", PermissionDenied),
        ("member", VIEW_PERSON, "branch", Http404),
        ("outsider", VIEW_ORGANIZATION, "town", Http404),
    ],
)
def test_require_answers_404_outside_view_and_403_inside(cast, role, perm, target, refusal):
    with pytest.raises(refusal):
        scope.require(cast.users[role], perm, getattr(cast, target))


def test_require_refuses_anonymous_with_404(cast):
    with pytest.raises(Http404):
        scope.require(AnonymousUser(), VIEW_ORGANIZATION, cast.branch)


def inactive_admin(cast):
    admin = cast.users["county_admin"]
    admin.is_active = False
    admin.save()
    return fresh(admin)


@pytest.mark.parametrize(
    "who", [lambda cast: AnonymousUser(), inactive_admin], ids=["anonymous", "inactive-county-admin"]
)
def test_anonymous_and_inactive_users_hold_no_grants(cast, who):
    u = who(cast)

    assert scope.grants(u) == []
    assert scope.root_paths(u, VIEW_ORGANIZATION) == []
    assert scope.has_any(u, VIEW_ORGANIZATION) is False
    assert list(scope.restrict(Organization.objects.all(), u, VIEW_ORGANIZATION, field="")) == []


def test_role_on_a_dissolved_organization_grants_nothing(cast):
    closed = org(cast.town, "北岗村团支部")
    holder = user("closed_secretary", Role.BRANCH_SECRETARY, closed, person=cast.people["wang"])
    assert scope.has_perm(fresh(holder), VIEW_ORGANIZATION, closed) is True

    organization_dissolve(actor=cast.users["county_admin"], organization=closed)

    holder = fresh(holder)
    assert scope.grants(holder) == []
    assert scope.root_paths(holder, VIEW_ORGANIZATION) == []
    assert scope.has_perm(holder, VIEW_ORGANIZATION, closed) is False
    assert list(Person.objects.filter(scope.person_q(holder, VIEW_PERSON))) == []
    with pytest.raises(Http404):
        scope.require(holder, CHANGE_PERSON, closed)


def test_nested_grants_collapse_to_the_top_of_the_subtree(cast):
    holder = user("many_hats", Role.COMMITTEE_SECRETARY, cast.county)
    RoleAssignment.objects.create(user=holder, organization=cast.town, role=Role.COMMITTEE_SECRETARY)
    RoleAssignment.objects.create(user=holder, organization=cast.branch, role=Role.BRANCH_SECRETARY)

    tops = scope.root_paths(holder, VIEW_ORGANIZATION)

    assert tops == [cast.county.path]
    assert org_names(cast, scope.restrict(Organization.objects.all(), holder, VIEW_ORGANIZATION, "")) == ALL_ORGS


def test_sibling_grants_stay_separate_roots(cast):
    holder = user("two_branches", Role.BRANCH_SECRETARY, cast.branch)
    RoleAssignment.objects.create(user=holder, organization=cast.branch2, role=Role.BRANCH_SECRETARY)
    RoleAssignment.objects.create(user=holder, organization=cast.school_branch, role=Role.CADRE)

    tops = scope.root_paths(holder, VIEW_ORGANIZATION)
    changeable = scope.root_paths(holder, CHANGE_PERSON)

    assert tops == [cast.branch.path, cast.branch2.path, cast.school_branch.path]
    assert changeable == [cast.branch.path, cast.branch2.path]


def test_grants_are_cached_until_forgotten(cast):
    holder = cast.users["cadre"]
    assert scope.has_perm(holder, VIEW_ORGANIZATION, cast.branch) is False
    RoleAssignment.objects.create(user=holder, organization=cast.town, role=Role.CADRE)

    before = scope.has_perm(holder, VIEW_ORGANIZATION, cast.branch)
    scope.forget(holder)
    after = scope.has_perm(holder, VIEW_ORGANIZATION, cast.branch)

    assert (before, after) == (False, True)


@pytest.mark.parametrize(
    ("role", "roots"),
    [
        ("county_admin", ["county"]),
        ("committee_secretary", ["town"]),
        ("outsider", ["school"]),
        ("branch_secretary", ["branch"]),
        ("member", []),
    ],
)
def test_visible_roots_are_the_tops_of_the_view(cast, role, roots):
    assert scope.visible_roots(cast.users[role]) == [getattr(cast, r) for r in roots]


def test_require_any_allows_a_holder_of_the_permission_anywhere(cast):
    assert scope.require_any(cast.users["branch_secretary"], VIEW_ORGANIZATION) is None


def test_require_any_answers_404_to_users_without_the_permission_anywhere(cast):
    with pytest.raises(Http404):
        scope.require_any(cast.users["member"], VIEW_ORGANIZATION)
