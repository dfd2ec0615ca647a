"""The policy's defaults and the one-row rules of the tables."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tuanwu.contacts.models import ContactPolicy
from tuanwu.organizations.policy import policy_for

from .factories import cadre, contacts, fix, log


def test_a_county_that_set_nothing_has_the_national_and_plan_defaults(cast):
    policy = policy_for(ContactPolicy, cast.school, 2026)

    assert policy.pk is None
    assert policy.organization == cast.county
    assert (policy.min_contacts, policy.min_fields, policy.fixed_orgs_min, policy.fixed_orgs_max) == (100, 3, 1, 2)
    assert policy.fixed_youths == 3
    assert (policy.binds("full_time"), policy.binds("seconded"), policy.binds("part_time")) == (True, True, False)


def test_a_visit_names_an_organization_and_a_youth_contact_names_a_youth(cast):
    zhou = cadre(cast.town)
    youth = contacts(zhou, 1)[0]
    point = fix(zhou, cast.branch)

    with pytest.raises(IntegrityError), transaction.atomic():
        log(zhou, contact=youth, channel="org_visit")
    with pytest.raises(IntegrityError), transaction.atomic():
        log(zhou, fixed_organization=point, channel="online")
    assert log(zhou, fixed_organization=point, channel="org_visit", date=datetime.date(2026, 4, 1)).pk
