"""Pure computations on task assignments: deadlines, the at-a-glance groups, each unit's share.

No Flask, no database session: plain dataclasses in, plain dataclasses out, so the page, the
dashboard card, the printouts and the tests all use the same figures.

A deadline is never stored as a date when it is relative to the conference day: "trước 05 ngày
tổ chức Hội nghị" is kept as 5 and the date is computed here from the conference's date each time,
so moving the conference moves every relative deadline with it. Only "ngày cố định" is a date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .. import vn
from ..conferences.logic import (
    is_exact,
    planned_date_text,
    shift_date,
    shift_years,
    signing_date_line,
    time_and_day,
)

# Status codes (stored) and their labels; the model keeps the same dictionary.
STATUS_LABELS = {"todo": "Chưa làm", "doing": "Đang làm", "done": "Xong"}

# "Đến hạn trong 7 ngày tới": today and the six days after it.
DUE_SOON_DAYS = 7

# A deadline relative to the day can reach back one year at most (the database says the same).
MAX_DAYS_BEFORE = 365

# How many characters of a task's title a one-line summary (dashboard card) shows.
SHORT_TITLE = 70


@dataclass(frozen=True)
class TaskData:
    """One task as plain data (a Task row, a file item, a hand-made test case)."""

    title: str
    lead_unit: str
    support_units: tuple[str, ...] = ()
    deadline_kind: str = "days_before"
    days_before: int | None = None
    deadline_date: dt.date | None = None
    status: str = "todo"
    notes: str = ""
    id: int | None = None
    position: int = 0
    deadline_words: str = ""  # DEADLINE_WORDS: how the plan words the deadline ('' the default)


@dataclass(frozen=True)
class Deadline:
    """A task's deadline for one conference day, worded as the seed plans word it."""

    due: dt.date | None  # the last day the task may be finished on; None: no deadline
    phrase: str  # "hoàn thành trước 05 ngày tổ chức Hội nghị (chậm nhất ngày 10/01/2027)"
    rule: str  # the rule alone, for a narrow column: "Trước 05 ngày", "Trong tháng 12/2026"
    after_event: bool = False  # a fixed date later than the conference day
    # The same for a "Thời hạn" table cell, date first: "Chậm nhất ngày 10/01/2027" and
    # "(trước 05 ngày tổ chức Hội nghị)".
    headline: str = "Không có thời hạn"
    detail: str = ""
    # The plan writes it after the duty's text without brackets ("… trước ngày 10/01/2025",
    # seed 001) rather than "(hoàn thành …)".
    inline: bool = False
    # The working days it is judged by (the law's and the officer's added days); None: the
    # law's alone. Not part of the deadline's value.
    calendar: WorkCalendar | None = field(default=None, compare=False, repr=False)

    @property
    def day_off(self) -> str:
        """Why the due day is no working day ("Chủ nhật", "Tết Nguyên Đán", an added day's
        reason); "" when it is one or there is no deadline."""
        return non_working_reason(self.due, self.calendar) if self.due else ""

    @property
    def working_day(self) -> dt.date | None:
        """The working day before a due day that is a day off (what the officer is offered);
        None when the due day is a working day."""
        return working_day_before(self.due, self.calendar) if self.day_off else None

    @property
    def short(self) -> str:
        """ "10/01/2027", or "" when there is no deadline."""
        return vn.format_date_short(self.due) if self.due else ""

    @property
    def sentence(self) -> str:
        """The phrase with a capital first letter, for a table cell."""
        return self.phrase[:1].upper() + self.phrase[1:] if self.phrase else "Không có thời hạn"


@dataclass(frozen=True)
class ScheduledTask:
    """A task with its deadline computed for the conference day and its state on `today`."""

    task: TaskData
    deadline: Deadline
    days_left: int | None  # due − today; negative when overdue; None without a deadline
    state: str  # "done", "overdue", "due_soon", "upcoming", "open" (no deadline)
    number: int = 0  # 1-based place in the plan's order

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.task.status, self.task.status)

    @property
    def when_text(self) -> str:
        """How far the deadline is from today: "Quá hạn 3 ngày", "Hạn hôm nay", "Còn 5 ngày"."""
        return days_left_text(self.days_left) if self.state != "done" else ""


