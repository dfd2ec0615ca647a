"""12355 / 12345 work orders become cases with their number, the clock from the hotline's receipt; a case handed
to a hotline keeps its clock; published answers only with consent, anonymized by the handler, searchable."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tuanwu.voice import services_cases as svc
from tuanwu.voice.models import Case
from tuanwu.voice.tests.factories import file_case

TZ = ZoneInfo("Asia/Shanghai")


def test_a_work_order_becomes_a_case_due_from_the_hotlines_receipt(cast, client_as):
    response = client_as("committee_secretary").post(
        "/voice/cases/work-order/",
        {
            "channel": "12355",
            "reference": "GD-2026-0042",
            "received_at": "2026-02-13T09:30",
            "organization": cast.branch.pk,
            "category": "rights",
            "subtype": "hours",
            "description": "实习单位安排夜班",
        },
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.channel, case.external_reference, case.owner) == (
        "12355",
        "GD-2026-0042",
        cast.users["committee_secretary"],
    )
    assert case.filed_at == datetime.datetime(2026, 2, 13, 9, 30, tzinfo=TZ)
    assert case.first_response_due == datetime.date(2026, 2, 24)


def test_the_same_work_order_is_not_keyed_in_twice(cast):
    data = dict(
        actor=cast.users["county_admin"],
        channel="12345",
        reference="A1",
        received_at=datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TZ),
        organization=cast.branch,
        category="consult",
        description="问题",
    )
    svc.case_from_work_order(**data)

    with pytest.raises(ValidationError) as refused:
        svc.case_from_work_order(**data)

    assert "reference" in refused.value.error_dict
    assert Case.objects.count() == 1


def test_a_work_order_outside_the_handlers_scope_is_refused(cast):
    with pytest.raises(PermissionDenied):
        svc.case_from_work_order(
            actor=cast.users["outsider"],
            channel="12355",
            reference="B1",
            received_at=datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TZ),
            organization=cast.branch,
            category="consult",
            description="问题",
        )
    assert Case.objects.count() == 0


def test_handing_to_a_hotline_keeps_the_case_open_and_its_deadlines(cast):
    case, _ = file_case(cast.branch)
    due = (case.first_response_due, case.resolution_due)

    svc.case_hand_out(
        actor=cast.users["branch_secretary"], case=case, channel="12355", reference="Z9", reason="需法律援助"
    )

    case.refresh_from_db()
    assert case.status == Case.Status.HANDLING and case.external_reference == "Z9"
    assert (case.first_response_due, case.resolution_due) == due
    assert case.events.get(kind="handed_out").body == "12355 Z9: 需法律援助"


def test_published_answers_need_consent_and_show_only_the_reviewed_text(cast, client_as):
    consented, _ = file_case(
        cast.branch, contact_name="王小明", consent_publish=True, description="我是王小明，实习没工资"
    )
    private, _ = file_case(cast.branch, description="不要公开的问题")
    handler = cast.users["branch_secretary"]
    for case in (consented, private):
        svc.case_resolve(actor=handler, case=case, body="已协调发放")

    with pytest.raises(ValidationError):
        svc.case_publish(actor=handler, case=private, question="q", answer="a")
    client_as("branch_secretary").post(
        f"/voice/cases/{consented.pk}/publish/",
        {"question": "实习没有报酬怎么办？", "answer": "岗位实习报酬不低于同岗位工资的80%。"},
    )
    page = client_as("anonymous").get("/voice/answers/?q=实习").content.decode()
    other = client_as("anonymous").get("/voice/answers/?q=不相干").content.decode()

    assert "实习没有报酬怎么办？" in page and "80%" in page
    assert "王小明" not in page and "不要公开的问题" not in page
    assert "实习没有报酬怎么办？" not in other
