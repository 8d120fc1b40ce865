"""The Kế hoạch assembled from the conference: blocks of text, each editable, in the seeds' order.

Pure functions: `plan_blocks(PlanInputs)` words every section from plain data; `with_edits`
lays the officer's own wording over it and says where the data changed under an edit. The
printout draws the result; the page shows it for editing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import vn
from ..conferences.vocab import LENGTHS
from ..tasks.logic import TaskData, describe_deadline, unit_key

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")

# How long the conference lasts, as the seeds write it in "Thời gian:".
LENGTH_WORDS = {"session": "01 buổi", "half_day": "½ ngày", "full_day": "01 ngày"}


@dataclass(frozen=True)
class ProgrammeLine:
    title: str
    presenter: str = ""
    unit: str = ""
    is_break: bool = False


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


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def _performer(line: ProgrammeLine) -> str:
    who = " - ".join(part for part in (line.presenter, line.unit) if part)
    return f" ({who} thực hiện)" if who else ""


def time_sentence(values: dict) -> str:
    """'Thời gian: ½ ngày, bắt đầu lúc 07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027.'"""
    length = LENGTH_WORDS.get(values["length"], LENGTHS.get(values["length"], ""))
    when = vn.format_date_with_weekday(values["date"])
    return f"Thời gian: {length}, bắt đầu lúc {vn.format_time(values['start_time'])}, {when}."


def place_sentence(values: dict) -> str:
    address = f" ({values['venue_address']})" if values.get("venue_address") else ""
    return f"Địa điểm: {values['venue']}{address}."


def _programme_block(inputs: PlanInputs) -> PlanBlock:
    lines = [f"- {line.title}{_performer(line)};" for line in inputs.programme]
    if lines:
        lines[-1] = lines[-1].rstrip(";") + "."
    else:
        lines = ["- (Chương trình chi tiết sẽ có sau.)"]
    return PlanBlock("bullets", "\n".join(lines), key="programme")


def _delegates_block(inputs: PlanInputs) -> PlanBlock:
    """ "Tổng số đại biểu: 120 đại biểu, gồm:" then the groups with their counts ("(02 đại biểu)").

    The total is the conference's "Số đại biểu dự kiến"; the groups are its breakdown. While the
    groups add up to another figure the block still prints both as they are (no figure is
    invented or hidden) and the pre-signature check blocks the plan (delegates/checks.py).
    Counts are written as the seeds write them, through vn.format_count.
    """
    total = vn.format_count(inputs.values["planned_delegates"], "đại biểu")
    lines = [f"Tổng số đại biểu: {total}, gồm:"]
    for group in inputs.groups:
        count = f" ({vn.format_count(group.planned, 'đại biểu')})" if group.planned else ""
        lines.append(f"- {group.name}{count};")
    if len(lines) > 1:
        lines[-1] = lines[-1].rstrip(";") + "."
    else:
        lines[0] = f"Tổng số đại biểu: {total}."
    return PlanBlock("bullets", "\n".join(lines), key="delegates")


def _budget_block(inputs: PlanInputs) -> PlanBlock:
    source = inputs.values.get("funding_source") or "nguồn kinh phí được giao"
    text = f"Kinh phí tổ chức Hội nghị: từ {_lower_source(source)}."
    if inputs.budget_total:
        total = vn.format_money(inputs.budget_total)
        words = vn.amount_in_words(inputs.budget_total)
        # "Bằng chữ: … đồng." closes with its full stop, as on the estimate and the money list.
        text += f" Tổng dự toán: {total}, theo dự toán kèm theo. Bằng chữ: {words}."
        if inputs.budget_bases:
            bases = "; ".join(vn.clean_text(b).rstrip(".") for b in inputs.budget_bases)
            text += f" Căn cứ lập dự toán: {bases}."
    else:
        text += " Mức chi theo dự toán được cấp có thẩm quyền phê duyệt."
    return PlanBlock("paragraphs", text, key="budget")


def _lower_source(source: str) -> str:
    source = source.strip().rstrip(".")
    if source.lower().startswith("từ "):
        source = source[3:]
    # "Quỹ thi đua…" keeps its capital (a fund's name); a common word is lowered.
    return source if source[:3] in ("Quỹ", "Ngâ") else source[:1].lower() + source[1:]


def _decor_lines(decor: Sequence[DecorLine], event_day) -> list[str]:
    """'Trong Hội trường: + …' then 'Ngoài Hội trường: + …', as seeds 000 and 003 write it."""
    inside = [d for d in decor if d.area in ("san_khau", "trong_hoi_truong")]
    outside = [d for d in decor if d.area == "ngoai_hoi_truong"]
    lines: list[str] = []
    for heading, items in (("Trong Hội trường:", inside), ("Ngoài Hội trường:", outside)):
        if not items:
            continue
        lines.append(heading)
        for item in items:
            detail = f": {item.placement}" if item.placement else ""
            text = f" “{item.text}”" if item.text and "\n" not in item.text else ""
            lines.append(f"+ {item.item}{detail}{text}".rstrip(".") + ";")
    if lines:
        days = min(d.days_before for d in decor)
        when = f"trước {days:02d} ngày tổ chức Hội nghị" if days else "trong ngày tổ chức Hội nghị"
        lines.insert(0, f"- Trang trí, khánh tiết Hội nghị (hoàn thành {when}):")
    return lines


def _task_blocks(inputs: PlanInputs, first_number: int = 1) -> list[PlanBlock]:
    """Tasks grouped by lead unit ("1. Văn phòng …"), supporting units named in each item."""
    event_day = inputs.values["date"]
    units: dict[str, tuple[str, list[TaskData]]] = {}
    for task in inputs.tasks:
        units.setdefault(unit_key(task.lead_unit), (task.lead_unit, []))[1].append(task)
    blocks: list[PlanBlock] = []
    decor_unit = None
    for task in inputs.tasks:
        if "trang trí" in task.title.lower():
            decor_unit = unit_key(task.lead_unit)
            break
    for number, (key, (unit, tasks)) in enumerate(units.items(), start=first_number):
        blocks.append(PlanBlock("heading", f"{number}. {unit}", level=2))
        lines = []
        for task in tasks:
            support = ""
            if task.support_units:
                support = f", phối hợp với {', '.join(task.support_units)}"
            deadline = describe_deadline(task, event_day).phrase
            when = f" ({_strip_date(deadline)})" if deadline else ""
            lines.append(f"- {_sentence(task.title).rstrip('.;')}{support}{when};")
        if key == decor_unit and inputs.decor:
            lines.extend(_decor_lines(inputs.decor, event_day))
        if lines:
            lines[-1] = lines[-1].rstrip(";:") + "."
        blocks.append(PlanBlock("bullets", "\n".join(lines), key=f"tasks:{key}"))
    if inputs.decor and decor_unit is None:
        number = first_number + len(units)
        blocks.append(PlanBlock("heading", f"{number}. Trang trí, khánh tiết", level=2))
        lines = _decor_lines(inputs.decor, event_day)
        blocks.append(PlanBlock("bullets", "\n".join(lines[1:]), key="decor"))
    return blocks


def _strip_date(phrase: str) -> str:
    """The seeds write 'hoàn thành trước 05 ngày tổ chức Hội nghị' without the computed date (a
    fixed date keeps its "chậm nhất ngày 20/03/2020": that is the deadline itself)."""
    return phrase.split(" (chậm nhất ngày")[0].split(" (ngày")[0]


def subtitle(values: dict) -> str:
    return f"Tổ chức {values['title']}"


def plan_blocks(inputs: PlanInputs) -> list[PlanBlock]:
    """The body of the Kế hoạch, section by section (seeds 000–003)."""
    values = inputs.values
    issuer = values["issuer"]
    intro = _lines(values.get("legal_bases", ""))
    intro.append(f"{issuer} ban hành Kế hoạch tổ chức {values['title']}, cụ thể như sau:")
    purposes = [f"{n}. {_sentence(p)}" for n, p in enumerate(_lines(values["purposes"]), 1)]
    blocks = [
        PlanBlock("paragraphs", "\n".join(intro), key="intro"),
        PlanBlock("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
        PlanBlock(
            "paragraphs", "\n".join(purposes) or "(Chưa có mục đích, yêu cầu.)", key="purposes"
        ),
        PlanBlock("heading", "II. NỘI DUNG, CHƯƠNG TRÌNH, THỜI GIAN, ĐỊA ĐIỂM"),
        PlanBlock("heading", "1. Nội dung, chương trình Hội nghị", level=2),
        _programme_block(inputs),
        PlanBlock("heading", "2. Thời gian, địa điểm", level=2),
        PlanBlock(
            "paragraphs", f"{time_sentence(values)}\n{place_sentence(values)}", key="time_place"
        ),
        PlanBlock("heading", "III. THÀNH PHẦN ĐẠI BIỂU"),
        _delegates_block(inputs),
        PlanBlock("heading", "IV. KINH PHÍ"),
        _budget_block(inputs),
        PlanBlock("heading", "V. TỔ CHỨC THỰC HIỆN"),
        *_task_blocks(inputs),
    ]
    if values.get("closing"):
        blocks.append(PlanBlock("paragraphs", values["closing"], key="closing"))
    return blocks


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
