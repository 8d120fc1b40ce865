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
        checks.more_planned_than_seats,
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


def test_more_delegates_planned_than_seats_warns(app, demo_id):
    """The demo's hall has 126 seats: 126 planned is fine, 130 planned is not (22 confirmed
    only, so the confirmed-against-seats rule says nothing)."""
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        conference.planned_delegates = 126
        db.session.commit()
    assert problems(app, demo_id, checks.more_planned_than_seats) == []
    with app.app_context():
        db.session.get(Conference, demo_id).planned_delegates = 130
        db.session.commit()
    (problem,) = problems(app, demo_id, checks.more_planned_than_seats)
    assert problem.severity == WARN
    assert problem.key == "seating.planned_over_capacity"
    assert problem.message == (
        f"{HALL} có 126 ghế, ít hơn 130 đại biểu dự kiến: hãy chọn hội trường lớn hơn, thêm ghế "
        "hoặc giảm số đại biểu dự kiến."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/cho-ngoi/hoi-truong"
    assert problems(app, demo_id, checks.more_confirmed_than_seats) == []


def test_a_seating_printout_that_would_print_a_placeholder_is_not_ready(app, demo_id):
    """The print centre's "missing" for each seating printout: nothing on the demo; with every
    seat cleared and every reply still pending, each says what its PDF would print instead."""
    from kehoach_app.printouts import get_printout, missing_for

    keys = ("so-do-doan-chu-tich", "danh-sach-cho-ngoi", "bien-ten", "nhan-ghe")
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        assert [missing_for(get_printout(k), conference) for k in keys] == [[], [], [], []]
        db.session.query(SeatAssignment).filter(
            SeatAssignment.delegate_id.in_(
                db.session.query(Delegate.id).filter_by(conference_id=demo_id)
            )
        ).delete(synchronize_session=False)
        for delegate in db.session.query(Delegate).filter_by(conference_id=demo_id):
            delegate.reply = "absent"
        db.session.commit()
        conference = db.session.get(Conference, demo_id)
        assert [missing_for(get_printout(k), conference) for k in keys] == [
            ["chưa xếp chỗ cho Đoàn Chủ tịch"],
            ["chưa có đại biểu nào"],
            ["chưa xếp chỗ cho đại biểu nào"],
            ["chưa xếp chỗ cho đại biểu nào"],
        ]
