"""One reader of a conference's delegates and groups, for the parts that only read them (issue 19).

Seating, awards, the budget, the plan and the printouts each used to read the delegates their own
way — ORM objects for every delegate, and `delegate.group` looked up lazily one delegate at a time
(≈1,000 queries for a 1,000-delegate conference). Here: one query with the group joined, light
rows (no ORM objects, no session behind them), read once per GET request or printout set
(readmodel.per_request), and the one delegate → person mapping the parts build from them.

Forms and operations that change delegates still work on the ORM rows (delegates/operations.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from sqlalchemy import select

from ..db import db
from ..readmodel import per_content, per_request
from .models import Delegate, DelegateGroup


@dataclass(frozen=True, slots=True)
class DelegateRow:
    """A delegate as the reading parts need them: the stored values as they are (None kept where
    the column holds None; each mapping below gives its own default), and the group's."""

    id: int
    full_name: str
    honorific: str | None
    position: str | None
    unit: str | None
    protocol_rank: int | None
    presidium: bool | None
    reply: str | None
    substitute_name: str | None
    check_in_code: str | None
    group_id: int | None
    group_name: str  # "" without a group
    group_position: int | None
    # the QR mask stored with the code (checkin/qrmask.py); None: not worked out
    check_in_mask: int | None = None
    # the day the giấy mời was sent (the sổ theo dõi prints it); None: not sent
    invitation_sent_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: int
    position: int
    name: str
    planned: int


def _read_rows(conference_id: int) -> _Read:
    result = db.session.execute(
        select(
            Delegate.id,
            Delegate.full_name,
            Delegate.honorific,
            Delegate.position,
            Delegate.unit,
            Delegate.protocol_rank,
            Delegate.presidium,
            Delegate.reply,
            Delegate.substitute_name,
            Delegate.check_in_code,
            Delegate.group_id,
            DelegateGroup.name,
            DelegateGroup.position,
            Delegate.check_in_mask,
            Delegate.invitation_sent_on,
        )
        .outerjoin(DelegateGroup, DelegateGroup.id == Delegate.group_id)
        .where(Delegate.conference_id == conference_id)
        .order_by(Delegate.id)
    )
    # The rows as SQLite returned them are the whole input of what is built from them here:
    # kept by that content (readmodel.per_content), an edit elsewhere — the conference, the
    # awards, another process's touch — finds the rows and people built (issue 19).
    raw = tuple(map(tuple, result))
    return per_content("delegates.reading", raw, lambda: _Read(_rows_of(raw)))


def _rows_of(raw: tuple[tuple, ...]) -> tuple[DelegateRow, ...]:
    return tuple(
        DelegateRow(
            id=r[0],
            full_name=r[1],
            honorific=r[2],
            position=r[3],
            unit=r[4],
            protocol_rank=r[5],
            presidium=r[6],
            reply=r[7],
            substitute_name=r[8],
            check_in_code=r[9],
            group_id=r[10],
            group_name=r[11] or "",
            group_position=r[12],
            check_in_mask=r[13],
            invitation_sent_on=r[14],
        )
        for r in raw
    )


class _Read:
    """What is built from one content of the delegates' rows: the rows, and each part's people
    on first use. Shared between requests (readmodel.per_content): frozen values only."""

    def __init__(self, rows: tuple[DelegateRow, ...]) -> None:
        self.rows = rows

    @cached_property
    def seating_people(self) -> tuple:
        return tuple(seating_person(row) for row in self.rows)

    @cached_property
    def award_people(self) -> Mapping:
        return MappingProxyType({row.id: award_person(row) for row in self.rows})


def delegate_rows(conference_id: int) -> tuple[DelegateRow, ...]:
    """Every delegate of the conference, in id order (the order they were entered), with their
    group — one query, read once per GET request or printout set. A tuple: callers that sort
    make their own list."""
    return _read(conference_id).rows


def _read(conference_id: int) -> _Read:
    return per_request("delegates.reading.rows", conference_id, lambda: _read_rows(conference_id))


def group_rows(conference_id: int) -> tuple[GroupRow, ...]:
    """The conference's thành phần in the officer's order, read once as delegate_rows."""

    def read() -> tuple[GroupRow, ...]:
        result = db.session.execute(
            select(
                DelegateGroup.id, DelegateGroup.position, DelegateGroup.name, DelegateGroup.planned
            )
            .where(DelegateGroup.conference_id == conference_id)
            .order_by(DelegateGroup.position, DelegateGroup.id)
        )
        return tuple(GroupRow(r[0], r[1], r[2], r[3] or 0) for r in result)

    return per_request("delegates.reading.groups", conference_id, read)


# ------------------------------------------------------------------ delegate → person


def seating_person(row: DelegateRow):
    """The delegate as seating (and the table cards, the seat list) needs them."""
    from ..seating.logic import Person

    return Person(
        id=row.id,
        full_name=row.full_name,
        position=row.position or "",
        unit=row.unit or "",
        protocol_rank=row.protocol_rank or 0,
        presidium=bool(row.presidium),
        group_id=row.group_id,
        reply=row.reply,
        substitute_name=row.substitute_name or "",
        honorific=row.honorific or "Đồng chí",
        code=row.check_in_code or "",
        code_mask=row.check_in_mask,
    )


def award_person(row: DelegateRow):
    """The delegate as the award ceremony needs them (presenters, receivers): the level of
    government they lead at is read from the position, unit and group (awards.logic)."""
    from ..awards.logic import Person, presenter_level

    return Person(
        id=row.id,
        full_name=row.full_name,
        honorific=row.honorific,
        position=row.position,
        unit=row.unit,
        protocol_rank=row.protocol_rank or 0,
        presidium=bool(row.presidium),
        absent=row.reply == "absent",
        level=presenter_level(row.position, row.unit, row.group_name),
    )


def seating_people(conference_id: int) -> list:
    """Every delegate as seating's Person, in id order; built once per request or set (a new
    list each call, so a caller may sort its own)."""
    return list(_read(conference_id).seating_people)


def award_people(conference_id: int) -> dict:
    """Every delegate as the ceremony's Person, by id; built once per content of the rows
    (read only: shared between requests)."""
    return _read(conference_id).award_people
