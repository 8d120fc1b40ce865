"""Real browser: an officer imports a delegate list from Excel (one bad row is reported, the file
is fixed and imported), finds the new people, prints their invitations and marks them sent."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from playwright.sync_api import expect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.e2e

GROUP = "Đại diện tập thể, cá nhân được khen thưởng"  # a group of the demo's preset (tong_ket.xa)
MARKUP_NAME = "Ngô Thị Ẩn & <Bé>"


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


def delegate_file(path: Path, phone_of_second: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Danh xưng", "Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Thứ tự lễ tân",
                  "Đoàn Chủ tịch", "Điện thoại", "Ghi chú"])  # fmt: skip
    sheet.append(["Bà", MARKUP_NAME, "Tổ trưởng", "Tổ may Ấp Mỹ Lộc", GROUP, None, None,
                  "0912 111 222", ""])  # fmt: skip
    sheet.append(["Ông", "Khúc Văn Hưởng", "Xã viên", "Hợp tác xã Tân Phú", GROUP, None, None,
                  phone_of_second, ""])  # fmt: skip
    sheet.append(["Ông", "Ninh Quang Vũ", "Đội trưởng", "Đội Dân phòng ấp Hòa Long", GROUP,
                  None, None, "+84 933 444 555", ""])  # fmt: skip
    book.save(path)
    return path


def test_import_a_delegate_list_fix_it_print_invitations(browser, server, tmp_path, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở danh sách đại biểu").click()
    expect(page.get_by_role("heading", name="Đại biểu", exact=True)).to_be_visible()

    # The first file has a mistake in row 3: nothing is imported, the problem says where.
    page.get_by_role("link", name="Nhập từ Excel").first.click()
    page.get_by_label("Tệp Excel danh sách đại biểu").set_input_files(
        str(delegate_file(tmp_path / "dai-bieu.xlsx", phone_of_second="0912 34"))
    )
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_text("có 1 lỗi — chưa nhập đại biểu nào")).to_be_visible()
    expect(
        page.get_by_text("Dòng 3, cột Điện thoại (H): Số điện thoại “0912 34” không hợp lệ")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Nhập", exact=False)).to_have_count(0)
    page.screenshot(path=str(shots / "e2e-delegates-import-problem.png"), full_page=True)

    # Fixed and chosen again: the preview lists the three, and Nhập saves them all.
    page.get_by_label("Tệp Excel danh sách đại biểu").set_input_files(
        str(delegate_file(tmp_path / "dai-bieu-da-sua.xlsx", phone_of_second="0912.345.678"))
    )
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_text("Xem trước: 3 đại biểu sẽ được nhập")).to_be_visible()
    expect(page.get_by_text(MARKUP_NAME)).to_be_visible()
    page.screenshot(path=str(shots / "e2e-delegates-import-preview.png"), full_page=True)
    page.get_by_role("button", name="Nhập 3 đại biểu").click()
    expect(page.get_by_text("Đã nhập 3 đại biểu từ tệp Excel.")).to_be_visible()

    # Found without Vietnamese marks; two of them selected and their invitations printed.
    page.get_by_label("Tìm theo tên, đơn vị, chức vụ").fill("ngo thi an")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("table.delegates").get_by_text(MARKUP_NAME)).to_be_visible()
    expect(page.locator("table.delegates").get_by_text("Khúc Văn Hưởng")).to_have_count(0)
    page.get_by_label("Tìm theo tên, đơn vị, chức vụ").fill("khuc van huong")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("table.delegates tbody tr")).to_have_count(1)
    page.get_by_label("Tìm theo tên, đơn vị, chức vụ").fill("")
    page.get_by_label("Thành phần", exact=True).select_option(label=f"9. {GROUP}")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_label(f"Chọn {MARKUP_NAME}").check()
    page.get_by_label("Chọn Khúc Văn Hưởng").check()
    expect(page.get_by_text("· đã chọn 2")).to_be_visible()  # delegates.js counts the ticks
    page.screenshot(path=str(shots / "e2e-delegates-selected.png"))
    page.get_by_role("button", name="In giấy mời…").click()
    expect(page.get_by_role("heading", name="2 đại biểu đã chọn: 2 người")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải giấy mời (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("Giấy mời")
    data = Path(download.path()).read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        assert len(pdf.pages) == 2
    assert MARKUP_NAME in text and "Khúc Văn Hưởng" in text
    assert "Ninh Quang Vũ" not in text

    # After printing: the invitations are marked as sent today, and that can be undone.
    page.get_by_role("button", name="Đánh dấu đã gửi giấy mời hôm nay").click()
    expect(page.get_by_text("Đã ghi ngày gửi giấy mời")).to_be_visible()
    expect(page.get_by_text("cho 2 đại biểu.")).to_be_visible()
    page.screenshot(path=str(shots / "e2e-delegates-marked.png"))
    page.get_by_role("button", name="Hoàn tác").click()
    expect(page.get_by_text("Đã hoàn tác")).to_be_visible()


def test_select_all_and_bulk_reply_with_the_keyboard(browser, server):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.goto(page.url + "/dai-bieu?phan_hoi=pending")
    rows = page.locator("table.delegates tbody tr")
    pending = rows.count()
    assert pending > 5
    page.get_by_label("Chọn tất cả các dòng trên trang này").check()
    expect(page.get_by_text(f"· đã chọn {pending}")).to_be_visible()
    page.get_by_label("Ghi phản hồi").select_option(label="Tham dự")
    page.get_by_role("button", name="Áp dụng").click()
    expect(page.get_by_text(f"Đã ghi phản hồi “Tham dự” cho {pending} đại biểu.")).to_be_visible()
    expect(page.get_by_text("Không có đại biểu nào khớp điều kiện lọc.")).to_be_visible()
