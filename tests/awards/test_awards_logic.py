"""The awards computations, on hand-made data, against figures worked out by hand."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kehoach_app import vn
from kehoach_app.awards import logic
from kehoach_app.awards.logic import (
    COLLECTIVE,
    INDIVIDUAL,
    BatchEdit,
    FormRule,
    Person,
    Recipient,
    Salary,
)

# Nghị định 73/2024/NĐ-CP: 2.340.000 đ from 01/7/2024; 2.530.000 đ from 01/7/2026 (seeded).
SALARIES = [
    Salary(2_340_000, dt.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
    Salary(2_530_000, dt.date(2026, 7, 1), "2026"),
]

HC3 = FormRule(
    1,
    "huan_chuong_lao_dong_hang_ba",
    "Huân chương Lao động hạng Ba",
    "nha_nuoc",
    True,
    True,
    4500,
    2000,
    30,
    "Bằng Huân chương có khung; Huân chương; Hộp đựng Huân chương",
)
CO_CP = FormRule(
    2,
    "co_thi_dua_chinh_phu",
    "Cờ thi đua của Chính phủ",
    "nha_nuoc",
    False,
    True,
    12000,
    1000,
    40,
    "Cờ thi đua",
)
BK_TTG = FormRule(
    3,
    "bang_khen_thu_tuong",
    "Bằng khen của Thủ tướng Chính phủ",
    "nha_nuoc",
    True,
    True,
    3500,
    2000,
    60,
    "Bằng khen có khung",
)
BK_TINH = FormRule(
    4,
    "bang_khen_tinh",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "tinh",
    True,
    True,
    1500,
    2000,
    90,
    "Bằng khen có khung",
)
GIAY_KHEN = FormRule(
    5,
    "giay_khen_chu_tich_ubnd_xa",
    "Giấy khen của Chủ tịch Ủy ban nhân dân xã",
    "xa",
    True,
    True,
    300,
    2000,
    120,
    "Giấy khen có khung",
)
TTLDTT = FormRule(
    6,
    "tap_the_lao_dong_tien_tien",
    "Tập thể lao động tiên tiến",
    "co_so",
    False,
    True,
    800,
    1000,
    130,
    "",
)
FORMS = [GIAY_KHEN, BK_TINH, HC3, TTLDTT, BK_TTG, CO_CP]  # deliberately not in ceremony order

_ids = itertools.count(1)


def award(form: FormRule, kind=INDIVIDUAL, name=None, position=None, **extra) -> Recipient:
    number = next(_ids)
    return Recipient(
        id=number,
        form_id=form.id,
        position=position if position is not None else number,
        kind=kind,
        name=name or f"Người {number}",
        **extra,
    )


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("coefficient", "base", "multiplier", "expected"),
    [
        # Bằng khen cấp tỉnh 1,5 × 2.340.000 = 3.510.000 (already a whole ten thousand)
        (1500, 2_340_000, 1000, 3_510_000),
        # … a collective gets twice: 3 × 2.340.000 = 7.020.000
        (1500, 2_340_000, 2000, 7_020_000),
        # Giấy khen 0,3 × 2.530.000 = 759.000 → rounded UP to the ten thousand: 760.000
        (300, 2_530_000, 1000, 760_000),
        # 0,3 × 2.340.000 = 702.000 → 710.000 (up, never down)
        (300, 2_340_000, 1000, 710_000),
        # collective Giấy khen: 0,6 × 2.340.000 = 1.404.000 → 1.410.000 (not 2 × 710.000)
        (300, 2_340_000, 2000, 1_410_000),
        # Tập thể lao động tiên tiến 0,8 × 2.340.000 = 1.872.000 → 1.880.000
        (800, 2_340_000, 1000, 1_880_000),
        # Bằng khen của Thủ tướng 3,5 × 2.530.000 = 8.855.000 → 8.860.000
        (3500, 2_530_000, 1000, 8_860_000),
        # Huân chương Lao động hạng Ba, collective: 9 × 2.340.000 = 21.060.000
        (4500, 2_340_000, 2000, 21_060_000),
        # … individual at 2.530.000: 4,5 × 2.530.000 = 11.385.000 → 11.390.000
        (4500, 2_530_000, 1000, 11_390_000),
        # Cờ thi đua của Chính phủ 12 × 2.530.000 = 30.360.000
        (12000, 2_530_000, 1000, 30_360_000),
        (12000, 2_340_000, 1000, 28_080_000),
        (4500, 2_530_000, 2000, 22_770_000),
        # Tập thể lao động tiên tiến 0,8 × 2.530.000 = 2.024.000 → 2.030.000
        (800, 2_530_000, 1000, 2_030_000),
        (3500, 2_340_000, 1000, 8_190_000),
        (0, 2_340_000, 1000, 0),
    ],
)
def test_award_amount_by_hand(coefficient, base, multiplier, expected):
    assert logic.award_amount(coefficient, base, multiplier) == expected


def test_award_amount_rounding_unit_is_a_parameter_and_money_stays_integer():
    assert logic.award_amount(300, 2_530_000, rounding_unit=1) == 759_000
    assert logic.award_amount(300, 2_530_000, rounding_unit=1000) == 759_000
    assert logic.award_amount(333, 1_000_001, rounding_unit=1) == 333_001  # 333.000,333 → up
    with pytest.raises(TypeError):
        logic.award_amount(1.5, 2_340_000)
    with pytest.raises(ValueError):
        logic.award_amount(-1, 2_340_000)


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (dt.date(2024, 6, 30), None),
        (dt.date(2024, 7, 1), 2_340_000),
        (dt.date(2026, 6, 30), 2_340_000),  # the day before the rise
        (dt.date(2026, 7, 1), 2_530_000),  # the day it takes effect
        (dt.date(2027, 1, 15), 2_530_000),
    ],
)
def test_base_salary_in_force_either_side_of_the_rise(day, amount):
    found = logic.salary_on(SALARIES, day)
    assert (found.amount if found else None) == amount


def test_money_by_form_on_a_conference_date_before_and_after_01_07_2026():
    recipients = [
        award(BK_TINH, INDIVIDUAL),
        award(BK_TINH, COLLECTIVE),
        award(GIAY_KHEN, INDIVIDUAL),
        award(GIAY_KHEN, INDIVIDUAL),
        award(GIAY_KHEN, COLLECTIVE),
    ]
    before = logic.money_by_form(FORMS, recipients, SALARIES, dt.date(2026, 6, 30))
    # ceremony order: Bằng khen tỉnh (90) before Giấy khen (120)
    assert [m.form.code for m in before.forms] == ["bang_khen_tinh", "giay_khen_chu_tich_ubnd_xa"]
    bk, gk = before.forms
    assert (bk.collectives, bk.individuals, bk.total) == (1, 1, 3_510_000 + 7_020_000)
    assert (gk.collectives, gk.individuals, gk.total) == (1, 2, 2 * 710_000 + 1_410_000)
    assert before.total == 10_530_000 + 2_830_000 == 13_360_000
    assert [(line.kind, line.count, line.unit_amount) for line in gk.lines] == [
        (COLLECTIVE, 1, 1_410_000),
        (INDIVIDUAL, 2, 710_000),
    ]

    after = logic.money_by_form(FORMS, recipients, SALARIES, dt.date(2026, 7, 1))
    bk, gk = after.forms
    # 3.795.000 → 3.800.000; 7.590.000; 2 × 760.000 + 1.518.000 → 1.520.000
    assert bk.total == 3_800_000 + 7_590_000
    assert gk.total == 2 * 760_000 + 1_520_000
    assert after.total == 14_430_000
    assert after.total_in_words == "Mười bốn triệu bốn trăm ba mươi nghìn đồng"


def test_the_decision_date_picks_the_base_salary_when_it_is_known():
    # A decision signed before the rise is paid on the old base even at a later conference.
    early = award(GIAY_KHEN, INDIVIDUAL, decision_date=dt.date(2026, 6, 20))
    late = award(GIAY_KHEN, INDIVIDUAL, decision_date=dt.date(2026, 7, 2))
    unknown = award(GIAY_KHEN, INDIVIDUAL)
    money = logic.money_by_form(FORMS, [early, late, unknown], SALARIES, dt.date(2026, 12, 20))
    assert money.amounts == {early.id: 710_000, late.id: 760_000, unknown.id: 760_000}
    (form,) = money.forms
    assert [(line.base_salary, line.count) for line in form.lines] == [
        (2_340_000, 1),
        (2_530_000, 2),
    ]


def test_no_base_salary_in_force_leaves_the_award_unpriced_not_wrong():
    money = logic.money_by_form(FORMS, [award(BK_TINH)], SALARIES, dt.date(2020, 1, 1))
    assert money.total == 0 and money.unpriced == 1


def test_physical_items_are_counted_per_recipient_and_classified():
    recipients = [award(HC3), award(HC3, COLLECTIVE), award(CO_CP, COLLECTIVE)]
    recipients += [award(BK_TTG) for _ in range(3)] + [award(BK_TINH) for _ in range(2)]
    recipients += [award(TTLDTT, COLLECTIVE)]
    items = logic.physical_item_counts(FORMS, recipients)
    assert [(i.item, i.count, i.category) for i in items] == [
        ("Bằng Huân chương có khung", 2, "certificate"),
        ("Huân chương", 2, "medal"),
        ("Hộp đựng Huân chương", 2, "box"),
        ("Cờ thi đua", 1, "flag"),
        ("Bằng khen có khung", 5, "certificate"),  # the same item across two forms
    ]
    assert logic.category_totals(items) == {"certificate": 7, "medal": 2, "box": 2, "flag": 1}


# --------------------------------------------------------------------------- batches


@pytest.mark.parametrize(
    ("count", "size", "expected"),
    [
        (1, 10, [1]),
        (10, 10, [10]),
        (11, 10, [6, 5]),
        (21, 10, [7, 7, 7]),
        (99, 10, [10] * 9 + [9]),
        (0, 10, []),
        (5, 1, [1] * 5),
    ],
)
def test_split_evenly(count, size, expected):
    assert logic.split_evenly(count, size) == expected


def _check_batches(ceremony, recipients, batch_size):
    batches = ceremony.batches
    seen = [r.id for b in batches for r in b.recipients]
    assert sorted(seen) == sorted(r.id for r in recipients)  # everyone once
    for batch in batches:
        assert 1 <= len(batch.recipients) <= batch_size
        assert {r.form_id for r in batch.recipients} == {batch.form.id}  # never mixes forms
        assert {r.kind for r in batch.recipients} == {batch.kind}
    precedences = [b.form.precedence for b in batches]
    assert precedences == sorted(precedences)  # highest form first
    assert [b.sequence for b in batches] == list(range(1, len(batches) + 1))


@pytest.mark.parametrize(
    ("counts", "expected_batches"),
    [
        # recipients per form (HC3, Cờ CP, BK TTg, BK tỉnh, Giấy khen), all individuals except Cờ
        ((1, 0, 0, 0, 0), 1),
        ((0, 0, 10, 0, 0), 1),
        ((0, 0, 0, 11, 0), 2),
        ((0, 0, 0, 0, 99), 10),
        ((1, 10, 11, 99, 0), 1 + 1 + 2 + 10),
        ((2, 3, 20, 33, 41), 1 + 1 + 2 + 4 + 5),
    ],
)
def test_batches_for_awkward_counts_in_five_forms(counts, expected_batches):
    recipients = []
    for form, count in zip((HC3, CO_CP, BK_TTG, BK_TINH, GIAY_KHEN), counts, strict=True):
        kind = COLLECTIVE if form is CO_CP else INDIVIDUAL
        recipients += [award(form, kind) for _ in range(count)]
    ceremony = logic.plan_ceremony(FORMS, reversed(recipients), batch_size=10)
    assert len(ceremony.batches) == expected_batches
    _check_batches(ceremony, recipients, 10)


def test_collectives_go_before_individuals_and_stage_order_follows_positions():
    recipients = [
        award(BK_TINH, INDIVIDUAL, name="Cá nhân B", position=2),
        award(BK_TINH, COLLECTIVE, name="Tập thể A", position=3),
        award(BK_TINH, INDIVIDUAL, name="Cá nhân A", position=1),
    ]
    ceremony = logic.plan_ceremony(FORMS, recipients, batch_size=10)
    assert [(b.kind, [r.name for r in b.recipients]) for b in ceremony.batches] == [
        (COLLECTIVE, ["Tập thể A"]),
        (INDIVIDUAL, ["Cá nhân A", "Cá nhân B"]),
    ]
    assert [b.number for b in ceremony.batches] == [1, 2]


def test_batching_300_recipients_in_8_forms_is_correct():
    forms = [
        FormRule(100 + i, f"f{i}", f"Hình thức {i}", precedence=i, for_collective=True)
        for i in range(8)
    ]
    recipients = [award(forms[i % 8], COLLECTIVE if i % 3 == 0 else INDIVIDUAL) for i in range(300)]
    ceremony = logic.plan_ceremony(forms, recipients, batch_size=10)
    _check_batches(ceremony, recipients, 10)


def test_a_break_follows_the_forms_chosen_but_never_ends_the_ceremony():
    recipients = [award(HC3), award(CO_CP, COLLECTIVE), award(BK_TTG)]
    ceremony = logic.plan_ceremony(
        FORMS, recipients, breaks_after=["co_thi_dua_chinh_phu", "bang_khen_thu_tuong"]
    )
    kinds = [type(step).__name__ for step in ceremony.steps]
    # seed 002: Huân chương → Cờ thi đua Chính phủ → nghỉ giải lao → Bằng khen Thủ tướng
    assert kinds == ["Batch", "Batch", "Break", "Batch"]


def test_batches_by_form_call_collectives_and_individuals_up_together():
    """Issue 16: 20 Giấy khen (4 tập thể, 16 cá nhân) at 10 a batch are 3 batches by form and
    kind (4 | 8 + 8) but 2 by form (10 + 10, the collectives first); 6 Bằng khen (2 + 4) are 2
    batches by form and kind, 1 by form. The programme's items follow: minutes = batches × 3."""
    recipients = [award(GIAY_KHEN, COLLECTIVE, name=f"Tập thể {i}") for i in range(1, 5)]
    recipients += [award(GIAY_KHEN, INDIVIDUAL, name=f"Cá nhân {i}") for i in range(1, 17)]
    recipients += [award(BK_TINH, COLLECTIVE) for _ in range(2)]
    recipients += [award(BK_TINH, INDIVIDUAL) for _ in range(4)]

    apart = logic.plan_ceremony(FORMS, recipients, batch_size=10)
    assert [(b.form.code, len(b.recipients), b.kind) for b in apart.batches] == [
        ("bang_khen_tinh", 2, COLLECTIVE),
        ("bang_khen_tinh", 4, INDIVIDUAL),
        ("giay_khen_chu_tich_ubnd_xa", 4, COLLECTIVE),
        ("giay_khen_chu_tich_ubnd_xa", 8, INDIVIDUAL),
        ("giay_khen_chu_tich_ubnd_xa", 8, INDIVIDUAL),
    ]

    together = logic.plan_ceremony(FORMS, recipients, batch_size=10, group_by=logic.GROUP_BY_FORM)
    batches = together.batches
    assert [(b.form.code, len(b.recipients), b.kind) for b in batches] == [
        ("bang_khen_tinh", 6, logic.MIXED),
        ("giay_khen_chu_tich_ubnd_xa", 10, logic.MIXED),
        ("giay_khen_chu_tich_ubnd_xa", 10, INDIVIDUAL),
    ]
    assert [r.name for r in batches[1].recipients][:5] == [
        "Tập thể 1", "Tập thể 2", "Tập thể 3", "Tập thể 4", "Cá nhân 1",
    ]  # fmt: skip
    assert [b.number for b in batches] == [1, 1, 2]
    assert batches[1].count_text == "04 tập thể, 06 cá nhân"
    assert batches[1].kind_label == "Tập thể và cá nhân"

    items = logic.programme_items(together, minutes_per_batch=3)
    assert [(i.key, i.minutes, i.batches) for i in items] == [
        ("awards:bang_khen_tinh", 3, 1),
        ("awards:giay_khen_chu_tich_ubnd_xa", 6, 2),
    ]
    assert items[1].title == (
        "Công bố quyết định và trao Giấy khen của Chủ tịch Ủy ban nhân dân xã cho 04 tập thể, "
        "16 cá nhân"
    )
    assert [i.minutes for i in logic.programme_items(apart, minutes_per_batch=3)] == [6, 9]

    script = logic.ceremony_script("Hội nghị", "", together)
    mixed = script.batches[1]
    assert mixed.heading == (
        "Đợt 2: Giấy khen của Chủ tịch Ủy ban nhân dân xã (04 tập thể, 06 cá nhân)"
    )
    assert mixed.invite_recipients == (
        "Xin trân trọng kính mời đại diện 04 tập thể và 06 cá nhân được tặng Giấy khen của Chủ "
        "tịch Ủy ban nhân dân xã lên sân khấu nhận khen thưởng:"
    )
    assert mixed.invite_presenter.endswith("cho các tập thể, cá nhân.")
    slides = logic.led_slides(together)
    assert slides[1].subheading == "Đợt 2 · Tập thể và cá nhân"


