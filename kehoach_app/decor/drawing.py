"""The backdrop drawing: a BackdropPlan turned into shapes, drawn as inline SVG for the page and
on a ReportLab canvas for the PDF — the same shapes, so the screen and the paper agree.

Shapes are in metres with y up (as logic.py places them); each renderer flips and scales. Text
uses the registered serif (printing.fonts) in the PDF and the same family by name in the SVG;
ReportLab's built-in fonts have no Vietnamese letters and are never used.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from .. import vn
from ..printing.fonts import register_fonts
from ..printing.layout import clean
from .logic import ROLE_LABELS, BackdropPlan, Rect, TextStyle

# Colours: Quốc kỳ "nền đỏ tươi, ngôi sao vàng tươi".
FLAG_RED = "#da251d"
STAR_YELLOW = "#ffff00"
BACKDROP = "#fbf3e1"
OUTLINE = "#4a4a4a"
TITLE_RED = "#b3161a"
ISSUER_BLUE = "#173f7a"
INK = "#1d2430"
PLINTH = "#cdbb9f"
BRONZE = "#8a6a3b"
LED = "#1f2a3a"
LEAF = "#2e7d32"
POT = "#8d5a3b"
PANO = "#e4ecf7"
DIM = "#555555"
LABEL_BOX = "#fffdf7"

ROLE_COLOURS = {"issuer": ISSUER_BLUE, "heading": TITLE_RED, "title": TITLE_RED, "date": INK}


# --------------------------------------------------------------------------- measuring


@functools.cache
def _cap_ratio(face: str) -> float:
    """Cap height of a face as a share of its size (0,655 for Liberation Serif)."""
    register_fonts()
    cap = getattr(pdfmetrics.getFont(face).face, "capHeight", 0) or 662
    return cap / 1000.0


def face_for(style: TextStyle) -> str:
    return register_fonts().face(bold=style.bold, italic=style.italic)


def font_size_for_cap(cap_height: float, style: TextStyle) -> float:
    """The font size (same unit as `cap_height`) whose capitals are `cap_height` tall."""
    return cap_height / _cap_ratio(face_for(style))


def measure_text(text: str, style: TextStyle, cap_height: float) -> float:
    """Printed width of `text` in the registered serif with capitals `cap_height` tall.

    Given to logic.py's layout so that lines are broken for the font that will print them.
    """
    face = face_for(style)
    return stringWidth(vn.nfc(text), face, 1000.0) / 1000.0 * (cap_height / _cap_ratio(face))


# The title box on the page keeps one printed line per line (no soft wrap), so a long line
# used to run past the box's edge and read cut ("…KHEN THƯỞNG NĂ", issue 15). The page scales
# the box's letters instead: the class fit-N says the longest line is at most N em wide in the
# serif the box uses, and static/css/decor.css sizes the font to (box width) / N.
FIT_MIN_EM, FIT_MAX_EM, FIT_STEP_EM = 16, 64, 2


def line_width_em(text: str) -> float:
    """Width of one line in em of the regular serif (Times New Roman's metrics)."""
    return stringWidth(vn.nfc(text), register_fonts().regular, 1.0)


def fit_class(text: str | None) -> str:
    """ "fit-28": the smallest step N (em) that holds the longest line of `text`."""
    widest = max((line_width_em(line) for line in (text or "").splitlines()), default=0.0)
    steps = -(-max(widest, FIT_MIN_EM) // FIT_STEP_EM)  # round up to the step
    return f"fit-{int(min(steps * FIT_STEP_EM, FIT_MAX_EM))}"


# --------------------------------------------------------------------------- shapes


@dataclass
class Shape:
    kind: str  # rect | polygon | ellipse | line | text
    points: list[tuple[float, float]] = field(default_factory=list)
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0  # stroke width, m
    dash: bool = False
    text: str = ""
    size: float = 0.0  # font size, m
    face: str = "regular"  # regular | bold | italic
    anchor: str = "middle"  # start | middle | end
    rotate: float = 0.0  # degrees, counter-clockwise, about the text's anchor point
    box: str | None = None  # a text's background colour, so a label stays readable
    css: str = ""  # class on the page
    label: str = ""  # what the shape is, for tests and for screen readers


_FACE_STYLE = {
    "regular": TextStyle(bold=False),
    "bold": TextStyle(bold=True),
    "italic": TextStyle(bold=False, italic=True),
}


def text_box(shape: Shape) -> Rect:
    """The rectangle (m) a text label covers, for its background box."""
    x, y = shape.points[0]
    style = _FACE_STYLE[shape.face]
    face = face_for(style)
    width = stringWidth(vn.nfc(shape.text), face, 1000.0) / 1000.0 * shape.size
    left = {"start": x, "middle": x - width / 2, "end": x - width}[shape.anchor]
    pad = shape.size * 0.15
    return Rect(left - pad, y - shape.size * 0.28, width + 2 * pad, shape.size * 1.12)


def _overlaps(box: Rect, others: list[Rect]) -> bool:
    return any(
        box.x < o.right and o.x < box.right and box.y < o.top and o.y < box.top for o in others
    )


def _obstacles(plan: BackdropPlan) -> list[Rect]:
    """What a label must not cover: the title's lines, the LED screen, the plants, the flag."""
    rects = [plan.flag]
    for line in plan.title.lines:
        left = line.x_center - line.width / 2
        rects.append(
            Rect(left, line.baseline - 0.3 * line.cap_height, line.width, 1.6 * line.cap_height)
        )
    rects += [r for r in (plan.led, plan.flowers) if r is not None]
    rects.append(Rect(plan.width, 0, 1e6, plan.height))  # beyond the backdrop's right edge
    return rects


def _rect(r: Rect, **kw) -> Shape:
    return Shape("rect", [(r.x, r.y), (r.right, r.top)], **kw)


def _text(text: str, x: float, y: float, size: float, **kw) -> Shape:
    # NFC, and without the control characters neither XML (SVG) nor a PDF string can hold
    return Shape("text", [(x, y)], text=clean(text), size=size, **kw)


def star_points(cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    """A regular five-pointed star, one point straight up (the flag's star)."""
    import math

    inner = radius * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for i in range(10):
        angle = math.radians(90 + 36 * i)
        r = radius if i % 2 == 0 else inner
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def metres(value: float) -> str:
    """'12,0 m' (decimal comma, Luật Kế toán 2015, Điều 11)."""
    return f"{vn.format_decimal(value, 1)} m"


def centimetres(value_m: float) -> str:
    return f"{round(value_m * 100)} cm"


def label_size(plan: BackdropPlan) -> float:
    """Font size (m) of the labels: a share of the picture, so they read the same at any size."""
    return 0.016 * max(plan.extent.w, 2.4 * plan.height)


def backdrop_shapes(plan: BackdropPlan) -> list[Shape]:
    """Every shape of the drawing, back to front, with the dimension lines."""
    s: list[Shape] = []
    w, h = plan.width, plan.height
    small = label_size(plan)
    line = small * 0.08
    # the wings and their pano, outside the backdrop
    for index, wing in enumerate(plan.wings):
        side = "trái" if index == 0 else "phải"
        s.append(
            _rect(wing, fill="#f4f4f4", stroke=DIM, width=line, dash=True, label="cánh gà " + side)
        )
        if index < len(plan.panos):
            pano = plan.panos[index]
            s.append(
                _rect(pano, fill=PANO, stroke=ISSUER_BLUE, width=line, label="Pano", css="pano")
            )
            s.append(_text("Pano", pano.cx, pano.cy + small * 0.4, small, face="bold", fill=INK))
            where = f"cánh gà {side}"
            s.append(_text(where, pano.cx, pano.cy - small * 0.9, small * 0.8, fill=INK))
    # the backdrop
    s.append(
        _rect(plan.backdrop, fill=BACKDROP, stroke=OUTLINE, width=line * 2, label="Phông sân khấu")
    )
    # the flag and its star
    s.append(_rect(plan.flag, fill=FLAG_RED, label="Quốc kỳ", css="flag"))
    cx, cy = plan.star_center
    s.append(Shape("polygon", star_points(cx, cy, plan.star_radius), fill=STAR_YELLOW, label="sao"))
    # the LED screen
    if plan.led:
        led = plan.led
        s.append(_rect(led, fill=LED, label="Màn hình LED", css="led"))
        s.append(
            _text("Màn hình LED", led.cx, led.cy + small * 0.2, small, face="bold", fill="#ffffff")
        )
        size = f"{vn.format_decimal(led.w, 1)} × {metres(led.h)}"
        s.append(_text(size, led.cx, led.cy - small * 1.1, small * 0.85, fill="#dde3ea"))
    # the title block
    for text_line in plan.title.lines:
        style = text_line.style
        face = "italic" if style.italic else ("bold" if style.bold else "regular")
        s.append(
            _text(
                text_line.text,
                text_line.x_center,
                text_line.baseline,
                font_size_for_cap(text_line.cap_height, text_line.style),
                face=face,
                fill=ROLE_COLOURS[text_line.role],
                label="tiêu đề",
                css="title-line",
            )
        )
    # the row of plants along the bottom, in front of the backdrop
    if plan.flowers:
        pot_h = plan.flowers.h * 0.45
        for x in plan.pots:
            leaf_r = min(plan.flowers.h * 0.32, (plan.pots[1] - plan.pots[0]) * 0.45)
            pot_w = leaf_r * 1.2
            s.append(
                Shape(
                    "polygon",
                    [
                        (x - pot_w / 2, pot_h),
                        (x + pot_w / 2, pot_h),
                        (x + pot_w * 0.35, 0.0),
                        (x - pot_w * 0.35, 0.0),
                    ],
                    fill=POT,
                    label="chậu cây",
                )
            )
            s.append(
                Shape(
                    "ellipse",
                    [(x - leaf_r, pot_h), (x + leaf_r, pot_h + 1.6 * leaf_r)],
                    fill=LEAF,
                    label="cây cảnh",
                )
            )
    # the plinth and the bust, in front of the backdrop, below the star
    if plan.plinth and plan.statue:
        p, b = plan.plinth, plan.statue
        s.append(_rect(p, fill=PLINTH, stroke=BRONZE, width=line, label="Bục tượng", css="statue"))
        head_r = b.w * 0.3
        shoulders = [
            (b.x, b.y),
            (b.right, b.y),
            (b.right - b.w * 0.08, b.y + b.h * 0.38),
            (b.cx + b.w * 0.18, b.y + b.h * 0.5),
            (b.cx - b.w * 0.18, b.y + b.h * 0.5),
            (b.x + b.w * 0.08, b.y + b.h * 0.38),
        ]
        s.append(Shape("polygon", shoulders, fill=BRONZE, label="Tượng Bác Hồ", css="statue"))
        s.append(
            Shape(
                "ellipse",
                [(b.cx - head_r, b.y + b.h * 0.45), (b.cx + head_r, b.top)],
                fill=BRONZE,
                label="Tượng Bác Hồ",
                css="statue",
            )
        )
        # the label beside the plinth, well below the flag; on a light box in case the row of
        # plants comes close on a narrow backdrop
        x_label = p.right + small * 0.4
        y_label = min(p.top - small * 1.2, p.cy + small)
        labels = [
            _text(
                "Tượng Bác Hồ",
                x_label,
                y_label,
                small,
                face="bold",
                anchor="start",
                fill=INK,
                box=LABEL_BOX,
            )
        ]
        for offset, words in ((1.15, "trên bục cao,"), (2.2, "dưới ngôi sao")):
            y = y_label - small * offset
            labels.append(
                _text(words, x_label, y, small * 0.85, anchor="start", fill=INK, box=LABEL_BOX)
            )
        # on a narrow backdrop the label would cover the title or the plants: the legend says it
        if not any(_overlaps(text_box(label), _obstacles(plan)) for label in labels):
            s.extend(labels)
    # dimensions: the width under the picture, the height at its left
    extent = plan.extent
    y_dim = -small * 2.2
    tick = small * 0.5
    s.append(Shape("line", [(0, y_dim), (w, y_dim)], stroke=DIM, width=line))
    for x in (0, w):
        s.append(Shape("line", [(x, y_dim - tick), (x, y_dim + tick)], stroke=DIM, width=line))
    s.append(_text(metres(w), w / 2, y_dim + small * 0.35, small, face="bold", fill=INK))
    x_dim = extent.x - small * 1.6
    s.append(Shape("line", [(x_dim, 0), (x_dim, h)], stroke=DIM, width=line))
    for y in (0, h):
        s.append(Shape("line", [(x_dim - tick, y), (x_dim + tick, y)], stroke=DIM, width=line))
    s.append(_text(metres(h), x_dim - small * 0.35, h / 2, small, face="bold", fill=INK, rotate=90))
    # which way is left: the audience's view
    y_view = y_dim - small * 2.0
    s.append(_text("← Trái", 0, y_view, small * 0.9, anchor="start", fill=DIM))
    s.append(_text("Phải →", w, y_view, small * 0.9, anchor="end", fill=DIM))
    s.append(
        _text(
            "nhìn từ phía đại biểu lên sân khấu",
            w / 2,
            y_view,
            small * 0.9,
            face="italic",
            fill=DIM,
        )
    )
    return s


def picture_bounds(plan: BackdropPlan) -> Rect:
    """The area the shapes cover, dimension lines included (m)."""
    small = label_size(plan)
    extent = plan.extent
    left = extent.x - small * 3.0
    bottom = -small * 5.0
    right = extent.right + small * 0.8
    if plan.statue and not plan.wings:
        right = max(right, plan.statue.right)
    top = plan.height + small * 0.8
    return Rect(left, bottom, right - left, top - bottom)


def legend_rows(plan: BackdropPlan) -> list[tuple[str, str, str]]:
    """(colour, name, what to check) for the legend of the page and the PDF."""
    rows = [
        (
            FLAG_RED,
            "Quốc kỳ",
            f"{vn.format_decimal(plan.flag.w, 1)} × {metres(plan.flag.h)}, tỷ lệ 3:2, sao vàng "
            "năm cánh ở giữa; treo phía trái sân khấu nhìn từ phía dưới lên",
        )
    ]
    if plan.statue:
        rows.append(
            (
                BRONZE,
                "Tượng Bác Hồ",
                "đặt trên bục cao, dưới ngôi sao của Quốc kỳ",
            )
        )
    if plan.led:
        rows.append(
            (LED, "Màn hình LED", f"{vn.format_decimal(plan.led.w, 1)} × {metres(plan.led.h)}")
        )
    caps = plan.title.cap_heights()
    if caps:
        heights = "; ".join(f"{ROLE_LABELS[role]} {centimetres(cap)}" for role, cap in caps.items())
        rows.append((TITLE_RED, "Tiêu đề", f"chiều cao chữ in hoa: {heights}"))
    if plan.panos:
        rows.append((PANO, "Pano", f"{len(plan.panos)} tấm ở 2 cánh gà, phía trên sân khấu"))
    if plan.flowers:
        rows.append((LEAF, "Cây cảnh, hoa", "một hàng đặt phía trước, dưới tiêu đề"))
    return rows


# --------------------------------------------------------------------------- SVG

_SVG_FONT = "'Times New Roman', 'Liberation Serif', Tinos, serif"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def backdrop_svg(plan: BackdropPlan, *, title: str = "Phác thảo phông sân khấu") -> Markup:
    """The drawing as inline SVG (units: centimetres), for the page."""
    bounds = picture_bounds(plan)

    def px(x: float) -> str:
        return _fmt(round(x * 100, 1))

    def py(y: float) -> str:
        return _fmt(round((plan.height - y) * 100, 1))

    view = (
        f"{px(bounds.x)} {_fmt(round((plan.height - bounds.top) * 100, 1))} "
        f"{_fmt(round(bounds.w * 100, 1))} {_fmt(round(bounds.h * 100, 1))}"
    )
    description = (
        f"Phông {metres(plan.width)} × {metres(plan.height)}. Quốc kỳ ở bên trái (nhìn từ "
        "phía đại biểu), tượng Bác Hồ trên bục dưới ngôi sao; tiêu đề: "
        + " / ".join(line.text for line in plan.title.lines)
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" class="backdrop-svg" '
        f'role="img" aria-labelledby="backdrop-svg-title backdrop-svg-desc" '
        f'font-family="{_SVG_FONT}">',
        f'<title id="backdrop-svg-title">{xml_escape(title)}</title>',
        f'<desc id="backdrop-svg-desc">{xml_escape(description)}</desc>',
    ]
    for shape in backdrop_shapes(plan):
        attrs = []
        if shape.css:
            attrs.append(f'class="{shape.css}"')
        if shape.kind != "text" and shape.label:
            attrs.append(f'data-label="{xml_escape(shape.label)}"')
        paint = f'fill="{shape.fill or "none"}"'
        if shape.stroke:
            paint += f' stroke="{shape.stroke}" stroke-width="{_fmt(round(shape.width * 100, 2))}"'
            if shape.dash:
                paint += ' stroke-dasharray="12 8"'
        extra = " ".join(attrs)
        if shape.kind == "rect":
            (x0, y0), (x1, y1) = shape.points
            out.append(
                f'<rect x="{px(x0)}" y="{py(y1)}" width="{_fmt(round((x1 - x0) * 100, 1))}" '
                f'height="{_fmt(round((y1 - y0) * 100, 1))}" {paint} {extra}/>'
            )
        elif shape.kind == "polygon":
            points = " ".join(f"{px(x)},{py(y)}" for x, y in shape.points)
            out.append(f'<polygon points="{points}" {paint} {extra}/>')
        elif shape.kind == "ellipse":
            (x0, y0), (x1, y1) = shape.points
            out.append(
                f'<ellipse cx="{px((x0 + x1) / 2)}" cy="{py((y0 + y1) / 2)}" '
                f'rx="{_fmt(round((x1 - x0) * 50, 1))}" ry="{_fmt(round((y1 - y0) * 50, 1))}" '
                f"{paint} {extra}/>"
            )
        elif shape.kind == "line":
            (x0, y0), (x1, y1) = shape.points
            out.append(
                f'<line x1="{px(x0)}" y1="{py(y0)}" x2="{px(x1)}" y2="{py(y1)}" '
                f'stroke="{shape.stroke}" stroke-width="{_fmt(round(shape.width * 100, 2))}"/>'
            )
        elif shape.kind == "text":
            (x, y) = shape.points[0]
            if shape.box:
                box = text_box(shape)
                w_cm, h_cm = _fmt(round(box.w * 100, 1)), _fmt(round(box.h * 100, 1))
                size = f'width="{w_cm}" height="{h_cm}"'
                out.append(f'<rect x="{px(box.x)}" y="{py(box.top)}" {size} fill="{shape.box}"/>')
            anchor = {"start": "start", "middle": "middle", "end": "end"}[shape.anchor]
            weight = ' font-weight="bold"' if shape.face == "bold" else ""
            style = ' font-style="italic"' if shape.face == "italic" else ""
            rotate = (
                f' transform="rotate({_fmt(-shape.rotate)} {px(x)} {py(y)})"'
                if shape.rotate
                else ""
            )
            out.append(
                f'<text x="{px(x)}" y="{py(y)}" font-size="{_fmt(round(shape.size * 100, 1))}" '
                f'text-anchor="{anchor}" fill="{shape.fill or INK}"{weight}{style}{rotate} '
                f"{extra}>{xml_escape(shape.text)}</text>"
            )
    out.append("</svg>")
    return Markup("\n".join(out))


# --------------------------------------------------------------------------- PDF


def draw_shapes(canvas, shapes: list[Shape], *, origin: tuple[float, float], scale: float) -> None:
    """Draw shapes on a ReportLab canvas: metre (0, 0) at `origin` (pt), `scale` pt per metre."""
    from reportlab.lib.colors import HexColor

    fonts = register_fonts()
    faces = {"regular": fonts.regular, "bold": fonts.bold, "italic": fonts.italic}
    ox, oy = origin

    def pt(x: float, y: float) -> tuple[float, float]:
        return ox + x * scale, oy + y * scale

    for shape in shapes:
        canvas.saveState()
        if shape.fill:
            canvas.setFillColor(HexColor(shape.fill))
        if shape.stroke:
            canvas.setStrokeColor(HexColor(shape.stroke))
            canvas.setLineWidth(max(shape.width * scale, 0.3))
            if shape.dash:
                canvas.setDash(4, 3)
        fill, stroke = int(shape.fill is not None), int(shape.stroke is not None)
        if shape.kind == "rect":
            (x0, y0), (x1, y1) = shape.points
            x, y = pt(x0, y0)
            canvas.rect(x, y, (x1 - x0) * scale, (y1 - y0) * scale, fill=fill, stroke=stroke)
        elif shape.kind == "polygon":
            path = canvas.beginPath()
            first, *rest = shape.points
            path.moveTo(*pt(*first))
            for point in rest:
                path.lineTo(*pt(*point))
            path.close()
            canvas.drawPath(path, fill=fill, stroke=stroke)
        elif shape.kind == "ellipse":
            (x0, y0), (x1, y1) = shape.points
            canvas.ellipse(*pt(x0, y0), *pt(x1, y1), fill=fill, stroke=stroke)
        elif shape.kind == "line":
            (x0, y0), (x1, y1) = shape.points
            canvas.line(*pt(x0, y0), *pt(x1, y1))
        elif shape.kind == "text":
            if shape.box:
                box = text_box(shape)
                canvas.setFillColor(HexColor(shape.box))
                canvas.rect(*pt(box.x, box.y), box.w * scale, box.h * scale, fill=1, stroke=0)
                canvas.setFillColor(HexColor(shape.fill or INK))
            x, y = pt(*shape.points[0])
            canvas.setFont(faces[shape.face], shape.size * scale)
            canvas.translate(x, y)
            if shape.rotate:
                canvas.rotate(shape.rotate)
            text = vn.nfc(shape.text)
            if shape.anchor == "middle":
                canvas.drawCentredString(0, 0, text)
            elif shape.anchor == "end":
                canvas.drawRightString(0, 0, text)
            else:
                canvas.drawString(0, 0, text)
        canvas.restoreState()
