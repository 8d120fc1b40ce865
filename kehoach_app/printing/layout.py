"""Measures of the Nghị định 30/2020/NĐ-CP frame and text helpers shared by the PDF and DOCX
renderers, so that both draw the same page.

Source: Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức, kỹ thuật trình bày văn bản hành chính).
"""

from __future__ import annotations

import contextlib
import gc
import re
import unicodedata
from collections.abc import Iterator
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


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while one document is laid out and written.

    A document's flowables, cells, runs and XML elements live exactly as long as its build;
    each collection during the build promotes them a generation, and once enough have piled
    up in the oldest one Python sweeps everything the app holds (~220,000 objects for a
    1,000-delegate conference, ~120 ms a sweep): five of the fourteen full sweeps of three
    complete sets came from that (~0,2 s a set). Paused, they are freed by their reference
    counts when the build ends, and what cyclic garbage is left goes at the next collection.
    Another thread's build may switch collection back on early: that costs only the saving.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Figures a line must not cut (REVIEW.md: "a number split across lines"): a span of years
# ("giai đoạn 2025 - 2030", the presets' and the officers' way) and an edition ("lần thứ VIII",
# the LED's title page). Joined by no-break spaces, which ReportLab, wrap_lines and Word keep.
_KEPT_TOGETHER = (
    (re.compile(r"(?<!\d)(\d{4}) - (\d{4})(?!\d)"), "\\1\u00a0-\u00a0\\2"),
    (re.compile(r"\blần thứ ([IVXLCDM]+|\d+)\b"), "lần\u00a0thứ\u00a0\\1"),
)


def clean(text: object) -> str:
    """NFC text with Unix line breaks and without characters XML cannot hold; year spans and
    editions joined so that no line cuts them."""
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = unicodedata.normalize("NFC", _CONTROL.sub("", s))
    for pattern, joined in _KEPT_TOGETHER:
        s = pattern.sub(joined, s)
    return s


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
        rest = name[len(kind) :]
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
            lines.append(segment.replace(NO_BREAK, " "))  # as typed: "Số:      /KH-UBND"
            continue
        split = simpleSplit
        if NO_BREAK in segment:
            # A phrase joined by no-break spaces is never broken (the plan's title: "khen
            # thưởng", "Hưng Yên", "2025 - 2030"); ReportLab's simpleSplit breaks at U+00A0.
            segment = " ".join(segment.split(" "))
            split = _split_keeping_joins
        else:
            segment = " ".join(segment.split())
        greedy = split(segment, face.name, face.size, max_width)
        if balance and len(greedy) > 1:
            lo, hi = max_width / len(greedy), max_width
            best = greedy
            for _ in range(12):
                mid = (lo + hi) / 2
                trial = split(segment, face.name, face.size, mid)
                if len(trial) <= len(greedy) and max(map(face.width, trial)) <= mid + 0.01:
                    best, hi = trial, mid
                else:
                    lo = mid
            greedy = best
        lines.extend(line.replace(NO_BREAK, " ") for line in greedy)
    return lines


NO_BREAK = "\u00a0"


