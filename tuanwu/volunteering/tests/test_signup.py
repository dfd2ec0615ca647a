"""Sign-up: who may join, places and the waiting list, the organizer's decision and its scope."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.volunteering.models import Signup
from tuanwu.volunteering.services.signups import signup_create, signup_decide, signup_withdraw

from .factories import activity, approved, signup, state, volunteer


def test_a_person_in_the_recruiting_subtree_signs_up_pending(cast):
    event = activity(cast.users["committee_secretary"], cast.town, recruit_organization=cast.branch)

    row = signup(cast, event, "zhang")

    assert (row.status, row.person, row.organization) == (Signup.Status.PENDING, cast.people["zhang"], cast.branch)


def test_a_person_outside_the_recruiting_subtree_is_refused(cast):
    event = activity(cast.users["committee_secretary"], cast.town, recruit_organization=cast.branch)
    wang = volunteer(cast, "wang")  # 西湾村, a sibling of the recruiting 东湖村
    before = state()

    with pytest.raises(ValidationError) as error:
        signup_create(actor=wang, activity=event)

    assert error.value.code == "SIGNUP_OUTSIDE_RECRUITMENT"
    assert state() == before


def test_an_activity_open_to_all_accepts_a_person_from_another_committee(cast):
    event = activity(cast.users["committee_secretary"], cast.town, open_to_all=True)

    row = signup(cast, event, "zhao")  # 青禾一中, outside the town

    assert (row.status, row.organization) == (Signup.Status.PENDING, cast.school_branch)


def test_without_open_to_all_a_person_from_another_committee_is_refused(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    zhao = volunteer(cast, "zhao")
    before = state()

    with pytest.raises(ValidationError) as error:
        signup_create(actor=zhao, activity=event)

    assert error.value.code == "SIGNUP_OUTSIDE_RECRUITMENT"
    assert state() == before


def test_an_account_without_a_person_cannot_sign_up(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    before = state()

    with pytest.raises(ValidationError) as error:
        signup_create(actor=cast.users["committee_secretary"], activity=event)

    assert error.value.code == "NO_PERSON"
    assert state() == before


def test_a_draft_activity_takes_no_sign_ups(cast):
    event = activity(cast.users["committee_secretary"], cast.town, publish=False)
    before = state()

    with pytest.raises(ValidationError) as error:
        signup_create(actor=cast.users["member"], activity=event)

    assert error.value.code == "SIGNUP_CLOSED"
    assert state() == before


def test_a_second_sign_up_of_the_same_person_is_refused(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    signup(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        signup_create(actor=cast.users["member"], activity=event)

    assert error.value.code == "SIGNUP_DUPLICATE"
    assert state() == before


def test_signing_up_again_after_withdrawing_reopens_the_same_sign_up(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    first = signup(cast, event, "zhang")
    signup_withdraw(actor=cast.users["member"], signup=first)

    again = signup_create(actor=cast.users["member"], activity=event, note="时间可以了")

    assert again.pk == first.pk
    assert (again.status, again.note) == (Signup.Status.PENDING, "时间可以了")
    assert Signup.objects.count() == 1


# Places and the waiting list


def test_sign_ups_beyond_the_approved_places_join_the_waiting_list(cast):
    event = activity(cast.users["committee_secretary"], cast.town, capacity=1)
    approved(cast, event, "zhang")

    late = signup(cast, event, "li")

    assert late.status == Signup.Status.WAITLISTED


def test_pending_sign_ups_do_not_take_places(cast):
    event = activity(cast.users["committee_secretary"], cast.town, capacity=1)
    signup(cast, event, "zhang")

    second = signup(cast, event, "li")

    assert second.status == Signup.Status.PENDING


def test_approval_beyond_the_places_is_refused(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town, capacity=1)
    first, second = signup(cast, event, "zhang"), signup(cast, event, "li")
    signup_decide(actor=secretary, signup=first, approve=True)
    before = state()

    with pytest.raises(ValidationError) as error:
        signup_decide(actor=secretary, signup=second, approve=True)

    assert error.value.code == "ACTIVITY_FULL"
    assert state() == before


def test_withdrawing_an_approved_volunteer_moves_the_first_waiting_to_pending(cast):
    event = activity(cast.users["committee_secretary"], cast.town, capacity=1)
    taken = approved(cast, event, "zhang")
    first_waiting, second_waiting = signup(cast, event, "li"), signup(cast, event, "wang")

    signup_withdraw(actor=cast.users["member"], signup=taken)

    statuses = dict(Signup.objects.values_list("pk", "status"))
    assert statuses == {
        taken.pk: Signup.Status.WITHDRAWN,
        first_waiting.pk: Signup.Status.PENDING,
        second_waiting.pk: Signup.Status.WAITLISTED,
    }


def test_withdrawing_from_the_waiting_list_promotes_nobody(cast):
    event = activity(cast.users["committee_secretary"], cast.town, capacity=1)
    approved(cast, event, "zhang")
    first_waiting, second_waiting = signup(cast, event, "wang"), signup(cast, event, "youth")

    signup_withdraw(actor=volunteer(cast, "wang"), signup=first_waiting)

    assert Signup.objects.get(pk=second_waiting.pk).status == Signup.Status.WAITLISTED


def test_declining_an_approved_volunteer_moves_the_first_waiting_to_pending(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town, capacity=1)
    taken = approved(cast, event, "zhang")
    waiting = signup(cast, event, "li")

    signup_decide(actor=secretary, signup=taken, approve=False, reason="名额调整给本村青年")

    assert Signup.objects.get(pk=waiting.pk).status == Signup.Status.PENDING


def test_a_volunteer_cannot_withdraw_someone_elses_sign_up(cast):
    event = activity(cast.users["committee_secretary"], cast.town)
    theirs = signup(cast, event, "li")
    before = state()

    with pytest.raises(PermissionDenied):
        signup_withdraw(actor=cast.users["member"], signup=theirs)

    assert state() == before


# Decisions


def test_approval_records_who_decided(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)

    row = approved(cast, event, "zhang")

    assert (row.status, row.decided_by, row.reason) == (Signup.Status.APPROVED, secretary, "")
    assert row.decided_at is not None


def test_declining_keeps_the_reason(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = signup(cast, event, "zhang")

    declined = signup_decide(actor=secretary, signup=row, approve=False, reason="  年龄不符合要求 ")

    assert (declined.status, declined.reason, declined.decided_by) == (
        Signup.Status.DECLINED,
        "年龄不符合要求",
        secretary,
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_declining_without_a_reason_is_refused(cast, reason):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = signup(cast, event, "zhang")
    before = state()

    with pytest.raises(ValidationError) as error:
        signup_decide(actor=secretary, signup=row, approve=False, reason=reason)

    assert error.value.code == "REASON_REQUIRED"
    assert state() == before


def test_a_declined_sign_up_cannot_be_approved_afterwards(cast):
    secretary = cast.users["committee_secretary"]
    event = activity(secretary, cast.town)
    row = signup_decide(actor=secretary, signup=signup(cast, event, "zhang"), approve=False, reason="已满")
    before = state()

    with pytest.raises(ValidationError) as error:
        signup_decide(actor=secretary, signup=row, approve=True)

    assert error.value.code == "SIGNUP_FINAL"
    assert state() == before


@pytest.mark.parametrize("organizer", ["county_admin", "committee_secretary"])
def test_the_organizer_and_its_leaders_may_decide(cast, organizer):
    event = activity(cast.users["committee_secretary"], cast.town)

    row = signup_decide(actor=cast.users[organizer], signup=signup(cast, event, "zhang"), approve=True)

    assert row.status == Signup.Status.APPROVED


@pytest.mark.parametrize(
    ("name", "refusal"),
    [
        ("outsider", Http404),  # secretary of 青禾一中: the town is outside what they see
        ("cadre", Http404),  # school cadre, view only, outside the town
        ("branch_secretary", Http404),  # secretary of 东湖村, below the organizing town
        ("member", Http404),
        ("auditor", PermissionDenied),  # sees the whole county, may change nothing
    ],
)
def test_a_user_who_does_not_manage_the_organizer_cannot_decide(cast, name, refusal):
    event = activity(cast.users["committee_secretary"], cast.town)
    row = signup(cast, event, "wang")
    before = state()

    with pytest.raises(refusal):
        signup_decide(actor=cast.users[name], signup=row, approve=True)

    assert state() == before


def test_a_school_cadre_sees_but_cannot_decide_on_a_school_activity(cast):
    event = activity(cast.users["outsider"], cast.school)
    row = signup(cast, event, "zhao")
    before = state()

    with pytest.raises(PermissionDenied):
        signup_decide(actor=cast.users["cadre"], signup=row, approve=True)

    assert state() == before


def test_ticked_sign_ups_are_approved_at_once_from_the_activity_page(cast, client_as):
    from tuanwu.volunteering.models import Signup

    from .factories import activity, signup

    event = activity(cast.users["committee_secretary"], cast.town, capacity=5)
    rows = [signup(cast, event, name) for name in ("zhang", "li")]
    client = client_as("committee_secretary")

    page = client.get(f"/volunteering/activities/{event.pk}/").content.decode()
    response = client.post(
        f"/volunteering/activities/{event.pk}/signups/approve/", {"ids": [r.pk for r in rows]}, follow=True
    )

    assert 'data-testid="batch-approve"' in page and f'data-testid="tick-{rows[0].pk}"' in page
    assert set(Signup.objects.filter(pk__in=[r.pk for r in rows]).values_list("status", flat=True)) == {"approved"}
    assert "2" in response.content.decode()


def test_a_batch_beyond_the_places_approves_nobody_and_names_who_did_not_fit(cast):
    from tuanwu.volunteering.models import Signup
    from tuanwu.volunteering.services.signups import signups_approve

    from .factories import activity, signup

    event = activity(cast.users["committee_secretary"], cast.town, capacity=1)
    rows = [signup(cast, event, name) for name in ("zhang", "li")]

    with pytest.raises(ValidationError) as error:
        signups_approve(actor=cast.users["committee_secretary"], activity=event, ids=[r.pk for r in rows])

    assert cast.people["li"].name in " ".join(error.value.messages)
    assert set(Signup.objects.filter(pk__in=[r.pk for r in rows]).values_list("status", flat=True)) == {"pending"}


def test_a_sign_up_of_another_activity_cannot_ride_along(cast):
    from tuanwu.volunteering.services.signups import signups_approve

    from .factories import activity, signup

    event = activity(cast.users["committee_secretary"], cast.town)
    other = activity(cast.users["committee_secretary"], cast.town, title="另一个活动")
    stray = signup(cast, other, "zhang")

    with pytest.raises(ValidationError) as error:
        signups_approve(actor=cast.users["committee_secretary"], activity=event, ids=[stray.pk])

    assert error.value.code == "SIGNUP_NOT_IN_ACTIVITY"
