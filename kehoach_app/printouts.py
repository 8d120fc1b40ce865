"""The catalogue of printouts: every document the program makes for a conference.

Each part registers its printouts here; the print buttons, `print-all` and (later) the print
centre read this one list, so a new printout appears everywhere at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from . import memory, print_helpers
from .conferences.models import Conference
from .printout_registry import Printout, all_printouts, get_printout, register_printout
from .readmodel import shared_reads

__all__ = ["Printout", "all_printouts", "get_printout", "register_printout"]

MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def description_for(printout: Printout, conference: Conference) -> str:
    return printout.describe(conference) if printout.describe else printout.description


def missing_for(printout: Printout, conference: Conference) -> list[str]:
    return list(printout.missing(conference)) if printout.missing else []


def refusal_for(printout: Printout, conference: Conference) -> str:
    """Why `printout` cannot be made yet ('' when it can): the invitation, the envelope labels
    and the programme print the conference's day and wait until it is fixed (issue 17)."""
    from .conferences.logic import EXACT_DATE_PRINTOUTS, exact_date_refusal

    if printout.key not in EXACT_DATE_PRINTOUTS:
        return ""
    return exact_date_refusal(conference.values(), printout.title.lower(), printout.key)


def write_all(
    conference: Conference, add: Callable[[str, bytes], None], helpers: int | None = None
) -> list[str]:
    """Build every printout in every format and hand each file to `add(name, data)`, in the
    print centre's order. Used by the ZIP download of the print centre and by `print-all`, so
    both hold the same set. Returns the names written. `helpers`: see build_set.

    Each file is let go once handed on: the ZIP and the built set are not held whole at once
    (6 MB less at the peak of a big conference's set).
    """
    names = []
    tasks, results = _build(conference, helpers)
    for printout, fmt in tasks:
        name = filename_for(conference, printout, fmt)
        add(name, results.pop((printout.key, fmt)))
        names.append(name)
    return names


def build_set(conference: Conference, helpers: int | None = None) -> list[tuple[str, bytes]]:
    """Every printout in every format as (file name, bytes), in the print centre's order.

    A big conference is built with helper processes beside this one (print_helpers); what
    they do not deliver is built here, so the set is always whole and always the same as
    built in one process. `helpers=0` builds here only; None decides from the machine and
    the conference's size.
    """
    tasks, results = _build(conference, helpers)
    return [(filename_for(conference, p, fmt), results[(p.key, fmt)]) for p, fmt in tasks]


def _build(
    conference: Conference, helpers: int | None
) -> tuple[list[tuple[Printout, str]], dict[tuple[str, str], bytes]]:
    """The set's (printout, format) in the print centre's order, and their bytes by (key,
    format). What the set freed goes back to the system at the end (memory.trim_memory):
    the server does not keep the set's peak between sets."""
    # A printout that must wait for the conference's day is left out of the set until then.
    printable = [p for p in all_printouts() if not refusal_for(p, conference)]
    tasks = [(p, fmt) for p in printable for fmt in p.formats]
    count = print_helpers.helper_count(conference) if helpers is None else helpers
    # Python's own pace of collection while the set is built: the server collects less often
    # for its pages (memory.serve_pages), which let a set's garbage pile up (300 MB
    # for all processes at the second ZIP instead of 276).
    with memory.default_collection(), shared_reads():  # one read of each part (readmodel)
        results = print_helpers.build_with_helpers(conference, tasks, count) if count > 0 else {}
        for printout, fmt in tasks:  # what is left (everything, without helpers)
            if (printout.key, fmt) not in results:
                results[(printout.key, fmt)] = printout.build(conference, fmt)
    memory.trim_memory()
    return tasks, results


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
