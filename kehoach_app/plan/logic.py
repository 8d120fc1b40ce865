"""The Kế hoạch assembled from the conference: blocks of text, each editable, in the seeds' order.

Pure functions: `plan_blocks(PlanInputs)` words every section from plain data; `with_edits`
lays the officer's own wording over it and says where the data changed under an edit. The
printout draws the result; the page shows it for editing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import vn
from ..conferences.logic import is_exact, planned_date_text
from ..conferences.vocab import LENGTHS, event_noun
from ..tasks.logic import TaskData, describe_deadline, unit_key

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# How long the conference lasts, as the seeds write it in "Thời gian:".
LENGTH_WORDS = {"session": "01 buổi", "half_day": "½ ngày", "full_day": "01 ngày"}


@dataclass(frozen=True)
class ProgrammeLine:
    title: str
    presenter: str = ""
    unit: str = ""
    is_break: bool = False
    # The plan's own words on the item, printed after it here and nowhere else (agenda
    # plan_note, seed 004 "(Báo cáo phải nêu được …)").
    note: str = ""


@dataclass(frozen=True)
class GroupLine:
    name: str
    planned: int


@dataclass(frozen=True)
class DecorLine:
    area: str
    item: str
    placement: str = ""
    text: str = ""
    quantity: int = 1
    unit: str = ""
    days_before: int = 1


@dataclass(frozen=True)
class LevelLine:
    """One level a Đại hội các cấp plan orders (plan/models.CongressLevel, seed 004)."""

    name: str
    form: str = ""
    participants: str = ""
    size: str = ""
    duration: str = ""
    quarter: int | None = None
    year: int | None = None
    time_text: str = ""


@dataclass
class PlanInputs:
    """Everything the Kế hoạch says, as plain data read from the conference and its parts."""

    values: dict  # Conference.values()
    programme: list[ProgrammeLine] = field(default_factory=list)
    groups: list[GroupLine] = field(default_factory=list)
    tasks: list[TaskData] = field(default_factory=list)
    decor: list[DecorLine] = field(default_factory=list)
    budget_total: int | None = None
    # The estimate's printed bases (only figures confirmed against their documents: issue 16).
    budget_bases: list[str] = field(default_factory=list)
    # The levels of a Đại hội các cấp plan (seed 004); none for a single conference.
    levels: list[LevelLine] = field(default_factory=list)


@dataclass(frozen=True)
class PlanBlock:
    """One piece of the plan. `key` is set on the paragraphs the officer may rewrite.

    kind: "heading" (level 1 = "I. …", 2 = "1. …"), "paragraphs" (one paragraph a line),
    "bullets" (one "- " item a line; a line starting "+ " is a sub-item).
    """

    kind: str
    text: str
    level: int = 1
    key: str = ""
    run_in: bool = False  # a heading printed at the start of the next block's first line
    # kind "table": the rows, each a tuple of cells ("\n" inside a cell: a line break); seed
    # 003's backdrop printed as its three columns.
    rows: tuple = ()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


# A report, a speech text or a tham luận is "trình bày" (seed 000 "(Lãnh đạo Ủy ban nhân dân
# tỉnh trình bày)"); anything else a unit does is "thực hiện" (seed 000 "(Đài Phát thanh và
# Truyền hình Thái Bình thực hiện)").
_PRESENTED = ("báo cáo", "tham luận", "diễn văn", "dự thảo", "tờ trình")
_PERFORMER_VERBS = ("trình bày", "thực hiện", "phát biểu", "điều hành", "trình chiếu")


def _performer(line: ProgrammeLine) -> str:
    who = " - ".join(part for part in (line.presenter, line.unit) if part)
    if not who:
        return ""
    if who.lower().rstrip(". ").endswith(_PERFORMER_VERBS):  # the officer wrote the verb
        return f" ({who.rstrip('. ')})"
    verb = "trình bày" if line.title.lower().startswith(_PRESENTED) else "thực hiện"
    return f" ({who} {verb})"


def time_sentence(values: dict, with_length: bool | None = None) -> str:
    """'Thời gian: ½ ngày, bắt đầu lúc 07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027.'

    A day not fixed or still "dự kiến" (issue 17) has no start time yet and is written short:
    "½ ngày, dự kiến ngày 18 hoặc ngày 19/01/2024" (seed 000), "01 buổi, dự kiến vào cuối tháng
    02/2025 (…)" (seed 001). `with_length` (the thoi-gian section's option "length"; default: not
    for a quarter, seed 002 "Thời gian: Trong quý I năm 2024 (…)") drops the length.
    """
    length = LENGTH_WORDS.get(values["length"], LENGTHS.get(values["length"], ""))
    if with_length is None:
        with_length = values.get("date_kind") != "quarter"
    fixed = is_exact(values) and not values.get("date_tentative")
    when = planned_date_text(values, weekday=fixed)
    if fixed:
        when = f"bắt đầu lúc {vn.format_time(values['start_time'])}, {when}"
    if with_length and length:
        return f"Thời gian: {length}, {when}."
    return f"Thời gian: {when[:1].upper()}{when[1:]}."


def place_sentence(values: dict) -> str:
    address = f" ({values['venue_address']})" if values.get("venue_address") else ""
    return f"Địa điểm: {values['venue']}{address}."


def _programme_line(line: ProgrammeLine) -> str:
    """An item as the plan lists it, with who performs it and the plan's note on it, as seed
    004 writes them: a note in brackets follows the item ("… giai đoạn 2020 - 2025 (Báo cáo
    phải nêu được …)"), any other is the next sentence ("… (tập thể và cá nhân). Chú trọng lựa
    chọn …"). Beside a performer's bracket a bracketed note becomes that next sentence too, so
    two brackets never follow each other ("… (Lãnh đạo Ủy ban nhân dân trình bày). Nêu những
    nét mới …")."""
    item = f"{line.title}{_performer(line)}"
    note = line.note.strip().rstrip(".;").rstrip()
    if not note or note in line.title:  # already in the title (an undo step saved before 0022)
        return item
    bracketed = note.startswith("(") and note.endswith(")")
    if bracketed and not _performer(line):
        return f"{item} {note}"
    if bracketed:
        note = note[1:-1].strip()
    return f"{item.rstrip('.;')}. {note[:1].upper()}{note[1:]}"


def _programme_block(inputs: PlanInputs) -> PlanBlock:
    lines = [f"- {_programme_line(line)};" for line in inputs.programme]
    if lines:
        lines[-1] = lines[-1].rstrip(";") + "."
    else:
        lines = ["- (Chương trình chi tiết sẽ có sau.)"]
    return PlanBlock("bullets", "\n".join(lines), key="programme")


# "Ở Trung ương: Thành viên Hội đồng…", "Cấp tỉnh: Đại diện Thường trực Tỉnh ủy": a delegate
# group named with its level before a colon is listed under that level's sub-heading (seed 000
# "1.1. Ở Trung ương", seed 001 "1. Cấp tỉnh", seed 003 "a) Đại biểu cấp tỉnh"). The delegate
# groups have no level field: the name is the only place the officer can say it.
_LEVEL_LABEL = re.compile(
    r"^\s*((?:Ở|Cấp|Đại biểu cấp|Đại biểu|Khách mời)\s+[^:]{1,40}?)\s*:\s*(.*)$", re.IGNORECASE
)
_LEVEL_WORDS = ("trung ương", "tỉnh", "huyện", "thị xã", "thành phố", "xã", "phường", "cơ sở")


def group_level(name: str) -> tuple[str, str]:
    """('Ở Trung ương', 'Thành viên Hội đồng …') for a name that starts with a level, else
    ('', name)."""
    match = _LEVEL_LABEL.match(name or "")
    if match and any(word in match.group(1).lower() for word in _LEVEL_WORDS):
        return match.group(1).strip(), match.group(2).strip()
    return "", (name or "").strip()


def _subhead_label(style: str, number: str, index: int) -> str:
    if style == "chu":
        return f"{'abcdefghiklmnopqrstuvxy'[min(index, 22)]})"
    return f"{number}{index + 1}." if number else f"{index + 1}."


def _delegates_block(inputs: PlanInputs, options: dict, number: str = "") -> PlanBlock:
    """The thành phần: the conference's total, then its groups (with their counts, "(02 đại
    biểu)"), under level sub-headings when the groups' names carry levels.

    The total is the conference's "Số đại biểu dự kiến"; the groups are its breakdown. While the
    groups add up to another figure the block still prints both as they are (no figure is
    invented or hidden) and the pre-signature check blocks the plan (delegates/checks.py).
    Options (per section, docs/plan.md): total "dau" | "cuoi" | "khong"; counts; subheads
    "so" (1.1.) | "chu" (a)) | "khong". `number` is the section's own number ("1." → "1.1.").
    """
    total = vn.format_count(inputs.values["planned_delegates"], "đại biểu")
    if options.get("about"):  # a figure not yet final: "Khoảng 180 đại biểu, gồm:" (seed 002)
        total = f"khoảng {total}"
    where = options.get("total", "dau")
    counts = options.get("counts", True)
    style = options.get("subheads", "so")
    levelled = [(*group_level(g.name), g.planned) for g in inputs.groups]
    # Sub-headings only when the groups name two levels at least (one labelled group among
    # others is a group's name, not a division of the list).
    use_levels = style != "khong" and len({label for label, _, _ in levelled if label}) >= 2
    lines: list[str] = []

    def item(name: str, planned: int) -> str:
        count = f" ({vn.format_count(planned, 'đại biểu')})" if counts and planned else ""
        return f"- {name}{count};"

    if use_levels:
        if where == "dau":
            lines.append(f"Tổng số đại biểu: {total}.")
        index, current = -1, None
        for label, name, planned in levelled:
            if label and label == current:
                lines.append(item(name, planned))
                continue
            index += 1
            current = label or None
            head = _subhead_label(style, number, index)
            if label:
                lines.append(f"{head} {label}:")
                if name:
                    lines.append(item(name, planned))
            else:  # a group of its own level ("3. Các tập thể được tặng Cờ Thi đua …")
                count = f" ({vn.format_count(planned, 'đại biểu')})" if counts and planned else ""
                lines.append(f"{head} {name}{count}.")
        _close_bullets(lines)
    else:
        if where == "dau" and inputs.groups:
            # "3. Thành phần: 180 đại biểu, gồm:" when the heading runs in (seed 002)
            lead = "" if options.get("run_in") else "Tổng số đại biểu: "
            lines.append(_sentence(f"{lead}{total}, gồm:"))
        lines.extend(item(g.name, g.planned) for g in inputs.groups)
        _close_bullets(lines)
        if where == "dau" and not inputs.groups:
            lines = [f"Tổng số đại biểu: {total}."]
    if where == "cuoi":
        lines.append(f"Số lượng đại biểu dự kiến: {total}.")
    return PlanBlock("bullets", "\n".join(line for line in lines if line), key="delegates")


def _close_bullets(lines: list[str]) -> None:
    """Each run of "- " items ends with a full stop instead of its ";"."""
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if line.startswith("- ") and line.endswith(";") and not following.startswith("- "):
            lines[i] = line[:-1] + "."


# A funding text the officer wrote as the section's sentence (seeds 001–003: "Nguồn kinh phí
# thực hiện: Từ nguồn chi …", "Kinh phí tổ chức Hội nghị tổng kết … được sử dụng từ nguồn …")
# prints as typed; a source alone (the presets offer "Quỹ thi đua, khen thưởng của thị xã") is
# put in the generated sentence.
_FUNDING_SENTENCE = re.compile(
    r"^(nguồn kinh phí|kinh phí (tổ chức|thực hiện|hội nghị|đại hội))", re.I
)


def funding_is_sentence(source: str) -> bool:
    source = source.strip()
    return bool(_FUNDING_SENTENCE.match(source)) or ":" in source[:40]


def _budget_block(inputs: PlanInputs, options: dict | None = None) -> PlanBlock:
    """The kinh phí: the officer's funding sentence as typed, or "Kinh phí tổ chức Hội nghị: từ
    <source>." from the source; then the estimate's total (option `total`) and, only when the
    option `muc_chi` asks for it, "Mức chi theo dự toán …" (none of the seeds writes it)."""
    options = options or {}
    typed = (inputs.values.get("funding_source") or "").strip()
    noun = event_noun(inputs.values.get("kind") or "")
    if typed and funding_is_sentence(typed):
        text = typed if typed.endswith((".", "!", "?")) else typed + "."
    else:
        source = typed or "nguồn kinh phí được giao"
        text = f"Kinh phí tổ chức {noun}: từ {_lower_source(source)}."
        if options.get("run_in"):  # "2. Kinh phí Hội nghị: Từ Quỹ thi đua, …" (seed 000)
            text = f"Từ {_lower_source(source)}."
    if inputs.budget_total and options.get("total", True):
        total = vn.format_money(inputs.budget_total)
        words = vn.amount_in_words(inputs.budget_total)
        # "Bằng chữ: … đồng." closes with its full stop, as on the estimate and the money list.
        text += f" Tổng dự toán: {total}, theo dự toán kèm theo. Bằng chữ: {words}."
        if inputs.budget_bases:
            bases = "; ".join(vn.clean_text(b).rstrip(".") for b in inputs.budget_bases)
            text += f" Căn cứ lập dự toán: {bases}."
    elif not inputs.budget_total and options.get("muc_chi"):
        text += " Mức chi theo dự toán được cấp có thẩm quyền phê duyệt."
    return PlanBlock("paragraphs", text, key="budget")


def _lower_source(source: str) -> str:
    source = source.strip().rstrip(".")
    if source.lower().startswith("từ "):
        source = source[3:]
    # "Quỹ thi đua…" keeps its capital (a fund's name); a common word is lowered.
    return source if source[:3] in ("Quỹ", "Ngâ") else source[:1].lower() + source[1:]


def _decor_lines(decor: Sequence[DecorLine]) -> list[str]:
    """'Trong Hội trường: + …' then 'Ngoài Hội trường: + …', as seeds 000 and 003 write it.

    What is hung is printed as it is hung: a text of several lines (the backdrop's title block)
    follows its item line by line, as seed 000 prints its "+ Tiêu đề:"; a one-line text (the
    welcome banner) goes in quotes after the item."""
    inside = [d for d in decor if d.area in ("san_khau", "trong_hoi_truong")]
    outside = [d for d in decor if d.area == "ngoai_hoi_truong"]
    lines: list[str] = []
    for heading, items in (("Trong Hội trường:", inside), ("Ngoài Hội trường:", outside)):
        if not items:
            continue
        lines.append(heading)
        for item in items:
            named = _item_with_note(item)
            text_lines = _lines(item.text)
            if len(text_lines) > 1:
                lines.append(f"+ {named}:".replace("::", ":"))
                lines.extend(text_lines)
                continue
            text = f" “{text_lines[0]}”" if text_lines else ""
            lines.append(f"+ {named}{text}".rstrip(".") + ";")
    return lines


_DECOR_VERBS = ("treo", "đặt", "bố trí", "trang trí", "gắn", "cắm")


def _item_with_note(item: DecorLine) -> str:
    """ "Tượng Bác Hồ: Đặt trên bục cao" — the item and its note; the note alone (after the
    item's verb) when it names every thing the item lists: seed 000 "Treo Quốc kỳ ở vị trí trang
    trọng, Cờ chuỗi, phướn trước sảnh hội trường, băng khẩu hiệu …", not "Treo Quốc kỳ, Cờ
    chuỗi, phướn, băng khẩu hiệu: Quốc kỳ ở vị trí trang trọng, cờ chuỗi, …"."""
    note = item.placement.strip().rstrip(".;")
    if not note:
        return item.item
    name = item.item.strip()
    verb = next((v for v in _DECOR_VERBS if name.lower().startswith(v + " ")), "")
    things = [t.strip().lower() for t in name[len(verb) :].split(",") if t.strip()]
    if things and all(t in note.lower() for t in things):
        return f"{name[: len(verb)]} {note}".strip() if verb else _sentence(note)
    return f"{name}: {note}"


def _is_backdrop_mark(item: DecorLine) -> bool:
    return item.area == "san_khau" and any(w in item.item for w in ("Quốc kỳ", "Tượng Bác"))


def _decor_table_blocks(decor: Sequence[DecorLine]) -> list[PlanBlock]:
    """Seed 003's layout: "- Bên trong Hội trường:", the backdrop as the three columns it is
    hung in (the organiser | Quốc kỳ, Tượng Bác Hồ | the title and the date line), then the
    other items; "- Bên ngoài Hội trường:" and its items. Without a title of several lines
    (nothing to draw as the backdrop) the items print as lines."""
    title = next((d for d in decor if d.area == "san_khau" and len(_lines(d.text)) > 1), None)
    if title is None:
        lines = _decor_lines(decor)
        return [PlanBlock("bullets", "\n".join(lines), key="decor")] if lines else []
    marks = [d for d in decor if _is_backdrop_mark(d)]
    middle = "\n".join(part.strip() for d in marks for part in d.item.split(","))
    text_lines = _lines(title.text)
    row = (text_lines[0], middle, "\n".join(text_lines[1:]))
    inside = [
        d
        for d in decor
        if d.area in ("san_khau", "trong_hoi_truong") and d is not title and d not in marks
    ]
    outside = [d for d in decor if d.area == "ngoai_hoi_truong"]

    def line(item: DecorLine) -> str:
        text = f" “{_lines(item.text)[0]}”" if _lines(item.text) else ""
        return f"{_item_with_note(item)}{text}".rstrip(".")

    blocks = [
        # a heading, so that it keeps with the table (never alone at a page foot)
        PlanBlock("heading", "- Bên trong Hội trường:", level=3),
        PlanBlock("table", "", rows=(row,)),
    ]
    rest = [f"- {line(d)}." for d in inside]
    if outside:
        rest.append("- Bên ngoài Hội trường:")
        rest.extend(f"+ {line(d)};" for d in outside)
        rest[-1] = rest[-1][:-1] + "."
    if rest:
        blocks.append(PlanBlock("bullets", "\n".join(rest), key="decor"))
    return blocks


def _decor_when(decor: Sequence[DecorLine], noun: str = "Hội nghị") -> str:
    days = min(d.days_before for d in decor)
    return f"trước {days:02d} ngày tổ chức {noun}" if days else f"trong ngày tổ chức {noun}"


# Duties done before, during and after the conference, or all through it: the seeds give them no
# deadline ("Tổ chức tuyên truyền, đưa tin trước, trong và sau Hội nghị", seed 000 mục 4–5).
_ONGOING = ("trước, trong và sau", "trong suốt", "thường xuyên", "trong quá trình")


def task_when(task: TaskData, event_day, noun: str = "Hội nghị") -> str:
    """The deadline in brackets after a task of the plan, or '' for none; `noun` is the kind's
    (conferences.vocab.event_noun: "trước 90 ngày tổ chức Đại hội", issue 17).

    Decided by the deadline kind: "none" has none; "days_before" 0 is the conference day itself,
    which is when the duty is done, not a deadline (the seeds never write "hoàn thành trong ngày
    tổ chức Hội nghị"); an ongoing duty (by its words) has none whatever its kind."""
    if task.deadline_kind == "none" or any(w in task.title.lower() for w in _ONGOING):
        return ""
    if task.deadline_kind == "days_before" and not task.days_before:
        return ""
    deadline = describe_deadline(task, event_day, noun)
    phrase = document_dates(_strip_date(deadline.phrase))
    if deadline.inline:  # "… trước ngày 10/01/2025", "… chậm nhất vào ngày 15/01/2025" (seed 001)
        return f" {phrase}" if phrase else ""
    return f" ({phrase})" if phrase else ""


_SHORT_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH_YEAR = re.compile(r"\btháng (\d{1,2})/(\d{4})\b")


def document_dates(text: str) -> str:
    """Dates in a sentence of the plan written as Nghị định 30/2020 (Phụ lục I) and the seeds
    write them: the day with two digits, the months 1 and 2 with a leading 0, the others
    without ("trước ngày 10/01/2025", "trước ngày 20/3/2020", "trước ngày 30/8/2024") — one
    format in the whole document, as the planned date (conferences.logic) writes it."""

    def month(m: str) -> str:
        return f"{int(m):02d}" if int(m) in (1, 2) else str(int(m))

    text = _SHORT_DATE.sub(lambda m: f"{int(m[1]):02d}/{month(m[2])}/{m[3]}", text)
    return _MONTH_YEAR.sub(lambda m: f"tháng {month(m[1])}/{m[2]}", text)


_SUB_ITEM = re.compile(r"^[-+•*]\s+")


def task_parts(title: str) -> tuple[str, list[str]]:
    """A duty's own line and its sub-items: the lines after the first, each starting "- " or
    "+ " (or any line after the first), as seed 003 lists the tham luận units under one duty
    with one date ("+ Đề nghị Liên đoàn Lao động thị xã: …")."""
    lines = _lines(title)
    if not lines:
        return "", []
    return lines[0], [_SUB_ITEM.sub("", line) for line in lines[1:] if _SUB_ITEM.sub("", line)]


# A unit named by a quantifier ("Các cơ quan, đơn vị, tổ dân phố") starts with a capital in the
# tasks' table but not inside a sentence; a body's name ("Sở Nội vụ", "Ủy ban nhân dân") keeps it.
_QUANTIFIERS = ("Các ", "Những ", "Mọi ", "Toàn thể ")


def _in_sentence(unit: str) -> str:
    return unit[:1].lower() + unit[1:] if unit.startswith(_QUANTIFIERS) else unit


def with_support(head: str, support_units: Sequence[str]) -> str:
    """A duty with its supporting units, "phối hợp" written once and where it reads (issue 17):
    not at all when the duty already names whom it works with ("Chủ trì, phối hợp …", "… cùng
    với …", or a supporting unit named in it); "Chủ trì, phối hợp với <units> <duty>" at the
    start otherwise — as seeds 000 and 003 write it. Appended after a duty of several clauses
    ("… xem xét, giải quyết, phối hợp với Sở Nội vụ") it read as one more thing to do."""
    units = [u.strip() for u in support_units if u and u.strip()]
    lowered = head.lower()
    if not units or "phối hợp" in lowered or " cùng với " in lowered:
        return head
    if any(u.lower() in lowered for u in units):
        return head
    partners = f"phối hợp với {', '.join(_in_sentence(u) for u in units)}"
    match = re.match(r"(chủ trì)\s*,?\s*", head, re.IGNORECASE)
    if match:  # "Chủ trì xây dựng …" → "Chủ trì, phối hợp với X xây dựng …"
        rest = head[match.end() :]
        return f"{match.group(1)}, {partners} {rest}".strip()
    return f"Chủ trì, {partners} {head[:1].lower()}{head[1:]}"


def _task_line(task: TaskData, event_day, noun: str = "Hội nghị") -> str:
    """ "- Chủ trì, phối hợp với … <duty> (deadline);" and, under a duty with sub-items, its own
    line ending ":" then each sub-item "+ ….", as seed 003 closes each."""
    head, subs = task_parts(task.title)
    head = with_support(_sentence(head).rstrip(".;:"), task.support_units)
    when = task_when(task, event_day, noun)
    if when.startswith(" (") and head.endswith(")"):
        # "… (qua Sở Nội vụ) (hoàn thành …)": never two brackets in a row; the deadline runs
        # on after the bracket as the seed writes it (seed 004 "… (qua …) trước ngày 30/8/2024").
        when = f", {when[2:-1]}"
    inline = when.startswith(" ") and not when.startswith(" (")
    purpose = re.search(r"(,? cụ thể như sau|,? như sau| để [^().;]*)$", head) if inline else None
    if purpose:
        # "… (qua Phòng Nội vụ) trước ngày 20/3/2020 để tổng hợp, cụ thể như sau:" (seed 003):
        # the date closes the sending, before what it is for.
        line = f"- {_sentence(head[: purpose.start()])}{when}{head[purpose.start() :]}"
    else:
        line = f"- {_sentence(head)}{when}"
    if not subs:
        return f"{line};"
    items = [f"+ {_sentence(s).rstrip(';. ')}." for s in subs]
    return "\n".join([f"{line}:", *items])


# The duty that does the decorating ("Trang trí, khánh tiết, khẩu hiệu Hội nghị"), not one that
# only names it ("Mời lãnh đạo tỉnh kiểm tra công tác trang trí, khánh tiết", seed 000).
_DECOR_DUTY = re.compile(r"^(?:(?:chủ trì|thực hiện|chuẩn bị|tổ chức|phụ trách)[, ]+)?trang trí")


def _is_decor_task(task: TaskData) -> bool:
    return bool(_DECOR_DUTY.match(task.title.strip().lower()))


def task_units(tasks: Sequence[TaskData]) -> dict[str, tuple[str, list[TaskData]]]:
    units: dict[str, tuple[str, list[TaskData]]] = {}
    for task in tasks:
        units.setdefault(unit_key(task.lead_unit), (task.lead_unit, []))[1].append(task)
    return units


def _decor_unit(tasks: Sequence[TaskData]) -> str | None:
    return next((unit_key(t.lead_unit) for t in tasks if _is_decor_task(t)), None)


def _task_block(inputs: PlanInputs, key: str, tasks: list[TaskData], with_decor: bool):
    """One lead unit's duties, supporting units named in each item; the decoration listed under
    its "Trang trí" duty (once: the duty's own line heads the list, seed 000)."""
    event_day = inputs.values["date"]
    noun = event_noun(inputs.values.get("kind") or "")
    lines = []
    decor_done = False
    for task in tasks:
        line = _task_line(task, event_day, noun)
        if with_decor and not decor_done and _is_decor_task(task):
            lines.append(line.rstrip(";") + ":")
            decor = _decor_lines(inputs.decor)
            if decor and decor[-1].endswith(";"):
                decor[-1] = decor[-1][:-1] + "."  # the list ends before the next duty
            lines.extend(decor)
            decor_done = True
        else:
            lines.append(line)
    if with_decor and not decor_done:
        when = _decor_when(inputs.decor, noun)
        lines.append(f"- Trang trí, khánh tiết {noun} (hoàn thành {when}):")
        lines.extend(_decor_lines(inputs.decor))
    if lines:
        lines[-1] = lines[-1].rstrip(";:.") + "."
    return PlanBlock("bullets", "\n".join(lines), key=f"tasks:{key}")


def _strip_date(phrase: str) -> str:
    """The seeds write 'hoàn thành trước 05 ngày tổ chức Hội nghị' without the computed date (a
    fixed date keeps its "chậm nhất ngày 20/03/2020": that is the deadline itself)."""
    return phrase.split(" (chậm nhất ngày")[0].split(" (ngày")[0]


# Phrases the title's lines never split (issue 17 review: "khen / thưởng", "Hưng / Yên",
# "2025 - / 2030"): a compound, a year range, an edition; the place's name is added per plan.
_TITLE_PHRASES = (
    r"Thi đua - Khen thưởng",
    r"thi đua",
    r"khen thưởng",
    r"\d{4}\s*-\s*\d{4}",
    r"lần thứ [IVXLCDM]+",
    r"yêu nước",
)


def subtitle(values: dict) -> str:
    return f"Tổ chức {values['title']}"


def keep_phrases(text: str, names: Sequence[str] = ()) -> str:
    """The title with its phrases and the place's name (`names`) joined by no-break spaces, so
    the printed title breaks only between them (printing.layout.wrap_lines, PDF and DOCX
    alike); applied by the printout only, the sheet's and the page's text keep plain spaces."""
    patterns = [re.escape(n.strip()) for n in names if n and " " in n.strip()]
    pattern = re.compile("|".join([*patterns, *_TITLE_PHRASES]), re.IGNORECASE)
    return pattern.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)


