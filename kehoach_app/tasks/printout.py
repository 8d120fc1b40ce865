"""The task printouts, drawn from what logic.py computed (no query, no date arithmetic here).

- "Phân công nhiệm vụ" (PDF): one sheet per unit to hand out — what it leads, what it supports,
  with deadlines — each sheet in the Nghị định 30/2020 frame with the conference's header, its
  pages numbered on their own (a unit's second page is "2", whatever unit came before).
- "Tiến độ theo thời hạn" (PDF, landscape): every task ordered by its computed deadline.
- "Danh sách nhiệm vụ" (XLSX): the list for Excel, real dates, filter and frozen header.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from reportlab.platypus import CondPageBreak

from .. import vn, xlsx_text
from ..printing import (
    Column,
    Document,
    Header,
    PageBreak,
    Paragraph,
    Run,
    Table,
    render_pdf,
)
from ..printing import layout as L
from ..printing.pdf import SheetStart, body_flowables, build_pdf, header_flowables
from .logic import (
    STATUS_LABELS,
    ScheduledTask,
    TaskDocumentHead,
    TaskOverview,
    UnitAssignments,
    by_deadline,
)

SHEET_TITLE = "PHÂN CÔNG NHIỆM VỤ"
TIMELINE_TITLE = "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ"


def _header(head: TaskDocumentHead) -> Header:
    return Header(issuer=head.issuer, parent_body=head.parent_body, date_line=head.date_line)


def _title_cell(item: ScheduledTask) -> list[Run]:
    runs = [Run(item.task.title)]
    if item.task.notes:
        runs.append(Run(f"\nGhi chú: {item.task.notes}", italic=True))
    return runs


def _deadline_cell(item: ScheduledTask) -> list[Run]:
    """Date first, bold; the rule as the plan words it under it."""
    runs = [Run(item.deadline.headline, bold=item.deadline.due is not None)]
    if item.deadline.detail:
        runs.append(Run("\n" + item.deadline.detail))
    return runs


def _section_heading(text: str) -> list:
    """A bold section line that never stands alone at the foot of a page.

    Not a printing Heading: its keep-with-next would carry the whole table that follows to the
    next page (ReportLab keeps them together), leaving most of a page blank. Instead the line
    starts a new page only when less than a few rows' room is left under it.
    """
    return [
        CondPageBreak(45 * L.MM),
        Paragraph(text, bold=True, indent=True, space_after=4),
    ]


# --------------------------------------------------------------------------- per unit


def unit_document(head: TaskDocumentHead, share: UnitAssignments) -> Document:
    """One unit's sheet: the conference's header, the unit, its tasks as leader and supporter."""
    body: list = [
        Paragraph(head.source_line, align="center", indent=False, italic=True, size=13),
        Paragraph(
            [Run("Đơn vị: ", bold=True), Run(share.unit, bold=True)],
            align="center",
            indent=False,
            space_after=10,
        ),
        Paragraph(
            [Run(f"Thời gian tổ chức {head.event}: ", bold=True), Run(head.event_line + ".")]
        ),
    ]
    sections = []
    if share.leads:
        sections.append(
            (
                f"Nhiệm vụ chủ trì ({vn.format_count(len(share.leads), 'việc')})",
                "Đơn vị phối hợp",
                [
                    [
                        str(i),
                        _title_cell(item),
                        "\n".join(item.task.support_units),
                        _deadline_cell(item),
                    ]
                    for i, item in enumerate(share.leads, start=1)
                ],
            )
        )
    if share.supports:
        sections.append(
            (
                f"Nhiệm vụ phối hợp ({vn.format_count(len(share.supports), 'việc')})",
                "Đơn vị chủ trì",
                [
                    [str(i), _title_cell(item), item.task.lead_unit, _deadline_cell(item)]
                    for i, item in enumerate(share.supports, start=1)
                ],
            )
        )
    for number, (heading, other, rows) in enumerate(sections, start=1):
        body.extend(_section_heading(f"{number}. {heading}"))
        body.append(
            Table(
                columns=[
                    Column("STT", 0.75, "center"),
                    Column("Nội dung công việc", 4.2),
                    Column(other, 2.1),
                    Column("Thời hạn", 3.0),
                ],
                rows=rows,
                font_size=12,
            )
        )
    return Document(
        title=SHEET_TITLE,
        subtitle=head.subject,
        header=_header(head),
        body=body,
        meta_title=f"Phân công nhiệm vụ — {share.unit}",
        meta_author=head.issuer,
    )


def render_unit_sheets(documents: Sequence[Document], meta_title: str, author: str) -> bytes:
    """Every unit's sheet, each from a fresh page, in the ND30 frame (A4, 20/20/30/15 mm)."""
    flowables: list = []
    for i, document in enumerate(documents):
        if i:
            flowables.extend(body_flowables([PageBreak()]))
        flowables.append(SheetStart())
        flowables.extend(header_flowables(document.header, document.title, document.subtitle))
        flowables.extend(body_flowables(document.body))
    if not flowables:
        documents = [Document(title=SHEET_TITLE, body=[Paragraph("Chưa có nhiệm vụ nào.")])]
        return render_pdf(documents[0])
    return build_pdf(flowables, meta_title=meta_title, meta_author=author)


