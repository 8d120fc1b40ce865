"""The check-in code drawn as a QR code, with the code printed under or beside it for typing.
The symbol is encoded by segno (a QR encoder: about four times quicker than ReportLab's own,
which spent 2,5 s on the 1,000 codes of a large conference's invitations, mostly choosing the
mask) and drawn by ReportLab as one path.

The QR holds the code alone ("K7MQ4X"): a USB scanner types exactly what the usher would.
Level M (15 % of the symbol may be lost — a fold, a stain); a 6-character code fits version 1
(21 × 21 modules). Modules of at least 0,6 mm: at 0,48 mm (14 mm with the 4-module quiet zone
drawn inside it) a 150-dpi scan read only 36 of 40 giấy mời and 33 of 40 labels. The standard's
quiet zone (4 modules, ISO/IEC 18004) is white paper either way: where the page margin or the
label's padding around the symbol is white, it is not drawn inside the square (`quiet`).
"""

from __future__ import annotations

import functools
import itertools

import segno
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..printing import register_fonts

CODE_LABEL = "Mã điểm danh"
QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)


@functools.lru_cache(maxsize=4096)
def _runs(code: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The symbol's module count and its dark runs (row, first column, length), row 0 at the
    top. Level M, the smallest version that holds the code, the mask chosen by the standard's
    penalty rules (segno does all three)."""
    symbol = segno.make_qr(code, error="m", boost_error=False)
    runs = []
    for r, row in enumerate(symbol.matrix):
        c = 0
        for dark, group in itertools.groupby(map(bool, row)):
            count = len(list(group))
            if dark:
                runs.append((r, c, count))
            c += count
    return len(symbol.matrix), tuple(runs)


@functools.lru_cache(maxsize=4096)
def _operators(code: str) -> tuple[int, str]:
    """The symbol as PDF path operators in module units (one "x y w 1 re" per dark run, row 0
    at the top, quiet zone included) and its module count: worked out once per code, so the
    invitation, the envelope label and the table card of a delegate share it."""
    count, runs = _runs(code)
    rects = " ".join(f"{c + QUIET_ZONE} {r + QUIET_ZONE} {length} 1 re" for r, c, length in runs)
    return count, f"{rects} f"


def draw_qr(canvas, code: str, x: float, y: float, size: float, quiet: int = QUIET_ZONE) -> None:
    """The QR code of `code` in the square (x, y)–(x+size, y+size), `quiet` modules of white
    inside it (4, the standard's quiet zone, unless the caller keeps white paper around the
    square): one filled path straight on the canvas, in module units under a scaling that
    turns rows downwards (no Drawing: renderPDF would set its own default font, a built-in one
    which the printouts never embed)."""
    count, operators = _operators(code)
    module = size / (count + 2 * quiet)
    shift = quiet - QUIET_ZONE  # the operators carry the 4-module zone: move the symbol back
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, -module, x, y + size)
    canvas.translate(shift, shift)
    canvas.addLiteral(operators)
    canvas.restoreState()


def draw_code_mark(
    canvas, code: str, x: float, y: float, size: float, font_size: float = 8
) -> None:
    """The QR code with the code printed under it, centred: the mark of the envelope label and
    the table card. (x, y) is the bottom left of the QR; the text goes below y."""
    fonts = register_fonts()
    draw_qr(canvas, code, x, y, size)
    canvas.saveState()
    canvas.setFont(fonts.bold, font_size)
    canvas.drawCentredString(x + size / 2, y - font_size * 0.6, code)
    canvas.restoreState()


class PageCodeMark(Flowable):
    """The giấy mời's mark: a QR of 0,635 mm modules (13,3 mm) in the bottom margin at the right,
    its code beside it ("Mã điểm danh: K7MQ4X"), outside the text frame — the Nghị định 30
    layout of the page (header, body, signature, Nơi nhận) is untouched. Takes no room in the
    flow; drawn at the page's own coordinates wherever the flowable falls on the page.

    The quiet zone is the margin's white paper (not drawn): 15 mm at the right, 4,5 mm below,
    3 mm to the code's text, 2,2 mm up to the text frame's foot at 20 mm — with the last line's
    own space under its letters, more than 4 modules of white. 0,62 mm (a full 4 modules to the
    frame) left one code in about 400 unread by zbar at 150 dpi (MJSFQ5, pixel phase)."""

    MODULE = 0.635 * mm  # 3,75 pixels at 150 dpi, 5 at 200
    SIZE = 21 * MODULE  # version 1: 21 modules, 13,3 mm
    BOTTOM = 4.5 * mm  # above most printers' unprintable 4–5 mm
    RIGHT = 15 * mm  # the ND30 right margin: the symbol's right edge lines up with the text
    GAP = 3 * mm  # symbol → the code's text: more than the 4 modules of quiet zone

    def __init__(self, code: str):
        super().__init__()
        self.code = code
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 — placed by the page, not the frame
        if not self.code:
            return
        fonts = register_fonts()
        page_w = canvas._pagesize[0]
        left = page_w - self.RIGHT - self.SIZE
        draw_qr(canvas, self.code, left, self.BOTTOM, self.SIZE, quiet=0)
        canvas.saveState()
        canvas.setFont(fonts.regular, 9)
        canvas.drawRightString(left - self.GAP, self.BOTTOM + self.SIZE / 2 - 1, CODE_LABEL + ":")
        canvas.setFont(fonts.regular, 11)  # not bold: no heading-like line at the page's foot
        canvas.drawRightString(left - self.GAP, self.BOTTOM + self.SIZE / 2 - 12, self.code)
        canvas.restoreState()

    def draw(self):  # pragma: no cover — drawOn does the drawing
        pass
