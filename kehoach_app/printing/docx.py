"""DOCX renderer (python-docx): the same Document in the same Nghị định 30/2020/NĐ-CP frame, so an
officer can edit the text in Word before signing.

Word traps handled here:

- A style or run that names a *theme* font (``w:asciiTheme``) ignores the explicit font, and a run
  without ``w:eastAsia``/``w:cs`` fonts may fall back to another font for some letters: every
  style and every run gets Times New Roman in all four slots and no theme attributes.
- The short rules (under the issuer and the trích yếu) and the Tiêu ngữ's rule are top borders of
  a thin empty paragraph whose indents leave exactly the rule's length, measured with ReportLab on
  the registered (metric-compatible) font.
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import io
import re
from collections.abc import Iterable

from docx import Document as _new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from lxml.etree import SubElement

from . import layout as L
from .document import (
    BulletList,
    Document,
    Header,
    Heading,
    Inline,
    KeyValue,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Spacer,
    Table,
)
from .fonts import FONT_FAMILY_DOCX, register_fonts

__all__ = ["render_docx"]

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_A4_TWIPS = (11906, 16838)


def _tw(points: float) -> int:
    return round(points * 20)


def _mm_tw(mm: float) -> int:
    return round(mm * 1440 / 25.4)


# --------------------------------------------------------------------------- fonts


def _set_rfonts(rpr) -> None:
    """Times New Roman in all four font slots of an rPr, theme fonts removed."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in _FONT_SLOTS:
        rfonts.set(qn(attr), FONT_FAMILY_DOCX)


def _set_size(rpr, size: float) -> None:
    half_points = str(round(size * 2))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), half_points)


