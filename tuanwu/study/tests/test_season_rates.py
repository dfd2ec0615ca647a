"""A season's rate is the mean of its episode rates, not the season's learners over the season's bases
(DOMAIN.md §6); the hand-computed figures are in test_ranking.py."""

import pytest
from django.http import Http404

from tests.factories import org
from tuanwu.study import selectors

from .factories import DAY2, episode, line, run, season


def test_the_season_rate_of_each_committee_is_the_mean_of_its_episode_rates(two_episodes, cast):
    the_season, first, second = two_episodes

    rates, episodes = selectors.season_rates(cast.users["county_admin"], the_season, cast.county)

    assert episodes == [first, second]
    assert [(e["organization"].name, e["rates"], e["mean"]) for e in rates] == [
        ("青禾一中团委", [pytest.approx(2 / 3), 1.0], pytest.approx(5 / 6)),
        ("东湖镇团委", [7 / 8, pytest.approx(7 / 9)], pytest.approx((7 / 8 + 7 / 9) / 2)),
    ]
    assert rates[1]["mean"] != pytest.approx(14 / 17)  # the pooled rate would be 14 learners of 17 seats


def test_the_season_rate_of_each_branch_may_exceed_one_and_stays_uncapped(two_episodes, cast):
    the_season, _first, _second = two_episodes

    rates, _episodes = selectors.season_rates(cast.users["committee_secretary"], the_season, cast.town)

    assert [(e["organization"].name, e["mean"]) for e in rates] == [
        ("东湖村团支部", 1.0),
        ("西湾村团支部", 1.0),
        ("北岭村团支部", 1.0),
        ("南山村团支部", pytest.approx((1 / 3 + 3 / 4) / 2)),
    ]
    assert rates[0]["rates"] == [1.5, 0.5]


def test_episodes_not_yet_imported_are_left_out_of_the_season(two_episodes, cast, admin):
    the_season, first, second = two_episodes
    episode(admin, the_season, DAY2.replace(day=20))

    rates, episodes = selectors.season_rates(admin, the_season, cast.county)

    assert episodes == [first, second]
    assert [len(e["rates"]) for e in rates] == [2, 2]


def test_an_episode_without_a_base_is_left_out_of_the_mean(cast, admin):
    newcomer = org(cast.town, "北岭村团支部", code="DH03")
    the_season = season(admin)
    only = episode(admin, the_season)
    run(admin, only, [line("东湖村团支部", "张晓明")])

    rates, _episodes = selectors.season_rates(admin, the_season, cast.town)

    assert [(e["organization"], e["rates"], e["mean"]) for e in rates] == [
        (cast.branch, [0.5], 0.5),
        (cast.branch2, [0.0], 0.0),
        (newcomer, [None], None),
    ]


def test_a_season_outside_ones_scope_is_not_found(two_episodes, cast):
    the_season, _first, _second = two_episodes

    with pytest.raises(Http404):
        selectors.season_rates(cast.users["outsider"], the_season, cast.town)