def render_assignments(head: TaskDocumentHead, shares: Sequence[UnitAssignments]) -> bytes:
    documents = [unit_document(head, share) for share in shares]
    return render_unit_sheets(documents, f"Phân công nhiệm vụ — {head.subject}", head.issuer)


# --------------------------------------------------------------------------- timeline


def _status_cell(item: ScheduledTask) -> list[Run]:
    runs = [Run(item.status_label, bold=item.state == "done")]
    if item.state == "overdue":
        runs.append(Run(f"\n{item.when_text}", bold=True))
    elif item.state == "due_soon":
        runs.append(Run(f"\n{item.when_text}", italic=True))
    return runs


def _due_cell(item: ScheduledTask) -> list[Run]:
    if item.deadline.due is None:
        return [Run("Không có thời hạn")]
    rule = item.deadline.rule
    rule = (
        rule[:1].lower() + rule[1:]
    )  # "Sau Hội nghị" → "sau Hội nghị": the name keeps its capital
    return [Run(item.deadline.short, bold=True), Run(f"\n({rule})")]


def timeline_document(
    head: TaskDocumentHead,
    scheduled: Sequence[ScheduledTask],
    summary: TaskOverview,
    today: dt.date,
) -> Document:
    doing = summary.doing
    todo = summary.total - len(summary.done) - doing
    facts = (
        f"Tính đến ngày {vn.format_date_short(today)}: tổng số "
        f"{vn.format_count(summary.total, 'việc')}; đã xong {vn.format_count(len(summary.done))}, "
        f"đang làm {vn.format_count(doing)}, chưa làm {vn.format_count(todo)}; quá hạn "
        f"{vn.format_count(len(summary.overdue))}; đến hạn trong 7 ngày tới "
        f"{vn.format_count(len(summary.due_soon))}."
    )
    rows = [
        [
            _due_cell(item),
            _title_cell(item),
            item.task.lead_unit,
            "\n".join(item.task.support_units),
            _status_cell(item),
        ]
        for item in by_deadline(scheduled)
    ]
    body: list = [
        Paragraph(
            [
                Run(f"Thời gian tổ chức {head.event}: ", bold=True),
                Run(f"{head.event_line_with(today)}."),
            ]
        ),
        Paragraph(facts),
    ]
    if rows:
        body.append(
            Table(
                columns=[
                    Column("Hạn", 1.8, "center"),
                    Column("Việc", 5.6),
                    Column("Chủ trì", 2.3),
                    Column("Phối hợp", 2.3),
                    Column("Tình trạng", 1.7, "center"),
                ],
                rows=rows,
                font_size=12,
            )
        )
    else:
        body.append(Paragraph("Chưa có nhiệm vụ nào."))
    return Document(
        title=TIMELINE_TITLE,
        subtitle=head.subject,
        header=_header(head),
        body=body,
        landscape=True,
        meta_title=f"Tiến độ thực hiện nhiệm vụ — {head.subject}",
        meta_author=head.issuer,
    )


