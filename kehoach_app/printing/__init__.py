"""Shared printing layer: every printout is a plain ``Document`` drawn by the same two renderers
(PDF with ReportLab, DOCX with python-docx) in the frame of Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

from .document import (
    BulletList,
    Column,
    Document,
    Header,
    Heading,
    KeyValue,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Spacer,
    Table,
)
from .fonts import FONT_FAMILY_DOCX, FontSet, register_fonts


# The renderers load ReportLab and python-docx (with lxml, PIL) on first use, not when a part
# that prints is imported at start (issue 19: a lazy start).
def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes: `printing.pdf.render_pdf`."""
    from .pdf import render_pdf as render

    return render(doc)


def render_docx(doc: Document) -> bytes:
    """The document as DOCX bytes: `printing.docx.render_docx`."""
    from .docx import render_docx as render

    return render(doc)


__all__ = [
    "FONT_FAMILY_DOCX",
    "BulletList",
    "Column",
    "Document",
    "FontSet",
    "Header",
    "Heading",
    "KeyValue",
    "PageBreak",
    "Paragraph",
    "Run",
    "Signature",
    "Spacer",
    "Table",
    "register_fonts",
    "render_docx",
    "render_pdf",
]
