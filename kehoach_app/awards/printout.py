"""The awards printouts, drawn from what logic.py computed (never from the database):

- Kịch bản trao thưởng (PDF, DOCX): for each batch the MC's words, the decision, the names in
  stage order, the music; the PDF adds one page per batch for the backstage team.
- Danh sách khen thưởng và tiền thưởng (PDF, XLSX): by form, amounts, totals, Bằng chữ, and the
  physical items to prepare.
- Hiện vật cần chuẩn bị (PDF, DOCX): the preparation team's counts.
- Màn hình LED (PDF): one 16:9 landscape slide per batch, white on black, for a laptop without
  the program or as a backup.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .. import vn, xlsx_text
from ..printing import (
    BulletList,
    Column,
    Document,
    Header,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
    register_fonts,
    render_docx,
    render_pdf,
)
from ..printing.layout import NO_BREAK, Face, clean, wrap_lines
from . import figures, logic
from .catalogue import coefficient_text


@dataclass
class Frame:
    """The conference's details every awards printout shows (plain values)."""

    title: str
    issuer: str
    parent_body: str
    place_line: str  # "Tân Hòa, ngày 15 tháng 01 năm 2027"
    when: str
    signer_lines: list[str]
    signer_name: str
    # The organiser's place ("Tân Hòa"), for a list dated otherwise than the plan's ngày ký (the
    # receipt list: signed when the money is paid — receipts.receipt_date_line).
    place: str = ""


def _label(text: str) -> Run:
    return Run(text, bold=True)


def _mc(text: str) -> Paragraph:
    return Paragraph([_label("Người dẫn chương trình: "), Run(text)], indent=False)


# --------------------------------------------------------------------------- the script


def script_document(frame: Frame, script: logic.CeremonyScript, backstage: bool) -> Document:
    body: list = []
    if script.intro:
        body.append(Paragraph(script.intro[0], align="center", indent=False, italic=True))
    body.append(
        Paragraph(
            f"Người trao: {script.presenters_rule[:1].lower()}{script.presenters_rule[1:]}",
            indent=False,
            italic=True,
            size=12,
        )
    )
    if not script.parts:
        body.append(Paragraph("Chưa có khen thưởng nào để trao.", indent=False))
    for part in script.parts:
        if isinstance(part, logic.ScriptBreak):
            body.append(Heading(part.heading, level=2))
            body.append(_mc(part.text))
            continue
        batch = part.batch
        body.append(Heading(part.heading, level=2))
        if part.announce:
            body.append(_mc(part.announce))
            for decision in part.decisions:
                body.append(
                    Paragraph(
                        [_label("Công bố: "), Run(decision + ".")], indent=False, italic=False
                    )
                )
        body.append(_mc(part.invite_recipients))
        # one paragraph for the list (a line each): a 300-name ceremony stays under a second
        names = "\n".join(f"{number}. {line}" for number, line in enumerate(part.names, start=1))
        body.append(Paragraph(names, indent=False, align="left"))
        body.append(_mc(part.invite_presenter))
        body.append(Paragraph([_label("Nhạc: "), Run(part.music_cue, italic=True)], indent=False))
        body.append(_mc(part.closing))
        if batch.notes:
            body.append(Paragraph([_label("Ghi chú: "), Run(batch.notes)], indent=False))
    if backstage and script.batches:
        body.extend(backstage_blocks(script))
    return Document(
        title="KỊCH BẢN TRAO THƯỞNG",
        subtitle=frame.title,
        header=Header(issuer=frame.issuer, parent_body=frame.parent_body),
        body=body,
        meta_title=f"Kịch bản trao thưởng — {frame.title}",
        meta_author=frame.issuer,
    )


