"""Awards to and from Excel (.xlsx): the import template, reading a filled file, the export.

The rules are those of the delegate import: a file that is not an .xlsx is refused with a
reason; the header row may sit under a title; columns are found by their heading (any order, with
or without marks); every problem is reported as "Dòng 7, cột B (Hình thức khen thưởng): …" in
Vietnamese; nothing is saved unless there is no problem at all (the view imports all rows or
none). Values are checked by the page's own RecipientForm (forms.check_award), so a row the page
would refuse is refused here with the same message.

The export writes the same columns (plus STT and the award money, which the import ignores), so
an exported list re-imports whole.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import vn, xlsx_files, xlsx_text
from .forms import allowed_text, check_award
from .logic import COLLECTIVE, IMPORT_MAX_ROWS, INDIVIDUAL, KIND_LABELS, FormRule, fold

MAX_BYTES = xlsx_files.MAX_BYTES
MAX_ROWS = IMPORT_MAX_ROWS
MAX_UNPACKED_BYTES = xlsx_files.MAX_UNPACKED_BYTES
HEADER_SEARCH_ROWS = 10
SHEET_TITLE = "Khen thưởng"
CATALOGUE_SHEET = "Danh mục"
EXAMPLE_NOTE = "Dòng ví dụ — xóa dòng này trước khi nhập"

COLUMNS: tuple[tuple[str, str], ...] = (
    ("form", "Hình thức khen thưởng"),
    ("recipient_kind", "Tập thể/Cá nhân"),
    ("name", "Tên tập thể / Họ và tên"),
    ("job_title", "Chức vụ"),
    ("unit", "Đơn vị"),
    ("decision_number", "Số quyết định"),
    ("decision_date", "Ngày quyết định"),
    ("receiver", "Người lên nhận"),
    ("notes", "Ghi chú"),
)
HEADERS = dict(COLUMNS)
_ALIASES = {
    "form": ("hinh thuc khen thuong", "hinh thuc", "danh hieu", "hinh thuc, danh hieu"),
    "recipient_kind": (
        "tap the/ca nhan",
        "tap the / ca nhan",
        "doi tuong",
        "loai",
        "tap the hay ca nhan",
    ),
    "name": (
        "ten tap the / ho va ten",
        "ten tap the/ho va ten",
        "ho va ten",
        "ho ten",
        "ten tap the",
        "ten",
        "ten tap the, ca nhan",
    ),
    "job_title": ("chuc vu", "chuc danh"),
    "unit": ("don vi", "co quan, don vi", "co quan", "don vi cong tac", "noi cong tac"),
    "decision_number": ("so quyet dinh", "so qd", "quyet dinh so", "quyet dinh"),
    "decision_date": ("ngay quyet dinh", "ngay qd", "ngay ky"),
    "receiver": ("nguoi len nhan", "nguoi nhan", "nguoi nhan thay", "dai dien nhan"),
    "notes": ("ghi chu",),
}
_HEADER_KEYS = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_KINDS = {
    "tap the": COLLECTIVE,
    "tt": COLLECTIVE,
    "collective": COLLECTIVE,
    "ca nhan": INDIVIDUAL,
    "cn": INDIVIDUAL,
    "individual": INDIVIDUAL,
}


@dataclass
class ImportRow:
    row: int
    values: dict  # ready for operations.import_awards
    form_name: str
    receiver_text: str


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


class SpreadsheetError(Exception):
    """The file cannot be read at all; the message says why, in Vietnamese."""


def _header_key(text) -> str | None:
    if text is None:
        return None
    return _HEADER_KEYS.get(fold(str(text)).strip(" :*"))


def sniff(raw: bytes) -> None:
    """Refuse what is not an .xlsx, with the reason an officer can act on (xlsx_files: the
    delegates' import refuses the same files with the same words)."""
    refused = xlsx_files.refusal(raw, "Danh sách khen thưởng")
    if refused:
        raise SpreadsheetError(refused)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return vn.format_date_short(value)
    return vn.clean_text(str(value))


def _find_header(sheet) -> tuple[int, dict[int, str]] | None:
    for number, row in enumerate(
        sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True), start=1
    ):
        keys = {index: _header_key(cell) for index, cell in enumerate(row)}
        keys = {index: key for index, key in keys.items() if key}
        if "name" in keys.values() and "form" in keys.values():
            return number, keys
    return None


