"""Database work of the check-in: find a delegate by code or name, record and undo arrivals,
count who is present.

A check-in is ONE statement — INSERT … ON CONFLICT (conference, code) DO UPDATE … WHERE the
earlier arrival was undone — so two check-in points scanning the same invitation at the same
moment record one arrival, and the second is told "đã điểm danh lúc …". SQLite serialises the
writers (WAL, busy timeout 10 s in db.py); the first statement of the transaction is the write,
so no read snapshot can go stale under it. No snapshot for undo is taken per scan (see
docs/checkin.md): an arrival is undone by its own "Hủy" and the arrivals table is the log.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text, update

from .. import vn
from ..conferences.models import Conference
from ..db import db
from ..delegates.logic import SearchQuery, role_of
from ..delegates.models import REPLIES, Delegate, DelegateGroup
from . import logic
from .models import Arrival

MAX_MATCHES = 8


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Person:
    """A delegate as the usher sees him."""

    id: int
    code: str
    honorific: str
    full_name: str
    role: str
    group: str
    reply: str
    reply_label: str
    substitute_name: str
    seat: str

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "name": f"{self.honorific} {self.full_name}".strip(),
            "full_name": self.full_name,
            "role": self.role,
            "group": self.group,
            "reply": self.reply,
            "reply_label": self.reply_label,
            "substitute_name": self.substitute_name,
            "seat": self.seat,
        }


SUBSTITUTE_LIMIT = 200  # Arrival.substitute_name's column


@dataclass(frozen=True)
class Outcome:
    """What a check-in did: status "new" (recorded now), "again" (already there: `at`),
    "unknown" (no delegate has that code), "matches" (a name: pick one), "none" (nothing
    matched the name), "empty" (nothing typed), "invalid" (a text refused; nothing written)."""

    status: str
    message: str
    person: Person | None = None
    at: dt.datetime | None = None
    point: str = ""
    declined: bool = False
    matches: tuple[Person, ...] = ()

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "message": self.message,
            "person": self.person.as_json() if self.person else None,
            "at": self.at.strftime("%H:%M:%S") if self.at else "",
            "point": self.point,
            "declined": self.declined,
            "matches": [m.as_json() for m in self.matches],
        }


# ------------------------------------------------------------------------------ reading


@functools.lru_cache(maxsize=8)
def _layout(layout_text: str):
    from ..seating import logic as seating_logic

    try:
        return seating_logic.parse_layout(layout_text)
    except seating_logic.LayoutError:
        return None


def _seat_texts(conference: Conference, delegate_ids: list[int]) -> dict[int, str]:
    """Each delegate's seat as the usher reads it: "Khối giữa, hàng B, ghế 6 (B2-B-06)"."""
    from ..seating.models import Hall, SeatAssignment, SeatingPlan

    if not delegate_ids:
        return {}
    rows = db.session.execute(
        select(SeatAssignment.delegate_id, SeatAssignment.seat_code).where(
            SeatAssignment.conference_id == conference.id,
            SeatAssignment.delegate_id.in_(delegate_ids),
        )
    ).all()
    if not rows:
        return {}
    layout_text = db.session.scalar(
        select(Hall.layout)
        .join(SeatingPlan, SeatingPlan.hall_id == Hall.id)
        .where(SeatingPlan.conference_id == conference.id)
    )
    layout = _layout(layout_text) if layout_text else None
    out = {}
    for delegate_id, code in rows:
        seat = layout.seat_by_code.get(code) if layout is not None else None
        out[delegate_id] = f"{layout.place_text(seat)} ({code})" if seat is not None else code
    return out


def _people(conference: Conference, delegates: list[Delegate]) -> list[Person]:
    groups = dict(
        db.session.execute(
            select(DelegateGroup.id, DelegateGroup.name).where(
                DelegateGroup.conference_id == conference.id
            )
        ).all()
    )
    seats = _seat_texts(conference, [d.id for d in delegates])
    return [
        Person(
            id=d.id,
            code=d.check_in_code,
            honorific=vn.clean_text(d.honorific),
            full_name=vn.clean_text(d.full_name),
            role=role_of(d.position, d.unit),
            group=vn.clean_text(groups.get(d.group_id, logic.OTHERS)),
            reply=d.reply,
            reply_label=REPLIES.get(d.reply, d.reply),
            substitute_name=vn.clean_text(d.substitute_name) if d.reply == "substitute" else "",
            seat=seats.get(d.id, ""),
        )
        for d in delegates
    ]


