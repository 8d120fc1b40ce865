"""One read of a part's data per request: the page, its cards and the pre-signature checks of one
GET share what a part loaded (issue 14's check runs every part's rules; issue 19's read model).

Only while a GET (or HEAD) request is being answered — reading should never write, so what was
loaded is still true later in the request; and should a GET write all the same (a catalogue
seeded on first use, the demo built inside a test's request), any flush forgets what was loaded.
Anywhere else (a POST that changes data and reads it back, the command line, a printout set
built outside a request) every call loads afresh.

`per_state` keeps a result ACROSS requests, for as long as the database and the day are the same
(the dashboard's and the print centre's check run, the cards): see `state_token` for why a kept
result is never stale.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from flask import current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

T = TypeVar("T")

_READ_METHODS = ("GET", "HEAD")

# A complete set of printouts (printouts.build_set) reads like one request: 37 files, one read
# of each part (the ZIP is answered inside a GET, print-all has no request at all).
_SET: ContextVar[dict | None] = ContextVar("kehoach_shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within: per_request shares its reads, request or not (a printout set, the same session)."""
    token = _SET.set({})
    try:
        yield
    finally:
        _SET.reset(token)


def share_reads_from_now() -> None:
    """A helper process building part of one set (print_helpers): its reads are shared for the
    rest of its short life, in the one app context it keeps."""
    _SET.set({})


def per_request(name: Hashable, conference_id: int, loader: Callable[[], T]) -> T:
    """`loader()` once per GET request (or shared_reads block) and conference for `name`; the
    same object after."""
    store = _SET.get()
    if store is None:
        if not has_request_context() or request.method not in _READ_METHODS:
            return loader()
        store = g.setdefault("read_model", {})
    key = (name, conference_id)
    if key not in store:
        store[key] = loader()
    return store[key]


# ------------------------------------------------------------------ results keyed on their input

# Derived values kept by the complete content they were derived from (per_content): for each
# name, content → value, the least recently used dropped beyond _CONTENT_KEPT (a few contents per
# name: the conferences open in a few windows; a thousand delegates' rows with the people built
# from them and 300 awards' rows are ~2 MB).
_CONTENT: dict[Hashable, dict[Hashable, object]] = {}
_CONTENT_KEPT = 4
_CONTENT_LOCK = threading.Lock()


def per_content(name: Hashable, content: Hashable, derive: Callable[[], T]) -> T:
    """`derive()` once per distinct `content`, kept by the process across requests and changes.

    For a pure derivation whose whole input is `content` (rows as the database returned them,
    plain values): the key is the input itself, so a change that leaves it as it was (an edit of
    another part, of the conference's notes) finds the value derived, and a change to it can never
    be served the old one — unlike per_state, which a commit anywhere clears. The value is shared
    between requests and threads: frozen rows, tuples, strings; never ORM objects; its readers
    must not change it (copy what you hand on). The content must be read all the same (that
    is the key); hashing it is cheap next to building from it (1,000 delegates' rows: 0,1 ms
    against 1,6 ms for the frozen rows alone, more for what is built from them)."""
    key = _ContentKey(content)  # hashed once, outside the lock
    with _CONTENT_LOCK:
        kept = _CONTENT.setdefault(name, {})
        if key in kept:
            value = kept.pop(key)
            kept[key] = value  # now the most recently used
            return value  # type: ignore[return-value]
    value = derive()
    with _CONTENT_LOCK:
        kept[key] = value
        while len(kept) > _CONTENT_KEPT:
            del kept[next(iter(kept))]
    return value


class _ContentKey:
    """A content with its hash computed once (a tuple of a thousand rows does not keep its own:
    each dictionary operation would hash it again)."""

    __slots__ = ("content", "hash")

    def __init__(self, content: Hashable) -> None:
        self.content = content
        self.hash = hash(content)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ContentKey) and (
            self.hash == other.hash and self.content == other.content
        )


@event.listens_for(Session, "after_flush")
def _forget_after_a_write(session, flush_context) -> None:
    """A write makes what was loaded before it stale."""
    store = _SET.get()
    if store is not None:
        store.clear()
    if has_request_context():
        g.pop("read_model", None)


# ------------------------------------------------------------------ results kept across requests

# Bumped after every commit of a session in this process (read by state_token): a change made
# here is seen at once, whatever the file system's clock says.
_COMMITS = itertools.count(1)
_commit_number = 0

# A file changed less than this long ago may change again within the same timestamp tick (FAT
# keeps 2 s, Linux the kernel's tick): such a state is not kept (git's "racy clean" rule).
SETTLE_NS = 2_500_000_000
_TOKEN = "kehoach_state_token"
_WROTE = "kehoach_wrote"


