"""Pure computations on a conference: countdown, next year's copy, completeness, the summary.

No Flask, no database session: functions take plain values (or a model read as plain data) and
return plain values, so the page, the printout and the benchmark all reuse them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import vn
from .vocab import KINDS, LENGTHS, LEVELS

# What a blank day or month of the date line prints: a dotted gap the signer writes in by hand
# (drafts print "ngày … tháng … năm 2027"; spaces alone would close up in a PDF line).
BLANK_DATE_PART = "…"

# Đại hội Thi đua yêu nước is held every five years (seed 004: "giai đoạn 2020-2025"); the other
# kinds every year.
YEARS_BETWEEN_EDITIONS = {"dai_hoi": 5}

# A year standing alone: not part of a document number ("98/2023/NĐ-CP") or a date ("24/01/2024").
_YEAR = re.compile(r"(?<![\d/])(19|20)\d{2}(?![\d/])")


def default_years(today: dt.date) -> tuple[int, int]:
    """The year reviewed and the year launched for a conference planned on `today`.

    Reviews are held from December to March (seeds: 18/01/2024, 27/3/2020, quý I/2024): planned in
    the second half of a year, the conference reviews that year; in the first half, the last one.
    """
    reviewed = today.year if today.month >= 7 else today.year - 1
    return reviewed, reviewed + 1


def default_date(year_launched: int, typical_month: int, today: dt.date, calendar=None) -> dt.date:
    """A first guess for the date: mid-month of the preset's usual month, never in the past.
    `calendar` (tasks/logic.WorkCalendar) carries the days off the officer added."""
    month = min(max(typical_month, 1), 12)
    guess = dt.date(year_launched, month, 15)
    if guess <= today:
        guess = today + dt.timedelta(days=30)
    # Conferences are held on working days: move a weekend or public-holiday guess to the
    # working day before (the check before signing warns about a day off, conferences/checks).
    try:
        from ..tasks.logic import non_working_reason
    except ImportError:  # pragma: no cover - the tasks part is not in this build
        non_working_reason = None
    while guess.weekday() >= 5 or (non_working_reason and non_working_reason(guess, calendar)):
        guess -= dt.timedelta(days=1)
    return guess


def days_until(day: dt.date, today: dt.date) -> int:
    return (day - today).days


def countdown_text(days: int) -> str:
    """'Còn 12 ngày', 'Ngày mai', 'Hôm nay', 'Đã diễn ra 3 ngày trước'."""
    if days > 1:
        return f"Còn {days} ngày"
    if days == 1:
        return "Ngày mai"
    if days == 0:
        return "Hôm nay"
    return f"Đã diễn ra {-days} ngày trước"


def shift_years(text: str, years: set[int], offset: int) -> str:
    """Move every mention of one of `years` in `text` by `offset` ("năm 2024" → "năm 2025").

    Other four-digit numbers (a decree's year, "2020-2025" ranges of other years) are left alone.
    """

    def replace(match: re.Match[str]) -> str:
        value = int(match.group(0))
        return str(value + offset) if value in years else match.group(0)

    return _YEAR.sub(replace, text)


def shift_date(day: dt.date, years: int) -> dt.date:
    """The same day and month `years` later (29/02 becomes 28/02 in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# The fields whose text names the years and moves with them in a copy.
_TEXT_FIELDS_WITH_YEARS = ("title", "funding_source", "purposes", "notes", "closing")


def next_edition(values: dict, kind: str) -> dict:
    """The values of next edition's conference, copied from this one ("Nhân bản").

    Years move by one (five for an Đại hội), the title and texts follow, the document number and
    the signing date are cleared (a new plan gets a new number and is signed on its own day).
    """
    offset = YEARS_BETWEEN_EDITIONS.get(kind, 1)
    years = {values["year_reviewed"], values["year_launched"]}
    copy = dict(values)
    for name in _TEXT_FIELDS_WITH_YEARS:
        if copy.get(name):
            copy[name] = shift_years(copy[name], years, offset)
    copy["year_reviewed"] = values["year_reviewed"] + offset
    copy["year_launched"] = values["year_launched"] + offset
    copy["date"] = shift_date(values["date"], offset)
    if values.get("date_other"):
        copy["date_other"] = shift_date(values["date_other"], offset)
    copy["doc_number"] = ""
    copy["signing_date"] = None
    return copy


# A plan is signed before its first dated duty, with time to do it: seed 001 gives a duty at
# least 15 days ("trước ngày tổ chức Hội nghị ít nhất 15 ngày"). Its first deadline "trước ngày
# 10/01/2025" (the last day 09/01) puts the signing in 2024; seed 000's duties "trong tháng 12
# năm 2023" put it in 2023; seed 004's "trước ngày 30/8/2024" in 2024, for levels in 2025.
SIGNING_LEAD = dt.timedelta(days=15)


def signing_year(values: dict) -> int:
    """The year printed on a signed document whose ngày ký is still blank.

    The conference's year, unless the plan dates something earlier: then the year of its first
    dated deadline or level time (`values["first_due"]`, Conference.values(): the earliest last
    day of a duty, the first day of a level's quarter) less SIGNING_LEAD — the plan is signed
    before its first duty is due. A typed ngày ký settles it; the pre-signature checks use this
    same year (conferences/checks, tasks/checks), so hint and print agree.
    """
    if values.get("signing_date"):
        return values["signing_date"].year
    year = values["date"].year
    first = values.get("first_due")
    if first is not None:
        year = min(year, (first - SIGNING_LEAD).year)
    return year


def first_dated_day(dues: Iterable[dt.date | None], quarters: Iterable[tuple]) -> dt.date | None:
    """The earliest of the duties' last days and the levels' quarters' first days (seed 004's
    "Quý I năm 2025" starts 01/01/2025), or None when the plan dates nothing."""
    days = [d for d in dues if d is not None]
    days += [dt.date(year, 3 * quarter - 2, 1) for quarter, year in quarters if quarter and year]
    return min(days, default=None)


def signing_date_line(values: dict) -> str:
    """The one "địa danh, ngày … tháng … năm …" line of every signed document of the set.

    Nghị định 30/2020/NĐ-CP, Phụ lục I: the place and the day the document is signed. With a
    ngày ký: "Tân Hòa, ngày 04 tháng 01 năm 2027"; without one the day and month are left for the
    signer (văn thư) to write by hand: "Tân Hòa, ngày … tháng … năm 2027" (year: signing_year).
    Every printout that carries a date line takes it from here, so the set never disagrees.
    """
    place = vn.clean_text(values.get("place_name") or "")
    day = values.get("signing_date")
    if day is not None:
        return vn.date_line(place, day)
    return blank_date_line(place, signing_year(values))


def blank_date_line(place: str, year: int) -> str:
    """The date line with the day and month left for the signer: "Tân Hòa, ngày … tháng … năm
    2027" — one way of leaving them blank across the set (the plan's, and a report signed
    after the event, which does not take the plan's ngày ký)."""
    when = f"ngày {BLANK_DATE_PART} tháng {BLANK_DATE_PART} năm {year}"
    return f"{place}, {when}" if place else when


@dataclass
class Completeness:
    """How far the general information is filled in, and what is still missing."""

    progress: int
    missing: list[str] = field(default_factory=list)


def info_completeness(values: dict) -> Completeness:
    """What the officer still has to fill in before the plan can be signed."""
    checks = [
        (values.get("venue_address"), "Chưa có địa chỉ nơi tổ chức"),
        (values.get("funding_source"), "Chưa ghi nguồn kinh phí"),
        (values.get("doc_number"), "Chưa có số văn bản (Số: …/KH-…)"),
        (values.get("signer_title"), "Chưa có chức vụ người ký"),
        (values.get("signer_name"), "Chưa có họ tên người ký"),
        (values.get("purposes"), "Chưa có mục đích, yêu cầu"),
    ]
    missing = [message for value, message in checks if not value]
    required_total = len(checks) + 6  # title, issuer, place, date, time, venue are always there
    progress = round(100 * (required_total - len(missing)) / required_total)
    return Completeness(progress=progress, missing=missing)


@dataclass
class ConferenceSummary:
    """The conference's facts, already worded: the 'Thông tin hội nghị' fact sheet, and the head
    (issuer, date line, signer) the delegates' letters reuse."""

    parent_body: str
    issuer: str
    date_line: str  # signing_date_line: the date line of the signed documents of the set
    title: str
    rows: list[tuple[str, str]]
    purposes: list[str]
    signer_lines: list[str]
    signer_name: str


def time_and_day(start: dt.time, day: dt.date) -> str:
    """'07 giờ 30, Thứ Sáu, ngày 19 tháng 01 năm 2024'."""
    return f"{vn.format_time(start)}, {vn.format_date_with_weekday(day)}"


# --------------------------------------------------------------------------- planned dates
# Issue 17 (docs/planned-dates.md): a conference planned before its day is known. `date` is the
# latest possible day; `date_kind` says how the documents word it.
DATE_KINDS = {
    "exact": "Ngày cụ thể",
    "either": "Một trong hai ngày",
    "month_part": "Đầu, giữa hoặc cuối tháng",
    "quarter": "Trong quý",
}
# A part of a month and its last day: "đầu tháng" is the 1st–10th, "giữa tháng" the 11th–20th,
# "cuối tháng" the 21st to the month's end, as offices divide a month (thượng, trung, hạ tuần).
MONTH_PARTS = {"dau": "Đầu tháng", "giua": "Giữa tháng", "cuoi": "Cuối tháng", "ca": "Trong tháng"}
_MONTH_PART_WORDS = {code: label.lower() for code, label in MONTH_PARTS.items()}
_MONTH_PART_LAST_DAY = {"dau": 10, "giua": 20}
QUARTER_NAMES = ("I", "II", "III", "IV")
# "Một trong hai ngày" names two days of one sitting week; further apart, it is a part of a month.
MAX_DAYS_BETWEEN_EITHER = 7
# The printouts that print the conference's day itself and go out on it, read aloud or hung or
# signed on the day: they wait for the day (the run-of-show script reads it aloud: "Hôm nay,
# ngày …"; the print shop's sheet goes on the backdrop and banners; the sign-in sheet is signed
# on the day). Printouts that only mention when the conference is word it with
# event_time_text instead (docs/planned-dates.md lists each and why). The envelope labels are
# not among them: a label carries a name and an address, no date (issue 20 review).
# Each with the reason the refusal gives (exact_date_refusal): what on it needs the day.
EXACT_DATE_REASONS = {
    "giay-moi": "Giấy mời ghi ngày, giờ họp cụ thể để đại biểu đến dự",
    "chuong-trinh": "Chương trình hội nghị ghi ngày họp cụ thể",
    "kich-ban-dieu-hanh": "Kịch bản điều hành đọc ngày họp (“Hôm nay, ngày …”)",
    "danh-sach-ky-nhan": "Danh sách đại biểu ký nhận được ký vào chính ngày họp",
    "noi-dung-in": "Nội dung in (phông, băng rôn) ghi ngày họp và được treo vào ngày họp",
}
EXACT_DATE_PRINTOUTS = tuple(EXACT_DATE_REASONS)


class PrintRefused(Exception):
    """A printout that cannot be made yet; the message says why, in Vietnamese (shown as a page,
    not a server error)."""


def month_last_day(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def month_part_last_day(year: int, month: int, part: str) -> dt.date:
    """The latest day of a part of a month: đầu → 10, giữa → 20, cuối and the whole → the end."""
    if part in _MONTH_PART_LAST_DAY:
        return dt.date(year, month, _MONTH_PART_LAST_DAY[part])
    return month_last_day(year, month)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_last_day(year: int, quarter: int) -> dt.date:
    """31/3, 30/6, 30/9 or 31/12 of `year`."""
    return month_last_day(year, quarter * 3)


# The first day of a part of a month (the thượng/trung/hạ tuần division of _MONTH_PART_LAST_DAY).
_MONTH_PART_FIRST_DAY = {"dau": 1, "giua": 11, "cuoi": 21, "ca": 1}


def earliest_possible_day(values: dict) -> dt.date:
    """The first day the planned date allows — the other end of the window whose latest day is
    `date`: 21/02 for "cuối tháng 02", 01/01 for "Quý I", the earlier of two days; `date` itself
    for an exact day. A deadline counted back from the latest day that falls on or after this
    day may come after an early meeting (conferences.checks.deadline_in_window)."""
    day: dt.date = values["date"]
    kind = values.get("date_kind") or "exact"
    if kind == "either" and values.get("date_other"):
        return min(day, values["date_other"])
    if kind == "month_part":
        return day.replace(day=_MONTH_PART_FIRST_DAY.get(values.get("month_part") or "", 1))
    if kind == "quarter":
        return dt.date(day.year, (quarter_of(day) - 1) * 3 + 1, 1)
    return day


def is_exact(values: dict) -> bool:
    return (values.get("date_kind") or "exact") == "exact"


def known_month(values: dict) -> int | None:
    """The month the conference is held in, when the planned date names one: an exact day, a
    part of a month, two days of one month; None for a quarter or two days in two months."""
    kind = values.get("date_kind") or "exact"
    day: dt.date = values["date"]
    if kind == "quarter":
        return None
    other = values.get("date_other")
    if kind == "either" and other and (other.year, other.month) != (day.year, day.month):
        return None
    return day.month


def _month_number(month: int) -> str:
    # Nghị định 30/2020, Phụ lục I: months 1 and 2 take a leading 0, the others none.
    return f"{month:02d}" if month in (1, 2) else str(month)


def _either_days(first: dt.date, second: dt.date) -> str:
    """'ngày 18 hoặc ngày 19/01/2024' (seed 000): the month and year written once when shared."""

    # Nghị định 30 months (one date format in the plan: "19/3/2024", never "19/03/2024").
    def short(day: dt.date) -> str:
        return f"{day.day:02d}/{_month_number(day.month)}/{day.year}"

    if (first.year, first.month) == (second.year, second.month):
        return f"ngày {first.day:02d} hoặc ngày {short(second)}"
    if first.year == second.year:
        return f"ngày {first.day:02d}/{_month_number(first.month)} hoặc ngày {short(second)}"
    return f"ngày {short(first)} hoặc ngày {short(second)}"


def planned_date_text(values: dict, weekday: bool = True) -> str:
    """The planned date as the seed plans word it, lower-case first letter, no final stop.

    exact: "Thứ Năm, ngày 18 tháng 01 năm 2024" (`weekday` False: "ngày 18/01/2024"); either:
    "ngày 18 hoặc ngày 19/01/2024" (seed 000); month_part: "cuối tháng 02/2025" (seed 001);
    quarter: "trong quý I năm 2024" (seed 002). "dự kiến" goes before ("dự kiến vào cuối tháng
    02/2025", "dự kiến ngày 18 hoặc ngày 19/01/2024"); the note after it in brackets
    ("(thời gian cụ thể sẽ có thông báo sau)").
    """
    day: dt.date = values["date"]
    kind = values.get("date_kind") or "exact"
    tentative = bool(values.get("date_tentative"))
    if kind == "either" and values.get("date_other"):
        other = values["date_other"]
        text = _either_days(min(day, other), max(day, other))
    elif kind == "month_part":
        part = values.get("month_part") or "ca"
        words = _MONTH_PART_WORDS.get(part, "trong tháng")
        text = f"{words} {_month_number(day.month)}/{day.year}"
        if tentative and part != "ca":
            text = f"vào {text}"  # seed 001: "dự kiến vào cuối tháng 02/2025"
    elif kind == "quarter":
        text = f"trong quý {QUARTER_NAMES[quarter_of(day) - 1]} năm {day.year}"
    elif weekday:
        text = vn.format_date_with_weekday(day)
    else:
        text = f"ngày {day.day:02d}/{_month_number(day.month)}/{day.year}"
    if tentative:
        text = f"dự kiến {text}"
    note = note_text(values.get("date_note") or "")
    return f"{text} ({note})" if note else text


def event_time_text(values: dict) -> str:
    """When the conference is held, for a working document's line ("Thời gian: …", the seating
    chart's and the award script's heading): "07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027" once
    the day is fixed; before that the plan's wording with a capital and no start time ("Dự kiến
    cuối tháng 02/2027 (thời gian cụ thể sẽ có thông báo sau)"), as the plan's "Thời gian" drops
    the hour of a day not fixed or still "dự kiến" (plan.logic.time_sentence)."""
    if is_exact(values) and not values.get("date_tentative"):
        return time_and_day(values["start_time"], values["date"])
    return _sentence_case(planned_date_text(values))


def note_text(note: str) -> str:
    """The announce-later note without the brackets the officer may have typed."""
    note = vn.clean_text(note).strip()
    while note.startswith("(") and note.endswith(")"):
        note = note[1:-1].strip()
    return note.rstrip(".")


def latest_day_note(values: dict) -> str:
    """'' for an exact day; else what a deadline or countdown counted from the latest possible
    day says: "tính từ ngày muộn nhất có thể: 28/02/2025"."""
    if is_exact(values):
        return ""
    return f"tính từ ngày muộn nhất có thể: {vn.format_date_short(values['date'])}"


def exact_date_refusal(values: dict, document: str, key: str = "") -> str:
    """'' when `document` can print its day; else the Vietnamese reason it cannot yet — what
    on it needs the day (EXACT_DATE_REASONS[key]), not a claim every printout carries one."""
    if is_exact(values):
        return ""
    why = EXACT_DATE_REASONS.get(key) or (
        f"{document[:1].upper()}{document[1:]} phải ghi ngày cụ thể"
    )
    return (
        f"Chưa in được {document}: ngày tổ chức mới là "
        f"“{planned_date_text(values, weekday=False)}”. {why} — hãy chọn “Ngày cụ thể” và "
        "nhập ngày tổ chức ở phần Thông tin hội nghị khi đã chốt ngày."
    )


def require_exact_date(values: dict, document: str, key: str = "") -> None:
    """Raise PrintRefused for a printout that needs the day while the date is not exact."""
    message = exact_date_refusal(values, document, key)
    if message:
        raise PrintRefused(message)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def conference_summary(values: dict, printed_on: dt.date | None = None) -> ConferenceSummary:
    """The summary sheet of a conference, from its field values.

    `printed_on` is no longer used: every dated document carries signing_date_line(values).
    """
    days = values["date"]
    organiser = ", ".join(
        part for part in (values.get("issuer", ""), values.get("parent_body", "")) if part
    )
    rows = [
        ("Cơ quan tổ chức", organiser),
        ("Loại hội nghị", KINDS.get(values["kind"], values["kind"])),
        ("Cấp tổ chức", LEVELS.get(values["level"], values["level"])),
        ("Năm tổng kết", str(values["year_reviewed"])),
        ("Năm phát động", str(values["year_launched"])),
        (
            "Thời gian",
            time_and_day(values["start_time"], days)
            if is_exact(values)
            else _sentence_case(planned_date_text(values)),
        ),
        ("Thời lượng", LENGTHS.get(values["length"], values["length"])),
        ("Địa điểm", values["venue"]),
    ]
    if values.get("venue_address"):
        rows.append(("Địa chỉ", values["venue_address"]))
    rows.append(
        ("Số đại biểu dự kiến", f"{vn.format_number(values['planned_delegates'])} đại biểu")
    )
    if values.get("funding_source"):
        rows.append(("Nguồn kinh phí", values["funding_source"]))
    # The plan's number and signer are facts here, not this sheet's own: the sheet is not signed
    # and carries no "Số:" line (one number belongs to one document, the Kế hoạch).
    number = vn.clean_text(values.get("doc_number") or "")
    plan = vn.document_number_line(number, values["doc_symbol"]).removeprefix("Số: ")
    rows.append(("Kế hoạch", f"Số {plan}" if number else "Chưa có số"))
    signing = values.get("signing_date")
    rows.append(
        (
            "Ngày ký",
            vn.format_date_short(signing) if signing else "Để trống (người ký điền tay)",
        )
    )
    signer = [
        line
        for line in (
            values.get("signer_authority"),
            values.get("signer_deputy"),
            values.get("signer_title"),
        )
        if line
    ]
    signed_by = ", ".join([*signer, values.get("signer_name") or ""]).strip(", ")
    rows.append(("Người ký", signed_by or "Chưa có"))
    return ConferenceSummary(
        parent_body=values.get("parent_body", ""),
        issuer=values["issuer"],
        date_line=signing_date_line(values),
        title=values["title"],
        rows=rows,
        purposes=[p for p in values.get("purposes", "").split("\n") if p.strip()],
        signer_lines=[vn.upper_vn(line) for line in signer],
        signer_name=values.get("signer_name", ""),
    )


# The printouts that are signed (a signature with the signer's authority) and so carry the set's
# date line: the plan, the estimate, the invitations, the award money list (printouts keys).
SIGNED_PRINTOUTS = ("ke-hoach", "du-toan", "giay-moi", "tien-thuong")

# A gap left to be filled: "…" or three dots or more ("Quyết định số …/…/QĐ-UBND ngày …").
_PLACEHOLDER = re.compile(r"…|\.{3,}")

# How much text either side of a gap a message quotes.
_QUOTE_AROUND = 30


@dataclass(frozen=True)
class Gap:
    """A "…" left in a text: the 1-based line it is on and the words around it."""

    line: int
    fragment: str


def placeholder_gaps(text: str) -> list[Gap]:
    """Each line of `text` that still holds a "…" (or "..."), with the words around the first.

    One gap per line: a line with three gaps is one thing to fix. The fragment is cut at word
    boundaries, "…" marking where it was cut ("…kèm theo Quyết định số …/…/QĐ-UBND ngày …").
    """
    gaps = []
    for number, line in enumerate((text or "").split("\n"), start=1):
        matches = list(_PLACEHOLDER.finditer(line))
        if not matches:
            continue
        start = max(0, matches[0].start() - _QUOTE_AROUND)
        end = min(len(line), matches[-1].end() + _QUOTE_AROUND)
        if start > 0 and " " in line[start : matches[0].start()]:
            start = line.index(" ", start) + 1
        if end < len(line) and " " in line[matches[-1].end() : end]:
            end = line.rindex(" ", matches[-1].end(), end)
        fragment = line[start:end].strip()
        fragment = ("…" if start > 0 else "") + fragment + ("…" if end < len(line) else "")
        gaps.append(Gap(number, fragment))
    return gaps


# Dates as the căn cứ write them: "ngày 14 tháng 6 năm 2025", "ngày 20/5/2024", "20-5-2024".
_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_SHORT_DATE = re.compile(r"(?<![\d/])(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?![\d/])")


def dates_in(text: str) -> list[tuple[int, dt.date, str]]:
    """Every real date written in `text`: (line number, date, as written)."""
    found = []
    for number, line in enumerate((text or "").split("\n"), start=1):
        for pattern in (_LONG_DATE, _SHORT_DATE):
            for match in pattern.finditer(line):
                day, month, year = (int(part) for part in match.groups())
                try:
                    found.append((number, dt.date(year, month, day), match.group(0)))
                except ValueError:
                    continue
    return found
