"""Deadlines and the calendar (issue 16, item 8): a deadline on a weekend or a public holiday —
Tết from the lunar calendar included — is flagged and offered the working day before in one
click (a fixed deadline, undoable); every date the program words says "chậm nhất ngày".

Worked by hand: a conference on Friday 15/01/2027 has its invitations (5 days before) due on
Sunday 10/01/2027; Saturday 09/01 is off too, so the working day before is Friday 08/01. Moved
to Friday 12/02/2027, they fall due on Sunday 07/02/2027, mùng 2 Tết Đinh Mùi (mùng 1 is
06/02/2027); 04/02 (29 Tết) to 10/02 (mùng 5) are off, so the working day before is Wednesday
03/02/2027.
"""

from __future__ import annotations

import datetime as dt
import re

from kehoach_app.plan.logic import _strip_date
from kehoach_app.tasks.logic import TaskData, describe_deadline
from tests.conftest import post
from tests.tasks.task_helpers import make_conference, tasks_in

D = dt.date
INVITATIONS = TaskData(
    "Phát hành Giấy mời", "Văn phòng", deadline_kind="days_before", days_before=5
)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_over_a_weekend_the_invitations_are_flagged_and_offered_friday():
    deadline = describe_deadline(INVITATIONS, D(2027, 1, 15))
    assert deadline.due == D(2027, 1, 10)
    assert deadline.day_off == "Chủ nhật"
    assert deadline.working_day == D(2027, 1, 8)
    assert deadline.phrase == (
        "hoàn thành trước 05 ngày tổ chức Hội nghị (chậm nhất ngày 10/01/2027)"
    )
    assert deadline.headline == "Chậm nhất ngày 10/01/2027"
    assert deadline.detail == "(trước 05 ngày tổ chức Hội nghị)"


def test_around_tet_2027_the_invitations_are_flagged_and_offered_the_day_before_29_tet():
    deadline = describe_deadline(INVITATIONS, D(2027, 2, 12))
    assert deadline.due == D(2027, 2, 7)
    assert deadline.day_off == "Mùng hai Tết Nguyên Đán"
    assert deadline.working_day == D(2027, 2, 3)
    # a working day is not flagged
    working = describe_deadline(INVITATIONS, D(2027, 1, 18))  # due Wednesday 13/01/2027
    assert working.day_off == "" and working.working_day is None


def test_every_computed_date_says_chậm_nhất_ngày():
    fixed = TaskData(
        "Gửi tham luận", "Các đơn vị", deadline_kind="fixed", deadline_date=D(2027, 1, 8)
    )
    assert describe_deadline(fixed, D(2027, 1, 15)).phrase == "hoàn thành chậm nhất ngày 08/01/2027"
    assert describe_deadline(fixed, D(2027, 1, 15)).headline == "Chậm nhất ngày 08/01/2027"
    month = TaskData("Bình xét", "Hội đồng", deadline_kind="month_before")
    assert describe_deadline(month, D(2027, 1, 15)).detail == "(chậm nhất ngày 31/12/2026)"
    # the plan keeps the seeds' relative wording and the fixed date as the deadline itself
    assert _strip_date(describe_deadline(INVITATIONS, D(2027, 1, 15)).phrase) == (
        "hoàn thành trước 05 ngày tổ chức Hội nghị"
    )
    assert _strip_date(describe_deadline(fixed, D(2027, 1, 15)).phrase) == (
        "hoàn thành chậm nhất ngày 08/01/2027"
    )


def _conference(app, day: D) -> int:
    return make_conference(
        app,
        day,
        tasks=[
            {
                "title": "Phát hành Giấy mời",
                "lead_unit": "Văn phòng",
                "deadline_kind": "days_before",
                "days_before": 5,
            },
            {
                "title": "Chuẩn bị hội trường",
                "lead_unit": "Văn phòng",
                "deadline_kind": "days_before",
                "days_before": 2,  # Wednesday 10/02/2027 is mùng 5 Tết; 13/01/2027 a Wednesday
            },
        ],
    )


def test_one_click_moves_the_deadline_to_the_working_day_before_and_undo_puts_it_back(app, client):
    conference_id = _conference(app, D(2027, 2, 12))
    invitations = tasks_in(app, conference_id)[0]
    page = f"/hoi-nghi/{conference_id}/nhiem-vu"
    text = text_of(client.get(page).get_data(as_text=True))
    assert "Hạn rơi vào ngày nghỉ (Mùng hai Tết Nguyên Đán)." in text
    assert "Chuyển về ngày làm việc trước (03/02/2027)" in text

    edit = f"{page}/{invitations.id}/sua"
    form_text = text_of(client.get(edit).get_data(as_text=True))
    assert (
        "Hạn 07/02/2027 rơi vào ngày nghỉ (Mùng hai Tết Nguyên Đán); ngày làm việc liền trước "
        "là Thứ Tư, 03/02/2027."
    ) in form_text
    assert "Chuyển về ngày làm việc trước" in form_text

    response = post(client, f"{page}/{invitations.id}/ngay-lam-viec", {"next": "form"}, page=edit)
    assert response.status_code == 302 and response.location.endswith(edit)
    moved = tasks_in(app, conference_id)[0]
    assert (moved.deadline_kind, moved.deadline_date, moved.days_before) == (
        "fixed",
        D(2027, 2, 3),
        None,
    )
    after = text_of(client.get(page).get_data(as_text=True))
    assert "Đã chuyển hạn nhiệm vụ số 1 về ngày làm việc trước: chậm nhất ngày 03/02/2027." in after
    assert "Mùng hai Tết" not in after  # no longer flagged (mùng 5 of task 2 still is)
    assert "Hạn rơi vào ngày nghỉ (Mùng năm Tết Nguyên Đán)." in after

    # a second click on a working day changes nothing
    post(client, f"{page}/{invitations.id}/ngay-lam-viec", page=page)
    assert tasks_in(app, conference_id)[0].deadline_date == D(2027, 2, 3)

    post(client, f"/hoi-nghi/{conference_id}/hoan-tac", page=page)
    restored = tasks_in(app, conference_id)[0]
    assert (restored.deadline_kind, restored.days_before, restored.deadline_date) == (
        "days_before",
        5,
        None,
    )


def test_a_weekend_deadline_is_offered_friday_on_the_list(app, client):
    conference_id = _conference(app, D(2027, 1, 15))
    text = text_of(client.get(f"/hoi-nghi/{conference_id}/nhiem-vu").get_data(as_text=True))
    assert "Hạn rơi vào ngày nghỉ (Chủ nhật)." in text
    assert "Chuyển về ngày làm việc trước (08/01/2027)" in text
    assert text.count("Hạn rơi vào ngày nghỉ") == 1  # 13/01/2027 is a Wednesday
