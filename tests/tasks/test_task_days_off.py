"""The days the officer adds to the working-day calendar (DOMAIN.md, Working days: "the
government also moves days off by yearly notice: the officer can add them"): an extra day off,
a Saturday worked in exchange ("làm bù"), shared by every conference on the machine.

Worked by hand (Tết Đinh Mùi: 04/02/2027, 29 Tết, to Wednesday 10/02/2027, mùng 5, are off by
law). A conference on Wednesday 17/02/2027 has its invitations (5 days before) due on Friday
12/02/2027, a working day by law. The officer adds Thursday 11/02 and Friday 12/02 as days off
(a bridge after Tết): the deadline is flagged with the added reason, and the working day before
is no longer Thursday 11/02 but Wednesday 03/02/2027, the last day before 29 Tết. A conference
on Thursday 25/02/2027 has them due on Saturday 20/02/2027: flagged "Thứ Bảy" until the officer
marks that Saturday "làm bù", then a working day, and the working day before Sunday 21/02 is
that Saturday. Removing a day puts everything back.
"""

from __future__ import annotations

import datetime as dt
import re

from kehoach_app.checks import WARN, CheckContext
from kehoach_app.conferences import checks as conference_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.tasks import checks as task_checks
from kehoach_app.tasks.logic import (
    EXTRA_OFF,
    EXTRA_WORK,
    ExtraDay,
    TaskData,
    WorkCalendar,
    describe_deadline,
    extra_day_problem,
    non_working_reason,
    working_day_before,
)
from kehoach_app.tasks.models import CalendarDay
from tests.conftest import post
from tests.tasks.task_helpers import make_conference

D = dt.date
TODAY = D(2026, 12, 4)
INVITATIONS = TaskData("Phát hành Giấy mời", "Văn phòng", days_before=5)
BASIS = "Thông báo số 01/TB-BNV ngày 05/01/2027"
BRIDGE = (
    ExtraDay(D(2027, 2, 11), EXTRA_OFF, "Nghỉ thêm sau Tết Nguyên đán", BASIS),
    ExtraDay(D(2027, 2, 12), EXTRA_OFF, "Nghỉ thêm sau Tết Nguyên đán", BASIS),
)
MAKE_UP = ExtraDay(D(2027, 2, 20), EXTRA_WORK, "Làm bù cho ngày 12/02/2027", BASIS)
FLAGGED = "Nghỉ thêm sau Tết Nguyên đán theo Thông báo số 01/TB-BNV ngày 05/01/2027"
PAGE = "/ngay-nghi"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --------------------------------------------------------------------------- pure logic


def test_an_added_day_off_is_flagged_with_its_reason_and_moves_the_working_day_before():
    by_law = describe_deadline(INVITATIONS, D(2027, 2, 17))
    assert by_law.due == D(2027, 2, 12) and by_law.day_off == "" and by_law.working_day is None

    calendar = WorkCalendar(BRIDGE)
    deadline = describe_deadline(INVITATIONS, D(2027, 2, 17), calendar=calendar)
    assert deadline.due == D(2027, 2, 12)
    assert deadline.day_off == FLAGGED
    assert deadline.working_day == D(2027, 2, 3)  # 11/02 added, 04/02–10/02 Tết
    assert working_day_before(D(2027, 2, 15), calendar) == D(2027, 2, 3)  # a Monday
    assert working_day_before(D(2027, 2, 15)) == D(2027, 2, 12)  # by law alone
    # the calendar is not part of the deadline's value
    assert deadline == describe_deadline(INVITATIONS, D(2027, 2, 17))


def test_a_saturday_worked_in_exchange_is_a_working_day():
    saturday = describe_deadline(INVITATIONS, D(2027, 2, 25))
    assert saturday.due == D(2027, 2, 20) and saturday.day_off == "Thứ Bảy"
    assert saturday.working_day == D(2027, 2, 19)

    calendar = WorkCalendar([*BRIDGE, MAKE_UP])
    worked = describe_deadline(INVITATIONS, D(2027, 2, 25), calendar=calendar)
    assert worked.day_off == "" and worked.working_day is None
    assert non_working_reason(D(2027, 2, 21), calendar) == "Chủ nhật"
    assert working_day_before(D(2027, 2, 21), calendar) == D(2027, 2, 20)


def test_the_package_s_own_swapped_saturdays_are_working_days():
    # The Prime Minister's swap for 2025 the package knows: Friday 02/5 off, Saturday 26/4 worked.
    assert non_working_reason(D(2025, 5, 2)) == "Ngày nghỉ (thay cho ngày 26/04/2025)"
    assert non_working_reason(D(2025, 4, 26)) == ""
    assert non_working_reason(D(2025, 4, 27)) == "Chủ nhật"


