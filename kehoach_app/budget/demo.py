"""The demo's budget: a province's norms, the money available, meals for guests, one
overridden line and the award frames' price; its derived lines stored once the demo is done."""

from __future__ import annotations

import datetime as dt

from ..conferences.models import Conference
from ..db import db
from . import logic, operations

DEMO_PROFILE = "Nghị quyết mẫu của HĐND tỉnh (dữ liệu minh họa)"
# Printed under "Căn cứ lập dự toán": no blank "…" (the check before signing blocks one).
DEMO_LEGAL_BASIS = "Nghị quyết mẫu của HĐND tỉnh quy định chế độ chi hội nghị (minh họa)"
_OLD_DEMO_LEGAL_BASIS = "Nghị quyết số …/2025/NQ-HĐND của HĐND tỉnh (minh họa)"
# Demo price of one frame or box for an award (the presets' reference figure for a frame).
DEMO_FRAME_PRICE = 80_000


def add_demo_budget(conference: Conference, today: dt.date) -> None:
    """A province profile, money available, meals for guests and one overridden line."""
    operations.ensure_national_norms()
    profile = operations.profile_by_name(DEMO_PROFILE)
    if profile is None:
        profile = operations.save_profile(
            None,
            {
                "name": DEMO_PROFILE,
                "kind": "province",
                "notes": "Số liệu minh họa — thay bằng nghị quyết của tỉnh mình.",
            },
        )
        operations.save_norm(
            profile,
            None,
            {
                "code": "drinks",
                "name": "Nước uống cho đại biểu",
                "category": "nuoc_uong",
                "unit": "người/ngày",
                "amount": 30000,
                "effective_from": dt.date(2025, 7, 1),
                "effective_to": None,
                "legal_basis": DEMO_LEGAL_BASIS,
            },
        )
    for norm in profile.norms:
        if norm.legal_basis == _OLD_DEMO_LEGAL_BASIS:  # demos made before it had a blank
            norm.legal_basis = DEMO_LEGAL_BASIS
    settings = operations.settings_of(conference, create=True)
    settings.norm_profile_id = profile.id
    settings.available_amount = 130_000_000
    settings.meal_location = logic.meal_location_for(conference)
    db.session.flush()
    # One overridden line: more invitations than delegates, to keep some in reserve.
    invitations = next(
        (
            line
            for line in operations.lines_of(conference)
            if logic.derived_family(line.derived_key) == "delegates"
        ),
        None,
    )
    if invitations is not None:
        invitations.quantity_milli = (conference.planned_delegates + 20) * 1000
        invitations.overridden = True
        invitations.notes = "In dư 20 bản để dự phòng"
    # The award items' lines (frames) carry the officer's price: the demo gives one, so that
    # no line prints at 0 đồng. The awards' demo has run before this one (import order).
    operations.sync_derived(conference)
    for line in operations.lines_of(conference):
        if logic.derived_family(line.derived_key) == "award_items" and not line.unit_price:
            line.unit_price = DEMO_FRAME_PRICE
    db.session.flush()


def demo_lines_stored(conference: Conference, today: dt.date) -> None:
    """The demo is written once: its derived lines stored as the finished demo gives them."""
    operations.sync_derived(conference)
