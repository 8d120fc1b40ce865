"""Issue 17, loose end: the dai_hoi.xa preset's decoration texts leave "LẦN THỨ …" / "lần thứ …"
for the edition; once the conference's ordinal is set they print it ("LẦN THỨ VIII"), as the
title and the closing do — on the checklist, the print shop's sheet and the plan."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber

from kehoach_app.conferences import operations as conference_operations
from kehoach_app.conferences.models import Conference
from kehoach_app.conferences.presetting import apply_preset_parts, preset_form_values
from kehoach_app.db import db
from kehoach_app.decor import logic, operations
from kehoach_app.presets import get_preset
from tests.conftest import post


def test_the_gap_takes_the_ordinal_in_its_own_case():
    block = "UBND XÃ AN HÒA\nĐẠI HỘI THI ĐUA YÊU NƯỚC\nLẦN THỨ …\nAn Hòa, ngày … tháng … năm 2025"
    assert logic.with_ordinal(block, 8).split("\n")[2] == "LẦN THỨ VIII"
    banner = "Chào mừng Đại hội Thi đua yêu nước xã An Hòa lần thứ …"
    assert logic.with_ordinal(banner, 4).endswith("lần thứ IV")
    assert logic.with_ordinal(banner, None) == banner  # not set yet: the gap stays
    # only the first gap: a later one names another congress (seed 004's "toàn quốc lần thứ XI")
    two = "Đại hội xã lần thứ … tiến tới Đại hội toàn quốc lần thứ …"
    assert (
        logic.with_ordinal(two, 3) == "Đại hội xã lần thứ III tiến tới Đại hội toàn quốc lần thứ …"
    )


def _dai_hoi_xa(app) -> int:
    preset = get_preset("dai_hoi.xa")
    with app.app_context():
        values = preset_form_values(
            preset, dt.date(2025, 1, 6), issuer="Ủy ban nhân dân xã An Hòa", place="An Hòa"
        )
        values.update(date=dt.date(2025, 3, 20), signing_date=None)
        conference = conference_operations.create_conference(values)
        apply_preset_parts(conference, preset)
        db.session.commit()
        return conference.id


def _texts(app, conference_id) -> list[str]:
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        return list(operations.resolved_texts(conference).values())


def _set(app, conference_id, **fields):
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        for name, value in fields.items():
            setattr(conference, name, value)
        db.session.commit()


def _print_sheet(client, conference_id) -> str:
    response = client.get(f"/hoi-nghi/{conference_id}/in/noi-dung-in.pdf")
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        return " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())


def test_the_preset_decoration_prints_the_ordinal(app, client):
    conference_id = _dai_hoi_xa(app)
    texts = _texts(app, conference_id)
    assert any("LẦN THỨ …" in t for t in texts)  # the preset's gap, before the ordinal is set
    assert any(t.endswith("xã An Hòa lần thứ …") for t in texts)  # the banner item
    # The ordinal set as a conference file brings it (plan.ordinal), the title's gap left as
    # typed: the plan fills it when printing (followed_values); so does the decoration.
    _set(app, conference_id, ordinal=8)
    with app.app_context():
        assert "lần thứ …" in db.session.get(Conference, conference_id).title
    texts = _texts(app, conference_id)
    assert not any("LẦN THỨ …" in t or "lần thứ …" in t for t in texts)
    assert any("LẦN THỨ VIII" in t for t in texts)
    assert any(t.endswith("xã An Hòa lần thứ VIII") for t in texts)
    sheet = _print_sheet(client, conference_id)
    assert "LẦN THỨ VIII" in sheet and "LẦN THỨ …" not in sheet


def test_a_title_block_kept_with_a_blank_day_takes_the_ordinal_set_later(app, client):
    conference_id = _dai_hoi_xa(app)
    page = f"/hoi-nghi/{conference_id}/trang-tri/phong"
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        operations.save_backdrop(
            conference,
            {"width_m": 8.0, "height_m": 4.0, "title_block": "", "welcome_banner": ""},
        )
        db.session.commit()
    # "Để trống ngày": the block is stored as written, its "LẦN THỨ …" with it
    response = post(client, f"{page}/tao-lai?noi-dung=title_block&ngay=trong", {}, page=page)
    assert response.status_code == 302
    with app.app_context():
        stored = operations.backdrop_of(db.session.get(Conference, conference_id)).title_block
    assert "LẦN THỨ …" in stored
    page_html = f"/hoi-nghi/{conference_id}/ke-hoach/cac-cap"
    post(client, f"{page_html}/lan-thu", {"ordinal": "8"}, page=page_html)
    sheet = _print_sheet(client, conference_id)
    assert "LẦN THỨ VIII" in sheet and "LẦN THỨ …" not in sheet