def render_timeline(
    head: TaskDocumentHead,
    scheduled: Sequence[ScheduledTask],
    summary: TaskOverview,
    today: dt.date,
) -> bytes:
    return render_pdf(timeline_document(head, scheduled, summary, today))


# --------------------------------------------------------------------------- XLSX

XLSX_COLUMNS = [
    ("STT", 6),
    ("Nội dung công việc", 60),
    ("Đơn vị chủ trì", 28),
    ("Đơn vị phối hợp", 28),
    ("Thời hạn", 36),
    ("Hạn hoàn thành", 15),
    ("Tình trạng", 12),
    ("Ghi chú", 30),
]
DATE_FORMAT = "dd/mm/yyyy"
HEADER_ROW = 4


def render_task_list_xlsx(
    head: TaskDocumentHead, scheduled: Sequence[ScheduledTask], today: dt.date
) -> bytes:
    """The task list as an Excel workbook, one row per task in the plan's order.

    Row 1 the title, row 2 the conference, row 4 the header (frozen, with a filter); the due
    date is a real Excel date shown dd/mm/yyyy, so the officer can sort and filter by it.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    last_col = get_column_letter(len(XLSX_COLUMNS))
    sheet["A1"] = f"DANH SÁCH NHIỆM VỤ — {head.subject}"
    sheet["A1"].font = Font(name="Times New Roman", bold=True, size=14)
    sheet.merge_cells(f"A1:{last_col}1")
    sheet["A2"] = f"Thời gian tổ chức {head.event}: {head.event_line}"
    sheet["A2"].font = Font(name="Times New Roman", italic=True, size=12)
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A2:D2")
    sheet.row_dimensions[2].height = 32
    sheet["E2"] = "Ngày tổ chức:"
    sheet["F2"] = head.event_day
    sheet["F2"].number_format = DATE_FORMAT
    sheet["G2"] = "Ngày lập:"
    sheet["H2"] = today
    sheet["H2"].number_format = DATE_FORMAT
    for cell in ("E2", "F2", "G2", "H2"):
        sheet[cell].font = Font(name="Times New Roman", size=12)
    sheet["E2"].alignment = sheet["G2"].alignment = Alignment(horizontal="right")
    sheet["F2"].alignment = sheet["H2"].alignment = Alignment(horizontal="left")

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    for col, (title, width) in enumerate(XLSX_COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=col, value=title)
        cell.font = Font(name="Times New Roman", bold=True, size=12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = header_fill
        cell.border = border
        sheet.column_dimensions[get_column_letter(col)].width = width

    overdue_font = Font(name="Times New Roman", size=12, color="B3261E", bold=True)
    body_font = Font(name="Times New Roman", size=12)
    row = HEADER_ROW
    for item in scheduled:
        row += 1
        values = [
            item.number,
            item.task.title,
            item.task.lead_unit,
            "\n".join(item.task.support_units),
            item.deadline.sentence,
            item.deadline.due,
            STATUS_LABELS.get(item.task.status, item.task.status),
            item.task.notes,
        ]
        for col, value in enumerate(values, start=1):
            cell = xlsx_text.write(sheet, row, col, value)  # a title typed as "=…" stays text
            cell.font = body_font
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        due = sheet.cell(row=row, column=6)
        due.number_format = DATE_FORMAT
        due.alignment = Alignment(horizontal="center", vertical="top")
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center", vertical="top")
        if item.state == "overdue":
            sheet.cell(row=row, column=7).font = overdue_font
    sheet.row_dimensions[HEADER_ROW].height = 22
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{max(row, HEADER_ROW + 1)}"
    # Printing from Excel: landscape A4, all columns on one page width, header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    book.properties.title = f"Danh sách nhiệm vụ — {head.subject}"
    book.properties.creator = "Kế hoạch Hội nghị"
    buffer = io.BytesIO()
    xlsx_text.seal(book).save(buffer)
    return buffer.getvalue()
