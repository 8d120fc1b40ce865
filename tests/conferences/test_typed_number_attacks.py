"""Whole numbers typed into forms against hostile input (attack review of issue 20/21): a
quarter that is no quarter, superscript digits in an Đại hội's level and edition — the select's
or the field's Vietnamese message, never a 500, no second message about a date nobody typed,
nothing saved; full-width and Arabic-Indic digits still read as the numbers they are."""

from __future__ import annotations

import re

import pytest

from kehoach_app import transfer, vn
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.plan.operations import levels_of
from tests.conferences.test_planned_dates import _edit, _stored
from tests.conftest import post
from tests.plan.test_congress_levels import SEED_004


@pytest.mark.parametrize("quarter", ["abc", "99999999999999999999", "-1", "²"])
def test_a_quarter_that_is_no_quarter_is_the_selects_message_alone(app, client, demo_id, quarter):
    before = _stored(app, demo_id)
    response = _edit(
        app,
        client,
        demo_id,
        date_kind="quarter",
        date="",
        date_quarter=quarter,
        date_year="2027",
        signing_date="15/01/2027",
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    errors = re.findall(r'<p class="error" id="([^"]+)-error">([^<]*)</p>', html)
    assert errors == [("date_quarter", "Lựa chọn không hợp lệ — hãy chọn một mục trong danh sách.")]
    assert _stored(app, demo_id) == before


def test_whole_number_is_the_one_rule():
    assert vn.whole_number("2025") == 2025
    assert vn.whole_number("２０２５") == 2025  # full-width
    assert vn.whole_number("٢٠٢٥") == 2025  # Arabic-Indic
    assert vn.whole_number("²⁰²⁵") == 2025  # superscripts: NFKC reads them as drawn
    assert vn.whole_number(" 8 ") == 8
    for text in ("", None, "-1", "1.5", "abc", "9" * 20, "½"):
        assert vn.whole_number(text) is None
    assert vn.row_id("9223372036854775807") == 2**63 - 1
    assert vn.row_id("9223372036854775808") is None
    assert vn.row_id("0") is None
    assert vn.row_id("²") is None  # ids are the program's, never typed: ASCII only


def _levels(app, cid):
    with app.app_context():
        return [(r.name, r.year) for r in levels_of(db.session.get(Conference, cid))]


def _seed(app) -> int:
    with app.app_context():
        conference = transfer.import_conference(SEED_004.read_bytes())
        db.session.commit()
        return conference.id


def test_levels_and_the_edition_read_typed_digits_by_the_one_rule(app, client):
    cid = _seed(app)
    page = f"/hoi-nghi/{cid}/ke-hoach/cac-cap"
    response = post(client, page + "/lan-thu", {"ordinal": "²"}, page=page)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Conference, cid).ordinal == 2
    response = post(client, page + "/lan-thu", {"ordinal": "⁹⁹⁹"}, page=page)
    assert response.status_code in (302, 400)  # a message, never a 500
    html = response.get_data(as_text=True) + client.get(page).get_data(as_text=True)
    assert "Lần thứ phải là một số từ 1 đến 50" in html
    with app.app_context():
        assert db.session.get(Conference, cid).ordinal == 2
    post(client, page + "/them", {"name": "Cấp mới", "quarter": "2", "year": "²⁰²⁵"}, page=page)
    post(
        client, page + "/them", {"name": "Cấp\u2028khác", "quarter": "1", "year": "٢٠٢٦"}, page=page
    )
    assert _levels(app, cid)[-2:] == [("Cấp mới", 2025), ("Cấp khác", 2026)]


def test_moving_the_first_level_up_changes_nothing_and_records_no_step(app, client):
    cid = _seed(app)
    page = f"/hoi-nghi/{cid}/ke-hoach/cac-cap"
    with app.app_context():
        steps = len(db.session.get(Conference, cid).revisions)
    before = _levels(app, cid)
    assert post(client, page + "/1/len", {}, page=page).status_code == 302
    assert "Cấp này đã ở đầu danh sách; không có gì thay đổi." in client.get(page).get_data(
        as_text=True
    )
    last = len(before)
    post(client, page + f"/{last}/xuong", {}, page=page)
    assert _levels(app, cid) == before
    with app.app_context():
        assert len(db.session.get(Conference, cid).revisions) == steps
