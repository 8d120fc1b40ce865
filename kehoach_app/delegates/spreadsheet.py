"""Delegates to and from Excel (.xlsx): the import template, reading a filled file, the export.

Reading is careful with what people actually send: a file that is not an .xlsx (random bytes,
an old .xls, a renamed .docx), a file too large, an empty sheet, a title row above the headers,
merged header cells, headers in another order or case, formulas, Excel's leading-zero-less phone
numbers, decomposed diacritics. Every problem is reported by row and column, in Vietnamese,
and nothing is saved unless there is none (the view imports all rows or none).

Values are checked by the same DelegateForm as the page, so a row the form would refuse is
refused here with the same message.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from werkzeug.datastructures import MultiDict

from .. import vn, xlsx_files, xlsx_text
from .forms import DelegateChecker, group_choices
from .logic import fold_accents, group_key, identity_key, sort_delegates
from .models import HONORIFICS, REPLIES

# Limits, said to the officer in the messages and on the import page.
MAX_BYTES = xlsx_files.MAX_BYTES
MAX_ROWS = 5_000  # more than any conference hall; above it the file is refused whole
MAX_UNPACKED_BYTES = xlsx_files.MAX_UNPACKED_BYTES
HEADER_SEARCH_ROWS = 10  # the header row may sit under a title ("DANH SÁCH ĐẠI BIỂU …")

# The template's columns: (key, header). The key is the DelegateForm field, or "group".
COLUMNS: tuple[tuple[str, str], ...] = (
    ("honorific", "Danh xưng"),
    ("full_name", "Họ và tên"),
    ("position", "Chức vụ"),
    ("unit", "Đơn vị"),
    ("group", "Thành phần"),
    ("protocol_rank", "Thứ tự lễ tân"),
    ("presidium", "Đoàn Chủ tịch"),
    ("phone", "Điện thoại"),
    ("notes", "Ghi chú"),
)
# Written by the export and read back by the import, so an exported list re-imports whole.
EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("invitation_sent_on", "Ngày gửi giấy mời"),
    ("reply", "Phản hồi"),
    ("substitute_name", "Người dự thay"),
)
HEADERS = dict(COLUMNS + EXTRA_COLUMNS)

# Other ways people head the same columns (compared without marks, case or spaces).
_ALIASES = {
    "honorific": ("danh xung", "xung ho"),
    "full_name": ("ho va ten", "ho ten", "ho va ten dai bieu", "ten dai bieu"),
    "position": ("chuc vu", "chuc danh"),
    "unit": ("don vi", "co quan", "co quan, don vi", "don vi cong tac", "noi cong tac"),
    "group": ("thanh phan", "nhom", "thanh phan dai bieu"),
    "protocol_rank": ("thu tu le tan", "thu tu", "thu tu uu tien", "xep thu tu"),
    "presidium": ("doan chu tich", "ngoi doan chu tich"),
    "phone": ("dien thoai", "so dien thoai", "sdt", "đt", "dt"),
    "notes": ("ghi chu",),
    "invitation_sent_on": ("ngay gui giay moi", "gui giay moi", "ngay gui"),
    "reply": ("phan hoi", "tra loi"),
    "substitute_name": ("nguoi du thay", "nguoi thay"),
}
_HEADER_KEYS = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
# Columns a list often has that carry nothing to import (the row number).
_IGNORED_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu"})

_YES = frozenset({"x", "co", "c", "1", "yes", "y", "true", "dct"})
_NO = frozenset({"", "khong", "k", "0", "no", "n", "false"})
_EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)

# The example row of the template: recognised (and skipped) if the officer leaves it in.
EXAMPLE = {
    "honorific": "Đồng chí",
    "full_name": "Trần Thị Bích Ngọc",
    "position": "Phó Chủ tịch Ủy ban nhân dân",
    "unit": "Ủy ban nhân dân xã Tân Hòa",
    "protocol_rank": 3,
    "presidium": "x",
    "phone": "0912 345 678",
    "notes": "Dòng ví dụ — xóa dòng này trước khi nhập",
}


def _header_key(text) -> str:
    """How a header cell is compared: no marks, lower case, single spaces, no '*' or ':'."""
    words = fold_accents(vn.clean_text(str(text))).replace("*", " ").replace(":", " ").split()
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# What reading a file gives
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One reason the file cannot be imported, where it is, in Vietnamese."""

    message: str
    row: int | None = None  # the spreadsheet's row number, as Excel shows it
    column: str | None = None  # the header, e.g. "Điện thoại"
    letter: str | None = None  # the column letter, e.g. "H"

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}" + (f" ({self.letter})" if self.letter else ""))
        elif self.letter:
            where.append(f"cột {self.letter}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportRow:
    """One good row: the values to save (like Delegate.FIELDS) and, for the preview, its group."""

    row: int
    values: dict
    group_name: str


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheet: str = ""
    columns: list[str] = field(default_factory=list)  # the headers recognised, in file order

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def sniff(raw: bytes) -> str | None:
    """Why these bytes are not an .xlsx workbook we can open, or None when they look like one."""
    return xlsx_files.refusal(raw, "Danh sách đại biểu")


def _load_book(raw: bytes, data_only: bool):
    return load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only)


