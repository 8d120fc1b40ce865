"""Issue 17: a duty's deadline in the seeds' own words — "trước ngày …", "chậm nhất vào ngày …",
"trong tháng …", "trước ngày tổ chức … ít nhất … ngày" — and none for ongoing duties; the task
page says when the deadline counts from the latest possible day."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.plan.logic import task_when
from kehoach_app.tasks.forms import TaskForm
from kehoach_app.tasks.logic import TaskData, describe_deadline
from tests.conftest import post
from tests.tasks.task_helpers import make_conference, tasks_in

EVENT = dt.date(2025, 2, 28)  # seed 001: "cuối tháng 02/2025", the latest possible day


def task(kind: str, words: str = "", days: int | None = None, date=None, title="Việc") -> TaskData:
    return TaskData(title, "Sở Nội vụ", (), kind, days, date, deadline_words=words)


@pytest.mark.parametrize(
    "item, due, phrase, plan",
    [
        (  # seed 001: the day named is the first day too late
            task("fixed", "truoc_ngay", date=dt.date(2025, 1, 10)),
            dt.date(2025, 1, 9),
            "trước ngày 10/01/2025 (chậm nhất ngày 09/01/2025)",
            " trước ngày 10/01/2025",
        ),
        (
            task("fixed", "cham_nhat_vao", date=dt.date(2025, 1, 15)),
            dt.date(2025, 1, 15),
            "chậm nhất vào ngày 15/01/2025",
            " chậm nhất vào ngày 15/01/2025",
        ),
        (
            task("fixed", "trong_thang", date=dt.date(2024, 2, 3)),
            dt.date(2024, 2, 29),
            "hoàn thành trong tháng 02 năm 2024 (chậm nhất ngày 29/02/2024)",
            " (hoàn thành trong tháng 02 năm 2024)",
        ),
        (
            task("days_before", "it_nhat", days=15),
            dt.date(2025, 2, 13),
            "hoàn thành trước ngày tổ chức Hội nghị ít nhất 15 ngày (chậm nhất ngày 13/02/2025)",
            " (hoàn thành trước ngày tổ chức Hội nghị ít nhất 15 ngày)",
        ),
        (
            task("month_before", "thang_so"),
            dt.date(2025, 1, 31),
            "hoàn thành trong tháng 01/2025",
            " (hoàn thành trong tháng 01/2025)",
        ),
        (  # the program's own words, unchanged (seed 000)
            task("days_before", days=5),
            dt.date(2025, 2, 23),
            "hoàn thành trước 05 ngày tổ chức Hội nghị (chậm nhất ngày 23/02/2025)",
            " (hoàn thành trước 05 ngày tổ chức Hội nghị)",
        ),
        (
            task("month_before"),
            dt.date(2025, 1, 31),
            "hoàn thành trong tháng 01 năm 2025",
            " (hoàn thành trong tháng 01 năm 2025)",
        ),
        (
            task("fixed", date=dt.date(2025, 1, 15)),
            dt.date(2025, 1, 15),
            "hoàn thành chậm nhất ngày 15/01/2025",
            " (hoàn thành chậm nhất ngày 15/01/2025)",
        ),
    ],
)
def test_each_wording(item, due, phrase, plan):
    deadline = describe_deadline(item, EVENT)
    assert deadline.due == due
    assert deadline.phrase == phrase
    assert task_when(item, EVENT) == plan


def test_ongoing_duties_have_no_deadline_in_the_plan():
    ongoing = task("days_before", "it_nhat", days=3, title="Tuyên truyền trước, trong và sau")
    assert task_when(ongoing, EVENT) == ""
    assert task_when(task("none"), EVENT) == ""
    assert describe_deadline(task("none"), EVENT).due is None


def test_a_wording_of_another_kind_is_ignored_by_the_logic():
    # a file cannot carry it (the form refuses it), but an odd row prints the default words
    odd = task("days_before", "truoc_ngay", days=5)
    assert describe_deadline(odd, EVENT).phrase.startswith("hoàn thành trước 05 ngày")


def _form(app, **data) -> TaskForm:
    from werkzeug.datastructures import MultiDict

    base = {"title": "Việc", "lead_unit": "Sở Nội vụ", "status": "todo"}
    with app.test_request_context():
        form = TaskForm(formdata=MultiDict({**base, **data}), meta={"csrf": False})
        form.validate()
        return form


def test_the_form_refuses_a_wording_of_another_kind(app):
    form = _form(app, deadline_kind="days_before", days_before="5", deadline_words="truoc_ngay")
    assert form.errors["deadline_words"] == [
        "Cách ghi “trước ngày …” (ngày ghi là ngày đã quá hạn) chỉ dùng với thời hạn "
        "“Ngày cố định”."
    ]
    form = _form(app, deadline_kind="none", deadline_words="khong-co")
    assert form.errors["deadline_words"] == [
        "Cách ghi thời hạn không hợp lệ — hãy chọn trong danh sách."
    ]
    form = _form(
        app, deadline_kind="fixed", deadline_date="10/01/2025", deadline_words="truoc_ngay"
    )
    assert not form.errors and form.task_values()["deadline_words"] == "truoc_ngay"


def test_the_task_page_saves_the_wording_and_counts_from_the_latest_day(app, client):
    conference_id = make_conference(
        app,
        dt.date(2099, 2, 28),
        date_kind="month_part",
        month_part="cuoi",
    )
    page = f"/hoi-nghi/{conference_id}/nhiem-vu/them"
    data = {
        "title": "Gửi báo cáo tổng kết về Sở Nội vụ",
        "lead_unit": "Cụm Trưởng",
        "support_units": "",
        "deadline_kind": "fixed",
        "days_before": "",
        "deadline_date": "10/01/2099",
        "deadline_words": "truoc_ngay",
        "status": "todo",
        "notes": "",
    }
    assert post(client, page, data, page=page).status_code == 302
    (row,) = tasks_in(app, conference_id)
    assert (row.deadline_words, row.deadline_date) == ("truoc_ngay", dt.date(2099, 1, 10))
    html = client.get(f"/hoi-nghi/{conference_id}/nhiem-vu/{row.id}/sua").get_data(as_text=True)
    assert "tính từ ngày muộn nhất có thể: 28/02/2099" in html
    assert "Trước ngày 10/01/2099 (chậm nhất ngày 09/01/2099)" in html
    listing = client.get(f"/hoi-nghi/{conference_id}/nhiem-vu").get_data(as_text=True)
    assert "Cuối tháng 02/2099" in listing
