"""The seating rules of the pre-signature check, each tripped on the demo changed to break it.

The demo seats its 22 confirmed delegates in "Hội trường Ủy ban nhân dân xã" (126 seats).
"""

from __future__ import annotations

import datetime as dt

from kehoach_app.checks import BLOCK, WARN, CheckContext, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from kehoach_app.seating import checks
from kehoach_app.seating.models import SeatAssignment, SeatingPlan

HALL = "Hội trường Ủy ban nhân dân xã"


def problems(app, conference_id: int, rule) -> list:
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        return list(rule(CheckContext(conference, dt.date(2026, 12, 1))))


def _person(name: str) -> Delegate:
    return db.session.query(Delegate).filter_by(full_name=name).one()


def test_demo_trips_no_seating_rule(app, demo_id):
    for rule in (
        checks.confirmed_without_seat,
        checks.more_confirmed_than_seats,
        checks.declined_but_seated,
    ):
        assert problems(app, demo_id, rule) == []
    with app.test_request_context():
        found = run_checks(db.session.get(Conference, demo_id))
    assert [p for p in found if p.part == "seating"] == []


def test_a_confirmed_delegate_without_a_seat_blocks(app, demo_id):
    with app.app_context():
        head = _person("Lê Quốc Hưng")  # Đoàn Chủ tịch, attending
        db.session.query(SeatAssignment).filter_by(delegate_id=head.id).delete()
        late = _person("Dương Quang Vĩnh")  # pending → attending, his seat taken away
        late.reply = "attending"
        db.session.query(SeatAssignment).filter_by(delegate_id=late.id).delete()
        db.session.commit()
    (problem,) = problems(app, demo_id, checks.confirmed_without_seat)
    assert problem.severity == BLOCK
    assert problem.message == (
        f"2 đại biểu đã xác nhận dự chưa có chỗ ngồi trong sơ đồ {HALL}: "
        "Lê Quốc Hưng, Dương Quang Vĩnh."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/cho-ngoi"
    assert problem.printouts == (
        "so-do-cho-ngoi",
        "so-do-doan-chu-tich",  # a member of the Đoàn Chủ tịch is among them
        "danh-sach-cho-ngoi",
        "bien-ten",
        "nhan-ghe",
    )


def test_without_a_hall_nobody_is_expected_in_a_seat(app, demo_id):
    with app.app_context():
        db.session.get(SeatingPlan, demo_id).hall_id = None
        db.session.query(SeatAssignment).filter_by(conference_id=demo_id).delete()
        db.session.commit()
    assert problems(app, demo_id, checks.confirmed_without_seat) == []
    assert problems(app, demo_id, checks.more_confirmed_than_seats) == []


def test_more_confirmed_than_seats_warns(app, demo_id):
    # 22 confirmed + 105 more = 127 for 126 seats.
    with app.app_context():
        db.session.add_all(
            Delegate(conference_id=demo_id, full_name=f"Khách mời số {n}", reply="attending")
            for n in range(1, 106)
        )
        db.session.commit()
    (problem,) = problems(app, demo_id, checks.more_confirmed_than_seats)
    assert problem.severity == WARN
    assert problem.message == f"{HALL} có 126 ghế cho 127 đại biểu đã xác nhận dự."
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/cho-ngoi/hoi-truong"
    blocked = problems(app, demo_id, checks.confirmed_without_seat)[0].message
    assert blocked.startswith("105 đại biểu đã xác nhận dự chưa có chỗ ngồi")
    assert blocked.endswith(", Khách mời số 102 và 100 người khác.")  # five names, then a count


def test_a_delegate_who_declined_but_keeps_a_seat_warns(app, demo_id):
    with app.app_context():
        _person("Phan Văn Ngữ").reply = "absent"
        db.session.commit()
    (problem,) = problems(app, demo_id, checks.declined_but_seated)
    assert problem.severity == WARN
    assert problem.message == ("1 đại biểu đã báo vắng vẫn có chỗ ngồi và biển tên: Phan Văn Ngữ.")
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/cho-ngoi"
    assert "bien-ten" in problem.printouts
