"""Issue 16 on the estimate's Ghi chú: a line checked against a norm prints that norm's short
basis only once the norm is confirmed against its document; a basis a preset (or an older
line) writes by itself — "Theo NQ HĐND tỉnh", "TT 40/2017, Đ.12 k.4" — is never printed as fixed
text. Notes that are not a basis ("Chi theo thực tế") print as written."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
import unicodedata
from importlib import resources

import pdfplumber
from docx import Document as DocxDocument
from openpyxl import load_workbook
from sqlalchemy import select

from kehoach_app.budget import logic, operations
from kehoach_app.budget.models import Norm
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db

from .conftest import make_conference

MEAL_BASIS = "Thông tư số 40/2017/TT-BTC ngày 28/4/2017 của Bộ Tài chính, Điều 12 khoản 4 điểm c"
MEAL_SHORT = "TT 40/2017, Đ.12 k.4 điểm c"


def _rule(status: str, basis: str = MEAL_BASIS, profile_basis: str = "") -> logic.NormRule:
    return logic.NormRule(
        "meal_xa", "Hỗ trợ tiền ăn", 100_000, "người/ngày", basis, "", "national",
        dt.date(2017, 7, 1), status=status, profile_basis=profile_basis,
    )  # fmt: skip


def _row(notes: str, rule: logic.NormRule | None, category: str = "an") -> logic.BudgetRow:
    line = logic.LineData(1, category, "Hỗ trợ tiền ăn", "người/ngày", 20_000, 100_000, notes)
    return logic.BudgetRow(1, line, 2_000_000, rule, "")


def test_the_basis_follows_the_norm_status_not_the_note():
    assert logic.short_basis(MEAL_BASIS) == MEAL_SHORT
    # unverified: nothing vouches for the basis, so nothing is printed — not even the note's
    assert logic.row_note(_row("TT 40/2017, Đ.12 k.4", _rule("unverified"))) == ""
    assert logic.row_note(_row("Theo NQ HĐND tỉnh", _rule("unverified"), "nuoc_uong")) == ""
    # confirmed: the norm's own basis, shortened for the narrow column
    assert logic.row_note(_row("TT 40/2017, Đ.12 k.4", _rule("confirmed"))) == MEAL_SHORT
    # a note that is not a basis stays, after the basis
    assert logic.row_note(_row("Chi theo thực tế", _rule("unverified"))) == "Chi theo thực tế"
    assert logic.row_note(_row("Chi theo thực tế", _rule("confirmed"))) == (
        f"{MEAL_SHORT}; Chi theo thực tế"
    )
    # a meal line with no norm found (no location chosen) does not vouch for its note either
    assert logic.row_note(_row("TT 40/2017, Đ.12 k.4", None)) == ""
    # a line with no norm keeps the officer's words
    assert logic.row_note(_row("Theo hợp đồng, hóa đơn", None, "am_thanh_anh_sang")) == (
        "Theo hợp đồng, hóa đơn"
    )
    # a province's norm citing only an article takes its resolution's number before it
    province = _rule(
        "confirmed", "Điều 3 khoản 2", "Nghị quyết số 12/2025/NQ-HĐND ngày 10/07/2025 của HĐND"
    )
    assert logic.row_note(_row("", province)) == "NQ 12/2025, Đ.3 k.2"
    # the national drinks figure is a reference note: it never prints, even if marked confirmed
    drinks = _rule("confirmed", "Mức tham chiếu: … — cần thay bằng mức của tỉnh")
    assert logic.row_note(_row("", drinks, "nuoc_uong")) == ""


def test_presets_carry_no_basis_as_fixed_text():
    presets = resources.files("kehoach_app").joinpath("presets")
    for entry in presets.iterdir():
        if not entry.name.endswith(".toml"):
            continue
        for row in tomllib.loads(entry.read_text("utf-8")).get("budget", []):
            assert not logic.is_basis_note(row.get("note", "")), (entry.name, row["note"])


def _texts(client, cid) -> tuple[str, str, str]:
    with pdfplumber.open(io.BytesIO(client.get(f"/hoi-nghi/{cid}/in/du-toan.pdf").data)) as pdf:
        pdf_text = " ".join(page.extract_text() or "" for page in pdf.pages)
    document = DocxDocument(io.BytesIO(client.get(f"/hoi-nghi/{cid}/in/du-toan.docx").data))
    docx_text = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    book = load_workbook(io.BytesIO(client.get(f"/hoi-nghi/{cid}/in/du-toan.xlsx").data))
    xlsx_text = " ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row)
    return tuple(  # type: ignore[return-value]
        " ".join(unicodedata.normalize("NFC", t).split()) for t in (pdf_text, docx_text, xlsx_text)
    )


def test_estimate_prints_the_meal_basis_only_once_confirmed(app, client):
    from kehoach_app.conferences.presetting import apply_preset_parts
    from kehoach_app.presets import get_preset

    cid = make_conference(app)
    with app.test_request_context():
        conference = db.session.get(Conference, cid)
        apply_preset_parts(conference, get_preset("tong_ket.xa"))
        meal = next(ln for ln in operations.lines_of(conference) if ln.category == "an")
        meal.notes = "TT 40/2017, Đ.12 k.4"  # as an older conference's preset line wrote it
        db.session.commit()
    for text in _texts(client, cid):
        assert "TT 40/2017" not in text and "Theo NQ HĐND" not in text
        assert "Chi theo" in text  # a note that is not a basis still prints (PDF: wrapped)
    with app.app_context():
        norm = db.session.scalar(select(Norm).where(Norm.code == "meal_xa"))
        operations.confirm_norm(norm, dt.date(2026, 12, 1))
        db.session.commit()
    pdf, docx, xlsx = _texts(client, cid)
    assert MEAL_SHORT in docx and MEAL_SHORT in xlsx
    assert "TT 40/2017," in pdf and "Đ.12 k.4 điểm" in pdf  # the cell wraps among other columns
    # the drinks line stays without a basis: its national figure is a reference, not a norm
    assert "Theo NQ HĐND" not in docx
