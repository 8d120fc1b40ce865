"""In phôi (issue 20, part 1): names printed onto pre-printed certificates (pure: no Flask, no
database session). docs/awards.md, "In phôi".

- A **layout** per award form: the paper (A4/A3), the orientation and a box per field, in
  millimetres from the paper's top-left corner (x, y, width, height), with its size, bold,
  italic and alignment. The shipped layouts (presets/certificate_layouts.toml) are typical
  positions: the office measures its own blank form.
- ``fit``: a text too long for its box shrinks (0,5 pt a step) down to a floor (70 % of its
  size), then wraps at the floor inside the box; only if the wrapped lines still overflow the
  box does it go smaller. Nothing is ever cut: every width is measured with ReportLab's
  ``stringWidth`` in the face that prints it.
- ``certificates_pdf``: one certificate per page, only the fields (nothing of the blank: no
  frame, no motto), shifted by the printer's offset.
- ``calibration_pdf``: a millimetre grid with crosses at known positions, their coordinates
  printed beside them, to measure a printer's offset.
- ``preview_svg``: the layout's boxes and sample texts over a schematic blank form (drawn here:
  a border, the national motto, an emblem circle) or the office's own scan.
"""

from __future__ import annotations

import functools
import importlib.resources
import io
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from html import escape

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .. import glyphs, vn
from ..printing import register_fonts

MM = 72 / 25.4  # points in a millimetre
# Paper sizes in millimetres, portrait (ISO 216).
PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
ORIENTATIONS = {"landscape": "Ngang", "portrait": "Dọc"}
ALIGNS = {"left": "Trái", "center": "Giữa", "right": "Phải"}

# The fields a certificate carries, in the order of the layout page.
FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Tên tập thể / Họ và tên"),
    ("job_title", "Chức vụ"),
    ("unit", "Đơn vị"),
    ("achievement", "Thành tích"),
    ("decision_number", "Số quyết định"),
    ("decision_date", "Ngày quyết định"),
    ("place_date", "Địa danh, ngày tháng năm"),
    ("signer_title", "Chức vụ người ký"),
    ("signer", "Họ tên người ký"),
)
FIELD_LABELS = dict(FIELDS)
# Texts every certificate of a form shares, kept with its layout.
TEXTS: tuple[tuple[str, str, int], ...] = (
    ("achievement", "Thành tích (in trên mọi tờ của hình thức này)", 500),
    ("place", "Địa danh", 100),
    ("signer_title", "Chức vụ người ký", 100),
    ("signer_name", "Họ tên người ký", 100),
)
DEFAULT_CODE = "mac_dinh"

LEADING = 1.2  # line height / font size
FLOOR_SHARE = 0.7  # a text shrinks to 70 % of its size before it wraps
MIN_SIZE = 5.0  # below the floor only when the wrapped text would overflow its box
SIZE_RANGE = (6.0, 72.0)
MIN_BOX = (5.0, 3.0)  # width, height in mm
OFFSET_LIMIT_MM = 50.0


@dataclass(frozen=True)
class Box:
    """One field's box, millimetres from the paper's top-left corner; size in points."""

    x: float
    y: float
    width: float
    height: float
    size: float = 14.0
    bold: bool = False
    italic: bool = False
    align: str = "center"
    enabled: bool = True

    def to_dict(self) -> dict:
        return {
            "x": self.x,
            "y": self.y,
            "width": self.width,
            "height": self.height,
            "size": self.size,
            "bold": self.bold,
            "italic": self.italic,
            "align": self.align,
            "enabled": self.enabled,
        }

    def shifted(self, dx: float, dy: float) -> Box:
        return replace(self, x=self.x + dx, y=self.y + dy)


@dataclass
class Layout:
    code: str
    name: str
    paper: str
    orientation: str
    fields: dict[str, Box]
    texts: dict[str, str] = field(default_factory=dict)
    source: str = "shipped"  # "shipped" (the file's own), "default" (mac_dinh), "saved"
    version: int = 0

    @property
    def page_mm(self) -> tuple[float, float]:
        width, height = PAPERS[self.paper]
        return (height, width) if self.orientation == "landscape" else (width, height)

    @property
    def paper_text(self) -> str:
        return f"{self.paper} {ORIENTATIONS[self.orientation].lower()}"

    def to_dict(self) -> dict:
        """As the conference file and the database keep it."""
        return {
            "form": self.code,
            "paper": self.paper,
            "orientation": self.orientation,
            "fields": {key: box.to_dict() for key, box in self.fields.items()},
            "texts": dict(self.texts),
        }


