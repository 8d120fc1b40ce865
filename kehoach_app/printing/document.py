"""A printout as plain data: what to print, not how.

A module builds one ``Document`` and hands it to ``render_pdf`` or ``render_docx``; both draw it
in the frame of Nghị định 30/2020/NĐ-CP (Phụ lục I). Strings arrive already formatted (dates,
money, numbers): nothing here formats or computes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["justify", "left", "center", "right"]
CellAlign = Literal["left", "center", "right"]


@dataclass
class Run:
    """A piece of text with its own emphasis inside a paragraph or a cell."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


#: Text that may carry mixed emphasis: a plain string, or a list of runs.
Inline = str | list[Run]


@dataclass
class Header:
    """The top of an administrative document (ND30, Phụ lục I, ô 1–4).

    Left: tên cơ quan chủ quản (``parent_body``, may be empty), tên cơ quan ban hành (``issuer``)
    with its short rule, then ``number_line``. Right: Quốc hiệu, Tiêu ngữ, then ``date_line``.
    "\\n" in a name forces a line break; otherwise names wrap within the left column.
    """

    issuer: str
    parent_body: str = ""
    number_line: str = ""
    date_line: str = ""


@dataclass
class Heading:
    """A section heading: level 1 "I. MỤC ĐÍCH, YÊU CẦU" (bold), level 2 "1. Thời gian" (bold),
    level 3 bold italic. The caller writes the numbering and the capitals."""

    text: Inline
    level: int = 1


@dataclass
class Paragraph:
    content: Inline
    align: Align = "justify"
    indent: bool = True  # first-line indent 1.27 cm
    bold: bool = False
    italic: bool = False
    size: float | None = None  # points; None = body size (14)
    space_after: float = 6  # points


@dataclass
class BulletList:
    """Lines starting with a dash, hanging indent (continuation lines align with the text)."""

    items: list[Inline]
    bullet: str = "-"


@dataclass
class Column:
    """A table column. ``width`` is a relative weight, a wish: the renderers measure the
    content first (issue 15), so a column is never narrower than its widest word, and a column
    whose text would wrap takes room from columns that do not need theirs. ``nowrap`` keeps
    every cell of the column on one line (numbers, money and STT never wrap anyway: each is
    one word)."""

    title: str
    width: float = 1.0  # relative weight; the table always spans the text width
    align: CellAlign = "left"
    nowrap: bool = False


@dataclass
class Table:
    """A grid table. Header row bold and centred, repeated on every page; ``total_rows`` holds
    indexes into ``rows`` printed bold (Tổng cộng); ``section_rows`` holds indexes of rows
    that head a section ("IV | NƯỚC UỐNG", "II. TRONG HỘI TRƯỜNG"): printed bold, never the
    last row of a page. No row is ever split across two pages. ``font_size`` is the body size
    of the table: a table whose words cannot fit the page's width at it steps down 1 pt at a
    time to 10 pt."""

    columns: list[Column]
    rows: list[list[Inline]]
    header: bool = True
    font_size: float = 12
    total_rows: set[int] = field(default_factory=set)
    repeat_header: bool = True
    section_rows: set[int] = field(default_factory=set)


@dataclass
class KeyValue:
    """A borderless two-column list: bold label, value."""

    rows: list[tuple[str, str]]


@dataclass
class Spacer:
    height_mm: float


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Table | KeyValue | Spacer | PageBreak


@dataclass
class Signature:
    """Thẩm quyền ký: ``lines`` such as ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    (printed in capitals, bold), room for the signature and the seal, then ``name`` (bold, as
    written). ``note`` is an optional italic line under ``lines``, e.g. "(Ký, ghi rõ họ tên)"."""

    lines: list[str]
    name: str
    note: str = ""


@dataclass
class Document:
    """One printout.

    ``title`` is the tên loại ("KẾ HOẠCH"), printed in capitals; ``subtitle`` is the trích yếu
    ("\\n" allowed). ``recipients`` is the Nơi nhận list; each item gets a leading "- " unless it
    already has one; the caller writes the last item ("Lưu: VT, …").
    """

    title: str
    subtitle: str = ""
    header: Header | None = None
    body: list[Block] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    recipients: list[str] | None = None
    landscape: bool = False
    meta_title: str = ""
    meta_author: str = ""
    # The signature keeps the last two lines of the text with it (issue 15). False: only the
    # signature and the Nơi nhận keep together, the text flows to the end of its page (the
    # Kế hoạch's closing paragraph, issue 17).
    signature_keeps_text: bool = True
