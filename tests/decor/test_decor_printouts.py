"""The decoration PDFs opened again: the checklist's text, the drawing's elements where the
protocol puts them and to scale, and the print-shop sheet's texts with their line breaks."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pdfplumber
import pytest

from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.decor import logic, operations
from kehoach_app.decor.models import Backdrop, DecorItem
from kehoach_app.decor.printout import PT_PER_M

TORTURE = "Pano “Thi đua” A & B <C> — Ỷ Ở Ữ ỵ ẫ ặ đ"

RED = (0.855, 0.145, 0.114)  # #da251d, the flag
CREAM = (0.984, 0.953, 0.882)  # #fbf3e1, the backdrop
PLINTH = (0.804, 0.733, 0.624)  # #cdbb9f


def pdf(client, conference_id: int, key: str) -> bytes:
    response = client.get(f"/hoi-nghi/{conference_id}/in/{key}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    return response.data


def pages_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [page.extract_text() or "" for page in document.pages]


def same_colour(colour, wanted) -> bool:
    return (
        isinstance(colour, tuple | list)
        and len(colour) == 3
        and all(abs(a - b) < 0.01 for a, b in zip(colour, wanted, strict=True))
    )


def conference_of(app, conference_id: int):
    with app.app_context():
        conference = db.session.get(Conference, conference_id)
        db.session.expunge(conference)
        return conference


# --------------------------------------------------------------------------- the checklist


def table_rows(data: bytes) -> list[list[str]]:
    """Every row of the checklist's table, over all pages, cells with their lines joined."""
    rows = []
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            for table in page.extract_tables():
                for row in table:
                    rows.append([" ".join((cell or "").split()) for cell in row])
    return rows


def test_checklist_pdf_lists_every_item_with_tick_boxes_and_sign_off(app, client, demo_id):
    data = pdf(client, demo_id, "bang-kiem-trang-tri")
    assert b"Helvetica" not in data and b"Times-Roman" not in data
    pages = pages_text(data)
    assert len(pages) <= 2  # the preset's items fit one or two A4 pages
    flowing = " ".join("\n".join(pages).split())
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ TÂN HÒA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BẢNG KIỂM TRANG TRÍ KHÁNH TIẾT",
        "NGƯỜI KIỂM TRA",
        "(Ký, ghi rõ họ tên)",
        "Đã xong 3/11 hạng mục",
        "Hoàn thành trang trí: Thứ",
        "(trước 01 ngày)",
    ):
        assert expected in flowing, expected
    rows = table_rows(data)
    areas = [row[0] for row in rows if row[1:] == [""] * 5]
    assert areas == ["I. SÂN KHẤU", "II. TRONG HỘI TRƯỜNG", "III. NGOÀI HỘI TRƯỜNG, SẢNH"]
    by_number = {row[1]: row for row in rows if row[1].isdigit()}
    assert len(by_number) == 11
    conference = conference_of(app, demo_id)
    deadline = logic.deadline_label(conference.date, 1)
    flag = by_number["1"]
    assert flag[0] == "Đã xong"
    assert flag[2] == "Quốc kỳ 1 lá"
    assert flag[3] == "Treo trên phông, phía trái sân khấu (nhìn từ phía dưới lên)"
    assert flag[5] == deadline
    assert by_number["2"][3] == "Đặt trên bục cao, dưới ngôi sao của Quốc kỳ"
    assert by_number["4"][0] == "Đang làm"
    assert "Nội dung in: ỦY BAN NHÂN DÂN XÃ TÂN HÒA HỘI NGHỊ TỔNG KẾT" in by_number["4"][3]
    assert by_number["11"][0] == "Chưa làm"
    assert [row[0] for row in by_number.values()].count("Đã xong") == 3


def test_checklist_prints_text_as_typed(app, client, demo_id):
    with app.app_context():
        item = db.session.query(DecorItem).filter_by(conference_id=demo_id, item="Pano").first()
        item = item or db.session.query(DecorItem).filter_by(conference_id=demo_id).first()
        item.item = TORTURE
        item.placement = "Cánh gà <trái> & phải"
        db.session.commit()
    cells = [
        cell for row in table_rows(pdf(client, demo_id, "bang-kiem-trang-tri")) for cell in row
    ]
    assert any(cell.startswith(TORTURE) for cell in cells)
    assert "Cánh gà <trái> & phải" in cells


