"""The seating part's PDFs, drawn from a logic.SeatingChart (no database, no computing of seats):

- "Sơ đồ chỗ ngồi": the hall seen from the audience facing the stage — Quốc kỳ and tượng Bác on
  the left of the stage (the audience's left, Hướng dẫn 105-HD/BTGTW 2023), the Đoàn Chủ tịch at
  their table, the blocks, aisles, row labels, every seat with its name shrunk to fit (never
  cut; on two or three lines when needed), a legend of the zones. A4 landscape, or A3 landscape
  when the seats would be too small on A4;
- "Sơ đồ Đoàn Chủ tịch": the stage alone, large, with the protocol number, name and position;
- "Danh sách chỗ ngồi": the ushers' list in Vietnamese name order (tên, tên đệm, họ);
- "Biển tên để bàn": A4 folded in two, the name and position upright on both faces (the top
  half is drawn turned by 180°, so that it reads right once folded into a tent);
- "Nhãn ghế": 24 labels (70 × 37 mm) per A4 to stick on the chairs.

Every text is drawn in the registered Vietnamese font (printing/fonts.py).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .. import vn
from ..checkin.qr import draw_code_mark
from ..delegates.logic import protocol_key, role_of
from ..printing import Column, Document, Paragraph, Table, render_pdf
from ..printing.fonts import register_fonts
from . import logic

INK = HexColor("#000000")
GREY = HexColor("#777777")
LIGHT = HexColor("#e6e6e6")
FLAG_RED = HexColor("#da251d")
STAR_YELLOW = HexColor("#ffff00")
LEADING = 1.12


# --------------------------------------------------------------------------- fitting text


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: list[str]


def _splits(words: list[str], parts: int) -> list[list[str]]:
    """Every way to cut the words into `parts` consecutive lines (names are short)."""
    if parts == 1:
        return [[" ".join(words)]]
    out = []
    for i in range(1, len(words) - parts + 2):
        head = " ".join(words[:i])
        for tail in _splits(words[i:], parts - 1):
            out.append([head, *tail])
    return out


def fit_text(
    text: str,
    font: str,
    width: float,
    height: float,
    max_size: float,
    max_lines: int = 2,
    one_line_from: float | None = None,
) -> Fitted:
    """The largest size (≤ max_size) at which the text fits the box, on 1…max_lines lines.

    Nothing is ever cut: a long name gets smaller, or another line. One line is kept when it
    can be at least `one_line_from` points (a name reads better unbroken).
    """
    text = " ".join(vn.clean_text(text).split())
    if not text:
        return Fitted(max_size, [])
    words = text.split(" ")
    best: Fitted | None = None
    for parts in range(1, min(max_lines, len(words)) + 1):
        # the most even split of this many lines: the narrowest widest line
        widest, lines = min(
            (
                (max(stringWidth(line, font, 1.0) for line in split), split)
                for split in _splits(words, parts)
            ),
            key=lambda item: item[0],
        )
        size = min(max_size, width / widest if widest else max_size, height / (parts * LEADING))
        if best is None or size > best.size + 0.01:
            best = Fitted(size, lines)
        if parts == 1 and one_line_from is not None and best.size >= one_line_from:
            return best
    return best


def draw_fitted(c: Canvas, fitted: Fitted, font: str, cx: float, cy: float) -> None:
    """Draw the lines centred on (cx, cy)."""
    n = len(fitted.lines)
    if not n:
        return
    step = fitted.size * LEADING
    top = cy + (n * step) / 2 - fitted.size * 0.8
    c.setFont(font, fitted.size)
    for i, line in enumerate(fitted.lines):
        c.drawCentredString(cx, top - i * step, line)


def _canvas(buffer, size, title: str) -> Canvas:
    fonts = register_fonts()
    c = Canvas(buffer, pagesize=size, initialFontName=fonts.regular, initialFontSize=10)
    c.setTitle(title)
    c.setAuthor("Kế hoạch Hội nghị")
    c.setCreator("Kế hoạch Hội nghị")
    c.setSubject(title)
    return c


def _star(c: Canvas, cx: float, cy: float, r: float) -> None:
    import math

    path = c.beginPath()
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = math.pi / 2 + i * math.pi / 5
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        if i == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _flag_and_statue(c: Canvas, x: float, top: float, scale: float) -> None:
    """Quốc kỳ (3:2, red, yellow star) and tượng Bác on a plinth below it, labelled."""
    fonts = register_fonts()
    w, h = 18 * scale, 12 * scale
    c.setFillColor(FLAG_RED)
    c.rect(x, top - h, w, h, stroke=0, fill=1)
    c.setFillColor(STAR_YELLOW)
    _star(c, x + w / 2, top - h / 2, h * 0.32)
    c.setFillColor(INK)
    c.setFont(fonts.bold, 6.5 * scale / 1.2)
    c.drawString(x + w + 3, top - h / 2 - 2, "Quốc kỳ")
    # the bust on its plinth, below the flag
    bx, by = x + w / 2, top - h - 4 * scale
    c.setFillColor(HexColor("#c9b27c"))
    c.circle(bx, by - 3 * scale, 3 * scale, stroke=0, fill=1)
    c.rect(bx - 4 * scale, by - 12 * scale, 8 * scale, 6 * scale, stroke=0, fill=1)
    c.setFillColor(INK)
    c.drawString(x + w + 3, by - 9 * scale, "Tượng Bác")


# --------------------------------------------------------------------------- the chart


def _header(c: Canvas, chart: logic.SeatingChart, page_w: float, top: float, heading: str) -> float:
    fonts = register_fonts()
    c.setFillColor(INK)
    if chart.issuer:
        c.setFont(fonts.bold, 10)
        c.drawString(12 * mm, top, vn.upper_vn(chart.issuer)[:120])
    c.setFont(fonts.bold, 15)
    c.drawCentredString(page_w / 2, top - 6, heading)
    fitted = fit_text(chart.title, fonts.bold_italic, page_w - 60 * mm, 14, 11)
    c.setFont(fonts.bold_italic, fitted.size)
    c.drawCentredString(page_w / 2, top - 21, " ".join(fitted.lines))
    line = " · ".join(t for t in (chart.hall_name, chart.when) if t)
    c.setFont(fonts.italic, 9.5)
    c.drawCentredString(page_w / 2, top - 33, line)
    return top - 42


def _person_text(view: logic.SeatView) -> str:
    return view.person.display_name if view.person else ""


def render_chart(chart: logic.SeatingChart) -> bytes:
    """The seating chart on one page: A4 landscape, or A3 when A4's seats would be too small."""
    fonts = register_fonts()
    layout = chart.layout
    units_w = max(layout.hall_width, 1.0)
    rows = layout.hall_rows
    stage_rows = len(layout.stage_rows)
    size = landscape(A4)
    margin = 10 * mm
    if (size[0] - 2 * margin) / units_w < 14 * mm or rows > 16:
        size = landscape(A3)
    page_w, page_h = size
    buffer = io.BytesIO()
    c = _canvas(buffer, size, f"Sơ đồ chỗ ngồi — {chart.title}")
    top = _header(c, chart, page_w, page_h - margin - 4, "SƠ ĐỒ CHỖ NGỒI")
    legend_h = 16 * mm
    stage_extra = 16 * mm  # flag, statue, the word SÂN KHẤU
    unit = (page_w - 2 * margin - 10 * mm) / units_w  # width of one seat column
    depth_units = rows + stage_rows + logic.STAGE_GAP + 1.5
    row_h = min(unit * 1.05, (top - margin - legend_h - stage_extra) / max(depth_units, 1))
    left = margin + 5 * mm + ((page_w - 2 * margin - 10 * mm) - units_w * unit) / 2
    seat_w, seat_h = unit * 0.92, row_h * 0.84
    name_max = min(9.0, seat_h / 2.1)

    # the stage
    stage_top = top - 4
    stage_bottom = stage_top - stage_extra - stage_rows * row_h
    c.setFillColor(LIGHT)
    c.setStrokeColor(INK)
    c.setLineWidth(0.8)
    c.roundRect(left, stage_bottom, units_w * unit, stage_top - stage_bottom, 4, stroke=1, fill=1)
    c.setFillColor(INK)
    c.setFont(fonts.bold, 11)
    c.drawCentredString(left + units_w * unit / 2, stage_top - 12, "SÂN KHẤU")
    _flag_and_statue(c, left + 6 * mm, stage_top - 3, min(1.4, max(0.9, row_h / 28)))
    _lectern(c, layout, left, units_w * unit, stage_bottom, stage_top, row_h)

    def seat_box(seat: logic.Seat) -> tuple[float, float]:
        x = left + seat.x * unit + (unit - seat_w) / 2
        if seat.on_stage:
            y = stage_bottom + 3 + (stage_rows - seat.row) * row_h + (row_h - seat_h) / 2
        else:
            y = stage_bottom - 1.5 * row_h - seat.row * row_h
        return x, y

    zone_colour = {z.key: HexColor(logic.ZONE_COLOURS[z.kind]) for z in layout.zones}
    # presidium tables, in front of each stage row (towards the hall)
    for r, stage_row in enumerate(layout.stage_rows, start=1):
        seats = [s for s in layout.seats if s.on_stage and s.row == r]
        if stage_row.table and seats:
            x, y = seat_box(seats[0])
            c.setFillColor(HexColor("#8a6d3b"))
            c.rect(x, y - 3.2, len(seats) * unit - (unit - seat_w), 2.6, stroke=0, fill=1)
    for view in chart.seats:
        seat = view.seat
        x, y = seat_box(seat)
        if seat.missing:
            c.setStrokeColor(GREY)
            c.setLineWidth(0.4)
            c.rect(x, y, seat_w, seat_h, stroke=1, fill=0)
            c.line(x, y, x + seat_w, y + seat_h)
            c.line(x, y + seat_h, x + seat_w, y)
            continue
        fill = zone_colour.get(seat.zone, HexColor("#ffffff"))
        c.setFillColor(fill)
        c.setStrokeColor(INK)
        c.setLineWidth(0.5)
        c.rect(x, y, seat_w, seat_h, stroke=1, fill=1)
        c.setFillColor(GREY)
        number_size = max(3.0, min(5.0, seat_h * 0.2))
        c.setFont(fonts.regular, number_size)
        c.drawString(x + 1, y + seat_h - number_size, str(seat.number))
        c.setFillColor(INK)
        if view.person is not None:
            fitted = fit_text(
                view.person.display_name,
                fonts.bold if seat.on_stage else fonts.regular,
                seat_w - 2,
                seat_h - number_size - 1,
                name_max,
                max_lines=3,
                one_line_from=name_max * 0.85,
            )
            draw_fitted(
                c,
                fitted,
                fonts.bold if seat.on_stage else fonts.regular,
                x + seat_w / 2,
                y + (seat_h - number_size) / 2,
            )
    # row labels on both sides of each block, block names, aisles
    label_size = max(5.0, min(9.0, row_h * 0.45))
    for b, block in enumerate(layout.blocks, start=1):
        x0 = left + layout.block_offsets[b - 1] * unit
        x1 = x0 + block.seats * unit
        c.setFont(fonts.bold, label_size)
        for r in range(1, block.rows + 1):
            y = stage_bottom - 1.5 * row_h - r * row_h + seat_h / 2 - label_size / 3
            label = logic.row_label(r, layout.row_labels)
            c.drawRightString(x0 - 1.5, y, label)
            c.drawString(x1 + 0.5, y, label)
        c.setFont(fonts.italic, label_size)
        c.drawCentredString((x0 + x1) / 2, stage_bottom - 0.9 * row_h, layout.block_title(b))
    bottom_of_hall = stage_bottom - 1.5 * row_h - rows * row_h
    c.setFont(fonts.italic, label_size)
    c.setFillColor(GREY)
    for ax in layout.aisles_x():
        x = left + ax * unit
        c.saveState()
        c.translate(x + label_size / 3, (stage_bottom + bottom_of_hall) / 2)
        c.rotate(90)
        c.drawCentredString(0, 0, "LỐI ĐI")
        c.restoreState()
    c.setFillColor(INK)
    _legend(c, chart, left, margin + 2, page_w - 2 * left, fonts)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _lectern(c: Canvas, layout: logic.HallLayout, left, width, bottom, top, row_h) -> None:
    if layout.lectern == "none":
        return
    fonts = register_fonts()
    w, h = 22 * mm, 6 * mm
    if layout.lectern == "left":
        x = left + 40 * mm
    elif layout.lectern == "right":
        x = left + width - w - 8 * mm
    else:
        x = left + width / 2 - w / 2
    y = bottom + 2 if layout.lectern == "centre" else top - 10 * mm
    c.setFillColor(HexColor("#b08a5a"))
    c.roundRect(x, y, w, h, 2, stroke=0, fill=1)
    c.setFillColor(INK)
    c.setFont(fonts.regular, 7)
    c.drawCentredString(x + w / 2, y + h / 2 - 2.3, "Bục phát biểu")


