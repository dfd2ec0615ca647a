"""The public page: 200 rapid submissions from one address are rate-limited and every accepted one is stored;
HTML and script in a submission stay inert on every page; bad input is refused by field."""

import pytest
from django.test import Client, override_settings

from tuanwu.voice.models import Case

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@override_settings(VOICE_RATE_LIMITS={"submit": (5, 3600), "track": (30, 600)})
def test_200_rapid_submissions_are_limited_and_every_accepted_one_is_stored(cast):
    client = Client(REMOTE_ADDR="203.0.113.7")

    statuses = [
        client.post("/voice/ask/", {"category": "consult", "description": f"第{i}个问题"}).status_code
        for i in range(200)
    ]

    assert statuses.count(201) == 5
    assert statuses.count(429) == 195
    assert sorted(Case.objects.values_list("description", flat=True)) == sorted(f"第{i}个问题" for i in range(5))
    assert Case.objects.values("number").distinct().count() == 5
    # another address is not held back by the first one's flood
    assert (
        Client(REMOTE_ADDR="203.0.113.8").post("/voice/ask/", {"category": "help", "description": "求助"}).status_code
        == 201
    )


def test_a_filled_hidden_field_stores_nothing(cast, client):
    response = client.post("/voice/ask/", {"category": "consult", "description": "广告", "website": "http://spam"})

    assert response.status_code == 200
    assert Case.objects.count() == 0


def test_script_in_a_submission_is_inert_on_every_page(cast, client_as):
    client = client_as("anonymous")
    done = client.post(
        "/voice/ask/",
        {
            "category": "rights",
            "subtype": "fees",
            "description": PAYLOAD,
            "unit_text": PAYLOAD,
            "contact_name": "<b>李</b>",
        },
    )
    case = Case.objects.get()
    client.get("/")  # the session keeps the case for the tracking page
    pages = [
        done.content.decode(),
        client.get(f"/voice/track/{case.number}/").content.decode(),
        client_as("county_admin").get("/voice/cases/").content.decode(),
        client_as("county_admin").get(f"/voice/cases/{case.pk}/").content.decode(),
        client_as("county_admin").post(f"/voice/cases/{case.pk}/reveal/").content.decode(),
    ]
    api = client_as("county_admin").get(f"/api/v1/voice/cases/{case.pk}").json()

    assert case.description == PAYLOAD
    for html in pages[1:]:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>李</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in pages[1]
    assert "&lt;script&gt;" in pages[3] and "&lt;b&gt;李&lt;/b&gt;" in pages[4]
    assert api["description"] == PAYLOAD  # JSON is data, not markup


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"category": "consult", "description": "  "}, "description", "此项为必填项"),
        ({"category": "help", "description": "x", "contact_phone": "12345"}, "contact_phone", "电话号码12345无效"),
        ({"category": "nonsense", "description": "x"}, "category", ""),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_stored(cast, client, data, field, message):
    response = client.post("/voice/ask/", data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert Case.objects.count() == 0


def test_anonymous_keeps_no_contact_and_no_organization_goes_to_the_county(cast, client):
    client.post(
        "/voice/ask/",
        {"category": "suggestion", "description": "建议多办招聘会", "anonymous": "on", "contact_phone": "13812345678"},
    )

    case = Case.objects.get()
    assert (case.contact_name, case.contact_phone, case.organization) == ("", "", cast.county)
    assert case.number.startswith("QS")
