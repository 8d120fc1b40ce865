"""'Thông tin hội nghị': the one- or two-page summary of a conference, in the ND30 frame."""

from __future__ import annotations

from ..printing import (
    BulletList,
    Document,
    Header,
    Heading,
    KeyValue,
    Signature,
    render_docx,
    render_pdf,
)
from .logic import ConferenceSummary


def summary_document(summary: ConferenceSummary) -> Document:
    body: list = [KeyValue(summary.rows)]
    if summary.purposes:
        body.append(Heading("Mục đích, yêu cầu", level=2))
        body.append(BulletList(summary.purposes))
    signatures = []
    if summary.signer_lines or summary.signer_name:
        signatures.append(Signature(lines=summary.signer_lines, name=summary.signer_name))
    return Document(
        title="THÔNG TIN HỘI NGHỊ",
        subtitle=summary.title,
        header=Header(
            issuer=summary.issuer,
            parent_body=summary.parent_body,
            number_line=summary.number_line,
            date_line=summary.date_line,
        ),
        body=body,
        signatures=signatures,
        recipients=["Lưu: VT."],
        meta_title=f"Thông tin hội nghị — {summary.title}",
        meta_author=summary.issuer,
    )


def render_summary(summary: ConferenceSummary, fmt: str) -> bytes:
    document = summary_document(summary)
    return render_pdf(document) if fmt == "pdf" else render_docx(document)
