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


_STYLE_ATTRS = (
    "fontname",
    "fontsize",
    "leading",
    "leftPadding",
    "rightPadding",
    "topPadding",
    "bottomPadding",
    "color",
    "alignment",
    "valign",
)


def _cell_styles(table) -> list[list[tuple]]:
    return [
        [tuple(getattr(style, a) for a in _STYLE_ATTRS) for style in row]
        for row in table._cellStyles
    ]


def test_grid_table_cells_styled_once_per_kind_get_what_reportlab_gives_each_cell():
    from reportlab.lib import colors
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    from kehoach_app.printing.pdf import GridTable

    data = [["STT", "Họ và tên", "Số tiền"]] + [[str(i), f"Người {i}", "1.000"] for i in range(7)]
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), "Helvetica"),
        ("FONTSIZE", (0, 0), (-1, -1), 12),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),  # the header row
        ("FONTNAME", (0, 4), (-1, 4), "Helvetica-Bold"),  # a total row
        ("TEXTCOLOR", (1, 2), (1, 3), colors.red),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEADING", (0, 1), (-1, -2), 14),
    ]
    fast = GridTable([list(r) for r in data], colWidths=[40, 200, 80])
    fast.set_grid_style(commands)
    slow = RLTable([list(r) for r in data], colWidths=[40, 200, 80])
    slow.setStyle(TableStyle(commands))
    assert _cell_styles(fast) == _cell_styles(slow)
    assert fast._linecmds == slow._linecmds
    # one style per kind of cell, not per cell: the header, rows 1/5/6, rows 2–3, the total
    # row 4 and the last row 7 (no LEADING) are five kinds of row, times three columns
    assert len({id(s) for row in fast._cellStyles for s in row}) == 5 * 3


def test_a_grid_table_restyled_by_hand_changes_only_the_cells_named():
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    from kehoach_app.printing.pdf import GridTable

    table = GridTable([["a", "b"], ["c", "d"], ["e", "f"]], colWidths=[50, 50])
    table.set_grid_style([("FONTSIZE", (0, 0), (-1, -1), 12)])
    table.setStyle(TableStyle([("TEXTCOLOR", (1, 1), (1, 1), colors.red)]))
    coloured = [[style.color == colors.red for style in row] for row in table._cellStyles]
    assert coloured == [[False, False], [False, True], [False, False]]
    assert all(style.fontsize == 12 for row in table._cellStyles for style in row)


def test_every_docx_starts_from_its_own_copy_of_the_prepared_template():
    import zipfile

    from docx.enum.section import WD_ORIENT

    from kehoach_app.printing import Paragraph, render_docx

    first = render_docx(Document("Kế hoạch", body=[Paragraph("Chỉ có trong văn bản thứ nhất")]))
    wide = render_docx(Document("Danh sách", body=[Paragraph("Văn bản ngang")], landscape=True))
    again = render_docx(Document("Kế hoạch", body=[Paragraph("Văn bản thứ ba")]))
    texts = []
    for data, orientation in (
        (first, WD_ORIENT.PORTRAIT),
        (wide, WD_ORIENT.LANDSCAPE),
        (again, WD_ORIENT.PORTRAIT),
    ):
        opened = new_docx(io.BytesIO(data))
        section = opened.sections[0]
        assert section.orientation == orientation
        assert (section.page_width > section.page_height) == (orientation == WD_ORIENT.LANDSCAPE)
        assert section.different_first_page_header_footer
        assert "PAGE" in section.header._element.xml  # the page number from page 2
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert not any("thumbnail" in name for name in package.namelist())
        texts.append([p.text for p in opened.paragraphs if p.text.strip()])
    assert texts[0][-1] == "Chỉ có trong văn bản thứ nhất"
    assert not any("thứ nhất" in t for t in texts[1] + texts[2])
    assert texts[2][-1] == "Văn bản thứ ba"


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_grid_table_string_cells_print_where_reportlab_prints_them(valign):
    from reportlab.lib import colors
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    from kehoach_app.printing import register_fonts
    from kehoach_app.printing.pdf import GridTable

    fonts = register_fonts()
    data = [
        ["STT", "Họ và tên", "Thành tiền"],
        ["1", "Nguyễn Thị Ánh", "1.153.680.000"],
        ["1005", "Trần Văn Bình\nPhó Chủ tịch", "5.036.770.000"],
        ["", "  Lê   Hoàng  ", ""],
    ]
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
        ("FONTNAME", (0, 0), (-1, 0), fonts.bold),
        ("FONTSIZE", (0, 0), (-1, -1), 12),
        ("LEADING", (0, 0), (-1, -1), 14.4),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"),
        ("TEXTCOLOR", (1, 3), (1, 3), colors.red),
    ]
    fast = GridTable([list(r) for r in data], colWidths=[50, 200, 120], rowHeights=[30] * 4)
    fast.set_grid_style(commands)
    slow = RLTable([list(r) for r in data], colWidths=[50, 200, 120], rowHeights=[30] * 4)
    slow.setStyle(TableStyle(commands))

    def words(pdf: bytes) -> list[tuple]:
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            page = document.pages[0]
            return [
                (w["text"], round(w["x0"], 3), round(w["top"], 3), w["fontname"], w["size"])
                for w in page.extract_words(extra_attrs=["fontname", "size"])
            ] + [tuple(c["non_stroking_color"] or ()) for c in page.chars]

    assert words(build_pdf([fast])) == words(build_pdf([slow]))


def test_no_cyclic_collection_runs_while_a_document_is_built_and_it_is_back_after():
    import gc

    from reportlab.platypus import Flowable

    from kehoach_app.printing import Paragraph, render_docx
    from kehoach_app.printing.layout import collector_paused

    seen = []

    class Probe(Flowable):
        def wrap(self, availWidth, availHeight):  # noqa: N803
            return 10, 10

        def draw(self):
            seen.append(gc.isenabled())

    assert gc.isenabled()
    build_pdf([Probe()])
    assert seen == [False] and gc.isenabled()
    render_docx(Document("Kế hoạch", body=[Paragraph("Nội dung")]))
    assert gc.isenabled()
    gc.disable()  # whoever switched it off keeps it off
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failed build")
    assert gc.isenabled()
