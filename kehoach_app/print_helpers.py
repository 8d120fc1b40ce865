"""Helper processes for the complete set of printouts (the print centre's ZIP, print-all).

A set for 1,000 delegates and 300 award recipients is a few seconds of work on one processor.
For such a conference, on a machine with a spare processor, helpers build part of it: each is a
fresh interpreter (the "spawn" start, the one Windows has) that opens the database read-only
and builds the printouts it is handed, while the calling process builds others. Both take the
heaviest printout left (`Printout.weight`), so the set ends on small ones for every process:
none sits idle at the end while another finishes the invitations. A helper pays about half a
second to a second and a half to start (importing the app), so small conferences are built in
one process. The frozen program calls
multiprocessing.freeze_support() so a helper never starts a second server.

Memory (issue 19: ≤ 300 MB for every process together; docs/architecture.md, "Memory of a
set"): a helper builds PDFs only, so python-docx is never loaded in it; every process gives
the C library's free memory back after each printout (`memory.trim_memory`), and the helpers are
told to end as soon as nothing is left for them. On Linux with glibc a process keeps one
malloc arena (`memory.one_heap`).
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import gc
import multiprocessing
import os
import threading
from collections.abc import Sequence

from flask import current_app
from sqlalchemy import func, select

from . import memory
from .conferences.models import Conference
from .db import db
from .printout_registry import Printout, get_printout  # not .printouts, which imports this
from .readmodel import share_reads_from_now

# From this many delegates + award recipients on, a helper's start pays for itself.
HELPERS_FROM_SIZE = 300
MAX_HELPERS = 3
# Printouts a helper holds at once: the one it builds and the next (see build_with_helpers).
IN_HAND_PER_HELPER = 2


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
    cannot start leaves its printouts to the caller.

    Both this process and a feeding thread take the heaviest printout left (the list in order
    of weight, the print centre's order within one weight). The thread keeps each helper one
    printout ahead (IN_HAND_PER_HELPER): handing the next one over only once the last is
    delivered cost a helper tens of milliseconds each time while this process held the
    interpreter. What a helper holds queued is one of the lighter printouts by then, so this
    process never waits long at the end for one it could have built itself. A helper is
    handed PDFs only, and told to stop as soon as nothing is left for it (see the end)."""
    results: dict[tuple[str, str], bytes] = {}
    if database_file() is None or db.session.new or db.session.dirty or db.session.deleted:
        return results
    pending = collections.deque(heaviest_first(tasks))
    lock = threading.Lock()
    logger = current_app.logger
    conference_id = conference.id  # the feeding thread has no session of its own
    try:
        pool = cf.ProcessPoolExecutor(
            count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(current_app.config["DATA_DIR"], database_file()),
        )
    except OSError as error:
        logger.warning("Không chạy được tiến trình phụ để in: %s", error)
        return results

    def take(pdf_only: bool = False) -> tuple[Printout, str] | None:
        with lock:
            if not pdf_only:
                return pending.popleft() if pending else None
            for task in pending:  # the heaviest PDF left
                if task[1] == "pdf":
                    pending.remove(task)
                    return task
            return None

    def feed() -> None:
        running: dict[cf.Future, tuple[str, str]] = {}
        try:
            while True:
                while len(running) < count * IN_HAND_PER_HELPER:
                    task = take(pdf_only=True)  # a helper never loads python-docx
                    if task is None:
                        break
                    printout, fmt = task
                    running[pool.submit(_build, conference_id, printout.key, fmt)] = (
                        printout.key,
                        fmt,
                    )
                if not running:  # nothing left for the helpers: they end while this one builds
                    pool.shutdown(wait=False)
                    return
                done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    key = running.pop(future)
                    if future.exception() is None:
                        with lock:
                            results[key] = future.result()
                    else:  # the caller builds it; say why, for whoever reads the log
                        logger.warning(
                            "Tiến trình phụ không làm được bản in %s (%s): %s",
                            *key,
                            future.exception(),
                        )
        except (cf.process.BrokenProcessPool, OSError, RuntimeError) as error:
            # what was in hand is built by the caller (build_set builds whatever is missing)
            logger.warning("Không chạy được tiến trình phụ để in: %s", error)

    feeder = threading.Thread(target=feed, name="print-helpers-feeder", daemon=True)
    feeder.start()
    try:
        while (task := take()) is not None:
            printout, fmt = task
            data = printout.build(conference, fmt)
            memory.trim_memory()  # as in a helper (_build): 7 MB less at the peak of a first set
            with lock:
                results[(printout.key, fmt)] = data
    except BaseException:
        with lock:  # the error goes up now, not after the helpers have built the rest
            pending.clear()
        feeder.join()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    feeder.join()
    # Everything is delivered. The helpers were told to stop when the feeder had nothing left
    # for them, and end in about 12 ms (_start): waiting for them here costs next to nothing,
    # and a set asked for at once after this one never starts beside them (the memory of
    # both), nor does print-all exit while the pool's thread closes its pipes.
    pool.shutdown(wait=True)
    return results


def heaviest_first(tasks: Sequence[tuple[Printout, str]]) -> list[tuple[Printout, str]]:
    """The set's printouts, heaviest first; the given order within one weight (sorted is
    stable)."""
    return sorted(tasks, key=lambda task: -task[0].weight)


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
    # Its end (the pool's stop, once its results are flushed: multiprocessing's exit runs this
    # last) skips taking apart, object by object, what it built: gone 12 ms after the stop
    # instead of 48, so a set asked for right after the last one rarely meets it still there.
    from multiprocessing import util

    util.Finalize(None, os._exit, args=(0,), exitpriority=-100)
    # What the start loaded (the app, its modules, the libraries) lives as long as the helper:
    # the cyclic collector need not sweep it again at each full collection of the set.
    gc.freeze()


def _build(conference_id: int, key: str, fmt: str) -> bytes:
    conference = db.session.get(Conference, conference_id)
    data = get_printout(key).build(conference, fmt)
    memory.trim_memory()
    return data
