"""Báo cáo kết quả điểm danh: who was convened, who came, who did not, who came in whose place.

PDF in the Nghị định 30/2020 frame (the printing Document: header, BÁO CÁO, signature) and XLSX
(every delegate on one line, user text through xlsx_text). Registered in the print catalogue;
the print centre says "chưa có ai điểm danh" until someone has arrived.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from sqlalchemy import select

from .. import vn, xlsx_text
from ..conferences.logic import blank_date_line, conference_summary
from ..conferences.models import Conference
from ..db import db
from ..delegates.logic import protocol_order, role_of
from ..delegates.reading import delegate_rows, group_rows
from ..printing import (
    FONT_FAMILY_DOCX,
    Column,
    Document,
    Header,
    Heading,
    Paragraph,
    Signature,
    Table,
    render_pdf,
)
from . import logic
from .models import Arrival

KEY = "bao-cao-diem-danh"
NOT_STARTED = "Chưa có đại biểu nào được điểm danh"


@dataclass(frozen=True)
class Line:
    """One delegate in the report, already worded."""

    full_name: str
    role: str
    group: str
    code: str
    present: bool
    arrived: str  # "07:42" or ""
    point: str
    substitute: str  # who came in his place
    declined: bool  # he had sent word he would not come


@dataclass(frozen=True)
class Report:
    title: str
    issuer: str
    parent_body: str
    place: str
    year: int
    event: str
    counts: logic.Attendance
    lines: tuple[Line, ...]
    signer_lines: tuple[str, ...]
    signer_name: str
    symbol: str = "BC"


def report_data(conference: Conference) -> Report:
    """Every delegate (protocol order) with his arrival, and the count by group. The delegates
    and groups come from the one reader (delegates.reading); the arrivals are this part's own."""
    delegates = delegate_rows(conference.id)
    groups = group_rows(conference.id)
    arrivals = {
        a.code: a
        for a in db.session.scalars(
            select(Arrival).where(
                Arrival.conference_id == conference.id, Arrival.undone_at.is_(None)
            )
        )
    }
    names = {g.id: vn.clean_text(g.name) for g in groups}
    lines = []
    for d in protocol_order(delegates, groups):
        arrival = arrivals.get(d.check_in_code)
        lines.append(
            Line(
                full_name=vn.clean_text(d.full_name),
                role=role_of(d.position, d.unit),
                group=names.get(d.group_id, logic.OTHERS),
                code=d.check_in_code,
                present=arrival is not None,
                arrived=arrival.arrived_at.strftime("%H:%M") if arrival else "",
                point=vn.clean_text(arrival.point) if arrival else "",
                substitute=vn.clean_text(arrival.substitute_name) if arrival else "",
                declined=d.reply == "absent",
            )
        )
    people = []
    for d in delegates:
        arrival = arrivals.get(d.check_in_code)
        people.append((d.group_id, arrival is not None, bool(arrival and arrival.substitute_name)))
    counts = logic.attendance(people, [(g.id, names[g.id]) for g in groups])
    values = conference.values()
    summary = conference_summary(values)
    return Report(
        title=vn.clean_text(conference.title),
        issuer=summary.issuer,
        parent_body=summary.parent_body,
        place=vn.clean_text(values.get("place_name") or ""),
        year=conference.date.year,
        event="Đại hội" if conference.kind == "dai_hoi" else "Hội nghị",
        counts=counts,
        lines=tuple(lines),
        signer_lines=tuple(summary.signer_lines),
        signer_name=summary.signer_name,
        symbol=report_symbol(conference.doc_symbol),
    )


