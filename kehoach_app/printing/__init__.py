"""Shared printing layer: every printout is a plain ``Document`` drawn by the same two renderers
(PDF with ReportLab, DOCX with python-docx) in the frame of Nghị định 30/2020/NĐ-CP.

A part whose PDF draws more than the Document's blocks puts its own flowables in the Document's
body, built from the public pieces of ``printing.flow`` (re-exported here, loaded with ReportLab
on first use): ``text_style``, ``text``, ``line_text``, ``top_flowables``, ``closing_flowables``,
``document_start``, ``GridColumn``, ``ruled_grid``.
"""

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


# printing.flow's public pieces, loaded (with ReportLab) when first asked for
_FLOW = frozenset(
    {
        "DocumentStart",
        "GridColumn",
        "closing_flowables",
        "document_start",
        "line_text",
        "ruled_grid",
        "text",
        "text_style",
        "top_flowables",
    }
)


def __getattr__(name: str):
    if name in _FLOW:
        from . import flow

        return getattr(flow, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