class _FormFinder:
    def __init__(self, forms: Sequence[FormRule]):
        self.by_key: dict[str, FormRule] = {}
        for form in forms:
            self.by_key.setdefault(fold(form.code), form)
        for form in forms:
            if form.active:
                self.by_key[fold(form.name)] = form
        for form in forms:
            self.by_key.setdefault(fold(form.name), form)
        for form in forms:  # the catalogue's wording, as a list made elsewhere may write it
            if form.catalogue_name:
                self.by_key.setdefault(fold(form.catalogue_name), form)

    def find(self, text: str) -> FormRule | None:
        return self.by_key.get(fold(text))


class _PersonFinder:
    """A receiver typed as a name is linked to the conference's delegate of that name, when
    exactly one delegate has it."""

    def __init__(self, delegates: Sequence):
        self.by_name: dict[str, list] = {}
        for delegate in delegates:
            self.by_name.setdefault(fold(delegate.full_name), []).append(delegate)

    def find(self, text: str):
        found = self.by_name.get(fold(text), [])
        return found[0] if len(found) == 1 else None


def read_awards(raw: bytes, forms: Sequence[FormRule], delegates: Sequence = ()) -> ImportReport:
    """Read a filled template (or any sheet with the right headings): rows and problems."""
    sniff(raw)
    try:
        book = load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for damaged files
        raise SpreadsheetError("Tệp Excel bị hỏng hoặc không đọc được.") from None
    try:
        sheet, found = None, None
        for candidate in book.worksheets:
            found = _find_header(candidate)
            if found:
                sheet = candidate
                break
        if sheet is None or found is None:
            wanted = ", ".join(f"“{h}”" for _, h in COLUMNS[:3])
            raise SpreadsheetError(
                f"Không tìm thấy dòng tiêu đề. Dòng tiêu đề cần có các cột {wanted} "
                "(hãy dùng tệp mẫu)."
            )
        header_row, columns = found
        report = ImportReport()
        finder, people = _FormFinder(forms), _PersonFinder(delegates)
        form_ids = {f.id: f for f in forms}
        count = 0
        for number, cells in enumerate(
            sheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
        ):
            raw_row = {
                key: cells[index] if index < len(cells) else None for index, key in columns.items()
            }
            if all(_text(v) == "" for v in raw_row.values()):
                continue
            if EXAMPLE_NOTE in _text(raw_row.get("notes")):
                report.notes.append(f"Dòng {number} là dòng ví dụ của tệp mẫu nên không được nhập.")
                continue
            count += 1
            if count > MAX_ROWS:
                raise SpreadsheetError(
                    f"Tệp có hơn {vn.format_number(MAX_ROWS)} dòng; hãy chia thành nhiều tệp."
                )
            _read_row(report, number, raw_row, columns, finder, people, forms, form_ids)
        if not report.rows and not report.problems:
            report.problems.append("Tệp không có dòng khen thưởng nào dưới dòng tiêu đề.")
        return report
    finally:
        book.close()


def _where(number: int, columns: dict[int, str], key: str) -> str:
    for index, column_key in columns.items():
        if column_key == key:
            return f"Dòng {number}, cột {get_column_letter(index + 1)} ({HEADERS[key]})"
    return f"Dòng {number} ({HEADERS[key]})"


