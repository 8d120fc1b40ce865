from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from kehoach_app.printing import Document, Header, render_docx
from kehoach_app.printing import layout as L
from tests.printing.printing_samples import (
    DIACRITICS,
    LITERAL_ENTITY,
    NFC_WORD,
    NFD_WORD,
    TABLE_TITLE,
    TORTURE_NAME,
    sample_document,
)

TNR = "Times New Roman"


@pytest.fixture(scope="module")
def docx_bytes(document) -> bytes:
    return render_docx(document)


@pytest.fixture(scope="module")
def opened(docx_bytes):
    return docx.Document(io.BytesIO(docx_bytes))


def paragraphs(d) -> list[DocxParagraph]:
    """Every paragraph of the body, those inside tables included, in order."""
    return [DocxParagraph(p, None) for p in d.element.body.iter(qn("w:p"))]


def find(d, text: str) -> DocxParagraph:
    hits = [p for p in paragraphs(d) if text in p.text]
    assert hits, text
    return hits[0]


def run_with(d, text: str):
    for p in paragraphs(d):
        for r in p.runs:
            if text in r.text:
                return r
    raise AssertionError(text)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_texts(opened):
    text = flat(" ".join(p.text for p in paragraphs(opened)))
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ TÂN HÒA",
        "Số: 05/KH-UBND",
        "Tân Hòa, ngày 05 tháng 02 năm 2025",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024",
        "I. MỤC ĐÍCH, YÊU CẦU",
        TORTURE_NAME,
        f"Ký hiệu gõ nguyên văn: {LITERAL_ENTITY} và chữ {DIACRITICS}.",
        f"Người trình bày: {NFC_WORD}.",
        "- Đại diện tập thể, cá nhân được khen.",
        TABLE_TITLE,
        "Đại biểu số 60",
        "60.000.000",
        "Nơi nhận:",
        "- TT. Đảng ủy, HĐND xã;",
        "- Lưu: VT, VP.",
        "TM. ỦY BAN NHÂN DÂN",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    ):
        assert expected in text, expected
    assert NFD_WORD not in text
    assert unicodedata.is_normalized("NFC", text)
    assert "&amp;amp;" not in text and "&lt;" not in text


def test_every_run_and_style_is_times_new_roman(opened, docx_bytes):
    parts = [opened.element]
    section = opened.sections[0]
    parts += [section.header._element, section.first_page_header._element]
    runs = [r for part in parts for r in part.iter(qn("w:r"))]
    assert len(runs) > 100
    for r in runs:
        fonts = r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert fonts is not None
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(slot)) == TNR
    for style in opened.styles:
        if hasattr(style, "font"):
            assert style.font.name == TNR, style.name
    styles_xml = opened.styles.element
    for fonts in styles_xml.iter(qn("w:rFonts")):
        assert not any("Theme" in k or "theme" in k for k in fonts.attrib), fonts.attrib
        assert fonts.get(qn("w:eastAsia")) == TNR
    assert b"Helvetica" not in docx_bytes


def test_sizes_and_emphasis(opened):
    def check(text, size, bold=None, italic=None):
        r = run_with(opened, text)
        assert r.font.size.pt == size, text
        if bold is not None:
            assert bool(r.font.bold) is bold, text
        if italic is not None:
            assert bool(r.font.italic) is italic, text

    check("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    check("Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    check("XÃ TÂN HÒA", 12, bold=True)
    check("Số: 05/KH-UBND", 13, bold=False)
    check("Tân Hòa, ngày 05", 14, italic=True)
    check("KẾ HOẠCH", 14, bold=True)
    check("Căn cứ Luật Thi đua", 14, bold=False)
    check("I. MỤC ĐÍCH", 14, bold=True)
    check("a) Thành phần mời", 14, bold=True, italic=True)
    check(TORTURE_NAME, 14, bold=True)
    check("Đại biểu số 60", 12)
    check("Nơi nhận:", 12, bold=True, italic=True)
    check("- Lưu: VT, VP.", 11, bold=False)
    check("TM. ỦY BAN NHÂN DÂN", 14, bold=True)
    check("Trần Văn Bình", 14, bold=True)
    assert opened.styles["Normal"].font.size.pt == 14


def test_body_paragraph_format(opened):
    p = find(opened, "Căn cứ Luật Thi đua")
    fmt = p.paragraph_format
    assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent.mm == pytest.approx(12.7, abs=0.05)
    assert fmt.space_after.pt == 6
    bullet = find(opened, "Thường trực Đảng ủy")
    assert bullet.text.startswith("-\t")
    assert bullet.paragraph_format.first_line_indent < 0  # hanging indent


def test_page_setup(opened):
    section = opened.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert section.top_margin.mm == pytest.approx(20, abs=0.05)
    assert section.bottom_margin.mm == pytest.approx(20, abs=0.05)
    assert section.left_margin.mm == pytest.approx(30, abs=0.05)
    assert section.right_margin.mm == pytest.approx(15, abs=0.05)


def test_page_number_from_page_two(opened):
    section = opened.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element
    instr = [t.text for t in header_xml.iter(qn("w:instrText"))]
    assert [i.strip() for i in instr] == ["PAGE"]
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))
    run = section.header.paragraphs[0].runs[0]
    assert run.font.size.pt == 13


