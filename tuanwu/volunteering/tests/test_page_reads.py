"""The reads behind the volunteering pages: loads that check the needed permission in one step, the activity
page's numbers, the flags the templates show buttons by, and the filters of the certificate and task-force
lists."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING
from tuanwu.volunteering import selectors
from tuanwu.volunteering.filters import CertificateFilter, TaskForceFilter
from tuanwu.volunteering.models import HourEntry, Signup, TaskForce
from tuanwu.volunteering.services.certificates import certificate_issue
from tuanwu.volunteering.services.ledger import attendance_confirm
from tuanwu.volunteering.services.task_forces import task_force_create, task_force_member_add

from .factories import activity, approved, at, day, issuer_ready, served, signup


@pytest.fixture
def event(cast):
    return activity(cast.users["committee_secretary"], cast.town, capacity=1)


@pytest.mark.parametrize(
    ("name", "refusal"),
    [("auditor", PermissionDenied), ("outsider", Http404), ("member", Http404)],
)
def test_signup_get_refuses_who_does_not_manage_the_organizer(cast, event, name, refusal):
    row = signup(cast, event, "zhang")

    with pytest.raises(refusal):
        selectors.signup_get(cast.users[name], row.pk, perm=MANAGE_VOLUNTEERING)


def test_signup_get_loads_the_sign_up_for_the_organizer(cast, event):
    row = signup(cast, event, "zhang")

    loaded = selectors.signup_get(cast.users["committee_secretary"], row.pk, perm=MANAGE_VOLUNTEERING)

    assert (loaded.pk, loaded.activity.pk, loaded.person.name) == (row.pk, event.pk, row.person.name)


def test_activity_get_with_manage_refuses_a_viewer_with_403(cast, event):
    with pytest.raises(PermissionDenied):
        selectors.activity_get(cast.users["auditor"], event.pk, perm=MANAGE_VOLUNTEERING)


def test_activity_summary_counts_sign_ups_and_recorded_hours(cast, event):
    row = approved(cast, event, "zhang")
    signup(cast, event, "wang")
    attendance_confirm(actor=cast.users["committee_secretary"], signup=row, present=True)

    summary = selectors.activity_summary(event)

    assert summary["counts"][Signup.Status.APPROVED] == 1
    assert summary["counts"][Signup.Status.WAITLISTED] == 1
    assert (summary["recorded"], summary["recorded_hours"], summary["full"]) == (1, 3, True)
    assert [(r.signup.pk, r.can_decide, r.can_confirm) for r in summary["signups"]][0] == (row.pk, False, True)
    assert summary["signups"][1].can_decide is True


def test_a_certified_entry_can_no_longer_be_confirmed_on_the_activity_page(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))

    (row,) = selectors.activity_summary(entry.activity)["signups"]

    assert (row.entry.status, row.can_confirm) == (HourEntry.Status.CERTIFIED, False)


@pytest.fixture
def team(cast):
    return task_force_create(
        actor=cast.users["committee_secretary"],
        organization=cast.town,
        name="东湖镇青年防汛突击队",
        field=TaskForce.Field.SUPPORT,
        founded_on=day(0),
    )


def test_the_deploy_button_shows_for_an_active_task_force_only(cast, team, client):
    client.force_login(cast.users["committee_secretary"])
    url = reverse("volunteering:task_force_detail", args=[team.pk])
    deploy = reverse("volunteering:task_force_deploy", args=[team.pk])

    active = client.get(url).content.decode()
    TaskForce.objects.filter(pk=team.pk).update(status=TaskForce.Status.DISBANDED)
    disbanded = client.get(url).content.decode()

    assert deploy in active
    assert deploy not in disbanded


def test_task_force_member_get_refuses_a_viewer(cast, team):
    member = task_force_member_add(
        actor=cast.users["committee_secretary"], task_force=team, person=cast.people["zhang"], joined_on=day(0)
    )

    with pytest.raises(PermissionDenied):
        selectors.task_force_member_get(cast.users["auditor"], member.pk, perm=MANAGE_VOLUNTEERING)


def test_the_task_force_filter_selects_by_status_and_name(cast, team):
    other = task_force_create(
        actor=cast.users["committee_secretary"],
        organization=cast.town,
        name="东湖镇青年交通突击队",
        field=TaskForce.Field.TRAFFIC,
        founded_on=day(0),
    )
    TaskForce.objects.filter(pk=other.pk).update(status=TaskForce.Status.DISBANDED)
    qs = selectors.task_force_list(cast.users["county_admin"])

    assert list(TaskForceFilter({"status": "active"}).filter(qs)) == [team]
    assert list(TaskForceFilter({"q": "交通"}).filter(qs)) == [other]


def test_the_certificate_filter_finds_by_name_or_number(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))
    issuer_ready(cast.town)
    certificate = certificate_issue(
        actor=cast.users["committee_secretary"],
        person=cast.people["zhang"],
        organization=cast.town,
        period_start=day(-1),
        period_end=day(1),
        handler="李华",
    )
    qs = selectors.certificate_list(cast.users["county_admin"])

    assert list(CertificateFilter({"q": cast.people["zhang"].name}).filter(qs)) == [certificate]
    assert list(CertificateFilter({"q": certificate.number[-6:]}).filter(qs)) == [certificate]
    assert list(CertificateFilter({"q": "没有这个人"}).filter(qs)) == []
