"""Which characters the printouts can draw: the cmap of the serif faces printing/fonts.py uses.

ReportLab draws a character missing from the font as nothing at all — an emoji in a name simply
vanished from the PDFs (issue 18). Forms refuse such a character when the text is saved, naming
it, so what is printed is always what was typed. The set is the characters all four faces
(regular, bold, italic, bold italic) have: a name may be printed in any of them.
"""

from __future__ import annotations

import functools
import unicodedata

# Characters that are never drawn as glyphs, so never missing: line breaks and tabs.
_LAYOUT = frozenset("\n\t\r")


@functools.cache
def drawable() -> frozenset[int]:
    """Code points every face of the printouts' family has a glyph for."""
    from reportlab.pdfbase import pdfmetrics

    from .printing.fonts import register_fonts

    fonts = register_fonts()
    faces = (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in faces]
    return frozenset(set.intersection(*maps))


def undrawable(text: str) -> list[str]:
    """The distinct characters of `text` the printouts cannot draw, in order of appearance."""
    if not text or text.isascii():
        return []
    have = drawable()
    missing: list[str] = []
    for char in text:
        if char not in _LAYOUT and ord(char) not in have and char not in missing:
            missing.append(char)
    return missing


def describe(char: str) -> str:
    """'“😀” (U+1F600)', or the code alone for a character that shows nothing."""
    code = f"U+{ord(char):04X}"
    visible = unicodedata.category(char)[0] not in ("C", "Z", "M")
    return f"“{char}” ({code})" if visible else f"ký tự ẩn {code}"


def message(missing: list[str]) -> str:
    """The form's Vietnamese sentence for characters the printouts cannot draw."""
    named = ", ".join(describe(c) for c in missing[:5])
    more = f" và {len(missing) - 5} ký tự khác" if len(missing) > 5 else ""
    return (
        f"Có ký tự không in được bằng phông chữ của văn bản: {named}{more}. Hãy xóa hoặc thay "
        "bằng chữ thường (biểu tượng cảm xúc, ký hiệu đặc biệt sẽ bị mất khi in)."
    )
