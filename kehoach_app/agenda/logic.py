"""The programme's computations: times of each item, session checks, the MC's default words.

No Flask, no database session: the functions take plain values (``AgendaEntry`` rows, the
conference's start time and length) and return dataclasses, so the page, the dashboard card,
both printouts and the benchmark reuse them. The rules are written out in docs/agenda.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .. import vn
from ..conferences.logic import signing_date_line
from ..conferences.vocab import AGENDA_KINDS, LENGTHS, event_noun

# --------------------------------------------------------------------------------------------
# Rules of the day (docs/agenda.md). Times are minutes since midnight.
# --------------------------------------------------------------------------------------------

MORNING_END = 11 * 60 + 30  # một buổi sáng ends by 11:30 (giờ hành chính, buổi sáng)
AFTERNOON_FROM = 12 * 60  # a session starting at 12:00 or later is an afternoon session
AFTERNOON_END = 17 * 60  # một buổi chiều ends by 17:00
WORKDAY_END = 17 * 60 + 30  # nothing planned past 17:30 (end of the working day)
HALF_DAY_MINUTES = 4 * 60  # nửa ngày: at most 4 hours
LUNCH_FROM = 11 * 60 + 30  # the lunch window a full day must leave free …
LUNCH_TO = 13 * 60 + 30
NOON = 12 * 60  # … unless a break is running at noon …
LUNCH_MIN_MINUTES = 60  # … and lasts at least an hour
DAY = 24 * 60

BREAK_KIND = "nghi_giai_lao"
DEFAULT_BREAK_MINUTES = 15
DEFAULT_BREAK_TITLE = "Nghỉ giải lao"
MAX_ITEM_MINUTES = 240  # the same limit as the table's check constraint (models.py)


# --------------------------------------------------------------------------------------------
# Plain data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaEntry:
    """One programme item as the logic sees it (a row of AgendaItem, or a file's item)."""

    kind: str
    title: str
    minutes: int
    presenter: str = ""
    presenter_unit: str = ""
    mc_text: str = ""
    notes: str = ""
    id: int | None = None
    # kept in step with another part ("awards:<form code>"; see docs/agenda.md), None for the
    # officer's own items; `edited`: the officer changed its words (they are no longer replaced)
    derived_key: str | None = None
    edited: bool = False

    @property
    def is_break(self) -> bool:
        return self.kind == BREAK_KIND

    @property
    def performer(self) -> str:
        """Who performs or presents, as typed: "Nguyễn Văn A, Sở Nội vụ"; "" when nobody."""
        return ", ".join(part for part in (self.presenter, self.presenter_unit) if part)


def clock(minute: int) -> dt.time:
    """Minutes since midnight → a time of day (past midnight wraps round)."""
    minute %= DAY
    return dt.time(minute // 60, minute % 60)


def clock_text(minute: int) -> str:
    """'07:30'; a time past midnight says so: '00:15 (ngày hôm sau)'."""
    text = vn.format_time_short(clock(minute))
    return f"{text} (ngày hôm sau)" if minute >= DAY else text


def format_duration(minutes: int) -> str:
    """'45 phút', '1 giờ', '2 giờ 35 phút'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} phút"
    return f"{hours} giờ {rest} phút" if rest else f"{hours} giờ"


def _minute_of(time: dt.time) -> int:
    return time.hour * 60 + time.minute


@dataclass(frozen=True)
class TimedItem:
    """A programme item with its place in the day."""

    number: int  # 1, 2, … in programme order
    entry: AgendaEntry
    start_minute: int
    end_minute: int

    @property
    def start(self) -> dt.time:
        return clock(self.start_minute)

    @property
    def end(self) -> dt.time:
        return clock(self.end_minute)

    @property
    def time_range(self) -> str:
        """'07:30 – 07:45' (an en dash between, as programmes print it)."""
        return f"{vn.format_time_short(self.start)} – {vn.format_time_short(self.end)}"


@dataclass(frozen=True)
class SessionRule:
    """What the conference's planned length allows (docs/agenda.md)."""

    length: str
    label: str  # "Một buổi sáng", "Nửa ngày", "Một ngày"
    summary: str  # "kết thúc trước 11:30", "tối đa 4 giờ, kết thúc trước 17:30"
    latest_end: int | None  # minutes since midnight
    latest_end_name: str  # "giờ buổi sáng" — said in the warning
    max_minutes: int | None
    needs_lunch_check: bool


def session_rule(length: str, start: dt.time) -> SessionRule:
    """The limits a programme of `length` starting at `start` must keep.

    - session (một buổi): a morning session (start before 12:00) ends by 11:30, an afternoon
      one (start at 12:00 or later) by 17:00;
    - half_day (nửa ngày): at most 4 hours, ending by 17:30; no lunch window crossed unplanned;
    - full_day (một ngày): ends by 17:30; a programme crossing 11:30–13:30 needs a lunch break.
    """
    if length == "session" and _minute_of(start) < AFTERNOON_FROM:
        return SessionRule(
            length=length,
            label="Một buổi sáng",
            summary="kết thúc trước 11:30",
            latest_end=MORNING_END,
            latest_end_name="giờ buổi sáng",
            max_minutes=None,
            needs_lunch_check=False,
        )
    if length == "session":
        return SessionRule(
            length=length,
            label="Một buổi chiều",
            summary="kết thúc trước 17:00",
            latest_end=AFTERNOON_END,
            latest_end_name="giờ buổi chiều",
            max_minutes=None,
            needs_lunch_check=False,
        )
    if length == "half_day":
        return SessionRule(
            length=length,
            label="Nửa ngày",
            summary="tối đa 4 giờ, kết thúc trước 17:30",
            latest_end=WORKDAY_END,
            latest_end_name="giờ làm việc",
            max_minutes=HALF_DAY_MINUTES,
            needs_lunch_check=True,
        )
    return SessionRule(
        length=length,
        label=LENGTHS.get(length, "Một ngày"),
        summary="kết thúc trước 17:30; nghỉ trưa nếu kéo dài qua 11:30 – 13:30",
        latest_end=WORKDAY_END,
        latest_end_name="giờ làm việc",
        max_minutes=None,
        needs_lunch_check=True,
    )


@dataclass(frozen=True)
class Schedule:
    """The programme with computed times, its end and what is wrong with it."""

    start_minute: int
    items: tuple[TimedItem, ...]
    rule: SessionRule
    warnings: tuple[str, ...] = field(default=())

    @property
    def start(self) -> dt.time:
        return clock(self.start_minute)

    @property
    def end_minute(self) -> int:
        return self.items[-1].end_minute if self.items else self.start_minute

    @property
    def end(self) -> dt.time:
        return clock(self.end_minute)

    @property
    def end_text(self) -> str:
        return clock_text(self.end_minute)

    @property
    def total_minutes(self) -> int:
        return self.end_minute - self.start_minute

    @property
    def is_empty(self) -> bool:
        return not self.items

    @property
    def fits(self) -> bool:
        return not self.warnings


EMPTY_WARNING = "Chương trình chưa có mục nào: hãy thêm các nội dung của hội nghị."


def compute_schedule(entries: Iterable[AgendaEntry], start: dt.time, length: str) -> Schedule:
    """Start and end of every item, from the conference's start and the durations before it."""
    begin = _minute_of(start)
    items: list[TimedItem] = []
    minute = begin
    for number, entry in enumerate(entries, start=1):
        items.append(TimedItem(number, entry, minute, minute + entry.minutes))
        minute += entry.minutes
    rule = session_rule(length, start)
    schedule = Schedule(begin, tuple(items), rule)
    return Schedule(begin, tuple(items), rule, tuple(schedule_warnings(schedule)))


def schedule_warnings(schedule: Schedule) -> list[str]:
    """Clear Vietnamese warnings for a programme that is empty or runs past its session."""
    if schedule.is_empty:
        return [EMPTY_WARNING]
    warnings = overrun_warnings(schedule)
    if (
        schedule.rule.needs_lunch_check
        and schedule.start_minute < LUNCH_FROM
        and schedule.end_minute > LUNCH_TO
    ):
        warnings.extend(_lunch_warnings(schedule))
    return warnings


def overrun_warnings(schedule: Schedule) -> list[str]:
    """The warnings of a programme running past the session planned (Conference.length): longer
    than half a day, or ending after the session's last minute. The pre-signature check blocks
    on these (agenda/checks.py)."""
    if schedule.is_empty:
        return []
    rule = schedule.rule
    end = schedule.end_minute
    warnings: list[str] = []
    if rule.max_minutes is not None and schedule.total_minutes > rule.max_minutes:
        over = schedule.total_minutes - rule.max_minutes
        warnings.append(
            f"Chương trình dài {format_duration(schedule.total_minutes)}, quá thời lượng "
            f"nửa ngày (tối đa {format_duration(rule.max_minutes)}) {format_duration(over)}."
        )
    if rule.latest_end is not None and end > rule.latest_end:
        warnings.append(
            f"Chương trình kết thúc lúc {clock_text(end)}, quá {rule.latest_end_name} "
            f"({clock_text(rule.latest_end)}) {format_duration(end - rule.latest_end)}."
        )
    return warnings


def _lunch_warnings(schedule: Schedule) -> list[str]:
    """A day that runs through 11:30–13:30 needs a break of an hour or more running at noon."""
    at_noon = [
        item
        for item in schedule.items
        if item.entry.is_break and item.start_minute <= NOON < item.end_minute
    ]
    if any(item.entry.minutes >= LUNCH_MIN_MINUTES for item in at_noon):
        return []
    if at_noon:
        item = at_noon[0]
        return [
            f"Mục nghỉ lúc 12:00 (mục {item.number}) chỉ dài {format_duration(item.entry.minutes)}"
            f" — chưa đủ cho nghỉ trưa (ít nhất {LUNCH_MIN_MINUTES} phút)."
        ]
    return [
        "Chương trình kéo dài qua giờ trưa (11:30 – 13:30) mà chưa có giờ nghỉ trưa: hãy chèn "
        f"mục “{DEFAULT_BREAK_TITLE}” từ {LUNCH_MIN_MINUTES} phút trở lên vào lúc 12:00."
    ]


# --------------------------------------------------------------------------------------------
# Items kept in step with another part (the award ceremony)
# --------------------------------------------------------------------------------------------

# An edited derived item's key carries, after this mark, the fingerprint of the text generated
# when the officer edited it ("awards:bang_khen_tinh|3f2a1b9c"): when the generated text changes
# later, the page and the pre-signature check say so (no column needed for it).
EDIT_MARK = "|"
# Where a part's items go when the programme has none of them yet: before the first of these.
DERIVED_ANCHOR_KINDS = ("phat_bieu_chi_dao", "phat_dong", "huong_ung", "ky_ket", "be_mac")


def base_key(key: str | None) -> str | None:
    """ "awards:bang_khen_tinh|3f2a1b9c" → "awards:bang_khen_tinh"."""
    return key.split(EDIT_MARK, 1)[0] if key else key


def edit_fingerprint(key: str | None) -> str:
    return key.split(EDIT_MARK, 1)[1] if key and EDIT_MARK in key else ""


def text_fingerprint(kind: str, title: str, presenter: str, presenter_unit: str = "") -> str:
    """A short digest of an item's generated words (not its minutes, which always follow)."""
    import hashlib

    text = "\x1f".join(vn.clean_text(part) for part in (kind, title, presenter, presenter_unit))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# A blank left to fill in: "…" or "..." standing on its own ("đồng chí …", "Số …/…"), not the
# "…" that ends a list right after its last word ("người lao động trực tiếp…") — the same rule
# as the delegates part's has_placeholder.
_BLANK = re.compile(r"(?<!\w)(?:…|\.{3,})")


def has_blank(text: str | None) -> bool:
    return bool(text) and _BLANK.search(vn.nfc(text)) is not None


def is_derived_from(entry: AgendaEntry, prefix: str) -> bool:
    key = base_key(entry.derived_key)
    return bool(key) and key.startswith(prefix)


@dataclass(frozen=True)
class DerivedGap:
    """How a programme's kept items differ from what the other part says they must be."""

    missing: tuple[str, ...] = ()  # titles of items the programme lacks
    extra: tuple[int, ...] = ()  # numbers of kept items that should be gone
    placeholders: tuple[int, ...] = ()  # numbers of preset placeholders still there
    mistimed: tuple[int, ...] = ()  # numbers of items whose minutes differ
    reworded: tuple[int, ...] = ()  # numbers of items (not edited) whose words differ
    misordered: bool = False
    stale_edits: tuple[int, ...] = ()  # edited items whose generated text has since changed

    @property
    def in_step(self) -> bool:
        return not (
            self.missing
            or self.extra
            or self.placeholders
            or self.mistimed
            or self.reworded
            or self.misordered
        )


def derived_gap(
    entries: Sequence[AgendaEntry], expected: Sequence, prefix: str, placeholder_key: str
) -> DerivedGap:
    """Compare the programme's items kept for `prefix` with `expected` (objects with key, kind,
    title, presenter, minutes — e.g. awards.logic.ProgrammeItem), item numbers 1-based."""
    wanted = {item.key: item for item in expected}
    numbered = list(enumerate(entries, start=1))
    kept = [(n, e) for n, e in numbered if is_derived_from(e, prefix)]
    placeholders = tuple(n for n, e in kept if base_key(e.derived_key) == placeholder_key)
    present = {base_key(e.derived_key): (n, e) for n, e in kept if n not in placeholders}
    extra = tuple(n for key, (n, _) in present.items() if key not in wanted)
    missing = tuple(item.title for key, item in wanted.items() if key not in present)
    mistimed, reworded, stale = [], [], []
    for key, item in wanted.items():
        if key not in present:
            continue
        number, entry = present[key]
        if entry.minutes != item.minutes:
            mistimed.append(number)
        generated = text_fingerprint(item.kind, item.title, item.presenter)
        if entry.edited:
            if edit_fingerprint(entry.derived_key) not in ("", generated):
                stale.append(number)
        elif (
            text_fingerprint(entry.kind, entry.title, entry.presenter, entry.presenter_unit)
            != generated
        ):
            reworded.append(number)
    order = [base_key(e.derived_key) for _, e in kept if base_key(e.derived_key) in wanted]
    return DerivedGap(
        missing=missing,
        extra=extra,
        placeholders=placeholders if wanted else (),
        mistimed=tuple(mistimed),
        reworded=tuple(reworded),
        misordered=order != [key for key in wanted if key in present],
        stale_edits=tuple(stale),
    )


# --------------------------------------------------------------------------------------------
# Minutes as an officer types them
# --------------------------------------------------------------------------------------------

_PLAIN_MINUTES = re.compile(r"([0-9]{1,6})\s*(?:phút|ph|p|'|′)?")
_HOURS_MINUTES = re.compile(
    r"([0-9]{1,3})\s*(?:giờ|tiếng|h|g)\s*(?:([0-9]{1,2})\s*(?:phút|ph|p|'|′)?)?"
)
_NEGATIVE = re.compile(r"[-−]\s*[0-9]+.*")
_DECIMAL = re.compile(r"[0-9]+[.,][0-9]+.*")


def parse_minutes(text: str) -> int:
    """Read a duration: "15", "15 phút", "15p", "1 giờ 30", "1h30", "2 tiếng" → minutes.

    A negative figure is returned as such (the form's range check then says what is allowed);
    letters, decimals and empty text raise ValueError with a Vietnamese message.
    """
    raw = vn.clean_text(text)
    lowered = raw.lower()
    if not lowered:
        raise ValueError("Chưa nhập thời lượng.")
    if _NEGATIVE.fullmatch(lowered):
        digits = re.sub(r"[^0-9]", "", lowered)
        return -int(digits)
    match = _PLAIN_MINUTES.fullmatch(lowered)
    if match:
        return int(match.group(1))
    match = _HOURS_MINUTES.fullmatch(lowered)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2) or 0)
    if _DECIMAL.fullmatch(lowered):
        raise ValueError(
            f"“{raw}”: thời lượng tính bằng số phút nguyên, ví dụ 15 hoặc 90 — "
            "không nhập số thập phân."
        )
    raise ValueError(f"“{raw}” không phải là số phút: hãy nhập số, ví dụ 15 hoặc 1 giờ 30.")


