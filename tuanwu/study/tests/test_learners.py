"""The people behind a number: who studied, and which members on the roll that day did not."""

import pytest
from django.http import Http404

from tuanwu.study import selectors


def names(qs) -> list[str]:
    return [p.name for p in qs]


def test_those_who_studied_include_non_members(two_episodes, grown, admin):
    _season, first, _second = two_episodes

    assert names(selectors.learners(admin, first, grown.branch, studied=True)) == ["陈静", "李华", "张晓明"]


def test_the_members_who_did_not_study_are_those_on_the_roll_that_day(two_episodes, grown, admin):
    _season, first, second = two_episodes

    assert names(selectors.learners(admin, first, grown.town, studied=False)) == ["周二", "周三"]
    assert names(selectors.learners(admin, second, grown.town, studied=False)) == ["李华", "周三"]


def test_studied_and_not_studied_add_up_to_the_figures_of_the_ranking(two_episodes, grown, admin):
    _season, first, _second = two_episodes

    studied = selectors.learners(admin, first, grown.county, studied=True)
    missing = selectors.learners(admin, first, grown.county, studied=False)

    row = selectors.totals(first, grown.county)
    assert (studied.count(), missing.count()) == (row.participants, row.members - (row.participants - row.non_members))


def test_the_learners_of_a_branch_beside_ones_own_are_not_found(two_episodes, grown):
    _season, first, _second = two_episodes

    with pytest.raises(Http404):
        selectors.learners(grown.users["branch_secretary"], first, grown.branch2, studied=True)
