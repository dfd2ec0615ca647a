from decimal import Decimal

import pytest

from tuanwu.programs import rules


@pytest.mark.parametrize(
    ("judge_paths", "owner", "members", "tutor", "code"),
    [
        (["0001"], "00010002", [], None, "COI_ORGANIZATION"),
        (["00010002"], "00010002", [], None, "COI_ORGANIZATION"),
        (["00010003"], "00010002", [], None, None),
        (["00010003"], "00010002", [7], None, "COI_TEAM"),
        (["00010003"], "00010002", [], 7, "COI_TEAM"),
    ],
)
def test_conflict_of_interest(judge_paths, owner, members, tutor, code):
    found = rules.conflict_of_interest(
        judge_paths=judge_paths, judge_person_id=7, owner_path=owner, member_ids=members, tutor_id=tutor
    )

    assert (found.code if found else None) == code


def test_weighted_total_waits_for_every_criterion():
    weights = {1: Decimal("0.6"), 2: Decimal("0.4")}

    assert rules.weighted_total({1: Decimal(100), 2: Decimal(75)}, weights) == 90.0
    assert rules.weighted_total({1: Decimal(100)}, weights) is None


def test_a_judge_who_gives_everyone_the_same_mark_moves_nobody():
    assert rules.standardize({1: 80.0, 2: 80.0}) == {1: 0.0, 2: 0.0}


@pytest.mark.parametrize(("cap", "entries", "awards"), [("20", 12, 2), ("20", 10, 2), ("3", 30, 0), ("100", 3, 3)])
def test_award_cap_rounds_down(cap, entries, awards):
    assert rules.award_cap(Decimal(cap), entries) == awards