# --------------------------------------------------------------------------------------------
# The dashboard's view of the programme
# --------------------------------------------------------------------------------------------


@dataclass
class AgendaStatus:
    progress: int
    todo: list[str]


def agenda_status(schedule: Schedule) -> AgendaStatus:
    """Progress and what is left to do, for the dashboard card.

    0 with no items; 40 for a programme; +30 when it fits the planned length; +15 when every item
    (breaks aside) says who performs it; up to +15 as the MC's words are written for the items.
    """
    if schedule.is_empty:
        return AgendaStatus(0, ["Chưa có mục nào trong chương trình — hãy thêm mục đầu tiên."])
    todo = list(schedule.warnings)
    progress = 40
    if schedule.fits:
        progress += 30
    spoken = [item for item in schedule.items if not item.entry.is_break]
    nobody = [item.number for item in spoken if not item.entry.performer]
    if nobody:
        todo.append(f"Mục {_numbers(nobody)} chưa ghi người hoặc đơn vị thực hiện.")
    else:
        progress += 15
    written = sum(1 for item in spoken if item.entry.mc_text.strip())
    if spoken:
        progress += round(15 * written / len(spoken))
        if written < len(spoken):
            todo.append(
                f"Lời dẫn riêng: {written}/{len(spoken)} mục; các mục khác dùng lời mặc định "
                "(xem kịch bản điều hành)."
            )
    if schedule.fits:
        todo.insert(
            0,
            f"{len(schedule.items)} mục, {schedule.start.strftime('%H:%M')} – {schedule.end_text}"
            f" ({format_duration(schedule.total_minutes)}), vừa thời lượng "
            f"{schedule.rule.label.lower()}.",
        )
    return AgendaStatus(min(progress, 100), todo)


