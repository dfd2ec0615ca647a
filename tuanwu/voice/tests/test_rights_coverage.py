"""The rights-coverage register: which schools have a 权益部, which class branches a 权益委员, the gaps, the
plan metrics."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tests.factories import org
from tuanwu.organizations.models import Sector
from tuanwu.people.models import CadrePost
from tuanwu.plan.metrics import METRICS
from tuanwu.voice.models import RightsDepartment
from tuanwu.voice.selectors_rights import coverage_for_viewer
from tuanwu.voice.services_rights import rights_department_set


@pytest.fixture
def second_class(cast):
    return org(cast.school, "2024级2班团支部", sector=Sector.HIGH_SCHOOL, code="YZ02")


def _officer(cast):
    CadrePost.objects.create(
        person=cast.people["zhao"],
        organization=cast.school_branch,
        post="rights_officer",
        kind="part_time",
        since=datetime.date(2024, 9, 1),
    )


def test_the_register_lists_each_schools_gaps(cast, second_class):
    _officer(cast)

    rows = coverage_for_viewer(cast.users["county_admin"])

    assert [r.school for r in rows] == [cast.school]
    assert (rows[0].department, rows[0].branches) == (None, 2)
    assert (rows[0].covered, rows[0].gaps) == ([cast.school_branch], [second_class])


def test_the_school_records_its_rights_department(cast):
    rights_department_set(
        actor=cast.users["outsider"], organization=cast.school, since=datetime.date(2025, 9, 1), head=None
    )

    assert coverage_for_viewer(cast.users["outsider"])[0].department.since == datetime.date(2025, 9, 1)


def test_a_rights_department_outside_the_scope_or_not_at_a_school_is_refused(cast):
    with pytest.raises(Http404):
        rights_department_set(
            actor=cast.users["committee_secretary"], organization=cast.school, since=datetime.date(2025, 9, 1)
        )
    with pytest.raises(ValidationError):
        rights_department_set(actor=cast.users["county_admin"], organization=cast.town, since=datetime.date(2025, 9, 1))

    assert not RightsDepartment.objects.exists()


def test_the_page_shows_the_gaps_and_takes_a_department(cast, client_as, second_class):
    _officer(cast)
    client = client_as("outsider")

    page = client.get("/voice/rights-coverage/").content.decode()
    posted = client.post("/voice/rights-coverage/", {"organization": cast.school.pk, "since": "2025-09-01"})

    assert "2024级2班团支部" in page
    assert posted.status_code == 302 and RightsDepartment.objects.get().organization == cast.school
    assert client_as("member").get("/voice/rights-coverage/").status_code == 404
    refused = client_as("committee_secretary").post(
        "/voice/rights-coverage/", {"organization": cast.school.pk, "since": "2025-09-01"}
    )
    assert refused.status_code == 404


def test_the_plan_metrics_give_both_shares(cast, second_class):
    _officer(cast)
    RightsDepartment.objects.create(organization=cast.school, since=datetime.date(2025, 9, 1))
    metrics = METRICS
    year = datetime.date.today().year

    officers = metrics["voice_rights_officer_coverage"].compute(None, cast.county, year)
    departments = metrics["voice_rights_department_coverage"].compute(None, cast.county, year)

    assert (officers, departments) == (Decimal("50.0"), Decimal("100.0"))
    assert metrics["voice_rights_officer_coverage"].unit == "%"
