import pytest

from tuanwu.demo import generator
from tuanwu.publicity.models import MediaAccount, RoleModel
from tuanwu.publicity.selectors import accounts_past_closing, admins_graduating


@pytest.fixture
def demo(db):
    return generator.build(members=600, seed=2020)


def test_demo_county_has_role_models_and_accounts_in_every_state(demo, django_user_model):
    admin = django_user_model.objects.get(username="county_admin")

    statuses = set(MediaAccount.objects.values_list("status", flat=True))

    assert demo["role_models"] == RoleModel.objects.count() > 0
    assert statuses == {"active", "dormant", "closed"}
    assert len(accounts_past_closing(admin)) == 1
    assert admins_graduating(admin).count() == 1
    assert all(rm.publicities.exists() for rm in RoleModel.objects.all())


def test_demo_reset_removes_them(demo):
    counts = generator.reset()

    assert counts["media_accounts"] == demo["media_accounts"]
    assert (MediaAccount.objects.count(), RoleModel.objects.count()) == (0, 0)
