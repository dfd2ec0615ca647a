"""Contacts added and ended, organizations fixed within the county's numbers, contacts logged, and a departing
cadre's contacts handed over with nobody dropped."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from tuanwu.contacts import services
from tuanwu.contacts.models import Contact, ContactLog, ContactPolicy, FixedOrganization
from tuanwu.organizations.policy import policy_set

from .factories import cadre, contacts, fix


@pytest.fixture
def zhou(cast):
    """A full-time cadre of the town committee."""
    return cadre(cast.town, "周敏")


def test_a_cadre_adds_a_registry_person_with_their_data(cast, zhou):
    actor = cast.users["committee_secretary"]

    contact = services.contact_add(actor=actor, cadre=zhou, person=cast.people["wang"], field="farmer")

    assert (contact.name, contact.field, contact.person) == ("王芳", "farmer", cast.people["wang"])
    assert contact.added_on == timezone.localdate()
    assert LogEntry.objects.get_for_object(contact).count() == 1


def test_a_youth_outside_the_registry_needs_only_a_name(cast, zhou):
    contact = services.contact_add(
        actor=cast.users["committee_secretary"], cadre=zhou, name=" 孙悦 ", phone="13800001111", field="freelancer"
    )

    assert (contact.name, contact.person) == ("孙悦", None)


def test_refuses_the_same_person_twice(cast, zhou):
    actor = cast.users["committee_secretary"]
    services.contact_add(actor=actor, cadre=zhou, person=cast.people["wang"], field="farmer")

    with pytest.raises(ValidationError) as e:
        services.contact_add(actor=actor, cadre=zhou, person=cast.people["wang"], field="farmer")

    assert e.value.code == "CONTACT_DUPLICATE"
    assert Contact.objects.count() == 1


def test_the_cadre_keeps_their_own_contacts_and_others_outside_the_scope_get_404(cast, zhou):
    from tests.factories import user

    own = user("zhou", "cadre", cast.school, person=zhou.person)

    assert services.contact_add(actor=own, cadre=zhou, name="孙悦", field="worker").pk
    with pytest.raises(Http404):
        services.contact_add(actor=cast.users["outsider"], cadre=zhou, name="钱多", field="worker")
    with pytest.raises(PermissionDenied):
        services.contact_add(actor=cast.users["auditor"], cadre=zhou, name="钱多", field="worker")
    assert list(Contact.objects.values_list("name", flat=True)) == ["孙悦"]


def test_refuses_a_third_fixed_organization_naming_the_county_policy(cast, zhou):
    actor = cast.users["committee_secretary"]
    services.fixed_organization_add(actor=actor, cadre=zhou, organization=cast.branch)
    services.fixed_organization_add(actor=actor, cadre=zhou, organization=cast.branch2)
    before = LogEntry.objects.count()

    with pytest.raises(ValidationError) as e:
        services.fixed_organization_add(actor=actor, cadre=zhou, organization=cast.town)

    assert e.value.code == "FIXED_ORGS_MAX"
    assert "County policy" in e.value.messages[0] or "县" in e.value.messages[0]
    assert FixedOrganization.objects.filter(cadre=zhou).count() == 2
    assert LogEntry.objects.count() == before


def test_the_county_may_allow_more_fixed_organizations(cast, zhou):
    policy_set(
        ContactPolicy,
        actor=cast.users["county_admin"],
        perm="contacts.manage_contact",
        county=cast.county,
        year=timezone.localdate().year,
        fixed_orgs_max=3,
    )
    actor = cast.users["committee_secretary"]
    for organization in (cast.branch, cast.branch2, cast.town):
        services.fixed_organization_add(actor=actor, cadre=zhou, organization=organization)

    assert FixedOrganization.objects.filter(cadre=zhou).count() == 3


def test_a_fourth_fixed_youth_is_refused(cast, zhou):
    contacts(zhou, 3, fixed=3)

    with pytest.raises(ValidationError) as e:
        services.contact_add(
            actor=cast.users["committee_secretary"], cadre=zhou, name="孙悦", field="worker", fixed=True
        )

    assert e.value.code == "FIXED_YOUTHS_MAX"


def test_logs_a_contact_dated_today_by_default(cast, zhou):
    youth = contacts(zhou, 1)[0]

    entry = services.contact_log(actor=cast.users["committee_secretary"], cadre=zhou, contact=youth, channel="online")

    assert (entry.date, entry.channel, entry.contact, entry.recorded_by) == (
        timezone.localdate(),
        "online",
        youth,
        cast.users["committee_secretary"],
    )


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"channel": "org_visit"}, "LOG_NO_ORGANIZATION"),
        ({"channel": "online", "date": datetime.date(2099, 1, 1)}, "LOG_IN_FUTURE"),
        ({"channel": "online", "date": datetime.date(2023, 1, 1)}, "LOG_NOT_CONTACT_THEN"),
    ],
)
def test_refuses_a_log_that_does_not_fit(cast, zhou, kwargs, code):
    youth = contacts(zhou, 1)[0]

    with pytest.raises(ValidationError) as e:
        services.contact_log(actor=cast.users["committee_secretary"], cadre=zhou, contact=youth, **kwargs)

    assert e.value.code == code
    assert ContactLog.objects.count() == 0


def test_refuses_another_cadres_contact(cast, zhou):
    other = cadre(cast.town, "吴刚")
    theirs = contacts(other, 1)[0]

    with pytest.raises(ValidationError) as e:
        services.contact_log(actor=cast.users["committee_secretary"], cadre=zhou, contact=theirs, channel="online")

    assert e.value.code == "LOG_NO_CONTACT"


def test_a_visit_records_findings_and_support(cast, zhou):
    point = fix(zhou, cast.branch)

    entry = services.contact_log(
        actor=cast.users["committee_secretary"],
        cadre=zhou,
        fixed_organization=point,
        channel="org_visit",
        found="团支部缺少活动场地",
        guidance="指导制定年度计划",
        support_promised="协调村委会活动室",
    )

    assert (entry.fixed_organization, entry.contact, entry.found) == (point, None, "团支部缺少活动场地")


def test_handover_moves_every_open_contact_and_organization(cast, zhou):
    wu = cadre(cast.town, "吴刚")
    youths = contacts(zhou, 5, fixed=2)
    services.contact_end(actor=cast.users["committee_secretary"], contact=youths[4])
    fix(zhou, cast.branch)
    on = timezone.localdate()

    moved = services.handover(actor=cast.users["committee_secretary"], from_cadre=zhou, to_cadre=wu, on=on)

    zhou.refresh_from_db()
    assert moved == {"contacts": 4, "kept": 0, "organizations": 1}
    assert zhou.ended_on == on
    assert sorted(wu.contacts.filter(ended_on__isnull=True).values_list("name", "fixed")) == [
        ("青年0", True),
        ("青年1", True),
        ("青年2", False),
        ("青年3", False),
    ]
    assert not zhou.contacts.filter(ended_on__isnull=True).exists()
    assert list(wu.fixed_organizations.filter(until__isnull=True).values_list("organization", flat=True)) == [
        cast.branch.pk
    ]


def test_handover_keeps_a_youth_the_successor_already_has_once(cast, zhou):
    wu = cadre(cast.town, "吴刚")
    actor = cast.users["committee_secretary"]
    services.contact_add(actor=actor, cadre=zhou, person=cast.people["wang"], field="farmer")
    services.contact_add(actor=actor, cadre=wu, person=cast.people["wang"], field="farmer")

    moved = services.handover(actor=actor, from_cadre=zhou, to_cadre=wu)

    assert moved["kept"] == 1
    assert wu.contacts.filter(ended_on__isnull=True, person=cast.people["wang"]).count() == 1


def test_handover_that_would_pass_the_policy_moves_nothing(cast, zhou):
    wu = cadre(cast.town, "吴刚")
    contacts(zhou, 10)
    fix(zhou, cast.branch)
    fix(wu, cast.branch2)
    fix(wu, cast.school_branch)

    with pytest.raises(ValidationError) as e:
        services.handover(actor=cast.users["committee_secretary"], from_cadre=zhou, to_cadre=wu)

    zhou.refresh_from_db()
    assert e.value.code == "FIXED_ORGS_MAX"
    assert zhou.ended_on is None
    assert zhou.contacts.filter(ended_on__isnull=True).count() == 10
    assert wu.contacts.count() == 0


def test_handover_is_the_committees(cast, zhou):
    from tests.factories import user

    wu = cadre(cast.town, "吴刚")
    contacts(zhou, 3)
    own = user("zhou", "cadre", cast.school, person=zhou.person)

    with pytest.raises(Http404):
        services.handover(actor=own, from_cadre=zhou, to_cadre=wu)

    assert zhou.contacts.filter(ended_on__isnull=True).count() == 3
