"""Issue 17, the outside review of the five seed plans: each defect class with the seed's words."""

from __future__ import annotations

import datetime as dt

from kehoach_app.conferences.logic import first_dated_day, signing_date_line, signing_year
from kehoach_app.plan.logic import (
    OutlineEntry,
    PlanInputs,
    ProgrammeLine,
    _performer,
    _task_line,
    document_dates,
    plan_blocks,
    task_when,
    with_support,
)
from kehoach_app.tasks.logic import TaskData

from .test_logic import VALUES


def _text(blocks) -> str:
    return "\n".join(b.text for b in blocks)


def test_a_dai_hoi_plan_words_its_deadlines_with_dai_hoi():
    task = TaskData("Xây dựng báo cáo", "Sở Nội vụ", deadline_kind="days_before", days_before=90)
    day = dt.date(2025, 8, 20)
    assert task_when(task, day, "Đại hội") == " (hoàn thành trước 90 ngày tổ chức Đại hội)"
    values = {**VALUES, "kind": "dai_hoi", "date": day}
    text = _text(plan_blocks(PlanInputs(values, tasks=[task])))
    assert "(hoàn thành trước 90 ngày tổ chức Đại hội)" in text
    assert "tổ chức Hội nghị)" not in text


def test_the_year_of_an_unsigned_plan_is_before_its_first_dated_duty():
    # seed 004: Đại hội in 2025, the duty "trước ngày 30/8/2024" (last day 29/08/2024)
    values = {"date": dt.date(2025, 8, 20), "place_name": "Thái Bình", "signing_date": None}
    assert signing_year({**values, "first_due": dt.date(2024, 8, 29)}) == 2024
    # seed 000: a January conference, duties "trong tháng 12 năm 2023"
    values = {**values, "date": dt.date(2024, 1, 19), "first_due": dt.date(2023, 12, 31)}
    assert signing_date_line(values) == "Thái Bình, ngày … tháng … năm 2023"
    # seed 001: "trước ngày 10/01/2025" (last day 09/01) leaves no 15 days in 2025: 2024
    assert (
        signing_year({**values, "date": dt.date(2025, 2, 28), "first_due": dt.date(2025, 1, 9)})
        == 2024
    )
    # nothing dated before the conference's year: its year; a typed ngày ký settles
    assert signing_year({**values, "date": dt.date(2027, 5, 1), "first_due": None}) == 2027
    assert signing_year({**values, "signing_date": dt.date(2024, 1, 2)}) == 2024
    # a Đại hội with a level in Quý I 2030 is signed in 2029
    first = first_dated_day([dt.date(2030, 6, 1), None], [(1, 2030), (None, None)])
    assert first == dt.date(2030, 1, 1)
    assert signing_year({**values, "date": dt.date(2030, 9, 30), "first_due": first}) == 2029


def test_the_funding_text_prints_as_the_officer_typed_it():
    typed = (
        "Kinh phí tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2019 và phát động "
        "phong trào thi đua năm 2020 thực hiện theo đúng quy định, được trích từ Quỹ thi đua, "
        "khen thưởng của thị xã."
    )
    text = _text(plan_blocks(PlanInputs({**VALUES, "funding_source": typed})))
    assert typed in text
    assert "Mức chi" not in text and "Kinh phí tổ chức Hội nghị: từ" not in text
    # a source alone is put in the generated sentence; "Mức chi …" only as an option
    source = {**VALUES, "funding_source": "Quỹ thi đua, khen thưởng của thị xã"}
    text = _text(plan_blocks(PlanInputs(source)))
    assert "Kinh phí tổ chức Hội nghị: từ Quỹ thi đua, khen thưởng của thị xã." in text
    assert "Mức chi" not in text
    outline = [OutlineEntry("kinh-phi", options={"muc_chi": True})]
    text = _text(plan_blocks(PlanInputs(source), outline))
    assert "của thị xã. Mức chi theo dự toán được cấp có thẩm quyền phê duyệt." in text


def test_no_two_brackets_in_a_row_and_the_seeds_date_format():
    task = TaskData(
        "Gửi Ủy ban nhân dân tỉnh (qua Ban Thi đua - Khen thưởng, Sở Nội vụ)",
        "Các cơ quan",
        deadline_kind="fixed",
        deadline_date=dt.date(2024, 8, 30),
        deadline_words="truoc_ngay",
    )
    line = _task_line(task, dt.date(2025, 8, 20), "Đại hội")
    assert line == (
        "- Gửi Ủy ban nhân dân tỉnh (qua Ban Thi đua - Khen thưởng, Sở Nội vụ) trước ngày "
        "30/8/2024;"
    )
    plain = TaskData(
        "Gửi báo cáo (qua Sở Nội vụ)",
        "X",
        deadline_kind="fixed",
        deadline_date=dt.date(2020, 3, 19),
    )
    line = _task_line(plain, dt.date(2020, 3, 27))
    assert ") (" not in line
    assert line == "- Gửi báo cáo (qua Sở Nội vụ), hoàn thành chậm nhất ngày 19/3/2020;"
    # seed 003: the date before what the sending is for
    tham_luan = TaskData(
        "Gửi về UBND thị xã (qua Phòng Nội vụ) để tổng hợp, cụ thể như sau\n+ Giao Phòng Y tế: …",
        "Các cơ quan",
        deadline_kind="fixed",
        deadline_date=dt.date(2020, 3, 20),
        deadline_words="truoc_ngay",
    )
    assert _task_line(tham_luan, dt.date(2020, 3, 27)).startswith(
        "- Gửi về UBND thị xã (qua Phòng Nội vụ) trước ngày 20/3/2020 để tổng hợp, cụ thể như sau:"
    )
    assert document_dates("chậm nhất ngày 05/12/2023, trong tháng 01/2025, tháng 03/2025") == (
        "chậm nhất ngày 05/12/2023, trong tháng 01/2025, tháng 3/2025"
    )


