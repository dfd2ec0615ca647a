"""The closed loop over HTTP: filed anonymously, escalated after its deadline (time fixed), answered, rated through
the tracking code, followed up; internal notes never reach the asker."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tuanwu.audit.models import AccessLog
from tuanwu.voice.models import Case, CaseEvent
from tuanwu.voice.services_cases import case_escalate_overdue

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() fixed at a moment the test moves."""
    state = {"now": at("2026-02-13 10:00")}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])
    return state


def test_anonymous_case_escalated_answered_rated_and_followed_up(client, cast, clock, client_as):
    # given: a student files anonymously on Friday 2026-02-13, naming 东湖村团支部
    response = client.post(
        "/voice/ask/",
        {
            "category": "rights",
            "subtype": "pay",
            "organization": cast.branch.pk,
            "description": "实习单位每月只发一半报酬",
            "anonymous": "on",
            "contact_name": "小王",
            "contact_phone": "13812345678",
            "consent_publish": "on",
        },
    )
    assert response.status_code == 201
    html = response.content.decode()
    number = re.search(r'data-testid="case-number">([^<]+)<', html).group(1)
    code = re.search(r'data-testid="case-code">([^<]+)<', html).group(1)
    case = Case.objects.get(number=number)
    assert case.anonymous and case.contact_name == "" and case.contact_phone == ""
    assert case.organization == cast.branch
    assert case.first_response_due == datetime.date(2026, 2, 24)
    assert case.resolution_due == datetime.date(2026, 3, 12)
    assert code not in case.secret_hash

    # when: nobody answered by the end of Tuesday 02-24; on Wednesday the escalation runs
    clock["now"] = at("2026-02-24 18:00")
    assert case_escalate_overdue() == []
    clock["now"] = at("2026-02-25 08:00")
    first = case_escalate_overdue()

    # then: it goes to the town committee, with who was told, and the town has 2 working days
    case.refresh_from_db()
    assert [e.to_organization for e in first] == [cast.town]
    assert first[0].notified == "committee_secretary"
    assert case.escalation_level == 1 and case.escalated_to == cast.town
    assert case.escalation_due == datetime.date(2026, 2, 27)

    # when: still nobody by Monday 03-02: the county, on listing (lazily)
    clock["now"] = at("2026-03-02 09:00")
    client_as("county_admin").get("/voice/cases/")
    case.refresh_from_db()
    assert case.escalation_level == 2 and case.escalated_to == cast.county
    steps = list(case.events.filter(kind=CaseEvent.Kind.ESCALATED).values_list("to_organization__name", "notified"))
    assert steps == [("东湖镇团委", "committee_secretary"), ("青禾县委", "county_admin")]

    # when: the branch secretary takes it, notes internally, replies and resolves
    c = client_as("branch_secretary")
    assert c.post(f"/voice/cases/{case.pk}/take/").status_code == 302
    c.post(f"/voice/cases/{case.pk}/note/", {"body": "内部：已联系学校就业处"})
    c.post(f"/voice/cases/{case.pk}/reply/", {"body": "已受理，正在与实习单位核实"})
    clock["now"] = at("2026-03-03 10:00")
    c = client_as("branch_secretary")  # a session does not outlive the day the clock skips
    c.post(f"/voice/cases/{case.pk}/resolve/", {"body": "单位已补发报酬"})
    case.refresh_from_db()
    assert case.owner == cast.users["branch_secretary"]
    assert case.status == Case.Status.RESOLVED
    assert case.first_response_at == at("2026-03-02 09:00")

    # when: the asker opens the case with the number and code and rates it
    asker = client_as("anonymous")
    assert asker.post("/voice/track/", {"number": number, "code": code.lower()}).status_code == 302
    page = asker.get(f"/voice/track/{number}/").content.decode()
    assert "单位已补发报酬" in page and "已受理，正在与实习单位核实" in page
    assert "内部：已联系学校就业处" not in page
    assert "committee_secretary" not in page
    asker.post(f"/voice/track/{number}/", {"action": "rate", "rating": "4", "comment": "还算及时"})
    case.refresh_from_db()
    assert (case.rating, case.rating_comment) == (4, "还算及时")

    # when: the handler records the follow-up call
    clock["now"] = at("2026-03-05 10:00")
    c = client_as("branch_secretary")
    c.post(f"/voice/cases/{case.pk}/followup/", {"body": "电话回访，学生表示满意"})

    # then
    case.refresh_from_db()
    assert case.followed_up_at == at("2026-03-05 10:00")
    assert list(case.events.values_list("kind", flat=True)) == [
        "filed",
        "escalated",
        "escalated",
        "taken",
        "note",
        "reply",
        "resolved",
        "rated",
        "followed_up",
    ]


def test_wrong_code_opens_nothing(client, cast):
    response = client.post("/voice/ask/", {"category": "consult", "description": "团员证丢了怎么补办？"})
    number = re.search(r'data-testid="case-number">([^<]+)<', response.content.decode()).group(1)
    client.session.flush()
    from django.test import Client

    other = Client()

    refused = other.post("/voice/track/", {"number": number, "code": "WRONGCOD"})

    assert refused.status_code == 200
    assert "查询编号和密码不匹配" in refused.content.decode()
    assert other.get(f"/voice/track/{number}/").status_code == 302


def test_first_handler_owns_the_case_until_handed_over(cast, client_as):
    from tuanwu.voice.tests.factories import file_case

    case, _ = file_case(cast.branch)
    client_as("branch_secretary").post(f"/voice/cases/{case.pk}/take/")

    # the committee secretary above may still act, but another branch handler may not take it
    from tests.factories import user
    from tuanwu.accounts.models import RoleAssignment

    second = user("second_handler", "branch_secretary", cast.branch)
    client_as("anonymous").force_login(second)
    from django.test import Client

    other = Client()
    other.force_login(second)
    response = other.post(f"/voice/cases/{case.pk}/reply/", {"body": "我来答"})

    case.refresh_from_db()
    assert response.status_code == 403
    assert case.owner == cast.users["branch_secretary"]
    assert not case.events.filter(kind="reply").exists()
    assert RoleAssignment.objects.filter(user=second).count() == 1


def test_contact_data_is_masked_until_a_handler_reveals_it_and_views_are_logged(cast, client_as):
    from tuanwu.voice.tests.factories import file_case

    case, _ = file_case(cast.branch, contact_name="王小明", contact_phone="13812345678")
    before = AccessLog.objects.count()

    auditor_page = client_as("auditor").get(f"/voice/cases/{case.pk}/").content.decode()
    handler = client_as("branch_secretary")
    revealed = handler.post(f"/voice/cases/{case.pk}/reveal/").content.decode()
    refused = client_as("auditor").post(f"/voice/cases/{case.pk}/reveal/")

    assert "138****5678" in auditor_page and "13812345678" not in auditor_page
    assert "13812345678" in revealed
    assert refused.status_code == 403
    logs = list(AccessLog.objects.order_by("pk")[before:].values_list("actor__username", "fields"))
    assert logs == [("auditor", "description"), ("branch_secretary", "contact_name,contact_phone")]


def test_a_sibling_organization_does_not_see_the_case(cast, client_as):
    from tuanwu.voice.tests.factories import file_case

    case, _ = file_case(cast.branch)

    assert client_as("outsider").get(f"/voice/cases/{case.pk}/").status_code == 404
    assert client_as("cadre").get(f"/voice/cases/{case.pk}/").status_code == 404
    assert client_as("committee_secretary").get(f"/voice/cases/{case.pk}/").status_code == 200
