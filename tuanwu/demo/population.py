"""The people of the demo county: drawn youth by youth from data.people (names, ID numbers, phones, education,
membership) and inserted in batches with bulk_create (no per-row history, no full_clean), with their memberships,
the exit requests behind pending states, and the cadre posts of committees and branches."""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass
from itertools import accumulate

from django.utils import timezone

from tuanwu.core.dates import add_years
from tuanwu.core.idcard import make_id_number
from tuanwu.organizations.models import Organization
from tuanwu.people.choices import CadreKind, CadrePostName, Education, Ethnicity, PoliticalStatus
from tuanwu.people.models import CadrePost, Membership, MembershipEvent, Person
from tuanwu.people.services import name_keys
from tuanwu.people.workflow import MembershipStatus, Transition

from .data.people import (
    EDUCATION_MIN_AGE,
    EXIT_REASONS,
    FEMALE_GIVEN,
    ID_AREAS,
    MALE_GIVEN,
    MINORITIES,
    MOBILE_PREFIXES,
    PROFILES,
    STAFF_EDUCATION,
    SURNAMES,
)
from .plan import Node

BATCH_SIZE = 2000
OLD_MEMBER_SHARE = 0.03  # members past 28: age-out candidates
# The earliest join after the 14th birthday: the application, the interview, 3 months as activist, the
# candidacy and the general meeting take some months (tuanwu.demo.admission turns recent joins into admissions).
JOIN_AFTER_FOURTEEN = datetime.timedelta(days=150)


