"""List and detail pages run a fixed number of queries, however many rows they show (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import member, org
from tuanwu.people.models import CadrePost

PAGES = {
    "tree": lambda c: "/organizations/tree/",
    "organization list": lambda c: "/organizations/?size=200",
    "organization detail": lambda c: f"/organizations/{c.town.pk}/",
    "warnings": lambda c: "/organizations/warnings/?size=200",
    "people list": lambda c: "/people/?size=200",
    "person detail": lambda c: f"/people/{c.people['li'].pk}/",
    "dashboard": lambda c: "/",
    "history": lambda c: "/audit/history/?size=200",
    "access log": lambda c: "/audit/access-log/?size=200",
    "api people": lambda c: "/api/v1/people?limit=200",
    "api organizations": lambda c: "/api/v1/organizations?limit=200",
    "member file check": lambda c: "/admission/files/",
    "graduating-class ratios": lambda c: "/admission/ratios/",
    "annual audit": lambda c: "/admission/audit/?year=2024",
    "profile and tokens": lambda c: "/accounts/profile/",
    "volunteer hours and stars": lambda c: f"/volunteering/people/{c.people['li'].pk}/",
}
BUDGET = 16


def _grow(cast, n):
    """Add n branches with two members (one holding a post) each under the town, and n edits of 李华."""
    from tuanwu.people.services import person_update

    for i in range(n):
        person_update(actor=cast.users["county_admin"], person=cast.people["li"], unit=f"单位{i}")
        CadrePost.objects.create(
            person=cast.people["li"],
            organization=cast.town,
            post="other",
            post_title=f"岗位{i}",
            kind="part_time",
            since=datetime.date(2024, 1, 1),
        )
        branch = org(cast.town, f"新建{i}村团支部")
        a = member(branch, "周婷")
        member(branch, "吴强")
        CadrePost.objects.create(
            person=a, organization=branch, post="secretary", kind="part_time", since=datetime.date(2024, 1, 1)
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_query_count_is_bounded_and_does_not_grow_with_rows(client_as, cast, page):
    client = client_as("county_admin")
    url = PAGES[page](cast)
    client.get(url)  # warm the process-wide caches (content types), so that both counts are of a warm process
    small = _count(client, url)

    _grow(cast, 12)
    large = _count(client, url)

    assert large <= BUDGET, f"{page}: {large} queries"
    assert large == small, f"{page}: {small} queries with few rows, {large} with more"
