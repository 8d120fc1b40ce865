"""Printouts of the delegates part: giấy mời, nhãn phong bì, sổ theo dõi gửi giấy mời, danh sách
đại biểu (by thành phần) and danh sách ký nhận.

Two layers, as DESIGN.md asks ("a renderer never queries the database and never computes"):

- **Builders** (``render_*``): plain dataclasses in, bytes out. They only draw; every text they
  print arrives worded by the adapters, and every user string goes through the printing layer's
  ``text``/``line_text`` (escaped, NFC) or straight into an openpyxl cell. Each PDF is a
  ``printing.Document`` rendered by ``printing.render_pdf``, its body the flowables built here
  from the layer's public pieces (``printing.flow``: the stamped letters, the ruled grid); the
  envelope labels draw on a canvas of their own with the same pieces.
- **Adapters** (``*_data``, ``conference_delegates``): read a ``Conference`` and its delegates
  through the one reader (``delegates.reading``), sort them (``logic.sort_delegates``) and word
  them into those dataclasses. The public ``invitations_pdf``, ``envelope_labels_pdf``, …
  compose the two; the catalogue entries (print_catalogue.py) print every delegate.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus import Paragraph as RLParagraph

from .. import vn, xlsx_text
from ..checkin.qr import PageCodeMark, draw_qr
from ..conferences.logic import (
    conference_summary,
    event_time_text,
    require_exact_date,
    time_and_day,
)
from ..conferences.models import Conference
from ..printing import (
    FONT_FAMILY_DOCX,
    Document,
    DocumentStart,
    GridColumn,
    Header,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    closing_flowables,
    document_start,
    line_text,
    register_fonts,
    render_pdf,
    ruled_grid,
    text_style,
    top_flowables,
)
from ..printing import layout as L
from ..printing import text as printed_text
from . import reading
from .logic import protocol_order, role_of, sort_delegates
from .models import REPLIES
from .print_catalogue import NO_DELEGATES

__all__ = [
    "DelegateListData",
    "DelegateRow",
    "DelegateSheetData",
    "GroupRows",
    "InvitationData",
    "LabelStock",
    "LetterHead",
    "Signer",
    "conference_delegates",
    "delegate_list_data",
    "delegate_list_pdf",
    "delegate_list_xlsx",
    "envelope_labels_pdf",
    "invitation_data",
    "invitations_pdf",
    "render_delegate_list_pdf",
    "render_delegate_list_xlsx",
    "render_envelope_labels",
    "render_invitations",
    "render_sign_in_sheet_pdf",
    "render_sign_in_sheet_xlsx",
    "render_tracking_sheet_pdf",
    "render_tracking_sheet_xlsx",
    "sign_in_sheet_data",
    "sign_in_sheet_pdf",
    "sign_in_sheet_xlsx",
    "tracking_sheet_data",
    "tracking_sheet_pdf",
    "tracking_sheet_xlsx",
]


# =============================================================================================
# Plain data handed to the builders
# =============================================================================================


@dataclass(frozen=True)
class LetterHead:
    """The ND30 top of a document (Phụ lục I, ô 1–4), already worded."""

    issuer: str
    parent_body: str = ""
    number_line: str = ""
    date_line: str = ""


@dataclass(frozen=True)
class Signer:
    """Thẩm quyền ký ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and the name."""

    lines: tuple[str, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class DelegateRow:
    """One delegate as the printouts show them, every field already worded."""

    number: int  # STT in this printout
    honorific: str  # "Ông", "Bà", "Đồng chí"
    full_name: str
    position: str = ""  # chức vụ
    unit: str = ""  # đơn vị
    role: str = ""  # chức vụ and đơn vị as one phrase: "Chủ tịch Ủy ban nhân dân xã Tân Hòa"
    sent_on: dt.date | None = None  # ngày gửi giấy mời
    reply: str = ""  # "Chưa phản hồi", "Tham dự", …
    substitute_name: str = ""  # người dự thay
    note: str = ""  # ghi chú printed in the lists ("Đoàn Chủ tịch", "Dự thay: …")
    code: str = ""  # mã điểm danh (issue 21), printed with its QR code on giấy mời and labels
    code_mask: int | None = None  # the QR mask stored with it (checkin/qrmask.py)

    @property
    def addressee(self) -> str:
        """How the delegate is addressed after "Kính gửi:": "Ông Nguyễn Văn A"."""
        return f"{self.honorific} {self.full_name}".strip()

    @property
    def addressed_as(self) -> str:
        """The word for the delegate inside a sentence ("kính mời Ông đến dự")."""
        return self.honorific or self.full_name


@dataclass(frozen=True)
class InvitationData:
    """Everything the giấy mời print: the same letter for every guest, one page each."""

    head: LetterHead
    signer: Signer
    issuer: str  # as written, for the sentence: "Ủy ban nhân dân xã Tân Hòa"
    subject: str  # trích yếu under GIẤY MỜI: "Dự Hội nghị tổng kết …"
    event: str  # the conference's title: "Hội nghị tổng kết …"
    time_line: str  # "07 giờ 30, Thứ Sáu, ngày 15 tháng 01 năm 2027"
    venue: str  # "Hội trường … (Số 18 đường …)"
    recipients: tuple[str, ...] = ("Như trên;", "Lưu: VT.")
    guests: tuple[DelegateRow, ...] = ()
    meta_title: str = "Giấy mời"


@dataclass(frozen=True)
class GroupRows:
    """One thành phần of the list: its heading (with the count) and its people in order."""

    heading: str  # "I. Thường trực Đảng ủy (02 đại biểu)"
    rows: tuple[DelegateRow, ...]


@dataclass(frozen=True)
class DelegateListData:
    """Danh sách đại biểu: grouped by thành phần, each group in protocol order."""

    head: LetterHead
    title: str  # "DANH SÁCH ĐẠI BIỂU"
    subject: str  # "Dự Hội nghị tổng kết …"
    groups: tuple[GroupRows, ...]
    total_line: str  # "Tổng cộng: 120 đại biểu"
    meta_title: str = "Danh sách đại biểu"


@dataclass(frozen=True)
class DelegateSheetData:
    """A working list without ND30 header: sổ theo dõi gửi giấy mời, danh sách ký nhận."""

    issuer: str
    title: str
    subject: str
    info_line: str  # "Thời gian: …; địa điểm: …"
    rows: tuple[DelegateRow, ...]
    meta_title: str = ""


@dataclass(frozen=True)
class LabelStock:
    """A sheet of self-adhesive labels: where each label is on the page (millimetres)."""

    name: str
    columns: int
    rows: int
    width_mm: float
    height_mm: float
    left_mm: float  # page edge → first label
    top_mm: float
    pitch_x_mm: float  # label start → next label start
    pitch_y_mm: float
    padding_x_mm: float = 4.0  # printers drift by 1–2 mm: keep text off the die-cut edge
    padding_y_mm: float = 3.0
    page_mm: tuple[float, float] = L.A4_MM

    def boxes(self) -> list[tuple[float, float, float, float]]:
        """Each label as (x, y, width, height) in points, ReportLab's origin (bottom left),
        row by row from the top left."""
        page_h = self.page_mm[1] * L.MM
        out = []
        for r in range(self.rows):
            for c in range(self.columns):
                x = (self.left_mm + c * self.pitch_x_mm) * L.MM
                top = page_h - (self.top_mm + r * self.pitch_y_mm) * L.MM
                h = self.height_mm * L.MM
                out.append((x, top - h, self.width_mm * L.MM, h))
        return out


#: 2 × 7 labels of 99,1 × 38,1 mm on A4 — the common stock sold in Vietnam as "Tomy/Avery
#: A4 14 nhãn" (Avery L7163 / J8163 layout): side margins 4,65 mm, 2,5 mm between columns,
#: top margin 15,15 mm, no gap between rows. Big enough for "Kính gửi", chức vụ and đơn vị at
#: 11–13 pt, wide enough for the window of a C5/DL envelope.
ENVELOPE_LABELS_14 = LabelStock(
    name="A4, 14 nhãn 99,1 × 38,1 mm (2 × 7)",
    columns=2,
    rows=7,
    width_mm=99.1,
    height_mm=38.1,
    left_mm=4.65,
    top_mm=15.15,
    pitch_x_mm=101.6,
    pitch_y_mm=38.1,
)

# =============================================================================================
# Adapters: conference and delegates → plain data (the only part that reads the database)
# =============================================================================================

#: A delegate as the adapters read them: the one reader's row (reading.DelegateRow) or an ORM
#: Delegate a view selected — the same attribute names (full_name, honorific, position, unit,
#: protocol_rank, presidium, reply, substitute_name, invitation_sent_on, check_in_code,
#: check_in_mask, group_id).
Person = Any
#: A thành phần: reading.GroupRow or an ORM DelegateGroup (id, position, name).
Group = Any


def conference_delegates(conference: Conference) -> list[reading.DelegateRow]:
    """Every delegate of the conference (unsorted; the printouts sort), as the one reader's rows
    (delegates.reading: one query with the group joined, read once per GET or printout set); a
    new list each call, so a caller may sort its own. The adapters below take these rows or
    the ORM rows a view selected alike: they read the same names."""
    return list(reading.delegate_rows(conference.id))


def conference_groups(conference: Conference) -> list[reading.GroupRow]:
    """The conference's thành phần in the officer's order (the one reader's, read once as
    conference_delegates)."""
    return list(reading.group_rows(conference.id))


def invitation_symbol(doc_symbol: str) -> str:
    """The giấy mời's ký hiệu from the plan's: "KH-UBND" → "GM-UBND", "UBND" → "GM-UBND".

    Nghị định 30/2020/NĐ-CP, Phụ lục III: GM is the abbreviation of Giấy mời; the part after the
    kind names the issuing body and stays the same.
    """
    symbol = vn.clean_text(doc_symbol).lstrip("/").strip()
    _, dash, body = symbol.partition("-")
    body = body if dash else symbol
    return f"GM-{body}" if body else "GM"


def _count_text(n: int) -> str:
    """A head count as plans write it (vn.format_count, shared with the plan): "05 đại biểu",
    "120 đại biểu"."""
    return vn.format_count(n, "đại biểu")


def _roman(n: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for value, letters in numerals:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _note(delegate: Person) -> str:
    notes = []
    if delegate.presidium:
        notes.append("Đoàn Chủ tịch")
    if delegate.reply == "substitute" and delegate.substitute_name:
        notes.append(f"Dự thay: {vn.clean_text(delegate.substitute_name)}")
    elif delegate.reply == "absent":
        notes.append("Báo vắng")
    return "; ".join(notes)


def delegate_rows(
    delegates: Iterable[Person],
    order: str = "protocol",
    start: int = 1,
    groups: Sequence[Group] | None = None,
) -> list[DelegateRow]:
    """Delegates sorted and numbered from ``start``: in protocol order — by group, as the MC
    introduces them (logic.protocol_order) when ``groups`` are given, by rank alone within one
    group — or in Vietnamese name order."""
    if order == "protocol" and groups is not None:
        ordered = protocol_order(delegates, groups)
    else:
        ordered = sort_delegates(delegates, order)
    rows = []
    # the same danh xưng, chức vụ and đơn vị on many rows: each cleaned once
    clean = functools.cache(vn.clean_text)
    for number, d in enumerate(ordered, start=start):
        substitute = clean(d.substitute_name)
        rows.append(
            DelegateRow(
                number=number,
                honorific=clean(d.honorific),
                full_name=vn.clean_text(d.full_name),
                position=clean(d.position),
                unit=clean(d.unit),
                role=role_of(d.position, d.unit),
                sent_on=d.invitation_sent_on,
                reply=REPLIES.get(d.reply, d.reply or ""),
                # a name typed for a reply since changed back is not printed
                substitute_name=substitute if d.reply == "substitute" else "",
                note=_note(d),
                code=d.check_in_code or "",
                code_mask=d.check_in_mask,
            )
        )
    return rows


def _venue(conference: Conference) -> str:
    venue = vn.clean_text(conference.venue)
    address = vn.clean_text(conference.venue_address)
    return f"{venue} ({address})" if address else venue


def _subject(conference: Conference) -> str:
    """Trích yếu of a giấy mời or a list: "Dự Hội nghị tổng kết …"."""
    return f"Dự {vn.clean_text(conference.title)}"


def invitation_data(
    conference: Conference,
    delegates: Iterable[Person],
    *,
    order: str = "protocol",
    today: dt.date | None = None,
) -> InvitationData:
    summary = conference_summary(conference.values(), today or dt.date.today())
    # The giấy mời gets its own number from the văn thư when it is issued (Nghị định 30/2020,
    # Điều 15): the number is left blank, never the plan's ("07/GM-…" beside "07/KH-…" would be
    # one number on two documents); only the symbol (GM-…) is known in advance.
    number_line = vn.document_number_line("", invitation_symbol(conference.doc_symbol))
    return InvitationData(
        head=LetterHead(
            issuer=summary.issuer,
            parent_body=summary.parent_body,
            number_line=number_line,
            date_line=summary.date_line,
        ),
        signer=Signer(tuple(summary.signer_lines), summary.signer_name),
        issuer=vn.clean_text(conference.issuer),
        subject=_subject(conference),
        event=vn.clean_text(conference.title),
        time_line=time_and_day(conference.start_time, conference.date),
        venue=_venue(conference),
        guests=tuple(delegate_rows(delegates, order, groups=conference_groups(conference))),
        meta_title=f"Giấy mời — {vn.clean_text(conference.title)}",
    )


def delegate_list_data(
    conference: Conference,
    delegates: Iterable[Person],
    groups: Sequence[Group],
    *,
    order: str = "protocol",
    today: dt.date | None = None,
) -> DelegateListData:
    """The delegates by thành phần (the officer's group order), each group sorted by ``order``;
    delegates without a group come last under "Đại biểu khác". Empty groups are left out."""
    summary = conference_summary(conference.values(), today or dt.date.today())
    by_group: dict[int | None, list[Person]] = {}
    for d in delegates:
        by_group.setdefault(d.group_id, []).append(d)
    known = [(g.id, vn.clean_text(g.name)) for g in groups]
    ids = {gid for gid, _ in known}
    stray = [d for gid, people in by_group.items() if gid not in ids for d in people]
    sections = [(name, by_group.get(gid, [])) for gid, name in known]
    sections.append(("Đại biểu khác", stray))
    out: list[GroupRows] = []
    number = 0
    for name, people in sections:
        if not people:
            continue
        rows = delegate_rows(people, order, start=number + 1)  # STT runs on across groups
        number += len(rows)
        heading = f"{_roman(len(out) + 1)}. {name} ({_count_text(len(rows))})"
        out.append(GroupRows(heading=heading, rows=tuple(rows)))
    return DelegateListData(
        head=LetterHead(
            issuer=summary.issuer, parent_body=summary.parent_body, date_line=summary.date_line
        ),
        title="DANH SÁCH ĐẠI BIỂU",
        subject=_subject(conference),
        groups=tuple(out),
        total_line=f"Tổng cộng: {_count_text(number)}",
        meta_title=f"Danh sách đại biểu — {vn.clean_text(conference.title)}",
    )


def _sheet_data(
    conference: Conference, delegates: Iterable[Person], title: str, order: str
) -> DelegateSheetData:
    info = (
        # The tracking sheet is kept before the day is fixed (issue 17; the sign-in sheet, which
        # needs the day, waits for it: EXACT_DATE_PRINTOUTS).
        f"Thời gian: {event_time_text(conference.values())}; địa điểm: {_venue(conference)}"
    )
    return DelegateSheetData(
        issuer=vn.clean_text(conference.issuer),
        title=title,
        subject=_subject(conference),
        info_line=info,
        rows=tuple(delegate_rows(delegates, order, groups=conference_groups(conference))),
        meta_title=f"{title.capitalize()} — {vn.clean_text(conference.title)}",
    )


def tracking_sheet_data(
    conference: Conference, delegates: Iterable[Person], *, order: str = "protocol"
) -> DelegateSheetData:
    return _sheet_data(conference, delegates, "SỔ THEO DÕI GỬI GIẤY MỜI", order)


def sign_in_sheet_data(
    conference: Conference, delegates: Iterable[Person], *, order: str = "name"
) -> DelegateSheetData:
    """In name order: a delegate at the door finds their line at once."""
    return _sheet_data(conference, delegates, "DANH SÁCH KÝ NHẬN", order)


# =============================================================================================
# Builders: plain data → PDF (ReportLab through the printing layer)
# =============================================================================================


@functools.cache
def _pdf_styles() -> dict[str, ParagraphStyle]:
    """Styles derived from the printing layer's (same serif family, same sizes)."""
    s = {"body": text_style("body")}
    return {
        "addressee": ParagraphStyle(
            "gm_addressee", parent=s["body"], alignment=TA_CENTER, firstLineIndent=0,
            spaceBefore=6, spaceAfter=12,
        ),
        "empty": ParagraphStyle(
            "gm_empty", parent=s["body"], alignment=TA_CENTER, firstLineIndent=0, spaceBefore=24
        ),
        "info": ParagraphStyle(
            "dl_info", parent=s["body"], alignment=TA_CENTER, firstLineIndent=0, fontSize=13,
            leading=13 * L.LINE_SPACING, spaceAfter=10,
        ),
    }  # fmt: skip


def _para(content, style: str) -> RLParagraph:
    """User text (str or runs) → escaped Paragraph in one of this module's or the layer's
    styles (printing.text)."""
    own = _pdf_styles()
    return printed_text(content, own.get(style) or style)


class _Stamp(Flowable):
    """Flowables laid out once, drawn once into a PDF form XObject and stamped wherever this
    flowable is placed again (``canvas.doForm``).

    A thousand giấy mời share their header, body text and signature block: laid out and stored
    once, each page then costs one Paragraph (the "Kính gửi" line) and a few form references,
    which is what brings 1,000 invitations under 3 s and keeps the file small.
    """

    _names = itertools.count(1)

    def __init__(self, flowables: Sequence[Flowable]):
        super().__init__()
        self.flowables: list[Flowable] = []
        for f in flowables:  # the signature comes as a KeepTogether: its parts, in order
            self.flowables.extend(f._content if isinstance(f, KeepTogether) else [f])
        self.form_name = f"kh_stamp_{next(self._names)}"
        self._placed: list[tuple[Flowable, float, float]] = []
        self._laid_out_for: float | None = None
        self._drawn_on: int | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        if self._laid_out_for != availWidth:
            sizes = []
            for i, f in enumerate(self.flowables):
                before = f.getSpaceBefore() if i else 0.0
                w, h = f.wrap(availWidth, 10_000)
                sizes.append((f, before, w, h, f.getSpaceAfter()))
            y = sum(b + h + a for _, b, _, h, a in sizes)
            self.height, self.width = y, availWidth
            self._placed = []
            for f, before, w, h, after in sizes:
                y -= before + h
                self._placed.append((f, y, availWidth - w))
                y -= after
            self._laid_out_for = availWidth
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        if self._drawn_on != id(canvas):
            # generous box: italic overhangs and rules may pass the column by a point or two
            canvas.beginForm(self.form_name, -20, -20, self.width + 20, self.height + 20)
            for f, y, spare in self._placed:
                f.drawOn(canvas, 0, y, _sW=spare)
            canvas.endForm()
            self._drawn_on = id(canvas)
        canvas.doForm(self.form_name)


def _invitation_parts(data: InvitationData) -> tuple[_Stamp, dict[str, _Stamp], _Stamp]:
    """The parts every giấy mời shares: the header with GIẤY MỜI and trích yếu, the body text
    (one per way of addressing: "Ông", "Bà", "Đồng chí", …) and the signature with Nơi nhận."""
    header = Header(
        issuer=data.head.issuer,
        parent_body=data.head.parent_body,
        number_line=data.head.number_line,
        date_line=data.head.date_line,
    )
    top = _Stamp(top_flowables(header, "GIẤY MỜI", data.subject))
    bodies: dict[str, _Stamp] = {}
    for who in dict.fromkeys(guest.addressed_as for guest in data.guests):
        bodies[who] = _Stamp(
            [
                _para(f"{data.issuer} trân trọng kính mời {who} đến dự {data.event}.", "body"),
                _para([Run("Thời gian: ", bold=True), Run(f"{data.time_line}.")], "body"),
                _para([Run("Địa điểm: ", bold=True), Run(f"{data.venue}.")], "body"),
                _para(f"Đề nghị {who} đến dự đúng giờ./.", "body"),
            ]
        )
    signatures = []
    if data.signer.lines or data.signer.name:
        signatures = [Signature(list(data.signer.lines), data.signer.name)]
    bottom = _Stamp(closing_flowables(signatures, data.recipients))
    return top, bodies, bottom


_LETTER_WIDTH = (L.A4_MM[0] - L.MARGIN_LEFT_MM - L.MARGIN_RIGHT_MM) * L.MM


@functools.cache
def _addressee_face(bold: bool) -> L.Face:
    fonts = register_fonts()
    return L.Face(fonts.bold if bold else fonts.regular, _pdf_styles()["addressee"].fontSize)


@functools.lru_cache(maxsize=4096)
def _around_name_width(role: str) -> float:
    """The width of "Kính gửi: " and " – <chức vụ>" around the name: the many guests of one
    chức vụ and đơn vị measure it once."""
    return _addressee_face(False).width(f"Kính gửi:  – {role}")


def _addressee_line(guest: DelegateRow) -> Flowable:
    """The addressee on one line when it fits — "Kính gửi: Ông Nguyễn Văn A – Chủ tịch Ủy ban
    nhân dân xã Tân Hòa" — otherwise the chức vụ on its own centred line under the name, rather
    than a lone word ("Hòa") on the second line."""
    runs: list[Run] = [Run("Kính gửi: "), Run(guest.addressee, bold=True)]
    if guest.role:
        one_line = _around_name_width(guest.role) + _addressee_face(True).width(guest.addressee)
        if one_line <= _LETTER_WIDTH:
            runs.append(Run(f" – {guest.role}"))
        else:
            runs.append(Run(f"\n{guest.role}"))
    return line_text(runs, _pdf_styles()["addressee"])


class _Letter(Flowable):
    """One giấy mời as one flowable: its parts (SheetStart, the QR mark, the shared header, the
    "Kính gửi" line, the shared body and signature) placed exactly where the frame would place
    them one after another — its rule for spaces: none above the first part of a page, and the
    space before a part less the space after the one above it — and the three shared _Stamps
    drawn as one form per way they stand on the page (one per "Kính gửi" height and way of
    addressing).

    A thousand pages each asked the frame to place six flowables and stamped three forms: a
    third of the invitations' time for the same page. A letter that does not fit its page (a
    chức vụ of many lines) is handed back to the frame as its parts (``split``), which flow to
    the next page as they always did.
    """

    def __init__(self, parts: Sequence[Flowable], forms: dict[tuple, tuple[str, int]]):
        super().__init__()
        self.parts = list(parts)
        self.forms = forms  # shared by one PDF's letters: (stamp, offset)… → (form name, canvas)
        self.spaceBefore = self.parts[0].getSpaceBefore()
        self.spaceAfter = self.parts[-1].getSpaceAfter()
        self._placed: list[tuple[Flowable, float, float]] = []  # part, bottom, spare width

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        overlap = rl_config.overlapAttachedSpace
        depth, after, at_top = 0.0, 0.0, True
        placed = []
        for part in self.parts:
            before = 0.0
            if not at_top:
                before = part.getSpaceBefore()
                before = max(before - after, 0.0) if overlap else before
            w, h = part.wrap(availWidth, availHeight - depth - before)
            start = depth
            depth += before + h
            placed.append((part, depth, availWidth - w))
            after = part.getSpaceAfter()
            depth_after = depth + after
            if depth_after != start:
                at_top = False
            depth = depth_after
        self.width, self.height = availWidth, depth - after
        self._placed = [(part, self.height - bottom, spare) for part, bottom, spare in placed]
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        return list(self.parts)  # too tall for the page: the frame places the parts

    def _form(self, canvas, stamps: list[tuple[_Stamp, float]]) -> str:
        key = tuple((id(stamp), bottom) for stamp, bottom in stamps)
        name, drawn_on = self.forms.get(key, ("", 0))
        if drawn_on != id(canvas):
            name = f"kh_letter_{next(_Stamp._names)}"
            # generous box: italic overhangs and rules may pass the column by a point or two
            canvas.beginForm(name, -20, -20, self.width + 20, self.height + 20)
            for stamp, bottom in stamps:
                for f, y, spare in stamp._placed:
                    f.drawOn(canvas, 0, bottom + y, _sW=spare)
            canvas.endForm()
            self.forms[key] = (name, id(canvas))
        return name

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 — the parts are placed here
        stamps = []
        for part, bottom, spare in self._placed:
            if isinstance(part, _Stamp):
                stamps.append((part, bottom))
            elif isinstance(part, DocumentStart):  # marks the page; draws nothing
                part.canv = canvas
                part.draw()
                del part.canv
            else:
                part.drawOn(canvas, x, y + bottom, _sW=spare)
        if stamps:
            name = self._form(canvas, stamps)
            canvas.saveState()
            canvas.translate(x, y)
            canvas.doForm(name)
            canvas.restoreState()

    def draw(self):  # pragma: no cover — drawOn does the drawing
        pass


def render_invitations(data: InvitationData) -> bytes:
    """One A4 page per guest; an explanatory page when there is none. A Document of the
    letters (each draws its own header, stamped): no header, title or signature of its own."""
    if not data.guests:
        return render_pdf(
            Document(
                title="GIẤY MỜI",
                subtitle=data.subject,
                header=Header(data.head.issuer, data.head.parent_body),
                body=[_para(f"{NO_DELEGATES} để in giấy mời.", "empty")],
                meta_title=data.meta_title,
                meta_author=data.head.issuer,
            )
        )
    flowables: list = []
    if data.guests:
        top, bodies, bottom = _invitation_parts(data)
        forms: dict[tuple, tuple[str, int]] = {}
        for i, guest in enumerate(data.guests):
            if i:
                flowables.append(PageBreak())
            # each invitation is a one-page document of its own: no page number
            parts = [
                document_start(),
                # in the bottom margin, outside the ND30 text frame
                PageCodeMark(guest.code, guest.code_mask),
                top,
                _addressee_line(guest),
                bodies[guest.addressed_as],
                bottom,
            ]
            flowables.append(_Letter(parts, forms))
    return render_pdf(
        Document(title="", body=flowables, meta_title=data.meta_title, meta_author=data.head.issuer)
    )


def render_envelope_labels(
    guests: Sequence[DelegateRow], stock: LabelStock = ENVELOPE_LABELS_14, meta_title: str = ""
) -> bytes:
    """Address labels: "Kính gửi: Ông Nguyễn Văn A" (the name bold) and, under it, chức vụ and
    đơn vị as one phrase, centred in each label. The text shrinks from 14 pt, half a point at a
    time, until it fits inside the label's padding; it is never cut. No borders are drawn: the
    stock is die-cut, and a border printed 1 mm off would show on every envelope."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    page = (stock.page_mm[0] * L.MM, stock.page_mm[1] * L.MM)
    canvas = Canvas(buffer, pagesize=page, initialFontName=fonts.regular, lang="vi-VN")
    canvas.setTitle(L.clean(meta_title or "Nhãn phong bì"))
    canvas.setCreator("Kế hoạch Hội nghị")
    boxes = stock.boxes()
    made: dict[tuple, tuple[Flowable, float]] = {}  # paragraphs shared by labels (_fit_label)
    if not guests:
        p = _para(f"{NO_DELEGATES} để in nhãn phong bì.", "empty")
        width = page[0] - 2 * L.MARGIN_RIGHT_MM * L.MM
        _, h = p.wrap(width, page[1])
        p.drawOn(canvas, L.MARGIN_RIGHT_MM * L.MM, page[1] - L.MARGIN_TOP_MM * L.MM - h)
        canvas.showPage()
    for i, guest in enumerate(guests):
        slot = i % len(boxes)
        if i and slot == 0:
            canvas.showPage()
        x, y, w, h = boxes[slot]
        inner_w = w - 2 * stock.padding_x_mm * L.MM
        inner_h = h - 2 * stock.padding_y_mm * L.MM
        top = y + h - stock.padding_y_mm * L.MM
        if guest.code:
            # the check-in code in a strip along the label's foot (QR at the right, the code
            # beside it); the address keeps the label's full width above it, from the top, so
            # every label of a row begins on one line
            mark = _LABEL_QR_MM * L.MM
            mark_x = x + w - stock.padding_x_mm * L.MM - mark
            mark_y = y + stock.padding_y_mm * L.MM
            # one module of white drawn (0,61 mm modules, a 12,8 mm symbol), the square moved
            # 1 mm into the padding: the rest of the 4-module quiet zone is the padding's and
            # the 1 mm gap's white paper, 2,6 mm on every side (issue 21 review: 0,48 mm
            # modules read 33 of 40 labels at 150 dpi)
            draw_qr(
                canvas,
                guest.code,
                mark_x + 1 * L.MM,
                mark_y - 1 * L.MM,
                mark,
                quiet=1,
                mask=guest.code_mask,
            )
            canvas.setFont(register_fonts().regular, 8)
            canvas.drawRightString(mark_x - 1 * L.MM, mark_y + 1 * L.MM, guest.code)
            paragraphs, height = _fit_label(guest, inner_w, inner_h - mark - 1 * L.MM, made)
        else:
            paragraphs, height = _fit_label(guest, inner_w, inner_h, made)
            top -= (inner_h - height) / 2
        for p, ph in paragraphs:
            top -= ph
            p.drawOn(canvas, x + stock.padding_x_mm * L.MM, top)
    if guests:
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


_LABEL_MAX_SIZE = 14.0
_LABEL_QR_MM = 14.0  # the check-in QR's square on an envelope label (0,61 mm modules)
_LABEL_MIN_SIZE = 3.0  # 800 characters (the longest name, chức vụ, đơn vị) still fit at 5 pt
# A short unit name ("Sở Nội vụ", "Trạm Y tế xã") is read as one: the label shrinks down to this
# size before it breaks one of at most _LABEL_WHOLE_WORDS words ("Sở / Nội vụ" reads as two
# bodies); below it, or for a longer name, lines break between any words as they must.
_LABEL_WHOLE_FLOOR = 9.0
_LABEL_WHOLE_WORDS = 4


def _unit_kept_whole(role: str, unit: str) -> str:
    """`role` with the words of a short unit name joined by no-break spaces (line_text keeps
    them on one line); `role` itself when the unit is long or not written in it as typed."""
    unit = vn.clean_text(unit)
    words = unit.split()
    if not 1 < len(words) <= _LABEL_WHOLE_WORDS or unit not in role:
        return role
    return role.replace(unit, L.NO_BREAK.join(words))


@functools.lru_cache(maxsize=64)
def _label_styles(size: float) -> tuple[ParagraphStyle, ParagraphStyle]:
    body = ParagraphStyle(
        f"label_{size:g}",
        parent=text_style("body"),
        fontSize=size,
        leading=size * 1.15,
        alignment=TA_CENTER,
        firstLineIndent=0,
        spaceAfter=0,
        splitLongWords=1,
    )
    first = ParagraphStyle(f"label_first_{size:g}", parent=body, spaceAfter=size * 0.3)
    return first, body


def _fit_label(
    guest: DelegateRow,
    width: float,
    height: float,
    made: dict[tuple, tuple[Flowable, float]] | None = None,
) -> tuple[list[tuple[Flowable, float]], float]:
    """The label's paragraphs at the largest size (half-point steps) whose wrapped height fits
    ``height``; their heights include the space after the first line. ``made`` keeps the
    chức vụ-đơn vị paragraphs already laid out for the labels before (see _fit_label_texts)."""
    texts: list = [[Run("Kính gửi: "), Run(guest.addressee, bold=True)]]
    if guest.role:  # chức vụ and đơn vị as one phrase: "Chủ tịch Ủy ban nhân dân xã Tân Hòa"
        whole = _unit_kept_whole(guest.role, guest.unit)
        if whole != guest.role:  # first the unit's name whole, down to its floor
            placed, total = _fit_label_texts(
                [texts[0], whole], width, height, _LABEL_WHOLE_FLOOR, made
            )
            if total <= height:
                return placed, total
        texts.append(guest.role)
    return _fit_label_texts(texts, width, height, _LABEL_MIN_SIZE, made)


def _fit_label_texts(
    texts: list,
    width: float,
    height: float,
    floor: float,
    made: dict[tuple, tuple[Flowable, float]] | None = None,
) -> tuple[list[tuple[Flowable, float]], float]:
    """The texts at the largest size from 14 pt, half a point at a time down to `floor`, whose
    wrapped height fits `height` (at `floor` whether it fits or not).

    A plain text (the chức vụ-đơn vị phrase) is laid out once per size and width and shared
    through ``made`` by every label that prints it: the many delegates of one unit."""
    made = {} if made is None else made
    size = _LABEL_MAX_SIZE
    while True:
        first, body = _label_styles(size)
        placed = []
        total = 0.0
        for i, piece in enumerate(texts):
            style = first if i == 0 else body
            key = (piece, style.name, width) if isinstance(piece, str) else None
            if key is not None and key in made:
                p, ph = made[key]
            else:
                p = line_text(piece, style)
                _, ph = p.wrap(width, height)
                if key is not None:
                    made[key] = (p, ph)
            ph += style.spaceAfter if i == 0 and len(texts) > 1 else 0
            placed.append((p, ph))
            total += ph
        if total <= height or size <= floor:
            return placed, total
        size -= 0.5


# --------------------------------------------------------------------------- tables


def _date(d: dt.date | None) -> str:
    return vn.format_date_short(d) if d else ""


def _sheet_document(
    head: LetterHead | None, title: str, subject: str, body: list, **document
) -> Document:
    """A list in the ND30 frame: the header when ``head`` (a working sheet has none), the title
    and trích yếu, then ``body``."""
    header = None
    if head is not None:
        header = Header(head.issuer, head.parent_body, head.number_line, head.date_line)
    return Document(title=title, subtitle=subject, header=header, body=body, **document)


def _info(info: str) -> Paragraph:
    """The line of time and place under a working sheet's title."""
    return Paragraph(info, align="center", indent=False, size=13, space_after=10)


_LIST_COLUMNS = (
    GridColumn("STT", 11, "center"),
    GridColumn("Họ và tên", 48),
    GridColumn("Chức vụ, đơn vị", 76),
    GridColumn("Ghi chú", 30),
)  # 165 mm: the ND30 text width of a portrait A4 page


def render_delegate_list_pdf(data: DelegateListData) -> bytes:
    """Portrait A4 in the ND30 frame: one ruled table, a bold row per thành phần (with its
    count), continuous STT, the total at the foot."""
    if not data.groups:
        body: list = [_para(f"{NO_DELEGATES}.", "empty")]
    else:
        rows: list[list[str]] = []
        spans: list[int] = []
        for group in data.groups:
            spans.append(len(rows))
            rows.append([group.heading])
            rows += [[str(r.number), r.full_name, r.role, r.note] for r in group.rows]
        spans.append(len(rows))
        rows.append([data.total_line])
        body = [ruled_grid(_LIST_COLUMNS, rows, spans=spans)]
    return render_pdf(
        _sheet_document(
            data.head,
            data.title,
            data.subject,
            body,
            meta_title=data.meta_title,
            meta_author=data.head.issuer,
        )
    )


#: Body rows of the two sheets people sign on: at least this tall (≥ 10 mm asked), so that a
#: signature fits between the rules.
SIGNING_ROW_MM = 12.0

_TRACKING_COLUMNS = (
    GridColumn("STT", 11, "center"),
    GridColumn("Họ và tên", 42),
    GridColumn("Chức vụ", 36),
    GridColumn("Đơn vị", 46),
    GridColumn("Ngày gửi", 22, "center"),
    GridColumn("Phản hồi", 31, "center"),
    GridColumn("Người dự thay", 34),
    GridColumn("Ký nhận", 30),
)  # 252 mm: a landscape A4 page inside the ND30 margins


def render_tracking_sheet_pdf(data: DelegateSheetData) -> bytes:
    """Landscape A4: who was sent a giấy mời when, their reply, and where the person who
    carried it signs."""
    body: list = [_info(data.info_line)]
    if not data.rows:
        body.append(_para(f"{NO_DELEGATES}.", "empty"))
    else:
        rows = [
            [
                str(r.number), r.full_name, r.position, r.unit, _date(r.sent_on), r.reply,
                r.substitute_name, "",
            ]
            for r in data.rows
        ]  # fmt: skip
        body.append(ruled_grid(_TRACKING_COLUMNS, rows, min_row_mm=SIGNING_ROW_MM))
    return render_pdf(
        _sheet_document(
            None,
            data.title,
            data.subject,
            body,
            landscape=True,
            meta_title=data.meta_title,
            meta_author=data.issuer,
        )
    )


_SIGN_IN_COLUMNS = (
    GridColumn("STT", 11, "center"),
    GridColumn("Họ và tên", 50),
    GridColumn("Chức vụ, đơn vị", 62),
    GridColumn("Ký nhận", 42),
)  # 165 mm


def render_sign_in_sheet_pdf(data: DelegateSheetData) -> bytes:
    """Portrait A4, 13 pt, in name order; a person attending in someone's place signs on that
    line ("Dự thay: …" under the name)."""
    body: list = [_info(data.info_line)]
    if not data.rows:
        body.append(_para(f"{NO_DELEGATES}.", "empty"))
    else:
        rows = [[str(r.number), _sign_in_name(r), r.role, ""] for r in data.rows]
        body.append(ruled_grid(_SIGN_IN_COLUMNS, rows, size=13, min_row_mm=SIGNING_ROW_MM))
    return render_pdf(
        _sheet_document(
            None,
            data.title,
            data.subject,
            body,
            meta_title=data.meta_title,
            meta_author=data.issuer,
        )
    )


def _sign_in_name(row: DelegateRow) -> str:
    return (
        f"{row.full_name}\n(Dự thay: {row.substitute_name})"
        if row.substitute_name
        else row.full_name
    )


# =============================================================================================
# Builders: plain data → XLSX (openpyxl)
# =============================================================================================

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_XLSX_FONT = FONT_FAMILY_DOCX  # the office's Times New Roman (Liberation Serif where absent)
_DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class _XCol:
    title: str
    # Excel width units (≈ 1,85 mm each): a portrait A4 page inside the ND30 margins holds
    # about 89 of them, a landscape one 136 — the widths below add up to that, so the sheet
    # prints at (nearly) full size and not shrunk to fit.
    width: float
    align: str = "left"
    date: bool = False


@dataclass
class _XSheet:
    """A sheet as the builders describe it: title lines above a ruled table."""

    name: str
    title_lines: list[tuple[str, bool, bool, int]]  # text, bold, italic, size
    columns: Sequence[_XCol]
    rows: list[list] = field(default_factory=list)
    spans: set[int] = field(default_factory=set)  # rows that are one text across the table
    landscape: bool = False
    row_height: float | None = None  # points
    meta_title: str = ""
    author: str = ""


def _text_lines(text: str, width: float, size: float = 12) -> int:
    """How many lines a wrapped cell needs: Excel does not grow a row to its text when the
    file is opened, so the row heights are set from this estimate (a Times New Roman letter at
    12 pt is about one Excel width unit; 10 % spare)."""
    per_line = max(width * 12 / size * 0.9, 1.0)
    return sum(max(1, -(-len(line) // int(per_line))) for line in text.split("\n"))


def _write_xlsx(sheet: _XSheet) -> bytes:
    """Vietnamese headers, bold frozen header row, widths, borders, real dates; printed on A4,
    fitted to the page width, the header row repeated on every page."""
    wb = Workbook()
    ws: Worksheet = wb.active
    ws.title = sheet.name[:31]
    wb.properties.title = L.clean(sheet.meta_title or sheet.name)
    wb.properties.creator = "Kế hoạch Hội nghị"
    ncols = len(sheet.columns)
    last = get_column_letter(ncols)
    total_width = sum(c.width for c in sheet.columns)
    line_pt = 12 * 1.3  # one line of 12 pt text in Excel's row-height points
    row = 1
    for text, bold, italic, size in sheet.title_lines:
        text = L.clean(text)
        cell = xlsx_text.write(ws, row, 1, text)
        cell.font = Font(name=_XLSX_FONT, bold=bold, italic=italic, size=size)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = _text_lines(text, total_width, size) * size * 1.35 + 4
        row += 1
    row += 1
    header_row = row
    header_font = Font(name=_XLSX_FONT, bold=True, size=12)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for j, col in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=row, column=j, value=col.title)
        cell.font, cell.alignment, cell.border = header_font, centred, _BORDER
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.row_dimensions[row].height = 30
    # One named style per kind of body cell, set by name: styling a thousand rows cell by cell
    # (font, border, alignment each looked up in the workbook's tables) took half a second.
    column_styles = []
    for j, col in enumerate(sheet.columns, start=1):
        style = NamedStyle(
            name=f"Cột {j}",
            font=Font(name=_XLSX_FONT, size=12),
            border=_BORDER,
            alignment=Alignment(horizontal=col.align, vertical="center", wrap_text=True),
            number_format=_DATE_FORMAT if col.date else "General",
        )
        wb.add_named_style(style)
        column_styles.append(style.name)
    span_style = NamedStyle(
        name="Dòng nhóm",
        font=Font(name=_XLSX_FONT, size=12, bold=True),
        border=_BORDER,
        alignment=Alignment(vertical="center", wrap_text=True),
    )
    wb.add_named_style(span_style)
    min_height = sheet.row_height or 0.0
    # each named style worked out by openpyxl once, then copied cell to cell (StyleCopies);
    # a text cleaned and its lines counted once, however many rows repeat it
    copies = xlsx_text.StyleCopies()
    clean = functools.cache(L.clean)
    text_lines = functools.cache(_text_lines)
    for i, values in enumerate(sheet.rows):
        row += 1
        if i in sheet.spans:
            text = L.clean(values[0])
            xlsx_text.write(ws, row, 1, text)
            for j in range(1, ncols + 1):
                copies.apply(ws.cell(row=row, column=j), "span", style=span_style.name)
            ws.merge_cells(f"A{row}:{last}{row}")
            ws.row_dimensions[row].height = _text_lines(text, total_width) * line_pt + 4
            continue
        lines = 1
        for j, (value, col) in enumerate(zip(values, sheet.columns, strict=True), start=1):
            if isinstance(value, str):
                value = clean(value) or None
                if value:
                    lines = max(lines, text_lines(value, col.width))
            style_name = column_styles[j - 1]
            cell = copies.apply(ws.cell(row=row, column=j), style_name, style=style_name)
            if value is not None:
                xlsx_text.put(cell, value)  # a name typed as "=…" stays text
        ws.row_dimensions[row].height = max(min_height, lines * line_pt + 4)
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    # ND30 margins, in inches: left 30 mm, right 15 mm, top and bottom 20 mm
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top = ws.page_margins.bottom = 20 / 25.4
    buffer = io.BytesIO()
    xlsx_text.seal(wb).save(buffer)
    return buffer.getvalue()


def _empty_rows(sheet: _XSheet) -> None:
    if not sheet.rows:
        sheet.rows.append([NO_DELEGATES])
        sheet.spans.add(0)


def _sheet_titles(issuer: str, title: str, subject: str, info: str = "") -> list:
    lines = [
        (vn.upper_vn(issuer), True, False, 12),
        (title, True, False, 14),
        (subject, True, False, 13),
    ]
    if info:
        lines.append((info, False, True, 12))
    return lines


def render_delegate_list_xlsx(data: DelegateListData) -> bytes:
    sheet = _XSheet(
        name="Danh sách đại biểu",
        title_lines=_sheet_titles(data.head.issuer, data.title, data.subject),
        columns=(
            _XCol("STT", 5, "center"),
            _XCol("Họ và tên", 24),
            _XCol("Chức vụ", 22),
            _XCol("Đơn vị", 26),
            _XCol("Ghi chú", 12),
        ),
        meta_title=data.meta_title,
    )
    for group in data.groups:
        sheet.spans.add(len(sheet.rows))
        sheet.rows.append([group.heading])
        for r in group.rows:
            sheet.rows.append([r.number, r.full_name, r.position, r.unit, r.note])
    if data.groups:
        sheet.spans.add(len(sheet.rows))
        sheet.rows.append([data.total_line])
    _empty_rows(sheet)
    return _write_xlsx(sheet)


def render_tracking_sheet_xlsx(data: DelegateSheetData) -> bytes:
    sheet = _XSheet(
        name="Theo dõi gửi giấy mời",
        title_lines=_sheet_titles(data.issuer, data.title, data.subject, data.info_line),
        columns=(
            _XCol("STT", 5, "center"),
            _XCol("Họ và tên", 24),
            _XCol("Chức vụ", 20),
            _XCol("Đơn vị", 26),
            _XCol("Ngày gửi", 11, "center", date=True),
            _XCol("Phản hồi", 16, "center"),
            _XCol("Người dự thay", 20),
            _XCol("Ký nhận", 14),
        ),
        landscape=True,
        row_height=SIGNING_ROW_MM * 72 / 25.4,
        meta_title=data.meta_title,
    )
    for r in data.rows:
        sheet.rows.append(
            [r.number, r.full_name, r.position, r.unit, r.sent_on, r.reply, r.substitute_name, ""]
        )
    _empty_rows(sheet)
    return _write_xlsx(sheet)


def render_sign_in_sheet_xlsx(data: DelegateSheetData) -> bytes:
    sheet = _XSheet(
        name="Danh sách ký nhận",
        title_lines=_sheet_titles(data.issuer, data.title, data.subject, data.info_line),
        columns=(
            _XCol("STT", 5, "center"),
            _XCol("Họ và tên", 26),
            _XCol("Chức vụ, đơn vị", 34),
            _XCol("Ký nhận", 24),
        ),
        row_height=SIGNING_ROW_MM * 72 / 25.4,
        meta_title=data.meta_title,
    )
    for r in data.rows:
        sheet.rows.append([r.number, _sign_in_name(r), r.role, ""])
    _empty_rows(sheet)
    return _write_xlsx(sheet)


# =============================================================================================
# Public API: a conference and the delegates to print → bytes
# =============================================================================================


def invitations_pdf(conference: Conference, delegates: list[Person]) -> bytes:
    """Giấy mời, one A4 page per delegate, in protocol order; refused (PrintRefused) while the
    conference's day is not fixed (issue 17: the invitation names the day)."""
    require_exact_date(conference.values(), "giấy mời", "giay-moi")
    return render_invitations(invitation_data(conference, delegates))


def envelope_labels_pdf(conference: Conference, delegates: list[Person]) -> bytes:
    """Envelope labels (A4, 2 × 7 labels of 99,1 × 38,1 mm), in protocol order. Printed before
    the day is fixed: a label carries a name and an address, no date (the invitations it goes
    with wait for the day themselves)."""
    title = f"Nhãn phong bì — {vn.clean_text(conference.title)}"
    rows = delegate_rows(delegates, groups=conference_groups(conference))
    return render_envelope_labels(rows, meta_title=title)


def tracking_sheet_pdf(conference: Conference, delegates: list[Person]) -> bytes:
    return render_tracking_sheet_pdf(tracking_sheet_data(conference, delegates))


def tracking_sheet_xlsx(conference: Conference, delegates: list[Person]) -> bytes:
    return render_tracking_sheet_xlsx(tracking_sheet_data(conference, delegates))


def delegate_list_pdf(
    conference: Conference, delegates: list[Person], order: str = "protocol"
) -> bytes:
    data = delegate_list_data(conference, delegates, conference_groups(conference), order=order)
    return render_delegate_list_pdf(data)


def delegate_list_xlsx(
    conference: Conference, delegates: list[Person], order: str = "protocol"
) -> bytes:
    data = delegate_list_data(conference, delegates, conference_groups(conference), order=order)
    return render_delegate_list_xlsx(data)


def sign_in_sheet_pdf(conference: Conference, delegates: list[Person]) -> bytes:
    return render_sign_in_sheet_pdf(sign_in_sheet_data(conference, delegates))


def sign_in_sheet_xlsx(conference: Conference, delegates: list[Person]) -> bytes:
    return render_sign_in_sheet_xlsx(sign_in_sheet_data(conference, delegates))
