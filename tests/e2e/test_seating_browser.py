"""Real browser, real server: build a hall, mark seats by clicking them, seat everyone
automatically, swap two people on the chart, undo, and print the seating chart."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.e2e


def seat(page, code: str):
    return page.locator(f'svg.seating-chart a[data-code="{code}"]')


def test_build_a_hall_seat_everyone_swap_and_print(browser, server, shots):
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở sơ đồ chỗ ngồi").click()
    expect(page.get_by_role("heading", name="Sơ đồ chỗ ngồi", exact=True)).to_be_visible()

    # build a new hall in a minute
    page.get_by_role("link", name="+ Tạo hội trường mới").click()
    page.get_by_label("Tên hội trường").fill("Hội trường Nhà văn hóa ấp Mỹ Lộc")
    page.get_by_label("Số khối ghế").fill("3")
    page.get_by_label("Số hàng mỗi khối").fill("6")
    page.get_by_label("Số ghế mỗi hàng (khối giữa)").fill("8")
    page.get_by_label("Số ghế Đoàn Chủ tịch mỗi hàng").fill("7")
    page.get_by_role("button", name="Tạo hội trường").click()
    expect(
        page.get_by_text("Đã tạo hội trường “Hội trường Nhà văn hóa ấp Mỹ Lộc” với 151 ghế")
    ).to_be_visible()

    # a pillar: click two seats (selected in place by seating.js), mark them unused
    seat(page, "B1-C-01").click()
    seat(page, "B1-C-02").click()
    expect(page.get_by_role("textbox", name="Các ghế đã chọn")).to_have_value("B1-C-01, B1-C-02")
    page.get_by_role("button", name="Đổi ghế dùng ↔ không dùng").click()
    expect(page.get_by_text("Đã đổi 2 ghế")).to_be_visible()
    expect(seat(page, "B1-C-01")).to_have_class(re.compile(r"\bseat-missing\b"))

    # seat everyone by protocol
    page.get_by_role("link", name="Xếp chỗ").click()
    page.get_by_role("button", name="Xếp chỗ tự động").click()
    expect(page.get_by_text("Đã xếp chỗ tự động cho")).to_be_visible()
    centre = seat(page, "DCT-1-4").locator("title").text_content()
    assert "Lê Quốc Hưng" in centre  # No. 1 in the centre of the Đoàn Chủ tịch
    assert "Nguyễn Văn Thạnh" in seat(page, "DCT-1-3").locator("title").text_content()

    # swap No. 1 and No. 2 on the chart: click one seat, then the other
    seat(page, "DCT-1-4").click()
    expect(page.get_by_role("heading", name="Ghế DCT-1-4")).to_be_visible()
    seat(page, "DCT-1-3").click()
    page.get_by_role("button", name="Đổi chỗ DCT-1-4 ↔ DCT-1-3").click()
    expect(page.get_by_text("Đã đổi chỗ Lê Quốc Hưng")).to_be_visible()
    assert "Lê Quốc Hưng" in seat(page, "DCT-1-3").locator("title").text_content()
    # undo from the flash message puts them back
    page.get_by_role("button", name="Hoàn tác").first.click()
    expect(page.get_by_text("Đã hoàn tác")).to_be_visible()
    page.goto(page.url.split("?")[0].split("#")[0])
    assert "Lê Quốc Hưng" in seat(page, "DCT-1-4").locator("title").text_content()
    page.screenshot(path=str(shots / "e2e-seating.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="In sơ đồ chỗ ngồi (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Sơ đồ chỗ ngồi")
    with pdfplumber.open(io.BytesIO(open(download.path(), "rb").read())) as pdf:
        text = " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())
    assert "SƠ ĐỒ CHỖ NGỒI" in text and "Hội trường Nhà văn hóa ấp Mỹ Lộc" in text
    assert "Quốc kỳ" in text and "Hưng" in text
    assert errors == []
