"""The set audit (issue 15, quality bar): every printout of the demo and of the large bench
conference (1,000 delegates, 300 awards, a seated hall, long names, a 13-digit total) read as
the signer and the print shop read it.

- every money amount and every STT is one word on one line;
- every table cell's lines break only at spaces or after "/" and "-" (each drawn line compared
  with the cell's text);
- no page ends with a heading or a section row, no page holds a signature block alone;
- no PDF names a font it does not embed;
- no official document carries a note to the clerk;
- the DOCX tables: rows never split (cantSplit), the header row repeats, section rows keep
  with the next, no column narrower than its widest number.

Both sets are built once for the module (about 10 s on the shared machine).
"""

from __future__ import annotations

import io
import re
import zipfile

import pdfplumber
import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import LIT
from reportlab.pdfbase.pdfmetrics import stringWidth

from kehoach_app import create_app
from kehoach_app.db import db
from kehoach_app.printing import layout as L
from kehoach_app.printing import pdf as printing_pdf
from kehoach_app.printing import register_fonts

#: Addressed to the clerk, never to the signer: stays on the screen and in the checks.
#: ("hình ảnh minh họa kết quả" is the plan's own wording; "(minh họa)" marks sample data.)
CLERK_PHRASES = ("cần kiểm tra", "(minh họa)", "cần thay bằng", "mức thường gặp", "(check)")

#: What is not an official document: the LED slides, drawings for the print shop, cards.
NOT_OFFICIAL = ("Màn hình LED", "Phông sân khấu", "Nội dung in băng rôn", "Biển tên", "Nhãn")

# the head of an amount cut inside: "5.036.770.00" (then "0"), "1.153." (then "680.000")
MONEY_BROKEN = re.compile(r"^\d{1,3}(\.\d{3})*\.\d{1,2}$|^\d{1,3}(\.\d{3})+\.$")
NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*$")
HEADING_LIKE = re.compile(r"^([IVXLC]+\.?|\d+(\.\d+)*\.)\s+\S")


def _large_conference(app) -> int:
    from bench.bench_print_all import build
    from kehoach_app.budget.models import BudgetLine

    cid = build(app)
    with app.app_context():
        # a 13-digit total: 1.500 × 1.000.000.000 đồng
        db.session.add(
            BudgetLine(
                conference_id=cid,
                position=999,
                category="khac",
                content="Hạng mục rất lớn để thử cột Thành tiền",
                unit="người/ngày",
                quantity_milli=1_500_000,
                unit_price=1_000_000_000,
            )
        )
        db.session.commit()
    return cid


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Every file of both sets, and what each LineCell drew: (file, text, lines)."""
    from kehoach_app.conferences.models import Conference
    from kehoach_app.demo import create_demo_conference
    from kehoach_app.printouts import all_printouts

    app = create_app({"TESTING": True}, data_dir=tmp_path_factory.mktemp("audit") / "data")
    drawn: list[tuple[str, str, list[str]]] = []
    current = {"file": ""}
    original = printing_pdf.LineCell.draw

    def record(self):
        if self._fits and not self._blank:
            lines = ["".join(t for t, _ in line) for line in self._drawn]
            drawn.append((current["file"], L.plain_text(self.content), lines))
        return original(self)

    files: dict[str, bytes] = {}
    large = _large_conference(app)
    with app.app_context():
        demo = create_demo_conference()
        db.session.commit()
        printing_pdf.LineCell.draw = record
        try:
            for label, cid in (("demo", demo.id), ("large", large)):
                conference = db.session.get(Conference, cid)
                for printout in all_printouts():
                    for fmt in printout.formats:
                        name = f"{label}/{printout.title}.{fmt}"
                        current["file"] = name
                        files[name] = printout.build(conference, fmt)
        finally:
            printing_pdf.LineCell.draw = original
        db.session.remove()
        db.engine.dispose()
    return files, drawn


#: Pages read of each PDF: the first ones and the last ones (a 1,000-letter file repeats itself).
HEAD_PAGES, TAIL_PAGES = 50, 5


@pytest.fixture(scope="module")
def pages(printed):
    """Each PDF read once: per page read, its number, words, lines (text, all bold), text;
    and whether it is the file's last page."""
    files, _ = printed
    out = {}
    for name, data in files.items():
        if not name.endswith(".pdf"):
            continue
        read = []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            numbers = [n for n in range(count) if n < HEAD_PAGES or n >= count - TAIL_PAGES]
            for n in numbers:
                page = pdf.pages[n]
                words = page.extract_words(extra_attrs=["size"])
                lines = []
                for line in page.extract_text_lines(return_chars=True):
                    text = line["text"].strip()
                    if not text or (line["top"] < 50 and text.isdigit()):
                        continue  # the page number in the top margin
                    chars = [c for c in line["chars"] if c["text"].strip()]
                    bold = all("Bold" in c["fontname"] for c in chars)
                    lines.append((text, bold))
                fonts = [resolve1(f) for f in _page_fonts(page)]
                read.append(
                    {
                        "number": n + 1,
                        "last": n == count - 1,
                        "words": words,
                        "lines": lines,
                        "text": " ".join(t for t, _ in lines),
                        "fonts": fonts,
                    }
                )
        out[name] = read
    return out


