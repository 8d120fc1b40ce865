"""Danh sách ký nhận tiền thưởng — its date, its order, its title (issue 20 review).

- Signed when the money is paid, after the decision it pays: the day and month left blank, the
  year the decision's — never the plan's ngày ký, which comes before the decisions.
- Decisions by date, then by the number's leading integer (9, 10, 99, 100 — not 10, 100, 9, 99).
- "ngày 06 tháng 12 năm 2026" never cut across two lines of the title.
- The workbook: each block's own "Theo Quyết định …" and date line, the column header repeated on
  every printed page."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
from openpyxl import load_workbook

from kehoach_app.awards import receipts
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.printing.fonts import register_fonts
from tests.awards.conftest import add_awards, make_conference

GK = "giay_khen_chu_tich_ubnd_xa"
DAY = dt.date(2026, 12, 6)
URL = "/hoi-nghi/{}/in/ky-nhan-tien-thuong.{}"


def _conference(app) -> int:
    cid = make_conference(app)
    with app.app_context():  # the plan signed on 01/11/2026, before every decision
        db.session.get(Conference, cid).signing_date = dt.date(2026, 11, 1)
        db.session.commit()
    for number in ("100", "9", "99", "10", "1"):  # typed in no order
        add_awards(
            app,
            cid,
            GK,
            [f"Người nhận {number}"],
            decision_number=f"{number}/QĐ-UBND",
            decision_date=DAY,
        )
    # an earlier decision of a larger number comes first; one of the next year last
    add_awards(
        app, cid, GK, ["Người nhận 500"], decision_number="500/QĐ-UBND",
        decision_date=dt.date(2026, 3, 2),
    )  # fmt: skip
    add_awards(
        app, cid, GK, ["Người nhận 2"], decision_number="2/QĐ-UBND",
        decision_date=dt.date(2027, 1, 5),
    )  # fmt: skip
    return cid


def _sheets(data: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sheets: list[list[str]] = []
        for page in pdf.pages:
            lines = (page.extract_text() or "").splitlines()
            if any("DANH SÁCH KÝ NHẬN TIỀN THƯỞNG" in line for line in lines):
                sheets.append(lines)
            else:
                sheets[-1].extend(lines)
    return sheets


def test_lists_dated_by_their_decision_s_year_in_date_then_number_order(app, client):
    cid = _conference(app)
    response = client.get(URL.format(cid, "pdf"))
    assert response.status_code == 200
    sheets = _sheets(response.data)
    numbers = []
    for lines in sheets:
        text = " ".join(lines)
        numbers.append(re.search(r"Quyết định số (\d+)/QĐ-UBND", text).group(1))
        year = "2027" if numbers[-1] == "2" else "2026"
        assert f"Tân Hòa, ngày … tháng … năm {year}" in lines, lines[:4]
        assert "ngày 01 tháng 11" not in text  # the plan's ngày ký is not the payment's
    assert numbers == ["500", "1", "9", "10", "99", "100", "2"]


def test_the_decision_s_date_is_never_cut_across_the_title_s_lines(app, client):
    # the real lists: every "ngày <digits>" in a title line is followed by its month and year
    cid = _conference(app)
    for lines in _sheets(client.get(URL.format(cid, "pdf")).data):
        for line in lines:
            for match in re.finditer(r"ngày (\d+)", line):
                assert re.match(r"ngày \d+ tháng \d+ năm \d{4}", line[match.start() :]), line
    # and at every width the title could be given, down to a third of the page
    fonts = register_fonts()
    text = (
        "Theo Quyết định số 125/QĐ-UBND ngày 06 tháng 12 năm 2026 của Chủ tịch Ủy ban nhân dân "
        "xã Tân Hòa"
    )
    for width in range(180, 520, 7):
        title = receipts._Subtitle(text, fonts.bold, 14, {})
        title.wrap(width / 0.85, 1000)
        assert any("ngày 06 tháng 12 năm 2026" in line for line in title._lines), (
            width,
            title._lines,
        )


def test_the_workbook_dates_each_block_and_repeats_the_column_header(app, client):
    cid = _conference(app)
    response = client.get(URL.format(cid, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [[c for c in row if c not in (None, "")] for row in sheet.iter_rows(values_only=True)]
    theo = [row[0] for row in values if row and str(row[0]).startswith("Theo Quyết định")]
    assert [re.search(r"số (\d+)/", t).group(1) for t in theo] == [
        "500", "1", "9", "10", "99", "100", "2",
    ]  # fmt: skip
    dates = [row[1] for row in values if row and str(row[0]).startswith("ỦY BAN NHÂN DÂN")]
    assert dates == ["Tân Hòa, ngày … tháng … năm 2026"] * 6 + ["Tân Hòa, ngày … tháng … năm 2027"]
    head = next(i for i, row in enumerate(values, start=1) if row[:1] == ["STT"])
    assert sheet.print_title_rows == f"${head}:${head}"