# --------------------------------------------------------------------------- the shipped layouts


@functools.cache
def _shipped() -> dict[str, dict]:
    text = importlib.resources.files("kehoach_app.presets").joinpath("certificate_layouts.toml")
    data = tomllib.loads(vn.nfc(text.read_text("utf-8")))
    return {entry["code"]: entry for entry in data["layout"]}


def shipped_codes() -> list[str]:
    return [code for code in _shipped() if code != DEFAULT_CODE]


def shipped_layout(code: str, form_name: str = "", year_reviewed: int | None = None) -> Layout:
    """The file's layout for the form `code`, else the common one (source "default")."""
    entries = _shipped()
    entry = entries.get(code) or entries[DEFAULT_CODE]
    layout, errors = check_layout(
        {
            "paper": entry["paper"],
            "orientation": entry["orientation"],
            "fields": entry["fields"],
            "texts": entry.get("texts", {}),
        }
    )
    if layout is None:  # the shipped file is tested: a broken one is a programming error
        raise ValueError("; ".join(errors))
    texts = dict(layout.texts)
    year = str(year_reviewed) if year_reviewed else "…"
    texts["achievement"] = texts.get("achievement", "").replace("{year_reviewed}", year)
    return replace(
        layout,
        code=code,
        name=form_name or entry["name"],
        texts=texts,
        source="shipped" if code in entries else "default",
    )


