"""Development numbers: 12 digits beginning with the join year, drawn in order from the nearest quota's range,
never twice, also when two approvals run at once (PostgreSQL)."""

import contextlib
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories import member
from tuanwu.admission.models import Application, Quota
from tuanwu.admission.services import approvals
from tuanwu.admission.services import quotas as quota_services
from tuanwu.admission.workflow import Step
from tuanwu.people.models import Membership

from .factories import DATES, YEAR, applicant, apply, codes, meeting, state, take, walk

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serializes writing transactions; the race needs PostgreSQL"
)


def voted(cast, n):
    apps = [walk(apply(applicant(cast.branch)), Step.INTRODUCERS) for _ in range(n)]
    meeting(cast.branch, dict.fromkeys(apps, (7, 1, 0)))
    return apps


def quotas(cast, *, town=10, town_range=("202600000101", "202600000200"), branch=None):
    quota_services.quota_set(
        actor=cast.users["county_admin"],
        organization=cast.county,
        year=YEAR,
        count=50,
        number_from="202600000001",
        number_to="202600009999",
    )
    quota_services.quota_set(
        actor=cast.users["county_admin"],
        organization=cast.town,
        year=YEAR,
        count=town,
        number_from=town_range[0],
        number_to=town_range[1],
    )
    if branch:
        quota_services.quota_set(
            actor=cast.users["committee_secretary"],
            organization=cast.branch,
            year=YEAR,
            count=branch[0],
            number_from=branch[1],
            number_to=branch[2],
        )


def test_numbers_come_in_order_from_the_branch_s_own_range(cast):
    quotas(cast, branch=(3, "202600000151", "202600000160"))
    apps = voted(cast, 3)

    for app in apps:
        take(Step.APPROVE, app, "committee_secretary")

    assert [Application.objects.get(pk=a.pk).development_number for a in apps] == [
        "202600000151",
        "202600000152",
        "202600000153",
    ]


def test_a_number_already_used_is_skipped(cast):
    quotas(cast)
    other = member(cast.branch, "周婷", joined=DATES[Step.MEETING])
    Membership.objects.filter(person=other).update(development_number="202600000101")
    (app,) = voted(cast, 1)

    take(Step.APPROVE, app, "committee_secretary")

    app.refresh_from_db()
    assert app.development_number == "202600000102"


def test_refuses_an_approval_when_the_range_is_used_up(cast):
    quotas(cast, town_range=("202600000101", "202600000101"))
    first, second = voted(cast, 2)
    take(Step.APPROVE, first, "committee_secretary")
    before = state(second)

    with pytest.raises(ValidationError) as refused:
        take(Step.APPROVE, second, "committee_secretary")

    assert codes(refused.value) == ["NUMBERS_USED_UP"]
    assert state(second) == before


def _approve_at_once(apps, monkeypatch):
    """Approve apps in parallel threads, each with its own connection. Every thread waits just before drawing
    its number until all have come that far (or 3 s have passed, when a lock rightly holds one back), so the
    draws overlap whenever the locking lets them."""
    barrier = threading.Barrier(len(apps), timeout=3)
    draw = approvals._draw_number

    def held(app, year):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return draw(app, year)

    monkeypatch.setattr(approvals, "_draw_number", held)
    outcome = {}

    def approve(pk):
        try:
            actor = get_user_model().objects.get(username="committee_secretary")
            approvals.application_approve(
                actor=actor, application=Application.objects.get(pk=pk), on=DATES[Step.APPROVE]
            )
            outcome[pk] = "admitted"
        except ValidationError as error:
            outcome[pk] = codes(error)
        except Exception as error:  # reported by the assertions
            outcome[pk] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(app.pk,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcome


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_draw_two_different_numbers(cast, monkeypatch):
    quotas(cast)
    first, second = voted(cast, 2)

    outcome = _approve_at_once([first, second], monkeypatch)

    assert outcome == {first.pk: "admitted", second.pk: "admitted"}
    numbers = sorted(
        Application.objects.filter(pk__in=[first.pk, second.pk]).values_list("development_number", flat=True)
    )
    assert numbers == ["202600000101", "202600000102"]
    assert (
        sorted(Membership.objects.filter(development_number__in=numbers).values_list("development_number", flat=True))
        == numbers
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_do_not_exceed_the_quota(cast, monkeypatch):
    quotas(cast, town=1)
    first, second = voted(cast, 2)

    outcome = _approve_at_once([first, second], monkeypatch)

    assert sorted(map(str, outcome.values())) == ["['QUOTA_EXCEEDED']", "admitted"]
    assert Application.objects.filter(status=Application.Status.ADMITTED).count() == 1


def test_numbers_are_drawn_from_the_one_allocator_of_document_numbers(cast):
    from tuanwu.numbering.models import NumberSeries

    quotas(cast, branch=(3, "202600000151", "202600000160"))
    apps = voted(cast, 2)

    for app in apps:
        take(Step.APPROVE, app, "committee_secretary")

    (series,) = NumberSeries.objects.filter(kind="development")
    assert (series.year, series.last) == (YEAR, 202600000152)


def test_a_quota_s_earlier_counter_starts_its_series(cast):
    quotas(cast)
    Quota.objects.filter(organization=cast.town).update(next_number="202600000120")
    (app,) = voted(cast, 1)

    take(Step.APPROVE, app, "committee_secretary")

    app.refresh_from_db()
    assert app.development_number == "202600000120"