def _numbers(numbers: Sequence[int], shown: int = 6) -> str:
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + ", …" if len(numbers) > shown else text


# --------------------------------------------------------------------------------------------
# The MC's words (kịch bản điều hành)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScriptContext:
    """What the MC's default words need to know about the conference."""

    event: str  # "Hội nghị", or "Đại hội" for an Đại hội Thi đua yêu nước
    title: str
    issuer: str
    venue: str
    date: dt.date


def script_context(values: dict) -> ScriptContext:
    """From a conference's field values (Conference.values())."""
    return ScriptContext(
        event=event_noun(values.get("kind") or ""),
        title=values["title"],
        issuer=values["issuer"],
        venue=values["venue"],
        date=values["date"],
    )


GREETING = "Kính thưa các đồng chí lãnh đạo, các vị đại biểu, thưa toàn thể các đồng chí!"
BLANK = "…………………………"

# Words that open a presenter's name when it is a body or a group, not one person: the MC says
# "kính mời đại diện Sở Nội vụ", not "kính mời đồng chí Sở Nội vụ".
_GROUP_WORDS = (
    "đại diện", "đại biểu", "các", "đội", "đoàn", "nhóm", "sở", "phòng", "ban", "ủy ban",
    "uỷ ban", "văn phòng", "báo", "đài", "trung tâm", "trường", "câu lạc bộ", "công an", "hội",
    "khối", "thôn", "tổ", "ấp", "mặt trận", "người", "cá nhân", "tập thể", "trưởng các",
    "lãnh đạo các",
)  # fmt: skip
# Common nouns that read lower-case inside a sentence ("kính mời đại diện tập thể …").
_COMMON_NOUNS = (
    "đại diện", "đại biểu", "các", "đội", "nhóm", "người", "cá nhân", "tập thể", "lãnh đạo",
    "trưởng các",
)  # fmt: skip
# Already addressed: the MC says the name as typed.
_ADDRESSED = ("đồng chí", "đ/c", "ông", "bà", "anh", "chị")


