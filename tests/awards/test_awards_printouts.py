"""The awards printouts carry the script's words, the names in stage order, the money and the
words for it, with every Vietnamese letter intact (read back with pdfplumber / python-docx)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pdfplumber
from docx import Document as DocxDocument
from openpyxl import load_workbook

from kehoach_app.awards.models import CeremonySettings
from kehoach_app.db import db
from kehoach_app.delegates.models import Delegate
from tests.awards.conftest import add_awards, delegate_id, make_conference

DECISION = {"decision_number": "3417/QĐ-UBND", "decision_date": dt.date(2026, 12, 21)}


def pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [unicodedata.normalize("NFC", page.extract_text() or "") for page in pdf.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    document = DocxDocument(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def ceremony(app) -> int:
    cid = make_conference(app)
    add_awards(
        app,
        cid,
        "bang_khen_thu_tuong",
        ["Lê Thị Ngọc Hân"],
        decision_number="1892/QĐ-TTg",
        decision_date=dt.date(2026, 12, 6),
        job_title="Chủ tịch Hội Nông dân",
        unit="Hội Nông dân xã Tân Hòa",
    )
    add_awards(
        app,
        cid,
        "bang_khen_tinh",
        ["Trường Tiểu học Tân Hòa", "Trạm Y tế xã Tân Hòa"],
        kind="collective",
        unit="xã Tân Hòa",
        receiver_name="Phạm Quốc Việt",
        **DECISION,
    )
    add_awards(
        app,
        cid,
        "bang_khen_tinh",
        [f"Cá nhân số {i:02d} Ửng Đặng" for i in range(1, 13)],
        **DECISION,
    )
    with app.app_context():
        db.session.add(
            CeremonySettings(conference_id=cid, batch_size=10, breaks_after="bang_khen_thu_tuong")
        )
        # the province's leader presents the State's and the province's awards (issue 16: the
        # issuer's own level presents; the xã's leaders do not)
        db.session.add(
            Delegate(
                conference_id=cid,
                honorific="Ông",
                full_name="Đoàn Văn Tỉnh",
                position="Phó Chủ tịch Ủy ban nhân dân tỉnh",
                unit="Ủy ban nhân dân tỉnh",
                protocol_rank=4,
                presidium=True,
            )
        )
        db.session.commit()
    return cid


def test_script_pdf_has_the_mcs_words_the_decision_the_names_and_backstage_pages(app, client):
    cid = ceremony(app)
    data = client.get(f"/hoi-nghi/{cid}/in/kich-ban-trao-thuong.pdf").data
    pages = pdf_pages(data)
    text = flat(" ".join(pages))
    assert "KỊCH BẢN TRAO THƯỞNG" in text
    # batch 1: Bằng khen của Thủ tướng — decision by the Prime Minister, presenter rank 1
    assert "Đợt 1: Bằng khen của Thủ tướng Chính phủ (01 cá nhân)" in text
    assert (
        "Công bố: Quyết định số 1892/QĐ-TTg ngày 06 tháng 12 năm 2026 của Thủ tướng Chính phủ."
        in text
    )
    assert (
        "Xin trân trọng kính mời ông Đoàn Văn Tỉnh, Phó Chủ tịch Ủy ban nhân dân tỉnh lên trao "
        "Bằng khen của Thủ tướng Chính phủ" in text
    )
    assert "Nguyễn Văn Thạnh" not in text  # a xã leader presents no State or province award
    assert "Nghỉ giải lao" in text
    # batch 2: the collectives with their representatives; the province's leader again
    assert "Đợt 2: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (02 tập thể)" in text
    assert "1. Trường Tiểu học Tân Hòa, xã Tân Hòa (đại diện nhận: Phạm Quốc Việt)" in text
    assert text.count("kính mời ông Đoàn Văn Tỉnh, Phó Chủ tịch Ủy ban nhân dân tỉnh lên trao") == 4
    # 12 individuals in batches of at most 10: 6 + 6, names in stage order
    assert "Đợt 3: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (06 cá nhân)" in text
    assert "Đợt 4: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (06 cá nhân)" in text
    assert (
        text.index("Cá nhân số 06 Ửng Đặng")
        < text.index("Đợt 4:")
        < text.index("Cá nhân số 07 Ửng Đặng")
    )
    assert "Nhạc: Nhạc nền trao thưởng" in text
    # the decision is read once for the two individual batches of the same decision
    assert text.count("Quyết định số 3417/QĐ-UBND") == 1
    # one backstage page per batch, after the script
    backstage = [flat(p) for p in pages if "xếp hàng theo thứ tự" in p]
    assert len(backstage) == 4
    assert backstage[2].startswith("Đợt 3 — Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh") or (
        "Đợt 3 — Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in backstage[2]
    )
    assert "Hiện vật trên khay: 06 Bằng khen có khung" in backstage[2]
    assert "Người trao: Đoàn Văn Tỉnh, Phó Chủ tịch Ủy ban nhân dân tỉnh" in backstage[2]


def test_script_docx_has_the_same_words_without_backstage_pages(app, client):
    cid = ceremony(app)
    text = docx_text(client.get(f"/hoi-nghi/{cid}/in/kich-ban-trao-thuong.docx").data)
    assert unicodedata.is_normalized("NFC", text)
    assert "Đợt 2: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh (02 tập thể)" in text
    assert "2. Trạm Y tế xã Tân Hòa (đại diện nhận: Phạm Quốc Việt)" in text
    assert "Quyết định số 1892/QĐ-TTg ngày 06 tháng 12 năm 2026 của Thủ tướng Chính phủ" in text
    assert "xếp hàng theo thứ tự" not in text


def test_money_list_pdf_and_xlsx_have_totals_and_the_amount_in_words(app, client):
    cid = ceremony(app)
    # 3,5 × 2.530.000 = 8.855.000 → 8.860.000; collectives 3 × 2.530.000 = 7.590.000;
    # individuals 1,5 × 2.530.000 = 3.795.000 → 3.800.000
    total = 8_860_000 + 2 * 7_590_000 + 12 * 3_800_000
    assert total == 69_640_000
    text = flat(" ".join(pdf_pages(client.get(f"/hoi-nghi/{cid}/in/tien-thuong.pdf").data)))
    assert "DANH SÁCH KHEN THƯỞNG VÀ TIỀN THƯỞNG" in text
    assert "8.860.000" in text and "7.590.000" in text and "45.600.000" in text
    assert "Tổng cộng 15 69.640.000" in text
    assert "Bằng chữ: Sáu mươi chín triệu sáu trăm bốn mươi nghìn đồng." in text
    assert "HIỆN VẬT CẦN CHUẨN BỊ" in text and "Bằng khen có khung 15" in text
    assert "Khay bê hiện vật (dùng lại giữa các đợt) 6" in text

    book = load_workbook(io.BytesIO(client.get(f"/hoi-nghi/{cid}/in/tien-thuong.xlsx").data))
    sheet = book["Tiền thưởng"]
    values = [row for row in sheet.iter_rows(values_only=True)]
    total_row = next(row for row in values if row[1] == "TỔNG CỘNG")
    assert total_row[9].startswith("=SUM(J")  # the sum of the forms' "Cộng" rows
    assert any(
        row[1] == "Bằng chữ: Sáu mươi chín triệu sáu trăm bốn mươi nghìn đồng." for row in values
    )
    assert sum(row[9] for row in values if isinstance(row[0], int)) == total
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary[-1][0] == "Tổng cộng" and summary[-1][2].startswith("=SUM(C2:C")


def test_items_printout_and_led_slides(app, client):
    cid = ceremony(app)
    text = flat(
        " ".join(pdf_pages(client.get(f"/hoi-nghi/{cid}/in/hien-vat-khen-thuong.pdf").data))
    )
    assert "HIỆN VẬT KHEN THƯỞNG CẦN CHUẨN BỊ" in text and "Bằng khen có khung 15" in text
    data = client.get(f"/hoi-nghi/{cid}/in/man-hinh-led.pdf").data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 4  # one slide per batch
        for page in pdf.pages:
            assert round(page.width / page.height, 3) == round(16 / 9, 3)
        third = unicodedata.normalize("NFC", pdf.pages[2].extract_text())
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in third
    assert "Cá nhân số 01 Ửng Đặng" in third and "Cá nhân số 07" not in third


def test_a_receiver_who_is_a_delegate_prints_by_name(app, client):
    cid = make_conference(app)
    add_awards(
        app,
        cid,
        "giay_khen_chu_tich_ubnd_xa",
        ["Ban Nhân dân ấp Mỹ Lộc"],
        kind="collective",
        receiver_delegate_id=delegate_id(app, cid, "Châu Văn Út"),
        receiver_name="Châu Văn Út",
    )
    text = flat(
        " ".join(pdf_pages(client.get(f"/hoi-nghi/{cid}/in/kich-ban-trao-thuong.pdf").data))
    )
    assert "1. Ban Nhân dân ấp Mỹ Lộc (đại diện nhận: Châu Văn Út)" in text


def test_led_headings_keep_the_body_and_the_place_whole(client, demo_id):
    """A two-line heading is balanced and cuts neither the body's name nor the place (the
    outside walk: "… Ủy ban nhân dân tỉnh Tây" / "Ninh"; before that, "Chủ tịch Ủy" / "ban")."""
    data = client.get(f"/hoi-nghi/{demo_id}/in/man-hinh-led.pdf").data
    headings = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            gold = [w for w in page.extract_words(extra_attrs=["size"]) if w["size"] >= 18]
            rows: dict[int, list[str]] = {}
            for word in gold:
                if word["top"] < 120:  # the heading, above the rule
                    rows.setdefault(round(word["top"]), []).append(word["text"])
            headings.append([" ".join(ws) for _, ws in sorted(rows.items())])
    lines = [unicodedata.normalize("NFC", line) for heading in headings for line in heading]
    assert ["Bằng khen của Chủ tịch", "Ủy ban nhân dân tỉnh Tây Ninh"] in headings
    assert ["Giấy khen của Chủ tịch", "Ủy ban nhân dân xã Tân Hòa"] in headings
    assert not any(line.endswith(("Ủy", "Tây", "Tân")) for line in lines), lines