# --------------------------------------------------------------------------- presenters


def leader(name, rank, position, unit="", presidium=True, absent=False) -> Person:
    return Person(
        next(_ids),
        name,
        "Đồng chí",
        position,
        unit,
        rank,
        presidium,
        absent,
        logic.presenter_level(position, unit),
    )


def test_each_form_is_presented_by_its_issuing_levels_leaders_in_turn():
    """A xã conference: the province's man presents the State and province awards, the xã's
    leaders take the xã's Giấy khen and the cơ sở titles in turn; nobody presents across."""
    people = [
        leader("Ba", 3, "Chủ tịch Hội đồng nhân dân xã"),
        leader("Một", 1, "Phó Giám đốc Sở Nội vụ", "Sở Nội vụ tỉnh"),
        leader("Hai", 2, "Bí thư Đảng ủy xã"),
        leader("Không xếp hạng", 0, "Chủ tịch Ủy ban nhân dân"),  # no level: the organiser's
        leader("Khách", 4, "Chủ tịch Ủy ban nhân dân tỉnh", presidium=False),
    ]
    recipients = [award(HC3)] + [award(BK_TINH) for _ in range(25)]
    recipients += [award(GIAY_KHEN) for _ in range(4)]
    recipients += [award(TTLDTT, COLLECTIVE) for _ in range(2)]
    ceremony = logic.plan_ceremony(
        FORMS, recipients, batch_size=2, people=people, organiser_level="xa"
    )
    names = [(b.form.code, b.presenter.name) for b in ceremony.batches]
    # HC3: no national leader, the province's presents it; 25 Bằng khen tỉnh in 13 batches: the
    # province's only leader each time; 4 Giấy khen in 2 batches and the Tập thể lao động tiên
    # tiến: the xã's three leaders by rank, the unranked one last.
    assert names == (
        [("huan_chuong_lao_dong_hang_ba", "Một")]
        + [("bang_khen_tinh", "Một")] * 13
        + [
            ("giay_khen_chu_tich_ubnd_xa", "Hai"),
            ("giay_khen_chu_tich_ubnd_xa", "Ba"),
            ("tap_the_lao_dong_tien_tien", "Không xếp hạng"),
        ]
    )
    assert not any(b.presenter.edited for b in ceremony.batches)


