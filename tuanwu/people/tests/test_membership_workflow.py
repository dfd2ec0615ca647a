"""Membership: registration with its development number, and exits that the committee above decides."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation

from tests.factories import development_number, full_width
from tuanwu.core.dates import add_months, add_years
from tuanwu.people.models import Membership, MembershipEvent, Person
from tuanwu.people.selectors import pending_exits
from tuanwu.people.services import (
    membership_exit_approve,
    membership_exit_reject,
    membership_exit_request,
    membership_register,
    person_move,
)
from tuanwu.people.workflow import ExitKind, MembershipStatus, Transition


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def membership_rows():
    return list(
        Membership.objects.order_by("pk").values_list(
            "pk", "person_id", "organization_id", "development_number", "status", "status_changed_on", "version"
        )
    )


def event_rows():
    return list(
        MembershipEvent.objects.order_by("pk").values_list(
            "membership_id", "transition", "from_status", "to_status", "actor__username", "reason"
        )
    )


def last_log() -> int:
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def logs_since(pk: int) -> list[LogEntry]:
    return list(LogEntry.objects.filter(pk__gt=pk).order_by("pk"))


def request_exit(cast, whose="zhang", kind=ExitKind.AGE_OUT):
    """The exit request as the person's branch would file it (county_admin stands in outside the town), meeting
    the kind's rules: the member is 28 for an age-out, six months without dues and organizational life for a
    lapse."""
    actor = cast.users["branch_secretary"] if whose in ("zhang", "li") else cast.users["county_admin"]
    return membership_exit_request(
        actor=actor,
        membership=cast.people[whose].membership,
        exit_kind=kind,
        reason="满28周岁",
        **exit_facts(cast.people[whose], kind),
    )


def exit_facts(person, kind) -> dict:
    """What the rules of an exit kind need: an age-out candidate aged 28, a lapse's six months of evidence."""
    today = timezone.localdate()
    if kind == ExitKind.AGE_OUT:
        Person.objects.filter(pk=person.pk).update(birth_date=add_years(today, -28))
    if kind == ExitKind.LAPSE:
        return {"last_dues_on": add_months(today, -7), "last_org_life_on": add_months(today, -7)}
    return {}


# exit requests and decisions


@pytest.mark.parametrize(
    ("kind", "pending"),
    [
        (ExitKind.AGE_OUT, MembershipStatus.AGE_OUT_PENDING),
        (ExitKind.LAPSE, MembershipStatus.LAPSE_PENDING),
        (ExitKind.EXPULSION, MembershipStatus.EXPULSION_PENDING),
    ],
)
def test_exit_request_by_the_branch_secretary_waits_for_approval(cast, kind, pending):
    secretary = cast.users["branch_secretary"]
    membership = cast.people["zhang"].membership

    row = membership_exit_request(
        actor=secretary,
        membership=membership,
        exit_kind=kind,
        reason="本人申请",
        **exit_facts(cast.people["zhang"], kind),
    )

    row.refresh_from_db()
    assert (row.status, row.status_changed_on, row.version) == (pending, timezone.localdate(), 2)
    assert row.is_active is True
    assert event_rows() == [(membership.pk, Transition.EXIT_REQUEST, "normal", pending, "branch_secretary", "本人申请")]


@pytest.mark.parametrize(
    ("kind", "final"),
    [
        (ExitKind.AGE_OUT, MembershipStatus.AGE_OUT),
        (ExitKind.LAPSE, MembershipStatus.LAPSE),
        (ExitKind.EXPULSION, MembershipStatus.EXPULSION),
    ],
)
def test_approval_by_the_committee_above_makes_the_exit_final(cast, kind, final):
    membership = request_exit(cast, kind=kind)
    since = last_log()

    row = membership_exit_approve(
        actor=cast.users["committee_secretary"], membership=membership, reason="经团委会研究同意"
    )

    row.refresh_from_db()
    assert (row.status, row.version) == (final, 3)
    assert row.is_active is False
    assert event_rows()[1] == (
        membership.pk,
        Transition.EXIT_APPROVE,
        membership.status,
        final,
        "committee_secretary",
        "经团委会研究同意",
    )
    [entry] = logs_since(since)
    assert (entry.actor, entry.object_pk, entry.changes_dict["status"]) == (
        cast.users["committee_secretary"],
        str(membership.pk),
        [membership.status, final],
    )


def test_rejection_with_a_reason_returns_the_member_to_normal(cast):
    membership = request_exit(cast)

    row = membership_exit_reject(actor=cast.users["committee_secretary"], membership=membership, reason="尚未满28周岁")

    row.refresh_from_db()
    assert row.status == MembershipStatus.NORMAL
    assert event_rows()[1] == (
        membership.pk,
        Transition.EXIT_REJECT,
        MembershipStatus.AGE_OUT_PENDING,
        MembershipStatus.NORMAL,
        "committee_secretary",
        "尚未满28周岁",
    )


