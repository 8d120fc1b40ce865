"""Kiểm tra trước khi trình ký: the runner, the page, the print centre, the dashboard and the
command line, with fake rules registered for the test only (the parts' own rules are tested in
tests/<part>/)."""

from __future__ import annotations

import logging
import re

import pytest
from flask import url_for

from kehoach_app import checks
from kehoach_app.checks import BLOCK, WARN, Problem, register_check, run_checks, summary
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db


def _problem(key, severity, part, message, endpoint, printouts=(), **values):
    return Problem(
        key=key,
        severity=severity,
        part=part,
        message=message,
        fix_url=url_for(endpoint, **values),
        printouts=printouts,
    )


def fake_budget(context):
    cid = context.conference.id
    yield _problem(
        "budget.fake_notice",
        WARN,
        "budget",
        "Dòng tiền nước có đơn giá cao hơn năm trước.",
        "budget.estimate",
        ("du-toan",),
        conference_id=cid,
    )
    yield _problem(
        "budget.fake_over",
        BLOCK,
        "budget",
        "Tổng dự toán 12.000.000 đồng vượt kinh phí được giao 10.000.000 đồng.",
        "budget.estimate",
        ("du-toan", "ke-hoach"),
        conference_id=cid,
    )


def fake_agenda(context):
    yield _problem(
        "agenda.fake_late",
        BLOCK,
        "agenda",
        "Chương trình kết thúc lúc 13 giờ 36, quá buổi sáng đã định.",
        "agenda.programme",
        ("chuong-trinh", "ke-hoach"),
        conference_id=context.conference.id,
    )


def fake_plan(context):
    yield _problem(
        "plan.fake_basis",
        WARN,
        "plan",
        "Căn cứ thứ hai còn dấu “…” chưa điền.",
        "plan.show",
        ("ke-hoach",),
        conference_id=context.conference.id,
    )


def fake_broken(context):
    raise RuntimeError("a rule with a defect")


@pytest.fixture()
def registry(monkeypatch):
    """An empty registry for this test: the parts' real rules are put back afterwards."""
    monkeypatch.setattr(checks, "_CHECKS", [])
    monkeypatch.setattr(checks, "_MODULES", [])
    return checks


@pytest.fixture()
def fakes(registry):
    # registered out of order on purpose: the runner sorts
    register_check("plan", fake_plan)
    register_check("budget", fake_budget)
    register_check("agenda", fake_agenda)
    return registry


def _conference(app, demo_id) -> Conference:
    return db.session.get(Conference, demo_id)


def test_runner_orders_blocking_first_then_part_then_message(app, demo_id, fakes):
    with app.test_request_context():
        problems = run_checks(_conference(app, demo_id))
    assert [p.key for p in problems] == [
        "agenda.fake_late",  # blocking, Chương trình comes before Dự toán in the plan
        "budget.fake_over",
        "budget.fake_notice",  # warnings after every blocking problem
        "plan.fake_basis",
    ]
    assert problems[0].fix_url == f"/hoi-nghi/{demo_id}/chuong-trinh"
    assert problems[0].severity_label == "Chặn" and problems[2].severity_label == "Cảnh báo"


def test_registering_the_same_rule_twice_keeps_one(app, demo_id, fakes):
    register_check("budget", fake_budget)
    with app.test_request_context():
        assert len(run_checks(_conference(app, demo_id))) == 4


def test_a_rule_that_raises_is_reported_and_the_others_still_run(app, demo_id, fakes, caplog):
    register_check("seating", fake_broken)
    with app.test_request_context(), caplog.at_level(logging.ERROR):
        problems = run_checks(_conference(app, demo_id))
    assert len(problems) == 5
    failed = [p for p in problems if p.key == "seating.fake_broken.error"]
    assert len(failed) == 1
    assert failed[0].severity == WARN
    assert failed[0].message == (
        "Không kiểm tra được một quy tắc của phần Sơ đồ chỗ ngồi do lỗi trong chương trình; "
        "hãy tự rà soát phần này và báo cho người hỗ trợ."
    )
    assert failed[0].fix_url == f"/hoi-nghi/{demo_id}"
    assert "a rule with a defect" in caplog.text


def test_problems_found_before_a_rule_fails_are_kept(app, demo_id, registry):
    def half(context):
        yield from fake_plan(context)
        raise ValueError("then it breaks")

    register_check("plan", half)
    with app.test_request_context():
        keys = [p.key for p in run_checks(_conference(app, demo_id))]
    assert keys == ["plan.fake_basis", "plan.half.error"]


