"""Danh sách ký nhận tiền thưởng (issue 20, part 3): the award money paid against signatures,
one list per award decision (docs/awards.md, "Danh sách ký nhận tiền thưởng").

The awards are grouped by their decision (number and date, as entered); each list holds STT,
the collective or person, the unit, the amount and an empty column to sign in, its total in
figures and in words, and the signatures the finance office expects (Người lập biểu, Kế toán,
Thủ trưởng đơn vị). The amounts are the award money (awards/logic.money_by_form: coefficient ×
mức lương cơ sở in force on the decision's date, rounded); while a figure behind them is not
confirmed against its document the pre-signature check blocks this list as it blocks the money
list (checks.LEGAL_FIGURE_PRINTOUTS) and the print centre says so: it is never printed as final
without the officer being told.

PDF in the Nghị định 30 frame (one document per decision, each from a fresh page numbered from
1); XLSX with one sheet per decision, the total a SUM formula over the amounts.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Spacer as RLSpacer

from .. import vn, xlsx_text
from ..conferences.logic import blank_date_line
from ..printing import (
    Column,
    Document,
    Header,
    Paragraph,
    Run,
    Signature,
    Spacer,
    Table,
)
from ..printing import layout as L
from ..printing.fonts import register_fonts
from ..printing.pdf import (
    CELL_SLACK,
    CenteredLines,
    GridTable,
    LineCell,
    LongGrid,
    SheetStart,
    _cell_style,
    _table_flowable,
    _with_closing,
    body_flowables,
    build_pdf,
    fitted_table,
    frame_width,
    header_flowables,
    signature_flowables,
)
from . import figures, logic
from .printout import Frame

KEY = "ky-nhan-tien-thuong"
TITLE = "DANH SÁCH KÝ NHẬN TIỀN THƯỞNG"
NO_DECISION = "Chưa có số, ngày quyết định"
# Room to sign: each body row at least this tall (the delegates' sign-in sheet uses 12 mm).
SIGNING_ROW_MM = 11.0


@dataclass
class ReceiptLine:
    name: str
    unit: str
    amount: int | None  # None: not priced (no figure in force on the decision's date)
    kind: str = logic.INDIVIDUAL


@dataclass
class DecisionList:
    number: str
    day: dt.date | None
    text: str  # "Quyết định số 125/QĐ-UBND ngày 20 tháng 12 năm 2026 của Chủ tịch …"
    lines: list[ReceiptLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.amount or 0 for line in self.lines)

    @property
    def unpriced(self) -> int:
        return sum(1 for line in self.lines if line.amount is None)

    @property
    def total_in_words(self) -> str:
        return vn.amount_in_words(self.total)


def decision_lists(
    ceremony: logic.Ceremony,
    money: logic.MoneySummary,
    issuer: str = "",
    organiser_level: str = "",
    province: str = "",
) -> list[DecisionList]:
    """One list per decision (number and date as entered, spacing and case forgiven), each in
    the ceremony's order; the lists by the decision's date, then number; awards without a
    decision last."""
    lists: dict[tuple[str, dt.date | None], DecisionList] = {}
    for batch in ceremony.batches:
        for recipient in batch.recipients:
            number = vn.clean_text(recipient.decision_number)
            key = (" ".join(number.upper().split()), recipient.decision_date)
            entry = lists.get(key)
            if entry is None:
                if number or recipient.decision_date:
                    authority = logic.decision_authority(
                        batch.form.name, number, issuer, batch.form.level, province
                    )
                    text = logic.decision_text(number, recipient.decision_date, authority)
                else:
                    text = NO_DECISION
                entry = lists[key] = DecisionList(number, recipient.decision_date, text)
            amount = money.amounts.get(recipient.id)
            entry.lines.append(
                ReceiptLine(
                    recipient.name,
                    recipient.unit,
                    amount if amount else None,
                    recipient.kind,
                )
            )

    def order(entry: DecisionList) -> tuple:
        # by date, then by the number's leading integer (9 before 10 before 100: as text "100"
        # would come before "99"), then the number as text ("12a/QĐ-UBND" after "12/QĐ-UBND")
        blank = not entry.number and entry.day is None
        leading = re.match(r"\s*(\d+)", entry.number)
        return (
            blank,
            entry.day is None,
            entry.day or dt.date.min,
            leading is None,
            int(leading.group(1)) if leading else 0,
            vn.collation_key(entry.number),
        )

    return sorted(lists.values(), key=order)


# --------------------------------------------------------------------------- PDF

COLUMNS = [
    Column("STT", 0.5, "center"),
    Column("Họ và tên / Tập thể", 2.9),
    Column("Đơn vị", 2.7),
    Column("Số tiền (đồng)", 1.45, "right"),
    Column("Ký nhận", 2.4, "center"),
]


def _rows(entry: DecisionList) -> list[list]:
    rows: list[list] = []
    for number, line in enumerate(entry.lines, start=1):
        name = line.name if line.kind == logic.INDIVIDUAL else f"{line.name} (tập thể)"
        amount = vn.format_number(line.amount) if line.amount is not None else ""
        rows.append([str(number), name, line.unit, amount, ""])
    rows.append(["", "Cộng", "", vn.format_number(entry.total), ""])
    return rows


def _signing_table(block: Table, width: float):
    """The ruled table of the printing layer, its body rows made tall enough to sign in."""
    flowable = _table_flowable(block, width)
    extra_pad = max(
        0.0, (SIGNING_ROW_MM * L.MM - (block.font_size * 1.2 + 2 * L.TABLE_PADDING_Y + 1)) / 2
    )
    extra = [
        ("TOPPADDING", (0, 1), (-1, -1), L.TABLE_PADDING_Y + extra_pad),
        ("BOTTOMPADDING", (0, 1), (-1, -1), L.TABLE_PADDING_Y + 1 + extra_pad),
    ]
    if isinstance(flowable, GridTable):
        flowable.set_grid_style([*flowable._grid_commands, *extra])
    elif isinstance(flowable, LongGrid):
        base = flowable.commands
        flowable.commands = lambda first, last: [*base(first, last), *extra]
    return flowable


def signatures() -> list[Signature]:
    note = "(Ký, ghi rõ họ tên)"
    return [
        Signature(lines=["NGƯỜI LẬP BIỂU"], name="", note=note),
        Signature(lines=["KẾ TOÁN"], name="", note=note),
        Signature(lines=["THỦ TRƯỞNG ĐƠN VỊ"], name="", note="(Ký, ghi rõ họ tên, đóng dấu)"),
    ]


def receipt_date_line(frame: Frame, lists: list[DecisionList], entry: DecisionList) -> str:
    """The list's date line: "Tân Hòa, ngày … tháng … năm 2026". A receipt list is signed when
    the money is paid, after the decision it pays — never on the plan's ngày ký, which comes
    before the decisions. The day and month are left for the hand; the year is the decision's
    (a list without a decision: the latest decision's of the set; none at all: "20…")."""
    # the set's latest date only when this list has none (once per list, not a scan per list)
    day = entry.day or max((e.day for e in lists if e.day is not None), default=None)
    if day is None:
        return vn.date_line(frame.place, None, None)
    return blank_date_line(vn.clean_text(frame.place), day.year)


def decision_document(
    frame: Frame, entry: DecisionList, bases: list[str], date_line: str = ""
) -> Document:
    """One decision's list as a Document (the DOCX-ready shape; the PDF draws the same);
    `date_line` from receipt_date_line."""
    body: list = [
        Paragraph([Run("Khen thưởng tại: "), Run(frame.title, italic=True)], indent=False, size=13),
        Table(columns=COLUMNS, rows=_rows(entry), font_size=12, total_rows={len(entry.lines)}),
        *_total_blocks(entry),
    ]
    if bases:
        body.append(
            Paragraph(
                [Run("Căn cứ: ", bold=True), Run("; ".join(bases) + ".")], indent=False, size=12
            )
        )
    return Document(
        title=TITLE,
        subtitle=_subtitle(entry),
        header=_header(frame, date_line or receipt_date_line(frame, [entry], entry)),
        body=body,
        signatures=signatures(),
        meta_title=f"Danh sách ký nhận tiền thưởng — {frame.title}",
        meta_author=frame.issuer,
    )


def _subtitle(entry: DecisionList) -> str:
    return f"Theo {entry.text}" if entry.text != NO_DECISION else NO_DECISION


def _header(frame: Frame, date_line: str) -> Header:
    return Header(issuer=frame.issuer, parent_body=frame.parent_body, date_line=date_line)


def _total_blocks(entry: DecisionList) -> list:
    """What follows the table: the total in figures and in words."""
    return [
        Spacer(3),
        Paragraph(
            [Run("Tổng số tiền: ", bold=True), Run(f"{vn.format_number(entry.total)} đồng.")],
            indent=False,
        ),
        Paragraph(
            [Run("Bằng chữ: ", bold=True), Run(entry.total_in_words + ".", italic=True)],
            indent=False,
        ),
    ]


class Stamp(Flowable):
    """Flowables drawn once into a PDF form XObject, then placed by reference wherever the
    stamp stands: what every decision's list shares (the ND30 header and title, the three
    signatures, the table's header row) costs one drawing for 300 lists, not 300."""

    def __init__(self, flowables: list[Flowable], name: str):
        super().__init__()
        self.flowables, self.name = list(flowables), name
        self._placed: list[tuple[Flowable, float, float]] = []
        # the spaces around the stamp are those of its first and last flowables
        self.spaceBefore = self.flowables[0].getSpaceBefore() if self.flowables else 0
        self.spaceAfter = self.flowables[-1].getSpaceAfter() if self.flowables else 0
        self._for: float | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        if self._for != availWidth:
            self._for, self._placed, y, after = availWidth, [], 0.0, 0.0
            canvas = getattr(self, "canv", None)
            for i, flowable in enumerate(self.flowables):
                if i:  # as a frame stacks them: the larger of the two spaces
                    y += max(flowable.getSpaceBefore(), after)
                _, h = (
                    flowable.wrapOn(canvas, availWidth, 1e9)
                    if canvas
                    else flowable.wrap(availWidth, 1e9)
                )
                self._placed.append((flowable, y, h))
                y += h
                after = flowable.getSpaceAfter()
            self.width, self.height = availWidth, y
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.name):
            canvas.beginForm(self.name)
            for flowable, top, h in self._placed:
                flowable.drawOn(canvas, 0, self.height - top - h)
            canvas.endForm()
        canvas.doForm(self.name)


