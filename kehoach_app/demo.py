"""A realistic demo conference, for a new user who wants to look around before typing real data.

The names carry every Vietnamese diacritic on purpose, so the printouts show at once that each
letter prints right.
"""

from __future__ import annotations

import datetime as dt

from .conferences import operations
from .conferences.models import Conference
from .conferences.presetting import apply_preset_parts, preset_form_values
from .conferences.units import Organiser
from .presets import get_preset

DEMO_PRESET = "tong_ket.xa"
# What marks the demo conference (there is no column for it): its note. The pre-signature check
# reports a few rules as warnings only on it — the legal figures the program has not verified
# (awards/checks.py) — so that the demo passes with nothing blocking while a real conference
# does not.
DEMO_NOTES = "Hội nghị mẫu để xem thử chương trình — có thể sửa hoặc xóa."


def is_demo(conference: Conference) -> bool:
    """The demo conference, or a copy of it that still carries its note."""
    return (conference.notes or "").strip() == DEMO_NOTES


def create_demo_conference(today: dt.date | None = None) -> Conference:
    """Create (and flush, not commit) a filled-in demo conference; later parts add their data."""
    today = today or dt.date.today()
    place = "Tân Hòa"
    preset = get_preset(DEMO_PRESET)
    # A xã of the official list (Tây Ninh has a xã Tân Hòa since 01/7/2025): the award texts
    # name its chairman and the province's ("… Ủy ban nhân dân tỉnh Tây Ninh").
    organiser = Organiser(level="xa", unit_type="xa", unit_name=place, province="Tây Ninh")
    values = preset_form_values(
        preset, today, issuer="Ủy ban nhân dân xã Tân Hòa", place=place, organiser=organiser
    )
    values.update(
        parent_body="",
        issuer="Ủy ban nhân dân xã Tân Hòa",
        place_name=place,
        venue="Hội trường Ủy ban nhân dân xã Tân Hòa",
        venue_address="Số 18 đường Nguyễn Trãi, ấp Mỹ Lộc, xã Tân Hòa",
        doc_number="7",
        signer_name="Nguyễn Thị Hồng Nhung",
        # Signed today: the plan gives tasks deadlines before the conference, some in the year
        # before it (tasks.checks: a blank ngày ký would print the conference's year).
        signing_date=today,
        notes=DEMO_NOTES,
    )
    conference = operations.create_conference(values)
    apply_preset_parts(conference, preset)
    # Later parts add their demo data here (tasks ticked off, delegates, awards, …).
    for function in _DEMO_PARTS + _DEMO_LAST:
        function(conference, today)
    return conference


# Parts that add realistic demo data beyond what the preset brings: (conference, today) -> None.
_DEMO_PARTS: list = []
# ... and those that must run after every part's data is in (the budget stores its derived lines
# as the other parts' data gives them: a read never stores them, issue 19).
_DEMO_LAST: list = []


def register_demo_part(function, last: bool = False) -> None:
    parts = _DEMO_LAST if last else _DEMO_PARTS
    if function not in parts:
        parts.append(function)
