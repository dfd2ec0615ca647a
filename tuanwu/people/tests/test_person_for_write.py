"""The one way a write turns the ids it received into people: within the actor's scope for a permission, and
404 for anything else (missing, outside, or not an id at all), so that a write tells nothing."""

import pytest
from django.http import Http404

from tuanwu.accounts.roles import CHANGE_PERSON
from tuanwu.people.selectors import people_for_write, person_for_write


def test_people_in_scope_are_resolved_by_id(cast):
    secretary = cast.users["committee_secretary"]
    zhang, wang = cast.people["zhang"], cast.people["wang"]

    assert person_for_write(secretary, zhang.pk, CHANGE_PERSON) == zhang
    assert person_for_write(secretary, str(wang.pk), CHANGE_PERSON) == wang
    assert people_for_write(secretary, [zhang.pk, wang.pk, zhang.pk], CHANGE_PERSON) == {zhang.pk: zhang, wang.pk: wang}


@pytest.mark.parametrize("value", [None, "", "abc", "-1", 0, -5, True, 1.5, 2**63, "9" * 30, [1]])
def test_anything_that_is_not_an_id_is_a_missing_person(cast, value):
    with pytest.raises(Http404):
        person_for_write(cast.users["county_admin"], value, CHANGE_PERSON)


@pytest.mark.parametrize(
    ("who", "person"),
    [
        ("committee_secretary", "zhao"),  # the school: beside the town
        ("branch_secretary", "wang"),  # 西湾村: beside the branch
        ("outsider", "zhang"),
        ("cadre", "zhao"),  # sees the school, changes nobody
        ("auditor", "zhang"),
        ("member", "zhang"),  # their own record: seen, not written through
    ],
)
def test_a_person_outside_the_scope_for_the_permission_is_missing(cast, who, person):
    with pytest.raises(Http404):
        person_for_write(cast.users[who], cast.people[person].pk, CHANGE_PERSON)


def test_one_person_outside_refuses_them_all(cast):
    with pytest.raises(Http404):
        people_for_write(
            cast.users["committee_secretary"], [cast.people["zhang"].pk, cast.people["zhao"].pk], CHANGE_PERSON
        )


def test_among_narrows_the_people_a_write_may_name(cast):
    from tuanwu.people.models import Person

    branch_only = Person.objects.filter(organization=cast.branch)

    with pytest.raises(Http404):
        person_for_write(cast.users["county_admin"], cast.people["wang"].pk, CHANGE_PERSON, among=branch_only)
