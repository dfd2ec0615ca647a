"""A cadre on a phone logs a contact in three taps from their own page: the youth, the channel, save; the date is
today, and the page shows the youth reached this quarter."""

from playwright.sync_api import expect

from tests.browser.test_walkthrough import login

PHONE = {"width": 375, "height": 812}


def test_a_cadre_logs_a_contact_in_three_taps(browser, live_server, live_cast, shots):
    from django.utils import timezone

    from tests.factories import user
    from tuanwu.contacts.models import ContactLog
    from tuanwu.contacts.tests.factories import cadre, contacts

    zhou = cadre(live_cast.town, "周敏")
    contacts(zhou, 2, field="worker")
    user("zhou", "cadre", live_cast.town, person=zhou.person)
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(phone, live_server.url, "zhou")
    phone.goto(f"{live_server.url}/contacts/my/")
    expect(phone.get_by_test_id("contact")).to_have_count(2)
    shots(phone, "contacts-my-phone-zh")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    phone.get_by_test_id("contact").first.tap()
    phone.get_by_text("面对面交流").tap()
    shots(phone, "contacts-log-phone-zh")
    phone.get_by_test_id("save").tap()

    expect(phone.get_by_text("已记录与 青年0 的联系。")).to_be_visible()
    expect(phone.locator('[data-criterion="reached"] .num')).to_have_text("1 / 2")
    entry = ContactLog.objects.get()
    assert (entry.contact.name, entry.channel, entry.date) == ("青年0", "face_to_face", timezone.localdate())
