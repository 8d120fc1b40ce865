"""Issue 17: a planned date as offices write it before they know the day — one of two days, a
part of a month, a quarter, "dự kiến" and the announce-later note — stored as the latest
possible day, worded as the seeds word it, and the invitation, envelope labels and programme
refused until the day is fixed."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pdfplumber
import pytest

from kehoach_app import transfer
from kehoach_app.conferences import logic
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.plan.logic import time_sentence
from tests.conferences.test_views import valid_form
from tests.conftest import post

SEEDS = Path(__file__).parent.parent / "plan" / "seeds"


def values(**overrides) -> dict:
    base = {
        "date": dt.date(2024, 1, 19),
        "date_kind": "exact",
        "date_other": None,
        "month_part": "",
        "date_tentative": False,
        "date_note": "",
        "start_time": dt.time(7, 30),
        "length": "half_day",
    }
    base.update(overrides)
    return base


# --------------------------------------------------------------------------- wording


def test_each_kind_is_worded_as_the_seeds_write_it():
    assert logic.planned_date_text(values()) == "Thứ Sáu, ngày 19 tháng 01 năm 2024"
    assert logic.planned_date_text(values(), weekday=False) == "ngày 19/01/2024"
    either = values(date_kind="either", date_other=dt.date(2024, 1, 18), date_tentative=True)
    assert logic.planned_date_text(either) == "dự kiến ngày 18 hoặc ngày 19/01/2024"  # seed 000
    across = values(date_kind="either", date=dt.date(2024, 2, 1), date_other=dt.date(2024, 1, 31))
    assert logic.planned_date_text(across) == "ngày 31/01 hoặc ngày 01/02/2024"
    month = values(
        date_kind="month_part",
        date=dt.date(2025, 2, 28),
        month_part="cuoi",
        date_tentative=True,
        date_note="(thời gian cụ thể sẽ có thông báo sau)",
    )
    assert (  # seed 001; the brackets typed by the officer are not doubled
        logic.planned_date_text(month)
        == "dự kiến vào cuối tháng 02/2025 (thời gian cụ thể sẽ có thông báo sau)"
    )
    early = values(date_kind="month_part", date=dt.date(2025, 3, 10), month_part="dau")
    assert logic.planned_date_text(early) == "đầu tháng 3/2025"  # Nghị định 30, "27/3/2020"
    whole = values(date_kind="month_part", date=dt.date(2025, 3, 31), month_part="ca")
    assert logic.planned_date_text(whole) == "trong tháng 3/2025"
    quarter = values(
        date_kind="quarter",
        date=dt.date(2024, 3, 31),
        date_note="khi tổ chức sẽ có Giấy mời đến các đại biểu tham dự Hội nghị",
    )
    assert logic.planned_date_text(quarter) == (  # seed 002
        "trong quý I năm 2024 (khi tổ chức sẽ có Giấy mời đến các đại biểu tham dự Hội nghị)"
    )
    tentative = values(date=dt.date(2020, 3, 27), date_tentative=True, date_note="Có Giấy mời sau")
    assert logic.planned_date_text(tentative, weekday=False) == (  # seed 003
        "dự kiến ngày 27/3/2020 (Có Giấy mời sau)"
    )


def test_the_time_sentence_of_the_plan():
    assert time_sentence(values()) == (
        "Thời gian: ½ ngày, bắt đầu lúc 07 giờ 30, Thứ Sáu, ngày 19 tháng 01 năm 2024."
    )
    either = values(date_kind="either", date_other=dt.date(2024, 1, 18), date_tentative=True)
    assert time_sentence(either) == "Thời gian: ½ ngày, dự kiến ngày 18 hoặc ngày 19/01/2024."
    quarter = values(date_kind="quarter", date=dt.date(2024, 3, 31), date_note="có Giấy mời sau")
    assert time_sentence(quarter) == "Thời gian: Trong quý I năm 2024 (có Giấy mời sau)."
    assert time_sentence(quarter, with_length=True) == (
        "Thời gian: ½ ngày, trong quý I năm 2024 (có Giấy mời sau)."
    )
    tentative = values(date=dt.date(2020, 3, 27), date_tentative=True, date_note="Có Giấy mời sau")
    assert time_sentence(tentative, with_length=False) == (
        "Thời gian: Dự kiến ngày 27/3/2020 (Có Giấy mời sau)."
    )


def test_latest_days():
    assert logic.month_part_last_day(2024, 2, "dau") == dt.date(2024, 2, 10)
    assert logic.month_part_last_day(2024, 2, "giua") == dt.date(2024, 2, 20)
    assert logic.month_part_last_day(2024, 2, "cuoi") == dt.date(2024, 2, 29)  # leap year
    assert logic.month_part_last_day(2025, 12, "ca") == dt.date(2025, 12, 31)
    assert [logic.quarter_last_day(2024, q) for q in (1, 2, 3, 4)] == [
        dt.date(2024, 3, 31),
        dt.date(2024, 6, 30),
        dt.date(2024, 9, 30),
        dt.date(2024, 12, 31),
    ]
    month = values(date_kind="month_part", date=dt.date(2025, 2, 28), month_part="cuoi")
    assert logic.latest_day_note(month) == "tính từ ngày muộn nhất có thể: 28/02/2025"
    assert logic.latest_day_note(values()) == ""
    assert logic.exact_date_refusal(values(), "giấy mời") == ""
    assert logic.exact_date_refusal(month, "giấy mời").startswith(
        "Chưa in được giấy mời: ngày tổ chức mới là “cuối tháng 02/2025”."
    )


def test_next_edition_moves_the_other_day_too():
    either = {
        **values(date_kind="either", date_other=dt.date(2024, 1, 18)),
        "year_reviewed": 2023,
        "year_launched": 2024,
    }
    copy = logic.next_edition(either, "tong_ket")
    assert (copy["date"], copy["date_other"]) == (dt.date(2025, 1, 19), dt.date(2025, 1, 18))


# --------------------------------------------------------------------------- the form


def _edit(app, client, conference_id, **overrides):
    page = f"/hoi-nghi/{conference_id}/sua"
    with app.app_context():
        version = db.session.get(Conference, conference_id).version
    return post(client, page, valid_form(version=str(version), **overrides), page=page)


def _stored(app, conference_id) -> tuple:
    with app.app_context():
        c = db.session.get(Conference, conference_id)
        return (c.date_kind, c.date, c.date_other, c.month_part, c.date_tentative, c.date_note)


def test_the_info_form_saves_each_kind(app, client, demo_id):
    response = _edit(
        app,
        client,
        demo_id,
        date_kind="either",
        date="19/01/2027",
        date_other="18/01/2027",
        date_tentative="y",
    )
    assert response.status_code == 302
    assert _stored(app, demo_id) == (
        "either",
        dt.date(2027, 1, 19),
        dt.date(2027, 1, 18),
        "",
        True,
        "",
    )
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    assert "Dự kiến ngày 18 hoặc ngày 19/01/2027" in html

    # the other way round: the later day is stored as `date`
    _edit(app, client, demo_id, date_kind="either", date="18/01/2027", date_other="19/01/2027")
    assert _stored(app, demo_id)[1:3] == (dt.date(2027, 1, 19), dt.date(2027, 1, 18))

    response = _edit(
        app,
        client,
        demo_id,
        date_kind="month_part",
        date="",
        date_month="02/2027",
        month_part="cuoi",
        date_note="thời gian cụ thể sẽ có thông báo sau",
    )
    assert response.status_code == 302
    assert _stored(app, demo_id) == (
        "month_part",
        dt.date(2027, 2, 28),
        None,
        "cuoi",
        False,
        "thời gian cụ thể sẽ có thông báo sau",
    )
    # the edit page shows the month back in its box
    form = client.get(f"/hoi-nghi/{demo_id}/sua").get_data(as_text=True)
    assert re.search(r'name="date_month"[^>]*value="02/2027"', form)

    response = _edit(
        app, client, demo_id, date_kind="quarter", date="", date_quarter="1", date_year="2027"
    )
    assert response.status_code == 302
    assert _stored(app, demo_id)[:4] == ("quarter", dt.date(2027, 3, 31), None, "")

    response = _edit(app, client, demo_id, date_kind="exact", date="15/01/2027")
    assert _stored(app, demo_id)[:4] == ("exact", dt.date(2027, 1, 15), None, "")


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"date_kind": "either", "date": "18/01/2027", "date_other": ""},
            "date_other",
            "Vui lòng nhập ngày thứ hai: “một trong hai ngày” cần cả hai.",
        ),
        (
            {"date_kind": "either", "date": "18/01/2027", "date_other": "28/01/2027"},
            "date_other",
            "Hai ngày cách nhau 10 ngày: “một trong hai ngày” chỉ dùng cho hai ngày cách nhau "
            "không quá 7 ngày",
        ),
        (
            {"date_kind": "either", "date": "18/01/2027", "date_other": "18/01/2027"},
            "date_other",
            "Hai ngày trùng nhau",
        ),
        (
            {"date_kind": "month_part", "date": "", "date_month": "02/2027", "month_part": ""},
            "month_part",
            "Vui lòng chọn đầu tháng, giữa tháng, cuối tháng hoặc cả tháng.",
        ),
        (
            {"date_kind": "month_part", "date": "", "date_month": "", "month_part": "cuoi"},
            "date_month",
            "Vui lòng nhập tháng tổ chức (tháng/năm), ví dụ 02/2027.",  # the year launched
        ),
        (
            {"date_kind": "month_part", "date_month": "13/2027", "month_part": "cuoi"},
            "date_month",
            "Không đọc được tháng “13/2027”: hãy nhập tháng/năm, ví dụ 02/2027.",
        ),
        (
            {"date_kind": "quarter", "date": "", "date_quarter": "", "date_year": "2027"},
            "date_quarter",
            "Vui lòng chọn quý và năm tổ chức",
        ),
        (
            {"date_kind": "exact", "date": ""},
            "date",
            "Vui lòng nhập ngày tổ chức (ngày/tháng/năm).",
        ),
        (  # the ngày ký is compared with the latest possible day
            {
                "date_kind": "month_part",
                "date_month": "02/2027",
                "month_part": "dau",
                "signing_date": "15/02/2027",
            },
            "signing_date",
            "Ngày ký văn bản không được sau ngày tổ chức (10/02/2027).",
        ),
    ],
)
def test_the_info_form_refuses_bad_planned_dates(app, client, demo_id, overrides, field, message):
    before = _stored(app, demo_id)
    response = _edit(app, client, demo_id, **overrides)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    error = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    assert error and message in error.group(1).replace("&#34;", '"'), html[:0]
    assert _stored(app, demo_id) == before  # nothing saved


# --------------------------------------------------------------------------- printouts, checks


def _set_month_part(app, conference_id):
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        conference.date_kind = "month_part"
        conference.month_part = "cuoi"
        conference.date = dt.date(2027, 2, 28)
        db.session.commit()


@pytest.mark.parametrize(
    "url, document, why",
    [
        ("/in/giay-moi.pdf", "giấy mời", "Giấy mời ghi ngày, giờ họp cụ thể"),
        ("/in/chuong-trinh.pdf", "chương trình hội nghị", "ghi ngày họp cụ thể"),
        ("/in/chuong-trinh.docx", "chương trình hội nghị", "ghi ngày họp cụ thể"),
        ("/in/kich-ban-dieu-hanh.pdf", "kịch bản điều hành", "đọc ngày họp (“Hôm nay, ngày …”)"),
        ("/dai-bieu/giay-moi.pdf", "giấy mời", "Giấy mời ghi ngày, giờ họp cụ thể"),
    ],
)
def test_the_invitation_and_programme_wait_for_the_day(app, client, demo_id, url, document, why):
    _set_month_part(app, demo_id)
    response = client.get(f"/hoi-nghi/{demo_id}{url}")
    assert response.status_code == 409
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f"Chưa in được {document}: ngày tổ chức mới là “cuối tháng 02/2027”." in html
    assert why in html  # what on this printout needs the day, not a blanket "must carry it"
    assert "chọn “Ngày cụ thể” và nhập ngày tổ chức" in html


@pytest.mark.parametrize("url", ["/in/nhan-phong-bi.pdf", "/dai-bieu/nhan-phong-bi.pdf"])
def test_the_envelope_labels_print_before_the_day_they_carry_no_date(app, client, demo_id, url):
    _set_month_part(app, demo_id)
    response = client.get(f"/hoi-nghi/{demo_id}{url}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert not re.search(r"ngày \d|tháng \d|\d{2}/\d{2}/\d{4}|2027", text)


def test_the_plan_prints_before_the_day_is_known(app, client, demo_id):
    _set_month_part(app, demo_id)
    response = client.get(f"/hoi-nghi/{demo_id}/in/ke-hoach.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "cuối tháng 02/2027" in " ".join(text.split())


def test_the_print_centre_and_the_check_page_say_why(app, client, demo_id):
    _set_month_part(app, demo_id)
    centre = client.get(f"/hoi-nghi/{demo_id}/in").get_data(as_text=True)
    assert "Chưa in được giấy mời: ngày tổ chức mới là “cuối tháng 02/2027”." in centre
    assert f"/hoi-nghi/{demo_id}/in/giay-moi.pdf" not in centre
    assert f"/hoi-nghi/{demo_id}/in/ke-hoach.pdf" in centre  # the plan still prints
    checks_page = client.get(f"/hoi-nghi/{demo_id}/kiem-tra").get_data(as_text=True)
    assert "Ngày tổ chức chưa chốt (“cuối tháng 02/2027”)" in checks_page

    from kehoach_app.checks import BLOCK, run_checks

    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        problems = [p for p in run_checks(conference) if p.key == "info.date_not_fixed"]
    assert len(problems) == 1 and problems[0].severity == BLOCK
    assert set(problems[0].printouts) == {
        "giay-moi",
        "chuong-trinh",
        "kich-ban-dieu-hanh",
        "danh-sach-ky-nhan",  # signed on the day
        "noi-dung-in",  # the print shop's sheet: hung on the day
    }
    assert "ke-hoach" not in problems[0].printouts  # the plan is signed before the day


def test_the_set_leaves_out_what_waits_for_the_day(app, demo_id):
    from kehoach_app.printouts import build_set

    _set_month_part(app, demo_id)
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        names = [name for name, _ in build_set(conference, helpers=0)]
    # file names are "<title> - <year>.<ext>" ("Danh sách ký nhận tiền thưởng" is another one)
    waiting = tuple(
        f"{title} - "
        for title in (
            "Giấy mời",
            "Chương trình hội nghị",
            "Kịch bản điều hành",
            "Danh sách ký nhận",
            "Nội dung in băng rôn, phông",
        )
    )
    assert not any(name.startswith(waiting) for name in names)
    assert any(name.startswith("Kế hoạch") for name in names)
    assert any(name.startswith("Nhãn phong bì - ") for name in names)  # no date on a label


def test_countdown_counts_from_the_latest_day(app, client, demo_id):
    _set_month_part(app, demo_id)
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    assert "tính từ ngày muộn nhất có thể: 28/02/2027" in html
    tasks = client.get(f"/hoi-nghi/{demo_id}/nhiem-vu").get_data(as_text=True)
    assert "tính từ ngày muộn nhất có thể: 28/02/2027" in tasks
    assert "Cuối tháng 02/2027" in tasks


# --------------------------------------------------------------------------- file, undo


def test_the_conference_file_carries_the_planned_date(app, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        conference.date_kind = "either"
        conference.date = dt.date(2027, 1, 19)
        conference.date_other = dt.date(2027, 1, 18)
        conference.date_tentative = True
        conference.date_note = "có Giấy mời sau"
        db.session.commit()
        document = transfer.export_conference(conference)
        assert document["conference"]["date_other"] == "2027-01-18"
        copy = transfer.import_conference(transfer.dump_json(document))
        db.session.flush()
        assert (copy.date_kind, copy.date, copy.date_other, copy.date_tentative) == (
            "either",
            dt.date(2027, 1, 19),
            dt.date(2027, 1, 18),
            True,
        )
        assert copy.date_note == "có Giấy mời sau"
        # a file written before the planned-date kinds imports as an exact day
        for key in ("date_kind", "date_other", "month_part", "date_tentative", "date_note"):
            del document["conference"][key]
        older = transfer.import_conference(json.dumps(document).encode())
        db.session.flush()
        assert (older.date_kind, older.date, older.date_other) == (
            "exact",
            dt.date(2027, 1, 19),
            None,
        )
        db.session.rollback()


def test_a_bad_planned_date_in_a_file_is_refused(app):
    document = json.loads((SEEDS / "000.kehoach.json").read_text(encoding="utf-8"))
    document["conference"]["date_other"] = "2024-02-19"  # a month from the other day
    with app.app_context(), pytest.raises(transfer.ConferenceFileError) as refused:
        transfer.import_conference(json.dumps(document).encode())
    assert any("Ngày thứ hai: Hai ngày cách nhau 31 ngày" in m for m in refused.value.messages)


def test_undo_puts_the_exact_day_back(app, client, demo_id):
    before = _stored(app, demo_id)
    _edit(app, client, demo_id, date_kind="quarter", date="", date_quarter="2", date_year="2027")
    assert _stored(app, demo_id)[:2] == ("quarter", dt.date(2027, 6, 30))
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", page=f"/hoi-nghi/{demo_id}")
    assert _stored(app, demo_id) == before
    assert before[0] == "exact"
