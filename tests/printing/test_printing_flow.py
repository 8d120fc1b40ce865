"""The printing layer's public pieces for a part's own drawing in a Document (printing/flow.py,
issue 19): loaded with ReportLab on first use, and the ruled grid the delegates' lists print."""

from __future__ import annotations

import io
import subprocess
import sys

import pdfplumber
import pytest

from kehoach_app import printing
from kehoach_app.printing import Document, Header, render_pdf

MM = 72 / 25.4


def test_the_pieces_load_reportlab_only_when_first_asked_for():
    probe = (
        "import sys, kehoach_app.printing as p\n"
        "assert 'reportlab' not in sys.modules, 'loaded at import'\n"
        "assert callable(p.ruled_grid) and callable(p.top_flowables)\n"
        "assert 'reportlab' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with pytest.raises(AttributeError):
        printing.no_such_piece  # noqa: B018 — the attribute lookup is the test


def _grid_document(rows, spans=(), min_row_mm=0.0, landscape=False) -> bytes:
    columns = [
        printing.GridColumn("STT", 11, "center"),
        printing.GridColumn("Họ và tên", 60),
        printing.GridColumn("Ký nhận", 94),
    ]
    grid = printing.ruled_grid(columns, rows, spans=spans, min_row_mm=min_row_mm)
    return render_pdf(
        Document(
            title="DANH SÁCH KÝ NHẬN",
            subtitle="Dự Hội nghị",
            header=Header("Ủy ban nhân dân xã Tân Hòa"),
            body=[grid],
            landscape=landscape,
        )
    )


def test_a_ruled_grid_repeats_its_header_spans_its_group_rows_and_holds_rows_open():
    rows = [["I. Thường trực Đảng ủy & <khách>"]]
    rows += [[str(n), f"Nguyễn Văn {n}", ""] for n in range(1, 61)]
    rows.append(["Tổng cộng: 60 đại biểu"])
    pdf = _grid_document(rows, spans=[0, 61], min_row_mm=12)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) > 2
        tables = [page.extract_tables() for page in doc.pages]
        first_rows = [t[0][0] for t in tables if t]
        # the header row on every page
        assert all(row == ["STT", "Họ và tên", "Ký nhận"] for row in first_rows)
        body = [row for t in tables if t for row in t[0][1:]]
        # a span row is one cell across the table, its text escaped as typed
        assert body[0][0] == "I. Thường trực Đảng ủy & <khách>" and body[0][1:] == [None, None]
        assert body[-1][0] == "Tổng cộng: 60 đại biểu" and body[-1][1:] == [None, None]
        assert [r[:2] for r in body[1:-1]] == [[str(n), f"Nguyễn Văn {n}"] for n in range(1, 61)]
        # rows held open to sign: at least 12 mm between the rules
        grid = doc.pages[0].find_tables()[0]
        heights = [row.bbox[3] - row.bbox[1] for row in grid.rows[2:]]  # past header, group
        assert heights and min(heights) >= 12 * MM - 0.5


def test_a_ruled_grid_never_ends_a_page_on_a_group_row():
    rows, spans = [], []
    for group in range(12):
        spans.append(len(rows))
        rows.append([f"Nhóm {group + 1}"])
        rows += [[str(n), f"Đại biểu {group}-{n}", ""] for n in range(1, 6)]
    pdf = _grid_document(rows, spans=spans, min_row_mm=12)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) > 1
        for page in doc.pages:
            last = page.extract_tables()[0][-1]
            assert not last[0].startswith("Nhóm"), page.page_number
