"""The estimate agrees with the other parts and with itself (issue 14, second review): award
money of another level is left out, a package line naming a priced item is caught even when
the item's name is longer, the flowers follow the recipients, and the meal settings cannot
say "không chi" beside a meal line."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kehoach_app.budget import logic, operations
from kehoach_app.budget.models import BudgetLine, BudgetSettings
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.budget.conftest import settings_version
from tests.conftest import post


def _rows(app, cid) -> dict[str, list[tuple]]:
    with app.app_context():
        budget, _ = operations.budget_of(db.session.get(Conference, cid))
        db.session.commit()
        return {
            group.label: [(r.line.content, r.quantity_text, r.amount) for r in group.rows]
            for group in budget.groups
        }


# --------------------------------------------------------------------------- 1. award levels


def test_award_money_follows_the_level_that_decides(app, client, demo_id):
    """The demo is a xã conference: its estimate pays the xã's awards only (checked line by
    line in test_budget_demo). Made a province conference, the same awards give the
    province's lines instead: Bằng khen tỉnh 3 tập thể × 7.590.000 + 4 cá nhân × 3.800.000,
    Tập thể lao động xuất sắc 2 × 3.800.000; the xã's Giấy khen and the cơ sở title go."""
    with app.app_context():
        db.session.get(Conference, demo_id).level = "tinh"
        db.session.commit()
    rows = _rows(app, demo_id)
    assert rows["Tiền thưởng"] == [
        (
            "Tiền thưởng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh (tập thể)",
            "3",
            22_770_000,
        ),
        (
            "Tiền thưởng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Tây Ninh (cá nhân)",
            "4",
            15_200_000,
        ),
        ("Tiền thưởng Tập thể lao động xuất sắc (tập thể)", "2", 7_600_000),
    ]
    html = client.get(f"/hoi-nghi/{demo_id}/du-toan").get_data(as_text=True)
    assert (
        "Tiền thưởng, hiện vật khen thưởng của Bằng khen của Thủ tướng Chính phủ do cấp trình "
        "khen thưởng cấp Nhà nước chi; Chiến sĩ thi đua cơ sở do cấp cơ sở chi; Giấy khen của "
        "Chủ tịch Ủy ban nhân dân cấp xã do cấp xã chi, không tính vào dự toán này"
    ) in html


@pytest.mark.parametrize(
    ("form_level", "organiser", "paid"),
    [
        ("tinh", "xa", False),
        ("nha_nuoc", "xa", False),
        ("xa", "xa", True),
        ("co_so", "xa", True),
        ("tinh", "tinh", True),
        ("co_so", "tinh", False),
        ("", "xa", True),  # a form the officer typed without a level: his own
    ],
)
def test_paid_by_organiser(form_level, organiser, paid):
    assert logic.paid_by_organiser(form_level, organiser) is paid


# --------------------------------------------------------------------------- 2. decoration twice

PACKAGE = "Phông, tiêu đề, băng khẩu hiệu, cờ chuỗi"
FLOWERS = "Hoa tươi trang trí sân khấu, bàn đại biểu, bục phát biểu"


