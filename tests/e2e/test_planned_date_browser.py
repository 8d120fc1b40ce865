"""Issue 17 (a new user's walk): the conference form shows only the planned-date boxes of the
chosen "Thời gian tổ chức" (static/js/planned_date.js); what was typed in a hidden box stays."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_only_the_boxes_of_the_chosen_kind_are_shown(browser, server):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server + "/hoi-nghi/moi/tong_ket.tinh")
    kind = page.get_by_label("Thời gian tổ chức")
    boxes = {
        "date": page.locator("#date"),
        "date_other": page.locator("#date_other"),
        "date_month": page.locator("#date_month"),
        "month_part": page.locator("#month_part"),
        "date_quarter": page.locator("#date_quarter"),
        "date_year": page.locator("#date_year"),
    }
    shown = {
        "exact": {"date"},
        "either": {"date", "date_other"},
        "month_part": {"date_month", "month_part"},
        "quarter": {"date_quarter", "date_year"},
    }
    for value in ("exact", "either", "month_part", "quarter", "either"):
        kind.select_option(value=value)
        for name, box in boxes.items():
            if name in shown[value]:
                expect(box).to_be_visible()
            else:
                expect(box).to_be_hidden()
    # a day typed, hidden by another kind, is still there when the kind comes back
    page.locator("#date_other").fill("16/01/2027")
    kind.select_option(value="quarter")
    expect(page.locator("#date_other")).to_be_hidden()
    kind.select_option(value="either")
    expect(page.locator("#date_other")).to_have_value("16/01/2027")
    # the hints' examples are in the form's year, not a past one
    expect(page.get_by_text("19/01/2024")).to_have_count(0)
