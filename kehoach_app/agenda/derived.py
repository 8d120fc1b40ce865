"""The parts that decide some of the programme's items (the awards decide the award items): a
registry the wiring fills at start without loading the agenda's operations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..conferences.models import Conference


@dataclass(frozen=True)
class DerivedSource:
    """A part that decides some of the programme's items: the items are AgendaItem rows whose
    derived_key starts with `prefix`; `expected(conference)` says what they must be now (objects
    with key, kind, title, presenter, minutes), without writing."""

    prefix: str
    placeholder_key: str
    expected: Callable[[Conference], list]
    fix_endpoint: str  # the page where the other part's facts are changed


_SOURCES: dict[str, DerivedSource] = {}


def register_derived_source(source: DerivedSource) -> None:
    _SOURCES[source.prefix] = source


def derived_sources() -> list[DerivedSource]:
    return list(_SOURCES.values())