# --------------------------------------------------------------------------- the outline

FREE = "tu-do:"  # the key prefix of a section the officer wrote himself


@dataclass(frozen=True)
class SectionSpec:
    """A section the data gives: its stable key, heading (without number) and level."""

    key: str
    heading: str
    level: int
    run_in: bool = False  # "2. Thời gian: ½ ngày, …": the heading starts the paragraph
    hidden: bool = False  # hidden unless the outline shows it


@dataclass(frozen=True)
class OutlineEntry:
    """The officer's (or the preset's) word on one section: its place (the entry's order),
    heading ('' = the generated one), level (0 = the generated one), whether it is hidden,
    a free section's text, and the section's options (docs/plan.md)."""

    key: str
    title: str = ""
    level: int = 0
    hidden: bool | None = None
    text: str = ""
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PlacedSection:
    """A section where it stands in the plan, numbered ('' when hidden or without heading)."""

    key: str
    heading: str
    level: int
    hidden: bool
    number: str
    options: dict
    generated_heading: str
    free: bool = False
    text: str = ""
    run_in: bool = False
    parent_hidden: bool = False
    in_outline: bool = False

    @property
    def shows_heading(self) -> bool:
        return self.options.get("heading", True)

    @property
    def printed(self) -> bool:
        return not (self.hidden or self.parent_hidden)


