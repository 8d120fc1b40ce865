"""The estimate's arithmetic against figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.budget import logic
from kehoach_app.budget.logic import LineData, NormData

# (category, content, unit, quantity as typed, unit price as typed) and the amount by hand.
HAND_WORKED = [
    ("hoi_truong", "Thuê hội trường", "buổi", "1", "10.000.000", 10_000_000),
    ("trang_tri", "Phông, tiêu đề, pano", "gói", "1", "8,000,000", 8_000_000),
    ("trang_tri", "Cây cảnh", "chậu", "6", "85.000", 510_000),
    # 2,5 × 333.333 = 833.332,5 → làm tròn lên 833.333
    ("trang_tri", "Thảm sân khấu", "m²", "2,5", "333333", 833_333),
    ("tai_lieu", "In tài liệu Hội nghị", "bộ", "150", "30.000", 4_500_000),
    ("tai_lieu", "In Giấy mời", "cái", "150", "5.000", 750_000),
    # 150 người × 1,5 ngày = 225 người/ngày × 40.000
    ("nuoc_uong", "Nước uống", "người/ngày", "225", "40.000", 9_000_000),
    ("an", "Hỗ trợ tiền ăn 30 khách mời × 1,5 ngày", "người/ngày", "45", "150.000", 6_750_000),
    ("van_nghe", "Bồi dưỡng 03 tiết mục văn nghệ", "tiết mục", "3", "1.500.000", 4_500_000),
    ("phong_su", "Clip phóng sự", "phóng sự", "1", "8.000.000", 8_000_000),
    # 1,5 × 3.333.333 = 4.999.999,5 → 5.000.000
    ("am_thanh_anh_sang", "Âm thanh, ánh sáng", "buổi", "1,5", "3.333.333", 5_000_000),
    ("tien_thuong", "Tiền thưởng Giấy khen (cá nhân)", "người", "12", "710.000", 8_520_000),
    ("tien_thuong", "Tiền thưởng Giấy khen (tập thể)", "tập thể", "3", "1.420.000", 4_260_000),
    ("hien_vat", "Khung Giấy khen", "chiếc", "15", "80.000", 1_200_000),
    ("hien_vat", "Cờ thi đua", "chiếc", "3", "250.000", 750_000),
    ("khac", "Hoa tặng, văn phòng phẩm", "gói", "1", "2.000.000", 2_000_000),
    # 0,125 × 1.000.004 = 125.000,5 → 125.001
    ("khac", "Thuê xe đưa đón", "ngày", "0,125", "1.000.004", 125_001),
]

SUBTOTALS = {
    "hoi_truong": 10_000_000,
    "trang_tri": 9_343_333,
    "tai_lieu": 5_250_000,
    "nuoc_uong": 9_000_000,
    "an": 6_750_000,
    "van_nghe": 4_500_000,
    "phong_su": 8_000_000,
    "am_thanh_anh_sang": 5_000_000,
    "tien_thuong": 12_780_000,
    "hien_vat": 1_950_000,
    "khac": 2_125_001,
}
TOTAL = 74_698_334


def _lines():
    lines = []
    for number, (category, content, unit, quantity, price, _) in enumerate(HAND_WORKED, 1):
        lines.append(
            LineData(
                id=number,
                category=category,
                content=content,
                unit=unit,
                quantity_milli=logic.parse_quantity(quantity, unit),
                unit_price=logic.parse_money(price),
            )
        )
    return lines


def test_hand_worked_estimate_of_17_lines():
    budget = logic.budget_of(_lines(), lambda line: None)
    assert [row.amount for row in budget.rows] == [row[-1] for row in HAND_WORKED]
    assert {g.code: g.subtotal for g in budget.groups} == SUBTOTALS
    assert [g.roman for g in budget.groups] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
    ]  # fmt: skip
    assert budget.total == TOTAL
    assert budget.total_in_words == (
        "Bảy mươi bốn triệu sáu trăm chín mươi tám nghìn ba trăm ba mươi bốn đồng"
    )


def test_rounding_is_half_up_to_the_dong():
    assert logic.line_amount(1500, 33_333) == 50_000  # 49.999,5
    assert logic.line_amount(1500, 33_331) == 49_997  # 49.996,5 → 49.997
    assert logic.line_amount(1001, 1) == 1  # 1,001 đồng
    assert logic.line_amount(1499, 1) == 1  # 1,499 đồng → 1
    assert logic.line_amount(500, 1) == 1  # 0,5 đồng → 1
    assert logic.line_amount(499, 1) == 0


@pytest.mark.parametrize(
    ("text", "unit", "milli"),
    [
        ("150", "bộ", 150_000),
        ("1.500", "cái", 1_500_000),
        ("1,5", "ngày", 1_500),
        ("0,5", "buổi", 500),
        ("2,25", "m²", 2_250),
        ("1.234,5", "giờ", 1_234_500),
        ("3", "người/ngày", 3_000),
        ("1,0", "bộ", 1_000),
    ],
)
def test_quantities_as_officers_type_them(text, unit, milli):
    assert logic.parse_quantity(text, unit) == milli


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("1,5", "bộ", "chỉ nhận số nguyên"),
        ("-2", "bộ", "không được âm"),
        ("abc", "bộ", "không nhập chữ"),
        ("1.5", "ngày", "dấu phẩy"),
        ("1,2345", "ngày", "dấu phẩy"),
        ("", "bộ", "Chưa nhập"),
        ("99.999.999", "bộ", "quá lớn"),
    ],
)
def test_bad_quantities_are_refused_in_vietnamese(text, unit, message):
    with pytest.raises(ValueError, match=message):
        logic.parse_quantity(text, unit)


def test_money_accepts_both_thousands_styles():
    assert logic.parse_money("1.500.000") == 1_500_000
    assert logic.parse_money("1,500,000") == 1_500_000
    assert logic.parse_money("1500000") == 1_500_000
    assert logic.parse_money("1.500.000 đ") == 1_500_000
    assert logic.parse_money("1.000.000.000.000") == 10**12


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5.000", "không được âm"),
        ("15k", "phải là số đồng"),
        ("mười nghìn", "phải là số đồng"),
        ("1,5", "phải là số đồng"),
        ("10.000.000.000.000", "quá lớn"),
    ],
)
def test_bad_prices_are_refused(text, message):
    with pytest.raises(ValueError, match=message):
        logic.parse_money(text)


def test_format_quantity():
    assert logic.format_quantity(1500) == "1,5"
    assert logic.format_quantity(150_000) == "150"
    assert logic.format_quantity(1_234_250) == "1.234,25"


# --------------------------------------------------------------------------- norms

NATIONAL = (
    "Định mức chung",
    "national",
    [
        NormData("drinks", "Nước uống", "nuoc_uong", "người/ngày", 40_000,
                 dt.date(2017, 7, 1), None, "Thông tư số 40/2017/TT-BTC"),
        NormData("meal_xa", "Tiền ăn cấp xã", "an", "người/ngày", 100_000,
                 dt.date(2017, 7, 1), None, "Thông tư số 40/2017/TT-BTC, Điều 12 khoản 4"),
    ],
)  # fmt: skip
PROVINCE = (
    "HĐND tỉnh An Giang",
    "province",
    [
        NormData("drinks", "Nước uống", "nuoc_uong", "người/ngày", 30_000,
                 dt.date(2018, 1, 1), dt.date(2025, 6, 30), "Nghị quyết số 27/2017/NQ-HĐND"),
        NormData("drinks", "Nước uống", "nuoc_uong", "người/ngày", 35_000,
                 dt.date(2025, 7, 1), None, "Nghị quyết số 15/2025/NQ-HĐND"),
    ],
)  # fmt: skip


def test_norm_in_force_on_the_day_from_the_chosen_profile_first():
    rule = logic.pick_norm("drinks", dt.date(2024, 5, 1), PROVINCE, NATIONAL)
    assert (rule.amount, rule.legal_basis) == (30_000, "Nghị quyết số 27/2017/NQ-HĐND")
    rule = logic.pick_norm("drinks", dt.date(2027, 1, 15), PROVINCE, NATIONAL)
    assert (rule.amount, rule.profile_name) == (35_000, "HĐND tỉnh An Giang")
    # the province does not set meals: the national figure applies
    rule = logic.pick_norm("meal_xa", dt.date(2027, 1, 15), PROVINCE, NATIONAL)
    assert (rule.amount, rule.profile_name) == (100_000, "Định mức chung")
    assert logic.pick_norm("drinks", dt.date(2016, 1, 1), None, NATIONAL) is None


def test_over_norm_warning_names_the_rule():
    lines = [
        LineData(1, "nuoc_uong", "Nước uống", "người/ngày", 150_000, 50_000),
        LineData(2, "an", "Tiền ăn", "người/ngày", 30_000, 100_000),
        LineData(3, "an", "Tiền ăn", "người/ngày", 30_000, 120_000, norm_code="meal_xa"),
    ]

    def norm_for(line):
        code = logic.norm_code_for(line.category, line.norm_code, "xa")
        return logic.pick_norm(code, dt.date(2027, 1, 15), PROVINCE, NATIONAL)

    budget = logic.budget_of(lines, norm_for)
    warnings = [row.over_norm for row in budget.rows]
    assert warnings[0] == (
        "Vượt định mức 35.000 đ/người/ngày — Nghị quyết số 15/2025/NQ-HĐND (HĐND tỉnh An Giang)"
    )
    assert warnings[1] == ""  # exactly the norm is allowed
    assert warnings[2].startswith("Vượt định mức 100.000 đ/người/ngày — Thông tư số 40/2017")
    assert budget.over_norm_count == 2
    assert "Nghị quyết số 15/2025/NQ-HĐND" in budget.legal_bases


def test_available_amount_warning():
    lines = [LineData(1, "khac", "Khác", "gói", 1000, 5_000_000)]
    assert logic.budget_of(lines, lambda _: None, available=4_000_000).over_available == 1_000_000
    assert logic.budget_of(lines, lambda _: None, available=5_000_000).over_available == 0
    assert logic.budget_of(lines, lambda _: None, available=0).over_available == 0


def test_derived_specs():
    inputs = logic.DerivedInputs(
        delegates=150,
        days_milli=1500,
        meal_location="xa",
        meal_norm=100_000,
        decor=[("Cây cảnh", 6, "chậu", 85_000), ("Cây cảnh", 4, "chậu", 80_000)],
        award_money=[
            ("giay_khen:individual:2340000", "Tiền thưởng Giấy khen", "cá nhân", 12, 710_000)
        ],
        award_items=[("giay khen co khung", "Giấy khen có khung", 12)],
    )
    specs = logic.derived_specs(inputs)
    assert specs["drinks"].quantity_milli == 225_000  # 150 × 1,5
    assert specs["meals"].unit_price == 100_000
    assert specs["decor:cây cảnh"].quantity_milli == 6000
    assert specs["decor:cây cảnh#2"].unit_price == 80_000
    assert specs["award_money:giay_khen:individual:2340000"].unit_price == 710_000
    assert specs["award_items:giay khen co khung"].unit_price is None
    assert logic.spec_for("delegates:3", specs).quantity_milli == 150_000


def test_appraiser_by_level():
    assert logic.appraiser_for("tinh") == "SỞ TÀI CHÍNH"
    assert logic.appraiser_for("xa") == "PHÒNG KINH TẾ"
    assert logic.appraiser_for("huyen") == "PHÒNG TÀI CHÍNH – KẾ HOẠCH"
