"""Opening, measures, closing, campaign deliveries and project inputs: the rules and their codes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tuanwu.care import services
from tuanwu.care.models import AssistanceInput, CareMeasure, CareRecord, WarmthDelivery

from .factories import campaign, project, record

DAY = datetime.date(2026, 2, 1)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"consent_by": ""}, "CONSENT_REQUIRED"),
        ({"consent_on": None}, "CONSENT_REQUIRED"),
        ({"guardian": ""}, "CONSENT_GUARDIAN_REQUIRED"),
        ({"difficulties": []}, "CARE_DIFFICULTY_REQUIRED"),
        ({"name": " "}, "CARE_NAME_REQUIRED"),
    ],
)
def test_opening_is_refused_without_consent_or_what_it_needs(cast, changes, code):
    with pytest.raises(ValidationError) as e:
        record(cast, **changes)

    assert e.value.code == code
    assert not CareRecord.objects.exists()


def test_an_adult_consents_without_a_guardian(cast):
    r = record(cast, minor=False, guardian="")

    assert (r.status, r.difficulty_list) == ("open", ["economic", "academic"])


def test_the_follower_must_hold_a_role_in_the_line(cast):
    with pytest.raises(ValidationError) as e:
        record(cast, follower="outsider")

    assert e.value.code == "FOLLOWER_OUT_OF_LINE"


def test_a_branch_secretary_cannot_open_records(cast):
    with pytest.raises((Http404, PermissionDenied)):
        services.care_record_open(
            actor=cast.users["branch_secretary"],
            organization=cast.branch,
            name="陈静",
            difficulties=["family"],
            consent_by="陈静",
            consent_on=DAY,
            guardian="陈建国",
        )


def test_the_follower_adds_measures(cast):
    r = record(cast)

    m = services.care_measure_add(
        actor=cast.users["branch_secretary"], record=r, kind="money", date=DAY, amount_fen=50000, description="助学金"
    )

    assert (m.record, m.amount_fen, m.recorded_by) == (r, 50000, cast.users["branch_secretary"])


def test_money_needs_its_amount(cast):
    r = record(cast)

    with pytest.raises(ValidationError) as e:
        services.care_measure_add(actor=cast.users["branch_secretary"], record=r, kind="money", date=DAY)

    assert e.value.code == "AMOUNT_REQUIRED"
    assert not CareMeasure.objects.exists()


def test_someone_who_does_not_see_the_record_gets_404(cast):
    r = record(cast)

    with pytest.raises(Http404):
        services.care_measure_add(actor=cast.users["cadre"], record=r, kind="visit", date=DAY)


def test_closing_needs_an_outcome_and_stops_measures(cast):
    r = record(cast)
    with pytest.raises(ValidationError) as e:
        services.care_record_close(actor=cast.users["branch_secretary"], record=r, outcome="")
    assert e.value.code == "OUTCOME_REQUIRED"

    services.care_record_close(actor=cast.users["branch_secretary"], record=r, outcome="顺利升学", closed_on=DAY)

    r.refresh_from_db()
    assert (r.status, r.closed_on, r.outcome) == ("closed", DAY, "顺利升学")
    with pytest.raises(ValidationError) as e:
        services.care_measure_add(actor=cast.users["branch_secretary"], record=r, kind="visit", date=DAY)
    assert e.value.code == "CARE_CLOSED"


def test_a_delivery_to_a_record_takes_its_name(cast):
    r = record(cast)
    c = campaign(cast)

    d = services.campaign_deliver(
        actor=cast.users["committee_secretary"], campaign=c, record=r, given="棉衣", value_fen=20000, delivered_on=DAY
    )

    assert (d.name, d.value_fen) == ("陈静", 20000)


def test_a_delivery_outside_the_campaign_dates_is_refused(cast):
    c = campaign(cast)

    with pytest.raises(ValidationError) as e:
        services.campaign_deliver(
            actor=cast.users["committee_secretary"],
            campaign=c,
            name="周婷",
            given="米面油",
            delivered_on=datetime.date(2026, 5, 1),
        )

    assert e.value.code == "DELIVERY_DATE"
    assert not WarmthDelivery.objects.exists()


def test_project_inputs_need_value_and_source(cast):
    p = project(cast)
    with pytest.raises(ValidationError) as e:
        services.project_input_add(
            actor=cast.users["committee_secretary"], project=p, date=DAY, kind="funds", value_fen=0, source="县团委"
        )
    assert e.value.code == "INPUT_VALUE_REQUIRED"

    services.project_input_add(
        actor=cast.users["committee_secretary"], project=p, date=DAY, kind="funds", value_fen=1000000, source="县团委"
    )

    assert AssistanceInput.objects.get().value_fen == 1000000


def test_the_cadre_cannot_manage_a_project(cast):
    p = project(cast)

    with pytest.raises(Http404):
        services.project_visit_add(actor=cast.users["cadre"], project=p, date=DAY, visitors="王")
