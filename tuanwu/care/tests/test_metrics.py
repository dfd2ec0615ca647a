"""The care figures the work plan's targets are measured by."""

import datetime
from decimal import Decimal

from tuanwu.care import services
from tuanwu.plan import metrics

from .factories import campaign, project, record


def _value(cast, key, year=2026):
    return metrics.METRICS[key].compute(cast.users["county_admin"], cast.county, year)


def test_people_in_care_are_counted_by_difficulty_in_people(cast):
    record(cast, difficulties=["economic", "family"])
    record(cast, name="周婷", difficulties=["economic"])
    closed_before = record(cast, name="吴强", difficulties=["family"], opened_on=datetime.date(2025, 3, 1))
    services.care_record_close(
        actor=cast.users["county_admin"], record=closed_before, outcome="好转", closed_on=datetime.date(2025, 6, 1)
    )

    assert (_value(cast, "care_people"), _value(cast, "care_people_economic")) == (Decimal(2), Decimal(2))
    assert (_value(cast, "care_people_family"), _value(cast, "care_people_family", 2025)) == (Decimal(1), Decimal(1))
    assert metrics.METRICS["care_people_family"].unit == "人"


def test_measures_of_the_year_count_in_times(cast):
    r = record(cast)
    for kind in ("visit", "tutoring"):
        services.care_measure_add(actor=cast.users["county_admin"], record=r, kind=kind, date=datetime.date(2026, 2, 1))

    assert _value(cast, "care_measures") == Decimal(2)
    assert _value(cast, "care_measures", 2025) == Decimal(0)
    assert metrics.METRICS["care_measures"].unit == "次"


def test_assistance_value_sums_inputs_money_and_deliveries_in_yuan(cast):
    r = record(cast)
    services.care_measure_add(
        actor=cast.users["county_admin"], record=r, kind="money", date=datetime.date(2026, 2, 1), amount_fen=50000
    )
    services.project_input_add(
        actor=cast.users["county_admin"],
        project=project(cast),
        date=datetime.date(2026, 3, 1),
        kind="funds",
        value_fen=1000050,
        source="县团委",
    )
    services.campaign_deliver(
        actor=cast.users["county_admin"],
        campaign=campaign(cast),
        name="周婷",
        given="棉衣",
        value_fen=20000,
        delivered_on=datetime.date(2026, 1, 25),
    )

    assert _value(cast, "care_assistance_value") == Decimal("10700.50")
    assert metrics.METRICS["care_assistance_value"].unit == "元"
