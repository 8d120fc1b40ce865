"""PDF renderer (ReportLab platypus) in the Nghị định 30/2020/NĐ-CP page frame.

Two traps this module exists to avoid:

- ReportLab's default font prints Vietnamese as black boxes without raising: every style and
  table style below names a face from ``register_fonts()``.
- Paragraph text is XML markup: a delegate called ``A & B <C>`` breaks the parser or loses
  letters unless the text is escaped first (``escape``).

Modules with their own drawings (a seating chart, name cards) build their flowables with
``para``/``styles`` and print them through ``build_pdf`` to keep the same page frame.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import tt2ps
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tables import CellStyle, _isLineCommand, _setCellStyle

from . import layout as L
from .document import (
    BulletList,
    Column,
    Document,
    Header,
    Heading,
    Inline,
    KeyValue,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Spacer,
    Table,
)
from .fonts import FontSet, register_fonts

__all__ = [
    "CenteredLines",
    "GridTable",
    "HRule",
    "body_flowables",
    "build_pdf",
    "escape",
    "fit_grid",
    "header_flowables",
    "markup",
    "page_callback",
    "para",
    "render_pdf",
    "signature_flowables",
    "styles",
]

_ALIGN = {"justify": TA_JUSTIFY, "left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


# --------------------------------------------------------------------------- text → markup


def escape(text: object) -> str:
    """User text → ReportLab Paragraph markup that prints exactly what was typed.

    NFC, ``& < >`` escaped (so a typed ``&amp;`` prints as ``&amp;``), line breaks kept as
    ``<br/>``, and runs of spaces kept (ReportLab would collapse them: "Số:      /KH-UBND").
    """
    s = _xml_escape(L.clean(text))
    if "  " in s:
        # every space but the last of a run becomes a no-break space, which ReportLab keeps
        s = _keep_spaces(s)
    return s.replace("\n", "<br/>")


def _keep_spaces(s: str) -> str:
    out = []
    run = 0
    for ch in s + "\0":
        if ch == " ":
            run += 1
            continue
        if run:
            out.append("\u00a0" * (run - 1) + " ")
            run = 0
        out.append(ch)
    return "".join(out[:-1])


def markup(content: Inline, bold: bool = False, italic: bool = False) -> str:
    """A string or a list of runs → escaped Paragraph markup with <b>/<i>/<u>."""
    parts = []
    for run in L.as_runs(content, bold=bold, italic=italic):
        s = escape(run.text)
        if run.underline:
            s = f"<u>{s}</u>"
        if run.italic:
            s = f"<i>{s}</i>"
        if run.bold:
            s = f"<b>{s}</b>"
        parts.append(s)
    return "".join(parts)


# --------------------------------------------------------------------------- styles


def _style(
    name: str,
    fonts: FontSet,
    size: float = L.BODY_SIZE,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    first_indent: float = 0.0,
    left_indent: float = 0.0,
    space_before: float = 0.0,
    space_after: float = 0.0,
    leading: float | None = None,
    keep_with_next: bool = False,
) -> ParagraphStyle:
    face = fonts.face(bold=bold, italic=italic)
    return ParagraphStyle(
        name,
        fontName=face,
        bulletFontName=face,
        fontSize=size,
        bulletFontSize=size,
        leading=leading if leading is not None else size * L.LINE_SPACING,
        alignment=_ALIGN[align],
        firstLineIndent=first_indent,
        leftIndent=left_indent,
        spaceBefore=space_before,
        spaceAfter=space_after,
        keepWithNext=int(keep_with_next),
        textColor=colors.black,
    )


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    f = register_fonts()
    indent = L.FIRST_LINE_INDENT_MM * L.MM
    after = L.PARAGRAPH_SPACE_AFTER
    s = {
        "body": _style("body", f, first_indent=indent, space_after=after),
        "body_left": _style("body_left", f, align="left", space_after=after),
        "heading1": _style(
            "heading1",
            f,
            bold=True,
            first_indent=indent,
            space_before=6,
            space_after=after,
            keep_with_next=True,
        ),
        "heading2": _style(
            "heading2",
            f,
            bold=True,
            first_indent=indent,
            space_after=after,
            keep_with_next=True,
        ),
        "heading3": _style(
            "heading3",
            f,
            bold=True,
            italic=True,
            first_indent=indent,
            space_after=after,
            keep_with_next=True,
        ),
        "bullet": _style(
            "bullet", f, left_indent=indent + L.BULLET_HANG_MM * L.MM, space_after=after
        ),  # the dash itself is drawn at bulletIndent (set below)
        "title": _style("title", f, L.TITLE_SIZE, bold=True, align="center"),
        "subtitle": _style("subtitle", f, L.TITLE_SIZE, bold=True, align="center"),
        "quoc_hieu": _style("quoc_hieu", f, L.QUOC_HIEU_SIZE, bold=True, align="center"),
        "tieu_ngu": _style("tieu_ngu", f, L.TIEU_NGU_SIZE, bold=True, align="center"),
        "parent_body": _style("parent_body", f, L.PARENT_SIZE, align="center"),
        "issuer": _style("issuer", f, L.ISSUER_SIZE, bold=True, align="center"),
        "number_line": _style("number_line", f, L.NUMBER_SIZE, align="center"),
        "date_line": _style("date_line", f, L.DATE_SIZE, italic=True, align="center"),
        "recipients_title": _style(
            "recipients_title",
            f,
            L.RECIPIENTS_TITLE_SIZE,
            bold=True,
            italic=True,
            align="left",
        ),
        "recipients": _style(
            "recipients", f, L.RECIPIENTS_SIZE, align="left", leading=L.RECIPIENTS_SIZE * 1.15
        ),
        "signature_title": _style(
            "signature_title", f, L.SIGNATURE_SIZE, bold=True, align="center"
        ),
        "signature_note": _style(
            "signature_note", f, L.SIGNATURE_SIZE, italic=True, align="center"
        ),
        "signature_name": _style("signature_name", f, L.SIGNATURE_SIZE, bold=True, align="center"),
        "kv_label": _style("kv_label", f, bold=True, align="left"),
        "kv_value": _style("kv_value", f, align="left"),
        "small": _style("small", f, 11, align="left"),
        "small_center": _style("small_center", f, 11, align="center"),
    }
    s["bullet"].bulletIndent = indent
    for size in (10, 11, 12, 13, 14):
        s.update(_cell_styles(size))
    return s


def _cell_styles(size: float) -> dict[str, ParagraphStyle]:
    f = register_fonts()
    key = f"{size:g}"
    return {
        f"cell_{key}": _style(f"cell_{key}", f, size, align="left"),
        f"cell_center_{key}": _style(f"cell_center_{key}", f, size, align="center"),
        f"cell_right_{key}": _style(f"cell_right_{key}", f, size, align="right"),
        f"cell_header_{key}": _style(f"cell_header_{key}", f, size, bold=True, align="center"),
    }


def styles() -> dict[str, ParagraphStyle]:
    """Named paragraph styles on the registered serif family.

    body, body_left, heading1–3, bullet, title, subtitle, quoc_hieu, tieu_ngu, parent_body,
    issuer, number_line, date_line, recipients_title, recipients, signature_title,
    signature_note, signature_name, kv_label, kv_value, small, small_center, and table cells
    cell_<size>, cell_center_<size>, cell_right_<size>, cell_header_<size> for sizes 10–14.
    The styles are shared: derive (``ParagraphStyle("x", parent=styles()["body"], …)``) rather
    than change them.
    """
    return dict(_styles())


def _cell_style(size: float, kind: str) -> ParagraphStyle:
    name = f"{kind}_{size:g}"
    s = _styles()
    if name not in s:
        s.update(_cell_styles(size))
    return s[name]


@functools.lru_cache(maxsize=256)
def _paragraph_style(
    align: str, indent: bool, size: float | None, space_after: float
) -> ParagraphStyle:
    base = _styles()["body"]
    fsize = size or L.BODY_SIZE
    return ParagraphStyle(
        f"body_{align}_{int(indent)}_{fsize:g}_{space_after:g}",
        parent=base,
        fontSize=fsize,
        bulletFontSize=fsize,
        leading=fsize * L.LINE_SPACING,
        alignment=_ALIGN.get(align, TA_JUSTIFY),
        firstLineIndent=L.FIRST_LINE_INDENT_MM * L.MM if indent else 0,
        spaceAfter=space_after,
    )


def para(content: Inline, style_name: str = "body") -> RLParagraph:
    """A ReportLab Paragraph of user text (escaped) in one of ``styles()``."""
    style = _styles().get(style_name)
    if style is None:
        raise KeyError(f"unknown style {style_name!r}; see printing.pdf.styles()")
    return RLParagraph(markup(content), style)


# --------------------------------------------------------------------------- flowables


class HRule(Flowable):
    """A horizontal rule of a given length, centred in the space it is given."""

    def __init__(self, length: float, thickness: float = L.RULE_THICKNESS, gap: float = 0.0):
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.gap = gap

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        self.width = availWidth
        self.height = self.gap + self.thickness
        return self.width, self.height

    def draw(self):
        x = (self.width - self.length) / 2
        y = self.thickness / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, y, x + self.length, y)


class CenteredLines(Flowable):
    """Centred lines of one face, wrapped (balanced) to the width available, with an optional
    rule under them: ``rule="short"`` (share of the widest line, for the issuer and the trích
    yếu) or ``rule="full"`` (as long as the text, for the Tiêu ngữ).

    Used for the header and the signature, where ND30 fixes the look of every line.
    """

    def __init__(
        self,
        text: str,
        face: str,
        size: float,
        *,
        rule: str | None = None,
        max_share: float = 1.0,
        min_size: float | None = None,
        leading: float | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ):
        super().__init__()
        self.text = L.clean(text)
        self.face = L.Face(face, size)
        self.size = size
        self.min_size = min_size or size
        self.fixed_leading = leading
        self.leading = leading or size * L.LINE_SPACING
        self.rule = rule
        self.max_share = max_share
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._lines: list[str] = []

    def wrap(self, availWidth, availHeight):  # noqa: N803
        width = availWidth * self.max_share
        size = L.fit_size(self.text, self.face.name, self.size, self.min_size, width)
        self.face = L.Face(self.face.name, size)
        self.leading = self.fixed_leading or size * L.LINE_SPACING
        self._lines = L.wrap_lines(self.text, self.face, width)
        self.width = availWidth
        self.height = len(self._lines) * self.leading
        if self.rule and self._lines:
            self.height += L.RULE_GAP + L.RULE_THICKNESS
        return self.width, self.height

    def rule_length(self) -> float:
        if self.rule == "full":
            return max((self.face.width(line) for line in self._lines), default=0.0)
        return L.short_rule_width(self._lines, self.face)

    def draw(self):
        c = self.canv
        size, leading = self.face.size, self.leading
        c.setFont(self.face.name, size, leading)
        c.setFillColor(colors.black)
        top = self.height
        for line in self._lines:
            # the glyphs (ascent ≈ 0.89, descent ≈ 0.22 of the size) centred in the line box
            baseline = top - (leading - size) / 2 - 0.86 * size
            c.drawCentredString(self.width / 2, baseline, line)
            top -= leading
        if self.rule and self._lines:
            length = self.rule_length()
            y = top - L.RULE_GAP - L.RULE_THICKNESS / 2
            c.setLineWidth(L.RULE_THICKNESS)
            c.setStrokeColor(colors.black)
            x = (self.width - length) / 2
            c.line(x, y, x + length, y)


def _pct(share: float) -> str:
    return f"{share * 100:.4f}%"


def _layout_table(
    data: list[list], shares: list[float], valign: str = "TOP", extra: Iterable = ()
) -> RLTable:
    """A borderless table used only to place blocks side by side."""
    fonts = register_fonts()
    table = RLTable(data, colWidths=[_pct(s) for s in shares], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                *extra,
            ]
        )
    )
    return table


def header_flowables(header: Header | None, title: str, subtitle: str = "") -> list[Flowable]:
    """The ND30 top of the first page: tên cơ quan | Quốc hiệu, Tiêu ngữ; Số | địa danh, ngày;
    then tên loại and trích yếu with its short rule."""
    fonts = register_fonts()
    out: list[Flowable] = []
    if header is not None:
        left: list[Flowable] = []
        if L.clean(header.parent_body).strip():
            parent = L.agency_name(header.parent_body)
            left.append(CenteredLines(parent, fonts.regular, L.PARENT_SIZE))
        if L.clean(header.issuer).strip():
            left.append(
                CenteredLines(L.agency_name(header.issuer), fonts.bold, L.ISSUER_SIZE, rule="short")
            )
        right = [
            CenteredLines(L.QUOC_HIEU, fonts.bold, L.QUOC_HIEU_SIZE),
            CenteredLines(L.TIEU_NGU, fonts.bold, L.TIEU_NGU_SIZE, rule="full"),
        ]
        data = [[left, right]]
        extra = []
        number, date = L.clean(header.number_line).strip(), L.clean(header.date_line).strip()
        if number or date:
            data.append(
                [
                    CenteredLines(number, fonts.regular, L.NUMBER_SIZE) if number else "",
                    (
                        CenteredLines(date, fonts.italic, L.DATE_SIZE, min_size=L.DATE_MIN_SIZE)
                        if date
                        else ""
                    ),
                ]
            )
            extra = [
                ("TOPPADDING", (0, 1), (-1, 1), L.HEADER_ROW_GAP),
                ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
            ]
        out.append(_layout_table(data, [L.HEADER_LEFT_SHARE, 1 - L.HEADER_LEFT_SHARE], extra=extra))
    title = L.clean(title).strip()
    subtitle = L.clean(subtitle).strip()
    if title:
        out.append(
            CenteredLines(
                L.upper(title),
                fonts.bold,
                L.TITLE_SIZE,
                space_before=L.TITLE_GAP_BEFORE if header is not None else 0,
            )
        )
    if subtitle:
        out.append(CenteredLines(subtitle, fonts.bold, L.TITLE_SIZE, rule="short", max_share=0.85))
    if title or subtitle:
        out.append(RLSpacer(1, L.TITLE_GAP_AFTER))
    return out


def _frame_height(flowable: Flowable) -> float | None:
    """The height of the frame a flowable is being laid out in (a whole page's room)."""
    doc = getattr(getattr(flowable, "canv", None), "_doctemplate", None)
    frame = getattr(doc, "frame", None)
    return getattr(frame, "_height", None)


# Style commands that do not style cells: ReportLab keeps them in lists of their own.
_NOT_CELL_OPS = frozenset(
    {"BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT", "ROUNDEDCORNERS"}
)


def _copy_style(style: CellStyle) -> CellStyle:
    copy = CellStyle(style.name)
    copy.__dict__.update(style.__dict__)
    return copy


class GridTable(RLTable):
    """A ReportLab Table that also breaks *inside* a row taller than a whole page.

    Rows normally move whole to the next page (the header row repeated). A row that cannot fit
    on any page (a very long cell) is cut at the bottom of the page, each cell's paragraph split
    where it must be, and continues under the repeated header. ReportLab's own ``splitInRow``
    is not used: in 5.1 it repeats empty header rows page after page when the table starts
    mid-page.
    """

    _grid_commands: list = []
    #: rows (indices in this table) that never end a page: a section row ("IV NƯỚC UỐNG",
    #: "II. TRONG HỘI TRƯỜNG") goes to the next page with the row under it
    keep_with_next: frozenset[int] = frozenset()

    def __init__(self, data, *args, **kwargs):
        if kwargs.get("cellStyles") is None:
            # set_grid_style gives every cell its style: until then the cells share one blank
            # style instead of ReportLab making one per cell (a 1,000-row list is laid out
            # twice: measured in blocks, then drawn page by page)
            blank = CellStyle("grid")
            width = max((len(row) for row in data), default=0)
            kwargs["cellStyles"] = [[blank] * width for _ in data]
        super().__init__(data, *args, **kwargs)

    def set_grid_style(self, commands: list) -> None:
        """The table's whole style. ReportLab applies each command to each cell it covers, one
        cell at a time (ten commands over a 1,000-row list: fifty thousand calls); here the
        cells covered by the same commands share one CellStyle, styled once. Cells are never
        restyled in place afterwards (setStyle below gives each cell its own copy first)."""
        self._grid_commands = list(commands)
        cell_commands, others = [], []
        for command in commands:
            op = command[0]
            if op in _NOT_CELL_OPS or _isLineCommand(command) or len(command) < 3:
                others.append(command)
                continue
            (sc, sr), (ec, er) = command[1:3]
            if any(isinstance(v, str) for v in (sc, sr, ec, er)):  # "splitlast" and the like
                self._own_styles()
                RLTable.setStyle(self, TableStyle(commands))
                return
            cell_commands.append((op, self.normCellRange(sc, ec, sr, er), command[3:]))
        RLTable.setStyle(self, TableStyle(others))
        row_keys = [
            tuple(k for k, (_, (_, _, sr, er), _) in enumerate(cell_commands) if sr <= i <= er)
            for i in range(self._nrows)
        ]
        col_keys = [
            tuple(k for k, (_, (sc, ec, _, _), _) in enumerate(cell_commands) if sc <= j <= ec)
            for j in range(self._ncols)
        ]
        shared: dict[tuple, CellStyle] = {}
        rows = []
        for i, row_key in enumerate(row_keys):
            row = []
            for j, col_key in enumerate(col_keys):
                style = shared.get((row_key, col_key))
                if style is None:
                    style = shared[(row_key, col_key)] = CellStyle(repr((i, j)))
                    covering = set(col_key)
                    holder = [[style]]
                    for k in row_key:
                        if k in covering:
                            op, _, values = cell_commands[k]
                            _setCellStyle(holder, 0, 0, op, values)
                row.append(style)
            rows.append(row)
        self._cellStyles = rows

    def setStyle(self, tblstyle):  # noqa: N802 (ReportLab's name)
        self._own_styles()
        super().setStyle(tblstyle)

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 (ReportLab's name)
        """A plain string cell (most cells of a long list) written as ReportLab writes it —
        each line at the same place, in the cell's font — but in one text object and without
        measuring a left-aligned line; anything else the ordinary way."""
        just, valign = cellstyle.alignment, cellstyle.valign
        if (
            type(cellval) is not str
            or just not in ("LEFT", "CENTRE", "CENTER", "RIGHT")
            or valign not in ("BOTTOM", "TOP", "MIDDLE")
            or cellstyle.direction
            or cellstyle.shaping
            or cellstyle.href
            or cellstyle.destination
        ):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        canv = self.canv
        if self._curcellstyle is not cellstyle:  # as Table._drawCell
            cur = self._curcellstyle
            if cur is None or cellstyle.color != cur.color:
                canv.setFillColor(cellstyle.color)
            if (
                cur is None
                or cellstyle.leading != cur.leading
                or cellstyle.fontname != cur.fontname
                or cellstyle.fontsize != cur.fontsize
            ):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        if not cellval:
            return
        colpos, rowpos = pos
        colwidth, rowheight = size
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        elif just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5
        lines = cellval.split("\n")
        n, leading, fontsize = len(lines), cellstyle.leading, cellstyle.fontsize
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + n * leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            inner = cellstyle.bottomPadding + rowheight - cellstyle.topPadding + n * leading
            middle = inner / 2.0
            y = rowpos + middle - fontsize
        font, font_size = canv._fontname, canv._fontsize
        text_object = None
        for line in lines:
            if just == "LEFT":
                start = x
            elif just == "RIGHT":
                start = x - stringWidth(line, font, font_size)
            else:
                start = x - 0.5 * stringWidth(line, font, font_size)
            if text_object is None:
                text_object = canv.beginText(start, y)
            else:
                text_object.setTextOrigin(start, y)
            text_object._textOut(line)
            y -= leading
        canv.drawText(text_object)

    def _own_styles(self) -> None:
        """Each cell its own CellStyle (ReportLab's setStyle changes them in place)."""
        self._cellStyles = [[_copy_style(style) for style in row] for row in self._cellStyles]

    def _remake(self, data: list[list]) -> GridTable:
        table = GridTable(
            data, colWidths=self._argW, repeatRows=self.repeatRows, hAlign=self.hAlign
        )
        table.set_grid_style(self._grid_commands)
        return table

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):  # noqa: N802, N803
        n = super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans)
        head = self.repeatRows if isinstance(self.repeatRows, int) else 0
        keep = self.keep_with_next
        # a page never ends on a section row, unless the page holds nothing else
        m = n
        while m - 1 in keep and m - 1 > head:
            m -= 1
        if m - 1 not in keep:
            return m
        # every row that fits is a section row: the table goes on under it on the next page,
        # unless this page is a whole page already
        frame_height = _frame_height(self)
        if frame_height is not None and availHeight < frame_height - LongGrid.SLACK:
            return head
        return n

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            cut = len(parts[0]._cellvalues)
            head = self.repeatRows if isinstance(self.repeatRows, int) else 0
            for part, rows in zip(
                parts,
                (
                    {r for r in self.keep_with_next if r < cut},
                    {r - cut + head for r in self.keep_with_next if r >= cut},
                ),
                strict=True,
            ):
                if isinstance(part, GridTable):
                    part.keep_with_next = frozenset(rows)
        for part in parts:
            if isinstance(part, GridTable):
                part._grid_commands = self._grid_commands
        if parts:
            return parts
        return self._split_inside_row(availHeight)

    def body_row_heights(self, width: float) -> tuple[list[float], float]:
        """The heights of the body rows and of the header rows at ``width``."""
        self.wrap(width, 1e9)
        head = self.repeatRows if isinstance(self.repeatRows, int) else 0
        return list(self._rowHeights[head:]), sum(self._rowHeights[:head])

    def split_rows(self, width: float, count: int) -> list:
        """This table cut after ``count`` body rows: [the first part, the rest]."""
        heights, head_h = self.body_row_heights(width)
        keep, self.keep_with_next = self.keep_with_next, frozenset()
        try:
            parts = RLTable.split(self, width, head_h + sum(heights[:count]) + 0.01)
        finally:
            self.keep_with_next = keep
        cut = len(parts[0]._cellvalues) if len(parts) == 2 else 0
        head = self.repeatRows if isinstance(self.repeatRows, int) else 0
        for k, part in enumerate(parts):
            if isinstance(part, GridTable):
                part._grid_commands = self._grid_commands
                part.keep_with_next = frozenset(
                    r - (cut - head if k else 0) for r in keep if (r >= cut if k else r < cut)
                )
        return parts

    def _split_inside_row(self, availHeight: float) -> list:  # noqa: N803
        first = self.repeatRows  # the row that does not fit, just under the header
        if first >= len(self._cellvalues) or not hasattr(self, "_rowHeights"):
            return []
        head_height = sum(self._rowHeights[:first])
        frame_height = _frame_height(self)
        if frame_height is None or self._rowHeights[first] <= frame_height - head_height:
            return []  # it fits on a fresh page: move it there whole
        room = availHeight - head_height
        top, rest = [], []
        for value, style, width in zip(
            self._cellvalues[first], self._cellStyles[first], self._colWidths, strict=True
        ):
            inner_w = width - style.leftPadding - style.rightPadding
            inner_h = room - style.topPadding - style.bottomPadding
            if isinstance(value, Flowable):
                value = [value]
            if not isinstance(value, (list, tuple)):  # plain text: too short to matter
                top.append(value)
                rest.append("")
                continue
            fitted, left = _split_flowables(list(value), inner_w, inner_h)
            top.append(fitted or "")
            rest.append(left or "")
        if all(v == "" for v in top):
            return []
        head = self._cellvalues[:first]
        return [
            self._remake([*head, top]),
            self._remake([*head, rest, *self._cellvalues[first + 1 :]]),
        ]