def present_introduction(conference: Conference) -> list[str] | None:
    """The MC's introduction of the delegates present (agenda.logic.introduction_lines over the
    delegates with an active arrival; "X, dự thay Y" only when the arrival names X), or None
    before anyone arrived — the script then introduces the invited list as before."""
    from ..agenda.logic import introduction_lines

    arrivals = {
        code: substitute
        for code, substitute in db.session.execute(
            select(Arrival.code, Arrival.substitute_name).where(
                Arrival.conference_id == conference.id, Arrival.undone_at.is_(None)
            )
        )
    }
    if not arrivals:
        return None
    present = []
    for row in delegate_rows(conference.id):
        if row.check_in_code not in arrivals:
            continue
        # as he stands in the hall: the reply and substitute of his arrival (the substitute
        # is the one who came, if any)
        substitute = vn.clean_text(arrivals[row.check_in_code] or "")
        reply = "substitute" if substitute else "attending"
        present.append(replace(row, reply=reply, substitute_name=substitute))
    return introduction_lines(present, group_rows(conference.id))


def _count(n: int) -> str:
    return vn.format_count(n, "đại biểu")


def summary_sentence(report: Report) -> str:
    """ "Tổng số đại biểu được triệu tập: 230 đại biểu; có mặt: 212 đại biểu (trong đó 05 người
    dự thay); vắng mặt: 18 đại biểu." """
    c = report.counts
    present = _count(c.present)
    if c.substitutes:
        present += f" (trong đó {vn.format_count(c.substitutes, 'người')} dự thay)"
    return (
        f"Tổng số đại biểu được triệu tập: {_count(c.total)}; có mặt: {present}; "
        f"vắng mặt: {_count(c.total - c.present)}."
    )


def _present_name(line: Line) -> str:
    """ "Phạm Văn Tài (dự thay Phạm Đức Ân)": section III says the substitute came, so IV never
    lists the delegate he stood in for as present himself."""
    return f"{line.substitute} (dự thay {line.full_name})" if line.substitute else line.full_name


def _titled(title: str, count: str, rows: list) -> str:
    return f"{title} ({count})" if rows else title


def report_symbol(doc_symbol: str) -> str:
    """The báo cáo's ký hiệu from the plan's: "KH-UBND" → "BC-UBND" (Nghị định 30/2020/NĐ-CP,
    Phụ lục III: BC is the abbreviation of Báo cáo; the issuing body stays)."""
    symbol = vn.clean_text(doc_symbol).lstrip("/").strip()
    _, dash, body = symbol.partition("-")
    body = body if dash else symbol
    return f"BC-{body}" if body else "BC"


