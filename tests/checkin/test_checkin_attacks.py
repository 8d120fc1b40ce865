"""The check-in's one-line texts against hostile input (attack review of issue 20/21): an emoji
or a pasted line separator in the substitute's name or the check-in point, a name longer than
its column — refused with a Vietnamese message, nothing written, never cut silently."""

from __future__ import annotations

from sqlalchemy import select

from kehoach_app.checkin.models import Arrival
from kehoach_app.db import db
from tests.checkin.conftest import scan
from tests.conftest import post


def _arrivals(app, conference_id):
    with app.app_context():
        return [
            (a.code, a.point, a.substitute_name)
            for a in db.session.scalars(
                select(Arrival).where(Arrival.conference_id == conference_id)
            )
        ]


def _post(client, conference_id, path, fields):
    page = f"/hoi-nghi/{conference_id}/diem-danh"
    return post(client, page + path, fields, page=page, headers={"X-Requested-With": "fetch"})


def test_a_substitute_name_the_fonts_cannot_draw_or_too_long_is_refused(app, client, small):
    conference_id, codes = small
    code = codes["Võ Thị Lan"]
    scan(client, conference_id, code)
    before = _arrivals(app, conference_id)
    response = _post(client, conference_id, "/du-thay", {"ma": code, "ten": "Trần Mai 😀"})
    assert response.status_code == 422
    answer = response.get_json()
    assert answer["status"] == "invalid"
    assert answer["message"].startswith("Chưa ghi: Họ tên người dự thay: Có ký tự không in được")
    assert "“😀” (U+1F600)" in answer["message"]
    long_name = "Nguyễn " * 40  # 280 characters: refused, not cut to 200 behind the officer
    response = _post(client, conference_id, "/du-thay", {"ma": code, "ten": long_name})
    assert response.status_code == 422
    assert "tối đa 200 ký tự (đã nhập 279)" in response.get_json()["message"]
    assert _arrivals(app, conference_id) == before


def test_a_line_separator_in_a_one_line_name_becomes_a_space(app, client, small):
    conference_id, codes = small
    code = codes["Võ Thị Lan"]
    scan(client, conference_id, code)
    response = _post(client, conference_id, "/du-thay", {"ma": code, "ten": "Trần\u2028Thị Mai"})
    assert response.status_code == 200
    assert response.get_json()["message"].startswith("Đã ghi Trần Thị Mai dự thay")
    assert _arrivals(app, conference_id)[0][2] == "Trần Thị Mai"


def test_a_check_in_point_with_an_emoji_records_nothing(app, client, small):
    conference_id, codes = small
    response = _post(
        client, conference_id, "", {"ma": codes["Lê Quốc Hưng"], "diem": "Cửa chính 🚪"}
    )
    assert response.status_code == 422
    assert "Điểm điểm danh: Có ký tự không in được" in response.get_json()["message"]
    assert _arrivals(app, conference_id) == []
    answer = scan(client, conference_id, codes["Lê Quốc Hưng"], point="Cửa\u2028chính")
    assert answer["status"] == "new"
    assert _arrivals(app, conference_id)[0][1] == "Cửa chính"


def test_the_script_says_a_session_that_ended_instead_of_an_error_200():
    from pathlib import Path

    script = (Path(__file__).parents[2] / "static" / "js" / "checkin.js").read_text()
    # fetch follows LAN mode's redirect to the login page: the script must recognise it
    assert "response.redirected" in script and "/dang-nhap" in script
    assert "Phiên làm việc đã hết, hãy đăng nhập lại" in script