def test_what_cannot_be_added_is_refused_in_vietnamese():
    assert extra_day_problem(D(2027, 2, 11), EXTRA_OFF, BRIDGE) == (
        "Ngày 11/02/2027 đã có trong danh sách (Nghỉ: Nghỉ thêm sau Tết Nguyên đán); hãy sửa "
        "dòng đó thay vì thêm dòng mới."
    )
    # the row being edited is not its own duplicate
    stored = ExtraDay(D(2027, 2, 11), EXTRA_OFF, "Nghỉ thêm", id=7)
    assert extra_day_problem(D(2027, 2, 11), EXTRA_OFF, [stored], editing=7) == ""
    assert extra_day_problem(D(2027, 2, 17), EXTRA_WORK, ()) == (
        "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật: ngày 17/02/2027 là Thứ Tư, vốn đã là ngày "
        "làm việc."
    )
    assert extra_day_problem(D(2027, 5, 1), EXTRA_WORK, ()) == (
        "Ngày 01/05/2027 là ngày lễ (Ngày Quốc tế Lao động), không thể là ngày làm bù."
    )
    assert extra_day_problem(D(2027, 2, 8), EXTRA_OFF, ()) == (
        "Ngày 08/02/2027 đã là ngày nghỉ (Mùng ba Tết Nguyên Đán), không cần thêm."
    )
    assert extra_day_problem(D(2027, 2, 20), EXTRA_WORK, ()) == ""


# --------------------------------------------------------------------------- the page


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
            }
        ],
    )


def _add(client, day: str, kind: str, reason: str, basis: str = BASIS):
    return post(
        client,
        f"{PAGE}/them",
        {"day": day, "kind": kind, "reason": reason, "basis": basis},
        page=PAGE,
    )


