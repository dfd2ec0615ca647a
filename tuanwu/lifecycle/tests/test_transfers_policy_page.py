"""The county's transfer rules on their page: saved with their version and history, the days to answer read by
the lapse rule, impossible dates and a kept period above its maximum refused; no one else reaches the page."""

import pytest

from tuanwu.lifecycle.models import TransferPolicy
from tuanwu.lifecycle.services.transfers import transfer_policy

URL = "/lifecycle/transfers/policy/?year=2026"


def _data(client, **changes):
    form = client.get(URL).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(changes)
    return data


def test_the_county_admin_sets_the_days_to_answer(client_as, cast):
    client = client_as("county_admin")

    response = client.post(URL, _data(client, answer_days=15))

    assert response.status_code == 302
    assert transfer_policy(cast.branch, 2026).answer_days == 15
    assert TransferPolicy.objects.get(organization=cast.county, year=2026).version == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"finish_by_month": 2, "finish_by_day": 30}, "finish_by_day"),
        ({"kept_months": 9, "kept_max_months": 6}, "kept_months"),
        ({"answer_days": 0}, "answer_days"),
    ],
)
def test_impossible_rules_are_refused_naming_the_field(client_as, cast, changes, field):
    client = client_as("county_admin")

    response = client.post(URL, _data(client, **changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not TransferPolicy.objects.filter(organization=cast.county, year=2026).exists()


@pytest.mark.parametrize("role", ["committee_secretary", "branch_secretary", "member", "auditor"])
def test_only_the_county_admin_reaches_the_page(client_as, cast, role):
    assert client_as(role).get(URL).status_code == 404
