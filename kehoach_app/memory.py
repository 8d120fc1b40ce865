"""The process's memory: the garbage collector's pace and the C library's heap (issue 19).

One place for what the server, a printout set and its helper processes tune:
- the server collects less often than Python's default while it serves pages
  (`serve_pages`), and a printout set is built at Python's own pace (`default_collection`);
- glibc keeps one malloc arena for the server (`one_heap`), and gives freed memory back to the
  system after each printout (`trim_memory`). Elsewhere (Windows, macOS, musl) both do nothing.
docs/architecture.md, "Memory of a set" and "A lazy start".
"""

from __future__ import annotations

import contextlib
import gc
import sys

# Allocations between two young collections: Python's default, and the server's while it serves
# pages. A page allocates tens of thousands of objects: at 700 a full sweep fell inside one view
# in ten and cost it 10–15 ms (the first view after a change: p95 ~50 ms, max 51, against 36
# at 5 000). Cyclic garbage is still collected, a little later.
PYTHON_YOUNG_THRESHOLD = 700
SERVER_YOUNG_THRESHOLD = 5_000

M_ARENA_MAX = -8  # mallopt's parameter (glibc's malloc.h)


def serve_pages() -> None:
    """The server's pace of collection, once its start is frozen out of the sweeps."""
    gc.set_threshold(SERVER_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


@contextlib.contextmanager
def default_collection():
    """Python's default pace for what is built inside (a printout set in the server: its
    garbage piled up at the server's pace, 300 MB for all processes at a second ZIP instead of
    278); the pace before it afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(min(before[0], PYTHON_YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _glibc():
    """The C library when it is glibc (Linux), for malloc_trim and mallopt; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim, libc.mallopt  # noqa: B018 (both or neither: glibc)
    except (OSError, AttributeError):
        return None
    return libc


_LIBC = _glibc()


def one_heap() -> None:
    """One malloc arena for the whole process (glibc). glibc gives each thread that allocates
    an arena of its own (up to 8 per processor); each set is answered by another of waitress's
    threads, whose arena grew again beside the last one's: the server held 12–20 MB more
    during a second set. Python allocates holding the GIL, so the threads lose next to nothing
    by sharing one. Called by __main__ before waitress starts its threads: a thread keeps the
    arena it was given."""
    if _LIBC is not None:
        _LIBC.mallopt(M_ARENA_MAX, 1)


def trim_memory() -> None:
    """Give the C library's free memory back to the system (glibc's malloc_trim: ~1 ms).
    After each printout of a helper and after a set: what a set freed is not kept."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
