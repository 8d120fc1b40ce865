"""The seating chart as inline SVG for the page (server-rendered; no inline style or script).

Drawn as seen from the hall facing the stage, like the printed chart: the stage at the top,
Quốc kỳ and tượng Bác on the left of the stage (the audience's left, Hướng dẫn 105-HD/BTGTW).
Each seat is a link (?ghe=CODE), so choosing a seat works without JavaScript; seating.js only
turns the clicks into a selection without reloading.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from html import escape as _escape

from markupsafe import Markup

from . import logic

UNIT = 40.0  # px per seat width
ROW = 34.0  # px per row
SEAT_W = 36.0
SEAT_H = 26.0
MARGIN = 40.0
TOP = 70.0  # room above the stage drawing for the flag and the statue


# A seat's two lines (static/css/seating.css sets the same sizes): the initials of họ and tên
# đệm above, the tên in bold below. Their widths are estimated with the program's own serif
# plus a margin for the page's wider sans-serif faces (Segoe UI, Noto Sans, Arial); a line
# still too wide is squeezed to the seat with textLength, so no name touches or crosses the
# seat's border (issue 15).
INITIALS_SIZE = 8.0
GIVEN_SIZE = 10.0
_FACE_MARGIN = 1.25
TEXT_ROOM = SEAT_W - 6  # 3 px clear of each side of the seat


def escape(text: object) -> str:
    """Text escaped for the SVG (html.escape: one C call, no Markup object per seat)."""
    return _escape(str(text), quote=True)


def seat_label(name: str) -> tuple[str, str]:
    """(initials, tên) as the seat shows them: "Nguyễn Thị Hương" → ("N.T.", "Hương"), so two
    "Hương" no longer look alike; a one-word name → ("", name)."""
    words = name.split()
    if not words:
        return "", ""
    initials = "".join(f"{word[0].upper()}." for word in words[:-1])
    return initials, words[-1]


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px on the page (kept: a hall's names come back on every page)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ..printing.fonts import register_fonts

    fonts = register_fonts()
    face = fonts.bold if bold else fonts.regular
    return stringWidth(unicodedata.normalize("NFC", text), face, size) * _FACE_MARGIN


def _seat_text(css: str, x: float, y: float, text: str, size: float, bold: bool) -> str:
    squeeze = ""
    if text_width(text, size, bold) > TEXT_ROOM:
        squeeze = f' textLength="{TEXT_ROOM:.0f}" lengthAdjust="spacingAndGlyphs"'
    return (
        f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="middle"{squeeze}>'
        f"{escape(text)}</text>"
    )


def render(
    chart: logic.SeatingChart,
    link: Callable[[str], str],
    selected: frozenset[str] = frozenset(),
    editing: bool = False,
) -> Markup:
    layout = chart.layout
    width = layout.hall_width * UNIT + 2 * MARGIN
    stage_h = max(layout.stage_depth, 1) * ROW + 30
    hall_top = TOP + stage_h + 30
    height = hall_top + layout.hall_rows * ROW + 40
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="seating-chart" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="chart-title"><title id="chart-title">Sơ đồ chỗ ngồi '
        f"{escape(chart.hall_name)} — nhìn từ phía đại biểu lên sân khấu</title>"
    ]
    # the stage
    stage_x = MARGIN + 10
    stage_w = width - 2 * MARGIN - 20
    parts.append(
        f'<rect class="stage" x="{stage_x:.1f}" y="{TOP:.1f}" width="{stage_w:.1f}" '
        f'height="{stage_h:.1f}" rx="6"/>'
    )
    parts.append(
        f'<text class="stage-label" x="{width / 2:.1f}" y="{TOP - 8:.1f}" '
        f'text-anchor="middle">SÂN KHẤU</text>'
    )
    # Quốc kỳ and tượng Bác: the audience's left = the drawing's left
    fx = stage_x + 14
    parts.append(
        f'<g class="flag" aria-label="Quốc kỳ"><rect x="{fx:.1f}" y="{TOP - 50:.1f}" width="36" '
        f'height="24" fill="#da251d"/><polygon points="{_star(fx + 18, TOP - 38, 7)}" '
        f'fill="#ffff00"/><text x="{fx + 44:.1f}" y="{TOP - 32:.1f}" '
        'class="small-label">Quốc kỳ</text></g>'
    )
    parts.append(
        f'<g class="statue" aria-label="Tượng Bác"><rect x="{fx + 8:.1f}" y="{TOP + 8:.1f}" '
        f'width="20" height="22" rx="4" fill="#c9b27c"/><text x="{fx + 32:.1f}" '
        f'y="{TOP + 24:.1f}" class="small-label">Tượng Bác</text></g>'
    )
    if layout.lectern != "none":
        lx = {
            "left": stage_x + 110,
            "right": stage_x + stage_w - 84,
            "centre": width / 2 - 37,
        }[layout.lectern]
        ly = TOP + stage_h - 22 if layout.lectern == "centre" else TOP + 10
        parts.append(
            f'<g class="lectern"><rect x="{lx:.1f}" y="{ly:.1f}" width="74" height="16" rx="3"/>'
            f'<text x="{lx + 37:.1f}" y="{ly + 12:.1f}" text-anchor="middle" '
            f'class="small-label">Bục phát biểu</text></g>'
        )
    # presidium tables
    for r, stage_row in enumerate(layout.stage_rows, start=1):
        if not stage_row.table:
            continue
        row_seats = [s for s in layout.seats if s.on_stage and s.row == r]
        if not row_seats:
            continue
        x0 = MARGIN + row_seats[0].x * UNIT
        y = TOP + 15 + row_seats[0].y * ROW + SEAT_H + 1
        parts.append(
            f'<rect class="table" x="{x0:.1f}" y="{y:.1f}" '
            f'width="{len(row_seats) * UNIT - 4:.1f}" height="6"/>'
        )
    # aisles
    for ax in layout.aisles_x():
        x = MARGIN + ax * UNIT
        parts.append(
            f'<text class="aisle-label" x="{x:.1f}" '
            f'y="{hall_top + layout.hall_rows * ROW + 18:.1f}" '
            f'text-anchor="middle">Lối đi</text>'
        )
    # row labels at both ends of each block
    for b, block in enumerate(layout.blocks, start=1):
        x0 = MARGIN + layout.block_offsets[b - 1] * UNIT
        x1 = x0 + block.seats * UNIT
        parts.append(
            f'<text class="block-label" x="{(x0 + x1) / 2:.1f}" y="{hall_top - 10:.1f}" '
            f'text-anchor="middle">{escape(layout.block_title(b))}</text>'
        )
        for r in range(1, block.rows + 1):
            y = hall_top + (r - 1) * ROW + SEAT_H / 2 + 4
            label = escape(logic.row_label(r, layout.row_labels))
            parts.append(
                f'<text class="row-label" x="{x0 - 8:.1f}" y="{y:.1f}" '
                f'text-anchor="middle">{label}</text>'
            )
            parts.append(
                f'<text class="row-label" x="{x1 + 4:.1f}" y="{y:.1f}" '
                f'text-anchor="middle">{label}</text>'
            )
    # seats
    for view in chart.seats:
        seat = view.seat
        x = MARGIN + seat.x * UNIT
        y = TOP + 15 + seat.y * ROW if seat.on_stage else hall_top + (seat.row - 1) * ROW
        classes = ["seat"]
        if seat.missing:
            classes.append("seat-missing")
        elif view.person is not None:
            classes.append("seat-taken")
        else:
            classes.append("seat-free")
        if seat.on_stage:
            classes.append("seat-stage")
        if seat.zone:
            zone = layout.zone_by_key[seat.zone]
            classes.append(f"zone-{zone.kind}")
        if view.pinned:
            classes.append("seat-pinned")
        if seat.code in selected:
            classes.append("seat-selected")
        if view.person is not None and view.person.absent:
            classes.append("seat-absent")
        if seat.missing and not editing:
            parts.append(
                f'<g class="{" ".join(classes)}"><rect x="{x:.1f}" y="{y:.1f}" width="{SEAT_W}" '
                f'height="{SEAT_H}" rx="4"/><title>{seat.code}: không dùng</title></g>'
            )
            continue
        cx = x + SEAT_W / 2
        if view.person is not None:
            initials, given = seat_label(view.person.display_name)
            if initials:
                text = _seat_text("seat-initials", cx, y + 10.5, initials, INITIALS_SIZE, False)
                text += _seat_text("seat-given", cx, y + 21.5, given, GIVEN_SIZE, True)
            else:
                text = _seat_text("seat-given", cx, y + SEAT_H / 2 + 3.5, given, GIVEN_SIZE, True)
            tip = f"{seat.code}: {view.person.display_name}"
            if view.person.display_position:
                tip += f" — {view.person.display_position}"
            if view.pinned:
                tip += " (đã ghim)"
        else:
            text = (
                f'<text x="{cx:.1f}" y="{y + SEAT_H / 2 + 4:.1f}" text-anchor="middle">'
                f"{seat.number}</text>"
            )
            tip = f"{seat.code}: " + ("không dùng" if seat.missing else "còn trống")
        if seat.zone:
            tip += f" · {layout.zone_by_key[seat.zone].label}"
        parts.append(
            f'<a href="{escape(link(seat.code))}" class="{" ".join(classes)}" '
            f'data-code="{seat.code}" data-free="{"1" if view.person is None else "0"}">'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{SEAT_W}" height="{SEAT_H}" rx="4"/>'
            f"{text}<title>{escape(tip)}</title></a>"
        )
        if view.pinned:
            parts.append(
                f'<circle class="pin-mark" cx="{x + SEAT_W - 3:.1f}" cy="{y + 3:.1f}" r="4"/>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _star(cx: float, cy: float, r: float) -> str:
    import math

    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.1f},{cy + radius * math.sin(angle):.1f}")
    return " ".join(points)
