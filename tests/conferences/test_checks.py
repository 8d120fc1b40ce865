"""The conference's pre-signature rules, each on a conference built to break it: the sentence,
the severity and the link; and the demo, which none of them blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach_app.checks import BLOCK, WARN, CheckContext, registered_checks
from kehoach_app.conferences import checks as info
from kehoach_app.conferences.logic import SIGNED_PRINTOUTS, placeholder_gaps
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db

TODAY = dt.date(2026, 12, 4)


@pytest.fixture()
def run(app, demo_id):
    """run(rule, **changes): the rule's problems on the demo with `changes` applied."""

    def run(rule, **changes):
        with app.test_request_context():
            conference = db.session.get(Conference, demo_id)
            for name, value in changes.items():
                setattr(conference, name, value)
            db.session.flush()
            problems = list(rule(CheckContext(conference, TODAY)))
            db.session.rollback()
            return problems

    return run


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_the_rules_are_registered(app):
    rules = [function for part, function in registered_checks() if part == "info"]
    for rule in (
        info.placeholders_in_fields,
        info.number_and_signer,
        info.signing_date,
        info.number_used_twice,
    ):
        assert rule in rules


def test_the_demo_is_not_blocked_by_the_conference_rules(run):
    for rule in (info.placeholders_in_fields, info.number_and_signer, info.number_used_twice):
        assert run(rule) == []
    assert run(info.signing_date) == []  # the demo is signed the day it is made