def _prepare_styles(doc) -> None:
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_rfonts(rpr)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:val"), "vi-VN")
        ppr = defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr"))
        if ppr is not None:
            spacing = ppr.find(qn("w:spacing"))
            if spacing is not None:
                ppr.remove(spacing)
    for style in doc.styles:
        if not hasattr(style, "font"):
            continue  # numbering styles carry no font
        _set_rfonts(style.element.get_or_add_rPr())
    for rpr in styles_el.iter(qn("w:rPr")):  # table styles' conditional parts too
        _set_rfonts(rpr)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(L.BODY_SIZE)
    _set_size(normal.element.get_or_add_rPr(), L.BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _prepare_settings(doc) -> None:
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        return
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            # Word 2013+ layout: a table with no indent starts exactly at the margin
            setting.set(qn("w:val"), "15")
    # a justified line that ends in a manual line break is not stretched
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


# --------------------------------------------------------------------------- raw WordprocessingML

_W_R, _W_RPR = qn("w:r"), qn("w:rPr")
_W_B, _W_I, _W_U = qn("w:b"), qn("w:i"), qn("w:u")
_W_T, _W_TAB, _W_BR, _W_VAL = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:val")
_W_PPR, _W_KEEP_NEXT, _W_SPACING = qn("w:pPr"), qn("w:keepNext"), qn("w:spacing")
_W_IND, _W_JC = qn("w:ind"), qn("w:jc")
_XML_SPACE = qn("xml:space")
_RUN_SPECIALS = re.compile(r"([\t\n\r])")
_JC = {"justify": "both", "left": "left", "center": "center", "right": "right"}


def _new_ppr(p_el, **kind) -> None:
    """A paragraph's pPr in schema order (keepNext, spacing, ind, jc, rPr): the same XML that
    python-docx's paragraph_format setters write, without their per-property lookups. A
    document has a few kinds of paragraph and hundreds of paragraphs: each kind (the keyword
    arguments of _ppr_template) is built once and copied."""
    p_el.insert(0, copy.deepcopy(_ppr_template(**kind)))


@functools.lru_cache(maxsize=512)
def _ppr_template(
    align: str,
    size: float,
    first_indent: float,
    left_indent: float,
    right_indent: float,
    space_before: float,
    space_after: float,
    keep_with_next: bool,
    line: float,
    exact: bool,
):
    """The pPr of one kind of paragraph (see _new_ppr); never changed: it is copied."""
    ppr = OxmlElement("w:pPr")
    if keep_with_next:
        SubElement(ppr, _W_KEEP_NEXT)
    spacing = SubElement(ppr, _W_SPACING)
    spacing.set(qn("w:before"), str(_tw(space_before)))
    spacing.set(qn("w:after"), str(_tw(space_after)))
    spacing.set(qn("w:lineRule"), "exact" if exact else "atLeast")
    spacing.set(qn("w:line"), str(_tw(line)))
    if first_indent or left_indent or right_indent:
        ind = SubElement(ppr, _W_IND)
        if first_indent < 0:
            ind.set(qn("w:hanging"), str(_tw(-first_indent)))
        if left_indent:
            ind.set(qn("w:left"), str(_tw(left_indent)))
        if right_indent:
            ind.set(qn("w:right"), str(_tw(right_indent)))
        if first_indent > 0:
            ind.set(qn("w:firstLine"), str(_tw(first_indent)))
    SubElement(ppr, _W_JC).set(_W_VAL, _JC.get(align, "both"))
    rpr = SubElement(ppr, _W_RPR)
    _set_rfonts(rpr)
    _set_size(rpr, size)
    return ppr


@functools.lru_cache(maxsize=256)
def _rpr_template(size: float, bold: bool, italic: bool, underline: bool):
    """A run's rPr (fonts, b, i, sizes, u), built once per kind of run and copied: a script's
    thousands of runs come in a handful of kinds. Never changed."""
    rpr = OxmlElement("w:rPr")
    _set_rfonts(rpr)
    for tag, on in ((_W_B, bold), (_W_I, italic)):
        flag = SubElement(rpr, tag)
        if not on:
            flag.set(_W_VAL, "0")
    _set_size(rpr, size)
    if underline:
        SubElement(rpr, _W_U).set(_W_VAL, "single")
    return rpr


# --------------------------------------------------------------------------- paragraphs


class _Writer:
    """Appends ND30-formatted paragraphs and tables to a python-docx document or cell."""

    def __init__(self, doc, text_width: float):
        self.doc = doc
        self.text_width = text_width  # points
        self.fonts = register_fonts()

    # --- runs and paragraph formats

    def run(self, p, text: str, size: float, bold=False, italic=False, underline=False):
        """A run of ``text`` in Times New Roman at ``size``, its XML written directly: going
        through python-docx's property setters for each of a long script's runs took most of
        the document's time. "\n" becomes <w:br/> and "\t" <w:tab/>, as in python-docx."""
        r = SubElement(p._p, _W_R)
        r.append(copy.deepcopy(_rpr_template(size, bool(bold), bool(italic), bool(underline))))
        for piece in _RUN_SPECIALS.split(text):
            if piece == "\t":
                SubElement(r, _W_TAB)
            elif piece in ("\n", "\r"):
                SubElement(r, _W_BR)
            elif piece:
                t = SubElement(r, _W_T)
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set(_XML_SPACE, "preserve")
        return DocxRun(r, p)

    def runs(self, p, content: Inline, size: float, bold=False, italic=False):
        for run in L.as_runs(content, bold=bold, italic=italic):
            self.run(p, run.text, size, run.bold, run.italic, run.underline)

    def fmt(
        self,
        p,
        *,
        align: str = "justify",
        size: float = L.BODY_SIZE,
        first_indent: float = 0.0,
        left_indent: float = 0.0,
        right_indent: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        keep_with_next: bool = False,
        leading: float | None = None,
        exact: bool = False,
    ):
        if p._p.pPr is None:  # a new paragraph: write its properties directly (fast)
            _new_ppr(
                p._p,
                align=align,
                size=size,
                first_indent=first_indent,
                left_indent=left_indent,
                right_indent=right_indent,
                space_before=space_before,
                space_after=space_after,
                keep_with_next=keep_with_next,
                line=leading if leading is not None else size * L.LINE_SPACING,
                exact=exact,
            )
            return p
        f = p.paragraph_format
        f.alignment = _ALIGN.get(align, WD_ALIGN_PARAGRAPH.JUSTIFY)
        f.first_line_indent = Twips(_tw(first_indent)) if first_indent else None
        f.left_indent = Twips(_tw(left_indent)) if left_indent else None
        f.right_indent = Twips(_tw(right_indent)) if right_indent else None
        f.space_before = Pt(space_before)
        f.space_after = Pt(space_after)
        f.line_spacing_rule = WD_LINE_SPACING.EXACTLY if exact else WD_LINE_SPACING.AT_LEAST
        f.line_spacing = Twips(_tw(leading if leading is not None else size * L.LINE_SPACING))
        if keep_with_next:
            f.keep_with_next = True
        # the paragraph mark takes the paragraph's font and size too
        mark = p._p.get_or_add_pPr()
        rpr = mark.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            mark.append(rpr)
        _set_rfonts(rpr)
        _set_size(rpr, size)
        return p

    def paragraph(
        self, container, content: Inline, size: float, *, bold=False, italic=False, **fmt
    ):
        p = container.add_paragraph()
        self.fmt(p, size=size, **fmt)
        self.runs(p, content, size, bold=bold, italic=italic)
        return p

    def centred_lines(
        self,
        container,
        text: str,
        face_name: str,
        size: float,
        width: float,
        *,
        bold=False,
        italic=False,
        max_share=1.0,
        min_size=None,
        **fmt,
    ):
        """Lines wrapped (balanced) as the PDF wraps them, joined by line breaks."""
        width = width * max_share
        size = L.fit_size(text, face_name, size, min_size or size, width)
        lines = L.wrap_lines(text, L.Face(face_name, size), width)
        p = container.add_paragraph()
        self.fmt(p, align="center", size=size, **fmt)
        p.paragraph_format.left_indent = Twips(-_tw(L.DOCX_LINE_SLACK))
        p.paragraph_format.right_indent = Twips(-_tw(L.DOCX_LINE_SLACK))
        self.run(p, "\n".join(lines), size, bold=bold, italic=italic)
        return lines

    def rule(self, container, length: float, width: float, space_before: float = L.RULE_GAP):
        """A centred horizontal rule ``length`` points long in a block ``width`` points wide."""
        p = container.add_paragraph()
        side = max((width - length) / 2, 0)
        self.fmt(
            p,
            align="center",
            size=1,
            left_indent=side,
            right_indent=side,
            space_before=space_before,
            leading=1,
            exact=True,
        )
        pbdr = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        top.set(qn("w:val"), "single")
        top.set(qn("w:sz"), str(max(2, round(L.RULE_THICKNESS * 8))))  # eighths of a point
        top.set(qn("w:space"), "0")
        top.set(qn("w:color"), "000000")
        pbdr.append(top)
        _insert_ppr_child(p._p.get_or_add_pPr(), pbdr)
        return p

    def gap(self, container, height: float, keep_with_next: bool = False):
        """An empty paragraph exactly ``height`` points tall."""
        p = container.add_paragraph()
        self.fmt(p, size=1, leading=max(height, 0.5), exact=True, keep_with_next=keep_with_next)
        return p

    # --- tables

    def table(
        self,
        container,
        shares: list[float],
        width: float,
        *,
        grid: bool,
        padding_x: float = 0.0,
        padding_y: float = 0.0,
    ):
        widths = [_tw(width * s) for s in shares]
        t = container.add_table(rows=0, cols=len(widths))
        t.autofit = False
        tbl = t._tbl
        tblPr = tbl.tblPr
        for child in list(tblPr):
            if child.tag in (qn("w:tblW"), qn("w:tblLayout"), qn("w:tblInd")):
                tblPr.remove(child)
        _append(tblPr, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
        _append(tblPr, "w:tblInd", {"w:w": "0", "w:type": "dxa"})
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            if grid:
                el.set(qn("w:val"), "single")
                el.set(qn("w:sz"), str(round(L.GRID_THICKNESS * 8)))
                el.set(qn("w:space"), "0")
                el.set(qn("w:color"), "000000")
            else:
                el.set(qn("w:val"), "nil")
            borders.append(el)
        tblPr.append(borders)
        _append(tblPr, "w:tblLayout", {"w:type": "fixed"})
        margins = OxmlElement("w:tblCellMar")
        for edge, value in (
            ("top", padding_y),
            ("left", padding_x),
            ("bottom", padding_y),
            ("right", padding_x),
        ):
            _append(margins, f"w:{edge}", {"w:w": str(_tw(value)), "w:type": "dxa"})
        tblPr.append(margins)
        _sort_tblpr(tblPr)
        for grid_col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            grid_col.set(qn("w:w"), str(w))
        return t, [w / 20 for w in widths]

    @staticmethod
    def first_paragraph(cell):
        """The empty paragraph python-docx puts in a new cell, to be removed once filled."""
        return cell.paragraphs[0]

    @staticmethod
    def drop(paragraph) -> None:
        el = paragraph._p
        el.getparent().remove(el)


def _append(parent, tag: str, attrs: dict[str, str]):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    parent.append(el)
    return el


_TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sort_tblpr(tblPr) -> None:
    """Word rejects children of w:tblPr out of schema order."""
    order = {name: i for i, name in enumerate(_TBLPR_ORDER)}
    children = sorted(tblPr, key=lambda el: order.get(_local(el.tag), len(order)))
    for child in children:
        tblPr.append(child)


def _insert_ppr_child(ppr, child) -> None:
    ppr.append(child)
    order = {name: i for i, name in enumerate(_PPR_ORDER)}
    children = sorted(ppr, key=lambda el: order.get(_local(el.tag), len(order)))
    for el in children:
        ppr.append(el)


def _repeat_as_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:tblHeader"))


def _cant_split(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.insert(0, OxmlElement("w:cantSplit"))


# --------------------------------------------------------------------------- blocks


def _header(w: _Writer, header: Header) -> None:
    f = w.fonts
    t, (left_w, right_w) = w.table(
        w.doc, [L.HEADER_LEFT_SHARE, 1 - L.HEADER_LEFT_SHARE], w.text_width, grid=False
    )
    row = t.add_row()
    left, right = row.cells
    blank_left, blank_right = w.first_paragraph(left), w.first_paragraph(right)
    if L.clean(header.parent_body).strip():
        w.centred_lines(left, L.agency_name(header.parent_body), f.regular, L.PARENT_SIZE, left_w)
    if L.clean(header.issuer).strip():
        lines = w.centred_lines(
            left, L.agency_name(header.issuer), f.bold, L.ISSUER_SIZE, left_w, bold=True
        )
        w.rule(left, L.short_rule_width(lines, L.Face(f.bold, L.ISSUER_SIZE)), left_w)
    w.centred_lines(right, L.QUOC_HIEU, f.bold, L.QUOC_HIEU_SIZE, right_w, bold=True)
    lines = w.centred_lines(right, L.TIEU_NGU, f.bold, L.TIEU_NGU_SIZE, right_w, bold=True)
    w.rule(right, max(L.Face(f.bold, L.TIEU_NGU_SIZE).width(x) for x in lines), right_w)
    for cell, blank in ((left, blank_left), (right, blank_right)):
        if len(cell.paragraphs) > 1:
            w.drop(blank)
    number, date = L.clean(header.number_line).strip(), L.clean(header.date_line).strip()
    if number or date:
        row = t.add_row()
        left, right = row.cells
        if number:
            w.centred_lines(
                left, number, f.regular, L.NUMBER_SIZE, left_w, space_before=L.HEADER_ROW_GAP
            )
            w.drop(w.first_paragraph(left))
        if date:
            w.centred_lines(
                right,
                date,
                f.italic,
                L.DATE_SIZE,
                right_w,
                italic=True,
                min_size=L.DATE_MIN_SIZE,
                space_before=L.HEADER_ROW_GAP,
            )
            w.drop(w.first_paragraph(right))
        for cell in (left, right):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM


def _title(w: _Writer, title: str, subtitle: str, after_header: bool) -> None:
    f = w.fonts
    title, subtitle = L.clean(title).strip(), L.clean(subtitle).strip()
    if title:
        w.centred_lines(
            w.doc,
            L.upper(title),
            f.bold,
            L.TITLE_SIZE,
            w.text_width,
            bold=True,
            space_before=L.TITLE_GAP_BEFORE if after_header else 0,
            keep_with_next=True,
        )
    if subtitle:
        lines = w.centred_lines(
            w.doc,
            subtitle,
            f.bold,
            L.TITLE_SIZE,
            w.text_width,
            bold=True,
            max_share=0.85,
            keep_with_next=True,
        )
        w.rule(w.doc, L.short_rule_width(lines, L.Face(f.bold, L.TITLE_SIZE)), w.text_width)
    if title or subtitle:
        w.gap(w.doc, L.TITLE_GAP_AFTER)


def _breakable(text: str, room: float, face: L.Face) -> str:
    """Text for a Word cell: a word too wide for the cell may break after its "/" (Word
    breaks after "-" itself, never after "/", and cuts anywhere a word that does not fit):
    a zero-width space marks the place. Numbers are never touched: their column holds them."""
    if "/" not in text:
        return text
    out = []
    for word in re.split(r"(\s+)", text):
        if "/" in word and not L.is_number_like(word) and face.width(word) > room:
            word = "/\u200b".join(word.split("/")).rstrip("\u200b")
        out.append(word)
    return "".join(out)


def _keep_row_with_next(row) -> None:
    """Every paragraph of a table row keeps with the next: Word moves the row to the next
    page with the row under it (a section row never ends a page)."""
    for p in row._tr.iter(qn("w:p")):
        ppr = p.find(_W_PPR)
        if ppr is None:
            ppr = p.makeelement(_W_PPR, {})
            p.insert(0, ppr)
        if ppr.find(_W_KEEP_NEXT) is None:
            _insert_ppr_child(ppr, OxmlElement("w:keepNext"))


def _table(w: _Writer, block: Table) -> None:
    if not block.columns:
        return
    from .pdf import CELL_SLACK, fitted_table  # one measure for both renderers

    widths, size = fitted_table(block, w.text_width, CELL_SLACK + L.DOCX_CELL_SLACK)
    shares = [x / w.text_width for x in widths]
    t, col_widths = w.table(
        w.doc,
        shares,
        w.text_width,
        grid=True,
        padding_x=L.TABLE_PADDING_X,
        padding_y=L.TABLE_PADDING_Y,
    )
    leading = size * L.LINE_SPACING
    face = L.Face(w.fonts.regular, size)
    rooms = [x - 2 * L.TABLE_PADDING_X for x in col_widths]

    def fill(cell, content, align, bold, room):
        p = w.first_paragraph(cell)
        w.fmt(p, align=align, size=size, leading=leading)
        if isinstance(content, str):
            content = _breakable(L.clean(content), room, face)
        else:
            content = [
                Run(_breakable(L.clean(r.text), room, face), r.bold, r.italic, r.underline)
                for r in content
            ]
        w.runs(p, content, size, bold=bold)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    if block.header:
        row = t.add_row()
        _cant_split(row)
        if block.repeat_header:
            _repeat_as_header(row)
        for j, (cell, column) in enumerate(zip(row.cells, block.columns, strict=True)):
            fill(cell, column.title, "center", True, rooms[j])
        _keep_row_with_next(row)
    bold_rows = set(block.total_rows) | set(block.section_rows)
    for i, values in enumerate(block.rows):
        row = t.add_row()
        _cant_split(row)  # a row never splits across two pages
        bold = i in bold_rows
        for j, (cell, column) in enumerate(zip(row.cells, block.columns, strict=True)):
            fill(cell, values[j] if j < len(values) else "", column.align, bold, rooms[j])
        if i in block.section_rows and i < len(block.rows) - 1:
            _keep_row_with_next(row)
    w.gap(w.doc, L.PARAGRAPH_SPACE_AFTER)


def _key_value(w: _Writer, block: KeyValue) -> None:
    if not block.rows:
        return
    face = L.Face(w.fonts.bold, L.BODY_SIZE)
    label = min(max(face.width(L.clean(k)) for k, _ in block.rows) + 12, L.KV_LABEL_MAX)
    share = min(label / w.text_width, 0.5)
    t, _ = w.table(w.doc, [share, 1 - share], w.text_width, grid=False)
    for key, value in block.rows:
        row = t.add_row()
        for cell, content, bold in ((row.cells[0], key, True), (row.cells[1], value, False)):
            p = w.first_paragraph(cell)
            w.fmt(p, align="left", space_after=3)
            w.runs(p, content, L.BODY_SIZE, bold=bold)
    w.gap(w.doc, L.PARAGRAPH_SPACE_AFTER)


def _body(w: _Writer, blocks: Iterable) -> None:
    indent = L.FIRST_LINE_INDENT_MM * L.MM
    for block in blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            w.paragraph(
                w.doc,
                block.text,
                L.BODY_SIZE,
                bold=True,
                italic=level == 3,
                first_indent=indent,
                space_before=6 if level == 1 else 0,
                space_after=L.PARAGRAPH_SPACE_AFTER,
                keep_with_next=True,
            )
        elif isinstance(block, Paragraph):
            size = block.size or L.BODY_SIZE
            w.paragraph(
                w.doc,
                block.content,
                size,
                bold=block.bold,
                italic=block.italic,
                align=block.align,
                first_indent=indent if block.indent else 0,
                space_after=block.space_after,
            )
        elif isinstance(block, BulletList):
            hang = L.BULLET_HANG_MM * L.MM
            for item in block.items:
                p = w.doc.add_paragraph()
                w.fmt(
                    p,
                    first_indent=-hang,
                    left_indent=indent + hang,
                    space_after=L.PARAGRAPH_SPACE_AFTER,
                )
                p.paragraph_format.tab_stops.add_tab_stop(Twips(_tw(indent + hang)))
                w.run(p, L.clean(block.bullet) + "\t", L.BODY_SIZE)
                w.runs(p, item, L.BODY_SIZE)
        elif isinstance(block, Table):
            _table(w, block)
        elif isinstance(block, KeyValue):
            _key_value(w, block)
        elif isinstance(block, Spacer):
            w.gap(w.doc, block.height_mm * L.MM)
        elif isinstance(block, PageBreak):
            p = w.gap(w.doc, 0.5)
            p.add_run().add_break(WD_BREAK.PAGE)
        else:
            raise TypeError(f"cannot print {type(block).__name__} in a DOCX body")


def _signature_title(w: _Writer, cell, sig: Signature, size: float, width: float) -> None:
    f = w.fonts
    for line in sig.lines:
        if L.clean(line).strip():
            w.centred_lines(
                cell, L.upper(line), f.bold, size, width, bold=True, keep_with_next=True
            )
    if L.clean(sig.note).strip():
        w.centred_lines(cell, sig.note, f.italic, size, width, italic=True, keep_with_next=True)


def _signature_name(w: _Writer, cell, sig: Signature, size: float, width: float) -> None:
    w.gap(cell, L.SIGNATURE_SPACE_MM * L.MM)
    if L.clean(sig.name).strip():
        w.centred_lines(cell, sig.name, w.fonts.bold, size, width, bold=True)


def _fill(w: _Writer, cell, write) -> None:
    """Write into a new cell and drop the empty paragraph python-docx started it with."""
    blank = w.first_paragraph(cell)
    write()
    if len(cell.paragraphs) > 1:
        w.drop(blank)


def _recipients_cell(w: _Writer, cell, recipients: list[str]) -> None:
    def write():
        w.paragraph(
            cell, L.RECIPIENTS_TITLE, L.RECIPIENTS_TITLE_SIZE, bold=True, italic=True, align="left"
        )
        for line in L.recipient_lines(recipients):
            w.paragraph(
                cell, line, L.RECIPIENTS_SIZE, align="left", leading=L.RECIPIENTS_SIZE * 1.15
            )

    _fill(w, cell, write)


def _keep_end_with_signature(w: _Writer) -> None:
    """The signature never stands alone on a page: the last two paragraphs, or the last two
    rows of a closing table, keep with it (issue 15)."""
    body = [el for el in w.doc.element.body if el.tag in (qn("w:p"), qn("w:tbl"))]
    paragraphs = 0
    for el in reversed(body):
        if el.tag == qn("w:tbl"):
            rows = el.findall(qn("w:tr"))
            for tr in rows[-2:]:
                for p in tr.iter(qn("w:p")):
                    DocxParagraph(p, w.doc.part).paragraph_format.keep_with_next = True
            return
        DocxParagraph(el, w.doc.part).paragraph_format.keep_with_next = True
        if "".join(el.itertext()).strip():
            paragraphs += 1  # the gap after a table is no line of text
        if paragraphs >= 2:
            return


def _signatures(
    w: _Writer, signatures: list[Signature], recipients: list[str], keep_text: bool = True
) -> None:
    if not signatures and not recipients:
        return
    if keep_text:
        _keep_end_with_signature(w)
    w.gap(w.doc, L.SIGNATURE_GAP_BEFORE, keep_with_next=True)
    if len(signatures) <= 1:
        t, (left_w, right_w) = w.table(
            w.doc, [L.RECIPIENTS_SHARE, 1 - L.RECIPIENTS_SHARE], w.text_width, grid=False
        )
        row = t.add_row()
        _cant_split(row)
        if recipients:
            _recipients_cell(w, row.cells[0], recipients)
        if signatures:
            sig, cell, size = signatures[0], row.cells[1], L.SIGNATURE_SIZE
            _fill(
                w,
                cell,
                lambda: (
                    _signature_title(w, cell, sig, size, right_w),
                    _signature_name(w, cell, sig, size, right_w),
                ),
            )
    else:
        # titles in one table row and names in the next, so that the names line up
        n, size = len(signatures), L.SIGNATURE_SIZE_ROW
        t, widths = w.table(w.doc, [1 / n] * n, w.text_width, grid=False)
        titles, names = t.add_row(), t.add_row()
        _cant_split(titles)
        _cant_split(names)
        for i, (sig, width) in enumerate(zip(signatures, widths, strict=True)):
            c1, c2 = titles.cells[i], names.cells[i]
            _fill(
                w, c1, lambda c1=c1, sig=sig, width=width: _signature_title(w, c1, sig, size, width)
            )
            _fill(
                w, c2, lambda c2=c2, sig=sig, width=width: _signature_name(w, c2, sig, size, width)
            )
        if recipients:
            w.gap(w.doc, L.SIGNATURE_GAP_BEFORE)
            t, _ = w.table(
                w.doc, [L.RECIPIENTS_SHARE, 1 - L.RECIPIENTS_SHARE], w.text_width, grid=False
            )
            row = t.add_row()
            _recipients_cell(w, row.cells[0], recipients)


def _page_number_field(w: _Writer, paragraph) -> None:
    """PAGE field: Word and LibreOffice print the current page number."""
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "2"),
        ("end", None),
    ):
        r = w.run(paragraph, "", L.NUMBER_SIZE)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        elif kind == "text":
            t = OxmlElement("w:t")
            t.text = text
            r._r.append(t)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)


