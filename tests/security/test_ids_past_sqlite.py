"""Ids typed into query strings and forms (attack review of issue 20): "²" passes str.isdigit but
not int(), 2**63 passes int() but not SQLite — both are "no such row" with the page's Vietnamese
message, never a 500 (vn.row_id, the bound `<int:…>` addresses have)."""

from __future__ import annotations

import pytest

from tests.conftest import post

HUGE = "9223372036854775808"


@pytest.mark.parametrize("raw", [HUGE, "²", "99999999999999999999999"])
def test_seating_ids_past_sqlite(app, client, demo_id, raw):
    page = f"/hoi-nghi/{demo_id}/cho-ngoi"
    response = post(
        client, page + "/hoi-truong/chon", {"hall_id": raw}, page=page, follow_redirects=True
    )
    assert response.status_code == 200
    assert "Hãy chọn một hội trường trong danh sách." in response.get_data(as_text=True)
    response = post(
        client,
        page + "/xep",
        {"seat": "B2-A-04", "delegate_id": raw},
        page=page,
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Hãy chọn một đại biểu trong danh sách người chưa có chỗ." in response.get_data(
        as_text=True
    )


@pytest.mark.parametrize("raw", [HUGE, "²"])
def test_the_calendar_way_back_past_sqlite(client, demo_id, raw):
    response = client.get(f"/ngay-nghi?hoi-nghi={raw}")
    assert response.status_code == 200
