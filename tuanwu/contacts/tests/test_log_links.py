"""The contact log's optional links: a 青年之声 case by its tracking number, a volunteer activity and a follow-up
date; the channel buttons are Bootstrap's btn-check pattern, so the checked one is filled."""

import re

import pytest
from django.utils import timezone

from tests.factories import user
from tuanwu.contacts.models import ContactLog
from tuanwu.volunteering.tests.factories import activity

from .factories import cadre, contacts


@pytest.fixture
def zhou(cast):
    c = cadre(cast.town, "周敏")
    contacts(c, 1)
    return c


@pytest.fixture
def zhou_client(client, zhou, cast):
    client.force_login(user("zhou", "cadre", cast.town, person=zhou.person))
    return client


@pytest.fixture
def case(cast):
    from tuanwu.voice.services import shipped_tables_load
    from tuanwu.voice.tests.factories import file_case

    shipped_tables_load()
    return file_case(cast.town)[0]


def test_the_log_links_a_case_an_activity_and_a_follow_up(zhou_client, zhou, cast, case):
    event = activity(cast.users["committee_secretary"], cast.town)
    youth = zhou.contacts.get()
    today = timezone.localdate()

    response = zhou_client.post(
        f"/contacts/contacts/{youth.pk}/log/",
        {
            "channel": "online",
            "date": today.isoformat(),
            "voice_case": case.number.lower(),
            "activity": event.pk,
            "follow_up_due": (today + timezone.timedelta(days=7)).isoformat(),
        },
    )

    assert response.status_code == 302
    entry = ContactLog.objects.get()
    assert (entry.voice_case, entry.activity, entry.follow_up_due) == (case, event, today + timezone.timedelta(days=7))


def test_an_unknown_tracking_number_is_refused_beside_its_field(zhou_client, zhou):
    youth = zhou.contacts.get()

    response = zhou_client.post(
        f"/contacts/contacts/{youth.pk}/log/",
        {"channel": "online", "date": timezone.localdate().isoformat(), "voice_case": "QS-NOPE"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["voice_case"]
    assert ContactLog.objects.count() == 0


def test_a_case_outside_the_cadres_scope_cannot_be_linked(client, cast):
    from tuanwu.voice.services import shipped_tables_load
    from tuanwu.voice.tests.factories import file_case

    shipped_tables_load()
    other_case = file_case(cast.school)[0]
    wang = cadre(cast.town, "王芳")
    youth = contacts(wang, 1)[0]
    client.force_login(user("wang", "cadre", cast.town, person=wang.person))

    response = client.post(
        f"/contacts/contacts/{youth.pk}/log/",
        {"channel": "online", "date": timezone.localdate().isoformat(), "voice_case": other_case.number},
    )

    assert response.status_code == 200
    assert ContactLog.objects.count() == 0


def test_the_channel_buttons_keep_the_choice_filled_after_an_error(zhou_client, zhou):
    youth = zhou.contacts.get()

    data = {"channel": "face_to_face", "date": "2099-01-01"}
    response = zhou_client.post(f"/contacts/contacts/{youth.pk}/log/", data)

    body = response.content.decode()
    radios = re.findall(r'<input type="radio" class="btn-check"[^>]*>\s*<label class="btn btn-outline-primary', body)
    assert len(radios) == 3
    assert re.search(r'value="face_to_face" checked', body)
