"""Real browser, real server: a budget over the funds available is a blocking problem on
"Kiểm tra trước khi trình ký"; its "Sửa" link opens the form, the fix makes the count drop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.e2e


def blocking_count(page) -> int:
    """The number in the verdict box ("2 lỗi chặn"); 0 when it says there is none."""
    text = page.locator(".check-verdict .check-count").inner_text()
    match = re.search(r"(\d+) lỗi chặn", text)
    return int(match.group(1)) if match else 0


def test_follow_a_blocking_problem_fix_it_and_see_the_count_drop(browser, server, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.goto(server + "/")
    page.get_by_role("button", name="Xem thử với hội nghị mẫu").click()
    dashboard = page.url

    # the demo: nothing blocks
    page.get_by_role("link", name="Kiểm tra trước khi trình ký").click()
    expect(page.get_by_role("heading", name="Kiểm tra trước khi trình ký")).to_be_visible()
    before = blocking_count(page)
    budget_blocking = page.locator('section[aria-labelledby="part-budget"] li.check-block')
    budget_before = budget_blocking.count()

    # the officer types a funding source smaller than the estimate
    page.goto(dashboard)
    page.get_by_role("link", name="Mở dự toán").click()
    page.get_by_role("link", name="Sửa thiết lập").click()
    page.get_by_label("Số tiền có trong nguồn kinh phí (đồng)").fill("1.000.000")
    page.get_by_role("button", name="Lưu thiết lập").click()

    page.goto(dashboard)
    expect(page.locator(".check-dashboard")).to_contain_text(f"còn {before + 1} lỗi chặn")
    page.get_by_role("link", name="Kiểm tra trước khi trình ký").click()
    assert blocking_count(page) == before + 1
    expect(budget_blocking).to_have_count(budget_before + 1)
    blocking = budget_blocking.last if budget_before else budget_blocking
    expect(blocking.locator(".check-severity")).to_have_text("Chặn")
    expect(blocking).to_contain_text("Dự toán kinh phí tổ chức Hội nghị")
    page.screenshot(path=str(shots / "e2e-checks.png"))

    # its link ("Sửa", or the part's own words) opens the page that fixes it
    blocking.locator("a.check-fix").click()
    page.wait_for_url(lambda url: "/kiem-tra" not in url)
    amount = page.get_by_label("Số tiền có trong nguồn kinh phí (đồng)")
    if not amount.count():  # the rule links to the estimate: its settings are one click away
        page.get_by_role("link", name="Sửa thiết lập").click()
    amount.fill("500.000.000")
    page.get_by_role("button", name="Lưu thiết lập").click()

    page.goto(dashboard)
    page.get_by_role("link", name="Kiểm tra trước khi trình ký").click()
    assert blocking_count(page) == before
    expect(budget_blocking).to_have_count(budget_before)
    assert problems == []
