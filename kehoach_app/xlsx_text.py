"""Cells of an exported workbook: what a user typed is written as text, never as a formula.

openpyxl stores any string that starts with "=" as a formula (and "#N/A", "#REF!"… as an error
value), so a delegate named ``=HYPERLINK("http://…";"Bấm vào đây")`` or ``=cmd|' /C calc'!A0``
became a live formula in the exported list — formula injection (CSV/DDE injection, OWASP). Every
workbook writer puts the user's text through this module instead of assigning it directly:

- the cell's type is set to text ("s", a shared string) after assignment, so the file holds the
  characters as typed and Excel and LibreOffice show them and never evaluate them;
- a text starting with one of the characters a spreadsheet reads as the start of a formula
  (=, +, -, @, tab, carriage return) also gets the "quote prefix" style (the apostrophe Excel
  puts before a typed '=1+1'): editing the cell and pressing Enter keeps it text instead of
  turning it into a formula then.

The program's own formulas (SUM, ROUND, SUMPRODUCT) are written as ``Formula("=SUM(…)")`` through
``append`` or assigned directly; only those stay formulas.
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import copy
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is imported only by the writers that need it (start-up time)
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook import Workbook

# What Excel, LibreOffice and Google Sheets read as the start of a formula when the text is
# typed or pasted (OWASP "CSV injection"); tab and carriage return hide one after a blank.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula the program writes (a sum, a rounding): the one kind of string left a formula."""


def risky(text: str) -> bool:
    """Would a spreadsheet read this text as a formula if it were typed in?"""
    return text.startswith(FORMULA_STARTS)


def put(cell: Cell, value) -> Cell:
    """Write `value` into `cell`; a string is stored as the text it is (a Formula stays one)."""
    cell.value = value
    if isinstance(value, str) and not isinstance(value, Formula):
        cell.data_type = "s"
        if risky(value):
            cell.quotePrefix = True
    return cell


def write(sheet, row: int, column: int, value) -> Cell:
    """``sheet.cell(row, column, value)`` with the value written by ``put``."""
    return put(sheet.cell(row=row, column=column), value)


def append(sheet, values: Iterable) -> None:
    """``sheet.append(values)`` with every string written as text, Formula values as formulas."""
    values = list(values)
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            put(sheet.cell(row=row, column=column), value)


def seal(workbook: Workbook) -> Workbook:
    """Before saving: give every risky text cell its quote prefix again. Setting a named style
    on a cell (``cell.style = "…"``) replaces its whole style, the quote prefix with it."""
    for sheet in workbook.worksheets:
        # the cells written (openpyxl's own dict), not iter_rows: that would make a cell at every
        # empty place of the used range first (300 receipt lists: 13,000 cells for nothing)
        for cell in sheet._cells.values():
            if cell.data_type == "s" and isinstance(cell.value, str) and risky(cell.value):
                cell.quotePrefix = True
    return workbook


class StyleCopies:
    """The same style on many cells, worked out by openpyxl once and copied to the others.

    Setting ``cell.font``, ``.border``, ``.alignment``, ``.number_format`` or a named style
    (``cell.style``) makes openpyxl hash the object and look it up in the workbook's tables, cell
    by cell (a 1,000-row list spent most of its time there). ``apply`` does it through openpyxl
    for the first cell of each (tag, style the cell had) and gives the next ones a copy of the
    resulting style array: the same table entries, so the same file. A tag names one fixed set
    of attributes; the caller never gives two different sets the same tag."""

    def __init__(self) -> None:
        self._done: dict[tuple, object] = {}

    def apply(self, cell: Cell, tag: str, **attributes) -> Cell:
        style = cell._style
        key = (tag, None if style is None else style.tobytes())
        done = self._done.get(key)
        if done is None:
            for name, value in attributes.items():
                setattr(cell, name, value)
            self._done[key] = cell._style
            cell._style = copy(cell._style)
        else:
            cell._style = copy(done)
        return cell
