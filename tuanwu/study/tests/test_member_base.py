"""The member base an episode's rate divides by: the members on each branch's roll on the episode's date."""

import datetime

from tests.factories import member
from tuanwu.people.models import Membership
from tuanwu.study import selectors
from tuanwu.study.models import MemberBase

from .factories import DAY1, by_name, run


def bases(episode) -> list[tuple[str, int]]:
    return sorted(MemberBase.objects.filter(episode=episode).values_list("organization__name", "members"))


def left(person, status: str, on: datetime.date) -> None:
    Membership.objects.filter(person=person).update(status=status, status_changed_on=on)


def test_the_base_is_the_roll_on_the_episode_date(cast, admin, ep):
    assert ep.released_on == DAY1
    member(cast.branch, "孙悦", joined=datetime.date(2024, 6, 1))  # joins after the date: not yet
    member(cast.branch, "钱进", joined=DAY1)  # joins that day: counted
    left(member(cast.branch, "周一"), "age_out", datetime.date(2024, 4, 1))  # aged out before: gone
    left(member(cast.branch, "周二"), "age_out", datetime.date(2024, 6, 1))  # aged out after: still counted
    left(member(cast.branch, "周三"), "age_out_pending", datetime.date(2024, 4, 1))  # pending: still a member
    left(member(cast.branch2, "周四"), "lapse", DAY1)  # lapsed that day: gone

    run(admin, ep, [by_name(cast.people["zhang"])])

    assert bases(ep) == [("2024级1班团支部", 1), ("东湖村团支部", 5), ("西湾村团支部", 1)]
    assert selectors.totals(ep, cast.county).members == 7


def test_the_base_of_a_past_episode_stays_as_it_was_when_the_roll_changes_later(cast, admin, ep):
    run(admin, ep, [by_name(cast.people["zhang"])])

    member(cast.branch, "孙悦", joined=datetime.date(2024, 7, 1))
    left(cast.people["li"], "age_out", datetime.date(2024, 7, 1))

    assert bases(ep) == [("2024级1班团支部", 1), ("东湖村团支部", 2), ("西湾村团支部", 1)]
    assert selectors.ranking(admin, ep, cast.town)[0].rate == 0.5


def test_reimporting_recounts_the_base_by_the_episode_date_not_today(cast, admin, ep):
    run(admin, ep, [by_name(cast.people["zhang"])])
    member(cast.branch, "孙悦", joined=datetime.date(2024, 7, 1))
    left(cast.people["li"], "age_out", datetime.date(2024, 7, 1))

    run(admin, ep, [by_name(cast.people["zhang"])])

    assert bases(ep) == [("2024级1班团支部", 1), ("东湖村团支部", 2), ("西湾村团支部", 1)]


def test_members_who_were_not_on_the_roll_that_day_study_as_non_members(cast, admin, ep):
    late = member(cast.branch, "孙悦", joined=datetime.date(2024, 6, 1))
    gone = member(cast.branch, "钱进")
    left(gone, "age_out", datetime.date(2024, 4, 1))
    leaving = member(cast.branch, "周一")
    left(leaving, "age_out", datetime.date(2024, 6, 1))

    run(admin, ep, [by_name(late), by_name(gone), by_name(leaving), by_name(cast.people["youth"])])

    row = selectors.totals(ep, cast.branch)
    assert (row.members, row.participants, row.non_members) == (3, 4, 3)
    assert row.rate == 4 / 3
