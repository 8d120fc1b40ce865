"""'Dự toán kinh phí tổ chức Hội nghị': the estimate drawn as a Document (PDF, DOCX) and as a
workbook with live formulas (XLSX) for the finance office. Both draw a computed logic.Budget;
nothing here queries the database or adds up money except the workbook's own formulas.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from .. import vn, xlsx_text
from ..printing import (
    BulletList,
    Column,
    Document,
    Header,
    Paragraph,
    Run,
    Signature,
    Table,
    render_docx,
    render_pdf,
)
from .logic import Budget, format_quantity, row_note


@dataclass
class EstimateSheet:
    header: Header
    conference_title: str
    budget: Budget
    appraiser: str  # PHÒNG TÀI CHÍNH – KẾ HOẠCH / PHÒNG KINH TẾ / SỞ TÀI CHÍNH
    signer_name: str = ""


COLUMNS = [
    Column("STT", 0.7, "center"),
    Column("Nội dung", 3.0),
    Column("Đơn vị tính", 1.0, "center"),
    Column("Số lượng", 0.9, "right"),
    Column("Đơn giá", 1.2, "right"),
    Column("Thành tiền", 1.4, "right"),
    Column("Ghi chú", 1.5),
]


def estimate_document(sheet: EstimateSheet) -> Document:
    budget = sheet.budget
    rows: list[list] = []
    bold: set[int] = set()
    for group in budget.groups:
        bold.add(len(rows))
        rows.append(
            [
                group.roman,
                vn.upper_vn(group.label),
                "",
                "",
                "",
                vn.format_number(group.subtotal),
                "",
            ]
        )
        for row in group.rows:
            line = row.line
            rows.append(
                [
                    str(row.number),
                    line.content,
                    line.unit,
                    format_quantity(line.quantity_milli),
                    vn.format_number(line.unit_price),
                    vn.format_number(row.amount),
                    row_note(row),
                ]
            )
    bold.add(len(rows))
    rows.append(["", "TỔNG CỘNG", "", "", "", vn.format_number(budget.total), ""])
    body: list = [
        Table(
            COLUMNS,
            rows,
            font_size=11,
            total_rows=bold,
            section_rows=bold - {len(rows) - 1},  # "IV NƯỚC UỐNG" never ends a page
        ),
        Paragraph(
            [Run("Bằng chữ: ", bold=True), Run(budget.total_in_words + ".", italic=True)],
            indent=False,
        ),
    ]
    if budget.funding_source:
        body.append(
            Paragraph(
                [Run("Nguồn kinh phí: ", bold=True), Run(budget.funding_source)], indent=False
            )
        )
    # Two rules, each stated where it applies: a line's amount to the đồng; the award money
    # (its unit price) by the dated rounding rule of the awards (issue 16).
    award_rounding = " ".join(budget.award_rounding)
    body.append(
        Paragraph(
            "Thành tiền = số lượng × đơn giá, làm tròn đến đồng "
            "(từ 0,5 đồng trở lên làm tròn lên)."
            + (f" Đơn giá tiền thưởng: {_lower_first(award_rounding)}" if award_rounding else ""),
            indent=False,
            italic=True,
            size=12,
        )
    )
    if budget.printed_legal_bases:
        body.append(Paragraph([Run("Căn cứ lập dự toán:", bold=True)], indent=False))
        body.append(BulletList(budget.printed_legal_bases))
    note = "(Ký, ghi rõ họ tên)"
    signatures = [
        Signature(lines=["NGƯỜI LẬP BIỂU"], name="", note=note),
        Signature(lines=[sheet.appraiser, "THẨM ĐỊNH"], name="", note=note),
        Signature(lines=["THỦ TRƯỞNG ĐƠN VỊ"], name=sheet.signer_name, note="(Ký, đóng dấu)"),
    ]
    return Document(
        title="DỰ TOÁN KINH PHÍ",
        subtitle=f"Tổ chức {sheet.conference_title}",
        header=sheet.header,
        body=body,
        signatures=signatures,
        meta_title=f"Dự toán kinh phí — {sheet.conference_title}",
        meta_author=sheet.header.issuer,
    )


def render_estimate(sheet: EstimateSheet, fmt: str) -> bytes:
    document = estimate_document(sheet)
    return render_pdf(document) if fmt == "pdf" else render_docx(document)


# --------------------------------------------------------------------------- the workbook

# Number formats are stored in the file in Excel's invariant notation: "," is the thousands
# separator *placeholder*, shown with the separator of the computer's regional settings — a dot
# on a Vietnamese Windows/LibreOffice. A literal '#.##0' would mean a decimal point instead and
# print wrong everywhere (docs/budget.md).
MONEY_FORMAT = "#,##0"
QUANTITY_FORMAT = "#,##0"
QUANTITY_DECIMAL_FORMAT = "#,##0.0##"


def render_workbook(sheet: EstimateSheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    budget = sheet.budget
    wb = Workbook()
    ws = wb.active
    ws.title = "Dự toán"
    font = "Times New Roman"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    xlsx_text.write(ws, 1, 1, vn.upper_vn(sheet.header.issuer))
    ws["A1"].font = Font(name=font, bold=True, size=12)
    ws["A3"] = "DỰ TOÁN KINH PHÍ"
    ws["A3"].font = Font(name=font, bold=True, size=14)
    ws["A4"] = f"Tổ chức {sheet.conference_title}"
    ws["A4"].font = Font(name=font, bold=True, size=12)
    for cell in ("A3", "A4"):
        ws.merge_cells(f"{cell}:{cell.replace('A', 'G')}")
        ws[cell].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[4].height = 32
    ws["G5"] = "Đơn vị tính: đồng"
    ws["G5"].font = Font(name=font, italic=True, size=11)
    header_row = 6
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(header_row, index, column.title)
        cell.font = Font(name=font, bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    widths = [6, 48, 12, 11, 14, 17, 28]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width

    r = header_row + 1
    subtotal_cells = []

    def style(row: int, bold: bool = False) -> None:
        for col in range(1, 8):
            cell = ws.cell(row, col)
            cell.font = Font(name=font, bold=bold, size=11)
            cell.border = border
            cell.alignment = Alignment(
                vertical="top",
                wrap_text=col in (2, 7),
                horizontal="center" if col in (1, 3) else None,
            )

    for group in budget.groups:
        head = r
        ws.cell(head, 1, group.roman)
        xlsx_text.write(ws, head, 2, vn.upper_vn(group.label))
        style(head, bold=True)
        r += 1
        first = r
        for row in group.rows:
            line = row.line
            ws.cell(r, 1, row.number)
            # The officer's words are text (xlsx_text): a content typed "=…" is no formula.
            xlsx_text.write(ws, r, 2, line.content)
            xlsx_text.write(ws, r, 3, line.unit)
            whole, fraction = divmod(line.quantity_milli, 1000)
            quantity = ws.cell(r, 4, whole if not fraction else line.quantity_milli / 1000)
            quantity.number_format = QUANTITY_DECIMAL_FORMAT if fraction else QUANTITY_FORMAT
            ws.cell(r, 5, line.unit_price).number_format = MONEY_FORMAT
            # ROUND(…, 0) rounds half away from zero: the same half-up rounding as the program.
            ws.cell(r, 6, f"=ROUND(D{r}*E{r},0)").number_format = MONEY_FORMAT
            xlsx_text.write(ws, r, 7, row_note(row))
            style(r)
            r += 1
        last = r - 1
        ws.cell(head, 6, f"=SUM(F{first}:F{last})").number_format = MONEY_FORMAT
        subtotal_cells.append(f"F{head}")
    total_row = r
    ws.cell(total_row, 2, "TỔNG CỘNG")
    ws.cell(total_row, 6, f"=SUM({','.join(subtotal_cells)})" if subtotal_cells else "=0")
    ws.cell(total_row, 6).number_format = MONEY_FORMAT
    style(total_row, bold=True)
    ws.cell(total_row + 1, 1, f"Bằng chữ: {budget.total_in_words}.")
    ws.cell(total_row + 1, 1).font = Font(name=font, italic=True, size=11)
    note = ws.cell(
        total_row + 2,
        1,
        "Thành tiền = ROUND(số lượng × đơn giá; 0). Sửa số lượng, đơn giá thì thành tiền, cộng "
        "mục và tổng cộng tự tính lại; dòng “Bằng chữ” là của bản in từ chương trình.",
    )
    note.font = Font(name=font, italic=True, size=10)
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.title = f"Dự toán kinh phí — {sheet.conference_title}"
    out = io.BytesIO()
    xlsx_text.seal(wb).save(out)
    return out.getvalue()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
