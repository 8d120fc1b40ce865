"""Issue 15: the award money workbook prints on A4 fitted to the width with its header repeated,
and its sums and "Tổng hợp" are formulas over the detail rows that give the program's figures
(recalculated with LibreOffice); the LED slides embed every font they name."""

from __future__ import annotations

import io
import subprocess

import pytest
from openpyxl import load_workbook

from tests.awards.test_awards_printouts import ceremony
from tests.office import has_calc, recalculated

TOTAL = 8_860_000 + 2 * 7_590_000 + 12 * 3_800_000  # 69.640.000, hand-worked in that file


def _book(client, cid, **kw):
    return load_workbook(io.BytesIO(client.get(f"/hoi-nghi/{cid}/in/tien-thuong.xlsx").data), **kw)


def test_every_sheet_has_a_print_setup(app, client):
    book = _book(client, ceremony(app))
    for name, orientation, titles in (
        ("Tiền thưởng", "landscape", "$5:$5"),
        ("Tổng hợp", "portrait", "$1:$1"),
        ("Hiện vật", "portrait", "$1:$1"),
    ):
        sheet = book[name]
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.page_setup.orientation == orientation
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == titles
        assert round(sheet.page_margins.left * 25.4) == 30  # Nghị định 30: left 30 mm
        assert round(sheet.page_margins.right * 25.4) == 15


def test_summary_holds_formulas_over_the_detail_rows(app, client):
    book = _book(client, ceremony(app))
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    lines = summary[1:-1]
    assert lines, "one line per form, kind and base salary"
    for row in lines:
        assert row[2].startswith("=SUMPRODUCT(('Tiền thưởng'!$B$6:$B$")
        assert row[5].startswith("=SUMPRODUCT(") and "'Tiền thưởng'!$J$6:$J$" in row[5]
        assert isinstance(row[3], int) and isinstance(row[4], int)  # base salary, unit amount
    detail = list(book["Tiền thưởng"].iter_rows(values_only=True))
    assert detail[4][8] == "Mức lương cơ sở (đồng)" and detail[4][9] == "Tiền thưởng (đồng)"
    people = [row for row in detail if isinstance(row[0], int)]
    assert all(row[8] == 2_530_000 for row in people)
    assert sum(row[9] for row in people) == TOTAL


@pytest.mark.skipif(not has_calc(), reason="LibreOffice Calc is not installed")
def test_libreoffice_recalculates_the_programs_figures(app, client, tmp_path):
    cid = ceremony(app)
    data = client.get(f"/hoi-nghi/{cid}/in/tien-thuong.xlsx").data
    book = recalculated(data, tmp_path, "tien-thuong")
    detail = list(book["Tiền thưởng"].iter_rows(values_only=True))
    assert next(row for row in detail if row[1] == "TỔNG CỘNG")[9] == TOTAL
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary[-1][0] == "Tổng cộng" and summary[-1][2] == 15 and summary[-1][5] == TOTAL
    # each line: count × unit amount, as the program's money list prints it
    for row in summary[1:-1]:
        assert row[5] == row[2] * row[4]
    assert (
        "Bằng khen của Thủ tướng Chính phủ",
        "Cá nhân",
        1,
        2_530_000,
        8_860_000,
        8_860_000,
    ) in summary


def test_led_slides_embed_their_fonts(app, client, tmp_path):
    path = tmp_path / "led.pdf"
    path.write_bytes(client.get(f"/hoi-nghi/{ceremony(app)}/in/man-hinh-led.pdf").data)
    table = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    fonts = table.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), table
    assert "Helvetica" not in table
