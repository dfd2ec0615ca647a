"""The committee's cadre pages: registering a cadre, a cadre's page with their contacts and standing, fixing
and releasing organizations behind a confirmation; refused to roles that do not manage contacts."""

import pytest
from django.utils import timezone

from tests.factories import PersonFactory
from tuanwu.contacts.models import ContactCadre, FixedOrganization

from .factories import cadre, contacts, fix


@pytest.fixture
def zhou(cast):
    c = cadre(cast.town, "周敏")
    contacts(c, 2)
    return c


def test_the_committee_registers_a_cadre(client_as, cast):
    person = PersonFactory(organization=cast.town, name="钱程", id_number="341100199001010011")
    client = client_as("committee_secretary")
    assert 'data-testid="cadre-register"' in client.get("/contacts/cadres/").content.decode()

    response = client.post(
        "/contacts/cadres/new/",
        {"person": "341100199001010011", "kind": "seconded", "organization": cast.town.pk, "started_on": "2026-01-05"},
    )

    made = ContactCadre.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/cadres/{made.pk}/"
    assert (made.kind, made.organization, str(made.started_on)) == ("seconded", cast.town, "2026-01-05")


def test_an_organization_outside_the_managed_scope_is_refused_beside_the_field(client_as, cast):
    PersonFactory(organization=cast.town, name="钱程")
    client = client_as("committee_secretary")

    response = client.post(
        "/contacts/cadres/new/",
        {"person": "钱程", "kind": "seconded", "organization": cast.county.pk, "started_on": "2026-01-05"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["organization"]
    assert ContactCadre.objects.count() == 0


def test_the_cadre_page_shows_contacts_standing_and_the_fixing_form(client_as, zhou, cast):
    fix(zhou, cast.branch)

    response = client_as("committee_secretary").get(f"/contacts/cadres/{zhou.pk}/")

    body = response.content.decode()
    assert body.count('data-testid="contact"') == 2
    assert 'data-criterion="contacts"' in body
    assert 'data-testid="fixed-add-form"' in body
    assert 'data-testid="fixed-end"' in body and "data-confirm" in body


def test_the_auditor_sees_the_cadre_page_without_the_controls(client_as, zhou, cast):
    fix(zhou, cast.branch)

    body = client_as("auditor").get(f"/contacts/cadres/{zhou.pk}/").content.decode()

    assert 'data-testid="fixed-add-form"' not in body
    assert 'data-testid="fixed-end"' not in body


def test_the_committee_fixes_and_releases_an_organization(client_as, zhou, cast):
    client = client_as("committee_secretary")

    client.post(f"/contacts/cadres/{zhou.pk}/fixed/", {"organization": cast.branch.pk, "since": "2026-01-05"})
    point = FixedOrganization.objects.get(cadre=zhou)
    client.post(f"/contacts/fixed/{point.pk}/end/")

    point.refresh_from_db()
    assert point.organization == cast.branch
    assert point.until == timezone.localdate()


def test_the_auditor_may_not_fix_an_organization(client_as, zhou, cast):
    response = client_as("auditor").post(
        f"/contacts/cadres/{zhou.pk}/fixed/", {"organization": cast.branch.pk, "since": "2026-01-05"}
    )

    assert response.status_code == 403
    assert FixedOrganization.objects.count() == 0