def backstage_blocks(script: logic.CeremonyScript) -> list:
    """One page per batch for the team behind the stage: the line-up and what goes on the tray."""
    blocks: list = []
    for part in script.batches:
        batch = part.batch
        blocks.append(PageBreak())
        blocks.append(Heading(f"Đợt {batch.sequence} — {batch.form.name}", level=1))
        blocks.append(
            Paragraph(
                [
                    Run(batch.count_text, bold=True),
                    Run(
                        " — xếp hàng theo thứ tự (người số 1 đứng đầu hàng, gần lối lên sân khấu):"
                    ),
                ],
                indent=False,
            )
        )
        # one paragraph, a line per person, in a large size: read at arm's length in the wings
        lines: list[Run] = []
        for number, recipient in enumerate(batch.recipients, start=1):
            # "nhận cho" only when someone else goes up: an individual linked to his own
            # delegate row goes up in person (Recipient.stand_in_name)
            stand_in = recipient.stand_in_name
            if recipient.goes_up_self:
                lines.append(Run(f"{number}. {_for_whom(recipient)}", bold=True))
            else:
                lines.append(Run(f"{number}. {stand_in or '(chưa có người lên nhận)'}", bold=True))
                lines.append(Run(f" — nhận cho: {_for_whom(recipient)}"))
            if number < len(batch.recipients):
                lines.append(Run("\n"))
        blocks.append(Paragraph(lines, indent=False, align="left", size=15, space_after=10))
        presenter = batch.presenter.text if batch.presenter else "(chưa chọn người trao)"
        blocks.append(Paragraph([_label("Người trao: "), Run(presenter)], indent=False))
        if part.items:
            tray = "; ".join(vn.format_count(len(batch.recipients), item) for item in part.items)
            blocks.append(Paragraph([_label("Hiện vật trên khay: "), Run(tray)], indent=False))
        blocks.append(Paragraph([_label("Nhạc: "), Run(batch.music_cue)], indent=False))
        if batch.notes:
            blocks.append(Paragraph([_label("Ghi chú: "), Run(batch.notes)], indent=False))
    return blocks


def _for_whom(recipient: logic.Recipient) -> str:
    parts = [recipient.name]
    if recipient.job_title:
        parts.append(recipient.job_title)
    if recipient.unit and logic.fold(recipient.unit) not in logic.fold(recipient.name):
        parts.append(recipient.unit)
    return ", ".join(parts)