def _page_setup(w: _Writer, landscape: bool) -> None:
    section = w.doc.sections[0]
    width, height = _A4_TWIPS
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Twips(width)
    section.page_height = Twips(height)
    section.top_margin = Twips(_mm_tw(L.MARGIN_TOP_MM))
    section.bottom_margin = Twips(_mm_tw(L.MARGIN_BOTTOM_MM))
    section.left_margin = Twips(_mm_tw(L.MARGIN_LEFT_MM))
    section.right_margin = Twips(_mm_tw(L.MARGIN_RIGHT_MM))
    section.gutter = Twips(0)
    # the page number sits in the top margin, its baseline about 12 mm from the edge
    section.header_distance = Twips(_mm_tw(8))
    section.footer_distance = Twips(_mm_tw(8))
    # ND30, Phụ lục I, mục II.7: page numbers from page 2, centred in the top margin
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    w.fmt(first.paragraphs[0], align="center", size=L.NUMBER_SIZE)
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    w.fmt(p, align="center", size=L.NUMBER_SIZE)
    _page_number_field(w, p)


def _text_width(landscape: bool) -> float:
    """The width of the ND30 text block in points."""
    page_w, page_h = L.A4_MM
    return ((page_h if landscape else page_w) - L.MARGIN_LEFT_MM - L.MARGIN_RIGHT_MM) * L.MM


