"""Compliance with "1+100" for a hand-built second quarter of 2026: three full-time cadres of the town, each
with 100 youths, 3 fixed among them, one fixed organization visited, and every youth reached online.

- 周敏: 40 students, 30 workers, 30 farmers, an offline activity and a face-to-face talk: compliant.
- 吴刚: the same, but all 100 youths students: fields 1 of 3, not compliant.
- 郑洁: the same as 周敏 but no face-to-face contact this year: not compliant.
"""

import datetime

import pytest

from tuanwu.contacts import selectors
from tuanwu.contacts.models import ContactLog

from .factories import cadre, contacts, fix, log

Q2 = datetime.date(2026, 4, 10)


def _build(organization, name, fields, face_to_face=True):
    c = cadre(organization, name)
    youths = []
    for field, n in fields:
        youths += contacts(c, n, field=field, prefix=f"{name}{field}")
    for y in youths[:3]:
        y.fixed = True
        y.save()
    point = fix(c, organization)
    ContactLog.objects.bulk_create(ContactLog(cadre=c, contact=y, channel="online", date=Q2) for y in youths)
    log(c, youths[0], channel="offline_activity", date=datetime.date(2026, 5, 4))
    if face_to_face:
        log(c, youths[1], channel="face_to_face", date=datetime.date(2026, 2, 20))  # Q1 counts for the year
    log(c, None, channel="org_visit", date=datetime.date(2026, 6, 1), fixed_organization=point)
    return c


@pytest.fixture
def quarter(cast):
    mixed = [("student", 40), ("worker", 30), ("farmer", 30)]
    return {
        "zhou": _build(cast.town, "周敏", mixed),
        "wu": _build(cast.town, "吴刚", [("student", 100)]),
        "zheng": _build(cast.town, "郑洁", mixed, face_to_face=False),
    }


def _values(result):
    return {c.key: (c.value, c.met) for c in result.criteria}


def test_the_compliant_cadre_meets_every_criterion(quarter):
    result = selectors.compliance(quarter["zhou"], 2026, 2)

    assert _values(result) == {
        "contacts": (100, True),
        "fields": (3, True),
        "reached": (100, True),
        "offline": (1, True),
        "face_to_face": (1, True),
        "fixed_orgs": (1, True),
        "fixed_youths": (3, True),
        "visits": (1, True),
    }
    assert result.met is True
    assert result.overdue == 0


def test_a_hundred_students_are_not_from_different_fields(quarter):
    result = selectors.compliance(quarter["wu"], 2026, 2)

    assert _values(result)["fields"] == (1, False)
    assert [c.key for c in result.criteria if not c.met] == ["fields"]
    assert result.met is False


def test_no_face_to_face_contact_this_year_fails(quarter):
    result = selectors.compliance(quarter["zheng"], 2026, 2)

    assert _values(result)["face_to_face"] == (0, False)
    assert [c.key for c in result.criteria if not c.met] == ["face_to_face"]
    assert result.met is False


def test_the_next_quarter_shows_every_youth_and_organization_overdue(quarter):
    result = selectors.compliance(quarter["zhou"], 2026, 3)

    assert _values(result)["reached"] == (0, False)
    assert _values(result)["face_to_face"] == (1, True)
    assert (len(result.not_reached), len(result.not_visited)) == (100, 1)


def test_the_committee_list_in_tree_order_counts_in_few_queries(cast, quarter, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        rows = selectors.compliance_list(cast.users["committee_secretary"], 2026, 2)

    assert [(r.cadre.person.name, r.met) for r in rows] == [("吴刚", False), ("周敏", True), ("郑洁", False)]


def test_a_part_time_cadre_is_not_bound_by_default(cast):
    c = cadre(cast.town, "钱多", kind="part_time")

    result = selectors.compliance(c, 2026, 2)

    assert result.bound is False
    assert not any(c.applies for c in result.criteria)


def test_the_school_secretary_sees_none_of_the_towns_cadres(cast, quarter):
    assert selectors.compliance_list(cast.users["outsider"], 2026, 2) == []
