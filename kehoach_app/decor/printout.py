"""The decoration part's three PDFs, drawn from plain objects computed elsewhere:

- "Bảng kiểm trang trí khánh tiết": the checklist by area, a tick box per item, sign-off lines,
  in the Nghị định 30/2020 frame (printing.render_pdf);
- "Phông sân khấu": the backdrop drawn to scale on A4 landscape with a title strip and a legend;
- "Nội dung in băng rôn, phông": each text for the print shop on its own landscape page, drawn at
  the proportions it will have, with its line breaks, letter heights and physical size.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus import Spacer as RLSpacer

from .. import vn
from ..printing import Document, Header, Paragraph, Signature, render_pdf
from ..printing.fonts import register_fonts
from ..printing.layout import Face, wrap_lines
from ..printing.pdf import GridTable, markup, para, styles
from . import logic
from .drawing import (
    INK,
    ROLE_COLOURS,
    backdrop_shapes,
    centimetres,
    draw_shapes,
    font_size_for_cap,
    legend_rows,
    measure_text,
    metres,
    picture_bounds,
)

# --------------------------------------------------------------------------- the checklist


@dataclass
class ChecklistSheet:
    """What the checklist printout shows, already worded."""

    header: Header
    conference_title: str
    when: str
    checklist: logic.Checklist
    finish_by: str


class TickBox(Flowable):
    """The box the checker ticks by hand; ticked already (✓) when the item is done."""

    def __init__(self, done: bool, size: float = 9.0):
        super().__init__()
        self.done = done
        self.size = size

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        self.width = availWidth
        self.height = self.size + 2
        return self.width, self.height

    def draw(self):
        c = self.canv
        x = (self.width - self.size) / 2
        c.setLineWidth(0.8)
        c.setStrokeColor(HexColor("#000000"))
        c.rect(x, 1, self.size, self.size, stroke=1, fill=0)
        if self.done:
            c.setLineWidth(1.4)
            s = self.size
            path = c.beginPath()
            path.moveTo(x + 0.18 * s, 1 + 0.5 * s)
            path.lineTo(x + 0.42 * s, 1 + 0.2 * s)
            path.lineTo(x + 0.85 * s, 1 + 0.9 * s)
            c.drawPath(path, stroke=1, fill=0)


_ROMAN = ("I", "II", "III", "IV", "V")
_CELL = 11


def _cell(text: str, kind: str = "cell") -> Flowable:
    return para(text, f"{kind}_{_CELL}")


def _placement_cell(row: logic.ChecklistRow) -> list[Flowable]:
    cell: list[Flowable] = []
    if row.placement:
        cell.append(_cell(row.placement))
    if row.text:
        from reportlab.platypus import Paragraph as RLParagraph

        text = markup("Nội dung in: ", italic=True) + markup(row.text)
        cell.append(RLParagraph(text, styles()[f"cell_{_CELL}"]))
    if row.notes:
        cell.append(_cell(f"Ghi chú: {row.notes}"))
    return cell or [_cell("")]


def _checklist_table(groups: list[logic.ChecklistGroup]) -> GridTable:
    """One table for all areas: a spanning row names each area ("I. SÂN KHẤU"), the column
    headers repeat on every page."""
    fonts = register_fonts()
    head = ["Kiểm tra", "TT", "Hạng mục, số lượng", "Vị trí, cách đặt; nội dung in"]
    head += ["Người thực hiện", "Hạn"]
    data: list[list] = [[_cell(t, "cell_header") for t in head]]
    area_rows: list[int] = []
    for index, group in enumerate(groups):
        area_rows.append(len(data))
        data.append([_cell(f"{_ROMAN[index]}. {vn.upper_vn(group.label)}", "cell_header")])
        data[-1] += [""] * (len(head) - 1)
        for row in group.rows:
            data.append(
                [
                    [TickBox(row.done), _cell(row.status_label, "cell_center")],
                    _cell(str(row.number), "cell_center"),
                    [_cell(row.item, "cell_header"), _cell(row.quantity, "cell_center")],
                    _placement_cell(row),
                    _cell(row.responsible or "…………"),
                    _cell(row.deadline, "cell_center"),
                ]
            )
    shares = [0.09, 0.05, 0.17, 0.37, 0.19, 0.13]
    table = GridTable(
        data, colWidths=[f"{s * 100:.2f}%" for s in shares], repeatRows=1, hAlign="LEFT"
    )
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
        ("FONTSIZE", (0, 0), (-1, -1), _CELL),
        ("GRID", (0, 0), (-1, -1), 0.5, HexColor("#000000")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (3, 1), (3, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    grey = HexColor("#eeeeee")
    for r in area_rows:
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), grey)]
    table.set_grid_style(commands)
    table.keep_with_next = frozenset(area_rows)  # "II. TRONG HỘI TRƯỜNG" never ends a page
    return table


def checklist_document(sheet: ChecklistSheet) -> Document:
    c = sheet.checklist
    body: list = [
        Paragraph(f"Thời gian hội nghị: {sheet.when}.", indent=False, align="left"),
        Paragraph(
            f"Hoàn thành trang trí: {sheet.finish_by}. Đã xong {c.done}/{c.total} hạng mục "
            f"({c.progress}%). Người kiểm tra đánh dấu vào ô khi hạng mục đạt yêu cầu.",
            indent=False,
            align="left",
        ),
    ]
    if c.groups:
        body.append(_checklist_table(c.groups))
    else:
        body.append(Paragraph("Chưa có hạng mục trang trí nào.", indent=False))
    body.append(
        KeepTogether(
            [
                RLSpacer(1, 10),
                para(
                    "Kiểm tra lúc ……… giờ ……… , ngày ……… / ……… / ………… . "
                    "Ý kiến của người kiểm tra: ………………………………………………………………",
                    "body_left",
                ),
            ]
        )
    )
    return Document(
        title="BẢNG KIỂM TRANG TRÍ KHÁNH TIẾT",
        subtitle=sheet.conference_title,
        header=sheet.header,
        body=body,
        signatures=[
            Signature(lines=["Người thực hiện"], name="", note="(Ký, ghi rõ họ tên)"),
            Signature(lines=["Người kiểm tra"], name="", note="(Ký, ghi rõ họ tên)"),
        ],
        meta_title=f"Bảng kiểm trang trí khánh tiết — {sheet.conference_title}",
        meta_author=sheet.header.issuer,
    )


def render_checklist(sheet: ChecklistSheet) -> bytes:
    return render_pdf(checklist_document(sheet))


# --------------------------------------------------------------------------- shared drawing


@dataclass
class BackdropSheet:
    """What the backdrop drawing shows around the picture."""

    issuer: str
    conference_title: str
    plan: logic.BackdropPlan
    notes: list[str] = field(default_factory=list)


PAGE = landscape(A4)
MARGIN = 12 * mm
STRIP_H = 22 * mm
# Scales an architect would write on a drawing (1:N); the largest that fits is used.
STANDARD_SCALES = (10, 20, 25, 30, 40, 50, 60, 75, 80, 100, 125, 150, 200, 250, 300, 400, 500, 1000)
PT_PER_M = 72 / 0.0254


def _fonts():
    return register_fonts()


def _strip(c: Canvas, heading: str, title: str, right_lines: list[str]) -> None:
    """The title strip across the top of a landscape page."""
    fonts = _fonts()
    w, h = PAGE
    top = h - MARGIN
    c.setStrokeColor(HexColor(INK))
    c.setLineWidth(0.8)
    c.rect(MARGIN, top - STRIP_H, w - 2 * MARGIN, STRIP_H, stroke=1, fill=0)
    c.setFillColor(HexColor(INK))
    c.setFont(fonts.bold, 15)
    c.drawString(MARGIN + 4 * mm, top - 7.5 * mm, vn.upper_vn(heading))
    face = Face(fonts.regular, 10.5)
    width = (w - 2 * MARGIN) * 0.62
    lines = wrap_lines(title, face, width)[:2]
    c.setFont(fonts.regular, 10.5)
    for i, line in enumerate(lines):
        c.drawString(MARGIN + 4 * mm, top - 12.5 * mm - i * 4.5 * mm, line)
    c.setFont(fonts.regular, 9.5)
    for i, line in enumerate(right_lines[:4]):
        c.drawRightString(w - MARGIN - 4 * mm, top - 5.5 * mm - i * 4.4 * mm, line)


def _scale_for(bounds: logic.Rect, box_w: float, box_h: float) -> tuple[float, int]:
    """Points per metre and the ratio N of the largest standard scale 1:N that fits."""
    for n in STANDARD_SCALES:
        scale = PT_PER_M / n
        if bounds.w * scale <= box_w and bounds.h * scale <= box_h:
            return scale, n
    scale = min(box_w / bounds.w, box_h / bounds.h)
    return scale, round(PT_PER_M / scale)


# --------------------------------------------------------------------------- the backdrop


def render_backdrop(sheet: BackdropSheet) -> bytes:
    """The backdrop on one A4 landscape page: title strip, picture to scale, legend, notes."""
    fonts = _fonts()
    plan = sheet.plan
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=PAGE, initialFontName=fonts.regular, lang="vi-VN")
    c.setTitle(f"Phác thảo phông sân khấu — {sheet.conference_title}")
    c.setAuthor(sheet.issuer)
    c.setCreator("Kế hoạch Hội nghị")
    w, h = PAGE
    legend = legend_rows(plan)
    legend_h = (len(legend) + len(sheet.notes)) * 5 * mm + 4 * mm
    box_top = h - MARGIN - STRIP_H - 4 * mm
    box_bottom = MARGIN + legend_h
    box_w = w - 2 * MARGIN
    box_h = box_top - box_bottom
    bounds = picture_bounds(plan)
    scale, ratio = _scale_for(bounds, box_w, box_h)
    _strip(
        c,
        "Phác thảo phông sân khấu",
        sheet.conference_title,
        [
            vn.upper_vn(sheet.issuer),
            f"Phông: {metres(plan.width)} × {metres(plan.height)}",
            f"Tỷ lệ 1:{ratio} (in khổ A4 ngang)",
            "Hình nhìn từ phía đại biểu lên sân khấu",
        ],
    )
    origin_x = (w - bounds.w * scale) / 2 - bounds.x * scale
    origin_y = box_bottom + (box_h - bounds.h * scale) / 2 - bounds.y * scale
    draw_shapes(c, backdrop_shapes(plan), origin=(origin_x, origin_y), scale=scale)
    # legend and notes
    y = MARGIN + legend_h - 5 * mm
    for colour, name, what in legend:
        c.setFillColor(HexColor(colour))
        c.setStrokeColor(HexColor(INK))
        c.rect(MARGIN + 2 * mm, y - 0.5 * mm, 6 * mm, 3.2 * mm, stroke=1, fill=1)
        c.setFillColor(HexColor(INK))
        c.setFont(fonts.bold, 9.5)
        c.drawString(MARGIN + 10 * mm, y, name)
        c.setFont(fonts.regular, 9.5)
        c.drawString(MARGIN + 42 * mm, y, what)
        y -= 5 * mm
    for note in sheet.notes:
        c.setFont(fonts.italic, 9.5)
        c.setFillColor(HexColor("#9a1b14"))
        c.drawString(MARGIN + 2 * mm, y, note)
        y -= 5 * mm
    c.showPage()
    c.save()
    return buffer.getvalue()


def backdrop_notes(
    plan: logic.BackdropPlan, title_block: str, date_fixed: bool = True
) -> list[str]:
    """Warnings printed under the legend; `date_fixed` False while the conference's day is not
    fixed (issue 17): the blank day is then the program's, filled once the day is entered."""
    notes = [
        "Quy định 99-QĐ/TW, Hướng dẫn 105-HD/BTGTW: Quốc kỳ ở phía trái sân khấu nhìn từ phía "
        "dưới lên; tượng Bác Hồ đặt trên bục cao, dưới ngôi sao."
    ]
    if plan.assumed_size:
        width, height = logic.DEFAULT_BACKDROP_M
        notes.append(
            f"Chưa nhập kích thước phông: hình vẽ theo kích thước giả định "
            f"{metres(width)} × {metres(height)}."
        )
    if plan.title.overflow:
        notes.append("Tiêu đề quá dài so với phông: hãy rút gọn hoặc tăng kích thước phông.")
    if logic.has_blank_day(title_block) and not date_fixed:
        notes.append(
            "Dòng ngày tháng để trống ngày vì ngày tổ chức chưa chốt: khi đã chốt, nhập ngày ở "
            "phần Thông tin hội nghị thì tiêu đề ghi đủ ngày."
        )
    elif logic.has_blank_day(title_block):
        notes.append(
            "Dòng ngày tháng còn để trống ngày: chọn “Tạo lại từ thông tin hội nghị” (ghi đủ "
            "ngày) trước khi gửi in."
        )
    return notes


