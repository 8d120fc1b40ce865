"""The budget pages: add, edit, override, reset, bad input, undo, stale tabs, derived lines."""

from __future__ import annotations

import re

from sqlalchemy import select

from kehoach_app.budget.models import BudgetLine, BudgetSettings
from kehoach_app.db import db
from tests.budget.conftest import settings_version
from tests.conftest import post


def _page(client, cid):
    return f"/hoi-nghi/{cid}/du-toan"


def _lines(app, cid):
    with app.app_context():
        rows = db.session.scalars(
            select(BudgetLine).where(BudgetLine.conference_id == cid).order_by(BudgetLine.position)
        ).all()
        return [
            (r.id, r.category, r.content, r.quantity_milli, r.unit_price, r.derived_key,
             r.overridden, r.version)
            for r in rows
        ]  # fmt: skip


def _shown(app, cid):
    """The lines as the page shows them (derived figures brought up to date in memory: a read
    stores nothing, issue 19); same shape as _lines, id 0 for a line not stored yet."""
    from kehoach_app.budget import operations
    from kehoach_app.conferences.models import Conference

    with app.app_context():
        budget, _specs = operations.budget_of(db.session.get(Conference, cid), as_started=True)
        return [
            (r.line.id, r.line.category, r.line.content, r.line.quantity_milli,
             r.line.unit_price, r.line.derived_key, r.line.overridden, r.line.version)
            for r in budget.rows
        ]  # fmt: skip


LINE = {
    "category": "van_nghe",
    "content": "Bồi dưỡng 03 tiết mục văn nghệ",
    "unit": "tiết mục",
    "quantity": "3",
    "unit_price": "1.500.000",
    "norm_code": "",
    "notes": "",
}


def _add(client, cid, **changes):
    return post(
        client, f"/hoi-nghi/{cid}/du-toan/them", {**LINE, **changes}, page=_page(client, cid)
    )


def test_page_opens_and_shows_total_in_words(app, client, conference_id):
    cid = conference_id
    response = client.get(_page(client, cid))
    assert response.status_code == 200
    _add(client, cid)
    html = client.get(_page(client, cid)).get_data(as_text=True)
    assert "4.500.000 đồng" in html
    assert "Bốn triệu năm trăm nghìn đồng" in html


def test_add_edit_delete_and_undo(app, client, conference_id):
    cid = conference_id
    response = _add(client, cid)
    assert response.status_code == 302
    assert "Hoàn tác" in client.get(_page(client, cid)).get_data(as_text=True)
    [(line_id, *_rest)] = _lines(app, cid)
    version = _lines(app, cid)[0][-1]
    response = post(
        client,
        f"/hoi-nghi/{cid}/du-toan/{line_id}/sua",
        {**LINE, "unit_price": "1,600,000", "version": str(version)},
        page=_page(client, cid),
    )
    assert response.status_code == 302
    assert _lines(app, cid)[0][4] == 1_600_000
    # undo puts the price back
    post(client, f"/hoi-nghi/{cid}/hoan-tac", page=_page(client, cid))
    assert _lines(app, cid)[0][4] == 1_500_000
    post(client, f"/hoi-nghi/{cid}/du-toan/{line_id}/xoa", page=_page(client, cid))
    assert _lines(app, cid) == []
    post(client, f"/hoi-nghi/{cid}/hoan-tac", page=_page(client, cid))
    assert len(_lines(app, cid)) == 1


def test_decimal_quantity_and_rounding_on_the_page(app, client, conference_id):
    cid = conference_id
    _add(client, cid, category="am_thanh_anh_sang", content="Âm thanh", unit="buổi",
         quantity="1,5", unit_price="3.333.333")  # fmt: skip
    assert _lines(app, cid)[0][3] == 1500
    html = client.get(_page(client, cid)).get_data(as_text=True)
    assert "5.000.000" in html  # 4.999.999,5 rounded half up
    assert "làm tròn" in html


