"""The award list straight from the Quyết định (issue 20, part 2): reading the decision's .docx
(or an .xlsx) into tables, guessing what each column holds, and a preview of the awards with
every problem by row. Pure: no Flask, no database session (decision_import_ops.py does the
database work; docs/awards.md, "Nhập từ quyết định", says why each rule is as it is).

A decision (Nghị định 30/2020/NĐ-CP, Phụ lục I layout) carries what the award list needs:

- the header: "Số: 123/QĐ-UBND" and the place-and-date line "Tân Hòa, ngày 15 tháng 12 năm
  2026" — often inside a borderless two-column table (the issuer on the left, the motto on the
  right), so the text of tables that are not recipient lists is read as header text too;
- the trích yếu "Về việc tặng Giấy khen …" / "… tặng danh hiệu Lao động tiên tiến", which names
  the award form(s);
- the recipients as tables "STT | Họ và tên | Chức vụ, đơn vị" and "STT | Tên tập thể", often
  with section rows spanning the table ("I. TẬP THỂ", "II. CÁ NHÂN", "Tập thể:") and merged
  header cells (python-docx repeats a merged cell in every grid column it covers: the cell's
  identity tells a repeat from a new cell).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .. import vn
from .logic import COLLECTIVE, IMPORT_MAX_ROWS, INDIVIDUAL, KIND_LABELS, FormRule, fold

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = IMPORT_MAX_ROWS  # the awards' Excel import's limit, for the whole file
MAX_COLUMNS = 40
MAX_PARAGRAPHS = 50_000  # a decision is a few pages; its tables' cells count here too
MAX_CELLS = 100_000
# every XML element of the document (runs, properties …): ~300,000 in a 5,000-row list
MAX_ELEMENTS = 2_000_000
HEADER_SEARCH_ROWS = 15  # an .xlsx's heading row may sit under the decision's title rows

# What a column can hold; the officer chooses one per column (a select on the preview page).
ROLES: tuple[tuple[str, str], ...] = (
    ("stt", "STT"),
    ("name", "Họ và tên"),
    ("collective", "Tên tập thể"),
    ("job_title", "Chức vụ"),
    ("unit", "Đơn vị"),
    ("job_unit", "Chức vụ, đơn vị"),
    ("achievement", "Thành tích"),
    ("skip", "Bỏ qua"),
)
ROLE_LABELS = dict(ROLES)
SKIP = "skip"

# Header texts, folded (logic.fold) and without punctuation, that name a column for certain.
_EXACT = {
    "stt": "stt",
    "tt": "stt",
    "so tt": "stt",
    "so thu tu": "stt",
    "ho va ten": "name",
    "ho ten": "name",
    "ho va ten ca nhan": "name",
    "ten ca nhan": "name",
    "ten": "name",
    "ten tap the": "collective",
    "tap the": "collective",
    "ten don vi": "collective",
    "ten tap the duoc khen thuong": "collective",
    "chuc vu": "job_title",
    "chuc danh": "job_title",
    "chuc vu chuc danh": "job_title",
    "don vi": "unit",
    "co quan": "unit",
    "co quan don vi": "unit",
    "don vi cong tac": "unit",
    "noi cong tac": "unit",
    "chuc vu don vi": "job_unit",
    "chuc vu don vi cong tac": "job_unit",
    "chuc danh don vi": "job_unit",
    "chuc vu noi cong tac": "job_unit",
    "chuc vu va don vi": "job_unit",
    "chuc vu co quan don vi": "job_unit",
    "thanh tich": "achievement",
    "thanh tich dat duoc": "achievement",
}
_PUNCT = re.compile(r"[^\w ]+")
_ROMAN = re.compile(r"^(?:[IVXLC]+|[A-Z])\s*[\.\):]?$")
_SECTION_PREFIX = re.compile(r"^(?:[IVXLC]+|[A-Za-z]|[0-9]+)\s*[\.\)]\s+(?=\S)")
_NUMBER_LINE = re.compile(
    r"\bSố\s*[:.]?\s*([0-9][0-9A-Za-zĐđ]*\s*/\s*[0-9A-Za-zĐđ][0-9A-Za-zĐđ\-–/.]*)", re.IGNORECASE
)
_BLANK_NUMBER = re.compile(r"\bSố\s*[:.]?\s*[.…_\s]*/\s*[A-ZĐ]", re.IGNORECASE)
_DATE_WORDS = re.compile(
    r"ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})", re.IGNORECASE
)
_HONORIFIC = re.compile(r"^(?:ông|bà|đồng chí|đ/c|anh|chị)\s+(?=\S)", re.IGNORECASE)
# Words that begin a unit's name inside "Chức vụ, đơn vị" written without a comma:
# "Giáo viên Trường Tiểu học Tân Hòa" → "Giáo viên" | "Trường Tiểu học Tân Hòa".
_UNIT_STARTS = (
    "Trường",
    "Phòng",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "HĐND",
    "Hội đồng",
    "Hội",
    "Công ty",
    "Ban",
    "Sở",
    "Trạm",
    "Trung tâm",
    "Đảng ủy",
    "Đảng bộ",
    "Chi bộ",
    "Công an",
    "Hợp tác xã",
    "HTX",
    "Thôn",
    "Ấp",
    "Khu phố",
    "Tổ dân phố",
    "Bản",
    "Đoàn",
    "Liên đoàn",
    "Mặt trận",
    "Văn phòng",
    "Bệnh viện",
    "Ngân hàng",
    "Kho bạc",
    "Chi cục",
    "Cục",
    "Bộ",
    "Xã",
    "Phường",
    "Đặc khu",
)
_UNIT_START = re.compile(r"\s(?=(?:" + "|".join(re.escape(w) for w in _UNIT_STARTS) + r")\b)")
# Abbreviations a trích yếu uses for the words of the catalogue's names.
_EXPANSIONS = (
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("ttcp", "thu tuong chinh phu"),
    ("ld", "lao dong"),
    ("cstd", "chien si thi dua"),
)


class DecisionFileError(Exception):
    """The file cannot be read at all; the message says why, in Vietnamese."""


# --------------------------------------------------------------------------- reading files


@dataclass
class Row:
    number: int  # as the officer sees it: the row of the Word table (1 = first), the Excel row
    cells: list[str]  # one per column; a cell merged across columns only in its first one
    spans_all: bool = False  # one cell across the whole row (a section row)


@dataclass
class Table:
    number: int
    label: str  # "Bảng 2" / "Trang tính “Danh sách”"
    headers: list[str]  # one text per column ("Chức vụ, đơn vị › Đơn vị")
    merged: list[bool]  # column's header is the one before it, merged across (python-docx repeat)
    rows: list[Row]  # the rows under the header
    column_names: list[str] = field(default_factory=list)  # "A", "B", … for an .xlsx

    @property
    def signature(self) -> str:
        return signature(self.headers)


@dataclass
class Source:
    kind: str  # "docx" | "xlsx"
    lines: list[str]  # text outside the recipient tables, in order (header, trích yếu, Điều 1)
    tables: list[Table]


def signature(headers: Sequence[str]) -> str:
    """The shape of a table: its header texts, folded, in order (marks, case, spacing and
    punctuation forgotten), hashed — the key under which the officer's mapping is kept."""
    text = "|".join(_plain(h) for h in headers)
    return hashlib.sha256(f"{len(headers)}|{text}".encode()).hexdigest()