# --------------------------------------------------------------------------- texts to print


@dataclass
class PrintText:
    """One text for the print shop: drawn inside a rectangle of its real proportions."""

    heading: str
    block: logic.TextBlock
    size_line: str  # the physical size, as the print shop reads it
    details: list[str]
    frame: logic.Rect  # what it is printed on, in the block's coordinates (m)
    show_heights: bool = True


@dataclass
class PrintTextsSheet:
    issuer: str
    conference_title: str
    texts: list[PrintText]


def title_print_text(plan: logic.BackdropPlan, title_block: str) -> PrintText:
    area = plan.title.area
    details = [
        f"Vùng chữ trên phông: rộng {metres(area.w)}, cao {metres(area.h)}, bên phải Quốc kỳ "
        "(nhìn từ phía đại biểu).",
        "Chữ có chân (Times New Roman), in hoa, đậm; dòng địa danh, ngày tháng chữ thường, "
        "nghiêng.",
    ]
    if logic.has_blank_day(title_block):
        details.append(
            "Lưu ý: dòng ngày tháng còn để trống ngày — chọn “Tạo lại từ thông tin hội nghị” "
            "(ghi đủ ngày) trước khi gửi in."
        )
    if plan.assumed_size:
        details.append("Lưu ý: chưa nhập kích thước phông; đang tính theo kích thước giả định.")
    return PrintText(
        heading="Tiêu đề phông sân khấu",
        block=plan.title,
        size_line=f"Khổ phông: {metres(plan.width)} × {metres(plan.height)}",
        details=details,
        frame=area,
    )