def _page_fonts(page):
    fonts = resolve1((page.page_obj.resources or {}).get("Font")) or {}
    return list(fonts.values())


def _official(name: str) -> bool:
    return not any(marker in name for marker in NOT_OFFICIAL)


def _docxs(files):
    return {name: data for name, data in files.items() if name.endswith(".docx")}


# --------------------------------------------------------------------------- numbers


def test_every_money_amount_and_every_stt_is_one_word_on_one_line(pages):
    broken = []
    for name, read in pages.items():
        for page in read:
            words = page["words"]
            for w in words:
                if MONEY_BROKEN.match(w["text"]):
                    broken.append((name, page["number"], w["text"]))
            numbers = [w for w in words if NUMBER.match(w["text"])]
            # a number continued on the next line of its cell: one leading below, in the
            # same column
            for a in numbers:
                for b in numbers:
                    gap = b["top"] - a["top"]
                    if (
                        0 < gap < 1.3 * a["size"]
                        and b["x0"] < a["x1"]
                        and a["x0"] < b["x1"]
                        and len(b["text"]) <= 2
                        and len(a["text"]) >= 2
                    ):
                        broken.append((name, page["number"], f"{a['text']}|{b['text']}"))
    assert broken == [], broken


def test_the_13_digit_total_prints_whole(printed):
    files, _ = printed
    data = files["large/Dự toán kinh phí tổ chức Hội nghị.pdf"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
    assert "1.500.000.000.000" in words
    assert any(re.fullmatch(r"1\.5\d\d\.\d{3}\.\d{3}\.\d{3}", w) for w in words)


# --------------------------------------------------------------------------- line breaks


def _bad_break(text: str, lines: list[str]) -> str | None:
    """Where the drawn lines of a cell break other than at a space or after "/" or "-"."""
    if len(lines) < 2:
        return None
    source = " ".join(text.replace("\u00a0", " ").split())
    joined = ""
    for i, line in enumerate(lines):
        line = " ".join(line.replace("\u00a0", " ").split())
        if i:
            if source.startswith(joined + " " + line):
                joined += " " + line
                continue
            if joined[-1:] in "/-–" and source.startswith(joined + line):
                joined += line
                continue
            return f"{lines[i - 1]!r} | {line!r}"
        joined = line
    return None


def test_cell_lines_break_only_between_words_or_after_slash_and_hyphen(printed):
    _, drawn = printed
    bad = []
    for name, text, lines in drawn:
        if "\n" in text:
            continue  # the caller's own line breaks
        where = _bad_break(text, lines)
        if where:
            bad.append((name, where))
    assert len(drawn) > 5_000  # the large lists drew their cells here
    assert bad == [], bad


def test_a_word_that_fits_whole_is_never_broken(printed):
    """A word breaks after its "/" or "-" only when it is wider than a whole line."""
    _, drawn = printed
    bad = []
    for name, text, lines in drawn:
        if len(lines) < 2 or "\n" in text:
            continue
        source = " ".join(text.replace("\u00a0", " ").split())
        at = 0
        for line in lines[:-1]:
            line = " ".join(line.replace("\u00a0", " ").split())
            at = source.find(line, at) + len(line)
            if at < len(source) and source[at] != " ":  # broken inside a word
                start = source.rfind(" ", 0, at) + 1
                end = source.find(" ", at)
                word = source[start : end if end >= 0 else None]
                if len(word) < max(len(x) for x in lines) - 2:
                    bad.append((name, word, lines))
    assert bad == [], bad


# --------------------------------------------------------------------------- page breaks


def test_no_page_ends_with_a_heading_or_a_section_row(pages):
    bad = []
    for name, read in pages.items():
        if not _official(name):
            continue
        for page in read:
            if page["last"] or not page["lines"]:
                continue
            text, bold = page["lines"][-1]
            if not bold or text.upper().startswith(("TỔNG", "CỘNG")):
                continue
            if HEADING_LIKE.match(text) or (text == text.upper() and len(text) > 3):
                bad.append((name, page["number"], text))
    assert bad == [], bad


def test_no_page_holds_a_signature_block_alone(pages):
    bad = []
    for name, read in pages.items():
        if not _official(name):
            continue
        for page in read:
            if page["number"] == 1 or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page["text"]:
                continue  # a document of the file starts here
            lines = page["lines"]
            if not any("(Ký" in t for t, _ in lines):
                continue
            first_signature = next(
                (i for i, (t, b) in enumerate(lines) if b and t == t.upper() and len(t) > 3),
                len(lines),
            )
            if first_signature < 2:
                bad.append((name, page["number"], [t for t, _ in lines[:3]]))
    assert bad == [], bad


# --------------------------------------------------------------------------- fonts


def _embedded(font) -> bool:
    if font.get("Subtype") == LIT("Type0"):
        font = resolve1(resolve1(font["DescendantFonts"])[0])
    descriptor = resolve1(font.get("FontDescriptor"))
    if descriptor is None:
        return False
    return any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))