def test_province_preset_checklist_fits_two_pages(app, client):
    from tests.conferences.test_views import valid_form
    from tests.conftest import post

    page = "/hoi-nghi/moi/tong_ket.tinh"
    data = valid_form(preset_key="tong_ket.tinh", level="tinh", issuer="Ủy ban nhân dân tỉnh A")
    post(client, page, data, page=page)
    with app.app_context():
        conference_id = db.session.query(Conference).one().id
    pages = pages_text(pdf(client, conference_id, "bang-kiem-trang-tri"))
    assert len(pages) <= 2
    assert "Pano" in "\n".join(pages)


# --------------------------------------------------------------------------- the drawing


def drawing(client, conference_id):
    data = pdf(client, conference_id, "phong-san-khau")
    document = pdfplumber.open(io.BytesIO(data))
    return data, document.pages[0]


def test_drawing_puts_the_flag_left_and_the_title_inside_the_backdrop(app, client, demo_id):
    data, page = drawing(client, demo_id)
    assert b"Helvetica" not in data
    assert page.width > page.height  # landscape
    backdrops = [r for r in page.rects if same_colour(r["non_stroking_color"], CREAM)]
    flags = [r for r in page.rects if same_colour(r["non_stroking_color"], RED)]
    assert len(backdrops) == 1 and flags
    backdrop = backdrops[0]
    flag = max(flags, key=lambda r: r["width"])
    # the flag's x-centre is in the left half of the backdrop as drawn (the audience's left)
    assert (flag["x0"] + flag["x1"]) / 2 < (backdrop["x0"] + backdrop["x1"]) / 2
    assert flag["width"] / flag["height"] == pytest.approx(1.5, rel=1e-3)
    # proportions follow the backdrop's 9,0 × 4,0 m, at the scale written in the title strip
    assert backdrop["width"] / backdrop["height"] == pytest.approx(9 / 4, rel=1e-3)
    text = page.extract_text()
    ratio = int(re.search(r"Tỷ lệ 1:(\d+)", text).group(1))
    assert backdrop["width"] == pytest.approx(9 * PT_PER_M / ratio, rel=1e-3)
    assert flag["width"] == pytest.approx(2.4 * PT_PER_M / ratio, rel=1e-3)
    for label in ("9,0 m", "4,0 m", "Phông: 9,0 m × 4,0 m", "PHÁC THẢO PHÔNG SÂN KHẤU"):
        assert label in text
    # the title's words are there and inside the backdrop rectangle
    words = page.extract_words()
    title_words = [w for w in words if w["text"] in ("HỘI", "NGHỊ", "TỔNG", "KẾT")]
    assert {w["text"] for w in title_words} >= {"HỘI", "NGHỊ", "TỔNG", "KẾT"}
    for word in title_words:
        if word["top"] < backdrop["top"]:
            continue  # the same words in the title strip above the drawing
        assert backdrop["x0"] < word["x0"] < word["x1"] < backdrop["x1"]
        assert backdrop["top"] < word["top"] < word["bottom"] < backdrop["bottom"]
        assert word["x0"] > flag["x1"]  # right of the flag
    # the plinth stands on the stage floor under the flag's centre
    plinth = next(r for r in page.rects if same_colour(r["non_stroking_color"], PLINTH))
    assert (plinth["x0"] + plinth["x1"]) / 2 == pytest.approx((flag["x0"] + flag["x1"]) / 2)
    assert plinth["bottom"] == pytest.approx(backdrop["bottom"], abs=1)
    assert plinth["top"] > flag["bottom"]
    assert "chiều cao chữ in hoa" in text and "cm" in text


def test_drawing_follows_the_size_entered(app, client, demo_id):
    with app.app_context():
        db.session.get(Backdrop, demo_id).width_m = 20.0
        db.session.get(Backdrop, demo_id).height_m = 6.0
        db.session.commit()
    _, page = drawing(client, demo_id)
    backdrop = next(r for r in page.rects if same_colour(r["non_stroking_color"], CREAM))
    assert backdrop["width"] / backdrop["height"] == pytest.approx(20 / 6, rel=1e-3)
    text = page.extract_text()
    assert "20,0 m" in text and "6,0 m" in text


