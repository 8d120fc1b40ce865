"""The seating PDFs: their text (pdfplumber), their drawing (rendered to PNG), the table cards'
two faces (one turned by 180°), long names never cut, and no built-in font anywhere."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from kehoach_app.seating import logic, printout
from kehoach_app.seating.logic import Person, parse_layout

LONG_NAME = "Nguyễn Thị Phương Thảo Hoàng Long"
PACKAGE = Path(__file__).resolve().parents[2] / "kehoach_app" / "seating"


def _chart(people: list[Person], layout: logic.HallLayout | None = None) -> logic.SeatingChart:
    layout = layout or parse_layout(
        {
            "stage": {"rows": [{"seats": 5, "table": True}], "lectern": "right"},
            "blocks": [
                {"name": "Khối trái", "rows": 4, "seats": 4},
                {"name": "Khối giữa", "rows": 4, "seats": 6},
                {"name": "Khối phải", "rows": 4, "seats": 4},
            ],
            "missing": ["B3-D-04"],
            "zones": [
                {
                    "key": "kt",
                    "kind": "nhan_thuong",
                    "label": "Đại biểu nhận khen thưởng",
                    "block": 1,
                    "rows": [1, 2],
                    "seats": [1, 4],
                },
                {
                    "key": "ld",
                    "kind": "lanh_dao",
                    "label": "Lãnh đạo các ngành",
                    "block": 2,
                    "rows": [1, 1],
                    "seats": [1, 6],
                },
            ],
        }
    )
    result = logic.assign_seats(layout, people)
    views, unseated, warnings = logic.check_plan(
        layout, people, {code: (pid, False) for code, pid in result.seats.items()}
    )
    return logic.SeatingChart(
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026",
        hall_name="Hội trường Ủy ban nhân dân xã Tân Hòa",
        layout=layout,
        second_side="right",
        seats=views,
        unseated=unseated,
        warnings=warnings,
        issuer="Ủy ban nhân dân xã Tân Hòa",
        when="07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027",
    )


PEOPLE = [
    Person(
        id=1,
        full_name="Lê Quốc Hưng",
        position="Phó Giám đốc Sở Nội vụ",
        protocol_rank=1,
        presidium=True,
        reply="attending",
    ),
    Person(
        id=2,
        full_name="Nguyễn Văn Thạnh",
        position="Bí thư Đảng ủy xã",
        protocol_rank=2,
        presidium=True,
        reply="attending",
    ),
    Person(
        id=3,
        full_name="Phạm Thị Ngọc Ánh",
        position="Chủ tịch Hội đồng nhân dân xã",
        protocol_rank=3,
        presidium=True,
        reply="attending",
    ),
    Person(
        id=4,
        full_name=LONG_NAME,
        position="Chủ tịch Hội Liên hiệp Phụ nữ xã",
        protocol_rank=4,
        reply="attending",
    ),
    Person(
        id=5,
        full_name="Đặng Thị Thu Hương",
        position="Phó Trưởng ban",
        protocol_rank=5,
        reply="substitute",
        substitute_name="Quách Ngọc Diễm",
    ),
    Person(id=6, full_name="A & B <C>", position="Đại diện", reply="attending"),
    Person(id=7, full_name="Trần Văn Vắng", reply="absent"),
]


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())


def _words(data: bytes, page: int = 0) -> list[dict]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdf.pages[page].extract_words(extra_attrs=["upright", "size"])


def test_the_chart_has_the_stage_the_flag_on_the_left_the_names_and_the_legend(tmp_path):
    data = printout.render_chart(_chart(PEOPLE))
    text = _text(data)
    for expected in (
        "SƠ ĐỒ CHỖ NGỒI",
        "SÂN KHẤU",
        "Quốc kỳ",
        "Tượng Bác",
        "Bục phát biểu",
        "Khối trái",
        "Khối giữa",
        "Đại biểu nhận khen thưởng",
        "Lãnh đạo các ngành",
        "Ghế không dùng",
        "Diễm",  # names may take two lines in their seat: look for words
        "<C>",
        "&",
    ):
        assert expected in text, expected
    assert "Trần Văn Vắng" not in text  # absent
    assert "Đặng Thị Thu Hương" not in text  # her substitute's name is printed
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert page.width > page.height  # landscape
        words = page.extract_words()
        flag = next(w for w in words if w["text"] == "Quốc")
        lectern = next(w for w in words if w["text"] == "Bục")
        # the flag on the audience's left = the page's left; the lectern set "right"
        assert flag["x0"] < page.width / 3
        assert lectern["x0"] > page.width * 2 / 3
        # No. 1 (Hưng) in the centre of the stage, No. 2 (Thạnh) on the page's left of them
        hung = next(w for w in words if w["text"] == "Hưng")
        thanh = next(w for w in words if w["text"] == "Thạnh")
        assert thanh["x0"] < hung["x0"]
        assert abs((hung["x0"] + hung["x1"]) / 2 - page.width / 2) < 30
        # the aisles are labelled up the page
        turned = "".join(c["text"] for c in page.chars if not c["upright"])
        assert turned.count("LỐIĐI") + turned.count("LỐI ĐI") == 4
    # and LOOK at it
    if shutil.which("pdftoppm"):
        pdf_path = tmp_path / "chart.pdf"
        pdf_path.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", str(pdf_path), str(tmp_path / "chart")], check=True
        )
        assert list(tmp_path.glob("chart*.png"))


def test_a_long_name_is_never_cut_it_shrinks_or_takes_two_lines():
    fonts = printout.register_fonts()
    width = 30.0
    fitted = printout.fit_text(LONG_NAME, fonts.regular, width, 24, 9, max_lines=3)
    assert " ".join(fitted.lines) == LONG_NAME
    assert len(fitted.lines) >= 2
    for line in fitted.lines:
        assert printout.stringWidth(line, fonts.regular, fitted.size) <= width + 0.01
    assert fitted.size >= 3.5  # still legible on paper
    # in the chart every word of the name is there
    text = _text(printout.render_chart(_chart(PEOPLE)))
    for word in LONG_NAME.split():
        assert word in text


def test_a3_for_a_big_hall():
    layout = parse_layout(
        {
            "stage": {"rows": [{"seats": 9}]},
            "blocks": [
                {"rows": 30, "seats": 14},
                {"rows": 30, "seats": 18},
                {"rows": 30, "seats": 14},
            ],
        }
    )
    data = printout.render_chart(_chart(PEOPLE, layout))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert round(page.width) == 1191 and round(page.height) == 842  # A3 landscape


def test_presidium_chart_numbers_the_protocol_order():
    data = printout.render_presidium(_chart(PEOPLE))
    text = _text(data)
    assert "SƠ ĐỒ ĐOÀN CHỦ TỊCH" in text
    assert "Lê Quốc Hưng" in text and "Phó Giám đốc Sở Nội vụ" in text
    words = _words(data)
    hung = next(w for w in words if w["text"] == "Hưng")
    thanh = next(w for w in words if w["text"] == "Thạnh")
    anh = next(w for w in words if w["text"] == "Ánh")
    assert thanh["x0"] < hung["x0"] < anh["x0"]


def test_usher_list_is_in_vietnamese_name_order_with_block_row_seat():
    data = printout.render_list(_chart(PEOPLE))
    text = _text(data)
    assert "DANH SÁCH CHỖ NGỒI" in text
    # the cell wraps between words: "Quách Ngọc Diễm (dự thay Đặng" / "Thị Thu Hương)"
    assert "Quách Ngọc Diễm (dự thay" in text and "Thị Thu Hương)" in text
    # by tên: Ánh, Diễm, Hưng, Long, Thạnh (the cells wrap: look for the tên)
    order = [text.index(n) for n in ("Ánh", "Diễm", "Hưng", "Long", "Thạnh")]
    assert order == sorted(order)
    assert "Đoàn Chủ tịch" in text and "Khối phải" in text


def test_table_cards_carry_the_name_on_both_halves_one_turned_over():
    data = printout.render_cards(_chart(PEOPLE), printout.CardSet(everyone=True))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 6  # six people seated
        page = pdf.pages[0]
        half = page.height / 2
        chars = [c for c in page.chars if c["text"] in "Hưng"]
        # pdfplumber's "top" runs down the page; the card's top half is above the fold
        lower = [c for c in chars if c["top"] > half]
        upper = [c for c in chars if c["top"] < half]
        assert lower and upper
        # the lower half reads normally; the upper half is turned by 180°: its matrix is
        # (-1, 0, 0, -1) × size, and its letters run right to left on the page
        assert all(c["matrix"][0] > 0 and c["upright"] for c in lower)
        assert all(c["matrix"][0] < 0 and c["matrix"][3] < 0 for c in upper)
        lower_name = "".join(c["text"] for c in sorted(lower, key=lambda c: c["x0"]))
        upper_name = "".join(c["text"] for c in sorted(upper, key=lambda c: -c["x0"]))
        assert "Hưng" in lower_name and "Hưng" in upper_name
    text = _text(data)
    assert "Lê Quốc Hưng" in text  # the first card: No. 1 of the Đoàn Chủ tịch


def test_chair_labels_24_to_a_page():
    people = [Person(id=i, full_name=f"Đại Biểu Số {i}", reply="attending") for i in range(1, 31)]
    layout = parse_layout({"stage": {"rows": []}, "blocks": [{"rows": 5, "seats": 8}]})
    data = printout.render_labels(_chart(people, layout))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
    assert "Khối 1 · hàng A · ghế" in _text(data)


def test_one_block_name_on_the_chart_the_list_and_the_labels():
    # Issue 16 (signer's review): labels said "Khối 1 · hàng A · ghế 6" while the chart and
    # the list say "Khối trái". Every audience seat seated here, by its block's name.
    chart = _chart(PEOPLE)
    layout = chart.layout
    assert [layout.block_title(b) for b in (0, 1, 2, 3)] == [
        "Đoàn Chủ tịch",
        "Khối trái",
        "Khối giữa",
        "Khối phải",
    ]
    hall = [v.seat for v in chart.seated if not v.seat.on_stage]
    assert hall  # the plan seats some delegates in the hall
    labels = _text(printout.render_labels(chart))
    usher_list = _text(printout.render_list(chart))
    drawn = _text(printout.render_chart(chart))
    for seat in hall:
        name = layout.block_title(seat.block)
        assert name != f"Khối {seat.block}"
        assert f"{name} · hàng {seat.row_label} · ghế {seat.number}" in labels
        assert name in usher_list and name in drawn
    assert not re.search(r"Khối \d", labels + usher_list + drawn)
    seat = hall[0]
    assert layout.place_text(seat) == (
        f"{layout.block_title(seat.block)}, hàng {seat.row_label}, ghế {seat.number}"
    )
    # A hall built from the form names its blocks the same way (logic.block_name).
    built = logic.default_layout(blocks=2, rows=3, seats=4)
    assert [built.block_title(b) for b in (1, 2)] == ["Khối trái", "Khối phải"]


def test_empty_plans_still_print():
    # A hall with nobody seated yet: each printout is one page that says so in words (the
    # chart still draws the hall), never a blank page or an error.
    chart = _chart([])
    expected = {
        "chart": ("SƠ ĐỒ CHỖ NGỒI", "SÂN KHẤU", "Khối trái", "Khối giữa", "Khối phải"),
        "presidium": ("SƠ ĐỒ ĐOÀN CHỦ TỊCH", "Chưa xếp chỗ cho Đoàn Chủ tịch."),
        "list": ("DANH SÁCH CHỖ NGỒI", "STT Họ và tên", "Chưa có đại biểu nào."),
        "cards": ("Chưa xếp chỗ cho đại biểu nào: chưa có biển tên.",),
        "labels": ("Chưa xếp chỗ cho đại biểu nào: chưa có nhãn ghế.",),
    }
    assert set(printout.RENDERERS) == set(expected)
    for kind, render in printout.RENDERERS.items():
        data = render(chart)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1, kind
        text = _text(data)
        for words in expected[kind]:
            assert words in text, (kind, words)
        assert "Hưng" not in text and "Gấp đôi" not in text, kind  # nobody drawn


BUILT_IN = re.compile(r"Helvetica|Courier|ZapfDingbats|Times-(Roman|Bold|Italic|BoldItalic)")


def test_no_built_in_font_in_the_package_or_the_pdfs():
    for path in PACKAGE.rglob("*.py"):
        assert not BUILT_IN.search(path.read_text(encoding="utf-8")), path
    chart = _chart(PEOPLE)
    for render in printout.RENDERERS.values():
        assert not BUILT_IN.search(render(chart).decode("latin-1"))


@pytest.mark.parametrize(
    "key", ["so-do-cho-ngoi", "so-do-doan-chu-tich", "danh-sach-cho-ngoi", "bien-ten", "nhan-ghe"]
)
def test_printouts_download_for_the_demo(client, demo_id, key):
    response = client.get(f"/hoi-nghi/{demo_id}/in/{key}.pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")


def test_the_views_module_registers_seat_views(client, demo_id):
    # seating/views.py registers the five printouts, each with its own renderer on the
    # conference's own plan: a key wired to the wrong drawing, or to an empty chart, fails.
    from kehoach_app.printouts import get_printout

    registered = {
        "so-do-cho-ngoi": ("Sơ đồ chỗ ngồi", ("SƠ ĐỒ CHỖ NGỒI", "SÂN KHẤU")),
        "so-do-doan-chu-tich": ("Sơ đồ Đoàn Chủ tịch", ("SƠ ĐỒ ĐOÀN CHỦ TỊCH", "Ghế 1")),
        "danh-sach-cho-ngoi": ("Danh sách chỗ ngồi", ("DANH SÁCH CHỖ NGỒI", "Khu vực Hàng Ghế")),
        "bien-ten": ("Biển tên để bàn", ("Gấp đôi theo đường này · ghế DCT-1-4",)),
        "nhan-ghe": ("Nhãn ghế", ("Đoàn Chủ tịch · hàng 1 · ghế 4",)),
    }
    centre = client.get(f"/hoi-nghi/{demo_id}/in").get_data(as_text=True)
    for key, (title, words) in registered.items():
        entry = get_printout(key)
        assert (entry.title, entry.formats) == (title, ("pdf",)), key
        assert title in centre, key
        response = client.get(f"/hoi-nghi/{demo_id}/in/{key}.pdf")
        assert response.status_code == 200, key
        text = _text(response.data)
        for expected in words:
            assert expected in text, (key, expected)
        # the demo's No. 1 of the Đoàn Chủ tịch is seated at DCT-1-4 and on every printout
        # (the chart may break a name over two lines in its seat: look for the tên)
        assert "Hưng" in text, key
    # one drawing per key: the chart is not the presidium's, the list not the chart
    chart = _text(client.get(f"/hoi-nghi/{demo_id}/in/so-do-cho-ngoi.pdf").data)
    assert "SƠ ĐỒ ĐOÀN CHỦ TỊCH" not in chart and "DANH SÁCH CHỖ NGỒI" not in chart
