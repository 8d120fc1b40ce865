"""Pure computations of the decoration part: deadlines, texts for the backdrop and the banner,
line breaking, the to-scale backdrop plan, progress and costs.

No Flask, no database session: functions take plain values (or rows read as plain data) and
return plain values, so the page, the three printouts, the dashboard card and the tests all reuse
them. Lengths are in metres, measured from the backdrop's bottom-left corner *as seen from the
hall* (x to the audience's right, y up).

Protocol (Quy định 99-QĐ/TW 2023, Hướng dẫn 105-HD/BTGTW 2023; seeds 000 and 003): the Quốc kỳ
hangs on the backdrop at the left of the stage as seen from the audience ("phía trái sân khấu
nhìn từ phía dưới lên"); the bust of Bác Hồ stands on a raised plinth below its star ("tượng Bác
Hồ đặt trên bục cao, dưới ngôi sao").
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from .. import vn
from ..conferences.logic import shift_years
from ..conferences.vocab import DECOR_AREAS, event_noun

STATUSES: dict[str, str] = {"todo": "Chưa làm", "doing": "Đang làm", "done": "Đã xong"}

# Decoration is finished one day before the conference (seeds 000 and 003: "hoàn thành trước
# 01 ngày tổ chức Hội nghị").
DEFAULT_DAYS_BEFORE = 1

# A backdrop the officer has not measured yet is drawn at this size (the model's defaults) and
# the drawing says so.
DEFAULT_BACKDROP_M = (12.0, 5.0)

# The welcome banner (băng khẩu hiệu) outside the hall has no size in the data yet: its print
# sheet proposes this one, which suits the front of most halls, and says it is a proposal.
BANNER_SIZE_M = (10.0, 0.9)

# An item's text may stand for a text written on the backdrop page instead of its own words, so
# that the checklist and the print-shop sheet follow every change of the title or the banner.
# The officer sees (and may replace) these sentences in the item form.
TEXT_FROM_TITLE_BLOCK = "Theo nội dung tiêu đề phông sân khấu"
TEXT_FROM_WELCOME_BANNER = "Theo nội dung băng chào mừng"


# --------------------------------------------------------------------------- deadlines


def deadline(day: dt.date, days_before: int) -> dt.date:
    """The day an item must be ready: `days_before` days before the conference's day."""
    return day - dt.timedelta(days=days_before)


def deadline_label(day: dt.date, days_before: int) -> str:
    """'Thứ Năm, 14/01/2027' — the computed date with its weekday."""
    when = deadline(day, days_before)
    return f"{vn.weekday_name(when)}, {vn.format_date_short(when)}"


def days_before_label(days_before: int) -> str:
    """'trước 01 ngày', as the seeds write it; 'ngày tổ chức' for 0."""
    if days_before == 0:
        return "ngày tổ chức"
    return f"trước {days_before:02d} ngày"


def is_overdue(day: dt.date, days_before: int, status: str, today: dt.date) -> bool:
    return status != "done" and deadline(day, days_before) < today


# --------------------------------------------------------------------------- texts


def heading_word(kind: str) -> str:
    """The big word of the title block: "HỘI NGHỊ", or "ĐẠI HỘI" for an Đại hội Thi đua."""
    return event_noun(kind).upper()


_LEADING_WORDS = ("hội nghị", "đại hội")


def split_title(title: str) -> tuple[str, str]:
    """("Hội nghị", "tổng kết …") — the title's leading word as written, and the rest.

    A title that does not start with "Hội nghị" or "Đại hội" has no leading word ("", title).
    """
    text = vn.clean_text(title).rstrip(" .")
    folded = text.casefold()
    for word in _LEADING_WORDS:
        if folded.startswith(word) and (len(text) == len(word) or text[len(word)] in " ,:"):
            return text[: len(word)], text[len(word) :].lstrip(" ,:")
    return "", text


def backdrop_date_line(
    place: str, day: dt.date, full_date: bool = True, month_known: bool = True
) -> str:
    """The last line of the title block: the conference's date in full ("Hải Châu, ngày 15
    tháng 01 năm 2027"), since the conference knows it (issue 16, signer's review: a blank day
    printed on the plan, the checklist and the print shop's sheets).

    The seeds leave the day blank ("Thái Bình, ngày … tháng 01 năm 2024"), the plan being
    written before the day is final; an officer whose day is not fixed yet asks for that form
    (full_date=False, "Để trống ngày" on the backdrop page). Month and day are written as Nghị
    định 30/2020 writes them (tháng 01, 02 with a leading 0). A conference planned for a quarter
    or for one of two days in two months leaves the month blank too (`month_known` False; issue
    17: the generated block leaves the day blank until the day is fixed, as the seeds do).
    """
    if full_date:
        when = vn.format_date_long(day)
    else:
        month = f"{day.month:02d}" if day.month in (1, 2) else str(day.month)
        when = f"ngày … tháng {month if month_known else '…'} năm {day.year}"
    place = vn.clean_text(place)
    return f"{place}, {when}" if place else when


