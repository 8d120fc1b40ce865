"""The demo's seating: the xã's hall, laid out and seated."""

from __future__ import annotations

import datetime as dt

from ..conferences.models import Conference
from ..db import db
from . import logic, operations
from .conference_file import zone_json
from .models import Hall, SeatAssignment

DEMO_HALL = "Hội trường Ủy ban nhân dân xã"


def add_demo_seating(conference: Conference, today: dt.date) -> None:
    """The demo hall (created once, shared) and everyone seated by protocol."""
    hall = operations.hall_by_name(DEMO_HALL)
    if hall is None:
        hall = Hall(
            name=DEMO_HALL,
            layout=logic.layout_to_json(demo_layout()),
            notes="Hội trường mẫu: 3 khối ghế, 1 hàng Đoàn Chủ tịch 7 ghế.",
        )
        db.session.add(hall)
        db.session.flush()
    plan = operations.plan_of(conference, create=True)
    plan.hall_id = hall.id
    groups = operations.groups_of(conference)
    # the leaders of the bodies (groups 2–6 of the preset) sit in the leaders' zone
    leaders = [g.id for g in groups[1:6]]
    plan.zone_groups = zone_json({"ld": leaders})
    db.session.flush()
    state = operations.load(conference)
    if state.layout is not None and state.people:
        pins = {}
        result = logic.assign_seats(
            state.layout,
            state.people,
            second_side=plan.second_side,
            zone_groups=state.zone_groups,
            award_batches=operations.award_batches(conference),
            pins=pins,
        )
        db.session.add_all(
            SeatAssignment(
                conference_id=conference.id, seat_code=code, delegate_id=pid, pinned=False
            )
            for code, pid in result.seats.items()
        )
        db.session.flush()


def demo_layout() -> logic.HallLayout:
    """A xã hall: a presidium row of 7 at a table, three blocks (6 | 8 | 6 seats × 6 rows), a
    pillar, the press at the back right, award recipients at the front left."""
    data = logic.layout_to_data(
        logic.default_layout(blocks=3, rows=6, seats=8, stage_seats=7, side_blocks_seats=6)
    )
    data["stage"]["lectern"] = "right"
    data["missing"] = ["B3-F-06"]
    data["zones"] = [
        {
            "key": "ld",
            "kind": "lanh_dao",
            "label": "Lãnh đạo các ban, ngành",
            "block": 2,
            "rows": [1, 2],
            "seats": [1, 8],
        },
        {
            "key": "kt",
            "kind": "nhan_thuong",
            "label": "Đại biểu nhận khen thưởng",
            "block": 1,
            "rows": [1, 4],
            "seats": [1, 6],
        },
        {
            "key": "bc",
            "kind": "bao_chi",
            "label": "Phóng viên, báo chí",
            "block": 3,
            "rows": [6, 6],
            "seats": [1, 5],
        },
    ]
    return logic.parse_layout(data)
