"""Member development in the demo county: the admissions of the previous and the current year, the quotas they
were drawn from, and an open pipeline in the featured branch. Written in bulk, like the rest of the demo county;
the rows are those the services write (dates, steps, meetings, numbers, memberships), not through the services.

The generator draws a join date for every member. The joins of the previous and the current year become
admissions here: each branch's joins of a year are grouped into general meetings (a meeting some weeks after
the first of them, the join date its date), each candidate gets the dated steps back from the meeting (an
application at 14 at the earliest, the interview within 30 days, 3 months and more as activist, 8 lesson hours
and more, a good assessment, 20 certified volunteer hours and more in the year of the candidacy, a prereview
and a numbered admission form, two introducers in good standing, each in at most 3 candidacies of a meeting),
the approval within 30 days and the archived form within 30 days of it. Their memberships are written again as
the approval writes them: join date the meeting's, a development number from the nearest quota's range, a
registration step. The county and each committee below it get a quota for both years, the committees' number
ranges nested in the county's and not overlapping.

The featured branch (that of the branch_secretary and member logins) gets an open pipeline with cards in every
column of the board: two applications (one waiting for its interview too long), an interviewed one, an activist
still in his 3 months and one ready to become a candidate, a candidate waiting for the prereview, one ready for
the general meeting, and one passed it waiting for the approval of the committee above.

The planted violations of the previous year and the open pipeline are rows of data.admission.
"""

from __future__ import annotations

import bisect
import datetime
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.admission.models import (
    AdmissionPolicy,
    Application,
    ApplicationStep,
    Assessment,
    Ceremony,
    GeneralMeeting,
    Quota,
    Step,
)
from tuanwu.core.dates import add_months, age_on
from tuanwu.core.idcard import make_id_number
from tuanwu.core.names import name_keys
from tuanwu.meetings.models import LessonCredit
from tuanwu.organizations.models import BRANCH_KINDS, Organization, Sector
from tuanwu.people.choices import CadrePostName, Education, Occupation, PoliticalStatus
from tuanwu.people.models import CadrePost, Membership, MembershipEvent, Person
from tuanwu.people.workflow import MembershipStatus, Transition
from tuanwu.volunteering.models import HourEntry

from .data.admission import CEREMONY_PLACES, PIPELINE, PLANTED_PEOPLE, Planted
from .data.volunteering import TITLES

