"""The dues ledger over a year: members across every band edge and one admitted mid-year, paying monthly,
quarterly, yearly, partly and above the rate; the totals computed by hand."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import member, org
from tuanwu.lifecycle.models import DuesAllocation, DuesDecision, DuesPayment
from tuanwu.lifecycle.selectors import dues as selectors
from tuanwu.lifecycle.services.dues import (
    dues_decision_record,
    dues_policy_set,
    pay_band_set,
    payment_record,
    payments_bulk,
)
from tuanwu.meetings.models import Kind
from tuanwu.meetings.tests.factories import record

from .dues_factories import banded

D = datetime.date
JAN = D(2025, 1, 1)


@pytest.fixture
def year(cast):
    """A branch of nine members in 2025 and their payments (paid_on in the first month each pays)."""
    admin = cast.users["county_admin"]
    dues_policy_set(actor=admin, county=cast.county, year=2025)
    branch = org(cast.town, "南岭村团支部", code="NL01")
    people = {
        "a": banded(admin, branch, "甲一", pay=1999),  # 3.00 × 12 = 36.00
        "b": banded(admin, branch, "乙二", pay=2000),  # 4.00 × 12 = 48.00
        "c": banded(admin, branch, "丙三", pay=2499),  # 4.00 × 12 = 48.00
        "d": banded(admin, branch, "丁四", pay=2500),  # 5.00 × 12 = 60.00
        "e": banded(admin, branch, "戊五", pay=9999),  # 19.00 × 12 = 228.00
        "f": banded(admin, branch, "己六", pay=10000),  # 20.00 × 12 = 240.00
        "g": banded(admin, branch, "庚七", pay=50000),  # 20.00 × 12 = 240.00
        "h": banded(admin, branch, "辛八", category="student"),  # 0.20 × 12 = 2.40
        "i": banded(admin, branch, "壬九", pay=2500, joined=D(2025, 7, 15)),  # 5.00 × 6 (Jul–Dec) = 30.00
    }

    def pay(key, yuan, first, months):
        fen = int(Decimal(yuan) * 100)
        payment_record(actor=admin, person=people[key], amount_fen=fen, paid_on=first, first_month=first, months=months)

    pay("a", "36", JAN, 12)  # yearly
    pay("c", "30", JAN, 12)  # partly: Jan–Jul 28.00, Aug 2.00 of 4.00
    pay("d", "70", JAN, 12)  # 60.00 owed + 10.00 voluntary
    pay("e", "57", JAN, 3)  # quarterly, Q1 and Q2
    pay("e", "57", D(2025, 4, 1), 3)
    for month in (1, 2, 3):  # monthly, Jan–Mar
        pay("f", "20", D(2025, month, 1), 1)
    pay("g", "240", JAN, 12)
    pay("h", "2.40", JAN, 12)
    pay("i", "5", D(2025, 7, 1), 1)
    return branch, people


def test_the_year_adds_up_to_the_hand_computed_totals(year):
    branch, people = year

    led = {x.person_id: x for x in selectors.organization_ledgers(branch, JAN, D(2025, 12, 1))}

    due = {k: led[p.pk].due for k, p in people.items()}
    assert due == {"a": 3600, "b": 4800, "c": 4800, "d": 6000, "e": 22800, "f": 24000, "g": 24000, "h": 240, "i": 3000}
    assert sum(due.values()) == 93240
    arrears = {k: led[p.pk].arrears for k, p in people.items()}
    assert arrears == {"a": 0, "b": 4800, "c": 1800, "d": 0, "e": 11400, "f": 18000, "g": 0, "h": 0, "i": 2500}
    assert len(led[people["i"].pk].months) == 6
    assert selectors.arrears_total(branch, D(2025, 12, 31)) == Decimal("385.00")
    assert selectors.dues_collection_rate(branch, 2025) == Decimal("58.7")  # 547.40 ÷ 932.40


def test_no_fen_is_lost_between_payments_and_months(year):
    branch, people = year

    paid = sum(DuesPayment.objects.filter(organization=branch).values_list("amount_fen", flat=True))
    allocated = sum(DuesAllocation.objects.filter(payment__organization=branch).values_list("amount_fen", flat=True))

    assert paid == allocated == 55740
    december = DuesAllocation.objects.get(person=people["d"], month=D(2025, 12, 1))
    assert december.amount_fen == 1500  # 5.00 owed + 10.00 voluntary


def test_months_paid_lists_whole_months_only(year):
    branch, people = year

    paid = selectors.months_paid([people["c"].pk, people["i"].pk, people["b"].pk], JAN, D(2025, 12, 1))

    assert paid[people["c"].pk] == {D(2025, m, 1) for m in range(1, 8)}
    assert paid[people["i"].pk] == {D(2025, 7, 1)}
    assert paid[people["b"].pk] == set()


def test_statement_shares_a_month_by_the_policy(year, cast):
    branch, people = year

    jan = selectors.statement(cast.county, JAN)

    # Paid in January: 36 + 30 + 70 + 57 + 20 + 240 + 2.40 = 455.40
    assert jan["totals"] == {"collected": 45540, "branch": 0, "committee": 22770, "county": 13662, "above": 9108}
    assert jan["kept"] == 13662
    assert selectors.statement(cast.town, JAN)["kept"] == 22770


def test_a_payment_before_admission_is_refused(year, cast):
    branch, people = year

    with pytest.raises(ValidationError) as e:
        payment_record(
            actor=cast.users["county_admin"], person=people["i"], amount_fen=500, paid_on=JAN, first_month=D(2025, 6, 1)
        )

    assert e.value.error_list[0].code == "DUES_BEFORE_ADMISSION"
    assert DuesPayment.objects.filter(person=people["i"]).count() == 1


def test_a_branch_secretary_cannot_record_outside_their_branch(year, cast):
    from django.http import Http404

    branch, people = year

    with pytest.raises(Http404):
        payment_record(
            actor=cast.users["branch_secretary"], person=people["a"], amount_fen=300, paid_on=JAN, first_month=JAN
        )

    assert DuesPayment.objects.filter(person=people["a"]).count() == 1


def test_bulk_records_what_each_owes_for_the_months(year, cast):
    branch, people = year

    made = payments_bulk(
        actor=cast.users["county_admin"],
        branch=branch,
        person_ids=[people["b"].pk, people["a"].pk],
        paid_on=D(2025, 12, 20),
        first_month=D(2025, 10, 1),
        months=3,
    )

    assert [(p.person_id, p.amount_fen) for p in made] == [(people["b"].pk, 1200)]  # a had paid the year
    assert selectors.person_ledger(people["b"], JAN, D(2025, 12, 1)).arrears == 3600  # 48.00 − 12.00


def test_exemption_needs_a_general_meeting_of_the_branch(cast):
    admin = cast.users["county_admin"]
    dues_policy_set(actor=admin, county=cast.county, year=2025)
    person = cast.people["wang"]
    pay_band_set(actor=admin, person=person, valid_from=D(2019, 5, 1), category="employed", pay_fen=300000)
    theme = record(admin, cast.branch2, Kind.THEME_DAY, D(2025, 3, 10))
    general = record(admin, cast.branch2, Kind.GENERAL_MEETING, D(2025, 3, 12))

    with pytest.raises(ValidationError) as e:
        dues_decision_record(
            actor=admin, person=person, meeting=theme, kind="exempt", first_month=D(2025, 4, 1), reason="失业"
        )
    dues_decision_record(
        actor=admin,
        person=person,
        meeting=general,
        kind="reduced",
        amount_fen=100,
        first_month=D(2025, 4, 1),
        last_month=D(2025, 6, 1),
        reason="家庭困难",
    )

    assert e.value.error_list[0].code == "DUES_DECISION_MEETING"
    assert DuesDecision.objects.count() == 1
    months = selectors.person_ledger(person, JAN, D(2025, 12, 1)).months
    assert [m.due for m in months] == [600, 600, 600, 100, 100, 100, 600, 600, 600, 600, 600, 600]


def test_a_later_band_changes_the_amount_from_its_month(cast):
    admin = cast.users["county_admin"]
    person = member(cast.branch2, "钱十", joined=D(2024, 1, 1))
    pay_band_set(actor=admin, person=person, valid_from=D(2024, 1, 1), category="student")
    pay_band_set(actor=admin, person=person, valid_from=D(2025, 9, 1), category="employed", pay_fen=400000)

    months = selectors.person_ledger(person, JAN, D(2025, 12, 1)).months

    assert [m.due for m in months] == [20] * 8 + [800] * 4


def test_the_plan_reads_the_collection_rate_and_the_arrears(year, cast):
    from tuanwu.plan import metrics

    admin = cast.users["county_admin"]

    assert metrics.METRICS["dues_collection_rate"].compute(admin, cast.county, 2025) == Decimal("58.7")
    assert metrics.METRICS["dues_arrears"].compute(admin, cast.county, 2025) == Decimal("385.00")
    assert (metrics.METRICS["dues_collection_rate"].unit, metrics.METRICS["dues_arrears"].unit) == ("%", "元")
    assert metrics.suggest("团费收缴率达到95%", "%") == "dues_collection_rate"


def test_the_summary_agrees_with_the_metrics(year, cast):
    from django.utils import timezone

    summary = selectors.dues_summary(cast.town, 2025)

    assert summary["rate"] == selectors.dues_collection_rate(cast.town, 2025) == Decimal("58.7")
    assert summary["arrears"] == selectors.arrears_total(cast.town, timezone.localdate())
    row = next(r for r in summary["rows"] if r["organization"].name == "南岭村团支部")
    assert (row["members"], row["due"], row["paid"], row["arrears"]) == (9, 93240, 54740, 38500)
