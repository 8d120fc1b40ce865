"""Measures of the Nghị định 30/2020/NĐ-CP frame and text helpers shared by the PDF and DOCX
renderers, so that both draw the same page.

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức, kỹ thuật trình bày văn bản hành chính).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from .document import Inline, Run

# Page (Phụ lục I, mục II.4): A4; lề trên, lề dưới 20–25 mm, lề trái 30–35 mm, lề phải 15–20 mm.
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
A4_MM = (210.0, 297.0)

# Body (mục II.5, ô 6): cỡ chữ 13–14, dàn đều hai lề, lùi đầu dòng 1–1,27 cm, cách đoạn ≥ 6 pt.
BODY_SIZE = 14.0
LINE_SPACING = 1.2  # leading = size × 1.2 (between "single" and 1.5 lines)
FIRST_LINE_INDENT_MM = 12.7
PARAGRAPH_SPACE_AFTER = 6.0
BULLET_HANG_MM = 5.0  # the text of a "- " item starts this far right of its dash

# Header (ô 1–4). Sizes chosen within the ranges of Phụ lục I.
HEADER_LEFT_SHARE = 0.40  # tên cơ quan | Quốc hiệu columns: 40 % | 60 % of the text width
PARENT_SIZE = 12.0  # tên cơ quan chủ quản, capitals, regular
ISSUER_SIZE = 12.0  # tên cơ quan ban hành, capitals, bold
NUMBER_SIZE = 13.0  # Số: …/KH-UBND
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
QUOC_HIEU_SIZE = 12.0
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TIEU_NGU_SIZE = 13.0
DATE_SIZE = 14.0  # địa danh, ngày tháng năm: italic
DATE_MIN_SIZE = 13.0  # a long place name drops to 13 to stay on one line
TITLE_SIZE = 14.0  # tên loại and trích yếu: bold
SHORT_RULE_SHARE = 0.4  # "đường kẻ ngang … dài từ 1/3 đến 1/2 độ dài của dòng chữ"
RULE_THICKNESS = 0.6  # points
RULE_GAP = 2.5  # points between the box of the text line and its rule
HEADER_ROW_GAP = 6.0  # points between the Quốc hiệu block and the Số / date row
TITLE_GAP_BEFORE = 18.0
TITLE_GAP_AFTER = 12.0

# Signature (ô 7) and Nơi nhận (ô 9b).
SIGNATURE_SIZE = 14.0
SIGNATURE_SIZE_ROW = 13.0  # several signatures in one row: narrower columns
SIGNATURE_SPACE_MM = 25.0  # room for the signature and the seal
RECIPIENTS_TITLE = "Nơi nhận:"
RECIPIENTS_TITLE_SIZE = 12.0
RECIPIENTS_SIZE = 11.0
RECIPIENTS_SHARE = 0.45  # Nơi nhận | signature: 45 % | 55 %
SIGNATURE_GAP_BEFORE = 12.0

TABLE_PADDING_X = 3.0
TABLE_PADDING_Y = 2.0
GRID_THICKNESS = 0.5
KV_LABEL_MAX = 200.0  # points; a longer label wraps

MM = 72.0 / 25.4  # points per millimetre

# Header and signature lines are broken here (ReportLab's measure) and given to Word with explicit
# line breaks; their DOCX paragraphs get this much room beyond the column on each side, so that
# Word and LibreOffice, whose measures differ from ReportLab's by a hair, never break them again.
DOCX_LINE_SLACK = 4.0

# XML 1.0 forbids these; python-docx refuses them and ReportLab would print boxes.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """NFC text with Unix line breaks and without characters XML cannot hold."""
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", s))


def upper(text: str) -> str:
    """Capitals for Vietnamese (str.upper keeps the tone marks; NFC afterwards)."""
    return unicodedata.normalize("NFC", clean(text).upper())


def as_runs(content: Inline, bold: bool = False, italic: bool = False) -> list[Run]:
    """Plain string or runs → cleaned runs, with the paragraph's own emphasis added."""
    runs = [Run(content)] if isinstance(content, str) else list(content)
    return [
        Run(clean(r.text), bold=r.bold or bold, italic=r.italic or italic, underline=r.underline)
        for r in runs
        if r.text
    ]


