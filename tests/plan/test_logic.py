"""The Kế hoạch's wording from hand-made conference data."""

from __future__ import annotations

import datetime as dt

from kehoach_app.plan.logic import (
    DecorLine,
    GroupLine,
    PlanInputs,
    ProgrammeLine,
    digest,
    plan_blocks,
    with_edits,
)
from kehoach_app.tasks.logic import TaskData

VALUES = {
    "issuer": "Ủy ban nhân dân tỉnh Thái Bình",
    "title": "Hội nghị tổng kết phong trào thi đua yêu nước năm 2023 và phát động thi đua yêu "
    "nước năm 2024",
    "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "purposes": "tổng kết, đánh giá kết quả năm 2023.\nPhát động thi đua yêu nước năm 2024.",
    "date": dt.date(2024, 1, 18),
    "start_time": dt.time(7, 30),
    "length": "half_day",
    "venue": "Trung tâm Hội nghị tỉnh",
    "venue_address": "",
    "planned_delegates": 350,
    "funding_source": "Quỹ thi đua, khen thưởng tỉnh năm 2024",
    "closing": "Trên đây là Kế hoạch tổ chức Hội nghị./.",
    "recipients": "Ban TĐKT Trung ương\nLưu: VT, NCKS",
}


def inputs(**changes) -> PlanInputs:
    base = PlanInputs(
        values=dict(VALUES),
        programme=[
            ProgrammeLine("Văn nghệ chào mừng", unit="Phòng Giáo dục và Đào tạo huyện Đông Hưng"),
            ProgrammeLine("Tuyên bố lý do, giới thiệu đại biểu", "Văn phòng UBND tỉnh"),
            ProgrammeLine("Bế mạc Hội nghị"),
        ],
        groups=[GroupLine("Thường trực Tỉnh ủy", 5), GroupLine("Các sở, ban, ngành", 120)],
        tasks=[
            TaskData(
                "Giấy mời Hội nghị",
                "Ban Thi đua - Khen thưởng, Sở Nội vụ",
                deadline_kind="days_before",
                days_before=5,
            ),
            TaskData(
                "Trang trí, khánh tiết, khẩu hiệu Hội nghị",
                "Ban Thi đua - Khen thưởng, Sở Nội vụ",
                ("Văn phòng UBND tỉnh",),
                deadline_kind="days_before",
                days_before=1,
            ),
            TaskData("Bảo đảm an ninh trật tự", "Công an tỉnh", deadline_kind="none"),
            TaskData(
                "Duyệt phóng sự",
                "Ban Thi đua - Khen thưởng, Sở Nội vụ",
                deadline_kind="month_before",
            ),
        ],
        decor=[
            DecorLine(
                "san_khau",
                "Cờ Tổ quốc",
                "Treo trên phông, phía trái sân khấu (nhìn từ phía dưới lên)",
            ),
            DecorLine("ngoai_hoi_truong", "Cây cảnh", "Tại sảnh hội trường"),
        ],
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def texts(blocks) -> str:
    return "\n".join(block.text for block in blocks)


def test_sections_in_the_seeds_order():
    headings = [b.text for b in plan_blocks(inputs()) if b.kind == "heading" and b.level == 1]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG, CHƯƠNG TRÌNH, THỜI GIAN, ĐỊA ĐIỂM",
        "III. THÀNH PHẦN ĐẠI BIỂU",
        "IV. KINH PHÍ",
        "V. TỔ CHỨC THỰC HIỆN",
    ]


def test_wording_of_each_section():
    text = texts(plan_blocks(inputs()))
    assert text.startswith(
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Ủy ban nhân dân tỉnh Thái Bình ban hành Kế hoạch tổ chức Hội nghị"
    )
    assert "1. Tổng kết, đánh giá kết quả năm 2023." in text  # capitalised, numbered
    assert "- Văn nghệ chào mừng (Phòng Giáo dục và Đào tạo huyện Đông Hưng thực hiện);" in text
    assert "- Bế mạc Hội nghị." in text
    # "2. Thời gian: ½ ngày, …": the heading runs into its paragraph, as seeds 000–002 write it
    when = "½ ngày, bắt đầu lúc 07 giờ 30, Thứ Năm, ngày 18 tháng 01 năm 2024."
    assert f"2. Thời gian:\n{when}" in text
    assert "3. Địa điểm:\nTrung tâm Hội nghị tỉnh." in text
    assert "Tổng số đại biểu: 350 đại biểu, gồm:" in text
    assert "- Các sở, ban, ngành (120 đại biểu)." in text
    assert "Kinh phí tổ chức Hội nghị: từ Quỹ thi đua, khen thưởng tỉnh năm 2024." in text


def test_tasks_by_unit_with_the_seeds_deadline_wording():
    blocks = plan_blocks(inputs())
    units = [b.text for b in blocks if b.kind == "heading" and b.level == 2]
    assert units[-2:] == ["1. Ban Thi đua - Khen thưởng, Sở Nội vụ", "2. Công an tỉnh"]
    text = texts(blocks)
    assert "- Giấy mời Hội nghị (hoàn thành trước 05 ngày tổ chức Hội nghị);" in text
    # Conference on 18/01/2024: "trong tháng trước" is December 2023, as seed 000 says.
    assert "- Duyệt phóng sự (hoàn thành trong tháng 12 năm 2023)" in text
    assert "- Bảo đảm an ninh trật tự." in text
    # The decoration goes under the unit whose task it is, inside and outside the hall.
    assert (
        "- Chủ trì, phối hợp với Văn phòng UBND tỉnh trang trí, khánh tiết, khẩu hiệu Hội nghị "
        "(hoàn thành trước 01 ngày tổ chức Hội nghị):"
    ) in text
    # the decoration duty heads its list, once (issue 17: it printed twice)
    assert text.lower().count("trang trí, khánh tiết") == 1
    assert "Trong Hội trường:\n+ Cờ Tổ quốc: Treo trên phông, phía trái sân khấu" in text
    assert "Ngoài Hội trường:\n+ Cây cảnh: Tại sảnh hội trường." in text


def test_budget_total_in_figures_and_words():
    text = texts(plan_blocks(inputs(budget_total=12_345_000)))
    assert (
        "Tổng dự toán: 12.345.000 đồng, theo dự toán kèm theo. Bằng chữ: Mười hai triệu ba "
        "trăm bốn mươi lăm nghìn đồng."
    ) in text


def test_edits_are_kept_and_flagged_when_the_data_changes():
    blocks = plan_blocks(inputs())
    programme = next(b for b in blocks if b.key == "programme")
    edits = {"programme": ("- Chương trình do tôi viết.", digest(programme.text))}
    shown = {s.block.key: s for s in with_edits(blocks, edits)}
    assert shown["programme"].text == "- Chương trình do tôi viết."
    assert shown["programme"].edited and not shown["programme"].stale
    changed = plan_blocks(inputs(programme=[ProgrammeLine("Khai mạc")]))
    shown = {s.block.key: s for s in with_edits(changed, edits)}
    assert shown["programme"].text == "- Chương trình do tôi viết."
    assert shown["programme"].stale
    assert not shown["purposes"].edited
