"""The tasks' pre-signature rules — a deadline gone for a task not done, a deadline on a day off
— and the working-day rules under them."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.checks import BLOCK, WARN, CheckContext
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.tasks import checks as task_checks
from kehoach_app.tasks.logic import non_working_reason, working_day_before
from kehoach_app.tasks.models import Task

D = dt.date
TODAY = D(2026, 12, 4)


@pytest.mark.parametrize(
    "day, reason, before",
    [
        (D(2027, 1, 13), "", D(2027, 1, 12)),  # a Wednesday
        (D(2027, 1, 10), "Chủ nhật", D(2027, 1, 8)),
        (D(2027, 1, 9), "Thứ Bảy", D(2027, 1, 8)),
        (D(2027, 1, 1), "Tết Dương lịch", D(2026, 12, 31)),
        # Tết Đinh Mùi: mùng 1 is 06/02/2027; 04/02 (29 Tết) to 10/02 (mùng 5) are off.
        (D(2027, 2, 5), "Giao thừa Tết Nguyên Đán", D(2027, 2, 3)),
        (D(2027, 2, 9), "Mùng bốn Tết Nguyên Đán", D(2027, 2, 3)),
        (D(2027, 4, 16), "Ngày Giỗ Tổ Hùng Vương", D(2027, 4, 15)),  # 10/3 Đinh Mùi
        # 01/5/2027 is a Saturday: taken on Monday 03/5 (Bộ luật Lao động 2019, Điều 111).
        (D(2027, 5, 3), "Ngày Quốc tế Lao động (nghỉ bù)", D(2027, 4, 29)),
        (D(2026, 9, 2), "Quốc khánh", D(2026, 8, 28)),
        # The Prime Minister's swap for 2026: Monday 31/8 off in place of Saturday 22/8.
        (D(2026, 8, 31), "Ngày nghỉ (thay cho ngày 22/08/2026)", D(2026, 8, 28)),
        (D(2026, 11, 24), "Ngày Văn hóa Việt Nam", D(2026, 11, 23)),
    ],
)
def test_working_days(day, reason, before):
    assert non_working_reason(day) == reason
    assert working_day_before(day) == before


@pytest.fixture()
def conference_with_tasks(app, demo_id):
    """The demo held on Friday 15/01/2027, its tasks replaced by two hand-made ones."""
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        conference.date = D(2027, 1, 15)
        db.session.query(Task).filter(Task.conference_id == demo_id).delete()
        overdue = Task(
            conference_id=demo_id,
            position=1,
            title="Gửi báo cáo thành tích về Ủy ban nhân dân",
            lead_unit="Các cơ quan, đơn vị",
            deadline_kind="fixed",
            deadline_date=D(2026, 12, 1),
            status="doing",
        )
        sunday = Task(
            conference_id=demo_id,
            position=2,
            title="Phát hành Giấy mời",
            lead_unit="Văn phòng",
            deadline_kind="days_before",
            days_before=5,  # 10/01/2027, a Sunday
            status="todo",
        )
        db.session.add_all([overdue, sunday])
        db.session.commit()
        return demo_id, overdue.id, sunday.id


def problems(app, rule, today=TODAY):
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id_of(app))
        return list(rule(CheckContext(conference, today)))


def conference_id_of(app):
    with app.app_context():
        return db.session.query(Conference.id).order_by(Conference.id).first()[0]


def test_a_deadline_passed_for_a_task_not_done_blocks(app, conference_with_tasks):
    conference_id, overdue_id, _ = conference_with_tasks
    (problem,) = problems(app, task_checks.deadlines_passed)
    assert problem.severity == BLOCK and problem.key == "tasks.deadline_passed"
    assert problem.message == (
        "Nhiệm vụ số 1 “Gửi báo cáo thành tích về Ủy ban nhân dân” đã quá hạn 3 ngày (hạn "
        "01/12/2026) mà chưa xong: hãy đánh dấu đã xong hoặc dời thời hạn."
    )
    assert problem.fix_url == f"/hoi-nghi/{conference_id}/nhiem-vu/{overdue_id}/sua"
    assert "ke-hoach" in problem.printouts
    # On its day it is not late yet; done, it is no longer a problem.
    assert problems(app, task_checks.deadlines_passed, today=D(2026, 12, 1)) == []
    with app.app_context():
        db.session.get(Task, overdue_id).status = "done"
        db.session.commit()
    assert problems(app, task_checks.deadlines_passed) == []


def test_a_deadline_on_a_day_off_warns_with_the_working_day_before(app, conference_with_tasks):
    conference_id, _, sunday_id = conference_with_tasks
    (problem,) = problems(app, task_checks.deadlines_on_days_off)
    assert problem.severity == WARN and problem.key == "tasks.deadline_day_off"
    assert problem.message == (
        "Nhiệm vụ số 2 “Phát hành Giấy mời” có hạn 10/01/2027 rơi vào ngày nghỉ (Chủ nhật); "
        "ngày làm việc liền trước là 08/01/2027."
    )
    assert problem.fix_url == f"/hoi-nghi/{conference_id}/nhiem-vu/{sunday_id}/sua"


def test_the_demo_has_no_task_past_its_deadline(app, demo_id):
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        context = CheckContext(conference, dt.date.today())
        assert list(task_checks.deadlines_passed(context)) == []
        assert all(p.severity == WARN for p in task_checks.deadlines_on_days_off(context))


def test_a_deadline_before_the_signing_date_warns(app, conference_with_tasks):
    """Signed on 05/01/2027 for a conference on 15/01/2027: "trong tháng 12" (31/12/2026) and
    "trước 13 ngày" (02/01/2027) are due before the plan exists."""
    conference_id, overdue_id, sunday_id = conference_with_tasks
    with app.app_context():
        db.session.get(Conference, conference_id).signing_date = D(2027, 1, 5)
        db.session.add_all(
            [
                Task(conference_id=conference_id, position=3, title="Rà soát danh sách khen thưởng",
                     lead_unit="Văn phòng", deadline_kind="month_before", status="todo"),
                Task(conference_id=conference_id, position=4, title="Gửi Giấy mời đại biểu",
                     lead_unit="Văn phòng", deadline_kind="days_before", days_before=13,
                     status="todo"),
                Task(conference_id=conference_id, position=5, title="Chuẩn bị hội trường",
                     lead_unit="Văn phòng", deadline_kind="days_before", days_before=13,
                     status="done"),
            ]
        )  # fmt: skip
        db.session.commit()
    found = problems(app, task_checks.deadlines_before_signing)
    # task 1 is overdue (its own rule blocks it), task 5 is done, task 2 is after 05/01
    assert [p.message for p in found] == [
        "Nhiệm vụ số 3 “Rà soát danh sách khen thưởng” có hạn 31/12/2026, trước ngày ký kế "
        "hoạch 05/01/2027: kế hoạch giao một việc đã hết hạn khi được ký — hãy dời thời hạn "
        "hoặc ngày ký.",
        "Nhiệm vụ số 4 “Gửi Giấy mời đại biểu” có hạn 02/01/2027, trước ngày ký kế hoạch "
        "05/01/2027: kế hoạch giao một việc đã hết hạn khi được ký — hãy dời thời hạn hoặc "
        "ngày ký.",
    ]
    assert all(p.severity == WARN and p.key == "tasks.deadline_before_signing" for p in found)
    assert found[0].fix_url.startswith(f"/hoi-nghi/{conference_id}/nhiem-vu/")
    assert "ke-hoach" in found[0].printouts
    # the ngày ký blank: the documents print the year of the plan's first duty less 15 days
    # (conferences.logic.signing_year, issue 17: task 1 due 01/12/2026 → "năm 2026"), so no
    # deadline falls in a year before the printed one and nothing blocks
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        conference.signing_date = None
        db.session.commit()
        from kehoach_app.conferences.logic import signing_year

        assert signing_year(conference.values()) == 2026
    found = problems(app, task_checks.deadlines_before_signing)
    assert found == []
    # once the 2026 tasks are done, every open deadline is in the conference's year: nothing
    with app.app_context():
        db.session.query(Task).filter(
            Task.conference_id == conference_id, Task.position.in_((1, 3))
        ).update({"status": "done"})
        db.session.commit()
    assert problems(app, task_checks.deadlines_before_signing) == []


def test_the_demo_has_no_deadline_before_signing(app, demo_id):
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        context = CheckContext(conference, dt.date.today())
        assert list(task_checks.deadlines_before_signing(context)) == []
