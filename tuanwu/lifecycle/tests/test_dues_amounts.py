"""The monthly amount by pay and category (中青发〔2016〕13号 defaults), and `tuanwu dues amount`."""

import io

import pytest
from django.core.management import call_command

from tuanwu.lifecycle import dues_rules
from tuanwu.lifecycle.models import DuesPolicy
from tuanwu.lifecycle.services.dues import dues_policy_set


@pytest.mark.parametrize(
    ("pay", "yuan"),
    [
        (0, "3.00"),
        (1999, "3.00"),
        (2000, "4.00"),
        (2499, "4.00"),
        (2500, "5.00"),
        (5499, "10.00"),
        (9999, "19.00"),
        (10000, "20.00"),
        (50000, "20.00"),
    ],
)
def test_wage_earner_pays_by_band(pay, yuan):
    assert dues_rules.fen_text(dues_rules.monthly_fen(DuesPolicy(), category="employed", pay_fen=pay * 100)) == yuan


def test_pay_with_fen_is_truncated_not_rounded():
    policy = DuesPolicy()

    assert dues_rules.monthly_fen(policy, category="employed", pay_fen=249999) == 400
    assert dues_rules.monthly_fen(policy, category="employed", pay_fen=199999) == 300


@pytest.mark.parametrize("category", ["student", "farmer", "unemployed"])
def test_no_wage_income_pays_twenty_fen(category):
    assert dues_rules.monthly_fen(DuesPolicy(), category=category, pay_fen=None) == 20


@pytest.mark.parametrize(
    ("text", "fen"), [("2500", 250000), ("2,500.5", 250050), ("¥12.30", 1230), (".2", 20), ("0.20", 20)]
)
def test_yuan_to_fen_reads_amounts(text, fen):
    assert dues_rules.yuan_to_fen(text) == fen


@pytest.mark.parametrize("text", ["", "-3", "1.234", "abc", "1e3"])
def test_yuan_to_fen_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueError):
        dues_rules.yuan_to_fen(text)


def test_split_loses_no_fen():
    policy = DuesPolicy()

    parts = dues_rules.split(policy, 101, has_committee=True)
    direct = dues_rules.split(policy, 101, has_committee=False)

    assert (parts.branch, parts.committee, parts.county, parts.above) == (0, 50, 30, 21)
    assert (direct.branch, direct.committee, direct.county, direct.above) == (0, 0, 80, 21)


def _amount(*args):
    out = io.StringIO()
    call_command("dues", "amount", *args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "printed"),
    [
        (["--pay", "2500"], "5.00"),
        (["--pay", "1999"], "3.00"),
        (["--pay", "50000"], "20.00"),
        (["--pay", "2500", "--group", "student"], "0.20"),
        (["--category", "farmer"], "0.20"),
    ],
)
def test_command_prints_the_monthly_amount(args, printed):
    assert _amount(*args) == printed


def test_command_follows_the_county_policy_of_the_year(cast):
    dues_policy_set(actor=cast.users["county_admin"], county=cast.county, year=2025, cap_fen=1500)

    assert _amount("--pay", "50000", "--year", "2025") == "15.00"
    assert _amount("--pay", "50000", "--year", "2024") == "20.00"


def test_only_the_county_sets_the_policy(cast):
    from django.http import Http404

    with pytest.raises(Http404):
        dues_policy_set(actor=cast.users["outsider"], county=cast.county, year=2025, cap_fen=1500)

    assert not DuesPolicy.objects.exists()