def test_a_sở_director_never_presents_the_xã_chairmans_giấy_khen():
    director = leader("Lê Quốc Hưng", 1, "Giám đốc Sở Nội vụ", "Sở Nội vụ tỉnh")
    recipients = [award(GIAY_KHEN) for _ in range(3)] + [award(BK_TINH)]
    ceremony = logic.plan_ceremony(
        FORMS, recipients, batch_size=10, people=[director], organiser_level="xa"
    )
    bang_khen, giay_khen = ceremony.batches
    assert bang_khen.presenter.name == "Lê Quốc Hưng"
    assert giay_khen.presenter is None  # left for the officer (awards.no_presenter_of_level)
    assert ceremony.batches_without_presenter == [giay_khen]


def test_presenter_level_is_read_from_position_unit_and_group():
    assert logic.presenter_level("Phó Giám đốc Sở Nội vụ", "Sở Nội vụ tỉnh") == "tinh"
    assert logic.presenter_level("Bí thư Đảng ủy xã", "Đảng ủy xã Tân Hòa, tỉnh Vĩnh Long") == "xa"
    assert logic.presenter_level("Chủ tịch Ủy ban nhân dân phường Hồng Hà") == "xa"
    assert logic.presenter_level("Bộ trưởng Bộ Nội vụ") == "nha_nuoc"
    assert logic.presenter_level("Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh") == "tinh"
    assert logic.presenter_level("Chủ tịch Ủy ban nhân dân thị xã") == "huyen"
    # "xã hội", "hợp tác xã", "cơ sở" name no level
    assert logic.presenter_level("Trưởng phòng Văn hóa - Xã hội") == ""
    assert logic.presenter_level("Giám đốc", "Hợp tác xã Nông nghiệp Mỹ Lợi") == ""
    assert logic.presenter_level("Hiệu trưởng", "Trường Trung học cơ sở Tân Hòa") == ""
    assert logic.presenter_level("Giám đốc", "", "Đại biểu cấp tỉnh: lãnh đạo Sở Nội vụ") == "tinh"