def test_no_pdf_names_a_font_it_does_not_embed(pages):
    bad = set()
    for name, read in pages.items():
        for page in read:
            for font in page["fonts"]:
                if not _embedded(font):
                    bad.add((name.split("/", 1)[1], str(font.get("BaseFont"))))
    assert sorted(bad) == [], sorted(bad)


# --------------------------------------------------------------------------- the clerk


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml)


def test_no_official_document_carries_a_note_to_the_clerk(printed, pages):
    files, _ = printed
    found = []
    for name, data in files.items():
        if not _official(name) or name.endswith(".xlsx"):
            continue
        if name.endswith(".pdf"):
            text = " ".join(page["text"] for page in pages[name])
        else:
            text = _docx_text(data)
        text = " ".join(text.split())
        for phrase in CLERK_PHRASES:
            if phrase in text:
                found.append((name, phrase))
    assert found == [], found


# --------------------------------------------------------------------------- DOCX


def _cell_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def _grid_tables(document):
    for table in document.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        top = borders.find(qn("w:top")) if borders is not None else None
        if top is not None and top.get(qn("w:val")) == "single":
            yield table


def test_docx_tables_keep_rows_whole_repeat_the_header_and_hold_their_numbers(printed):
    files, _ = printed
    fonts = register_fonts()
    bad = []
    for name, data in _docxs(files).items():
        document = open_docx(io.BytesIO(data))
        section = document.sections[0]
        text_width = (section.page_width - section.left_margin - section.right_margin) / 12700
        for table in _grid_tables(document):
            rows = table._tbl.findall(qn("w:tr"))
            widths = [
                int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))
            ]
            if sum(widths) > text_width + 1:
                bad.append((name, "wider than the page", sum(widths)))
            for i, tr in enumerate(rows):
                trpr = tr.find(qn("w:trPr"))
                if trpr is None or trpr.find(qn("w:cantSplit")) is None:
                    bad.append((name, "row may split", i))
                if i == 0 and len(rows) > 1 and trpr.find(qn("w:tblHeader")) is None:
                    bad.append((name, "header row does not repeat", i))
                cells = tr.findall(qn("w:tc"))
                texts = [_cell_text(c) for c in cells]
                first = texts[0].strip() if texts else ""
                is_section = bool(re.fullmatch(r"[IVXLC]+\.?", first)) and i < len(rows) - 1
                if is_section and tr.find(".//" + qn("w:keepNext")) is None:
                    bad.append((name, "section row does not keep with the next", first))
                for j, text in enumerate(texts[: len(widths)]):
                    sizes = [int(s.get(qn("w:val"))) / 2 for s in cells[j].iter(qn("w:sz"))]
                    size = max(sizes, default=12)
                    for word in text.split():
                        if L.is_number_like(word):
                            need = stringWidth(word, fonts.bold, size) + 2 * L.TABLE_PADDING_X
                            if need > widths[j] + 0.5:
                                bad.append((name, "number wider than its column", word))
    assert bad == [], bad


def test_docx_estimate_keeps_its_section_rows_with_their_items(printed):
    files, _ = printed
    document = open_docx(io.BytesIO(files["large/Dự toán kinh phí tổ chức Hội nghị.docx"]))
    table = next(_grid_tables(document))
    sections = [
        tr
        for tr in table._tbl.findall(qn("w:tr"))
        if re.fullmatch(r"[IVX]+", _cell_text(tr.findall(qn("w:tc"))[0]).strip())
    ]
    assert len(sections) >= 5
    assert all(tr.find(".//" + qn("w:keepNext")) is not None for tr in sections)
