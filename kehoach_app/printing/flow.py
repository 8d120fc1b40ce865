"""Public pieces for a printout's own drawing inside a ``Document`` (PDF only).

A Document's body may hold ReportLab flowables of a part's own: ``render_pdf`` places them in
the flow as they are, in the same ND30 page frame, after the Document's header, title and
trích yếu. A part that draws more than the Document's blocks — a thousand giấy mời stamped from
one laid-out letter, a ruled list whose group rows span the table and whose rows are held open
for a signature, a sheet of envelope labels — builds its flowables from the pieces below, never
from the renderer's internals (``printing.pdf``), so that the renderer may change behind them.

- ``text_style``, ``text``, ``line_text``: the layer's paragraph styles, and user text in them
  (escaped, NFC; ``line_text`` draws a line that fits straight onto the canvas).
- ``top_flowables``, ``closing_flowables``: the ND30 top (header, tên loại, trích yếu) and the
  signature with Nơi nhận, as a Document draws them — for a part that lays them out once and
  stamps them on many pages.
- ``document_start``: where a new document starts inside one PDF (its pages numbered from 1).
- ``GridColumn``, ``ruled_grid``: a long ruled list of plain strings, header repeated on every
  page, rows spanning the table (group headings, totals), rows held open to sign in.

Loaded with ReportLab on first use (``printing/__init__.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as RLParagraph

from . import layout as L
from .document import Header, Inline, Run, Signature
from .fonts import register_fonts
from .pdf import (
    CELL_SLACK,
    LineCell,
    LongGrid,
    SheetStart,
    fit_grid,
    header_flowables,
    markup,
    signature_flowables,
    styles,
    table_cell,
)

#: The flowable ``document_start`` returns (for a part that places it itself).
DocumentStart = SheetStart


def text_style(name: str) -> ParagraphStyle:
    """One of the layer's named paragraph styles (body, body_left, small_center, …, and the
    table cells cell_<size>, cell_center_<size>, cell_header_<size> for sizes 10–14). Shared:
    derive from it (``ParagraphStyle("x", parent=text_style("body"), …)``), never change it."""
    return styles()[name]


def text(content: Inline, style: ParagraphStyle | str = "body") -> RLParagraph:
    """User text (a string or runs) as a ReportLab Paragraph in ``style`` (a style or one of
    ``text_style``'s names): escaped, so "A & B <C>" prints as typed."""
    if isinstance(style, str):
        style = text_style(style)
    return RLParagraph(markup(content), style)


def line_text(content: Inline, style: ParagraphStyle) -> Flowable:
    """Short text ("\\n" for a line break) drawn line by line straight onto the canvas when
    every line fits, as a Paragraph when one does not — exactly where the Paragraph would draw
    it. The cheap way to print a thousand one-line texts (a "Kính gửi", a label)."""
    return LineCell(content, style)


def top_flowables(header: Header | None, title: str, subtitle: str = "") -> list[Flowable]:
    """The ND30 top of a first page as a Document draws it: tên cơ quan | Quốc hiệu, Tiêu ngữ;
    Số | địa danh, ngày (when ``header``); then tên loại and trích yếu with its short rule."""
    return header_flowables(header, title, subtitle)


def closing_flowables(
    signatures: Sequence[Signature], recipients: Sequence[str] | None = None
) -> list[Flowable]:
    """Nơi nhận at the left and the signature at the right, as a Document draws them (one
    KeepTogether)."""
    return signature_flowables(list(signatures), list(recipients or []))


def document_start() -> Flowable:
    """Marks where a new document starts inside one PDF (one giấy mời, a unit's sheet): its
    pages are numbered from 1 again, so its own first page carries no number. Draws nothing."""
    return SheetStart()


@dataclass(frozen=True)
class GridColumn:
    """A column of ``ruled_grid``: its title, the width wished in millimetres (the grid
    measures its content first, as a Document's Table does) and its alignment."""

    title: str
    width_mm: float
    align: Literal["left", "center"] = "left"


class _Room(Flowable):
    """A cell that prints nothing: a blank cell, or the signing column holding its row open
    to ``height`` points. Drawn as nothing at all — a blank cell or a spacer each wrote a
    save/move/restore into the page for every row, three thousand on a 1,000-delegate list,
    for no mark on the paper."""

    def __init__(self, height: float = 0.0):
        super().__init__()
        self.width, self.height = 0, height

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        return 0, self.height

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 — nothing to draw
        pass


def ruled_grid(
    columns: Sequence[GridColumn],
    rows: list[list[str]],
    *,
    size: float = 12,
    spans: Sequence[int] = (),
    min_row_mm: float = 0.0,
) -> Flowable:
    """A ruled table of plain strings in the layer's look, the header row (bold, centred)
    repeated on every page, no row split across pages.

    A row index in ``spans`` is one bold text across every column (a group heading, the total)
    and never ends a page. ``min_row_mm`` makes every other row at least that tall, the last
    column left blank for a signature. Column widths and the size (stepping down to 10 pt) are
    measured from the content as a Document's Table is: an STT of 1005 never wraps, words never
    break. Laid out page by page, each row measured once: a 1,000-row list is not quadratic.
    """
    fonts = register_fonts()
    widths, size = fit_grid(
        [c.title for c in columns], [c.width_mm * L.MM for c in columns], rows, size, spans
    )
    cell_style = {
        a: text_style(f"{k}_{size:g}") for a, k in (("left", "cell"), ("center", "cell_center"))
    }
    pad_x, pad_y = L.TABLE_PADDING_X, L.TABLE_PADDING_Y

    # One cell per text and column, shared by the rows that print it: a unit's name on two
    # hundred rows was measured and broken into lines two hundred times. A cell's layout
    # depends on its text and its column's width only.
    # (Per table, never per process: ReportLab sets and deletes a cell's canvas as it measures
    # it, which two threads printing at once would trip over.)
    made: dict[tuple[int, str], str | Flowable] = {}
    blank = _Room()

    def cell(value: str, j: int):
        if not value:  # a blank cell draws nothing
            return blank
        made_cell = made.get((j, value))
        if made_cell is None:
            made_cell = table_cell(value, cell_style[columns[j].align], widths[j] - CELL_SLACK)
            made[(j, value)] = made_cell
        return made_cell

    header = [LineCell(c.title, text_style(f"cell_header_{size:g}")) for c in columns]
    room = max(min_row_mm * L.MM - 2 * pad_y - 1, 0)
    spans = set(spans)
    body: list[list] = []
    for i, row in enumerate(rows):
        if i in spans:
            body.append([LineCell([Run(L.clean(row[0]), bold=True)], cell_style["left"])])
            body[-1] += [""] * (len(columns) - 1)
            continue
        cells: list = [cell(v, j) for j, v in enumerate(row)]
        if room:  # the last column is where people sign: the row held open
            cells[-1] = _Room(room)
        body.append(cells)
    style: list = [
        # face, size and leading in one command (FONTNAME, FONTSIZE, LEADING each went over
        # every cell of every page's table)
        ("FONT", (0, 0), (-1, -1), fonts.regular, size, size * L.LINE_SPACING),
        ("GRID", (0, 0), (-1, -1), L.GRID_THICKNESS, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y + 1),
    ]
    style += [
        ("ALIGN", (j, 1), (j, -1), "CENTER") for j, c in enumerate(columns) if c.align == "center"
    ]

    def commands(first: int, last: int) -> list:
        """The style of a table of the header row and body rows first..last-1."""
        return style + [
            ("SPAN", (0, 1 + i - first), (-1, 1 + i - first))
            for i in range(first, last)
            if i in spans
        ]

    keep = [i for i in spans if i < len(rows) - 1]  # a group heading never ends a page
    return LongGrid([header], body, widths, commands, h_align="CENTER", keep_with_next=keep)
