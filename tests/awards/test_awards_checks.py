"""The awards' pre-signature rules, and "nhận thay" only when someone else really receives."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pdfplumber

from kehoach_app.awards import checks as award_checks
from kehoach_app.awards import logic
from kehoach_app.checks import BLOCK, WARN, CheckContext, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.awards.conftest import add_awards, delegate_id, make_conference
from tests.conftest import post

DECIDED = {"decision_number": "3417/QĐ-UBND", "decision_date": dt.date(2026, 12, 21)}


def text(response) -> str:
    """The page's words, tags taken out."""
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def problems(app, conference_id: int) -> list:
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        return [p for p in run_checks(conference) if p.part == "awards"]


def by_key(found, key):
    return [p for p in found if p.key == key]


def test_the_demo_has_nothing_blocking_in_the_awards(app, demo_id):
    assert [p for p in problems(app, demo_id) if p.blocking] == []


def test_a_blank_in_a_decision_number_is_blocked(app):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức", "Võ Hoàng Yến"],
               decision_number="…/QĐ-UBND", decision_date=dt.date(2026, 12, 21))  # fmt: skip
    (blank,) = by_key(problems(app, cid), "awards.blank_decision_number")
    assert blank.severity == BLOCK
    assert blank.message == (
        "2 khen thưởng còn chỗ trống “…” ở số quyết định: “Trần Văn Đức”, “Võ Hoàng Yến”."
    )
    assert blank.fix_url.startswith(f"/hoi-nghi/{cid}/khen-thuong/") and blank.fix_url.endswith(
        "/sua"
    )
    assert "kich-ban-trao-thuong" in blank.printouts


def test_an_award_without_its_decision_is_blocked(app):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"])
    (missing,) = by_key(problems(app, cid), "awards.no_decision")
    assert missing.severity == BLOCK
    assert missing.message == (
        "1 khen thưởng chưa có số hoặc ngày quyết định, kịch bản trao thưởng sẽ in chỗ trống: "
        "“Trần Văn Đức”."
    )


def test_a_batch_without_a_presenter_is_warned(app):
    cid = make_conference(app, leaders=False)  # no Đoàn Chủ tịch
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"], **DECIDED)
    (nobody,) = by_key(problems(app, cid), "awards.no_presenter")
    assert nobody.severity == WARN
    assert nobody.message == "Đợt trao thưởng 1 chưa có người trao."
    assert nobody.fix_url == f"/hoi-nghi/{cid}/trao-thuong#dot-1"


def test_a_batch_with_no_leader_of_its_issuing_level_is_left_for_the_officer(app, demo_id):
    """Issue 16: the Đoàn Chủ tịch is the xã's (make_conference): they present the xã's Giấy
    khen, but the province's Bằng khen waits for the officer — nobody presents across levels."""
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức", "Võ Hoàng Yến"], **DECIDED)
    add_awards(app, cid, "giay_khen_chu_tich_ubnd_xa", ["Lê Thị Ửng"], **DECIDED)
    found = problems(app, cid)
    (problem,) = by_key(found, "awards.no_presenter_of_level")
    assert problem.severity == WARN
    assert problem.message == (
        "Đợt trao thưởng 1 (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh) chưa có người trao: "
        "Đoàn Chủ tịch không có lãnh đạo cấp tỉnh — hãy chọn người trao."
    )
    assert problem.fix_url == f"/hoi-nghi/{cid}/trao-thuong#dot-1"
    assert by_key(found, "awards.no_presenter") == []  # one fact, one problem
    # the demo seats the Sở Nội vụ's leader in the Đoàn Chủ tịch: every batch has its level's
    assert by_key(problems(app, demo_id), "awards.no_presenter_of_level") == []


