from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pdfplumber
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph as RLParagraph

from kehoach_app.printing import (
    Column,
    Document,
    Header,
    Paragraph,
    Signature,
    Table,
    render_pdf,
)
from kehoach_app.printing.pdf import build_pdf, escape, markup, para, styles
from tests.printing.printing_samples import (
    DIACRITICS,
    LITERAL_ENTITY,
    NFC_WORD,
    NFD_WORD,
    TABLE_TITLE,
    TORTURE_NAME,
)

MM = 72 / 25.4
A4 = (595.2756, 841.8898)


@pytest.fixture(scope="module")
def pdf_bytes(document) -> bytes:
    return render_pdf(document)


@pytest.fixture(scope="module")
def pages(pdf_bytes):
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        yield pdf.pages


def flat(text: str) -> str:
    return " ".join(text.split())


def all_text(pages) -> str:
    return flat(" ".join(page.extract_text() or "" for page in pages))


def words(page, text: str) -> list[dict]:
    return [w for w in page.extract_words(keep_blank_chars=True) if text in w["text"]]


# ---------------------------------------------------------------- escaping


def test_escape_prints_user_text_as_typed():
    assert escape("Nguyễn Văn A & B <C>") == "Nguyễn Văn A &amp; B &lt;C&gt;"
    assert escape("&amp;") == "&amp;amp;"
    assert escape(NFD_WORD) == NFC_WORD
    assert escape("a\nb") == "a<br/>b"
    assert escape("Số:   /KH") == "Số:\u00a0\u00a0 /KH"
    assert escape(None) == ""


def test_markup_of_runs():
    from kehoach_app.printing import Run

    assert markup([Run("a&", bold=True), Run("b", italic=True, underline=True)]) == (
        "<b>a&amp;</b><i><u>b</u></i>"
    )
    assert markup("x", bold=True, italic=True) == "<b><i>x</i></b>"


def test_every_style_names_a_registered_face(fonts):
    registered = {fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic}
    for name, style in styles().items():
        assert style.fontName in registered, name
        assert style.bulletFontName in registered, name
    assert isinstance(para("A & B", "body"), RLParagraph)
    with pytest.raises(KeyError):
        para("x", "no-such-style")


# ---------------------------------------------------------------- the sample document


def test_text_is_printed_exactly(pages):
    text = all_text(pages)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ TÂN HÒA",
        "Số: 05/KH-UBND",
        "Tân Hòa, ngày 05 tháng 02 năm 2025",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Thời gian",
        "a) Thành phần mời",
        TORTURE_NAME,
        f"Ký hiệu gõ nguyên văn: {LITERAL_ENTITY} và chữ {DIACRITICS}.",
        f"Người trình bày: {NFC_WORD}.",
        "- Thường trực Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân xã;",
        "- Đại diện tập thể, cá nhân được khen.",
        "Địa điểm: Hội trường Ủy ban nhân dân xã",
        "Đại biểu số 60",
        "Tổng cộng",
        "60.000.000",
        "Nơi nhận:",
        "- UBND tỉnh;",
        "- Lưu: VT, VP.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    ):
        assert expected in text, expected
    assert NFD_WORD not in text
    assert unicodedata.is_normalized("NFC", text)
    assert "&lt;" not in text and "&amp;amp;" not in text


def test_a4_pages_and_the_table_header_repeats(pages):
    assert len(pages) >= 2
    for page in pages:
        assert (round(page.width, 1), round(page.height, 1)) == (595.3, 841.9)
    table_pages = [p for p in pages if "Đại biểu số" in (p.extract_text() or "")]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert TABLE_TITLE in page.extract_text()


def test_page_numbers_from_page_two_in_the_top_margin(pages):
    top_margin = 20 * MM
    first = [c for c in pages[0].chars if c["top"] < top_margin]
    assert first == []
    for number, page in enumerate(pages[1:], start=2):
        chars = [c for c in page.chars if c["bottom"] < top_margin]
        assert "".join(c["text"] for c in chars) == str(number)
        centre = (chars[0]["x0"] + chars[-1]["x1"]) / 2
        assert abs(centre - (30 * MM + (page.width - 45 * MM) / 2)) < 3
        assert chars[0]["size"] == pytest.approx(13, abs=0.1)


def test_fonts_are_the_registered_ones(pages, pdf_bytes, fonts):
    names = [
        pdfmetrics.getFont(f).face.name
        for f in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)
    ]
    expected = {n.decode() if isinstance(n, bytes) else n for n in names}
    used = {c["fontname"].split("+", 1)[-1] for page in pages for c in page.chars}
    assert used <= expected
    assert len(used) == 4  # regular, bold, italic (date), bold italic (Nơi nhận)
    assert b"Helvetica" not in pdf_bytes


