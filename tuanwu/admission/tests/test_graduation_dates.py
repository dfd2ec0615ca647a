"""The graduating-class ratio counts the class branches whose expected graduation date, set by a committee for a
selection of branches, falls in the school year; a name such as "2024级" only proposes a date and is not counted."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.factories import PersonFactory, org
from tuanwu.admission.records import graduating_ratios
from tuanwu.organizations.models import Organization, Sector

IN_SCHOOL_YEAR_2026 = datetime.date(2026, 11, 27)  # the school year 2026–27: graduation in June 2027
JUNE_2027 = datetime.date(2027, 6, 30)


def set_graduation(actor, organizations, date):
    from tuanwu.organizations.services import organizations_set_graduation

    return organizations_set_graduation(actor=actor, organizations=organizations, date=date)


def graduation_of(branch) -> datetime.date | None:
    return Organization.objects.get(pk=branch.pk).graduates_on


def test_a_class_named_after_its_cohort_is_only_proposed(cast):
    from tuanwu.admission.records import graduation_proposals

    [row] = graduation_proposals(cast.users["county_admin"], IN_SCHOOL_YEAR_2026)

    assert graduating_ratios(cast.users["county_admin"], IN_SCHOOL_YEAR_2026) == []
    assert (row.branch, row.proposed) == (cast.school_branch, JUNE_2027)


def test_the_set_date_decides_not_the_name(cast):
    senior_3 = org(cast.school, "高三(2)班团支部", sector=Sector.HIGH_SCHOOL)
    PersonFactory(organization=senior_3, name="孙悦")
    set_graduation(cast.users["county_admin"], [cast.school_branch, senior_3], JUNE_2027)

    [row] = graduating_ratios(cast.users["county_admin"], IN_SCHOOL_YEAR_2026)

    assert (row.school, row.youth, row.members) == (cast.school, 2, 1)
    assert set(row.classes) == {cast.school_branch, senior_3}
    assert graduating_ratios(cast.users["county_admin"], datetime.date(2027, 9, 1)) == []


def test_a_class_dated_for_another_year_is_not_graduating(cast):
    from tuanwu.admission.records import graduation_proposals

    set_graduation(cast.users["county_admin"], [cast.school_branch], datetime.date(2028, 6, 30))

    assert graduating_ratios(cast.users["county_admin"], IN_SCHOOL_YEAR_2026) == []
    assert graduation_proposals(cast.users["county_admin"], IN_SCHOOL_YEAR_2026) == []


def test_the_school_committee_sets_its_classes(cast):
    set_graduation(cast.users["outsider"], [cast.school_branch], JUNE_2027)  # secretary of the school's committee

    assert graduation_of(cast.school_branch) == JUNE_2027


def test_a_committee_cannot_set_classes_outside_its_scope(cast):
    with pytest.raises((PermissionDenied, Http404)):
        set_graduation(cast.users["committee_secretary"], [cast.school_branch], JUNE_2027)

    assert graduation_of(cast.school_branch) is None


def test_only_school_branches_take_a_graduation_date(cast):
    with pytest.raises(ValidationError) as refused:
        set_graduation(cast.users["county_admin"], [cast.school_branch, cast.branch], JUNE_2027)

    assert refused.value.code == "ORG_NOT_SCHOOL_CLASS"
    assert graduation_of(cast.school_branch) is None


def test_the_ratios_page_sets_dates_in_bulk(cast, client):
    client.force_login(cast.users["county_admin"])

    page = client.get("/admission/ratios/")
    assert "待设置" in page.content.decode()
    response = client.post(
        "/admission/ratios/", {"organizations": [cast.school_branch.pk], "graduates_on": "2027-06-30"}
    )

    assert response.status_code == 302
    assert graduation_of(cast.school_branch) == JUNE_2027


def test_the_ratios_page_refuses_branches_outside_the_scope(cast, client):
    client.force_login(cast.users["committee_secretary"])

    response = client.post(
        "/admission/ratios/", {"organizations": [cast.school_branch.pk], "graduates_on": "2027-06-30"}
    )

    assert response.status_code in (200, 403, 404)
    assert graduation_of(cast.school_branch) is None


def test_the_demo_school_classes_have_graduation_dates(db):
    from tuanwu.accounts.models import User
    from tuanwu.demo import generator
    from tuanwu.organizations.models import BRANCH_KINDS

    generator.build(members=600, seed=7)
    classes = Organization.objects.filter(
        kind__in=BRANCH_KINDS, sector__in=[Sector.MIDDLE_SCHOOL, Sector.HIGH_SCHOOL, Sector.VOCATIONAL_SCHOOL]
    )

    assert classes.count() > 10
    assert not classes.filter(graduates_on__isnull=True).exists()
    assert graduating_ratios(User.objects.get(username="county_admin"))


def test_a_school_class_page_shows_its_graduation_date(cast, client):
    client.force_login(cast.users["county_admin"])

    unset = client.get(f"/organizations/{cast.school_branch.pk}/").content.decode()
    set_graduation(cast.users["county_admin"], [cast.school_branch], JUNE_2027)
    dated = client.get(f"/organizations/{cast.school_branch.pk}/").content.decode()
    village = client.get(f"/organizations/{cast.branch.pk}/").content.decode()

    assert 'data-testid="graduates-on"' in unset and "待设置" in unset
    assert "2027-06-30" in dated
    assert 'data-testid="graduates-on"' not in village