def render_script(frame: Frame, script: logic.CeremonyScript, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(script_document(frame, script, backstage=True))
    return render_docx(script_document(frame, script, backstage=False))


# --------------------------------------------------------------------------- money list


def _kind_amount_text(form_money: logic.FormMoney) -> str:
    """The coefficient(s) the form's money actually used (the decision's date picks the rate:
    issue 16), else the form's latest: "hệ số 1,5; tập thể gấp 2 lần" — each figure once, the
    individual and collective lines of one form sharing their coefficient."""
    form = form_money.form
    coefficients: list[int] = []
    multipliers: list[int] = []
    for line in form_money.lines:
        if line.coefficient_milli not in coefficients:
            coefficients.append(line.coefficient_milli)
        multiplier = line.multiplier_milli if line.kind == "collective" else None
        if multiplier is not None and multiplier != 1000 and multiplier not in multipliers:
            multipliers.append(multiplier)
    if not form_money.lines:
        coefficients = [form.coefficient_milli]
        multiplier = form.collective_multiplier_milli if form.for_collective else None
        if multiplier is not None and multiplier != 1000:
            multipliers = [multiplier]
    # Two rates of one form (decisions on both sides of a new decree) are named together.
    text = "hệ số " + " hoặc ".join(coefficient_text(c) for c in coefficients)
    if len(coefficients) > 1:
        text += " theo ngày quyết định"
    if multipliers:
        text += "; tập thể gấp " + " hoặc ".join(coefficient_text(m) for m in multipliers) + " lần"
    return text


def fund_owner(issuer: str) -> str:
    """The organiser as its fund is named: "xã Tân Hòa" from "Ủy ban nhân dân xã Tân Hòa";
    another body ("Sở Nội vụ tỉnh Tây Ninh") as written."""
    issuer = vn.clean_text(issuer)
    prefix = "Ủy ban nhân dân "
    if logic.fold(issuer).startswith(logic.fold(prefix)) and len(issuer) > len(prefix):
        return issuer[len(prefix) :]
    return issuer or "cơ quan tổ chức hội nghị"


def payer_lines(issuer: str, money: logic.MoneySummary) -> list[str]:
    """One line a paying level under the grand total, when more than one level pays (the money
    list counts every award of the ceremony, the estimate only the organiser's): "Quỹ thi đua,
    khen thưởng của xã Tân Hòa chi 7.850.000 đồng (tính vào dự toán kinh phí);" …"""
    split = [entry for entry in logic.money_by_payer(money) if entry[0] or entry[1] or entry[2]]
    if not any(payer for payer, _, _ in split):
        return []
    lines = []
    for payer, amount, names in split:
        money_text = f"{vn.format_number(amount)} đồng"
        if not payer:
            lines.append(
                f"Quỹ thi đua, khen thưởng của {fund_owner(issuer)} chi {money_text} "
                "(tính vào dự toán kinh phí hội nghị)"
            )
        else:
            lines.append(f"{payer[:1].upper()}{payer[1:]} chi {money_text} ({'; '.join(names)})")
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


def own_items(money: logic.MoneySummary) -> list[logic.ItemCount]:
    """The physical items the organiser's own fund buys (the estimate's HIỆN VẬT), counted as
    logic.physical_item_counts counts them: every recipient gets each item of his form."""
    counts: dict[str, logic.ItemCount] = {}
    for form_money in money.forms:
        if form_money.form.paid_elsewhere_by or not form_money.count:
            continue
        for item in form_money.form.items:
            key = logic.fold(item)
            if key not in counts:
                counts[key] = logic.ItemCount(item, 0, logic.item_category(item))
            counts[key].count += form_money.count
    return list(counts.values())


def items_paid_text(issuer: str, items: list[logic.ItemCount], money: logic.MoneySummary) -> str:
    """When other levels provide part of the items: which counts the organiser's fund buys (the
    estimate's HIỆN VẬT), so the two documents can be laid side by side; "" otherwise."""
    own = own_items(money)
    if {i.item: i.count for i in own} == {i.item: i.count for i in items}:
        return ""
    listed = "; ".join(f"{i.item} {vn.format_number(i.count)}" for i in own) or "không có"
    return (
        f"Trong đó {fund_owner(issuer)} mua (tính vào dự toán kinh phí hội nghị): {listed}. "
        "Các hiện vật còn lại do cấp quyết định khen thưởng chi."
    )


def _decision_short(recipient: logic.Recipient) -> str:
    parts = []
    if recipient.decision_number:
        parts.append(recipient.decision_number)
    if recipient.decision_date:
        parts.append(vn.format_date_short(recipient.decision_date))
    return ", ".join(parts)


def money_document(
    frame: Frame,
    money: logic.MoneySummary,
    recipients: list[logic.Recipient],
    items: list[logic.ItemCount],
    largest_batch: int,
) -> Document:
    by_form: dict[int, list[logic.Recipient]] = {}
    for recipient in recipients:
        by_form.setdefault(recipient.form_id, []).append(recipient)
    body: list = [Heading("I. DANH SÁCH THEO HÌNH THỨC KHEN THƯỞNG", level=1)]
    columns = [
        Column("STT", 0.55, "center"),
        Column("Tên tập thể / Họ và tên", 3.1),
        Column("Đơn vị", 2.3),
        Column("Quyết định", 2.0),
        Column("Tiền thưởng (đồng)", 1.45, "right"),
    ]
    for index, form_money in enumerate(money.forms, start=1):
        body.append(
            Heading(f"{index}. {form_money.form.name} ({_kind_amount_text(form_money)})", level=2)
        )
        rows: list[list] = []
        for number, recipient in enumerate(
            logic.stage_order(by_form.get(form_money.form.id, [])), start=1
        ):
            name = recipient.name
            if recipient.job_title:
                name = f"{name} — {recipient.job_title}"
            if recipient.kind == logic.COLLECTIVE:
                name = f"{name} (tập thể)"
            amount = money.amounts.get(recipient.id, 0)
            rows.append(
                [
                    str(number),
                    name,
                    recipient.unit,
                    _decision_short(recipient),
                    vn.format_number(amount) if amount else "chưa tính",
                ]
            )
        rows.append(["", "Cộng", "", "", vn.format_number(form_money.total)])
        body.append(Table(columns=columns, rows=rows, font_size=11, total_rows={len(rows) - 1}))
    body.append(Heading("II. TỔNG HỢP TIỀN THƯỞNG", level=1))
    summary_rows: list[list] = []
    for form_money in money.forms:
        for line in form_money.lines:
            summary_rows.append(
                [
                    form_money.form.name,
                    logic.KIND_LABELS[line.kind],
                    str(line.count),
                    vn.format_number(line.base_salary),
                    vn.format_number(line.unit_amount),
                    vn.format_number(line.total),
                ]
            )
    summary_rows.append(
        [
            "Tổng cộng",
            "",
            str(sum(m.count for m in money.forms)),
            "",
            "",
            vn.format_number(money.total),
        ]
    )
    body.append(
        Table(
            columns=[
                Column("Hình thức khen thưởng", 3.2),
                Column("Đối tượng", 1.1),
                Column("Số lượng", 0.9, "center"),
                Column("Mức lương cơ sở", 1.4, "right"),
                Column("Mức thưởng", 1.3, "right"),
                Column("Thành tiền", 1.5, "right"),
            ],
            rows=summary_rows,
            font_size=11,
            total_rows={len(summary_rows) - 1},
        )
    )
    body.append(
        Paragraph(
            [_label("Bằng chữ: "), Run(money.total_in_words + ".", italic=True)], indent=False
        )
    )
    # Who pays what (issue 16): the level that decides an award pays it, so the estimate's
    # TIỀN THƯỞNG is only the organiser's part of this total.
    paid = payer_lines(frame.issuer, money)
    if paid:
        body.append(Paragraph([_label("Trong đó:")], indent=False))
        body.append(BulletList(paid))
    if money.unpriced:
        body.append(
            Paragraph(
                f"Còn {vn.format_count(money.unpriced)} khen thưởng chưa tính được tiền vì chưa "
                "có mức lương cơ sở, hệ số hoặc quy tắc làm tròn áp dụng vào ngày quyết định.",
                indent=False,
                italic=True,
            )
        )
    # The rule actually applied (issue 16: dated rows, applied in one place) and, once the
    # officer has confirmed them against their documents, the figures' bases.
    rounding = " ".join(figures.rounding_statements(money))
    body.append(
        Paragraph(
            "Mức thưởng = hệ số × mức lương cơ sở (tập thể nhân thêm số lần theo quy định); hệ số, "
            "mức lương cơ sở là mức có hiệu lực vào ngày ký quyết định khen thưởng (chưa có ngày "
            "quyết định thì theo ngày tổ chức hội nghị)." + (f" {rounding}" if rounding else ""),
            indent=False,
            italic=True,
            size=12,
        )
    )
    bases = figures.printed_bases(money)
    if bases:
        body.append(
            Paragraph([_label("Căn cứ: "), Run("; ".join(bases) + ".")], indent=False, size=12)
        )
    body.append(Heading("III. HIỆN VẬT CẦN CHUẨN BỊ", level=1))
    body.extend(item_blocks(items, largest_batch))
    items_paid = items_paid_text(frame.issuer, items, money)
    if items_paid:
        body.append(Paragraph(items_paid, indent=False, italic=True, size=12))
    return Document(
        title="DANH SÁCH KHEN THƯỞNG VÀ TIỀN THƯỞNG",
        subtitle=frame.title,
        header=Header(
            issuer=frame.issuer, parent_body=frame.parent_body, date_line=frame.place_line
        ),
        body=body,
        signatures=[
            Signature(lines=["NGƯỜI LẬP BIỂU"], name="", note="(Ký, ghi rõ họ tên)"),
            Signature(lines=frame.signer_lines or ["THỦ TRƯỞNG ĐƠN VỊ"], name=frame.signer_name),
        ],
        meta_title=f"Danh sách khen thưởng và tiền thưởng — {frame.title}",
        meta_author=frame.issuer,
    )


def item_blocks(items: list[logic.ItemCount], largest_batch: int) -> list:
    rows = [
        [str(i), item.item, vn.format_number(item.count), logic.ITEM_CATEGORIES[item.category]]
        for i, item in enumerate(items, start=1)
    ]
    if largest_batch:
        rows.append(
            [
                str(len(rows) + 1),
                "Khay bê hiện vật (dùng lại giữa các đợt)",
                vn.format_number(largest_batch),
                "Bằng số người của đợt đông nhất",
            ]
        )
    if not rows:
        return [Paragraph("Chưa có hiện vật nào cần chuẩn bị.", indent=False)]
    return [
        Table(
            columns=[
                Column("STT", 0.55, "center"),
                Column("Hiện vật", 3.4),
                Column("Số lượng", 1, "center"),
                Column("Ghi chú", 3),
            ],
            rows=rows,
            font_size=12,
        )
    ]


def render_money(frame, money, recipients, items, largest_batch, fmt: str) -> bytes:
    if fmt == "xlsx":
        return money_workbook(frame, money, recipients, items, largest_batch)
    return render_pdf(money_document(frame, money, recipients, items, largest_batch))


def items_document(
    frame: Frame, items: list[logic.ItemCount], money: logic.MoneySummary, largest_batch: int
) -> Document:
    body: list = [
        Paragraph(
            "Số lượng tính theo danh sách khen thưởng: mỗi tập thể, cá nhân nhận đủ các hiện vật "
            "của hình thức khen thưởng của mình.",
            indent=False,
            italic=True,
        )
    ]
    body.extend(item_blocks(items, largest_batch))
    items_paid = items_paid_text(frame.issuer, items, money)
    if items_paid:
        body.append(Paragraph(items_paid, indent=False, italic=True, size=12))
    body.append(Heading("Số người nhận theo hình thức", level=2))
    rows = [
        [
            str(i),
            m.form.name,
            vn.format_number(m.collectives),
            vn.format_number(m.individuals),
            "; ".join(m.form.items) or "—",
        ]
        for i, m in enumerate(money.forms, start=1)
    ]
    body.append(
        Table(
            columns=[
                Column("STT", 0.55, "center"),
                Column("Hình thức khen thưởng", 3.2),
                Column("Tập thể", 0.9, "center"),
                Column("Cá nhân", 0.9, "center"),
                Column("Hiện vật mỗi người", 2.6),
            ],
            rows=rows,
            font_size=12,
        )
    )
    return Document(
        title="HIỆN VẬT KHEN THƯỞNG CẦN CHUẨN BỊ",
        subtitle=frame.title,
        header=Header(
            issuer=frame.issuer, parent_body=frame.parent_body, date_line=frame.place_line
        ),
        body=body,
        meta_title=f"Hiện vật khen thưởng — {frame.title}",
        meta_author=frame.issuer,
    )


def render_items(frame, items, money, largest_batch, fmt: str) -> bytes:
    document = items_document(frame, items, money, largest_batch)
    return render_pdf(document) if fmt == "pdf" else render_docx(document)


# --------------------------------------------------------------------------- money workbook

_THIN = Side(style="thin", color="888888")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


# Page setup of every sheet: A4, fitted to the page's width, the header row repeated on each
# page; margins of Nghị định 30/2020/NĐ-CP, Phụ lục I (top, bottom 20 mm, left 30 mm, right
# 15 mm), in inches as openpyxl stores them.
_MM = 1 / 25.4


def _print_setup(sheet, header_rows: str, landscape: bool) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.page_margins.left = 30 * _MM
    sheet.page_margins.right = 15 * _MM
    sheet.page_margins.top = 20 * _MM
    sheet.page_margins.bottom = 20 * _MM
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "Trang &P/&N"


DETAIL = "Tiền thưởng"


def money_workbook(frame, money, recipients, items, largest_batch) -> bytes:
    """The award money list for the finance office. The detail sheet lists every recipient with
    the base salary used and the amount; its sums and the "Tổng hợp" sheet are formulas over
    those rows, so a corrected amount carries through (the program's figures are what the
    formulas give, tests/awards recalculate the file with LibreOffice)."""
    book = Workbook()
    sheet = book.active
    sheet.title = DETAIL
    # What the officer typed (names, units, decision numbers…) is written as text: a name typed
    # "=HYPERLINK(…)" must not become a live formula (xlsx_text); only the sums are formulas.
    xlsx_text.append(sheet, [vn.upper_vn(frame.issuer)])
    sheet.append(["DANH SÁCH KHEN THƯỞNG VÀ TIỀN THƯỞNG"])
    xlsx_text.append(sheet, [frame.title])
    sheet.append([])
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=14)
    headers = [
        "STT",
        "Hình thức khen thưởng",
        "Tập thể/Cá nhân",
        "Tên tập thể / Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Số quyết định",
        "Ngày quyết định",
        "Mức lương cơ sở (đồng)",
        "Tiền thưởng (đồng)",
    ]
    sheet.append(headers)
    head_row = sheet.max_row
    sheet.row_dimensions[head_row].height = 32  # two lines of the wrapped headings
    for cell in sheet[head_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F2")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = _BOX
    by_form: dict[int, list[logic.Recipient]] = {}
    for recipient in recipients:
        by_form.setdefault(recipient.form_id, []).append(recipient)
    # The rows are counted here: openpyxl's max_row scans every cell (quadratic over the list).
    row = head_row
    copies = xlsx_text.StyleCopies()  # a style worked out once, copied to the other cells

    def add(values: list) -> None:
        """xlsx_text.append, the row counted here."""
        nonlocal row
        sheet.append(values)
        row += 1
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                xlsx_text.put(sheet.cell(row=row, column=column), value)

    number = 0
    subtotal_cells = []
    for form_money in money.forms:
        first = row + 1
        for recipient in logic.stage_order(by_form.get(form_money.form.id, [])):
            number += 1
            add(
                [
                    number,
                    form_money.form.name,
                    logic.KIND_LABELS[recipient.kind],
                    recipient.name,
                    recipient.job_title,
                    recipient.unit,
                    recipient.decision_number,
                    recipient.decision_date,
                    money.bases.get(recipient.id),
                    money.amounts.get(recipient.id, 0),
                ],
            )
            copies.apply(sheet.cell(row=row, column=8), "date", number_format="DD/MM/YYYY")
        last = row
        sheet.append(["", f"Cộng: {form_money.form.name}", *[None] * 7, f"=SUM(J{first}:J{last})"])
        row += 1
        subtotal_cells.append(f"J{row}")
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    total_row = row + 1
    total = f"=SUM({','.join(subtotal_cells)})" if subtotal_cells else 0
    sheet.append(["", "TỔNG CỘNG", *[None] * 7, total])
    for cell in sheet[total_row]:
        cell.font = Font(bold=True)
    sheet.append(["", f"Bằng chữ: {money.total_in_words}."])
    sheet.cell(row=sheet.max_row, column=2).font = Font(italic=True)
    paid = payer_lines(frame.issuer, money)  # who pays what, as on the PDF
    if paid:
        sheet.append(["", "Trong đó:"])
        for line in paid:
            xlsx_text.append(sheet, ["", f"- {line}"])
    top = Alignment(vertical="top")
    for cells in sheet.iter_rows(min_row=head_row + 1, max_row=total_row):
        for cell in cells:
            if cell.column in (9, 10):
                copies.apply(cell, "box-money", border=_BOX, alignment=top, number_format="#,##0")
            else:
                copies.apply(cell, "box", border=_BOX, alignment=top)
    # one line a row: openpyxl cannot size a wrapped row's height, so a wrapped cell would print
    # cut; the columns are wide enough for the usual names and the page is fitted to its width.
    for index, width in enumerate((6, 42, 12, 32, 24, 34, 16, 12, 14, 16), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=1)
    _print_setup(sheet, f"{head_row}:{head_row}", landscape=True)

    summary = book.create_sheet("Tổng hợp")
    summary.append(
        [
            "Hình thức khen thưởng",
            "Đối tượng",
            "Số lượng",
            "Mức lương cơ sở",
            "Mức thưởng",
            "Thành tiền",
        ]
    )
    for cell in summary[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F2")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    # Each line counts and adds the detail rows of its form, kind and base salary. SUMPRODUCT
    # of exact comparisons, not COUNTIFS/SUMIFS, whose criteria read "*" and "?" in a form's
    # name as wildcards. The "Cộng:" rows have another name in B, so they are not counted.
    first_row, end_row = head_row + 1, max(total_row - 1, head_row + 1)

    def column(letter: str) -> str:
        return f"'{DETAIL}'!${letter}${first_row}:${letter}${end_row}"

    match = f"({column('B')}=A{{r}})*({column('C')}=B{{r}})*({column('I')}=D{{r}})"
    for form_money in money.forms:
        for line in form_money.lines:
            r = summary.max_row + 1
            xlsx_text.append(
                summary,
                [
                    form_money.form.name,
                    logic.KIND_LABELS[line.kind],
                    xlsx_text.Formula(f"=SUMPRODUCT({match.format(r=r)})"),
                    line.base_salary,
                    line.unit_amount,
                    xlsx_text.Formula(f"=SUMPRODUCT({match.format(r=r)}*{column('J')})"),
                ],
            )
    last_line = summary.max_row
    count, amount = (
        (f"=SUM(C2:C{last_line})", f"=SUM(F2:F{last_line})") if last_line > 1 else (0, 0)
    )
    summary.append(["Tổng cộng", "", count, "", "", amount])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    for row in summary.iter_rows(min_row=2):
        for cell in row:
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 1)
        for cell in row[3:]:
            cell.number_format = "#,##0"
    for cell in summary[1]:
        cell.border = _BOX
    for index, width in enumerate((44, 12, 10, 16, 14, 16), start=1):
        summary.column_dimensions[get_column_letter(index)].width = width
    _print_setup(summary, "1:1", landscape=False)

    sheet_items = book.create_sheet("Hiện vật")
    sheet_items.append(["Hiện vật", "Số lượng", "Loại"])
    for cell in sheet_items[1]:
        cell.font = Font(bold=True)
    for item in items:
        xlsx_text.append(sheet_items, [item.item, item.count, logic.ITEM_CATEGORIES[item.category]])
    if largest_batch:
        sheet_items.append(["Khay bê hiện vật (dùng lại giữa các đợt)", largest_batch, ""])
    for index, width in enumerate((44, 12, 40), start=1):
        sheet_items.column_dimensions[get_column_letter(index)].width = width
    _print_setup(sheet_items, "1:1", landscape=False)

    buffer = io.BytesIO()
    xlsx_text.seal(book).save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- LED slides (PDF)

# 16:9 at the size PowerPoint uses for a wide slide (13,333 × 7,5 inch).
SLIDE_SIZE = (960.0, 540.0)
_GOLD = Color(1.0, 0.84, 0.29)
_WHITE = Color(1, 1, 1)
_GREY = Color(0.78, 0.8, 0.84)


def _fit(text: str, font: str, size: float, min_size: float, width: float) -> float:
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


# The body a form names is read as one name on the screen: "Bằng khen của Chủ tịch / Ủy ban
# nhân dân tỉnh Tây Ninh", never "… Chủ tịch Ủy / ban nhân dân …".
_BODY = "Ủy ban nhân dân"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """The heading's lines, balanced as the printing layer breaks a title (no lone last word:
    "… tỉnh Tây / Ninh"), the body's name, a span of years and an edition ("lần thứ VIII") each
    kept on one line."""
    joined = clean(text).replace(_BODY, _BODY.replace(" ", NO_BREAK))
    return wrap_lines(joined, Face(font, size), width) or [""]


def led_pdf(title: str, slides: list[logic.LedSlide]) -> bytes:
    """One slide per batch: the form as heading (gold), the names (white, as large as fit)."""
    fonts = register_fonts()
    width, height = SLIDE_SIZE
    buffer = io.BytesIO()
    # initialFontName: every page's preamble names a font; ReportLab's default is one of its
    # built-in fonts, referenced without being embedded, which a print shop's preflight
    # refuses (issue 15).
    canvas = Canvas(
        buffer, pagesize=SLIDE_SIZE, pageCompression=1, initialFontName=fonts.regular, lang="vi-VN"
    )
    canvas.setTitle(f"Màn hình LED — {title}")
    canvas.setCreator("Kế hoạch Hội nghị")
    margin = 36
    if not slides:
        slides = [logic.LedSlide(0, title, "", [])]
    for slide in slides:
        canvas.setFillColorRGB(0, 0, 0)
        canvas.rect(0, 0, width, height, stroke=0, fill=1)
        # heading
        size = 40
        lines = _wrap(slide.heading, fonts.bold, size, width - 2 * margin)
        while len(lines) > 2 and size > 18:
            size -= 1
            lines = _wrap(slide.heading, fonts.bold, size, width - 2 * margin)
        y = height - margin - size
        canvas.setFillColor(_GOLD)
        for line in lines[:2]:
            canvas.setFont(fonts.bold, size)
            canvas.drawCentredString(width / 2, y, line)
            y -= size * 1.15
        if slide.subheading:
            canvas.setFillColor(_GREY)
            canvas.setFont(fonts.regular, 16)
            canvas.drawCentredString(width / 2, y + 2, slide.subheading)
            y -= 22
        canvas.setStrokeColor(_GOLD)
        canvas.setLineWidth(1.2)
        canvas.line(width * 0.3, y + 6, width * 0.7, y + 6)
        _draw_names(canvas, slide.names, fonts, margin, y - 10, width)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_names(canvas, names: list[logic.LedName], fonts, margin: float, top: float, width):
    if not names:
        return
    columns = logic.led_columns(len(names))
    per_column = -(-len(names) // columns)
    area_height = top - margin
    row_height = min(area_height / per_column, 170.0)
    # the block of names is centred in the space under the heading
    top -= (area_height - row_height * per_column) / 2
    column_width = (width - 2 * margin) / columns - (12 if columns > 1 else 0)
    # as large as the row allows, about a dozen letters wide; _fit shrinks a longer name
    name_size = min(72.0, row_height * 0.5, column_width / 12)
    detail_size = max(11.0, name_size * 0.42)
    for index, entry in enumerate(names):
        row, column = divmod(index, columns)  # row by row, as the page reads
        x_left = margin + column * ((width - 2 * margin) / columns)
        centre = x_left + column_width / 2
        has_detail = bool(entry.detail) and row_height > name_size * 1.3 + detail_size
        block = name_size + (name_size * 0.3 + detail_size if has_detail else 0)
        y = top - row * row_height - (row_height - block) / 2 - name_size * 0.85
        size = _fit(entry.name, fonts.bold, name_size, 10, column_width)
        canvas.setFillColor(_WHITE)
        canvas.setFont(fonts.bold, size)
        canvas.drawCentredString(centre, y, entry.name)
        if has_detail:
            dsize = _fit(entry.detail, fonts.regular, detail_size, 7, column_width)
            canvas.setFillColor(_GREY)
            canvas.setFont(fonts.regular, dsize)
            canvas.drawCentredString(centre, y - name_size * 0.3 - dsize, entry.detail)
