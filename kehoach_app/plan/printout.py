"""The Kế hoạch as a printed document (DOCX first — the office edits it in Word — and PDF)."""

from __future__ import annotations

from dataclasses import dataclass

from ..printing import (
    Document,
    Header,
    Heading,
    Paragraph,
    Run,
    Signature,
    render_docx,
    render_pdf,
)
from .logic import ShownBlock


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
        subtitle=sheet.subtitle,
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


def render_plan(sheet: PlanSheet, fmt: str) -> bytes:
    document = plan_document(sheet)
    return render_docx(document) if fmt == "docx" else render_pdf(document)
