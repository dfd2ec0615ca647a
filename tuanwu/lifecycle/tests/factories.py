"""Builders for discipline and exit tests, through the services."""

from __future__ import annotations

import datetime

from tuanwu.lifecycle.models import Sanction
from tuanwu.lifecycle.services import discipline as services


def case(cast, person=None, sanction=Sanction.WARNING, *, approve=False, decided_on=None, **kw):
    """A case decided by the branch of person (张晓明 by default), heard, optionally approved by the town."""
    person = person or cast.people["zhang"]
    row = services.discipline_case_create(
        actor=cast.users["branch_secretary"],
        person=person,
        sanction=sanction,
        facts=kw.pop("facts", "长期不参加组织生活，经教育不改。"),
        decided_on=decided_on or datetime.date(2026, 3, 10),
        statement=kw.pop("statement", "本人承认错误。"),
        **kw,
    )
    if approve:
        row = services.discipline_case_approve(
            actor=cast.users["committee_secretary"], case=row, effective_on=approve if approve is not True else None
        )
    return row
