"""Real-browser tests: Playwright driving Debian's headless Chromium against the real server."""

from __future__ import annotations

import io
import os
import shutil

import pdfplumber
import pytest
from playwright.sync_api import expect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

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
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def test_new_user_creates_a_conference_from_a_preset_and_downloads_its_pdf(browser, server, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page.goto(server + "/")
    page.get_by_role("link", name="+ Tạo hội nghị mới").click()
    page.locator("a.preset-card[href$='/tong_ket.xa']").click()

    # The organiser from the official list (the unit's own issuer text is typed over below).
    page.get_by_label("Tỉnh, thành phố").select_option(value="Tây Ninh")
    # the script offers the province's units in one drop-down (the list comes from the server)
    expect(page.locator("#unit_pick option[value='xa|Tân Hòa']")).to_have_count(1)
    page.get_by_label("Đơn vị tổ chức", exact=True).select_option(value="xa|Tân Hòa")
    assert page.locator("#unit_type").input_value() == "xa"
    assert page.locator("#unit_name").input_value() == "Tân Hòa"
    # A first try with mistakes: the form refuses them in Vietnamese and keeps what was typed.
    page.get_by_label("Tên cơ quan ban hành").fill("Ủy ban nhân dân xã Hòa Bình & <Phú Mỹ>")
    page.get_by_label("Địa danh").fill("Hòa Bình")
    page.get_by_label("Giờ bắt đầu").fill("25:00")
    page.get_by_label("Số đại biểu dự kiến").fill("0")
    page.get_by_role("button", name="Tạo hội nghị").click()
    expect(page.get_by_text("Số đại biểu phải từ 1 đến 10.000.")).to_be_visible()
    assert page.get_by_label("Giờ bắt đầu").input_value() == "25:00"
    assert page.get_by_label("Tên cơ quan ban hành").input_value() == (
        "Ủy ban nhân dân xã Hòa Bình & <Phú Mỹ>"
    )

    page.get_by_label("Giờ bắt đầu").fill("7h30")
    page.get_by_label("Số đại biểu dự kiến").fill("150")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn A & B <C>")
    page.get_by_role("button", name="Tạo hội nghị").click()
    expect(page.get_by_text("Đã tạo hội nghị")).to_be_visible()
    expect(page.get_by_role("heading", name="Thông tin chung")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="In thông tin hội nghị (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Thông tin hội nghị")
    data = open(download.path(), "rb").read()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "THÔNG TIN HỘI NGHỊ" in text
    assert "Nguyễn Văn A & B <C>" in text
    # An internal fact sheet: the organiser is a fact row, as typed (escaped, not markup).
    assert "Ủy ban nhân dân xã Hòa Bình & <Phú Mỹ>" in " ".join(text.split())
    assert "07 giờ 30" in text
    page.screenshot(path=str(shots / "e2e-dashboard.png"))


def test_delete_and_undo_from_the_flash_message(browser, server):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    title = page.locator("h1").inner_text()
    page.get_by_role("link", name="Xóa").click()
    page.get_by_role("button", name="Chuyển vào thùng rác").click()
    expect(page.get_by_text("vào thùng rác")).to_be_visible()
    page.get_by_role("button", name="Hoàn tác").click()
    expect(page.get_by_text("Đã khôi phục")).to_be_visible()
    assert page.locator("h1").inner_text() == title


def test_keyboard_only_edit(browser, server):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Sửa thông tin").first.click()
    page.get_by_label("Địa chỉ").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Số 1 Lê Lợi")
    page.keyboard.press("Enter")  # submits the form
    expect(page.get_by_text("Đã lưu thông tin hội nghị.")).to_be_visible()
    page.get_by_role("button", name="Hoàn tác").first.click()
    expect(page.get_by_text("Đã hoàn tác")).to_be_visible()
