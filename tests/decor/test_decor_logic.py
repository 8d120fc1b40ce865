"""Decoration logic: texts written from the conference, line breaking, deadlines, the backdrop plan,
progress and costs — worked out by hand where a person can."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from kehoach_app import vn
from kehoach_app.conferences.presetting import preset_form_values
from kehoach_app.decor import logic as L
from kehoach_app.decor.drawing import measure_text
from kehoach_app.presets import all_presets

SEED_000_TITLE = (
    "Hội nghị tổng kết phong trào thi đua yêu nước năm 2023 và phát động thi đua yêu nước năm 2024"
)

# One issuer and place per level; none of the texts may assume "huyện".
ISSUERS = {
    "tinh": ("Ủy ban nhân dân tỉnh Khánh Hòa", "Khánh Hòa"),
    "xa": ("Ủy ban nhân dân phường Sài Gòn", "Sài Gòn"),
    "huyen": ("Ủy ban nhân dân thị xã Ninh Hòa", "Ninh Hòa"),
}


# --------------------------------------------------------------------------- texts


def test_title_block_of_seed_000_leaves_the_day_blank_like_the_seed_when_asked():
    paragraphs = L.title_block_paragraphs(
        kind="tong_ket",
        issuer="Ủy ban nhân dân tỉnh Thái Bình",
        title=SEED_000_TITLE,
        place="Thái Bình",
        day=dt.date(2024, 1, 18),
        full_date=False,
    )
    assert paragraphs == [
        "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH",
        "HỘI NGHỊ",
        "TỔNG KẾT PHONG TRÀO THI ĐUA YÊU NƯỚC NĂM 2023 VÀ PHÁT ĐỘNG THI ĐUA YÊU NƯỚC NĂM 2024",
        "Thái Bình, ngày … tháng 01 năm 2024",
    ]


def test_the_full_date_is_printed_unless_the_officer_leaves_the_day_blank():
    # Issue 16 (signer's review): the conference's date is known, so the backdrop says it.
    line = L.backdrop_date_line("Hải Châu", dt.date(2027, 1, 15))
    assert line == "Hải Châu, ngày 15 tháng 01 năm 2027"
    line = L.backdrop_date_line("Thái Bình", dt.date(2024, 1, 18), full_date=True)
    assert line == "Thái Bình, ngày 18 tháng 01 năm 2024"
    assert (
        L.backdrop_date_line("Hải Châu", dt.date(2027, 1, 15), full_date=False)
        == "Hải Châu, ngày … tháng 01 năm 2027"
    )
    # seed 003: "Ninh Hòa, ngày tháng 3 năm 2020" — months from 3 on without a leading 0
    assert (
        L.backdrop_date_line("Ninh Hòa", dt.date(2020, 3, 27), full_date=False)
        == "Ninh Hòa, ngày … tháng 3 năm 2020"
    )
    assert L.backdrop_date_line("Ninh Hòa", dt.date(2020, 3, 5), True).endswith(
        "ngày 05 tháng 3 năm 2020"
    )
    assert L.has_blank_day("Ninh Hòa, ngày … tháng 3 năm 2020")
    assert not L.has_blank_day("Ninh Hòa, ngày 27 tháng 3 năm 2020")


def test_dai_hoi_says_dai_hoi_and_its_banner_greets_the_congress():
    paragraphs = L.title_block_paragraphs(
        kind="dai_hoi",
        issuer="Ủy ban nhân dân tỉnh Khánh Hòa",
        title="Đại hội Thi đua yêu nước tỉnh Khánh Hòa lần thứ VI",
        place="Khánh Hòa",
        day=dt.date(2025, 9, 12),
    )
    assert paragraphs[1:3] == ["ĐẠI HỘI", "THI ĐUA YÊU NƯỚC TỈNH KHÁNH HÒA LẦN THỨ VI"]
    assert paragraphs[3] == "Khánh Hòa, ngày 12 tháng 9 năm 2025"
    assert (
        L.welcome_banner_text(
            kind="dai_hoi", title="Đại hội Thi đua yêu nước tỉnh Khánh Hòa lần thứ VI"
        )
        == "Chào mừng Đại hội Thi đua yêu nước tỉnh Khánh Hòa lần thứ VI"
    )


def test_welcome_banner_follows_seed_000():
    assert L.welcome_banner_text(kind="tong_ket", title=SEED_000_TITLE) == (
        "Chào mừng đại biểu về dự Hội nghị tổng kết phong trào thi đua yêu nước năm 2023 và "
        "phát động thi đua yêu nước năm 2024"
    )


def test_a_title_without_its_leading_word_still_gets_hoi_nghi():
    assert L.split_title("Tổng kết công tác thi đua năm 2025.") == (
        "",
        "Tổng kết công tác thi đua năm 2025",
    )
    assert L.split_title("HỘI NGHỊ tổng kết") == ("HỘI NGHỊ", "tổng kết")
    assert L.split_title("Hội nghịtổng") == ("", "Hội nghịtổng")  # not the word "Hội nghị"
    paragraphs = L.title_block_paragraphs(
        kind="giao_uoc",
        issuer="Ủy ban nhân dân xã Tân Hòa",
        title="Tổng kết giao ước thi đua năm 2025",
        place="Tân Hòa",
        day=dt.date(2026, 2, 3),
    )
    assert paragraphs[1:3] == ["HỘI NGHỊ", "TỔNG KẾT GIAO ƯỚC THI ĐUA NĂM 2025"]
    assert paragraphs[3] == "Tân Hòa, ngày 03 tháng 02 năm 2026"
    banner = L.welcome_banner_text(kind="giao_uoc", title="Tổng kết giao ước thi đua năm 2025")
    assert banner == "Chào mừng đại biểu về dự Hội nghị Tổng kết giao ước thi đua năm 2025"


def _conference_values(preset):
    issuer, place = ISSUERS[preset.level]
    values = preset_form_values(preset, dt.date(2026, 10, 1), issuer=issuer, place=place)
    return values, issuer, place


@pytest.mark.parametrize("preset", all_presets(), ids=lambda p: p.key)
@pytest.mark.parametrize("size", [(12.0, 5.0), (6.0, 3.0)], ids=["12x5", "6x3"])
def test_generated_title_block_for_every_preset_kind_and_level(preset, size):
    values, issuer, place = _conference_values(preset)
    width, height = size
    text = L.generated_title_block(
        kind=preset.kind,
        issuer=issuer,
        title=values["title"],
        place=place,
        day=values["date"],
        width=width,
        height=height,
        measure=measure_text,
    )
    lines = text.split("\n")
    heading = "ĐẠI HỘI" if preset.kind == "dai_hoi" else "HỘI NGHỊ"
    assert heading in lines  # on its own line
    head_at = lines.index(heading)
    assert " ".join(lines[:head_at]) == vn.upper_vn(issuer)
    assert "HUYỆN" not in text or preset.level == "huyen"
    date_lines = " ".join(lines[lines.index(heading) + 1 :]).split(f"{place},")
    day = values["date"]
    assert len(date_lines) == 2 and date_lines[1].strip().startswith(f"ngày {day.day:02d} tháng")
    # every word of the title is there, in capitals, none split
    _, rest = L.split_title(values["title"])
    assert L.same_words(
        " ".join(lines),
        " ".join(
            L.title_block_paragraphs(
                kind=preset.kind,
                issuer=issuer,
                title=values["title"],
                place=place,
                day=values["date"],
            )
        ),
    )
    assert vn.upper_vn(rest).split()[0] in text
    # no line is too long for the backdrop: the plan fits it without shrinking past 2 cm
    plan = L.plan_backdrop(width, height, text, heading=heading, measure=measure_text)
    assert not plan.title.overflow
    assert [line.text for line in plan.title.lines] == lines  # the drawing keeps the breaks
    for line in plan.title.lines:
        assert line.width <= plan.title.area.w + 1e-6


def test_banner_for_every_preset_fits_the_banner():
    for preset in all_presets():
        values, _issuer, _place = _conference_values(preset)
        banner = L.welcome_banner_text(kind=preset.kind, title=values["title"])
        assert banner.startswith("Chào mừng")
        block = L.banner_block(banner, measure=measure_text)
        assert not block.overflow
        assert 1 <= len(block.lines) <= 3
        assert all(line.text == vn.upper_vn(line.text) for line in block.lines)


# --------------------------------------------------------------------------- line breaking


def _fits(limit):
    return lambda s: len(s) <= limit


def test_break_balanced_keeps_words_whole_and_evens_the_lines():
    text = (
        "TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2025 VÀ PHÁT ĐỘNG PHONG TRÀO THI ĐUA NĂM 2026"
    )
    lines = L.break_balanced(text, _fits(50))
    assert lines == [
        "TỔNG KẾT CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2025",
        "VÀ PHÁT ĐỘNG PHONG TRÀO THI ĐUA NĂM 2026",
    ]
    lines = L.break_balanced(text, _fits(35))
    assert len(lines) == 3 and " ".join(lines) == text
    assert max(map(len, lines)) <= 35
    assert max(map(len, lines)) - min(map(len, lines)) <= 12  # balanced, not 35 / 35 / 15
    assert not any(line.endswith(" NĂM") for line in lines)  # the year stays with "NĂM"


def test_break_balanced_never_splits_a_word():
    lines = L.break_balanced("A SIÊUDÀIKHÔNGVỪADÒNG B", _fits(8))
    assert lines == ["A", "SIÊUDÀIKHÔNGVỪADÒNG", "B"]
    assert L.break_balanced("", _fits(8)) == []
    assert L.break_balanced("HỘI NGHỊ", _fits(8)) == ["HỘI NGHỊ"]


def test_agency_name_is_not_cut_inside_uy_ban_nhan_dan():
    lines = L.break_balanced("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", _fits(24))
    assert lines == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]


def test_max_chars_per_line_comes_from_width_and_letter_height():
    assert L.max_chars_per_line(7.8, 0.2) == 39  # 7,8 m wide, capitals 20 cm tall
    assert L.max_chars_per_line(7.8, 0.2, capitals=False) == 50
    assert L.max_chars_per_line(0.1, 0.2) == 1


def test_a_long_title_on_a_narrow_backdrop_breaks_into_balanced_lines():
    title = (
        "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025, giai đoạn 2021 - 2025, "
        "biểu dương các tập thể, cá nhân điển hình tiên tiến trong các phong trào thi đua yêu "
        "nước và phát động phong trào thi đua năm 2026 với chủ đề đoàn kết, sáng tạo, kỷ cương"
    )
    text = L.generated_title_block(
        kind="tong_ket",
        issuer="Ủy ban nhân dân đặc khu Phú Quốc",
        title=title,
        place="Phú Quốc",
        day=dt.date(2026, 1, 9),
        width=6.0,
        height=3.0,
    )
    lines = text.split("\n")
    assert lines[0] == "ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUỐC"
    assert lines[1] == "HỘI NGHỊ"
    title_lines = lines[2:-1]
    assert len(title_lines) >= 4
    plan = L.plan_backdrop(6.0, 3.0, text)
    cap = plan.title.cap_heights()["title"]
    limit = L.max_chars_per_line(plan.title.area.w, cap)
    assert all(len(line) <= limit for line in title_lines)
    assert max(map(len, title_lines)) - min(map(len, title_lines)) <= limit // 2
    assert L.same_words(" ".join(title_lines), vn.upper_vn(L.split_title(title)[1]))


def test_the_officers_own_breaks_are_kept_when_they_fit():
    text = "ỦY BAN NHÂN DÂN\nXÃ TÂN HÒA\nHỘI NGHỊ\nTỔNG KẾT NĂM 2025\nTân Hòa, tháng 01 năm 2026"
    plan = L.plan_backdrop(12, 5, text)
    assert [line.text for line in plan.title.lines] == text.split("\n")
    assert [line.role for line in plan.title.lines] == [
        "issuer",
        "issuer",
        "heading",
        "title",
        "date",
    ]


def test_a_line_far_too_long_is_broken_again_rather_than_printed_tiny():
    long_line = " ".join(["THI ĐUA YÊU NƯỚC"] * 12)
    plan = L.plan_backdrop(12, 5, f"HỘI NGHỊ\n{long_line}")
    assert len(plan.title.lines) > 2
    assert plan.title.cap_heights()["title"] > 0.05


def test_text_that_cannot_fit_is_flagged():
    plan = L.plan_backdrop(2, 1, "HỘI NGHỊ\n" + " ".join(["THI ĐUA"] * 200))
    assert plan.title.overflow


def test_line_roles_find_the_date_even_broken_in_two():
    roles = L.line_roles(
        ["ỦY BAN NHÂN DÂN XÃ A", "HỘI NGHỊ", "TỔNG KẾT", "A, ngày … tháng 01", "năm 2026"]
    )
    assert roles == ["issuer", "heading", "title", "date", "date"]
    assert L.line_roles(["TỔNG KẾT NĂM 2025"]) == ["title"]


# --------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("day", "days_before", "expected", "label"),
    [
        (dt.date(2027, 1, 15), 1, dt.date(2027, 1, 14), "Thứ Năm, 14/01/2027"),
        (dt.date(2027, 1, 1), 1, dt.date(2026, 12, 31), "Thứ Năm, 31/12/2026"),  # year end
        (dt.date(2024, 3, 1), 1, dt.date(2024, 2, 29), "Thứ Năm, 29/02/2024"),  # leap year
        (dt.date(2023, 3, 1), 1, dt.date(2023, 2, 28), "Thứ Ba, 28/02/2023"),
        (dt.date(2025, 5, 1), 5, dt.date(2025, 4, 26), "Thứ Bảy, 26/04/2025"),  # month end
        (dt.date(2026, 1, 9), 15, dt.date(2025, 12, 25), "Thứ Năm, 25/12/2025"),
        (dt.date(2026, 1, 9), 0, dt.date(2026, 1, 9), "Thứ Sáu, 09/01/2026"),
        (dt.date(2026, 1, 9), 365, dt.date(2025, 1, 9), "Thứ Năm, 09/01/2025"),
    ],
)
def test_deadlines_across_month_and_year_ends(day, days_before, expected, label):
    assert L.deadline(day, days_before) == expected
    assert L.deadline_label(day, days_before) == label


def test_days_before_are_worded_like_the_seeds():
    assert L.days_before_label(1) == "trước 01 ngày"
    assert L.days_before_label(15) == "trước 15 ngày"
    assert L.days_before_label(0) == "ngày tổ chức"


# --------------------------------------------------------------------------- the plan


@pytest.mark.parametrize("size", [(12, 5), (9, 4), (6, 3), (20, 6), (2, 1), (50, 20), (50, 1.5)])
def test_flag_is_at_the_audiences_left_with_the_statue_below_its_star(size):
    width, height = size
    plan = L.plan_backdrop(width, height, "HỘI NGHỊ\nTỔNG KẾT")
    flag = plan.flag
    assert flag.cx < width / 2  # left half of the backdrop as the hall sees it
    assert flag.w / flag.h == pytest.approx(1.5)  # 3:2 (Hiến pháp 2013, Điều 13)
    assert plan.star_radius == pytest.approx(flag.w / 5)  # centre to tip: 1/5 of the length
    assert plan.star_center == (flag.cx, flag.cy)
    for rect in (flag, plan.title.area, plan.led, plan.plinth, plan.statue):
        assert 0 <= rect.x and rect.right <= width + 1e-9
        assert 0 <= rect.y and rect.top <= height + 1e-9
    # the bust stands under the star, its head below the star's lowest point
    assert plan.statue.cx == pytest.approx(flag.cx)
    assert plan.statue.top < flag.cy - plan.star_radius
    assert plan.plinth.y == 0 and plan.statue.y == pytest.approx(plan.plinth.top)
    # the title and the LED screen are to the right of the flag
    assert plan.title.area.x > flag.right
    assert plan.led.top <= plan.title.area.y + 1e-9
    assert plan.wings[0].right < 0 < width < plan.wings[1].x


def test_flag_sides_are_round_figures():
    plan = L.plan_backdrop(12, 5, "HỘI NGHỊ")
    assert (round(plan.flag.w, 6), round(plan.flag.h, 6)) == (3.3, 2.2)
    plan = L.plan_backdrop(9, 4, "HỘI NGHỊ")
    assert (round(plan.flag.w, 6), round(plan.flag.h, 6)) == (2.4, 1.6)


def _item(area="san_khau", item="Quốc kỳ", status="todo", days_before=1, **kw):
    values = dict(
        id=kw.pop("id", 1),
        position=kw.pop("position", 1),
        area=area,
        item=item,
        quantity=kw.pop("quantity", 1),
        unit=kw.pop("unit", "lá"),
        placement="",
        text="",
        responsible="",
        days_before=days_before,
        status=status,
        unit_cost=kw.pop("unit_cost", 0),
        notes="",
    )
    return SimpleNamespace(**values)


def test_the_drawing_shows_what_the_checklist_has():
    items = [_item(item="Quốc kỳ"), _item(item="Tượng Bác Hồ"), _item(item="Hoa trang trí")]
    features = L.backdrop_features(items)
    assert features == L.Features(statue=True, led=False, pano=False, flowers=True)
    plan = L.plan_backdrop(8, 3.5, "HỘI NGHỊ", features=features)
    assert plan.led is None and plan.wings == [] and plan.panos == []
    assert L.backdrop_features([]) == L.Features()
    outside_only = [_item(area="ngoai_hoi_truong", item="Pano")]
    assert L.backdrop_features(outside_only) == L.Features()


# --------------------------------------------------------------------------- checklist, card, costs


def test_checklist_groups_by_area_numbers_and_resolves_linked_texts():
    items = [
        _item(area="ngoai_hoi_truong", item="Băng khẩu hiệu", id=3, position=1),
        _item(area="san_khau", item="Tiêu đề", id=2, position=2, status="done"),
        _item(area="san_khau", item="Quốc kỳ", id=1, position=1),
    ]
    items[0].text = L.TEXT_FROM_WELCOME_BANNER
    items[1].text = L.TEXT_FROM_TITLE_BLOCK
    sheet = L.checklist(
        items,
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 1),
        title_block="HỘI NGHỊ\nX",
        welcome_banner="Chào mừng",
    )
    assert [g.label for g in sheet.groups] == ["Sân khấu", "Ngoài hội trường, sảnh"]
    assert [(r.number, r.item) for r in sheet.rows] == [
        (1, "Quốc kỳ"),
        (2, "Tiêu đề"),
        (3, "Băng khẩu hiệu"),
    ]
    assert sheet.rows[1].text == "HỘI NGHỊ\nX"
    assert sheet.rows[2].text == "Chào mừng"
    assert sheet.rows[0].deadline == "Thứ Năm, 31/12/2026"
    assert sheet.rows[0].overdue  # due yesterday, not done
    assert not sheet.rows[1].overdue  # done
    assert (sheet.done, sheet.total, sheet.progress) == (1, 3, 33)


def test_progress_and_todo_lines():
    day = dt.date(2027, 1, 15)
    items = [
        _item(item="Quốc kỳ", status="done", id=1),
        _item(item="Pano", days_before=3, id=2),
        _item(item="Cây cảnh", id=3),
        _item(item="Hoa", id=4),
        _item(item="Phướn", id=5),
        _item(item="Cờ chuỗi", id=6),
    ]
    assert L.progress(items) == 17
    assert L.progress([]) == 0
    lines = L.todo_lines(items, day, has_backdrop=False, today=dt.date(2027, 1, 13))
    assert lines == [
        "Chưa có kích thước phông",
        "Quá hạn Thứ Ba, 12/01/2027: Pano",
        "Hạn Thứ Năm, 14/01/2027: Cây cảnh, Hoa, Phướn và 1 mục khác",
    ]
    assert L.todo_lines([items[0]], day, has_backdrop=True) == []


def test_cost_lines_for_the_budget():
    items = [
        _item(item="Pano", quantity=2, unit="tấm", unit_cost=1_500_000, id=1),
        _item(item="Quốc kỳ", unit_cost=0, id=2, position=2),
    ]
    lines = L.cost_lines(items)
    assert lines == [("Pano", 2, "tấm", 1_500_000, "san_khau", 1)]  # the area tells twins apart
    assert lines[0].quantity * lines[0].unit_cost == 3_000_000


def test_next_edition_resets_statuses_and_moves_the_years():
    data = {
        "items": [
            {"area": "san_khau", "item": "Quốc kỳ", "status": "done", "placement": "Như năm 2025"},
            {"area": "san_khau", "item": "Băng rôn", "status": "doing", "text": "Chào năm 2026"},
        ],
        "backdrop": {
            "width_m": 9.0,
            "height_m": 4.0,
            "title_block": "TỔNG KẾT NĂM 2025\nA, ngày 15 tháng 01 năm 2026",
            "welcome_banner": "",
        },
    }
    moved = L.next_edition(data, {2025, 2026}, 1)
    assert [i["status"] for i in moved["items"]] == ["todo", "todo"]
    assert moved["items"][0]["placement"] == "Như năm 2026"
    assert moved["items"][1]["text"] == "Chào năm 2027"
    assert moved["backdrop"]["title_block"] == "TỔNG KẾT NĂM 2026\nA, ngày 15 tháng 01 năm 2027"
    assert data["items"][0]["status"] == "done"  # the original is not changed
    assert L.next_edition({"items": [], "backdrop": None}, {2025}, 1)["backdrop"] is None
