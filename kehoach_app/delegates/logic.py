"""Pure functions on delegates: ordering, counts. No Flask, no database session."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from .. import vn


class _Person(Protocol):
    full_name: str
    protocol_rank: int


P = TypeVar("P", bound=_Person)

ORDERS = {"protocol": "Theo thứ tự lễ tân", "name": "Theo tên (A → Z)"}


def protocol_key(person: _Person) -> tuple:
    """Most senior first (rank 1, 2, …); unranked (0) last, then by Vietnamese name order."""
    rank = person.protocol_rank or 0
    return (rank == 0, rank, vn.name_sort_key(person.full_name))


def sort_delegates(people: Iterable[P], order: str = "protocol") -> list[P]:
    """People in protocol order or in Vietnamese name order (tên, tên đệm, họ)."""
    if order == "name":
        return sorted(people, key=lambda p: vn.name_sort_key(p.full_name))
    return sorted(people, key=protocol_key)