def _file_state(path: str, now_ns: int) -> tuple | None:
    """(inode, mtime, size) of one file, from os.stat alone; None when it does not exist.
    Raises _Unsettled when it changed too recently to be trusted or cannot be stat'ed.

    The database's files are never opened here: on Linux and macOS closing any handle of a
    file drops every POSIX lock the process holds on it, SQLite's included — the next program
    to open the database would then take the -wal as abandoned and delete it with saves the
    server had acknowledged (the attack review of 04/12/2026 lost check-ins this way)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _Unsettled from error
    if stat.st_size == 0:
        # An empty file holds no commit, whenever it was touched: SQLite creates the -wal empty
        # when a process first opens the database (every start of the program), and a commit
        # makes it grow. Without this, nothing was kept for 2,5 s after each start.
        return (stat.st_ino, 0, 0)
    if not (SETTLE_NS <= now_ns - stat.st_mtime_ns):
        raise _Unsettled
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class _Unsettled(Exception):
    """The database's files changed too recently (or cannot be read): keep nothing now."""


def state_token(database: str) -> tuple | None:
    """What identifies the state of the database file `database` and the day, or None when it
    cannot be told (then nothing is kept across requests).

    Why two equal tokens mean the same data (docs/architecture.md, "Results kept across
    requests"): only a commit changes what a reader sees. A commit of this process bumps
    `_commit_number` (Session after_commit). A commit of any other process (the command line,
    sqlite3) writes the files: in WAL mode the -wal file (and the database at a checkpoint), in
    rollback mode the database file and its -journal. Their inode, size and mtime (os.stat: the
    files are never opened, see _file_state) make the token, and a token whose database, -wal
    or -journal file changed less than SETTLE_NS ago is refused, so a second write in the same
    timestamp tick cannot look like no write. The day is in the token: the deadline rules
    depend on it.
    """
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    now_ns = time.time_ns()
    try:
        # (the -shm is left out: readers move its mtime when they set their read marks, and
        # a commit always writes the -wal or the database itself)
        files = tuple(_file_state(database + suffix, now_ns) for suffix in ("", "-wal", "-journal"))
    except _Unsettled:
        return None
    return (_commit_number, dt.date.today(), files)


@event.listens_for(Session, "after_begin")
def _token_at_begin(session, transaction, connection) -> None:
    """The token is taken when the session's transaction starts, before it reads anything: what
    the session then reads (each SELECT sees the latest commit: pysqlite opens no read
    transaction) is at least as new as the token — never older, even for rows loaded before a
    per_state call of the same request."""
    if transaction.parent is not None or _TOKEN in session.info:
        return
    if not has_request_context() or request.method not in _READ_METHODS:
        return
    session.info[_TOKEN] = state_token(connection.engine.url.database or "")


@event.listens_for(Session, "after_flush")
def _mark_written(session, flush_context) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _token_at_end(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_TOKEN, None)
        session.info.pop(_WROTE, None)


@event.listens_for(Session, "after_commit")
def _count_commit(session) -> None:
    global _commit_number
    _commit_number = next(_COMMITS)


def per_state(name: Hashable, conference_id: int, loader: Callable[[], T]) -> T:
    """`loader()` once per state of the database and day (state_token), kept across requests
    by the app; within a GET request. `name` holds whatever else the result depends on (the
    rules registered, the card function). Elsewhere (a POST, the command line, a printout set) as
    per_request. The result is shared between requests and threads: it must hold no database
    rows (ORM objects belong to one session) and its readers must not change it."""
    if not has_request_context() or request.method not in _READ_METHODS or _SET.get() is not None:
        return per_request(name, conference_id, loader)
    from .db import db

    session = db.session()
    if _TOKEN not in session.info:
        session.connection()  # begins the transaction: the token is taken now (_token_at_begin)
    token = session.info.get(_TOKEN)
    if token is None or session.info.get(_WROTE) or session.new or session.dirty or session.deleted:
        return per_request(name, conference_id, loader)
    kept = current_app.extensions.setdefault("kehoach_per_state", {})
    key = (name, conference_id)
    entry = kept.get(key)
    if entry is not None and entry[0] == token:
        return entry[1]
    value = per_request(name, conference_id, loader)
    if not session.info.get(_WROTE):
        kept[key] = (token, value)
    return value


def forget_kept_results(app=None) -> None:
    """Drop every result kept across requests (tests; never needed for correctness)."""
    (app or current_app).extensions.pop("kehoach_per_state", None)
