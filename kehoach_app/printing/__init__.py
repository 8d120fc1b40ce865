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
from .docx import render_docx
from .fonts import FONT_FAMILY_DOCX, FontSet, register_fonts
from .pdf import render_pdf

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
