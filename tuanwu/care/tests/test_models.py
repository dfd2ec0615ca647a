"""The register's own row rules and its name mask."""

import datetime

import pytest
from django.db import IntegrityError

from tuanwu.care.masking import mask_care_name
from tuanwu.care.models import CareRecord


@pytest.mark.parametrize(("name", "masked"), [("张晓明", "张*明"), ("李华", "李*"), ("欧阳明月", "欧**月"), ("", "")])
def test_names_keep_their_first_and_last_character(name, masked):
    assert mask_care_name(name) == masked


def test_a_closed_record_needs_its_closing_date(cast):
    with pytest.raises(IntegrityError):
        CareRecord.objects.create(
            organization=cast.branch,
            name="陈静",
            difficulties=",economic,",
            consent_by="陈静",
            consent_on=datetime.date(2026, 1, 5),
            opened_on=datetime.date(2026, 1, 5),
            status=CareRecord.Status.CLOSED,
        )
