"""Issue 16 on the budget: meal support by where the meeting is held (Thông tư 40/2017/TT-BTC,
Điều 12 khoản 4 — a) 200.000, b) 150.000, c) 100.000), norms with a status marked on the page
and blocking until confirmed, and the province's resolution entered once, never a placeholder."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
from sqlalchemy import select

from kehoach_app.budget import logic, operations
from kehoach_app.budget.models import BudgetLine, Norm
from kehoach_app.checks import BLOCK, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conftest import post

from .conftest import make_conference


def _text(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _pdf(client, url: str) -> str:
    with pdfplumber.open(io.BytesIO(client.get(url).data)) as pdf:
        return " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())


def _problems(app, cid, prefix="budget."):
    with app.test_request_context():
        return [p for p in run_checks(db.session.get(Conference, cid)) if p.key.startswith(prefix)]


def _meal_line(app, cid, location: str) -> BudgetLine:
    with app.app_context():
        conference = db.session.get(Conference, cid)
        settings = operations.settings_of(conference, create=True)
        settings.meal_location = location
        db.session.flush()
        line = operations.add_derived_line(conference, "meals", snapshot=False)
        db.session.commit()
        return BudgetLine(unit_price=line.unit_price, norm_code=line.norm_code)


def test_meal_rate_by_where_the_meeting_is_held(app):
    """150 delegates (the conftest's planned count) × 1 day, at the rate of the location."""
    for location, rate in (("tp_trung_uong", 200_000), ("tinh", 150_000), ("xa", 100_000)):
        cid = make_conference(app)
        line = _meal_line(app, cid, location)
        assert line.unit_price == rate, location
        assert line.norm_code == f"meal_{location}"


def test_the_location_suggested_by_the_organiser():
    assert logic.default_meal_location("xa", "phuong", central_city=True) == "xa"  # c) always
    assert logic.default_meal_location("xa", "dac_khu") == "xa"
    assert logic.default_meal_location("xa") == "xa"  # a record without the unit fields
    assert logic.default_meal_location("tinh", "thanh_pho", central_city=True) == "tp_trung_uong"
    assert logic.default_meal_location("tinh", "tinh") == "tinh"
    assert logic.default_meal_location("tinh", "khac", central_city=True) == "tp_trung_uong"
    assert logic.default_meal_location("huyen") == "tinh"
    assert logic.MEAL_LOCATIONS["tp_trung_uong"].startswith(
        "a) Cuộc họp tổ chức tại nội thành thành phố trực thuộc trung ương (phường của Hà Nội"
    )


def test_an_unverified_norm_is_marked_and_blocks_until_confirmed(app, client):
    cid = make_conference(app)
    _meal_line(app, cid, "xa")
    page = f"/hoi-nghi/{cid}/du-toan"
    text = _text(client, page)
    assert "Số liệu chưa đối chiếu với văn bản" in text
    assert "Định mức “Hỗ trợ tiền ăn — cuộc họp do xã, phường, đặc khu tổ chức” 100.000" in text
    (problem,) = [p for p in _problems(app, cid) if p.key == "budget.unverified_norm"]
    assert problem.severity == BLOCK
    assert problem.message.startswith(
        "Định mức “Hỗ trợ tiền ăn — cuộc họp do xã, phường, đặc khu tổ chức” 100.000 "
        "đ/người/ngày (Định mức chung theo Thông tư 40/2017/TT-BTC) dùng cho dòng"
    )
    with app.app_context():
        norm = db.session.scalar(select(Norm).where(Norm.code == "meal_xa"))
        norm_id, version = norm.id, norm.version
    assert problem.fix_url == f"/dinh-muc-chi#muc-{norm_id}"
    pdf = _pdf(client, f"/hoi-nghi/{cid}/in/du-toan.pdf")
    assert "Điều 12 khoản 4 điểm c" not in pdf  # unverified: its basis does not print
    norms_page = "/dinh-muc-chi"
    post(
        client, f"/dinh-muc-chi/muc/{norm_id}/doi-chieu", {"version": str(version)}, page=norms_page
    )
    assert not [p for p in _problems(app, cid) if p.key == "budget.unverified_norm"]
    assert "Số liệu chưa đối chiếu" not in _text(client, page)
    assert "Đã đối chiếu ngày" in _text(client, norms_page)
    pdf = _pdf(client, f"/hoi-nghi/{cid}/in/du-toan.pdf")
    assert "Điều 12 khoản 4 điểm c" in pdf


def test_a_province_profile_prints_its_resolution_only_when_entered(app, client):
    cid = make_conference(app)
    with app.app_context():
        conference = db.session.get(Conference, cid)
        profile = operations.save_profile(None, {"name": "Tỉnh Lào Cai", "kind": "province"})
        norm = operations.save_norm(
            profile,
            None,
            {"code": "meal_xa", "name": "Hỗ trợ tiền ăn", "category": "an",
             "unit": "người/ngày", "amount": 120_000, "effective_from": dt.date(2025, 7, 1),
             "effective_to": None, "legal_basis": "Điều 3 khoản 2"},
        )  # fmt: skip
        operations.confirm_norm(norm, dt.date(2026, 12, 1))
        operations.settings_of(conference, create=True).norm_profile_id = profile.id
        db.session.commit()
        profile_id = profile.id
    line = _meal_line(app, cid, "xa")
    assert line.unit_price == 120_000  # the province's own figure overrides c)
    (problem,) = [p for p in _problems(app, cid) if p.key == "budget.resolution_missing"]
    assert problem.severity == BLOCK
    assert problem.message == (
        "Bộ định mức “Tỉnh Lào Cai” chưa ghi số và ngày nghị quyết, nên dự toán chưa in được căn "
        "cứ của các định mức lấy từ bộ này."
    )
    assert problem.fix_url == f"/dinh-muc-chi/{profile_id}/sua"
    pdf = _pdf(client, f"/hoi-nghi/{cid}/in/du-toan.pdf")
    assert "NQ-HĐND" not in pdf  # no placeholder resolution, ever
    form_page = f"/dinh-muc-chi/{profile_id}/sua"
    with app.app_context():
        version = operations.get_profile(profile_id).version
    refused = post(
        client,
        form_page,
        {"name": "Tỉnh Lào Cai", "kind": "province", "notes": "", "version": str(version),
         "resolution_number": "…/2025/NQ-HĐND", "resolution_date": "", "resolution_issuer": ""},
        page=form_page,
    )  # fmt: skip
    assert "Số văn bản còn chỗ trống “…”" in refused.get_data(as_text=True)
    post(
        client,
        form_page,
        {"name": "Tỉnh Lào Cai", "kind": "province", "notes": "", "version": str(version),
         "resolution_number": "12/2025/NQ-HĐND", "resolution_date": "10/07/2025",
         "resolution_issuer": "Hội đồng nhân dân tỉnh Lào Cai"},
        page=form_page,
    )  # fmt: skip
    assert not [p for p in _problems(app, cid) if p.key == "budget.resolution_missing"]
    pdf = _pdf(client, f"/hoi-nghi/{cid}/in/du-toan.pdf")
    assert "Nghị quyết số 12/2025/NQ-HĐND ngày 10/07/2025 của Hội đồng nhân dân tỉnh Lào Cai" in pdf


def test_meals_on_a_date_no_norm_covers_get_a_message(app):
    cid = make_conference(app, date=dt.date(2017, 3, 1))  # Thông tư 40/2017 from 01/7/2017
    _meal_line(app, cid, "xa")
    (problem,) = [p for p in _problems(app, cid) if p.key == "budget.meal_norm_missing"]
    assert problem.severity == BLOCK
    assert problem.message == (
        "Chưa có định mức tiền ăn áp dụng cho ngày 01/03/2017 (ngày hội nghị): các mức đã lưu áp "
        "dụng từ 01/07/2017."
    )
