"""Matching the province's learners to the roster: by student or staff number, by ID number, by name and the
exact organization name; anything less only proposes, and nobody is ever guessed."""

import pytest

from tests.factories import member, org
from tests.sheet_files import xlsx
from tuanwu.organizations.models import Kind, Sector
from tuanwu.study import selectors, services
from tuanwu.study.models import Participation

from .factories import by_name, line, numbered, run

Match = Participation.Match


def only(episode) -> Participation:
    (row,) = episode.participations.all()
    return row


@pytest.mark.parametrize(
    "cell", ["2021001张晓明", "张晓明2021001", "2021001", "２０２１００１ 张晓明", "2021001张小明"]
)
def test_a_student_number_matches_whatever_the_learner_typed_around_it(cast, admin, ep, cell):
    numbered(cast.people["zhang"], "2021001")

    result = run(admin, ep, [line("某个写错的班级", cell)])

    row = only(ep)
    assert (row.person, row.organization, row.match, row.is_member) == (
        cast.people["zhang"],
        cast.branch,
        Match.NUMBER,
        True,
    )
    assert (result.rows, result.matched, result.members) == (1, 1, 1)


def test_a_number_shared_by_two_people_is_decided_by_the_name_in_the_cell(cast, admin, ep):
    numbered(cast.people["zhang"], "2021001")
    numbered(cast.people["zhao"], "2021001")

    run(admin, ep, [line("", "2021001赵磊")])

    assert (only(ep).person, only(ep).match) == (cast.people["zhao"], Match.NUMBER)


def test_an_id_number_matches_when_the_export_has_that_column(cast, admin, ep):
    li = cast.people["li"]
    data = xlsx([["姓名", "身份证号码", "单位"], ["李华", li.id_number.lower(), "别处"]])

    result = services.episode_import(actor=admin, episode=ep, data=data, filename="学习名单.xlsx")

    assert (only(ep).person, only(ep).organization, only(ep).match) == (li, cast.branch, Match.ID_NUMBER)
    assert result.matched == 1


@pytest.mark.parametrize("unit", ["东湖村团支部", "共青团东湖村团支部", "东湖村团支部 "])
def test_a_name_with_the_exact_organization_name_matches(cast, admin, ep, unit):
    run(admin, ep, [line(unit, "李华")])

    assert (only(ep).person, only(ep).match, only(ep).proposals) == (cast.people["li"], Match.NAME_ORG, [])


def test_a_shared_name_with_the_exact_organization_name_matches_the_one_in_it(cast, admin, ep):
    other = member(cast.branch2, "李华", gender="female")

    run(admin, ep, [line("西湾村团支部", "李华")])

    assert (only(ep).person, only(ep).organization, only(ep).match) == (other, cast.branch2, Match.NAME_ORG)


def test_a_shared_name_with_a_fuzzy_organization_is_ambiguous_with_proposals_and_nobody_set(cast, admin, ep):
    other = member(cast.branch2, "李华", gender="female")

    result = run(admin, ep, [line("湖村团支部", "李华", levels=("", "", ""))])

    row = only(ep)
    assert (row.person, row.organization, row.is_member, row.match) == (None, None, False, Match.AMBIGUOUS)
    assert row.proposals == [
        {"person": cast.people["li"].pk, "name": "李华", "organization": "东湖村团支部", "score": 91},
        {"person": other.pk, "name": "李华", "organization": "西湾村团支部", "score": 80},
    ]
    assert (result.matched, result.ambiguous, result.unmatched) == (0, 1, 0)
    assert list(selectors.review_rows(admin, ep)) == [row]


def test_a_shared_name_without_any_organization_proposes_everyone_with_that_name(cast, admin, ep):
    other = member(cast.branch2, "李华", gender="female")

    run(admin, ep, [line("", "李华")])

    row = only(ep)
    assert (row.person, row.match) == (None, Match.AMBIGUOUS)
    assert [p["person"] for p in row.proposals] == [cast.people["li"].pk, other.pk]


def test_a_unique_name_with_a_fuzzy_organization_is_only_proposed(cast, admin, ep):
    run(admin, ep, [line("西湾村", "王芳")])

    row = only(ep)
    assert (row.person, row.match) == (None, Match.AMBIGUOUS)
    assert [(p["person"], p["organization"]) for p in row.proposals] == [(cast.people["wang"].pk, "西湾村团支部")]


def test_a_name_whose_organization_points_elsewhere_is_not_proposed(admin, ep):
    run(admin, ep, [line("东湖村", "王芳")])

    assert (only(ep).person, only(ep).match, only(ep).proposals) == (None, Match.UNMATCHED, [])


def test_a_name_nobody_has_is_unmatched_without_proposals(admin, ep):
    result = run(admin, ep, [line("东湖村团支部", "2021999张无名")])

    row = only(ep)
    assert (row.person, row.organization, row.match, row.proposals) == (None, None, Match.UNMATCHED, [])
    assert (row.name, row.number, row.unit) == ("张无名", "2021999张无名", "东湖村团支部")
    assert (result.rows, result.matched, result.unmatched) == (1, 0, 1)


def test_non_members_who_study_are_kept_and_counted_as_participants(cast, admin, ep):
    run(admin, ep, [by_name(cast.people["youth"]), by_name(cast.people["zhang"])])

    assert [(p.person, p.is_member, p.match) for p in ep.participations.all()] == [
        (cast.people["youth"], False, Match.NAME_ORG),
        (cast.people["zhang"], True, Match.NAME_ORG),
    ]
    row = selectors.totals(ep, cast.branch)
    assert (row.members, row.participants, row.non_members, row.rate) == (2, 2, 1, 1.0)


def test_people_of_another_county_are_not_matched(cast, admin, ep):
    elsewhere = org(None, "邻县团委", Kind.COUNTY_COMMITTEE, Sector.PARTY_GOVERNMENT, code="LX")
    stranger = member(org(elsewhere, "邻县某村团支部", code="LX01"), "刘洋")
    numbered(stranger, "2029999")

    run(admin, ep, [line("邻县某村团支部", "2029999刘洋")])

    assert (only(ep).person, only(ep).match) == (None, Match.UNMATCHED)