def title_block_paragraphs(
    *,
    kind: str,
    issuer: str,
    title: str,
    place: str,
    day: dt.date,
    full_date: bool = True,
    month_known: bool = True,
) -> list[str]:
    """The title block before line breaking: issuer in capitals / HỘI NGHỊ / the rest of the
    title in capitals / địa danh, ngày tháng năm (seed 000's "Tiêu đề", seed 003's table)."""
    _, rest = split_title(title)
    paragraphs = [vn.upper_vn(vn.clean_text(issuer)), heading_word(kind)]
    if rest:
        paragraphs.append(vn.upper_vn(rest))
    paragraphs.append(backdrop_date_line(place, day, full_date, month_known))
    return [p for p in paragraphs if p]


def welcome_banner_text(*, kind: str, title: str) -> str:
    """The slogan banner: "Chào mừng đại biểu về dự Hội nghị …" (seed 000); for an Đại hội
    Thi đua yêu nước "Chào mừng Đại hội Thi đua yêu nước …" (the presets' wording)."""
    word, rest = split_title(title)
    if not word:
        word = event_noun(kind)
    word = word[0].upper() + word[1:]
    greeting = "Chào mừng" if event_noun(kind) == "Đại hội" else "Chào mừng đại biểu về dự"
    return " ".join(part for part in (greeting, word, rest) if part)


def has_blank_day(title_block: str) -> bool:
    """True when the date line still leaves the day open ("ngày … tháng")."""
    return bool(re.search(r"ngày\s*(…|\.\.\.|\s)\s*tháng", title_block))


def same_words(a: str, b: str) -> bool:
    """Equal texts apart from where the lines break (a re-broken generated text is unchanged)."""
    return " ".join(vn.clean_text(a).split()) == " ".join(vn.clean_text(b).split())


# --------------------------------------------------------------------------- measuring text

# Average advance of a character, as a share of the cap height, in the serif the printouts use
# (Liberation Serif / Times New Roman, measured on Vietnamese titles): 0,92 for bold capitals,
# 0,68 for italic mixed case. A little is added so that the estimate errs on the safe side.
CAPS_CHAR_WIDTH = 1.0
MIXED_CHAR_WIDTH = 0.78

# A measure gives the printed width (m) of `text` whose capitals are `cap_height` m tall.
Measure = Callable[[str, "TextStyle", float], float]


@dataclass(frozen=True)
class TextStyle:
    bold: bool = True
    italic: bool = False


def estimate_width(text: str, style: TextStyle, cap_height: float) -> float:
    """Width by character count: what the print shop would estimate by eye."""
    factor = CAPS_CHAR_WIDTH if text == vn.upper_vn(text) else MIXED_CHAR_WIDTH
    return len(text) * cap_height * factor


def max_chars_per_line(width_m: float, cap_height_m: float, capitals: bool = True) -> int:
    """How many characters fit on a line `width_m` wide with capitals `cap_height_m` tall."""
    factor = CAPS_CHAR_WIDTH if capitals else MIXED_CHAR_WIDTH
    return max(1, math.floor(width_m / (cap_height_m * factor) + 1e-9))


# --------------------------------------------------------------------------- line breaking

# Words after which a line should not end: it would cut "NĂM | 2025", "TỈNH | THÁI BÌNH",
# "VÀ | PHÁT ĐỘNG", "LẦN THỨ | …".
_WEAK_ENDINGS = frozenset(
    "và của các những trong về với tại cho năm thứ lần để là có một tỉnh xã phường huyện "
    "thị thành đặc khu đối giai".split()
)
# Two-syllable words of these titles: a line break between their syllables reads badly
# ("THI | ĐUA", "KHEN | THƯỞNG", "ỦY BAN NHÂN | DÂN").
_COMPOUNDS = frozenset(
    tuple(pair.split())
    for pair in (
        "ủy ban",
        "ban nhân",
        "nhân dân",
        "thi đua",
        "khen thưởng",
        "tổng kết",
        "phát động",
        "phong trào",
        "yêu nước",
        "công tác",
        "giao ước",
        "ký kết",
        "trao thưởng",
        "nhà nước",
        "tuyên dương",
        "điển hình",
        "tiên tiến",
        "đại biểu",
        "chào mừng",
        "hội nghị",
        "đại hội",
        "giai đoạn",
        "thị xã",
        "thành phố",
        "chính phủ",
        "mặt trận",
        "tổ quốc",
        "việt nam",
        "hội đồng",
        "cấp nhà",
        "về dự",
    )
)
_PENALTY = 40.0  # a weak ending, in squared characters
_SPLIT_WORD = 150.0  # a two-syllable word cut in two is much worse than a weak ending
_BONUS = 30.0  # a break after a comma or before "và"