class LongGrid(Flowable):
    """A long ruled table laid out page by page without rebuilding its remainder each time.

    ReportLab splits a long table at each page break by measuring and restyling all the rows
    left, which made a 1,000-row list quadratic. Here each row is measured once (in blocks of
    ``BLOCK`` rows, by ReportLab's own Table so the heights are exactly its own), each page
    gets a GridTable of just the rows that fit under the repeated header, and the rest stays
    a LongGrid. A row taller than a whole page falls back to GridTable's split inside the row.

    ``commands(first, last)`` gives the table style for body rows first..last-1 (indices in the
    table it makes: the header rows come first).
    """

    BLOCK = 60
    SLACK = 2.0  # points: rounding in ReportLab's own sums

    def __init__(
        self,
        header: list[list],
        rows: list[list],
        col_widths: list,
        commands: Callable[[int, int], list],
        h_align: str = "LEFT",
        _heights: tuple[float | None, list[float], float] | None = None,
        keep_with_next: Iterable[int] = (),
    ):
        super().__init__()
        self.header, self.rows = header, rows
        self.col_widths, self.commands, self.hAlign = col_widths, commands, h_align
        # (width measured for, the body rows' heights, the header's height)
        self._heights = _heights
        # body rows that never end a page (section rows: "I. KHÁCH MỜI")
        self.keep_with_next = frozenset(keep_with_next)

    #: the header rows' own heights at the width last measured (see _table)
    _head_rows: list[float] | None = None

    def _table(self, first: int, last: int) -> GridTable:
        # Once measured, a page's table gets its rows' heights as ReportLab measured them,
        # instead of measuring every cell of the page again (tables are only made for the
        # width last measured: a frame's).
        heights = None
        if self._head_rows is not None and self._heights is not None:
            heights = [*self._head_rows, *self._heights[1][first:last]]
        table = GridTable(
            [*self.header, *self.rows[first:last]],
            colWidths=self.col_widths,
            repeatRows=len(self.header),
            hAlign=self.hAlign,
            rowHeights=heights,
        )
        table.set_grid_style(self.commands(first, last))
        return table

    def _measure(self, width: float) -> tuple[list[float], float]:
        if self._heights is None or self._heights[0] != width:
            self._heights = self._head_rows = None
            heights: list[float] = []
            for first in range(0, len(self.rows), self.BLOCK):
                last = min(first + self.BLOCK, len(self.rows))
                block = self._table(first, last)
                block.wrap(width, 1e9)
                heights += block._rowHeights[len(self.header) :]
            head = self._table(0, 0)
            head.wrap(width, 1e9)
            self._heights = (width, heights, sum(head._rowHeights))
            self._head_rows = list(head._rowHeights)
        return self._heights[1], self._heights[2]

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        heights, header_h = self._measure(availWidth)
        self.width, self.height = availWidth, header_h + sum(heights)
        return self.width, self.height

    def body_row_heights(self, width: float) -> tuple[list[float], float]:
        """The heights of the body rows and of the header rows at ``width``."""
        heights, header_h = self._measure(width)
        return list(heights), header_h

    def split(self, availWidth, availHeight):  # noqa: N803
        heights, header_h = self._measure(availWidth)
        room = availHeight - header_h - self.SLACK
        fit = 0
        for h in heights:
            if h > room:
                break
            room -= h
            fit += 1
        if fit == len(self.rows):
            return [self._table(0, fit)]
        kept = fit
        while kept and kept - 1 in self.keep_with_next:
            kept -= 1  # a section row goes to the next page with the row under it
        if kept:
            fit = kept
        elif fit:
            frame_height = _frame_height(self)
            if frame_height is None or availHeight < frame_height - self.SLACK:
                return []
        if fit == 0:
            frame_height = _frame_height(self)
            if frame_height is None or availHeight < frame_height - self.SLACK:
                return []  # the next row goes to the next page, under the header
            # a row taller than a page: GridTable cuts inside it
            whole = self._table(0, len(self.rows))
            whole.canv = self.canv
            return whole.split(availWidth, availHeight)
        return self.split_rows(availWidth, fit)

    def split_rows(self, width: float, fit: int) -> list:
        """This table cut after ``fit`` body rows: [the first part, the rest]."""
        heights, header_h = self._measure(width)
        if fit >= len(self.rows):
            return [self._table(0, len(self.rows))]
        rest = LongGrid(
            self.header,
            self.rows[fit:],
            self.col_widths,
            lambda first, last: self.commands(first + fit, last + fit),
            self.hAlign,
            (width, heights[fit:], header_h),
            keep_with_next=[r - fit for r in self.keep_with_next if r >= fit],
        )
        rest._head_rows = self._head_rows
        return [self._table(0, fit), rest]

    def draw(self) -> None:  # the whole table fits where it stands
        table = self._table(0, len(self.rows))
        width, _ = table.wrapOn(self.canv, self.width, self.height)
        spare = self.width - width
        x = {"CENTER": spare / 2, "CENTRE": spare / 2, "RIGHT": spare}.get(self.hAlign, 0)
        table.drawOn(self.canv, x, 0)


