"""The cadre's own page: adding a youth from the registry or with minimal data, marking a fixed youth and ending
a contact behind its confirmation; refused to whoever neither is the cadre nor manages them."""

import pytest

from tests.factories import PersonFactory, user
from tuanwu.contacts.models import Contact

from .factories import cadre, contacts


@pytest.fixture
def zhou(cast):
    c = cadre(cast.town, "周敏")
    contacts(c, 2)
    return c


@pytest.fixture
def zhou_client(client, zhou, cast):
    client.force_login(user("zhou", "cadre", cast.town, person=zhou.person))
    return client


def test_the_own_page_offers_adding_fixing_and_ending_behind_a_confirmation(zhou_client, zhou):
    body = zhou_client.get("/contacts/my/").content.decode()

    assert f"/contacts/cadres/{zhou.pk}/contacts/new/" in body
    assert body.count('data-testid="contact-fix"') == 2
    assert body.count('data-testid="contact-end"') == 2
    assert body.count("data-confirm=") == 2


def test_a_youth_is_added_with_minimal_data(zhou_client, zhou):
    response = zhou_client.post(
        f"/contacts/cadres/{zhou.pk}/contacts/new/",
        {"name": "陈晨", "phone": "13800000000", "unit": "青禾智造", "field": "two_new_employee"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/contacts/my/"
    added = zhou.contacts.get(name="陈晨")
    assert (added.person, added.phone, added.unit, added.field, added.fixed) == (
        None,
        "13800000000",
        "青禾智造",
        "two_new_employee",
        False,
    )


def test_a_youth_is_found_in_the_registry_by_id_number(zhou_client, zhou, cast):
    person = PersonFactory(organization=cast.town, name="林一", id_number="34110020000101001X")

    response = zhou_client.post(
        f"/contacts/cadres/{zhou.pk}/contacts/new/", {"registry": "34110020000101001x", "field": "worker"}
    )

    assert response.status_code == 302
    assert zhou.contacts.get(person=person).name == "林一"


def test_a_name_nobody_in_scope_has_is_refused_beside_the_form(zhou_client, zhou):
    response = zhou_client.post(f"/contacts/cadres/{zhou.pk}/contacts/new/", {"registry": "无此人", "field": "worker"})

    assert response.status_code == 200
    assert zhou.contacts.count() == 2


def test_a_contact_is_marked_fixed_and_ended(zhou_client, zhou):
    youth = zhou.contacts.order_by("pk").first()

    zhou_client.post(f"/contacts/contacts/{youth.pk}/fix/", {"fixed": "1"})
    fixed = Contact.objects.get(pk=youth.pk).fixed
    zhou_client.post(f"/contacts/contacts/{youth.pk}/end/")

    assert fixed is True
    assert Contact.objects.get(pk=youth.pk).ended_on is not None


def test_another_cadre_may_not_add_or_end(client, zhou, cast):
    other = cadre(cast.town, "吴刚")
    client.force_login(user("wu", "cadre", cast.town, person=other.person))
    youth = zhou.contacts.first()

    added = client.post(f"/contacts/cadres/{zhou.pk}/contacts/new/", {"name": "陈晨", "field": "worker"})
    ended = client.post(f"/contacts/contacts/{youth.pk}/end/")

    assert (added.status_code, ended.status_code) == (403, 403)
    assert zhou.contacts.filter(ended_on__isnull=True).count() == 2


def test_a_fourth_fixed_youth_is_refused_by_the_county_number(zhou_client, zhou):
    more = contacts(zhou, 4, prefix="固定", fixed=3)

    response = zhou_client.post(f"/contacts/contacts/{more[3].pk}/fix/", {"fixed": "1"}, follow=True)

    assert zhou.contacts.filter(fixed=True).count() == 3
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