def _starts_with(text: str, words: Sequence[str]) -> str | None:
    lowered = text.lower()
    for word in words:
        if lowered == word or lowered.startswith(word + " "):
            return word
    return None


def _lower_common_noun(text: str) -> str:
    word = _starts_with(text, _COMMON_NOUNS)
    return word + text[len(word) :] if word else text


def invitee(entry: AgendaEntry) -> str:
    """Who the MC invites: "đồng chí Nguyễn Văn A, Sở Nội vụ", "đại diện Sở Nội vụ",
    "đồng chí Chủ tịch Ủy ban nhân dân"; a dotted blank when nobody is named yet."""
    presenter, unit = entry.presenter.strip(), entry.presenter_unit.strip()
    if presenter:
        if _starts_with(presenter, _ADDRESSED):
            who = presenter
        elif _starts_with(presenter, _GROUP_WORDS):
            who = _lower_common_noun(presenter)
        else:
            who = "đồng chí " + _lower_common_noun(presenter)
        return f"{who}, {unit}" if unit else who
    if unit:
        return unit if _starts_with(unit, ("đại diện",)) else f"đại diện {unit}"
    return f"đồng chí {BLANK}"


def _opening(item: TimedItem, context: ScriptContext) -> str:
    return GREETING if item.number == 1 else f"Kính thưa {context.event}!"


