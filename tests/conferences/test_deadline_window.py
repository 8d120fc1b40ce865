"""Issue 17 (a new user's walk): a deadline counted back from the latest possible day can fall
after an early meeting — the pre-signature WARN says so while the date is not exact."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from kehoach_app.checks import WARN, run_checks
from kehoach_app.conferences.logic import earliest_possible_day
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.tasks.models import Task

KEY = "info.deadline_in_window"


def test_the_earliest_possible_day_of_each_kind():
    feb = dt.date(2027, 2, 28)
    assert earliest_possible_day({"date": feb, "date_kind": "exact"}) == feb
    month = {"date": feb, "date_kind": "month_part"}
    assert earliest_possible_day({**month, "month_part": "cuoi"}) == dt.date(2027, 2, 21)
    assert earliest_possible_day({**month, "month_part": "ca"}) == dt.date(2027, 2, 1)
    assert earliest_possible_day({**month, "date": dt.date(2027, 3, 20), "month_part": "giua"}) == (
        dt.date(2027, 3, 11)
    )
    quarter = {"date": dt.date(2027, 6, 30), "date_kind": "quarter"}
    assert earliest_possible_day(quarter) == dt.date(2027, 4, 1)
    either = {
        "date": dt.date(2024, 1, 19),
        "date_kind": "either",
        "date_other": dt.date(2024, 1, 18),
    }
    assert earliest_possible_day(either) == dt.date(2024, 1, 18)


def _conference_with_tasks(app, conference_id, kind, **date):
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        for name, value in {"date_kind": kind, **date}.items():
            setattr(conference, name, value)
        db.session.execute(delete(Task).where(Task.conference_id == conference_id))
        for position, (title, deadline_kind, days) in enumerate(
            [
                ("Gửi giấy mời đại biểu", "days_before", 5),  # 28 − 5 = 23/02: in the window
                ("Trình duyệt danh sách khen thưởng", "days_before", 10),  # 18/02: before it
                ("Tuyên truyền trước, trong và sau Hội nghị", "days_before", 2),  # ongoing
                ("Chuẩn bị hội trường", "days_before", 0),  # done on the day
                ("Báo cáo kết quả", "none", None),
            ],
            1,
        ):
            db.session.add(
                Task(
                    conference_id=conference_id,
                    position=position,
                    title=title,
                    lead_unit="Văn phòng",
                    deadline_kind=deadline_kind,
                    days_before=days,
                )
            )
        db.session.commit()


def _problems(app, conference_id):
    with app.test_request_context():
        return [p for p in run_checks(db.session.get(Conference, conference_id)) if p.key == KEY]


def test_end_of_february_warns_for_the_duty_whose_deadline_is_in_the_window(app, demo_id):
    _conference_with_tasks(
        app,
        demo_id,
        "month_part",
        date=dt.date(2027, 2, 28),
        month_part="cuoi",
        date_tentative=True,
    )
    problems = _problems(app, demo_id)
    assert len(problems) == 1, [p.message for p in problems]
    problem = problems[0]
    assert problem.severity == WARN and not problem.blocking
    assert problem.message == (
        "Thời hạn “Gửi giấy mời đại biểu” (trước 05 ngày, tính từ ngày muộn nhất có thể: chậm "
        "nhất ngày 23/02/2027) có thể rơi sau ngày tổ chức nếu Hội nghị họp sớm hơn ngày muộn "
        "nhất (có thể họp từ 21/02/2027–28/02/2027); hãy chốt ngày hoặc ghi thời hạn theo ngày "
        "cụ thể."
    )
    assert "ke-hoach" in problem.printouts and "/nhiem-vu/" in problem.fix_url


def test_an_exact_day_never_warns(app, demo_id):
    _conference_with_tasks(app, demo_id, "exact", date=dt.date(2027, 2, 28))
    assert _problems(app, demo_id) == []


def test_the_checks_page_shows_it(app, client, demo_id):
    _conference_with_tasks(app, demo_id, "month_part", date=dt.date(2027, 2, 28), month_part="cuoi")
    html = client.get(f"/hoi-nghi/{demo_id}/kiem-tra").get_data(as_text=True)
    assert "Thời hạn “Gửi giấy mời đại biểu”" in html
    assert "hãy chốt ngày hoặc ghi thời hạn theo ngày cụ thể." in html