@functools.cache
def _blank(landscape: bool) -> bytes:
    """python-docx's template made ready once: Times New Roman styles, settings, the A4 page
    frame with its page-number headers, no preview picture. Every DOCX opens a copy of it
    instead of preparing the template's styles again (a third of a short document's time)."""
    out = _new_docx()
    _prepare_styles(out)
    _prepare_settings(out)
    _page_setup(_Writer(out, _text_width(landscape)), landscape)
    # the template's preview picture shows python-docx's own sample page: drop it
    package = out.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rid)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def render_docx(doc: Document) -> bytes:
    """The whole Document as a DOCX file."""
    with L.collector_paused():
        return _render(doc)


def _render(doc: Document) -> bytes:
    out = _new_docx(io.BytesIO(_blank(doc.landscape)))
    w = _Writer(out, _text_width(doc.landscape))
    # python-docx's template starts with one empty paragraph; the body is built after it and it
    # is removed at the end.
    starter = out.paragraphs[0] if out.paragraphs else None
    if doc.header is not None:
        _header(w, doc.header)
    _title(w, doc.title, doc.subtitle, after_header=doc.header is not None)
    _body(w, doc.body)
    _signatures(w, list(doc.signatures or []), list(doc.recipients or []), doc.signature_keeps_text)
    if starter is not None:
        w.drop(starter)
    body = out.element.body
    if len(body) < 2 or body[-2].tag == qn("w:tbl"):
        # Word wants a paragraph after the last table, and at least one in the body
        w.gap(out, 0.5)

    props = out.core_properties
    title = doc.meta_title or " ".join(
        " ".join(L.clean(part).split()) for part in (doc.title, doc.subtitle) if part
    )
    props.title = L.clean(title)
    props.author = L.clean(doc.meta_author)
    props.last_modified_by = L.clean(doc.meta_author)
    props.language = "vi-VN"
    props.comments = ""
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    props.created = now
    props.modified = now
    props.revision = 1
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
