"""The cadre's own page and the three-tap log, the committee's compliance list, the handover behind its
confirmation, and the policy page."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import user
from tuanwu.contacts.models import ContactLog

from .factories import cadre, contacts, fix


@pytest.fixture
def zhou(cast):
    c = cadre(cast.town, "周敏")
    contacts(c, 3, fixed=1)
    fix(c, cast.branch)
    return c


@pytest.fixture
def zhou_client(client, zhou, cast):
    client.force_login(user("zhou", "cadre", cast.town, person=zhou.person))
    return client


def test_the_cadre_sees_their_contacts_and_standing(zhou_client):
    response = zhou_client.get("/contacts/my/")

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('data-testid="contact"') == 3
    assert 'data-criterion="contacts"' in body
    assert "东湖村团支部" in body


def test_logging_takes_a_contact_a_channel_and_save(zhou_client, zhou):
    youth = zhou.contacts.order_by("pk").first()
    page = zhou_client.get(f"/contacts/contacts/{youth.pk}/log/")
    assert page.status_code == 200

    response = zhou_client.post(
        f"/contacts/contacts/{youth.pk}/log/", {"channel": "face_to_face", "date": page.context["form"]["date"].value()}
    )

    assert response.status_code == 302
    assert response["Location"] == "/contacts/my/"
    entry = ContactLog.objects.get()
    assert (entry.contact, entry.channel, entry.date) == (youth, "face_to_face", timezone.localdate())


def test_a_visit_is_logged_with_its_findings(zhou_client, zhou):
    point = zhou.fixed_organizations.get()

    response = zhou_client.post(
        f"/contacts/visits/{point.pk}/log/", {"date": timezone.localdate().isoformat(), "found": "缺少场地"}
    )

    assert response.status_code == 302
    assert ContactLog.objects.get().found == "缺少场地"


def test_a_future_date_is_refused_beside_the_form(zhou_client, zhou):
    youth = zhou.contacts.first()

    response = zhou_client.post(f"/contacts/contacts/{youth.pk}/log/", {"channel": "online", "date": "2099-01-01"})

    assert response.status_code == 200
    assert ContactLog.objects.count() == 0


def test_the_committee_list_shows_overdue_items(client_as, zhou):
    response = client_as("committee_secretary").get("/contacts/compliance/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "周敏" in body
    assert body.count('data-testid="row"') == 1


def test_handover_moves_the_contacts_after_confirmation(client_as, cast, zhou):
    wu = cadre(cast.town, "吴刚")
    client = client_as("committee_secretary")
    page = client.get(f"/contacts/cadres/{zhou.pk}/handover/")
    assert "data-confirm" in page.content.decode()

    response = client.post(
        f"/contacts/cadres/{zhou.pk}/handover/", {"successor": wu.pk, "on": timezone.localdate().isoformat()}
    )

    assert response.status_code == 302
    assert wu.contacts.filter(ended_on__isnull=True).count() == 3
    assert wu.fixed_organizations.filter(until__isnull=True).count() == 1


def test_the_policy_page_saves_the_countys_numbers(client_as, cast):
    client = client_as("county_admin")
    year = datetime.date.today().year
    data = {
        "min_contacts": 80,
        "min_fields": 3,
        "fixed_orgs_min": 1,
        "fixed_orgs_max": 2,
        "fixed_youths": 3,
        "binds_full_time": "on",
        "binds_seconded": "on",
        "online_each_quarter": "on",
        "offline_each_quarter": "on",
        "face_to_face_each_year": "on",
        "visit_each_quarter": "on",
    }

    response = client.post(f"/contacts/policy/?year={year}", data)

    from tuanwu.contacts.models import ContactPolicy

    assert response.status_code == 302
    assert ContactPolicy.objects.get(year=year).min_contacts == 80


def test_the_cadres_to_do_list_counts_what_is_left_this_quarter(zhou, cast):
    from tuanwu.contacts import services
    from tuanwu.dashboards.todo import todos

    own = user("zhou2", "cadre", cast.town, person=zhou.person)
    youth = zhou.contacts.order_by("pk").first()
    services.contact_log(actor=own, cadre=zhou, contact=youth, channel="online")

    found = {t.key: (t.count, t.overdue) for t in todos(own)}

    assert found["contacts_quarter"] == (2 + 1, False)  # two youths and the fixed organization
    assert "contacts_follow_ups" not in found
