"""Real browser: build a programme, reorder it (buttons and drag and drop), print its PDF."""

from __future__ import annotations

import io
import os
import shutil

import pdfplumber
import pytest
from playwright.sync_api import expect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NEW_TITLE = "Giới thiệu gương điển hình & <mới>"
PRESENTER = "Nguyễn Văn A & B <C>"

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


def titles_in_order(page) -> list[str]:
    return page.locator("#agenda-table tbody .item-title").all_inner_texts()


def test_build_reorder_and_print_a_programme(browser, server, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở chương trình").click()
    expect(page.get_by_role("heading", name="Chương trình hội nghị")).to_be_visible()
    assert len(titles_in_order(page)) == 18

    # A mistake first: refused in Vietnamese, what was typed is kept.
    page.locator("#title").fill(NEW_TITLE)
    page.locator("#presenter").fill(PRESENTER)
    page.get_by_label("Thời lượng (phút)").fill("mười")
    page.get_by_role("button", name="Thêm mục").click()
    expect(page.get_by_text("không phải là số phút")).to_be_visible()
    assert page.locator("#title").input_value() == NEW_TITLE
    assert len(titles_in_order(page)) == 18

    page.get_by_label("Thời lượng (phút)").fill("10")
    page.get_by_role("button", name="Thêm mục").click()
    expect(page.get_by_text("Đã thêm mục 19")).to_be_visible()
    assert titles_in_order(page)[-1] == NEW_TITLE

    # Up with the no-script button: it goes before "Bế mạc Hội nghị".
    page.get_by_role("button", name="Chuyển mục 19 lên").click()
    expect(page.get_by_text("Đã chuyển mục 19 thành mục 18")).to_be_visible()
    assert titles_in_order(page)[-2:] == [NEW_TITLE, "Bế mạc Hội nghị"]

    # A break after item 3.
    page.get_by_role("button", name="Chèn nghỉ giải lao sau mục 3").click()
    expect(page.get_by_text("Đã chèn nghỉ giải lao 15 phút (mục 4)")).to_be_visible()
    assert titles_in_order(page)[3] == "Nghỉ giải lao"

    # Drag the new item (now 19th) onto the top half of the first row: it opens the programme.
    # Playwright's drag cannot scroll mid-drag, so the whole table is put in view first (and the
    # page reloaded without its #anchor, which the browser would scroll back to on resizing).
    programme_url = page.url.split("?")[0].split("#")[0]
    page.set_viewport_size({"width": 1366, "height": 2400})
    page.goto(programme_url)
    rows = page.locator("#agenda-table tbody tr")
    handle = rows.nth(18).locator(".drag-handle")
    expect(handle).to_be_visible()
    handle.drag_to(rows.nth(0), target_position={"x": 300, "y": 4})
    expect(page.get_by_text("Đã lưu thứ tự mới của chương trình.")).to_be_visible()
    order = titles_in_order(page)
    assert order[:2] == [NEW_TITLE, "Văn nghệ chào mừng"]
    assert order[4] == "Nghỉ giải lao" and order[-1] == "Bế mạc Hội nghị"
    first_row = page.locator("#agenda-table tbody tr").nth(0)
    expect(first_row.locator(".col-time")).to_have_text("07:30 – 07:40")

    # Undo from the flash message puts the order back as before the drag.
    page.get_by_role("button", name="Hoàn tác").first.click()
    expect(page.get_by_text("Đã hoàn tác")).to_be_visible()
    page.goto(programme_url)
    assert titles_in_order(page)[-2] == NEW_TITLE
    # … and dragging again gives the order to print.
    rows = page.locator("#agenda-table tbody tr")
    rows.nth(18).locator(".drag-handle").drag_to(rows.nth(0), target_position={"x": 300, "y": 4})
    expect(page.get_by_text("Đã lưu thứ tự mới của chương trình.")).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=str(shots / "e2e-programme.png"))

    with page.expect_download() as download_info:
        page.get_by_role("link", name="In chương trình (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Chương trình hội nghị")
    with pdfplumber.open(io.BytesIO(open(download.path(), "rb").read())) as pdf:
        text = " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())
    assert "CHƯƠNG TRÌNH" in text
    assert PRESENTER in text
    positions = [
        text.index(f"07:30 – 07:40 {NEW_TITLE}"),
        text.index("07:40 – 07:55 Văn nghệ chào mừng"),
        text.index("Tuyên bố lý do, giới thiệu đại biểu"),
        text.index("Nghỉ giải lao"),
        text.index("Bế mạc Hội nghị"),
    ]
    assert positions == sorted(positions)

    # The MC's words: start from the default wording, change it, save.
    page.get_by_role("link", name="Sửa mục 3", exact=True).click()
    expect(page.get_by_text("dùng lời mặc định")).to_be_visible()
    page.get_by_role("button", name="Chép lời mặc định vào ô để sửa").click()
    box = page.get_by_label("Lời dẫn của người dẫn chương trình")
    # item 3 is now "Tuyên bố lý do, giới thiệu đại biểu": the opening words
    assert box.input_value().startswith("Kính thưa các đồng chí lãnh đạo, các vị đại biểu")
    assert "\nHôm nay, ngày " in box.input_value()
    box.press("End")
    box.type(" Xin mời đồng chí lên bục.")
    page.get_by_role("button", name="Lưu thay đổi").click()
    expect(page.get_by_text("Đã lưu mục 3")).to_be_visible()
    expect(
        page.locator("#agenda-table tbody tr").nth(2).get_by_text("lời dẫn riêng")
    ).to_be_visible()
    assert errors == []
