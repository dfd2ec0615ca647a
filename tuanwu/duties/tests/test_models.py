import datetime

import pytest
from django.db import IntegrityError

from tuanwu.duties.models import MandateKind

from .factories import duty, mandate, term


def test_a_person_holds_one_seat_of_a_kind_per_term(cast):
    t = term(cast.county)
    mandate(t, cast.people["zhang"])

    with pytest.raises(IntegrityError):
        mandate(t, cast.people["zhang"])


def test_a_person_may_be_member_and_delegate_of_the_same_term(cast):
    t = term(cast.county)
    mandate(t, cast.people["zhang"])

    m = mandate(t, cast.people["zhang"], kind=MandateKind.DELEGATE)

    assert m.pk


def test_only_a_proposal_carries_a_proposal_status(cast):
    m = mandate(term(cast.county), cast.people["zhang"])

    with pytest.raises(IntegrityError):
        duty(m, datetime.date(2024, 3, 1), kind="research", proposal_status="adopted")