def test_absent_members_do_not_present_and_an_edit_is_kept():
    chairman = leader("Chủ tịch", 1, "Chủ tịch Ủy ban nhân dân tỉnh", absent=True)
    deputy = leader("Phó Chủ tịch", 2, "Phó Chủ tịch Ủy ban nhân dân tỉnh")
    guest = leader("Giám đốc Sở", 5, "Giám đốc Sở Nội vụ", presidium=False)
    recipients = [award(BK_TINH) for _ in range(3)]
    edits = [BatchEdit(BK_TINH.id, 2, presenter=guest, music_cue="Khúc quân hành")]
    ceremony = logic.plan_ceremony(
        FORMS, recipients, batch_size=1, people=[chairman, deputy, guest], edits=edits
    )
    presenters = [b.presenter for b in ceremony.batches]
    assert [p.name for p in presenters] == ["Phó Chủ tịch", "Giám đốc Sở", "Phó Chủ tịch"]
    assert presenters[1].edited and presenters[1].position == "Giám đốc Sở Nội vụ"
    assert ceremony.batches[1].music_cue == "Khúc quân hành"
    assert ceremony.batches[0].music_cue == logic.DEFAULT_MUSIC_CUE


def test_without_a_presidium_batches_wait_for_a_presenter_and_the_card_says_so():
    recipients = [award(BK_TINH, COLLECTIVE) for _ in range(12)]
    edits = [BatchEdit(BK_TINH.id, 1, presenter_name="Đồng chí Trưởng ban Tổ chức")]
    ceremony = logic.plan_ceremony(FORMS, recipients, batch_size=4, edits=edits)
    assert [b.presenter is None for b in ceremony.batches] == [False, True, True]
    money = logic.money_by_form(FORMS, recipients, SALARIES, dt.date(2027, 1, 15))
    items = logic.physical_item_counts(FORMS, recipients)
    card = logic.overview(recipients, money, items, ceremony)
    assert "Chưa chọn người trao cho đợt 2, 3" in card.todo
    assert "12 khen thưởng tập thể chưa có người lên nhận" in card.todo
    assert "12 khen thưởng chưa có số quyết định" in card.todo
    assert "3 đợt trao thưởng; khay bê hiện vật: 4 chiếc" in card.lines
    assert "Hiện vật: 12 bằng, giấy khen lồng khung" in card.lines
    assert f"Tiền thưởng: {vn.format_money(12 * 7_590_000)}" in card.lines