def _split_flowables(
    flowables: list[Flowable], width: float, height: float
) -> tuple[list[Flowable], list[Flowable]]:
    """The flowables that fit in ``height`` (the last one split if it can be), and the rest."""
    fitted: list[Flowable] = []
    used = 0.0
    for i, flowable in enumerate(flowables):
        _, h = flowable.wrap(width, max(height - used, 0))
        if used + h <= height:
            fitted.append(flowable)
            used += h
            continue
        pieces = flowable.split(width, height - used) if height - used > 0 else []
        if len(pieces) >= 2:
            return [*fitted, pieces[0]], [*pieces[1:], *flowables[i + 1 :]]
        return fitted, flowables[i:]
    return fitted, []


class LineCell(Flowable):
    """Short text (plain or runs in bold/italic, "\n" for a line break) drawn line by line
    when every line fits, as a Paragraph when one does not: table cells and body paragraphs.

    Most cells of a long list are a number, a name or a seat, and each giấy mời's "Kính gửi"
    is one or two lines: parsing each as Paragraph markup and breaking it into lines (at every
    page break, for a table) made a 1,000-row list or 1,000 letters take a second. A line that
    fits is drawn exactly where the Paragraph would draw it: the first baseline one font size
    below the top, one leading per line, aligned as the style says.
    """

    def __init__(self, content: Inline, style: ParagraphStyle):
        super().__init__()
        self.content = content
        self.style = style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        runs = L.as_runs(content)
        lines: list[list[tuple[str, str]]] = [[]]
        for run in runs:
            font = tt2ps(style.fontName, int(run.bold), int(run.italic))
            for k, piece in enumerate(run.text.split("\n")):
                if k:
                    lines.append([])
                if piece:
                    lines[-1].append((piece, font))
        for line in lines:  # a Paragraph drops the spaces at either end of a line
            while line and not line[0][0].strip():
                line.pop(0)
            while line and not line[-1][0].strip():
                line.pop()
            if line:
                line[0] = (line[0][0].lstrip(), line[0][1])
                line[-1] = (line[-1][0].rstrip(), line[-1][1])
        self._lines = lines
        # no text at all (a single space at most): no line, as a Paragraph of no text
        whole = "".join(r.text for r in runs)
        self._blank = not whole.strip() and "  " not in whole and "\n" not in whole
        # Left to the Paragraph: ReportLab's own rules for empty lines ("" is no line, "A<br/>"
        # one), underlines, tabs and soft hyphens (which it treats as spaces and break
        # points), and justified text over several lines.
        self._simple = (
            all(lines)
            and not any(r.underline or "\t" in r.text or "\xad" in r.text for r in runs)
            and (style.alignment != TA_JUSTIFY or len(lines) == 1)
        )
        size = style.fontSize
        self._line_widths = [sum(stringWidth(t, f, size) for t, f in line) for line in lines]
        self._drawn, self._drawn_widths = lines, self._line_widths
        self._paragraph: RLParagraph | None = None
        self._fits = True
        self._wrapped_for: float | None = None

    def _as_paragraph(self) -> RLParagraph:
        if self._paragraph is None:
            self._paragraph = RLParagraph(markup(self.content), self.style)
        return self._paragraph

    def _rooms(self, width: float, count: int | None = None) -> list[float]:
        """The width each line may take: the first line loses the first-line indent."""
        room = width - self.style.leftIndent - self.style.rightIndent
        count = len(self._lines) if count is None else count
        return [room - (self.style.firstLineIndent if i == 0 else 0) for i in range(count)]

    def _fits_in(self, width: float) -> bool:
        if self._blank:
            return True
        return self._simple and all(
            w <= room + 1e-6 for w, room in zip(self._line_widths, self._rooms(width), strict=True)
        )

    def _breaks_itself(self) -> bool:
        """Text that is not justified is broken here, between words or after "/" and "-"
        (issue 15): a Paragraph would cut "người/ngày" or "40/2017/TT-BTC" anywhere."""
        return self._simple and self.style.alignment != TA_JUSTIFY

    def _break(self, width: float) -> None:
        size = self.style.fontSize
        lines: list[list[tuple[str, str]]] = []
        for line in self._lines:
            rooms = self._rooms(width, len(lines) + 2)[len(lines) :]
            lines += L.break_words(line, size, rooms, self.style.spaceShrinkage)
        self._drawn = lines
        self._drawn_widths = [sum(stringWidth(t, f, size) for t, f in line) for line in lines]

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        # A table measures each cell again at every attempt to fit a page; the answer only
        # depends on the width.
        if availWidth == self._wrapped_for:
            return self.width, self.height
        self._wrapped_for = availWidth
        self._fits = self._fits_in(availWidth)
        self._drawn, self._drawn_widths = self._lines, self._line_widths
        if not self._fits and not self._blank and self._breaks_itself():
            self._break(availWidth)
            self._fits = True
        if self._blank:
            self.width, self.height = availWidth, 0
        elif self._fits:
            self.width, self.height = availWidth, self.style.leading * len(self._drawn)
        else:
            self.width, self.height = self._as_paragraph().wrap(availWidth, availHeight)
        return self.width, self.height

    def line_count(self, width: float) -> int:
        self.wrap(width, 1e9)
        return round(self.height / self.style.leading) if self.style.leading else 1

    def split(self, availWidth, availHeight):  # noqa: N803
        if self._breaks_itself() and not self._blank:
            self.wrap(availWidth, availHeight)
            fit = int((availHeight + 1e-6) // self.style.leading)
            if fit < 1:
                return []
            if fit >= len(self._drawn):
                return [self]
            return [
                LineCell._of_lines(self._drawn[:fit], self.style),
                LineCell._of_lines(self._drawn[fit:], self.style, first=False),
            ]
        # at the foot of a page the Paragraph decides (widows, orphans), as it always did;
        # splitting forgets its line breaks, so the next wrap measures again
        self._wrapped_for = None
        return self._as_paragraph().split(availWidth, availHeight)

    @classmethod
    def _of_lines(
        cls, lines: list[list[tuple[str, str]]], style: ParagraphStyle, first: bool = True
    ) -> LineCell:
        """A LineCell of lines already broken (one part of a split)."""
        if not first and style.firstLineIndent:
            style = ParagraphStyle(f"{style.name}_rest", parent=style, firstLineIndent=0)
        fonts = {}
        runs: list[Run] = []
        for i, line in enumerate(lines):
            for text, font in line:
                if font not in fonts:
                    fonts[font] = _face_emphasis(font)
                bold, italic = fonts[font]
                runs.append(Run(text, bold=bold, italic=italic))
            if i < len(lines) - 1:
                runs.append(Run("\n"))
        return cls(runs, style)

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N803 (ReportLab's signature)
        """Lines that fit are written straight into the page, in one text object: a table of
        1,000 rows draws thousands of cells, and ReportLab's own drawOn copies, moves and
        restores the canvas's Python-side state for each (and each drawString builds a text
        object of its own). The page gets the same "q … cm … Q" as drawOn writes, so the text
        lands at the very same places; the canvas's own state is never touched (the fonts are
        set inside the text object, and the colour is already the style's — otherwise, and
        for a Paragraph, the ordinary way)."""
        if self._blank:
            return
        if (
            not self._fits
            or not _fill_is(canvas, self.style.textColor)
            or canvas._extgstate.getValue("ca") != 1
        ):
            super().drawOn(canvas, x, y, _sW)
            return
        code = canvas._code
        code.append("q")
        code.append(f"{fp_str(1, 0, 0, 1, self._hAlignAdjust(x, _sW), y)} cm")
        self.canv = canvas
        try:
            self.draw()
        finally:
            del self.canv
        code.append("Q")

    def draw(self) -> None:
        if self._blank:
            return
        if not self._fits:
            self._as_paragraph().drawOn(self.canv, 0, 0)
            return
        if not _fill_is(self.canv, self.style.textColor):
            self.canv.setFillColor(self.style.textColor)
        self._write(self.canv)

    def _write(self, canvas) -> None:
        """The lines, drawn from this cell's origin, in one text object."""
        style = self.style
        size = style.fontSize
        text_object = canvas.beginText()
        current_font = None
        y = self.height - size
        rooms = self._rooms(self.width, len(self._drawn))
        for i, (line, width) in enumerate(zip(self._drawn, self._drawn_widths, strict=True)):
            x = style.leftIndent + (style.firstLineIndent if i == 0 else 0)
            spaces = sum(text.count(" ") for text, _ in line)
            if style.alignment == TA_CENTER:
                x += max(rooms[i] - width, 0 if spaces else rooms[i] - width) / 2
            elif style.alignment == TA_RIGHT:
                x += max(rooms[i] - width, 0 if spaces else rooms[i] - width)
            if width > rooms[i] + 1e-6 and spaces:
                # the Paragraph's spaces shrink (by at most 5 %) to keep the line in its room
                shrink = (width - rooms[i]) / spaces
                pieces = []
                for text, font in line:
                    words = text.split(" ")
                    for k, word in enumerate(words):
                        word += " " if k < len(words) - 1 else ""
                        if word:
                            pieces.append((x, word, font))
                            x += stringWidth(word, font, size)
                        if k < len(words) - 1:
                            x -= shrink
            else:
                pieces = []
                for text, font in line:
                    pieces.append((x, text, font))
                    x += stringWidth(text, font, size)
            for px, text, font in pieces:
                if font != current_font:
                    text_object.setFont(font, size)
                    current_font = font
                text_object.setTextOrigin(px, y)
                text_object._textOut(text)
            y -= style.leading
        canvas.drawText(text_object)


def _fill_is(canvas, color) -> bool:
    """Whether the canvas fills with ``color`` now (a fresh page's black is the tuple (0, 0, 0))."""
    current = canvas._fillColorObj
    if isinstance(current, tuple):
        if len(current) != 3:
            return False
        current = colors.Color(*current)
    return current == color


def _face_emphasis(font: str) -> tuple[bool, bool]:
    """(bold, italic) of a registered face, for a LineCell rebuilt from its lines."""
    fonts = register_fonts()
    return {
        fonts.bold: (True, False),
        fonts.italic: (False, True),
        fonts.bold_italic: (True, True),
    }.get(font, (False, False))


def _emphasised(content: Inline, bold: bool = False, italic: bool = False) -> Inline:
    """Runs with the paragraph's own emphasis added (as ``markup(content, bold, italic)``)."""
    if not (bold or italic):
        return content
    return L.as_runs(content, bold=bold, italic=italic)


def table_cell(
    value: Inline, style: ParagraphStyle, room: float | None = None, bold: bool = False
) -> str | Flowable:
    """A body cell of a ruled table. Plain text that fits on one line in ``room`` points (the
    column less its padding, when known) goes in as a string, which the table draws itself in
    its FONTNAME/FONTSIZE/LEADING/ALIGN — the cheapest cell of a 1,000-row list; anything
    else is a LineCell in ``style`` (bold for a total row)."""
    if room is not None and not bold and isinstance(value, str):
        text = L.clean(value).strip()
        if text and "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= room:
            return text
    return LineCell(_emphasised(value, bold), style)


# What a ruled table's column loses to its padding, and half a point for rounding.
CELL_SLACK = 2 * L.TABLE_PADDING_X + 0.5


def frame_width(landscape: bool = False) -> float:
    """The width of the ND30 text block on A4 (margins 30 mm left, 15 mm right)."""
    page_width = (_landscape(A4) if landscape else A4)[0]
    return page_width - (L.MARGIN_LEFT_MM + L.MARGIN_RIGHT_MM) * L.MM


def fitted_table(
    block: Table, width: float, padding: float | None = None
) -> tuple[list[float], float]:
    """Column widths (points) and font size of a ruled table measured before it is drawn
    (layout.fit_columns): numbers never wrap, words never break, a table too wide for the
    page steps its size down to 10 pt."""
    fonts = register_fonts()
    size = block.font_size or 12
    bold_rows = set(block.total_rows) | set(block.section_rows)
    n = len(block.columns)
    rows = [
        [
            # a plain string is measured as given (cleaning only drops what prints nothing)
            (row[j], i in bold_rows)
            if j < len(row) and isinstance(row[j], str)
            else (L.plain_text(row[j]), i in bold_rows or _is_bold(row[j]))
            if j < len(row)
            else ("", False)
            for j in range(n)
        ]
        for i, row in enumerate(block.rows)
    ]
    header = [c.title for c in block.columns] if block.header else None
    nowrap = [c.nowrap for c in block.columns]
    measures = L.measure_table(header, rows, nowrap, fonts, width, size)
    return L.fit_columns(
        measures,
        [c.width for c in block.columns],
        width,
        size,
        padding=CELL_SLACK if padding is None else padding,
        hold=L.blank_columns(rows, n),
    )


def fit_grid(
    titles: list[str],
    widths: list[float],
    rows: list[list[str]],
    size: float,
    skip: Iterable[int] = (),
) -> tuple[list[float], float]:
    """Widths (points) and font size for a module's own ruled grid of plain-string rows,
    measured as a Document's Table is (fitted_table): ``widths`` is the wish, spanning rows
    (``skip``) are left out of the measure."""
    skip = set(skip)
    block = Table(
        [Column(title, w) for title, w in zip(titles, widths, strict=True)],
        [row for i, row in enumerate(rows) if i not in skip],
        font_size=size,
    )
    return fitted_table(block, sum(widths))


def _is_bold(value: Inline) -> bool:
    return not isinstance(value, str) and any(r.bold for r in value)


def _table_flowable(block: Table, width: float | None = None) -> Flowable:
    """A ruled table, its columns measured from the content (``width`` is the frame's); a
    one-line plain cell goes in as a string, which the table draws itself: the cheapest cell
    of a 1,000-row list."""
    fonts = register_fonts()
    if not block.columns:
        return RLSpacer(1, 0)
    width = width or frame_width()
    col_widths, size = fitted_table(block, width)
    data: list[list] = []
    if block.header:
        data.append([LineCell(c.title, _cell_style(size, "cell_header")) for c in block.columns])
    kinds = {"left": "cell", "center": "cell_center", "right": "cell_right"}
    rooms = [w - CELL_SLACK for w in col_widths]
    bold_rows = set(block.total_rows) | set(block.section_rows)
    for i, row in enumerate(block.rows):
        cells = []
        for j, column in enumerate(block.columns):
            style = _cell_style(size, kinds.get(column.align, "cell"))
            value = row[j] if j < len(row) else ""
            cells.append(table_cell(value, style, rooms[j], bold=i in bold_rows))
        data.append(cells)
    if not data:
        return RLSpacer(1, 0)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("GRID", (0, 0), (-1, -1), L.GRID_THICKNESS, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), L.TABLE_PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), L.TABLE_PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), L.TABLE_PADDING_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), L.TABLE_PADDING_Y + 1),
        ("LEADING", (0, 0), (-1, -1), _cell_style(size, "cell").leading),
    ]
    commands += [
        ("ALIGN", (j, 0), (j, -1), column.align.upper())
        for j, column in enumerate(block.columns)
        if column.align in ("center", "right")
    ]
    head = 1 if block.header else 0
    sections = {i for i in block.section_rows if 0 <= i < len(block.rows) - 1}
    if block.header and block.repeat_header and len(data) - head > LongGrid.BLOCK:
        return LongGrid(
            data[:head], data[head:], col_widths, lambda first, last: commands,
            keep_with_next=sections,
        )  # fmt: skip
    table = GridTable(
        data,
        colWidths=col_widths,
        repeatRows=1 if (block.header and block.repeat_header) else 0,
        hAlign="LEFT",
    )
    table.set_grid_style(commands)
    table.keep_with_next = frozenset(i + head for i in sections)
    if block.header and not block.repeat_header:
        table.keep_with_next |= {0}  # a header row never ends a page alone
    return table