def _legend(c: Canvas, chart: logic.SeatingChart, x: float, y: float, width: float, fonts) -> None:
    layout = chart.layout
    c.setFont(fonts.regular, 8)
    cx = x
    items = [(HexColor(logic.ZONE_COLOURS[z.kind]), z.label) for z in layout.zones]
    if layout.missing:
        items.append((None, "Ghế không dùng"))
    for colour, text in items:
        if colour is None:
            c.setStrokeColor(GREY)
            c.rect(cx, y + 8, 9, 6, stroke=1, fill=0)
            c.line(cx, y + 8, cx + 9, y + 14)
        else:
            c.setFillColor(colour)
            c.setStrokeColor(INK)
            c.rect(cx, y + 8, 9, 6, stroke=1, fill=1)
        c.setFillColor(INK)
        c.drawString(cx + 12, y + 8.5, text)
        cx += 12 + stringWidth(text, fonts.regular, 8) + 14
    seated = len(chart.seated)
    side = "bên tay phải" if chart.second_side == "right" else "bên tay trái"
    c.setFont(fonts.italic, 7.5)
    c.drawString(
        x,
        y,
        f"Sơ đồ nhìn từ phía đại biểu hướng lên sân khấu. Người số 1 ngồi giữa, người số 2 "
        f"{side} người số 1. Đã xếp {vn.format_count(seated, 'người')} / "
        f"{vn.format_count(layout.capacity, 'ghế')}.",
    )


