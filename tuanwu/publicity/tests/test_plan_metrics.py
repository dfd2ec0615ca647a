import datetime
from decimal import Decimal

from django.utils import timezone

from tuanwu.plan.metrics import METRICS
from tuanwu.publicity import services

from .factories import media_account, role_model


def _value(cast, key, year):
    return METRICS[key].compute(cast.users["county_admin"], cast.county, year)


def test_metrics_count_role_models_publicized_accounts_and_reach(cast):
    today = timezone.localdate()
    year = today.year
    first, second = role_model(cast.branch, found_on=today), role_model(cast.school_branch, name="赵磊", found_on=today)
    role_model(cast.branch2, name="王芳", found_on=today)  # never publicized
    for rm in (first, first, second):
        services.publicity_add(actor=None, role_model=rm, date=today, channel="青禾发布", title="典型事迹")
    services.publicity_add(
        actor=None, role_model=second, date=datetime.date(year - 1, 12, 1), channel="县报", title="去年"
    )
    active = media_account(cast.branch, cast.people["zhang"], registered_on=today)
    dormant = media_account(cast.school_branch, cast.people["zhao"], name="一中团委", registered_on=today)
    services.monthly_figure_set(actor=None, account=active, month=today, followers=500, posts=3, reads=1500)
    services.monthly_figure_set(actor=None, account=dormant, month=today, followers=50, posts=0, reads=20)
    services.media_accounts_flag_dormant(
        actor=None, as_of=today + datetime.timedelta(days=120), organization=cast.school
    )

    values = {key: _value(cast, key, year) for key in ("role_models_publicized", "media_accounts_active",
              "media_accounts_dormant", "media_reach")}  # fmt: skip

    assert values == {
        "role_models_publicized": Decimal(2),
        "media_accounts_active": Decimal(1),
        "media_accounts_dormant": Decimal(1),
        "media_reach": Decimal(1520),
    }
    assert [METRICS[k].unit for k in values] == ["个", "个", "个", "次"]