def _read_row(report, number, raw_row, columns, finder, people, forms, form_ids) -> None:
    problems: list[str] = []
    form_text = _text(raw_row.get("form"))
    form = finder.find(form_text) if form_text else None
    if not form_text:
        problems.append(f"{_where(number, columns, 'form')}: chưa ghi hình thức khen thưởng.")
    elif form is None:
        problems.append(
            f"{_where(number, columns, 'form')}: không có hình thức “{form_text}” trong danh "
            f"mục (xem trang tính “{CATALOGUE_SHEET}” của tệp mẫu)."
        )
    kind_text = _text(raw_row.get("recipient_kind"))
    kind = _KINDS.get(fold(kind_text)) if kind_text else None
    if kind_text and kind is None:
        problems.append(
            f"{_where(number, columns, 'recipient_kind')}: “{kind_text}” — hãy ghi “Tập thể” "
            "hoặc “Cá nhân”."
        )
    if not kind_text and form is not None:
        if form.for_collective != form.for_individual:
            kind = COLLECTIVE if form.for_collective else INDIVIDUAL
        else:
            problems.append(
                f"{_where(number, columns, 'recipient_kind')}: chưa ghi “Tập thể” hay “Cá nhân”."
            )
    if form is not None and kind is not None and not form.allows(kind):
        problems.append(
            f"{_where(number, columns, 'recipient_kind')}: {form.name} không tặng cho "
            f"{KIND_LABELS[kind].lower()} (chỉ tặng cho {allowed_text(form)})."
        )
        kind = None
    date_value = raw_row.get("decision_date")
    date_text = ""
    if isinstance(date_value, dt.datetime):
        date_text = date_value.date().isoformat()
    elif isinstance(date_value, dt.date):
        date_text = date_value.isoformat()
    elif isinstance(date_value, int | float) and not isinstance(date_value, bool):
        problems.append(
            f"{_where(number, columns, 'decision_date')}: “{_text(date_value)}” không phải là "
            "ngày; hãy ghi ngày/tháng/năm, ví dụ 05/01/2026."
        )
    else:
        date_text = _text(date_value)
    receiver_text = _text(raw_row.get("receiver"))
    receiver = people.find(receiver_text) if receiver_text else None
    if problems:
        report.problems.extend(problems)
        return
    data = {
        "form_id": form.id,
        "recipient_kind": kind,
        "name": _text(raw_row.get("name")),
        "job_title": _text(raw_row.get("job_title")),
        "unit": _text(raw_row.get("unit")),
        "decision_number": _text(raw_row.get("decision_number")),
        "decision_date": date_text,
        "receiver_delegate_id": receiver.id if receiver is not None else "",
        "receiver_name": "" if receiver is not None else receiver_text,
        "notes": _text(raw_row.get("notes")),
    }
    values, errors = check_award(data, forms, [receiver] if receiver is not None else [])
    if errors:
        for name, messages in errors.items():
            key = "receiver" if name.startswith("receiver") else name
            key = "form" if key == "form_id" else key
            for message in messages:
                if key == "decision_date" and date_text:
                    message = f"“{date_text}”: {message}"
                report.problems.append(f"{_where(number, columns, key)}: {message}")
        return
    if (
        kind == INDIVIDUAL
        and receiver is not None
        and fold(receiver.full_name) == fold(values["name"])
    ):
        values["receiver_delegate_id"] = receiver.id
    report.rows.append(
        ImportRow(
            row=number,
            values=values,
            form_name=form_ids[form.id].name,
            receiver_text=receiver.full_name if receiver is not None else receiver_text,
        )
    )


# --------------------------------------------------------------------------- writing

_HEAD_FILL = PatternFill("solid", fgColor="DDE6F2")
_WIDTHS = {
    "form": 40,
    "recipient_kind": 14,
    "name": 36,
    "job_title": 24,
    "unit": 36,
    "decision_number": 18,
    "decision_date": 16,
    "receiver": 26,
    "notes": 30,
}


