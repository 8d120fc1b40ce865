"""Real browser on a phone-sized window: the usher checks in three delegates by their typed
codes (as a USB scanner types them: the code, then Enter) and one by a name typed without
marks (↓ and Enter on the list), scans one twice, undoes one with the keyboard, and reads the
count and the MC's line."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kehoach_app import create_app
from kehoach_app.db import db
from tests.checkin.conftest import codes_of, make_small_conference
from tests.server import running_server

pytestmark = pytest.mark.e2e


@pytest.fixture()
def door(tmp_path):
    data_dir = tmp_path / "data"
    app = create_app({"TESTING": True}, data_dir=data_dir)
    with app.app_context():
        conference_id = make_small_conference()
        codes = codes_of(conference_id)
        db.session.remove()
        db.engine.dispose()
    with running_server(data_dir) as (base, _process):
        yield base, conference_id, codes


def test_check_in_at_the_door_with_the_keyboard_only(browser, door):
    base, conference_id, codes = door
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/hoi-nghi/{conference_id}/diem-danh")
    field = page.locator("#checkin-input")
    expect(field).to_be_focused()
    page.locator("#checkin-point").fill("Cửa chính")
    field.focus()
    message = page.locator("#result-message")

    def scan(code: str) -> None:
        page.keyboard.type(code.lower(), delay=5)  # as a scanner: fast, then Enter
        page.keyboard.press("Enter")

    for name in ("Lê Quốc Hưng", "Đặng Thị Thu Hương", "Hồ Sỹ Khải"):
        scan(codes[name])
        expect(message).to_contain_text(f"Đã điểm danh {'Bà' if 'Thị' in name else 'Ông'} {name}")
        expect(page.locator("#result-group")).to_have_text(
            "Lãnh đạo tỉnh" if name != "Hồ Sỹ Khải" else "Đại biểu xã"
        )
        expect(page.locator("#result-seat")).to_have_text("Chưa xếp chỗ")
        expect(field).to_be_focused()
        expect(field).to_have_value("")
    expect(page.locator("#count-total")).to_have_text("03/08")

    # a name typed without marks: the list shows, ↓ chooses, Enter checks in
    page.keyboard.type("nguyen van an", delay=20)
    option = page.locator("#checkin-matches li")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("Ông Nguyễn Văn An")
    page.keyboard.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(message).to_contain_text("Đã điểm danh Ông Nguyễn Văn An")
    expect(page.locator("#result-role")).to_have_text("Chủ tịch Ủy ban nhân dân xã Tân Hòa")
    expect(page.locator("#count-total")).to_have_text("04/08")

    # the same invitation scanned twice
    scan(codes["Lê Quốc Hưng"])
    expect(message).to_contain_text("Ông Lê Quốc Hưng đã điểm danh lúc")
    expect(message).to_contain_text("tại Cửa chính")
    expect(page.locator("#checkin-result")).to_have_class("panel checkin-result result-again")
    expect(page.locator("#count-total")).to_have_text("04/08")

    # a wrong check-in undone with the keyboard (Tab to the button, Enter)
    scan(codes["Đặng Thị Thu Hương"])  # shows her again; undo her
    expect(message).to_contain_text("Bà Đặng Thị Thu Hương đã điểm danh lúc")
    undo = page.get_by_role("button", name="Hủy điểm danh này")
    for _ in range(10):
        if undo.evaluate("button => document.activeElement === button"):
            break
        page.keyboard.press("Tab")
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")
    expect(message).to_have_text("Đã hủy điểm danh của Bà Đặng Thị Thu Hương.")

    # the count and the MC's line, read from the page
    expect(page.locator("#count-total")).to_have_text("03/08")
    expect(page.locator("#mc-line")).to_have_text("Hội nghị có mặt 03/08 đại biểu được triệu tập.")
    expect(page.locator("#count-groups tr")).to_have_text(["Lãnh đạo tỉnh01/03",
                                                            "Đại biểu xã02/05"])  # fmt: skip
    expect(field).to_be_focused()  # back in the input after the undo
    # an unknown code is said, and nothing is counted
    scan("BBBBBB")
    expect(message).to_contain_text("Mã BBBBBB không thuộc đại biểu nào")
    expect(page.locator("#count-total")).to_have_text("03/08")
    # fits a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert errors == []
    page.close()
