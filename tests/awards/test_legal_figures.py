"""Issue 16: the law as dated, verifiable data — base salary, coefficients, collective
multipliers and the rounding rule picked by the decision's date; unverified figures marked on
the page and blocking the check until confirmed; a date outside every period said, not silent.

Hand-worked figures (Bằng khen of the province, Giấy khen):
- 1.800.000 from 01/7/2023 (Nghị định 24/2023), 2.340.000 from 01/7/2024 (73/2024), 2.530.000
  from 01/7/2026 (shipped unverified); the Bằng khen at 1,0 until 30/6/2025 (entered by the
  officer in these tests), 1,5 from 01/7/2025 (Nghị định 152/2025); rounding up to 10.000 đ.
- 30/6/2024: 1,0 × 1.800.000 = 1.800.000; 01/7/2024: 1,0 × 2.340.000 = 2.340.000;
  30/6/2025: 2.340.000; 01/7/2025: 1,5 × 2.340.000 = 3.510.000; 30/6/2026: 3.510.000;
  01/7/2026: 1,5 × 2.530.000 = 3.795.000 → 3.800.000.
- collective on 01/7/2026: 1,5 × 2 × 2.530.000 = 7.590.000 (the multiplier before the rounding;
  doubling the rounded 3.800.000 would give 7.600.000).
- Giấy khen on 01/7/2026: 0,3 × 2.530.000 = 759.000 → 760.000; not rounded (unit 1): 759.000.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
from sqlalchemy import select

from kehoach_app import legal
from kehoach_app.awards import catalogue, figures, logic
from kehoach_app.awards.models import AwardForm, AwardRate, BaseSalary, RoundingRule
from kehoach_app.checks import BLOCK, WARN, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.awards.conftest import add_awards, form_id, make_conference
from tests.conftest import post

D = dt.date
SALARIES = (
    logic.Salary(1_800_000, D(2023, 7, 1), "Nghị định số 24/2023/NĐ-CP", status="confirmed", id=1),
    logic.Salary(2_340_000, D(2024, 7, 1), "Nghị định số 73/2024/NĐ-CP", status="confirmed", id=2),
    logic.Salary(2_530_000, D(2026, 7, 1), "Nghị định số 161/2026/NĐ-CP", id=3),
)
BANG_KHEN = logic.FormRule(
    id=1,
    code="bang_khen_tinh",
    name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    coefficient_milli=1500,
    collective_multiplier_milli=2000,
    rates=(
        logic.Rate(1000, 2000, D(2024, 1, 1), D(2025, 6, 30), "Nghị định số 98/2023/NĐ-CP", id=10),
        logic.Rate(1500, 2000, D(2025, 7, 1), None, "Nghị định số 152/2025/NĐ-CP", id=11),
    ),
)
GIAY_KHEN = logic.FormRule(
    id=2,
    code="giay_khen",
    name="Giấy khen",
    coefficient_milli=300,
    rates=(logic.Rate(300, 2000, D(2025, 7, 1), None, "Nghị định số 152/2025/NĐ-CP", id=20),),
)
ROUNDINGS = (logic.Rounding(10_000, D(2023, 7, 1), None, "Nghị định số 91/2017/NĐ-CP", id=30),)


def _money(decided: dt.date, form=BANG_KHEN, kind="individual", roundings=ROUNDINGS):
    recipient = logic.Recipient(1, form.id, 1, kind, "Trần Văn Đức", decision_date=decided)
    return logic.money_by_form([form], [recipient], SALARIES, D(2027, 1, 15), roundings=roundings)


def test_the_decisions_date_picks_salary_and_coefficient_on_both_sides_of_each_change():
    expected = {
        D(2024, 6, 30): (1_800_000, 1000, 1_800_000),
        D(2024, 7, 1): (2_340_000, 1000, 2_340_000),
        D(2025, 6, 30): (2_340_000, 1000, 2_340_000),
        D(2025, 7, 1): (2_340_000, 1500, 3_510_000),
        D(2026, 6, 30): (2_340_000, 1500, 3_510_000),
        D(2026, 7, 1): (2_530_000, 1500, 3_800_000),  # 3.795.000 rounded up
    }
    for day, (base, coefficient, amount) in expected.items():
        money = _money(day)
        (line,) = money.lines
        assert (line.base_salary, line.coefficient_milli, line.unit_amount) == (
            base,
            coefficient,
            amount,
        ), day
        assert money.amounts[1] == amount and not money.gaps


def test_collective_multiplier_applies_before_the_one_rounding_and_it_is_stated():
    assert _money(D(2026, 7, 1), kind="collective").amounts[1] == 7_590_000
    assert _money(D(2026, 7, 1), GIAY_KHEN).amounts[1] == 760_000
    to_the_dong = (logic.Rounding(1, D(2023, 7, 1), id=31),)
    assert _money(D(2026, 7, 1), GIAY_KHEN, roundings=to_the_dong).amounts[1] == 759_000
    money = _money(D(2026, 7, 1), GIAY_KHEN)
    assert figures.rounding_statements(money) == [
        "Tiền thưởng sau khi nhân hệ số với mức lương cơ sở (tập thể: nhân cả hệ số tập thể) "
        "được làm tròn lên bội số của 10.000 đồng."
    ]
    assert figures.rounding_statements(_money(D(2026, 7, 1), GIAY_KHEN, roundings=to_the_dong)) == [
        "Tiền thưởng tính đến đồng, không làm tròn."
    ]


def test_a_date_outside_every_period_is_priced_at_nothing_and_said():
    money = _money(D(2023, 6, 30))  # before the first salary and the first coefficient
    assert money.amounts[1] == 0 and money.unpriced == 1 and money.total == 0
    messages = [gap.message for gap in money.gaps]
    assert messages[2].startswith(
        "Chưa tính được tiền thưởng của 01 khen thưởng “Bằng khen của Chủ tịch Ủy ban nhân dân "
        "tỉnh” (ngày 30/06/2023): chưa có quy tắc làm tròn tiền thưởng áp dụng cho ngày đó — các "
        "quy tắc đã lưu áp dụng từ 01/07/2023;"
    )
    assert messages[:2] == [
        "Chưa tính được tiền thưởng của 01 khen thưởng “Bằng khen của Chủ tịch Ủy ban nhân dân "
        "tỉnh” (ngày 30/06/2023): chưa có mức lương cơ sở áp dụng cho ngày đó — các mức đã lưu "
        "áp dụng từ 01/07/2023; từ 01/07/2024; từ 01/07/2026; hãy thêm mức đúng văn bản ở Danh "
        "mục khen thưởng.",
        "Chưa tính được tiền thưởng của 01 khen thưởng “Bằng khen của Chủ tịch Ủy ban nhân dân "
        "tỉnh” (ngày 30/06/2023): chưa có hệ số tiền thưởng của “Bằng khen của Chủ tịch Ủy ban "
        "nhân dân tỉnh” áp dụng cho ngày đó — các hệ số đã lưu áp dụng từ 01/01/2024 đến "
        "30/06/2025; từ 01/07/2025; hãy thêm mức đúng văn bản ở Danh mục khen thưởng.",
    ]
    # the Giấy khen has no coefficient before 01/7/2025: never priced at the 2025 rate
    assert _money(D(2025, 6, 30), GIAY_KHEN).amounts[1] == 0


def test_printed_bases_are_only_the_confirmed_ones():
    money = _money(D(2025, 7, 1))  # salary 73/2024 confirmed; rate and rounding not
    assert figures.printed_bases(money) == ["Nghị định số 73/2024/NĐ-CP"]
    texts = [use.text for use in figures.unverified_uses(money)]
    assert texts == [
        "Hệ số 1,5 của “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh” (từ 01/07/2025)",
        "Làm tròn tiền thưởng lên bội số của 10.000 đồng (từ 01/07/2023)",
    ]


def test_status_is_reset_by_an_edit_and_only_by_a_change():
    row = BaseSalary(amount=2_530_000, effective_from=D(2026, 7, 1), legal_basis="NĐ")
    legal.confirm(row, D(2026, 12, 4), "Nguyễn Văn An")
    assert not legal.is_unverified(row)
    assert legal.status_text(row) == "Đã đối chiếu ngày 04/12/2026 (Nguyễn Văn An)"
    assert not legal.reset_when_changed(row, {"amount": 2_530_000}, catalogue.SALARY_FIELDS)
    assert legal.reset_when_changed(row, {"amount": 2_340_000}, catalogue.SALARY_FIELDS)
    assert legal.is_unverified(row) and row.confirmed_on is None


# --------------------------------------------------------------------------- through the app


def _problems(app, cid, prefix="awards."):
    with app.test_request_context():
        conference = db.session.get(Conference, cid)
        return [p for p in run_checks(conference) if p.key.startswith(prefix)]


def _page_text(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _pdf(client, url: str) -> str:
    with pdfplumber.open(io.BytesIO(client.get(url).data)) as pdf:
        return " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())


def test_a_conference_before_every_stored_coefficient_gets_the_message(app, client):
    """A conference of 15/01/2024 (no decision date yet): the salary 1.800.000 is stored, the
    Bằng khen's coefficient only from 01/7/2025 — no money, a message on the page, a BLOCK;
    the officer adds the coefficient of that period and the money appears."""
    cid = make_conference(app, date=D(2024, 1, 15))
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"])
    page = _page_text(client, f"/hoi-nghi/{cid}/khen-thuong")
    assert (
        "chưa có hệ số tiền thưởng của “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh” áp dụng cho "
        "ngày đó — các hệ số đã lưu áp dụng từ 01/07/2025" in page
    )
    (gap,) = [p for p in _problems(app, cid) if p.key == "awards.no_rate_in_force"]
    assert gap.severity == BLOCK
    assert gap.fix_url == f"/danh-muc-khen-thuong#hinh-thuc-{form_id(app, 'bang_khen_tinh')}"
    fid = form_id(app, "bang_khen_tinh")
    add = f"/danh-muc-khen-thuong/{fid}/he-so/them"
    response = post(
        client,
        add,
        {
            "coefficient": "1",
            "collective_multiplier": "2",
            "effective_from": "01/01/2024",
            "effective_to": "30/06/2025",
            "legal_basis": "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ",
        },
        page=add,
    )
    assert response.status_code == 302
    assert not [p for p in _problems(app, cid) if p.key.endswith("_in_force")]
    page = _page_text(client, f"/hoi-nghi/{cid}/khen-thuong")
    assert "1.800.000" in page  # 1,0 × 1.800.000 (Nghị định 24/2023), a multiple of 10.000
    # and a conference before the first salary (01/7/2023) is told about the salary too
    old = make_conference(app, date=D(2023, 3, 10))
    add_awards(app, old, "bang_khen_tinh", ["Lê Thị Hoa"])
    keys = {p.key for p in _problems(app, old)}
    assert {"awards.no_salary_in_force", "awards.no_rate_in_force"} <= keys


def _confirm(app, client, kind: str, model, row_id: int):
    page = "/danh-muc-khen-thuong"
    with app.app_context():
        version = db.session.get(model, row_id).version
    return post(client, f"{page}/doi-chieu/{kind}/{row_id}", {"version": str(version)}, page=page)


def test_the_mark_and_the_block_go_away_once_each_figure_is_confirmed(app, client):
    cid = make_conference(app)  # 15/01/2027: 2.530.000, 1,5, rounding — all unverified
    decided = {"decision_number": "3417/QĐ-UBND", "decision_date": D(2026, 12, 21)}
    add_awards(app, cid, "bang_khen_tinh", ["Trần Văn Đức"], **decided)
    awards_page = f"/hoi-nghi/{cid}/khen-thuong"
    page = _page_text(client, awards_page)
    assert "Số liệu chưa đối chiếu với văn bản" in page
    assert "Mức lương cơ sở 2.530.000 đồng/tháng (từ 01/07/2026) — chưa đối chiếu" in page
    assert "được làm tròn lên bội số của 10.000 đồng" in page  # the rule applied, stated
    blocking = {p.key for p in _problems(app, cid) if p.severity == BLOCK}
    assert {"awards.unverified_salary", "awards.unverified_rate", "awards.unverified_rounding"} <= (
        blocking
    )
    money_pdf = _pdf(client, f"/hoi-nghi/{cid}/in/tien-thuong.pdf")
    assert "Căn cứ:" not in money_pdf and "chưa đối chiếu" not in money_pdf
    assert "làm tròn lên bội số của 10.000 đồng" in money_pdf
    with app.app_context():
        salary = db.session.scalar(
            select(BaseSalary).where(BaseSalary.effective_from == D(2026, 7, 1))
        )
        rate = db.session.scalar(
            select(AwardRate).where(AwardRate.form_id == form_id(app, "bang_khen_tinh"))
        )
        rounding = db.session.scalar(select(RoundingRule))
        ids = salary.id, rate.id, rounding.id
    # the rate's shipped basis still says "cần đối chiếu": the officer writes the article first
    edit = f"/danh-muc-khen-thuong/{form_id(app, 'bang_khen_tinh')}/he-so/{ids[1]}/sua"
    with app.app_context():
        version = db.session.get(AwardRate, ids[1]).version
    post(
        client,
        edit,
        {
            "coefficient": "1,5",
            "collective_multiplier": "2",
            "effective_from": "01/07/2025",
            "effective_to": "",
            "legal_basis": "Nghị định số 152/2025/NĐ-CP, Điều 54 khoản 1",
            "version": str(version),
        },
        page=edit,
    )
    _confirm(app, client, "luong-co-so", BaseSalary, ids[0])
    _confirm(app, client, "he-so", AwardRate, ids[1])
    _confirm(app, client, "lam-tron", RoundingRule, ids[2])
    with app.app_context():
        confirmed = db.session.get(BaseSalary, ids[0])
        assert confirmed.status == legal.CONFIRMED and confirmed.confirmed_on == dt.date.today()
    assert not [p for p in _problems(app, cid) if p.key.startswith("awards.unverified")]
    assert "Số liệu chưa đối chiếu" not in _page_text(client, awards_page)
    money_pdf = _pdf(client, f"/hoi-nghi/{cid}/in/tien-thuong.pdf")
    assert "Căn cứ: Nghị định số 161/2026/NĐ-CP" in money_pdf
    assert "Nghị định số 152/2025/NĐ-CP, Điều 54 khoản 1" in money_pdf
    assert "3.800.000" in money_pdf
    # an edit of the salary's value puts it back to unverified: the mark returns
    salary_edit = f"/danh-muc-khen-thuong/luong-co-so/{ids[0]}/sua"
    with app.app_context():
        version = db.session.get(BaseSalary, ids[0]).version
    post(
        client,
        salary_edit,
        {
            "amount": "2.530.001",
            "effective_from": "01/07/2026",
            "legal_basis": "Nghị định số 161/2026/NĐ-CP",
            "version": str(version),
        },
        page=salary_edit,
    )
    with app.app_context():
        assert db.session.get(BaseSalary, ids[0]).status == legal.UNVERIFIED
    assert "Số liệu chưa đối chiếu" in _page_text(client, awards_page)


def test_a_confirmation_over_a_changed_row_is_refused(app, client):
    with app.app_context():
        catalogue.ensure_catalogue()
        db.session.commit()
        row = db.session.scalar(select(BaseSalary).order_by(BaseSalary.effective_from))
        row_id, version = row.id, row.version
    page = "/danh-muc-khen-thuong"
    response = post(
        client, f"{page}/doi-chieu/luong-co-so/{row_id}", {"version": str(version + 1)}, page=page
    )
    assert "vừa được sửa ở cửa sổ khác" in _page_text(client, response.location)
    with app.app_context():
        assert db.session.get(BaseSalary, row_id).status == legal.UNVERIFIED


def test_the_demo_reports_unverified_figures_as_warnings_only(app, demo_id):
    with app.test_request_context():
        found = run_checks(db.session.get(Conference, demo_id))
    legal_keys = [
        p
        for p in found
        if p.key.startswith(("awards.unverified", "budget.unverified", "budget.resolution"))
    ]
    assert legal_keys and all(p.severity == WARN for p in legal_keys)
    assert not [p for p in found if p.key.startswith(("awards.", "budget.")) and p.blocking]


def test_the_catalogue_shows_each_figure_with_its_status(app, client):
    page = _page_text(client, "/danh-muc-khen-thuong")
    assert "Chưa đối chiếu Đã đối chiếu với văn bản" in page
    assert "từ 01/07/2026" in page and "từ 01/07/2023" in page
    with app.app_context():
        form = db.session.scalar(select(AwardForm).where(AwardForm.code == "bang_khen_tinh"))
        (rate,) = catalogue.rates_of(form)
        assert (rate.coefficient_milli, rate.effective_from) == (1500, D(2025, 7, 1))
        assert rate.status == legal.UNVERIFIED