# --------------------------------------------------------------------------- the presidium


def render_presidium(chart: logic.SeatingChart) -> bytes:
    fonts = register_fonts()
    size = landscape(A4)
    page_w, page_h = size
    margin = 12 * mm
    buffer = io.BytesIO()
    c = _canvas(buffer, size, f"Sơ đồ Đoàn Chủ tịch — {chart.title}")
    top = _header(c, chart, page_w, page_h - margin, "SƠ ĐỒ ĐOÀN CHỦ TỊCH")
    layout = chart.layout
    views = chart.presidium
    seated = sorted((v for v in views if v.person), key=lambda v: protocol_key(v.person))
    number = {v.seat.code: i for i, v in enumerate(seated, start=1)}
    widest = max((r.seats for r in layout.stage_rows), default=1)
    unit = min(40 * mm, (page_w - 2 * margin) / max(widest, 1))
    box_w, box_h = unit * 0.94, 30 * mm
    stage_top = top - 8
    _flag_and_statue(c, margin, stage_top, 1.6)
    rows = len(layout.stage_rows)
    for view in views:
        seat = view.seat
        width = layout.stage_rows[seat.row - 1].seats
        x0 = (page_w - width * unit) / 2
        x = x0 + (seat.number - 1) * unit + (unit - box_w) / 2
        y = stage_top - 72 * mm - (rows - seat.row) * (box_h + 12 * mm)
        if seat.missing:
            continue
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.setFillColor(HexColor("#ffffff"))
        c.rect(x, y, box_w, box_h, stroke=1, fill=1)
        c.setFillColor(INK)
        c.setFont(fonts.regular, 8)
        c.drawString(x + 2, y + box_h - 9, f"Ghế {seat.number}")
        if view.person is None:
            continue
        c.setFont(fonts.bold, 13)
        c.drawRightString(x + box_w - 3, y + box_h - 13, str(number[seat.code]))
        name = fit_text(view.person.display_name, fonts.bold, box_w - 6, 11 * mm, 12, 2, 9)
        draw_fitted(c, name, fonts.bold, x + box_w / 2, y + box_h - 15 * mm)
        position = fit_text(view.person.display_position, fonts.italic, box_w - 6, 11 * mm, 9, 3)
        draw_fitted(c, position, fonts.italic, x + box_w / 2, y + 7 * mm)
        if layout.stage_rows[seat.row - 1].table:
            c.setFillColor(HexColor("#8a6d3b"))
            c.rect(x, y - 4, box_w, 3, stroke=0, fill=1)
            c.setFillColor(INK)
    c.setFont(fonts.italic, 10)
    side = "bên tay phải" if chart.second_side == "right" else "bên tay trái"
    c.drawCentredString(
        page_w / 2,
        margin + 14,
        "PHÍA ĐẠI BIỂU (hội trường)",
    )
    c.setFont(fonts.italic, 9)
    c.drawCentredString(
        page_w / 2,
        margin,
        f"Sơ đồ nhìn từ phía đại biểu. Số ở góc ô là thứ tự lễ tân; người số 2 ngồi {side} "
        "người số 1 (tay của người ngồi trên sân khấu).",
    )
    if not seated:
        c.setFont(fonts.italic, 12)
        c.drawCentredString(page_w / 2, page_h / 2, "Chưa xếp chỗ cho Đoàn Chủ tịch.")
    c.showPage()
    c.save()
    return buffer.getvalue()