def test_margins_and_body_size(pages):
    page = pages[0]
    body = [c for c in page.chars if abs(c["size"] - 14) < 0.1]
    assert min(c["x0"] for c in body) == pytest.approx(30 * MM, abs=0.5)
    for p in pages:
        assert max(c["x1"] for c in p.chars) <= p.width - 15 * MM + 0.5
        assert max(c["bottom"] for c in p.chars) <= p.height - 20 * MM + 0.5
    # first-line indent of 1.27 cm
    (line,) = words(page, "Căn cứ Luật Thi đua")
    assert line["x0"] == pytest.approx(30 * MM + 12.7 * MM, abs=0.5)


def test_header_layout(pages):
    page = pages[0]
    mid = 30 * MM + 0.4 * (page.width - 45 * MM)
    (issuer,) = words(page, "ỦY BAN NHÂN DÂN")
    (quoc_hieu,) = words(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    (tieu_ngu,) = words(page, "Độc lập - Tự do - Hạnh phúc")
    (number,) = words(page, "Số: 05/KH-UBND")
    (date,) = words(page, "Tân Hòa, ngày 05 tháng 02 năm 2025")
    assert issuer["x1"] < mid < quoc_hieu["x0"]
    assert issuer["top"] == pytest.approx(quoc_hieu["top"], abs=2)
    assert number["bottom"] == pytest.approx(date["bottom"], abs=1.5)
    assert number["top"] > tieu_ngu["bottom"]
    # bold and italic where ND30 wants them
    assert "Bold" in next(c for c in page.chars if c["top"] == issuer["top"])["fontname"]
    date_char = next(
        c for c in page.chars if abs(c["top"] - date["top"]) < 1 and c["x0"] >= date["x0"]
    )
    assert "Italic" in date_char["fontname"]
    # the Tiêu ngữ's rule is exactly as long as the text, the issuer's one 1/3–1/2 of it
    rules = [ln for ln in page.lines + page.edges if abs(ln["top"] - ln["bottom"]) < 1]
    under_tieu_ngu = [
        ln for ln in rules if 0 < ln["top"] - tieu_ngu["bottom"] < 6 and ln["x0"] > mid
    ]
    assert under_tieu_ngu
    rule = under_tieu_ngu[0]
    assert rule["x0"] == pytest.approx(tieu_ngu["x0"], abs=1.5)
    assert rule["x1"] == pytest.approx(tieu_ngu["x1"], abs=1.5)
    (xa,) = words(page, "XÃ TÂN HÒA")
    under_issuer = [ln for ln in rules if 0 < ln["top"] - xa["bottom"] < 6 and ln["x1"] < mid]
    assert under_issuer
    length = under_issuer[0]["x1"] - under_issuer[0]["x0"]
    width = issuer["x1"] - issuer["x0"]
    assert width / 3 - 1 <= length <= width / 2 + 1


def test_recipients_left_and_signature_right_on_one_level(pages):
    page = next(p for p in pages if "Nơi nhận:" in (p.extract_text() or ""))
    (noi_nhan,) = words(page, "Nơi nhận:")
    (tm,) = words(page, "TM. ỦY BAN NHÂN DÂN")
    (name,) = words(page, "Trần Văn Bình")
    assert noi_nhan["x0"] == pytest.approx(30 * MM, abs=0.5)
    assert noi_nhan["top"] == pytest.approx(tm["top"], abs=3)
    assert tm["x0"] > page.width / 2 - 20
    assert name["top"] - tm["bottom"] > 25 * MM
    noi_nhan_char = next(
        c for c in page.chars if c["top"] == noi_nhan["top"] and c["x0"] >= noi_nhan["x0"]
    )
    assert "BoldItalic" in noi_nhan_char["fontname"]
    assert noi_nhan_char["size"] == pytest.approx(12, abs=0.1)
    (luu,) = words(page, "- Lưu: VT, VP.")
    assert next(c for c in page.chars if c["top"] == luu["top"])["size"] == pytest.approx(11)


def test_metadata(pdf_bytes):
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        assert pdf.metadata["Title"] == "Kế hoạch hội nghị tổng kết 2024"
        assert pdf.metadata["Author"] == "UBND xã Tân Hòa"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_agrees(pdf_bytes, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf_bytes)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    text = flat(out)
    for expected in (TORTURE_NAME, LITERAL_ENTITY, DIACRITICS, NFC_WORD, "Nơi nhận:"):
        assert expected in text


# ---------------------------------------------------------------- other shapes


def pdf_pages(data: bytes):
    pdf = pdfplumber.open(io.BytesIO(data))
    return pdf, pdf.pages


def test_row_taller_than_a_page_breaks_inside_the_row():
    long = " ".join(f"Câu {i} của một ô rất dài trong bảng dự toán." for i in range(150))
    doc = Document(
        title="Dự toán",
        body=[
            Paragraph("Đoạn mở đầu."),
            Table(
                [Column("Nội dung", 3), Column("Thành tiền", 1, "right")],
                [[long, "1.000"], ["Tổng cộng", "1.000"]],
                total_rows={1},
            ),
        ],
    )
    pdf, pages = pdf_pages(render_pdf(doc))
    with pdf:
        texts = [p.extract_text() for p in pages]
        assert 2 <= len(pages) <= 4
        for text in texts:
            assert text.count("Thành tiền") == 1  # header once on every page, no empty rows
        joined = flat(" ".join(texts))
        assert "Câu 0 của" in joined and "Câu 149 của một ô rất dài" in joined
        assert "Tổng cộng 1.000" in joined


def test_several_signatures_share_one_row_with_names_aligned():
    doc = Document(
        title="Dự toán kinh phí",
        signatures=[
            Signature(["Người lập biểu"], "Lê Thị C", note="(Ký, ghi rõ họ tên)"),
            Signature(["Phòng Tài chính – Kế hoạch"], "Phạm Văn D"),
            Signature(["Thủ trưởng đơn vị"], "Hồ Văn E"),
        ],
    )
    pdf, pages = pdf_pages(render_pdf(doc))
    with pdf:
        page = pages[0]
        titles = [words(page, t)[0] for t in ("NGƯỜI LẬP BIỂU", "PHÒNG TÀI CHÍNH", "THỦ TRƯỞNG")]
        names = [words(page, t)[0] for t in ("Lê Thị C", "Phạm Văn D", "Hồ Văn E")]
        assert len({round(t["top"]) for t in titles}) == 1
        assert len({round(n["top"]) for n in names}) == 1
        assert titles[0]["x1"] < titles[1]["x0"] < titles[1]["x1"] < titles[2]["x0"]


def test_landscape_and_custom_flowables():
    doc = Document(title="Danh sách", header=Header("UBND xã"), landscape=True)
    pdf, pages = pdf_pages(render_pdf(doc))
    with pdf:
        assert pages[0].width > pages[0].height
    data = build_pdf([para("Sơ đồ chỗ ngồi", "title")], first_page_number=True, meta_title="Sơ đồ")
    pdf, pages = pdf_pages(data)
    with pdf:
        assert pages[0].extract_text().split()[0] == "1"
        assert pdf.metadata["Title"] == "Sơ đồ"


def test_number_line_keeps_its_blank_and_long_date_fits_one_line():
    doc = Document(
        title="Kế hoạch",
        header=Header(
            issuer="Sở Văn hóa, Thể thao và Du lịch",
            parent_body="Ủy ban nhân dân tỉnh An Giang",
            number_line="Số:        /KH-SVHTTDL",
            date_line="Thành phố Hồ Chí Minh, ngày 05 tháng 02 năm 2025",
        ),
    )
    pdf, pages = pdf_pages(render_pdf(doc))
    with pdf:
        page = pages[0]
        (number,) = words(page, "Số:")
        assert number["text"].startswith("Số:\u00a0") or number["text"].startswith("Số:")
        assert "/KH-SVHTTDL" in page.extract_text()
        (n_word,) = [w for w in page.extract_words() if w["text"] == "/KH-SVHTTDL"]
        assert n_word["x0"] - number["x0"] > 40  # the blank for the number survives
        text = page.extract_text()
        assert "SỞ VĂN HÓA, THỂ" in text and "ỦY BAN NHÂN DÂN TỈNH AN GIANG" not in text
        assert any("Thành phố Hồ Chí Minh" in ln and "ngày" in ln for ln in text.splitlines())


def test_empty_parts_still_make_a_valid_file():
    import docx

    from kehoach_app.printing import BulletList, KeyValue, render_docx

    doc = Document("", body=[Table([], []), KeyValue([]), BulletList([]), Paragraph("")])
    pdf, pages = pdf_pages(render_pdf(doc))
    with pdf:
        assert len(pages) == 1
    assert docx.Document(io.BytesIO(render_docx(doc))).paragraphs


@pytest.mark.parametrize("shift", range(0, 40, 3))
def test_a_span_of_years_and_an_edition_are_never_cut(shift):
    """'giai đoạn 2025 - 2030' and 'lần thứ VIII' stay on one line wherever the line ends
    (outside walk: "2025 -" / "2030" in the Đại hội programme, "lần thứ" / "VI" on the LED)."""
    lead = "x" * shift
    text = (
        f"{lead} Báo cáo đánh giá phong trào thi đua yêu nước giai đoạn 2025 - 2030 của Đại hội "
        "Thi đua yêu nước tỉnh Thanh Hóa lần thứ VIII và các năm sau đó"
    )
    data = render_pdf(Document(title="", body=[Paragraph(text) for _ in range(3)]))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[0].extract_words(keep_blank_chars=False)
    lines: dict[int, list[str]] = {}
    for word in words:
        lines.setdefault(round(word["top"]), []).append(word["text"])
    joined = [" ".join(ws) for _, ws in sorted(lines.items())]
    for span in ("2025 - 2030", "lần thứ VIII"):
        assert sum(span in unicodedata.normalize("NFKC", line) for line in joined) == 3, joined


def test_the_join_is_a_no_break_space_in_the_text_the_layer_prints():
    from kehoach_app.printing.layout import clean

    assert clean("giai đoạn 2025 - 2030, lần thứ VIII") == (
        "giai đoạn 2025\u00a0-\u00a02030, lần\u00a0thứ\u00a0VIII"
    )
    assert clean("năm 12025 - 2030") == "năm 12025 - 2030"  # not years
