"""Named operations that change a conference's delegates and groups, and the queries the pages use.

Every change takes an undo snapshot first (conferences.operations.take_snapshot), changes the
rows and flushes; the view commits once, so a refused or failed change leaves nothing half-saved.
Queries fetch a whole list in one statement (no query per row): 1,000 delegates stay fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import joinedload

from .. import vn
from ..conferences.forms import MAX_DELEGATES
from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..db import db
from . import logic
from .models import Delegate, DelegateGroup

ACTION = "delegates"

# The columns the list page shows: fetched as plain rows, never as one object per person.
LIST_COLUMNS = (
    Delegate.id,
    Delegate.group_id,
    Delegate.honorific,
    Delegate.full_name,
    Delegate.position,
    Delegate.unit,
    Delegate.protocol_rank,
    Delegate.presidium,
    Delegate.phone,
    Delegate.invitation_sent_on,
    Delegate.reply,
    Delegate.substitute_name,
)


# --------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------


def groups_of(conference: Conference) -> list[DelegateGroup]:
    """The conference's groups in their order."""
    return list(
        db.session.scalars(
            select(DelegateGroup)
            .where(DelegateGroup.conference_id == conference.id)
            .order_by(DelegateGroup.position, DelegateGroup.id)
        )
    )


def list_rows(conference: Conference) -> list:
    """Every delegate of the conference as a light row (attribute access, one query)."""
    return list(
        db.session.execute(select(*LIST_COLUMNS).where(Delegate.conference_id == conference.id))
    )


# --- the list page: one page of rows and the counts, asked of SQLite (issue 19) -------------
#
# The page shows 100 people; it must not load 5,000 to do so. Filters, the search and the order
# run in SQLite, and only the page's rows come back. The two rules SQL does not know — the
# Vietnamese name order (vn.name_sort_key) and the accent-insensitive search (logic.SearchQuery)
# — are the same Python functions, registered on each connection as SQL functions, so the page
# and the printouts can never disagree on an order or a match. The name order is given to
# SQLite as bytes that sort (memcmp) as the Python key does.


def _order_bytes(value) -> bytes:
    """Bytes whose byte order is Python's order of `value` (nested tuples, ints, strings, bools):
    a tuple is its elements then 0x00 (so a prefix sorts first, as in Python); a string is its
    UTF-8 (code point order) with 0x00 escaped; an int is offset and big-endian."""
    if isinstance(value, tuple):
        return b"\x04" + b"".join(_order_bytes(item) for item in value) + b"\x00"
    if isinstance(value, str):
        return b"\x03" + value.encode("utf-8").replace(b"\x00", b"\x00\xff") + b"\x00"
    if isinstance(value, int):  # bool included
        return b"\x02" + (int(value) + 2**47).to_bytes(6, "big")
    raise TypeError(f"không sắp xếp được giá trị {value!r}")


@lru_cache(maxsize=50_000)
def _name_order(full_name: str | None) -> bytes:
    return _order_bytes(vn.name_sort_key(full_name or ""))


@lru_cache(maxsize=64)
def _search(text: str) -> logic.SearchQuery:
    return logic.SearchQuery.parse(text)


def _matches(text: str, full_name: str | None, unit: str | None, position: str | None) -> int:
    return int(_search(text or "").matches(full_name or "", unit or "", position or ""))


_FUNCTIONS_READY = "kehoach.delegates.sql_functions"


def _sql_functions() -> None:
    """Register kh_name_order(full_name) and kh_matches(query, name, unit, position) once on the
    connection this session uses (the pool keeps `info` for the life of the connection)."""
    pooled = db.session.connection().connection
    if pooled.info.get(_FUNCTIONS_READY):
        return
    raw = pooled.dbapi_connection
    raw.create_function("kh_name_order", 1, _name_order, deterministic=True)
    raw.create_function("kh_matches", 4, _matches, deterministic=True)
    pooled.info[_FUNCTIONS_READY] = True


@dataclass(frozen=True)
class ListQuery:
    """What the list page asks: filters (None: any), the search text, the order, the page."""

    group_id: int | None = None
    ungrouped: bool = False  # only those in no group
    reply: str = ""
    invited: bool | None = None  # True: an invitation went out; False: not yet
    search: str = ""
    order: str = "protocol"  # or "name"
    page: int = 1
    size: int = 100


