"""Helper processes for the complete set of printouts (the print centre's ZIP, print-all).

A set for 1,000 delegates and 300 award recipients is a few seconds of work on one processor.
For such a conference, on a machine with a spare processor, helpers build part of it: each is a
fresh interpreter (the "spawn" start, the one Windows has) that opens the database read-only
and builds the printouts it is handed from the end of the list, while the calling process
builds from the front. A helper pays about a second and a half to start (importing the app), so
small conferences are built in one process. The frozen program calls
multiprocessing.freeze_support() so a helper never starts a second server.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import func, select

from .conferences.models import Conference
from .db import db
from .readmodel import share_reads_from_now

if TYPE_CHECKING:
    from .printouts import Printout

# From this many delegates + award recipients on, a helper's start pays for itself.
HELPERS_FROM_SIZE = 300
MAX_HELPERS = 3


def helper_count(conference: Conference) -> int:
    """How many helpers to start: the PRINT_HELPERS setting (KEHOACH_PRINT_HELPERS) when
    given, else one per spare processor (at most MAX_HELPERS) for a big conference; none for
    a database that is not a file (helpers open the file)."""
    if database_file() is None:
        return 0
    setting = current_app.config.get("PRINT_HELPERS")
    if setting is not None:
        return max(int(setting), 0)
    spare = (os.cpu_count() or 1) - 1
    if spare < 1 or _size(conference) < HELPERS_FROM_SIZE:
        return 0
    return min(spare, MAX_HELPERS)


def _size(conference: Conference) -> int:
    from .awards.models import Award
    from .delegates.models import Delegate

    return sum(
        db.session.scalar(
            select(func.count()).select_from(model).where(model.conference_id == conference.id)
        )
        for model in (Delegate, Award)
    )


def database_file() -> str | None:
    """The SQLite file the app works on (None for an in-memory database)."""
    name = db.engine.url.database
    return None if name in (None, "", ":memory:") else name


def build_with_helpers(
    conference: Conference, tasks: Sequence[tuple[Printout, str]], count: int
) -> dict[tuple[str, str], bytes]:
    """Build ``tasks`` with ``count`` helpers beside this process; returns what was built by
    (printout key, format). Helpers read the database file, so nothing is handed out for an
    in-memory database or while this session holds unsaved changes; a helper that fails or
    cannot start leaves its printouts to the caller."""
    results: dict[tuple[str, str], bytes] = {}
    if database_file() is None or db.session.new or db.session.dirty or db.session.deleted:
        return results
    pending = list(tasks)
    running: dict[cf.Future, tuple[str, str]] = {}
    try:
        with cf.ProcessPoolExecutor(
            count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(current_app.config["DATA_DIR"], database_file()),
        ) as pool:
            while pending or running:
                # each helper has one printout in hand and one waiting, taken from the end
                while pending and len(running) < 2 * count:
                    printout, fmt = pending.pop()
                    future = pool.submit(_build, conference.id, printout.key, fmt)
                    running[future] = (printout.key, fmt)
                for future in [f for f in running if f.done()]:
                    key = running.pop(future)
                    if future.exception() is None:
                        results[key] = future.result()
                    else:  # the caller builds it; say why, for whoever reads the log
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
                        if future.cancel():  # not started yet: quicker built by the caller
                            running.pop(future)
                    cf.wait(running, return_when=cf.FIRST_COMPLETED)
    except (cf.process.BrokenProcessPool, OSError) as error:
        current_app.logger.warning("Không chạy được tiến trình phụ để in: %s", error)
    return results


_APP = None


def _start(data_dir: str, database: str) -> None:
    """In a helper: the app on the same data folder, its database opened read-only, no backup
    and no migration (the main process did both)."""
    global _APP
    import sqlite3
    from pathlib import Path

    from . import create_app

    def read_only():  # a file: URI, so any folder name (Vietnamese, "#", "?") is safe
        return sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True)

    _APP = create_app(
        {"AUTO_MIGRATE": False, "SQLALCHEMY_ENGINE_OPTIONS": {"creator": read_only}}, data_dir
    )
    # One app context (one session) for the helper's life — one set — so each part is read
    # once for all the printouts it builds, as in the main process (readmodel).
    _APP.app_context().push()
    share_reads_from_now()


def _build(conference_id: int, key: str, fmt: str) -> bytes:
    from .printouts import get_printout

    conference = db.session.get(Conference, conference_id)
    return get_printout(key).build(conference, fmt)
