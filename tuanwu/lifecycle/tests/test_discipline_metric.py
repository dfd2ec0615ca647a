"""The plan's metric of discipline cases: the cases approved in the county in the year, in 件."""

import datetime
from decimal import Decimal

from tuanwu.lifecycle.models import Sanction
from tuanwu.plan import metrics

from .factories import case


def test_counts_the_cases_approved_in_the_year(cast):
    case(cast, cast.people["zhang"], Sanction.WARNING, approve=datetime.date(2026, 4, 1))
    case(cast, cast.people["li"], Sanction.SERIOUS_WARNING, decided_on=datetime.date(2026, 3, 1))  # not approved
    metric = metrics.METRICS["discipline_cases"]

    value = metric.compute(cast.users["county_admin"], cast.county, 2026)

    assert (value, metric.unit, metric.higher_is_better) == (Decimal(1), "件", False)
    assert metric.compute(cast.users["county_admin"], cast.county, 2025) == Decimal(0)
    assert metric.link(cast.county, 2026) == "/lifecycle/discipline/"
