"""The check-in code drawn as a QR code by ReportLab itself (reportlab.graphics.barcode.qr: no
other dependency), with the code printed under or beside it for typing.

The QR holds the code alone ("K7MQ4X"): a USB scanner types exactly what the usher would.
Level M (15 % of the symbol may be lost — a fold, a stain); a 6-character code fits version 1
(21 × 21 modules) with the standard 4-module quiet zone, so 14 mm gives modules of 0,48 mm,
which phone cameras and handheld scanners read at arm's length.
"""

from __future__ import annotations

import functools
import itertools

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..printing import register_fonts

CODE_LABEL = "Mã điểm danh"
QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)


@functools.lru_cache(maxsize=4096)
def _runs(code: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The symbol's module count and its dark runs (row, first column, length), row 0 at the
    top — what ReportLab's QrCodeWidget draws, read from the same encoder."""
    widget = QrCodeWidget(code, barLevel="M")
    symbol = widget.qr
    symbol.make()
    runs = []
    for r, row in enumerate(symbol.modules):
        c = 0
        for dark, group in itertools.groupby(map(bool, row)):
            count = len(list(group))
            if dark:
                runs.append((r, c, count))
            c += count
    return symbol.getModuleCount(), tuple(runs)


def draw_qr(canvas, code: str, x: float, y: float, size: float) -> None:
    """The QR code of `code`, quiet zone (4 modules) included, in the square (x, y)–(x+size,
    y+size): one filled path straight on the canvas (no Drawing: renderPDF would set its own
    default font, Helvetica, which the printouts never embed)."""
    count, runs = _runs(code)
    module = size / (count + 2 * QUIET_ZONE)
    path = canvas.beginPath()
    for r, c, length in runs:
        path.rect(
            x + (c + QUIET_ZONE) * module,
            y + size - (r + QUIET_ZONE + 1) * module,
            length * module,
            module,
        )
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
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
    """The giấy mời's mark: a 14 mm QR in the bottom margin at the right, its code beside it
    ("Mã điểm danh: K7MQ4X"), outside the text frame — the Nghị định 30 layout of the page
    (header, body, signature, Nơi nhận) is untouched. Takes no room in the flow; drawn at the
    page's own coordinates wherever the flowable falls on the page."""

    SIZE = 14 * mm
    BOTTOM = 5 * mm  # the QR's bottom edge: above most printers' unprintable 4–5 mm
    RIGHT = 15 * mm  # the ND30 right margin: the QR's right edge lines up with the text

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
        draw_qr(canvas, self.code, left, self.BOTTOM, self.SIZE)
        canvas.saveState()
        canvas.setFont(fonts.regular, 9)
        canvas.drawRightString(left - 1.5 * mm, self.BOTTOM + self.SIZE / 2 - 1, CODE_LABEL + ":")
        canvas.setFont(fonts.regular, 11)  # not bold: no heading-like line at the page's foot
        canvas.drawRightString(left - 1.5 * mm, self.BOTTOM + self.SIZE / 2 - 12, self.code)
        canvas.restoreState()

    def draw(self):  # pragma: no cover — drawOn does the drawing
        pass
