"""Reviewing the learners the import could not match: a person confirms who they are (within their scope), or
the county sets a row aside."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.factories import member
from tuanwu.study import selectors, services
from tuanwu.study.models import Participation

from .factories import by_name, line, run

Match = Participation.Match


@pytest.fixture
def rows(cast, admin, ep):
    """Row 3 张晓明 matched; row 4 李芳 nobody; row 5 李华 ambiguous between two branches; row 6 赵磊 misspelt."""
    member(cast.branch2, "李华", gender="female")
    run(admin, ep, [by_name(cast.people["zhang"]), line("", "李芳"), line("", "李华"), line("", "赵雷")])
    return {p.name: p for p in ep.participations.all()}


def state(row: Participation) -> tuple:
    row.refresh_from_db()
    return row.person_id, row.organization_id, row.is_member, row.match, len(row.proposals)


def test_the_review_lists_ambiguous_rows_then_unmatched_ones(admin, ep, rows):
    assert [p.name for p in selectors.review_rows(admin, ep)] == ["李华", "李芳", "赵雷"]


def test_assigning_a_person_counts_the_learner_for_that_persons_branch(cast, admin, ep, rows):
    wang = cast.people["wang"]

    row = services.participation_assign(actor=admin, participation=rows["李芳"], person=wang)

    assert state(row) == (wang.pk, cast.branch2.pk, True, Match.MANUAL, 0)
    assert selectors.totals(ep, cast.branch2).participants == 1
    assert [p.name for p in selectors.review_rows(admin, ep)] == ["李华", "赵雷"]


def test_assigning_a_proposal_clears_the_proposals(cast, admin, rows):
    li = cast.people["li"]

    row = services.participation_assign(actor=admin, participation=rows["李华"], person=li)

    assert state(row) == (li.pk, cast.branch.pk, True, Match.MANUAL, 0)


def test_assigning_a_non_member_counts_them_as_such(cast, admin, rows):
    youth = cast.people["youth"]

    row = services.participation_assign(actor=admin, participation=rows["李芳"], person=youth)

    assert state(row) == (youth.pk, cast.branch.pk, False, Match.MANUAL, 0)


@pytest.mark.parametrize("who", ["committee_secretary", "branch_secretary"])
def test_a_secretary_assigns_people_of_their_subtree(cast, ep, rows, who):
    li = cast.people["li"]
    # A row attributed to the secretary's branch (a row nobody is matched to is the county's).
    waiting = Participation.objects.create(
        episode=ep, row=99, name="李华", organization=cast.branch, match=Participation.Match.UNMATCHED
    )

    row = services.participation_assign(actor=cast.users[who], participation=waiting, person=li)

    assert state(row)[:2] == (li.pk, cast.branch.pk)


def test_a_person_already_counted_for_the_episode_is_refused(cast, admin, rows):
    before = state(rows["李芳"])

    with pytest.raises(ValidationError) as refused:
        services.participation_assign(actor=admin, participation=rows["李芳"], person=cast.people["zhang"])

    assert refused.value.code == "ALREADY_COUNTED"
    assert state(rows["李芳"]) == before


def test_a_matched_row_cannot_be_reassigned(cast, admin, rows):
    before = state(rows["张晓明"])

    with pytest.raises(ValidationError) as refused:
        services.participation_assign(actor=admin, participation=rows["张晓明"], person=cast.people["wang"])

    assert refused.value.code == "ALREADY_MATCHED"
    assert state(rows["张晓明"]) == before


@pytest.mark.parametrize(
    ("who", "person", "refusal"),
    [
        ("branch_secretary", "wang", Http404),  # 西湾村: beside the secretary's branch
        ("committee_secretary", "zhao", Http404),  # the school: beside the town
        ("outsider", "wang", Http404),
        ("member", "zhang", Http404),
        ("cadre", "zhao", PermissionDenied),  # sees the school but manages nothing
        ("auditor", "wang", PermissionDenied),
    ],
)
def test_assigning_a_person_outside_ones_scope_is_refused(cast, rows, who, person, refusal):
    before = state(rows["赵雷"])

    with pytest.raises(refusal):
        services.participation_assign(actor=cast.users[who], participation=rows["赵雷"], person=cast.people[person])

    assert state(rows["赵雷"]) == before


def test_the_county_sets_aside_a_learner_who_is_nobody_of_the_county(admin, ep, rows):
    row = services.participation_dismiss(actor=admin, participation=rows["李芳"])

    assert state(row) == (None, None, False, Match.DISMISSED, 0)
    assert [p.name for p in selectors.review_rows(admin, ep)] == ["李华", "赵雷"]


@pytest.mark.parametrize("who", ["committee_secretary", "branch_secretary", "cadre", "auditor", "outsider", "member"])
def test_only_the_county_sets_rows_aside(cast, rows, who):
    before = state(rows["李芳"])

    with pytest.raises(ValidationError) as refused:
        services.participation_dismiss(actor=cast.users[who], participation=rows["李芳"])

    assert refused.value.code == "STUDY_COUNTY_ONLY"
    assert state(rows["李芳"]) == before


def test_a_matched_row_cannot_be_set_aside(admin, rows):
    before = state(rows["张晓明"])

    with pytest.raises(ValidationError) as refused:
        services.participation_dismiss(actor=admin, participation=rows["张晓明"])

    assert refused.value.code == "ALREADY_MATCHED"
    assert state(rows["张晓明"]) == before