def test_a_blank_in_a_batch_presenter_is_blocked(app, client):
    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"], **DECIDED)
    ceremony = f"/hoi-nghi/{cid}/trao-thuong"
    html = client.get(ceremony).get_data(as_text=True)
    import re

    form_id = re.search(r'name="b1-form_id"[^>]*value="(\d+)"', html).group(1)
    post(client, f"{ceremony}/dot/1",
         {"b1-form_id": form_id, "b1-number": "1", "b1-sequence": "1",
          "b1-presenter": "Đồng chí …", "b1-music_cue": "", "b1-notes": ""},
         page=ceremony)  # fmt: skip
    (blank,) = by_key(problems(app, cid), "awards.blank_batch")
    assert blank.severity == BLOCK
    assert blank.message == "Đợt trao thưởng 1 còn chỗ trống “…” ở người trao, nhạc hoặc ghi chú."
    assert blank.fix_url == f"/hoi-nghi/{cid}/trao-thuong#dot-1"


def test_recipients_without_a_batch_are_blocked(app):
    """Every recipient of a catalogue form is batched; the rule guards the case where a form is
    missing from the forms the ceremony is planned with."""
    known = logic.FormRule(id=1, code="bang_khen_tinh", name="Bằng khen")
    kept = logic.Recipient(id=1, form_id=1, position=1, kind="individual", name="An")
    lost = logic.Recipient(id=2, form_id=99, position=1, kind="individual", name="Bình")
    ceremony = logic.plan_ceremony([known], [kept, lost])
    assert logic.recipients_without_batch([kept, lost], ceremony) == [lost]
    cid = make_conference(app)
    with app.test_request_context():
        context = CheckContext(conference=db.session.get(Conference, cid), today=dt.date.today())
        context.shared["awards"] = SimpleNamespace(recipients=[kept, lost], ceremony=ceremony)
        (problem,) = award_checks.recipients_without_batch(context)
    assert problem.key == "awards.no_batch" and problem.severity == BLOCK
    assert problem.message == (
        "1 khen thưởng không thuộc đợt trao thưởng nào nên không được mời lên sân khấu: “Bình”."
    )
    assert problem.fix_url == f"/hoi-nghi/{cid}/khen-thuong/2/sua"


# --------------------------------------------------------------------------- nhận thay


def test_receives_for_only_when_someone_else_goes_up(app, client):
    cid = make_conference(app)
    own = delegate_id(app, cid, "Châu Văn Út")  # an individual linked to his own delegate row
    add_awards(app, cid, "bang_khen_tinh", ["Châu Văn Út"], receiver_delegate_id=own,
               receiver_name="Châu Văn Út", job_title="Trưởng ấp Mỹ Lộc", **DECIDED)  # fmt: skip
    add_awards(app, cid, "bang_khen_tinh", ["Đỗ Văn Hai"], receiver_name="Đỗ Thị Ba",
               **DECIDED)  # fmt: skip
    page = text(client.get(f"/hoi-nghi/{cid}/trao-thuong"))
    assert "nhận thay: Châu Văn Út" not in page
    assert "Đỗ Văn Hai — nhận thay: Đỗ Thị Ba" in page
    listing = text(client.get(f"/hoi-nghi/{cid}/khen-thuong"))
    assert "tự lên nhận" in listing
    response = client.get(f"/hoi-nghi/{cid}/in/kich-ban-trao-thuong.pdf")
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        script = " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())
    assert "Châu Văn Út nhận thay" not in script and "nhận cho: Châu Văn Út" not in script
    assert "Đỗ Văn Hai (Đỗ Thị Ba nhận thay)" in script
    assert "Đỗ Thị Ba — nhận cho: Đỗ Văn Hai" in script
    assert "Châu Văn Út, Trưởng ấp Mỹ Lộc" in script  # goes up himself, named once


def test_stand_in_is_decided_on_the_person_not_the_spelling():
    me = logic.Person(id=7, full_name="Châu Văn Út")
    own = logic.Recipient(1, 1, 1, "individual", "Châu  văn Út", receiver=me)
    other = logic.Recipient(2, 1, 2, "individual", "Lê Thị Hà", receiver_name="Lê Thị Hạ")
    collective = logic.Recipient(3, 1, 3, "collective", "Trạm Y tế", receiver_name="Lê Văn A")
    assert own.goes_up_self and own.stand_in_name == "" and own.stand_in_text == ""
    assert other.stand_in_name == "Lê Thị Hạ"  # another person, one tone mark apart
    assert collective.stand_in_name == "Lê Văn A" and not collective.goes_up_self
    assert logic.recipient_line(own) == "Châu  văn Út"