@dataclass
class ListPage:
    rows: list  # the page's rows (LIST_COLUMNS), in order
    found: int  # how many match the filters, on all pages
    page: int  # the page shown (the asked one, at most the last)
    pages: int
    size: int = 100

    @property
    def first(self) -> int:
        """The number of the page's first row among those found (1-based)."""
        return (self.page - 1) * self.size + 1 if self.rows else 0


def _list_conditions(conference: Conference, query: ListQuery) -> list:
    conditions = [Delegate.conference_id == conference.id]
    if query.ungrouped:
        conditions.append(Delegate.group_id.is_(None))
    elif query.group_id is not None:
        conditions.append(Delegate.group_id == query.group_id)
    if query.reply:
        conditions.append(Delegate.reply == query.reply)
    if query.invited is not None:
        sent = Delegate.invitation_sent_on
        conditions.append(sent.is_not(None) if query.invited else sent.is_(None))
    if logic.SearchQuery.parse(query.search):
        conditions.append(
            func.kh_matches(query.search, Delegate.full_name, Delegate.unit, Delegate.position) == 1
        )
    return conditions


def list_page(conference: Conference, query: ListQuery) -> ListPage:
    """One page of the list: the rows the filters keep, in the order asked (logic.sort_delegates:
    protocol — ranked first by rank, then by name — or by name), and how many there are. Two
    statements whatever the size of the list."""
    _sql_functions()
    conditions = _list_conditions(conference, query)
    found = db.session.scalar(select(func.count()).select_from(Delegate).where(*conditions))
    pages = max(1, -(-found // query.size))
    page = min(max(query.page, 1), pages)
    name = func.kh_name_order(Delegate.full_name)
    if query.order == "name":
        order = (name, Delegate.id)
    else:
        rank = func.coalesce(Delegate.protocol_rank, 0)
        order = (rank == 0, rank, name, Delegate.id)
    rows = list(
        db.session.execute(
            select(*LIST_COLUMNS)
            .where(*conditions)
            .order_by(*order)
            .limit(query.size)
            .offset((page - 1) * query.size)
        )
    )
    return ListPage(rows=rows, found=found, page=page, pages=pages, size=query.size)


def list_tally(conference: Conference, groups: Sequence[DelegateGroup]) -> logic.Tally:
    """logic.tally of every delegate, counted by SQLite (one GROUP BY, no row loaded)."""
    confirmed = Delegate.reply.in_(sorted(logic.CONFIRMED_REPLIES))
    counts = db.session.execute(
        select(
            Delegate.group_id,
            func.count(),
            func.count(Delegate.invitation_sent_on),
            func.coalesce(func.sum(case((confirmed, 1), else_=0)), 0),
            func.coalesce(func.sum(case((Delegate.reply == "pending", 1), else_=0)), 0),
        )
        .where(Delegate.conference_id == conference.id)
        .group_by(Delegate.group_id)
    )
    lines = {g.id: logic.GroupTally(group_id=g.id, name=g.name, planned=g.planned) for g in groups}
    ungrouped = logic.GroupTally(group_id=None, name=logic.UNGROUPED, planned=0)
    for group_id, listed, invited, confirmed_count, pending in counts:
        line = lines.get(group_id, ungrouped)  # a group not among `groups` counts as none
        line.listed += listed
        line.invited += invited
        line.confirmed += confirmed_count
        line.pending += pending
    return logic.Tally(groups=[lines[g.id] for g in groups], ungrouped=ungrouped)


def delegates_of(conference: Conference) -> list[Delegate]:
    """Every delegate of the conference as full objects, their group loaded in the same query."""
    return list(
        db.session.scalars(
            select(Delegate)
            .options(joinedload(Delegate.group))
            .where(Delegate.conference_id == conference.id)
            .order_by(Delegate.id)
        )
    )


def delegates_by_ids(conference: Conference, ids: Iterable[int]) -> list[Delegate]:
    """The delegates among `ids` that belong to this conference (others are ignored)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return list(
        db.session.scalars(
            select(Delegate)
            .options(joinedload(Delegate.group))
            .where(Delegate.conference_id == conference.id, Delegate.id.in_(wanted))
            .order_by(Delegate.id)
        )
    )


def delegates_in_group(conference: Conference, group_id: int | None) -> list[Delegate]:
    """The delegates of one group (None: those in no group)."""
    condition = Delegate.group_id.is_(None) if group_id is None else Delegate.group_id == group_id
    return list(
        db.session.scalars(
            select(Delegate)
            .options(joinedload(Delegate.group))
            .where(Delegate.conference_id == conference.id, condition)
            .order_by(Delegate.id)
        )
    )


# SQLite integers are 64-bit: a longer id cannot name a row (and cannot be bound).
_MAX_ID = 2**63 - 1


def get_delegate(conference: Conference, delegate_id: int) -> Delegate | None:
    if not 0 < delegate_id <= _MAX_ID:
        return None
    person = db.session.get(Delegate, delegate_id)
    if person is None or person.conference_id != conference.id:
        return None
    return person


def get_group(conference: Conference, group_id: int) -> DelegateGroup | None:
    if not 0 < group_id <= _MAX_ID:
        return None
    group = db.session.get(DelegateGroup, group_id)
    if group is None or group.conference_id != conference.id:
        return None
    return group


def count_in_group(group: DelegateGroup) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Delegate).where(Delegate.group_id == group.id)
    )


def identity_pairs(conference: Conference) -> list[tuple[str, str, int]]:
    """(full_name, unit, id) of every delegate, for duplicate checks."""
    return list(
        db.session.execute(
            select(Delegate.full_name, Delegate.unit, Delegate.id).where(
                Delegate.conference_id == conference.id
            )
        )
    )


# --------------------------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------------------------


def _renumber(groups: Sequence[DelegateGroup]) -> None:
    for position, group in enumerate(groups, start=1):
        if group.position != position:
            group.position = position


def add_group(conference: Conference, values: dict) -> DelegateGroup:
    take_snapshot(conference, ACTION, "Thêm thành phần đại biểu")
    groups = groups_of(conference)
    group = DelegateGroup(conference_id=conference.id, position=len(groups) + 1, **values)
    db.session.add(group)
    db.session.flush()
    return group


def update_group(conference: Conference, group: DelegateGroup, values: dict) -> bool:
    """Save a group's values; False when nothing changed (no undo step is kept)."""
    if all(getattr(group, name) == value for name, value in values.items()):
        return False
    take_snapshot(conference, ACTION, "Sửa thành phần đại biểu")
    for name, value in values.items():
        setattr(group, name, value)
    db.session.flush()
    return True


def delete_group(conference: Conference, group: DelegateGroup) -> int:
    """Delete a group; its delegates move to "Chưa phân nhóm". Returns how many moved."""
    take_snapshot(conference, ACTION, "Xóa thành phần đại biểu")
    moved = db.session.execute(
        update(Delegate)
        .where(Delegate.group_id == group.id)
        .values(group_id=None, version=Delegate.version + 1)
        .execution_options(synchronize_session="fetch")
    ).rowcount
    db.session.delete(group)
    db.session.flush()
    _renumber(groups_of(conference))
    db.session.flush()
    return moved


def move_group(conference: Conference, group: DelegateGroup, step: int) -> bool:
    """Move a group one place up (-1) or down (+1); False when it is already at that end."""
    groups = groups_of(conference)
    index = groups.index(group)
    target = index + step
    if not 0 <= target < len(groups):
        return False
    take_snapshot(conference, ACTION, "Đổi thứ tự thành phần đại biểu")
    groups[index], groups[target] = groups[target], groups[index]
    _renumber(groups)
    db.session.flush()
    return True


# The two ways to make the groups a breakdown of the planned total (delegates page, "Đối chiếu").
RECONCILE_TO_GROUPS = "theo-thanh-phan"  # the conference's total becomes the groups' sum
RECONCILE_TO_TOTAL = "theo-tong"  # the groups are scaled in proportion to add up to the total


def reconcile_planned(conference: Conference, how: str) -> bool:
    """Make the groups' planned counts and the conference's planned total agree, in one undo
    step; False when they already agree (nothing is changed, no undo step is kept).

    RECONCILE_TO_GROUPS sets Conference.planned_delegates to the groups' sum; RECONCILE_TO_TOTAL
    scales the groups' counts (logic.scale_to_total). Raises ValueError for another `how`.
    """
    if how not in (RECONCILE_TO_GROUPS, RECONCILE_TO_TOTAL):
        raise ValueError(f"unknown way to reconcile: {how!r}")
    groups = groups_of(conference)
    planned = logic.planned_total(conference.planned_delegates, groups)
    if planned.agrees:
        return False
    if how == RECONCILE_TO_GROUPS:
        if not 1 <= planned.groups_sum <= MAX_DELEGATES:
            raise ValueError(f"the groups add up to {planned.groups_sum}, out of range")
        take_snapshot(conference, ACTION, "Lấy tổng các thành phần làm số đại biểu dự kiến")
        conference.planned_delegates = planned.groups_sum
    else:
        take_snapshot(conference, ACTION, "Chia lại số dự kiến của các thành phần theo tổng")
        counts = logic.scale_to_total([g.planned for g in groups], conference.planned_delegates)
        for group, count in zip(groups, counts, strict=True):
            if group.planned != count:
                group.planned = count
    db.session.flush()
    return True


# --------------------------------------------------------------------------------------------
# Delegates
# --------------------------------------------------------------------------------------------


def add_delegate(conference: Conference, values: dict) -> Delegate:
    take_snapshot(conference, ACTION, "Thêm đại biểu")
    person = Delegate(conference_id=conference.id, **values)
    db.session.add(person)
    db.session.flush()
    return person


def update_delegate(conference: Conference, person: Delegate, values: dict) -> bool:
    """Save a delegate's values; False when nothing changed (no undo step is kept)."""
    if all(getattr(person, name) == value for name, value in values.items()):
        return False
    take_snapshot(conference, ACTION, "Sửa thông tin đại biểu")
    for name, value in values.items():
        setattr(person, name, value)
    db.session.flush()
    return True


def delete_delegates(conference: Conference, ids: Iterable[int]) -> int:
    """Delete the conference's delegates among `ids`; returns how many were deleted."""
    wanted = _own_ids(conference, ids)
    if not wanted:
        return 0
    take_snapshot(
        conference, ACTION, "Xóa đại biểu" if len(wanted) == 1 else f"Xóa {len(wanted)} đại biểu"
    )
    db.session.execute(
        delete(Delegate)
        .where(Delegate.id.in_(wanted))
        .execution_options(synchronize_session="fetch")
    )
    db.session.flush()
    return len(wanted)


# Marks "leave this as it is" in bulk_update.
KEEP = object()


def bulk_update(
    conference: Conference,
    ids: Iterable[int],
    *,
    group_id: int | None | object = KEEP,
    reply: str | object = KEEP,
    invitation_sent_on: dt.date | None | object = KEEP,
) -> int:
    """Set the group, the reply and/or the invitation date of many delegates at once.

    Returns how many delegates were changed. The reply "substitute" is not set in bulk: each
    substitute needs a name (the view refuses it before calling this).
    """
    wanted = _own_ids(conference, ids)
    values: dict = {}
    if group_id is not KEEP:
        values["group_id"] = group_id
    if reply is not KEEP:
        values["reply"] = reply
        if reply != "substitute":
            values["substitute_name"] = ""
    if invitation_sent_on is not KEEP:
        values["invitation_sent_on"] = invitation_sent_on
    if not wanted or not values:
        return 0
    take_snapshot(conference, ACTION, f"Sửa hàng loạt {len(wanted)} đại biểu")
    values["version"] = Delegate.version + 1
    values["updated_at"] = dt.datetime.now().replace(microsecond=0)
    db.session.execute(
        update(Delegate)
        .where(Delegate.id.in_(wanted))
        .values(**values)
        .execution_options(synchronize_session="fetch")
    )
    db.session.flush()
    return len(wanted)


def mark_invitations_sent(conference: Conference, ids: Iterable[int], day: dt.date) -> int:
    """Record that the invitations of these delegates went out on `day`."""
    return bulk_update(conference, ids, invitation_sent_on=day)


def import_delegates(conference: Conference, rows: Sequence[dict]) -> int:
    """Add every row (values already checked) as a delegate, all in one undo step."""
    if not rows:
        return 0
    take_snapshot(conference, ACTION, f"Nhập {len(rows)} đại biểu từ tệp Excel")
    db.session.add_all(Delegate(conference_id=conference.id, **values) for values in rows)
    db.session.flush()
    return len(rows)


def _own_ids(conference: Conference, ids: Iterable[int]) -> list[int]:
    """The ids among `ids` that are this conference's delegates (so a forged id does nothing)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return list(
        db.session.scalars(
            select(Delegate.id).where(
                Delegate.conference_id == conference.id, Delegate.id.in_(wanted)
            )
        )
    )
