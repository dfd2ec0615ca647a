"""The plan's figures from the evaluation and registration: registration rate and grade distribution, in units."""

import datetime
from decimal import Decimal

from tuanwu.lifecycle.models import Evaluation, EvaluationEntry, Grade, Registration
from tuanwu.lifecycle.services.evaluation import evaluation_open
from tuanwu.plan import metrics

YEAR = 2025


def _value(cast, key):
    return metrics.METRICS[key].compute(cast.users["county_admin"], cast.county, YEAR)


def test_metrics_have_units():
    assert metrics.METRICS["registration_rate"].unit == "%"
    assert metrics.METRICS["evaluation_excellent_share"].unit == "%"
    assert metrics.METRICS["evaluation_passed_share"].unit == "%"
    assert metrics.METRICS["evaluation_unqualified"].unit == "人"


def test_no_records_no_value(cast):
    assert _value(cast, "evaluation_excellent_share") is None
    assert _value(cast, "registration_rate") == Decimal("0.0")


def test_distribution_counts_approved_evaluations_only(cast):
    evaluation = evaluation_open(actor=cast.users["branch_secretary"], branch=cast.branch, year=YEAR)
    EvaluationEntry.objects.filter(evaluation=evaluation, membership__person=cast.people["zhang"]).update(
        grade=Grade.EXCELLENT
    )
    EvaluationEntry.objects.filter(evaluation=evaluation, membership__person=cast.people["li"]).update(
        grade=Grade.UNQUALIFIED
    )
    assert _value(cast, "evaluation_unqualified") == 0

    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.Status.APPROVED)

    assert _value(cast, "evaluation_excellent_share") == Decimal("50.0")
    assert _value(cast, "evaluation_passed_share") == Decimal("50.0")
    assert _value(cast, "evaluation_unqualified") == 1


def test_registration_rate_over_the_county_members(cast):
    Registration.objects.create(
        membership=cast.people["zhang"].membership,
        organization=cast.branch,
        year=YEAR,
        status=Registration.Status.REGISTERED,
        registered_on=datetime.date(YEAR, 9, 1),
    )
    Registration.objects.create(
        membership=cast.people["li"].membership,
        organization=cast.branch,
        year=YEAR,
        status=Registration.Status.DEFERRED,
        deferred_until=datetime.date(YEAR + 1, 1, 1),
    )

    assert _value(cast, "registration_rate") == Decimal("25.0")  # 1 of 4 members
