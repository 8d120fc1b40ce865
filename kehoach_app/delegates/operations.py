"""Named operations that change a conference's delegates and groups, and the queries the pages use.

Every change takes an undo snapshot first (conferences.operations.take_snapshot), changes the
rows and flushes; the view commits once, so a refused or failed change leaves nothing half-saved.
Queries fetch a whole list in one statement (no query per row): 1,000 delegates stay fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload

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
