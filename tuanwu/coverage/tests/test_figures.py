"""Coverage and density growth over a hand-built directory with two year-end snapshots: a unit that closed, one
that became operating, a shell organization that drops back; last year's numbers kept after a branch moves today."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import member, org
from tuanwu.coverage import selectors as sel
from tuanwu.coverage import services as svc
from tuanwu.coverage.models import Snapshot, Unit
from tuanwu.coverage.tests.factories import unit
from tuanwu.organizations.models import Kind, Park, Sector
from tuanwu.organizations.services import organization_move
from tuanwu.people.models import CadrePost

COVERED, LISTED = Unit.Status.COVERED, Unit.Status.LISTED


def staffed(parent, name, sector=Sector.SOCIAL_ORGANIZATION):
    """A branch that passes the quality gate: a member who is its secretary."""
    branch = org(parent, name, Kind.BRANCH, sector)
    person = member(branch, name[:2] + "书记")
    CadrePost.objects.create(
        person=person, organization=branch, post="secretary", kind="part_time", since=datetime.date(2020, 1, 1)
    )
    return branch


@pytest.fixture
def directory(cast):
    """Last year's directory as hand-computed in the docstring of each test below."""
    town = cast.town
    park = Park.objects.create(name="青禾经开区")
    o = {n: staffed(town, f"{n}团支部") for n in ("O1", "O2", "O3", "O5", "O6")}
    u = {
        "E1": unit(
            town,
            "E1",
            park=park,
            league_members=5,
            employees=50,
            young_employees=20,
            status=COVERED,
            covering_org=o["O1"],
            league_org_form="own",
        ),
        "E2": unit(town, "E2", park=park, employees=30, young_employees=4),
        "E3": unit(town, "E3", kind="individual", employees=3, young_employees=1),
        "S1": unit(
            town,
            "S1",
            kind="social",
            employees=10,
            young_employees=2,
            status=COVERED,
            covering_org=o["O2"],
            league_org_form="joint",
            joint_partners="S3",
        ),
        "S2": unit(
            town,
            "S2",
            kind="social",
            employees=10,
            young_employees=3,
            status=COVERED,
            covering_org=o["O3"],
            league_org_form="joint",
            joint_partners="E2",
        ),
        "S3": unit(town, "S3", kind="social", employees=8, young_employees=2, operating=False),
        "S4": unit(town, "S4", kind="social", employees=5, young_employees=1),
        "S5": unit(town, "S5", kind="social", employees=6, young_employees=2),
    }
    return cast, o, u


FOUR = dict.fromkeys(("committee", "members", "activities", "place"), True)


def changes_of_the_year(cast, o, u, year):
    """S4 closes, S3 starts operating and gets its own O5, S5 is founded and checked with O6, O3 loses its
    secretary (a shell from now on)."""
    admin = cast.users["county_admin"]
    svc.unit_update(actor=admin, unit=u["S4"], closed_on=datetime.date(year, 3, 1))
    s3 = svc.unit_survey(actor=admin, unit=u["S3"], operating=True)
    s3 = svc.unit_found(actor=admin, unit=s3, organization=o["O5"], form="own", founded_on=datetime.date(year, 4, 1))
    svc.unit_check(actor=admin, unit=s3, checks=FOUR)
    s5 = svc.unit_found(
        actor=admin, unit=u["S5"], organization=o["O6"], form="own", founded_on=datetime.date(year, 5, 1)
    )
    svc.unit_check(actor=admin, unit=s5, checks=FOUR)
    CadrePost.objects.filter(organization=o["O3"]).update(until=datetime.date(year, 6, 30))


def this_year():
    return timezone.localdate().year


def test_last_year_coverage_and_density_as_hand_computed(directory):
    """Should establish and operating: E1 E2 S1 S2 S4 S5 (E3 an individual business the county does not count,
    S3 not operating) = 6; covered E1 S1 S2 = 3 → 50.0 %; own E1 → 16.7 %; park E1 E2 → 50.0 %.
    Density: organizations O2 O3 over operating social organizations S1 S2 S4 S5 → 2 × 100 / 4 = 50.00."""
    cast, _o, _u = directory
    year = this_year() - 1

    snap = svc.snapshot_take(actor=cast.users["county_admin"], county=cast.county, year=year)
    figures = sel.figures_for(cast.county, year)

    total = figures.total()
    assert (snap.revision, snap.taken_on, figures.source) == (1, datetime.date(year, 12, 31), "snapshot")
    assert (total.should, total.covered, total.own, total.rate, total.own_rate) == (
        6,
        3,
        1,
        Decimal("50.0"),
        Decimal("16.7"),
    )
    assert sorted(sel.r.tally(figures.rows, figures.rules)[""].blocking) == sorted(
        [_u["E2"].credit_code, _u["S4"].credit_code, _u["S5"].credit_code]
    )
    assert figures.total(parks_only=True).rate == Decimal("50.0")
    assert figures.tally("kind")["social"].rate == Decimal("50.0")  # S1 S2 of S1 S2 S4 S5
    assert figures.density().value == Decimal("50.00")