@dataclass
class TaskOverview:
    """What the officer must see at a glance: overdue, due this week, done."""

    total: int
    overdue: list[ScheduledTask] = field(default_factory=list)  # most overdue first
    due_soon: list[ScheduledTask] = field(default_factory=list)  # nearest first
    done: list[ScheduledTask] = field(default_factory=list)
    doing: int = 0
    next_due: ScheduledTask | None = None  # the nearest open deadline after this week

    @property
    def percent_done(self) -> int:
        return round(100 * len(self.done) / self.total) if self.total else 0

    @property
    def open_count(self) -> int:
        return self.total - len(self.done)


@dataclass
class UnitAssignments:
    """One unit's share of the plan: what it leads (chủ trì) and what it supports (phối hợp)."""

    unit: str
    leads: list[ScheduledTask] = field(default_factory=list)
    supports: list[ScheduledTask] = field(default_factory=list)


# --------------------------------------------------------------------------- deadlines


# How the plan words a deadline, as the seeds write it (issue 17); '' is the program's own words
# for each kind. code: (label on the form, the deadline kind it goes with).
DEADLINE_WORDS = {
    "": ("Cách ghi mặc định", ""),
    # seeds 001, 003: "trước ngày 10/01/2025" — the day named is the first day too late; the
    # date typed is the one the sentence names, the last day is the one before it.
    "truoc_ngay": ("“trước ngày …” (ngày ghi là ngày đã quá hạn)", "fixed"),
    "cham_nhat_vao": ("“chậm nhất vào ngày …”", "fixed"),  # seed 001
    "trong_thang": ("“trong tháng …” (tháng của ngày nhập)", "fixed"),
    "it_nhat": ("“trước ngày tổ chức … ít nhất … ngày”", "days_before"),  # seed 001
    "thang_so": ("“trong tháng 01/2025”", "month_before"),  # seed 001
}


def words_fit(kind: str, words: str) -> bool:
    """Whether a deadline wording goes with a deadline kind ('' goes with all)."""
    return words in DEADLINE_WORDS and DEADLINE_WORDS[words][1] in ("", kind)


def event_noun(kind: str) -> str:
    """What the plan calls the event: "Đại hội" for an Đại hội Thi đua yêu nước, else "Hội nghị"."""
    from ..conferences.vocab import event_noun as noun

    return noun(kind)


def last_day_of_previous_month(day: dt.date) -> dt.date:
    """31/12/2026 for any day of January 2027; 29/02/2024 for March 2024."""
    return day.replace(day=1) - dt.timedelta(days=1)


def due_date(
    kind: str,
    days_before: int | None,
    fixed: dt.date | None,
    event_day: dt.date,
    words: str = "",
) -> dt.date | None:
    """The last day of a deadline given one of the four ways plans give it.

    days_before: that many days before the conference day (0 = the day itself);
    month_before: "trong tháng 12" for a January conference — the month before the conference's
    month, due on its last day; fixed: the date as written ("trước ngày 10/01": the 9th; "trong
    tháng": the month's last day); none: no date. `event_day` is the latest possible day of a
    conference whose day is not fixed yet (issue 17), so a deadline is never too late.
    """
    if kind == "days_before" and days_before is not None:
        return event_day - dt.timedelta(days=days_before)
    if kind == "month_before":
        return last_day_of_previous_month(event_day)
    if kind == "fixed" and fixed is not None:
        if words == "truoc_ngay":
            return fixed - dt.timedelta(days=1)
        if words == "trong_thang":
            following = fixed.replace(day=28) + dt.timedelta(days=4)
            return following - dt.timedelta(days=following.day)
        return fixed
    return None


def _month_phrase(day: dt.date) -> str:
    # Nghị định 30/2020, Phụ lục I: months 1 and 2 take a leading 0 ("tháng 01"), others do not.
    month = f"{day.month:02d}" if day.month in (1, 2) else str(day.month)
    return f"tháng {month} năm {day.year}"