def test_bad_input_is_refused_keeping_what_was_typed(app, client, conference_id):
    cid = conference_id
    cases = [
        ({"unit_price": "-5.000"}, "không được âm"),
        ({"unit_price": "15k"}, "phải là số đồng"),
        ({"quantity": "1,5", "unit": "bộ"}, "chỉ nhận số nguyên"),
        ({"quantity": "abc"}, "không nhập chữ"),
        ({"content": ""}, "Vui lòng nhập nội dung"),
        ({"category": "khong_co"}, "không thuộc danh sách"),
        ({"unit_price": "10.000.000.000.000"}, "quá lớn"),
    ]
    for changes, message in cases:
        response = _add(client, cid, **changes)
        html = response.get_data(as_text=True)
        assert response.status_code == 422, changes
        assert message in html, (changes, message)
        for value in changes.values():
            if value:
                assert f'value="{value}"' in html or value in html
    assert _lines(app, cid) == []


def test_line_and_total_capped_at_10_to_the_12(app, client, conference_id):
    cid = conference_id
    response = _add(client, cid, quantity="2", unit_price="600.000.000.000")
    assert response.status_code == 422
    assert "vượt mức tối đa" in response.get_data(as_text=True)
    assert _add(client, cid, quantity="1", unit_price="600.000.000.000").status_code == 302
    response = _add(client, cid, quantity="1", unit_price="500.000.000.000")
    assert response.status_code == 422
    assert "Tổng dự toán sẽ vượt" in response.get_data(as_text=True)
    assert len(_lines(app, cid)) == 1