def test_this_year_after_a_closure_a_start_and_a_shell_dropping_back(directory):
    """This year: S4 closed, S3 operating and covered by its own O5, S5 founded and checked with O6, O3 lost its
    secretary so S2 drops back. Should: E1 E2 S1 S2 S3 S5 = 6; covered E1 S1 S3 S5 = 4 → 66.7 %; own E1 S3 S5
    → 50.0 %. Density: O2 O5 O6 over S1 S2 S3 S5 → 75.00; growth from 50.00 → +50.0 %."""
    cast, o, u = directory
    admin = cast.users["county_admin"]
    year = this_year()
    svc.snapshot_take(actor=admin, county=cast.county, year=year - 1)

    changes_of_the_year(cast, o, u, year)
    live = sel.figures_for(cast.county, year).total()  # the gate applies before the sweep too
    dropped = svc.units_quality_gate(actor=admin, county=cast.county)
    svc.snapshot_take(actor=admin, county=cast.county, year=year)

    figures = sel.figures_for(cast.county, year)
    total = figures.total()
    assert [d.name for d in dropped] == ["S2"]
    assert Unit.objects.get(pk=u["S2"].pk).status == Unit.Status.FOUNDED
    assert (live.covered, total.should, total.covered, total.own) == (4, 6, 4, 3)
    assert (total.rate, total.own_rate) == (Decimal("66.7"), Decimal("50.0"))
    assert figures.density().value == Decimal("75.00")
    assert sel.density_growth(cast.county, year) == Decimal("50.0")
    assert o["O5"].__class__.objects.get(pk=o["O5"].pk).founded_on is not None


def test_last_years_numbers_stay_when_a_branch_of_last_year_moves_today(directory):
    cast, o, _u = directory
    admin = cast.users["county_admin"]
    year = this_year() - 1
    snap = svc.snapshot_take(actor=admin, county=cast.county, year=year)
    before = sel.figures_for(cast.county, year)
    frozen_counts = dict(snap.counts["by_committee"])

    organization_move(actor=admin, organization=o["O2"], new_parent=cast.school)
    Unit.objects.filter(covering_org=o["O2"]).update(township=cast.school)

    after = sel.figures_for(cast.county, year)
    live = sel.tree_counts(cast.county, datetime.date(year, 12, 31))["by_committee"]
    assert live[str(cast.school.pk)] == frozen_counts[str(cast.school.pk)] + 1  # today's tree did change
    assert Snapshot.objects.get(pk=snap.pk).counts["by_committee"] == frozen_counts
    assert after.tally("township") == before.tally("township")
    assert after.tally("township")[cast.town.name].covered == 3
    assert after.total().rate == Decimal("50.0")


def test_a_frozen_year_changes_only_by_a_reasoned_correction(directory):
    cast, _o, u = directory
    admin = cast.users["county_admin"]
    year = this_year() - 1
    svc.snapshot_take(actor=admin, county=cast.county, year=year)

    with pytest.raises(ValidationError) as again:
        svc.snapshot_take(actor=admin, county=cast.county, year=year)
    with pytest.raises(ValidationError):
        svc.snapshot_correct(actor=admin, county=cast.county, year=year, reason=" ", changes={})
    fixed = svc.snapshot_correct(
        actor=admin,
        county=cast.county,
        year=year,
        reason="S4 已于当年注销",
        changes={u["S4"].credit_code: {"operating": False}},
    )

    assert again.value.code == "SNAPSHOT_EXISTS"
    assert (fixed.revision, fixed.reason) == (2, "S4 已于当年注销")
    assert sel.figures_for(cast.county, year).total().should == 5
    assert Snapshot.objects.get(county=cast.county, year=year, revision=1).rows != fixed.rows