def _plain(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


def _clean(text: str) -> str:
    """A cell's text: NFC (names are sometimes typed decomposed), one space between words; a
    line break inside the cell kept as "\\n" (it separates the job title from the unit)."""
    lines = [" ".join(line.split()) for line in vn.clean_text(text).split("\n")]
    return "\n".join(line for line in lines if line)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_zip(raw: bytes, wanted: str, what: str) -> None:
    if len(raw) > MAX_BYTES:
        raise DecisionFileError(
            f"Tệp quá lớn ({len(raw) / 1024 / 1024:.1f} MB); tối đa 5 MB.".replace(".", ",", 1)
        )
    if not raw:
        raise DecisionFileError("Tệp trống.")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        # the OLE container of old .doc/.xls files is also what Word and Excel write for a
        # .docx/.xlsx protected by a password (the encrypted package): both are possible
        raise DecisionFileError(
            "Đây là tệp Word hoặc Excel cũ (.doc, .xls) hoặc tệp có mật khẩu. Hãy mở tệp (bỏ "
            "mật khẩu nếu có), chọn Lưu thành (Save As) “Word Document (.docx)” hoặc “Excel "
            "Workbook (.xlsx)” rồi nhập lại."
        )
    if not raw.startswith(b"PK"):
        raise DecisionFileError("Tệp không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise DecisionFileError(f"Tệp {what} bị hỏng hoặc không đọc được.") from None
    if wanted not in names:
        raise DecisionFileError("Tệp không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx).")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        # a .docm/.xlsm renamed: its macros are never run, and the file is not read at all
        raise DecisionFileError(
            f"Tệp {what} này chứa macro (tệp .docm/.xlsm đổi tên); chương trình không đọc tệp có "
            "macro. Hãy mở tệp, Lưu thành (Save As) “Word Document (.docx)” hoặc “Excel "
            "Workbook (.xlsx)” rồi nhập lại."
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise DecisionFileError(f"Tệp {what} quá lớn khi giải nén; hãy chia thành nhiều tệp.")


def file_kind(raw: bytes) -> str:
    """ "docx" or "xlsx" from the file's content (the name may lie), or DecisionFileError."""
    if raw.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    _check_zip(raw, "word/document.xml", "Word")  # raises with the right reason
    raise DecisionFileError("Tệp không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx).")


def read_file(raw: bytes) -> Source:
    return read_docx(raw) if file_kind(raw) == "docx" else read_xlsx(raw)


def _budget_error(what: str) -> DecisionFileError:
    return DecisionFileError(f"{what}; hãy chia thành nhiều tệp. Chưa đọc tiếp phần còn lại.")


class _Budget:
    """The work one file may cost, counted while it is read (a 105 KB .docx can hold 8 million
    empty paragraphs): refused as soon as a count passes its limit, never after loading."""

    def __init__(self) -> None:
        self.rows = 0  # table rows with text (.docx) / non-blank rows (.xlsx), the whole file
        self.paragraphs = 0
        self.cells = 0
        self.elements = 0

    def row(self) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise _budget_error(f"Tệp có hơn {vn.format_number(MAX_ROWS)} dòng (tính mọi bảng)")

    def paragraph(self) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise _budget_error(f"Tệp có hơn {vn.format_number(MAX_PARAGRAPHS)} đoạn văn")

    def cell(self) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise _budget_error(f"Tệp có hơn {vn.format_number(MAX_CELLS)} ô bảng")

    def element(self) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _budget_error(
                f"Tệp có hơn {vn.format_number(MAX_ELEMENTS)} phần tử định dạng (chữ, ô, đoạn)"
            )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# run content python-docx leaves out of a paragraph's text (drawings, text boxes, deletions)
_SKIPPED = {
    f"{_W}drawing",
    f"{_W}pict",
    f"{_W}del",
    f"{_W}txbxContent",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
    f"{_W}pPr",
    f"{_W}rPr",
}


def _paragraph_text(p) -> str:
    parts: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _small_int(text: str | None, default: int) -> int:
    """A count written in the XML ("gridSpan"), read without trusting it: digits only, capped
    just above what any limit allows."""
    if text is None or not text.isascii() or not text.isdigit():
        return default
    return int(text) if len(text) <= 6 else 10**6


def _docx_grid(tbl, budget: _Budget, number: int) -> list[list[tuple[str, object]]]:
    """A table's grid of (text, cell identity), one entry per grid column, read from the XML in
    one pass: a cell merged across columns (w:gridSpan) repeats its identity in every column it
    covers, a cell merged down (w:vMerge) the identity of the cell above it. python-docx's
    `row.cells` resolves vMerge recursively (3,000 merged rows: RecursionError after 88 s) and
    refuses a "continue" in the first row; here a "continue" with nothing above is its own cell."""
    grid: list[list[tuple[str, object]]] = []
    above: list[tuple[str, object]] = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells: list[tuple[str, object]] = []
        trpr = tr.find(f"{_W}trPr")
        before = trpr.find(f"{_W}gridBefore") if trpr is not None else None
        if before is not None:
            for _ in range(min(_small_int(before.get(f"{_W}val"), 0), MAX_COLUMNS + 1)):
                cells.append(("", object()))
        for tc in tr.iterchildren(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span, continued = 1, False
            if tcpr is not None:
                grid_span = tcpr.find(f"{_W}gridSpan")
                if grid_span is not None:
                    span = max(1, _small_int(grid_span.get(f"{_W}val"), 1))
                v_merge = tcpr.find(f"{_W}vMerge")
                if v_merge is not None:
                    continued = v_merge.get(f"{_W}val", "continue") == "continue"
            if len(cells) + span > MAX_COLUMNS:
                raise DecisionFileError(
                    f"Bảng {number} có hơn {MAX_COLUMNS} cột; danh sách khen thưởng không rộng "
                    "như vậy — hãy kiểm tra lại tệp."
                )
            column = len(cells)
            if continued and column < len(above):
                cell = above[column]
            else:
                paragraphs = []
                for p in tc.iterchildren(f"{_W}p"):
                    paragraphs.append(_paragraph_text(p))
                cell = (_clean("\n".join(paragraphs)), object())
            cells.extend([cell] * span)
        if any(text for text, _ in cells):
            budget.row()
        grid.append(cells)
        above = cells
    return grid


def read_docx(raw: bytes) -> Source:
    """The decision's text and its recipient tables, in document order. The body is read as a
    stream (lxml iterparse), each paragraph and table dropped once read, every paragraph, cell
    and row counted against the file's limits while reading."""
    _check_zip(raw, "word/document.xml", "Word")
    from lxml import etree

    budget = _Budget()
    lines: list[str] = []
    tables: list[Table] = []
    previous: Table | None = None
    body_tag, p_tag, tbl_tag, tc_tag = f"{_W}body", f"{_W}p", f"{_W}tbl", f"{_W}tc"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open("word/document.xml") as f:
            events = etree.iterparse(
                f,
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
                load_dtd=False,
            )
            for event, element in events:
                tag = element.tag
                if event == "start":
                    # counted as they open, at any depth: a table is only read once closed,
                    # so what it holds must not grow without limit before that
                    budget.element()
                    if tag == p_tag:
                        budget.paragraph()
                    elif tag == tc_tag:
                        budget.cell()
                    continue
                parent = element.getparent()
                if parent is None or parent.tag != body_tag:
                    continue
                if tag == p_tag:
                    text = _one_line(_clean(_paragraph_text(element)))
                    if text:
                        lines.append(text)
                elif tag == tbl_tag:
                    grid = _docx_grid(element, budget, len(tables) + 1)
                    table = _table_from_grid(grid, len(tables) + 1, previous, "docx")
                    if table is None:
                        for texts in grid:
                            lines.extend(_distinct_lines(texts))
                    else:
                        tables.append(table)
                        previous = table
                # what is read is dropped: memory stays that of one table
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
    except DecisionFileError:
        raise
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise DecisionFileError("Tệp Word bị hỏng hoặc không đọc được.") from None
    return Source("docx", lines, tables)


def _distinct_lines(cells) -> list[str]:
    found: list[str] = []
    seen: set = set()
    for text, key in cells:
        if key not in seen and text:
            seen.add(key)
            found.extend(_one_line(t) for t in text.split("\n") if t.strip())
    return found


def _merged_ranges(archive: zipfile.ZipFile, path: str, height: int, width: int):
    """The sheet's merged ranges (openpyxl's read-only mode has none), clipped to the rows and
    columns read before anything is expanded: `E1:XFD1048576` covers at most the grid."""
    from lxml import etree
    from openpyxl.utils.cell import range_boundaries

    found = []
    with archive.open(path.lstrip("/")) as f:
        for _, element in etree.iterparse(
            f, events=("end",), resolve_entities=False, no_network=True, huge_tree=False
        ):
            if element.tag.endswith("}mergeCell"):
                if len(found) > MAX_CELLS:
                    raise _budget_error(
                        f"Trang tính có hơn {vn.format_number(MAX_CELLS)} vùng ô gộp"
                    )
                try:
                    min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                except (ValueError, TypeError):
                    continue
                if min_col is None or min_row is None or min_row > height or min_col > width:
                    continue
                found.append(
                    (min_row, min_col, min(max_row or height, height), min(max_col or width, width))
                )
            element.clear()
    return found


def read_xlsx(raw: bytes) -> Source:
    """An award list kept as a sheet: the rows above the heading row are the header text. Read
    bounded (read_only, like the delegates' Excel import): at most MAX_COLUMNS columns, non-blank
    rows counted for the whole file while reading, merged ranges clipped to what was read."""
    _check_zip(raw, "xl/workbook.xml", "Excel")
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for damaged files
        raise DecisionFileError("Tệp Excel bị hỏng hoặc không đọc được.") from None
    budget = _Budget()
    lines: list[str] = []
    tables: list[Table] = []
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for sheet in book.worksheets:
                if not hasattr(sheet, "iter_rows"):
                    continue  # a chart sheet
                values: list[list[str]] = []
                blank = 0
                for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                    texts = [_xlsx_text(v) for v in row]
                    if not any(texts):
                        blank += 1  # trailing blank rows (a stray format far down) cost nothing
                        continue
                    budget.row()
                    values.extend([[]] * blank)
                    blank = 0
                    values.append(texts)
                height = len(values)
                width = max((len(r) for r in values), default=0)
                if not height or not width:
                    continue
                values = [r + [""] * (width - len(r)) for r in values]
                owner: dict[tuple[int, int], tuple[int, int]] = {}
                for top, left, bottom, right in _merged_ranges(
                    archive, sheet._worksheet_path, height, width
                ):
                    for r in range(top, bottom + 1):
                        for c in range(left, right + 1):
                            owner[(r, c)] = (top, left)
                grid = []
                for r in range(1, height + 1):
                    cells = []
                    for c in range(1, width + 1):
                        top = owner.get((r, c), (r, c))
                        cells.append((values[top[0] - 1][top[1] - 1], (sheet.title, *top)))
                    grid.append(cells)
                _sheet_table(grid, sheet.title, width, lines, tables, get_column_letter)
    except DecisionFileError:
        raise
    except Exception:  # noqa: BLE001 — a damaged part inside a readable workbook
        raise DecisionFileError("Tệp Excel bị hỏng hoặc không đọc được.") from None
    finally:
        book.close()
    return Source("xlsx", lines, tables)


def _sheet_table(grid, title, width, lines, tables, get_column_letter) -> None:
    # the heading row may sit under the title rows: those are the decision's header text
    start = next(
        (i for i, cells in enumerate(grid[:HEADER_SEARCH_ROWS]) if _is_header(cells)), None
    )
    if start is None:
        for cells in grid[:HEADER_SEARCH_ROWS]:
            lines.extend(_distinct_texts(cells))
        return
    for cells in grid[:start]:
        lines.extend(_distinct_texts(cells))
    table = _table_from_grid(
        grid[start:], len(tables) + 1, None, "xlsx", first_row=start + 1, sheet=title
    )
    if table is not None:
        table.column_names = [get_column_letter(c) for c in range(1, width + 1)]
        tables.append(table)


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return vn.format_date_short(value)
    return _clean(str(value))


def _distinct_texts(cells) -> list[str]:
    seen, found = set(), []
    for text, key in cells:
        if text and key not in seen:
            seen.add(key)
            found.append(_one_line(text))
    return found


def guess_role(header: str) -> str | None:
    """The role a header text names, or None: "Họ và tên" → name, "Chức vụ, đơn vị" →
    job_unit. The lowest header level decides ("Chức vụ, đơn vị › Đơn vị" → unit); the group
    above it is not a fallback ("Chức vụ, đơn vị › Nơi làm việc" is not "chức vụ, đơn vị")."""
    return _role_of(header.split(" › ")[-1])


def _role_of(text: str) -> str | None:
    plain = _plain(text)
    if not plain:
        return None
    if plain in _EXACT:
        return _EXACT[plain]
    if len(plain) > 60:
        return None
    has = plain.__contains__
    if (has("chuc vu") or has("chuc danh")) and (
        has("don vi") or has("co quan") or has("noi cong tac")
    ):
        return "job_unit"
    if has("tap the") and has("ca nhan"):
        return "name"
    if has("ho va ten") or has("ho ten"):
        return "name"
    if has("ten tap the") or plain.startswith("tap the"):
        return "collective"
    if has("chuc vu") or has("chuc danh"):
        return "job_title"
    if has("don vi") or has("co quan") or has("noi cong tac"):
        return "unit"
    if has("thanh tich"):
        return "achievement"
    return None


def _is_stt(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9]{1,5}\.?", text.strip()))


def _is_header(cells) -> bool:
    texts = _distinct_texts(cells)
    if not texts or _is_stt(texts[0]):
        return False
    return any(_plain(t) in _EXACT for t in texts)


def _is_numbering(texts: list[str]) -> bool:
    """The row of column numbers some tables put under the header: "(1) (2) (3)" / "1 2 3"."""
    found = [t for t in texts if t]
    return len(found) >= 2 and all(re.fullmatch(r"\(?[0-9A-Za-z]{1,2}\)?", t) for t in found)


def _table_from_grid(
    grid: list[list[tuple[str, object]]],
    number: int,
    previous: Table | None,
    kind: str,
    first_row: int = 1,
    sheet: str = "",
) -> Table | None:
    """A recipient table from a grid of (text, cell identity), or None for another table (the
    header's issuer/motto table, the signature block)."""
    if not grid:
        return None
    width = max(len(cells) for cells in grid)
    grid = [cells + [("", object())] * (width - len(cells)) for cells in grid]
    header_count = 0
    while header_count < min(len(grid), 4) and _is_header(grid[header_count]):
        header_count += 1
    label = f"Trang tính “{sheet}”" if kind == "xlsx" else f"Bảng {number}"
    if header_count:
        # a header cell merged down (vMerge) repeats in the rows below it: take it once
        headers, merged = [], []
        for column in range(width):
            parts: list[str] = []
            keys: list[object] = []
            for cells in grid[:header_count]:
                text, key = cells[column]
                if key in keys:
                    continue
                keys.append(key)
                if text:
                    parts.append(_one_line(text))
            headers.append(" › ".join(parts))
            merged.append(
                column > 0
                and all(cells[column][1] == cells[column - 1][1] for cells in grid[:header_count])
            )
    elif (
        previous is not None
        and len(previous.headers) == width
        and any(_is_stt(_first_text(cells)) for cells in grid[:3])
    ):
        # a table continued after a page break, without repeating its header
        headers, merged = list(previous.headers), list(previous.merged)
    else:
        return None
    rows: list[Row] = []
    for index, cells in enumerate(grid[header_count:], start=header_count):
        texts = []
        for column, (text, key) in enumerate(cells):
            # a cell merged across columns counts once, in its first column
            texts.append("" if column and cells[column - 1][1] == key else text)
        if index == header_count and _is_numbering(texts):
            continue
        spans_all = width > 1 and all(key == cells[0][1] for _, key in cells)
        rows.append(Row(number=first_row + index, cells=texts, spans_all=spans_all))
    if len(rows) > MAX_ROWS:
        raise DecisionFileError(
            f"{label} có hơn {vn.format_number(MAX_ROWS)} dòng; hãy chia thành nhiều tệp."
        )
    return Table(number=number, label=label, headers=headers, merged=merged, rows=rows)


def _first_text(cells) -> str:
    return next((text for text, _ in cells if text), "")


def guess_roles(table: Table) -> list[str]:
    roles = []
    for header, merged in zip(table.headers, table.merged, strict=True):
        roles.append(SKIP if merged else (guess_role(header) or SKIP))
    # one column per role (a second "Đơn vị" is left out: the officer may choose otherwise)
    seen: set[str] = set()
    for index, role in enumerate(roles):
        if role != SKIP and role in seen:
            roles[index] = SKIP
        seen.add(role)
    return roles


# --------------------------------------------------------------------------- the header


@dataclass
class Heading:
    number: str  # "123/QĐ-UBND", "" when not found
    date: dt.date | None
    title: str  # the trích yếu ("Về việc tặng Giấy khen …"), "" when not found
    notes: list[str] = field(default_factory=list)


def read_heading(lines: Sequence[str]) -> Heading:
    """The decision's number and date from its header, its trích yếu."""
    number, date, title, notes = "", None, "", []
    title_at = next(
        (i for i, line in enumerate(lines) if re.match(r"^(v/v|ve viec)\b", fold(line))), None
    )
    head = lines[:title_at] if title_at is not None else lines[:20]
    for line in head:
        match = _NUMBER_LINE.search(line)
        if match:
            number = re.sub(r"\s+", "", match.group(1)).replace("–", "-").rstrip(".")
            break
        if _BLANK_NUMBER.search(line):
            notes.append("Số quyết định trong tệp còn để trống (“Số: …/…”).")
            break
    # the place-and-date line ("Tân Hòa, ngày 15 tháng 12 năm 2026") before any other date: the
    # grounds ("Căn cứ Luật … ngày 15 tháng 6 năm 2022") come after the title
    dated = [line for line in head if _DATE_WORDS.search(line)]
    placed = [line for line in dated if re.search(r",\s*ngày\s", line, re.IGNORECASE)]
    for line in placed or dated:
        day, month, year = (int(g) for g in _DATE_WORDS.search(line).groups())
        try:
            date = dt.date(year, month, day)
        except ValueError:
            notes.append(f"Ngày quyết định trong tệp không có thật: “{line}”.")
        break
    if title_at is not None:
        title = lines[title_at]
        following = lines[title_at + 1] if title_at + 1 < len(lines) else ""
        if following and not re.match(r"^(can cu|chu tich|quyet dinh|dieu)\b", fold(following)):
            if following != vn.upper_vn(following):
                title = f"{title} {following}"
        title = re.sub(r"^(V/v|Về việc)\s*:?\s*", "", title, flags=re.IGNORECASE)
    return Heading(number=number, date=date, title=title, notes=notes)


def _expanded(text: str) -> str:
    plain = f" {_plain(text)} "
    for short, long in _EXPANSIONS:
        plain = plain.replace(f" {short} ", f" {long} ")
    return f" {' '.join(plain.replace(' cap ', ' ').split())} "


def find_forms(text: str, forms: Sequence[FormRule]) -> list[FormRule]:
    """The catalogue's forms a trích yếu names, in the order it names them: "tặng danh hiệu Lao
    động tiên tiến và Tập thể lao động tiên tiến" → both (the longer name wins where one contains
    the other); "tặng Giấy khen …" → the only Giấy khen of the catalogue, when there is one."""
    if not text:
        return []
    haystack = _expanded(text)
    matches: list[tuple[int, int, FormRule]] = []
    active = [f for f in forms if f.active]
    for form in active:
        for name in {form.name, form.catalogue_name} - {""}:
            needle = _expanded(name)
            at = haystack.find(needle)
            while at >= 0:  # the span without the spaces around the words
                matches.append((at + 1, at + len(needle) - 1, form))
                at = haystack.find(needle, at + 1)
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken: list[tuple[int, int, FormRule]] = []
    for start, end, form in matches:
        if all(end <= s or start >= e for s, e, _ in taken) and form not in [t[2] for t in taken]:
            taken.append((start, end, form))
    if not taken:
        # "tặng Giấy khen cho …": the words before "của" name the kind of award; enough when
        # the catalogue has exactly one form of that kind
        stems: dict[str, list[FormRule]] = {}
        for form in active:
            stem = _expanded(form.name).split(" cua ")[0].rstrip() + " "
            stems.setdefault(stem, []).append(form)
        for stem, found in stems.items():
            at = haystack.find(stem)
            if at >= 0 and len(found) == 1:
                taken.append((at, at + len(stem), found[0]))
    return [form for _, _, form in sorted(taken, key=lambda m: m[0])]


# --------------------------------------------------------------------------- the preview


@dataclass
class Person:
    """A delegate of the conference, as the import links names to them."""

    id: int
    full_name: str
    unit: str = ""


@dataclass
class Existing:
    """An award already in the conference (to refuse importing it twice)."""

    form_id: int
    kind: str
    name: str
    unit: str = ""


@dataclass
class PreviewRow:
    table: int
    row: int
    where: str  # "Bảng 2, dòng 5"
    kind: str | None
    form: FormRule | None
    name: str
    job_title: str = ""
    unit: str = ""
    achievement: str = ""
    stt: str = ""
    delegate: Person | None = None
    problems: list[str] = field(default_factory=list)
    values: dict | None = None  # checked by the page's own form (decision_import_ops)

    @property
    def key(self) -> str:
        return f"{self.table}-{self.row}"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind or "", "")


@dataclass
class TablePreview:
    table: Table
    roles: list[str]
    remembered: bool  # the roles came from the officer's earlier choice for this shape
    sections: list[str] = field(default_factory=list)


@dataclass
class Preview:
    heading: Heading
    number: str
    date: dt.date | None
    forms_found: list[FormRule]
    form_override: FormRule | None
    tables: list[TablePreview]
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the file's, not a row's
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows the officer chose to leave out
    date_typed: str | None = None  # a date the officer typed that is not a date: shown again

    @property
    def all_problems(self) -> list[str]:
        return self.problems + [f"{r.where}: {p}" for r in self.rows for p in r.problems]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.all_problems

    @property
    def counts(self) -> dict[str, int]:
        found = {COLLECTIVE: 0, INDIVIDUAL: 0}
        for row in self.rows:
            if row.kind in found:
                found[row.kind] += 1
        return found


def name_key(text: str) -> str:
    """Names compared as the awards part does (logic.same_person): case and spacing forgotten,
    tone marks kept ("Lê Thị Hà" and "Lê Thị Hạ" are two people)."""
    return vn.clean_text(text).casefold()


def split_job_unit(text: str) -> tuple[str, str]:
    """ "Giáo viên, Trường Tiểu học Tân Hòa" / "Giáo viên Trường Tiểu học Tân Hòa" / a line
    break → ("Giáo viên", "Trường Tiểu học Tân Hòa"); a text naming no unit is the job title;
    a text that is only a unit ("Trường Tiểu học Tân Hòa") is the unit."""
    if "\n" in text:
        job, unit = text.split("\n", 1)
        return _one_line(job).rstrip(","), _one_line(unit)
    text = _one_line(text)
    if "," in text:
        job, unit = text.split(",", 1)
        return job.strip(), unit.strip()
    if re.match(r"(?:" + "|".join(re.escape(w) for w in _UNIT_STARTS) + r")\b", text):
        return "", text
    match = _UNIT_START.search(text)
    if match:
        return text[: match.start()].strip(), text[match.end() :].strip()
    return text, ""


def _section_kind(text: str) -> tuple[bool, str | None]:
    """(is it a section row, the kind it starts): "I. TẬP THỂ" → (True, collective); "Cá nhân:"
    → (True, individual); "Khối trường học" spanning the table → (True, None)."""
    plain = _plain(_SECTION_PREFIX.sub("", text))
    collective = "tap the" in plain
    individual = "ca nhan" in plain
    if collective and not individual:
        return True, COLLECTIVE
    if individual and not collective:
        return True, INDIVIDUAL
    return False, None


def build_preview(
    source: Source,
    forms: Sequence[FormRule],
    *,
    remembered: dict[str, list[str]] | None = None,
    chosen: dict[int, list[str]] | None = None,
    form_override: FormRule | None = None,
    number: str | None = None,
    date: dt.date | None = None,
    existing: Iterable[Existing] = (),
    people: Sequence[Person] = (),
    skip: Iterable[str] = (),
) -> Preview:
    """Every award the file would add, each with its problems.

    `chosen` (table number → roles) is what the officer picked on the page; else `remembered`
    (signature → roles, from an earlier file of the same shape); else the guess from the header
    texts. `number`/`date`/`form_override` are the officer's corrections of what the header says.
    `skip` holds the keys ("table-row") of rows the officer chose to leave out.
    """
    remembered = remembered or {}
    chosen = chosen or {}
    skip = set(skip)
    heading = read_heading(source.lines)
    found = find_forms(heading.title, forms)
    if not found:
        for line in source.lines:
            if fold(line).startswith("dieu 1"):
                found = find_forms(line, forms)
                break
    preview = Preview(
        heading=heading,
        number=heading.number if number is None else number,
        date=heading.date if date is None else date,
        forms_found=found,
        form_override=form_override,
        tables=[],
        notes=list(heading.notes),
    )
    if not source.tables:
        preview.problems.append(
            "Không tìm thấy bảng danh sách khen thưởng trong tệp (bảng có dòng tiêu đề như "
            "“STT | Họ và tên | Chức vụ, đơn vị” hoặc “STT | Tên tập thể”)."
        )
        return preview
    if form_override is None and not found:
        where = f" “{heading.title}”" if heading.title else ""
        preview.problems.append(
            f"Không nhận ra hình thức khen thưởng từ trích yếu{where}; hãy chọn hình thức "
            "khen thưởng."
        )
    existing_keys = {(e.form_id, e.kind, name_key(e.name)): e for e in existing}
    by_name: dict[str, list[Person]] = {}
    for person in people:
        by_name.setdefault(name_key(person.full_name), []).append(person)
    seen: dict[tuple, str] = {}
    for table in source.tables:
        roles = chosen.get(table.number)
        from_memory = False
        if roles is None or len(roles) != len(table.headers):
            roles = remembered.get(table.signature)
            from_memory = roles is not None and len(roles) == len(table.headers)
            if not from_memory:
                roles = guess_roles(table)
        shown = TablePreview(table=table, roles=list(roles), remembered=from_memory)
        preview.tables.append(shown)
        _table_rows(preview, shown, forms, existing_keys, by_name, seen, skip)
    if not preview.rows and not preview.problems:
        preview.problems.append("Các bảng trong tệp không có dòng khen thưởng nào.")
    return preview


def _table_rows(preview, shown, forms, existing_keys, by_name, seen, skip) -> None:
    table, roles = shown.table, shown.roles
    column = {role: index for index, role in reversed(list(enumerate(roles))) if role != SKIP}
    name_columns = [column[r] for r in ("name", "collective") if r in column]
    if not name_columns:
        preview.problems.append(
            f"{table.label}: chưa có cột họ và tên hay tên tập thể — hãy chọn cột đó ở dòng "
            "“Cột này là”."
        )
        return
    section_kind: str | None = None
    for row in table.rows:
        texts = row.cells
        filled = [t for t in texts if t]
        if not filled:
            continue
        where = f"{table.label}, dòng {row.number}"
        key = f"{table.number}-{row.number}"
        first = filled[0]
        # a section row: one cell across the table, or a heading typed in one cell
        # ("I. TẬP THỂ", "Tập thể:"), or a Roman number in the STT column and a heading next to it
        lone = (
            filled[1]
            if len(filled) == 2 and _ROMAN.match(first) and not _is_stt(first)
            else (first if len(filled) == 1 else "")
        )
        if row.spans_all or lone:
            text = _one_line(first if row.spans_all else lone)
            _, kind = _section_kind(text)
            if kind is not None:
                section_kind = kind
                shown.sections.append(f"{where}: “{text}” — {KIND_LABELS[kind].lower()}")
                continue
            if row.spans_all or (_ROMAN.match(first) and len(filled) == 2):
                shown.sections.append(f"{where}: “{text}” — dòng tiêu đề, không nhập")
                continue
        if key in skip:
            preview.skipped.append(f"{where}: {_one_line(' | '.join(filled))}")
            continue
        stt = texts[column["stt"]] if "stt" in column else ""
        name_column = next((c for c in name_columns if texts[c]), name_columns[0])
        name = _one_line(texts[name_column])
        column_kind = COLLECTIVE if roles[name_column] == "collective" else INDIVIDUAL
        job, unit = "", ""
        if "job_unit" in column:
            job, unit = split_job_unit(texts[column["job_unit"]])
        if "job_title" in column and texts[column["job_title"]]:
            job = _one_line(texts[column["job_title"]])
        if "unit" in column and texts[column["unit"]]:
            unit = _one_line(texts[column["unit"]])
        achievement = _one_line(texts[column["achievement"]]) if "achievement" in column else ""
        entry = PreviewRow(
            table=table.number,
            row=row.number,
            where=where,
            kind=None,
            form=None,
            name=name,
            job_title=job,
            unit=unit,
            achievement=achievement,
            stt=stt,
        )
        preview.rows.append(entry)
        if not name:
            entry.problems.append(
                f"chưa có {'tên tập thể' if column_kind == COLLECTIVE else 'họ và tên'}."
            )
            continue
        others = [t for i, t in enumerate(texts) if t and i != name_column]
        looks_like_heading = (
            "stt" in column
            and not _is_stt(stt)
            and not others
            and (
                name.endswith(":") or (name == vn.upper_vn(name) and any(c.isalpha() for c in name))
            )
        )
        if looks_like_heading:
            entry.problems.append(
                f"“{name}” trông như một dòng tiêu đề chứ không phải người nhận (không có số "
                "thứ tự, chỉ có một ô). Chọn “Bỏ qua dòng này” nếu đúng là tiêu đề."
            )
            continue
        if entry.kind is None and column_kind == INDIVIDUAL:
            entry.name = _HONORIFIC.sub("", name)
        _kind_and_form(entry, preview, section_kind, column_kind)
        if entry.form is None or entry.kind is None:
            continue
        if entry.kind == COLLECTIVE:
            entry.job_title = ""
        duplicate = (entry.form.id, entry.kind, name_key(entry.name))
        old = existing_keys.get(duplicate)
        if old is not None and (
            not old.unit or not entry.unit or name_key(old.unit) == name_key(entry.unit)
        ):
            entry.problems.append(
                f"“{entry.name}” đã có trong danh sách khen thưởng ({entry.form.name}); "
                "không nhập hai lần."
            )
        unit_key = name_key(entry.unit)
        if (*duplicate, unit_key) in seen:
            entry.problems.append(
                f"“{entry.name}” trùng với {seen[(*duplicate, unit_key)]} (cùng hình thức)."
            )
        else:
            seen[(*duplicate, unit_key)] = where
        if entry.kind == INDIVIDUAL:
            entry.delegate = _link(by_name.get(name_key(entry.name), []), entry.unit)


def _kind_and_form(entry: PreviewRow, preview: Preview, section_kind, column_kind) -> None:
    """Collective or individual: the section row says it first; else a form given only to one
    kind; else the column ("Tên tập thể" / "Họ và tên"). Then the form: the officer's, else the
    one the trích yếu names for that kind."""
    candidates = [preview.form_override] if preview.form_override else preview.forms_found
    kind = section_kind
    if kind is None:
        kinds = {k for f in candidates for k in (INDIVIDUAL, COLLECTIVE) if f.allows(k)}
        kind = next(iter(kinds)) if len(kinds) == 1 else column_kind
    entry.kind = kind
    if not candidates:
        return  # the file's problem says so once
    form = next((f for f in candidates if f.allows(kind)), None)
    if form is None:
        names = " / ".join(f.name for f in candidates)
        entry.problems.append(f"{names} không tặng cho {KIND_LABELS[kind].lower()}.")
        return
    entry.form = form


def _link(found: list[Person], unit: str) -> Person | None:
    """The delegate of that name; among several, the one of that unit."""
    if len(found) == 1:
        return found[0]
    if len(found) > 1 and unit:
        same = [p for p in found if name_key(p.unit) == name_key(unit)]
        if len(same) == 1:
            return same[0]
    return None


def roles_from_form(values: dict[str, str], tables: Sequence[Table]) -> dict[int, list[str]]:
    """The officer's choices posted as "cot-<table>-<column>" = role (unknown roles: skip)."""
    chosen: dict[int, list[str]] = {}
    for table in tables:
        roles = []
        for index in range(len(table.headers)):
            role = values.get(f"cot-{table.number}-{index}")
            if role is None:
                break
            roles.append(role if role in ROLE_LABELS else SKIP)
        else:
            chosen[table.number] = roles
    return chosen


def summary_lines(preview: Preview) -> list[str]:
    """What the preview holds, for the command line: the decision, each table's mapping, one
    line per award."""
    forms = (
        [preview.form_override.name]
        if preview.form_override
        else [f.name for f in preview.forms_found]
    )
    date = vn.format_date_short(preview.date) if preview.date else "(chưa có ngày)"
    lines = [
        f"Quyết định số {preview.number or '(chưa có số)'} ngày {date}",
        f"Hình thức khen thưởng: {'; '.join(forms) or '(chưa nhận ra)'}",
    ]
    for shown in preview.tables:
        pairs = "; ".join(
            f"“{header or '(không tiêu đề)'}” → {ROLE_LABELS[role]}"
            for header, role in zip(shown.table.headers, shown.roles, strict=True)
        )
        memo = " (đã nhớ từ lần trước)" if shown.remembered else ""
        lines.append(f"{shown.table.label}{memo}: {pairs}")
    for row in preview.rows:
        parts = [row.kind_label or "?", row.name or "(trống)"]
        detail = ", ".join(t for t in (row.job_title, row.unit) if t)
        if detail:
            parts.append(detail)
        if row.form is not None:
            parts.append(row.form.name)
        if row.delegate is not None:
            parts.append("đại biểu của hội nghị")
        lines.append(f"  {row.where}: {' — '.join(parts)}")
    return lines
