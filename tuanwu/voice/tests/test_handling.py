"""Handling rules: transfer with a reason (the clock keeps running), hand-over, reopening within the county's
period, the escalation command, the calendar page of the county administrator, the metrics."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from tuanwu.plan.metrics import METRICS
from tuanwu.voice import services_cases as svc
from tuanwu.voice.models import CalendarDay, Case, CaseEvent
from tuanwu.voice.tests.factories import file_case

TZ = ZoneInfo("Asia/Shanghai")


def at(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.fixture
def clock(monkeypatch):
    state = {"now": at("2026-02-13 10:00")}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])
    return state


def test_transfer_moves_the_case_with_its_reason_and_keeps_the_deadlines(cast, clock):
    case, _ = file_case(cast.branch)
    actor = cast.users["branch_secretary"]

    svc.case_transfer(actor=actor, case=case, to_organization=cast.school, reason="涉及学校实习安排")

    case.refresh_from_db()
    assert case.organization == cast.school and case.owner is None
    assert (case.first_response_due, case.resolution_due) == (datetime.date(2026, 2, 24), datetime.date(2026, 3, 12))
    step = case.events.get(kind=CaseEvent.Kind.TRANSFERRED)
    assert (step.from_organization, step.to_organization, step.body) == (cast.branch, cast.school, "涉及学校实习安排")
    with pytest.raises(Http404):  # the branch no longer sees it
        svc.case_note(actor=actor, case=case, body="x")


def test_transfer_needs_a_reason(cast):
    case, _ = file_case(cast.branch)

    with pytest.raises(ValidationError) as refused:
        svc.case_transfer(actor=cast.users["branch_secretary"], case=case, to_organization=cast.school, reason=" ")

    assert "reason" in refused.value.error_dict
    assert not case.events.filter(kind="transferred").exists()


def test_hand_over_only_to_a_handler_of_the_case(cast):
    case, _ = file_case(cast.branch)
    owner = cast.users["branch_secretary"]
    svc.case_take(actor=owner, case=case)

    with pytest.raises(ValidationError):
        svc.case_handover(actor=owner, case=case, to_user=cast.users["cadre"], reason="调岗")
    svc.case_handover(actor=owner, case=case, to_user=cast.users["committee_secretary"], reason="调岗")

    case.refresh_from_db()
    assert case.owner == cast.users["committee_secretary"]
    with pytest.raises(PermissionDenied):
        svc.case_reply(actor=owner, case=case, body="我来答")


def test_reopen_within_the_period_restarts_the_clock_and_refused_after(cast, clock):
    case, _ = file_case(cast.branch, category="help", subtype="")
    svc.case_resolve(actor=cast.users["branch_secretary"], case=case, body="已解决")

    clock["now"] = at("2026-02-27 10:00")  # the period (10 working days) ends on 03-05
    svc.case_reopen(case=case, reason="问题又出现了")
    case.refresh_from_db()
    assert case.status == Case.Status.HANDLING
    assert case.resolution_due == datetime.date(2026, 3, 12)  # 02-28 is a make-up Saturday

    svc.case_resolve(actor=cast.users["branch_secretary"], case=case, body="再次解决")
    clock["now"] = at("2026-03-16 10:00")
    with pytest.raises(ValidationError) as refused:
        svc.case_reopen(case=case, reason="还是不行")
    assert refused.value.code == "CASE_REOPEN_TOO_LATE"


def test_escalate_command_reports_each_step(cast, clock, capsys):
    file_case(cast.town, category="consult", subtype="")
    clock["now"] = at("2026-02-25 09:00")

    call_command("voice", "escalate", "--format", "json")

    assert json.loads(capsys.readouterr().out)[0]["to"] == "青禾县委"
    call_command("voice", "escalate", "--format", "json")
    assert json.loads(capsys.readouterr().out) == []  # the county is the top: nothing further


def test_case_filed_near_a_year_without_a_table_has_no_deadline_until_the_table_is_entered(cast, clock):
    clock["now"] = at("2026-12-28 10:00")
    case, _ = file_case(cast.branch)
    assert case.first_response_due == datetime.date(2026, 12, 30)
    assert case.resolution_due is None

    admin = cast.users["county_admin"]
    from tuanwu.voice import services

    table = services.holiday_year_create(actor=admin, year=2027, source="通知")
    services.calendar_day_set(actor=admin, table=table, date=datetime.date(2027, 1, 1), kind="off", statutory=True)

    case.refresh_from_db()
    assert case.resolution_due == datetime.date(2027, 1, 19)


def test_calendar_page_edits_the_table_for_the_county_administrator_only(cast, client_as):
    admin = client_as("county_admin")

    admin.post("/voice/calendar/2026/", {"date": "2026-12-31", "kind": "off", "name": "测试"})
    refused = admin.post("/voice/calendar/2026/", {"date": "2026-12-30", "kind": "work"})

    assert CalendarDay.objects.filter(date=datetime.date(2026, 12, 31), kind="off").exists()
    assert "周六或周日" in refused.content.decode()
    assert not CalendarDay.objects.filter(date=datetime.date(2026, 12, 30)).exists()
    assert (
        client_as("committee_secretary")
        .post("/voice/calendar/2026/", {"date": "2026-12-29", "kind": "off"})
        .status_code
        == 404
    )
    assert not CalendarDay.objects.filter(date=datetime.date(2026, 12, 29)).exists()


def test_metrics_count_the_county_cases(cast, clock):
    answered, _ = file_case(cast.branch)
    late, _ = file_case(cast.branch2, category="consult", subtype="")
    svc.case_resolve(actor=cast.users["branch_secretary"], case=answered, body="已办结")
    svc.case_rate(case=answered, rating=4)
    clock["now"] = at("2026-03-20 10:00")
    svc.case_resolve(actor=cast.users["committee_secretary"], case=late, body="迟到的答复")

    values = {
        key: METRICS[key].compute(cast.users["county_admin"], cast.county, 2026)
        for key in METRICS
        if key.startswith("voice_")
    }

    assert {key: METRICS[key].unit for key in values} == {
        "voice_cases": "件",
        "voice_first_response_on_time": "%",
        "voice_resolved_on_time": "%",
        "voice_overdue": "件",
        "voice_satisfaction": "分",
        "voice_rights_officer_coverage": "%",
        "voice_rights_department_coverage": "%",
    }
    assert values == {
        "voice_cases": 2,
        "voice_first_response_on_time": 50,
        "voice_resolved_on_time": 50,
        "voice_overdue": 0,
        "voice_satisfaction": 4,
        "voice_rights_officer_coverage": 0,  # 青禾一中's one class branch has no 权益委员
        "voice_rights_department_coverage": 0,
    }