def _header(sheet, headers: list[tuple[str, str, int]]) -> None:
    for index, (_, title, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index, value=title)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _catalogue_sheet(book: Workbook, forms: Sequence[FormRule]) -> int:
    sheet = book.create_sheet(CATALOGUE_SHEET)
    _header(
        sheet,
        [
            ("code", "Mã", 32),
            ("name", "Hình thức khen thưởng", 48),
            ("kind", "Tặng cho", 20),
            ("coefficient", "Hệ số", 10),
        ],
    )
    active = [f for f in forms if f.active]
    from .catalogue import coefficient_text

    for row, form in enumerate(active, start=2):
        # The catalogue is the officer's to edit: its words are written as text (xlsx_text).
        xlsx_text.write(sheet, row, 1, form.code)
        xlsx_text.write(sheet, row, 2, form.name)
        sheet.cell(row=row, column=3, value=allowed_text(form))
        sheet.cell(row=row, column=4, value=coefficient_text(form.coefficient_milli))
    return len(active)


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    xlsx_text.seal(book).save(buffer)
    return buffer.getvalue()


def _main_sheet(book: Workbook, extra: list[tuple[str, str, int]] = ()) -> object:
    sheet = book.active
    sheet.title = SHEET_TITLE
    headers = [(key, title, _WIDTHS[key]) for key, title in COLUMNS]
    _header(sheet, [("stt", "STT", 6), *headers, *extra])
    return sheet


def _drop_downs(sheet, forms_count: int, rows: int) -> None:
    kind = DataValidation(type="list", formula1='"Tập thể,Cá nhân"', allow_blank=True)
    kind.add(f"C2:C{rows + 1}")
    sheet.add_data_validation(kind)
    if forms_count:
        form = DataValidation(
            type="list",
            formula1=f"'{CATALOGUE_SHEET}'!$B$2:$B${forms_count + 1}",
            allow_blank=True,
        )
        form.add(f"B2:B{rows + 1}")
        sheet.add_data_validation(form)


def template_workbook(forms: Sequence[FormRule]) -> bytes:
    """An empty list to fill in: the headings, one example row, drop-down lists, the catalogue."""
    book = Workbook()
    sheet = _main_sheet(book)
    example = next((f for f in forms if f.active and f.for_individual), None)
    xlsx_text.append(
        sheet,
        [
            1,
            example.name if example else "",
            "Cá nhân",
            "Nguyễn Thị Thu Hà",
            "Giáo viên",
            "Trường Tiểu học Tân Hòa",
            "125/QĐ-UBND",
            dt.date(2026, 1, 5),
            "",
            EXAMPLE_NOTE,
        ],
    )
    sheet.cell(row=2, column=8).number_format = "DD/MM/YYYY"
    count = _catalogue_sheet(book, forms)
    _drop_downs(sheet, count, 1000)
    return _save(book)


def export_workbook(
    forms: Sequence[FormRule], recipients: Sequence, amounts: dict[int, int]
) -> bytes:
    """The conference's awards in ceremony order, with the award money (ignored on import)."""
    from .logic import order_forms, stage_order

    book = Workbook()
    sheet = _main_sheet(book, [("amount", "Tiền thưởng (đồng)", 18)])
    by_form: dict[int, list] = {}
    for recipient in recipients:
        by_form.setdefault(recipient.form_id, []).append(recipient)
    number = 0
    for form in order_forms(forms):
        for recipient in stage_order(by_form.get(form.id, [])):
            number += 1
            receiver = (
                recipient.receiver.full_name if recipient.receiver else recipient.receiver_name
            )
            xlsx_text.append(  # names typed as "=…" stay text, never a live formula
                sheet,
                [
                    number,
                    form.name,
                    KIND_LABELS[recipient.kind],
                    recipient.name,
                    recipient.job_title,
                    recipient.unit,
                    recipient.decision_number,
                    recipient.decision_date,
                    receiver,
                    recipient.notes,
                    amounts.get(recipient.id, 0),
                ],
            )
            sheet.cell(row=number + 1, column=8).number_format = "DD/MM/YYYY"
            sheet.cell(row=number + 1, column=11).number_format = "#,##0"
    count = _catalogue_sheet(book, forms)
    _drop_downs(sheet, count, max(number, 1))
    return _save(book)
