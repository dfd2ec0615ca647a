"""A branch secretary on a phone records this month's theme day from the branch's roster: everyone is ticked
present, one tap marks an absence with its reason, the campaign chip is tapped, and the minutes show it."""

from playwright.sync_api import expect

from tests.browser.test_walkthrough import login

PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1366, "height": 900}


def test_record_a_theme_day_from_the_roster_on_a_phone(browser, live_server, live_cast, shots):
    from tuanwu.meetings.models import Meeting
    from tuanwu.meetings.services.meetings import campaign_create

    campaign_create(actor=live_cast.users["county_admin"], county=live_cast.county, name="四进四信")
    li = live_cast.people["li"]
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(phone, live_server.url, "branch_secretary")

    phone.goto(f"{live_server.url}/meetings/record/")
    expect(phone.get_by_test_id("organizer")).to_have_text("东湖村团支部")
    expect(phone.locator("input[name^=att-]:checked")).to_have_count(2)
    phone.select_option("select[name=kind]", "theme_day")
    phone.fill("input[name=topic]", "学雷锋主题团日")
    phone.fill("input[name=place]", "村委会")
    phone.get_by_test_id("campaign-chips").get_by_text("四进四信").tap()
    phone.get_by_test_id("person-李华").get_by_text("缺席").tap()
    reason = phone.locator(f"input[name=reason-{li.pk}]")
    expect(reason).to_be_visible()
    reason.fill("外出务工")
    phone.select_option("select[name=chair]", str(li.pk))
    save = phone.get_by_test_id("save-meeting")
    expect(save).to_be_in_viewport()  # the sticky save button stays in reach on a long form
    shots(phone, "meetings-record-phone-zh")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    save.tap()

    expect(phone.get_by_test_id("meeting-title")).to_contain_text("学雷锋主题团日")
    expect(phone.get_by_test_id("absent")).to_have_text("李华（外出务工）")
    expect(phone.get_by_test_id("present")).to_have_text("张晓明")
    expect(phone.get_by_test_id("minutes")).to_contain_text("四进四信")
    shots(phone, "meetings-detail-phone-zh")
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.chair_id, [c.name for c in meeting.campaigns.all()]) == (
        "theme_day",
        li.pk,
        ["四进四信"],
    )

    desk = browser.new_context(viewport=WIDE).new_page()
    login(desk, live_server.url, "branch_secretary")
    desk.goto(f"{live_server.url}/meetings/record/?copy=1")
    expect(desk.get_by_test_id("copied-from")).to_contain_text("学雷锋主题团日")
    expect(desk.locator("input[name=topic]")).to_have_value("学雷锋主题团日")
    shots(desk, "meetings-record-desktop-zh")
