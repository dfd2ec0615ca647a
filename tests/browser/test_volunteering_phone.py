"""A young person on a phone signs up for an activity, the branch secretary approves, and the volunteer checks in
and out with the activity's check-in code, as printed under its QR code."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_walkthrough import DESKTOP, PHONE, login


def _activity(cast):
    from tuanwu.volunteering.services.activities import activity_create, activity_publish

    start = timezone.now() - datetime.timedelta(minutes=30)
    activity = activity_create(
        actor=cast.users["county_admin"],
        organization=cast.branch,
        title="河道清洁行动",
        category="ecology",
        place="东湖",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        capacity=5,
    )
    return activity_publish(actor=cast.users["county_admin"], activity=activity)


def test_sign_up_approve_and_check_in_on_a_phone(browser, live_server, live_cast, shots):
    activity = _activity(live_cast)
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    login(phone, live_server.url, "member")

    phone.goto(f"{live_server.url}/volunteering/join/")
    phone.get_by_test_id("open-activity").filter(has_text="河道清洁行动").click()
    phone.get_by_test_id("sign-up").click()
    expect(phone.get_by_test_id("my-signup")).to_contain_text("待审核")
    shots(phone, "volunteering-signup-phone-zh")

    desk = browser.new_context(viewport=DESKTOP).new_page()
    login(desk, live_server.url, "branch_secretary")
    desk.goto(f"{live_server.url}/volunteering/activities/{activity.pk}/")
    desk.locator("[data-testid^=approve-]").click()
    expect(desk.get_by_test_id("signup-table")).to_contain_text("已通过")
    desk.get_by_test_id("show-qr").click()
    expect(desk.get_by_test_id("qr-image")).to_be_visible()
    code = desk.get_by_test_id("checkin-code").inner_text().strip()
    shots(desk, "volunteering-qr-desktop-zh")

    phone.goto(f"{live_server.url}/volunteering/scan/")
    phone.fill("#code", code)
    phone.get_by_role("button", name="继续").click()
    phone.get_by_test_id("checkin-button").click()
    expect(phone.get_by_test_id("checkin-state")).to_contain_text("已签到")
    shots(phone, "volunteering-checked-in-phone-zh")
    # Check-out is never one tap away: it opens after the county's shortest stay, then asks first.
    expect(phone.get_by_test_id("checkin-opens")).to_contain_text("签退")
    expect(phone.get_by_test_id("checkin-button")).to_have_count(0)
    from tuanwu.volunteering.models import Signup

    Signup.objects.filter(activity=activity).update(checked_in_at=timezone.now() - datetime.timedelta(minutes=20))
    phone.reload()
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_test_id("checkin-button").click()
    expect(phone.get_by_test_id("checkin-state")).to_contain_text("已签退")

    desk.goto(f"{live_server.url}/volunteering/activities/{activity.pk}/")
    expect(desk.get_by_test_id("signup-table")).not_to_contain_text("— – —")
