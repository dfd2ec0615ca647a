"""Every role walks every page of its menu at desktop and phone size: no console error, no English word left on a
Chinese page (beyond the proper names and file types below), and no list page taller than six phone screens.
The home page of each role is kept as a screenshot at both sizes."""

import re

import pytest

from tests.browser.test_walkthrough import login

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 375, "height": 812}}
ROLES = ["county_admin", "committee_secretary", "branch_secretary", "cadre", "member", "auditor"]
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}")
# Words that are names or formats in Chinese screens too.
ALLOWED = {"English", "PDF", "Excel", "docx", "xlsx", "csv", "txt", "CSV", "QR", "API", "WeChat", "Alipay", "TuanWu"}
MAX_SCREENS = 6


def _english_words(text: str) -> list[str]:
    return sorted({w for w in WORD.findall(text) if w not in ALLOWED})


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("role", ROLES)
def test_every_menu_page_reads_in_chinese_without_errors(browser, live_server, live_cast, shots, role, size):
    viewport = SIZES[size]
    context = browser.new_context(viewport=viewport, is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(page, live_server.url, role)
    page.wait_for_load_state("networkidle")
    shots(page, f"home-{role}-{size}-zh")

    links = page.eval_on_selector_all(".tw-sidebar a.tw-menu-item", "els => els.map(e => e.getAttribute('href'))")
    assert links, f"{role} has no menu"
    problems = []
    for href in links:
        errors.clear()
        response = page.goto(f"{live_server.url}{href}")
        page.wait_for_load_state("networkidle")
        if response is None or response.status != 200:
            problems.append(f"{href}: status {response.status if response else None}")
            continue
        english = _english_words(page.inner_text("main"))
        if english:
            problems.append(f"{href}: English on the Chinese page: {english[:10]}")
        if errors:
            problems.append(f"{href}: console errors: {errors[:3]}")
        if size == "phone":
            height = page.evaluate("document.documentElement.scrollHeight")
            if height > MAX_SCREENS * viewport["height"]:
                problems.append(f"{href}: {height}px tall on a phone (more than {MAX_SCREENS} screens)")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:
                problems.append(f"{href}: {width}px wide on a {viewport['width']}px phone")
    context.close()

    assert not problems, "\n".join(problems)


def test_the_walk_finds_an_english_word():
    assert _english_words("团员 Members 3 名 PDF") == ["Members"]
