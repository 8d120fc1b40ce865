"""The Kế hoạch as a printed document (DOCX first — the office edits it in Word — and PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..printing import (
    Column,
    Document,
    Header,
    Heading,
    Paragraph,
    Run,
    Signature,
    Table,
    render_docx,
    render_pdf,
)
from .logic import ShownBlock, keep_phrases


@dataclass
class PlanSheet:
    """Everything the plan prints, already worded (built by the adapter in operations.py)."""

    parent_body: str
    issuer: str
    number_line: str
    date_line: str
    subtitle: str
    blocks: list[ShownBlock]
    recipients: list[str]
    signer_lines: list[str]
    signer_name: str
    # Names the title never breaks inside (the place's: "Hưng Yên", issue 17 review).
    keep_together: list[str] = field(default_factory=list)


def plan_document(sheet: PlanSheet) -> Document:
    body: list = []
    lead = ""  # a heading that runs in: "2. Thời gian:" starts the next paragraph, in bold
    for shown in sheet.blocks:
        block = shown.block
        if block.kind == "heading" and block.run_in:
            lead = shown.text
            continue
        if block.kind == "heading":
            body.append(Heading(shown.text, level=block.level))
            continue
        if block.kind == "table":
            body.append(_backdrop_table(block.rows))
            continue
        for line in shown.text.split("\n"):
            if not line.strip():
                continue
            if lead:
                body.append(Paragraph([Run(lead + " ", bold=True), Run(line.strip())]))
                lead = ""
            else:
                body.append(Paragraph(line.strip()))
    if lead:
        body.append(Paragraph([Run(lead, bold=True)]))
    signatures = []
    if sheet.signer_lines or sheet.signer_name:
        signatures.append(Signature(lines=sheet.signer_lines, name=sheet.signer_name or " "))
    return Document(
        title="KẾ HOẠCH",
        subtitle=keep_phrases(sheet.subtitle, sheet.keep_together),
        header=Header(
            issuer=sheet.issuer,
            parent_body=sheet.parent_body,
            number_line=sheet.number_line,
            date_line=sheet.date_line,
        ),
        body=body,
        signatures=signatures,
        recipients=sheet.recipients,
        meta_title=f"Kế hoạch — {sheet.subtitle}",
        meta_author=sheet.issuer,
        # The closing paragraph follows the body to the end of its page (issue 17: page 6 of a
        # plan held three lines); the signature and Nơi nhận take its last two lines with them
        # (issue 15: never alone on a page).
    )


def _backdrop_table(rows) -> Table:
    """Seed 003's backdrop as it hangs: the organiser | Quốc kỳ, Tượng Bác Hồ | the title, its
    last line (place and date) in italics; every cell centred, no header row."""

    def cell(text: str, last_italic: bool):
        lines = text.split("\n")
        if not last_italic or len(lines) < 2:
            return [Run(text, bold=True)]
        return [Run("\n".join(lines[:-1]) + "\n", bold=True), Run(lines[-1], italic=True)]

    return Table(
        columns=[
            Column("", width=1.0, align="center"),
            Column("", width=0.8, align="center"),
            Column("", width=1.6, align="center"),
        ],
        rows=[[cell(r[0], False), cell(r[1], False), cell(r[2], True)] for r in rows],
        header=False,
        font_size=12,
    )


def render_plan(sheet: PlanSheet, fmt: str) -> bytes:
    document = plan_document(sheet)
    return render_docx(document) if fmt == "docx" else render_pdf(document)