def describe_deadline(
    task: TaskData,
    event_day: dt.date,
    event: str = "Hội nghị",
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """The deadline of `task` for a conference held on `event_day`, in the seeds' words, judged
    by `calendar`'s working days (none: the law's alone).

    Seed 000: "hoàn thành trước 05 ngày tổ chức Hội nghị", "hoàn thành trong tháng 12 năm 2023".
    Day counts take two digits as the seeds write them; the computed date follows in brackets so
    nobody has to count back on a calendar. Every date the program words is the LAST day the
    task may be done on, said as "chậm nhất ngày 10/01/2027" (issue 16): the seeds' "trước ngày
    20/3/2020" can be read as "by the 19th", and their "chậm nhất vào ngày 15/01/2025" says the
    same thing with one word more. What the officer typed in a title or a note is kept as typed.
    """
    deadline = _describe_deadline(task, event_day, event)
    return replace(deadline, calendar=calendar) if calendar is not None else deadline


def _describe_deadline(task: TaskData, event_day: dt.date, event: str) -> Deadline:
    words = task.deadline_words if words_fit(task.deadline_kind, task.deadline_words) else ""
    due = due_date(task.deadline_kind, task.days_before, task.deadline_date, event_day, words)
    if due is None:
        return Deadline(None, "", "Không có thời hạn")
    when = vn.format_date_short(due)
    if words:
        return _worded_deadline(task, due, event_day, event, words)
    if task.deadline_kind == "days_before":
        days = task.days_before or 0
        if days == 0:
            return Deadline(
                due,
                f"hoàn thành trong ngày tổ chức {event} (ngày {when})",
                "Trong ngày",
                headline=f"Ngày {when}",
                detail=f"(trong ngày tổ chức {event})",
            )
        count = f"{days:02d}"
        return Deadline(
            due,
            f"hoàn thành trước {count} ngày tổ chức {event} (chậm nhất ngày {when})",
            f"Trước {count} ngày",
            headline=f"Chậm nhất ngày {when}",
            detail=f"(trước {count} ngày tổ chức {event})",
        )
    if task.deadline_kind == "month_before":
        month = _month_phrase(due)
        return Deadline(
            due,
            f"hoàn thành trong {month}",
            f"Trong tháng {due.month:02d}/{due.year}",
            headline=f"Trong {month}",
            detail=f"(chậm nhất ngày {when})",
        )
    after = due > event_day
    return Deadline(
        due,
        f"hoàn thành chậm nhất ngày {when}",
        f"Sau {event}" if after else "Ngày cố định",
        after_event=after,
        headline=f"Chậm nhất ngày {when}",
        detail=f"(sau ngày tổ chức {event})" if after else "",
    )


def _worded_deadline(
    task: TaskData, due: dt.date, event_day: dt.date, event: str, words: str
) -> Deadline:
    """A deadline in the words the officer chose (DEADLINE_WORDS), the last day in brackets."""
    when = vn.format_date_short(due)
    last = f"(chậm nhất ngày {when})"
    if words == "it_nhat":
        count = f"{task.days_before or 0:02d}"
        return Deadline(
            due,
            f"hoàn thành trước ngày tổ chức {event} ít nhất {count} ngày {last}",
            f"Trước ít nhất {count} ngày",
            headline=f"Chậm nhất ngày {when}",
            detail=f"(trước ngày tổ chức {event} ít nhất {count} ngày)",
        )
    if words == "thang_so":
        month = f"{due.month:02d}/{due.year}"
        return Deadline(
            due,
            f"hoàn thành trong tháng {month}",
            f"Trong tháng {month}",
            headline=f"Trong tháng {month}",
            detail=last,
        )
    after = due > event_day
    rule = f"Sau {event}" if after else "Ngày cố định"
    extra = {"after_event": after, "headline": f"Chậm nhất ngày {when}"}
    if words == "truoc_ngay":
        named = vn.format_date_short(task.deadline_date)
        return Deadline(
            due,
            f"trước ngày {named} {last}",
            rule,
            inline=True,
            detail=f"(trước ngày {named})",
            **extra,
        )
    if words == "cham_nhat_vao":
        return Deadline(due, f"chậm nhất vào ngày {when}", rule, inline=True, **extra)
    month = _month_phrase(due)
    return Deadline(
        due, f"hoàn thành trong {month} {last}", rule, detail=f"(trong {month})", **extra
    )


def days_left_text(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left < 0:
        return f"Quá hạn {-days_left} ngày"
    if days_left == 0:
        return "Hạn hôm nay"
    if days_left == 1:
        return "Hạn ngày mai"
    return f"Còn {days_left} ngày"


def _state(task: TaskData, days_left: int | None) -> str:
    if task.status == "done":
        return "done"
    if days_left is None:
        return "open"
    if days_left < 0:
        return "overdue"
    if days_left < DUE_SOON_DAYS:
        return "due_soon"
    return "upcoming"


def schedule(
    tasks: Sequence[TaskData],
    event_day: dt.date,
    today: dt.date,
    event: str = "Hội nghị",
    calendar: WorkCalendar | None = None,
) -> list[ScheduledTask]:
    """Every task with its deadline computed for `event_day` and its state on `today`, in the
    plan's order (as given); days off judged by `calendar`."""
    out = []
    for number, task in enumerate(tasks, start=1):
        deadline = describe_deadline(task, event_day, event, calendar)
        days_left = (deadline.due - today).days if deadline.due else None
        out.append(ScheduledTask(task, deadline, days_left, _state(task, days_left), number))
    return out


def _deadline_order(item: ScheduledTask) -> tuple:
    due = item.deadline.due
    return (due is None, due or dt.date.max, item.number)


def by_deadline(scheduled: Iterable[ScheduledTask]) -> list[ScheduledTask]:
    """Ordered by computed deadline (earliest first); tasks without one last; ties in plan order."""
    return sorted(scheduled, key=_deadline_order)


def overview(scheduled: Sequence[ScheduledTask]) -> TaskOverview:
    ordered = by_deadline(scheduled)
    result = TaskOverview(total=len(scheduled))
    result.overdue = [item for item in ordered if item.state == "overdue"]
    result.due_soon = [item for item in ordered if item.state == "due_soon"]
    result.done = [item for item in scheduled if item.state == "done"]
    result.doing = sum(1 for item in scheduled if item.task.status == "doing")
    result.next_due = next((item for item in ordered if item.state == "upcoming"), None)
    return result


def shorten(text: str, limit: int = SHORT_TITLE) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:  # end on a whole word when one ends late enough
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–") + "…"


def card_lines(summary: TaskOverview) -> list[str]:
    """The dashboard card's lines: overdue (naming the most overdue), due this week, done."""
    if summary.total == 0:
        return ["Chưa có nhiệm vụ nào: thêm việc, đơn vị chủ trì, phối hợp và thời hạn."]
    lines = []
    if summary.overdue:
        first = summary.overdue[0]
        lines.append(
            f"Quá hạn: {len(summary.overdue)} việc — {shorten(first.task.title)} "
            f"(hạn {first.deadline.short})"
        )
    if summary.due_soon:
        lines.append(f"Đến hạn trong {DUE_SOON_DAYS} ngày tới: {len(summary.due_soon)} việc")
    elif not summary.overdue and summary.next_due is not None:
        item = summary.next_due
        lines.append(f"Hạn gần nhất: {shorten(item.task.title)} (hạn {item.deadline.short})")
    lines.append(f"Đã xong: {len(summary.done)}/{summary.total} việc")
    return lines


# --------------------------------------------------------------------------- units


def unit_key(name: str) -> str:
    """Two spellings of one unit compare equal: case, spacing and the kind of dash are ignored
    ("Phòng Tài chính – Kế hoạch" and "phòng tài chính - kế hoạch")."""
    text = vn.clean_text(name)
    text = re.sub(r"\s*[-‐‑‒–—]\s*", " - ", text)
    return " ".join(text.split()).casefold()


def support_list(text: str) -> tuple[str, ...]:
    """Supporting units typed one a line → a tuple, empty lines and repeats dropped."""
    seen: set[str] = set()
    units = []
    for line in vn.clean_text(text).split("\n"):
        name = line.strip().lstrip("-+•").strip()
        if name and unit_key(name) not in seen:
            seen.add(unit_key(name))
            units.append(name)
    return tuple(units)


def unit_names(tasks: Iterable[TaskData]) -> list[str]:
    """Every unit named in the tasks, each once (first spelling), leads first, in plan order."""
    tasks = list(tasks)
    names: dict[str, str] = {}
    for task in tasks:
        names.setdefault(unit_key(task.lead_unit), task.lead_unit)
    for task in tasks:
        for unit in task.support_units:
            names.setdefault(unit_key(unit), unit)
    return list(names.values())


def involves(task: TaskData, unit: str) -> bool:
    key = unit_key(unit)
    return unit_key(task.lead_unit) == key or any(unit_key(u) == key for u in task.support_units)


def unit_assignments(scheduled: Sequence[ScheduledTask]) -> list[UnitAssignments]:
    """One entry per unit (order of `unit_names`), its tasks ordered by deadline."""
    units = {
        unit_key(name): UnitAssignments(name) for name in unit_names(s.task for s in scheduled)
    }
    for item in by_deadline(scheduled):
        units[unit_key(item.task.lead_unit)].leads.append(item)
        for unit in item.task.support_units:
            units[unit_key(unit)].supports.append(item)
    return list(units.values())


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class TaskDocumentHead:
    """The conference facts a task printout shows at its top, already worded."""

    issuer: str
    parent_body: str
    date_line: str
    subject: str  # trích yếu: "Tổ chức Hội nghị tổng kết …"
    event_line: str  # "07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027, tại Hội trường …"
    source_line: str  # "(Trích phần Tổ chức thực hiện của Kế hoạch số 07/KH-UBND)"
    event: str  # "Hội nghị" / "Đại hội"
    event_day: dt.date
    # Issue 17: the pieces of event_line, for the line that adds the countdown (event_line_with).
    when: str = ""  # "07 giờ 30, Thứ Sáu, …" / "dự kiến cuối tháng 02/2025 (… thông báo sau)"
    venue: str = ""
    exact: bool = True  # False: the event day is the latest possible day, and the line says so

    def event_line_with(self, countdown: dt.date | None = None) -> str:
        """The event line with the countdown to the day, one bracket for what the line adds.

        Exact: "…, tại Hội trường (còn 20 ngày)". Not fixed: the countdown says the day it
        counts to ("…, tại Hội trường (còn 30 ngày, tính đến ngày muộn nhất có thể là
        28/02/2025)"), never a bracket after a bracket: without a venue the officer's note and
        the countdown share the date's bracket. `countdown` is today (None: no countdown, the
        unit sheet: the bracket says what its deadlines count from).
        """
        fact = _countdown_fact(self.event_day, countdown, self.exact)
        return _event_line(self.when, self.venue, fact)


def document_head(values: dict) -> TaskDocumentHead:
    """The head of a task printout; its date line is the set's (signing_date_line)."""
    title = vn.clean_text(values["title"])
    subject = title if title.casefold().startswith("tổ chức") else f"Tổ chức {title}"
    number = vn.clean_text(values.get("doc_number") or "")
    if number:
        line = vn.document_number_line(number, values.get("doc_symbol") or "")
        plan = f"Kế hoạch số {line.removeprefix('Số: ')}"
    else:
        plan = "Kế hoạch tổ chức " + event_noun(values.get("kind", ""))
    exact = is_exact(values)
    if exact:
        when = time_and_day(values["start_time"], values["date"])
    else:  # issue 17: "dự kiến cuối tháng 02/2025 (thời gian cụ thể sẽ có thông báo sau)"
        when = planned_date_text(values)
    venue = vn.clean_text(values.get("venue") or "")
    event_line = _event_line(when, venue, _countdown_fact(values["date"], None, exact))
    return TaskDocumentHead(
        issuer=values["issuer"],
        parent_body=values.get("parent_body", ""),
        date_line=signing_date_line(values),
        subject=subject,
        event_line=event_line,
        source_line=f"(Trích phần Tổ chức thực hiện của {plan})",
        event=event_noun(values.get("kind", "")),
        event_day=values["date"],
        when=when,
        venue=venue,
        exact=exact,
    )


def _countdown_fact(day: dt.date, today: dt.date | None, exact: bool) -> str:
    """What the event line adds in brackets: the countdown ("còn 20 ngày"); before the day is
    fixed, the latest possible day it counts to, in the same words ("còn 30 ngày, tính đến
    ngày muộn nhất có thể là 28/02/2025") — or, without a countdown, what the deadlines count
    from ("các thời hạn tính từ ngày muộn nhất có thể: 28/02/2025")."""
    latest = vn.format_date_short(day)
    if today is None:
        return "" if exact else f"các thời hạn tính từ ngày muộn nhất có thể: {latest}"
    days = (day - today).days
    if exact:
        if days > 0:
            return f"còn {days} ngày"
        return "hôm nay" if days == 0 else f"đã diễn ra {-days} ngày trước"
    if days > 0:
        return f"còn {days} ngày, tính đến ngày muộn nhất có thể là {latest}"
    if days == 0:
        return f"hôm nay, {latest}, là ngày muộn nhất có thể"
    return f"ngày muộn nhất có thể là {latest}, đã qua {-days} ngày"


def _event_line(when: str, venue: str, fact: str) -> str:
    """ "<when>, tại <venue> (<fact>)"; with no venue a fact joins the bracket the date may end
    with ("(thời gian cụ thể sẽ có thông báo sau; còn 30 ngày, …)"): one bracket, never two in
    a row."""
    line = when
    if venue:
        line += f", tại {venue}"
    if not fact:
        return line
    if not venue and line.endswith(")"):
        return f"{line[:-1]}; {fact})"
    return f"{line} ({fact})"


# --------------------------------------------------------------------------- next edition


def next_edition_items(items: list[dict], offset: int, years: set[int]) -> list[dict]:
    """Tasks of next edition's conference ("Nhân bản"), from the conference file's items.

    Relative deadlines need nothing: they follow the new conference date. A fixed deadline moves
    by the same number of years as the conference (20/3/2026 → 20/3/2027); the years named in the
    texts move as the conference's own texts do ("năm 2026" → "năm 2027"); every task starts
    again as "Chưa làm".
    """
    out = []
    for item in items:
        copy = dict(item)
        for name in ("title", "notes"):
            if copy.get(name):
                copy[name] = shift_years(copy[name], years, offset)
        if copy.get("deadline_date"):
            day = dt.date.fromisoformat(copy["deadline_date"])
            copy["deadline_date"] = shift_date(day, offset).isoformat()
        copy["status"] = "todo"
        out.append(copy)
    return out


# --------------------------------------------------------------------------- working days

# The days the officer adds (DOMAIN.md, Working days: "the government also moves days off by
# yearly notice"): an extra day off — a bridge day the Prime Minister grants by notice, e.g.
# Thông báo của Bộ Nội vụ về lịch nghỉ Tết — or a Saturday/Sunday worked in exchange ("làm
# bù"), which is then a working day. Stored codes, shown labels.
EXTRA_OFF = "off"
EXTRA_WORK = "work"
EXTRA_DAY_KINDS = {EXTRA_OFF: "Nghỉ", EXTRA_WORK: "Làm bù"}


@dataclass(frozen=True)
class ExtraDay:
    """One day the officer added to the calendar (a CalendarDay row as plain data)."""

    day: dt.date
    kind: str  # EXTRA_OFF or EXTRA_WORK
    reason: str  # "Nghỉ bù dịp Quốc khánh"
    basis: str = ""  # "Thông báo số 5050/TB-BNV"
    id: int | None = None

    @property
    def kind_label(self) -> str:
        return EXTRA_DAY_KINDS.get(self.kind, self.kind)

    @property
    def text(self) -> str:
        """ "Nghỉ bù dịp Quốc khánh theo Thông báo số 5050/TB-BNV": the reason a deadline on it
        is flagged with."""
        return f"{self.reason} theo {self.basis}" if self.basis else self.reason


@functools.lru_cache(maxsize=16)
def _public_holidays(year: int) -> dict[dt.date, str]:
    """The days off of `year` in Vietnam, from the `holidays` package (Bộ luật Lao động 2019,
    Điều 112: 1/1, Tết, 10/3 âm lịch, 30/4, 1/5, 2/9 and the day beside it; Điều 111: a holiday
    on a weekend is taken on the next working day; the Prime Minister's yearly swaps of days
    off the package knows), with their Vietnamese names.

    Cached safely: it depends on the package only; what the officer adds is a WorkCalendar."""
    import holidays  # on first use: ~0.1 s that the start need not pay (issue 19)

    return {
        day: vn.nfc(name)
        for day, name in holidays.country_holidays("VN", years=year, language="vi").items()
    }


def public_holidays(year: int) -> list[tuple[dt.date, str]]:
    """The law's days off of `year` (the package's), by date: what the officer's list sits on."""
    return sorted(_public_holidays(year).items())


@functools.lru_cache(maxsize=16)
def _package_weekend_workdays(year: int) -> frozenset[dt.date]:
    """The Saturdays and Sundays of `year` the package knows are worked in exchange for a day
    off (e.g. Saturday 26/04/2025, worked for Friday 02/05/2025)."""
    import holidays

    calendar = holidays.country_holidays("VN", years=year)
    return frozenset(day for day in calendar.weekend_workdays if day.year == year)


def public_non_working_reason(day: dt.date) -> str:
    """Why `day` is a day off by the law and the package alone, or "" (no officer's days)."""
    holiday = _public_holidays(day.year).get(day)
    if holiday:
        return holiday
    if day.weekday() >= 5 and day not in _package_weekend_workdays(day.year):
        return vn.weekday_name(day)
    return ""


class WorkCalendar:
    """The working days: the law's (public_non_working_reason) with the officer's days laid
    over them. Built from plain data each time it is needed (tasks/operations.work_calendar),
    so a day the officer adds or removes counts at once: nothing is cached across requests."""

    def __init__(self, extra_days: Iterable[ExtraDay] = ()):
        self.extra: dict[dt.date, ExtraDay] = {extra.day: extra for extra in extra_days}

    def non_working_reason(self, day: dt.date) -> str:
        extra = self.extra.get(day)
        if extra is not None:
            return "" if extra.kind == EXTRA_WORK else extra.text
        return public_non_working_reason(day)

    def working_day_before(self, day: dt.date) -> dt.date:
        earlier = day - dt.timedelta(days=1)
        while self.non_working_reason(earlier):
            earlier -= dt.timedelta(days=1)
        return earlier


# The law's calendar alone, for callers that have no officer's days at hand (tests, pure code).
PUBLIC_CALENDAR = WorkCalendar()


def non_working_reason(day: dt.date, calendar: WorkCalendar | None = None) -> str:
    """Why `day` is not a working day ("Chủ nhật", "Tết Nguyên Đán", an added day's reason), or
    "" when it is one; `calendar` carries the officer's days (none: the law's days only)."""
    return (calendar or PUBLIC_CALENDAR).non_working_reason(day)


def working_day_before(day: dt.date, calendar: WorkCalendar | None = None) -> dt.date:
    """The last working day before `day` (a deadline on a day off is met the day before)."""
    return (calendar or PUBLIC_CALENDAR).working_day_before(day)


def extra_day_problem(
    day: dt.date, kind: str, others: Iterable[ExtraDay], editing: int | None = None
) -> str:
    """Why the officer cannot add `day` as `kind` (a Vietnamese sentence), or "".

    Refused: a date already in the list (one day, one entry); a "làm bù" day that is not a
    Saturday or Sunday (a weekday is worked anyway) or that is a public holiday; an extra day
    off that is already off by law (nothing to add)."""
    when = vn.format_date_short(day)
    for other in others:
        if other.day == day and (editing is None or other.id != editing):
            return (
                f"Ngày {when} đã có trong danh sách ({other.kind_label}: {other.reason}); "
                "hãy sửa dòng đó thay vì thêm dòng mới."
            )
    holiday = _public_holidays(day.year).get(day)
    if kind == EXTRA_WORK:
        if day.weekday() < 5:
            return (
                f"Ngày làm bù phải là thứ Bảy hoặc Chủ nhật: ngày {when} là "
                f"{vn.weekday_name(day)}, vốn đã là ngày làm việc."
            )
        if holiday:
            return f"Ngày {when} là ngày lễ ({holiday}), không thể là ngày làm bù."
    elif kind == EXTRA_OFF:
        reason = public_non_working_reason(day)
        if reason:
            return f"Ngày {when} đã là ngày nghỉ ({reason}), không cần thêm."
    return ""