# Headings of the data's sections, in the order of seeds 000 and 001.
GENERATED_HEADINGS = {
    "muc-dich": "MỤC ĐÍCH, YÊU CẦU",
    "noi-dung": "NỘI DUNG, CHƯƠNG TRÌNH, THỜI GIAN, ĐỊA ĐIỂM",
    "chuong-trinh": "Nội dung, chương trình Hội nghị",
    "thoi-gian": "Thời gian",
    "dia-diem": "Địa điểm",
    "thanh-phan": "THÀNH PHẦN ĐẠI BIỂU",
    "kinh-phi": "KINH PHÍ",
    "to-chuc": "TỔ CHỨC THỰC HIỆN",
    "trang-tri": "Trang trí, khánh tiết",
    "chi-dao": "Những nội dung tập trung chỉ đạo từ nay đến",
    "cap": "Hình thức, thành phần, thời gian tổ chức Đại hội hoặc Hội nghị thi đua",
}


def section_specs(inputs: PlanInputs) -> list[SectionSpec]:
    """The sections the data gives, in their default order."""
    h = dict(GENERATED_HEADINGS)
    noun = event_noun(inputs.values.get("kind") or "")
    h["chuong-trinh"] = h["chuong-trinh"].replace("Hội nghị", noun)
    specs = [
        SectionSpec("muc-dich", h["muc-dich"], 1),
        SectionSpec("noi-dung", h["noi-dung"], 1),
    ]
    if inputs.levels:
        # A Đại hội các cấp plan (seed 004): what every level works on until the congress,
        # then the levels' forms, participants and times.
        congress = own_congress(inputs.values)
        specs.append(SectionSpec("chi-dao", f"{h['chi-dao']} {congress}", 2))
        specs.append(SectionSpec("cap", h["cap"], 2))
    specs += [
        SectionSpec("chuong-trinh", h["chuong-trinh"], 2),
        SectionSpec("thoi-gian", h["thoi-gian"], 2, run_in=True),
        SectionSpec("dia-diem", h["dia-diem"], 2, run_in=True),
        SectionSpec("thanh-phan", h["thanh-phan"], 1),
        SectionSpec("kinh-phi", h["kinh-phi"], 1),
        SectionSpec("to-chuc", h["to-chuc"], 1),
    ]
    specs += [
        SectionSpec(f"nv:{key}", unit, 2) for key, (unit, _) in task_units(inputs.tasks).items()
    ]
    if inputs.decor:
        # Listed under the unit that does the decorating (seed 000) unless the outline shows
        # it as a section of its own (seed 003 "4. Trang trí, khánh tiết Hội nghị").
        hidden = _decor_unit(inputs.tasks) is not None
        specs.append(SectionSpec("trang-tri", h["trang-tri"], 2, hidden=hidden))
    return specs


