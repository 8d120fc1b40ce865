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
from .derived import DerivedSource, derived_sources
from .logic import (
    BREAK_KIND,
    DEFAULT_BREAK_MINUTES,
    DEFAULT_BREAK_TITLE,
    DERIVED_ANCHOR_KINDS,
    EDIT_MARK,
    AgendaEntry,
    base_key,
    introduction_lines,
    text_fingerprint,
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
        derived_key=item.derived_key,
        edited=bool(item.edited),
    )


def entries_of(conference: Conference) -> list[AgendaEntry]:
    return [entry_of(item) for item in items_of(conference)]


def introduced_delegates(conference: Conference) -> list[str]:
    """The lines the MC reads to introduce the delegates, group by group in protocol order
    (logic.introduction_lines), from the delegates part's rows."""
    from ..delegates.printout import conference_delegates, conference_groups

    return introduction_lines(conference_delegates(conference), conference_groups(conference))


def introduction_stand_in(conference: Conference) -> list[str]:
    """For the checks: one line in place of the MC's introduction when someone is to be
    introduced, none otherwise (introduced_delegates words every delegate)."""
    from ..delegates.models import Delegate

    coming = db.session.scalar(
        select(Delegate.id)
        .where(Delegate.conference_id == conference.id, Delegate.reply != "absent")
        .limit(1)
    )
    return ["Đồng chí đại biểu"] if coming is not None else []


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


# The words of an item the program generates; the officer changing one of them makes a kept
# item "edited" (its MC words and notes are the officer's anyway, its minutes always follow).
_GENERATED_FIELDS = ("kind", "title", "presenter", "presenter_unit")


def derived_timing(item: AgendaItem):
    """What decides a kept item's minutes: the other part's expected item (its `minutes`, and
    for an award form its `batches`), or None for the officer's own items, a preset's
    placeholder, and a kept item its part no longer expects (the next sync removes it)."""
    source = _source_of(item.derived_key)
    key = base_key(item.derived_key)
    if source is None or key == source.placeholder_key:
        return None
    return next((e for e in source.expected(item.conference) if e.key == key), None)


def update_item(item: AgendaItem, values: dict) -> bool:
    """Save the form's values; False when nothing changed (no undo step is kept).

    A kept item's minutes are never the form's: they stay what its part decides (an award
    item lasts batches × minutes per batch), whatever was posted.

    A kept item (derived_key) whose words the officer changes is marked edited: its words are
    no longer replaced, and its key remembers the generated words it replaced (logic.EDIT_MARK).
    A preset's placeholder the officer rewrites becomes the officer's own item.
    """
    timing = derived_timing(item)
    if timing is not None:
        values = {**values, "minutes": timing.minutes}
    if all(getattr(item, name) == values[name] for name in AgendaItem.FIELDS if name in values):
        return False
    take_snapshot(item.conference, SNAPSHOT_ACTION, f"Sửa mục {number_of(item)} của chương trình")
    reworded = any(
        name in values and getattr(item, name) != values[name] for name in _GENERATED_FIELDS
    )
    if item.derived_key and reworded:
        source = _source_of(item.derived_key)
        if source is not None and base_key(item.derived_key) == source.placeholder_key:
            item.derived_key = None
        elif not item.edited:
            fingerprint = text_fingerprint(
                item.kind, item.title, item.presenter, item.presenter_unit
            )
            item.derived_key = f"{base_key(item.derived_key)}{EDIT_MARK}{fingerprint}"
            item.edited = True
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
        item = AgendaItem(
            conference_id=conference.id,
            position=position,
            derived_key=values.get("derived_key"),
            edited=bool(values.get("edited")),
        )
        _set(item, values)
        db.session.add(item)
    db.session.flush()
    for item in old:
        db.session.delete(item)
    db.session.flush()


# --------------------------------------------------------------------------------------------
# Items kept in step with another part (the award ceremony: docs/agenda.md)
# --------------------------------------------------------------------------------------------


def _source_of(key: str | None) -> DerivedSource | None:
    key = base_key(key) or ""
    return next((s for s in derived_sources() if key.startswith(s.prefix)), None)


