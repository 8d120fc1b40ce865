"""The catalogue of printouts: every document the program makes for a conference.

Each part registers its printouts here; the print buttons, `print-all` and (later) the print
centre read this one list, so a new printout appears everywhere at once.
"""

from __future__ import annotations

import os
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


def write_all(
    conference: Conference, add: Callable[[str, bytes], None], helpers: int | None = None
) -> list[str]:
    """Build every printout in every format and hand each file to `add(name, data)`, in the
    print centre's order. Used by the ZIP download of the print centre and by `print-all`, so
    both hold the same set. Returns the names written. `helpers`: see build_set.
    """
    names = []
    for name, data in build_set(conference, helpers):
        add(name, data)
        names.append(name)
    return names


# A set this big (delegates + award recipients) takes a few seconds on one core: helper
# processes pay for their start (about a second and a half: a fresh interpreter importing the
# app) only from about here on.
HELPERS_FROM_SIZE = 300
MAX_HELPERS = 3


def build_set(conference: Conference, helpers: int | None = None) -> list[tuple[str, bytes]]:
    """Every printout in every format as (file name, bytes), in the print centre's order.

    A big conference is built with helper processes beside this one, one per spare processor
    (at most MAX_HELPERS): each is a fresh interpreter (the "spawn" start, the same on Windows
    as elsewhere) that opens the database read-only and builds the printouts it is handed
    from the end of the list while this process builds from the front. A printout a helper
    cannot build (it would have to write, or the helper died) is built here instead, so the
    set is always whole and always the same as built in one process. `helpers=0` builds here
    only; None decides from the machine and the conference's size.
    """
    tasks = [(p, fmt) for p in all_printouts() for fmt in p.formats]
    results: dict[tuple[str, str], bytes] = {}
    count = _helper_count(conference) if helpers is None else helpers
    if count > 0 and len(tasks) > 1:
        _build_with_helpers(conference, tasks, results, count)
    for printout, fmt in tasks:  # what is left (everything, without helpers)
        if (printout.key, fmt) not in results:
            results[(printout.key, fmt)] = printout.build(conference, fmt)
    return [(filename_for(conference, p, fmt), results[(p.key, fmt)]) for p, fmt in tasks]


def _helper_count(conference: Conference) -> int:
    from flask import current_app

    if not _database_file(current_app.config.get("SQLALCHEMY_DATABASE_URI", "")):
        return 0
    setting = current_app.config.get("PRINT_HELPERS")
    if setting is not None:
        return max(int(setting), 0)
    spare = (os.cpu_count() or 1) - 1
    if spare < 1 or _size(conference) < HELPERS_FROM_SIZE:
        return 0
    return min(spare, MAX_HELPERS)


def _size(conference: Conference) -> int:
    from sqlalchemy import func, select

    from .awards.models import Award
    from .db import db
    from .delegates.models import Delegate

    total = 0
    for model in (Delegate, Award):
        total += db.session.scalar(
            select(func.count()).select_from(model).where(model.conference_id == conference.id)
        )
    return total


def _database_file(uri: str) -> str | None:
    """The SQLite file behind a database URI (None for an in-memory database)."""
    prefix = "sqlite:///"
    if not uri.startswith(prefix) or uri == prefix or ":memory:" in uri:
        return None
    return uri[len(prefix) :].split("?", 1)[0]


def _build_with_helpers(
    conference: Conference,
    tasks: list[tuple[Printout, str]],
    results: dict[tuple[str, str], bytes],
    count: int,
) -> None:
    import concurrent.futures as cf
    import multiprocessing

    from flask import current_app

    from .db import db

    db.session.commit()  # the helpers read the database file: it must hold what this sees
    config = current_app.config
    path = _database_file(config["SQLALCHEMY_DATABASE_URI"])
    pending = list(tasks)
    running: dict[cf.Future, tuple[str, str]] = {}
    try:
        with cf.ProcessPoolExecutor(
            count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_helper_start,
            initargs=(config["DATA_DIR"], path),
        ) as pool:
            while pending or running:
                # each helper has one printout in hand and one waiting, taken from the end
                while pending and len(running) < 2 * count:
                    printout, fmt = pending.pop()
                    running[pool.submit(_helper_build, conference.id, printout.key, fmt)] = (
                        printout.key,
                        fmt,
                    )
                for future in [f for f in running if f.done()]:
                    key = running.pop(future)
                    if future.exception() is None:
                        results[key] = future.result()
                    else:  # built here below; say why, for whoever reads the log
                        current_app.logger.warning(
                            "Tiến trình phụ không làm được bản in %s (%s): %s",
                            *key,
                            future.exception(),
                        )
                if pending:
                    printout, fmt = pending.pop(0)
                    results[(printout.key, fmt)] = printout.build(conference, fmt)
                elif running:
                    for future in list(running):
                        if future.cancel():  # not started yet: quicker built here
                            running.pop(future)
                    cf.wait(running, return_when=cf.FIRST_COMPLETED)
    except (cf.process.BrokenProcessPool, OSError, RuntimeError):
        pass  # no helpers on this machine: build_set builds the rest here


_HELPER_APP = None


def _helper_start(data_dir: str, database: str) -> None:
    """A helper process: the app on the same data folder, its database opened read-only, no
    backup and no migration (the main process did both)."""
    global _HELPER_APP
    import sqlite3
    from pathlib import Path

    from . import create_app

    def read_only():  # a file: URI, so any folder name (Vietnamese, "#", "?") is safe
        return sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)

    _HELPER_APP = create_app(
        {"AUTO_MIGRATE": False, "SQLALCHEMY_ENGINE_OPTIONS": {"creator": read_only}}, data_dir
    )


def _helper_build(conference_id: int, key: str, fmt: str) -> bytes:
    from .db import db

    with _HELPER_APP.app_context():
        conference = db.session.get(Conference, conference_id)
        return _PRINTOUTS[key].build(conference, fmt)


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