# --------------------------------------------------------------------------- the ushers' list


def usher_rows(chart: logic.SeatingChart) -> list[tuple[logic.Person, logic.Seat | None]]:
    """Everyone who comes, in Vietnamese name order of the name printed on their seat."""
    rows = [(v.person, v.seat) for v in chart.seated]
    rows += [(p, None) for p in chart.unseated]
    return sorted(rows, key=lambda r: vn.name_sort_key(r[0].display_name))


def render_list(chart: logic.SeatingChart) -> bytes:
    rows = []
    for i, (person, seat) in enumerate(usher_rows(chart), start=1):
        name = person.display_name
        if person.substituted:
            name += f" (dự thay {person.full_name})"
        who = role_of(person.position, person.unit)
        if seat is None:
            place, row, number = "Chưa xếp chỗ", "", ""
        elif seat.on_stage:
            place, row, number = "Đoàn Chủ tịch", str(seat.row), str(seat.number)
        else:
            place = chart.layout.block_title(seat.block)
            row, number = seat.row_label, str(seat.number)
        rows.append([str(i), name, who, place, row, number])
    body = [
        Paragraph(
            f"{chart.hall_name} · {chart.when}. Xếp theo tên (tên, tên đệm, họ).",
            align="center",
            indent=False,
            italic=True,
            size=12,
        ),
        Table(
            columns=[
                Column("STT", 0.7, "center"),
                Column("Họ và tên", 2.6),
                Column("Chức vụ, đơn vị", 3.2),
                Column("Khu vực", 1.7),
                Column("Hàng", 0.7, "center"),
                Column("Ghế", 0.6, "center"),
            ],
            rows=rows or [["", "Chưa có đại biểu nào.", "", "", "", ""]],
            font_size=11,
        ),
    ]
    document = Document(
        title="DANH SÁCH CHỖ NGỒI",
        subtitle=chart.title,
        body=body,
        landscape=False,
        meta_title=f"Danh sách chỗ ngồi — {chart.title}",
    )
    return render_pdf(document)