# "ngày 06 tháng 12 năm 2026" is read as one: a line never ends on "ngày 06" (the signer reads
# a date cut in two as two dates) — wrapped as one word, as layout.wrap_lines keeps it.
_DATE_WORDS = re.compile(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}")


def _words(segment: str) -> list[str]:
    """The segment's words, each full date one word."""
    words: list[str] = []
    at = 0
    for match in _DATE_WORDS.finditer(segment):
        words.extend(segment[at : match.start()].split())
        words.append(match.group(0))
        at = match.end()
    words.extend(segment[at:].split())
    return words


class _Subtitle(CenteredLines):
    """The trích yếu ("Theo Quyết định số … ngày … của …") as CenteredLines draws it, its
    balanced lines found as layout.wrap_lines finds them (the same greedy split at each width
    of the same search) over word widths measured once for all the decisions: 300 subtitles
    that differ by a number cost 300 string measures, not 300 × 13 re-measures of each line."""

    def __init__(self, text: str, face: str, size: float, widths: dict[str, float]):
        super().__init__(text, face, size, rule="short", max_share=0.85)
        self._widths = widths  # shared by every decision's subtitle

    def _width(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = stringWidth(text, self.face.name, self.size)
        return width

    def _split(self, words: list[str], room: float) -> list[str]:
        """reportlab.lib.utils._simpleSplit, with the widths remembered."""
        lines: list[str] = []
        line: list[str] = []
        space = self._width(" ")
        w = -space
        for word in words:
            lw = self._width(word)
            if w + space + lw <= room or not line:
                line.append(word)
                w = w + space + lw
            else:
                lines.append(" ".join(line))
                line, w = [word], lw
        if line:
            lines.append(" ".join(line))
        return lines

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        width = availWidth * self.max_share
        lines: list[str] = []
        for segment in self.text.split("\n"):
            segment = segment.strip()
            if self._width(segment) <= width:
                lines.append(segment)
                continue
            words = _words(segment)
            greedy = self._split(words, width)
            if len(greedy) > 1:  # layout.wrap_lines' balance: the narrowest width for n lines
                lo, hi, best = width / len(greedy), width, greedy
                for _ in range(12):
                    mid = (lo + hi) / 2
                    trial = self._split(words, mid)
                    if len(trial) <= len(greedy) and max(map(self._width, trial)) <= mid + 0.01:
                        best, hi = trial, mid
                    else:
                        lo = mid
                greedy = best
            lines.extend(greedy)
        self._lines = lines
        self.width = availWidth
        self.height = len(lines) * self.leading + (L.RULE_GAP + L.RULE_THICKNESS if lines else 0)
        return self.width, self.height


@dataclass
class _Row:
    height: float
    cells: list  # per column: None (empty), (text, font) drawn as a string, or a LineCell


class _Geometry:
    """The receipt table's columns, measured once over every decision's rows (one width for
    all the lists: they read alike), and its rows measured from the text, not by building a
    ReportLab Table per decision: the cost follows the rows, not the decisions."""

    def __init__(self, rows: list[list[str]], bold_rows: set[int], width: float, tag: str):
        block = Table(columns=COLUMNS, rows=rows, font_size=12, total_rows=bold_rows)
        self.widths, self.size = fitted_table(block, width)
        fonts = register_fonts()
        self.regular, self.bold = fonts.regular, fonts.bold
        self.styles = [
            _cell_style(self.size, {"center": "cell_center", "right": "cell_right"}.get(
                c.align, "cell"
            ))
            for c in COLUMNS
        ]  # fmt: skip
        self.leading = _cell_style(self.size, "cell").leading
        # each body row at least SIGNING_ROW_MM tall: room to sign
        extra = max(0.0, (SIGNING_ROW_MM * L.MM - (self.leading + 2 * L.TABLE_PADDING_Y + 1)) / 2)
        self.top_pad = L.TABLE_PADDING_Y + extra
        self.bottom_pad = L.TABLE_PADDING_Y + 1 + extra
        self.edges = [0.0]
        for w in self.widths:
            self.edges.append(self.edges[-1] + w)
        header = [LineCell(c.title, _cell_style(self.size, "cell_header")) for c in COLUMNS]
        self.header = _Row(
            max(cell.wrap(w - 2 * L.TABLE_PADDING_X, 1e9)[1] for cell, w in zip(
                header, self.widths, strict=True
            )) + 2 * L.TABLE_PADDING_Y + 1,
            header,
        )  # fmt: skip
        self.header_form = f"knhead{tag}"

    def row(self, values: list[str], bold: bool) -> _Row:
        font = self.bold if bold else self.regular
        cells: list = []
        lines = 1
        for value, w, style in zip(values, self.widths, self.styles, strict=True):
            text = L.clean(value).strip()
            if not text:
                cells.append(None)
            elif "\n" not in text and stringWidth(text, font, self.size) <= w - CELL_SLACK:
                cells.append((text, font))
            else:  # wraps between words (LineCell), as the printing layer's cells do
                cell = LineCell(L.as_runs(text, bold=bold) if bold else text, style)
                _, h = cell.wrap(w - 2 * L.TABLE_PADDING_X, 1e9)
                lines = max(lines, round(h / self.leading))
                cells.append(cell)
        return _Row(lines * self.leading + self.top_pad + self.bottom_pad, cells)

    def draw_row(self, canvas, row: _Row, bottom: float, top_pad: float, bottom_pad: float):
        """One row as ReportLab's Table draws it (VALIGN MIDDLE), its grid lines apart."""
        px = L.TABLE_PADDING_X
        for j, cell in enumerate(row.cells):
            if cell is None:
                continue
            left, w = self.edges[j], self.widths[j]
            if isinstance(cell, LineCell):
                h = cell.height
                cell.drawOn(canvas, left + px, bottom + (row.height + bottom_pad - top_pad - h) / 2)
                continue
            text, font = cell
            y = bottom + (bottom_pad + row.height - top_pad + self.leading) / 2 - self.size
            canvas.setFont(font, self.size, self.leading)
            align = COLUMNS[j].align
            if align == "right":
                canvas.drawRightString(left + w - px, y, text)
            elif align == "center":
                canvas.drawCentredString(left + w / 2, y, text)
            else:
                canvas.drawString(left + px, y, text)

    def draw_header(self, canvas, bottom: float) -> None:
        if not canvas.hasForm(self.header_form):
            canvas.beginForm(self.header_form)
            pad = L.TABLE_PADDING_Y
            self.draw_row(canvas, self.header, 0, pad, pad + 1)
            self._grid(canvas, [0, self.header.height])
            canvas.endForm()
        canvas.saveState()
        canvas.translate(0, bottom)
        canvas.doForm(self.header_form)
        canvas.restoreState()

    def _grid(self, canvas, ys: list[float]) -> None:
        canvas.setLineWidth(L.GRID_THICKNESS)
        canvas.setStrokeColor(colors.black)
        canvas.grid(self.edges, ys)


class _GridPart(Flowable):
    """The rows of one page under the repeated header row."""

    def __init__(self, geometry: _Geometry, rows: list[_Row]):
        super().__init__()
        self.geometry, self.rows = geometry, rows

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        self.width = self.geometry.edges[-1]
        self.height = self.geometry.header.height + sum(r.height for r in self.rows)
        return self.width, self.height

    def draw(self) -> None:
        g, canvas = self.geometry, self.canv
        y = self.height - g.header.height
        g.draw_header(canvas, y)
        ys = [y]
        canvas.setFillColor(colors.black)
        for row in self.rows:
            y -= row.height
            g.draw_row(canvas, row, y, g.top_pad, g.bottom_pad)
            ys.append(y)
        if self.rows:
            g._grid(canvas, ys[::-1])


class SigningGrid(LongGrid):
    """One decision's ruled table, cut between rows at a page end under its repeated header
    (LongGrid's rules: Bound keeps the signature with the last two rows), drawn from the rows
    measured by _Geometry."""

    def __init__(self, geometry: _Geometry, rows: list[_Row]):
        super().__init__([], rows, geometry.widths, lambda first, last: [])
        self.geometry = geometry
        self._heights = (None, [r.height for r in rows], geometry.header.height)

    def _measure(self, width: float) -> tuple[list[float], float]:
        return self._heights[1], self._heights[2]

    def _table(self, first: int, last: int) -> _GridPart:
        return _GridPart(self.geometry, self.rows[first:last])

    def split_rows(self, width: float, fit: int) -> list:
        if fit >= len(self.rows):
            return [self._table(0, len(self.rows))]
        return [self._table(0, fit), SigningGrid(self.geometry, self.rows[fit:])]


class _OnePage(Flowable):
    """One decision's list, placed as a frame places its blocks when it fits on the page it
    starts (most lists: one or two recipients), in one step of the page layout rather than a
    dozen; a list that does not fit becomes those blocks, its signature bound to its last rows
    (_with_closing), and the page layout cuts it between rows as any table."""

    def __init__(self, opening: list, body: list, closing: list, width: float):
        super().__init__()
        self.opening, self.body, self.closing, self.frame_width = opening, body, closing, width
        self._placed: list[tuple[Flowable, float, float]] = []

    def _blocks(self) -> list[Flowable]:
        return [*self.opening, *self.body, *self.closing]

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        # reportlab.platypus.frames.Frame._add: a block's space before overlaps the space
        # after the one above it (overlapAttachedSpace), none at the top of the frame
        self._placed, used, after, top = [], 0.0, 0.0, True
        for flowable in self._blocks():
            space = 0.0 if top else max(flowable.getSpaceBefore() - after, 0)
            w, h = flowable.wrapOn(self.canv, availWidth, availHeight - used - space)
            used += space + h
            self._placed.append((flowable, used, availWidth - w))
            if space + h:
                top = False
            after = flowable.getSpaceAfter()
            used += after
        self.width, self.height = availWidth, used - after
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        return [*self.opening, *_with_closing(self.body, self.closing, self.frame_width)]

    def draw(self) -> None:
        for flowable, bottom, spare in self._placed:
            flowable.drawOn(self.canv, 0, self.height - bottom, _sW=spare)


def render_pdf(frame: Frame, lists: list[DecisionList], money: logic.MoneySummary) -> bytes:
    """Every decision's list in one ReportLab build, each from a fresh page numbered from 1
    (SheetStart, read by the page callback). What the lists share — the ND30 header and
    title, the conference line, the legal bases, the signatures, the table's header row — is
    laid out once and drawn once (Stamp: a PDF form XObject); the table's columns are measured
    once over all the rows. A conference whose 300 awards came by 300 decisions costs what its
    300 rows cost (docs/awards.md)."""
    bases = figures.printed_bases(money)
    width = frame_width()
    if not lists:
        document = Document(
            title=TITLE,
            subtitle=frame.title,
            header=Header(issuer=frame.issuer, parent_body=frame.parent_body),
            body=[Paragraph("Chưa có khen thưởng nào.", indent=False)],
        )
        flowables = [
            *header_flowables(document.header, document.title, document.subtitle),
            *body_flowables(document.body),
        ]
    else:
        tag = f"{id(lists):x}"  # form names unique to this build
        shared = decision_document(frame, lists[0], bases)
        heads: dict[str, Stamp] = {}  # one header per date line (the decisions' years)

        def head_of(line: str) -> Stamp:
            if line not in heads:
                heads[line] = Stamp(
                    [
                        *header_flowables(_header(frame, line), "", ""),
                        RLSpacer(1, L.TITLE_GAP_BEFORE),
                        *header_flowables(None, TITLE, "")[:1],
                    ],
                    f"knpage{tag}y{len(heads)}",
                )
            return heads[line]

        # "Khen thưởng tại: …", two justified lines: a Paragraph, drawn once
        where = [Stamp(body_flowables(shared.body[:1], width), f"knwhere{tag}")]
        fonts, widths = register_fonts(), {}
        tail = body_flowables(shared.body[-1:], width) if bases else []  # "Căn cứ: …"
        (keep,) = signature_flowables(shared.signatures)  # KeepTogether([gap, signatures])
        gap, *blocks = keep._content
        closing = [gap, Stamp(blocks, f"knsign{tag}")]
        all_rows = [_rows(entry) for entry in lists]
        flat = [row for rows in all_rows for row in rows]
        totals, at = set(), -1
        for rows in all_rows:
            at += len(rows)
            totals.add(at)
        geometry = _Geometry(flat, totals, width, tag)
        # a row half a page tall (a name of a paragraph): the layer's own table, which cuts
        # inside a row taller than a page
        tall = (A4[1] - (L.MARGIN_TOP_MM + L.MARGIN_BOTTOM_MM) * L.MM) / 2
        flowables = []
        # Each list's own parts, as decision_document words them (its Document is built only
        # for a list with a row too tall for the drawn grid).
        for i, (entry, rows) in enumerate(zip(lists, all_rows, strict=True)):
            date_line = receipt_date_line(frame, lists, entry)
            if i:
                flowables.append(RLPageBreak())
            subtitle = L.clean(_subtitle(entry)).strip()
            opening = [
                SheetStart(),
                head_of(date_line),
                _Subtitle(subtitle, fonts.bold, L.TITLE_SIZE, widths),
                RLSpacer(1, L.TITLE_GAP_AFTER),
                *where,
            ]
            measured = [geometry.row(r, k == len(rows) - 1) for k, r in enumerate(rows)]
            if max(r.height for r in measured) < tall:
                grid: Flowable = SigningGrid(geometry, measured)
            else:
                document = decision_document(frame, entry, bases, date_line)
                grid = _signing_table(document.body[1], width)
            body = [grid, *body_flowables(_total_blocks(entry), width), *tail]
            flowables.append(_OnePage(opening, body, closing, width))
    return build_pdf(
        flowables,
        meta_title=f"Danh sách ký nhận tiền thưởng — {frame.title}",
        meta_author=frame.issuer,
    )


# --------------------------------------------------------------------------- XLSX

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MM_INCH = 1 / 25.4


def _styles(book: Workbook) -> dict[str, str]:
    """Named cell styles: one style index per kind of cell, not a font, a border and an
    alignment set cell by cell (openpyxl hashes each), so 300 decisions write in well under a
    second."""
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    kinds = {
        "kn_head": dict(font=Font(bold=True), alignment=centre, border=_BOX),
        "kn_cell": dict(alignment=Alignment(vertical="center"), border=_BOX),
        "kn_wrap": dict(alignment=Alignment(vertical="center", wrap_text=True), border=_BOX),
        "kn_money": dict(
            alignment=Alignment(vertical="center"), border=_BOX, number_format="#,##0"
        ),
        "kn_total": dict(font=Font(bold=True), alignment=Alignment(vertical="center"), border=_BOX),
        "kn_total_money": dict(
            font=Font(bold=True),
            alignment=Alignment(vertical="center"),
            border=_BOX,
            number_format="#,##0",
        ),  # fmt: skip
        "kn_bold": dict(font=Font(bold=True)),
        "kn_title": dict(font=Font(bold=True, size=14)),
        "kn_italic": dict(font=Font(italic=True)),
        "kn_sign": dict(font=Font(bold=True), alignment=centre),
        "kn_note": dict(font=Font(italic=True), alignment=centre),
    }
    for name, attributes in kinds.items():
        book.add_named_style(NamedStyle(name=name, **attributes))
    return {name: name for name in kinds}


def render_xlsx(frame: Frame, lists: list[DecisionList]) -> bytes:
    """One sheet, one block per decision, a page break between blocks (each prints as its own
    list): the rows, the total as =SUM over the block's amounts (a corrected amount carries
    through), the words of the program's total, the three signatures. One sheet, not one per
    decision: 300 decisions stay one file Excel opens at once. Texts the officer typed are
    written as text (xlsx_text): a name typed "=…" never becomes a formula.

    Each block carries its own date line (receipt_date_line) and "Theo Quyết định …" line. The
    table's column header repeats at the top of every printed page (print_title_rows — one
    range per sheet, so the first block's; all blocks share the same columns): a list running
    over a page keeps its header, and the page that opens the next list shows it above that
    list's own title. Pages are numbered across the sheet ("Trang 3/7"), not per list: Excel
    numbers a sheet, not a block — the PDF numbers each list from 1."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Ký nhận tiền thưởng"
    _styles(book)
    height = SIGNING_ROW_MM / 25.4 * 72
    row = 0  # the last row written (openpyxl's max_row scans every cell: quadratic here)
    # a named style looked up by openpyxl once per kind, copied to the other cells
    copies = xlsx_text.StyleCopies()
    breaks: list[Break] = []  # given to the sheet at once (RowBreak.append copies the list)

    def add(values: list, styles: tuple[str, ...] = ()) -> int:
        """Write one row: strings as text (xlsx_text), a Formula as a formula."""
        nonlocal row
        row += 1
        for column, value in enumerate(values, start=1):
            if value is not None and value != "":
                xlsx_text.write(sheet, row, column, value)
        for column, style in enumerate(styles, start=1):
            if style:
                copies.apply(sheet.cell(row=row, column=column), style, style=style)
        return row

    body = ("kn_cell", "kn_wrap", "kn_wrap", "kn_money", "kn_cell")
    for index, entry in enumerate(lists or [DecisionList("", None, NO_DECISION)]):
        if index:
            breaks.append(Break(id=row))
            add([])
        # the issuer on the left, the list's own date line on the right (receipt_date_line)
        add(
            [vn.upper_vn(frame.issuer), "", receipt_date_line(frame, lists, entry)],
            ("kn_bold", "", "kn_italic"),
        )
        add([TITLE], ("kn_title",))
        add([f"Theo {entry.text}" if entry.text != NO_DECISION else entry.text], ("kn_italic",))
        add([f"Khen thưởng tại: {frame.title}"])
        add([])
        head = add(
            ["STT", "Họ và tên / Tập thể", "Đơn vị", "Số tiền (đồng)", "Ký nhận"], ("kn_head",) * 5
        )
        if not index:  # the column header repeats at the top of every printed page
            sheet.print_title_rows = f"{head}:{head}"
        for number, line in enumerate(entry.lines, start=1):
            name = line.name if line.kind == logic.INDIVIDUAL else f"{line.name} (tập thể)"
            add([number, name, line.unit, line.amount, ""], body)
            sheet.row_dimensions[row].height = height
        total = xlsx_text.Formula(f"=SUM(D{head + 1}:D{row})") if entry.lines else 0
        add(["", "Cộng", "", total, ""], ("kn_total",) * 3 + ("kn_total_money", "kn_total"))
        add([])
        add(["", f"Bằng chữ: {entry.total_in_words}."], ("", "kn_italic"))
        add([])
        add(
            ["", "NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"],
            ("", "kn_sign", "kn_sign", "kn_sign"),
        )
        note = "(Ký, ghi rõ họ tên)"
        add(
            ["", note, note, "(Ký, ghi rõ họ tên, đóng dấu)"], ("", "kn_note", "kn_note", "kn_note")
        )
    sheet.row_breaks.brk = breaks
    for column, width in enumerate((6, 34, 34, 16, 22), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Nghị định 30/2020/NĐ-CP, Phụ lục I margins: left 30 mm, right 15 mm, top/bottom 20 mm
    sheet.page_margins.left = 30 * _MM_INCH
    sheet.page_margins.right = 15 * _MM_INCH
    sheet.page_margins.top = 20 * _MM_INCH
    sheet.page_margins.bottom = 20 * _MM_INCH
    sheet.oddFooter.center.text = "Trang &P/&N"
    buffer = io.BytesIO()
    xlsx_text.seal(book).save(buffer)
    return buffer.getvalue()
