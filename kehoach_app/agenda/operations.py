"""Named operations that change a conference's programme: add, edit, delete, move, insert a break.

Each one takes an undo snapshot first, changes the rows and flushes; the view commits once, so a
refused or failed operation leaves nothing half-saved.

Positions are renumbered with a plain UPDATE that leaves the rows' version alone: moving an item
must not make an edit form open in another tab look stale (its text did not change), so an
officer who reorders the programme never loses what they are typing elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..db import db
from .logic import (
    BREAK_KIND,
    DEFAULT_BREAK_MINUTES,
    DEFAULT_BREAK_TITLE,
    AgendaEntry,
)
from .models import AgendaItem

SNAPSHOT_ACTION = "agenda"


def items_of(conference: Conference) -> list[AgendaItem]:
    """The conference's programme items in order."""
    return list(
        db.session.scalars(
            select(AgendaItem)
            .where(AgendaItem.conference_id == conference.id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def entry_of(item: AgendaItem) -> AgendaEntry:
    return AgendaEntry(
        kind=item.kind,
        title=item.title,
        minutes=item.minutes,
        presenter=item.presenter,
        presenter_unit=item.presenter_unit,
        mc_text=item.mc_text,
        notes=item.notes,
        id=item.id,
    )


def entries_of(conference: Conference) -> list[AgendaEntry]:
    return [entry_of(item) for item in items_of(conference)]


def _renumber(ordered: Sequence[AgendaItem]) -> None:
    """Give `ordered` the positions 1, 2, … without touching their version (see above).

    updated_at is kept too: it changes only when an item's content does (see edit_token).
    """
    table = AgendaItem.__table__
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            db.session.execute(
                table.update()
                .where(table.c.id == item.id)
                .values(position=position, updated_at=table.c.updated_at)
            )
            db.session.expire(item, ["position"])


def edit_token(item: AgendaItem) -> str:
    """What an edit form carries to recognise a stale save: the row's version and the time of
    its last change. The time also tells apart a new row that took the id of a deleted one
    (SQLite may reuse the highest id), which starts again at version 1."""
    return f"{item.version}.{item.updated_at:%Y%m%d%H%M%S}"


def add_item(conference: Conference, values: dict, after: AgendaItem | None, at_top: bool) -> int:
    """Insert a new item after `after` (at the top, or at the end when neither); its number."""
    items = items_of(conference)
    if at_top:
        index = 0
    elif after is not None:
        index = items.index(after) + 1
    else:
        index = len(items)
    take_snapshot(conference, SNAPSHOT_ACTION, f"Thêm mục {index + 1} vào chương trình")
    item = AgendaItem(conference_id=conference.id, position=len(items) + 1)
    _set(item, values)
    db.session.add(item)
    db.session.flush()
    items.insert(index, item)
    _renumber(items)
    db.session.flush()
    return index + 1


def _set(item: AgendaItem, values: dict) -> None:
    for name in AgendaItem.FIELDS:
        if name in values:
            setattr(item, name, values[name])


def number_of(item: AgendaItem) -> int:
    return items_of(item.conference).index(item) + 1


def update_item(item: AgendaItem, values: dict) -> bool:
    """Save the form's values; False when nothing changed (no undo step is kept)."""
    if all(getattr(item, name) == values[name] for name in AgendaItem.FIELDS if name in values):
        return False
    take_snapshot(item.conference, SNAPSHOT_ACTION, f"Sửa mục {number_of(item)} của chương trình")
    _set(item, values)
    db.session.flush()
    return True


def delete_item(item: AgendaItem) -> int:
    """Delete an item and close the gap; returns the number it had."""
    conference = item.conference
    items = items_of(conference)
    number = items.index(item) + 1
    take_snapshot(conference, SNAPSHOT_ACTION, f"Xóa mục {number} khỏi chương trình")
    items.remove(item)
    db.session.delete(item)
    db.session.flush()
    _renumber(items)
    db.session.flush()
    return number


def move_item(item: AgendaItem, offset: int) -> tuple[int, int] | None:
    """Move an item `offset` places (−1 up, +1 down); (old, new) numbers, None at an end."""
    items = items_of(item.conference)
    old = items.index(item)
    new = old + offset
    if not 0 <= new < len(items):
        return None
    direction = "lên" if offset < 0 else "xuống"
    take_snapshot(
        item.conference, SNAPSHOT_ACTION, f"Chuyển mục {old + 1} của chương trình {direction}"
    )
    items.insert(new, items.pop(old))
    _renumber(items)
    db.session.flush()
    return old + 1, new + 1


def reorder(conference: Conference, ordered_ids: Sequence[int]) -> bool:
    """Put the items in the order of `ordered_ids` (every current id exactly once).

    False, and nothing changed, when the ids are not exactly the programme's (it changed in
    another tab meanwhile).
    """
    items = items_of(conference)
    by_id = {item.id: item for item in items}
    if sorted(ordered_ids) != sorted(by_id) or len(set(ordered_ids)) != len(ordered_ids):
        return False
    if [item.id for item in items] == list(ordered_ids):
        return True
    take_snapshot(conference, SNAPSHOT_ACTION, "Sắp xếp lại thứ tự chương trình")
    _renumber([by_id[item_id] for item_id in ordered_ids])
    db.session.flush()
    return True


def insert_break_after(item: AgendaItem, minutes: int = DEFAULT_BREAK_MINUTES) -> int:
    """Insert a 'Nghỉ giải lao' item after `item`; returns the break's number."""
    values = {
        "kind": BREAK_KIND,
        "title": DEFAULT_BREAK_TITLE,
        "minutes": minutes,
        "presenter": "",
        "presenter_unit": "",
        "mc_text": "",
        "notes": "",
    }
    conference = item.conference
    items = items_of(conference)
    index = items.index(item) + 1
    take_snapshot(conference, SNAPSHOT_ACTION, f"Chèn nghỉ giải lao sau mục {index}")
    new = AgendaItem(conference_id=conference.id, position=len(items) + 1)
    _set(new, values)
    db.session.add(new)
    db.session.flush()
    items.insert(index, new)
    _renumber(items)
    db.session.flush()
    return index + 1


def replace_items(conference: Conference, rows: Sequence[dict]) -> None:
    """Make the programme exactly `rows` (checked values, in order): import, copy and undo.

    The new rows are written before the old ones are deleted, so they never take an old id: an
    edit page still open on a replaced item says the item is gone instead of editing another.
    """
    old = items_of(conference)
    for position, values in enumerate(rows, start=1):
        item = AgendaItem(conference_id=conference.id, position=position)
        _set(item, values)
        db.session.add(item)
    db.session.flush()
    for item in old:
        db.session.delete(item)
    db.session.flush()
