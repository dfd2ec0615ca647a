"""The plan of the demo county's tree: data.tree walked into plain nodes, with the drawn parts (how many villages,
communities and classes, their names, the park's companies, the terms) drawn from the county's random source.

The number of villages, communities and school classes grows with the number of people, so that a branch keeps
some 10 to 40 people (the constitution wants 3 to 50 members); the committees above them are always the same. A
few branches are made too small, too large, without a committee or past their term, so that every structure
warning has examples.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from stdnum.cn import uscc

from tuanwu.core.dates import add_years
from tuanwu.organizations.models import BRANCH_KINDS, Organization, Sector
from tuanwu.people.choices import Occupation

from .data import tree
from .data.tree import Branch, Committee

PEOPLE_PER_BRANCH = 25  # people per unit of branch weight: a village branch weighs 1
GROWING_PROFILES = frozenset({"rural", "community", "middle", "high", "vocational"})


@dataclass(eq=False)
class Node:
    code: str
    name: str
    full_name: str
    kind: str
    sector: str = ""
    unit_name: str = ""
    term_years: int = 3
    in_park: bool = False
    unified_code: str = ""
    contact_phone: str = ""
    address: str = ""
    # Branches: the people registered there.
    profile: str = ""
    grade: int = 0
    graduates_on: datetime.date | None = None
    weight: float = 1.0
    fixed_people: int | None = None
    featured: bool = False
    # Committees: (post, cadre kind) held by staff registered on the committee itself.
    staff: list[tuple[str, str]] = field(default_factory=list)
    staff_occupation: str = Occupation.PUBLIC_SECTOR_STAFF
    children: list[Node] = field(default_factory=list)
    term_start: datetime.date | None = None
    term_end: datetime.date | None = None
    org: Organization | None = None

    @property
    def is_branch(self) -> bool:
        return self.kind in BRANCH_KINDS

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _numbered(base: str, round_: int) -> str:
    if round_ == 0:
        return base
    return base + (tree.NUMERALS[round_] if round_ < len(tree.NUMERALS) else str(round_ + 1))


def _name_source(rng: random.Random, bases: list[str], suffix: str) -> Callable[[], str]:
    """Unique place names: every base once in a shuffled order, then again numbered (柳湾村, 柳湾二村)."""
    order = list(bases)
    rng.shuffle(order)
    state = {"i": 0}

    def next_name() -> str:
        i = state["i"]
        state["i"] += 1
        return _numbered(order[i % len(order)], i // len(order)) + suffix

    return next_name


def _organization_code_check(body: str) -> str:
    """The check character of a GB 11714 organization code (8 digits here)."""
    c = 11 - sum(int(d) * w for d, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def _unified_code(rng: random.Random) -> str:
    body = f"{rng.randrange(10**8):08d}"
    first17 = f"91{tree.USCC_AREA}{body}{_organization_code_check(body)}"
    return first17 + uscc.calc_check_digit(first17)


class _Planner:
    """Turns the rows of data.tree into nodes; every draw comes from rng, in the order of the walk."""

    def __init__(self, rng: random.Random, scale: float):
        self.rng, self.scale = rng, scale
        self.root = self.node(tree.COUNTY_CODE, tree.ROOT, self.phone())

    def scaled(self, lo: int, hi: int) -> int:
        return max(1, round(self.rng.randint(lo, hi) * self.scale))

    def phone(self) -> str:
        return f"{tree.PHONE_AREA}-{self.rng.randint(6000000, 7999999)}"

    def node(self, code: str, row: Committee, phone: str) -> Node:
        return Node(
            code,
            row.name,
            row.full_name,
            row.kind,
            row.sector,
            contact_phone=phone,
            unit_name=row.unit_name,
            address=row.address,
            term_years=row.term_years,
            in_park=row.in_park,
            staff=list(row.staff),
            staff_occupation=row.staff_occupation,
        )

    def committee(self, row: Committee) -> Node:
        """A committee right below the county, numbered QH01, QH02 … in the order of the plan."""
        node = self.node(f"{self.root.code}{len(self.root.children) + 1:02d}", row, self.phone())
        self.root.children.append(node)
        return node

    def general_branch(self, parent: Node, row: Committee) -> Node:
        """A general branch below a committee: no telephone of its own."""
        node = self.node(f"{parent.code}-{len(parent.children) + 1:03d}", row, "")
        parent.children.append(node)
        return node

    def branch(self, parent: Node, row: Branch) -> Node:
        node = Node(
            f"{parent.code}-{len(parent.children) + 1:03d}",
            row.name,
            row.full_name,
            row.kind,
            row.sector,
            unit_name=row.unit_name,
            term_years=row.term_years,
            in_park=row.in_park,
            unified_code=row.unified_code,
            profile=row.profile,
            grade=row.grade,
            graduates_on=row.graduates_on,
            weight=row.weight,
            fixed_people=row.fixed_people,
        )
        parent.children.append(node)
        return node


def _plan_townships(p: _Planner) -> None:
    """The townships with their villages and communities; the first village of the first is featured."""
    rng = p.rng
    next_village = _name_source(rng, [a + b for a in tree.VILLAGE_FIRST for b in tree.VILLAGE_SECOND], "村")
    next_community = _name_source(rng, tree.COMMUNITY_NAMES, "社区")
    seconded = set(rng.sample(range(len(tree.TOWNSHIPS)), tree.SECONDED_TOWNSHIPS))
    for i, (town, sector) in enumerate(tree.TOWNSHIPS):
        staff = (*tree.TOWNSHIP_STAFF, tree.SECONDED_DEPUTY) if i in seconded else tree.TOWNSHIP_STAFF
        t = p.committee(tree.township(town, sector, staff, rng.randint(1, 99)))
        villages, communities = p.scaled(*tree.TOWNSHIP_MAIN), p.scaled(*tree.TOWNSHIP_OTHER)
        if sector == Sector.URBAN_COMMUNITY:
            villages, communities = communities, villages
        for _ in range(villages):
            p.branch(t, tree.village(town, next_village()))
        for _ in range(communities):
            p.branch(t, tree.community(town, next_community()))
    p.root.children[0].children[0].featured = True


def _plan_schools(p: _Planner, today: datetime.date) -> None:
    """A branch per class of each school, the vocational school's in its departments' general branches."""
    school_year = today.year if today.month >= 9 else today.year - 1
    for school in tree.SCHOOLS:
        node = p.committee(tree.school_committee(school))
        classes = p.scaled(*school.classes)
        for grade, years_ago in enumerate(school.years_ago):
            for k in range(1, classes + 1):
                p.branch(node, tree.school_class(school, school_year - years_ago, str(k), grade))
    school = tree.VOCATIONAL_SCHOOL
    voc = p.committee(tree.school_committee(school))
    for name, short in tree.DEPARTMENTS:
        d = p.general_branch(voc, tree.department(school, name))
        classes = p.scaled(*school.classes)
        for grade, years_ago in enumerate(school.years_ago):
            for k in range(1, classes + 1):
                p.branch(d, tree.school_class(school, school_year - years_ago, f"{short}{k}", grade))


def _plan_park(p: _Planner) -> None:
    """The park's companies: trades shuffled over the brands, some with a unified social credit code."""
    rng = p.rng
    park = p.committee(tree.PARK)
    trades = list(tree.PARK_TRADES)
    rng.shuffle(trades)
    coded = set(rng.sample(range(len(tree.PARK_BRANDS)), tree.PARK_CODED))
    last = len(tree.PARK_BRANDS) - 1
    for i, (brand, trade) in enumerate(zip(tree.PARK_BRANDS, trades, strict=True)):
        code = _unified_code(rng) if i in coded else ""
        weight = rng.uniform(*tree.PARK_WEIGHTS)
        p.branch(park, tree.park_company(brand, trade, code, weight, tree.PARK_LAST_PEOPLE if i == last else None))


