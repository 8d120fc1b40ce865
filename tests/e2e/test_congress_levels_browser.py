"""Issue 17: a Đại hội các cấp plan in a real browser — created from its kind, its levels
replaced by two with quarters, the plan printed (PDF read with pdfplumber)."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_congress_plan_with_two_levels_by_quarter_prints(browser, server):
    page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page.goto(server + "/")
    page.get_by_role("link", name="+ Tạo hội nghị mới").click()
    page.locator("a.preset-card[href$='/dai_hoi.tinh']").click()
    page.get_by_label("Tỉnh, thành phố").select_option(value="Tây Ninh")
    expect(page.locator("#unit_pick option[value='tinh|Tây Ninh']")).to_have_count(1)
    page.get_by_label("Đơn vị tổ chức", exact=True).select_option(value="tinh|Tây Ninh")
    page.get_by_label("Tên cơ quan ban hành").fill("Ủy ban nhân dân tỉnh Tây Ninh")
    page.get_by_label("Địa danh").fill("Tây Ninh")
    page.get_by_label("Số đại biểu dự kiến").fill("350")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn A")
    page.get_by_role("button", name="Tạo hội nghị").click()
    expect(page.get_by_text("Đã tạo hội nghị")).to_be_visible()

    page.goto(page.url.split("?")[0].split("#")[0].rstrip("/") + "/ke-hoach/cac-cap")
    # the kind brought its three levels: remove them, then enter two of our own
    for _ in range(3):
        page.get_by_role("button", name="Xóa").first.click()
        expect(page.get_by_text("Đã lưu: xóa một cấp")).to_be_visible()
    expect(page.get_by_text("Chưa có cấp nào.")).to_be_visible()
    for name, form, quarter in (
        ("Đối với các xã, phường", "Tổ chức “Hội nghị tuyên dương điển hình tiên tiến”", "1"),
        ("Đối với các sở, ban, ngành", "Tổ chức “Đại hội Thi đua yêu nước”", "2"),
    ):
        add = page.locator("#them-cap")
        add.get_by_label("Tên cấp", exact=True).fill(name)
        add.get_by_label("Hình thức", exact=True).fill(form)
        add.get_by_label("Số lượng đại biểu (số, hoặc ghi bằng lời)").fill("120")
        add.get_by_label("Thời lượng").fill("1/2 ngày")
        add.get_by_label("Quý", exact=True).select_option(value=quarter)
        add.get_by_label("Năm", exact=True).fill("2030")
        add.get_by_role("button", name="Thêm cấp").click()
        expect(page.get_by_text("Đã thêm cấp.")).to_be_visible()
    # a quarter without a year is refused in Vietnamese, nothing saved
    add = page.locator("#them-cap")
    add.get_by_label("Tên cấp", exact=True).fill("Cấp thiếu năm")
    add.get_by_label("Quý", exact=True).select_option(value="3")
    add.get_by_role("button", name="Thêm cấp").click()
    expect(page.get_by_text("Có quý thì cần ghi năm")).to_be_visible()
    page.get_by_label("Lần thứ (số, ví dụ 8 — in là “lần thứ VIII”)").fill("7")
    page.get_by_role("button", name="Lưu lần thứ").click()
    expect(page.get_by_text("Đã lưu lần thứ của Đại hội.")).to_be_visible()

    page.get_by_role("link", name="← Kế hoạch").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF").click()
    data = open(download_info.value.path(), "rb").read()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "II. NỘI DUNG VÀ CÁC BƯỚC TIẾN HÀNH" in text
    assert "lần thứ VII" in text  # the ordinal, in Roman numerals
    assert "2.1. Đối với các xã, phường" in text
    assert "2.2. Đối với các sở, ban, ngành" in text
    assert "- Thời gian tổ chức: 1/2 ngày, trong Quý I năm 2030." in text
    assert "- Thời gian tổ chức: 1/2 ngày, trong Quý II năm 2030." in text
    assert "- Số lượng đại biểu: 120 đại biểu." in text
    assert "Cấp thiếu năm" not in text
    # no thành phần, kinh phí or decoration forced into this kind's plan
    assert "THÀNH PHẦN ĐẠI BIỂU" not in text and "KINH PHÍ" not in text