def plain_text(content: Inline) -> str:
    return "".join(r.text for r in as_runs(content))


def recipient_lines(recipients: list[str]) -> list[str]:
    """Each Nơi nhận item as printed (ND30, Phụ lục I): "- " before it, ";" after it, "." after
    the last ("- Lưu: VT, NV."); what the caller already punctuated is kept."""
    items = [clean(item).strip() for item in recipients]
    items = [item for item in items if item]
    lines = []
    for number, s in enumerate(items, 1):
        if s[0] not in "-–—":
            s = "- " + s
        if s[-1] not in ";.,:":
            s += "." if number == len(items) else ";"
        lines.append(s)
    return lines


# Kinds of body whose name officials break after the kind, not in the middle of it:
# "ỦY BAN NHÂN DÂN / XÃ TÂN HÒA", never "ỦY BAN NHÂN / DÂN XÃ TÂN HÒA" (seed 002's header).
AGENCY_KINDS = (
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG",
    "BAN THI ĐUA - KHEN THƯỞNG",
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
)


def agency_name(text: str) -> str:
    """An agency name in capitals, broken after its kind when the caller gave no break."""
    name = upper(text)
    if "\n" in name:
        return name
    for kind in AGENCY_KINDS:
        rest = name[len(kind):]
        if name.startswith(kind) and rest.startswith(" ") and rest.strip():
            return f"{kind}\n{rest.strip()}"
    return name


@dataclass(frozen=True)
class Face:
    """A font face at a size, for measuring."""

    name: str
    size: float

    def width(self, text: str) -> float:
        return stringWidth(text, self.name, self.size)


def wrap_lines(text: str, face: Face, max_width: float, balance: bool = True) -> list[str]:
    """Break text into lines no wider than max_width; "\\n" forces a break.

    With balance, a paragraph that needs n lines is broken into n lines of similar length (the
    narrowest width that still gives n lines), as a clerk does for a two-line agency name,
    instead of a full first line and a lone last word.
    """
    lines: list[str] = []
    for segment in clean(text).split("\n"):
        segment = segment.strip()
        if face.width(segment) <= max_width:
            lines.append(segment)  # as typed: "Số:      /KH-UBND" keeps its blank
            continue
        segment = " ".join(segment.split())
        greedy = simpleSplit(segment, face.name, face.size, max_width)
        if balance and len(greedy) > 1:
            lo, hi = max_width / len(greedy), max_width
            best = greedy
            for _ in range(12):
                mid = (lo + hi) / 2
                trial = simpleSplit(segment, face.name, face.size, mid)
                if len(trial) <= len(greedy) and max(map(face.width, trial)) <= mid + 0.01:
                    best, hi = trial, mid
                else:
                    lo = mid
            greedy = best
        lines.extend(greedy)
    return lines


def fit_size(text: str, face_name: str, size: float, min_size: float, max_width: float) -> float:
    """The largest size from ``size`` down to ``min_size`` (1-point steps) at which a one-line
    text fits ``max_width``; ``size`` when nothing fits or the text has its own line breaks.
    ND30 gives ranges (địa danh, ngày: 13–14), so a long place name may use the smaller end."""
    text = clean(text)
    if "\n" in text or min_size >= size:
        return size
    s = size
    while s >= min_size:
        if stringWidth(text, face_name, s) <= max_width:
            return s
        s -= 1
    return size


def short_rule_width(lines: list[str], face: Face) -> float:
    """The short rule under the issuer and the trích yếu: a share of the widest line."""
    widest = max((face.width(line) for line in lines), default=0.0)
    return SHORT_RULE_SHARE * widest


def relative_widths(weights: list[float]) -> list[float]:
    """Relative column weights → shares summing to 1 (non-positive weights count as 1)."""
    ws = [w if w and w > 0 else 1.0 for w in weights]
    total = sum(ws)
    return [w / total for w in ws]
