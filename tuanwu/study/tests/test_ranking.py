"""Rates and rankings, computed by hand over the grown cast (factories.grow, EPISODE1/EPISODE2):

2024-05-06   base  learners  rate     2024-05-13   base  learners  rate
东湖村团支部    2     3 (陈静)  150 %                  2     1        50 %
西湾村团支部    1     1         100 %                  1     1        100 %
北岭村团支部    2     2         100 %                  2     2        100 %
南山村团支部    3     1         33 %    (周四 joins)   4     3        75 %
东湖镇团委      8     7         87.5 %                 9     7        77.8 %
青禾一中团委    3     2         66.7 %                 3     3        100 %
"""

import pytest
from django.http import Http404

from tests.factories import org
from tuanwu.study import selectors
from tuanwu.study.selectors import RankRow, band

from .factories import DAY1, episode, line, run, season


def table(rows):
    return [(r.organization.name, r.members, r.participants, r.non_members, r.rank) for r in rows]


def test_branch_rates_exceed_100_percent_uncapped_and_ties_share_a_rank(two_episodes, cast):
    _season, first, _second = two_episodes

    rows = selectors.ranking(cast.users["county_admin"], first, cast.town)

    assert table(rows) == [
        ("东湖村团支部", 2, 3, 1, 1),
        ("西湾村团支部", 1, 1, 0, 2),
        ("北岭村团支部", 2, 2, 0, 2),
        ("南山村团支部", 3, 1, 0, 4),
    ]
    assert [r.rate for r in rows] == [1.5, 1.0, 1.0, pytest.approx(1 / 3)]
    assert [r.band for r in rows] == ["a", "a", "a", "d"]


def test_a_tie_at_the_top_skips_the_next_rank(two_episodes, cast):
    _season, _first, second = two_episodes

    rows = selectors.ranking(cast.users["county_admin"], second, cast.town)

    assert table(rows) == [
        ("西湾村团支部", 1, 1, 0, 1),
        ("北岭村团支部", 2, 2, 0, 1),
        ("南山村团支部", 4, 3, 0, 3),
        ("东湖村团支部", 2, 1, 0, 4),
    ]


def test_committees_roll_up_their_subtree_participants_over_their_subtree_base(two_episodes, cast):
    _season, first, _second = two_episodes

    rows = selectors.ranking(cast.users["county_admin"], first, cast.county)

    assert table(rows) == [("东湖镇团委", 8, 7, 1, 1), ("青禾一中团委", 3, 2, 0, 2)]
    assert [r.rate for r in rows] == [7 / 8, pytest.approx(2 / 3)]
    assert [r.band for r in rows] == ["c", "d"]


def test_totals_count_the_whole_subtree_and_leave_unmatched_learners_out(two_episodes, cast):
    _season, first, _second = two_episodes

    town = selectors.totals(first, cast.town)
    county = selectors.totals(first, cast.county)

    assert (town.members, town.participants, town.non_members) == (8, 7, 1)
    assert (county.members, county.participants, county.non_members) == (11, 9, 1)
    assert first.participations.count() == 10  # 路人甲 is kept, unmatched, and counts nowhere


def test_the_change_is_the_places_gained_since_the_previous_episode(two_episodes, cast):
    _season, first, second = two_episodes
    admin = cast.users["county_admin"]

    branches = selectors.ranking(admin, second, cast.town)
    committees = selectors.ranking(admin, second, cast.county)
    earliest = selectors.ranking(admin, first, cast.town)

    assert [(r.organization.name, r.previous_rank, r.rank, r.change) for r in branches] == [
        ("西湾村团支部", 2, 1, 1),
        ("北岭村团支部", 2, 1, 1),
        ("南山村团支部", 4, 3, 1),
        ("东湖村团支部", 1, 4, -3),
    ]
    assert [(r.organization.name, r.rank, r.change) for r in committees] == [
        ("青禾一中团委", 1, 1),
        ("东湖镇团委", 2, -1),
    ]
    assert [r.change for r in earliest] == [None, None, None, None]


def test_organizations_without_a_member_base_rank_last_and_share_their_rank(cast):
    admin = cast.users["county_admin"]
    org(cast.town, "北岭村团支部", code="DH03")
    org(cast.town, "南山村团支部", code="DH04")
    first = episode(admin, season(admin), DAY1)
    run(admin, first, [line("东湖村团支部", "张晓明")])

    rows = selectors.ranking(admin, first, cast.town)

    assert [(r.organization.name, r.rate, r.rank) for r in rows] == [
        ("东湖村团支部", 0.5, 1),
        ("西湾村团支部", 0.0, 2),
        ("北岭村团支部", None, 3),
        ("南山村团支部", None, 3),
    ]


@pytest.mark.parametrize("who", ["county_admin", "committee_secretary", "auditor"])
def test_those_who_see_the_town_get_its_ranking(two_episodes, cast, who):
    _season, first, _second = two_episodes

    rows = selectors.ranking(cast.users[who], first, cast.town)

    assert [r.rank for r in rows] == [1, 2, 2, 4]


@pytest.mark.parametrize(
    ("who", "parent"),
    [
        ("committee_secretary", "county"),
        ("branch_secretary", "town"),
        ("cadre", "town"),
        ("outsider", "town"),
        ("member", "branch"),
    ],
)
def test_a_ranking_outside_ones_scope_is_not_found(two_episodes, cast, who, parent):
    _season, first, _second = two_episodes

    with pytest.raises(Http404):
        selectors.ranking(cast.users[who], first, getattr(cast, parent))


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (1.5, "a"),
        (1.0, "a"),
        (0.95, "a"),
        (0.9499, "b"),
        (0.90, "b"),
        (0.8999, "c"),
        (0.80, "c"),
        (0.7999, "d"),
        (0.0, "d"),
        (None, "d"),
    ],
)
def test_bands_start_at_95_90_and_80_percent(rate, expected):
    assert band(rate) == expected


def test_a_rank_row_without_members_has_no_rate(cast):
    row = RankRow(cast.branch, members=0, participants=2, non_members=2)

    assert (row.rate, row.band, row.change) == (None, "d", None)
