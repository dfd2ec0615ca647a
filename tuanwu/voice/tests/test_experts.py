"""Experts: registered by the county administrator with their topics, assigned on a case by its handler."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tuanwu.voice.models import CaseEvent, Expert
from tuanwu.voice.services_merge import case_expert_assign
from tuanwu.voice.services_rights import expert_save
from tuanwu.voice.tests.factories import file_case


@pytest.fixture
def lawyer(cast):
    return expert_save(
        actor=cast.users["county_admin"], name="周律师", firm="青禾律师事务所", phone="13812340000", topics=["pay"]
    )


def test_the_county_registers_an_expert_with_topics(cast, lawyer):
    assert (lawyer.organization, lawyer.topics, lawyer.active) == (cast.county, ["pay"], True)
    assert str(lawyer) == "周律师（青禾律师事务所）"


def test_a_committee_may_not_register_experts(cast):
    with pytest.raises(PermissionDenied):
        expert_save(actor=cast.users["committee_secretary"], name="某人")

    assert not Expert.objects.exists()


def test_a_handler_assigns_an_expert_who_takes_the_topic(cast, lawyer):
    case, _ = file_case(cast.branch, subtype="pay")

    case_expert_assign(actor=cast.users["branch_secretary"], case=case, expert=lawyer)

    case.refresh_from_db()
    assert case.expert == lawyer
    step = case.events.get(kind=CaseEvent.Kind.EXPERT)
    assert (step.public, step.body) == (False, "周律师（青禾律师事务所）")


def test_an_expert_of_another_topic_is_refused(cast, lawyer):
    case, _ = file_case(cast.branch, category="consult", subtype="")

    with pytest.raises(ValidationError):
        case_expert_assign(actor=cast.users["branch_secretary"], case=case, expert=lawyer)

    case.refresh_from_db()
    assert case.expert is None and not case.events.filter(kind=CaseEvent.Kind.EXPERT).exists()


def test_the_expert_pages_are_the_county_administrators(cast, client_as, lawyer):
    page = client_as("county_admin").get("/voice/experts/")
    posted = client_as("county_admin").post(
        "/voice/experts/", {"name": "钱老师", "firm": "心理咨询中心", "topics": ["consult", "help"], "active": "on"}
    )

    assert page.status_code == 200 and "周律师" in page.content.decode()
    assert posted.status_code == 302
    assert Expert.objects.get(name="钱老师").topics == ["consult", "help"]
    assert client_as("committee_secretary").get("/voice/experts/").status_code == 404


def test_the_case_page_offers_the_experts_of_its_topic_and_assigns(cast, client_as, lawyer):
    case, _ = file_case(cast.branch, subtype="pay")
    client = client_as("branch_secretary")

    assert "周律师" in client.get(f"/voice/cases/{case.pk}/").content.decode()
    client.post(f"/voice/cases/{case.pk}/expert/", {"expert": lawyer.pk})

    case.refresh_from_db()
    assert case.expert == lawyer
