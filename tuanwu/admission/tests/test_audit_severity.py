"""Every row of the annual audit carries its severity: the national hard rules are violations; rules a county's
policy sets and advisory checks are warnings. The same in the records, the command's JSON, the API and the page."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from tests.factories import member
from tuanwu.admission import records, rules
from tuanwu.admission.tests.factories import applicant, apply, walk
from tuanwu.admission.workflow import Step
from tuanwu.people.models import Membership

VIOLATIONS = {
    "AGE_BELOW_14",
    "AGE_ABOVE_28",
    "DATES_NOT_INCREASING",
    "ACTIVIST_UNDER_3_MONTHS",
    "LESSON_HOURS_UNDER_8",
    "ASSESSMENT_MISSING",
    "ASSESSMENT_BELOW_GOOD",
    "VOLUNTEER_HOURS_UNDER_20",
    "NOT_PREREVIEWED",
    "INTRODUCERS_NOT_2",
    "INTRODUCER_NOT_IN_GOOD_STANDING",
    "NO_GENERAL_MEETING",
    "QUORUM_NOT_MET",
    "MAJORITY_NOT_REACHED",
    "VOTES_EXCEED_PRESENT",
    "QUOTA_EXCEEDED",
    "NUMBER_MISSING",
    "NUMBER_FORMAT",
    "NUMBER_YEAR_MISMATCH",
}
# County policy (days to approval, candidacies per introducer, the class cap) and advisory checks.
WARNINGS = {
    "INTERVIEW_LATE",
    "APPROVAL_LATE",
    "INTRODUCER_OVER_3",
    "RATIO_ABOVE_CAP",
    "FORM_NOT_ARCHIVED",
    "FORM_MISSING",
    "CEREMONY_LATE",
}


@pytest.mark.parametrize("code", sorted(VIOLATIONS | WARNINGS))
def test_each_rule_has_its_severity(code):
    assert rules.severity(code) == ("warning" if code in WARNINGS else "violation")


@pytest.fixture
def imported(cast):
    """A member recorded as joined in 2026 with a number of 2025: a violation; and a member admitted here in 2026
    whose ceremony is past the county's time limit and whose form is not archived: two warnings."""
    person = member(cast.branch, "钱进", joined=datetime.date(2026, 5, 4))
    Membership.objects.filter(person=person).update(development_number="202599990001")
    walk(apply(applicant(cast.branch, name="孙悦")), Step.APPROVE)
    return person


EXPECTED = {("NUMBER_YEAR_MISMATCH", "violation"), ("CEREMONY_LATE", "warning"), ("FORM_NOT_ARCHIVED", "warning")}


def test_audit_rows_carry_severity(cast, imported):
    rows = records.admission_audit(cast.users["county_admin"], 2026)

    assert {(r.code, r.severity) for r in rows} == EXPECTED


def test_the_command_json_carries_severity(cast, imported):
    out = io.StringIO()
    call_command("audit", "admissions", "--year", "2026", "--format", "json", "--as", "county_admin", stdout=out)

    assert {(r["code"], r["severity"]) for r in json.loads(out.getvalue())} == EXPECTED


def test_the_api_carries_severity(cast, imported, client):
    client.force_login(cast.users["county_admin"])

    body = client.get("/api/v1/admission/audit", {"year": 2026}).json()

    assert {(r["code"], r["severity"]) for r in body["items"]} == EXPECTED


def test_the_page_shows_severity(cast, imported, client):
    client.force_login(cast.users["county_admin"])

    html = client.get("/admission/audit/", {"year": 2026}).content.decode()

    assert html.count('data-severity="violation"') == 1
    assert html.count('data-severity="warning"') == 2