S = Application.Status
ID_AREA = "341122"
# Development numbers: the year, then the county's block; numbers of members imported from elsewhere lie
# outside it.
NUMBER_BLOCK = 11220000
IMPORTED_BLOCK = 90000000
MEETING_SPAN_DAYS = 45  # a branch's joins within this many days go to one general meeting
MEETING_MAX = 8


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _birthday(birth: datetime.date, years: int) -> datetime.date:
    """The day one turns years old (1 March for 29 February in other years)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return datetime.date(birth.year + years, 3, 1)


@dataclass(eq=False)
class _Case:
    """One admission being drawn: the person, the branch, the meeting and the planted deviations."""

    person_id: int
    branch: Organization
    birth: datetime.date
    status: str = MembershipStatus.NORMAL
    status_changed_on: datetime.date | None = None
    meeting_on: datetime.date | None = None
    plant: Planted | None = None
    app: Application | None = None
    dates: dict | None = None
    approved_on: datetime.date | None = None
    number: str | None = None


class _Writer:
    """Collects the rows and writes them in bulk; the counters keep form numbers and references unique."""

    def __init__(self, rng: random.Random, root: Organization, admin, today: datetime.date):
        self.rng, self.root, self.admin, self.today = rng, root, admin, today
        self.orgs = {o.pk: o for o in Organization.objects.filter(path__startswith=root.path)}
        self.committees = {o.path: o for o in self.orgs.values() if o.depth == 2}
        self.form_numbers: dict[int, int] = defaultdict(int)
        self.refs = 0
        self.hours: list[HourEntry] = []
        self.secretaries: dict[int, str] = {}
        self.officers: dict[int, str] = {}
        for org_id, post, name in (
            CadrePost.objects.filter(
                organization__path__startswith=root.path,
                until__isnull=True,
                post__in=[CadrePostName.SECRETARY, CadrePostName.ORGANIZATION_OFFICER],
            )
            .order_by("pk")
            .values_list("organization_id", "post", "person__name")
        ):
            target = self.secretaries if post == CadrePostName.SECRETARY else self.officers
            target.setdefault(org_id, name)

    def above(self, branch: Organization) -> Organization:
        """The committee that approves the branch's admissions."""
        return self.orgs.get(branch.parent_id) or branch

    def committee(self, branch: Organization) -> Organization:
        """The committee right below the county above a branch: the nearest quota with a number range."""
        return self.committees.get(branch.path[: 2 * Organization.steplen], self.root)

    def form_number(self, day: datetime.date) -> str:
        self.form_numbers[day.year] += 1
        return f"{self.root.code or 'TW'}{day.year}{self.form_numbers[day.year]:05d}"

    def volunteer(self, person_id: int, branch: Organization, until: datetime.date, need: Decimal) -> None:
        """Certified hours imported from the volunteer platform, dated in until's year up to until."""
        rng = self.rng
        start = max(datetime.date(until.year, 1, 1), until - _days(150))
        left = need
        while left > 0:
            amount = min(left, Decimal(rng.choice([4, 6, 8, 8, 10, 12])))
            day = start + _days(rng.randint(0, (until - start).days))
            category = rng.choice(list(TITLES))
            self.refs += 1
            certified = min(day + _days(3), self.today)
            self.hours.append(
                HourEntry(
                    person_id=person_id,
                    organization_id=branch.pk,
                    organizer_id=self.above(branch).pk,
                    source=HourEntry.Source.IMPORT,
                    category=category,
                    content=rng.choice(TITLES[category]),
                    service_date=day,
                    hours=amount,
                    status=HourEntry.Status.CERTIFIED,
                    external_ref=f"ZYH{day.year}{self.refs:07d}",
                    recorded_by=self.admin,
                    certified_by=self.admin,
                    certified_at=timezone.make_aware(datetime.datetime.combine(certified, datetime.time(10))),
                )
            )
            left -= amount

    def step(self, app: Application, step: str, on: datetime.date, note: str = "") -> ApplicationStep:
        return ApplicationStep(
            application=app, step=step, on=on, actor=self.admin, organization_id=app.organization_id, note=note
        )


def _new_people(w: _Writer, featured: Organization) -> dict[str, Person]:
    """The planted people and the pipeline's applicants, registered with their branches."""
    rng, today = w.rng, w.today
    previous = today.year - 1
    branches = sorted((o for o in w.orgs.values() if o.kind in BRANCH_KINDS), key=lambda o: o.path)
    villages = [o for o in branches if o.sector in (Sector.RURAL, Sector.URBAN_COMMUNITY) and o.pk != featured.pk]
    classes = [o for o in branches if o.sector == Sector.MIDDLE_SCHOOL] or villages
    picked = iter(rng.sample(villages, min(len(villages), len(PLANTED_PEOPLE))))
    specs = []
    for p in PLANTED_PEOPLE:
        if p.where == "featured":
            branch = featured
        elif p.where == "class":
            branch = classes[0]
        else:
            branch = next(picked, featured)
        years, month, day = p.born
        specs.append((p.name, p.male, datetime.date(previous - years, month, day), branch, True))
    for o in PIPELINE:
        birth = today - _days(round(o.age * 365.25) + rng.randint(20, 300))
        specs.append((o.name, o.male, birth, featured, False))
    numbers: list[str] = []
    for _name, male, birth, _branch, _member in specs:
        while True:
            number = make_id_number(ID_AREA, birth, rng.randrange(500) * 2 + (1 if male else 0))
            if number not in numbers and not Person.objects.filter(id_number=number).exists():
                break
        numbers.append(number)
    people = []
    for (name, male, birth, branch, member), number in zip(specs, numbers, strict=True):
        student = branch.sector == Sector.MIDDLE_SCHOOL
        pinyin, initials = name_keys(name)
        people.append(
            Person(
                organization=branch,
                name=name,
                name_pinyin=pinyin,
                name_initials=initials,
                id_number=number,
                gender="male" if male else "female",
                birth_date=birth,
                political_status=PoliticalStatus.LEAGUE_MEMBER if member else PoliticalStatus.MASSES,
                education=Education.IN_JUNIOR_HIGH
                if student
                else rng.choice([Education.SENIOR_HIGH, Education.SECONDARY_VOCATIONAL, Education.JUNIOR_COLLEGE]),
                occupation=Occupation.STUDENT
                if student
                else rng.choice([Occupation.FARMER, Occupation.PRIVATE_ENTERPRISE_STAFF, Occupation.FREELANCER]),
                unit=branch.unit_name,
            )
        )
    Person.objects.bulk_create(people)
    return {p.name: p for p in people}


