"""A follower without VIEW_CARE sees the care register in the menu while they follow an open record, and is
reminded of the records they follow that went 30 days without a measure."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tuanwu.accounts.navigation import menu_for
from tuanwu.care import services
from tuanwu.dashboards.todo import todos

from .factories import record


def _menu_urls(user):
    return {e["name"] for g in menu_for(user, None) for e in g["entries"]}


def test_the_follower_sees_the_care_register_in_the_menu(cast):
    follower = cast.users["branch_secretary"]
    assert "care:record_list" not in _menu_urls(follower)

    record(cast)

    names = _menu_urls(follower)
    assert "care:record_list" in names
    assert "care:campaign_list" not in names


def test_a_closed_record_takes_the_entry_away_and_others_never_see_it(cast):
    opened = record(cast)
    services.care_record_close(actor=cast.users["county_admin"], record=opened, outcome="已脱困")

    assert "care:record_list" not in _menu_urls(cast.users["branch_secretary"])
    assert "care:record_list" not in _menu_urls(cast.users["member"])


def test_the_menu_check_costs_one_query_at_most(cast):
    record(cast)
    follower = cast.users["branch_secretary"]
    menu_for(follower, None)  # grants cached

    with CaptureQueriesContext(connection) as baseline_ctx:
        menu_for(cast.users["member"], None)
    with CaptureQueriesContext(connection) as ctx:
        menu_for(follower, None)

    assert len(ctx) <= len(baseline_ctx) + 1


def test_a_followed_record_without_a_measure_in_30_days_is_a_to_do(cast):
    record(cast, opened_on=timezone.localdate() - datetime.timedelta(days=60))
    record(cast, name="李想", opened_on=timezone.localdate() - datetime.timedelta(days=5))

    found = {t.key: t.count for t in todos(cast.users["branch_secretary"])}

    assert found["care_no_recent_measure"] == 1
    assert "care_no_recent_measure" not in {t.key for t in todos(cast.users["committee_secretary"])}


def test_a_recent_measure_clears_the_to_do(cast):
    old = record(cast, opened_on=timezone.localdate() - datetime.timedelta(days=60))
    services.care_measure_add(
        actor=cast.users["branch_secretary"],
        record=old,
        kind="visit",
        date=timezone.localdate(),
        description="上门走访",
    )

    assert "care_no_recent_measure" not in {t.key for t in todos(cast.users["branch_secretary"])}
