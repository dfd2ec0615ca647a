"""The new modules' list pages run a fixed number of queries however many rows they show (no N+1): the cadres'
compliance and cadre lists, a cadre's own contacts, the projects and calls of programs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tuanwu.contacts.tests.factories import cadre, contacts, fix, log
from tuanwu.programs.tests.factories import call, project


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow_contacts(cast, n):
    for i in range(n):
        c = cadre(cast.town, name=f"干部{i}")
        for youth in contacts(c, 3, fixed=1):
            log(c, contact=youth)
        fix(c, cast.branch)


def _grow_programs(cast, n):
    admin = cast.users["county_admin"]
    for i in range(n):
        project(admin, cast.branch, title=f"实践队{i}", members=[cast.people["zhang"]])
        call(admin, cast.town)


@pytest.mark.parametrize(
    ("url", "grow"),
    [
        ("/contacts/compliance/", _grow_contacts),
        ("/contacts/cadres/", _grow_contacts),
        ("/programs/", _grow_programs),
        ("/programs/calls/", _grow_programs),
    ],
)
def test_new_list_pages_do_not_grow_with_rows(client_as, cast, url, grow):
    client = client_as("county_admin")
    grow(cast, 1)
    small = _count(client, url)
    grow(cast, 6)
    large = _count(client, url)

    assert large <= small + 1, f"{url}: {small} queries with few rows, {large} with more"