def _group(cases: list[_Case]) -> list[list[_Case]]:
    """A branch's joins of a year, in order, into general meetings: those within MEETING_SPAN_DAYS of the first
    of a meeting and still 28 or younger on the day of its last join (the meeting's date)."""
    groups: list[list[_Case]] = []
    for case in sorted(cases, key=lambda c: (c.meeting_on, c.person_id)):
        group = groups[-1] if groups else None
        if (
            group
            and len(group) < MEETING_MAX
            and (case.meeting_on - group[0].meeting_on).days <= MEETING_SPAN_DAYS
            and all(age_on(c.birth, case.meeting_on) <= 28 for c in group)
        ):
            group.append(case)
        else:
            groups.append([case])
    for group in groups:
        for case in group:
            case.meeting_on = group[-1].meeting_on
    return groups


class _Introducers:
    """Members in good standing who joined before a meeting: of the branch, else of the branches of the same
    committee, else of the county (those who joined before the admissions drawn here)."""

    def __init__(self, rng: random.Random, w: _Writer, joins, first: datetime.date):
        self.rng = rng
        self.by_branch: dict[int, list[tuple[datetime.date, int]]] = defaultdict(list)
        self.by_parent: dict[int, list[tuple[datetime.date, int]]] = defaultdict(list)
        self.county: list[int] = []
        for person_id, org_id, joined, status in joins:
            if status != MembershipStatus.NORMAL:
                continue
            self.by_branch[org_id].append((joined, person_id))
            self.by_parent[w.orgs[org_id].parent_id].append((joined, person_id))
            if joined < first and len(self.county) < 2000:
                self.county.append(person_id)
        for rows in (*self.by_branch.values(), *self.by_parent.values()):
            rows.sort()

    def members_before(self, branch: Organization, on: datetime.date) -> int:
        return bisect.bisect_left(self.by_branch.get(branch.pk, []), (on, 0))

    def pick(self, branch: Organization, on: datetime.date, count: int, exclude: set[int]) -> list[int]:
        chosen: list[int] = []
        pools = (
            self.by_branch.get(branch.pk, []),
            self.by_parent.get(branch.parent_id, []),
            [(datetime.date.min, p) for p in self.county],
        )
        for rows in pools:
            taken = set(chosen)
            pool = [p for _j, p in rows[: bisect.bisect_left(rows, (on, 0))] if p not in exclude and p not in taken]
            chosen += self.rng.sample(pool, min(len(pool), count - len(chosen)))
            if len(chosen) >= count:
                break
        return chosen


def _timeline(rng: random.Random, case: _Case) -> dict[str, datetime.date]:
    """The steps' dates back from the general meeting, squeezed forward for one who applied at 14."""
    plant = case.plant
    months = plant.activist_months if plant else 3
    meeting = case.meeting_on
    prereviewed = meeting - _days(rng.randint(7, 25))
    candidate = prereviewed - _days(rng.randint(2, 12))
    activist = add_months(candidate, -months) - _days(3 if months < 3 else rng.randint(0, 45))
    interviewed = activist - _days(rng.randint(7, 35))
    applied = interviewed - _days(rng.randint(3, 28))
    fourteen = _birthday(case.birth, 14)
    if applied < fourteen:
        applied = fourteen
        interviewed = applied + _days(5)
        activist = interviewed + _days(10)
        candidate = add_months(activist, months) + _days(1)
        prereviewed = candidate + _days(2)
    trained = candidate - _days(rng.randint(1, min(20, (candidate - activist).days - 1)))
    introduced = prereviewed + _days(rng.randint(0, max(0, min(5, (meeting - prereviewed).days - 1))))
    return {
        Step.APPLY: applied,
        Step.INTERVIEW: interviewed,
        Step.ACTIVIST: activist,
        Step.TRAINING: trained,
        Step.CANDIDATE: candidate,
        Step.PREREVIEW: prereviewed,
        Step.INTRODUCERS: introduced,
    }


