"""Awards in a real browser: plan the ceremony, then step through the LED display with the
keyboard, on a 16:9 screen and on a wide LED wall (Playwright + Debian's Chromium)."""

from __future__ import annotations

import os
import shutil

import pytest
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium")

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM or not os.path.exists(CHROMIUM):
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


def _visible_slide(page):
    return page.locator(".led-slide.is-current")


def test_plan_the_ceremony_and_step_through_the_led_display(browser, server, shots):
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    page.get_by_role("link", name="Mở danh sách khen thưởng").click()
    expect(page.get_by_role("heading", name="Khen thưởng", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Tiền thưởng theo hình thức")).to_be_visible()
    page.screenshot(path=str(shots / "e2e-awards.png"), full_page=True)

    # Plan the ceremony: 6 to a batch, a break after the provincial awards.
    page.get_by_role("link", name="Kế hoạch trao thưởng (chia đợt, người trao)").click()
    page.get_by_label("Số người mỗi đợt (tối đa)").fill("6")
    page.get_by_label("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh").check()
    page.get_by_role("button", name="Lưu cách chia đợt").click()
    expect(page.get_by_text("Đã lưu cách chia đợt trao thưởng;")).to_be_visible()
    expect(page.locator("#dot-8")).to_be_visible()  # 1+1+1+1+1+1+2 batches
    expect(page.locator("#dot-9")).to_have_count(0)
    expect(page.locator(".break-card")).to_have_count(2)  # the demo's own break, and this one
    # Batch 2 gets a presenter typed by hand.
    batch = page.locator("#dot-2")
    batch.get_by_text("Đổi người trao, nhạc, ghi chú").click()
    batch.get_by_label("Người trao").fill("Trần Văn Khách, Phó Chủ tịch Ủy ban nhân dân tỉnh")
    batch.get_by_role("button", name="Lưu đợt 2").click()
    expect(page.get_by_text("Đã lưu đợt 2.")).to_be_visible()
    expect(page.locator("#dot-2")).to_contain_text("Trần Văn Khách, Phó Chủ tịch")
    page.screenshot(path=str(shots / "e2e-awards-ceremony.png"), full_page=True)
    led_url = page.get_by_role("link", name="Mở màn hình LED ↗").get_attribute("href")

    # The LED display on a 1920×1080 screen, driven by the keyboard.
    led = browser.new_page(viewport={"width": 1920, "height": 1080})
    led.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    led.on("pageerror", lambda e: problems.append(str(e)))
    led.goto(server + led_url)
    slide = _visible_slide(led)
    expect(slide).to_have_count(1)
    expect(slide.locator(".led-heading")).to_have_text("Bằng khen của Thủ tướng Chính phủ")
    expect(slide).to_contain_text("Lê Thị Ngọc Hân")
    led.keyboard.press("ArrowRight")
    led.keyboard.press("ArrowRight")
    slide = _visible_slide(led)
    expect(slide.locator(".led-heading")).to_have_text(
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh"
    )
    expect(slide.locator(".led-sub")).to_have_text("Đợt 3 · Cá nhân")
    for name in ("Trần Văn Đức", "Nguyễn Thị Kiều Oanh", "Võ Hoàng Yến", "Ngô Thị Diễm Phương"):
        expect(slide).to_contain_text(name)
    expect(slide).not_to_contain_text("Lê Thị Ngọc Hân")
    expect(led.locator(".led-slide:visible")).to_have_count(1)  # batch 1 is no longer shown
    led.screenshot(path=str(shots / "e2e-led-1920x1080.png"))
    led.keyboard.press("ArrowLeft")
    slide = _visible_slide(led)
    expect(slide.locator(".led-sub")).to_have_text("Đợt 2 · Tập thể")
    expect(slide).to_contain_text("Trường Tiểu học Tân Hòa")
    # A presenter remote sends PageDown / PageUp; End and Home jump.
    led.keyboard.press("PageDown")
    expect(_visible_slide(led).locator(".led-sub")).to_have_text("Đợt 3 · Cá nhân")
    led.keyboard.press("End")
    expect(_visible_slide(led).locator(".led-sub")).to_have_text("Đợt 8 · Cá nhân")
    led.keyboard.press("Home")
    expect(_visible_slide(led).locator(".led-sub")).to_have_text("Đợt 1 · Cá nhân")
    # One name at a time (T), then back to whole batches.
    led.keyboard.press("ArrowRight")
    led.keyboard.press("t")
    slide = _visible_slide(led)
    expect(slide.locator(".led-name")).to_have_count(1)
    expect(slide).to_contain_text("Trường Tiểu học Tân Hòa")
    led.keyboard.press(" ")
    expect(_visible_slide(led)).to_contain_text("Trạm Y tế xã Tân Hòa")
    led.keyboard.press("t")
    expect(_visible_slide(led).locator(".led-sub")).to_have_text("Đợt 2 · Tập thể")

    # The same page on a wide LED wall: the largest batch fits without overflowing.
    wide = browser.new_page(viewport={"width": 3840, "height": 720})
    wide.on("pageerror", lambda e: problems.append(str(e)))
    wide.goto(server + led_url + "#dot-6")
    slide = _visible_slide(wide)
    expect(slide.locator(".led-sub")).to_have_text("Đợt 6 · Tập thể")
    overflow = slide.evaluate(
        "s => s.scrollHeight > s.clientHeight + 1 || "
        "Array.from(s.querySelectorAll('.led-name')).some(n => n.scrollWidth > n.clientWidth + 1)"
    )
    assert not overflow
    wide.screenshot(path=str(shots / "e2e-led-3840x720.png"))
    assert not problems, problems  # no script error, no CSP refusal
