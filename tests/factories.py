"""Factories and the standard cast shared by all tests."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

import factory
from django.contrib.auth import get_user_model

from tuanwu.accounts.models import RoleAssignment
from tuanwu.accounts.roles import Role
from tuanwu.core.idcard import make_id_number
from tuanwu.organizations.models import Kind, Organization, Sector
from tuanwu.organizations.services import organization_create
from tuanwu.people.models import CadrePost, Membership, Person
from tuanwu.people.services import name_keys

_seq = itertools.count(1)


def fresh_id(birth: datetime.date, male: bool = True) -> str:
    """A valid identity number not used before in this test run."""
    n = next(_seq)
    seq = (n * 2 + (1 if male else 0)) % 1000
    area = f"{341100 + (n // 500) % 99:06d}"
    return make_id_number(area, birth, seq)


def org(parent, name, kind=Kind.BRANCH, sector=Sector.RURAL, **extra) -> Organization:
    code = extra.pop("code", f"T{next(_seq)}")
    return organization_create(
        actor=None,
        parent=parent,
        code=code,
        name=name,
        full_name=f"共青团{name}",
        kind=kind,
        sector=sector,
        **extra,
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Iterator(["张晓明", "李华", "王芳", "赵磊", "陈静", "刘洋", "周婷", "吴强"])
    birth_date = factory.LazyFunction(lambda: datetime.date(2004, 5, 17))
    gender = "male"
    id_number = factory.LazyAttribute(lambda o: fresh_id(o.birth_date, o.gender == "male"))
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    name_pinyin = factory.LazyAttribute(lambda o: name_keys(o.name)[0])
    name_initials = factory.LazyAttribute(lambda o: name_keys(o.name)[1])


def member(branch: Organization, name: str, *, joined=datetime.date(2019, 5, 4), status="normal", **kw) -> Person:
    person = PersonFactory(organization=branch, name=name, political_status="league_member", **kw)
    Membership.objects.create(
        person=person,
        organization=branch,
        join_date=joined,
        development_number=f"{joined.year}{next(_seq):08d}",
        status=status,
    )
    return person


def user(username: str, role: str | None = None, on: Organization | None = None, person=None):
    u = get_user_model().objects.create_user(username=username, password="pw-" + username, person=person)
    if role:
        RoleAssignment.objects.create(user=u, organization=on, role=role)
    return u


@dataclass
class Cast:
    county: Organization
    town: Organization
    school: Organization
    branch: Organization
    branch2: Organization
    school_branch: Organization
    people: dict[str, Person] = field(default_factory=dict)
    users: dict = field(default_factory=dict)


def build_cast() -> Cast:
    from tuanwu.voice.services import shipped_tables_load

    shipped_tables_load()  # the holiday tables a migration ships, gone if a browser test flushed the database
    county = org(None, "青禾县委", Kind.COUNTY_COMMITTEE, Sector.PARTY_GOVERNMENT, code="QH")
    town = org(county, "东湖镇团委", Kind.COMMITTEE, Sector.RURAL, code="DH")
    school = org(county, "青禾一中团委", Kind.COMMITTEE, Sector.HIGH_SCHOOL, code="YZ")
    branch = org(town, "东湖村团支部", code="DH01")
    branch2 = org(town, "西湾村团支部", code="DH02")
    school_branch = org(school, "2024级1班团支部", sector=Sector.HIGH_SCHOOL, code="YZ01")
    cast = Cast(county, town, school, branch, branch2, school_branch)
    cast.people["zhang"] = member(branch, "张晓明")
    cast.people["li"] = member(branch, "李华", gender="female")
    cast.people["wang"] = member(branch2, "王芳", gender="female")
    cast.people["zhao"] = member(
        school_branch, "赵磊", birth_date=datetime.date(2009, 3, 1), joined=datetime.date(2023, 5, 4)
    )
    cast.people["youth"] = PersonFactory(organization=branch, name="陈静", gender="female")
    CadrePost.objects.create(
        person=cast.people["li"],
        organization=branch,
        post="secretary",
        kind="part_time",
        since=datetime.date(2023, 1, 1),
    )
    cast.users = {
        "county_admin": user("county_admin", Role.COUNTY_ADMIN, county),
        "committee_secretary": user("committee_secretary", Role.COMMITTEE_SECRETARY, town),
        "branch_secretary": user("branch_secretary", Role.BRANCH_SECRETARY, branch, person=cast.people["li"]),
        "cadre": user("cadre", Role.CADRE, school),
        "member": user("member", Role.MEMBER, branch, person=cast.people["zhang"]),
        "auditor": user("auditor", Role.AUDITOR, county),
        "outsider": user("outsider", Role.COMMITTEE_SECRETARY, school),
    }
    return cast


def development_number(year: int) -> str:
    """A 12-digit development number for a join in year, not used before in this test run."""
    return f"{year}{next(_seq):08d}"


def full_width(text: str) -> str:
    """The same digits as a Chinese input method in full-width mode types them (１３８…)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)