def banner_print_text(text: str) -> PrintText:
    block = logic.banner_block(text, measure=measure_text)
    width, height = logic.BANNER_SIZE_M
    return PrintText(
        heading="Băng chào mừng (băng khẩu hiệu)",
        block=block,
        size_line=f"Khổ băng đề xuất: {metres(width)} × {metres(height)}",
        details=[
            "Khổ đề xuất, điều chỉnh theo mặt tiền hội trường; treo trước cửa hội trường.",
            "Chữ in hoa, đậm, có chân (Times New Roman).",
        ],
        frame=logic.Rect(0.0, 0.0, width, height),
    )


def item_print_text(row: logic.ChecklistRow) -> PrintText:
    paragraphs = [p for p in row.text.split("\n") if p.strip()]
    area = logic.Rect(0.0, 0.0, 10.0, 5.0)
    block = logic.layout_text_block(
        paragraphs, area, roles=["title"] * len(paragraphs), measure=measure_text
    )
    details = [f"Số lượng: {row.quantity}."]
    if row.placement:
        details.append(f"Vị trí: {row.placement}")
    return PrintText(
        heading=row.item,
        block=block,
        size_line="Kích thước: theo hạng mục",
        details=details,
        frame=area,
        show_heights=False,
    )


def render_print_texts(sheet: PrintTextsSheet) -> bytes:
    """Each text on its own A4 landscape page, big, with its line breaks and sizes."""
    fonts = _fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=PAGE, initialFontName=fonts.regular, lang="vi-VN")
    c.setTitle(f"Nội dung in băng rôn, phông — {sheet.conference_title}")
    c.setAuthor(sheet.issuer)
    c.setCreator("Kế hoạch Hội nghị")
    w, h = PAGE
    total = len(sheet.texts)
    for number, item in enumerate(sheet.texts, start=1):
        _strip(
            c,
            f"Nội dung in {number}/{total}: {item.heading}",
            sheet.conference_title,
            [vn.upper_vn(sheet.issuer), item.size_line],
        )
        block = item.block
        notes_h = (len(item.details) + 1) * 5 * mm + 4 * mm
        box_top = h - MARGIN - STRIP_H - 6 * mm
        box_bottom = MARGIN + notes_h
        annotate_w = 34 * mm if item.show_heights else 0
        box_w = w - 2 * MARGIN - annotate_w
        box_h = box_top - box_bottom
        frame = item.frame
        scale = min(box_w / frame.w, box_h / frame.h)
        ox = MARGIN + (box_w - frame.w * scale) / 2
        oy = box_bottom + (box_h - frame.h * scale) / 2
        c.setStrokeColor(HexColor("#888888"))
        c.setDash(3, 2)
        c.setLineWidth(0.6)
        c.rect(ox, oy, frame.w * scale, frame.h * scale, stroke=1, fill=0)
        c.setDash()
        seen: set[str] = set()
        for line in block.lines:
            style = line.style
            face = fonts.face(bold=style.bold, italic=style.italic)
            size = font_size_for_cap(line.cap_height, style) * scale
            x = ox + (line.x_center - frame.x) * scale
            y = oy + (line.baseline - frame.y) * scale
            c.setFillColor(HexColor(ROLE_COLOURS.get(line.role, INK)))
            c.setFont(face, size)
            c.drawCentredString(x, y, line.text)
            if item.show_heights and line.role not in seen:
                seen.add(line.role)
                c.setFillColor(HexColor(INK))
                c.setFont(fonts.regular, 9)
                c.drawString(
                    w - MARGIN - annotate_w + 3 * mm,
                    y,
                    f"← chữ cao {centimetres(line.cap_height)}",
                )
        y = MARGIN + notes_h - 5 * mm
        c.setFillColor(HexColor(INK))
        c.setFont(fonts.bold, 10)
        c.drawString(MARGIN, y, f"{item.size_line}. {len(block.lines)} dòng, in đúng ngắt dòng.")
        y -= 5 * mm
        c.setFont(fonts.regular, 10)
        for detail in item.details:
            for piece in wrap_lines(detail, Face(fonts.regular, 10), w - 2 * MARGIN)[:1]:
                c.drawString(MARGIN, y, piece)
            y -= 5 * mm
        c.showPage()
    if not sheet.texts:
        _strip(c, "Nội dung in", sheet.conference_title, [vn.upper_vn(sheet.issuer)])
        c.setFont(fonts.regular, 12)
        c.drawString(MARGIN, h / 2, "Chưa có nội dung nào cần in.")
        c.showPage()
    c.save()
    return buffer.getvalue()
