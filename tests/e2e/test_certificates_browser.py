"""In phôi in a real browser (issue 20): measure the name line on the layout page, add a printer
with its offset, print the certificates of one batch and read the PDF back (Playwright +
Debian's Chromium; fixtures in tests/e2e/conftest.py)."""

from __future__ import annotations

import pdfplumber
import pytest
from playwright.sync_api import expect

MM = 72 / 25.4

pytestmark = pytest.mark.e2e


def test_print_the_certificates_of_one_batch(browser, server, shots):
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở danh sách khen thưởng").click()
    page.get_by_role("link", name="In phôi bằng khen, giấy khen").click()
    expect(page.get_by_role("heading", name="In phôi bằng khen, giấy khen")).to_be_visible()

    # the layout of the xã chairman's Giấy khen: the name line measured at 40 mm from the left
    row = page.locator("tr", has_text="Giấy khen của Chủ tịch Ủy ban nhân dân xã")
    row.get_by_role("link", name="Sửa bố cục").click()
    expect(page.locator("svg.cert-preview")).to_be_visible()
    page.get_by_label("Tên tập thể / Họ và tên: cách mép trái").fill("40")
    page.get_by_label("Tên tập thể / Họ và tên: rộng").fill("217")
    page.get_by_role("button", name="Lưu bố cục").click()
    expect(page.get_by_text("Đã lưu bố cục in phôi")).to_be_visible()
    expect(page.locator("svg.cert-preview rect.cert-box").first).to_have_attribute("x", "40.0")
    page.screenshot(path=str(shots / "e2e-certificate-layout.png"), full_page=True)

    # a printer whose offset was measured on the calibration sheet
    page.get_by_role("link", name="← In phôi").click()
    page.get_by_label("Tên máy in mới").fill("Brother phòng Nội vụ")
    page.get_by_label("Lệch x của máy in mới").fill("1,5")
    page.get_by_label("Lệch y của máy in mới").fill("-2")
    page.get_by_role("button", name="+ Thêm máy in").click()
    expect(page.get_by_text("Đã lưu máy in “Brother phòng Nội vụ”")).to_be_visible()

    # print one batch of Giấy khen on that printer
    options = page.locator("#pham-vi option").all_inner_texts()
    batch = next(o for o in options if o.startswith("Đợt") and "Giấy khen" in o)
    page.locator("#pham-vi").select_option(label=batch)
    page.get_by_label("Máy in (độ lệch đã đo)").select_option(
        label="Brother phòng Nội vụ (x 1,5 mm, y -2 mm)"
    )
    page.screenshot(path=str(shots / "e2e-certificates.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Tạo tệp PDF để in lên phôi").click()
    path = download.value.path()
    count = int(batch.rsplit("(", 1)[1].split()[0])  # "… (04 cá nhân)"
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == count
        for sheet in pdf.pages:
            words = sheet.extract_words()
            name_line = [w for w in words if w["top"] < 100 * MM]
            # the name box starts at 40 mm, shifted 1,5 mm by the printer; its text is centred
            # in 217 mm, so it lies within [41,5; 258,5] mm
            assert name_line and min(w["x0"] for w in name_line) >= 41.5 * MM - 0.5
            assert max(w["x1"] for w in name_line) <= 258.5 * MM + 0.5
            assert not sheet.lines and not sheet.rects  # only the fields
    assert not problems, problems