def _rows(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.query(CalendarDay).order_by(CalendarDay.day).all()
        return [(row.day, row.kind, row.reason, row.basis) for row in rows]


def _day_off_problems(app, conference_id: int):
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        return list(task_checks.deadlines_on_days_off(CheckContext(conference, TODAY)))


def test_an_added_day_off_flags_the_task_and_removing_it_reverts(app, client):
    conference_id = _conference(app, D(2027, 2, 17))
    tasks_page = f"/hoi-nghi/{conference_id}/nhiem-vu"
    before = text_of(client.get(tasks_page).get_data(as_text=True))
    assert "Hạn rơi vào ngày nghỉ" not in before
    assert f'href="{PAGE}?hoi-nghi={conference_id}"' in client.get(tasks_page).get_data(
        as_text=True
    )
    assert _day_off_problems(app, conference_id) == []

    for day in ("11/02/2027", "12/02/2027"):
        response = _add(client, day, "off", "Nghỉ thêm sau Tết Nguyên đán")
        assert response.status_code == 302
    listing = text_of(client.get(PAGE).get_data(as_text=True))
    assert "Đã thêm ngày nghỉ Thứ Sáu, 12/02/2027 (Nghỉ thêm sau Tết Nguyên đán)" in listing
    assert "Thứ Năm, 11/02/2027 Nghỉ Nghỉ thêm sau Tết Nguyên đán " + BASIS in listing

    flagged = text_of(client.get(tasks_page).get_data(as_text=True))
    assert f"Hạn rơi vào ngày nghỉ ({FLAGGED})." in flagged
    assert "Chuyển về ngày làm việc trước (03/02/2027)" in flagged

    (problem,) = _day_off_problems(app, conference_id)
    assert problem.severity == WARN and problem.key == "tasks.deadline_day_off"
    assert problem.message == (
        f"Nhiệm vụ số 1 “Phát hành Giấy mời” có hạn 12/02/2027 rơi vào ngày nghỉ ({FLAGGED}); "
        "ngày làm việc liền trước là 03/02/2027."
    )
    assert problem.fix_url.endswith("/sua")
    assert problem.more_url == f"{PAGE}?hoi-nghi={conference_id}"
    assert problem.more_label == "Ngày nghỉ, ngày làm bù"
    checks_page = text_of(client.get(f"/hoi-nghi/{conference_id}/kiem-tra").get_data(True))
    assert FLAGGED in checks_page and "Ngày nghỉ, ngày làm bù" in checks_page

    with app.app_context():
        friday = db.session.query(CalendarDay).filter_by(day=D(2027, 2, 12)).one().id
    response = post(client, f"{PAGE}/{friday}/xoa", page=PAGE)
    assert response.status_code == 302
    assert "Đã xóa ngày nghỉ 12/02/2027 (Nghỉ thêm sau Tết Nguyên đán)." in text_of(
        client.get(PAGE).get_data(as_text=True)
    )
    after = text_of(client.get(tasks_page).get_data(as_text=True))
    assert "Hạn rơi vào ngày nghỉ" not in after
    assert _day_off_problems(app, conference_id) == []


def test_a_saturday_worked_in_exchange_stops_the_flag(app, client):
    conference_id = _conference(app, D(2027, 2, 25))
    tasks_page = f"/hoi-nghi/{conference_id}/nhiem-vu"
    assert "Hạn rơi vào ngày nghỉ (Thứ Bảy)." in text_of(client.get(tasks_page).get_data(True))
    assert len(_day_off_problems(app, conference_id)) == 1

    assert _add(client, "20/02/2027", "work", "Làm bù cho ngày 12/02/2027").status_code == 302
    assert "Hạn rơi vào ngày nghỉ" not in text_of(client.get(tasks_page).get_data(True))
    assert _day_off_problems(app, conference_id) == []


def test_the_conference_date_on_an_added_day_off_is_flagged(app, client):
    conference_id = _conference(app, D(2027, 2, 12))
    assert _add(client, "12/02/2027", "off", "Nghỉ thêm sau Tết Nguyên đán").status_code == 302
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        context = CheckContext(conference, TODAY)
        (problem,) = conference_checks.date_on_day_off(context)
    assert problem.message == (
        f"Hội nghị tổ chức ngày 12/02/2027, là ngày nghỉ (Thứ Sáu, {FLAGGED}): hãy kiểm tra "
        "lại ngày tổ chức (hội nghị nhân bản từ năm trước giữ ngày, tháng cũ)."
    )
    assert problem.more_url == f"{PAGE}?hoi-nghi={conference_id}"


def test_the_form_refuses_bad_entries_with_vietnamese_messages(app, client):
    bad_date = _add(client, "31/02/2027", "off", "Nghỉ thêm")
    assert bad_date.status_code == 400
    assert "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới." in text_of(bad_date.get_data(True))
    assert 'aria-invalid="true"' in bad_date.get_data(as_text=True)

    weekday = text_of(_add(client, "17/02/2027", "work", "Làm bù").get_data(True))
    assert "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật: ngày 17/02/2027 là Thứ Tư" in weekday

    no_reason = text_of(_add(client, "12/02/2027", "off", "").get_data(True))
    assert "Vui lòng nhập lý do, ví dụ “Nghỉ bù dịp Quốc khánh”." in no_reason

    unknown = text_of(_add(client, "12/02/2027", "holiday", "Nghỉ").get_data(True))
    assert "Hãy chọn loại ngày: Nghỉ hoặc Làm bù." in unknown

    assert _add(client, "12/02/2027", "off", "Nghỉ thêm").status_code == 302
    again = _add(client, "12/02/2027", "off", "Nghỉ thêm lần hai")
    assert again.status_code == 400
    assert "Ngày 12/02/2027 đã có trong danh sách (Nghỉ: Nghỉ thêm)" in text_of(
        again.get_data(True)
    )
    # without the CSRF token nothing is saved
    bare = client.post(f"{PAGE}/them", data={"day": "11/02/2027", "kind": "off", "reason": "x"})
    assert bare.status_code == 400
    assert _rows(app) == [(D(2027, 2, 12), "off", "Nghỉ thêm", BASIS)]


def test_an_edit_over_a_newer_version_is_refused_and_what_was_typed_is_kept(app, client):
    assert _add(client, "12/02/2027", "off", "Nghỉ thêm").status_code == 302
    with app.app_context():
        row_id = db.session.query(CalendarDay).one().id
    edit = f"{PAGE}/{row_id}/sua"
    form_html = client.get(edit).get_data(as_text=True)
    assert re.search(r'<input[^>]*name="version"[^>]*value="1"', form_html)
    assert 'value="12/02/2027"' in form_html and 'value="Nghỉ thêm"' in form_html

    saved = post(
        client,
        edit,
        {"version": "1", "day": "12/02/2027", "kind": "off", "reason": "Nghỉ thêm sau Tết",
         "basis": BASIS},
        page=edit,
    )  # fmt: skip
    assert saved.status_code == 302
    assert _rows(app) == [(D(2027, 2, 12), "off", "Nghỉ thêm sau Tết", BASIS)]

    # a second tab still holds version 1
    stale = post(
        client,
        edit,
        {"version": "1", "day": "11/02/2027", "kind": "off", "reason": "Gõ ở cửa sổ cũ",
         "basis": ""},
        page=edit,
    )  # fmt: skip
    assert stale.status_code == 409
    text = text_of(stale.get_data(as_text=True))
    assert "Ngày này vừa được sửa ở cửa sổ khác." in text
    assert 'value="Gõ ở cửa sổ cũ"' in stale.get_data(as_text=True)
    assert _rows(app) == [(D(2027, 2, 12), "off", "Nghỉ thêm sau Tết", BASIS)]


def test_the_demo_adds_no_day_and_keeps_nothing_blocking(app, demo_id):
    assert _rows(app) == []
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        context = CheckContext(conference, dt.date.today())
        found = [
            *task_checks.deadlines_on_days_off(context),
            *conference_checks.date_on_day_off(context),
        ]
        assert all(problem.severity == WARN for problem in found)