def _split_keeping_joins(text: str, face_name: str, size: float, width: float) -> list[str]:
    """Greedy lines broken only at ordinary spaces (a word wider than the line stands alone)."""
    lines: list[str] = []
    current = ""
    for word in (w for w in text.split(" ") if w):
        trial = f"{current} {word}" if current else word
        if current and stringWidth(trial.replace(NO_BREAK, " "), face_name, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
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


# --------------------------------------------------------------------------- measured tables
#
# A table measures its cells before it is drawn (issue 15): a money amount, a number, an STT or
# a date is one word and never wraps ("5.036.770.00 / 0" cannot be signed), and a line breaks
# only between words or after "/" and "-" ("người/ | ngày", "40/2017/ | TT-BTC"), and inside a
# word only when the word does not fit on a line of its own.

TABLE_MIN_SIZE = 10.0  # a table too wide for the page steps its size down to this, no further
# A text word wider than this share of the table does not widen its column: it may break after
# its "/" and "-" instead (a long reference in a narrow Ghi chú column).
WORD_MAX_SHARE = 0.3
# Room a Word column keeps beyond ReportLab's measure (Word's metrics differ by a hair).
DOCX_CELL_SLACK = 2.0

_BREAK_AFTER = re.compile(r"(?<=[/\-–])(?=[^/\-–])")
_ROMAN = re.compile(r"^[IVXLC]+\.?$")
_RUN_OF_SPACES = re.compile(" {2,}")


def word_fragments(word: str) -> list[str]:
    """A word's pieces between the points where it may break: after "/" and "-"."""
    return [piece for piece in _BREAK_AFTER.split(word) if piece]


def is_number_like(word: str) -> bool:
    """Money, counts, STT, dates, numbered references ("1.153.680.000", "1005", "IV",
    "20/12/2026", "12/QĐ-UBND"): one word that never breaks."""
    if not word or len(word) > 24:
        return False
    return any(ch.isdigit() for ch in word) or bool(_ROMAN.match(word))


@dataclass(frozen=True)
class CellMeasure:
    """A cell's narrowest and widest width at size 1 (scale by the size): ``least`` is its
    widest unbreakable word, ``most`` its widest line unbroken."""

    least: float
    most: float


def _word_least(word: str, font: str, cap: float) -> float:
    """The room (size 1) a word asks of its column: whole, unless it is a text word wider
    than ``cap``, which asks only for its widest piece between "/" and "-"."""
    w = stringWidth(word, font, 1)
    if w > cap and not is_number_like(word):
        w = min(max(stringWidth(p, font, 1) for p in word_fragments(word)), max(cap, 0.0))
    return w


def measure_cell(text: str, font: str, cap: float, nowrap: bool = False) -> CellMeasure:
    """Widths at size 1 of a cell's text in ``font``; ``cap`` (at size 1) limits what one
    long text word may ask of its column (it breaks after its "/" and "-" beyond it)."""
    text = clean(text)
    lines = [line.strip() for line in text.split("\n")]
    most = max((stringWidth(line, font, 1) for line in lines), default=0.0)
    if nowrap:
        return CellMeasure(most, most)
    least = max((_word_least(w, font, cap) for line in lines for w in line.split()), default=0.0)
    return CellMeasure(least, most)


def fit_columns(
    measures: list[list[CellMeasure]],
    weights: list[float],
    total: float,
    size: float,
    *,
    padding: float,
    min_size: float = TABLE_MIN_SIZE,
    hold: list[bool] | None = None,
) -> tuple[list[float], float]:
    """Column widths (points, summing to ``total``) and the font size of a table.

    ``measures`` holds, per column, its cells measured at size 1. The caller's ``weights``
    are the wish; the content overrules it: every column is at least as wide as its widest
    unbreakable word (numbers never wrap), and a column whose text would wrap takes room from
    columns whose content is narrower than their share. A table whose words cannot fit at
    ``size`` steps down 1 pt at a time to ``min_size``. A column in ``hold`` (one left blank to
    be written or signed in by hand) keeps its share unless words elsewhere need it.
    """
    n = len(weights)
    hold = hold or [False] * n
    shares = relative_widths(weights)
    least1 = [max((m.least for m in col), default=0.0) for col in measures]
    most1 = [max((m.most for m in col), default=0.0) for col in measures]
    s = size
    while s > min_size and sum(x * s + padding for x in least1) > total:
        s = max(s - 1, min_size)
    mins = [x * s + padding for x in least1]
    wants = [max(x * s + padding, m) for x, m in zip(most1, mins, strict=True)]
    shares_w = [share * total for share in shares]
    # a column held open wants its whole share: it gives room only to words that need it
    wants = [
        max(want, sw) if h else want for want, sw, h in zip(wants, shares_w, hold, strict=True)
    ]
    if sum(mins) > total:  # even the floor size cannot hold every word: shrink all alike
        k = total / sum(mins)
        return [m * k for m in mins], s
    widths = list(shares_w)
    # 1. every column at least its widest word, the room taken first from what other columns
    #    do not need for their content, then from what they hold beyond their words
    for _ in range(n + 1):
        short = sum(max(m - w, 0) for m, w in zip(mins, widths, strict=True))
        if short <= 1e-6:
            break
        widths = [max(w, m) for w, m in zip(widths, mins, strict=True)]
        for floor in (wants, mins):
            spare = [max(w - f, 0) for w, f in zip(widths, floor, strict=True)]
            room = sum(spare)
            if room <= 1e-6:
                continue
            take = min(short, room)
            widths = [w - take * sp / room for w, sp in zip(widths, spare, strict=True)]
            short -= take
            if short <= 1e-6:
                break
    # 2. a column whose text would wrap takes what the others do not need
    for _ in range(n):
        spare = [max(w - want, 0) for w, want in zip(widths, wants, strict=True)]
        need = [max(want - w, 0) for w, want in zip(widths, wants, strict=True)]
        room, asked = sum(spare), sum(need)
        if room <= 1e-6 or asked <= 1e-6:
            break
        give = min(room, asked)
        widths = [
            w - give * sp / room + give * nd / asked
            for w, sp, nd in zip(widths, spare, need, strict=True)
        ]
    scale = total / sum(widths) if sum(widths) else 1.0
    return [w * scale for w in widths], s


def break_words(
    line: list[tuple[str, str]], size: float, rooms: list[float], shrink: float = 0.05
) -> list[list[tuple[str, str]]]:
    """One hard line of (text, font) pieces broken greedily into lines no wider than the room
    of each (``rooms[i]``, the last repeated): between words, as ReportLab's Paragraph breaks,
    and inside a word that does not fit on a line of its own only after its "/" and "-"
    (a piece still too wide is cut where it must be, as the Paragraph would cut it)."""
    # words as lists of (text, font); the space before each word measured in its font
    words: list[tuple[list[tuple[str, str]], float]] = []
    current: list[tuple[str, str]] = []
    pending_space = 0.0
    for text, font in line:
        # a run of spaces is kept as typed (as the Paragraph keeps it: no-break spaces and
        # one breaking space), "Số:      /KH-UBND"
        text = _RUN_OF_SPACES.sub(lambda m: "\u00a0" * (len(m.group()) - 1) + " ", text)
        parts = text.split(" ")
        for k, part in enumerate(parts):
            if k:  # a space before this part
                if current:
                    words.append((current, pending_space))
                    current = []
                pending_space = stringWidth(" ", font, size)
            if part:
                current.append((part, font))
    if current:
        words.append((current, pending_space))

    def width(pieces: list[tuple[str, str]]) -> float:
        return sum(stringWidth(t, f, size) for t, f in pieces)

    def room(i: int) -> float:
        return rooms[min(i, len(rooms) - 1)]

    lines: list[list[tuple[str, str]]] = [[]]
    used = 0.0
    count = 0  # words on the line; like the Paragraph, each space may shrink by ``shrink``
    for pieces, space in words:
        w = width(pieces)
        limit = room(len(lines) - 1) + shrink * space * count
        if lines[-1] and used + space + w <= limit:
            lines[-1] += [(" ", pieces[0][1]), *pieces]
            used += space + w
            count += 1
            continue
        if lines[-1]:
            lines.append([])
            used = 0.0
        count = 1
        if w <= room(len(lines) - 1) + 1e-6:
            lines[-1] += pieces
            used = w
            continue
        # a word wider than a whole line: after its "/" and "-", then wherever it must
        for text, font in pieces:
            for fragment in word_fragments(text):
                fw = stringWidth(fragment, font, size)
                if used + fw > room(len(lines) - 1) + 1e-6 and lines[-1]:
                    lines.append([])
                    used = 0.0
                while fw > room(len(lines) - 1) + 1e-6 and len(fragment) > 1:
                    cut = len(fragment) - 1
                    while cut > 1 and stringWidth(fragment[:cut], font, size) > room(
                        len(lines) - 1
                    ):
                        cut -= 1
                    lines[-1].append((fragment[:cut], font))
                    lines.append([])
                    fragment = fragment[cut:]
                    fw = stringWidth(fragment, font, size)
                lines[-1].append((fragment, font))
                used += fw
    # merge neighbouring pieces of one font (one drawString each)
    merged: list[list[tuple[str, str]]] = []
    for pieces in lines:
        out: list[tuple[str, str]] = []
        for text, font in pieces:
            if out and out[-1][1] == font:
                out[-1] = (out[-1][0] + text, font)
            else:
                out.append((text, font))
        merged.append(out)
    return merged


def measure_table(
    header: list[str] | None,
    rows: list[list[tuple[str, bool]]],
    nowrap: list[bool],
    fonts,
    total: float,
    size: float,
) -> list[list[CellMeasure]]:
    """Each column measured at size 1 (its widest word, its widest line): the header in
    bold, each body cell given as (plain text, bold). A 1,000-row list is measured in a few
    tens of milliseconds: a cell narrower than the column's widest word so far is not split
    into words."""
    cap = WORD_MAX_SHARE * total / size
    n = len(nowrap)
    least = [0.0] * n
    most = [0.0] * n
    words: dict[tuple[str, str], float] = {}  # names repeat their words: measured once
    for j, title in enumerate((header or [])[:n]):
        m = measure_cell(title, fonts.bold, cap)
        least[j], most[j] = max(least[j], m.least), max(most[j], m.most)
    for row in rows:
        for j, (text, bold) in enumerate(row[:n]):
            if not text:
                continue
            font = fonts.bold if bold else fonts.regular
            if "\n" in text:
                m = measure_cell(text, font, cap, nowrap[j])
                least[j], most[j] = max(least[j], m.least), max(most[j], m.most)
                continue
            width = stringWidth(text, font, 1)
            if width > most[j]:
                most[j] = width
            if width <= least[j]:
                continue  # no word of it can be wider than the widest word so far
            if nowrap[j]:
                word_w = width
            else:
                word_w = 0.0
                for word in text.split():
                    w = words.get((word, font))
                    if w is None:
                        w = words[(word, font)] = _word_least(word, font, cap)
                    if w > word_w:
                        word_w = w
            if word_w > least[j]:
                least[j] = word_w
    return [[CellMeasure(lo, hi)] for lo, hi in zip(least, most, strict=True)]


def blank_columns(rows: list[list[tuple[str, bool]]], n: int) -> list[bool]:
    """Columns with no text in any body row: left blank to be written or signed in."""
    filled = [False] * n
    for row in rows:
        for j, (text, _) in enumerate(row[:n]):
            if not filled[j] and text.strip():
                filled[j] = True
    return [not f for f in filled]
