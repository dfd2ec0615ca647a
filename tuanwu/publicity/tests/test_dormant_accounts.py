import datetime
import io
import json

import pytest
from django.core.management import call_command

from tuanwu.dashboards.todo import todos
from tuanwu.publicity import services
from tuanwu.publicity.models import MediaAccount

from .factories import media_account

REGISTERED = datetime.date(2026, 1, 5)


@pytest.fixture
def account(cast):
    return media_account(cast.branch, cast.people["zhang"], registered_on=REGISTERED)


def test_account_without_posts_is_flagged_dormant_after_the_policy_period(cast, account):
    services.review_record_add(
        actor=None, account=account, date=datetime.date(2026, 2, 1), title="五四青年节活动预告", reviewer="李华"
    )

    early = services.media_accounts_flag_dormant(actor=None, as_of=datetime.date(2026, 5, 1))  # 89 days
    flagged = services.media_accounts_flag_dormant(actor=None, as_of=datetime.date(2026, 5, 2))  # 90 days

    account.refresh_from_db()
    assert early == []
    assert [a.pk for a in flagged] == [account.pk]
    assert (account.status, account.flagged_on) == (MediaAccount.Status.DORMANT, datetime.date(2026, 5, 2))
    assert services.close_by(account) == datetime.date(2026, 6, 1)


def test_months_with_posts_count_as_activity(cast, account):
    services.monthly_figure_set(
        actor=None, account=account, month=datetime.date(2026, 3, 1), followers=800, posts=4, reads=2000
    )
    services.monthly_figure_set(
        actor=None, account=account, month=datetime.date(2026, 4, 1), followers=790, posts=0, reads=30
    )

    assert services.media_accounts_flag_dormant(actor=None, as_of=datetime.date(2026, 6, 28)) == []
    assert len(services.media_accounts_flag_dormant(actor=None, as_of=datetime.date(2026, 6, 29))) == 1


def test_the_county_policy_sets_the_period(cast, account):
    services.media_policy_set(actor=cast.users["county_admin"], county=cast.county, year=2026, dormant_days=30,
                              close_days=7)  # fmt: skip

    flagged = services.media_accounts_flag_dormant(actor=None, as_of=datetime.date(2026, 2, 4))

    assert [a.pk for a in flagged] == [account.pk]
    assert services.close_by(flagged[0]) == datetime.date(2026, 2, 11)


def test_a_dormant_account_that_posts_again_is_active(cast, account):
    services.media_accounts_flag_dormant(actor=None, as_of=datetime.date(2026, 5, 1))

    services.review_record_add(
        actor=None, account=account, date=datetime.date(2026, 5, 3), title="复更", reviewer="李华"
    )

    account.refresh_from_db()
    assert (account.status, account.flagged_on) == (MediaAccount.Status.ACTIVE, None)


def test_command_flags_in_the_users_scope_and_prints_json(cast, account):
    other = media_account(cast.school_branch, cast.people["zhao"], name="一中团委", registered_on=REGISTERED)
    out = io.StringIO()

    call_command("media", "flag-dormant", "--date", "2026-05-01", "--as", "committee_secretary", "--format", "json",
                 stdout=out)  # fmt: skip

    rows = json.loads(out.getvalue())
    other.refresh_from_db()
    assert [(r["name"], r["flagged_on"], r["close_by"]) for r in rows] == [("东湖村团支部", "2026-05-01", "2026-05-31")]
    assert other.status == MediaAccount.Status.ACTIVE


def test_dormant_account_past_closing_waits_on_the_todo_list_until_closed(cast, account):
    services.media_accounts_flag_dormant(actor=None, as_of=datetime.date(2026, 5, 1))
    account.refresh_from_db()
    keys = {t.key: t.count for t in todos(cast.users["branch_secretary"])}
    assert keys.get("media_dormant") == 1

    services.media_account_close(actor=cast.users["branch_secretary"], account=account, on=datetime.date(2026, 6, 2))

    account.refresh_from_db()
    assert "media_dormant" not in {t.key for t in todos(cast.users["branch_secretary"])}
    assert account.status == MediaAccount.Status.CLOSED
    assert list(account.admins.values_list("until", flat=True)) == [datetime.date(2026, 6, 2)]
