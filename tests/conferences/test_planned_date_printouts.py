"""Issue 17, loose ends: every printout and page that words the conference's day, while the day is
not fixed yet (docs/planned-dates.md "Printouts that need the day").

A document that needs the day itself (read aloud, hung or signed on the day) waits for it like the
invitation; a document that only says when the conference is words the planned date as the plan
does ("Dự kiến cuối tháng 02/2027 …"), never the latest possible day as if it were the day.
"""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest

from kehoach_app.conferences import logic
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.tasks.logic import document_head

# The latest possible day of "cuối tháng 02/2027", as a fixed day would print it.
AS_A_DAY = ("28 tháng 02 năm 2027", "28/02/2027")


def _plan_for(app, conference_id, **fields):
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        values = {
            "date_kind": "month_part",
            "month_part": "cuoi",
            "date": dt.date(2027, 2, 28),
            "date_tentative": True,
            "date_note": "thời gian cụ thể sẽ có thông báo sau",
        }
        values.update(fields)
        for name, value in values.items():
            setattr(conference, name, value)
        db.session.commit()


def _pdf_text(response) -> str:
    assert response.status_code == 200, response.status_code
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(text.split())


def _get_pdf(client, conference_id, key) -> str:
    return _pdf_text(client.get(f"/hoi-nghi/{conference_id}/in/{key}.pdf"))


# --------------------------------------------------------------------------- the wording


def test_a_working_documents_time_line():
    values = {
        "date": dt.date(2027, 1, 15),
        "start_time": dt.time(7, 30),
        "date_kind": "exact",
        "date_tentative": False,
    }
    assert logic.event_time_text(values) == "07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027"
    planned = {
        **values,
        "date": dt.date(2027, 2, 28),
        "date_kind": "month_part",
        "month_part": "cuoi",
        "date_tentative": True,
        "date_note": "(thời gian cụ thể sẽ có thông báo sau)",
    }
    assert logic.event_time_text(planned) == (
        "Dự kiến vào cuối tháng 02/2027 (thời gian cụ thể sẽ có thông báo sau)"
    )
    # an exact day still "dự kiến" has no hour yet, as the plan's "Thời gian" writes it
    tentative = {**values, "date_tentative": True}
    assert logic.event_time_text(tentative) == "Dự kiến Thứ Sáu, ngày 15 tháng 01 năm 2027"


def test_the_month_a_planned_date_names():
    day = dt.date(2024, 3, 31)
    assert logic.known_month({"date": day, "date_kind": "exact"}) == 3
    assert logic.known_month({"date": day, "date_kind": "month_part"}) == 3
    assert logic.known_month({"date": day, "date_kind": "quarter"}) is None
    two_months = {"date": dt.date(2024, 2, 1), "date_kind": "either"}
    assert logic.known_month({**two_months, "date_other": dt.date(2024, 1, 30)}) is None
    assert logic.known_month({**two_months, "date_other": dt.date(2024, 2, 2)}) == 2


# --------------------------------------------------------------------------- refused


@pytest.mark.parametrize(
    "key, fmt, document",
    [
        ("danh-sach-ky-nhan", "pdf", "danh sách ký nhận"),
        ("danh-sach-ky-nhan", "xlsx", "danh sách ký nhận"),
        ("noi-dung-in", "pdf", "nội dung in băng rôn, phông"),
    ],
)
def test_documents_used_on_the_day_wait_for_it(app, client, demo_id, key, fmt, document):
    _plan_for(app, demo_id)
    response = client.get(f"/hoi-nghi/{demo_id}/in/{key}.{fmt}")
    assert response.status_code == 409 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f"Chưa in được {document}: ngày tổ chức mới là" in html
    centre = client.get(f"/hoi-nghi/{demo_id}/in").get_data(as_text=True)
    assert f"/hoi-nghi/{demo_id}/in/{key}.{fmt}" not in centre
    # the decoration page offers no button that would only be refused
    if key == "noi-dung-in":
        page = client.get(f"/hoi-nghi/{demo_id}/trang-tri").get_data(as_text=True)
        assert f"/in/{key}.pdf" not in page
        assert "in được khi đã chốt ngày tổ chức" in page


def test_the_check_names_every_document_that_waits(app, client, demo_id):
    _plan_for(app, demo_id)
    page = client.get(f"/hoi-nghi/{demo_id}/kiem-tra").get_data(as_text=True)
    assert (
        "giấy mời, chương trình hội nghị, kịch bản điều hành, danh sách ký nhận "
        "và nội dung in băng rôn, phông chưa in được"
    ) in " ".join(page.split())
    assert "nhãn phong bì" not in page  # a label carries no date: it prints before the day


# --------------------------------------------------------------------------- worded


@pytest.mark.parametrize(
    "key",
    ["kich-ban-trao-thuong", "so-do-cho-ngoi", "danh-sach-cho-ngoi", "so-theo-doi-giay-moi"],
)
def test_documents_that_mention_the_time_word_the_planned_date(app, client, demo_id, key):
    _plan_for(app, demo_id)
    text = _get_pdf(client, demo_id, key)
    assert "Dự kiến vào cuối tháng 02/2027 (thời gian cụ thể sẽ có thông báo sau)" in text
    assert not any(day in text for day in AS_A_DAY), text


