"""Issue 17: the plan's outline the officer controls (rename, move, hide, add free text,
per-section options), numbering recomputed, undoable, carried by the conference file; texts that
follow their data; task wording."""

from __future__ import annotations

import datetime as dt
import io
import json

import pdfplumber

from kehoach_app import transfer
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.plan.logic import OutlineEntry, PlanInputs, closing_text, plan_blocks
from kehoach_app.plan.operations import followed_values, plan_sheet
from kehoach_app.tasks.logic import TaskData
from tests.conftest import post
from tests.plan.test_logic import VALUES, inputs


def headings(blocks, level=1):
    return [b.text for b in blocks if b.kind == "heading" and b.level == level]


def test_renamed_moved_hidden_and_free_sections_are_renumbered():
    outline = [
        OutlineEntry("muc-dich"),
        OutlineEntry("thanh-phan"),  # moved before the programme's section
        OutlineEntry("noi-dung", title="THỜI GIAN, ĐỊA ĐIỂM"),
        OutlineEntry("kinh-phi", hidden=True),
        OutlineEntry("tu-do:1", title="YÊU CẦU KHÁC", level=1, text="- Bảo đảm an toàn."),
        OutlineEntry("to-chuc", title="PHÂN CÔNG NHIỆM VỤ"),
    ]
    blocks = plan_blocks(inputs(), outline)
    assert headings(blocks) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. THÀNH PHẦN ĐẠI BIỂU",
        "III. THỜI GIAN, ĐỊA ĐIỂM",
        "IV. YÊU CẦU KHÁC",
        "V. PHÂN CÔNG NHIỆM VỤ",
    ]
    text = "\n".join(b.text for b in blocks)
    assert "Kinh phí tổ chức Hội nghị" not in text and "- Bảo đảm an toàn." in text
    # the sections under III keep their order and are numbered from 1 again
    assert headings(blocks, 2)[:3] == [
        "1. Nội dung, chương trình Hội nghị",
        "2. Thời gian:",
        "3. Địa điểm:",
    ]


def test_thanh_phan_by_level_with_subheads_and_options():
    from kehoach_app.plan.logic import GroupLine

    groups = [
        GroupLine("Ở Trung ương: Ban Thi đua - Khen thưởng Trung ương", 2),
        GroupLine("Ở tỉnh: Thường trực Tỉnh ủy", 5),
        GroupLine("Ở tỉnh: Các sở, ban, ngành", 100),
    ]
    outline = [OutlineEntry("thanh-phan", level=2, options={"counts": False, "total": "cuoi"})]
    text = next(b.text for b in plan_blocks(inputs(groups=groups), outline) if b.key == "delegates")
    # the section became "1." under II: its sub-headings are 1.1., 1.2.
    assert text.split("\n") == [
        "4.1. Ở Trung ương:",
        "- Ban Thi đua - Khen thưởng Trung ương.",
        "4.2. Ở tỉnh:",
        "- Thường trực Tỉnh ủy;",
        "- Các sở, ban, ngành.",
        "Số lượng đại biểu dự kiến: 350 đại biểu.",
    ]
    outline = [OutlineEntry("thanh-phan", options={"subheads": "chu"})]
    text = next(b.text for b in plan_blocks(inputs(groups=groups), outline) if b.key == "delegates")
    assert "a) Ở Trung ương:" in text and "b) Ở tỉnh:" in text
    assert text.startswith("Tổng số đại biểu: 350 đại biểu.")


def test_budget_total_optional():
    with_total = plan_blocks(inputs(budget_total=12_345_000))
    without = plan_blocks(
        inputs(budget_total=12_345_000), [OutlineEntry("kinh-phi", options={"total": False})]
    )
    assert "Tổng dự toán: 12.345.000 đồng" in "\n".join(b.text for b in with_total)
    assert "Tổng dự toán" not in "\n".join(b.text for b in without)


def test_task_wording_ongoing_and_coordination_written_once():
    day = dt.date(2024, 1, 18)
    tasks = [
        TaskData(
            "Tổ chức tuyên truyền, đưa tin trước, trong và sau Hội nghị",
            "Báo Thái Bình",
            deadline_kind="days_before",
            days_before=3,
        ),
        TaskData(
            "Bảo đảm an ninh trật tự", "Công an tỉnh", deadline_kind="days_before", days_before=0
        ),
        TaskData(
            "Chủ trì, phối hợp Đài PT-TH xây dựng phóng sự",
            "Sở Nội vụ",
            ("Đài PT-TH",),
            deadline_kind="days_before",
            days_before=10,
        ),
    ]
    values = dict(VALUES, date=day)
    text = "\n".join(b.text for b in plan_blocks(PlanInputs(values=values, tasks=tasks)))
    assert "- Tổ chức tuyên truyền, đưa tin trước, trong và sau Hội nghị." in text
    assert "- Bảo đảm an ninh trật tự." in text
    assert "hoàn thành trong ngày" not in text
    assert (
        "- Chủ trì, phối hợp Đài PT-TH xây dựng phóng sự (hoàn thành trước 10 ngày tổ chức "
        "Hội nghị)."
    ) in text
    assert text.count("phối hợp") == 1


