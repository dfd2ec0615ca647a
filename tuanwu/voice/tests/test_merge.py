"""Merging duplicates: within one organization line, by a handler; the merged case's asker follows it."""

import pytest
from django.core.exceptions import ValidationError

from tuanwu.voice import services_cases as svc
from tuanwu.voice.models import Case, CaseEvent
from tuanwu.voice.services_merge import case_merge
from tuanwu.voice.tests.factories import file_case


def test_merge_closes_the_duplicate_with_a_link_and_records_both_steps(cast):
    duplicate, _ = file_case(cast.branch)
    kept, _ = file_case(cast.town)

    case_merge(actor=cast.users["committee_secretary"], case=duplicate, into_number=kept.number, reason="同一实习单位")

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Case.Status.MERGED, kept)
    step = duplicate.events.get(kind=CaseEvent.Kind.MERGED)
    assert step.public and kept.number in step.body
    other = kept.events.get(kind=CaseEvent.Kind.MERGED)
    assert (other.public, other.from_organization) == (False, cast.branch)
    assert "同一实习单位" in other.body


def test_merge_across_lines_is_refused_and_nothing_changes(cast):
    duplicate, _ = file_case(cast.branch)
    elsewhere, _ = file_case(cast.branch2)

    with pytest.raises(ValidationError) as refused:
        case_merge(actor=cast.users["committee_secretary"], case=duplicate, into_number=elsewhere.number, reason="x")

    assert "西湾村团支部" in refused.value.message_dict["into_number"][0]
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Case.Status.NEW, None)
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.MERGED).exists()


def test_merge_into_a_case_outside_the_scope_answers_like_missing(cast):
    duplicate, _ = file_case(cast.branch)
    school_case, _ = file_case(cast.school_branch)

    with pytest.raises(ValidationError) as refused:
        case_merge(actor=cast.users["branch_secretary"], case=duplicate, into_number=school_case.number, reason="x")

    message = refused.value.message_dict["into_number"][0]
    assert school_case.number in message and "青禾一中" not in message
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.MERGED).exists()


def test_a_merged_case_takes_no_more_steps(cast):
    duplicate, _ = file_case(cast.branch)
    kept, _ = file_case(cast.branch)
    case_merge(actor=cast.users["branch_secretary"], case=duplicate, into_number=kept.number, reason="重复")

    with pytest.raises(ValidationError) as refused:
        svc.case_reply(actor=cast.users["branch_secretary"], case=duplicate, body="x")

    assert refused.value.code == "CASE_MERGED"


def test_the_asker_of_the_merged_case_sees_where_it_went_and_its_answers(cast, client):
    duplicate, code = file_case(cast.branch)
    kept, _ = file_case(cast.branch, description="另一位同学：我的电话13900001111")
    handler = cast.users["branch_secretary"]
    client.force_login(handler)
    response = client.post(f"/voice/cases/{duplicate.pk}/merge/", {"into_number": kept.number, "reason": "同一单位"})
    assert response.status_code == 302
    svc.case_reply(actor=handler, case=kept, body="已联系实习单位")
    client.logout()

    client.post("/voice/track/", {"number": duplicate.number, "code": code})
    page = client.get(f"/voice/track/{duplicate.number}/").content.decode()

    assert kept.number in page and "已联系实习单位" in page
    assert "13900001111" not in page


def test_an_auditor_may_not_merge(cast, client):
    duplicate, _ = file_case(cast.branch)
    kept, _ = file_case(cast.branch)
    client.force_login(cast.users["auditor"])

    response = client.post(f"/voice/cases/{duplicate.pk}/merge/", {"into_number": kept.number, "reason": "x"})

    assert response.status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.status == Case.Status.NEW


def test_a_merged_duplicate_is_not_counted_in_the_figures(cast):
    from tuanwu.voice.selectors import county_figures

    duplicate, _ = file_case(cast.branch)
    kept, _ = file_case(cast.branch)
    case_merge(actor=cast.users["branch_secretary"], case=duplicate, into_number=kept.number, reason="重复")

    assert county_figures(cast.county, kept.filed_at.year).cases == 1
