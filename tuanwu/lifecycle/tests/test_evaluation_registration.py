"""Registration (团籍注册): only 基本合格 or better, within the county's window, deferral with its deadline and
outcome, the unregistered listed, and good standing."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from tuanwu.lifecycle.models import Evaluation, EvaluationEntry, Grade, LifecyclePolicy, Registration
from tuanwu.lifecycle.selectors.evaluation import in_good_standing, registration_rate, registration_rows
from tuanwu.lifecycle.services.evaluation import (
    evaluation_open,
    registration_close,
    registration_defer,
    registration_register,
    registration_register_branch,
)

YEAR = 2025


def _graded(cast, grades: dict, year=YEAR - 1):
    """An approved evaluation of 东湖村团支部 with the given grades by person key."""
    evaluation = evaluation_open(actor=cast.users["branch_secretary"], branch=cast.branch, year=year)
    for key, grade in grades.items():
        EvaluationEntry.objects.filter(evaluation=evaluation, membership__person=cast.people[key]).update(grade=grade)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.Status.APPROVED)
    return evaluation


def _membership(cast, key):
    return cast.people[key].membership


def test_unqualified_member_registration_refused(cast):
    _graded(cast, {"zhang": Grade.UNQUALIFIED, "li": Grade.QUALIFIED})
    before = LogEntry.objects.count()

    with pytest.raises(ValidationError) as e:
        registration_register(
            actor=cast.users["branch_secretary"],
            membership=_membership(cast, "zhang"),
            year=YEAR,
            on=datetime.date(YEAR, 9, 10),
        )

    assert e.value.code == "REGISTRATION_UNQUALIFIED"
    assert "张晓明" in e.value.messages[0]
    assert not Registration.objects.exists()
    assert LogEntry.objects.count() == before


@pytest.mark.parametrize("grade", [Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASIC])
def test_basic_or_better_is_registered(cast, grade):
    _graded(cast, {"zhang": grade})

    r = registration_register(
        actor=cast.users["branch_secretary"],
        membership=_membership(cast, "zhang"),
        year=YEAR,
        on=datetime.date(YEAR, 9, 10),
    )

    assert (r.status, r.registered_on) == (Registration.Status.REGISTERED, datetime.date(YEAR, 9, 10))


def test_reevaluated_member_may_register(cast):
    evaluation = _graded(cast, {"zhang": Grade.UNQUALIFIED})
    EvaluationEntry.objects.filter(evaluation=evaluation, membership__person=cast.people["zhang"]).update(
        regrade=Grade.QUALIFIED
    )

    r = registration_register(
        actor=cast.users["branch_secretary"],
        membership=_membership(cast, "zhang"),
        year=YEAR,
        on=datetime.date(YEAR, 9, 10),
    )

    assert r.status == Registration.Status.REGISTERED


def test_member_without_a_grade_is_refused(cast):
    with pytest.raises(ValidationError) as e:
        registration_register(
            actor=cast.users["branch_secretary"],
            membership=_membership(cast, "zhang"),
            year=YEAR,
            on=datetime.date(YEAR, 9, 10),
        )

    assert e.value.code == "REGISTRATION_NO_GRADE"


def test_outside_the_window_is_refused(cast):
    LifecyclePolicy.objects.create(
        organization=cast.county,
        year=YEAR,
        registration_opens=datetime.date(YEAR, 9, 1),
        registration_closes=datetime.date(YEAR, 9, 30),
    )
    _graded(cast, {"zhang": Grade.QUALIFIED})

    with pytest.raises(ValidationError) as e:
        registration_register(
            actor=cast.users["branch_secretary"],
            membership=_membership(cast, "zhang"),
            year=YEAR,
            on=datetime.date(YEAR, 10, 8),
        )

    assert e.value.code == "REGISTRATION_OUTSIDE_WINDOW"
    assert f"{YEAR}-09-30" in e.value.messages[0]


def test_deferral_has_a_deadline_and_registers_after_the_window(cast):
    LifecyclePolicy.objects.create(
        organization=cast.county,
        year=YEAR,
        registration_opens=datetime.date(YEAR, 9, 1),
        registration_closes=datetime.date(YEAR, 9, 30),
        deferral_months=4,
    )
    _graded(cast, {"zhang": Grade.QUALIFIED})
    secretary = cast.users["branch_secretary"]

    deferred = registration_defer(
        actor=secretary,
        membership=_membership(cast, "zhang"),
        year=YEAR,
        reason="外出务工",
        on=datetime.date(YEAR, 9, 15),
    )
    registered = registration_register(
        actor=secretary, membership=_membership(cast, "zhang"), year=YEAR, on=datetime.date(YEAR, 11, 20)
    )

    assert deferred.deferred_until == datetime.date(YEAR + 1, 1, 15)
    assert registered.pk == deferred.pk and registered.status == Registration.Status.REGISTERED
    assert registered.outcome


@pytest.mark.parametrize("months", [2, 7])
def test_deferral_lasts_three_to_six_months(cast, months):
    with pytest.raises(ValidationError) as e:
        registration_defer(
            actor=cast.users["branch_secretary"],
            membership=_membership(cast, "zhang"),
            year=YEAR,
            reason="x",
            months=months,
        )

    assert e.value.code == "MONTHS_3_6"
    assert not Registration.objects.exists()


def test_deferral_closed_as_not_registered(cast):
    r = registration_defer(
        actor=cast.users["branch_secretary"], membership=_membership(cast, "zhang"), year=YEAR, reason="失联"
    )

    registration_close(actor=cast.users["branch_secretary"], registration=r, outcome="按自行脱团程序处理")

    r.refresh_from_db()
    assert r.status == Registration.Status.UNREGISTERED


def test_branch_registration_registers_the_eligible_and_lists_the_rest(cast):
    _graded(cast, {"zhang": Grade.UNQUALIFIED, "li": Grade.BASIC})

    done, refused = registration_register_branch(
        actor=cast.users["branch_secretary"], branch=cast.branch, year=YEAR, on=datetime.date(YEAR, 9, 10)
    )

    assert [r.membership.person.name for r in done] == ["李华"]
    assert [m.person.name for m, _reason in refused] == ["张晓明"]


def test_unregistered_members_are_listed(cast):
    _graded(cast, {"li": Grade.BASIC})
    registration_register(
        actor=cast.users["branch_secretary"],
        membership=_membership(cast, "li"),
        year=YEAR,
        on=datetime.date(YEAR, 9, 10),
    )

    rows = registration_rows(cast.users["committee_secretary"], cast.town, YEAR)

    assert {r.membership.person.name: r.registered for r in rows} == {"张晓明": False, "李华": True, "王芳": False}
    assert registration_rate(cast.county, YEAR) == pytest.approx(25)


def test_member_of_another_committee_cannot_be_registered(cast):
    from django.http import Http404

    with pytest.raises(Http404):
        registration_register(actor=cast.users["outsider"], membership=_membership(cast, "zhang"), year=YEAR)


def test_good_standing(cast):
    _graded(cast, {"zhang": Grade.QUALIFIED, "li": Grade.QUALIFIED})
    registration_register(
        actor=cast.users["branch_secretary"],
        membership=_membership(cast, "zhang"),
        year=YEAR,
        on=datetime.date(YEAR, 9, 10),
    )
    _graded(cast, {"li": Grade.UNQUALIFIED}, year=YEAR)

    assert in_good_standing(cast.people["zhang"], datetime.date(YEAR, 10, 1))
    assert not in_good_standing(cast.people["zhang"], datetime.date(YEAR, 8, 1))  # registered only in September
    assert not in_good_standing(cast.people["li"], datetime.date(YEAR, 10, 1))  # not registered
    assert not in_good_standing(cast.people["youth"], datetime.date(YEAR, 10, 1))  # not a member


def test_good_standing_lost_by_unqualified_grade(cast):
    _graded(cast, {"zhang": Grade.QUALIFIED})
    registration_register(
        actor=cast.users["branch_secretary"],
        membership=_membership(cast, "zhang"),
        year=YEAR,
        on=datetime.date(YEAR, 9, 10),
    )
    _graded(cast, {"zhang": Grade.UNQUALIFIED}, year=YEAR)

    assert not in_good_standing(cast.people["zhang"], datetime.date(YEAR, 12, 31))


def test_last_years_registration_holds_until_the_window_closes(cast):
    LifecyclePolicy.objects.create(
        organization=cast.county,
        year=YEAR + 1,
        registration_opens=datetime.date(YEAR + 1, 9, 1),
        registration_closes=datetime.date(YEAR + 1, 9, 30),
    )
    _graded(cast, {"zhang": Grade.QUALIFIED})
    registration_register(
        actor=cast.users["branch_secretary"],
        membership=_membership(cast, "zhang"),
        year=YEAR,
        on=datetime.date(YEAR, 9, 10),
    )

    assert in_good_standing(cast.people["zhang"], datetime.date(YEAR + 1, 9, 30))
    assert not in_good_standing(cast.people["zhang"], datetime.date(YEAR + 1, 10, 1))