def _break_cost(last: str, first: str) -> float:
    a, b = last.casefold().strip(",;:"), first.casefold()
    cost = 0.0
    if last.endswith((",", ";", ":")) or b == "và":
        cost -= _BONUS
    if a in _WEAK_ENDINGS and not last.endswith((",", ";", ":")):
        cost += _PENALTY
    if (a, b) in _COMPOUNDS:
        cost += _SPLIT_WORD
    return cost


def _greedy(words: Sequence[str], fits: Callable[[str], bool]) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if not current or fits(trial):
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


# Balancing weighs every way of breaking a paragraph; beyond this many words (no title is that
# long) the lines are simply filled one after another.
BALANCE_MAX_WORDS = 80


def break_balanced(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Break `text` at spaces into the fewest lines that each `fits`, as even as possible.

    Never splits a word: a word too long for a line stands alone on its own line (the caller
    then makes the letters smaller). Among the breaks giving the fewest lines, the one with the
    most even line lengths wins, nudged to break after a comma or before "và" and not inside
    "THI ĐUA" or after "NĂM" (see _break_cost).
    """
    words = vn.clean_text(text).split()
    if not words:
        return []
    whole = " ".join(words)
    if fits(whole):
        return [whole]
    greedy = _greedy(words, fits)
    if len(words) > BALANCE_MAX_WORDS:
        return greedy  # a text this long is not a title; keep the page fast
    count = len(greedy)
    n = len(words)
    lengths = [len(w) for w in words]

    def line_length(i: int, j: int) -> int:
        return sum(lengths[i:j]) + (j - i - 1)

    infinity = float("inf")
    # best[j][k]: the cost of words[:j] in k lines; back[j][k]: where the last line starts
    best = [[infinity] * (count + 1) for _ in range(n + 1)]
    back = [[0] * (count + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            line = " ".join(words[i:j])
            if j - i > 1 and not fits(line):
                break  # a longer line (smaller i) will not fit either
            extra = line_length(i, j) ** 2
            if i > 0:
                extra += _break_cost(words[i - 1], words[i])
            for k in range(1, count + 1):
                if best[i][k - 1] + extra < best[j][k]:
                    best[j][k] = best[i][k - 1] + extra
                    back[j][k] = i
    if best[n][count] == infinity:  # cannot happen with a monotone `fits`; be safe
        return _greedy(words, fits)
    lines: list[str] = []
    j = n
    for k in range(count, 0, -1):
        i = back[j][k]
        lines.append(" ".join(words[i:j]))
        j = i
    return lines[::-1]


# --------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class Rect:
    """A rectangle in metres; (x, y) is its bottom-left corner as seen from the hall."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass(frozen=True)
class Features:
    """What the checklist puts on or around the stage; the drawing shows only these."""

    statue: bool = True
    led: bool = True
    pano: bool = True
    flowers: bool = True


def backdrop_features(items: Iterable) -> Features:
    """Read the stage items of the checklist: a tượng, a màn hình LED / máy chiếu, pano, cây cảnh
    or hoa. With no items at all, everything the seeds list is drawn. The Quốc kỳ is always drawn:
    the protocol places everything else relative to it."""
    stage = [vn.clean_text(i.item).casefold() for i in items if i.area == "san_khau"]
    if not stage:
        return Features()
    return Features(
        statue=any("tượng" in name for name in stage),
        led=any("led" in name or "màn hình" in name or "máy chiếu" in name for name in stage),
        pano=any("pano" in name for name in stage),
        flowers=any("cây cảnh" in name or "hoa" in name for name in stage),
    )


# Roles of the title block's lines and their cap heights, relative to "HỘI NGHỊ".
ROLE_SCALE = {"issuer": 0.5, "heading": 1.0, "title": 0.68, "date": 0.42}
ROLE_STYLE = {
    "issuer": TextStyle(bold=True),
    "heading": TextStyle(bold=True),
    "title": TextStyle(bold=True),
    "date": TextStyle(bold=False, italic=True),
}
ROLE_LABELS = {
    "issuer": "tên cơ quan",
    "heading": "chữ “HỘI NGHỊ”",
    "title": "tên hội nghị",
    "date": "địa danh, ngày tháng",
}
LINE_BOX = 2.0  # a line takes twice its cap height: Vietnamese capitals carry marks above
BASELINE_IN_BOX = 0.5  # the baseline sits half a cap height above the bottom of its box
PARAGRAPH_GAP = 0.25  # extra space between two parts of the block, in cap heights
MAX_HEADING_CAP = 0.6  # m: the tallest "HỘI NGHỊ" worth printing
MIN_CAP = 0.02  # m: below 2 cm nobody reads it from the hall


@dataclass(frozen=True)
class TextLine:
    text: str
    role: str
    cap_height: float  # m
    x_center: float
    baseline: float
    width: float  # m, as measured

    @property
    def style(self) -> TextStyle:
        return ROLE_STYLE[self.role]


@dataclass
class TextBlock:
    """Lines broken and sized for an area; `overflow` when even the smallest letters do not fit."""

    area: Rect
    lines: list[TextLine]
    overflow: bool = False

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def cap_heights(self) -> dict[str, float]:
        """Cap height of each role present, in metres, in the order of the block."""
        heights: dict[str, float] = {}
        for line in self.lines:
            heights.setdefault(line.role, line.cap_height)
        return heights


def line_roles(paragraphs: Sequence[str], heading: str = "") -> list[str]:
    """The role of each line of a title block as the officer wrote it.

    The line "HỘI NGHỊ" / "ĐẠI HỘI" is the heading; the lines above it are the issuer; a last line
    with "ngày … tháng … năm" is the date; the rest is the title. Without a heading line the first
    line is the issuer when there are three lines or more.
    """
    roles = ["title"] * len(paragraphs)
    heads = {w.casefold() for w in ("HỘI NGHỊ", "ĐẠI HỘI", heading) if w}
    heading_at = next(
        (i for i, p in enumerate(paragraphs) if vn.clean_text(p).casefold() in heads), None
    )
    if heading_at is not None:
        roles[heading_at] = "heading"
        for i in range(heading_at):
            roles[i] = "issuer"
    elif len(paragraphs) >= 3:
        roles[0] = "issuer"
    # The date line is the last one, in ordinary letters (the rest of the block is in
    # capitals); on a narrow backdrop it may have been broken in two.
    start = heading_at + 1 if heading_at is not None else 1
    for i in range(len(paragraphs) - 1, start - 1, -1):
        text = vn.clean_text(paragraphs[i])
        if text == vn.upper_vn(text):
            break
        if "ngày" in text.casefold() or "năm" in text.casefold():
            if all(p != vn.upper_vn(p) for p in paragraphs[i:]):
                for j in range(i, len(paragraphs)):
                    roles[j] = "date"
                if "ngày" in text.casefold():
                    break
    return roles


def break_penalty(lines: Sequence[str]) -> float:
    """How badly a set of lines is broken: weak endings and split compounds (0 when clean)."""
    total = 0.0
    for before, after in zip(lines, lines[1:], strict=False):
        if before.split() and after.split():
            total += max(0.0, _break_cost(before.split()[-1], after.split()[0]))
    return total


def _lines_at(paragraphs, roles, cap, width, measure, allow_breaks):
    """Every paragraph at letters `cap` m tall, broken if allowed: (lines, break penalty), or
    (None, 0) when some line is still too wide."""
    lines: list[tuple[str, str, float]] = []
    penalty = 0.0
    for text, role in zip(paragraphs, roles, strict=True):
        size = cap * ROLE_SCALE[role]
        style = ROLE_STYLE[role]

        def fits(s: str, size=size, style=style) -> bool:
            return measure(s, style, size) <= width + 1e-9

        # "HỘI NGHỊ" stands on its own line, whole: it is made smaller rather than broken
        broken = break_balanced(text, fits) if allow_breaks and role != "heading" else [text]
        if not all(fits(line) for line in broken):
            return None, 0.0
        penalty += break_penalty(broken)
        lines.extend((line, role, size) for line in broken)
    return lines, penalty


def _block_height(lines) -> float:
    height = 0.0
    for index, (_text, role, size) in enumerate(lines):
        height += size * LINE_BOX
        if index and lines[index - 1][1] != role:
            height += PARAGRAPH_GAP * size
    return height


@dataclass
class _Fit:
    cap: float
    lines: list
    overflow: bool


def _fit(paragraphs, roles, area, measure, start_cap, allow_breaks) -> _Fit:
    """The largest letters (5 % steps down from `start_cap`) at which the block fits `area`."""
    smallest = min(ROLE_SCALE[r] for r in roles)
    cap = start_cap
    while True:
        lines, penalty = _lines_at(paragraphs, roles, cap, area.w, measure, allow_breaks)
        if lines is not None and _block_height(lines) <= area.h + 1e-9:
            if penalty > 0:
                # letters a hair smaller may allow a clean break ("… NĂM 2025 / VÀ PHÁT ĐỘNG")
                for step in range(1, 4):
                    smaller = cap * 0.97**step
                    better, cleaner = _lines_at(
                        paragraphs, roles, smaller, area.w, measure, allow_breaks
                    )
                    if better is not None and len(better) <= len(lines) and cleaner < penalty:
                        return _Fit(smaller, better, False)
            return _Fit(cap, lines, False)
        if cap * smallest <= MIN_CAP:
            if lines is None:  # a word wider than the area even at the smallest size
                pairs = zip(paragraphs, roles, strict=True)
                lines = [(p, r, cap * ROLE_SCALE[r]) for p, r in pairs]
            return _Fit(cap, lines, True)
        cap *= 0.95


# The officer's (or the generated) line breaks are kept unless keeping them makes the letters
# smaller than this share of what breaking the long lines again would allow.
KEEP_BREAKS_SHARE = 0.8


def layout_text_block(
    paragraphs: Sequence[str],
    area: Rect,
    *,
    roles: Sequence[str] | None = None,
    measure: Measure | None = None,
    max_cap: float | None = None,
) -> TextBlock:
    """Size and break a block of text to fill `area` (centred), as large as it fits.

    Each paragraph keeps its own lines (the officer's line breaks are kept) and is broken further,
    at word boundaries into balanced lines, only where it is too wide to be read at a fair size.
    The letters shrink in 5 % steps from the largest size the area's height allows until every
    line fits the width and the block fits the height; `overflow` is set if even 2 cm letters
    do not fit.
    """
    measure = measure or estimate_width
    paragraphs = [vn.clean_text(p) for p in paragraphs if vn.clean_text(p)]
    roles = list(roles) if roles is not None else line_roles(paragraphs)
    if not paragraphs:
        return TextBlock(area=area, lines=[])
    weights = [ROLE_SCALE[r] for r in roles]
    # `cap` is the height of "HỘI NGHỊ"; every role is a share of it (ROLE_SCALE)
    start = min(max_cap or MAX_HEADING_CAP, area.h / (LINE_BOX * sum(weights)))
    kept = _fit(paragraphs, roles, area, measure, start, allow_breaks=False)
    broken = _fit(paragraphs, roles, area, measure, start, allow_breaks=True)
    use_kept = not kept.overflow and kept.cap >= KEEP_BREAKS_SHARE * broken.cap
    chosen = kept if use_kept or (broken.overflow and not kept.overflow) else broken
    lines, overflow = chosen.lines, chosen.overflow
    top = area.cy + min(_block_height(lines), area.h) / 2 if not overflow else area.top
    placed: list[TextLine] = []
    y = top
    for index, (text, role, size) in enumerate(lines):
        if index and lines[index - 1][1] != role:
            y -= PARAGRAPH_GAP * size
        y -= size * LINE_BOX
        placed.append(
            TextLine(
                text=text,
                role=role,
                cap_height=size,
                x_center=area.cx,
                baseline=y + BASELINE_IN_BOX * size,
                width=measure(text, ROLE_STYLE[role], size),
            )
        )
    return TextBlock(area=area, lines=placed, overflow=overflow)


@dataclass
class BackdropPlan:
    """Everything the backdrop drawing shows, placed in metres (see the module docstring)."""

    width: float
    height: float
    assumed_size: bool
    flag: Rect
    star_radius: float
    plinth: Rect | None
    statue: Rect | None
    led: Rect | None
    title: TextBlock
    flowers: Rect | None
    pots: list[float] = field(default_factory=list)  # x centres of the potted plants
    wings: list[Rect] = field(default_factory=list)  # outside the backdrop, left then right
    panos: list[Rect] = field(default_factory=list)

    @property
    def backdrop(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)

    @property
    def star_center(self) -> tuple[float, float]:
        return self.flag.cx, self.flag.cy

    @property
    def extent(self) -> Rect:
        """The backdrop with the wings: what the picture must hold."""
        rects = [self.backdrop, *self.wings]
        left = min(r.x for r in rects)
        right = max(r.right for r in rects)
        return Rect(left, 0.0, right - left, self.height)


# Real sizes of a bust of Bác Hồ on its plinth in a hall (m): the plinth ("bục cao") is about
# 1,2 m tall, the bust about 0,7 m; scaled down on a low backdrop so the star stays above it.
PLINTH_M = (0.55, 1.2)
BUST_M = (0.5, 0.7)
FLAG_RATIO = 2 / 3  # Hiến pháp 2013, Điều 13: chiều rộng bằng hai phần ba chiều dài
STAR_RADIUS_SHARE = 1 / 5  # centre to tip = 1/5 of the flag's length (Sắc lệnh 5-SL, mô tả chuẩn)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def backdrop_frame(width: float, height: float, features: Features) -> dict:
    """The fixed parts of the drawing (everything but the title's lines)."""
    w, h = float(width), float(height)
    margin = min(_clamp(0.025 * w, 0.1, 0.4), 0.06 * h)
    flowers = None
    if features.flowers:
        flowers_h = _clamp(0.12 * h, 0.25, 0.7) if h >= 2 else 0.12 * h
    else:
        flowers_h = 0.0
    # The flag's zone: the left part of the backdrop as the audience sees it.
    zone_right = 0.3 * w
    scale = min(1.0, h / 3.5)
    plinth = statue = None
    statue_top = 0.0
    if features.statue:
        statue_top = (PLINTH_M[1] + BUST_M[1]) * scale
    gap = 0.05 * h
    flag_h = (zone_right - margin) * FLAG_RATIO
    star_share = STAR_RADIUS_SHARE / FLAG_RATIO  # star radius as a share of the flag's height
    if features.statue:
        # the star's lowest tip stays above the bust: centre − radius ≥ statue top + gap
        flag_h = min(flag_h, (h - margin - statue_top - gap) / (0.5 + star_share))
    flag_h = min(flag_h, 0.55 * h, h - 2 * margin)
    flag_h = max(flag_h, 0.05 * h)
    # A flag the shop can make: its length a multiple of 30 cm (3 cm for a tiny backdrop), so
    # that both sides are round figures in exact 3:2 (2,4 × 1,6 m; 3,0 × 2,0 m).
    step = 0.3 if flag_h / FLAG_RATIO >= 0.6 else 0.03
    flag_w = max(step, math.floor(flag_h / FLAG_RATIO / step + 1e-9) * step)
    flag_h = flag_w * FLAG_RATIO
    zone_cx = (margin + zone_right) / 2
    flag = Rect(zone_cx - flag_w / 2, h - margin - flag_h, flag_w, flag_h)
    if features.statue:
        plinth = Rect(
            zone_cx - PLINTH_M[0] * scale / 2, 0.0, PLINTH_M[0] * scale, PLINTH_M[1] * scale
        )
        statue = Rect(
            zone_cx - BUST_M[0] * scale / 2, plinth.top, BUST_M[0] * scale, BUST_M[1] * scale
        )
    # The title and the LED screen share the rest of the width.
    left = zone_right + margin
    right = w - margin
    bottom = (flowers_h + margin) if features.flowers else margin
    top = h - margin
    led = None
    title_area = Rect(left, bottom, right - left, top - bottom)
    if features.led:
        title_h = 0.58 * (top - bottom)
        title_area = Rect(left, top - title_h, right - left, title_h)
        led_room_h = title_area.y - margin - bottom
        led_h = led_room_h
        led_w = min(led_h * 16 / 9, 0.6 * (right - left))
        led_h = led_w * 9 / 16
        led = Rect(title_area.cx - led_w / 2, bottom + (led_room_h - led_h) / 2, led_w, led_h)
    pots: list[float] = []
    if features.flowers:
        flowers = Rect(left, 0.0, right - left, flowers_h)
        count = max(2, round(flowers.w / max(flowers_h * 1.4, 0.3)))
        step = flowers.w / count
        pots = [flowers.x + step * (i + 0.5) for i in range(count)]
    wings: list[Rect] = []
    panos: list[Rect] = []
    if features.pano:
        wing_w = _clamp(0.12 * w, 0.6, 2.0)
        wing_gap = 0.25 * wing_w
        for x in (-wing_gap - wing_w, w + wing_gap):
            wing = Rect(x, 0.0, wing_w, h)
            wings.append(wing)
            pano_h = 0.45 * h
            panos.append(Rect(x + 0.1 * wing_w, h - margin - pano_h, 0.8 * wing_w, pano_h))
    return {
        "flag": flag,
        "star_radius": flag_w * STAR_RADIUS_SHARE,
        "plinth": plinth,
        "statue": statue,
        "led": led,
        "title_area": title_area,
        "flowers": flowers,
        "pots": pots,
        "wings": wings,
        "panos": panos,
    }


def plan_backdrop(
    width: float,
    height: float,
    title_block: str,
    *,
    features: Features | None = None,
    heading: str = "",
    measure: Measure | None = None,
    assumed_size: bool = False,
) -> BackdropPlan:
    """The backdrop drawn to scale with `title_block` (lines separated by "\\n") on it."""
    features = features or Features()
    frame = backdrop_frame(width, height, features)
    paragraphs = [p for p in vn.clean_text(title_block).split("\n") if p.strip()]
    block = layout_text_block(
        paragraphs,
        frame["title_area"],
        roles=line_roles(paragraphs, heading),
        measure=measure,
    )
    return BackdropPlan(
        width=float(width),
        height=float(height),
        assumed_size=assumed_size,
        flag=frame["flag"],
        star_radius=frame["star_radius"],
        plinth=frame["plinth"],
        statue=frame["statue"],
        led=frame["led"],
        title=block,
        flowers=frame["flowers"],
        pots=frame["pots"],
        wings=frame["wings"],
        panos=frame["panos"],
    )


# Fitting the title block to the backdrop (break_balanced at every candidate size, each line
# measured in the printed font) is the costly part of reading the decoration, and every page
# that runs the pre-signature checks quotes it through the plan (issue 19: ~15 ms at each first
# view after a change). The result depends on the arguments alone — the font is registered once
# per process and `measure` is a module-level function —, so it is kept by them: a change
# elsewhere in the conference (a delegate, an award, the notes) finds the same title laid out.
@functools.lru_cache(maxsize=64)
def generated_title_block(
    *,
    kind: str,
    issuer: str,
    title: str,
    place: str,
    day: dt.date,
    width: float,
    height: float,
    features: Features | None = None,
    full_date: bool = True,
    month_known: bool = True,
    measure: Measure | None = None,
) -> str:
    """The title block written from the conference, broken into lines for this backdrop."""
    paragraphs = title_block_paragraphs(
        kind=kind,
        issuer=issuer,
        title=title,
        place=place,
        day=day,
        full_date=full_date,
        month_known=month_known,
    )
    frame = backdrop_frame(width, height, features or Features())
    block = layout_text_block(
        paragraphs,
        frame["title_area"],
        roles=line_roles(paragraphs, heading_word(kind)),
        measure=measure,
    )
    return block.text


def banner_block(text: str, *, measure: Measure | None = None) -> TextBlock:
    """The welcome banner's text in capitals, at most as large as the banner allows."""
    width, height = BANNER_SIZE_M
    margin = 0.08 * height
    area = Rect(margin * 2, margin, width - 4 * margin, height - 2 * margin)
    paragraphs = [vn.upper_vn(p) for p in vn.clean_text(text).split("\n") if p.strip()]
    return layout_text_block(paragraphs, area, roles=["title"] * len(paragraphs), measure=measure)


# --------------------------------------------------------------------------- the checklist


class _Item(Protocol):
    id: int
    position: int
    area: str
    item: str
    quantity: int
    unit: str
    placement: str
    text: str
    responsible: str
    days_before: int
    status: str
    unit_cost: int
    notes: str


def ordered(items: Iterable[_Item]) -> list[_Item]:
    """Items as the checklist shows them: by area (stage, hall, outside), then by position."""
    areas = list(DECOR_AREAS)
    return sorted(
        items, key=lambda i: (areas.index(i.area) if i.area in areas else 99, i.position, i.id)
    )


def quantity_label(quantity: int, unit: str) -> str:
    return f"{vn.format_number(quantity)} {vn.clean_text(unit)}".strip()


def resolved_text(
    text: str, title_block: str, welcome_banner: str, ordinal: int | None = None
) -> str:
    """An item's text with the backdrop's own texts put in where the item refers to them, and
    its "LẦN THỨ …" worded with the conference's ordinal (with_ordinal)."""
    clean = vn.clean_text(text)
    if clean == TEXT_FROM_TITLE_BLOCK:
        return title_block
    if clean == TEXT_FROM_WELCOME_BANNER:
        return welcome_banner
    return with_ordinal(clean, ordinal)


# The gap a Đại hội's texts leave for its edition, in capitals on a title block ("LẦN THỨ …",
# the dai_hoi.xa preset's backdrop) or not ("lần thứ …", its banner).
_ORDINAL_GAP = re.compile(r"(lần thứ)\s*(?:…|\.\.\.)", re.IGNORECASE)


def with_ordinal(text: str, ordinal: int | None) -> str:
    """The first "lần thứ …" / "LẦN THỨ …" of a decoration text worded with the conference's
    ordinal ("LẦN THỨ VIII"), as the plan words the title (plan.logic.with_ordinal; a later gap
    names another congress); the text as it is while no ordinal is set."""
    if not ordinal or not text:
        return text
    match = _ORDINAL_GAP.search(text)
    if match is None:
        return text
    from ..plan.logic import roman  # one Roman numeral writer for the plan and the decoration

    return f"{text[: match.start()]}{match.group(1)} {roman(ordinal)}{text[match.end() :]}"


@dataclass
class ChecklistRow:
    number: int
    item_id: int
    area: str
    item: str
    quantity: str
    placement: str
    text: str
    responsible: str
    deadline: str
    days_before: str
    status: str
    status_label: str
    overdue: bool
    unit_cost: int
    cost: int
    notes: str

    @property
    def done(self) -> bool:
        return self.status == "done"


@dataclass
class ChecklistGroup:
    area: str
    label: str
    rows: list[ChecklistRow]


@dataclass
class Checklist:
    """The checklist as the page and the printout show it, already worded."""

    groups: list[ChecklistGroup]
    total: int
    done: int
    progress: int
    total_cost: int

    @property
    def rows(self) -> list[ChecklistRow]:
        return [row for group in self.groups for row in group.rows]


def checklist(
    items: Iterable[_Item],
    day: dt.date,
    today: dt.date,
    *,
    title_block: str = "",
    welcome_banner: str = "",
    ordinal: int | None = None,
) -> Checklist:
    """The items grouped by area, numbered, with their deadlines worked out from the day."""
    rows_by_area: dict[str, list[ChecklistRow]] = {area: [] for area in DECOR_AREAS}
    all_items = ordered(items)
    for number, item in enumerate(all_items, start=1):
        rows_by_area.setdefault(item.area, []).append(
            ChecklistRow(
                number=number,
                item_id=item.id,
                area=item.area,
                item=item.item,
                quantity=quantity_label(item.quantity, item.unit),
                placement=item.placement,
                text=resolved_text(item.text, title_block, welcome_banner, ordinal),
                responsible=item.responsible,
                deadline=deadline_label(day, item.days_before),
                days_before=days_before_label(item.days_before),
                status=item.status,
                status_label=STATUSES.get(item.status, item.status),
                overdue=is_overdue(day, item.days_before, item.status, today),
                unit_cost=item.unit_cost,
                cost=item.unit_cost * item.quantity,
                notes=item.notes,
            )
        )
    groups = [
        ChecklistGroup(area=area, label=DECOR_AREAS.get(area, area), rows=rows)
        for area, rows in rows_by_area.items()
        if rows
    ]
    done = sum(1 for item in all_items if item.status == "done")
    return Checklist(
        groups=groups,
        total=len(all_items),
        done=done,
        progress=progress(all_items),
        total_cost=sum(i.unit_cost * i.quantity for i in all_items),
    )


def progress(items: Sequence[_Item]) -> int:
    """Share of the items done, in whole per cent (0 with no items)."""
    if not items:
        return 0
    return round(100 * sum(1 for i in items if i.status == "done") / len(items))


MAX_CARD_DEADLINES = 3
MAX_NAMES_PER_LINE = 3


def todo_lines(
    items: Iterable[_Item], day: dt.date, has_backdrop: bool, today: dt.date | None = None
) -> list[str]:
    """The dashboard card's list: what is not done yet, grouped by deadline, soonest first.

    "Hạn Thứ Năm, 14/01/2027: Quốc kỳ, Pano, Cây cảnh và 4 mục khác"; a passed deadline reads
    "Quá hạn Thứ Hai, …". "Chưa có kích thước phông" comes first while the size is missing.
    """
    lines: list[str] = []
    if not has_backdrop:
        lines.append("Chưa có kích thước phông")
    by_deadline: dict[dt.date, list[str]] = {}
    for item in ordered(items):
        if item.status != "done":
            by_deadline.setdefault(deadline(day, item.days_before), []).append(item.item)
    dates = sorted(by_deadline)
    for when in dates[:MAX_CARD_DEADLINES]:
        names = by_deadline[when]
        shown = ", ".join(names[:MAX_NAMES_PER_LINE])
        if len(names) > MAX_NAMES_PER_LINE:
            shown += f" và {len(names) - MAX_NAMES_PER_LINE} mục khác"
        word = "Quá hạn" if today is not None and when < today else "Hạn"
        lines.append(f"{word} {vn.weekday_name(when)}, {vn.format_date_short(when)}: {shown}")
    rest = sum(len(by_deadline[d]) for d in dates[MAX_CARD_DEADLINES:])
    if rest:
        lines.append(f"… và {rest} mục khác có hạn muộn hơn")
    return lines


# --------------------------------------------------------------------------- costs


class CostLine(NamedTuple):
    """One decoration item with a cost, as the budget part reads it."""

    item: str
    quantity: int
    unit: str
    unit_cost: int  # integer đồng, for one unit
    area: str = ""  # DECOR_AREAS code: the budget names the place when two items share a name
    item_id: int | None = None  # the item's row, for a link to its form


def cost_lines(items: Iterable[_Item]) -> list[CostLine]:
    """The items that carry an estimated cost, in checklist order."""
    return [
        CostLine(i.item, i.quantity, i.unit, i.unit_cost, i.area, getattr(i, "id", None))
        for i in ordered(items)
        if i.unit_cost
    ]


# --------------------------------------------------------------------------- next edition


def next_edition(data: dict, years: set[int], offset: int) -> dict:
    """The decoration of next edition's conference ("Nhân bản"), from the file's `decor` value.

    Every item starts again as not done; the years named in the texts move with the conference's
    ("năm 2026" → "năm 2027"), the officer's own title block and banner included. Deadlines are
    relative to the day and need nothing; the backdrop keeps its size.
    """
    items = []
    for item in data.get("items") or []:
        copy = dict(item)
        for name in ("item", "placement", "text", "notes"):
            if copy.get(name):
                copy[name] = shift_years(copy[name], years, offset)
        copy["status"] = "todo"
        items.append(copy)
    backdrop = data.get("backdrop")
    if backdrop:
        backdrop = dict(backdrop)
        for name in ("title_block", "welcome_banner"):
            if backdrop.get(name):
                backdrop[name] = shift_years(backdrop[name], years, offset)
    return {**data, "items": items, "backdrop": backdrop}