def _chunks(ids, size: int = 5000):
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _names(ids) -> dict[int, str]:
    names = {}
    for chunk in _chunks(ids):
        names.update(Person.objects.filter(pk__in=chunk).values_list("pk", "name"))
    return names


def _votes(rng: random.Random, voting: int, present: int) -> tuple[int, int, int]:
    no = rng.choice([0, 0, 0, 1]) if present > 3 else 0
    abstain = rng.choice([0, 0, 1]) if present > 4 else 0
    yes = present - no - abstain
    if yes * 2 <= voting:
        return present, 0, 0
    return yes, no, abstain


def _attendance(rng: random.Random, voting: int) -> int:
    present = voting - rng.randint(0, max(0, (voting - 1) // 4))
    return present if present * 2 > voting else voting // 2 + 1


def _meeting(w: _Writer, group: list[_Case], chosen: list[int], names: dict[int, str], introducers: _Introducers):
    """A group's general meeting: who may vote and who came (as planted where planted)."""
    branch, on, plant = group[0].branch, group[0].meeting_on, group[0].plant
    voting = max(3, introducers.members_before(branch, on))
    present = _attendance(w.rng, voting)
    if plant and plant.voting_present:
        voting, present = plant.voting_present
    return GeneralMeeting(
        organization=branch,
        held_on=on,
        voting_members=voting,
        present=present,
        chair=w.secretaries.get(branch.pk) or names[chosen[0]],
        recorder=w.officers.get(branch.pk) or names[chosen[-1]],
        minutes=(
            f"应到有表决权团员{voting}名，实到{present}名。支部委员会介绍发展对象的培养考察情况，入团介绍人"
            f"发言，与会团员逐个讨论、举手表决，{len(group)}名发展对象参加表决。"
        ),
    )


def _admit(w: _Writer, case: _Case, meeting: GeneralMeeting, introducers: tuple[int, int], names: dict[int, str]):
    """The case's admitted application: its dates back from the meeting, the votes, the approval, the archive."""
    rng, today, plant, on = w.rng, w.today, case.plant, meeting.held_on
    voting, present = meeting.voting_members, meeting.present
    dates = _timeline(rng, case)
    first, second = introducers
    yes, no, abstain = (present, 0, 0) if plant and plant.voting_present else _votes(rng, voting, present)
    days = plant.approval_days if plant and plant.approval_days else rng.randint(3, 25)
    approved = min(on + _days(days), today)
    archived: datetime.date | None = approved + _days(rng.randint(3, 25))
    if (plant and not plant.archived) or archived > today:
        archived = None
    lesson = plant.lesson_hours if plant and plant.lesson_hours else rng.choice([8, 8, 10, 12, 16])
    case.approved_on, case.dates = approved, dates
    case.app = Application(
        person_id=case.person_id,
        organization=case.branch,
        status=S.ADMITTED,
        applied_on=dates[Step.APPLY],
        interviewed_on=dates[Step.INTERVIEW],
        activist_on=dates[Step.ACTIVIST],
        guides=f"{names[first]}、{names[second]}",
        lesson_hours=Decimal(lesson),
        assessment=rng.choice([Assessment.EXCELLENT, Assessment.GOOD, Assessment.GOOD]),
        assessed_on=dates[Step.TRAINING],
        candidate_on=dates[Step.CANDIDATE],
        prereviewed_on=dates[Step.PREREVIEW],
        form_number=w.form_number(dates[Step.PREREVIEW]),
        introducer_1_id=first,
        introducer_2_id=second,
        meeting=meeting,
        votes_yes=yes,
        votes_no=no,
        votes_abstain=abstain,
        approved_on=approved,
        approved_by=w.above(case.branch),
        archived_on=archived,
    )


def _ceremony(w: _Writer, group: list[_Case], meeting: GeneralMeeting) -> Ceremony | None:
    """The oath ceremony some days after the group's last approval, when that day has come."""
    branch = meeting.organization
    held = max(c.approved_on for c in group) + _days(w.rng.randint(2, 15))
    if held > w.today:
        return None
    ceremony = Ceremony(
        organization=branch,
        held_on=held,
        place=w.rng.choice(CEREMONY_PLACES),
        oath_leader=w.secretaries.get(w.above(branch).pk) or meeting.chair,
        attendees=f"{branch.name}全体团员，新团员{len(group)}名",
    )
    for case in group:
        case.app.ceremony = ceremony
    return ceremony


def _admissions(w: _Writer, groups: list[list[_Case]], introducers: _Introducers):
    """Each group's general meeting, its ceremony when held by today, and an admitted application per case
    (the development numbers come with the quotas)."""
    picks = [
        introducers.pick(g[0].branch, g[0].meeting_on, max(2, -(-2 * len(g) // 3)), {c.person_id for c in g})
        for g in groups
    ]
    names = _names({p for pick in picks for p in pick})
    meetings, ceremonies = [], []
    for group, chosen in zip(groups, picks, strict=True):
        meeting = _meeting(w, group, chosen, names, introducers)
        meetings.append(meeting)
        for i, case in enumerate(group):
            _admit(w, case, meeting, (chosen[(2 * i) % len(chosen)], chosen[(2 * i + 1) % len(chosen)]), names)
        ceremony = _ceremony(w, group, meeting)
        if ceremony is not None:
            ceremonies.append(ceremony)
    return meetings, ceremonies


def _steps(w: _Writer, case: _Case) -> list[ApplicationStep]:
    """The timeline rows of an admitted application, in the order the steps were taken."""
    app, dates = case.app, case.dates
    meeting = app.meeting
    rows = [(on, step, "") for step, on in dates.items()]
    rows.append((meeting.held_on, Step.MEETING, _vote_note(app)))
    rows.append((app.approved_on, Step.APPROVE, app.development_number))
    if app.ceremony is not None:
        rows.append((app.ceremony.held_on, Step.CEREMONY, app.ceremony.place))
    if app.archived_on:
        rows.append((app.archived_on, Step.ARCHIVE, ""))
    order = list(Step)
    rows.sort(key=lambda r: (r[0], order.index(r[1])))
    app.version = len(rows)
    return [w.step(app, step, on, note) for on, step, note in rows]


def _quotas(w: _Writer, cases: list[_Case], year: int, waiting: dict[int, int]) -> list[Quota]:
    """The year's quotas of the county and its committees with nested ranges (some to spare); draws each
    admission's number from its committee's range in the order of approval, as the approval does."""
    used: dict[int, int] = defaultdict(int)
    for case in cases:
        used[w.committee(case.branch).pk] += 1
    for org_id, n in waiting.items():
        used[org_id] += n
    base = year * 10**8 + NUMBER_BLOCK
    quotas, start = [], base + 1
    for org in sorted(w.committees.values(), key=lambda o: o.path):
        count = used[org.pk] + max(2, used[org.pk] // 10)
        quotas.append(Quota(organization=org, year=year, count=count, number_from=f"{start:012d}"))
        quotas[-1].number_to = f"{start + count - 1:012d}"
        start += count
    total = sum(q.count for q in quotas)
    county = Quota(organization=w.root, year=year, count=total + max(5, total // 20), number_from=f"{base + 1:012d}")
    county.number_to = f"{base + county.count:012d}"
    by_org = {q.organization_id: q for q in quotas}
    for case in sorted(cases, key=lambda c: (c.approved_on, c.meeting_on, c.person_id)):
        quota = by_org.get(w.committee(case.branch).pk, county)
        number = int(quota.next_number or quota.number_from)
        quota.next_number = f"{number + 1:012d}"
        case.number = f"{number:012d}"
    return [county, *quotas]


def _certified_hours(person_years: set[tuple[int, int]]) -> dict[tuple[int, int], Decimal]:
    totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    years = {y for _p, y in person_years}
    for chunk in _chunks({p for p, _y in person_years}):
        rows = (
            HourEntry.objects.filter(
                status=HourEntry.Status.CERTIFIED, person_id__in=chunk, service_date__year__in=years
            )
            .values_list("person_id", "service_date", "hours")
            .order_by()
        )
        for person_id, day, hours in rows:
            totals[(person_id, day.year)] += hours
    return totals


def _memberships(w: _Writer, cases: list[_Case], recent_ids: list[int], imported) -> int:
    """Write the admitted members' memberships again as the approval does (join date the meeting's, the number
    drawn, a registration step), keeping later exit requests; add the imported members. Returns how many
    memberships are new."""
    previous = w.today.year - 1
    exits = defaultdict(list)
    for chunk in _chunks(recent_ids):
        for row in (
            MembershipEvent.objects.filter(membership_id__in=chunk)
            .order_by("at", "pk")
            .values(
                "membership__person_id",
                "organization_id",
                "transition",
                "from_status",
                "to_status",
                "reason",
                "actor_id",
            )
        ):
            exits[row.pop("membership__person_id")].append(row)
        Membership.objects.filter(pk__in=chunk).delete()
    rows = [
        Membership(
            person_id=c.person_id,
            organization_id=c.branch.pk,
            join_date=c.meeting_on,
            development_number=c.number,
            status=c.status,
            status_changed_on=c.status_changed_on,
        )
        for c in sorted(cases, key=lambda c: (c.approved_on, c.person_id))
    ]
    numbers = {"valid": f"{previous}{IMPORTED_BLOCK + 1:08d}", "year_before": f"{previous - 1}{IMPORTED_BLOCK + 2:08d}"}
    for plant, person in imported:
        rows.append(
            Membership(
                person_id=person.pk,
                organization_id=person.organization_id,
                join_date=datetime.date(previous, *plant.on),
                development_number=numbers.get(plant.number),
            )
        )
    Membership.objects.bulk_create(rows, batch_size=2000)
    events = []
    for m in rows:
        events.append(
            MembershipEvent(
                membership=m,
                organization_id=m.organization_id,
                transition=Transition.REGISTER,
                to_status=MembershipStatus.NORMAL,
                actor=w.admin,
            )
        )
        events += [MembershipEvent(membership=m, **row) for row in exits.get(m.person_id, [])]
    MembershipEvent.objects.bulk_create(events, batch_size=2000)
    return len(rows) - len(recent_ids)


def _vote_note(app: Application) -> str:
    return _("%(yes)d yes, %(no)d no, %(abstain)d abstentions.") % {
        "yes": app.votes_yes,
        "no": app.votes_no,
        "abstain": app.votes_abstain,
    }


def _open_meeting(
    w: _Writer, introducers: _Introducers, app: Application, on: datetime.date, names: tuple[str, str]
) -> tuple[str, datetime.date, str]:
    """The featured branch's general meeting that voted on an open application; returns its timeline row."""
    featured = app.organization
    voting = max(3, introducers.members_before(featured, on))
    present = _attendance(w.rng, voting)
    voted = sum(1 for o in PIPELINE if o.meeting is not None)
    app.meeting = GeneralMeeting(
        organization=featured,
        held_on=on,
        voting_members=voting,
        present=present,
        chair=w.secretaries.get(featured.pk) or names[0],
        recorder=w.officers.get(featured.pk) or names[1],
        minutes=f"应到有表决权团员{voting}名，实到{present}名。{voted}名发展对象参加表决。",
    )
    app.votes_yes, app.votes_no, app.votes_abstain = _votes(w.rng, voting, present)
    return (Step.MEETING, on, _vote_note(app))


def _pipeline(w: _Writer, featured: Organization, people: dict[str, Person], introducers: _Introducers):
    """The open applications of the featured branch: (applications, steps, meetings)."""
    rng, today = w.rng, w.today
    apps, steps, meetings = [], [], []
    chosen = introducers.pick(featured, today, 2, set())
    names = _names(chosen)
    for o in PIPELINE:
        person = people[o.name]

        def ago(days):
            return today - _days(days) if days is not None else None

        app = Application(
            person=person, organization=featured, status=o.status, applied_on=ago(o.applied),
            interviewed_on=ago(o.interviewed), activist_on=ago(o.activist), candidate_on=ago(o.candidate),
            prereviewed_on=ago(o.prereviewed),
        )  # fmt: skip
        rows = [(Step.APPLY, app.applied_on, ""), (Step.INTERVIEW, app.interviewed_on, "")]
        rows.append((Step.ACTIVIST, app.activist_on, ""))
        if o.trained is not None:
            app.guides = f"{names[chosen[0]]}、{names[chosen[1]]}"
            app.lesson_hours = Decimal(o.lesson_hours)
            app.assessment = rng.choice([Assessment.EXCELLENT, Assessment.GOOD])
            app.assessed_on = ago(o.trained)
            rows.append((Step.TRAINING, app.assessed_on, ""))
        rows.append((Step.CANDIDATE, app.candidate_on, ""))
        if app.prereviewed_on:
            app.form_number = w.form_number(app.prereviewed_on)
            rows.append((Step.PREREVIEW, app.prereviewed_on, ""))
        if o.introduced is not None:
            app.introducer_1_id, app.introducer_2_id = chosen[0], chosen[1]
            rows.append((Step.INTRODUCERS, ago(o.introduced), ""))
        if o.meeting is not None:
            on = today - _days(o.meeting)
            rows.append(_open_meeting(w, introducers, app, on, (names[chosen[0]], names[chosen[1]])))
            meetings.append(app.meeting)
        rows = [(step, on, note) for step, on, note in rows if on is not None]
        app.version = len(rows)
        apps.append(app)
        steps += [(app, step, on, note) for step, on, note in rows]
        if o.status in (S.ACTIVIST, S.CANDIDATE, S.VOTED):
            until = app.candidate_on or today
            need = Decimal(o.volunteer or rng.choice(range(20, 34, 2)))
            w.volunteer(person.pk, featured, until, need)
    return apps, steps, meetings


def _recent_cases(w: _Writer, joins: list, first: datetime.date) -> tuple[list, list[_Case], list[list[_Case]]]:
    """The joins since first as cases, grouped into general meetings by branch and year: (recent joins, cases,
    groups)."""
    recent = [row for row in joins if row[3] >= first]
    births = {}
    for chunk in _chunks([row[1] for row in recent]):
        births.update(Person.objects.filter(pk__in=chunk).values_list("pk", "birth_date"))
    cases = [
        _Case(person_id, w.orgs[org_id], births[person_id], status, changed, joined)
        for _pk, person_id, org_id, joined, status, changed in recent
    ]
    by_branch_year: dict[tuple[int, int], list[_Case]] = defaultdict(list)
    for case in cases:
        by_branch_year[(case.branch.pk, case.meeting_on.year)].append(case)
    groups = [group for key in sorted(by_branch_year) for group in _group(by_branch_year[key])]
    return recent, cases, groups


def _planted_cases(people: dict[str, Person], previous: int, cases: list[_Case], groups: list[list[_Case]]):
    """Add the planted admissions to cases and groups (each its own meeting); returns the imported members as
    (plant, person)."""
    imported = []
    for plant in PLANTED_PEOPLE:
        person = people[plant.name]
        if plant.imported:
            imported.append((plant, person))
            continue
        case = _Case(person.pk, person.organization, person.birth_date, meeting_on=datetime.date(previous, *plant.on))
        case.plant = plant
        cases.append(case)
        groups.append([case])
    return imported


def _top_up_hours(w: _Writer, cases: list[_Case]) -> None:
    """Certified volunteer hours: 20 and more in the year of each candidacy (as planted for the others)."""
    had = _certified_hours({(c.person_id, c.app.candidate_on.year) for c in cases})
    for case in cases:
        year = case.app.candidate_on.year
        target = Decimal(case.plant.volunteer) if case.plant and case.plant.volunteer else None
        target = target or Decimal(w.rng.choice(range(20, 34, 2)))
        need = target - had[(case.person_id, year)]
        if need > 0:
            w.volunteer(case.person_id, case.branch, case.app.candidate_on, need)
    HourEntry.objects.bulk_create(w.hours, batch_size=2000)


def _write(w: _Writer, cases: list[_Case], meetings: list, ceremonies: list, pipeline: tuple) -> None:
    """The meetings, ceremonies, applications and their steps in bulk."""
    open_apps, open_steps, open_meetings = pipeline
    GeneralMeeting.objects.bulk_create([*meetings, *open_meetings], batch_size=2000)
    Ceremony.objects.bulk_create(ceremonies, batch_size=2000)
    for case in cases:
        case.app.development_number = case.number
    steps = [row for case in cases for row in _steps(w, case)]  # sets each application's version
    steps += [w.step(app, step, on, note) for app, step, on, note in open_steps]
    Application.objects.bulk_create([*(c.app for c in cases), *open_apps], batch_size=2000)
    ApplicationStep.objects.bulk_create(steps, batch_size=2000)
    # The pre-admission lessons as the branches kept them on paper: admission reads them with the hours attended.
    LessonCredit.objects.bulk_create(
        [
            LessonCredit(
                person_id=app.person_id,
                organization=app.organization,
                hours=app.lesson_hours,
                earned_on=app.assessed_on or app.activist_on or app.applied_on,
                evidence=_("League lesson register of %(branch)s") % {"branch": app.organization.name},
            )
            for app in [*(c.app for c in cases), *open_apps]
            if app.lesson_hours > 0
        ],
        batch_size=2000,
    )


def build(*, rng: random.Random, root: Organization, featured: Organization, member: Person | None, admin) -> dict:
    """Add the admissions of the previous and current year, their quotas and the open pipeline; returns counts."""
    w = _Writer(rng, root, admin, timezone.localdate())
    previous, current = w.today.year - 1, w.today.year
    first = datetime.date(previous, 1, 1)
    people = _new_people(w, featured)
    joins = list(
        Membership.objects.filter(organization__path__startswith=root.path)
        .order_by("pk")
        .values_list("pk", "person_id", "organization_id", "join_date", "status", "status_changed_on")
    )
    recent, cases, groups = _recent_cases(w, joins, first)
    imported = _planted_cases(people, previous, cases, groups)
    # Introducers and the members entitled to vote are counted with the join dates as they end up.
    final = {c.person_id: c.meeting_on for c in cases}
    introducers = _Introducers(rng, w, [(p, o, final.get(p, j), s) for _pk, p, o, j, s, _c in joins], first)
    meetings, ceremonies = _admissions(w, groups, introducers)
    quotas = []
    for year in (previous, current):
        waiting = {w.committee(featured).pk: 1} if year == current else {}  # the pipeline's approval to come
        quotas += _quotas(w, [c for c in cases if c.meeting_on.year == year], year, waiting)
    pipeline = _pipeline(w, featured, people, introducers)
    _write(w, cases, meetings, ceremonies, pipeline)
    Quota.objects.bulk_create(quotas)
    members = _memberships(w, cases, [row[0] for row in recent], imported)
    _top_up_hours(w, cases)
    return {
        "applications": len(cases) + len(pipeline[0]),
        "admissions": len(cases),
        "general_meetings": len(meetings) + len(pipeline[2]),
        "quotas": len(quotas),
        "people": len(people),
        "memberships": members,
    }


def purge() -> dict:
    """Delete all member development data (the demo reset)."""
    counts = {}
    ApplicationStep.objects.all().delete()
    LessonCredit.objects.all().delete()
    counts["applications"], _n = Application.objects.all().delete()
    counts["general_meetings"], _n = GeneralMeeting.objects.all().delete()
    Ceremony.objects.all().delete()
    counts["quotas"], _n = Quota.objects.all().delete()
    AdmissionPolicy.objects.all().delete()
    return counts