def report_document(report: Report) -> Document:
    c = report.counts
    body: list = []
    if not c.started:
        body.append(
            Paragraph(
                f"Tổng số đại biểu được triệu tập: {_count(c.total)}. "
                f"{NOT_STARTED} tại {report.event}."
            )
        )
    else:
        body.append(Paragraph(summary_sentence(report)))
        rows = [
            [str(i), g.name, vn.format_count(g.total), vn.format_count(g.present),
             vn.format_count(g.total - g.present)]
            for i, g in enumerate(c.groups, start=1)
        ]  # fmt: skip
        rows.append(
            ["", "Tổng cộng", vn.format_count(c.total), vn.format_count(c.present),
             vn.format_count(c.total - c.present)]
        )  # fmt: skip
        body += [
            Heading("I. TỔNG HỢP THEO THÀNH PHẦN"),
            Table(
                columns=[
                    Column("STT", 0.5, "center"),
                    Column("Thành phần", 4.0),
                    Column("Triệu tập", 1.1, "center"),
                    Column("Có mặt", 1.0, "center"),
                    Column("Vắng mặt", 1.1, "center"),
                ],
                rows=rows,
                total_rows={len(rows) - 1},
                font_size=13,
            ),
        ]
        absent = [line for line in report.lines if not line.present]
        body.append(Heading(_titled("II. ĐẠI BIỂU VẮNG MẶT", _count(len(absent)), absent)))
        if absent:
            body.append(
                Table(
                    columns=[
                        Column("STT", 0.5, "center"),
                        Column("Họ và tên", 2.0),
                        Column("Chức vụ, đơn vị", 3.6),
                        Column("Ghi chú", 1.2),
                    ],
                    rows=[
                        [str(i), line.full_name, line.role, "Đã báo vắng" if line.declined else ""]
                        for i, line in enumerate(absent, start=1)
                    ],
                )
            )
        else:
            body.append(Paragraph("Không có đại biểu vắng mặt."))
        substitutes = [line for line in report.lines if line.present and line.substitute]
        count = vn.format_count(len(substitutes), "người")
        body.append(Heading(_titled("III. NGƯỜI DỰ THAY", count, substitutes)))
        if substitutes:
            body.append(
                Table(
                    columns=[
                        Column("STT", 0.5, "center"),
                        Column("Người dự thay", 2.0),
                        Column("Dự thay cho", 2.0),
                        Column("Chức vụ, đơn vị", 2.8),
                    ],
                    rows=[
                        [str(i), line.substitute, line.full_name, line.role]
                        for i, line in enumerate(substitutes, start=1)
                    ],
                )
            )
        else:
            body.append(Paragraph("Không có người dự thay."))
        present = [line for line in report.lines if line.present]
        body.append(Heading(_titled("IV. ĐẠI BIỂU CÓ MẶT", _count(len(present)), present)))
        body.append(
            Table(
                columns=[
                    Column("STT", 0.5, "center"),
                    Column("Họ và tên", 2.0),
                    Column("Chức vụ, đơn vị", 3.6),
                    Column("Giờ đến", 1.0, "center"),
                ],
                # a substitute's arrival is his: the list names who was in the hall
                rows=[
                    [str(i), _present_name(line), line.role, line.arrived]
                    for i, line in enumerate(present, start=1)
                ],
            )
        )
    signatures = []
    if report.signer_lines or report.signer_name:
        signatures = [Signature(list(report.signer_lines), report.signer_name)]
    return Document(
        title="BÁO CÁO",
        subtitle=f"Kết quả điểm danh đại biểu dự {report.title}",
        # dated by hand when signed: the report is made at or after the event
        header=Header(
            issuer=report.issuer,
            parent_body=report.parent_body,
            # numbered by the văn thư when issued (Nghị định 30/2020, Điều 15): the symbol only
            number_line=vn.document_number_line("", report.symbol),
            date_line=blank_date_line(vn.clean_text(report.place), report.year),
        ),
        body=body,
        signatures=signatures,
        recipients=["Lưu: VT."],
        meta_title=f"Báo cáo kết quả điểm danh — {report.title}",
        meta_author=report.issuer,
    )


_COLUMNS = (
    ("STT", 5),
    ("Họ và tên", 24),
    ("Chức vụ, đơn vị", 34),
    ("Thành phần", 24),
    ("Mã điểm danh", 12),
    ("Có mặt", 9),
    ("Giờ đến", 9),
    ("Điểm điểm danh", 14),
    ("Người dự thay", 22),
    ("Ghi chú", 14),
)