class _DamagedFile(Exception):
    """openpyxl failed while reading the rows: the file, not the program, is at fault."""


def _rows(sheet) -> Iterable[tuple]:
    try:
        yield from sheet.iter_rows(values_only=True)
    except Exception as error:  # noqa: BLE001 — openpyxl raises many kinds for a damaged part
        raise _DamagedFile(str(error)) from error


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _find_header(sheet) -> tuple[int, tuple] | None:
    """(row number, cells) of the first row with a "Họ và tên" header in the top rows."""
    for number, cells in enumerate(_rows(sheet), start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        if any(not _is_blank(c) and _HEADER_KEYS.get(_header_key(c)) == "full_name" for c in cells):
            return number, cells
    return None


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")


def _has_formulas(raw: bytes, sheet) -> bool:
    """Whether the sheet's XML holds any formula (<f>); True when it cannot be told."""
    path = getattr(sheet, "_worksheet_path", None)
    if not path:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return bool(_FORMULA.search(archive.read(path.lstrip("/"))))
    except (KeyError, zipfile.BadZipFile, OSError):
        return True


def _count_rows(sheet, header_row: int, stop_at: int) -> int:
    """How many non-blank rows follow the header, counting no further than `stop_at`."""
    found = 0
    for number, cells in enumerate(_rows(sheet), start=1):
        if number > header_row and not all(_is_blank(c) for c in cells):
            found += 1
            if found >= stop_at:
                break
    return found


def _choose_sheet(workbook):
    """The sheet holding the list: the first with a "Họ và tên" header, else the first sheet."""
    for sheet in workbook.worksheets:
        found = _find_header(sheet)
        if found:
            return sheet, found
    return (workbook.worksheets[0] if workbook.worksheets else None), None


def _as_text(value) -> str:
    """A cell's value as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return vn.format_date_short(value.date())
    if isinstance(value, dt.date):
        return vn.format_date_short(value)
    return vn.clean_text(str(value))


class _GroupFinder:
    """Reads the "Thành phần" cell: the group's name (case, spacing, marks forgiven when it is
    unambiguous) or its number in the list (1, 2, …)."""

    def __init__(self, groups: Sequence):
        self.groups = list(groups)
        self.by_key = {group_key(g.name): g for g in self.groups}
        loose: dict[str, list] = {}
        for g in self.groups:
            loose.setdefault(fold_accents(group_key(g.name)), []).append(g)
        self.by_loose = {k: v[0] for k, v in loose.items() if len(v) == 1}

    def find(self, text: str):
        if not text:
            return None
        key = group_key(text)
        if key in self.by_key:
            return self.by_key[key]
        if fold_accents(key) in self.by_loose:
            return self.by_loose[fold_accents(key)]
        if text.isascii() and text.isdigit() and len(text) <= 6:
            if 1 <= int(text) <= len(self.groups):
                return self.groups[int(text) - 1]
        raise LookupError(text)


_HONORIFICS = {fold_accents(h.lower()): h for h in HONORIFICS} | {
    "d/c": "Đồng chí",
    "dc": "Đồng chí",
    "dong chi": "Đồng chí",
}
_REPLIES = {fold_accents(label.lower()): code for code, label in REPLIES.items()} | {
    code: code for code in REPLIES
}
_REPLIES |= {"co": "attending", "du": "attending", "vang mat": "absent", "du thay": "substitute"}


def read_delegates(
    raw: bytes,
    groups: Sequence,
    existing: Iterable[tuple[str, str, int]] = (),
) -> ImportReport:
    """Read a delegate list from .xlsx bytes; nothing is saved here.

    `groups` are the conference's DelegateGroup rows (for the "Thành phần" column), `existing`
    the (full_name, unit, id) of the delegates already listed (a row naming one of them is a
    duplicate). The report holds the good rows, every problem, and notes that do not stop the
    import (a column not used, the template's example row left in).
    """
    report = ImportReport()
    refused = sniff(raw)
    if refused:
        report.problems.append(Problem(refused))
        return report
    damaged = Problem(
        "Không đọc được tệp Excel: tệp có thể bị hỏng. Hãy mở bằng Excel, lưu lại rồi nhập lại."
    )
    try:
        book = _load_book(raw, data_only=True)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
        report.problems.append(damaged)
        return report
    formulas = _Formulas(raw)
    try:
        _read_sheet(report, book, formulas, groups, existing)
    except _DamagedFile:
        report.rows.clear()
        report.problems.append(
            Problem(
                "Không đọc hết được tệp Excel: một phần của tệp bị hỏng. Hãy mở bằng Excel, lưu "
                "lại rồi nhập lại."
            )
        )
    finally:
        book.close()
        formulas.close()
    return report


class _Formulas:
    """The formulas of a sheet, read (a second pass over the file) only when it has any.

    With data_only=True a formula cell shows the result Excel stored with it; a formula whose
    result was never computed (a file written by another program) reads as empty, and must be
    told apart from an empty cell.
    """

    def __init__(self, raw: bytes):
        self.raw = raw
        self.book = None

    def rows(self, sheet) -> Iterable[tuple]:
        if not _has_formulas(self.raw, sheet):
            return itertools.repeat(())
        if self.book is None:
            try:
                self.book = _load_book(self.raw, data_only=False)
            except Exception as error:  # noqa: BLE001 — as above
                raise _DamagedFile(str(error)) from error
        return _rows(self.book[sheet.title])

    def close(self) -> None:
        if self.book is not None:
            self.book.close()


def _read_sheet(report, book, formulas: _Formulas, groups, existing) -> None:
    sheet, found = _choose_sheet(book)
    if sheet is None:
        report.problems.append(Problem("Tệp không có trang tính nào."))
        return
    report.sheet = sheet.title
    if found is None:
        empty = all(all(_is_blank(c) for c in cells) for cells in _rows(sheet))
        if empty:
            report.problems.append(
                Problem(f"Trang tính “{sheet.title}” trống: chưa có dòng tiêu đề và đại biểu.")
            )
        else:
            report.problems.append(
                Problem(
                    f"Không tìm thấy cột “Họ và tên” trong {HEADER_SEARCH_ROWS} dòng đầu của "
                    f"trang tính “{sheet.title}”. Dòng tiêu đề cần có các cột: "
                    + ", ".join(h for _, h in COLUMNS)
                    + ". Hãy dùng tệp mẫu."
                )
            )
        return
    header_row, header_cells = found

    # Which column holds what.
    columns: dict[int, str] = {}
    unlabelled: set[int] = set()
    for index, cell in enumerate(header_cells):
        letter = get_column_letter(index + 1)
        if _is_blank(cell):
            unlabelled.add(index)
            continue
        key = _HEADER_KEYS.get(_header_key(cell))
        if key is None:
            if _header_key(cell) not in _IGNORED_HEADERS:
                report.notes.append(
                    f"Cột {letter} “{vn.clean_text(str(cell))}” không thuộc mẫu nên không được "
                    "nhập."
                )
            continue
        if key in columns.values():
            first = get_column_letter(next(i for i, k in columns.items() if k == key) + 1)
            report.problems.append(
                Problem(
                    f"Cột “{HEADERS[key]}” có hai lần (cột {first} và cột {letter}); hãy giữ "
                    "một cột.",
                    row=header_row,
                )
            )
            continue
        columns[index] = key
    report.columns = [HEADERS[k] for k in columns.values()]

    too_many = Problem(
        f"Tệp có hơn {vn.format_number(MAX_ROWS)} dòng đại biểu — nhiều hơn mức chương trình "
        f"nhận trong một lần nhập ({vn.format_number(MAX_ROWS)} dòng). Hãy chia danh sách thành "
        "nhiều tệp."
    )
    # A file far too long is refused before any row is checked: the sheet's size says so at
    # once; only when it might be too long are the rows counted.
    if (sheet.max_row is None or sheet.max_row - header_row > MAX_ROWS) and _count_rows(
        sheet, header_row, MAX_ROWS + 1
    ) > MAX_ROWS:
        report.problems.append(too_many)
        return

    reader = _RowReader(report, columns, unlabelled, groups, existing)
    value_rows = _rows(sheet)
    formula_rows = formulas.rows(sheet)
    data_rows = 0
    for number, (cells, formulas) in enumerate(zip(value_rows, formula_rows, strict=False), 1):
        if number <= header_row:
            continue
        if all(_is_blank(c) for c in cells) and all(_is_blank(c) for c in formulas):
            continue  # blank rows between groups of people are common
        data_rows += 1
        if data_rows > MAX_ROWS:  # the sheet's size was wrong
            report.rows.clear()
            report.problems.append(too_many)
            return
        reader.read(number, cells, formulas)

    if data_rows == 0:
        report.problems.append(
            Problem(
                f"Trang tính “{sheet.title}” chỉ có dòng tiêu đề (dòng {header_row}), chưa có "
                "đại biểu nào."
            )
        )
    elif not report.rows and not report.problems:
        report.problems.append(
            Problem("Tệp chỉ có dòng ví dụ của tệp mẫu, chưa có đại biểu nào để nhập.")
        )
    if report.problems:
        report.rows.clear()


class _RowReader:
    """Turns the cells of one row into a delegate's values, or into problems."""

    def __init__(self, report, columns, unlabelled, groups, existing):
        self.report = report
        self.columns = columns
        self.unlabelled = unlabelled
        self.finder = _GroupFinder(groups)
        self.checker = DelegateChecker(group_choices(groups))
        self.seen: dict[tuple[str, str], int] = {}
        self.known = {identity_key(name, unit): (name, unit) for name, unit, _id in existing}

    def read(self, number: int, cells: tuple, formulas: tuple) -> None:
        report, columns, unlabelled = self.report, self.columns, self.unlabelled
        finder, seen, known = self.finder, self.seen, self.known
        problems: list[Problem] = []

        flagged: set[str] = set()  # columns whose cell already has a problem

        def problem(message: str, key: str | None = None, index: int | None = None):
            letter = get_column_letter(index + 1) if index is not None else None
            problems.append(Problem(message, number, HEADERS.get(key) if key else None, letter))
            if key:
                flagged.add(key)

        raw: dict[str, object] = {}
        letters: dict[str, int] = {}
        for index, cell in enumerate(cells):
            formula = formulas[index] if index < len(formulas) else None
            if index in unlabelled and not _is_blank(cell):
                problem(
                    "ô có dữ liệu nhưng cột không có tiêu đề (có thể do ô tiêu đề bị gộp). "
                    "Hãy đặt tiêu đề cho cột này theo tệp mẫu hoặc xóa dữ liệu ở cột này.",
                    index=index,
                )
                continue
            key = columns.get(index)
            if key is None:
                continue
            letters[key] = index
            if cell is None and isinstance(formula, str) and formula.startswith("="):
                problem(
                    "ô chứa công thức chưa có giá trị đã tính. Hãy mở tệp bằng Excel, lưu lại rồi "
                    "nhập lại, hoặc thay công thức bằng giá trị.",
                    key,
                    index,
                )
                continue
            if isinstance(cell, str) and cell.strip() in _EXCEL_ERRORS:
                problem(f"ô có lỗi công thức ({cell.strip()}).", key, index)
                continue
            raw[key] = cell

        if _is_example(raw):
            report.notes.append(f"Dòng {number} là dòng ví dụ của tệp mẫu nên không được nhập.")
            return

        form: dict[str, str] = {}
        for key, cell in raw.items():
            index = letters[key]
            if key == "phone" and isinstance(cell, int | float) and not isinstance(cell, bool):
                form["phone"] = _as_text(cell)
            elif key == "protocol_rank" and isinstance(cell, float) and not cell.is_integer():
                problem(f"“{vn.format_decimal(cell)}” không phải số nguyên.", key, index)
            elif key == "presidium":
                text = fold_accents(_as_text(cell).lower()).strip(". ")
                if isinstance(cell, bool):
                    form["presidium"] = "y" if cell else ""
                elif text in _YES:
                    form["presidium"] = "y"
                elif text not in _NO:
                    problem(
                        f"“{_as_text(cell)}” không rõ: ghi “x” nếu đại biểu ngồi Đoàn Chủ tịch, để "
                        "trống nếu không.",
                        key,
                        index,
                    )
            elif key == "honorific":
                text = _as_text(cell)
                if text:
                    honorific = _HONORIFICS.get(fold_accents(text.lower()).strip(". "))
                    if honorific is None:
                        problem(
                            f"danh xưng “{text}” không có trong danh sách: "
                            + ", ".join(HONORIFICS)
                            + ".",
                            key,
                            index,
                        )
                    else:
                        form["honorific"] = honorific
            elif key == "reply":
                text = _as_text(cell)
                if text:
                    code = _REPLIES.get(fold_accents(text.lower()).strip(". "))
                    if code is None:
                        problem(
                            f"phản hồi “{text}” không rõ; ghi một trong: "
                            + ", ".join(REPLIES.values())
                            + ".",
                            key,
                            index,
                        )
                    else:
                        form["reply"] = code
            elif key == "group":
                text = _as_text(cell)
                try:
                    group = finder.find(text)
                except LookupError:
                    problem(
                        f"thành phần “{text}” không có trong hội nghị này. Hãy chọn trong danh "
                        "sách (trang “Thành phần” của tệp mẫu) hoặc thêm thành phần trước khi "
                        "nhập.",
                        key,
                        index,
                    )
                else:
                    form["group_id"] = str(group.id) if group else ""
            else:
                form[key] = _as_text(cell)
        form.setdefault("honorific", "Đồng chí")
        form.setdefault("reply", "pending")

        values, errors = self.checker.check(MultiDict(form))
        for name, messages in errors.items():
            key = "group" if name == "group_id" else name
            if key in flagged:
                continue  # the cell's own problem says it (a formula, an error value)
            for message in messages:
                problem(message, key, letters.get(key))

        if values is not None:
            identity = identity_key(values["full_name"], values["unit"])
            if identity in known:
                name, unit = known[identity]
                problem(
                    f"trùng với đại biểu đã có trong danh sách: {name}"
                    + (f" ({unit})" if unit else "")
                    + ".",
                    "full_name",
                    letters.get("full_name"),
                )
            elif identity in seen:
                problem(
                    f"trùng với dòng {seen[identity]} trong tệp (cùng họ tên và đơn vị).",
                    "full_name",
                    letters.get("full_name"),
                )
            else:
                seen[identity] = number

        if problems or values is None:
            report.problems.extend(problems)
            return
        group_name = next((g.name for g in finder.groups if g.id == values["group_id"]), "")
        report.rows.append(ImportRow(row=number, values=values, group_name=group_name))


def _is_example(raw: dict) -> bool:
    """The template's example row left in: its name and its note (the unit is the conference's
    own, so it differs from one template to another)."""
    return (
        _as_text(raw.get("full_name")) == EXAMPLE["full_name"]
        and _as_text(raw.get("notes")) == EXAMPLE["notes"]
    )


# --------------------------------------------------------------------------------------------
# Writing: the template and the export
# --------------------------------------------------------------------------------------------

_HEADER_FONT = Font(name="Times New Roman", bold=True, size=12)
_BODY_FONT = Font(name="Times New Roman", size=12)
_EXAMPLE_FONT = Font(name="Times New Roman", size=12, italic=True, color="7A7A7A")
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F2")
_WIDTHS = {
    "honorific": 11,
    "full_name": 26,
    "position": 30,
    "unit": 34,
    "group": 40,
    "protocol_rank": 12,
    "presidium": 12,
    "phone": 16,
    "notes": 30,
    "invitation_sent_on": 16,
    "reply": 18,
    "substitute_name": 24,
}


def _header_row(sheet, columns: Sequence[tuple[str, str]]) -> None:
    sheet.append([header for _, header in columns])
    for index, (key, _) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[key]
        if key == "phone":
            # Text, so Excel keeps the leading 0 of a number typed in.
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"
    sheet.freeze_panes = "A2"


def _groups_sheet(workbook, groups: Sequence) -> str:
    """A sheet listing the groups; returns the range of their names for the drop-down."""
    sheet = workbook.create_sheet("Thành phần")
    sheet.append(["STT", "Tên thành phần", "Số dự kiến"])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for number, group in enumerate(groups, start=1):
        xlsx_text.append(sheet, [number, group.name, group.planned])
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 12
    return f"'Thành phần'!$B$2:$B${max(2, len(groups) + 1)}"


def _column_letter(columns: Sequence[tuple[str, str]], key: str) -> str:
    return get_column_letter([k for k, _ in columns].index(key) + 1)


def _drop_downs(sheet, columns, group_range: str | None, rows: int) -> None:
    last = rows + 1
    honorifics = DataValidation(
        type="list", formula1='"' + ",".join(HONORIFICS) + '"', allow_blank=True
    )
    honorifics.add(
        f"{_column_letter(columns, 'honorific')}2:{_column_letter(columns, 'honorific')}{last}"
    )
    presidium = DataValidation(type="list", formula1='"x"', allow_blank=True)
    presidium.add(
        f"{_column_letter(columns, 'presidium')}2:{_column_letter(columns, 'presidium')}{last}"
    )
    sheet.add_data_validation(honorifics)
    sheet.add_data_validation(presidium)
    if group_range:
        group = DataValidation(type="list", formula1=group_range, allow_blank=True)
        group.showErrorMessage = False  # a name typed by hand is checked at import
        group.add(f"{_column_letter(columns, 'group')}2:{_column_letter(columns, 'group')}{last}")
        sheet.add_data_validation(group)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    xlsx_text.seal(workbook).save(buffer)
    return buffer.getvalue()


def template_workbook(groups: Sequence, unit: str = "") -> bytes:
    """The import template: the headers, one example row, the groups, and how to fill it. The
    example's unit is the conference's own issuer (a phường's template says its phường)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đại biểu"
    _header_row(sheet, COLUMNS)
    example = dict(EXAMPLE, group=groups[0].name if groups else "", unit=unit or EXAMPLE["unit"])
    xlsx_text.append(sheet, [example.get(key, "") for key, _ in COLUMNS])
    for cell in sheet[2]:
        cell.font = _EXAMPLE_FONT
    group_range = _groups_sheet(workbook, groups) if groups else None
    _drop_downs(sheet, COLUMNS, group_range, rows=MAX_ROWS)

    guide = workbook.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 20
    guide.column_dimensions["B"].width = 100
    lines = [
        ("Cột", "Cách ghi"),
        ("Danh xưng", "Ông, Bà hoặc Đồng chí (để trống: Đồng chí)."),
        ("Họ và tên", "Bắt buộc. Ghi đủ họ, tên đệm và tên, có dấu."),
        ("Chức vụ", "Ví dụ: Phó Chủ tịch Ủy ban nhân dân."),
        ("Đơn vị", "Cơ quan, đơn vị công tác. Cùng họ tên và đơn vị được coi là một người."),
        ("Thành phần", "Chọn trong danh sách (trang “Thành phần”) hoặc ghi số thứ tự của "
                       "thành phần; để trống nếu chưa phân nhóm."),
        ("Thứ tự lễ tân", "Số nguyên: 1 là người cao nhất, 2, 3 … Để trống nếu không xếp."),
        ("Đoàn Chủ tịch", "Ghi “x” nếu đại biểu ngồi Đoàn Chủ tịch."),
        ("Điện thoại", "Ví dụ 0912 345 678, +84 912 345 678 hoặc (028) 3822 1234."),
        ("Ghi chú", "Tùy ý."),
        ("", ""),
        ("Lưu ý", "Xóa dòng ví dụ (chữ nghiêng) trước khi nhập. Mỗi lần nhập tối đa "
                  f"{vn.format_number(MAX_ROWS)} đại biểu, tệp không quá "
                  f"{xlsx_files.megabytes(MAX_BYTES)}. Tệp có lỗi sẽ không được nhập dòng nào: "
                  "chương trình liệt kê từng lỗi theo dòng và cột để sửa."),
    ]  # fmt: skip
    for line in lines:
        guide.append(list(line))
    for cell in guide[1]:
        cell.font = _HEADER_FONT
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return _save(workbook)


def export_workbook(groups: Sequence, people: Sequence) -> bytes:
    """The conference's delegates in the template's columns (plus invitation and reply), in
    protocol order; the import reads this file back."""
    columns = COLUMNS + EXTRA_COLUMNS
    names = {g.id: g.name for g in groups}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đại biểu"
    _header_row(sheet, columns)
    for person in sort_delegates(people, "protocol"):
        values = {
            "honorific": person.honorific,
            "full_name": person.full_name,
            "position": person.position,
            "unit": person.unit,
            "group": names.get(person.group_id, ""),
            "protocol_rank": person.protocol_rank or None,
            "presidium": "x" if person.presidium else "",
            "phone": person.phone,
            "notes": person.notes,
            "invitation_sent_on": person.invitation_sent_on,
            "reply": REPLIES[person.reply],
            "substitute_name": person.substitute_name,
        }
        xlsx_text.append(sheet, [values[key] for key, _ in columns])
    date_column = _column_letter(columns, "invitation_sent_on")
    for cell in sheet[date_column][1:]:
        cell.number_format = "DD/MM/YYYY"
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.font = _BODY_FONT
    group_range = _groups_sheet(workbook, groups) if groups else None
    _drop_downs(sheet, columns, group_range, rows=max(len(people), 1) + 200)
    return _save(workbook)
