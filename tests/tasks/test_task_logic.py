"""Deadline arithmetic and the at-a-glance groups, on hand-made tasks, figures worked by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.tasks.logic import (
    STATUS_LABELS,
    TaskData,
    by_deadline,
    card_lines,
    describe_deadline,
    document_head,
    due_date,
    event_noun,
    involves,
    next_edition_items,
    overview,
    schedule,
    support_list,
    unit_assignments,
    unit_key,
    unit_names,
)
from kehoach_app.tasks.models import STATUSES

D = dt.date


def task(title="Việc", lead="Văn phòng", kind="days_before", days=None, date=None, **kw):
    return TaskData(
        title=title, lead_unit=lead, deadline_kind=kind, days_before=days, deadline_date=date, **kw
    )


# --------------------------------------------------------------------------- due dates


@pytest.mark.parametrize(
    ("event_day", "days", "expected"),
    [
        (D(2027, 1, 15), 5, D(2027, 1, 10)),  # the example
        (D(2027, 1, 3), 15, D(2026, 12, 19)),  # back over a year end: 3 Jan − 15 = 19 Dec
        (D(2027, 3, 1), 1, D(2027, 2, 28)),  # over a month end, common year
        (D(2028, 3, 1), 1, D(2028, 2, 29)),  # … and a leap year
        (D(2027, 1, 15), 0, D(2027, 1, 15)),  # 0 = on the day itself
        (D(2027, 1, 15), 365, D(2026, 1, 15)),
        (D(2020, 3, 27), 7, D(2020, 3, 20)),  # seed 003: held 27/3/2020, tham luận by 20/3
    ],
)
def test_days_before(event_day, days, expected):
    assert due_date("days_before", days, None, event_day) == expected


@pytest.mark.parametrize(
    ("event_day", "expected"),
    [
        (D(2027, 1, 15), D(2026, 12, 31)),  # January conference → end of December last year
        (D(2024, 1, 18), D(2023, 12, 31)),  # seed 000: held 18/01/2024, "trong tháng 12 năm 2023"
        (D(2024, 3, 27), D(2024, 2, 29)),  # leap February
        (D(2027, 3, 1), D(2027, 2, 28)),
        (D(2027, 12, 31), D(2027, 11, 30)),
    ],
)
def test_month_before_is_the_last_day_of_the_previous_month(event_day, expected):
    assert due_date("month_before", None, None, event_day) == expected


def test_fixed_and_none():
    assert due_date("fixed", None, D(2020, 3, 20), D(2020, 3, 27)) == D(2020, 3, 20)
    assert due_date("none", 5, D(2020, 3, 20), D(2020, 3, 27)) is None


# --------------------------------------------------------------------------- wording


def test_wording_follows_the_seeds():
    day = D(2027, 1, 15)
    five = describe_deadline(task(days=5), day)
    assert five.phrase == "hoàn thành trước 05 ngày tổ chức Hội nghị (chậm nhất ngày 10/01/2027)"
    assert five.sentence == "Hoàn thành trước 05 ngày tổ chức Hội nghị (chậm nhất ngày 10/01/2027)"
    assert (five.headline, five.detail) == (
        "Chậm nhất ngày 10/01/2027",
        "(trước 05 ngày tổ chức Hội nghị)",
    )
    assert five.short == "10/01/2027" and five.rule == "Trước 05 ngày"

    assert describe_deadline(task(days=15), day).phrase.startswith("hoàn thành trước 15 ngày")
    assert describe_deadline(task(days=0), day).phrase == (
        "hoàn thành trong ngày tổ chức Hội nghị (ngày 15/01/2027)"
    )
    month = describe_deadline(task(kind="month_before"), day)
    assert month.phrase == "hoàn thành trong tháng 12 năm 2026"
    assert month.short == "31/12/2026"
    # Nghị định 30/2020: months 1 and 2 take a leading zero in the long form
    assert describe_deadline(task(kind="month_before"), D(2027, 2, 10)).phrase == (
        "hoàn thành trong tháng 01 năm 2027"
    )
    fixed = describe_deadline(task(kind="fixed", date=D(2020, 3, 20)), D(2020, 3, 27))
    assert fixed.phrase == "hoàn thành chậm nhất ngày 20/03/2020" and not fixed.after_event
    none = describe_deadline(task(kind="none"), day)
    assert none.due is None and none.phrase == "" and none.sentence == "Không có thời hạn"


def test_an_dai_hoi_is_called_dai_hoi():
    assert event_noun("dai_hoi") == "Đại hội" and event_noun("tong_ket") == "Hội nghị"
    text = describe_deadline(task(days=10), D(2025, 8, 20), "Đại hội").phrase
    assert text == "hoàn thành trước 10 ngày tổ chức Đại hội (chậm nhất ngày 10/08/2025)"


def test_a_fixed_date_after_the_day_is_flagged():
    late = describe_deadline(task(kind="fixed", date=D(2027, 1, 25)), D(2027, 1, 15))
    assert late.after_event and late.rule == "Sau Hội nghị"
    assert late.detail == "(sau ngày tổ chức Hội nghị)"


def test_moving_the_conference_moves_relative_deadlines_only():
    tasks = [
        task("A", days=5),
        task("B", kind="month_before"),
        task("C", kind="fixed", date=D(2026, 12, 20)),
    ]
    before = [s.deadline.due for s in schedule(tasks, D(2027, 1, 15), D(2026, 11, 1))]
    after = [s.deadline.due for s in schedule(tasks, D(2027, 3, 3), D(2026, 11, 1))]
    assert before == [D(2027, 1, 10), D(2026, 12, 31), D(2026, 12, 20)]
    assert after == [D(2027, 2, 26), D(2027, 2, 28), D(2026, 12, 20)]


# --------------------------------------------------------------------------- buckets


def hand_made_list():
    """Conference on 15/01/2027, today 08/01/2027 (hand-worked: deadline − today)."""
    return [
        task("Giấy mời", days=10, status="todo"),  # 05/01 → 3 days late
        task("Phóng sự", days=15, status="doing"),  # 31/12 → 8 days late
        task("Dự toán", kind="month_before", status="done"),  # 31/12, done: not late
        task("Kịch bản", days=5, status="doing"),  # 10/01 → in 2 days
        task("Trang trí", days=1),  # 14/01 → in 6 days: still this week
        task("Đón tiếp", days=0),  # 15/01 → in 7 days: next week
        task("Tham luận", kind="fixed", date=D(2027, 1, 8)),  # today: due this week
        task("Tuyên truyền", kind="none"),  # no deadline
        task("Quyết toán", kind="fixed", date=D(2027, 1, 30), status="done"),
    ]


def test_buckets_on_a_fixed_today():
    scheduled = schedule(hand_made_list(), D(2027, 1, 15), D(2027, 1, 8))
    states = {s.task.title: (s.state, s.days_left) for s in scheduled}
    assert states == {
        "Giấy mời": ("overdue", -3),
        "Phóng sự": ("overdue", -8),
        "Dự toán": ("done", -8),
        "Kịch bản": ("due_soon", 2),
        "Trang trí": ("due_soon", 6),
        "Đón tiếp": ("upcoming", 7),
        "Tham luận": ("due_soon", 0),
        "Tuyên truyền": ("open", None),
        "Quyết toán": ("done", 22),
    }
    summary = overview(scheduled)
    assert [s.task.title for s in summary.overdue] == ["Phóng sự", "Giấy mời"]  # most overdue first
    assert [s.task.title for s in summary.due_soon] == ["Tham luận", "Kịch bản", "Trang trí"]
    assert [s.task.title for s in summary.done] == ["Dự toán", "Quyết toán"]
    assert summary.total == 9 and summary.doing == 2
    assert summary.percent_done == 22  # 2/9 = 22,2 %
    assert [s.when_text for s in scheduled[:2]] == ["Quá hạn 3 ngày", "Quá hạn 8 ngày"]
    assert scheduled[6].when_text == "Hạn hôm nay"


def test_card_lines():
    summary = overview(schedule(hand_made_list(), D(2027, 1, 15), D(2027, 1, 8)))
    assert card_lines(summary) == [
        "Quá hạn: 2 việc — Phóng sự (hạn 31/12/2026)",
        "Đến hạn trong 7 ngày tới: 3 việc",
        "Đã xong: 2/9 việc",
    ]


def test_card_lines_far_from_the_day_name_the_next_deadline():
    tasks = [task("Giấy mời", days=5), task("Dự toán", kind="month_before", status="done")]
    summary = overview(schedule(tasks, D(2027, 1, 15), D(2026, 11, 21)))
    assert card_lines(summary) == [
        "Hạn gần nhất: Giấy mời (hạn 10/01/2027)",
        "Đã xong: 1/2 việc",
    ]
    assert summary.percent_done == 50
    empty = overview([])
    assert empty.percent_done == 0 and "Chưa có nhiệm vụ" in card_lines(empty)[0]


def test_card_shortens_a_long_title():
    long = "Dự thảo báo cáo tổng kết công tác thi đua, khen thưởng năm 2026, phương hướng nhiệm vụ"
    summary = overview(schedule([task(long, days=10)], D(2027, 1, 15), D(2027, 1, 8)))
    line = card_lines(summary)[0]
    assert line.startswith("Quá hạn: 1 việc — Dự thảo báo cáo") and "…" in line
    assert line.endswith("(hạn 05/01/2027)")


def test_by_deadline_puts_undated_tasks_last_and_keeps_plan_order_on_ties():
    ordered = by_deadline(schedule(hand_made_list(), D(2027, 1, 15), D(2027, 1, 8)))
    assert [s.task.title for s in ordered] == [
        "Phóng sự", "Dự toán", "Giấy mời", "Tham luận", "Kịch bản", "Trang trí", "Đón tiếp",
        "Quyết toán", "Tuyên truyền",
    ]  # fmt: skip


# --------------------------------------------------------------------------- units


def test_units_are_matched_whatever_the_dash_case_or_spacing():
    assert unit_key("Phòng Tài chính – Kế hoạch") == unit_key("phòng tài chính -  Kế hoạch")
    assert support_list("Công an\n\n- Điện lực\nCÔNG AN\n") == ("Công an", "Điện lực")


def test_each_unit_gets_what_it_leads_and_what_it_supports():
    tasks = [
        task("Giấy mời", "Văn phòng", days=5, support_units=("Phòng Nội vụ",)),
        task("Báo cáo", "Phòng Nội vụ", days=10, support_units=("Văn phòng", "Công an")),
        task("An ninh", "Công an", days=1),
        task("Phóng sự", "phòng nội vụ", days=15),
    ]
    assert unit_names(tasks) == ["Văn phòng", "Phòng Nội vụ", "Công an"]
    shares = unit_assignments(schedule(tasks, D(2027, 1, 15), D(2026, 12, 1)))
    got = {
        s.unit: ([i.task.title for i in s.leads], [i.task.title for i in s.supports])
        for s in shares
    }
    assert got == {
        "Văn phòng": (["Giấy mời"], ["Báo cáo"]),
        "Phòng Nội vụ": (["Phóng sự", "Báo cáo"], ["Giấy mời"]),  # by deadline: 31/12, 05/01
        "Công an": (["An ninh"], ["Báo cáo"]),
    }
    assert involves(tasks[1], "CÔNG AN") and not involves(tasks[0], "Công an")


# --------------------------------------------------------------------------- the rest


def test_next_edition_moves_fixed_dates_and_years_and_resets_status():
    items = [
        {"title": "Báo cáo năm 2026 theo Nghị định 98/2023/NĐ-CP", "deadline_kind": "fixed",
         "deadline_date": "2027-01-08", "status": "done", "notes": "Hạn 2027"},
        {"title": "Giấy mời", "deadline_kind": "days_before", "days_before": 5,
         "deadline_date": None, "status": "doing", "notes": ""},
        {"title": "Tham luận", "deadline_kind": "fixed", "deadline_date": "2028-02-29",
         "status": "todo", "notes": ""},
    ]  # fmt: skip
    copy = next_edition_items(items, 1, {2026, 2027})
    assert copy[0]["title"] == "Báo cáo năm 2027 theo Nghị định 98/2023/NĐ-CP"
    assert copy[0]["deadline_date"] == "2028-01-08" and copy[0]["notes"] == "Hạn 2028"
    assert copy[1]["days_before"] == 5 and copy[1]["deadline_date"] is None
    assert copy[2]["deadline_date"] == "2029-02-28"  # no 29 February in 2029
    assert {item["status"] for item in copy} == {"todo"}
    assert items[0]["status"] == "done"  # the original is not changed


def test_document_head():
    values = {
        "kind": "tong_ket",
        "title": "Hội nghị tổng kết năm 2026",
        "issuer": "Ủy ban nhân dân xã Tân Hòa",
        "parent_body": "",
        "place_name": "Tân Hòa",
        "date": D(2027, 1, 15),
        "start_time": dt.time(7, 30),
        "venue": "Hội trường xã",
        "doc_number": "7",
        "doc_symbol": "KH-UBND",
    }
    head = document_head(values)
    assert head.subject == "Tổ chức Hội nghị tổng kết năm 2026"
    # No ngày ký: the day and month are left for the signer, the year is the conference's.
    assert head.date_line == "Tân Hòa, ngày … tháng … năm 2027"
    assert head.event_line == "07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027, tại Hội trường xã"
    assert head.source_line == "(Trích phần Tổ chức thực hiện của Kế hoạch số 07/KH-UBND)"
    values["signing_date"] = D(2026, 12, 28)
    assert document_head(values).date_line == "Tân Hòa, ngày 28 tháng 12 năm 2026"
    values["doc_number"] = ""
    assert document_head(values).source_line.endswith("Kế hoạch tổ chức Hội nghị)")


def test_status_labels_match_the_model():
    assert STATUS_LABELS == STATUSES