def delegate_by_code(conference: Conference, code: str) -> Delegate | None:
    return db.session.scalar(
        select(Delegate).where(
            Delegate.conference_id == conference.id, Delegate.check_in_code == code
        )
    )


def person_by_code(conference: Conference, code: str) -> Person | None:
    delegate = delegate_by_code(conference, code)
    return _people(conference, [delegate])[0] if delegate is not None else None


def search(conference: Conference, typed: str, limit: int = MAX_MATCHES) -> list[Person]:
    """Delegates whose name (or unit, position) begins with the words typed, with or without
    marks ("nguyen van a" finds "Nguyễn Văn An"); a code typed in full finds its delegate."""
    if logic.looks_like_code(typed):
        person = person_by_code(conference, logic.normalize_code(typed))
        return [person] if person else []
    query = SearchQuery.parse(typed)
    if not query:
        return []
    rows = db.session.execute(
        select(Delegate.id, Delegate.full_name, Delegate.unit, Delegate.position).where(
            Delegate.conference_id == conference.id
        )
    ).all()
    found = [r.id for r in rows if query.matches(r.full_name, r.unit, r.position)]
    if not found:
        return []
    delegates = list(db.session.scalars(select(Delegate).where(Delegate.id.in_(found[:limit]))))
    from ..delegates.logic import sort_delegates

    return _people(conference, sort_delegates(delegates, "name"))


def arrival_of(conference: Conference, code: str) -> Arrival | None:
    return db.session.scalar(
        select(Arrival).where(Arrival.conference_id == conference.id, Arrival.code == code)
    )


# ------------------------------------------------------------------------------ writing

_CHECK_IN = text(
    "INSERT INTO arrivals (conference_id, code, arrived_at, point, checked_by, undone_at, "
    "undone_by, substitute_name) VALUES (:conference_id, :code, :at, :point, :by, NULL, '', "
    ":substitute) ON CONFLICT (conference_id, code) DO UPDATE SET "
    "arrived_at = excluded.arrived_at, point = excluded.point, "
    "checked_by = excluded.checked_by, undone_at = NULL, undone_by = '', "
    "substitute_name = excluded.substitute_name WHERE arrivals.undone_at IS NOT NULL"
)


def check_in(
    conference: Conference,
    typed: str,
    point: str = "",
    by: str = "",
    now: dt.datetime | None = None,
) -> Outcome:
    """Check in what was typed or scanned: a code records the arrival (once); a name lists the
    delegates it matches, for the usher to pick. The caller commits."""
    typed = vn.clean_text(typed)
    if not typed:
        return Outcome("empty", "Hãy quét mã trên giấy mời hoặc gõ tên đại biểu.")
    if not logic.looks_like_code(typed):
        matches = tuple(search(conference, typed))
        if not matches:
            return Outcome("none", f"Không tìm thấy đại biểu nào có tên “{typed}”.")
        return Outcome(
            "matches",
            f"{vn.format_count(len(matches))} đại biểu khớp với “{typed}”: chọn người đến dự.",
            matches=matches,
        )
    code = logic.normalize_code(typed)
    delegate = delegate_by_code(conference, code)
    if delegate is None:
        return Outcome(
            "unknown",
            f"Mã {code} không thuộc đại biểu nào của hội nghị này: hãy tìm theo tên.",
        )
    person = _people(conference, [delegate])[0]
    at = now or _now()
    recorded = db.session.execute(
        _CHECK_IN,
        {
            "conference_id": conference.id,
            "code": code,
            "at": at,
            "point": vn.clean_text(point)[:100],
            "by": vn.clean_text(by)[:200],
            "substitute": person.substitute_name[:200],
        },
    ).rowcount
    declined = delegate.reply == "absent"
    if recorded:
        message = f"Đã điểm danh {person.honorific} {person.full_name} lúc {at:%H:%M}."
        if declined:
            message += " Đại biểu này đã báo vắng: kiểm tra lại giấy mời."
        if person.substitute_name:
            message += f" Người dự thay: {person.substitute_name}."
        return Outcome("new", message, person=person, at=at, declined=declined)
    earlier = arrival_of(conference, code)
    where = f" tại {earlier.point}" if earlier and earlier.point else ""
    when = earlier.arrived_at if earlier else at
    return Outcome(
        "again",
        f"{person.honorific} {person.full_name} đã điểm danh lúc {when:%H:%M}{where}.",
        person=person,
        at=when,
        point=earlier.point if earlier else "",
        declined=declined,
    )


