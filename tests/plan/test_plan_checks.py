"""The plan's pre-signature rules: a gap "…" the Kế hoạch would print (căn cứ, an edited
paragraph, Nơi nhận) and a căn cứ dated after the signing; the demo trips neither."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.checks import BLOCK, CheckContext
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.plan import checks as plan_checks
from kehoach_app.plan.operations import save_edit

TODAY = dt.date(2026, 12, 4)
BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
    "Căn cứ Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh ban hành kèm theo Quyết "
    "định số …/…/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh;"
)


@pytest.fixture()
def run(app, demo_id):
    def run(rule, edits=None, **changes):
        with app.test_request_context():
            conference = db.session.get(Conference, demo_id)
            for name, value in changes.items():
                setattr(conference, name, value)
            for key, text in (edits or {}).items():
                assert save_edit(conference, key, text)
            db.session.flush()
            problems = list(rule(CheckContext(conference, TODAY)))
            db.session.rollback()
            return problems

    return run


def test_the_demo_plan_has_no_gap_and_no_late_basis(run):
    assert run(plan_checks.placeholders_in_plan) == []
    assert run(plan_checks.bases_after_signing) == []


def test_a_gap_in_the_legal_bases_blocks_with_line_and_words(run, demo_id):
    (problem,) = run(plan_checks.placeholders_in_plan, legal_bases=BASES)
    assert problem.severity == BLOCK and problem.key == "plan.placeholder"
    assert problem.message == (
        "Kế hoạch, phần căn cứ, dòng 2 còn chỗ trống “…” chưa điền: “…hành kèm theo Quyết định số "
        "…/…/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh;”."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/ke-hoach#doan-intro"
    assert problem.printouts == ("ke-hoach",)


def test_a_gap_in_an_edited_paragraph_or_in_noi_nhan_blocks(run, demo_id):
    edited = "1. Tổng kết công tác năm ...;\n2. Phát động thi đua."
    (problem,) = run(plan_checks.placeholders_in_plan, edits={"purposes": edited})
    assert problem.message == (
        "Kế hoạch, mục Mục đích, yêu cầu (đoạn đã sửa), dòng 1 còn chỗ trống “…” chưa điền: "
        "“1. Tổng kết công tác năm ...;”."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/ke-hoach#doan-purposes"
    (problem,) = run(plan_checks.placeholders_in_plan, recipients="Sở Nội vụ\nLưu: VT, …")
    assert problem.message == (
        "Kế hoạch, Nơi nhận, dòng 2 còn chỗ trống “…” chưa điền: “Lưu: VT, …”."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/ke-hoach#recipients"


def test_a_gap_in_a_generated_paragraph_links_to_its_source(run, demo_id):
    (problem,) = run(plan_checks.placeholders_in_plan, purposes="Tổng kết công tác năm …")
    assert problem.message.startswith("Kế hoạch, mục Mục đích, yêu cầu, dòng 1")
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua#purposes"


def test_a_basis_dated_after_the_signing_blocks(run, demo_id):
    bases = "Căn cứ Kế hoạch số 12/KH-UBND ngày 20/12/2026 của Ủy ban nhân dân xã;"
    (problem,) = run(
        plan_checks.bases_after_signing, legal_bases=bases, signing_date=dt.date(2026, 12, 10)
    )
    assert problem.severity == BLOCK and problem.key == "plan.basis_after_signing"
    assert problem.message == (
        "Kế hoạch, phần căn cứ, dòng 1 ghi văn bản “20/12/2026” sau ngày ký 10/12/2026: căn cứ "
        "phải được ban hành trước."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/ke-hoach#doan-intro"
    # Without a ngày ký the conference's day is the limit (the signing precedes it).
    late = "Căn cứ Quyết định ngày 20 tháng 02 năm 2027;"
    (problem,) = run(
        plan_checks.bases_after_signing,
        legal_bases=late,
        signing_date=None,
        date=dt.date(2027, 1, 15),
    )
    assert "“ngày 20 tháng 02 năm 2027” sau ngày tổ chức 15/01/2027" in problem.message
    assert run(plan_checks.bases_after_signing, legal_bases=bases, signing_date=None) == []


def test_a_gap_in_the_funding_source_is_one_problem(app, run, demo_id):
    """One fact, one owner, one problem: a "…" in the funding source (a conference field the
    plan's Kinh phí section and the estimate print) is the info rule's, once; the plan and the
    budget do not report it again. Typed into an edited paragraph it is the plan's."""
    from kehoach_app.checks import run_checks

    source = "Quỹ thi đua, khen thưởng năm …"
    assert run(plan_checks.placeholders_in_plan, funding_source=source) == []
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        before = {p.key for p in run_checks(conference, TODAY) if p.blocking}
        conference.funding_source = source
        db.session.flush()
        after = [p for p in run_checks(conference, TODAY) if p.blocking]
        db.session.rollback()
    new = [p for p in after if p.key not in before or "…" in p.message and source in p.message]
    assert [(p.key, p.message) for p in new] == [
        ("info.placeholder", f"Ô “Nguồn kinh phí” còn chỗ trống “…” chưa điền: “{source}”.")
    ]
    assert {"ke-hoach", "du-toan"} <= set(new[0].printouts)
    # the same words in a paragraph the officer edited: his words, the plan's problem
    (problem,) = run(
        plan_checks.placeholders_in_plan,
        edits={"budget": "Kinh phí tổ chức Hội nghị: từ Quỹ thi đua, khen thưởng năm …."},
        funding_source=source,
    )
    assert problem.message.startswith("Kế hoạch, mục Kinh phí (đoạn đã sửa), dòng 1")


def test_a_levels_heading_without_the_edition_blocks_until_it_is_typed(app):
    """Seed 004's "2.3. Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII:" is a heading the
    plan words from the level's name: printed "lần thứ …" until the edition is typed, and the
    headings were not read by the rule (the outside walk found it printed on a plan ready to
    sign)."""
    from kehoach_app.conferences.presetting import apply_preset_parts
    from kehoach_app.plan.operations import set_ordinal
    from kehoach_app.presets import get_preset
    from tests.agenda.test_plan_note import BASE, SEEDS

    with app.test_request_context():
        conference = Conference(**{**BASE, **SEEDS["004"]["conference"]})
        db.session.add(conference)
        db.session.flush()
        apply_preset_parts(conference, get_preset("dai_hoi.tinh"))
        db.session.flush()

        def gaps():
            problems = plan_checks.placeholders_in_plan(CheckContext(conference, TODAY))
            return [p for p in problems if "tiêu đề" in p.message]

        (problem,) = gaps()
        assert problem.severity == BLOCK
        assert problem.message == (
            "Kế hoạch, tiêu đề “2.3. Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ …” còn "
            "chỗ trống “…” chưa điền: hãy nhập Lần thứ của Đại hội."
        )
        assert problem.fix_url.endswith(f"/hoi-nghi/{conference.id}/ke-hoach/cac-cap")
        set_ordinal(conference, 8)
        db.session.flush()
        assert gaps() == []
        db.session.rollback()