# --------------------------------------------------------------------------- the script


def test_decision_authority_and_text():
    assert logic.decision_authority("Bằng khen của Thủ tướng Chính phủ", "12/QĐ-TTg") == (
        "Thủ tướng Chính phủ"
    )
    assert logic.decision_authority("Huân chương Lao động hạng Ba", "") == "Chủ tịch nước"
    assert logic.decision_authority("Cờ thi đua của Chính phủ", "5/QĐ-TTg") == "Thủ tướng Chính phủ"
    assert (
        logic.decision_authority(
            "Chiến sĩ thi đua cơ sở", "215/QĐ-UBND", "Ủy ban nhân dân xã Tân Hòa", "co_so"
        )
        == "Chủ tịch Ủy ban nhân dân xã Tân Hòa"
    )
    assert logic.decision_authority("Tập thể lao động xuất sắc", "3/QĐ-UBND", "", "tinh") == (
        "Chủ tịch Ủy ban nhân dân tỉnh"
    )
    assert logic.decision_text("125/QĐ-TTg", dt.date(2026, 1, 5), "Thủ tướng Chính phủ") == (
        "Quyết định số 125/QĐ-TTg ngày 05 tháng 01 năm 2026 của Thủ tướng Chính phủ"
    )
    assert logic.decision_text("", None, "") == "Quyết định số …… ngày ……"