def _cumulative(pairs) -> tuple[list, list[float]]:
    return [p for p, _w in pairs], list(accumulate(w for _p, w in pairs))


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split total by weights, largest remainders first (ties by position): deterministic."""
    if total <= 0 or not weights:
        return [0] * len(weights)
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    rest = total - sum(counts)
    for i in sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))[:rest]:
        counts[i] += 1
    return counts


@dataclass
class _MemberSpec:
    join_date: datetime.date
    development_number: str
    status: str
    status_changed_on: datetime.date | None
    young: bool  # under 28: may hold a branch post


class Builder:
    """Draws the people of the county and inserts them in batches."""

    def __init__(self, *, seed: int, stdout=None):
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.today = timezone.localdate()
        self.surnames = _cumulative(SURNAMES)
        self.areas = _cumulative(ID_AREAS)
        self.profiles = {key: (p, _cumulative(p.education), _cumulative(p.occupation)) for key, p in PROFILES.items()}
        self.staff_education = _cumulative(STAFF_EDUCATION)
        self.name_cache: dict[str, tuple[str, str]] = {}
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.dev_counters: dict[int, int] = {}
        # Rows waiting for the next bulk insert.
        self.people: list[Person] = []
        self.member_specs: list[_MemberSpec | None] = []
        # Posts wait until their holders have primary keys, then go in with the next batch.
        self.posts: list[tuple[Person, Organization, str, str, datetime.date]] = []
        self.counts = {"people": 0, "memberships": 0, "membership_events": 0, "posts": 0}
        self.started = time.monotonic()

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"{message} ({time.monotonic() - self.started:.1f} s)")

    # -- single values ----------------------------------------------------------------------------

    def name(self, male: bool) -> str:
        rng = self.rng
        surname = rng.choices(self.surnames[0], cum_weights=self.surnames[1])[0]
        first, second = MALE_GIVEN if male else FEMALE_GIVEN
        if rng.random() < 0.2:
            return surname + rng.choice(second)
        return surname + rng.choice(first) + rng.choice(second)

    def id_number(self, birth: datetime.date, male: bool) -> str:
        rng = self.rng
        area = rng.choices(self.areas[0], cum_weights=self.areas[1])[0]
        while True:
            # The sequence's parity is the gender: odd for men.
            number = make_id_number(area, birth, rng.randrange(500) * 2 + (1 if male else 0))
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        rng = self.rng
        while True:
            number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def birth(self, lo: float, hi: float) -> datetime.date:
        days = self.rng.randint(int(lo * 365.25) + 2, int(hi * 365.25) - 2)
        return self.today - datetime.timedelta(days=days)

    def development_number(self, year: int) -> str:
        n = self.dev_counters.get(year, 0) + 1
        self.dev_counters[year] = n
        return f"{year:04d}{11220000 + n:08d}"

    def day_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def ethnicity(self) -> str:
        return Ethnicity.HAN if self.rng.random() < 0.96 else self.rng.choice(MINORITIES)

    # -- people -----------------------------------------------------------------------------------

    def youth(self, node: Node) -> tuple[Person, _MemberSpec | None]:
        rng, today = self.rng, self.today
        profile, (educations, edu_w), (occupations, occ_w) = self.profiles[node.profile]
        male = rng.random() < 0.5
        name = self.name(male)
        student = profile.student
        grade = node.grade if student else 0
        member = node.featured or rng.random() < profile.member_rate[grade]
        if student:
            birth = self.birth(*profile.ages[grade])
        elif not member:
            birth = self.birth(18, 35.9)
        elif rng.random() < OLD_MEMBER_SHARE:
            birth = self.birth(28.01, 35.9)
        else:
            birth = self.birth(18, 27.99)
        age = (today - birth).days / 365.25
        education = rng.choices(educations, cum_weights=edu_w)[0]
        if age < EDUCATION_MIN_AGE.get(education, 0):
            education = Education.SENIOR_HIGH
        occupation = rng.choices(occupations, cum_weights=occ_w)[0]
        ethnicity = self.ethnicity()
        phone = self.phone() if rng.random() < profile.phone_rate else ""

        spec, political = self.membership(birth, age, student=student, member=member)
        person = self.add_person(
            spec,
            organization_id=node.org.pk,
            name=name,
            gender="male" if male else "female",
            birth_date=birth,
            id_number=self.id_number(birth, male),
            ethnicity=ethnicity,
            political_status=political,
            education=education,
            occupation=occupation,
            unit=node.unit_name,
            phone=phone,
        )
        return person, spec

    def membership(
        self, birth: datetime.date, age: float, *, student: bool, member: bool
    ) -> tuple[_MemberSpec | None, str]:
        """A member's join date, number and state (None for others), and the political status."""
        rng, today = self.rng, self.today
        earliest = add_years(birth, 14) + JOIN_AFTER_FOURTEEN
        if member and earliest < today:
            # Most join at school, between 14 and 18; some later, as young workers. Not today: the approval of
            # an admission comes the day after its general meeting at the earliest.
            years = 18 if student or rng.random() < 0.85 else 28
            join = self.day_between(earliest, min(add_years(birth, years), today - datetime.timedelta(days=1)))
            status, changed = MembershipStatus.NORMAL, None
            if not student:
                if age >= 28 and rng.random() < 0.4:
                    status = MembershipStatus.AGE_OUT_PENDING
                elif rng.random() < 0.005:
                    status = MembershipStatus.LAPSE_PENDING
                if status != MembershipStatus.NORMAL:
                    changed = today - datetime.timedelta(days=rng.randint(1, 40))
            spec = _MemberSpec(join, self.development_number(join.year), status, changed, age < 28)
            return spec, PoliticalStatus.LEAGUE_MEMBER
        if not student and age >= 21 and rng.random() < 0.15:
            return None, PoliticalStatus.PARTY_MEMBER
        return None, PoliticalStatus.MASSES

    def staff_person(self, node: Node) -> Person:
        """A cadre registered with the committee itself (a teacher, a civil servant): no membership."""
        rng = self.rng
        male = rng.random() < 0.55
        name = self.name(male)
        birth = self.birth(24, 35.9)
        education = rng.choices(self.staff_education[0], cum_weights=self.staff_education[1])[0]
        political = PoliticalStatus.PARTY_MEMBER if rng.random() < 0.85 else PoliticalStatus.PROBATIONARY_PARTY_MEMBER
        return self.add_person(
            None,
            organization_id=node.org.pk,
            name=name,
            gender="male" if male else "female",
            birth_date=birth,
            id_number=self.id_number(birth, male),
            ethnicity=self.ethnicity(),
            political_status=political,
            education=education,
            occupation=node.staff_occupation,
            unit=node.unit_name,
            phone=self.phone(),
        )

    def add_person(self, spec: _MemberSpec | None, **fields) -> Person:
        keys = self.name_cache.get(fields["name"])
        if keys is None:
            keys = self.name_cache[fields["name"]] = name_keys(fields["name"])
        fields["name_pinyin"], fields["name_initials"] = keys
        person = Person(**fields)
        self.people.append(person)
        self.member_specs.append(spec)
        if len(self.people) >= BATCH_SIZE:
            self.flush()
        return person

    def flush(self) -> None:
        if not self.people:
            return
        people, specs = self.people, self.member_specs
        self.people, self.member_specs = [], []
        Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
        if people[0].pk is None:  # a backend that returns no keys from bulk inserts
            ids = dict(
                Person.objects.filter(id_number__in=[p.id_number for p in people]).values_list("id_number", "pk")
            )
            for p in people:
                p.pk = ids[p.id_number]
        memberships = [
            Membership(
                person_id=p.pk,
                organization_id=p.organization_id,
                join_date=s.join_date,
                development_number=s.development_number,
                status=s.status,
                status_changed_on=s.status_changed_on,
            )
            for p, s in zip(people, specs, strict=True)
            if s is not None
        ]
        Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
        pending = [m for m in memberships if m.status != MembershipStatus.NORMAL]
        if pending and pending[0].pk is None:
            ids = dict(
                Membership.objects.filter(person_id__in=[m.person_id for m in pending]).values_list("person_id", "pk")
            )
            for m in pending:
                m.pk = ids[m.person_id]
        # The exit requests behind the pending states, so the approval lists show their history.
        MembershipEvent.objects.bulk_create(
            [
                MembershipEvent(
                    membership_id=m.pk,
                    organization_id=m.organization_id,
                    transition=Transition.EXIT_REQUEST,
                    from_status=MembershipStatus.NORMAL,
                    to_status=m.status,
                    reason=EXIT_REASONS[m.status],
                )
                for m in pending
            ],
            batch_size=BATCH_SIZE,
        )
        self.insert_posts()
        before = self.counts["people"]
        self.counts["people"] += len(people)
        self.counts["memberships"] += len(memberships)
        self.counts["membership_events"] += len(pending)
        if self.counts["people"] // 100_000 != before // 100_000:
            self.say(f"  {self.counts['people']} people")

    # -- posts ------------------------------------------------------------------------------------

    def since(self, node: Node, longest: int) -> datetime.date:
        """A start date for a post: within the organization's current term when it has one."""
        span = longest
        if node.term_start is not None and node.term_start < self.today:
            span = min(longest, (self.today - node.term_start).days)
        return self.today - datetime.timedelta(days=self.rng.randint(0, max(0, span)))

    def fill_committee(self, node: Node) -> dict[str, Person]:
        """The committee's own cadres; returns the first holder of each post."""
        holders: dict[str, Person] = {}
        for post, kind in node.staff:
            person = self.staff_person(node)
            self.posts.append((person, node.org, post, kind, self.since(node, 1500)))
            holders.setdefault(post, person)
        return holders

    def fill_branch(self, node: Node, count: int) -> tuple[Person | None, Person | None]:
        """Register count youths with a branch and appoint its cadres; returns (secretary, a plain member).

        A branch of 7 or more members usually elects a committee of 3-5; some do not, which the structure
        warnings then show.
        """
        rng = self.rng
        rows = [self.youth(node) for _ in range(count)]
        members = sum(1 for _p, spec in rows if spec is not None)
        eligible = [p for p, spec in rows if spec is not None and spec.young and spec.status == MembershipStatus.NORMAL]
        if not eligible:
            return None, None
        size = 1
        if members >= 7 and len(eligible) >= 3 and rng.random() < 0.9:
            size = rng.randint(3, min(5, len(eligible)))
        holders = rng.sample(eligible, size)
        posts = [CadrePostName.SECRETARY, CadrePostName.ORGANIZATION_OFFICER, CadrePostName.PUBLICITY_OFFICER]
        posts += rng.sample([CadrePostName.DEPUTY_SECRETARY, CadrePostName.CULTURE_SPORTS_OFFICER], 2)
        since = self.since(node, 700)
        for person, post in zip(holders, posts, strict=False):
            self.posts.append((person, node.org, post, CadreKind.PART_TIME, since))
        chosen = set(map(id, holders))
        plain = next((p for p in eligible if id(p) not in chosen), None)
        return holders[0], plain

    def insert_posts(self) -> None:
        ready = [row for row in self.posts if row[0].pk is not None]
        self.posts = [row for row in self.posts if row[0].pk is None]
        CadrePost.objects.bulk_create(
            [
                CadrePost(person_id=person.pk, organization_id=org.pk, post=post, kind=kind, since=since)
                for person, org, post, kind, since in ready
            ],
            batch_size=BATCH_SIZE,
        )
        self.counts["posts"] += len(ready)