# --------------------------------------------------------------------------- table cards


@dataclass(frozen=True)
class CardSet:
    """Who gets a table card. Offices card the Đoàn Chủ tịch and the front rows, not every
    seat (one A4 sheet a card: 983 sheets for a full hall, issue 15). The default is the Đoàn
    Chủ tịch and every delegate with a thứ tự lễ tân; the seating page can add chosen rows or
    everyone seated."""

    stage: bool = True  # Đoàn Chủ tịch (seated on the stage)
    ranked: bool = True  # delegates with a protocol rank (thứ tự lễ tân), wherever seated
    rows: tuple[str, ...] = ()  # hall rows by label or number ("A", "B" / "1", "2")
    everyone: bool = False

    @property
    def empty(self) -> bool:
        return not (self.stage or self.ranked or self.rows or self.everyone)


DEFAULT_CARD_SET = CardSet()
# The choice as the seating page's form sends it (?bo=…&hang=…).
CARD_CHOICES = {
    "doan-chu-tich": "Đoàn Chủ tịch",
    "xep-hang": "Đại biểu có thứ tự lễ tân",
    "hang": "Các hàng ghế",
    "tat-ca": "Mọi đại biểu đã xếp chỗ",
}


def parse_card_set(choices: Sequence[str] | None, rows_text: str = "") -> CardSet:
    """The set from the form's values; no choice at all (a plain download, the print centre,
    print-all) gives the default."""
    if not choices:
        return DEFAULT_CARD_SET
    rows = tuple(
        dict.fromkeys(part.upper() for part in re.split(r"[\s,;]+", rows_text or "") if part)
    )
    chosen = CardSet(
        stage="doan-chu-tich" in choices,
        ranked="xep-hang" in choices,
        rows=rows if "hang" in choices else (),
        everyone="tat-ca" in choices,
    )
    return DEFAULT_CARD_SET if chosen.empty else chosen