def test_summary_counts_per_severity_and_per_printout(app, demo_id, fakes):
    with app.test_request_context():
        counts = summary(run_checks(_conference(app, demo_id)))
    assert (counts.blocking, counts.warnings) == (2, 2)
    assert counts.blocking_by_printout == {"du-toan": 1, "ke-hoach": 2, "chuong-trinh": 1}
    assert counts.warnings_by_printout == {"du-toan": 1, "ke-hoach": 1}
    assert counts.text == "2 lỗi chặn, 2 cảnh báo"
    assert summary([]).text == "Không có lỗi chặn, không có cảnh báo"


def test_the_page_lists_problems_by_part_with_severity_printouts_and_link(client, demo_id, fakes):
    response = client.get(f"/hoi-nghi/{demo_id}/kiem-tra")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Kiểm tra trước khi trình ký</h1>" in html
    assert "<strong>2 lỗi chặn</strong>, 2 cảnh báo" in html
    # grouped by part, in the plan's order
    headings = re.findall(r'<h2 id="part-(\w+)">', html)
    assert headings == ["agenda", "budget", "plan"]
    over = html[html.index('data-key="budget.fake_over"') :]
    over = over[: over.index("</li>")]
    assert '<span class="check-severity">Chặn</span>' in over
    assert "Tổng dự toán 12.000.000 đồng vượt kinh phí được giao 10.000.000 đồng." in over
    # the printouts' Vietnamese titles, in the print centre's order (the plan first)
    assert "Ảnh hưởng đến: Kế hoạch tổ chức Hội nghị, Dự toán kinh phí tổ chức Hội nghị" in over
    assert f'href="/hoi-nghi/{demo_id}/du-toan">Sửa</a>' in over
    notice = html[html.index('data-key="budget.fake_notice"') :]
    assert '<span class="check-severity">Cảnh báo</span>' in notice[: notice.index("</li>")]
    # blocking before warnings inside a part
    assert html.index("budget.fake_over") < html.index("budget.fake_notice")
    assert 'class="check-problem check-block"' in html and "check-verdict-block" in html
    assert "style=" not in html and "<script" not in html  # CSP


def test_the_fix_link_opens_the_form(client, demo_id, fakes):
    html = client.get(f"/hoi-nghi/{demo_id}/kiem-tra").get_data(as_text=True)
    for url in set(re.findall(r'<a class="button button-small check-fix" href="([^"]+)"', html)):
        assert client.get(url).status_code == 200, url


def test_nothing_to_fix_says_so_in_green(client, demo_id, registry):
    html = client.get(f"/hoi-nghi/{demo_id}/kiem-tra").get_data(as_text=True)
    assert "check-verdict-ok" in html
    assert "<strong>Không có lỗi chặn</strong>" in html
    assert "Không có lỗi chặn, không có cảnh báo: các văn bản có thể trình ký." in html
    assert "check-problem" not in html


def test_only_warnings_is_not_blocking(client, demo_id, registry):
    register_check("plan", fake_plan)
    html = client.get(f"/hoi-nghi/{demo_id}/kiem-tra").get_data(as_text=True)
    assert "<strong>Không có lỗi chặn</strong>, 1 cảnh báo" in html
    assert "check-verdict-warn" in html


def test_the_page_filtered_to_one_printout(client, demo_id, fakes):
    html = client.get(f"/hoi-nghi/{demo_id}/kiem-tra?ban-in=chuong-trinh").get_data(as_text=True)
    assert "Chỉ hiện những điều ảnh hưởng đến <strong>Chương trình hội nghị</strong>" in html
    assert "agenda.fake_late" in html
    assert "budget.fake_over" not in html and "plan.fake_basis" not in html


def test_the_page_of_a_missing_conference_is_404(client, registry):
    assert client.get("/hoi-nghi/999/kiem-tra").status_code == 404


def test_reading_the_page_writes_nothing(app, client, demo_id, fakes):
    with app.app_context():
        before = _conference(app, demo_id).version
    client.get(f"/hoi-nghi/{demo_id}/kiem-tra")
    client.get(f"/hoi-nghi/{demo_id}/in")
    client.get(f"/hoi-nghi/{demo_id}")
    with app.app_context():
        assert _conference(app, demo_id).version == before


