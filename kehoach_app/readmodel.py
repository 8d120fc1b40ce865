"""One read of a part's data per request: the page, its cards and the pre-signature checks of one
GET share what a part loaded (issue 14's check runs every part's rules; issue 19's read model).

Only while a GET (or HEAD) request is being answered — reading should never write, so what was
loaded is still true later in the request; and should a GET write all the same (a catalogue
seeded on first use, the demo built inside a test's request), any flush forgets what was loaded.
Anywhere else (a POST that changes data and reads it back, the command line, a printout set
built outside a request) every call loads afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from flask import g, has_request_context, request
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


def per_request(name: str, conference_id: int, loader: Callable[[], T]) -> T:
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


@event.listens_for(Session, "after_flush")
def _forget_after_a_write(session, flush_context) -> None:
    """A write makes what was loaded before it stale."""
    store = _SET.get()
    if store is not None:
        store.clear()
    if has_request_context():
        g.pop("read_model", None)