def test_drawing_without_a_size_says_it_is_assumed(app, client, demo_id):
    with app.app_context():
        db.session.delete(db.session.get(Backdrop, demo_id))
        db.session.commit()
    _, page = drawing(client, demo_id)
    text = page.extract_text()
    assert "Chưa nhập kích thước phông" in text and "12,0 m" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_drawing_rendered_to_png_is_red_on_the_left_only(app, client, demo_id, tmp_path):
    from PIL import Image

    data, page = drawing(client, demo_id)
    backdrop = next(r for r in page.rects if same_colour(r["non_stroking_color"], CREAM))
    (tmp_path / "phong.pdf").write_bytes(data)
    dpi = 50
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "phong.pdf", "phong"],
        cwd=tmp_path,
        check=True,
    )
    image = Image.open(tmp_path / "phong.png").convert("RGB")
    k = dpi / 72
    left, right = backdrop["x0"] * k, backdrop["x1"] * k
    top, bottom = backdrop["top"] * k, backdrop["bottom"] * k
    middle = (left + right) / 2

    def red(x, y):
        r, g, b = image.getpixel((int(x), int(y)))
        return r > 190 and g < 80 and b < 80

    reds = [
        x
        for x in range(int(left) + 1, int(right) - 1)
        for y in range(int(top) + 1, int(bottom) - 1, 3)
        if red(x, y)
    ]
    assert len(reds) > 200
    big_red_right = sum(1 for x in reds if x > middle)
    assert big_red_right < 0.05 * len(reds)  # only the red title letters, not a flag


# --------------------------------------------------------------------------- texts to print


def test_print_texts_have_one_page_each_with_breaks_and_sizes(app, client, demo_id):
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        title_lines = operations.backdrop_plan(conference).title.text.split("\n")
        pano = DecorItem(
            conference_id=demo_id,
            position=99,
            area="san_khau",
            item="Pano cánh gà",
            quantity=2,
            unit="tấm",
            text="Thi đua là yêu nước\nYêu nước thì phải thi đua",
        )
        db.session.add(pano)
        db.session.commit()
    data = pdf(client, demo_id, "noi-dung-in")
    assert b"Helvetica" not in data
    pages = pages_text(data)
    assert len(pages) == 3
    first = pages[0].split("\n")
    assert "NỘI DUNG IN 1/3: TIÊU ĐỀ PHÔNG SÂN KHẤU" in pages[0]
    # the printed lines are the title block's lines, in order, each whole
    positions = [
        next(i for i, line in enumerate(first) if line.startswith(title_line))
        for title_line in title_lines
    ]
    assert positions == sorted(positions)
    assert "Khổ phông: 9,0 m × 4,0 m" in pages[0]
    assert "chữ cao" in pages[0] and "còn để trống ngày" not in pages[0]
    assert "BĂNG CHÀO MỪNG" in pages[1]
    assert "CHÀO MỪNG ĐẠI BIỂU VỀ DỰ HỘI NGHỊ" in pages[1]
    assert "Khổ băng đề xuất: 10,0 m × 0,9 m" in pages[1]
    assert "Thi đua là yêu nước\nYêu nước thì phải thi đua" in pages[2]
    assert "Số lượng: 2 tấm." in pages[2]


def test_the_backdrop_date_is_printed_in_full_on_every_decor_sheet(app, client, demo_id):
    # Issue 16 (signer's review): "Hải Châu, ngày … tháng 01 năm 2027" printed while the
    # conference's date, 15/01/2027, is known. Checklist, print texts and backdrop all say it.
    with app.app_context():
        conference = db.session.get(Conference, demo_id)
        conference.date = dt.date(2027, 1, 15)
        db.session.commit()
    for key in ("bang-kiem-trang-tri", "noi-dung-in", "phong-san-khau"):
        text = " ".join(" ".join(pages_text(pdf(client, demo_id, key))).split())
        assert "Tân Hòa, ngày 15 tháng 01 năm 2027" in text, key
        assert "ngày … tháng" not in text, key