def test_closing_names_the_conference_by_its_title():
    values = {
        "title": "Hội nghị tổng kết năm 2023",
        "closing": "Trên đây là Kế hoạch tổ chức Hội nghị tổng kết năm 2026. Ủy ban nhân dân "
        "tỉnh yêu cầu các cơ quan thực hiện./.",
        "closing_follows_title": True,  # the preset's closing (plan.operations.followed_values)
    }
    # a closing the officer typed (seed 001) stays his whatever the title says
    assert closing_text({**values, "closing_follows_title": False}) == values["closing"]
    assert closing_text(values) == (
        "Trên đây là Kế hoạch tổ chức Hội nghị tổng kết năm 2023. Ủy ban nhân dân tỉnh yêu cầu "
        "các cơ quan thực hiện./."
    )
    assert closing_text({**values, "closing": "Đề nghị các đơn vị thực hiện./."}) == (
        "Đề nghị các đơn vị thực hiện./."
    )


def test_preset_texts_follow_the_years_until_the_officer_writes_his_own(app, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        reviewed = conference.year_reviewed
        old_purposes, old_funding = conference.purposes, conference.funding_source
        assert str(reviewed) in old_purposes
        # the officer sets the years back one year in the form: the preset's texts follow
        conference.year_reviewed, conference.year_launched = reviewed - 1, reviewed
        db.session.flush()
        values = followed_values(conference)
        assert values["purposes"] != old_purposes
        assert f"năm {reviewed - 1}" in values["purposes"]
        assert str(reviewed + 1) not in values["funding_source"] + values["purposes"]
        assert old_funding != values["funding_source"]
        # his own wording stays his
        conference.purposes = "Mục đích do cán bộ viết năm 2020."
        assert followed_values(conference)["purposes"] == "Mục đích do cán bộ viết năm 2020."
        sheet = plan_sheet(conference)
        closing = next(b for b in sheet.blocks if b.block.key == "closing")
        # the title follows the years too, and the closing names the conference by it
        title = followed_values(conference)["title"]
        assert f"năm {reviewed - 1}" in title and title != conference.title
        assert closing.text.startswith(f"Trên đây là Kế hoạch tổ chức {title}.")
        assert sheet.subtitle == f"Tổ chức {title}"


def _sections(app, conference_id):
    with app.app_context():
        from kehoach_app.plan.operations import placed_sections

        conference = db.session.get(Conference, conference_id)
        return [(s.key, s.number, s.heading, s.hidden) for s in placed_sections(conference)]


def test_outline_changed_on_the_page_undone_and_carried_by_the_file(app, client, demo_id):
    page = f"/hoi-nghi/{demo_id}/ke-hoach"
    html = client.get(page).get_data(as_text=True)
    assert "Dàn ý Kế hoạch" in html
    base = f"/hoi-nghi/{demo_id}/ke-hoach/muc"
    post(client, f"{base}/to-chuc/rename", {"title": "PHÂN CÔNG NHIỆM VỤ"}, page=page)
    post(client, f"{base}/thanh-phan/up", {}, page=page)  # before II and its sections
    post(client, f"{base}/kinh-phi/hide", {}, page=page)
    response = post(
        client,
        f"/hoi-nghi/{demo_id}/ke-hoach/muc-moi",
        {"after": "muc-dich", "title": "CĂN CỨ THỰC TIỄN", "text": "Đoạn tự viết.", "level": "1"},
        page=page,
    )
    assert response.status_code == 302
    sections = _sections(app, demo_id)
    top = [(n, h) for k, n, h, hidden in sections if n.rstrip(".") in ("I", "II", "III", "IV")]
    assert top == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU"),
        ("II.", "CĂN CỨ THỰC TIỄN"),
        ("III.", "THÀNH PHẦN ĐẠI BIỂU"),
        ("IV.", "NỘI DUNG, CHƯƠNG TRÌNH, THỜI GIAN, ĐỊA ĐIỂM"),
    ]
    assert ("kinh-phi", "", "KINH PHÍ", True) in sections
    pdf = client.get(f"/hoi-nghi/{demo_id}/in/ke-hoach.pdf").data
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert "V. PHÂN CÔNG NHIỆM VỤ" in text and "II. CĂN CỨ THỰC TIỄN" in text
    assert "KINH PHÍ" not in text

    # the conference file carries the outline; a file without it still imports
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        document = transfer.export_conference(conference)
        assert {"key": "kinh-phi", "hidden": True} in document["plan"]["sections"]
        copy = transfer.import_conference(json.dumps(document).encode())
        db.session.flush()
        assert [s[:3] for s in _placed(copy)] == [s[:3] for s in sections]
        del document["plan"]["sections"]
        older = transfer.import_conference(json.dumps(document).encode())
        db.session.flush()
        assert ("kinh-phi", "IV.", "KINH PHÍ") in [s[:3] for s in _placed(older)]
        db.session.rollback()

    # undo puts back the outline before the last change (the free section goes)
    post(client, f"/hoi-nghi/{demo_id}/hoan-tac", {}, page=page)
    assert "tu-do:1" not in [k for k, *_ in _sections(app, demo_id)]


def _placed(conference):
    from kehoach_app.plan.operations import placed_sections

    return [(s.key, s.number, s.heading, s.hidden) for s in placed_sections(conference)]
