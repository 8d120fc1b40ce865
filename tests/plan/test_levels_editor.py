"""Issue 17 (a new user's walk): the levels editor keeps what was typed when it refuses, takes
"lần thứ" in Roman numerals, lists names as the plan prints them, bounds a level's year, and
is reachable from the dashboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach_app import transfer
from kehoach_app.db import db
from kehoach_app.plan.operations import levels_of
from kehoach_app.plan.views import ordinal_number
from tests.conftest import post

SEED_004 = Path(__file__).parent / "seeds" / "004.kehoach.json"  # year_launched 2025


@pytest.fixture()
def seed_004(app):
    with app.app_context():
        conference = transfer.import_conference(SEED_004.read_bytes())
        db.session.commit()
        return conference.id


def _levels(app, cid):
    from kehoach_app.conferences.models import Conference

    with app.app_context():
        return [(r.name, r.quarter, r.year) for r in levels_of(db.session.get(Conference, cid))]


def test_ordinal_digits_or_roman_numerals():
    assert [ordinal_number(t) for t in ("8", "VIII", "viii", " XI ", "L", "I", "８")] == [
        8, 8, 8, 11, 50, 1, 8,
    ]  # fmt: skip
    assert [ordinal_number(t) for t in ("IIII", "LI", "51", "0", "VIIIx", "", "C")] == [None] * 7


def test_a_refused_new_level_comes_back_as_typed(app, client, seed_004):
    page = f"/hoi-nghi/{seed_004}/ke-hoach/cac-cap"
    before = _levels(app, seed_004)
    typed = {
        "name": "Cấp thử nghiệm",
        "form": "Tổ chức “Hội nghị điển hình”",
        "participants": "Đại diện các phòng",
        "size": "150",
        "duration": "1 ngày",
        "quarter": "2",
        "year": "",
        "time_text": "có Kế hoạch riêng",
    }
    response = post(client, page + "/them", typed, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Có quý thì cần ghi năm (ví dụ: Quý I năm 2025)." in html
    for text in ("Cấp thử nghiệm", "Đại diện các phòng", "1 ngày", "có Kế hoạch riêng"):
        assert f'value="{text}"' in html or f">{text}</textarea>" in html, text
    assert "Tổ chức “Hội nghị điển hình”</textarea>" in html
    assert '<option value="2" selected>Quý II</option>' in html
    assert _levels(app, seed_004) == before  # nothing saved


def test_a_refused_edit_keeps_its_form_open_with_what_was_typed(app, client, seed_004):
    page = f"/hoi-nghi/{seed_004}/ke-hoach/cac-cap"
    before = _levels(app, seed_004)
    typed = {"name": "Xã, phường đã sửa", "quarter": "1", "year": "1990"}
    response = post(client, page + "/1/sua", typed, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Năm 1990 quá xa năm của Hội nghị (2025): năm của một cấp phải từ 2015 đến 2035." in html
    assert "<details open>" in html and 'value="Xã, phường đã sửa"' in html
    assert 'id="level-1-year" name="year" inputmode="numeric" value="1990"' in html
    assert _levels(app, seed_004) == before


def test_year_bounds_are_within_ten_years_of_the_conference(app, client, seed_004):
    page = f"/hoi-nghi/{seed_004}/ke-hoach/cac-cap"
    assert post(client, page + "/them", {"name": "A", "quarter": "1", "year": "2036"},
                page=page).status_code == 400  # fmt: skip
    assert post(client, page + "/them", {"name": "B", "quarter": "4", "year": "2035"},
                page=page).status_code == 302  # fmt: skip
    assert _levels(app, seed_004)[-1] == ("B", 4, 2035)


def test_ordinal_in_roman_numerals_and_names_as_printed(app, client, seed_004):
    page = f"/hoi-nghi/{seed_004}/ke-hoach/cac-cap"
    post(client, page + "/lan-thu", {"ordinal": ""}, page=page)  # the seed's 8 cleared
    html = client.get(page).get_data(as_text=True)
    assert "<td>Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ …</td>" in html
    response = post(client, page + "/lan-thu", {"ordinal": "vii"}, page=page)
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    assert "<td>Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VII</td>" in html
    assert 'name="ordinal" value="7"' in html
    # a wrong one: refused, kept in the box, the saved ordinal unchanged
    response = post(client, page + "/lan-thu", {"ordinal": "VIIII"}, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'name="ordinal" value="VIIII"' in html
    assert "viết bằng chữ số hoặc chữ số La Mã (ví dụ: 8 hoặc VIII" in html
    assert "<td>Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VII</td>" in html


def test_the_dashboard_links_to_the_levels_editor(app, client, seed_004, demo_id):
    link = f'href="/hoi-nghi/{seed_004}/ke-hoach/cac-cap">Đại hội, hội nghị các cấp</a>'
    assert link in client.get(f"/hoi-nghi/{seed_004}").get_data(as_text=True)
    # a conference without levels (the demo's tổng kết) has no such link
    assert "/ke-hoach/cac-cap" not in client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
