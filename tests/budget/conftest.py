"""Small hand-made conferences for the budget tests."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.conferences import operations as conference_operations
from kehoach_app.db import db

CONFERENCE = {
    "preset_key": "tong_ket.xa",
    "kind": "tong_ket",
    "level": "xa",
    "parent_body": "",
    "issuer": "Ủy ban nhân dân xã Tân Hòa",
    "place_name": "Tân Hòa",
    "title": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026",
    "year_reviewed": 2026,
    "year_launched": 2027,
    "date": dt.date(2027, 1, 15),
    "start_time": dt.time(7, 30),
    "length": "full_day",
    "venue": "Hội trường Ủy ban nhân dân xã Tân Hòa",
    "venue_address": "",
    "planned_delegates": 150,
    "funding_source": "Quỹ thi đua, khen thưởng của xã năm 2027",
    "doc_number": "",
    "doc_symbol": "KH-UBND",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN",
    "signer_deputy": "KT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "Trần Thị Ánh Tuyết",
    "purposes": "",
    "notes": "",
}


def make_conference(app, **changes) -> int:
    with app.app_context():
        conference = conference_operations.create_conference({**CONFERENCE, **changes})
        db.session.commit()
        return conference.id


@pytest.fixture()
def conference_id(app):
    return make_conference(app)


def settings_version(client, conference_id: int) -> str:
    """The budget settings' version the settings page's form carries (a second tab is refused)."""
    import re

    html = client.get(f"/hoi-nghi/{conference_id}/du-toan/thiet-lap").get_data(as_text=True)
    return re.search(r'name="version"[^>]*value="(\d+)"', html)[1]