SALARY_2026 = (
    "Mức lương cơ sở 2.530.000 đồng/tháng (từ 01/07/2026) dùng để tính tiền thưởng chưa được "
    "đối chiếu với văn bản (căn cứ ghi: “Nghị định số 161/2026/NĐ-CP"
)


def test_unverified_legal_figures_the_money_uses_are_blocked(app, client, demo_id):
    """Two Bằng khen of the province (one collective) decided 21/12/2026 are paid on the
    2.530.000 đ base salary from 01/7/2026, the coefficient 1,5 (collective × 2) from 01/7/2025
    and the rounding to 10.000 đ — all shipped unverified (status, not wording): each blocks the
    money list, the estimate and the plan until the officer confirms it."""
    from kehoach_app.awards.models import AwardForm, AwardRate, BaseSalary, RoundingRule

    cid = make_conference(app)
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"], **DECIDED)
    add_awards(app, cid, "bang_khen_tinh", ["Trường Tiểu học Tân Hòa"], "collective", **DECIDED)
    found = problems(app, cid)
    (salary,) = by_key(found, "awards.unverified_salary")
    assert salary.severity == BLOCK
    assert salary.message.startswith(SALARY_2026)
    assert salary.printouts == ("tien-thuong", "ky-nhan-tien-thuong", "du-toan", "ke-hoach")
    with app.app_context():
        row = db.session.query(BaseSalary).filter_by(effective_from=dt.date(2026, 7, 1)).one()
        row_id = row.id
        form_id = db.session.query(AwardForm).filter_by(code="bang_khen_tinh").one().id
        rate = db.session.query(AwardRate).filter_by(form_id=form_id).one()
        rate_id, rate_version = rate.id, rate.version
        rounding = db.session.query(RoundingRule).one()
        rounding_id, rounding_version = rounding.id, rounding.version
    assert salary.fix_url == f"/danh-muc-khen-thuong/luong-co-so/{row_id}/sua"
    (form,) = by_key(found, "awards.unverified_rate")
    assert form.severity == BLOCK
    assert form.message.startswith(
        "Hệ số 1,5 của “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh”, tập thể gấp 2 lần (từ "
        "01/07/2025) dùng để tính tiền thưởng chưa được đối chiếu với văn bản (căn cứ ghi: "
        "“Nghị định 152/2025/NĐ-CP"
    )
    assert form.fix_url == f"/danh-muc-khen-thuong#hinh-thuc-{form_id}"
    (rule,) = by_key(found, "awards.unverified_rounding")
    assert rule.severity == BLOCK and rule.fix_url == "/danh-muc-khen-thuong#lam-tron"
    assert rule.message.startswith(
        "Làm tròn tiền thưởng lên bội số của 10.000 đồng (từ 01/07/2023) dùng để tính"
    )
    # The officer confirms the base salary against the decree: that figure no longer blocks.
    page = "/danh-muc-khen-thuong"
    with app.app_context():
        version = db.session.get(BaseSalary, row_id).version
    post(client, f"{page}/doi-chieu/luong-co-so/{row_id}", {"version": str(version)}, page=page)
    assert not by_key(problems(app, cid), "awards.unverified_salary")
    # a basis that still speaks to the clerk cannot be confirmed (it would print)
    with app.app_context():
        assert "cần đối chiếu" in db.session.get(AwardRate, rate_id).legal_basis
    response = post(
        client, f"{page}/doi-chieu/he-so/{rate_id}", {"version": str(rate_version)}, page=page
    )
    assert "Căn cứ còn ghi “cần đối chiếu”" in text(client.get(response.location))
    assert by_key(problems(app, cid), "awards.unverified_rate")
    post(
        client,
        f"{page}/doi-chieu/lam-tron/{rounding_id}",
        {"version": str(rounding_version)},
        page=page,
    )
    assert not by_key(problems(app, cid), "awards.unverified_rounding")
    # the demo reports the same shipped figures as warnings only
    demo = [p for p in problems(app, demo_id) if p.key.startswith("awards.unverified")]
    assert demo and all(p.severity == WARN for p in demo)