def test_phoi_hop_is_written_where_it_reads():
    assert (
        with_support("Tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết", ["Sở Nội vụ"])
        == "Chủ trì, phối hợp với Sở Nội vụ tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, "
        "giải quyết"
    )
    assert with_support("Chủ trì xây dựng phóng sự", ["Đài PT-TH"]) == (
        "Chủ trì, phối hợp với Đài PT-TH xây dựng phóng sự"
    )
    # the duty already names its partners: as typed
    typed = "Chủ trì, phối hợp Đài PT-TH xây dựng phóng sự"
    assert with_support(typed, ["Đài PT-TH"]) == typed
    assert with_support("Làm việc với Sở Nội vụ", ["Sở Nội vụ"]) == "Làm việc với Sở Nội vụ"
    assert with_support("Bảo đảm an ninh", []) == "Bảo đảm an ninh"
    # a unit named by a quantifier is lowered inside the sentence, a body's name is not
    # (outside walk: "phối hợp với Các cơ quan, đơn vị, tổ dân phố")
    assert with_support(
        "Đề xuất khen thưởng", ["Các cơ quan, đơn vị, tổ dân phố", "Ủy ban nhân dân phường"]
    ) == (
        "Chủ trì, phối hợp với các cơ quan, đơn vị, tổ dân phố, Ủy ban nhân dân phường đề xuất "
        "khen thưởng"
    )


def test_a_report_is_trinh_bay_and_a_unit_thuc_hien():
    report = ProgrammeLine("Báo cáo tóm tắt tổng kết", presenter="Lãnh đạo Ủy ban nhân dân tỉnh")
    assert _performer(report) == " (Lãnh đạo Ủy ban nhân dân tỉnh trình bày)"
    film = ProgrammeLine("Phát phóng sự", unit="Đài Phát thanh và Truyền hình Thái Bình")
    assert _performer(film) == " (Đài Phát thanh và Truyền hình Thái Bình thực hiện)"
    assert _performer(ProgrammeLine("Văn nghệ", presenter="Đoàn ca múa phát biểu")) == (
        " (Đoàn ca múa phát biểu)"
    )


def test_about_before_the_number_of_delegates():
    outline = [OutlineEntry("thanh-phan", options={"about": True, "counts": False})]
    text = _text(plan_blocks(PlanInputs(VALUES), outline))
    assert "Tổng số đại biểu: khoảng" in text


def _title_lines(pdf: bytes) -> list[str]:
    """The plan's title lines as printed: the bold lines between "KẾ HOẠCH" and the intro."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        words = document.pages[0].extract_words(extra_attrs=["fontname"])
    start = next(w["top"] for w in words if w["text"] == "HOẠCH")
    bold = [w for w in words if w["top"] > start + 2 and "Bold" in w["fontname"]]
    rows: dict[int, list] = {}
    for word in bold:
        rows.setdefault(round(word["top"]), []).append(word)
    lines = [
        " ".join(w["text"] for w in sorted(r, key=lambda w: w["x0"]))
        for _, r in sorted(rows.items())
    ]
    return [line for line in lines if not line.startswith(("I.", "MỤC"))][:4]


def test_the_title_breaks_between_phrases_never_inside_one():
    from kehoach_app.plan.logic import keep_phrases
    from kehoach_app.plan.printout import PlanSheet, render_plan

    titles = [
        "Đại hội Thi đua yêu nước các cấp tỉnh Hưng Yên tiến tới Đại hội Thi đua yêu nước toàn "
        "quốc lần thứ XI",
        "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và trao thưởng cấp Nhà nước",
        "Hội nghị tổng kết phong trào thi đua, công tác khen thưởng giai đoạn 2025 - 2030 của "
        "tỉnh Bà Rịa - Vũng Tàu",
    ]
    for title, place in zip(titles, ["Hưng Yên", "An Giang", "Bà Rịa - Vũng Tàu"], strict=True):
        sheet = PlanSheet(
            parent_body="",
            issuer="Ủy ban nhân dân tỉnh",
            number_line="Số: /KH-UBND",
            date_line="ngày … tháng … năm 2025",
            subtitle=f"Tổ chức {title}",
            blocks=[],
            recipients=["Lưu: VT."],
            signer_lines=["CHỦ TỊCH"],
            signer_name="A",
            keep_together=[place],
        )
        lines = _title_lines(render_plan(sheet, "pdf"))
        assert len(lines) >= 2, lines
        assert " ".join(lines).startswith("Tổ chức " + title.split()[0])
        for first, second in zip(lines, lines[1:], strict=False):
            for phrase in ("khen thưởng", "thi đua", "Thi đua", place, "2025 - 2030", "lần thứ XI"):
                words = phrase.split()
                for cut in range(1, len(words)):
                    broken = first.endswith(" ".join(words[:cut])) and second.startswith(
                        " ".join(words[cut:])
                    )
                    assert not broken, (phrase, lines)
    # the joins are the printout's: the text elsewhere keeps ordinary spaces
    assert (
        keep_phrases("khen thưởng năm 2025 - 2030", [])
        == "khen\u00a0thưởng năm 2025\u00a0-\u00a02030"
    )
