"""The tasks part in a real browser: add a task, tick one done, download the per-unit PDF."""

from __future__ import annotations

import io
import os
import shutil

import pdfplumber
import pytest
from playwright.sync_api import expect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
UNIT = "Phòng A & B <C>"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def test_add_a_task_tick_one_done_and_download_the_unit_sheets(browser, server, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở phân công nhiệm vụ").click()
    expect(page.get_by_role("heading", name="Phân công nhiệm vụ", exact=True)).to_be_visible()
    rows_before = page.locator("table.tasks-table tbody tr").count()

    # A first try with a negative number of days: refused in Vietnamese, what was typed kept.
    page.get_by_role("link", name="+ Thêm nhiệm vụ").click()
    page.get_by_label("Nội dung công việc").fill("In và đóng khung Giấy khen & <Bằng khen>")
    page.get_by_label("Đơn vị chủ trì").fill(UNIT)
    page.get_by_label("Đơn vị phối hợp").fill("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân")
    page.get_by_label("Số ngày trước ngày tổ chức").fill("-2")
    page.get_by_role("button", name="Thêm nhiệm vụ", exact=True).click()
    expect(page.get_by_text("Số ngày không được âm")).to_be_visible()
    assert page.get_by_label("Đơn vị chủ trì").input_value() == UNIT

    page.get_by_label("Số ngày trước ngày tổ chức").fill("4")
    page.get_by_role("button", name="Thêm nhiệm vụ", exact=True).click()
    expect(page.get_by_text("Đã thêm nhiệm vụ số")).to_be_visible()
    rows = page.locator("table.tasks-table tbody tr")
    expect(rows).to_have_count(rows_before + 1)
    new_row = rows.last
    expect(new_row).to_contain_text("In và đóng khung Giấy khen & <Bằng khen>")
    expect(new_row).to_contain_text(UNIT)
    expect(new_row).to_contain_text("Trước 04 ngày")

    # One click marks it done; the pressed button and the summary follow.
    done_before = page.locator(".glance-done .glance-count").inner_text()
    new_row.get_by_role("button", name="Xong").click()
    expect(page.get_by_text("Xong.", exact=False).first).to_be_visible()
    row = page.locator("table.tasks-table tbody tr").last
    expect(row.locator("[aria-pressed=true]")).to_have_text("Xong")
    assert page.locator(".glance-done .glance-count").inner_text() != done_before

    with page.expect_download() as download_info:
        page.get_by_role("link", name="In phân công theo đơn vị (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Phân công nhiệm vụ")
    with pdfplumber.open(io.BytesIO(open(download.path(), "rb").read())) as pdf:
        sheet = next(p for p in pdf.pages if f"Đơn vị: {UNIT}" in (p.extract_text() or ""))
        first_table = sheet.extract_tables()[0]
    row = [" ".join((cell or "").split()) for cell in first_table[1]]
    assert row[1] == "In và đóng khung Giấy khen & <Bằng khen>"
    assert row[2] == "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"
    assert row[3].endswith("(trước 04 ngày tổ chức Hội nghị)")
    page.screenshot(path=str(shots / "e2e-tasks.png"))