def test_the_decoration_checklist_counts_from_the_latest_day_and_says_so(app, client, demo_id):
    _plan_for(app, demo_id, date_tentative=False, date_note="")
    text = _get_pdf(client, demo_id, "bang-kiem-trang-tri")
    assert "Thời gian hội nghị: Cuối tháng 02/2027, tại" in text
    # the usual deadline, one day before the latest day, and what it counts from: one bracket
    assert (
        "Hoàn thành trang trí: Thứ Bảy, 27/02/2027 (trước 01 ngày, tính từ ngày muộn nhất có "
        "thể: 28/02/2027)."
    ) in text
    page = client.get(f"/hoi-nghi/{demo_id}/trang-tri").get_data(as_text=True)
    assert "Thời gian tổ chức: Cuối tháng 02/2027; hạn hoàn thành tính từ ngày muộn nhất" in page
    assert "Chủ Nhật, 28/02/2027" not in page


def test_the_backdrop_leaves_the_day_blank_until_it_is_fixed(app, client, demo_id):
    _plan_for(app, demo_id)
    sketch = _get_pdf(client, demo_id, "phong-san-khau")
    assert "ngày … tháng 02 năm 2027" in sketch
    assert "28 tháng 02 năm 2027" not in sketch
    assert "ngày tổ chức chưa chốt" in sketch  # the note says why, not "Tạo lại …"
    # a quarter names no month either
    _plan_for(app, demo_id, date_kind="quarter", month_part="", date=dt.date(2027, 3, 31))
    sketch = _get_pdf(client, demo_id, "phong-san-khau")
    assert "ngày … tháng … năm 2027" in sketch
    # once the day is entered, the block follows it
    _plan_for(app, demo_id, date_kind="exact", month_part="", date=dt.date(2027, 3, 5))
    sketch = _get_pdf(client, demo_id, "phong-san-khau")
    assert "ngày 05 tháng 3 năm 2027" in sketch or "ngày 05 tháng 03 năm 2027" in sketch


@pytest.mark.parametrize(
    "page",
    ["/nhiem-vu/them", "/xoa", "/trang-tri/them"],
)
def test_pages_word_the_planned_date(app, client, demo_id, page):
    _plan_for(app, demo_id)
    response = client.get(f"/hoi-nghi/{demo_id}{page}")
    assert response.status_code == 200
    html = " ".join(response.get_data(as_text=True).split())
    assert "Dự kiến vào cuối tháng 02/2027" in html
    assert "Chủ Nhật, 28/02/2027" not in html


# --------------------------------------------------------------------------- tasks (loose end 2)


def _task_values(**overrides) -> dict:
    values = {
        "title": "Hội nghị tổng kết",
        "issuer": "Ủy ban nhân dân tỉnh Bình Thuận",
        "parent_body": "",
        "place_name": "Bình Thuận",
        "kind": "tong_ket",
        "date": dt.date(2025, 2, 28),
        "start_time": dt.time(7, 30),
        "date_kind": "month_part",
        "month_part": "cuoi",
        "date_tentative": True,
        "date_note": "thời gian cụ thể sẽ có thông báo sau",
        "venue": "Hội trường Ủy ban nhân dân tỉnh",
        "signing_date": None,
        "doc_number": "",
        "doc_symbol": "",
    }
    values.update(overrides)
    return values


def test_the_countdown_and_the_latest_day_share_one_bracket():
    head = document_head(_task_values())
    assert head.event_line_with(dt.date(2025, 1, 29)) == (
        "dự kiến vào cuối tháng 02/2025 (thời gian cụ thể sẽ có thông báo sau), tại Hội trường "
        "Ủy ban nhân dân tỉnh (còn 30 ngày, tính đến ngày muộn nhất có thể là 28/02/2025)"
    )
    assert ") (" not in head.event_line
    assert head.event_line.endswith(
        "tại Hội trường Ủy ban nhân dân tỉnh (các thời hạn tính từ ngày muộn nhất có thể: "
        "28/02/2025)"
    )
    # without a venue the facts join the date's own bracket
    bare = document_head(_task_values(venue=""))
    assert bare.event_line_with(dt.date(2025, 2, 28)) == (
        "dự kiến vào cuối tháng 02/2025 (thời gian cụ thể sẽ có thông báo sau; hôm nay, "
        "28/02/2025, là ngày muộn nhất có thể)"
    )
    assert document_head(_task_values(date_note="")).event_line_with(dt.date(2025, 3, 3)) == (
        "dự kiến vào cuối tháng 02/2025, tại Hội trường Ủy ban nhân dân tỉnh (ngày muộn nhất có "
        "thể là 28/02/2025, đã qua 3 ngày)"
    )
    exact = document_head(_task_values(date_kind="exact", date_tentative=False, date_note=""))
    assert exact.event_line_with(dt.date(2025, 2, 8)) == (
        "07 giờ 30, Thứ Sáu, ngày 28 tháng 02 năm 2025, tại Hội trường Ủy ban nhân dân tỉnh "
        "(còn 20 ngày)"
    )


def test_the_timeline_printout_writes_one_bracket(app, client, demo_id):
    _plan_for(app, demo_id)
    text = _get_pdf(client, demo_id, "tien-do-nhiem-vu")
    days = (dt.date(2027, 2, 28) - dt.date.today()).days
    line = text[text.index("Thời gian tổ chức") : text.index("Tính đến ngày")]
    assert line.endswith(f"(còn {days} ngày, tính đến ngày muộn nhất có thể là 28/02/2027). ")
    assert ") (" not in line and line.count("(còn") == 1