# --------------------------------------------------------------------------- checking a layout

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_mm(text: object) -> float | None:
    """ "35", "35,5" or "35.5" → 35.5; None when not a number."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        value = float(text)
        return value if math.isfinite(value) else None
    text = vn.clean_text(str(text or ""))
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def mm_text(value: float) -> str:
    """35.5 → "35,5"; 35.0 → "35" (as an officer types it)."""
    return vn.format_decimal(round(value, 1)) if value != int(value) else str(int(value))


def _flag(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "on", "yes", "co", "có")
    return bool(value)


def check_layout(data: Mapping, prefix: str = "") -> tuple[Layout | None, list[str]]:
    """A layout from plain data (the page's form, the conference file, the shipped file):
    (layout, []) or (None, every problem in Vietnamese, naming the field and the value)."""
    errors: list[str] = []
    paper = str(data.get("paper") or "")
    orientation = str(data.get("orientation") or "")
    if paper not in PAPERS:
        errors.append(f"{prefix}Khổ giấy phải là A4 hoặc A3.")
    if orientation not in ORIENTATIONS:
        errors.append(f"{prefix}Hướng giấy phải là ngang hoặc dọc.")
    raw_fields = data.get("fields") or {}
    if not isinstance(raw_fields, Mapping):
        return None, [*errors, f"{prefix}Danh sách ô không đúng dạng."]
    unknown = [key for key in raw_fields if key not in FIELD_LABELS]
    if unknown:
        errors.append(f"{prefix}Ô không có trong phôi: {', '.join(map(str, unknown))}.")
    page = None
    if paper in PAPERS and orientation in ORIENTATIONS:
        width, height = PAPERS[paper]
        page = (height, width) if orientation == "landscape" else (width, height)
    boxes: dict[str, Box] = {}
    for key, label in FIELDS:
        raw = raw_fields.get(key)
        if raw is None:
            continue
        if not isinstance(raw, Mapping):
            errors.append(f"{prefix}{label}: ô không đúng dạng.")
            continue
        where = f"{prefix}{label}"
        numbers = {}
        for name, title in (
            ("x", "Cách mép trái (x)"),
            ("y", "Cách mép trên (y)"),
            ("width", "Rộng"),
            ("height", "Cao"),
            ("size", "Cỡ chữ"),
        ):
            value = parse_mm(raw.get(name))
            if value is None:
                errors.append(
                    f"{where}: {title} phải là một số"
                    + (" mi-li-mét" if name != "size" else " (pt)")
                    + f", ví dụ 35 hoặc 35,5 — đã nhập “{vn.clean_text(str(raw.get(name) or ''))}”."
                )
            numbers[name] = value
        align = str(raw.get("align") or "center")
        if align not in ALIGNS:
            errors.append(f"{where}: Căn lề phải là trái, giữa hoặc phải.")
        if any(v is None for v in numbers.values()):
            continue
        x, y, w, h, size = (round(numbers[n], 1) for n in ("x", "y", "width", "height", "size"))
        bad = False
        if x < 0 or y < 0:
            errors.append(f"{where}: x và y không được âm (tính từ mép trái, mép trên tờ giấy).")
            bad = True
        if w < MIN_BOX[0] or h < MIN_BOX[1]:
            errors.append(
                f"{where}: ô phải rộng ít nhất {mm_text(MIN_BOX[0])} mm và cao ít nhất "
                f"{mm_text(MIN_BOX[1])} mm."
            )
            bad = True
        if not SIZE_RANGE[0] <= size <= SIZE_RANGE[1]:
            errors.append(
                f"{where}: Cỡ chữ phải từ {mm_text(SIZE_RANGE[0])} đến {mm_text(SIZE_RANGE[1])} pt."
            )
            bad = True
        if page is not None and not bad:
            if x + w > page[0] + 1e-6:
                errors.append(
                    f"{where}: ô vượt mép phải của giấy (x + rộng = {mm_text(x + w)} mm, "
                    f"giấy {paper} {ORIENTATIONS[orientation].lower()} rộng {mm_text(page[0])} mm)."
                )
            if y + h > page[1] + 1e-6:
                errors.append(
                    f"{where}: ô vượt mép dưới của giấy (y + cao = {mm_text(y + h)} mm, "
                    f"giấy {paper} {ORIENTATIONS[orientation].lower()} cao {mm_text(page[1])} mm)."
                )
        boxes[key] = Box(
            x,
            y,
            w,
            h,
            size,
            _flag(raw.get("bold")),
            _flag(raw.get("italic")),
            align if align in ALIGNS else "center",
            _flag(raw.get("enabled", True)),
        )
    raw_texts = data.get("texts") or {}
    texts: dict[str, str] = {}
    if not isinstance(raw_texts, Mapping):
        errors.append(f"{prefix}Nội dung chung không đúng dạng.")
        raw_texts = {}
    for key, label, limit in TEXTS:
        value = raw_texts.get(key, "")
        if not isinstance(value, str):
            errors.append(f"{prefix}{label}: phải là chữ.")
            continue
        value = vn.clean_text(value)
        if key != "achievement":  # one line on the form: a pasted U+2028 / line break is a space
            value = " ".join(value.split())
        if len(value) > limit:
            errors.append(f"{prefix}{label}: tối đa {limit} ký tự (đã nhập {len(value)}).")
        missing = glyphs.undrawable(value)
        if missing:  # the project's one rule: what cannot be printed is refused, named
            errors.append(f"{prefix}{label}: {glyphs.message(missing)}")
        texts[key] = value
    if "name" not in boxes and not any("Tên tập thể" in e for e in errors):
        errors.append(f"{prefix}Bố cục phải có ô {FIELD_LABELS['name']}.")
    elif "name" in boxes and not boxes["name"].enabled:
        # a certificate without its recipient's name is a blank form printed for nothing
        errors.append(f"{prefix}Ô {FIELD_LABELS['name']} phải được in: đánh dấu “In” cho ô này.")
    if errors:
        return None, errors
    return Layout("", "", paper, orientation, boxes, texts), []


def layout_from_form(form: Mapping[str, str], base: Layout) -> tuple[Layout | None, list[str]]:
    """The layout page's form: `<field>-x`, `-y`, `-width`, `-height`, `-size`, `-align`, and the
    ticks `-bold`, `-italic`, `-enabled` (absent = not ticked), the paper, the orientation and
    the shared texts."""
    fields = {}
    for key, _ in FIELDS:
        fields[key] = {
            name: form.get(f"{key}-{name}", "")
            for name in ("x", "y", "width", "height", "size", "align")
        }
        for flag in ("bold", "italic", "enabled"):
            fields[key][flag] = bool(form.get(f"{key}-{flag}"))
    layout, errors = check_layout(
        {
            "paper": form.get("paper", ""),
            "orientation": form.get("orientation", ""),
            "fields": fields,
            "texts": {key: form.get(key, "") for key, _, _ in TEXTS},
        }
    )
    if layout is None:
        return None, errors
    return replace(layout, code=base.code, name=base.name, source="saved"), []


def parse_offset(text: object, label: str) -> tuple[int | None, str]:
    """A printer's offset as typed ("-1,5") → tenths of a millimetre, or a message."""
    value = parse_mm(text)
    if value is None:
        return None, f"{label} phải là một số mi-li-mét, ví dụ 2 hoặc -1,5."
    if abs(value) > OFFSET_LIMIT_MM:
        return None, f"{label} phải trong khoảng từ -50 đến 50 mm."
    return round(value * 10), ""


# --------------------------------------------------------------------------- the texts


@dataclass(frozen=True)
class Sheet:
    """One certificate to print: its layout and the text of each field."""

    layout: Layout
    values: dict[str, str]


def certificate_values(recipient, layout: Layout) -> dict[str, str]:
    """What each field of `recipient`'s certificate says (logic.Recipient)."""
    individual = recipient.kind == "individual"
    day = recipient.decision_date
    place = layout.texts.get("place", "")
    return {
        "name": recipient.name,
        "job_title": recipient.job_title if individual else "",
        "unit": recipient.unit,
        "achievement": layout.texts.get("achievement", ""),
        "decision_number": recipient.decision_number,
        "decision_date": vn.format_date_short(day) if day else "",
        # a decision not yet dated leaves the day and month blank for the hand (vn.date_line)
        "place_date": vn.date_line(place, day, day.year if day else None) if place else "",
        "signer_title": layout.texts.get("signer_title", ""),
        "signer": layout.texts.get("signer_name", ""),
    }


SAMPLE = {
    "name": "Nguyễn Thị Hồng Nhung",
    "job_title": "Chuyên viên",
    "unit": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "decision_number": "125/QĐ-UBND",
}


# --------------------------------------------------------------------------- fitting a text


@dataclass(frozen=True)
class Fitted:
    font: str
    size: float
    lines: list[str]


def _face(box: Box) -> str:
    return register_fonts().face(box.bold, box.italic)


def _wrap(text: str, font: str, size: float, width: float) -> list[str] | None:
    """Greedy wrap at spaces; None when one word alone is wider than the box."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if stringWidth(word, font, size) > width:
            return None
        trial = f"{line} {word}" if line else word
        if line and stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _break_word(text: str, font: str, size: float, width: float) -> list[str]:
    """Last resort at the smallest size: break between letters (a 60-letter word in a 5 mm box)."""
    lines: list[str] = []
    line = ""
    for char in text:
        if line and stringWidth(line + char, font, size) > width:
            lines.append(line.strip())
            line = char.lstrip()
        else:
            line += char
    if line.strip():
        lines.append(line.strip())
    return lines


def _sizes(start: float, stop: float) -> Iterable[float]:
    size = start
    while size >= stop - 1e-9:
        yield round(size, 1)
        size -= 0.5


def floor_size(size: float) -> float:
    return max(MIN_SIZE, math.floor(size * FLOOR_SHARE * 2) / 2)


def fit(text: str, box: Box) -> Fitted:
    """The size and lines `text` prints at in `box`: one line, shrinking to the floor; then
    wrapped at the floor, shrinking further only while the lines overflow the box's height."""
    font = _face(box)
    text = " ".join(vn.clean_text(text).split())
    width, height = box.width * MM, box.height * MM
    if not text:
        return Fitted(font, box.size, [])
    floor = floor_size(box.size)
    for size in _sizes(box.size, floor):
        if stringWidth(text, font, size) <= width and size * LEADING <= height + 0.01:
            return Fitted(font, size, [text])
    for size in _sizes(floor, MIN_SIZE):
        lines = _wrap(text, font, size, width)
        if lines is not None and len(lines) * size * LEADING <= height + 0.01:
            return Fitted(font, size, lines)
    return Fitted(font, MIN_SIZE, _break_word(text, font, MIN_SIZE, width))


def line_positions(fitted: Fitted, box: Box) -> list[tuple[float, float, str]]:
    """(x of the line's anchor, baseline, line) in millimetres from the top-left corner: the
    block of lines is centred in the box's height; each line sits in a slot of LEADING × size,
    its baseline 0,9 × size below the slot's top (the glyphs, accents included, stay in it)."""
    size_mm = fitted.size / MM
    block = len(fitted.lines) * size_mm * LEADING
    top = box.y + (box.height - block) / 2
    if box.align == "left":
        x = box.x
    elif box.align == "right":
        x = box.x + box.width
    else:
        x = box.x + box.width / 2
    return [
        (x, top + i * size_mm * LEADING + 0.9 * size_mm, line)
        for i, line in enumerate(fitted.lines)
    ]


# --------------------------------------------------------------------------- the PDFs


def _canvas(buffer, page_mm: tuple[float, float], title: str) -> Canvas:
    fonts = register_fonts()
    # initialFontName: an embedded face from the first page's preamble on (a print shop's
    # preflight refuses a PDF naming a font it does not embed — issue 15).
    canvas = Canvas(
        buffer,
        pagesize=(page_mm[0] * MM, page_mm[1] * MM),
        pageCompression=1,
        initialFontName=fonts.regular,
        lang="vi-VN",
    )
    canvas.setTitle(title)
    canvas.setCreator("Kế hoạch Hội nghị")
    return canvas


def draw_sheet(canvas: Canvas, sheet: Sheet, dx: float, dy: float) -> None:
    page_w, page_h = sheet.layout.page_mm
    canvas.setPageSize((page_w * MM, page_h * MM))
    canvas.setFillColorRGB(0, 0, 0)
    for key, _ in FIELDS:
        box = sheet.layout.fields.get(key)
        text = sheet.values.get(key, "")
        if box is None or not box.enabled or not text:
            continue
        box = box.shifted(dx, dy)
        fitted = fit(text, box)
        canvas.setFont(fitted.font, fitted.size)
        for x, baseline, line in line_positions(fitted, box):
            px, py = x * MM, (page_h - baseline) * MM
            if box.align == "left":
                canvas.drawString(px, py, line)
            elif box.align == "right":
                canvas.drawRightString(px, py, line)
            else:
                canvas.drawCentredString(px, py, line)
    canvas.showPage()


def certificates_pdf(sheets: list[Sheet], title: str, dx: float = 0.0, dy: float = 0.0) -> bytes:
    """One certificate per page, in the order given; only the fields, moved by the printer's
    offset (dx to the right, dy downwards, millimetres)."""
    buffer = io.BytesIO()
    first = sheets[0].layout.page_mm if sheets else PAPERS["A4"]
    canvas = _canvas(buffer, first, title)
    for sheet in sheets:
        draw_sheet(canvas, sheet, dx, dy)
    if not sheets:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class Mark:
    """A cross of the calibration sheet: its centre (mm from the top-left corner) and label."""

    x: float
    y: float
    label: str = ""


CROSS_HALF = 5.0  # mm: each arm of a cross
CALIBRATION_RED = Color(0.8, 0.0, 0.0)


def calibration_marks(layout: Layout | None, page_mm: tuple[float, float]) -> list[Mark]:
    """Crosses 20 mm in from each corner and at the centre; with a layout, one at the top-left
    corner of each of its boxes (where the fields will start), named by the field."""
    w, h = page_mm
    marks = [
        Mark(20, 20),
        Mark(w - 20, 20),
        Mark(20, h - 20),
        Mark(w - 20, h - 20),
        Mark(round(w / 2, 1), round(h / 2, 1)),
    ]
    if layout is not None:
        for key, label in FIELDS:
            box = layout.fields.get(key)
            if box is not None and box.enabled:
                marks.append(Mark(box.x, box.y, label))
    return marks


def calibration_pdf(
    page_mm: tuple[float, float],
    marks: list[Mark],
    title: str,
    dx: float = 0.0,
    dy: float = 0.0,
    printer: str = "",
) -> bytes:
    """A millimetre grid (a line every 5 mm, darker and numbered every 10 mm, ticks every mm
    along the top and left edges) and red crosses at `marks`, each with its coordinates, all
    moved by the printer's offset: printed on plain paper, the distance from the paper's edges
    to a cross's centre minus the coordinates printed beside it is the printer's own shift."""
    fonts = register_fonts()
    w, h = page_mm
    buffer = io.BytesIO()
    canvas = _canvas(buffer, page_mm, title)

    def pt(x: float, y: float) -> tuple[float, float]:
        return (x + dx) * MM, (h - y - dy) * MM

    light, dark = Color(0.88, 0.9, 0.94), Color(0.66, 0.7, 0.78)
    for step_mm in range(5, int(max(w, h)) + 1, 5):
        major = step_mm % 10 == 0
        canvas.setStrokeColor(dark if major else light)
        canvas.setLineWidth(0.35 if major else 0.2)
        if step_mm < w:
            canvas.line(*pt(step_mm, 0), *pt(step_mm, h))
        if step_mm < h:
            canvas.line(*pt(0, step_mm), *pt(w, step_mm))
    canvas.setStrokeColor(dark)
    canvas.setLineWidth(0.2)
    for tick in range(1, int(max(w, h))):
        length = 3.0 if tick % 10 == 0 else (2.0 if tick % 5 == 0 else 1.0)
        if tick < w:
            canvas.line(*pt(tick, 0), *pt(tick, length))
        if tick < h:
            canvas.line(*pt(0, tick), *pt(length, tick))
    canvas.setFillColor(Color(0.3, 0.35, 0.45))
    canvas.setFont(fonts.regular, 6)
    for number in range(10, int(w), 10):
        canvas.drawCentredString(*pt(number, 6), str(number))
    for number in range(10, int(h), 10):
        x, y = pt(4, number)
        canvas.drawString(x, y - 2, str(number))
    # the instructions, in a white panel near the top, clear of every cross
    lines = [
        f"TRANG CĂN CHỈNH MÁY IN — khổ {title}",
        "In trang này bằng chính máy in dùng để in phôi, trên giấy trắng, tỷ lệ 100% (tắt “Vừa "
        "trang / Fit to page”).",
        "Đo bằng thước từ mép trái và mép trên tờ giấy đến tâm mỗi dấu + màu đỏ; độ lệch = số đo − "
        "tọa độ in bên dấu.",
        "Nhập độ lệch (x sang phải, y xuống dưới là dương) cho máy in ở trang In phôi; in lại "
        "trang này với máy in đó: các dấu phải đúng tọa độ.",
    ]
    if printer:
        lines.append(
            f"Đang in với độ lệch của máy in “{printer}”: x {mm_text(dx)} mm, y {mm_text(dy)} mm."
        )
    panel_w = min(w - 70, 200.0)
    panel_x = (w - panel_w) / 2
    panel_y = 30.0
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setStrokeColor(dark)
    x0, y0 = pt(panel_x, panel_y + 5 + 4.2 * len(lines))
    canvas.rect(x0, y0, panel_w * MM, (5 + 4.2 * len(lines)) * MM, stroke=1, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    for i, line in enumerate(lines):
        face, size = (fonts.bold, 10) if i == 0 else (fonts.regular, 8)
        while size > 5 and stringWidth(line, face, size) > (panel_w - 6) * MM:
            size -= 0.5
        canvas.setFont(face, size)
        canvas.drawCentredString(*pt(w / 2, panel_y + 5 + 4.2 * i), line)
    canvas.setStrokeColor(CALIBRATION_RED)
    canvas.setFillColor(CALIBRATION_RED)
    canvas.setLineWidth(0.6)
    canvas.setFont(fonts.bold, 7)
    for mark in marks:
        canvas.line(*pt(mark.x - CROSS_HALF, mark.y), *pt(mark.x + CROSS_HALF, mark.y))
        canvas.line(*pt(mark.x, mark.y - CROSS_HALF), *pt(mark.x, mark.y + CROSS_HALF))
        canvas.circle(*pt(mark.x, mark.y), 1.5 * MM, stroke=1, fill=0)
        text = f"({mm_text(mark.x)}; {mm_text(mark.y)})"
        if mark.label:
            text = f"{mark.label} {text}"
        # the label right of the cross, or left of it near the right edge
        right = mark.x + 1.5 + stringWidth(text, fonts.bold, 7) / MM < w - 2
        lx, ly = pt(mark.x + 1.5 if right else mark.x - 1.5, mark.y + 3.2)
        (canvas.drawString if right else canvas.drawRightString)(lx, ly, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --------------------------------------------------------------------------- the preview (SVG)


def _svg_text_lines(fitted: Fitted, box: Box) -> list[str]:
    anchor = {"left": "start", "right": "end"}.get(box.align, "middle")
    weight = ' font-weight="bold"' if box.bold else ""
    style = ' font-style="italic"' if box.italic else ""
    size = round(fitted.size / MM, 2)
    return [
        f'<text class="cert-sample" x="{x:.2f}" y="{baseline:.2f}" font-size="{size}" '
        f'text-anchor="{anchor}"{weight}{style}>{escape(line)}</text>'
        for x, baseline, line in line_positions(fitted, box)
    ]


def _blank_form(page_mm: tuple[float, float], title: str) -> list[str]:
    """A schematic blank certificate, drawn here (no copied artwork): a double border, the
    national motto, an emblem circle with a star, the form's title."""
    w, h = page_mm
    unit = min(w, h) / 210  # the drawing scales with the paper
    cx = w / 2
    star = []
    for i in range(10):
        radius = (9 if i % 2 == 0 else 3.6) * unit
        angle = -math.pi / 2 + i * math.pi / 5
        star.append(
            f"{cx + radius * math.cos(angle):.2f},{26 * unit + radius * math.sin(angle):.2f}"
        )
    return [
        f'<rect class="cert-paper" x="0" y="0" width="{w}" height="{h}"/>',
        f'<rect class="cert-border" x="{8 * unit:.2f}" y="{8 * unit:.2f}" '
        f'width="{w - 16 * unit:.2f}" height="{h - 16 * unit:.2f}"/>',
        f'<rect class="cert-border-inner" x="{11 * unit:.2f}" y="{11 * unit:.2f}" '
        f'width="{w - 22 * unit:.2f}" height="{h - 22 * unit:.2f}"/>',
        f'<circle class="cert-emblem" cx="{cx:.2f}" cy="{26 * unit:.2f}" r="{12 * unit:.2f}"/>',
        f'<polygon class="cert-star" points="{" ".join(star)}"/>',
        f'<text class="cert-motto" x="{cx:.2f}" y="{46 * unit:.2f}" font-size="{5 * unit:.2f}" '
        'text-anchor="middle" font-weight="bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text>',
        f'<text class="cert-motto" x="{cx:.2f}" y="{52 * unit:.2f}" font-size="{4.6 * unit:.2f}" '
        'text-anchor="middle" font-weight="bold">Độc lập - Tự do - Hạnh phúc</text>',
        f'<text class="cert-title" x="{cx:.2f}" y="{70 * unit:.2f}" font-size="{12 * unit:.2f}" '
        f'text-anchor="middle" font-weight="bold">{escape(title)}</text>',
    ]


def form_title(form_name: str) -> str:
    """ "BẰNG KHEN" or "GIẤY KHEN" (the title pre-printed on the blank form)."""
    folded = vn.clean_text(form_name).lower()
    for word in ("bằng khen", "giấy khen", "bằng chứng nhận"):
        if folded.startswith(word):
            return vn.upper_vn(word)
    return vn.upper_vn(vn.clean_text(form_name).split(" của ")[0])[:40]


def preview_svg(layout: Layout, values: Mapping[str, str], scan_url: str = "") -> str:
    """The layout's boxes (dashed, labelled) and the sample texts as they will print, over the
    office's scan of its blank form, else over a schematic blank form. Units: millimetres."""
    w, h = layout.page_mm
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cert-preview" viewBox="0 0 {w} {h}" '
        f'role="img" aria-label="Xem trước phôi {escape(layout.paper_text)}">'
    ]
    if scan_url:
        parts.append(f'<rect class="cert-paper" x="0" y="0" width="{w}" height="{h}"/>')
        parts.append(
            f'<image href="{escape(scan_url)}" x="0" y="0" width="{w}" height="{h}" '
            'preserveAspectRatio="none"/>'
        )
    else:
        parts.extend(_blank_form((w, h), form_title(layout.name)))
    for key, label in FIELDS:
        box = layout.fields.get(key)
        if box is None or not box.enabled:
            continue
        parts.append(
            f'<rect class="cert-box" x="{box.x}" y="{box.y}" width="{box.width}" '
            f'height="{box.height}"><title>{escape(label)}</title></rect>'
        )
        parts.append(
            f'<text class="cert-label" x="{box.x + 0.6:.2f}" y="{box.y + 2.4:.2f}" '
            f'font-size="2.2">{escape(label)}</text>'
        )
        text = values.get(key, "")
        if text:
            parts.extend(_svg_text_lines(fit(text, box), box))
    parts.append("</svg>")
    return "".join(parts)
