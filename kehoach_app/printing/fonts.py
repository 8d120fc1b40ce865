"""The one serif family every printout uses.

Nghị định 30/2020/NĐ-CP, Phụ lục I: văn bản hành chính dùng phông Times New Roman (bộ mã Unicode
TCVN 6909:2001). We use the system's Times New Roman when all four faces are installed and fall back
to the bundled Liberation Serif, which has the same metrics, so line breaks do not move between the
two. ReportLab's built-in fonts cannot be used at all: they have no Vietnamese glyphs and print
black boxes without raising an error.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: The family name DOCX files ask for; Word and LibreOffice substitute Liberation Serif (metric
#: compatible) where Times New Roman is not installed.
FONT_FAMILY_DOCX = "Times New Roman"

#: The family name under which the chosen faces are registered with ReportLab.
FAMILY = "KeHoachSerif"

BUNDLED_DIR = Path(__file__).with_name("fonts")

SOURCE_SYSTEM = "system Times New Roman"
SOURCE_BUNDLED = "Liberation Serif (bundled)"

_TIMES_FILES = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")
_BUNDLED_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)


@dataclass(frozen=True)
class FontSet:
    """ReportLab names of the four registered faces, and where they came from."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: str

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return self.regular


def system_font_dirs() -> list[Path]:
    """Folders that may hold Microsoft's Times New Roman files."""
    dirs = [Path(r"C:\Windows\Fonts")]
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    dirs.append(Path("/usr/share/fonts/truetype/msttcorefonts"))
    return dirs


def find_times_new_roman(dirs: Iterable[Path] | None = None) -> list[Path] | None:
    """The four Times New Roman files (regular, bold, italic, bold italic) from the first folder
    that has all of them, or None. File names are matched case-insensitively (TIMES.TTF)."""
    for folder in system_font_dirs() if dirs is None else dirs:
        try:
            names = {entry.lower(): entry for entry in os.listdir(folder)}
        except OSError:
            continue
        if all(name in names for name in _TIMES_FILES):
            return [Path(folder) / names[name] for name in _TIMES_FILES]
    return None


def _register(paths: list[Path], source: str) -> FontSet:
    # ReportLab loads here, at the first printout, not when the package is imported (issue 19).
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = (FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Italic", f"{FAMILY}-BoldItalic")
    for name, path in zip(names, paths, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # Lets <b> and <i> in Paragraph markup find the right face.
    pdfmetrics.registerFontFamily(
        FAMILY, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    return FontSet(FAMILY, *names, source=source)


@functools.cache
def register_fonts() -> FontSet:
    """Register the serif family with ReportLab once and return its face names."""
    system = find_times_new_roman()
    if system is not None:
        try:
            return _register(system, SOURCE_SYSTEM)
        except Exception:  # a damaged or unreadable system font: use ours
            pass
    return _register([BUNDLED_DIR / name for name in _BUNDLED_FILES], SOURCE_BUNDLED)
