"""The plan's "III. THÀNH PHẦN ĐẠI BIỂU": the conference's total, then its groups, counts written
as the seeds write them ("(02 đại biểu)") by the same function as the delegate list."""

from __future__ import annotations

import io

import pdfplumber

from kehoach_app import vn
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.delegates.printout import (
    conference_delegates,
    conference_groups,
    delegate_list_data,
)
from kehoach_app.plan.logic import GroupLine, PlanInputs, plan_blocks
from tests.plan.test_logic import VALUES


def delegates_text(total: int, groups: list[GroupLine]) -> str:
    values = dict(VALUES, planned_delegates=total)
    blocks = plan_blocks(PlanInputs(values=values, groups=groups))
    return next(b.text for b in blocks if b.key == "delegates")


def test_total_then_the_groups_with_two_digit_counts():
    text = delegates_text(
        120,
        [
            GroupLine("Thường trực Đảng ủy", 2),
            GroupLine("Các tập thể, cá nhân được khen thưởng", 118),
            GroupLine("Phóng viên báo, đài", 0),  # no count typed: none printed
        ],
    )
    assert text.split("\n") == [
        "Tổng số đại biểu: 120 đại biểu, gồm:",
        "- Thường trực Đảng ủy (02 đại biểu);",
        "- Các tập thể, cá nhân được khen thưởng (118 đại biểu);",
        "- Phóng viên báo, đài.",
    ]


def test_while_the_groups_disagree_both_print_as_they_are():
    # Decision: the plan never invents or hides a figure; the check blocks it instead.
    text = delegates_text(1_100, [GroupLine("Cấp huyện", 60), GroupLine("Cấp xã", 40)])
    assert text.split("\n")[0] == "Tổng số đại biểu: 1.100 đại biểu, gồm:"
    assert "- Cấp huyện (60 đại biểu);" in text and "- Cấp xã (40 đại biểu)." in text


def test_no_group_a_total_alone_below_ten_with_its_zero():
    assert delegates_text(8, []) == "Tổng số đại biểu: 08 đại biểu."


def test_one_count_format_for_the_plan_and_the_delegate_list(app, client, demo_id):
    assert vn.format_count(2, "đại biểu") == "02 đại biểu"
    assert vn.format_count(1_100, "đại biểu") == "1.100 đại biểu"
    assert vn.format_count(5) == "05"
    pdf = client.get(f"/hoi-nghi/{demo_id}/in/ke-hoach.pdf").data
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert "Tổng số đại biểu: 100 đại biểu, gồm:" in text
    assert "- Lãnh đạo Ủy ban nhân dân (04 đại biểu);" in text
    assert "(2 đại biểu)" not in text
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        listing = delegate_list_data(
            conference, conference_delegates(conference), conference_groups(conference)
        )
    # The demo lists 3 people of that group: the list writes the count the same way.
    assert "III. Lãnh đạo Ủy ban nhân dân (03 đại biểu)" in [g.heading for g in listing.groups]
