"""Who sees a care record: its follower, the line above and the county; nobody else, and every view is logged."""

import pytest
from django.http import Http404

from tests.factories import org, user
from tuanwu.accounts.roles import Role
from tuanwu.audit.models import AccessLog
from tuanwu.care import selectors as sel
from tuanwu.care import services

from .factories import record


@pytest.fixture
def other_branch_secretary(cast):
    return user("west_secretary", Role.BRANCH_SECRETARY, cast.branch2)


@pytest.mark.parametrize("role", ["county_admin", "committee_secretary", "branch_secretary"])
def test_follower_line_above_and_county_see_the_record(cast, role):
    r = record(cast)

    assert sel.care_record_get(cast.users[role], r.pk) == r
    assert list(sel.care_record_list(cast.users[role])) == [r]


@pytest.mark.parametrize("role", ["cadre", "member", "auditor", "outsider"])
def test_others_do_not_see_the_record(cast, role):
    r = record(cast)

    with pytest.raises(Http404):
        sel.care_record_get(cast.users[role], r.pk)
    assert list(sel.care_record_list(cast.users[role])) == []


def test_branch_secretary_of_another_branch_does_not_see_it(cast, other_branch_secretary):
    r = record(cast)

    with pytest.raises(Http404):
        sel.care_record_get(other_branch_secretary, r.pk)
    assert not sel.care_register_visible(other_branch_secretary)


def test_branch_secretary_sees_only_the_records_they_follow(cast):
    followed = record(cast)
    record(cast, follower=None, name="周婷")

    assert list(sel.care_record_list(cast.users["branch_secretary"])) == [followed]


def test_a_view_is_logged_with_the_records_organization(cast):
    r = record(cast)

    services.care_record_view_record(actor=cast.users["committee_secretary"], record=r, remote_addr="10.0.0.1")

    log = AccessLog.objects.get()
    assert (log.actor, log.action, log.organization, log.fields, log.remote_addr) == (
        cast.users["committee_secretary"],
        "view",
        cast.branch,
        "care_record",
        "10.0.0.1",
    )


def test_a_record_of_a_branch_elsewhere_stays_with_its_line(cast):
    school_record = record(cast, organization=cast.school_branch, follower=None, name="赵磊")
    far = org(cast.school, "2024级2班团支部")

    assert sel.care_record_list(cast.users["outsider"]).get() == school_record
    assert list(sel.care_record_list(cast.users["committee_secretary"])) == []
    assert far.pk
