"""'Thông tin hội nghị': the internal fact sheet of a conference (not a document to sign).

It carries no Quốc hiệu, no "Số:" line, no date line, no signature and no Nơi nhận: the plan
(Kế hoạch) is the document that is numbered and signed, and a second paper with the plan's number
and a signature block would be two documents under one number (issue 14). The plan's number, the
ngày ký and the signer appear as facts among the rows.
"""

from __future__ import annotations

from ..printing import (
    BulletList,
    Document,
    Heading,
    KeyValue,
    Paragraph,
    render_docx,
    render_pdf,
)
from .logic import ConferenceSummary

TITLE = "BẢNG THÔNG TIN HỘI NGHỊ"
INTERNAL_NOTE = (
    "(Tài liệu tóm tắt dùng nội bộ, không phải văn bản ban hành, không ký, không đóng dấu)"
)


def summary_document(summary: ConferenceSummary) -> Document:
    body: list = [
        Paragraph(INTERNAL_NOTE, align="center", indent=False, italic=True, size=12),
        Paragraph(summary.issuer, align="center", indent=False, bold=True, size=13),
        KeyValue(summary.rows),
    ]
    if summary.purposes:
        body.append(Heading("Mục đích, yêu cầu", level=2))
        body.append(BulletList(summary.purposes))
    return Document(
        title=TITLE,
        subtitle=summary.title,
        header=None,
        body=body,
        signatures=[],
        recipients=None,
        meta_title=f"Thông tin hội nghị — {summary.title}",
        meta_author=summary.issuer,
    )


def render_summary(summary: ConferenceSummary, fmt: str) -> bytes:
    document = summary_document(summary)
    return render_pdf(document) if fmt == "pdf" else render_docx(document)
