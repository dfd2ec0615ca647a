"""A member on a phone opens their organizational life: the meetings they were expected at, their lesson hours
and their course with its progress, in one column that does not overflow; the organizer's course page and the
session form stay within a phone's width too."""

import datetime

from playwright.sync_api import expect

from tests.browser.test_walkthrough import login

PHONE = {"width": 375, "height": 812}


def test_my_organizational_life_and_a_course_on_a_phone(browser, live_server, live_cast, shots):
    from tuanwu.meetings.models import Kind
    from tuanwu.meetings.tests.courses_factories import course, session
    from tuanwu.meetings.tests.factories import record

    today = datetime.date.today()
    record(live_cast.users["county_admin"], live_cast.branch, Kind.THEME_DAY, today, absent=("张晓明",))
    row = course(live_cast, people=("zhang", "li"), title="东湖镇第一期团校（青年骨干与团支部书记专题班）")
    session(live_cast, row, today, hours="2")

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(phone, live_server.url, "member")
    phone.goto(f"{live_server.url}/meetings/my/")

    expect(phone.get_by_test_id("my-present")).to_have_text("1")
    expect(phone.get_by_test_id("my-absent")).to_have_text("1")
    expect(phone.get_by_test_id("my-courses")).to_contain_text("东湖镇第一期团校")
    shots(phone, "meetings-my-phone-zh")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    organizer = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(organizer, live_server.url, "committee_secretary")
    organizer.goto(f"{live_server.url}/meetings/courses/{row.pk}/")
    expect(organizer.get_by_test_id("roster")).to_contain_text("张晓明")
    shots(organizer, "meetings-course-phone-zh")
    assert organizer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    organizer.get_by_test_id("record-session").tap()
    expect(organizer.get_by_test_id("session-course")).to_contain_text("东湖镇第一期团校")
    expect(organizer.locator("input[name^=att-]:checked")).to_have_count(2)
    assert organizer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