def test_table_has_grid_and_repeated_header(opened):
    table = next(t for t in opened.tables if t.cell(0, 0).text == "STT")
    assert len(table.rows) == 62  # header + 60 rows + total
    assert table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is None
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        assert borders.find(qn(f"w:{edge}")).get(qn("w:val")) == "single"
    assert table.cell(0, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert table.cell(5, 3).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(61, 3).paragraphs[0].runs[0].font.bold  # Tổng cộng row
    total = sum(int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol")))
    assert total == pytest.approx(Mm(165).twips, abs=3)


def test_header_is_a_borderless_two_column_table_with_rules(opened, fonts):
    header = opened.tables[0]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(el.get(qn("w:val")) == "nil" for el in borders)
    left, right = header.rows[0].cells
    assert "ỦY BAN NHÂN DÂN" in left.text and "CỘNG HÒA" in right.text
    assert "Số: 05/KH-UBND" in header.rows[1].cells[0].text
    assert "Tân Hòa, ngày" in header.rows[1].cells[1].text

    def rule_length(cell) -> float:
        border = qn("w:pPr") + "/" + qn("w:pBdr")
        (p,) = [p for p in cell.paragraphs if p._p.find(border) is not None]
        width = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 20
        fmt = p.paragraph_format
        return width - fmt.left_indent.pt - fmt.right_indent.pt

    tieu_ngu = stringWidth(L.TIEU_NGU, fonts.bold, L.TIEU_NGU_SIZE)
    assert rule_length(right) == pytest.approx(tieu_ngu, abs=0.2)
    issuer = stringWidth("ỦY BAN NHÂN DÂN", fonts.bold, L.ISSUER_SIZE)
    assert issuer / 3 <= rule_length(left) <= issuer / 2


def test_signature_block(opened):
    table = opened.tables[-1]
    left, right = table.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in left.paragraphs[1:]] == [
        "- UBND tỉnh;",
        "- TT. Đảng ủy, HĐND xã;",
        "- Lưu: VT, VP.",
    ]
    assert "TM. ỦY BAN NHÂN DÂN" in right.text and "Trần Văn Bình" in right.text
    assert table.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is not None


def test_metadata_and_landscape(opened):
    assert opened.core_properties.title == "Kế hoạch hội nghị tổng kết 2024"
    assert opened.core_properties.author == "UBND xã Tân Hòa"
    d = docx.Document(
        io.BytesIO(render_docx(Document("Danh sách", header=Header("UBND"), landscape=True)))
    )
    section = d.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width.mm == pytest.approx(297, abs=0.1)
    assert section.page_height.mm == pytest.approx(210, abs=0.1)


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils not installed",
)
def test_libreoffice_opens_it(tmp_path):
    source = tmp_path / "kehoach.docx"
    source.write_bytes(render_docx(sample_document()))
    profile = tmp_path / "lo-profile"  # own profile: other LibreOffice runs may be going on
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "kehoach.pdf"
    assert pdf.exists()

    def text(*args: str) -> str:
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")

    whole = flat(text())
    for expected in (
        TORTURE_NAME,
        LITERAL_ENTITY,
        DIACRITICS,
        NFC_WORD,
        "Nơi nhận:",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tân Hòa, ngày 05 tháng 02 năm 2025",
        "Trần Văn Bình",
    ):
        assert expected in whole, expected
    page1, page2 = text("-f", "1", "-l", "1"), text("-f", "2", "-l", "2")
    assert page1.split()[0] == "ỦY"  # no page number on page 1
    assert page2.split()[0] == "2"
    assert TABLE_TITLE in page2  # the header row repeats
