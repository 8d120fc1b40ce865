"""The register of printouts: what each part prints, and how to build it (issue 19).

Kept apart from `printouts` (the set, the file names) so that `print_helpers`, which builds part
of a set in helper processes, can look a printout up without importing `printouts` — which
imports it: no import loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .conferences.models import Conference


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
    # The description as it reads for one conference (it names the conference's own office,
    # e.g. who appraises the estimate); None: `description` as written.
    describe: Callable[[Conference], str] | None = None
    # How heavy its build is for a large conference, relative: 1 a few pages; 2 a row for
    # every delegate or award; 3 a page or a label for every delegate. A complete set builds
    # the heaviest first, so that its processes end together on small ones (print_helpers).
    weight: int = 1


_PRINTOUTS: dict[str, Printout] = {}


def register_printout(printout: Printout) -> None:
    _PRINTOUTS[printout.key] = printout


def all_printouts() -> list[Printout]:
    """Every printout, in the print centre's order (then in the order they were registered)."""
    return sorted(_PRINTOUTS.values(), key=lambda p: p.order)


def get_printout(key: str) -> Printout | None:
    return _PRINTOUTS.get(key)
