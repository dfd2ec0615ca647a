"""The demo county shows the care register, a 送温暖 campaign and an assistance project; the reset leaves none."""

import pytest

from tuanwu.accounts.models import User
from tuanwu.care import selectors as care
from tuanwu.care.models import AssistanceInput, CareMeasure, CareRecord, WarmthCampaign, WarmthDelivery
from tuanwu.demo import generator


@pytest.fixture
def demo(db):
    return generator.build(members=600, seed=2020)


def test_records_with_measures_followed_by_the_branch_secretary(demo):
    secretary = User.objects.get(username="branch_secretary")

    assert demo["care_records"] == CareRecord.objects.count() == 7
    assert care.care_record_list(secretary).count() == 4
    assert not care.care_record_list(User.objects.get(username="cadre")).exists()
    assert CareMeasure.objects.exists() and WarmthDelivery.objects.count() == 5
    assert AssistanceInput.objects.count() == 2


def test_the_reset_removes_the_care_rows(demo):
    generator.reset()

    for model in (CareRecord, CareMeasure, WarmthCampaign, WarmthDelivery, AssistanceInput):
        assert not model.objects.exists(), model
