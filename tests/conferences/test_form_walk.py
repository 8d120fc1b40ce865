"""Issue 17 (a new user's walk) on the conference form: hints in the conference's year, the two
days of "một trong hai ngày" shown in the order typed, a count refused with a count example."""

from __future__ import annotations

import datetime as dt
import re

from kehoach_app import vn
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conferences.test_views import valid_form
from tests.conftest import post


def _edit(app, client, conference_id, **overrides):
    page = f"/hoi-nghi/{conference_id}/sua"
    with app.app_context():
        version = db.session.get(Conference, conference_id).version
    return post(client, page, valid_form(version=str(version), **overrides), page=page)


def _box(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    assert match, name
    return match.group(1)


def test_hints_give_examples_in_the_conferences_year(app, client, demo_id):
    assert (
        _edit(app, client, demo_id, year_reviewed="2029", year_launched="2030").status_code == 302
    )
    html = client.get(f"/hoi-nghi/{demo_id}/sua").get_data(as_text=True)
    for old in ("19/01/2024", "02/2025", "Quý I năm 2024"):
        assert old not in html, old
    assert "ví dụ: 15/01/2030" in html
    assert "ví dụ 16/01/2030 (in: ngày 15 hoặc ngày 16/01/2030)" in html
    assert "tháng/năm, ví dụ 02/2030." in html
    assert "Với “trong quý”: ví dụ Quý I năm 2030." in html
    # the boxes carry the kinds the script shows them for
    assert re.search(
        r'class="field date-kinds month_part\s*"[^>]*>\s*<label for="date_month"', html
    )


def test_one_of_two_days_comes_back_in_the_order_typed(app, client, demo_id):
    response = _edit(app, client, demo_id, date_kind="either", date="15/01/2027",
                     date_other="16/01/2027")  # fmt: skip
    assert response.status_code == 302
    with app.app_context():
        c = db.session.get(Conference, demo_id)
        # the model keeps `date` the latest possible day
        assert (c.date, c.date_other) == (dt.date(2027, 1, 16), dt.date(2027, 1, 15))
    html = client.get(f"/hoi-nghi/{demo_id}/sua").get_data(as_text=True)
    assert (_box(html, "date"), _box(html, "date_other")) == ("15/01/2027", "16/01/2027")
    # refused for another box: both days come back exactly as typed, even the later first
    response = _edit(app, client, demo_id, date_kind="either", date="16/01/2027",
                     date_other="15/01/2027", start_time="")  # fmt: skip
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Vui lòng nhập" in html
    assert (_box(html, "date"), _box(html, "date_other")) == ("16/01/2027", "15/01/2027")


def test_a_count_is_refused_with_a_count_example(app, client, demo_id):
    response = _edit(app, client, demo_id, planned_delegates="1OO")
    html = response.get_data(as_text=True)
    error = re.search(r'<p class="error" id="planned_delegates-error">([^<]*)</p>', html)
    assert error, "no message for 1OO"
    assert error.group(1) == "“1OO” không phải là số nguyên: chỉ nhập chữ số, ví dụ 150 hoặc 1.200."
    assert "1.500.000" not in error.group(1)


def test_the_number_parser_takes_the_kind_of_number():
    for kind, example in (("money", "1.500.000 hoặc 1500000"), ("count", "150 hoặc 1.200"),
                          ("year", "2025")):  # fmt: skip
        try:
            vn.parse_integer("abc", kind)
        except ValueError as error:
            assert str(error).endswith(f"ví dụ {example}."), str(error)
    try:
        vn.parse_integer("12,5", "count")
    except ValueError as error:
        assert "ví dụ 1.200)" in str(error)
