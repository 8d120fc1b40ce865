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


def test_enter_on_a_typed_name_on_a_phone(browser, door):
    """A name with one match and Enter (no ↓) checks that delegate in; a name with several
    matches says so in a neutral panel and hides the previous person's card and its "Hủy"
    button — a door clerk must not read the green of a check-in or undo the wrong person."""
    base, conference_id, codes = door
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/hoi-nghi/{conference_id}/diem-danh")
    field = page.locator("#checkin-input")
    expect(field).to_be_focused()
    message = page.locator("#result-message")
    panel = page.locator("#checkin-result")
    undo = page.get_by_role("button", name="Hủy điểm danh này")

    page.keyboard.type(codes["Lê Quốc Hưng"], delay=5)
    page.keyboard.press("Enter")
    expect(message).to_contain_text("Đã điểm danh Ông Lê Quốc Hưng")
    expect(undo).to_be_visible()

    # one match ("Đặng Thị Thu Hương" typed without marks), Enter at once
    page.keyboard.type("dang thi thu huong", delay=5)
    page.keyboard.press("Enter")
    expect(message).to_contain_text("Đã điểm danh Bà Đặng Thị Thu Hương")
    expect(panel).to_have_class("panel checkin-result result-new")
    expect(page.locator("#result-name")).to_have_text("Bà Đặng Thị Thu Hương")
    expect(page.locator("#count-total")).to_have_text("02/08")

    # several matches ("nguyen": An and Ánh): neutral, no card, nothing recorded
    page.keyboard.type("nguyen", delay=5)
    page.keyboard.press("Enter")
    expect(message).to_have_text("02 đại biểu khớp với “nguyen”: chọn người đến dự.")
    expect(panel).to_have_class("panel checkin-result result-matches")
    expect(page.locator("#result-person")).to_be_hidden()
    expect(undo).to_be_hidden()
    expect(page.locator("#checkin-matches li")).to_have_count(2)
    expect(page.locator("#count-total")).to_have_text("02/08")
    # the green of a check-in is not the panel's colour
    colour = panel.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour != "rgb(238, 247, 238)"
    # tapping a suggestion checks that one in and brings the card back
    page.locator("#checkin-matches li", has_text="Nguyễn Thị Ánh").click()
    expect(message).to_contain_text("Đã điểm danh Bà Nguyễn Thị Ánh")
    expect(undo).to_be_visible()
    expect(page.locator("#count-total")).to_have_text("03/08")
    assert errors == []
    page.close()
