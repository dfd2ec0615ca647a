"""Builders for dues tests: members with a pay band, entered through the services."""

from __future__ import annotations

import datetime

from tests.factories import member
from tuanwu.lifecycle.services.dues import pay_band_set
from tuanwu.people.models import Person


def banded(actor, branch, name: str, *, pay: int | None = None, category: str = "employed", joined=None) -> Person:
    """A member of branch with a band from the admission month: a monthly pay in yuan, or a category."""
    joined = joined or datetime.date(2019, 5, 4)
    person = member(branch, name, joined=joined)
    pay_band_set(
        actor=actor,
        person=person,
        valid_from=joined,
        category=category,
        pay_fen=pay * 100 if pay is not None else None,
    )
    return person
