"""The catalogue of printouts: every document the program makes for a conference.

Each part registers its printouts here; the print buttons, `print-all` and (later) the print
centre read this one list, so a new printout appears everywhere at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .conferences.models import Conference

MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Printout:
    """One document: its name for the officer, its formats and how to build each."""

    key: str
    title: str
    description: str
    formats: tuple[str, ...]
    build: Callable[[Conference, str], bytes]
    # What is still missing before it can be printed well ("chưa xếp chỗ cho 12 đại biểu");
    # an empty list means ready. The print centre shows it; printing is never blocked.
    missing: Callable[[Conference], list[str]] | None = None
    # Where it sits in the print centre: lower first (the plan, then the programme, …).
    order: int = 100


_PRINTOUTS: dict[str, Printout] = {}


def register_printout(printout: Printout) -> None:
    _PRINTOUTS[printout.key] = printout


def all_printouts() -> list[Printout]:
    """Every printout, in the print centre's order (then in the order they were registered)."""
    return sorted(_PRINTOUTS.values(), key=lambda p: p.order)


def missing_for(printout: Printout, conference: Conference) -> list[str]:
    return list(printout.missing(conference)) if printout.missing else []


def write_all(conference: Conference, add: Callable[[str, bytes], None]) -> list[str]:
    """Build every printout in every format and hand each file to `add(name, data)`.

    Used by the ZIP download of the print centre and by `print-all`, so both hold the same set.
    Returns the names written.
    """
    names = []
    for printout in all_printouts():
        for fmt in printout.formats:
            name = filename_for(conference, printout, fmt)
            add(name, printout.build(conference, fmt))
            names.append(name)
    return names


def get_printout(key: str) -> Printout | None:
    return _PRINTOUTS.get(key)


# Characters Windows refuses in file names, and its reserved device names.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_filename(name: str, extension: str, max_length: int = 120) -> str:
    """A download name safe on Windows that keeps the Vietnamese letters (NFC)."""
    clean = unicodedata.normalize("NFC", name)
    clean = _FORBIDDEN.sub(" ", clean)
    clean = re.sub(r"\s+", " ", clean).strip(" .")
    if not clean or clean.upper().split(".")[0] in _RESERVED:
        clean = f"tai-lieu {clean}".strip()
    clean = clean[:max_length].rstrip(" .")
    return f"{clean}.{extension}"


def filename_for(conference: Conference, printout: Printout, extension: str) -> str:
    return safe_filename(f"{printout.title} - {conference.year_launched}", extension)
