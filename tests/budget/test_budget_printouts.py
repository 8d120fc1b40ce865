"""The estimate printed: PDF and DOCX text, the XLSX's live formulas and number formats."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook

from kehoach_app.budget.models import BudgetLine, BudgetSettings
from kehoach_app.db import db
from tests.office import has_calc, recalculated

# (category, content, unit, quantity_milli, unit_price) → amounts 4.500.000, 5.000.000,
# 9.000.000, 833.333; total 19.333.333.
LINES = [
    ("van_nghe", "Bồi dưỡng 03 tiết mục văn nghệ", "tiết mục", 3000, 1_500_000),
    ("am_thanh_anh_sang", "Âm thanh, ánh sáng", "buổi", 1500, 3_333_333),
    ("nuoc_uong", "Nước uống cho đại biểu", "người/ngày", 225_000, 40_000),
    ("trang_tri", "Thảm sân khấu", "m²", 2500, 333_333),
]


def _fill(app, cid, level_lines=LINES):
    with app.app_context():
        db.session.add(BudgetSettings(conference_id=cid, days_milli=1500, available_amount=0))
        for position, (category, content, unit, quantity, price) in enumerate(level_lines, 1):
            db.session.add(
                BudgetLine(conference_id=cid, position=position, category=category,
                           content=content, unit=unit, quantity_milli=quantity, unit_price=price)
            )  # fmt: skip
        db.session.commit()


def _get(client, cid, fmt):
    response = client.get(f"/hoi-nghi/{cid}/in/du-toan.{fmt}")
    assert response.status_code == 200
    return response.data


def test_pdf_text(app, client, conference_id):
    _fill(app, conference_id)
    data = _get(client, conference_id, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = "\n".join(page.extract_text() or "" for page in pdf.pages)
    text = re.sub(r"\s+", " ", lines)
    assert "DỰ TOÁN KINH PHÍ" in text
    assert "Tổ chức Hội nghị tổng kết công tác thi đua" in text
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ TÂN HÒA" in text
    assert "TỔNG CỘNG" in text and "19.333.333" in text
    assert "Bằng chữ:" in text
    assert "Mười chín triệu ba trăm ba mươi ba nghìn ba trăm ba mươi ba đồng" in text
    for roman, label in (("I", "TRANG TRÍ KHÁNH TIẾT"), ("II", "NƯỚC UỐNG")):
        assert re.search(rf"^{roman} {label}", lines, re.MULTILINE), label
    assert "1,5" in text and "833.333" in text
    assert "NGƯỜI LẬP BIỂU" in text and "PHÒNG KINH TẾ" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
    assert "Thông tư số 40/2017/TT-BTC" in text


def test_docx_text(app, client, conference_id):
    _fill(app, conference_id)
    document = DocxDocument(io.BytesIO(_get(client, conference_id, "docx")))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    joined = "\n".join(texts)
    assert "DỰ TOÁN KINH PHÍ" in joined
    assert "19.333.333" in joined
    assert "Bằng chữ: Mười chín triệu ba trăm ba mươi ba nghìn ba trăm ba mươi ba đồng." in joined
    assert "Nội dung" in joined and "Đơn vị tính" in joined and "Thành tiền" in joined


def test_xlsx_has_live_formulas_and_number_formats(app, client, conference_id):
    _fill(app, conference_id)
    wb = load_workbook(io.BytesIO(_get(client, conference_id, "xlsx")))
    ws = wb.active
    assert [ws.cell(6, c).value for c in range(1, 8)] == [
        "STT", "Nội dung", "Đơn vị tính", "Số lượng", "Đơn giá", "Thành tiền", "Ghi chú",
    ]  # fmt: skip
    # Categories in BUDGET_CATEGORIES order: trang_tri, nuoc_uong, van_nghe, am_thanh_anh_sang
    assert (ws["A7"].value, ws["B7"].value) == ("I", "TRANG TRÍ KHÁNH TIẾT")
    assert ws["F7"].value == "=SUM(F8:F8)"
    assert ws["D8"].value == 2.5 and ws["E8"].value == 333_333
    assert ws["F8"].value == "=ROUND(D8*E8,0)"
    assert (ws["A9"].value, ws["F9"].value) == ("II", "=SUM(F10:F10)")
    assert ws["D10"].value == 225_000 // 1000 and ws["F10"].value == "=ROUND(D10*E10,0)"
    assert ws["A11"].value == "III" and ws["F12"].value == "=ROUND(D12*E12,0)"
    assert ws["A13"].value == "IV" and ws["D14"].value == 1.5
    assert ws["B15"].value == "TỔNG CỘNG"
    assert ws["F15"].value == "=SUM(F7,F9,F11,F13)"
    for cell in ("E8", "F8", "F7", "F15"):
        assert ws[cell].number_format == "#,##0"
    assert ws["D10"].number_format == "#,##0"
    assert ws["D8"].number_format == "#,##0.0##"
    assert ws["A16"].value.startswith("Bằng chữ: Mười chín triệu")
    # every amount cell is a formula: the finance office can change a price and see the total
    for row in range(7, 16):
        value = ws.cell(row, 6).value
        assert value is None or str(value).startswith("="), row


def test_appraiser_follows_the_level(app, client):
    from tests.budget.conftest import make_conference

    cid = make_conference(app, level="tinh", issuer="Ủy ban nhân dân tỉnh An Giang")
    _fill(app, cid)
    with pdfplumber.open(io.BytesIO(_get(client, cid, "pdf"))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "SỞ TÀI CHÍNH" in text


@pytest.mark.skipif(not has_calc(), reason="LibreOffice Calc is not installed")
def test_libreoffice_recalculates_the_estimate(app, client, conference_id, tmp_path):
    # The formulas checked as text above, now computed by the finance office's spreadsheet
    # program. Hand-worked (quantity × unit price, rounded to the đồng as ROUND(…, 0) does,
    # half away from zero): I. 2,5 × 333.333 = 833.332,5 → 833.333; II. 225 × 40.000 =
    # 9.000.000; III. 3 × 1.500.000 = 4.500.000; IV. 1,5 × 3.333.333 = 4.999.999,5 →
    # 5.000.000; total 19.333.333, the figure the PDF prints.
    _fill(app, conference_id)
    ws = recalculated(_get(client, conference_id, "xlsx"), tmp_path, "du-toan").active
    assert ws["B7"].value == "TRANG TRÍ KHÁNH TIẾT" and ws["B15"].value == "TỔNG CỘNG"
    figures = {cell: ws[cell].value for cell in ("F7", "F8", "F9", "F10", "F11", "F12", "F13",
                                                 "F14", "F15")}  # fmt: skip
    assert figures == {
        "F7": 833_333, "F8": 833_333,
        "F9": 9_000_000, "F10": 9_000_000,
        "F11": 4_500_000, "F12": 4_500_000,
        "F13": 5_000_000, "F14": 5_000_000,
        "F15": 19_333_333,
    }  # fmt: skip


@pytest.mark.skipif(not has_calc(), reason="LibreOffice Calc is not installed")
def test_libreoffice_total_of_the_demo_estimate_is_the_printed_total(client, demo_id, tmp_path):
    # The demo's estimate (lines worked out from the delegates, the days and the norms): the
    # workbook's own formulas, recalculated, give the total the program prints in the PDF.
    with pdfplumber.open(io.BytesIO(_get(client, demo_id, "pdf"))) as pdf:
        text = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    printed = re.search(r"TỔNG CỘNG ([\d.]+)", text)
    assert printed, text[-500:]
    ws = recalculated(_get(client, demo_id, "xlsx"), tmp_path, "du-toan").active
    total = next(row for row in ws.iter_rows(values_only=True) if row[1] == "TỔNG CỘNG")[5]
    assert isinstance(total, int | float) and total > 0
    assert f"{round(total):,}".replace(",", ".") == printed[1]
