"""The award money list and the estimate side by side (issue 16): the list counts every award of
the ceremony, the estimate only what the organiser's own fund pays (the deciding level pays), so
the list says who pays what under its grand total — the organiser's part equal to the estimate's
TIỀN THƯỞNG, its items equal to the estimate's HIỆN VẬT. And each form's heading names its
coefficient once: "(hệ số 1,5; tập thể gấp 2 lần)"."""

from __future__ import annotations

import io
import re
import unicodedata

import pdfplumber
from openpyxl import load_workbook

from kehoach_app.awards import logic, printout
from kehoach_app.budget import logic as budget_logic
from kehoach_app.budget import operations as budget_operations
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db


def _pdf(client, url: str) -> str:
    with pdfplumber.open(io.BytesIO(client.get(url).data)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _money(forms: list[tuple[logic.FormRule, int, int]]) -> logic.MoneySummary:
    """(form, count, total) → a money summary as the printouts read it."""
    rows = [logic.FormMoney(form, [], 0, count, total) for form, count, total in forms]
    return logic.MoneySummary(rows, sum(r.total for r in rows), 0, {})


def test_the_organisers_part_and_each_other_level_are_named():
    city_payer = budget_logic.award_payer("tinh", "xa", "thành phố Đà Nẵng")
    state_payer = budget_logic.award_payer("nha_nuoc", "xa")
    own = logic.FormRule(
        1, "gk", "Giấy khen của Chủ tịch Ủy ban nhân dân phường Hải Châu", "xa",
        physical_item="Giấy khen có khung",
    )  # fmt: skip
    city = logic.FormRule(
        2, "bk", "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng", "tinh",
        physical_item="Bằng khen có khung", paid_elsewhere_by=city_payer,
    )  # fmt: skip
    state = logic.FormRule(
        3, "ttg", "Bằng khen của Thủ tướng Chính phủ", "nha_nuoc",
        physical_item="Bằng khen có khung", paid_elsewhere_by=state_payer,
    )  # fmt: skip
    money = _money([(state, 1, 8_860_000), (city, 3, 11_400_000), (own, 10, 7_850_000)])
    issuer = "Ủy ban nhân dân phường Hải Châu"
    assert printout.payer_lines(issuer, money) == [
        "Quỹ thi đua, khen thưởng của phường Hải Châu chi 7.850.000 đồng (tính vào dự toán "
        "kinh phí hội nghị);",
        "Cấp trình khen thưởng cấp Nhà nước chi 8.860.000 đồng (Bằng khen của Thủ tướng Chính "
        "phủ);",
        "Cấp thành phố chi 11.400.000 đồng (Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Đà "
        "Nẵng).",
    ]
    items = [logic.ItemCount("Bằng khen có khung", 4, "bang"),
             logic.ItemCount("Giấy khen có khung", 10, "bang")]  # fmt: skip
    assert printout.items_paid_text(issuer, items, money) == (
        "Trong đó phường Hải Châu mua (tính vào dự toán kinh phí hội nghị): Giấy khen có khung "
        "10. Các hiện vật còn lại do cấp quyết định khen thưởng chi."
    )
    # everything paid by the organiser: nothing to add
    alone = _money([(own, 10, 7_850_000)])
    assert printout.payer_lines(issuer, alone) == []
    assert printout.items_paid_text(issuer, items[1:], alone) == ""


def test_a_form_heading_names_its_coefficient_once():
    form = logic.FormRule(1, "bk", "Bằng khen", "tinh", coefficient_milli=1500)

    def line(kind, coefficient=1500, multiplier=2000):
        return logic.MoneyLine(
            kind, 1, 2_530_000, 3_800_000, 3_800_000,
            coefficient_milli=coefficient, multiplier_milli=multiplier,
        )  # fmt: skip

    both = logic.FormMoney(form, [line("collective"), line("individual", multiplier=1000)])
    assert printout._kind_amount_text(both) == "hệ số 1,5; tập thể gấp 2 lần"
    alone = logic.FormMoney(form, [line("individual", multiplier=1000)])
    assert printout._kind_amount_text(alone) == "hệ số 1,5"
    two_rates = logic.FormMoney(form, [line("individual", 1000), line("collective")])
    assert printout._kind_amount_text(two_rates) == (
        "hệ số 1 hoặc 1,5 theo ngày quyết định; tập thể gấp 2 lần"
    )


def test_demo_money_list_agrees_with_the_estimate(app, client, demo_id):
    with app.test_request_context():
        conference = db.session.get(Conference, demo_id)
        budget, _ = budget_operations.budget_of(conference)
        groups = {group.code: group for group in budget.groups}
        award_money = groups["tien_thuong"].subtotal
        award_items = {row.line.content: row.line.quantity_milli // 1000
                       for row in groups["hien_vat"].rows}  # fmt: skip
    text = _pdf(client, f"/hoi-nghi/{demo_id}/in/tien-thuong.pdf")
    # the heading of a form given to collectives and individuals: each figure once
    assert "(hệ số 1,5; tập thể gấp 2 lần)" in text
    assert not re.search(r"gấp [\d,]+ lần; hệ số \d", text)
    own = re.search(r"Quỹ thi đua, khen thưởng của xã Tân Hòa chi ([\d.]+) đồng", text)
    assert own, text[-2000:]
    assert own.group(1) == "30.380.000" == f"{award_money:,}".replace(",", ".")
    assert "Cấp tỉnh chi 45.570.000 đồng" in text
    assert "Cấp trình khen thưởng cấp Nhà nước chi 8.860.000 đồng" in text
    # 30.380.000 + 45.570.000 + 8.860.000 = 84.810.000, the list's grand total
    assert "Tổng cộng 30 84.810.000" in text
    listed = re.search(r"Trong đó xã Tân Hòa mua \(tính vào dự toán kinh phí hội nghị\): (.+?)\.",
                       text)  # fmt: skip
    assert listed
    assert award_items == {"Bằng chứng nhận có khung": 6, "Giấy khen có khung": 14}
    assert listed.group(1) == "Bằng chứng nhận có khung 6; Giấy khen có khung 14"
    # the workbook carries the same lines
    book = load_workbook(io.BytesIO(client.get(f"/hoi-nghi/{demo_id}/in/tien-thuong.xlsx").data))
    cells = [str(v) for row in book.active.iter_rows(values_only=True) for v in row if v]
    assert "Trong đó:" in cells
    assert any(
        c.startswith("- Quỹ thi đua, khen thưởng của xã Tân Hòa chi 30.380.000") for c in cells
    )
    # the budget page names the same payers
    with app.test_request_context():
        payers = budget_operations.awards_paid_elsewhere(db.session.get(Conference, demo_id))
    assert budget_logic.paid_elsewhere_sentence(payers).startswith(
        "Tiền thưởng, hiện vật khen thưởng của Bằng khen của Thủ tướng Chính phủ do cấp trình "
        "khen thưởng cấp Nhà nước chi;"
    )


def _text(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _amount(text: str) -> int:
    return int(text.replace(".", ""))


def test_the_dashboard_says_the_organisers_share_the_estimate_carries(client, demo_id):
    """The demo's awards card used to say "Tiền thưởng: 84.810.000 đồng" beside an estimate of
    57.480.000 đồng in all: the province's and the State's awards are not the xã's to pay. The
    card now names the share the estimate carries, and the two pages agree."""
    dashboard = _text(client, f"/hoi-nghi/{demo_id}")
    found = re.search(
        r"Tiền thưởng: ([\d.]+) đồng, trong đó quỹ của đơn vị tổ chức chi ([\d.]+) đồng "
        r"\(tính vào dự toán kinh phí\), cấp khác chi ([\d.]+) đồng",
        dashboard,
    )
    assert found, dashboard
    total, own, elsewhere = (_amount(found.group(i)) for i in (1, 2, 3))
    assert own + elsewhere == total
    # the estimate's section VIII (Tiền thưởng): its lines and its sum
    estimate = _text(client, f"/hoi-nghi/{demo_id}/du-toan")
    section = re.search(r"VIII Tiền thưởng ([\d.]+) (.*?) IX Hiện vật", estimate)
    assert section, estimate
    lines = [_amount(a) for a in re.findall(r" \d+ [\d.]+ ([\d.]+) Sửa", section.group(2))]
    assert lines and sum(lines) == _amount(section.group(1)) == own
    # hand-worked for the demo: 6 × 2.530.000 + 6 × 1.520.000 + 8 × 760.000
    assert own == 30_380_000


def test_the_money_line_names_each_share_and_never_a_zero_one():
    state = logic.FormRule(
        3, "hclđ", "Huân chương Lao động hạng Nhất", "nha_nuoc",
        paid_elsewhere_by=budget_logic.award_payer("nha_nuoc", "xa"),
    )  # fmt: skip
    own = logic.FormRule(1, "gk", "Giấy khen của Chủ tịch Ủy ban nhân dân phường Ba Đình", "xa")
    # a phường whose one award is the State's: 18 × 2.530.000 for a collective
    alone = _money([(state, 1, 45_540_000)])
    assert logic.money_line(alone) == (
        "Tiền thưởng: 45.540.000 đồng, do cấp khác chi (không tính vào dự toán kinh phí)"
    )
    both = _money([(state, 1, 45_540_000), (own, 2, 1_520_000)])
    assert logic.money_line(both) == (
        "Tiền thưởng: 47.060.000 đồng, trong đó quỹ của đơn vị tổ chức chi 1.520.000 đồng "
        "(tính vào dự toán kinh phí), cấp khác chi 45.540.000 đồng"
    )
    assert logic.money_line(_money([(own, 2, 1_520_000)])) == "Tiền thưởng: 1.520.000 đồng"