def _key_value_flowable(block: KeyValue) -> Flowable:
    fonts = register_fonts()
    s = _styles()
    if not block.rows:
        return RLSpacer(1, 0)
    face = L.Face(fonts.bold, L.BODY_SIZE)
    label_width = min(max(face.width(L.clean(k)) for k, _ in block.rows) + 12, L.KV_LABEL_MAX)
    data = [
        [RLParagraph(markup(k), s["kv_label"]), RLParagraph(markup(v), s["kv_value"])]
        for k, v in block.rows
    ]
    table = RLTable(data, colWidths=[label_width, "*"], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    table.spaceAfter = L.PARAGRAPH_SPACE_AFTER
    return table


class Bound(Flowable):
    """Blocks that a page break never separates (issue 15): ``lead`` (a heading) stays with
    the first row or line of ``body``, and ``tail`` (a signature) with at least ``keep_last``
    of its last rows or lines. The body (a table or a paragraph) is cut where the page ends,
    as ever; only the cut point moves. Like KeepTogether it asks to be split wherever it
    stands and answers with the blocks to place."""

    def __init__(
        self,
        lead: list[Flowable],
        body: Flowable,
        tail: list[Flowable] | None = None,
        keep_last: int = 2,
    ):
        super().__init__()
        self.lead, self.body, self.tail = list(lead), body, list(tail or [])
        self.keep_last = keep_last

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        self.width = availWidth
        return availWidth, 0xFFFFFF  # always split: the answer depends on the room left

    def _height(self, flowables: list[Flowable], width: float) -> float:
        total = 0.0
        for i, f in enumerate(flowables):
            if isinstance(f, KeepTogether):
                h = self._height(f._content, width)
            else:
                _, h = f.wrapOn(self.canv, width, 1e9)
            total += h + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
        return total

    def _whole(self, width: float, room: float) -> list[Flowable]:
        """Nothing better on a whole page: the body cut where the page ends."""
        tail = [KeepTogether(self.tail)] if self.tail else []
        parts = self.body.split(width, room) if room > 0 else []
        return [*self.lead, *(parts or [self.body]), *tail]

    def split(self, availWidth, availHeight):  # noqa: N803
        width = availWidth
        lead_h = self._height(self.lead, width)
        body_h = self._height([self.body], width)
        tail_h = self._height(self.tail, width)
        if lead_h + body_h + tail_h <= availHeight + 1e-6:
            return [*self.lead, self.body, *self.tail]
        frame_height = _frame_height(self)
        fresh = frame_height is None or availHeight >= frame_height - LongGrid.SLACK
        parts = _cut(self.body, width, availHeight - lead_h, self.keep_last if self.tail else 0)
        if parts is None:
            return self._whole(width, availHeight - lead_h) if fresh else []
        first, rest = parts
        if self.tail:
            rest = Bound([], rest, self.tail, self.keep_last)
        return [*self.lead, first, rest]


def _cut(body: Flowable, width: float, room: float, keep_last: int) -> tuple | None:
    """``body`` cut to fill ``room`` with at least one row or line, leaving at least
    ``keep_last`` rows or lines after the cut; None when it cannot start here."""
    if isinstance(body, (GridTable, LongGrid)):
        heights, head_h = body.body_row_heights(width)
        keep = body.keep_with_next
        if isinstance(body, GridTable):
            first_body = body.repeatRows if isinstance(body.repeatRows, int) else 0
            keep = frozenset(r - first_body for r in keep)
        space = room - head_h - LongGrid.SLACK
        fit = 0
        for h in heights:
            if h > space:
                break
            space -= h
            fit += 1
        fit = min(fit, len(heights) - keep_last)
        while fit > 0 and fit - 1 in keep:
            fit -= 1
        if fit < 1:
            return None
        parts = body.split_rows(width, fit)
        return (parts[0], parts[1]) if len(parts) == 2 else None
    if isinstance(body, (LineCell, RLParagraph)):
        body.wrap(width, 1e9)
        leading = body.style.leading
        lines = round(body.height / leading) if leading else 0
        fit = min(int((room + 1e-6) // leading), lines - keep_last)
        if fit < 1:
            return None
        parts = body.split(width, fit * leading + 0.01)
        return (parts[0], parts[1]) if len(parts) == 2 else None
    return None


def _lines_or_rows(flowable: Flowable, width: float) -> int:
    """How many lines (a paragraph) or rows (a table) a block prints; 0 for a gap."""
    if isinstance(flowable, (GridTable, LongGrid)):
        return len(flowable.body_row_heights(width)[0])
    if isinstance(flowable, (LineCell, RLParagraph)):
        _, h = flowable.wrap(width, 1e9)
        return round(h / flowable.style.leading) if flowable.style.leading else 1
    if isinstance(flowable, (RLSpacer, CondPageBreak)):
        return 0
    return 2  # a drawing or a layout table: kept whole


def _with_closing(body: list[Flowable], closing: list[Flowable], width: float) -> list[Flowable]:
    """The signature block bound to at least the last two lines or rows of what it signs:
    never alone on a page (issue 15)."""
    if not closing:
        return body
    tail = [f for c in closing for f in (c._content if isinstance(c, KeepTogether) else [c])]
    body = list(body)
    lines = 0
    while body:
        last = body.pop()
        if isinstance(last, KeepTogether):  # a module's own group: counted by its lines
            body += last._content
            continue
        if isinstance(last, Bound) and not last.tail:
            return [*body, Bound(last.lead, last.body, tail, max(2 - lines, 1))]
        count = _lines_or_rows(last, width)
        if count == 0 or isinstance(last, RLPageBreak):
            if isinstance(last, RLPageBreak):
                body.append(last)
                break
            tail.insert(0, last)
            continue
        if lines + count >= 2 or not body or isinstance(body[-1], RLPageBreak):
            return [*body, Bound([], last, tail, max(2 - lines, 1))]
        tail.insert(0, last)  # a one-line paragraph: the line before it goes along too
        lines += count
    return [*body, KeepTogether(tail)]


def body_flowables(blocks: Iterable, width: float | None = None) -> list[Flowable]:
    """The body blocks of a Document as ReportLab flowables; ``width`` is the frame's (see
    frame_width), which makes long tables faster to lay out."""
    s = _styles()
    out: list[Flowable] = []
    blocks = list(blocks)
    pending: RLParagraph | None = None  # a heading waiting for its table
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            heading = RLParagraph(markup(block.text), s[f"heading{level}"])
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(following, Table):
                # keepWithNext would carry the whole table to the next page; a heading only
                # needs its table's first rows with it (Bound)
                heading.keepWithNext = 0
                pending = heading
                continue
            out.append(heading)
        elif isinstance(block, Paragraph):
            style = _paragraph_style(block.align, block.indent, block.size, block.space_after)
            out.append(LineCell(_emphasised(block.content, block.bold, block.italic), style))
        elif isinstance(block, BulletList):
            bullet = L.clean(block.bullet)
            for item in block.items:
                out.append(RLParagraph(markup(item), s["bullet"], bulletText=bullet))
        elif isinstance(block, Table):
            table = _table_flowable(block, width)
            if pending is not None:
                lead = [pending]
                # headings kept with this one ("I. …" over "1. …") go into the same group:
                # ReportLab's keepWithNext cannot measure a Bound
                while out and isinstance(out[-1], RLParagraph) and out[-1].getKeepWithNext():
                    lead.insert(0, out.pop())
                table = Bound(lead, table)
                pending = None
            out.append(table)
            out.append(RLSpacer(1, L.PARAGRAPH_SPACE_AFTER))
        elif isinstance(block, KeyValue):
            out.append(_key_value_flowable(block))
        elif isinstance(block, Spacer):
            out.append(RLSpacer(1, block.height_mm * L.MM))
        elif isinstance(block, PageBreak):
            out.append(RLPageBreak())
        elif isinstance(block, Flowable):  # a module's own drawing in the flow
            out.append(block)
        else:
            raise TypeError(f"cannot print {type(block).__name__} in a Document body")
    return out


def _signature_title(sig: Signature, size: float) -> list[Flowable]:
    """Thẩm quyền, chức vụ (capitals, bold) and the optional italic note."""
    fonts = register_fonts()
    cell: list[Flowable] = [
        CenteredLines(L.upper(line), fonts.bold, size)
        for line in sig.lines
        if L.clean(line).strip()
    ]
    if L.clean(sig.note).strip():
        cell.append(CenteredLines(sig.note, fonts.italic, size))
    return cell


def _signature_name(sig: Signature, size: float) -> list[Flowable]:
    """Room for the signature and the seal, then the signer's name (bold, as written)."""
    fonts = register_fonts()
    cell: list[Flowable] = [RLSpacer(1, L.SIGNATURE_SPACE_MM * L.MM)]
    if L.clean(sig.name).strip():
        cell.append(CenteredLines(sig.name, fonts.bold, size))
    return cell


def _recipients_cell(recipients: list[str]) -> list[Flowable]:
    s = _styles()
    cell: list[Flowable] = [RLParagraph(escape(L.RECIPIENTS_TITLE), s["recipients_title"])]
    cell += [RLParagraph(escape(line), s["recipients"]) for line in L.recipient_lines(recipients)]
    return cell


def signature_flowables(
    signatures: list[Signature], recipients: list[str] | None = None
) -> list[Flowable]:
    """Nơi nhận at the left and the signature at the right on the same level (ND30 ô 7, 9b);
    several signatures in one row of equal columns. Kept together on one page."""
    signatures = list(signatures or [])
    recipients = list(recipients or [])
    rows: list[Flowable] = []
    if len(signatures) <= 1:
        if signatures or recipients:
            left = _recipients_cell(recipients) if recipients else ""
            right = (
                [
                    *_signature_title(signatures[0], L.SIGNATURE_SIZE),
                    *_signature_name(signatures[0], L.SIGNATURE_SIZE),
                ]
                if signatures
                else ""
            )
            rows.append(
                _layout_table([[left, right]], [L.RECIPIENTS_SHARE, 1 - L.RECIPIENTS_SHARE])
            )
    else:
        # titles in one table row and names in the next, so that the names line up
        n = len(signatures)
        size = L.SIGNATURE_SIZE_ROW
        rows.append(
            _layout_table(
                [
                    [_signature_title(sig, size) for sig in signatures],
                    [_signature_name(sig, size) for sig in signatures],
                ],
                [1 / n] * n,
                extra=[("RIGHTPADDING", (0, 0), (-2, -1), 6)],
            )
        )
        if recipients:
            rows.append(RLSpacer(1, L.SIGNATURE_GAP_BEFORE))
            rows.append(
                _layout_table(
                    [[_recipients_cell(recipients), ""]],
                    [L.RECIPIENTS_SHARE, 1 - L.RECIPIENTS_SHARE],
                )
            )
    if not rows:
        return []
    return [KeepTogether([RLSpacer(1, L.SIGNATURE_GAP_BEFORE), *rows])]


# --------------------------------------------------------------------------- page frame


class SheetStart(Flowable):
    """Marks where a new document starts inside one PDF (a unit's sheet, one invitation): its
    pages are numbered from 1 again, so its own first page carries no number."""

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        return 0, 0

    def draw(self):
        self.canv._kehoach_sheet_start = self.canv.getPageNumber()


def page_callback(first_page_number: bool = False) -> Callable:
    """The end-of-page callback of the ND30 frame: the page number centred in the top margin,
    13 pt, from the second page of each document on (Phụ lục I, mục II.7), or from its first
    page when asked. A document starts at page 1 or at a SheetStart."""

    def draw(canvas, doc) -> None:
        first = getattr(canvas, "_kehoach_sheet_start", 1)
        page = canvas.getPageNumber() - first + 1
        if page == 1 and not first_page_number:
            return
        fonts = register_fonts()
        canvas.saveState()
        canvas.setFont(fonts.regular, L.NUMBER_SIZE)
        canvas.setFillColor(colors.black)
        x = doc.leftMargin + doc.width / 2
        y = doc.pagesize[1] - L.MARGIN_TOP_MM * L.MM * 0.6
        canvas.drawCentredString(x, y, str(page))
        canvas.restoreState()

    return draw


def build_pdf(
    flowables: Iterable[Flowable],
    *,
    landscape: bool = False,
    pagesize: tuple[float, float] | None = None,
    meta_title: str = "",
    meta_author: str = "",
    first_page_number: bool = False,
) -> bytes:
    """Lay flowables out in the ND30 page frame (A4, margins 20/20/30/15 mm, page numbers in
    the top margin from each document's page 2 — see SheetStart) and return the PDF bytes."""
    fonts = register_fonts()
    size = pagesize or (_landscape(A4) if landscape else A4)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=L.MARGIN_LEFT_MM * L.MM,
        rightMargin=L.MARGIN_RIGHT_MM * L.MM,
        topMargin=L.MARGIN_TOP_MM * L.MM,
        bottomMargin=L.MARGIN_BOTTOM_MM * L.MM,
        title=L.clean(meta_title),
        author=L.clean(meta_author),
        subject=L.clean(meta_title),
        creator="Kế hoạch Hội nghị",
        lang="vi-VN",
        initialFontName=fonts.regular,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates(
        [PageTemplate(id="nd30", frames=[frame], onPageEnd=page_callback(first_page_number))]
    )
    with L.collector_paused():
        doc.build(list(flowables) or [RLSpacer(1, 1)])  # a PDF needs at least one page
    return buffer.getvalue()


def render_pdf(doc: Document) -> bytes:
    """The whole Document as a PDF."""
    width = frame_width(doc.landscape)
    body = body_flowables(doc.body, width)
    closing = signature_flowables(doc.signatures, doc.recipients)
    # the signature never stands alone on a page: the last lines or rows go with it
    body = _with_closing(body, closing, width) if doc.signature_keeps_text else body + closing
    flowables = [*header_flowables(doc.header, doc.title, doc.subtitle), *body]
    meta_title = doc.meta_title or " ".join(
        " ".join(L.clean(part).split()) for part in (doc.title, doc.subtitle) if part
    )
    return build_pdf(
        flowables,
        landscape=doc.landscape,
        meta_title=meta_title,
        meta_author=doc.meta_author,
    )
