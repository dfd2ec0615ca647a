"""The lists do not grow in queries with their rows (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import member
from tuanwu.core.dates import add_years
from tuanwu.lifecycle.services import exits as exit_services

from .factories import case

PAGES = ["/lifecycle/discipline/", "/lifecycle/exits/age-out/", "/lifecycle/exits/lapse/"]


def _add(cast, n, start=0):
    for i in range(start, start + n):
        person = member(cast.branch, f"成员{i}", birth_date=add_years(datetime.date.today(), -28))
        case(cast, person)
        exit_services.lapse_propose(actor=cast.users["branch_secretary"], person=person)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", PAGES)
def test_the_list_queries_do_not_grow_with_its_rows(client_as, cast, url):
    _add(cast, 1)
    client = client_as("committee_secretary")
    few = _queries(client, url)

    _add(cast, 5, start=1)
    many = _queries(client, url)

    assert many == few
    assert few <= 30
