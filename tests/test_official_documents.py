"""Issue 15, across the whole set of the demo: what the printouts say.

Every printout is built in every format and read as the signer and the print shop read it:
nothing addressed to the clerk, counts and "Bằng chữ" written one way, every font embedded.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
import zipfile

import pdfplumber
import pytest

from kehoach_app import vn

# Notes to the clerk that must never reach a document (vn.CLERK_PHRASES adds its own), and the
# blank resolution number of the old demo.
CLERK_PHRASES = (*vn.CLERK_PHRASES, "…/2025/NQ", ".../2025/NQ", "dữ liệu minh họa")
# A count of people or things in running text below 10 without its leading zero: "(2 đại biểu)",
# "đại diện 3 tập thể" (a table's Số lượng column is a figure, not a count in a sentence).
LONE_DIGIT_COUNT = re.compile(
    r"(\(|\b(?:đại diện|cho|tổng số|gồm|xếp|còn|có) )[1-9] "
    r"(đại biểu|cá nhân|tập thể|việc|người|đơn vị)\b"
)


def _text(name: str, data: bytes) -> str:
    if name.endswith(".pdf"):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = " ".join(
                archive.read(n).decode("utf-8")
                for n in archive.namelist()
                if n.endswith(".xml") and n.startswith(("word/", "xl/"))
            )
        text = html.unescape(re.sub(r"<[^>]+>", " ", xml))
    return unicodedata.normalize("NFC", text)


@pytest.fixture()
def demo_set(app):
    from kehoach_app.db import db
    from kehoach_app.demo import create_demo_conference
    from kehoach_app.printouts import all_printouts, filename_for

    with app.test_request_context():
        conference = create_demo_conference()
        db.session.commit()
        return {
            filename_for(conference, p, fmt): p.build(conference, fmt)
            for p in all_printouts()
            for fmt in p.formats
        }


def test_no_printout_of_the_demo_carries_a_note_to_the_clerk(demo_set):
    for name, data in demo_set.items():
        folded = _text(name, data).casefold()
        found = [phrase for phrase in CLERK_PHRASES if phrase.casefold() in folded]
        assert not found, (name, found)


def test_counts_and_amounts_in_words_follow_one_rule(demo_set):
    words = 0
    for name, data in demo_set.items():
        text = _text(name, data)
        flat = " ".join(text.split())
        assert not LONE_DIGIT_COUNT.search(flat), (name, LONE_DIGIT_COUNT.search(flat))
        for match in re.finditer(r"Bằng chữ: (.{0,300}?đồng)(.?)", flat):
            words += 1
            assert match.group(2) == ".", (name, match.group(0))
    # the estimate (PDF, DOCX, XLSX), the money list (PDF, XLSX) and the plan (PDF, DOCX)
    assert words >= 7
    script = " ".join(_text("x.pdf", demo_set["Kịch bản trao thưởng - 2027.pdf"]).split())
    assert "Đợt 1: Bằng khen của Thủ tướng Chính phủ (01 cá nhân)" in script
    assert "(03 tập thể)" in script and "đại diện 03 tập thể" in script
    plan = " ".join(_text("x.pdf", demo_set["Kế hoạch tổ chức Hội nghị - 2027.pdf"]).split())
    assert re.search(r"Bằng chữ: [A-ZĐ][^.]* đồng\.", plan)


def test_every_font_of_every_pdf_is_embedded(demo_set, tmp_path):
    for name, data in demo_set.items():
        if not name.endswith(".pdf"):
            continue
        path = tmp_path / "file.pdf"
        path.write_bytes(data)
        table = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        fonts = table.splitlines()[2:]
        assert fonts, name
        for line in fonts:
            # columns: name type encoding emb sub uni object ID
            assert line.split()[-5] == "yes", (name, line)
            assert "Helvetica" not in line, (name, line)