def plan_county(rng: random.Random, scale: float, today: datetime.date) -> Node:
    """The whole tree as plain nodes; scale multiplies the villages, communities and school classes."""
    p = _Planner(rng, scale)
    _plan_townships(p)
    _plan_schools(p, today)
    for committee, branches in (
        (tree.ORGANS, tree.ORGAN_BRANCHES),
        (tree.STATE_ENTERPRISES, tree.STATE_ENTERPRISE_BRANCHES),
    ):
        node = p.committee(committee)
        for row in branches:
            p.branch(node, row)
    _plan_park(p)
    social = p.committee(tree.SOCIAL)
    for row in tree.SOCIAL_BRANCHES:
        p.branch(social, row)
    # One village branch far from the featured one is nearly empty.
    p.root.children[len(tree.TOWNSHIPS) - 1].children[-1].fixed_people = 2
    _plan_terms(rng, p.root, today)
    return p.root


def _plan_terms(rng: random.Random, root: Node, today: datetime.date) -> None:
    """Terms from today back; a few ended already, a few end within 60 days (structure warnings)."""
    nodes = list(root.walk())
    branches = [i for i, n in enumerate(nodes) if n.is_branch and not n.featured]
    committees = [i for i, n in enumerate(nodes) if not n.is_branch and n is not root]
    overdue = set(rng.sample(branches, 4) + rng.sample(committees, 1))
    ending = set(
        rng.sample([i for i in branches if i not in overdue], 4)
        + rng.sample([i for i in committees if i not in overdue], 1)
    )
    for i, node in enumerate(nodes):
        if i in overdue:
            node.term_end = today - datetime.timedelta(days=rng.randint(5, 150))
        elif i in ending:
            node.term_end = today + datetime.timedelta(days=rng.randint(3, 58))
        else:
            node.term_end = today + datetime.timedelta(days=rng.randint(75, 365 * node.term_years - 1))
        node.term_start = add_years(node.term_end, -node.term_years)


def scale_for(members: int, seed: int, today: datetime.date) -> float:
    """How many times the base numbers of villages, communities and classes the county needs.

    A plan at scale 1 from the same seed draws the same base numbers, so its branch weights tell.
    """
    probe = [n for n in plan_county(random.Random(seed), 1.0, today).walk() if n.is_branch and not n.fixed_people]
    growing = sum(n.weight for n in probe if n.profile in GROWING_PROFILES)
    fixed = sum(n.weight for n in probe if n.profile not in GROWING_PROFILES)
    return max(1.0, (members / PEOPLE_PER_BRANCH - fixed) / growing)
