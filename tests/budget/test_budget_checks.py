"""Kiểm tra trước khi trình ký — the budget's rules: a conference built to break each one
(message, severity, link), and the demo tripping none of the blocking ones."""

from __future__ import annotations

import pytest

from kehoach_app.budget import operations
from kehoach_app.budget.models import BudgetLine, BudgetSettings
from kehoach_app.checks import BLOCK, WARN, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.decor.models import DecorItem

from .conftest import make_conference


def _problems(app, cid, prefix="budget."):
    with app.test_request_context():
        conference = db.session.get(Conference, cid)
        found = [p for p in run_checks(conference) if p.key.startswith(prefix)]
        assert not db.session.dirty and not db.session.new  # checks never write
        return found


def _one(app, cid, key):
    found = [p for p in _problems(app, cid, key) if p.key == key]
    assert len(found) == 1, found
    return found[0]


LINE = {"category": "khac", "content": "Văn phòng phẩm", "unit": "gói",
        "quantity_milli": 1000, "unit_price": 1_000_000, "norm_code": "", "notes": ""}  # fmt: skip


def _add(app, cid, **changes) -> int:
    with app.test_request_context():
        conference = db.session.get(Conference, cid)
        line = operations.add_line(conference, {**LINE, **changes})
        db.session.commit()
        return line.id


def _settings(app, cid, **values):
    with app.app_context():
        conference = db.session.get(Conference, cid)
        settings = operations.settings_of(conference, create=True)
        for name, value in values.items():
            setattr(settings, name, value)
        db.session.commit()


def test_over_the_funds_available_blocks(app, conference_id):
    cid = conference_id
    _add(app, cid, quantity_milli=3000, unit_price=1_500_000)  # 4.500.000
    _settings(app, cid, available_amount=4_000_000)
    problem = _one(app, cid, "budget.over_available")
    assert problem.severity == BLOCK
    assert problem.message == (
        "Tổng dự toán 4.500.000 đồng vượt số tiền có trong nguồn kinh phí (4.000.000 đồng) "
        "500.000 đồng."
    )
    assert problem.fix_url == f"/hoi-nghi/{cid}/du-toan"
    assert problem.printouts == ("du-toan", "ke-hoach")
    _settings(app, cid, available_amount=4_500_000)  # equal is within
    assert not _problems(app, cid, "budget.over_available")
    _settings(app, cid, available_amount=0)  # not entered: nothing to compare
    assert not _problems(app, cid, "budget.over_available")


def test_decoration_counted_twice_blocks(app, conference_id):
    cid = conference_id
    line_id = _add(app, cid, category="trang_tri", content="Hoa tươi trang trí sân khấu, "
                   "bàn đại biểu, bục phát biểu", unit_price=2_000_000)  # fmt: skip
    with app.app_context():
        for position, (area, item, quantity, cost) in enumerate(
            [("trong_hoi_truong", "Hoa để bàn đại biểu", 10, 120_000),
             ("san_khau", "Quốc kỳ", 1, 150_000)], start=1
        ):  # fmt: skip
            db.session.add(
                DecorItem(conference_id=cid, position=position, area=area, item=item,
                          quantity=quantity, unit="lẵng", unit_cost=cost)
            )  # fmt: skip
        db.session.commit()
    problem = _one(app, cid, "budget.decoration_twice")  # the flowers, not the flag
    assert problem.severity == BLOCK
    assert problem.message == (
        "Tiền trang trí “Hoa để bàn đại biểu” tính hai lần: đã có trong dòng “Hoa tươi trang "
        "trí sân khấu, bàn đại biểu, bục phát biểu” của dự toán và có dòng riêng theo dự kiến "
        "chi ở phần Trang trí (1.200.000 đồng)."
    )
    assert problem.fix_url == f"/hoi-nghi/{cid}/du-toan/{line_id}/sua"
    assert problem.printouts == ("du-toan", "ke-hoach")


def test_blank_in_printed_text_blocks(app, conference_id):
    cid = conference_id
    line_id = _add(app, cid, content="Thuê xe theo Hợp đồng số …", notes="Theo …")
    with app.app_context():
        conference = db.session.get(Conference, cid)
        conference.funding_source = "Nguồn … năm 2027"
        db.session.commit()
    problem = _one(app, cid, "budget.blank_in_line")
    assert problem.severity == BLOCK
    assert problem.message == (
        "Dòng “Thuê xe theo Hợp đồng số …” của dự toán còn chỗ trống “…” chưa điền ở nội dung "
        "và ghi chú."
    )
    assert problem.fix_url == f"/hoi-nghi/{cid}/du-toan/{line_id}/sua"
    # the funding source is the conference's field: one problem, the info rule's, naming
    # every printout it reaches (issue 14: one fact, one owner, one problem)
    with app.test_request_context():
        blocking = [
            p for p in run_checks(db.session.get(Conference, cid))
            if p.blocking and "Nguồn … năm 2027" in p.message
        ]  # fmt: skip
    assert [(p.key, p.fix_url) for p in blocking] == [
        ("info.placeholder", f"/hoi-nghi/{cid}/sua#funding_source")
    ]
    assert {"du-toan", "ke-hoach"} <= set(blocking[0].printouts)