def test_script_reads_each_decision_once_and_invites_recipients_then_the_presenter():
    chief = Person(
        901, "Nguyễn Văn Thạnh", "Đồng chí", "Phó Chủ tịch Ủy ban nhân dân tỉnh", "", 1, True,
        level="tinh",
    )  # fmt: skip
    decision = {"decision_number": "3417/QĐ-UBND", "decision_date": dt.date(2026, 12, 21)}
    recipients = [
        award(
            BK_TINH,
            COLLECTIVE,
            name="Trường Tiểu học Tân Hòa",
            unit="xã Tân Hòa",
            receiver_name="Phạm Quốc Việt",
            **decision,
        ),
        award(
            BK_TINH,
            INDIVIDUAL,
            name="Trần Văn Đức",
            job_title="Phó Chủ tịch",
            unit="Ủy ban nhân dân xã Tân Hòa",
            **decision,
        ),
        award(
            BK_TINH,
            INDIVIDUAL,
            name="Võ Hoàng Yến",
            job_title="Trưởng Công an xã",
            receiver_name="Võ Văn Tâm",
            **decision,
        ),
    ]
    ceremony = logic.plan_ceremony(FORMS, recipients, people=[chief])
    script = logic.ceremony_script("Hội nghị tổng kết", "07 giờ 30", ceremony)
    first, second = script.batches
    assert first.heading == "Đợt 1: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (01 tập thể)"
    assert first.decisions == [
        "Quyết định số 3417/QĐ-UBND ngày 21 tháng 12 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh"
    ]
    assert second.decisions == [] and second.announce is None  # read once
    assert first.names == ["Trường Tiểu học Tân Hòa, xã Tân Hòa (đại diện nhận: Phạm Quốc Việt)"]
    assert second.names == [
        "Trần Văn Đức, Phó Chủ tịch, Ủy ban nhân dân xã Tân Hòa",
        "Võ Hoàng Yến, Trưởng Công an xã (Võ Văn Tâm nhận thay)",
    ]
    assert second.invite_recipients == (
        "Xin trân trọng kính mời 02 cá nhân được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh "
        "lên sân khấu nhận khen thưởng:"
    )
    assert first.invite_presenter == (
        "Xin trân trọng kính mời đồng chí Nguyễn Văn Thạnh, Phó Chủ tịch Ủy ban nhân dân tỉnh lên "
        "trao Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho tập thể."
    )
    assert "Xin chúc mừng tập thể Trường Tiểu học Tân Hòa vừa được" in first.closing


def test_led_slides_one_per_batch_with_the_form_as_heading():
    recipients = [award(BK_TINH, COLLECTIVE, name="Trạm Y tế xã Tân Hòa", unit="xã Tân Hòa")]
    recipients += [
        award(BK_TINH, INDIVIDUAL, name="Lê Thị Ửng", job_title="Y sĩ", unit="Trạm Y tế")
    ]
    slides = logic.led_slides(logic.plan_ceremony(FORMS, recipients))
    assert [(s.sequence, s.heading, s.subheading) for s in slides] == [
        (1, BK_TINH.name, "Đợt 1 · Tập thể"),
        (2, BK_TINH.name, "Đợt 2 · Cá nhân"),
    ]
    assert slides[0].names[0].detail == ""  # "xã Tân Hòa" is already in the collective's name
    assert (slides[1].names[0].name, slides[1].names[0].detail) == ("Lê Thị Ửng", "Y sĩ, Trạm Y tế")
