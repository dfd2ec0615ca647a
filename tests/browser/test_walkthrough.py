"""A secretary's first minutes: log in, browse the tree, find a member by pinyin initials, switch language."""

import re

import pytest
from playwright.sync_api import expect

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 812}


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"pw-{username}")
    page.click("button[type=submit]")


def test_login_tree_search_and_language(page, live_server, live_cast, shots):
    page.set_viewport_size(DESKTOP)
    login(page, live_server.url, "county_admin")
    expect(page.get_by_role("heading", name="数据看板")).to_be_visible()
    shots(page, "dashboard-desktop-zh")

    page.get_by_role("link", name="组织树").click()
    tree = page.get_by_test_id("org-tree")
    expect(tree).to_contain_text("东湖镇团委")
    expect(page.get_by_role("link", name="东湖村团支部")).to_be_hidden()
    tree.locator("summary", has_text="东湖镇团委").click(position={"x": 6, "y": 8})
    page.get_by_role("link", name="东湖村团支部").click()
    expect(page.get_by_role("heading", name=re.compile("东湖村团支部"))).to_be_visible()
    shots(page, "organization-desktop-zh")

    page.locator(".tw-sidebar").get_by_role("link", name="团员青年").click()
    page.fill("#id_q", "zxm")
    page.get_by_role("button", name="搜索", exact=True).click()
    rows = page.get_by_test_id("person-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("张晓明")
    expect(rows.first).to_contain_text("*")  # masked ID number
    shots(page, "people-desktop-zh")

    page.get_by_test_id("lang-en").click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    expect(page.get_by_test_id("person-table")).to_contain_text("张晓明")
    shots(page, "people-desktop-en")


def test_reveal_personal_data_is_logged(page, live_server, live_cast, shots):
    page.set_viewport_size(DESKTOP)
    login(page, live_server.url, "committee_secretary")
    zhang = live_cast.people["zhang"]

    page.goto(f"{live_server.url}/people/{zhang.pk}/")
    expect(page.get_by_test_id("id-number")).to_contain_text("*")
    page.get_by_role("button", name=re.compile("查看完整信息")).click()

    expect(page.get_by_test_id("id-number")).to_have_text(zhang.id_number)
    shots(page, "person-revealed-desktop-zh")
    from tuanwu.audit.models import AccessLog

    assert AccessLog.objects.filter(person=zhang).count() == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_phone_screens(page, live_server, live_cast, shots, lang):
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "member")
    if lang == "en":
        page.get_by_test_id("lang-en").click()
    shots(page, f"home-phone-{lang}")

    page.goto(f"{live_server.url}/people/me/")
    expect(page.get_by_role("heading", name=re.compile("张晓明"))).to_be_visible()
    shots(page, f"me-phone-{lang}")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"horizontal scroll on a phone: {width}px"


def test_phone_people_list_for_secretary(page, live_server, live_cast, shots):
    page.set_viewport_size(PHONE)
    login(page, live_server.url, "branch_secretary")
    page.goto(f"{live_server.url}/people/")

    expect(page.get_by_test_id("person-table")).to_contain_text("李华")
    shots(page, "people-phone-zh")
    page.goto(f"{live_server.url}/organizations/tree/")
    shots(page, "tree-phone-zh")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"horizontal scroll on a phone: {width}px"
