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
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from reportlab.platypus import Spacer as RLSpacer

from .. import vn, xlsx_text
from ..printing import (
    Column,
    Document,
    Header,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Spacer,
    Table,
)
from ..printing import layout as L
from ..printing.pdf import (
    GridTable,
    LongGrid,
    SheetStart,
    _table_flowable,
    _with_closing,
    body_flowables,
    build_pdf,
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
        blank = not entry.number and entry.day is None
        return (blank, entry.day is None, entry.day or dt.date.min, vn.collation_key(entry.number))

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


def decision_document(frame: Frame, entry: DecisionList, bases: list[str]) -> Document:
    """One decision's list as a Document (the DOCX-ready shape; the PDF draws the same)."""
    body: list = [
        Paragraph([Run("Khen thưởng tại: "), Run(frame.title, italic=True)], indent=False, size=13),
        Table(columns=COLUMNS, rows=_rows(entry), font_size=12, total_rows={len(entry.lines)}),
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
    if bases:
        body.append(
            Paragraph(
                [Run("Căn cứ: ", bold=True), Run("; ".join(bases) + ".")], indent=False, size=12
            )
        )
    return Document(
        title=TITLE,
        subtitle=f"Theo {entry.text}" if entry.text != NO_DECISION else NO_DECISION,
        header=Header(
            issuer=frame.issuer, parent_body=frame.parent_body, date_line=frame.place_line
        ),
        body=body,
        signatures=signatures(),
        meta_title=f"Danh sách ký nhận tiền thưởng — {frame.title}",
        meta_author=frame.issuer,
    )


def render_pdf(frame: Frame, lists: list[DecisionList], money: logic.MoneySummary) -> bytes:
    """Every decision's list, each from a fresh page numbered from 1 (SheetStart). What all the
    lists share — the ND30 header, the conference line, the signatures — is laid out once and
    drawn on each (as the invitations share theirs): a conference whose 300 awards came by 300
    decisions prints in about a second, not ten."""
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
        shared = decision_document(frame, lists[0], bases)
        head = header_flowables(shared.header, "", "")
        where = body_flowables(shared.body[:1], width)  # "Khen thưởng tại: …"
        closing = signature_flowables(shared.signatures)
        flowables = []
        for i, entry in enumerate(lists):
            document = decision_document(frame, entry, bases)
            if i:
                flowables.extend(body_flowables([PageBreak()]))
            flowables.append(SheetStart())
            flowables.extend(head)
            flowables.append(RLSpacer(1, L.TITLE_GAP_BEFORE))
            flowables.extend(header_flowables(None, document.title, document.subtitle))
            body: list = list(where)
            for block in document.body[1:]:
                if isinstance(block, Table):
                    body.append(_signing_table(block, width))
                else:
                    body.extend(body_flowables([block], width))
            flowables.extend(_with_closing(body, closing, width))
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
    written as text (xlsx_text): a name typed "=…" never becomes a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Ký nhận tiền thưởng"
    _styles(book)
    height = SIGNING_ROW_MM / 25.4 * 72
    row = 0  # the last row written (openpyxl's max_row scans every cell: quadratic here)

    def add(values: list, styles: tuple[str, ...] = ()) -> int:
        """Write one row: strings as text (xlsx_text), a Formula as a formula."""
        nonlocal row
        row += 1
        for column, value in enumerate(values, start=1):
            if value is not None and value != "":
                xlsx_text.write(sheet, row, column, value)
        for column, style in enumerate(styles, start=1):
            if style:
                sheet.cell(row=row, column=column).style = style
        return row

    body = ("kn_cell", "kn_wrap", "kn_wrap", "kn_money", "kn_cell")
    for index, entry in enumerate(lists or [DecisionList("", None, NO_DECISION)]):
        if index:
            sheet.row_breaks.append(Break(id=row))
            add([])
        add([vn.upper_vn(frame.issuer)], ("kn_bold",))
        add([TITLE], ("kn_title",))
        add([entry.text], ("kn_italic",))
        add([f"Khen thưởng tại: {frame.title}"])
        add([])
        head = add(
            ["STT", "Họ và tên / Tập thể", "Đơn vị", "Số tiền (đồng)", "Ký nhận"], ("kn_head",) * 5
        )
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