def _next_part(item: TimedItem) -> str:
    return "Mở đầu chương trình" if item.number == 1 else "Tiếp theo chương trình"


# Who the MC introduces (Nghị định 145/2013/NĐ-CP; Nghị định 111/2018/NĐ-CP): superiors, then
# invited bodies, then the host — the delegate groups in the officer's order, which the presets
# give in that protocol order. Within a group the ranked delegates go first (rank 1, 2, …), the
# others after them by name: a delegate without a rank keeps his group's place.
INTRODUCE_BY_NAME_MAX = 12  # a larger group is greeted as a body ("Các đồng chí …")
# Groups greeted as a body whatever their size (the award recipients' representatives)…
_GREETED_AS_BODY = ("duoc khen thuong", "dien hinh tien tien", "nhan khen thuong")
# … and groups the MC does not introduce at all: the press and the staff serving the conference,
# known by what the group's name STARTS with — a host group may well name the "Trung tâm Phục vụ
# hành chính công" among its bodies and must still be introduced.
_NOT_INTRODUCED = (
    "phong vien",
    "can bo phuc vu",
    "nhan vien phuc vu",
    "bao chi",
    "co quan bao chi",
    "ky thuat",
)


def _folded(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", vn.nfc(text).casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _delegate_line(person) -> str:
    from ..delegates.logic import role_of

    role = role_of(person.position, person.unit)
    substitute = vn.clean_text(getattr(person, "substitute_name", "") or "")
    if person.reply == "substitute" and substitute:
        return f"Đồng chí {substitute}, dự thay {person.honorific.lower()} {person.full_name}" + (
            f", {role}" if role else ""
        )
    return f"{person.honorific} {person.full_name}" + (f", {role}" if role else "")


def _body_line(group_name: str) -> str:
    """ "Các đồng chí đại diện tập thể, cá nhân được khen thưởng"."""
    name = _lower_common_noun(vn.clean_text(group_name))
    if name.startswith("các "):
        name = name[len("các ") :]
    return f"Các đồng chí {name}"


def introduction_lines(people: Iterable, groups: Iterable) -> list[str]:
    """The lines the MC reads to introduce the delegates, in protocol order, group by group.

    `people`: delegates (full_name, honorific, position, unit, protocol_rank, presidium, reply,
    substitute_name, group_id); `groups`: their groups (id, name, position). Absent delegates
    are left out, a substitute is introduced in place of the person he stands in for. A group
    of the award recipients, or larger than INTRODUCE_BY_NAME_MAX, is greeted as a body after
    its ranked members (and Đoàn Chủ tịch) by name; the press and the serving staff are not
    introduced. Delegates in no group come after the groups, ranked ones first.
    """
    from ..delegates.logic import protocol_sections

    coming = [p for p in people if p.reply != "absent"]
    lines: list[str] = []
    for group, members in protocol_sections(coming, groups):
        if group is None:  # delegates in no group, after the groups, ranked ones first
            lines += [_delegate_line(p) for p in members]
            continue
        folded = _folded(group.name)
        if folded.startswith(_NOT_INTRODUCED):
            lines += [_delegate_line(p) for p in members if p.protocol_rank or p.presidium]
            continue
        as_body = len(members) > INTRODUCE_BY_NAME_MAX or any(
            word in folded for word in _GREETED_AS_BODY
        )
        if not as_body:
            lines += [_delegate_line(p) for p in members]
            continue
        lines += [_delegate_line(p) for p in members if p.protocol_rank or p.presidium]
        if members:
            lines.append(_body_line(group.name))
    return lines


def _introduce_delegates(context: ScriptContext, delegates: Sequence[str]) -> list[str]:
    """The delegates in protocol order, or the place where the MC reads them.

    `delegates` is what a delegates part will supply, already in protocol order (Nghị định
    145/2013, 111/2018: superiors, then invited bodies, then the host), one line each, e.g.
    "Đồng chí Nguyễn Văn A, Phó Chủ tịch Ủy ban nhân dân tỉnh".
    """
    lines = [f"Đến dự {context.event} hôm nay, chúng tôi trân trọng giới thiệu:"]
    names = [vn.clean_text(name) for name in delegates if vn.clean_text(name)]
    if names:
        return lines + [f"- {name};" for name in names[:-1]] + [f"- {names[-1]}."]
    return lines + [
        "(Đọc danh sách đại biểu theo thứ tự nghi lễ: lãnh đạo cấp trên; đại biểu các cơ quan, "
        f"đơn vị được mời; lãnh đạo {context.issuer}; đại diện các tập thể, cá nhân được khen "
        "thưởng. Mỗi đại biểu đọc rõ họ tên, chức vụ, đơn vị công tác.)",
        f"- Đồng chí {BLANK}, {BLANK};",
        f"- Đồng chí {BLANK}, {BLANK};",
        f"- Đồng chí {BLANK}, {BLANK}.",
    ]


def delegate_introduction(context: ScriptContext, delegates: Sequence[str]) -> list[str]:
    """The lines of the default words that come from the delegates part (the introduction of
    the delegates, or the dotted place for it): a gap there is filled on the delegates page,
    not in the item (checks.blanks links there)."""
    return _introduce_delegates(context, delegates)


def _statement_of_purpose(
    item: TimedItem, schedule: Schedule, context: ScriptContext, delegates: Sequence[str]
) -> list[str]:
    lines = [
        GREETING,
        f"Hôm nay, {vn.format_date_long(context.date)}, tại {context.venue}, {context.issuer} "
        f"long trọng tổ chức {context.title}.",
        *_introduce_delegates(context, delegates),
        "Thay mặt Ban Tổ chức, xin trân trọng kính chúc các đồng chí lãnh đạo, các vị đại biểu "
        "và toàn thể các đồng chí dồi dào sức khỏe, hạnh phúc và thành công.",
    ]
    if "chương trình" in item.entry.title.lower():  # "… và thông qua chương trình Hội nghị"
        rest = [
            later.entry.title
            for later in schedule.items
            if later.number > item.number and not later.entry.is_break
        ]
        if rest:
            lines.append(f"Chương trình {context.event} gồm các nội dung sau:")
            lines += [f"- {title};" for title in rest[:-1]] + [f"- {rest[-1]}."]
    lines.append("Xin trân trọng cảm ơn!")
    return lines


def _closing(item: TimedItem, schedule: Schedule, context: ScriptContext) -> list[str]:
    """Bế mạc. The MC closes; when someone other than the MC (who read the opening) is named
    to close, the MC invites them first and thanks everyone after."""
    lines = [
        GREETING,
        f"Đến đây, {context.event} đã hoàn thành toàn bộ nội dung chương trình đề ra.",
    ]
    openers = {
        other.entry.performer
        for other in schedule.items
        if other.entry.kind == "tuyen_bo_ly_do" and other.entry.performer
    }
    performer = item.entry.performer
    if performer and performer not in openers:
        lines += [
            f"Xin trân trọng kính mời {invitee(item.entry)} phát biểu bế mạc {context.event}.",
            "(Sau phát biểu bế mạc:)",
        ]
    lines += [
        f"Thay mặt Ban Tổ chức, xin trân trọng cảm ơn các đồng chí lãnh đạo, các vị đại biểu đã "
        f"dành thời gian về dự {context.event}. Kính chúc các đồng chí lãnh đạo, các vị đại biểu "
        "và toàn thể các đồng chí dồi dào sức khỏe, hạnh phúc và thành công.",
        f"{context.event} xin được bế mạc. Xin trân trọng cảm ơn!",
    ]
    return lines


def _is_generic(title: str, *generic: str) -> bool:
    return vn.clean_text(title).lower().rstrip(".") in generic


def default_mc_lines(
    item: TimedItem,
    schedule: Schedule,
    context: ScriptContext,
    delegates: Sequence[str] = (),
) -> list[str]:
    """The MC's default words for one item, line by line, in formal Vietnamese.

    A line wholly in brackets is a stage direction, not spoken. `delegates` (protocol order)
    fills the introduction of delegates; empty, the script leaves the place to read them.
    """
    entry = item.entry
    kind = entry.kind
    event = context.event
    who = invitee(entry)
    title = entry.title
    announce = f"{_next_part(item)} là nội dung: {title}."
    if kind == "tuyen_bo_ly_do":
        return _statement_of_purpose(item, schedule, context, delegates)
    if kind == "be_mac":
        return _closing(item, schedule, context)
    if kind == "van_nghe":
        if _is_generic(title, "văn nghệ chào mừng", "chương trình văn nghệ chào mừng"):
            what = f"chương trình văn nghệ chào mừng {event}"
        else:
            what = f"tiết mục: {title}"
        lines = [
            _opening(item, context),
            f"{_next_part(item)}, xin mời các vị đại biểu cùng thưởng thức {what}.",
        ]
        if entry.performer:
            lines.append(f"Thực hiện: {entry.performer}.")
        lines.append("(Sau tiết mục:) Xin cảm ơn những tiết mục văn nghệ đặc sắc!")
        return lines
    if kind == "chao_co":
        return [
            _opening(item, context),
            "Xin trân trọng kính mời các đồng chí lãnh đạo, các vị đại biểu và toàn thể các "
            "đồng chí đứng dậy làm lễ chào cờ.",
            "Nghiêm! Chào cờ — chào!",
            "(Quốc ca.)",
            "Xin mời các đồng chí ngồi.",
        ]
    if kind == "phong_su":
        lines = [
            _opening(item, context),
            f"{_next_part(item)}, xin mời các vị đại biểu cùng theo dõi: {title}.",
        ]
        if entry.performer:
            lines.append(f"Phóng sự do {entry.performer} thực hiện.")
        return lines + ["(Trình chiếu trên màn hình LED.)"]
    if kind == "tham_luan":
        previous = schedule.items[item.number - 2] if item.number > 1 else None
        if previous is not None and previous.entry.kind == "tham_luan":
            lead = f"Tiếp theo, xin trân trọng kính mời {who} trình bày tham luận: {title}."
            return [f"Kính thưa {event}!", lead]
        return [
            _opening(item, context),
            f"{_next_part(item)} là phần tham luận tại {event}.",
            f"Xin trân trọng kính mời {who} trình bày tham luận: {title}.",
        ]
    if kind == "thao_luan":
        return [
            _opening(item, context),
            f"{_next_part(item)}, {event} dành thời gian để thảo luận. Xin mời các vị đại biểu "
            "phát biểu ý kiến; khi phát biểu, xin các đồng chí cho biết họ tên, chức vụ, đơn vị "
            "công tác.",
        ]
    if kind == "trao_thuong":
        return [
            _opening(item, context),
            f"{_next_part(item)}, {event} tiến hành nội dung: {title}.",
            "Xin trân trọng kính mời đại diện Ban Tổ chức công bố quyết định khen thưởng.",
            "Xin trân trọng kính mời các tập thể, cá nhân có tên trong quyết định lên sân khấu "
            "nhận khen thưởng.",
            "Xin trân trọng kính mời các đồng chí lãnh đạo lên trao thưởng.",
            "(Nhạc nền trao thưởng; màn hình LED chạy tên từng tập thể, cá nhân đang nhận "
            "khen thưởng.)",
            "Xin chúc mừng các tập thể, cá nhân vừa được khen thưởng! Xin mời các đồng chí trở "
            "về chỗ ngồi.",
        ]
    if kind == BREAK_KIND:
        return [
            f"Kính thưa {event}!",
            f"Ban Tổ chức xin phép {event} nghỉ giải lao {format_duration(entry.minutes)}. "
            f"Đúng {vn.format_time(item.end)}, xin mời các vị đại biểu trở lại hội trường để "
            "tiếp tục chương trình.",
        ]
    if kind == "phat_bieu_chi_dao":
        return [
            _opening(item, context),
            f"{_next_part(item)}, {event} vinh dự được nghe {who} phát biểu chỉ đạo. "
            "Xin trân trọng kính mời!",
            f"(Sau phát biểu:) Thay mặt {event}, xin trân trọng cảm ơn ý kiến phát biểu chỉ đạo "
            f"của {who}; {event} xin tiếp thu và nghiêm túc triển khai thực hiện.",
        ]
    if kind == "ky_ket":
        return [
            _opening(item, context),
            announce,
            "Xin trân trọng kính mời đại diện lãnh đạo các đơn vị lên sân khấu thực hiện nghi "
            "thức ký kết giao ước thi đua.",
            "(Nhạc nền; các đơn vị ký và trao đổi văn bản giao ước thi đua.)",
            "Xin chúc mừng các đơn vị đã ký kết giao ước thi đua!",
        ]
    if kind in ("bao_cao", "phat_dong", "huong_ung"):
        return [_opening(item, context), announce, f"Xin trân trọng kính mời {who}."]
    # khac, and any kind a later version adds
    lines = [_opening(item, context), announce]
    if entry.performer:
        lines.append(f"Xin trân trọng kính mời {who}.")
    return lines


def default_mc_text(
    item: TimedItem,
    schedule: Schedule,
    context: ScriptContext,
    delegates: Sequence[str] = (),
) -> str:
    """The default words as one text, a line each (what the item form shows as placeholder)."""
    return "\n".join(default_mc_lines(item, schedule, context, delegates))


def mc_lines(
    item: TimedItem,
    schedule: Schedule,
    context: ScriptContext,
    delegates: Sequence[str] = (),
) -> list[str]:
    """The MC's words for an item: what the officer wrote, else the default."""
    written = vn.clean_text(item.entry.mc_text)
    if written:
        return [line for line in written.split("\n") if line.strip()]
    return default_mc_lines(item, schedule, context, delegates)


# --------------------------------------------------------------------------------------------
# What the printouts draw
# --------------------------------------------------------------------------------------------


@dataclass
class DocumentHead:
    """The ND30 header and the opening lines both printouts share."""

    issuer: str
    parent_body: str
    date_line: str
    subtitle: str  # trích yếu: the conference's title
    attachment_line: str  # "(Kèm theo Kế hoạch số 07/KH-UBND của …)" or ""
    time_line: str  # "07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027"
    place_line: str  # "Hội trường …, Số 18 …"


@dataclass
class ProgrammeRow:
    time_range: str
    title: str
    performer: str
    presenter: str
    presenter_unit: str
    is_break: bool


@dataclass
class ProgrammeSheet:
    """'Chương trình hội nghị': the header, time and place, one row per item."""

    head: DocumentHead
    rows: list[ProgrammeRow]
    end_line: str


@dataclass
class ScriptItem:
    number: int
    title: str
    time_range: str
    minutes: int
    performer: str
    lines: list[str]
    notes: str
    written: bool  # the officer wrote these words (not the default)


@dataclass
class RunOfShow:
    """'Kịch bản điều hành': for each item its time, title and the MC's words."""

    head: DocumentHead
    items: list[ScriptItem]
    end_line: str


def document_head(values: dict, printed_on: dt.date) -> DocumentHead:
    """The header fields from the conference's values, worded for print."""
    attachment = ""
    if values.get("doc_number"):
        number = vn.document_number_line(values["doc_number"], values.get("doc_symbol", ""))
        attachment = f"(Kèm theo Kế hoạch {number.replace('Số: ', 'số ')} của {values['issuer']})"
    place = values["venue"]
    if values.get("venue_address"):
        place = f"{place} ({values['venue_address']})"
    return DocumentHead(
        issuer=values["issuer"],
        parent_body=values.get("parent_body", ""),
        date_line=signing_date_line(values),
        subtitle=values["title"],
        attachment_line=attachment,
        time_line=f"{vn.format_time(values['start_time'])}, "
        f"{vn.format_date_with_weekday(values['date'])}",
        place_line=place,
    )


def _end_line(schedule: Schedule) -> str:
    if schedule.is_empty:
        return "(Chương trình chưa có nội dung.)"
    return f"Dự kiến kết thúc lúc {vn.format_time(schedule.end)}."


def programme_sheet(
    values: dict, entries: Sequence[AgendaEntry], printed_on: dt.date
) -> ProgrammeSheet:
    schedule = compute_schedule(entries, values["start_time"], values["length"])
    rows = [
        ProgrammeRow(
            time_range=item.time_range,
            title=item.entry.title,
            performer=item.entry.performer,
            presenter=item.entry.presenter,
            presenter_unit=item.entry.presenter_unit,
            is_break=item.entry.is_break,
        )
        for item in schedule.items
    ]
    return ProgrammeSheet(document_head(values, printed_on), rows, _end_line(schedule))


def run_of_show(
    values: dict,
    entries: Sequence[AgendaEntry],
    printed_on: dt.date,
    delegates: Sequence[str] = (),
) -> RunOfShow:
    """The MC's script. `delegates`, in protocol order, fills the introduction of delegates."""
    schedule = compute_schedule(entries, values["start_time"], values["length"])
    context = script_context(values)
    items = [
        ScriptItem(
            number=item.number,
            title=item.entry.title,
            time_range=item.time_range,
            minutes=item.entry.minutes,
            performer=item.entry.performer,
            lines=mc_lines(item, schedule, context, delegates),
            notes=item.entry.notes,
            written=bool(vn.clean_text(item.entry.mc_text)),
        )
        for item in schedule.items
    ]
    return RunOfShow(document_head(values, printed_on), items, _end_line(schedule))


def kind_label(kind: str) -> str:
    return AGENDA_KINDS.get(kind, kind)