@pytest.mark.parametrize(
    ("role", "refusal"),
    [
        ("branch_secretary", Http404),  # the committee above lies outside the branch secretary's view
        ("outsider", Http404),
        ("member", Http404),
        ("cadre", Http404),
        ("auditor", PermissionDenied),
    ],
)
@pytest.mark.parametrize("decide", [membership_exit_approve, membership_exit_reject], ids=["approve", "reject"])
def test_only_the_committee_above_may_decide_and_a_refusal_changes_nothing(cast, role, refusal, decide):
    membership = request_exit(cast)
    before, events, since = membership_rows(), event_rows(), last_log()

    with pytest.raises(refusal):
        decide(actor=cast.users[role], membership=membership, reason="不同意")

    assert membership_rows() == before
    assert event_rows() == events
    assert logs_since(since) == []


@pytest.mark.parametrize("reason", ["", "   "])
def test_rejection_without_a_reason_is_refused(cast, reason):
    membership = request_exit(cast)
    before, events, since = membership_rows(), event_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        membership_exit_reject(actor=cast.users["committee_secretary"], membership=membership, reason=reason)

    assert error.value.code == "REASON_REQUIRED"
    assert error.value.message_dict == {"reason": ["Give a reason for the rejection."]}
    assert membership_rows() == before
    assert event_rows() == events
    assert logs_since(since) == []


def approve_normal(cast):
    membership_exit_approve(actor=cast.users["committee_secretary"], membership=cast.people["zhang"].membership)


def reject_normal(cast):
    membership_exit_reject(
        actor=cast.users["committee_secretary"], membership=cast.people["zhang"].membership, reason="不同意"
    )


def request_twice(cast):
    request_exit(cast)
    request_exit(cast, kind=ExitKind.LAPSE)


def request_unknown_kind(cast):
    request_exit(cast, kind="retirement")


def approve_twice(cast):
    membership = request_exit(cast)
    membership_exit_approve(actor=cast.users["committee_secretary"], membership=membership)
    membership_exit_approve(actor=cast.users["committee_secretary"], membership=membership)