def arrange(specs: Sequence[SectionSpec], outline: Sequence[OutlineEntry]) -> list[PlacedSection]:
    """The sections in the outline's order with its headings, levels and options; a section the
    data gives that the outline does not name goes after the one it follows by default (a new
    lead unit after the last); an outline entry whose data is gone is skipped. Numbers: I., II.
    for level 1, 1., 2. within each level-1 section; a hidden section takes none, and hides the
    sections under it."""
    by_key = {s.key: s for s in specs}
    rows: list[tuple[SectionSpec | None, OutlineEntry | None]] = []
    seen: set[str] = set()
    for entry in outline:
        if entry.key.startswith(FREE) or (entry.key in by_key and entry.key not in seen):
            rows.append((by_key.get(entry.key), entry))
            seen.add(entry.key)
    for index, spec in enumerate(specs):
        if spec.key in seen:
            continue
        position = 0
        for earlier in reversed(specs[:index]):
            found = [i for i, (s, _) in enumerate(rows) if s is not None and s.key == earlier.key]
            if found:
                position = found[0] + 1
                break
        rows.insert(position, (spec, None))
        seen.add(spec.key)
    placed: list[PlacedSection] = []
    roman = arabic = 0
    parent_hidden = False
    for spec, entry in rows:
        generated = spec.heading if spec else ""
        level = (entry.level if entry and entry.level else 0) or (spec.level if spec else 1)
        hidden = entry.hidden if entry and entry.hidden is not None else bool(spec and spec.hidden)
        options = dict(entry.options) if entry else {}
        run_in = options.get("run_in", spec.run_in if spec else False)
        heading = (entry.title if entry and entry.title else "") or generated
        if level == 1:
            parent_hidden = False
        under_hidden = level > 1 and parent_hidden
        number = ""
        if not hidden and not under_hidden and options.get("heading", True):
            if level == 1:
                roman += 1
                arabic = 0
                number = f"{ROMAN[roman - 1] if roman <= len(ROMAN) else roman}."
            else:
                arabic += 1
                number = f"{arabic}."
        if level == 1 and hidden:
            parent_hidden = True
        placed.append(
            PlacedSection(
                key=entry.key if entry else spec.key,
                heading=heading,
                level=level,
                hidden=hidden,
                number=number,
                options=options,
                generated_heading=generated,
                free=spec is None,
                text=entry.text if entry else "",
                run_in=run_in,
                parent_hidden=under_hidden,
                in_outline=entry is not None,
            )
        )
    return placed


