"""Writes to the organization tree: create, update, move and dissolve, their refusals and their history."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation

from tests.factories import org
from tuanwu.accounts.roles import CHANGE_PERSON, VIEW_PERSON
from tuanwu.organizations import scope
from tuanwu.organizations.models import Kind, Organization, Sector
from tuanwu.organizations.selectors import organization_tree
from tuanwu.organizations.services import (
    organization_create,
    organization_dissolve,
    organization_move,
    organization_update,
)
from tuanwu.people.models import Person


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def tree_rows():
    """Everything the services may change, to show that a refusal changed nothing."""
    return list(
        Organization.objects.order_by("pk").values_list(
            "pk", "path", "depth", "numchild", "parent_id", "name", "status", "version"
        )
    )


def last_log() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def logs_since(pk: int) -> list[LogEntry]:
    return list(LogEntry.objects.filter(pk__gt=pk).order_by("pk"))


def fresh(u):
    """The user as the next request loads it, without cached grants."""
    return get_user_model().objects.get(pk=u.pk)


def forest_pks(user, include_dissolved=False) -> set[int]:
    found = set()

    def walk(nodes):
        for node in nodes:
            found.add(node.org.pk)
            walk(node.children)

    walk(organization_tree(user, {}, include_dissolved=include_dissolved))
    return found


# create


def test_create_adds_a_child_under_a_committee_with_a_history_entry(cast):
    secretary = cast.users["committee_secretary"]
    since = last_log()

    created = organization_create(
        actor=secretary,
        parent=cast.town,
        code="DH03",
        name="北岗村团支部",
        full_name="共青团北岗村支部",
        kind=Kind.BRANCH,
        sector=Sector.RURAL,
    )

    cast.town.refresh_from_db()
    assert created.parent == cast.town
    assert created.path.startswith(cast.town.path)
    assert created.depth == cast.town.depth + 1
    assert cast.town.numchild == 3
    [entry] = logs_since(since)
    assert (entry.action, entry.actor, entry.object_pk) == (LogEntry.Action.CREATE, secretary, str(created.pk))
    assert entry.changes_dict["name"] == [None, "北岗村团支部"]


def test_create_under_a_branch_is_refused_and_nothing_is_written(cast):
    before, since = tree_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        organization_create(
            actor=cast.users["county_admin"],
            parent=cast.branch,
            code="DH0101",
            name="东湖村一组",
            full_name="共青团东湖村一组",
            kind=Kind.BRANCH,
            sector=Sector.RURAL,
        )

    assert error.value.code == "ORG_PARENT_IS_BRANCH"
    assert error.value.messages == ["东湖村团支部 is a branch; a branch cannot have sub-organizations."]
    assert tree_rows() == before
    assert logs_since(since) == []


# move


def test_move_with_subtree_rewrites_the_paths_of_all_descendants(cast):
    admin = cast.users["county_admin"]

    moved = organization_move(actor=admin, organization=cast.town, new_parent=cast.school)

    for o in (cast.county, cast.school, cast.town, cast.branch, cast.branch2, cast.school_branch):
        o.refresh_from_db()
    assert moved.parent == cast.school
    assert cast.town.path.startswith(cast.school.path)
    assert cast.town.depth == 3
    assert cast.branch.path.startswith(cast.town.path)
    assert cast.branch2.path.startswith(cast.town.path)
    assert (cast.branch.depth, cast.branch2.depth) == (4, 4)
    assert (cast.branch.parent_id, cast.branch2.parent_id) == (cast.town.pk, cast.town.pk)
    assert (cast.county.numchild, cast.school.numchild, cast.town.numchild) == (1, 2, 2)
    assert cast.town.version == 2
    assert Organization.objects.find_problems() == ([], [], [], [], [])


def test_role_holders_scope_follows_the_moved_organization(cast):
    zhang = cast.people["zhang"]

    organization_move(actor=cast.users["county_admin"], organization=cast.branch, new_parent=cast.school)

    cast.branch.refresh_from_db()
    branch_secretary = fresh(cast.users["branch_secretary"])
    committee_secretary = fresh(cast.users["committee_secretary"])
    outsider = fresh(cast.users["outsider"])
    assert scope.has_perm(branch_secretary, CHANGE_PERSON, cast.branch) is True
    assert Person.objects.filter(scope.person_q(branch_secretary, VIEW_PERSON), pk=zhang.pk).exists()
    assert scope.has_perm(committee_secretary, VIEW_PERSON, cast.branch) is False
    assert not Person.objects.filter(scope.person_q(committee_secretary, VIEW_PERSON), pk=zhang.pk).exists()
    assert scope.has_perm(outsider, CHANGE_PERSON, cast.branch) is True
    assert Person.objects.filter(scope.person_q(outsider, VIEW_PERSON), pk=zhang.pk).exists()


def test_move_to_the_current_parent_changes_nothing(cast):
    before, since = tree_rows(), last_log()

    organization_move(actor=cast.users["county_admin"], organization=cast.branch, new_parent=cast.town)

    assert tree_rows() == before
    assert logs_since(since) == []


@pytest.mark.parametrize(
    ("moving", "target", "code", "message"),
    [
        (
            "town",
            "town",
            "ORG_MOVE_INTO_SUBTREE",
            "东湖镇团委 cannot move under itself or one of its own sub-organizations.",
        ),
        (
            "town",
            "sub",
            "ORG_MOVE_INTO_SUBTREE",
            "东湖镇团委 cannot move under itself or one of its own sub-organizations.",
        ),
        (
            "branch2",
            "branch",
            "ORG_PARENT_IS_BRANCH",
            "东湖村团支部 is a branch; a branch cannot have sub-organizations.",
        ),
        ("branch2", "closed", "ORG_PARENT_DISSOLVED", "旧青年团委 is dissolved and cannot take sub-organizations."),
        ("county", "school", "ORG_MOVE_ROOT", "The county committee cannot be moved."),
    ],
)
def test_move_is_refused_and_nothing_changes(cast, moving, target, code, message):
    admin = cast.users["county_admin"]
    places = {
        "sub": org(cast.town, "东湖镇工委", Kind.WORKING_COMMITTEE),
        "closed": organization_dissolve(actor=admin, organization=org(cast.county, "旧青年团委", Kind.COMMITTEE)),
    }
    places |= {name: getattr(cast, name) for name in ("county", "town", "school", "branch", "branch2")}
    before, since = tree_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        organization_move(actor=admin, organization=places[moving], new_parent=places[target])

    assert error.value.code == code
    assert error.value.messages == [message]
    assert tree_rows() == before
    assert logs_since(since) == []


# dissolve


def test_dissolve_is_refused_while_people_are_registered(cast):
    before, since = tree_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        organization_dissolve(actor=cast.users["county_admin"], organization=cast.branch2)

    assert error.value.code == "ORG_DISSOLVE_NOT_EMPTY"
    assert error.value.messages == [
        "西湾村团支部 still has 1 people registered; move them to another organization first."
    ]
    assert tree_rows() == before
    assert logs_since(since) == []


def test_dissolve_is_refused_while_active_sub_organizations_exist(cast):
    before, since = tree_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        organization_dissolve(actor=cast.users["county_admin"], organization=cast.town)

    assert error.value.code == "ORG_DISSOLVE_NOT_EMPTY"
    assert error.value.messages == ["东湖镇团委 still has 2 active sub-organizations; move or dissolve them first."]
    assert tree_rows() == before
    assert logs_since(since) == []


def test_dissolve_of_an_empty_organization_drops_it_from_the_tree(cast, today):
    admin = cast.users["county_admin"]
    empty = org(cast.town, "北岗村团支部")
    assert empty.pk in forest_pks(admin)

    dissolved = organization_dissolve(actor=admin, organization=empty, on=today, reason="并入东湖村团支部")

    empty.refresh_from_db()
    assert dissolved.pk == empty.pk
    assert (empty.status, empty.dissolved_on, empty.dissolution_reason, empty.version) == (
        Organization.Status.DISSOLVED,
        today,
        "并入东湖村团支部",
        2,
    )
    assert empty.pk not in forest_pks(admin)
    assert empty.pk in forest_pks(admin, include_dissolved=True)


def test_dissolve_succeeds_once_all_sub_organizations_are_dissolved(cast):
    admin = cast.users["county_admin"]
    committee = org(cast.county, "青禾工业园团工委", Kind.WORKING_COMMITTEE)
    organization_dissolve(actor=admin, organization=org(committee, "一号厂团支部"))

    organization_dissolve(actor=admin, organization=committee)

    committee.refresh_from_db()
    assert committee.status == Organization.Status.DISSOLVED


@pytest.mark.parametrize(
    ("target", "code"),
    [("county", "ORG_DISSOLVE_ROOT"), ("already", "ORG_ALREADY_DISSOLVED")],
)
def test_dissolve_of_the_root_or_twice_is_refused(cast, target, code):
    admin = cast.users["county_admin"]
    places = {
        "county": cast.county,
        "already": organization_dissolve(actor=admin, organization=org(cast.town, "北岗村团支部")),
    }
    before, since = tree_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        organization_dissolve(actor=admin, organization=places[target])

    assert error.value.code == code
    assert tree_rows() == before
    assert logs_since(since) == []


# update


def test_update_with_a_stale_version_is_refused_and_nothing_changes(cast):
    admin = cast.users["county_admin"]
    organization_update(actor=admin, organization=cast.town, version=1, name="东湖镇团委（新）")
    before, since = tree_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        organization_update(actor=admin, organization=cast.town, version=1, name="东湖镇团委（旧）")

    cast.town.refresh_from_db()
    assert error.value.code == "EDIT_CONFLICT"
    assert (cast.town.name, cast.town.version) == ("东湖镇团委（新）", 2)
    assert tree_rows() == before
    assert logs_since(since) == []


def test_update_of_a_committee_with_children_into_a_branch_is_refused(cast):
    before, since = tree_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        organization_update(actor=cast.users["county_admin"], organization=cast.town, kind=Kind.BRANCH)

    assert error.value.code == "ORG_PARENT_IS_BRANCH"
    assert tree_rows() == before
    assert logs_since(since) == []


# scope of every write


def do_create(actor, target, cast):
    return organization_create(
        actor=actor,
        parent=target,
        code="NEW1",
        name="新团支部",
        full_name="共青团新团支部",
        kind=Kind.BRANCH,
        sector=Sector.RURAL,
    )


def do_update(actor, target, cast):
    return organization_update(actor=actor, organization=target, name="改名团支部")


def do_move(actor, target, cast):
    return organization_move(actor=actor, organization=target, new_parent=cast.school)


def do_dissolve(actor, target, cast):
    return organization_dissolve(actor=actor, organization=target, reason="撤销")


WRITES = [do_create, do_update, do_move, do_dissolve]


@pytest.mark.parametrize("write", WRITES, ids=lambda f: f.__name__[3:])
@pytest.mark.parametrize(
    ("role", "target", "refusal"),
    [
        ("outsider", "branch", Http404),
        ("member", "branch", Http404),
        ("committee_secretary", "school_branch", Http404),
        ("branch_secretary", "branch", PermissionDenied),
        ("cadre", "school_branch", PermissionDenied),
        ("auditor", "branch", PermissionDenied),
    ],
)
def test_write_outside_scope_is_404_and_without_the_right_is_403(cast, write, role, target, refusal):
    before, since = tree_rows(), last_log()

    with pytest.raises(refusal):
        write(cast.users[role], getattr(cast, target), cast)

    assert tree_rows() == before
    assert logs_since(since) == []


@pytest.mark.parametrize(
    ("write", "changed"),
    [
        (do_update, {"name"}),
        (do_move, {"parent"}),
        (do_dissolve, {"status", "dissolved_on", "dissolution_reason"}),
    ],
    ids=lambda v: v.__name__[3:] if callable(v) else None,
)
def test_every_change_leaves_one_history_entry_with_its_actor(cast, write, changed):
    admin = cast.users["county_admin"]
    target = org(cast.town, "北岗村团支部")
    since = last_log()

    write(admin, target, cast)

    [entry] = logs_since(since)
    assert (entry.action, entry.actor, entry.object_pk) == (LogEntry.Action.UPDATE, admin, str(target.pk))
    assert set(entry.changes_dict) == changed
