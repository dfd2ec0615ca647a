"""The graduating classes' member–youth ratio against the caps, and the member file check."""

import datetime

import pytest
from django.utils import translation

from tests.factories import PersonFactory, member
from tuanwu.accounts.roles import APPROVE_ADMISSION
from tuanwu.admission.models import AdmissionPolicy
from tuanwu.admission.records import file_check, file_rows, graduating_cohort, graduating_ratios
from tuanwu.organizations.models import Organization
from tuanwu.organizations.policy import policy_for, policy_set

# 2024级 classes of a senior high school graduate in June 2027.
IN_SCHOOL_YEAR_2026 = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def graduating(cast):
    """The school's 2024级 class is set, as a committee would, to graduate in June 2027."""
    Organization.objects.filter(pk=cast.school_branch.pk).update(graduates_on=datetime.date(2027, 6, 30))
    cast.school_branch.refresh_from_db()


def test_graduating_cohort_turns_in_september():
    assert graduating_cohort(datetime.date(2027, 6, 30)) == 2024
    assert graduating_cohort(datetime.date(2026, 9, 1)) == 2024
    assert graduating_cohort(datetime.date(2026, 8, 31)) == 2023


def test_senior_high_ratio_at_the_cap_is_not_over(cast):
    PersonFactory(organization=cast.school_branch, name="孙悦")  # 1 member (赵磊) of 2 young people: 50 %
    member(cast.school_branch, "钱多")  # 2 of 3: 66.7 %, above 60 %

    [row] = graduating_ratios(cast.users["county_admin"], IN_SCHOOL_YEAR_2026)

    assert (row.school, row.cohort, row.youth, row.members, row.cap) == (cast.school, 2024, 3, 2, 60)
    assert round(row.percent, 1) == 66.7
    assert row.over


def test_ratio_within_the_cap(cast):
    PersonFactory(organization=cast.school_branch, name="孙悦")

    [row] = graduating_ratios(cast.users["county_admin"], IN_SCHOOL_YEAR_2026)

    assert (row.youth, row.members, row.over) == (2, 1, False)


def test_cap_follows_the_county_policy(cast):
    PersonFactory(organization=cast.school_branch, name="孙悦")
    policy_set(
        AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        actor=cast.users["county_admin"],
        county=cast.county,
        year=2026,
        ratio_senior=40,
    )

    [row] = graduating_ratios(cast.users["county_admin"], IN_SCHOOL_YEAR_2026)

    assert (row.cap, row.over) == (40, True)


def test_other_years_classes_and_other_scopes_are_left_out(cast):
    assert graduating_ratios(cast.users["county_admin"], datetime.date(2025, 11, 1)) == []
    assert graduating_ratios(cast.users["committee_secretary"], IN_SCHOOL_YEAR_2026) == []


def test_file_check_names_the_missing_items(cast):
    zhang = cast.people["zhang"]
    zhang.education, zhang.occupation, zhang.unit = "senior_high", "student", "东湖村"
    zhang.save()

    with translation.override("en"):
        check = file_check(cast.users["committee_secretary"], cast.town)
        rows = list(file_rows(check))

    by_name = {r.person.name: r for r in rows}
    assert set(by_name) == {"张晓明", "李华", "王芳"}
    assert by_name["张晓明"].missing == ["Archived admission form"]
    assert by_name["张晓明"].score == 88
    assert by_name["李华"].missing == ["Education", "Occupation", "School or workplace", "Archived admission form"]
    assert by_name["李华"].score == 50
    assert (check.members, check.complete, check.score) == (3, 0, 62)  # 7 + 4 + 4 of 24 items: 62.5 %
    assert {(b["organization"].name, b["members"], b["score"]) for b in check.branches} == {
        ("东湖村团支部", 2, 69),
        ("西湾村团支部", 1, 50),
    }


def _voted_in_school_class(cast):
    from tuanwu.admission.models import Application, GeneralMeeting

    youth = PersonFactory(organization=cast.school_branch, name="孙悦", birth_date=datetime.date(2009, 5, 1))
    held = GeneralMeeting.objects.create(
        organization=cast.school_branch,
        held_on=IN_SCHOOL_YEAR_2026,
        voting_members=1,
        present=1,
        chair="赵磊",
        recorder="赵磊",
    )
    return Application.objects.create(
        person=youth,
        organization=cast.school_branch,
        applied_on=datetime.date(2026, 1, 5),
        status=Application.Status.VOTED,
        meeting=held,
        votes_yes=1,
    )


def test_an_admission_above_the_class_cap_is_a_warning_by_default(cast):
    from tuanwu.admission import rules, selectors

    app = _voted_in_school_class(cast)  # 赵磊 is a member; with 孙悦 2 of 2 would be: 100 % > 60 %

    found = [
        v
        for v in rules.check(
            app, policy_for(AdmissionPolicy, cast.school, 2026), selectors.facts_for(app), upto="approve"
        )
        if v.code == "RATIO_ABOVE_CAP"
    ]

    assert [(v.warning, v.step) for v in found] == [(True, "approve")]


def test_the_policy_can_make_the_class_cap_block(cast):
    from tuanwu.admission import rules, selectors

    app = _voted_in_school_class(cast)
    policy_set(
        AdmissionPolicy,
        perm=APPROVE_ADMISSION,
        actor=cast.users["county_admin"],
        county=cast.county,
        year=2026,
        ratio_blocks=True,
    )

    found = [
        v
        for v in rules.check(
            app, policy_for(AdmissionPolicy, cast.school, 2026), selectors.facts_for(app), upto="approve"
        )
        if v.code == "RATIO_ABOVE_CAP"
    ]

    assert [(v.warning, v.message) for v in found] == [
        (False, "With this admission 2 of the class's 2 young people would be members, above 60 %.")
    ]
