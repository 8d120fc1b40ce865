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

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..printing import register_fonts
from .qrmask import make_symbol

CODE_LABEL = "Mã điểm danh"
QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004)


@functools.lru_cache(maxsize=4096)
def _rectangles(code: str, mask: int | None) -> tuple[int, tuple[tuple[int, int, int, int], ...]]:
    """The symbol's module count and its dark modules as rectangles (column, row, width,
    height), row 0 at the top: each row's dark runs, a run that the row above has at the same
    columns made one taller rectangle with it (the finder patterns' sides, the many short
    columns of data). Level M, the smallest version that holds the code, `mask` (stored with
    the code; None: chosen by the standard's penalty rules) — segno does all three (qrmask).

    The same dark modules as one rectangle per run, in a third fewer rectangles: 80 instead of
    118 for a 6-character code, 1,0 instead of 1,5 kB of page content a code before
    compression (the giấy mời and the envelope labels carry 1,000 each)."""
    matrix = make_symbol(code, mask).matrix
    done: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], int] = {}  # (first column, width) → first row
    for r, row in enumerate(matrix):
        runs = set()
        c = 0
        for dark, group in itertools.groupby(row):
            width = len(tuple(group))
            if dark:
                runs.add((c, width))
            c += width
        for run in [run for run in open_runs if run not in runs]:
            top = open_runs.pop(run)
            done.append((run[0], top, run[1], r - top))
        for run in runs:
            open_runs.setdefault(run, r)
    done.extend((c, top, width, len(matrix) - top) for (c, width), top in open_runs.items())
    done.sort(key=lambda rect: (rect[1], rect[0]))  # top to bottom, left to right
    return len(matrix), tuple(done)


@functools.lru_cache(maxsize=4096)
def _operators(code: str, mask: int | None) -> tuple[int, str]:
    """The symbol as PDF path operators in module units (one "x y w h re" per rectangle, row 0
    at the top, the symbol's top left corner at 0 0) and its module count: worked out once per
    code, so the invitation, the envelope label and the table card of a delegate share it."""
    count, rectangles = _rectangles(code, mask)
    rects = " ".join(f"{c} {r} {w} {h} re" for c, r, w, h in rectangles)
    return count, f"{rects} f"


def draw_qr(
    canvas,
    code: str,
    x: float,
    y: float,
    size: float,
    quiet: int = QUIET_ZONE,
    mask: int | None = None,
) -> None:
    """The QR code of `code` in the square (x, y)–(x+size, y+size), `quiet` modules of white
    inside it (4, the standard's quiet zone, unless the caller keeps white paper around the
    square): one filled path straight on the canvas, in module units under a scaling that
    turns rows downwards (no Drawing: renderPDF would set its own default font, a built-in one
    which the printouts never embed). `mask`: the one stored with the code
    (delegates.check_in_mask), so that segno does not choose it again; None: segno chooses."""
    count, operators = _operators(code, mask)
    module = size / (count + 2 * quiet)
    # One literal instead of saveState, setFillColorRGB, transform, translate and restoreState
    # (the same operators: the graphics state saved, black, the scaling with the quiet zone's
    # shift, the path, the state restored), a thousand times a giấy mời set; the canvas's own
    # state is untouched in between, as "Q" gives it back.
    matrix = fp_str(module, 0, 0, -module, x + quiet * module, y + size - quiet * module)
    canvas.addLiteral(f"q 0 0 0 rg {matrix} cm {operators} Q")


def draw_code_mark(
    canvas,
    code: str,
    x: float,
    y: float,
    size: float,
    font_size: float = 8,
    mask: int | None = None,
) -> None:
    """The QR code with the code printed under it, centred: the mark of the envelope label and
    the table card. (x, y) is the bottom left of the QR; the text goes below y. `mask`: the
    one stored with the code (draw_qr)."""
    fonts = register_fonts()
    draw_qr(canvas, code, x, y, size, mask=mask)
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

    def __init__(self, code: str, mask: int | None = None):
        super().__init__()
        self.code = code
        self.mask = mask  # stored with the code (draw_qr)
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's signature)
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 — placed by the page, not the frame
        if not self.code:
            return
        fonts = register_fonts()
        page_w = canvas._pagesize[0]
        left = page_w - self.RIGHT - self.SIZE
        draw_qr(canvas, self.code, left, self.BOTTOM, self.SIZE, quiet=0, mask=self.mask)
        canvas.saveState()
        canvas.setFont(fonts.regular, 9)
        canvas.drawRightString(left - self.GAP, self.BOTTOM + self.SIZE / 2 - 1, CODE_LABEL + ":")
        canvas.setFont(fonts.regular, 11)  # not bold: no heading-like line at the page's foot
        canvas.drawRightString(left - self.GAP, self.BOTTOM + self.SIZE / 2 - 12, self.code)
        canvas.restoreState()

    def draw(self):  # pragma: no cover — drawOn does the drawing
        pass
