"""Lesson hours: what the 团课 and course sessions a person attended, their paper records and (by county policy)
the 青年大学习 episodes they studied add up to, on a given day. Admission reads these sums; the pages show the
lines behind them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from tuanwu.organizations.models import STEPLEN
from tuanwu.people.models import Person
from tuanwu.study.models import MATCHED, Participation

from ..models import LESSON_KINDS, Attendance, LessonCredit, MeetingPolicy

# SQLite's limit on the parameters of one query, with room for the others.
CHUNK = 900


@dataclass(frozen=True)
class LessonHours:
    """A person's lesson hours on a day: attended (团课 and course sessions), on paper, from study episodes."""

    attended: Decimal = Decimal(0)
    paper: Decimal = Decimal(0)
    study: Decimal = Decimal(0)
    study_counted: bool = False  # whether the county's policy counts 青年大学习 episodes as lesson hours
    study_episodes: int = 0

    @property
    def total(self) -> Decimal:
        return self.attended + self.paper + self.study


@dataclass
class LessonRecord:
    """The lines behind a person's lesson hours, for the pages that show the breakdown."""

    hours: LessonHours
    attended: list[Attendance] = field(default_factory=list)
    paper: list[LessonCredit] = field(default_factory=list)
    study: list[Participation] = field(default_factory=list)

    @property
    def episode_hours(self) -> Decimal:
        """The hours one study episode gave (the county's policy), for the study lines."""
        return self.hours.study / self.hours.study_episodes if self.hours.study_episodes else Decimal(0)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _study_policies(person_ids: list[int], years: set[int]) -> dict[tuple[int, int], MeetingPolicy | None]:
    """(person, year) -> the county policy when it counts study episodes as lesson hours, else None."""
    counties: dict[int, str] = {}
    for chunk in _chunks(person_ids):
        for pk, path in Person.objects.filter(pk__in=chunk).values_list("pk", "organization__path"):
            counties[pk] = (path or "")[:STEPLEN]
    policies = {
        (p.organization.path, p.year): p
        for p in MeetingPolicy.objects.filter(
            organization__path__in=sorted(set(counties.values())), year__in=sorted(years)
        ).select_related("organization")
    }
    out: dict[tuple[int, int], MeetingPolicy | None] = {}
    default = MeetingPolicy()
    for pk, county in counties.items():
        for year in years:
            policy = policies.get((county, year), default)
            out[(pk, year)] = policy if policy.study_counts_as_lesson else None
    return out


def lesson_hours_at(pairs: Iterable[tuple[int, datetime.date]]) -> dict[tuple[int, datetime.date], LessonHours]:
    """Lesson hours of each (person, day): the hours of lessons and course sessions attended (present) held on or
    before the day, the paper records earned on or before it, and, where the county's policy for the day's year
    says so, the 青年大学习 episodes released on or before it that the person studied times the hours per episode.
    A fixed number of queries per 900 people, whatever the number of days."""
    wanted = {(pk, day) for pk, day in pairs}
    if not wanted:
        return {}
    person_ids = sorted({pk for pk, _day in wanted})
    last = max(day for _pk, day in wanted)
    attended: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    paper: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    studied: dict[int, list[datetime.date]] = defaultdict(list)
    policies = _study_policies(person_ids, {day.year for _pk, day in wanted})
    counting = sorted({pk for (pk, _year), policy in policies.items() if policy is not None})
    for chunk in _chunks(person_ids):
        rows = Attendance.objects.filter(
            person_id__in=chunk,
            status=Attendance.Status.PRESENT,
            meeting__kind__in=sorted(LESSON_KINDS),
            meeting__held_on__lte=last,
        ).values_list("person_id", "meeting__held_on", "hours")
        for pk, day, hours in rows:
            attended[pk].append((day, hours))
        credits = LessonCredit.objects.filter(person_id__in=chunk, earned_on__lte=last)
        for pk, day, hours in credits.values_list("person_id", "earned_on", "hours"):
            paper[pk].append((day, hours))
    for chunk in _chunks(counting):
        studied_rows = Participation.objects.filter(
            person_id__in=chunk, match__in=list(MATCHED), episode__released_on__lte=last
        ).values_list("person_id", "episode__released_on")
        for pk, day in studied_rows:
            studied[pk].append(day)
    out = {}
    for pk, day in wanted:
        policy = policies.get((pk, day.year))
        episodes = sum(1 for d in studied.get(pk, []) if d <= day) if policy is not None else 0
        out[(pk, day)] = LessonHours(
            attended=sum((h for d, h in attended.get(pk, []) if d <= day), Decimal(0)),
            paper=sum((h for d, h in paper.get(pk, []) if d <= day), Decimal(0)),
            study=policy.study_episode_hours * episodes if policy is not None else Decimal(0),
            study_counted=policy is not None,
            study_episodes=episodes,
        )
    return out


def lesson_hours_of(person_ids: Iterable[int], *, until: datetime.date) -> dict[int, LessonHours]:
    """Lesson hours of each person on the day until (see lesson_hours_at), in a fixed number of queries."""
    found = lesson_hours_at((pk, until) for pk in person_ids)
    return {pk: hours for (pk, _day), hours in found.items()}


def lesson_record_of(person: Person, *, until: datetime.date) -> LessonRecord:
    """Each lesson attended, each paper record and each study episode counted behind a person's hours on until.
    Not scoped: the caller has already shown the person (an application, the member's own page)."""
    hours = lesson_hours_of([person.pk], until=until)[person.pk]
    attended = (
        Attendance.objects.filter(
            person=person,
            status=Attendance.Status.PRESENT,
            meeting__kind__in=sorted(LESSON_KINDS),
            meeting__held_on__lte=until,
        )
        .select_related("meeting__organization", "meeting__course")
        .order_by("meeting__held_on", "pk")
    )
    paper = LessonCredit.objects.filter(person=person, earned_on__lte=until).select_related("organization")
    study: QuerySet[Participation] | list[Participation] = []
    if hours.study_counted:
        study = (
            Participation.objects.filter(person=person, match__in=list(MATCHED), episode__released_on__lte=until)
            .select_related("episode")
            .order_by("episode__released_on")
        )
    return LessonRecord(hours=hours, attended=list(attended), paper=list(paper), study=list(study))
