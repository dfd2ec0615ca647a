"""A county administrator imports members: a file with a bad row is checked and refused with the row, column
and rule shown; the corrected file is checked, confirmed, and the new member appears in the list."""

import datetime
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_walkthrough import DESKTOP, login
from tests.factories import development_number, fresh_id
from tests.sheet_files import db_counts, read_back, xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "青禾县2021年新团员名单"
HEADER = ["姓名", "身份证号码", "所在团支部", "入团年月", "团员编号"]


def upload(page, name: str, data: bytes) -> None:
    """From the people list: 导入, choose the file, 校验文件."""
    page.locator(".tw-sidebar").get_by_role("link", name="团员青年").click()
    page.get_by_role("link", name="导入", exact=True).click()
    expect(page.get_by_role("heading", name="导入团员")).to_be_visible()
    page.set_input_files("input[name=file]", {"name": name, "mimeType": XLSX, "buffer": data})
    page.get_by_role("button", name="校验文件").click()


def test_a_bad_row_is_shown_then_the_corrected_file_is_imported(page, live_server, live_cast, shots):
    good = ["周婷", fresh_id(datetime.date(2006, 8, 9), male=False), "东湖村团支部", "2021-05-04"]
    good.append(development_number(2021))
    other = fresh_id(datetime.date(2006, 3, 1), male=False)
    bad_id = other[:17] + ("1" if other[17] != "1" else "2")
    bad = ["孙悦", bad_id, "东湖村团支部", "2021-05-04", development_number(2021)]
    page.set_viewport_size(DESKTOP)
    login(page, live_server.url, "county_admin")
    before = db_counts()

    upload(page, "新团员.xlsx", xlsx([[TITLE], HEADER, good, bad]))

    status = page.get_by_test_id("job-status")
    expect(status).to_have_attribute("data-status", "succeeded")
    expect(page.get_by_test_id("count-errors")).to_have_text("1")
    expect(status.locator("thead th")).to_have_text(["行号", "列", "填写内容", "问题说明"])
    expect(status.locator("tbody tr td")).to_have_text(
        ["4", "身份证号码", bad_id, f"身份证号校验位错误：末位应为{other[17]}。"]
    )
    expect(status.locator("tbody tr td").last).to_have_attribute("title", "ID_CHECKSUM")
    expect(page.get_by_test_id("confirm-import")).to_have_count(0)
    assert db_counts() == before
    shots(page, "import-errors-desktop-zh")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载带错误说明的文件").click()
    assert download.value.suggested_filename == "错误报告-新团员.xlsx"
    report = read_back(Path(download.value.path()).read_bytes())
    [errors_sheet] = report.values()
    assert [r[:4] for r in errors_sheet[1:]] == [
        ["", 3.0, "周婷", good[1]],
        [f"身份证号码「{bad_id}」: 身份证号校验位错误：末位应为{other[17]}。 [ID_CHECKSUM]", 4.0, "孙悦", bad_id],
    ]

    # The corrected file goes in on the error page itself.
    page.get_by_test_id("reupload").locator("input[name=file]").set_input_files(
        {
            "name": "新团员-改正.xlsx",
            "mimeType": XLSX,
            "buffer": xlsx([[TITLE], HEADER, good, [*bad[:1], other, *bad[2:]]]),
        }
    )
    page.get_by_role("button", name="重新检查").click()

    expect(page.get_by_test_id("count-created")).to_have_text("2")
    expect(page.get_by_test_id("count-errors")).to_have_text("0")
    expect(page.get_by_text("所有行校验通过，尚未写入任何数据。")).to_be_visible()
    assert db_counts() == before
    shots(page, "import-check-ok-desktop-zh")
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_text("导入完成，本次变更已作为一条批量操作记录在案。")).to_be_visible()
    assert db_counts() == {
        **before,
        "people": before["people"] + 2,
        "memberships": before["memberships"] + 2,
        "batch_events": before["batch_events"] + 1,
    }

    page.locator(".tw-sidebar").get_by_role("link", name="团员青年").click()
    page.fill("#id_q", "孙悦")
    page.get_by_role("button", name="搜索", exact=True).click()
    rows = page.get_by_test_id("person-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("孙悦")
    expect(rows.first).to_contain_text("东湖村团支部")
    expect(page).to_have_url(re.compile(r"/people/\?"))