def report_xlsx(report: Report) -> bytes:
    """Sheet "Điểm danh": every delegate, present or not; sheet "Tổng hợp": the count by
    group. Names and units are written as text (xlsx_text), never as formulas."""
    # openpyxl loads here, not when the views register the report at start (issue 19).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
    from openpyxl.utils import get_column_letter

    from ..xlsx_text import Formula

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Điểm danh"
    workbook.properties.title = f"Kết quả điểm danh — {report.title}"
    workbook.properties.creator = "Kế hoạch Hội nghị"
    font = Font(name=FONT_FAMILY_DOCX, size=12)
    bold = Font(name=FONT_FAMILY_DOCX, size=12, bold=True)
    wrap = Alignment(vertical="center", wrap_text=True)
    # One named style for the thousand rows' cells: setting font, border and alignment cell by
    # cell makes openpyxl hash and compare a style per cell (a second for 1,000 delegates).
    workbook.add_named_style(NamedStyle(name="diem-danh", font=font, border=border, alignment=wrap))
    last = get_column_letter(len(_COLUMNS))
    for row, (text, size) in enumerate(
        ((vn.upper_vn(report.issuer), 12), ("KẾT QUẢ ĐIỂM DANH ĐẠI BIỂU", 14),
         (f"Dự {report.title}", 13), (summary_sentence(report) if report.counts.started
                                       else f"{NOT_STARTED}.", 12)),
        start=1,
    ):  # fmt: skip
        cell = xlsx_text.write(sheet, row, 1, text)
        cell.font = Font(name=FONT_FAMILY_DOCX, size=size, bold=row < 4)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.row_dimensions[row].height = 36 if row in (3, 4) else 20
    header = 6
    for column, (title, width) in enumerate(_COLUMNS, start=1):
        cell = sheet.cell(row=header, column=column, value=title)
        cell.font, cell.border = bold, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    # the named style looked up by openpyxl once, its style array copied to the other cells
    copies = xlsx_text.StyleCopies()
    for number, line in enumerate(report.lines, start=1):
        values = [
            number, line.full_name, line.role, line.group, line.code,
            "Có" if line.present else "Vắng", line.arrived, line.point, line.substitute,
            "Đã báo vắng" if line.declined else "",
        ]  # fmt: skip
        for column, value in enumerate(values, start=1):
            cell = xlsx_text.write(sheet, header + number, column, value if value != "" else None)
            copies.apply(cell, "diem-danh", style="diem-danh")
    sheet.freeze_panes = f"A{header + 1}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    totals = workbook.create_sheet("Tổng hợp")
    # the same heading as the list (issuer, title), then the table; the totals and "Vắng mặt"
    # are formulas, so a figure corrected by hand carries into the total
    for row, (text, size) in enumerate(
        ((vn.upper_vn(report.issuer), 12), ("TỔNG HỢP KẾT QUẢ ĐIỂM DANH THEO THÀNH PHẦN", 14),
         (f"Dự {report.title}", 13)),
        start=1,
    ):  # fmt: skip
        cell = xlsx_text.write(totals, row, 1, text)
        cell.font = Font(name=FONT_FAMILY_DOCX, size=size, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        totals.merge_cells(f"A{row}:E{row}")
        totals.row_dimensions[row].height = 36 if row == 3 else 20
    head = 5
    for column, (title, width) in enumerate(
        (("STT", 6), ("Thành phần", 48), ("Triệu tập", 12), ("Có mặt", 12), ("Vắng mặt", 12)),
        start=1,
    ):
        cell = totals.cell(row=head, column=column, value=title)
        cell.font, cell.border = bold, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        totals.column_dimensions[get_column_letter(column)].width = width
    c = report.counts
    first = head + 1
    for r, (number, group) in enumerate(enumerate(c.groups, start=1), start=first):
        values = (number, group.name, group.total, group.present, Formula(f"=C{r}-D{r}"))
        for column, value in enumerate(values, start=1):
            cell = xlsx_text.write(totals, r, column, value)
            cell.font, cell.border = font, border
    total_row = first + len(c.groups)
    last_group = total_row - 1
    values = (
        None,
        "Tổng cộng",
        *(Formula(f"=SUM({col}{first}:{col}{last_group})") for col in "CD"),
        Formula(f"=C{total_row}-D{total_row}"),
    )
    for column, value in enumerate(values, start=1):
        cell = xlsx_text.write(totals, total_row, column, value)
        cell.font, cell.border = bold, border
    totals.print_title_rows = f"{head}:{head}"
    totals.page_setup.paperSize = totals.PAPERSIZE_A4
    totals.page_setup.orientation = "portrait"
    totals.page_setup.fitToWidth = 1
    totals.page_setup.fitToHeight = 0
    totals.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    xlsx_text.seal(workbook).save(buffer)
    return buffer.getvalue()


def build(conference: Conference, fmt: str) -> bytes:
    report = report_data(conference)
    if fmt == "xlsx":
        return report_xlsx(report)
    return render_pdf(report_document(report))


def missing(conference: Conference) -> list[str]:
    from .operations import arrival_count

    return [] if arrival_count(conference) else [NOT_STARTED]
