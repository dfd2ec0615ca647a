"""`tuanwu coverage snapshot|correct|figures`: the same services and scope as the board, for cron and county IT."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from tuanwu.coverage.management.commands.coverage import parse_changes
from tuanwu.coverage.models import Snapshot
from tuanwu.coverage.tests.test_figures import directory  # noqa: F401  (the hand-computed directory)


def run(*args, user="county_admin", cast=None):
    out = io.StringIO()
    call_command("coverage", *args, "--as", cast.users[user].username, "--format", "json", "--lang", "en", stdout=out)
    return json.loads(out.getvalue())


def test_snapshot_freezes_last_year_and_figures_read_it_back(directory):  # noqa: F811
    cast, _o, _u = directory
    year = timezone.localdate().year - 1

    frozen = run("snapshot", "--year", str(year), cast=cast)
    figures = run("figures", "--year", str(year), cast=cast)

    assert (frozen["year"], frozen["revision"], frozen["as_of"], frozen["units"]) == (year, 1, f"{year}-12-31", 8)
    assert figures["source"] == "snapshot"
    assert (figures["should_establish"], figures["covered"], figures["coverage"]) == (6, 3, 50.0)
    assert (figures["parks_should_establish"], figures["parks_covered"]) == (2, 1)
    assert (figures["density"], figures["density_organizations"], figures["density_base"]) == (50.0, 2, 4)


def test_a_second_snapshot_is_refused_and_a_reasoned_correction_makes_revision_two(directory):  # noqa: F811
    cast, _o, u = directory
    year = str(timezone.localdate().year - 1)
    run("snapshot", "--year", year, cast=cast)

    with pytest.raises(CommandError, match="correction"):
        run("snapshot", "--year", year, cast=cast)
    corrected = run(
        "correct",
        "--year",
        year,
        "--reason",
        "复核：E2 已建联合团支部",
        "--set",
        f"{u['E2'].credit_code}:covered=是",
        cast=cast,
    )

    assert corrected["revision"] == 2
    assert run("figures", "--year", year, cast=cast)["covered"] == 4
    assert Snapshot.objects.filter(year=int(year)).count() == 2


def test_a_correction_without_a_reason_changes_nothing(directory):  # noqa: F811
    cast, _o, u = directory
    year = str(timezone.localdate().year - 1)
    run("snapshot", "--year", year, cast=cast)

    with pytest.raises(CommandError, match="reason"):
        run("correct", "--year", year, "--set", f"{u['E2'].credit_code}:covered=true", cast=cast)

    assert Snapshot.objects.filter(year=int(year)).count() == 1


def test_a_past_year_never_frozen_has_no_figures(directory):  # noqa: F811
    cast, _o, _u = directory

    with pytest.raises(CommandError, match="never frozen"):
        run("figures", "--year", str(timezone.localdate().year - 3), cast=cast)


def test_a_branch_secretary_cannot_freeze_the_county(directory):  # noqa: F811
    cast, _o, _u = directory

    with pytest.raises(CommandError):
        run("snapshot", "--year", str(timezone.localdate().year - 1), user="branch_secretary", cast=cast)

    assert not Snapshot.objects.exists()


@pytest.mark.parametrize("item", ["no-colon", "CODE:field", ":covered=1"])
def test_a_malformed_change_is_refused(item):
    with translation.override("en"), pytest.raises(CommandError, match="CODE:FIELD=VALUE"):
        parse_changes([item])


def test_changes_parse_booleans_and_text():
    assert parse_changes(["abc:covered=否", "abc:form=joint"]) == {"ABC": {"covered": False, "form": "joint"}}
