"""The fast paths of the printing layer draw exactly what the slow ones drew.

LineCell stands in for a ReportLab Paragraph when the text fits on its lines, LongGrid lays a
long table out page by page, and the DOCX writer writes runs and paragraph properties as raw
XML: each is checked against the output of the library call it replaces.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest
from docx import Document as new_docx
from reportlab.platypus import Paragraph as RLParagraph

from kehoach_app.printing import Column, Document, Run, Table, render_pdf
from kehoach_app.printing.docx import _set_rfonts, _set_size, _Writer
from kehoach_app.printing.pdf import LineCell, build_pdf, markup, styles

EDGE_CASES = [
    "",
    " ",
    "  ",
    "Nguyễn Thị Ánh",
    "A\n",
    "\nA",
    "A\n\nB",
    "\n",
    "\n\n",
    " \nA",
    "Số:      /KH-UBND",
    "Tab\tin text",
    [Run("Kính gửi: "), Run("Ông Nguyễn Văn Thạnh", bold=True)],
    [Run("Công bố: ", bold=True), Run("Quyết định số 12/QĐ-UBND")],
    [Run("gạch chân", underline=True)],
    "Một dòng rất dài " * 12,
]


def _words(pdf: bytes) -> list[tuple[str, float, float, str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            (w["text"], round(w["x0"], 2), round(w["top"], 2), w["fontname"].split("+")[-1])
            for page in document.pages
            for w in page.extract_words(extra_attrs=["fontname"])
        ]


@pytest.mark.parametrize("style_name", ["cell_12", "cell_center_12", "cell_right_11", "body"])
@pytest.mark.parametrize("content", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_line_cell_takes_the_room_a_paragraph_takes_and_prints_the_same(content, style_name):
    style = styles()[style_name] if style_name in styles() else styles()["cell_11"]
    if style_name == "cell_right_11":
        from kehoach_app.printing.pdf import _cell_style

        style = _cell_style(11, "cell_right")
    for width in (80, 300):
        fast, slow = LineCell(content, style), RLParagraph(markup(content), style)
        assert fast.wrap(width, 1000) == pytest.approx(slow.wrap(width, 1000))
    fast_pdf = build_pdf([LineCell(content, style)])
    slow_pdf = build_pdf([RLParagraph(markup(content), style)])
    assert _words(fast_pdf) == _words(slow_pdf)


def test_a_line_cell_that_does_not_fit_wraps_as_a_paragraph():
    text = "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa"
    cell = LineCell(text, styles()["cell_12"])
    _, height = cell.wrap(120, 1000)
    assert height == pytest.approx(3 * styles()["cell_12"].leading)


def _long_table(rows: int) -> Document:
    return Document(
        title="DANH SÁCH",
        body=[
            Table(
                columns=[
                    Column("STT", 0.6, "center"),
                    Column("Họ và tên", 3),
                    Column("Ghi chú", 2),
                ],
                rows=[
                    [str(i), f"Nguyễn Văn Số {i}", "ghi chú dài để xuống dòng " * (i % 3)]
                    for i in range(1, rows + 1)
                ],
            )
        ],
    )


def test_a_long_table_prints_every_row_once_in_order_with_the_header_on_each_page():
    pdf = render_pdf(_long_table(400))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [page.extract_text() for page in document.pages]
    assert len(pages) > 5
    assert all("Họ và tên" in page for page in pages)
    numbers = [
        int(line.split()[0])
        for page in pages
        for line in page.splitlines()
        if "Nguyễn Văn Số" in line and line.split()[0].isdigit()
    ]
    assert numbers == list(range(1, 401))
    for page in pages[:-1]:  # each page is filled: the page's last row is near its foot
        assert page.count("Nguyễn Văn Số") >= 10


def test_a_long_table_starting_mid_page_fills_that_page_first():
    from kehoach_app.printing import Paragraph

    document = _long_table(200)
    document.body.insert(0, Paragraph("Một đoạn mở đầu. " * 30))
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as pdf:
        first = pdf.pages[0].extract_text()
    assert "Một đoạn mở đầu" in first and "Nguyễn Văn Số 1 " in first + " "


def _xml(paragraph) -> str:
    return paragraph._p.xml


def test_docx_runs_written_as_raw_xml_equal_python_docx_runs():
    doc = new_docx()
    writer = _Writer(doc, 450)
    for text, bold, italic, underline in [
        ("Kính gửi:", False, False, False),
        ("Ông Nguyễn Văn A", True, False, False),
        ("ghi chú", False, True, True),
        ("  hai dòng\nvà\ttab ", True, True, False),
    ]:
        fast = doc.add_paragraph()
        writer.run(fast, text, 13, bold, italic, underline)
        slow = doc.add_paragraph()
        run = slow.add_run(text)
        _set_rfonts(run._r.get_or_add_rPr())
        run.font.bold, run.font.italic = bold, italic
        _set_size(run._r.get_or_add_rPr(), 13)
        if underline:  # python-docx puts w:u after w:szCs, where the schema wants it
            run.font.underline = True
        assert _xml(fast) == _xml(slow)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"align": "center", "first_indent": 0, "keep_with_next": True},
        {"align": "right", "left_indent": 20, "right_indent": 10, "space_before": 6},
        {"first_indent": -14, "left_indent": 28, "space_after": 6, "leading": 1, "exact": True},
    ],
)
def test_docx_paragraph_properties_written_as_raw_xml_equal_python_docx_ones(options):
    doc = new_docx()
    writer = _Writer(doc, 450)
    fast = doc.add_paragraph()
    writer.fmt(fast, **options)
    slow = doc.add_paragraph()
    slow._p.get_or_add_pPr().append(slow._p.makeelement("dummy"))  # forces the slow path
    slow._p.pPr.remove(slow._p.pPr[-1])
    writer.fmt(slow, **options)
    assert _xml(fast) == _xml(slow)