def test_print_centre_shows_the_blocking_counts(client, demo_id, fakes):
    html = client.get(f"/hoi-nghi/{demo_id}/in").get_data(as_text=True)
    assert (
        f'Còn 2 lỗi chặn — xem <a href="/hoi-nghi/{demo_id}/kiem-tra">'
        "Kiểm tra trước khi trình ký</a>" in html
    )
    assert "Tải tất cả (ZIP)" in html  # printing stays possible

    def row(title: str) -> str:
        part = html[html.index(f"<strong>{title}</strong>") :]
        return part[: part.index("</tr>")]

    plan = row("Kế hoạch tổ chức Hội nghị")
    assert f'href="/hoi-nghi/{demo_id}/kiem-tra?ban-in=ke-hoach">2 lỗi chặn</a>' in plan
    assert "1 cảnh báo" in plan
    budget = row("Dự toán kinh phí tổ chức Hội nghị")
    assert ">1 lỗi chặn</a>" in budget
    assert "Không có lỗi" in row("Phân công nhiệm vụ")


def test_print_centre_without_blocking(client, demo_id, registry):
    register_check("plan", fake_plan)
    html = client.get(f"/hoi-nghi/{demo_id}/in").get_data(as_text=True)
    assert '<span class="check-badge check-badge-ok">Không có lỗi chặn</span>' in html
    plan = html[html.index("<strong>Kế hoạch tổ chức Hội nghị</strong>") :]
    plan = plan[: plan.index("</tr>")]
    assert (
        f'<a class="check-badge-warn" href="/hoi-nghi/{demo_id}/kiem-tra?ban-in=ke-hoach">'
        "1 cảnh báo</a>" in plan
    )


def test_the_dashboard_links_the_check_with_its_blocking_count(client, demo_id, fakes):
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    assert f'<a href="/hoi-nghi/{demo_id}/kiem-tra">Kiểm tra trước khi trình ký</a>' in html
    assert "còn 2 lỗi chặn</span>, 2 cảnh báo." in html


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["check", *map(str, args)])


def test_cli_prints_a_line_per_problem_and_exits_1_when_something_blocks(app, demo_id, fakes):
    result = _cli(app, demo_id)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        "CHẶN      [Chương trình] Chương trình kết thúc lúc 13 giờ 36, quá buổi sáng đã định."
        f" — sửa tại /hoi-nghi/{demo_id}/chuong-trinh",
        "CHẶN      [Dự toán kinh phí] Tổng dự toán 12.000.000 đồng vượt kinh phí được giao "
        f"10.000.000 đồng. — sửa tại /hoi-nghi/{demo_id}/du-toan",
        "CẢNH BÁO  [Dự toán kinh phí] Dòng tiền nước có đơn giá cao hơn năm trước."
        f" — sửa tại /hoi-nghi/{demo_id}/du-toan",
        "CẢNH BÁO  [Kế hoạch] Căn cứ thứ hai còn dấu “…” chưa điền."
        f" — sửa tại /hoi-nghi/{demo_id}/ke-hoach",
        "2 lỗi chặn, 2 cảnh báo.",
    ]


def test_cli_exits_0_when_nothing_blocks(app, demo_id, registry):
    register_check("plan", fake_plan)
    result = _cli(app, demo_id)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Không có lỗi chặn, 1 cảnh báo."


def test_cli_exits_2_for_an_unknown_conference(app, registry):
    result = _cli(app, 42)
    assert result.exit_code == 2
    assert "Không có hội nghị số 42." in result.output


def test_the_demo_has_nothing_blocking(app, demo_id):
    """Every part's real rules on the demo conference (issue 14's quality bar)."""
    with app.test_request_context():
        problems = run_checks(_conference(app, demo_id))
    assert [p.message for p in problems if p.blocking] == []
    assert not [p for p in problems if p.key.endswith(".error")]
    result = _cli(app, demo_id)
    assert result.exit_code == 0, result.output


def test_the_rules_write_nothing_even_when_the_budget_is_out_of_date(app, demo_id):
    """Rules only read: with 40 more delegates the budget's derived lines are out of date, and
    running every rule must not bring them up to date (that is a write)."""
    from sqlalchemy import event

    from kehoach_app.delegates.models import Delegate

    with app.app_context():
        for n in range(40):
            db.session.add(
                Delegate(conference_id=demo_id, full_name=f"Đại biểu thêm {n}", reply="attending")
            )
        db.session.commit()
    with app.test_request_context():
        conference = _conference(app, demo_id)
        session = db.session()
        flushed = []
        event.listen(session, "after_flush", lambda s, _context: flushed.append(1))
        run_checks(conference)
        changed = [*session.new, *session.dirty, *session.deleted]
        assert (flushed, changed) == ([], [])