@pytest.mark.parametrize(
    ("attempt", "status"),
    [
        (approve_normal, "Normal"),
        (reject_normal, "Normal"),
        (request_twice, "Age-out pending approval"),
        (request_unknown_kind, "Normal"),
        (approve_twice, "Aged out"),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_step_not_allowed_from_the_current_state_is_refused(cast, attempt, status):
    with pytest.raises(ValidationError) as error:
        attempt(cast)

    assert error.value.code == "TRANSITION_NOT_ALLOWED"
    assert error.value.messages == [f"This step is not possible while the membership is “{status}”."]


def test_refused_step_changes_nothing(cast):
    before, events, since = membership_rows(), event_rows(), last_log()

    with pytest.raises(ValidationError):
        approve_normal(cast)

    assert membership_rows() == before
    assert event_rows() == events
    assert logs_since(since) == []


# pending_exits


def test_pending_exits_lists_only_what_the_user_may_decide(cast):
    zhang = request_exit(cast, "zhang")
    zhao = request_exit(cast, "zhao", ExitKind.EXPULSION)

    lists = {role: list(pending_exits(cast.users[role])) for role in cast.users}

    assert lists == {
        "county_admin": [zhang, zhao],
        "committee_secretary": [zhang],
        "outsider": [zhao],
        "branch_secretary": [],
        "cadre": [],
        "member": [],
        "auditor": [],
    }


def test_pending_exits_drops_decided_requests(cast):
    zhang = request_exit(cast, "zhang")
    li = request_exit(cast, "li", ExitKind.LAPSE)
    membership_exit_approve(actor=cast.users["committee_secretary"], membership=zhang)

    found = list(pending_exits(cast.users["committee_secretary"]))

    assert found == [li]


# membership_register


def test_register_records_a_member_with_a_registration_step(cast):
    youth = cast.people["youth"]
    number = development_number(2018)
    since = last_log()

    membership = membership_register(
        actor=cast.users["branch_secretary"],
        person=youth,
        join_date=datetime.date(2018, 5, 4),
        development_number=f" {number} ",
    )

    membership.refresh_from_db()
    assert (membership.organization, membership.join_date, membership.development_number, membership.status) == (
        cast.branch,
        datetime.date(2018, 5, 4),
        number,
        MembershipStatus.NORMAL,
    )
    assert event_rows()[-1] == (membership.pk, Transition.REGISTER, "", "normal", "branch_secretary", "")
    [entry] = logs_since(since)
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, cast.users["branch_secretary"])


def test_register_of_a_join_before_2017_needs_no_development_number(cast):
    membership = membership_register(
        actor=cast.users["branch_secretary"], person=cast.people["youth"], join_date=datetime.date(2016, 12, 31)
    )

    membership.refresh_from_db()
    assert membership.development_number is None


@pytest.mark.parametrize(
    ("code", "join_date", "number", "message"),
    [
        pytest.param(
            "DEV_NUMBER_FORMAT",
            datetime.date(2018, 5, 4),
            lambda: "2018-0000001",
            "The development number has digits only.",
            id="dash",
        ),
        pytest.param(
            "DEV_NUMBER_LENGTH",
            datetime.date(2018, 5, 4),
            lambda: "2018",
            "The development number has 12 digits, not 4.",
            id="4-digits",
        ),
        pytest.param(
            "DEV_NUMBER_LENGTH",
            datetime.date(2018, 5, 4),
            lambda: "20180000001",
            "The development number has 12 digits, not 11.",
            id="11-digits",
        ),
        pytest.param(
            "DEV_NUMBER_LENGTH",
            datetime.date(2018, 5, 4),
            lambda: "2018000000001",
            "The development number has 12 digits, not 13.",
            id="13-digits",
        ),
    ],
)
def test_register_refuses_a_malformed_development_number_and_writes_nothing(cast, code, join_date, number, message):
    before, events, since = membership_rows(), event_rows(), last_log()

    with pytest.raises(ValidationError) as error:
        membership_register(
            actor=cast.users["branch_secretary"],
            person=cast.people["youth"],
            join_date=join_date,
            development_number=number(),
        )

    assert error.value.code == code
    assert error.value.message_dict == {"development_number": [message]}
    assert membership_rows() == before
    assert event_rows() == events
    assert logs_since(since) == []


@pytest.mark.parametrize(
    ("join_date", "number", "codes"),
    [
        pytest.param(datetime.date(2017, 1, 1), lambda: "", {"NUMBER_MISSING"}, id="missing-from-2017"),
        pytest.param(
            datetime.date(2018, 5, 4), lambda: development_number(2019), {"NUMBER_YEAR_MISMATCH"}, id="other-year"
        ),
    ],
)
def test_register_of_history_records_a_rule_broken_then_and_flags_it(cast, join_date, number, codes):
    """Data entry of a past join is history, entered as it was: a rule broken then is a finding, not a refusal."""
    Person.objects.filter(pk=cast.people["youth"].pk).update(birth_date=datetime.date(1998, 3, 1))  # 18 in 2017
    membership = membership_register(
        actor=cast.users["branch_secretary"],
        person=cast.people["youth"],
        join_date=join_date,
        development_number=number(),
    )

    assert {f.code for f in membership.flags.all()} == codes


def test_register_of_history_with_a_number_already_held_flags_both_members(cast):
    holder = Membership.objects.exclude(development_number=None).order_by("pk").first()
    join = datetime.date(int(holder.development_number[:4]), 5, 4)

    membership = membership_register(
        actor=cast.users["branch_secretary"],
        person=cast.people["youth"],
        join_date=join,
        development_number=holder.development_number,
    )

    holder.refresh_from_db()
    assert (membership.number_shared, holder.number_shared) == (True, True)
    assert "NUMBER_SHARED" in {f.code for f in membership.flags.all()}
    assert "NUMBER_SHARED" in {f.code for f in holder.flags.all()}


def test_register_stores_a_full_width_development_number_in_ascii_digits(cast):
    number = development_number(2018)

    membership = membership_register(
        actor=cast.users["branch_secretary"],
        person=cast.people["youth"],
        join_date=datetime.date(2018, 5, 4),
        development_number=full_width(number),
    )

    membership.refresh_from_db()
    assert membership.development_number == number


def test_register_of_a_person_outside_a_branch_is_refused(cast):
    admin = cast.users["county_admin"]
    youth = person_move(actor=admin, person=cast.people["youth"], organization=cast.town)
    before = membership_rows()

    with pytest.raises(ValidationError) as error:
        membership_register(actor=admin, person=youth, join_date=datetime.date(2016, 5, 4))

    assert error.value.code == "MEMBER_NOT_IN_BRANCH"
    assert membership_rows() == before


def test_register_of_an_existing_member_is_refused(cast):
    before = membership_rows()

    with pytest.raises(ValidationError) as error:
        membership_register(
            actor=cast.users["branch_secretary"], person=cast.people["zhang"], join_date=datetime.date(2016, 5, 4)
        )

    assert error.value.code == "ALREADY_MEMBER"
    assert error.value.messages == ["张晓明 is already a member."]
    assert membership_rows() == before


def test_register_with_a_future_join_date_is_refused(cast):
    before = membership_rows()

    with pytest.raises(ValidationError) as error:
        membership_register(
            actor=cast.users["branch_secretary"],
            person=cast.people["youth"],
            join_date=timezone.localdate() + datetime.timedelta(days=1),
            development_number=development_number(timezone.localdate().year),
        )

    assert error.value.code == "JOIN_DATE_FUTURE"
    assert error.value.message_dict == {"join_date": ["The join date lies in the future."]}
    assert membership_rows() == before


@pytest.mark.parametrize(("role", "refusal"), [("cadre", Http404), ("auditor", PermissionDenied), ("member", Http404)])
def test_register_without_the_right_is_refused(cast, role, refusal):
    before = membership_rows()

    with pytest.raises(refusal):
        membership_register(actor=cast.users[role], person=cast.people["youth"], join_date=datetime.date(2016, 5, 4))

    assert membership_rows() == before
