"""'Chương trình hội nghị' and 'Kịch bản điều hành', drawn from what logic.py computed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.platypus import KeepTogether

from ..printing import (
    Column,
    Document,
    Header,
    Heading,
    Paragraph,
    Run,
    Table,
    render_docx,
    render_pdf,
)
from ..printing.pdf import body_flowables, build_pdf, header_flowables
from .logic import DocumentHead, ProgrammeSheet, RunOfShow, ScriptItem

PROGRAMME_TITLE = "CHƯƠNG TRÌNH"
SCRIPT_TITLE = "KỊCH BẢN ĐIỀU HÀNH"


def _header(head: DocumentHead) -> Header:
    # A programme and a script go out with the plan: no number of their own (Số: line).
    return Header(issuer=head.issuer, parent_body=head.parent_body, date_line=head.date_line)


def _opening_blocks(head: DocumentHead) -> list:
    blocks: list = []
    if head.attachment_line:
        blocks.append(Paragraph(head.attachment_line, align="center", indent=False, italic=True))
    blocks += [
        Paragraph([Run("Thời gian: ", bold=True), Run(head.time_line + ".")]),
        Paragraph([Run("Địa điểm: ", bold=True), Run(head.place_line + ".")]),
    ]
    return blocks


def _who(presenter: str, unit: str) -> list[Run]:
    runs = []
    if presenter:
        runs.append(Run(presenter))
    if unit:
        runs.append(Run(("\n" if presenter else "") + unit, italic=bool(presenter)))
    return runs


def programme_document(sheet: ProgrammeSheet) -> Document:
    rows = []
    for row in sheet.rows:
        title = [Run(row.title, italic=row.is_break)]
        rows.append([row.time_range, title, _who(row.presenter, row.presenter_unit) or ""])
    body = _opening_blocks(sheet.head)
    body.append(
        Table(
            columns=[
                Column("Thời gian", 1.2, "center"),
                Column("Nội dung", 3.1),
                Column("Thực hiện", 2.5),
            ],
            rows=rows,
            font_size=13,
        )
        if rows
        else Paragraph(sheet.end_line, italic=True)
    )
    if rows:
        body.append(Paragraph(sheet.end_line, italic=True, indent=False, align="left"))
    return Document(
        title=PROGRAMME_TITLE,
        subtitle=sheet.head.subtitle,
        header=_header(sheet.head),
        body=body,
        meta_title=f"Chương trình — {sheet.head.subtitle}",
        meta_author=sheet.head.issuer,
    )


def _is_direction(line: str) -> bool:
    """A line wholly in brackets is a stage direction: printed in italics, not read aloud."""
    return line.startswith("(") and line.endswith(")")


def _script_item_blocks(item: ScriptItem) -> tuple[list, list]:
    """One item of the script: (its heading, times and first words — kept on one page; the rest)."""
    facts = [Run("Thời gian: ", italic=True), Run(f"{item.time_range} ({item.minutes} phút)")]
    if item.performer:
        facts += [Run(". Thực hiện: ", italic=True), Run(item.performer)]
    words = [Paragraph(line, italic=_is_direction(line)) for line in item.lines if line.strip()]
    head = [
        Heading(f"{item.number}. {item.title}", level=2),
        Paragraph(facts, indent=False, align="left", space_after=3),
        Paragraph([Run("Người dẫn chương trình:", bold=True)], indent=False, space_after=2),
        *words[:1],
    ]
    rest = words[1:]
    if item.notes:
        rest.append(
            Paragraph(
                [Run("Ghi chú: ", bold=True, italic=True), Run(item.notes, italic=True)],
                indent=False,
            )
        )
    return head, rest


def _script_parts(script: RunOfShow) -> tuple[Document, list[tuple[list, list]]]:
    document = Document(
        title=SCRIPT_TITLE,
        subtitle=script.head.subtitle,
        header=_header(script.head),
        body=_opening_blocks(script.head),
        meta_title=f"Kịch bản điều hành — {script.head.subtitle}",
        meta_author=script.head.issuer,
    )
    groups = [_script_item_blocks(item) for item in script.items]
    closing = Paragraph(script.end_line, italic=True, indent=not script.items, align="left")
    groups.append(([], [closing]))
    return document, groups


def script_document(script: RunOfShow) -> Document:
    """The script as one Document (what the DOCX is made from)."""
    document, groups = _script_parts(script)
    for head, rest in groups:
        document.body += [*head, *rest]
    return document


def _script_pdf(script: RunOfShow) -> bytes:
    """The PDF keeps each item's heading, times and first words together on one page: the MC
    never turns a page between an item's title and what to say."""
    document, groups = _script_parts(script)
    flowables = [
        *header_flowables(document.header, document.title, document.subtitle),
        *body_flowables(document.body),
    ]
    for head, rest in groups:
        if head:
            flowables.append(KeepTogether(body_flowables(head)))
        flowables += body_flowables(rest)
    return build_pdf(flowables, meta_title=document.meta_title, meta_author=document.meta_author)


def render_programme(sheet: ProgrammeSheet, fmt: str) -> bytes:
    document = programme_document(sheet)
    return render_pdf(document) if fmt == "pdf" else render_docx(document)


def render_script(
    script: RunOfShow, fmt: str, attendance: str = "", present: Sequence[str] | None = None
) -> bytes:
    script = with_attendance(script, attendance, present)
    return _script_pdf(script) if fmt == "pdf" else render_docx(script_document(script))


def _folded(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def with_attendance(
    script: RunOfShow, line: str, present: Sequence[str] | None = None
) -> RunOfShow:
    """The MC's attendance sentence ("Hội nghị có mặt 212/230 đại biểu được triệu tập.", issue
    21: read from the check-in when the script is printed, blanks before anyone arrived) in the
    tuyên bố lý do, right after the introduction of the delegates; else before its closing
    thanks. A script without that item is left as it is.

    `present`: once the door has checked anyone in, the introduction lines of the delegates
    present (a substitute "… dự thay …" only when his arrival is active —
    checkin.printout.present_introduction); they replace the invited list, so the MC never
    introduces someone who is not in the hall right before reading "có mặt 03/05". None (no
    arrival yet) keeps the invited list."""
    if not line and not present:
        return script
    items = list(script.items)
    for index, item in enumerate(items):
        lines = list(item.lines)
        at = next(
            (
                i
                for i, text in enumerate(lines)
                if text.startswith("Đến dự ") and "giới thiệu" in text
            ),
            None,
        )
        if at is not None:
            at += 1
            end = at
            while end < len(lines) and lines[end].startswith(("- ", "(")):
                end += 1
            if present:
                names = [f"- {name};" for name in present[:-1]] + [f"- {present[-1]}."]
                lines[at:end] = names
                end = at + len(names)
            at = end
        elif "ly do" in _folded(item.title):
            at = next(
                (i for i, text in enumerate(lines) if text.startswith("Thay mặt Ban Tổ chức")),
                max(len(lines) - 1, 0),
            )
        else:
            continue
        if line:
            lines.insert(at, line)
        items[index] = replace(item, lines=lines)
        return replace(script, items=items)
    return script
