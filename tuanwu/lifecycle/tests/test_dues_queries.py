"""The dues pages run a fixed number of queries however many members and payments they show (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import org
from tuanwu.lifecycle.services.dues import dues_policy_set, payment_record

from .dues_factories import banded

YEAR = datetime.date.today().year
PAGES = {
    "branch": lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/?year={YEAR}",
    "committee": lambda c: f"/lifecycle/dues/organizations/{c.town.pk}/?year={YEAR}",
    "county": lambda c: f"/lifecycle/dues/organizations/{c.county.pk}/?year={YEAR}",
    "bills": lambda c: f"/lifecycle/dues/organizations/{c.branch.pk}/bills/",
    "statement": lambda c: f"/lifecycle/dues/organizations/{c.county.pk}/statement/?month={YEAR}-01",
}
BUDGET = 24


def _grow(cast, n):
    admin = cast.users["county_admin"]
    for i in range(n):
        branch = cast.branch if i % 2 else org(cast.town, f"新建{i}村团支部")
        person = banded(admin, branch, f"团员{i}", pay=2000 + 500 * i)
        payment_record(
            actor=admin,
            person=person,
            amount_fen=400,
            paid_on=datetime.date(YEAR, 1, 2),
            first_month=datetime.date(YEAR, 1, 1),
        )


def _grow_more(cast):
    """Ten more members, named apart from the first ones."""
    admin = cast.users["county_admin"]
    for i in range(10):
        branch = cast.branch if i % 2 else org(cast.town, f"另建{i}村团支部")
        person = banded(admin, branch, f"新团员{i}", category="student")
        payment_record(
            actor=admin,
            person=person,
            amount_fen=20,
            paid_on=datetime.date(YEAR, 1, 2),
            first_month=datetime.date(YEAR, 1, 1),
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_query_count_does_not_grow_with_members(client_as, cast, page):
    dues_policy_set(actor=cast.users["county_admin"], county=cast.county, year=YEAR)
    client = client_as("county_admin")
    _grow(cast, 2)
    small = _count(client, PAGES[page](cast))

    _grow_more(cast)
    large = _count(client, PAGES[page](cast))

    assert large <= BUDGET, f"{page}: {large} queries"
    assert large == small, f"{page}: {small} queries with few rows, {large} with more"