def keep_derived_items(
    conference: Conference, prefix: str, expected: Sequence, placeholder_key: str
) -> bool:
    """Bring the programme's items of `prefix` in step with `expected`; True when it changed.

    Called by the other part's operations after they change its facts (no snapshot here: the
    calling operation took it). Rules (docs/agenda.md):
    - with nothing expected, the kept items go and a preset's placeholders stay;
    - otherwise the placeholders go, an item is added for each new key, removed when its key is
      gone, re-timed always, re-worded unless the officer edited it;
    - the items stand together, in the expected order, where the first of them (or of the
      placeholders) stood — else before the first closing item (phát biểu chỉ đạo, phát động,
      hưởng ứng, ký kết, bế mạc), else at the end; an item of the officer's own that stood
      between two kept items stays right after the one it followed.
    """
    rows = items_of(conference)

    def kept(row: AgendaItem) -> bool:
        return bool(row.derived_key) and (base_key(row.derived_key) or "").startswith(prefix)

    wanted = [item.key for item in expected]
    existing = {
        base_key(row.derived_key): row
        for row in rows
        if kept(row) and base_key(row.derived_key) != placeholder_key
    }
    positions = [i for i, row in enumerate(rows) if kept(row)]
    if positions:
        first, last = positions[0], positions[-1]
    else:
        anchor = next(
            (i for i, row in enumerate(rows) if row.kind in DERIVED_ANCHOR_KINDS), len(rows)
        )
        first, last = anchor, anchor - 1
    before, inside, after = rows[:first], rows[first : last + 1], rows[last + 1 :]

    followers: dict[str | None, list[AgendaItem]] = {}
    gone: list[AgendaItem] = []
    current: str | None = None
    for row in inside:
        key = base_key(row.derived_key) if kept(row) else None
        if key is None:
            followers.setdefault(current, []).append(row)
        elif key in wanted:
            current = key
        elif key != placeholder_key or wanted:
            gone.append(row)
        else:  # no awards yet: a placeholder stays where it is
            followers.setdefault(current, []).append(row)

    changed = bool(gone)
    block = list(followers.pop(None, []))
    for item in expected:
        row = existing.get(item.key)
        if row is None:
            row = AgendaItem(
                conference_id=conference.id,
                position=len(rows) + len(block) + 1,
                derived_key=item.key,
                edited=False,
                presenter_unit="",
                mc_text="",
                notes="",
                kind=item.kind,
                title=item.title[:2000],
                presenter=item.presenter[:300],
                minutes=item.minutes,
            )
            db.session.add(row)
            changed = True
        else:
            values = {"minutes": item.minutes}
            if not row.edited:
                values.update(
                    kind=item.kind,
                    title=item.title[:2000],
                    presenter=item.presenter[:300],
                    presenter_unit="",
                )
            if any(getattr(row, name) != value for name, value in values.items()):
                _set(row, values)
                changed = True
        block.append(row)
        block.extend(followers.pop(item.key, []))
    for rest in followers.values():  # followers of a kept item that is gone
        block.extend(rest)
    for row in gone:
        db.session.delete(row)
    db.session.flush()
    ordered = before + block + after
    if [row.id for row in ordered] != [row.id for row in rows if row not in gone]:
        changed = True
    _renumber(ordered)
    db.session.flush()
    return changed


def refresh_derived(conference: Conference) -> bool:
    """Bring every part's kept items in step (after "Theo nội dung tự động", or on request)."""
    changed = False
    for source in derived_sources():
        changed |= keep_derived_items(
            conference, source.prefix, source.expected(conference), source.placeholder_key
        )
    return changed


def restore_generated(item: AgendaItem) -> None:
    """Give an edited kept item its generated words back (the officer's MC words stay)."""
    take_snapshot(
        item.conference,
        SNAPSHOT_ACTION,
        f"Trả mục {number_of(item)} của chương trình về nội dung tự động",
    )
    item.derived_key = base_key(item.derived_key)
    item.edited = False
    db.session.flush()
    refresh_derived(item.conference)
