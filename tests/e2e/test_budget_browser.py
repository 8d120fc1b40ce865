"""Real browser, real server: open the demo's budget, add a line above its norm, see the warning,
and download the estimate as an Excel workbook with live formulas."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.e2e


def test_add_a_line_see_the_norm_warning_and_download_the_workbook(browser, server, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở dự toán").click()
    expect(page.get_by_role("heading", name="Dự toán kinh phí", exact=True)).to_be_visible()
    expect(page.get_by_text("Bằng chữ", exact=True)).to_be_visible()

    page.get_by_role("link", name="+ Thêm dòng").click()
    page.get_by_label("Mục chi").select_option("nuoc_uong")
    page.get_by_label("Nội dung").fill("Nước uống cho phóng viên, khách mời")
    page.get_by_label("Đơn vị tính").fill("người/ngày")
    page.get_by_label("Số lượng").fill("10")
    page.get_by_label("Đơn giá (đồng)").fill("45.000")
    page.get_by_role("button", name="Thêm dòng").click()

    expect(page.get_by_text("Đã thêm dòng “Nước uống cho phóng viên, khách mời”.")).to_be_visible()
    expect(page.get_by_role("button", name="Hoàn tác")).to_be_visible()
    row = page.locator("tr.budget-line", has_text="Nước uống cho phóng viên, khách mời")
    expect(row).to_contain_text("450.000")
    expect(row.locator(".budget-warning")).to_contain_text("Vượt định mức 30.000 đ/người/ngày")
    page.screenshot(path=str(shots / "e2e-budget.png"))

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Bảng tính Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Dự toán kinh phí tổ chức Hội nghị")
    assert download.suggested_filename.endswith(".xlsx")
    ws = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    r = rows["Nước uống cho phóng viên, khách mời"]
    assert ws.cell(r, 4).value == 10 and ws.cell(r, 5).value == 45_000
    assert ws.cell(r, 6).value == f"=ROUND(D{r}*E{r},0)"
    assert str(ws.cell(rows["TỔNG CỘNG"], 6).value).startswith("=SUM(")
    assert problems == []