def _section_body(
    inputs: PlanInputs, section: PlacedSection, decor_alone: bool, units: dict
) -> list[PlanBlock]:
    values = inputs.values
    key = section.key
    if section.free:
        return [PlanBlock("paragraphs", section.text)] if section.text.strip() else []
    if key == "muc-dich":
        # numbered (seeds 001–004) or dashed (seed 000: option list = "gach")
        dashed = section.options.get("list") == "gach"
        lines = _lines(values["purposes"])
        split = int(section.options.get("split") or 0)
        if 0 < split < len(lines):
            # "1. Mục đích" (dashed) then "2. Yêu cầu" holding the last `split` lines (seed 003)
            aims, needs = lines[:-split], lines[-split:]
            text = "\n".join(
                ["1. Mục đích", *(f"- {_sentence(p)}" for p in aims), "2. Yêu cầu"]
                + [(f"- {_sentence(p)}" if len(needs) > 1 else _sentence(p)) for p in needs]
            )
            return [PlanBlock("paragraphs", text, key="purposes")]
        purposes = [f"{'-' if dashed else f'{n}.'} {_sentence(p)}" for n, p in enumerate(lines, 1)]
        text = "\n".join(purposes) or "(Chưa có mục đích, yêu cầu.)"
        return [PlanBlock("paragraphs", text, key="purposes")]
    if key == "chi-dao":
        # The kind's words (its outline's text) until the officer rewrites the paragraph.
        text = section.text.strip() or "- (Nội dung tập trung chỉ đạo.)"
        return [PlanBlock("bullets", text, key="directives")]
    if key == "cap":
        number = section.number if section.level > 1 and section.shows_heading else ""
        return level_blocks(inputs, number)
    if key == "chuong-trinh":
        return [_programme_block(inputs)]
    if key == "thoi-gian":
        text = time_sentence(values, section.options.get("length")).removeprefix("Thời gian: ")
        return [_labelled(section, "Thời gian", text, "time")]
    if key == "dia-diem":
        text = place_sentence(values).removeprefix("Địa điểm: ")
        return [_labelled(section, "Địa điểm", text, "place")]
    if key == "thanh-phan":
        number = section.number if section.level > 1 else ""
        options = {**section.options, "run_in": section.run_in and section.shows_heading}
        return [_delegates_block(inputs, options, number)]
    if key == "kinh-phi":
        options = {**section.options, "run_in": section.run_in and section.shows_heading}
        return [_budget_block(inputs, options)]
    if key == "trang-tri" and section.options.get("layout") == "khong":
        return []
    if key == "trang-tri" and section.options.get("layout") == "bang":
        return _decor_table_blocks(inputs.decor)
    if key == "trang-tri":
        lines = _decor_lines(inputs.decor)
        if lines and lines[-1].endswith(";"):
            lines[-1] = lines[-1][:-1] + "."
        return [PlanBlock("bullets", "\n".join(lines), key="decor")] if lines else []
    if key.startswith("nv:"):
        unit_key_ = key[3:]
        unit, tasks = units[unit_key_]
        with_decor = bool(inputs.decor) and not decor_alone
        with_decor = with_decor and unit_key_ == _decor_unit(inputs.tasks)
        block = _task_block(inputs, unit_key_, tasks, with_decor)
        if section.run_in and section.shows_heading:
            return [_run_in_duties(block)]
        return [block]
    return []


