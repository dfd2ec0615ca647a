"""The one allocator: in order per series, from where older documents stopped, skipping numbers in use, within
bounds, and a number whose transaction rolled back is given again (no gap)."""

import pytest
from django.db import transaction

from tuanwu.numbering.models import NumberSeries
from tuanwu.numbering.services import SeriesExhausted, next_number


def draw(*args, **kwargs):
    with transaction.atomic():
        return next_number(*args, **kwargs)


def test_numbers_follow_each_other_per_series(db):
    assert [draw("certificate", "QH", 2026) for _ in range(3)] == [1, 2, 3]
    assert draw("certificate", "QH", 2027) == 1
    assert draw("certificate", "XW", 2026) == 1
    assert draw("development", "QH", 2026) == 1


def test_a_new_series_starts_after_the_documents_numbered_before_it(db):
    assert draw("certificate", "QH", 2026, start_after=lambda: 41) == 42
    assert draw("certificate", "QH", 2026, start_after=lambda: 1000) == 43


def test_numbers_in_use_are_skipped_and_the_bounds_hold(db):
    used = {105, 106}
    numbers = [draw("development", "quota-1", 2026, first=105, last=108, taken=used.__contains__) for _ in range(2)]

    assert numbers == [107, 108]
    with pytest.raises(SeriesExhausted):
        draw("development", "quota-1", 2026, first=105, last=108)
    assert NumberSeries.objects.get(kind="development").last == 108


def test_a_number_rolled_back_is_given_again(db):
    draw("certificate", "QH", 2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("certificate", "QH", 2026) == 2
        raise RuntimeError

    assert draw("certificate", "QH", 2026) == 2
