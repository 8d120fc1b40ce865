"""'Thông tin hội nghị' opened as a PDF and a DOCX: the text is what the officer entered."""

from __future__ import annotations

import io
import unicodedata

import docx
import pdfplumber

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db

TORTURE = "Nguyễn Văn A & B <C> — Ỷ Ở Ữ ỵ ẫ ặ đ Đ &amp;"


def set_fields(app, conference_id, **values):
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        for name, value in values.items():
            setattr(conference, name, value)
        db.session.commit()


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_summary_pdf_carries_the_entered_values(app, client, demo_id):
    set_fields(
        app,
        demo_id,
        signer_name=TORTURE,
        signing_date=None,
        venue="Hội trường A – Trung tâm Chính trị <số 2>",
        purposes="Mục đích thứ nhất & thứ hai\nMục đích thứ ba",
    )
    data = client.get(f"/hoi-nghi/{demo_id}/in/thong-tin-hoi-nghi.pdf").data
    text = pdf_text(data)
    assert text == unicodedata.normalize("NFC", text)
    flowing = " ".join(text.split())  # a long name may wrap onto two lines
    for expected in (
        "BẢNG THÔNG TIN HỘI NGHỊ",
        "dùng nội bộ, không phải văn bản ban hành, không ký, không đóng dấu",
        "Ủy ban nhân dân xã Tân Hòa",
        "Hội trường A – Trung tâm Chính trị <số 2>",
        "- Mục đích thứ nhất & thứ hai",
        "Kế hoạch Số 07/KH-UBND",  # the plan's number as a fact, not this sheet's own
        "Ngày ký Để trống (người ký điền tay)",
        f"Người ký TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH, {TORTURE}",
        "07 giờ 30, Thứ",
    ):
        assert expected in text or expected in flowing, expected


def test_fact_sheet_is_not_a_document_to_sign(app, client, demo_id):
    """Issue 14: the fact sheet carried the plan's "Số: 07/KH-UBND" and a TM./KT. signature
    block — two documents under one number. Now: no Quốc hiệu, no number, no date line, no
    signature, no Nơi nhận."""
    data = client.get(f"/hoi-nghi/{demo_id}/in/thong-tin-hoi-nghi.pdf").data
    lines = pdf_text(data).splitlines()
    text = "\n".join(lines)
    assert not any(line.startswith("Số:") for line in lines)
    for absent in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận",
        "Lưu: VT",
        "Tân Hòa, ngày",
    ):
        assert absent not in text, absent
    # The signer appears once, as a fact in its row; no capitals block of a signature on its own.
    assert not any(line.strip() in ("TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH") for line in lines)
    assert sum(line.count("Nguyễn Thị Hồng Nhung") for line in lines) == 1


def test_summary_docx_is_times_new_roman_with_the_same_text(app, client, demo_id):
    set_fields(app, demo_id, signer_name=TORTURE)
    data = client.get(f"/hoi-nghi/{demo_id}/in/thong-tin-hoi-nghi.docx").data
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    for inner_row in inner.rows:
                        for inner_cell in inner_row.cells:
                            texts.extend(p.text for p in inner_cell.paragraphs)
    joined = " ".join(" ".join(texts).split())
    assert TORTURE in joined
    assert "THÔNG TIN HỘI NGHỊ" in joined
    assert document.styles["Normal"].font.name == "Times New Roman"
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