def card_people(
    chart: logic.SeatingChart, chosen: CardSet = DEFAULT_CARD_SET
) -> list[tuple[logic.Person, logic.Seat]]:
    """Who gets a card: the Đoàn Chủ tịch in protocol order, then the hall in seat order."""
    rows = set(chosen.rows)

    def wanted(view) -> bool:
        seat = view.seat
        return (
            chosen.everyone
            or (chosen.stage and seat.on_stage)
            or (chosen.ranked and view.person.protocol_rank > 0)
            or (not seat.on_stage and (seat.row_label.upper() in rows or str(seat.row) in rows))
        )

    views = [v for v in chart.seated if wanted(v)]
    stage = sorted(
        ((v.person, v.seat) for v in views if v.seat.on_stage),
        key=lambda r: protocol_key(r[0]),
    )
    hall = [(v.person, v.seat) for v in views if not v.seat.on_stage]
    return stage + hall


def _card_face(c: Canvas, person: logic.Person, width: float, height: float, fonts) -> None:
    """One face of a card in a box (0, 0)–(width, height): name large, position below."""
    pad = 12 * mm
    name = fit_text(person.display_name, fonts.bold, width - 2 * pad, height * 0.45, 64, 2, 40)
    draw_fitted(c, name, fonts.bold, width / 2, height * 0.58)
    if person.display_position:
        position = fit_text(
            person.display_position, fonts.regular, width - 2 * pad, height * 0.25, 24, 2, 16
        )
        draw_fitted(c, position, fonts.regular, width / 2, height * 0.2)


CARD_QR = 14 * mm