def test_stale_edit_is_refused_keeping_input(app, client, conference_id):
    cid = conference_id
    _add(client, cid)
    line_id, *_, version = _lines(app, cid)[0]
    page = f"/hoi-nghi/{cid}/du-toan/{line_id}/sua"
    post(client, page, {**LINE, "unit_price": "1.700.000", "version": str(version)}, page=page)
    response = post(
        client, page, {**LINE, "unit_price": "1.800.000", "version": str(version)}, page=page
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "vừa được sửa ở cửa sổ khác" in html
    assert "1.800.000" in html
    assert _lines(app, cid)[0][4] == 1_700_000


def test_over_norm_warning_on_the_page(app, client, conference_id):
    cid = conference_id
    _add(client, cid, category="nuoc_uong", content="Nước uống", unit="người/ngày",
         quantity="150", unit_price="50.000")  # fmt: skip
    html = client.get(_page(client, cid)).get_data(as_text=True)
    assert "Vượt định mức 40.000 đ/người/ngày" in html
    assert "Thông tư số 40/2017/TT-BTC" in html


def _set_planned(app, cid, planned):
    """The conference's "Số đại biểu dự kiến": the count the budget follows (not the groups)."""
    from kehoach_app.conferences.models import Conference

    with app.app_context():
        db.session.get(Conference, cid).planned_delegates = planned
        db.session.commit()


def test_drinks_follow_planned_delegates_override_and_reset(app, client, conference_id):
    cid = conference_id
    client.get(_page(client, cid))
    post(
        client, f"/hoi-nghi/{cid}/du-toan/them-tu-tinh", {"key": "drinks"}, page=_page(client, cid)
    )
    [line] = _lines(app, cid)
    assert line[5] == "drinks" and line[3] == 150_000 and line[4] == 40_000  # 150 × 1 ngày
    _set_planned(app, cid, 180)
    assert "7.200.000" in client.get(_page(client, cid)).get_data(as_text=True)  # 180 × 40.000
    assert _shown(app, cid)[0][3] == 180_000
    assert _lines(app, cid)[0][3] == 150_000  # read, not stored (the next change stores it)
    # days 1,5 → 270 người/ngày
    post(
        client,
        f"/hoi-nghi/{cid}/du-toan/thiet-lap",
        {
            "norm_profile_id": "",
            "days": "1,5",
            "meal_location": "",
            "available_amount": "",
            "version": settings_version(client, cid),
        },
        page=f"/hoi-nghi/{cid}/du-toan/thiet-lap",
    )
    client.get(_page(client, cid))
    line_id, *_, version = _lines(app, cid)[0]
    assert _shown(app, cid)[0][3] == 270_000
    # override the quantity: it stays put and is shown as overridden
    response = post(
        client,
        f"/hoi-nghi/{cid}/du-toan/{line_id}/sua",
        {**LINE, "category": "nuoc_uong", "content": "Nước uống cho đại biểu",
         "unit": "người/ngày", "quantity": "200", "unit_price": "40.000", "version": str(version)},
        page=_page(client, cid),
    )  # fmt: skip
    assert response.status_code == 302
    _set_planned(app, cid, 200)
    html = client.get(_page(client, cid)).get_data(as_text=True)
    assert _lines(app, cid)[0][3] == 200_000 and _lines(app, cid)[0][6] is True
    assert "Số nhập tay — số tự tính: 300" in html
    post(client, f"/hoi-nghi/{cid}/du-toan/{line_id}/tinh-lai", page=_page(client, cid))
    assert _lines(app, cid)[0][3] == 300_000 and _lines(app, cid)[0][6] is False


def test_award_money_line_follows_the_awards(app, client, conference_id):
    from kehoach_app.awards import catalogue
    from kehoach_app.awards.models import Award, AwardForm

    cid = conference_id
    client.get(_page(client, cid))
    with app.app_context():
        catalogue.ensure_catalogue()
        form = db.session.scalar(
            select(AwardForm).where(AwardForm.code == "giay_khen_chu_tich_ubnd_xa")
        )
        form_id = form.id
        db.session.add(
            Award(conference_id=cid, form_id=form_id, position=1,
                  recipient_kind="individual", name="Nguyễn Văn An")
        )  # fmt: skip
        db.session.commit()
    client.get(_page(client, cid))
    money = [line for line in _shown(app, cid) if (line[5] or "").startswith("award_money:")]
    items = [line for line in _shown(app, cid) if (line[5] or "").startswith("award_items:")]
    assert len(money) == 1 and money[0][3] == 1000 and money[0][4] > 0
    assert items and items[0][3] == 1000
    assert money[0][0] == 0  # shown, not stored: reading writes nothing (issue 19)
    with app.app_context():
        db.session.add(
            Award(conference_id=cid, form_id=form_id, position=2,
                  recipient_kind="individual", name="Trần Thị Bình")
        )  # fmt: skip
        db.session.commit()
    client.get(_page(client, cid))
    money = [line for line in _shown(app, cid) if (line[5] or "").startswith("award_money:")]
    assert money[0][3] == 2000
    # any change of the estimate stores the derived lines as shown, then deletion is refused
    page = _page(client, cid)
    post(client, f"/hoi-nghi/{cid}/du-toan/them-tu-tinh", {"key": "drinks"}, page=page)
    money = [line for line in _lines(app, cid) if (line[5] or "").startswith("award_money:")]
    assert money[0][0] and money[0][3] == 2000
    # an automatic line cannot be deleted from the budget
    response = post(client, f"/hoi-nghi/{cid}/du-toan/{money[0][0]}/xoa", page=_page(client, cid),
                    follow_redirects=True)  # fmt: skip
    assert "không xóa được ở đây" in response.get_data(as_text=True)


def test_settings_meals_and_available_amount(app, client, conference_id):
    cid = conference_id
    page = f"/hoi-nghi/{cid}/du-toan/thiet-lap"
    client.get(page)
    response = post(
        client,
        page,
        {
            "norm_profile_id": "",
            "days": "1",
            "meal_location": "xa",
            "available_amount": "1.000.000",
            "version": settings_version(client, cid),
        },
        page=page,
    )
    assert response.status_code == 302
    html = client.get(_page(client, cid)).get_data(as_text=True)
    meals = [line for line in _lines(app, cid) if line[5] == "meals"]
    assert meals and meals[0][4] == 100_000 and meals[0][3] == 150_000
    assert "vượt số tiền có trong nguồn kinh phí" in html
    with app.app_context():
        assert db.session.get(BudgetSettings, cid).available_amount == 1_000_000
    response = post(
        client, page,
        {"norm_profile_id": "", "days": "40", "meal_location": "xa", "available_amount": "-1"},
        page=page,
    )  # fmt: skip
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Số ngày họp tối đa là 30" in html and "không được âm" in html


def test_norm_profiles_pages(app, client, conference_id):
    html = client.get("/dinh-muc-chi").get_data(as_text=True)
    assert "Thông tư 40/2017/TT-BTC" in html
    response = post(
        client, "/dinh-muc-chi/them",
        {"name": "Nghị quyết số 15/2025/NQ-HĐND tỉnh An Giang", "kind": "province", "notes": ""},
        page="/dinh-muc-chi/them",
    )  # fmt: skip
    assert response.status_code == 302
    profile_id = int(re.search(r"bo-(\d+)", response.headers["Location"]).group(1))
    response = post(
        client, f"/dinh-muc-chi/{profile_id}/muc/them",
        {"code": "drinks", "name": "Nước uống", "category": "nuoc_uong", "unit": "người/ngày",
         "amount": "30.000", "effective_from": "01/07/2025", "effective_to": "",
         "legal_basis": "Nghị quyết số 15/2025/NQ-HĐND, Điều 5"},
        page="/dinh-muc-chi",
    )  # fmt: skip
    assert response.status_code == 302
    cid = conference_id
    page = f"/hoi-nghi/{cid}/du-toan/thiet-lap"
    post(client, page, {"norm_profile_id": str(profile_id), "days": "1", "meal_location": "",
                        "available_amount": "", "version": settings_version(client, cid)},
         page=page)  # fmt: skip
    _add(client, cid, category="nuoc_uong", content="Nước uống", unit="người/ngày",
         quantity="150", unit_price="35.000")  # fmt: skip
    html = client.get(_page(client, cid)).get_data(as_text=True)
    assert "Vượt định mức 30.000 đ/người/ngày — Nghị quyết số 15/2025/NQ-HĐND, Điều 5" in html
    # a bad norm is refused
    response = post(
        client, f"/dinh-muc-chi/{profile_id}/muc/them",
        {"code": "Nước", "name": "x", "category": "nuoc_uong", "unit": "", "amount": "abc",
         "effective_from": "31/02/2025", "effective_to": "", "legal_basis": ""},
        page="/dinh-muc-chi",
    )  # fmt: skip
    assert response.status_code == 200
    assert "Chưa lưu" in response.get_data(as_text=True)


def test_preset_lines_on_creation_and_dashboard_card(app, client):
    with app.app_context():
        from kehoach_app.demo import create_demo_conference

        conference = create_demo_conference()
        db.session.commit()
        cid = conference.id
    lines = _lines(app, cid)
    assert any(line[5] == "drinks" for line in lines)
    assert any((line[5] or "").startswith("delegates:") for line in lines)
    assert any(line[6] for line in lines)  # the demo's overridden meals line
    html = client.get(f"/hoi-nghi/{cid}").get_data(as_text=True)
    assert "Tổng cộng:" in html
    assert "dòng nhập tay thay số tự tính" in html


def test_reorder_within_a_category(app, client, conference_id):
    cid = conference_id
    _add(client, cid, content="Tiết mục một")
    _add(client, cid, content="Tiết mục hai")
    second = _lines(app, cid)[1][0]
    post(client, f"/hoi-nghi/{cid}/du-toan/{second}/len", page=_page(client, cid))
    assert [line[2] for line in _lines(app, cid)] == ["Tiết mục hai", "Tiết mục một"]
    post(client, f"/hoi-nghi/{cid}/hoan-tac", page=_page(client, cid))
    assert [line[2] for line in _lines(app, cid)] == ["Tiết mục một", "Tiết mục hai"]


def test_budget_settings_saved_from_two_windows_keep_the_first(app, client, conference_id):
    """Two tabs open the settings; the first saves 131.000.000, the second's 132.000.000 is
    refused with a message and what it typed stays in the form (issue 18, attack review)."""
    cid = conference_id
    page = f"/hoi-nghi/{cid}/du-toan/thiet-lap"
    opened = settings_version(client, cid)
    values = {"norm_profile_id": "", "days": "1", "meal_location": "", "version": opened}
    first = post(client, page, {**values, "available_amount": "131.000.000"}, page=page)
    assert first.status_code == 302
    second = post(client, page, {**values, "available_amount": "132.000.000"}, page=page)
    assert second.status_code == 409
    html = second.get_data(as_text=True)
    assert "Thiết lập dự toán vừa được sửa ở cửa sổ khác" in html
    assert 'value="132.000.000"' in html
    with app.app_context():
        settings = db.session.get(BudgetSettings, cid)
        assert settings.available_amount == 131_000_000