def test_placeholder_in_a_printed_field_blocks(run, demo_id):
    problem = only(
        run(info.placeholders_in_fields, funding_source="Quỹ thi đua, khen thưởng năm …")
    )
    assert problem.severity == BLOCK and problem.key == "info.placeholder"
    assert problem.message == (
        "Ô “Nguồn kinh phí” còn chỗ trống “…” chưa điền: “Quỹ thi đua, khen thưởng năm …”."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua#funding_source"
    assert problem.printouts == SIGNED_PRINTOUTS
    # Three dots typed for the gap count as well.
    problem = only(run(info.placeholders_in_fields, signer_name="Nguyễn Văn ..."))
    assert problem.message == "Ô “Họ tên người ký” còn chỗ trống “…” chưa điền: “Nguyễn Văn ...”."


def test_placeholder_fragment_quotes_the_words_around_the_gap():
    text = (
        "Căn cứ Luật Thi đua, khen thưởng;\nCăn cứ Quy chế công tác thi đua, khen thưởng trên "
        "địa bàn tỉnh ban hành kèm theo Quyết định số …/…/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh;"
    )
    (gap,) = placeholder_gaps(text)
    # 30 characters either side of the gaps, cut back to a whole word ("ban |hành").
    assert gap.line == 2
    assert (
        gap.fragment == "…hành kèm theo Quyết định số …/…/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh;"
    )
    assert placeholder_gaps("Lưu: VT, VHXH./.") == []


def test_missing_plan_number_blocks_the_plan(run, demo_id):
    problem = only(run(info.number_and_signer, doc_number=""))
    assert problem.severity == BLOCK and problem.key == "info.doc_number_missing"
    assert problem.message == (
        "Kế hoạch chưa có số văn bản (Số: …/KH-UBND): hãy lấy số ở văn thư trước khi trình ký."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua#doc_number"
    assert problem.printouts == ("ke-hoach",)


@pytest.mark.parametrize(
    "field, message",
    [
        (
            "signer_name",
            "Chưa có họ tên người ký: các văn bản trình ký in khối chữ ký thiếu họ tên.",
        ),
        (
            "signer_title",
            "Chưa có chức vụ người ký: các văn bản trình ký in khối chữ ký thiếu chức vụ.",
        ),
    ],
)
def test_missing_signer_blocks(run, demo_id, field, message):
    problem = only(run(info.number_and_signer, **{field: ""}))
    assert problem.severity == BLOCK and problem.key == f"info.{field}_missing"
    assert problem.message == message
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua#{field}"


def test_blank_signing_date_warns_with_the_year_printed(app, run, demo_id):
    problem = only(run(info.signing_date, date=dt.date(2027, 3, 12), signing_date=None))
    assert problem.severity == WARN and problem.key == "info.signing_date_blank"
    # the demo's first duties fall in 2026: the plan is signed before them (issue 17)
    assert problem.message == (
        "Chưa có ngày ký: các văn bản trình ký in “ngày … tháng … năm 2026” để người ký điền tay"
        " (năm ký trước hạn đầu tiên của Kế hoạch); nếu ký trong năm 2027, hãy nhập ngày ký."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua#signing_date"
    # A January conference whose duties all fall in its year: the hint names the year before.
    with app.app_context():
        from kehoach_app.conferences.logic import signing_year

        values = {"date": dt.date(2027, 1, 15), "signing_date": None, "first_due": None}
        assert signing_year(values) == 2027
    assert (
        run(info.signing_date, date=dt.date(2027, 1, 15), signing_date=dt.date(2026, 12, 28)) == []
    )


def test_signing_date_after_the_conference_blocks(run, demo_id):
    problem = only(
        run(info.signing_date, date=dt.date(2027, 1, 15), signing_date=dt.date(2027, 1, 18))
    )
    assert problem.severity == BLOCK and problem.key == "info.signing_date_after_conference"
    assert problem.message == (
        "Ngày ký 18/01/2027 sau ngày tổ chức 15/01/2027: văn bản phải ký trước hội nghị."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua#signing_date"


def test_one_number_on_two_plans_blocks(app, run, demo_id):
    with app.app_context():
        from kehoach_app.demo import create_demo_conference

        other = create_demo_conference()
        other.title = "Hội nghị sơ kết 6 tháng"
        db.session.commit()
        other_id = other.id
    problem = only(run(info.number_used_twice))
    assert problem.severity == BLOCK and problem.key == "info.doc_number_used_twice"
    year = problem.message.split(" năm ")[1][:4]
    assert problem.message == (
        f"Số 07/KH-UBND năm {year} đã dùng cho kế hoạch “Hội nghị sơ kết 6 tháng”: hai văn bản "
        "không được mang cùng một số."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua#doc_number"
    # Another number, or the same number in another year, is no clash.
    assert run(info.number_used_twice, doc_number="8") == []
    with app.app_context():
        db.session.get(Conference, other_id).doc_symbol = "KH-HĐTĐKT"
        db.session.commit()
    assert run(info.number_used_twice) == []


@pytest.mark.parametrize(
    ("day", "detail"),
    [
        (dt.date(2028, 1, 15), "Thứ Bảy"),  # where Nhân bản put a Friday 15/01/2027
        (dt.date(2028, 1, 16), "Chủ nhật"),
        (dt.date(2027, 9, 2), "Thứ Năm, Quốc khánh"),
    ],
)
def test_a_conference_on_a_day_off_warns(run, demo_id, day, detail):
    problem = only(run(info.date_on_day_off, date=day))
    assert problem.severity == WARN and problem.key == "info.date_day_off"
    assert problem.message == (
        f"Hội nghị tổ chức ngày {day:%d/%m/%Y}, là ngày nghỉ ({detail}): hãy kiểm tra lại ngày "
        "tổ chức (hội nghị nhân bản từ năm trước giữ ngày, tháng cũ)."
    )
    assert problem.fix_url == f"/hoi-nghi/{demo_id}/sua#date"
    assert "ke-hoach" in problem.printouts and "chuong-trinh" in problem.printouts
    assert run(info.date_on_day_off, date=dt.date(2028, 1, 14)) == []  # a Friday


def test_the_demo_is_held_on_a_working_day(run):
    assert run(info.date_on_day_off) == []
    assert info.date_on_day_off in [f for part, f in registered_checks() if part == "info"]


def test_default_date_skips_public_holidays():
    from kehoach_app.conferences.logic import default_date

    assert default_date(2027, 9, dt.date(2027, 8, 3)) == dt.date(2027, 9, 15)  # a Wednesday
    # today + 30 days landing on Tết Dương lịch 01/01/2027 (a Friday) → Thursday 31/12/2026
    assert default_date(2026, 1, dt.date(2026, 12, 2)) == dt.date(2026, 12, 31)
