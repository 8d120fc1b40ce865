"""Programme times, session warnings and the MC's default words, against hand-worked figures."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.agenda.logic import (
    EMPTY_WARNING,
    AgendaEntry,
    ScriptContext,
    agenda_status,
    compute_schedule,
    default_mc_lines,
    default_mc_text,
    format_duration,
    invitee,
    mc_lines,
    parse_minutes,
    programme_sheet,
    run_of_show,
)


def entries(*minutes: int, kind: str = "khac") -> list[AgendaEntry]:
    return [AgendaEntry(kind=kind, title=f"Mục {i}", minutes=m) for i, m in enumerate(minutes, 1)]


def item(kind: str, minutes: int = 10, **fields) -> AgendaEntry:
    return AgendaEntry(kind=kind, title=fields.pop("title", f"Nội dung {kind}"), minutes=minutes,
                       **fields)  # fmt: skip


def ranges(schedule) -> list[str]:
    return [timed.time_range for timed in schedule.items]


# ------------------------------------------------------------------ times


def test_times_of_the_demo_programme_worked_by_hand():
    # tong_ket.xa: 15 + 10 + 20 + 15 + 7 + 7 + 7 + 15 + 10 + 10 + 15 + 15 + 10 + 5 + 5 = 166
    minutes = (15, 10, 20, 15, 7, 7, 7, 15, 10, 10, 15, 15, 10, 5, 5)
    schedule = compute_schedule(entries(*minutes), dt.time(7, 30), "half_day")
    assert schedule.total_minutes == 166
    assert schedule.end == dt.time(10, 16)  # 07:30 + 2 h 46 min
    assert ranges(schedule)[:5] == [
        "07:30 – 07:45",
        "07:45 – 07:55",
        "07:55 – 08:15",
        "08:15 – 08:30",
        "08:30 – 08:37",
    ]
    assert ranges(schedule)[-1] == "10:11 – 10:16"
    assert [timed.number for timed in schedule.items] == list(range(1, 16))
    assert schedule.warnings == ()
    assert schedule.fits


def test_an_afternoon_session_from_13_30_that_overruns_17_00():
    # 13:30 + 30 + 60 + 45 + 60 + 30 = 13:30 + 225 min = 17:15
    schedule = compute_schedule(entries(30, 60, 45, 60, 30), dt.time(13, 30), "session")
    assert ranges(schedule) == [
        "13:30 – 14:00",
        "14:00 – 15:00",
        "15:00 – 15:45",
        "15:45 – 16:45",
        "16:45 – 17:15",
    ]
    assert schedule.rule.label == "Một buổi chiều"
    assert schedule.warnings == (
        "Chương trình kết thúc lúc 17:15, quá giờ buổi chiều (17:00) 15 phút.",
    )


def test_an_afternoon_session_that_fits():
    schedule = compute_schedule(entries(30, 60, 45, 60, 15), dt.time(13, 30), "session")
    assert schedule.end == dt.time(17, 0)
    assert schedule.warnings == ()


def test_a_morning_session_must_end_by_11_30():
    # 07:30 + 4 h 15 min = 11:45
    schedule = compute_schedule(entries(60, 60, 60, 75), dt.time(7, 30), "session")
    assert schedule.rule.label == "Một buổi sáng"
    assert schedule.warnings == (
        "Chương trình kết thúc lúc 11:45, quá giờ buổi sáng (11:30) 15 phút.",
    )
    assert compute_schedule(entries(60, 60, 60, 60), dt.time(7, 30), "session").fits


def test_a_full_day_crossing_noon_with_a_lunch_break_fits():
    # 08:00–10:00, 10:00–11:30, lunch 11:30–13:00 (covers noon, 90 min), 13:00–15:30
    programme = [
        item("bao_cao", 120),
        item("thao_luan", 90),
        item("nghi_giai_lao", 90, title="Nghỉ trưa"),
        item("trao_thuong", 150),
    ]
    schedule = compute_schedule(programme, dt.time(8, 0), "full_day")
    assert ranges(schedule) == [
        "08:00 – 10:00",
        "10:00 – 11:30",
        "11:30 – 13:00",
        "13:00 – 15:30",
    ]
    assert schedule.warnings == ()


def test_a_full_day_crossing_noon_without_lunch_is_warned():
    # 08:00 + 120 + 90 + 150 = 14:00: runs through 11:30–13:30 with nothing at noon
    schedule = compute_schedule(entries(120, 90, 150), dt.time(8, 0), "full_day")
    assert schedule.end == dt.time(14, 0)
    assert schedule.warnings == (
        "Chương trình kéo dài qua giờ trưa (11:30 – 13:30) mà chưa có giờ nghỉ trưa: hãy chèn "
        "mục “Nghỉ giải lao” từ 60 phút trở lên vào lúc 12:00.",
    )


def test_a_short_break_at_noon_is_not_a_lunch_break():
    # 08:00–10:00, 10:00–11:50, break 11:50–12:05 (at noon, 15 min), 12:05–14:35
    programme = [item("bao_cao", 120), item("khac", 110), item("nghi_giai_lao", 15),
                 item("khac", 150)]  # fmt: skip
    schedule = compute_schedule(programme, dt.time(8, 0), "full_day")
    assert ranges(schedule)[2] == "11:50 – 12:05"
    assert schedule.warnings == (
        "Mục nghỉ lúc 12:00 (mục 3) chỉ dài 15 phút — chưa đủ cho nghỉ trưa (ít nhất 60 phút).",
    )


def test_a_full_day_ending_after_17_30():
    # 08:00 + 3 h 30 (to 11:30) + lunch 2 h (to 13:30) + 4 h 30 = 18:00
    programme = [item("bao_cao", 210), item("nghi_giai_lao", 120), item("khac", 240),
                 item("be_mac", 30)]  # fmt: skip
    schedule = compute_schedule(programme, dt.time(8, 0), "full_day")
    assert schedule.end == dt.time(18, 0)
    assert schedule.warnings == (
        "Chương trình kết thúc lúc 18:00, quá giờ làm việc (17:30) 30 phút.",
    )


def test_half_day_is_at_most_four_hours():
    # 13:00 + 250 min = 17:10: too long, but before 17:30
    schedule = compute_schedule(entries(120, 130), dt.time(13, 0), "half_day")
    assert schedule.warnings == (
        "Chương trình dài 4 giờ 10 phút, quá thời lượng nửa ngày (tối đa 4 giờ) 10 phút.",
    )
    # 14:00 + 220 min = 17:40: short enough, but past the working day
    late = compute_schedule(entries(120, 100), dt.time(14, 0), "half_day")
    assert late.warnings == ("Chương trình kết thúc lúc 17:40, quá giờ làm việc (17:30) 10 phút.",)
    # exactly 4 hours from 07:30 is fine
    assert compute_schedule(entries(120, 120), dt.time(7, 30), "half_day").fits


def test_half_day_crossing_lunch_is_warned():
    # 10:00 + 240 = 14:00, through 11:30–13:30 with no lunch break
    schedule = compute_schedule(entries(120, 120), dt.time(10, 0), "half_day")
    assert len(schedule.warnings) == 1
    assert "chưa có giờ nghỉ trưa" in schedule.warnings[0]


def test_programme_past_midnight_says_so():
    # 22:00 + 180 = 01:00 next day; 17:30 → 25:00 is 7 h 30 min over
    schedule = compute_schedule(entries(180), dt.time(22, 0), "full_day")
    assert schedule.end == dt.time(1, 0)
    assert schedule.warnings == (
        "Chương trình kết thúc lúc 01:00 (ngày hôm sau), quá giờ làm việc (17:30) 7 giờ 30 phút.",
    )


def test_empty_programme_is_warned_for_every_length():
    for length in ("session", "half_day", "full_day"):
        schedule = compute_schedule([], dt.time(7, 30), length)
        assert schedule.is_empty
        assert schedule.end == dt.time(7, 30)
        assert schedule.warnings == (EMPTY_WARNING,)


def test_format_duration():
    assert format_duration(45) == "45 phút"
    assert format_duration(60) == "1 giờ"
    assert format_duration(155) == "2 giờ 35 phút"


# ------------------------------------------------------------------ minutes typed by a person


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("15", 15), (" 15 phút ", 15), ("15p", 15), ("1 giờ 30", 90), ("1h30", 90),
     ("2 tiếng", 120), ("1000", 1000), ("-5", -5), ("0", 0)],
)  # fmt: skip
def test_parse_minutes(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [("abc", "không phải là số phút"), ("1,5", "số phút nguyên"), ("7.5", "số phút nguyên"),
     ("", "Chưa nhập")],
)  # fmt: skip
def test_parse_minutes_refuses_with_a_vietnamese_message(text, message):
    with pytest.raises(ValueError) as caught:
        parse_minutes(text)
    assert message in str(caught.value)


# ------------------------------------------------------------------ dashboard status


def test_status_of_an_empty_programme():
    status = agenda_status(compute_schedule([], dt.time(7, 30), "session"))
    assert status.progress == 0
    assert "Chưa có mục nào" in status.todo[0]


def test_status_progress_worked_by_hand():
    people = {"presenter": "Nguyễn Văn Bình"}
    programme = [item("bao_cao", 20, **people), item("tham_luan", 10, **people),
                 item("nghi_giai_lao", 15), item("phat_dong", 10, **people),
                 item("be_mac", 5, **people)]  # fmt: skip
    fits = agenda_status(compute_schedule(programme, dt.time(7, 30), "session"))
    # 40 (has items) + 30 (fits) + 15 (everyone named) + 0 (no MC words written yet)
    assert fits.progress == 85
    assert fits.todo[0] == "5 mục, 07:30 – 08:30 (1 giờ), vừa thời lượng một buổi sáng."
    assert fits.todo[1] == (
        "Lời dẫn riêng: 0/4 mục; các mục khác dùng lời mặc định (xem kịch bản điều hành)."
    )

    programme[0] = item("bao_cao", 20, mc_text="Lời riêng.", **people)
    # 1 of 4 spoken items written: 15 × 1/4 = 3.75 → 4
    assert agenda_status(compute_schedule(programme, dt.time(7, 30), "session")).progress == 89

    late = agenda_status(compute_schedule(programme, dt.time(10, 45), "session"))
    # 10:45 + 60 = 11:45: no +30
    assert late.progress == 59
    assert late.todo[0] == "Chương trình kết thúc lúc 11:45, quá giờ buổi sáng (11:30) 15 phút."

    programme[1] = item("tham_luan", 10)
    unnamed = agenda_status(compute_schedule(programme, dt.time(7, 30), "session"))
    assert unnamed.progress == 74  # 40 + 30 + 0 + 4
    assert "Mục 2 chưa ghi người hoặc đơn vị thực hiện." in unnamed.todo


# ------------------------------------------------------------------ the MC's words

CONTEXT = ScriptContext(
    event="Hội nghị",
    title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026",
    issuer="Ủy ban nhân dân xã Tân Hòa",
    venue="Hội trường Ủy ban nhân dân xã Tân Hòa",
    date=dt.date(2027, 1, 15),
)


def words(programme, number, delegates=(), context=CONTEXT, start=dt.time(7, 30)):
    schedule = compute_schedule(programme, start, "half_day")
    return default_mc_text(schedule.items[number - 1], schedule, context, delegates)


def test_invitee_wording():
    assert invitee(item("bao_cao", presenter="Nguyễn Văn A", presenter_unit="Sở Nội vụ")) == (
        "đồng chí Nguyễn Văn A, Sở Nội vụ"
    )
    assert invitee(item("bao_cao", presenter="Chủ tịch Ủy ban nhân dân tỉnh")) == (
        "đồng chí Chủ tịch Ủy ban nhân dân tỉnh"
    )
    assert invitee(item("bao_cao", presenter="Lãnh đạo Ủy ban nhân dân")) == (
        "đồng chí lãnh đạo Ủy ban nhân dân"
    )
    assert invitee(item("tham_luan", presenter="Đại diện tập thể điển hình tiên tiến")) == (
        "đại diện tập thể điển hình tiên tiến"
    )
    assert invitee(item("tham_luan", presenter_unit="Trường Tiểu học Kim Đồng")) == (
        "đại diện Trường Tiểu học Kim Đồng"
    )
    assert invitee(item("tham_luan", presenter="Đồng chí Lê Thị Hạnh")) == "Đồng chí Lê Thị Hạnh"
    assert invitee(item("bao_cao")) == "đồng chí …………………………"


def test_opening_statement_of_purpose_and_delegates_placeholder():
    programme = [
        item("tuyen_bo_ly_do", title="Tuyên bố lý do, giới thiệu đại biểu"),
        item("bao_cao", title="Báo cáo tổng kết"),
    ]
    text = words(programme, 1)
    assert text.startswith(
        "Kính thưa các đồng chí lãnh đạo, các vị đại biểu, thưa toàn thể các đồng chí!\n"
    )
    assert (
        "Hôm nay, ngày 15 tháng 01 năm 2027, tại Hội trường Ủy ban nhân dân xã Tân Hòa, "
        "Ủy ban nhân dân xã Tân Hòa long trọng tổ chức Hội nghị tổng kết công tác thi đua, "
        "khen thưởng năm 2026."
    ) in text
    assert "Đến dự Hội nghị hôm nay, chúng tôi trân trọng giới thiệu:" in text
    assert "(Đọc danh sách đại biểu theo thứ tự nghi lễ: lãnh đạo cấp trên;" in text
    assert "- Đồng chí …………………………, …………………………;" in text
    assert text.endswith("Xin trân trọng cảm ơn!")
    assert "gồm các nội dung sau" not in text  # the title does not say "thông qua chương trình"


def test_delegates_fill_the_introduction_in_the_order_given():
    programme = [item("tuyen_bo_ly_do", title="Tuyên bố lý do, giới thiệu đại biểu")]
    delegates = [
        "Đồng chí Trần Văn Nam, Phó Chủ tịch Ủy ban nhân dân tỉnh",
        "Đồng chí Lê Thị Hoa, Bí thư Đảng ủy xã",
    ]
    lines = default_mc_lines(
        compute_schedule(programme, dt.time(7, 30), "session").items[0],
        compute_schedule(programme, dt.time(7, 30), "session"),
        CONTEXT,
        delegates,
    )
    i = lines.index("Đến dự Hội nghị hôm nay, chúng tôi trân trọng giới thiệu:")
    assert lines[i + 1 : i + 3] == [
        "- Đồng chí Trần Văn Nam, Phó Chủ tịch Ủy ban nhân dân tỉnh;",
        "- Đồng chí Lê Thị Hoa, Bí thư Đảng ủy xã.",
    ]
    assert not any("Đọc danh sách đại biểu" in line for line in lines)


def test_opening_that_adopts_the_programme_lists_what_follows():
    programme = [
        item(
            "tuyen_bo_ly_do", title="Tuyên bố lý do, giới thiệu đại biểu và thông qua chương trình"
        ),
        item("bao_cao", title="Báo cáo tổng kết"),
        item("nghi_giai_lao", title="Nghỉ giải lao"),
        item("be_mac", title="Bế mạc Hội nghị"),
    ]
    text = words(programme, 1)
    assert (
        "Chương trình Hội nghị gồm các nội dung sau:\n- Báo cáo tổng kết;\n- Bế mạc Hội nghị."
        in (text)
    )


def test_default_words_per_kind():
    person = {"presenter": "Nguyễn Văn A", "presenter_unit": "Sở Nội vụ"}
    programme = [
        item("van_nghe", 15, title="Văn nghệ chào mừng", presenter="Đội văn nghệ xã"),  # 1
        item("chao_co", 5, title="Chào cờ"),  # 2
        item("bao_cao", 20, title="Báo cáo tổng kết năm 2026", **person),  # 3
        item("phong_su", 15, title="Phóng sự năm 2026", presenter_unit="Đài Truyền thanh xã"),
        item("tham_luan", 7, title="Tham luận về nông thôn mới", **person),  # 5
        item("tham_luan", 7, title="Tham luận về y tế", presenter="Đại diện Trạm Y tế"),  # 6
        item("thao_luan", 15, title="Thảo luận"),  # 7
        item("trao_thuong", 15, title="Trao Giấy khen cho các tập thể"),  # 8
        item("nghi_giai_lao", 15, title="Nghỉ giải lao"),  # 9
        item(
            "phat_bieu_chi_dao", 15, title="Phát biểu chỉ đạo", presenter="Bí thư Đảng ủy"
        ),  # 10  # fmt: skip
        item("phat_dong", 10, title="Phát động thi đua năm 2027", presenter="Chủ tịch UBND xã"),
        item("huong_ung", 5, title="Hưởng ứng", presenter_unit="Ủy ban MTTQ xã"),  # 12
        item("ky_ket", 15, title="Ký kết giao ước thi đua"),  # 13
        item("khac", 5, title="Trao quà cho đại biểu"),  # 14
        item("be_mac", 5, title="Bế mạc Hội nghị"),  # 15
    ]
    say = {n: words(programme, n) for n in range(1, 16)}
    assert say[1].startswith("Kính thưa các đồng chí lãnh đạo, các vị đại biểu")
    assert (
        "Mở đầu chương trình, xin mời các vị đại biểu cùng thưởng thức chương trình văn nghệ "
        "chào mừng Hội nghị."
    ) in say[1]
    assert "Thực hiện: Đội văn nghệ xã." in say[1]
    assert "đứng dậy làm lễ chào cờ" in say[2] and "(Quốc ca.)" in say[2]
    assert say[3] == (
        "Kính thưa Hội nghị!\nTiếp theo chương trình là nội dung: Báo cáo tổng kết năm 2026.\n"
        "Xin trân trọng kính mời đồng chí Nguyễn Văn A, Sở Nội vụ."
    )
    assert "xin mời các vị đại biểu cùng theo dõi: Phóng sự năm 2026." in say[4]
    assert "Phóng sự do Đài Truyền thanh xã thực hiện." in say[4]
    assert "là phần tham luận tại Hội nghị" in say[5]
    assert (
        "kính mời đồng chí Nguyễn Văn A, Sở Nội vụ trình bày tham luận: Tham luận về nông"
        in (say[5])
    )
    # a second talk in a row: no second announcement of the talks
    assert say[6] == (
        "Kính thưa Hội nghị!\nTiếp theo, xin trân trọng kính mời đại diện Trạm Y tế trình bày "
        "tham luận: Tham luận về y tế."
    )
    assert "dành thời gian để thảo luận" in say[7]
    assert "lên sân khấu nhận khen thưởng" in say[8] and "Xin chúc mừng các tập thể" in say[8]
    # 9th item: 07:30 + 15+5+20+15+7+7+15+15 = 07:30 + 99 = 09:09; break ends 09:24
    assert say[9] == (
        "Kính thưa Hội nghị!\nBan Tổ chức xin phép Hội nghị nghỉ giải lao 15 phút. Đúng 09 giờ "
        "24, xin mời các vị đại biểu trở lại hội trường để tiếp tục chương trình."
    )
    assert "vinh dự được nghe đồng chí Bí thư Đảng ủy phát biểu chỉ đạo" in say[10]
    assert "xin tiếp thu và nghiêm túc triển khai thực hiện" in say[10]
    assert say[11].endswith("Xin trân trọng kính mời đồng chí Chủ tịch UBND xã.")
    assert say[12].endswith("Xin trân trọng kính mời đại diện Ủy ban MTTQ xã.")
    assert "nghi thức ký kết giao ước thi đua" in say[13]
    assert (
        say[14] == "Kính thưa Hội nghị!\nTiếp theo chương trình là nội dung: Trao quà cho đại biểu."
    )
    assert say[15].startswith("Kính thưa các đồng chí lãnh đạo, các vị đại biểu")
    assert "xin trân trọng cảm ơn các đồng chí lãnh đạo, các vị đại biểu" in say[15]
    assert say[15].endswith("Hội nghị xin được bế mạc. Xin trân trọng cảm ơn!")
    assert "phát biểu bế mạc" not in say[15]  # nobody named: the MC closes


def test_closing_by_someone_other_than_the_mc_is_invited_first():
    programme = [
        item("tuyen_bo_ly_do", presenter="Chánh Văn phòng"),
        item("be_mac", title="Tổng kết và bế mạc Đại hội", presenter="Chủ tịch UBND tỉnh"),
    ]
    dai_hoi = ScriptContext("Đại hội", "Đại hội Thi đua yêu nước", "UBND tỉnh", "Hội trường",
                            dt.date(2025, 6, 20))  # fmt: skip
    text = words(programme, 2, context=dai_hoi)
    assert "Xin trân trọng kính mời đồng chí Chủ tịch UBND tỉnh phát biểu bế mạc Đại hội." in text
    assert text.endswith("Đại hội xin được bế mạc. Xin trân trọng cảm ơn!")
    # the MC who opened also closes: no invitation
    programme[1] = item("be_mac", presenter="Chánh Văn phòng")
    assert "phát biểu bế mạc" not in words(programme, 2, context=dai_hoi)


def test_the_officers_own_words_replace_the_default():
    programme = [item("bao_cao", mc_text="Kính thưa Hội nghị!\n\nXin mời anh Ba.  ")]
    schedule = compute_schedule(programme, dt.time(7, 30), "session")
    assert mc_lines(schedule.items[0], schedule, CONTEXT) == [
        "Kính thưa Hội nghị!",
        "Xin mời anh Ba.",
    ]


# ------------------------------------------------------------------ what the printouts get

VALUES = {
    "kind": "tong_ket",
    "issuer": "Ủy ban nhân dân xã Tân Hòa",
    "parent_body": "",
    "place_name": "Tân Hòa",
    "title": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026",
    "date": dt.date(2027, 1, 15),
    "start_time": dt.time(7, 30),
    "length": "half_day",
    "venue": "Hội trường Ủy ban nhân dân xã",
    "venue_address": "Số 18 đường Nguyễn Trãi",
    "doc_number": "7",
    "doc_symbol": "KH-UBND",
}


def test_programme_sheet_words_the_header_lines():
    # the date line is the conference's one ngày ký (conferences.logic.signing_date_line)
    values = {**VALUES, "signing_date": dt.date(2026, 12, 1)}
    sheet = programme_sheet(values, entries(15, 10), dt.date(2026, 12, 1))
    assert sheet.head.time_line == "07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027"
    assert sheet.head.place_line == "Hội trường Ủy ban nhân dân xã (Số 18 đường Nguyễn Trãi)"
    assert sheet.head.date_line == "Tân Hòa, ngày 01 tháng 12 năm 2026"
    assert sheet.head.attachment_line == (
        "(Kèm theo Kế hoạch số 07/KH-UBND của Ủy ban nhân dân xã Tân Hòa)"
    )
    assert [row.time_range for row in sheet.rows] == ["07:30 – 07:45", "07:45 – 07:55"]
    assert sheet.end_line == "Dự kiến kết thúc lúc 07 giờ 55."


def test_run_of_show_marks_written_words():
    programme = [item("bao_cao", 20), item("be_mac", 5, mc_text="Xin cảm ơn.")]
    script = run_of_show(VALUES, programme, dt.date(2026, 12, 1))
    assert [s.written for s in script.items] == [False, True]
    assert script.items[1].lines == ["Xin cảm ơn."]
    assert script.items[0].time_range == "07:30 – 07:50"
