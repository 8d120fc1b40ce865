"""A Đại hội Thi đua yêu nước reviews a five-year period (seed 004: "giai đoạn 2020-2025"):
the new-conference form of that kind offers the period's ends, not "năm tổng kết 2026 / năm
phát động 2027" (the signer's review printed "giai đoạn 2026 - 2027" for a five-year congress)."""

from __future__ import annotations

import re

from kehoach_app.conferences.presetting import congress_period


def test_the_period_ends_in_the_next_congress_year():
    assert congress_period(2027) == (2025, 2030)
    assert congress_period(2025) == (2020, 2025)
    assert congress_period(2021) == (2020, 2025)


def test_the_new_form_of_a_congress_offers_a_five_year_period(client):
    html = client.get("/hoi-nghi/moi/dai_hoi.tinh").get_data(as_text=True)
    assert "Giai đoạn: từ năm" in html and "Đến năm (năm Đại hội)" in html
    reviewed = re.search(r'name="year_reviewed"[^>]*value="(\d{4})"', html) or re.search(
        r'value="(\d{4})"[^>]*name="year_reviewed"', html
    )
    launched = re.search(r'name="year_launched"[^>]*value="(\d{4})"', html) or re.search(
        r'value="(\d{4})"[^>]*name="year_launched"', html
    )
    start, end = int(reviewed.group(1)), int(launched.group(1))
    assert end - start == 5 and end % 5 == 0
    other = client.get("/hoi-nghi/moi/tong_ket.xa").get_data(as_text=True)
    assert "Năm tổng kết" in other and "Giai đoạn: từ năm" not in other