def test_blank_in_a_legal_basis_blocks(app, conference_id):
    cid = conference_id
    with app.app_context():
        conference = db.session.get(Conference, cid)
        profile = operations.save_profile(None, {"name": "Tỉnh X", "kind": "province"})
        operations.save_norm(
            profile, None,
            {"code": "drinks", "name": "Nước uống", "category": "nuoc_uong",
             "unit": "người/ngày", "amount": 30_000, "effective_from": conference.date,
             "effective_to": None, "legal_basis": "Nghị quyết số …/2025/NQ-HĐND"},
        )  # fmt: skip
        operations.settings_of(conference, create=True).norm_profile_id = profile.id
        db.session.commit()
    _add(app, cid, category="nuoc_uong", content="Nước uống", unit="người/ngày",
         quantity_milli=150_000, unit_price=30_000)  # fmt: skip
    problem = _one(app, cid, "budget.blank_in_legal_basis")
    assert problem.severity == BLOCK
    assert problem.message == (
        "Căn cứ lập dự toán “Nghị quyết số …/2025/NQ-HĐND” còn chỗ trống “…” chưa điền (căn cứ "
        "của một định mức chi)."
    )
    assert problem.fix_url == "/dinh-muc-chi"


@pytest.mark.parametrize(
    ("quantity_milli", "unit_price", "what"),
    [(0, 50_000, "số lượng 0"), (2000, 0, "đơn giá 0 đồng")],
)
def test_line_printing_zero_warns(app, conference_id, quantity_milli, unit_price, what):
    cid = conference_id
    line_id = _add(app, cid, content="Thuê xe", quantity_milli=quantity_milli,
                   unit_price=unit_price)  # fmt: skip
    problem = _one(app, cid, "budget.zero_line")
    assert problem.severity == WARN
    assert problem.message == f"Dòng “Thuê xe” của dự toán có {what} nên in ra thành tiền 0 đồng."
    assert problem.fix_url == f"/hoi-nghi/{cid}/du-toan/{line_id}/sua"


def test_over_norm_warns(app, conference_id):
    cid = conference_id
    line_id = _add(app, cid, category="nuoc_uong", content="Nước uống", unit="người/ngày",
                   quantity_milli=150_000, unit_price=50_000)  # fmt: skip
    problem = _one(app, cid, "budget.over_norm")
    assert problem.severity == WARN
    assert problem.message.startswith(
        "Đơn giá dòng “Nước uống” (50.000 đồng) vượt định mức 40.000 đ/người/ngày theo "
    )
    assert problem.message.endswith(".")
    assert problem.fix_url == f"/hoi-nghi/{cid}/du-toan/{line_id}/sua"


def test_meal_line_without_a_meal_level_warns(app, conference_id):
    cid = conference_id
    _add(app, cid, category="an", content="Hỗ trợ tiền ăn", unit="người/ngày",
         quantity_milli=20_000, unit_price=100_000)  # fmt: skip
    _settings(app, cid, meal_location="")
    problem = _one(app, cid, "budget.meals_without_level")
    assert problem.severity == WARN
    assert problem.message == (
        "Dự toán có dòng tiền ăn “Hỗ trợ tiền ăn” nhưng chưa chọn nơi tổ chức cuộc họp ở Thiết "
        "lập nên chưa đối chiếu được định mức tiền ăn."
    )
    assert problem.fix_url == f"/hoi-nghi/{cid}/du-toan/thiet-lap"
    _settings(app, cid, meal_location="tinh")  # a xã's meeting checked against b)
    problem = _one(app, cid, "budget.meals_other_level")
    assert problem.message == (
        "Tiền ăn đang đối chiếu định mức “b) Cuộc họp tổ chức tại nội thành thành phố thuộc tỉnh "
        "hoặc tại các xã, phường, đặc khu khác” nhưng đơn vị tổ chức hội nghị này gợi ý mức “c) "
        "Cuộc họp do xã, phường, đặc khu tổ chức (không phân biệt địa điểm)”."
    )
    _settings(app, cid, meal_location="xa")
    assert not _problems(app, cid, "budget.meals")


def test_days_other_than_the_length_warn(app):
    cid = make_conference(app, length="half_day")
    with app.app_context():
        conference = db.session.get(Conference, cid)
        operations.add_derived_line(conference, "drinks")
        db.session.commit()
    assert not _problems(app, cid, "budget.days")  # 0,5 ngày by default for half a day
    _settings(app, cid, days_milli=1000)
    problem = _one(app, cid, "budget.days_other_than_length")
    assert problem.severity == WARN
    assert problem.message == (
        "Dự toán tính nước uống, tiền ăn cho 1 ngày họp nhưng Hội nghị họp nửa ngày."
    )
    assert problem.fix_url == f"/hoi-nghi/{cid}/du-toan/thiet-lap"


def test_a_preset_meal_line_brings_its_meal_level(app):
    """The settings never say "no meals" beside a meal line the preset brought (issue 14)."""
    from kehoach_app.conferences.presetting import apply_preset_parts
    from kehoach_app.presets import get_preset

    cid = make_conference(app)
    with app.app_context():
        conference = db.session.get(Conference, cid)
        apply_preset_parts(conference, get_preset("tong_ket.xa"))
        db.session.commit()
        assert db.session.get(BudgetSettings, cid).meal_location == "xa"
        assert any(
            line.category == "an" for line in db.session.query(BudgetLine).filter_by(
                conference_id=cid)
        )  # fmt: skip
    assert not _problems(app, cid, "budget.meals")


def test_demo_trips_no_budget_block(app, demo_id):
    problems = _problems(app, demo_id, "budget.")
    assert not [p for p in problems if p.blocking]
    # the demo's deliberate drinks price above the demo province's norm, and its illustrative
    # resolution, which the estimate leaves out (issue 15); its profile without a resolution
    # number and its shipped norms not confirmed, warnings only on the demo (issue 16)
    assert sorted({p.key for p in problems}) == [
        "budget.clerk_note_in_legal_basis",
        "budget.over_norm",
        "budget.resolution_missing",
        "budget.unverified_norm",
    ]