@pytest.mark.parametrize(
    ("content", "item", "named"),
    [
        (PACKAGE, "Phông sân khấu", True),  # "phông" begins "phông sân khấu"
        (PACKAGE, "Cờ chuỗi", True),
        (PACKAGE, "Băng khẩu hiệu ngoài cổng", True),
        (PACKAGE, "Tiêu đề Hội nghị", True),
        (PACKAGE, "Cờ Đảng", False),  # "cờ chuỗi" ≠ "cờ Đảng"
        (PACKAGE, "Cờ Tổ quốc", False),
        (PACKAGE, "Quốc kỳ", False),
        (PACKAGE, "Cây cảnh", False),
        (PACKAGE, "Băng rôn", False),
        ("Phông, tiêu đề và cờ chuỗi", "Phông nền sân khấu", True),  # split on "và"
        ("Phông; tiêu đề; cờ chuỗi", "Tiêu đề", True),  # split on ";"
        ("In pano tuyên truyền và băng rôn", "Pano", True),  # "in" opens the first thing
        ("In pano tuyên truyền và băng rôn", "Băng rôn chào mừng", True),
        ("In pano tuyên truyền và băng rôn", "Băng khẩu hiệu", False),
        (FLOWERS, "Hoa tươi", True),
        (FLOWERS, "Hoa để bàn đại biểu", True),  # every word present (the older rule)
        (FLOWERS, "Hoa trang trí sân khấu và bục phát biểu", True),
        (FLOWERS, "Cây cảnh", False),
        (FLOWERS, "Bàn ghế đại biểu", False),  # "bàn đại biểu" is a place flowers go
        ("Âm thanh, ánh sáng, màn hình", "Phông sân khấu", False),
        ("Thuê phông sân khấu", "Phông", True),
        ("Thuê phông sân khấu", "Phông nền", False),
    ],
)
def test_names_item(content, item, named):
    assert logic.names_item(content, item) is named


def test_estimate_page_marks_decoration_paid_twice(app, client, demo_id):
    """A priced "Phông sân khấu" beside the preset's package line: the check blocks it and the
    estimate page marks both lines, each naming the other."""
    from kehoach_app.checks import run_checks

    page = f"/hoi-nghi/{demo_id}/trang-tri/them"
    response = post(
        client,
        page,
        {"area": "san_khau", "item": "Phông sân khấu", "quantity": "1", "unit": "bộ",
         "placement": "Phía sau sân khấu", "text": "", "responsible": "", "days_before": "2",
         "status": "todo", "unit_cost": "4.500.000", "notes": ""},
        page=page,
    )  # fmt: skip
    assert response.status_code == 302
    html = client.get(f"/hoi-nghi/{demo_id}/du-toan").get_data(as_text=True)
    assert "Có tiền trang trí tính hai lần" in html
    assert f"⚠ Tính hai lần với dòng “{PACKAGE}”." in html
    assert "⚠ Tính hai lần với dòng “Phông sân khấu”." in html
    assert html.count("is-doubled") == 2
    with app.test_request_context():
        twice = [
            p
            for p in run_checks(db.session.get(Conference, demo_id))
            if p.key == "budget.decoration_twice"
        ]
    assert [p.message for p in twice] == [
        f"Tiền trang trí “Phông sân khấu” tính hai lần: đã có trong dòng “{PACKAGE}” của dự "
        "toán và có dòng riêng theo dự kiến chi ở phần Trang trí (4.500.000 đồng)."
    ]
    assert twice[0].blocking


def test_demo_marks_nothing_twice(client, demo_id):
    html = client.get(f"/hoi-nghi/{demo_id}/du-toan").get_data(as_text=True)
    assert "is-doubled" not in html and "tính hai lần" not in html


# --------------------------------------------------------------------------- 3. recipients


def test_flowers_follow_the_award_recipients(app, client, demo_id):
    """The demo has 30 awards (1 + 3 + 4 + 2 + 6 + 6 + 8): 30 bó × 60.000. Removing the 8
    individual Giấy khen leaves 22 bó = 1.320.000."""
    from kehoach_app.awards.models import Award, AwardForm

    flowers = "Hoa tặng tập thể, cá nhân nhận khen thưởng trên sân khấu"
    assert (flowers, "30", 1_800_000) in _rows(app, demo_id)["Khác"]
    with app.app_context():
        key = db.session.scalar(
            select(BudgetLine.derived_key).where(
                BudgetLine.conference_id == demo_id, BudgetLine.content == flowers
            )
        )
        assert key and key.startswith("recipients:")
        form = db.session.scalar(
            select(AwardForm).where(AwardForm.code == "giay_khen_chu_tich_ubnd_xa")
        )
        awards = db.session.scalars(
            select(Award).where(Award.conference_id == demo_id, Award.form_id == form.id)
        ).all()
        individuals = [a for a in awards if a.recipient_kind == "individual"]
        assert len(individuals) == 8
        for award in individuals:
            db.session.delete(award)
        db.session.commit()
    assert (flowers, "22", 1_320_000) in _rows(app, demo_id)["Khác"]