def _run_in_duties(block: PlanBlock) -> PlanBlock:
    """A unit whose heading runs in writes its duties after it as one paragraph (seed 000 "3. Ủy
    ban nhân dân huyện Đông Hưng: Chỉ đạo …"; "4. …: Phối hợp …; Tổ chức tuyên truyền …").
    A list with sub-items (the decoration) stays a list."""
    lines = [line for line in block.text.split("\n") if line.strip()]
    if any(line.startswith("+ ") for line in lines):
        return block
    text = " ".join(line.removeprefix("- ") for line in lines)
    return PlanBlock("paragraphs", text, key=block.key)


def _labelled(section: PlacedSection, label: str, text: str, key: str) -> PlanBlock:
    """'Thời gian: …' as a paragraph of its own when the section's heading does not run in."""
    if section.run_in and section.shows_heading:
        return PlanBlock("paragraphs", text, key=key)
    return PlanBlock("paragraphs", f"{label}: {text}", key=key)


def plan_blocks(inputs: PlanInputs, outline: Sequence[OutlineEntry] = ()) -> list[PlanBlock]:
    """The body of the Kế hoạch, section by section (seeds 000–003), in the outline's order."""
    values = inputs.values
    issuer = values["issuer"]
    intro = _lines(values.get("legal_bases", ""))
    intro.append(f"{issuer} ban hành Kế hoạch tổ chức {values['title']}, cụ thể như sau:")
    blocks = [PlanBlock("paragraphs", "\n".join(intro), key="intro")]
    placed = arrange(section_specs(inputs), outline)
    # layout "khong": the kind prints no decoration at all, neither as a section nor under the
    # "Trang trí" duty (seed 004 orders levels, not a hall).
    decor_alone = any(
        p.key == "trang-tri" and (p.printed or p.options.get("layout") == "khong") for p in placed
    )
    units = task_units(inputs.tasks)
    for section in placed:
        if not section.printed:
            continue
        if section.shows_heading:
            heading = section.heading if section.level > 1 else vn.upper_vn(section.heading)
            text = f"{section.number} {heading}".strip()
            if section.run_in:
                text = text.rstrip(":") + ":"
            blocks.append(
                PlanBlock("heading", text, level=section.level, key="", run_in=section.run_in)
            )
        blocks.extend(_section_body(inputs, section, decor_alone, units))
    if values.get("closing"):
        blocks.append(PlanBlock("paragraphs", closing_text(values), key="closing"))
    return blocks


