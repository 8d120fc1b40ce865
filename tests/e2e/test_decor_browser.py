"""Real browser, real server: open the decoration checklist, tick items, print it, and look at the
backdrop drawing."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.e2e


def checklist_rows(data: bytes) -> dict[str, list[str]]:
    rows = {}
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            for table in page.extract_tables():
                for row in table:
                    cells = [" ".join((cell or "").split()) for cell in row]
                    if cells[1].isdigit():
                        rows[cells[1]] = cells
    return rows


def test_tick_items_on_the_checklist_then_print_it(browser, server, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở bảng kiểm trang trí").click()
    expect(page.get_by_role("heading", name="Trang trí khánh tiết")).to_be_visible()
    expect(page.get_by_text("3/11")).to_be_visible()

    # ticking a box saves at once (decor.js); the page comes back with Hoàn tác
    box = page.get_by_label("Đã xong: 5. Hoa trang trí sân khấu và bục phát biểu")
    expect(box).not_to_be_checked()
    box.check()
    expect(page.get_by_text("Đã đánh dấu xong: “Hoa trang trí sân khấu")).to_be_visible()
    expect(page.get_by_label("Đã xong: 5. Hoa trang trí sân khấu và bục phát biểu")).to_be_checked()
    page.get_by_label("Đã xong: 9. Cờ chuỗi").check()
    expect(page.get_by_text("Đã đánh dấu xong: “Cờ chuỗi”.")).to_be_visible()
    expect(page.get_by_text("5/11")).to_be_visible()
    assert page.locator("#muc-9, tr.is-done").count() >= 5
    page.screenshot(path=str(shots / "e2e-decor-checklist.png"))

    # un-tick one, then take it back with Hoàn tác
    page.get_by_label("Đã xong: 9. Cờ chuỗi").uncheck()
    expect(page.get_by_text("Đã đánh dấu chưa xong: “Cờ chuỗi”.")).to_be_visible()
    page.get_by_role("button", name="Hoàn tác").click()  # back on the checklist
    expect(page.get_by_text("Đã hoàn tác")).to_be_visible()
    expect(page.get_by_label("Đã xong: 9. Cờ chuỗi")).to_be_checked()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="In bảng kiểm (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Bảng kiểm trang trí khánh tiết")
    rows = checklist_rows(open(download.path(), "rb").read())
    assert rows["5"][0] == "Đã xong"
    assert rows["5"][2].startswith("Hoa trang trí sân khấu")
    assert rows["9"][0] == "Đã xong" and rows["9"][2] == "Cờ chuỗi 2 dây"
    assert rows["10"][0] == "Chưa làm"
    assert problems == []


def test_backdrop_size_changes_the_drawing(browser, server, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở bảng kiểm trang trí").click()
    page.get_by_role("link", name="Phông sân khấu, băng chào mừng").click()
    drawing = page.get_by_role("img", name="Phác thảo phông sân khấu")
    expect(drawing).to_be_visible()
    flag = page.locator("svg.backdrop-svg rect.flag").bounding_box()
    box = page.locator("svg.backdrop-svg rect[data-label='Phông sân khấu']").bounding_box()
    assert flag["x"] + flag["width"] / 2 < box["x"] + box["width"] / 2

    page.get_by_label("Chiều rộng phông (m)").fill("100")
    page.get_by_role("button", name="Lưu phông").click()
    expect(page.get_by_text("Chiều rộng phông phải từ 2 đến 50 m.")).to_be_visible()
    page.get_by_label("Chiều rộng phông (m)").fill("14,5")
    page.get_by_role("button", name="Lưu phông").click()
    expect(page.get_by_text("Đã lưu phông sân khấu.")).to_be_visible()
    expect(page.get_by_text("Phông 14,5 m × 4,0 m", exact=True)).to_be_visible()
    page.screenshot(path=str(shots / "e2e-decor-backdrop.png"))