def test_preset_recipients_quantity_is_read():
    from kehoach_app.presets import RECIPIENTS, get_preset

    preset = get_preset("trao_thuong.xa")
    flowers = [row for row in preset.budget if row.content.startswith("Hoa tặng")]
    assert [row.quantity for row in flowers] == [RECIPIENTS]
    assert flowers[0].quantity_for(100, 18) == 18


# --------------------------------------------------------------------------- 4. meal settings


def test_no_meals_is_refused_beside_a_meal_line(app, client, demo_id):
    page = f"/hoi-nghi/{demo_id}/du-toan/thiet-lap"
    client.get(page)
    response = post(
        client,
        page,
        {
            "norm_profile_id": "",
            "days": "0,5",
            "meal_location": "",
            "available_amount": "",
            "version": settings_version(client, demo_id),
        },
        page=page,
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert (
        "Dự toán còn dòng tiền ăn “Hỗ trợ tiền ăn cho đại biểu không hưởng lương từ ngân sách "
        "nhà nước”: hãy xóa dòng đó trong dự toán trước khi chọn “Không chi tiền ăn”."
    ) in html
    with app.app_context():
        assert db.session.get(BudgetSettings, demo_id).meal_location == "xa"


def test_a_meal_line_brings_the_meal_level(app, client, conference_id):
    cid = conference_id  # tong_ket.xa: no meal line, "không chi"
    page = f"/hoi-nghi/{cid}/du-toan"
    assert "Không chi tiền ăn" in client.get(f"{page}/thiet-lap").get_data(as_text=True)
    client.get(page)
    with app.app_context():  # reading the pages stored no settings (issue 19)
        assert db.session.get(BudgetSettings, cid) is None
    response = post(
        client,
        f"/hoi-nghi/{cid}/du-toan/them",
        {"category": "an", "content": "Tiền ăn trưa đại biểu khách mời", "unit": "người",
         "quantity": "20", "unit_price": "100.000", "norm_code": "", "notes": ""},
        page=page,
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(BudgetSettings, cid).meal_location == "xa"
    html = client.get(page).get_data(as_text=True)
    assert (
        "tiền ăn: 1 dòng, đối chiếu định mức cuộc họp do xã, phường, đặc khu tổ chức (không "
        "phân biệt địa điểm)" in html
    )
    assert "chưa chọn nơi họp" not in html


def test_general_norm_set_is_not_said_to_fall_back(app, client, conference_id):
    cid = conference_id
    page = f"/hoi-nghi/{cid}/du-toan/thiet-lap"
    client.get(page)
    with app.app_context():
        national = operations.national_profile().id
    response = post(
        client,
        page,
        {"norm_profile_id": str(national), "days": "1", "meal_location": "",
         "available_amount": "5.000.000", "version": settings_version(client, cid)},
        page=page,
    )  # fmt: skip
    assert response.status_code == 302
    html = client.get(f"/hoi-nghi/{cid}/du-toan").get_data(as_text=True)
    assert "mục nào bộ này không có" not in html


def test_bad_available_amount_names_its_field(client, conference_id):
    page = f"/hoi-nghi/{conference_id}/du-toan/thiet-lap"
    response = post(
        client,
        page,
        {"norm_profile_id": "", "days": "1", "meal_location": "", "available_amount": "năm triệu"},
        page=page,
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Số tiền có trong nguồn kinh phí phải là số đồng" in html
    assert "Đơn giá phải" not in html