def _sentence_end(text: str) -> int | None:
    """Where the first sentence's title ends: before ". X", ", X" (a capital after it: seed 003
    "…năm 2020, UBND thị xã đề nghị…") or the closing "./." or ".", whichever comes first."""
    for i, char in enumerate(text):
        after = text[i + 2 : i + 3]
        if char in ".," and text[i + 1 : i + 2] == " " and after[:1].isupper():
            return i
        if text[i:] in (".", "./.", "/.") or text[i:].startswith("./."):
            return i
    return None


CLOSING_LEAD = "Trên đây là Kế hoạch tổ chức "


def closing_named_title(text: str) -> str | None:
    """The title the closing's first sentence names ("Trên đây là Kế hoạch tổ chức <title>."),
    or None when the closing does not start so."""
    if not (text or "").startswith(CLOSING_LEAD):
        return None
    body = text[len(CLOSING_LEAD) :]
    end = _sentence_end(body)
    return None if end is None else body[:end]


def closing_text(values: dict) -> str:
    """The closing paragraph. While it is the preset's closing (`closing_follows_title`, worked
    out by plan.operations.followed_values: its first sentence names a title the preset words)
    that sentence names the conference by its title, the rest as the preset words it (issue 17:
    the title changed, the preset's sentence did not). A closing the officer typed — or a file
    carries as written — stays his (seed 001 "…và phát động phong trào thi đua năm 2025" under
    the title "…và phát động, ký kết giao ước thi đua năm 2025")."""
    text = values.get("closing") or ""
    named = closing_named_title(text)
    if named is None or not values.get("closing_follows_title"):
        return text
    rest = text[len(CLOSING_LEAD) + len(named) :]
    return f"{CLOSING_LEAD}{values['title'].rstrip('.')}{rest}"


