"""The demo's programme: who gives the speech the preset leaves open."""

from __future__ import annotations

import datetime as dt

from ..conferences.models import Conference
from ..db import db
from . import checks, operations


def add_demo_speaker(conference: Conference, _today: dt.date) -> None:
    """The demo chooses who gives the speech the preset leaves open ("… của lãnh đạo cấp trên
    hoặc đồng chí Bí thư Đảng ủy"): the Sở Nội vụ's leader of its delegates, as an officer
    would before signing (checks.open_choices)."""
    for item in operations.items_of(conference):
        if item.kind == "phat_bieu_chi_dao" and checks.has_open_choice(item.title):
            item.title = "Phát biểu chỉ đạo của lãnh đạo Sở Nội vụ tỉnh"
            item.presenter = "Lê Quốc Hưng, Phó Giám đốc Sở Nội vụ tỉnh"
            item.presenter_unit = ""
    db.session.flush()
