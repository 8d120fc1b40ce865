"""Issue 15: the signed estimate carries nothing addressed to the clerk. A reference figure to
replace, a point to check or illustrative data stays on the screen and in the pre-signature
check (cảnh báo), never in the PDF, DOCX or XLSX; the Ghi chú holds a short basis."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
from docx import Document as DocxDocument
from openpyxl import load_workbook

from kehoach_app import vn
from kehoach_app.budget import logic, operations
from kehoach_app.checks import WARN, run_checks
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db

from .conftest import make_conference

CLERK_NOTE = "Mức 40.000 đ/người/ngày là mức thường gặp, cần kiểm tra mức của tỉnh"


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _docx_text(data: bytes) -> str:
    document = DocxDocument(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join(texts).split())


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return " ".join(
        str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v
    )


def _preset_conference(app) -> int:
    """A conference from the commune preset on the national norms (no province profile): its
    drinks line is checked against the national reference figure, whose basis says to replace
    it; one line carries a note to the clerk."""
    from kehoach_app.conferences.presetting import apply_preset_parts
    from kehoach_app.presets import get_preset

    cid = make_conference(app)
    with app.test_request_context():
        conference = db.session.get(Conference, cid)
        apply_preset_parts(conference, get_preset("tong_ket.xa"))
        operations.settings_of(conference, create=True)
        line = next(ln for ln in operations.lines_of(conference) if ln.category == "nuoc_uong")
        line.notes = CLERK_NOTE
        db.session.commit()
    return cid


def test_clerk_phrases_are_recognised_and_content_is_not():
    assert vn.clerk_phrase(CLERK_NOTE) == "cần kiểm tra"
    assert vn.clerk_phrase("Nghị quyết số …/2025/NQ-HĐND của HĐND tỉnh (minh họa)")
    assert vn.clerk_phrase("Nghị quyết số …/2025/NQ-HĐND") == ""  # a blank: blocks, prints
    assert vn.clerk_phrase("… do HĐND tỉnh quy định — CẦN THAY bằng mức của tỉnh") == "cần thay"
    # a photo report "minh họa" the results is content, not a note
    assert vn.clerk_phrase("Trình chiếu phóng sự hình ảnh minh họa kết quả") == ""
    assert logic.printed_note(CLERK_NOTE) == ""
    assert logic.printed_note("Chi theo thực tế") == "Chi theo thực tế"


def test_estimate_prints_no_note_to_the_clerk_in_any_format(app, client):
    cid = _preset_conference(app)
    with app.test_request_context():
        budget, _ = operations.budget_of(db.session.get(Conference, cid))
        hidden = [b for b in budget.legal_bases if vn.clerk_phrase(b)]
    assert hidden, "the national drinks norm's basis says to replace it"
    pdf = _pdf_text(client.get(f"/hoi-nghi/{cid}/in/du-toan.pdf").data)
    docx = _docx_text(client.get(f"/hoi-nghi/{cid}/in/du-toan.docx").data)
    xlsx = _xlsx_text(client.get(f"/hoi-nghi/{cid}/in/du-toan.xlsx").data)
    for text in (pdf, docx, xlsx):
        assert not vn.clerk_phrase(text), vn.clerk_phrase(text)
        assert "thường gặp" not in text and "Mức tham chiếu" not in text
    # the meal norm is unverified: no basis in its Ghi chú (test_budget_note_basis); the
    # general basis is printed
    for text in (pdf, docx, xlsx):
        assert "TT 40/2017" not in text
    assert "Căn cứ lập dự toán:" in pdf
    assert "Thông tư số 40/2017/TT-BTC ngày 28/4/2017" in pdf
    # one rule for the amount in words: "Bằng chữ: … đồng." with its full stop
    assert "đồng." in pdf.split("Bằng chữ:")[1][:200]
    assert "đồng." in docx.split("Bằng chữ:")[1][:200]
    assert "đồng." in xlsx.split("Bằng chữ:")[1][:200]


def test_the_check_shows_the_notes_the_estimate_leaves_out(app, client):
    cid = _preset_conference(app)
    with app.test_request_context():
        conference = db.session.get(Conference, cid)
        problems = [p for p in run_checks(conference) if p.key.startswith("budget.clerk_note")]
        assert not db.session.dirty and not db.session.new
    by_key = {p.key: p for p in problems}
    line = by_key["budget.clerk_note_in_line"]
    assert line.severity == WARN
    assert line.message == (
        "Ghi chú của dòng “Nước uống cho đại biểu” là lời nhắc cho người lập dự toán "
        "(“cần kiểm tra”) nên không in trên dự toán: hãy xử lý rồi thay bằng căn cứ ngắn gọn."
    )
    assert line.fix_url.startswith(f"/hoi-nghi/{cid}/du-toan/")
    basis = by_key["budget.clerk_note_in_legal_basis"]
    assert basis.severity == WARN
    assert basis.message.startswith("Căn cứ “Mức tham chiếu: mức chi nước uống")
    assert basis.message.endswith("nên không in trên dự toán: hãy nhập nghị quyết của tỉnh.")
    assert basis.fix_url == "/dinh-muc-chi"
    assert basis.printouts == ("du-toan",)


def test_demo_estimate_keeps_its_illustrative_resolution_on_screen_only(app, client, demo_id):
    pdf = _pdf_text(client.get(f"/hoi-nghi/{demo_id}/in/du-toan.pdf").data)
    assert "(minh họa)" not in pdf and "Nghị quyết mẫu" not in pdf
    with app.test_request_context():
        problems = run_checks(db.session.get(Conference, demo_id))
    keys = [p.key for p in problems if p.key.startswith("budget.")]
    assert "budget.clerk_note_in_legal_basis" in keys
    assert "budget.clerk_note_in_line" not in keys
