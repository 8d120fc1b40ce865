import datetime as dt

from kehoach_app.conferences import logic


def test_default_years_follow_the_review_season():
    assert logic.default_years(dt.date(2026, 11, 21)) == (2026, 2027)
    assert logic.default_years(dt.date(2027, 2, 3)) == (2026, 2027)
    assert logic.default_years(dt.date(2026, 7, 1)) == (2026, 2027)
    assert logic.default_years(dt.date(2026, 6, 30)) == (2025, 2026)


def test_default_date_is_a_future_working_day_in_the_usual_month():
    # 15/01/2027 is a Friday.
    assert logic.default_date(2027, 1, dt.date(2026, 11, 21)) == dt.date(2027, 1, 15)
    # 15/01/2028 is a Saturday: moved to Friday 14/01/2028.
    assert logic.default_date(2028, 1, dt.date(2027, 11, 1)) == dt.date(2028, 1, 14)
    # Usual month already past: thirty days from today (21/12/2026, a Monday).
    assert logic.default_date(2026, 1, dt.date(2026, 11, 21)) == dt.date(2026, 12, 21)


def test_countdown_wording():
    assert logic.countdown_text(57) == "Còn 57 ngày"
    assert logic.countdown_text(1) == "Ngày mai"
    assert logic.countdown_text(0) == "Hôm nay"
    assert logic.countdown_text(-3) == "Đã diễn ra 3 ngày trước"
    assert logic.days_until(dt.date(2027, 1, 15), dt.date(2026, 12, 31)) == 15


def test_shift_years_moves_only_the_conference_years():
    title = (
        "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và phát động phong trào "
        "thi đua năm 2024 (theo Nghị định 98/2023/NĐ-CP, giai đoạn 2020-2025)"
    )
    shifted = logic.shift_years(title, {2023, 2024}, 1)
    assert "năm 2024 và phát động phong trào thi đua năm 2025" in shifted
    # A decree's number and another period stay as written.
    assert "Nghị định 98/2023/NĐ-CP" in shifted
    assert "2020-2025" in shifted


def test_next_edition_of_a_yearly_conference():
    values = {
        "title": "Hội nghị tổng kết năm 2025 và phát động thi đua năm 2026",
        "funding_source": "Quỹ thi đua, khen thưởng năm 2026",
        "purposes": "Tổng kết năm 2025.\nPhát động năm 2026.",
        "notes": "",
        "year_reviewed": 2025,
        "year_launched": 2026,
        "date": dt.date(2026, 1, 16),
        "doc_number": "12",
        "kind": "tong_ket",
    }
    copy = logic.next_edition(values, "tong_ket")
    assert copy["title"] == "Hội nghị tổng kết năm 2026 và phát động thi đua năm 2027"
    assert copy["funding_source"] == "Quỹ thi đua, khen thưởng năm 2027"
    assert copy["purposes"] == "Tổng kết năm 2026.\nPhát động năm 2027."
    assert (copy["year_reviewed"], copy["year_launched"]) == (2026, 2027)
    assert copy["date"] == dt.date(2027, 1, 16)
    assert copy["doc_number"] == ""
    assert values["year_reviewed"] == 2025  # the original is untouched


def test_next_edition_of_a_congress_moves_five_years():
    values = {
        "title": "Đại hội Thi đua yêu nước giai đoạn 2020 - 2025",
        "year_reviewed": 2020,
        "year_launched": 2025,
        "date": dt.date(2024, 2, 29),
        "doc_number": "",
    }
    copy = logic.next_edition(values, "dai_hoi")
    assert copy["title"] == "Đại hội Thi đua yêu nước giai đoạn 2025 - 2030"
    assert copy["date"] == dt.date(2029, 2, 28)  # 2029 is not a leap year


def test_info_completeness_lists_what_is_missing():
    full = {
        "venue_address": "x",
        "funding_source": "x",
        "doc_number": "5",
        "signer_title": "x",
        "signer_name": "x",
        "purposes": "x",
    }
    assert logic.info_completeness(full).progress == 100
    assert logic.info_completeness(full).missing == []
    partial = dict(full, doc_number="", signer_name="")
    result = logic.info_completeness(partial)
    assert result.progress == round(100 * 10 / 12)
    assert result.missing == ["Chưa có số văn bản (Số: …/KH-…)", "Chưa có họ tên người ký"]


def test_conference_summary_words_the_facts():
    values = {
        "kind": "tong_ket",
        "level": "xa",
        "parent_body": "",
        "issuer": "Ủy ban nhân dân xã Tân Hòa",
        "place_name": "Tân Hòa",
        "title": "Hội nghị tổng kết",
        "year_reviewed": 2023,
        "year_launched": 2024,
        "date": dt.date(2024, 1, 19),
        "start_time": dt.time(7, 30),
        "length": "half_day",
        "venue": "Hội trường",
        "venue_address": "",
        "planned_delegates": 1500,
        "funding_source": "Quỹ thi đua",
        "doc_number": "5",
        "doc_symbol": "KH-UBND",
        "signer_authority": "TM. Ủy ban nhân dân",
        "signer_deputy": "KT. Chủ tịch",
        "signer_title": "Phó Chủ tịch",
        "signer_name": "Lại Văn Hoàn",
        "purposes": "Một\n\nHai",
    }
    summary = logic.conference_summary(values)
    rows = dict(summary.rows)
    assert rows["Thời gian"] == "07 giờ 30, Thứ Sáu, ngày 19 tháng 01 năm 2024"
    assert rows["Số đại biểu dự kiến"] == "1.500 đại biểu"
    assert rows["Cấp tổ chức"] == "Cấp xã (xã, phường, đặc khu)"
    assert "Địa chỉ" not in rows
    # The plan's number and signer are facts of the sheet, not its own number or signature.
    assert not hasattr(summary, "number_line")
    assert rows["Kế hoạch"] == "Số 05/KH-UBND"
    assert rows["Ngày ký"] == "Để trống (người ký điền tay)"
    assert rows["Người ký"] == "TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch, Lại Văn Hoàn"
    # No ngày ký: day and month blank, the year of the conference's date.
    assert summary.date_line == "Tân Hòa, ngày … tháng … năm 2024"
    values["signing_date"] = dt.date(2024, 1, 5)
    assert logic.conference_summary(values).date_line == "Tân Hòa, ngày 05 tháng 01 năm 2024"
    assert summary.purposes == ["Một", "Hai"]
    assert summary.signer_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