def render_cards(chart: logic.SeatingChart, chosen: CardSet = DEFAULT_CARD_SET) -> bytes:
    fonts = register_fonts()
    page_w, page_h = A4
    half = page_h / 2
    buffer = io.BytesIO()
    c = _canvas(buffer, A4, f"Biển tên để bàn — {chart.title}")
    people = card_people(chart, chosen)
    if not people:
        c.setFont(fonts.italic, 14)
        text = (
            "Chưa xếp chỗ cho đại biểu nào: chưa có biển tên."
            if not chart.seated
            else "Không có đại biểu đã xếp chỗ nào thuộc các biển tên đã chọn."
        )
        c.drawCentredString(page_w / 2, half, text)
        c.showPage()
    for person, seat in people:
        c.setFillColor(INK)
        # the bottom half, upright
        _card_face(c, person, page_w, half, fonts)
        # the top half, turned by 180° about its centre: upright once the card is folded
        c.saveState()
        c.translate(page_w, page_h)
        c.rotate(180)
        _card_face(c, person, page_w, half, fonts)
        c.restoreState()
        # the fold, and the seat (small, for the ushers) at the fold's end
        c.setStrokeColor(GREY)
        c.setDash(2, 3)
        c.setLineWidth(0.4)
        c.line(0, half, page_w, half)
        c.setDash()
        c.setFillColor(GREY)
        c.setFont(fonts.regular, 7)
        c.drawString(6 * mm, half - 9, f"Gấp đôi theo đường này · ghế {seat.code}")
        c.setFillColor(INK)
        if person.code:
            # the check-in code, small, in one face's lower corner (the face turned to the
            # delegate once he sits): the usher can check him in at his seat
            draw_code_mark(
                c, person.code, page_w - 6 * mm - CARD_QR, 9 * mm, CARD_QR, 7, person.code_mask
            )
        c.showPage()
    c.save()
    return buffer.getvalue()


# --------------------------------------------------------------------------- chair labels


LABEL_COLUMNS, LABEL_ROWS = 3, 8  # 70 × 37,1 mm, the common 24-label A4 sheet


def render_labels(chart: logic.SeatingChart) -> bytes:
    fonts = register_fonts()
    page_w, page_h = A4
    w, h = page_w / LABEL_COLUMNS, page_h / LABEL_ROWS
    buffer = io.BytesIO()
    c = _canvas(buffer, A4, f"Nhãn ghế — {chart.title}")
    people = card_people(chart, CardSet(everyone=True))  # every chair carries its label
    per_page = LABEL_COLUMNS * LABEL_ROWS
    if not people:
        c.setFont(fonts.italic, 12)
        c.drawCentredString(
            page_w / 2, page_h / 2, "Chưa xếp chỗ cho đại biểu nào: chưa có nhãn ghế."
        )
        c.showPage()
    for start in range(0, len(people), per_page):
        for i, (person, seat) in enumerate(people[start : start + per_page]):
            col, row = i % LABEL_COLUMNS, i // LABEL_COLUMNS
            x, y = col * w, page_h - (row + 1) * h
            c.setStrokeColor(LIGHT)
            c.setLineWidth(0.3)
            c.rect(x, y, w, h, stroke=1, fill=0)
            c.setFillColor(INK)
            c.setFont(fonts.bold, 10)
            place = chart.layout.place_text(seat, " · ")
            c.drawCentredString(x + w / 2, y + h - 5 * mm, place)
            name = fit_text(person.display_name, fonts.bold, w - 8 * mm, h * 0.38, 16, 2, 11)
            draw_fitted(c, name, fonts.bold, x + w / 2, y + h * 0.5)
            if person.display_position:
                position = fit_text(
                    person.display_position, fonts.italic, w - 8 * mm, h * 0.22, 8, 2
                )
                draw_fitted(c, position, fonts.italic, x + w / 2, y + h * 0.15)
        c.showPage()
    c.save()
    return buffer.getvalue()


RENDERERS: dict[str, Callable[[logic.SeatingChart], bytes]] = {
    "chart": render_chart,
    "presidium": render_presidium,
    "list": render_list,
    "cards": render_cards,
    "labels": render_labels,
}
