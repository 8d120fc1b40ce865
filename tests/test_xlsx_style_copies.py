"""xlsx_text.StyleCopies gives many cells the style openpyxl works out for the first of each
kind, and xlsx_text.seal reads only the cells written (session 16: the awards' and check-in
workbooks). A copied style must be exactly what setting the attributes gives, whatever the cell
held before (a quote prefix, a date format), and each cell must own its copy."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

from kehoach_app import xlsx_text

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOP = Alignment(vertical="top")


def _looks(cell) -> tuple:
    return (
        repr(cell.font),
        repr(cell.border),
        repr(cell.alignment),
        cell.number_format,
        cell.quotePrefix,
        cell.style,
    )


def _fill(sheet, column: int) -> None:
    """Cells that start differently: plain text, a risky text (quote prefix), a date, nothing."""
    xlsx_text.write(sheet, 1, column, "Nguyễn Văn An")
    xlsx_text.write(sheet, 2, column, "=HYPERLINK(1)")
    xlsx_text.write(sheet, 3, column, dt.date(2026, 12, 20))
    sheet.cell(row=4, column=column)
    xlsx_text.write(sheet, 5, column, "Trần Thị Bình")


def test_copied_styles_are_what_openpyxl_sets():
    book = Workbook()
    sheet = book.active
    book.add_named_style(NamedStyle(name="ds", font=Font(bold=True), border=BOX))
    _fill(sheet, 1)  # set attribute by attribute, as before
    _fill(sheet, 2)  # through StyleCopies
    copies = xlsx_text.StyleCopies()
    for row in range(1, 6):
        direct = sheet.cell(row=row, column=1)
        direct.border, direct.alignment, direct.number_format = BOX, TOP, "#,##0"
        copies.apply(
            sheet.cell(row=row, column=2), "box", border=BOX, alignment=TOP, number_format="#,##0"
        )
    assert [_looks(sheet.cell(row=r, column=2)) for r in range(1, 6)] == [
        _looks(sheet.cell(row=r, column=1)) for r in range(1, 6)
    ]
    # the risky text kept its quote prefix, the date its own format under the copied ones
    assert sheet["B2"].quotePrefix and not sheet["B1"].quotePrefix
    # a named style: the same as cell.style = name
    _fill(sheet, 3)
    _fill(sheet, 4)
    for row in range(1, 6):
        sheet.cell(row=row, column=3).style = "ds"
        copies.apply(sheet.cell(row=row, column=4), "ds", style="ds")
    assert [_looks(sheet.cell(row=r, column=4)) for r in range(1, 6)] == [
        _looks(sheet.cell(row=r, column=3)) for r in range(1, 6)
    ]
    assert sheet["D1"].font.bold and sheet["D1"].style == "ds"


def test_each_cell_owns_its_copy():
    book = Workbook()
    sheet = book.active
    copies = xlsx_text.StyleCopies()
    cells = [sheet.cell(row=r, column=1, value="x") for r in range(1, 4)]
    for cell in cells:
        copies.apply(cell, "bold", font=Font(bold=True))
    cells[1].quotePrefix = True
    assert [c.quotePrefix for c in cells] == [False, True, False]
    assert all(c.font.bold for c in cells)


def test_seal_restores_the_prefix_and_adds_no_cells():
    book = Workbook()
    sheet = book.active
    xlsx_text.write(sheet, 1, 1, "=cmd|' /C calc'!A0")
    xlsx_text.write(sheet, 3, 3, "Cộng")  # row 2 and most of the range left empty
    sheet["A1"].style = "Normal"  # a named style drops the quote prefix
    assert not sheet["A1"].quotePrefix
    buffer = io.BytesIO()
    xlsx_text.seal(book).save(buffer)
    xml = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b'<row r="2"' not in xml  # no empty cells made in the empty row
    reread = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert reread["A1"].quotePrefix and reread["A1"].data_type == "s"
    assert reread["A1"].value == "=cmd|' /C calc'!A0"
