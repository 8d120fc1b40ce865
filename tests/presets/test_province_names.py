"""Issue 17 review: a tỉnh preset names the province's own agencies ("Báo và Phát thanh, Truyền
hình Hưng Yên", "Điện lực Hưng Yên"), and its communes "xã, phường, đặc khu" only where the
official list (presets/admin_units.json) has a đặc khu — made through the pages for Hưng Yên."""

from __future__ import annotations

from kehoach_app.conferences.presetting import province_placeholders
from kehoach_app.conferences.units import Organiser
from kehoach_app.db import db
from kehoach_app.plan.operations import plan_sheet
from tests.conferences.test_title_follows_place import _create, _latest


def test_placeholders_from_the_official_list():
    hung_yen = province_placeholders(Organiser("tinh", unit_type="tinh", province="Hưng Yên"))
    assert hung_yen["province_name"] == "Hưng Yên"
    assert hung_yen["province_communes"] == "xã, phường"  # no đặc khu in Hưng Yên
    khanh_hoa = province_placeholders(Organiser("tinh", unit_type="tinh", province="Khánh Hòa"))
    assert khanh_hoa["province_communes"] == "xã, phường, đặc khu"  # đặc khu Trường Sa
    unknown = province_placeholders(Organiser("tinh", unit_type="tinh", province=""))
    assert unknown["province_name"] == "tỉnh"


def test_a_hung_yen_plan_names_its_agencies_and_communes(app, client):
    _create(client)
    conference = _latest(app)
    with app.app_context():
        conference = db.session.merge(conference)
        sheet = plan_sheet(conference)
        text = "\n".join(b.text for b in sheet.blocks) + "\n".join(sheet.recipients)
    assert "Báo và Phát thanh, Truyền hình Hưng Yên" in text
    assert "Điện lực Hưng Yên" in text
    assert "Truyền hình tỉnh" not in text and "Điện lực tỉnh" not in text
    assert "đặc khu" not in text
    assert "các xã, phường" in text
    # a Đại hội plan words its deadlines with its own noun
    assert "tổ chức Hội nghị)" not in text