def undo_check_in(conference: Conference, code: str, by: str = "") -> Person | None:
    """Undo a wrong check-in (the row stays, marked undone: who undid it and when). Returns the
    delegate, or None when there was nothing to undo."""
    code = logic.normalize_code(code)
    changed = db.session.execute(
        update(Arrival)
        .where(
            Arrival.conference_id == conference.id,
            Arrival.code == code,
            Arrival.undone_at.is_(None),
        )
        .values(undone_at=_now(), undone_by=vn.clean_text(by)[:200])
    ).rowcount
    return person_by_code(conference, code) if changed else None


def set_substitute(conference: Conference, code: str, name: str) -> Person | None:
    """Who came in the delegate's place (empty: the delegate himself). None when the delegate
    is not checked in."""
    code = logic.normalize_code(code)
    changed = db.session.execute(
        update(Arrival)
        .where(
            Arrival.conference_id == conference.id,
            Arrival.code == code,
            Arrival.undone_at.is_(None),
        )
        .values(substitute_name=vn.clean_text(name)[:SUBSTITUTE_LIMIT])  # views refuse longer
    ).rowcount
    return person_by_code(conference, code) if changed else None


def clear_arrivals(conference: Conference) -> int:
    """Forget every arrival (after a rehearsal); undoable (Hoàn tác): a snapshot first."""
    from ..conferences.operations import take_snapshot

    take_snapshot(conference, "check_in_clear", "Xóa kết quả điểm danh")
    return db.session.execute(
        delete(Arrival).where(Arrival.conference_id == conference.id)
    ).rowcount


# ------------------------------------------------------------------------------ counting


def attendance(conference: Conference) -> logic.Attendance:
    """The count by group from one aggregate over the delegates and their arrivals (the
    arrivals' unique index on (conference, code) makes the join a lookup per delegate)."""
    rows = db.session.execute(
        select(
            Delegate.group_id,
            func.count(Delegate.id),
            func.count(Arrival.id),
            func.count(Arrival.id).filter(Arrival.substitute_name != ""),
        )
        .select_from(Delegate)
        .outerjoin(
            Arrival,
            (Arrival.conference_id == Delegate.conference_id)
            & (Arrival.code == Delegate.check_in_code)
            & Arrival.undone_at.is_(None),
        )
        .where(Delegate.conference_id == conference.id)
        .group_by(Delegate.group_id)
    ).all()
    groups = db.session.execute(
        select(DelegateGroup.id, DelegateGroup.name)
        .where(DelegateGroup.conference_id == conference.id)
        .order_by(DelegateGroup.position, DelegateGroup.id)
    ).all()
    return logic.tally(
        [tuple(row) for row in rows], [(gid, vn.clean_text(name)) for gid, name in groups]
    )


def event_word(conference: Conference) -> str:
    return "Đại hội" if conference.kind == "dai_hoi" else "Hội nghị"


def mc_line(conference: Conference) -> str:
    """The MC's sentence, read from the check-in now."""
    return logic.mc_line(event_word(conference), attendance(conference))


def recent_arrivals(conference: Conference, limit: int = 8) -> list[dict]:
    """The last arrivals (newest first), for the page's list with its Hủy buttons."""
    rows = db.session.execute(
        select(Arrival.code, Arrival.arrived_at, Arrival.point, Arrival.substitute_name)
        .where(Arrival.conference_id == conference.id, Arrival.undone_at.is_(None))
        .order_by(Arrival.arrived_at.desc(), Arrival.id.desc())
        .limit(limit)
    ).all()
    names = dict(
        db.session.execute(
            select(Delegate.check_in_code, Delegate.full_name).where(
                Delegate.conference_id == conference.id,
                Delegate.check_in_code.in_([r.code for r in rows]),
            )
        ).all()
    )
    return [
        {
            "code": r.code,
            "name": vn.clean_text(names.get(r.code, "")),
            "at": r.arrived_at.strftime("%H:%M"),
            "point": r.point,
            "substitute_name": r.substitute_name,
        }
        for r in rows
        if r.code in names
    ]


def arrival_count(conference: Conference) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Arrival)
        .join(
            Delegate,
            (Delegate.conference_id == Arrival.conference_id)
            & (Delegate.check_in_code == Arrival.code),
        )
        .where(Arrival.conference_id == conference.id, Arrival.undone_at.is_(None))
    )
