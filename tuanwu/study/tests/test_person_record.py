"""A person's own record: the episodes they studied of the episodes since they joined the roll."""

from tuanwu.study import selectors

from .factories import DAY2, episode


def record(person):
    r = selectors.person_record(person)
    return [(e.released_on, studied) for e, studied in r["episodes"]], r["studied"], r["total"], r["rate"]


def test_a_member_who_studied_every_episode_has_a_full_record(two_episodes, grown):
    _season, first, second = two_episodes

    assert record(grown.people["zhang"]) == ([(DAY2, True), (first.released_on, True)], 2, 2, 1.0)


def test_a_missed_episode_halves_the_rate(two_episodes, grown):
    _season, first, _second = two_episodes

    assert record(grown.people["li"]) == ([(DAY2, False), (first.released_on, True)], 1, 2, 0.5)


def test_episodes_before_a_member_joined_do_not_count_against_them(two_episodes, grown):
    assert record(grown.people["zhou4"]) == ([(DAY2, True)], 1, 1, 1.0)  # joined 2024-05-10


def test_a_non_member_youth_is_measured_against_every_episode(two_episodes, grown):
    _season, first, _second = two_episodes

    assert record(grown.people["youth"]) == ([(DAY2, False), (first.released_on, True)], 1, 2, 0.5)


def test_episodes_not_imported_yet_do_not_count(two_episodes, grown, admin):
    the_season, first, _second = two_episodes
    episode(admin, the_season, DAY2.replace(day=20))

    assert record(grown.people["zhang"])[1:] == (2, 2, 1.0)


def test_nobody_has_a_rate_before_any_episode_is_imported(cast):
    assert record(cast.people["zhang"]) == ([], 0, 0, None)