@dataclass(frozen=True)
class ShownBlock:
    """A block as it will print: the officer's text if edited, and whether the data under an
    edit has changed since (stale)."""

    block: PlanBlock
    text: str
    edited: bool = False
    stale: bool = False


def with_edits(blocks: Sequence[PlanBlock], edits: dict[str, tuple[str, str]]) -> list[ShownBlock]:
    """Lay the edits ({key: (text, digest of the generated text it was made over)}) on blocks."""
    shown = []
    for block in blocks:
        edit = edits.get(block.key) if block.key else None
        if edit is None:
            shown.append(ShownBlock(block, block.text))
        else:
            text, made_over = edit
            stale = made_over != digest(block.text)
            shown.append(ShownBlock(block, text, edited=True, stale=stale))
    return shown


def recipients(values: dict) -> list[str]:
    lines = _lines(values.get("recipients", ""))
    return lines or ["Lưu: VT."]


# --------------------------------------------------------------------------- Đại hội các cấp


def roman(number: int) -> str:
    """8 → "VIII": the edition of a conference as the seeds write it ("lần thứ VIII")."""
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    words = ""
    for value, letters in numerals:
        while number >= value:
            words += letters
            number -= value
    return words


def with_ordinal(text: str, ordinal: int | None) -> str:
    """A text's gap "lần thứ …" worded with the conference's ordinal ("lần thứ VIII"); the text
    as it is while no ordinal is set. Only the first gap is filled: a later one names another
    congress (seed 004's "… toàn quốc lần thứ XI")."""
    if not ordinal or not text:
        return text
    match = re.search(r"lần thứ\s*(?:…|\.\.\.)", text)
    if match is None:
        return text
    return text[: match.start()] + f"lần thứ {roman(ordinal)}" + text[match.end() :]


def quarter_words(quarter: int, year: int | None) -> str:
    """ "Quý I năm 2025" (seed 004 writes the quarter with a capital)."""
    words = f"Quý {roman(quarter)}"
    return f"{words} năm {year}" if year else words


def level_time(level: LevelLine, lead: str) -> str:
    """ "trong Quý I năm 2025", "vào Quý III năm 2025 (có Kế hoạch cụ thể riêng)", or the free
    text as written ("hoàn thành trong quý II/2025") when no quarter is given."""
    note = level.time_text.strip().rstrip(".")
    if level.quarter:
        words = f"{lead} {quarter_words(level.quarter, level.year)}"
        return f"{words} ({note})" if note else words
    return note


def own_congress(values: dict) -> str:
    """The organiser's own Đại hội: "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII"."""
    issuer = (values.get("issuer") or "").strip()
    place = issuer.removeprefix("Ủy ban nhân dân ").removeprefix("UBND ")
    words = f"Đại hội Thi đua yêu nước {place}".strip()
    ordinal = values.get("ordinal")
    return f"{words} lần thứ {roman(ordinal)}" if ordinal else words


def _full_stop(text: str) -> str:
    text = text.strip().rstrip(";")
    # after a closing quote too: seed 004 "Tổ chức “Hội nghị tuyên dương …”."
    return text if text.endswith((".", "!", "?")) else text + "."


def _size_words(size: str) -> str:
    size = size.strip()
    return vn.format_count(int(size), "đại biểu") if size.isdigit() else size


def _own_label(label: str, text: str) -> tuple[str, str]:
    head, colon, rest = text.partition(":")
    if colon and head.lower().startswith(label.lower()) and len(head) <= 40 and rest.strip():
        return head.strip(), rest.strip()
    return label, text


def level_blocks(inputs: PlanInputs, number: str) -> list[PlanBlock]:
    """Each level as seed 004 prints it: "2.1. Đối với các xã, phường, thị trấn" then its
    Hình thức, Thành phần, Số lượng đại biểu, Thời gian tổ chức; a level with only a time is
    one line ("2.3. Đại hội … lần thứ VIII: Tổ chức vào Quý III năm 2025 (có Kế hoạch cụ thể
    riêng)."). Each level's lines are one paragraph the officer may rewrite."""
    blocks: list[PlanBlock] = []
    for index, level in enumerate(inputs.levels, 1):
        head = f"{number}{index}." if number else f"{index}."
        name = with_ordinal(level.name, inputs.values.get("ordinal"))
        details = [
            ("Hình thức", level.form),
            ("Thành phần", level.participants),
            ("Số lượng đại biểu", _size_words(level.size)),
        ]
        details = [(label, text.strip()) for label, text in details if text.strip()]
        # A fact typed with its own label keeps it (seed 004 2.2 "Hình thức tổ chức: Lựa chọn
        # một trong các hình thức …" beside 2.1's "Hình thức:").
        details = [_own_label(label, text) for label, text in details]
        key = f"level:{index}"
        if not details and not level.duration.strip():
            when = level_time(level, "vào")
            text = f"Tổ chức {when}" if level.quarter else _sentence(when)
            blocks.append(PlanBlock("heading", f"{head} {name}:", level=3, run_in=True))
            blocks.append(PlanBlock("paragraphs", _full_stop(text or "…"), key=key))
            continue
        lines = [f"- {label}: {_full_stop(text)}" for label, text in details]
        when = level_time(level, "trong")
        duration = level.duration.strip()
        time = ", ".join(part for part in (duration, when) if part)
        if time:
            lines.append(f"- Thời gian tổ chức: {_full_stop(time)}")
        blocks.append(PlanBlock("heading", f"{head} {name}", level=3))
        blocks.append(PlanBlock("bullets", "\n".join(lines), key=key))
    return blocks
