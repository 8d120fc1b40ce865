"""Named operations on halls and a conference's seating, and the loading of them as plain data.

Views call these; every change to a conference's seating takes an undo snapshot first
(conferences.operations.take_snapshot), changes the rows and flushes; the view commits once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache

from sqlalchemy import delete, insert, select

from .. import vn
from ..conferences.logic import event_time_text
from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..db import db
from ..delegates.models import DelegateGroup
from ..readmodel import per_request
from . import logic
from .models import Hall, SeatAssignment, SeatingPlan


class SeatingRefused(Exception):
    """A seating change that cannot be made; the message says why, in Vietnamese."""


# --------------------------------------------------------------------------- reading


def people_of(conference: Conference) -> list[logic.Person]:
    """Every delegate as seating needs them: the one reader of the delegates (issue 19), shared
    with awards, the budget, the plan and the printouts of the same request or set."""
    from ..delegates.reading import seating_people

    return seating_people(conference.id)


def groups_of(conference: Conference) -> list[DelegateGroup]:
    return list(
        db.session.scalars(
            select(DelegateGroup)
            .where(DelegateGroup.conference_id == conference.id)
            .order_by(DelegateGroup.position, DelegateGroup.id)
        )
    )


def plan_of(conference: Conference, create: bool = False) -> SeatingPlan | None:
    plan = db.session.get(SeatingPlan, conference.id)
    if plan is None and create:
        plan = SeatingPlan(conference_id=conference.id, second_side="right", zone_groups="{}")
        db.session.add(plan)
        db.session.flush()
    return plan


def zone_groups_of(plan: SeatingPlan | None) -> dict[str, list[int]]:
    if plan is None:
        return {}
    try:
        data = json.loads(plan.zone_groups or "{}")
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): [int(g) for g in v if isinstance(g, int)]
        for k, v in data.items()
        if isinstance(v, list)
    }


def assignments_of(conference: Conference) -> dict[str, tuple[int, bool]]:
    rows = db.session.execute(
        select(SeatAssignment.seat_code, SeatAssignment.delegate_id, SeatAssignment.pinned).where(
            SeatAssignment.conference_id == conference.id
        )
    )
    return {r.seat_code: (r.delegate_id, bool(r.pinned)) for r in rows}


def all_halls() -> list[Hall]:
    halls = list(db.session.scalars(select(Hall)))
    return sorted(halls, key=lambda h: vn.collation_key(h.name))


def layout_of(hall: Hall) -> logic.HallLayout:
    if isinstance(hall.layout, str):
        return _parsed_layout(hall.layout)
    return logic.parse_layout(hall.layout)


@lru_cache(maxsize=16)
def _parsed_layout(text: str) -> logic.HallLayout:
    """A layout parsed once per text (issue 19): HallLayout is frozen and its seats, computed
    once on first use, are ~1,100 objects for a big hall — the seating page, the check and the
    printouts of one hall share them instead of rebuilding them on every request."""
    return logic.parse_layout(text)


def award_batches(conference: Conference) -> list[list[int]]:
    """The delegates who go up for an award, batch by batch in stage order (awards part).

    Read for the seating rule alone (issue 19): one query of the awards' few columns, and
    nothing more when no award names a delegate who goes up (the batches would seat nobody);
    else the catalogue and the ceremony's settings, and the awards part's own batching
    (awards.logic.plan_ceremony: who goes up with whom does not depend on the presenters)."""
    from ..awards import catalogue
    from ..awards import logic as awards_logic
    from ..awards.models import Award
    from ..awards.operations import settings_of

    rows = db.session.execute(
        select(
            Award.id,
            Award.form_id,
            Award.position,
            Award.recipient_kind,
            Award.receiver_delegate_id,
        ).where(Award.conference_id == conference.id)
    ).all()
    if not any(r.receiver_delegate_id for r in rows):
        return []
    settings = settings_of(conference)
    recipients = [
        awards_logic.Recipient(
            id=r.id,
            form_id=r.form_id,
            position=r.position,
            kind=r.recipient_kind,
            name="",
            receiver=(
                awards_logic.Person(id=r.receiver_delegate_id, full_name="")
                if r.receiver_delegate_id
                else None
            ),
        )
        for r in rows
    ]
    ceremony = awards_logic.plan_ceremony(
        awards_logic.for_organiser(catalogue.form_rules(), conference.organiser),
        recipients,
        settings.batch_size,
        group_by=settings.group_by,
        organiser_level=conference.level,
    )
    batches = []
    for batch in ceremony.batches:
        ids = [r.receiver.id for r in batch.recipients if r.receiver is not None]
        if ids:
            batches.append(ids)
    return batches


@dataclass
class SeatingState:
    """A conference's seating, read once per request."""

    conference: Conference
    plan: SeatingPlan | None
    hall: Hall | None
    people: list[logic.Person]
    assignments: dict[str, tuple[int, bool]]

    @cached_property
    def layout(self) -> logic.HallLayout | None:
        if self.hall is None:
            return None
        try:
            return layout_of(self.hall)
        except logic.LayoutError:
            return None

    @cached_property
    def zone_groups(self) -> dict[str, list[int]]:
        return zone_groups_of(self.plan)

    @property
    def second_side(self) -> str:
        return self.plan.second_side if self.plan else "right"

    @cached_property
    def person_by_id(self) -> dict[int, logic.Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def checked(self):
        if self.layout is None:
            return [], [p for p in self.people if not p.absent], []
        return logic.check_plan(self.layout, self.people, self.assignments, self.zone_groups)

    @cached_property  # the page shows it twice, its progress bar once more
    def confirmed(self) -> int:
        return sum(1 for p in self.people if p.confirmed)

    @cached_property
    def seated_confirmed(self) -> int:
        views = self.checked[0]
        return sum(1 for v in views if v.person is not None and v.person.confirmed)

    def chart(self) -> logic.SeatingChart:
        views, unseated, warnings = self.checked
        conference = self.conference
        # The day as far as it is known (issue 17): a seating chart is drafted for approval
        # before the day is fixed; "Dự kiến cuối tháng 02/2027" until then.
        when = event_time_text(conference.values())
        return logic.SeatingChart(
            title=conference.title,
            hall_name=self.hall.name if self.hall else "",
            layout=self.layout or logic.HallLayout(stage_rows=(), blocks=()),
            second_side=self.second_side,
            seats=views,
            unseated=unseated,
            warnings=warnings,
            issuer=conference.issuer,
            when=when,
        )


def load(conference: Conference) -> SeatingState:
    """The conference's seating, read once per GET request or printout set (readmodel: the
    print centre's five seating printouts, the card and the checks share it, issue 19)."""
    return per_request("seating", conference.id, lambda: _load(conference))


def _load(conference: Conference) -> SeatingState:
    plan = plan_of(conference)
    hall = db.session.get(Hall, plan.hall_id) if plan and plan.hall_id else None
    return SeatingState(
        conference=conference,
        plan=plan,
        hall=hall,
        people=people_of(conference),
        assignments=assignments_of(conference),
    )


# --------------------------------------------------------------------------- halls


def hall_by_name(name: str) -> Hall | None:
    key = vn.clean_text(name).casefold()
    return next((h for h in db.session.scalars(select(Hall)) if h.name.casefold() == key), None)


def create_hall(
    conference: Conference, name: str, layout: logic.HallLayout, notes: str = ""
) -> Hall:
    """Save a new hall and choose it for the conference."""
    name = vn.clean_text(name)
    if hall_by_name(name) is not None:
        raise SeatingRefused(
            f"Đã có hội trường tên “{name}”: hãy chọn nó trong danh sách hoặc đặt tên khác."
        )
    take_snapshot(conference, "seating", f"Tạo hội trường “{name}”")
    hall = Hall(name=name, layout=logic.layout_to_json(layout), notes=vn.clean_text(notes))
    db.session.add(hall)
    db.session.flush()
    plan = plan_of(conference, create=True)
    plan.hall_id = hall.id
    db.session.flush()
    return hall


def choose_hall(conference: Conference, hall: Hall) -> None:
    take_snapshot(conference, "seating", f"Chọn hội trường “{hall.name}”")
    plan = plan_of(conference, create=True)
    plan.hall_id = hall.id
    _drop_lost_seats(conference, layout_of(hall))
    db.session.flush()


def save_layout(
    conference: Conference, hall: Hall, layout: logic.HallLayout, description: str
) -> None:
    """Change the hall's layout (halls are shared: every conference using it sees the change)."""
    take_snapshot(conference, "seating", description)
    hall.layout = logic.layout_to_json(layout)
    _drop_lost_seats(conference, layout)
    db.session.flush()


def _drop_lost_seats(conference: Conference, layout: logic.HallLayout) -> int:
    """Take people out of seats the layout no longer has (they show as not seated)."""
    usable = {s.code for s in layout.usable}
    lost = [
        row
        for row in db.session.scalars(
            select(SeatAssignment).where(SeatAssignment.conference_id == conference.id)
        )
        if row.seat_code not in usable
    ]
    for row in lost:
        db.session.delete(row)
    return len(lost)


def save_settings(
    conference: Conference, second_side: str, zone_groups: dict[str, list[int]]
) -> None:
    take_snapshot(conference, "seating", "Sửa cách xếp chỗ ngồi")
    plan = plan_of(conference, create=True)
    plan.second_side = second_side
    plan.zone_groups = json.dumps(zone_groups, ensure_ascii=False, sort_keys=True)
    db.session.flush()


# --------------------------------------------------------------------------- assignments


def auto_assign(conference: Conference, state: SeatingState | None = None) -> logic.SeatingResult:
    """Seat everyone by protocol, keeping the pinned seats (the others are placed again)."""
    state = state or load(conference)
    if state.layout is None:
        raise SeatingRefused("Chưa chọn hội trường: hãy tạo hoặc chọn hội trường trước.")
    pins = {code: pid for code, (pid, pinned) in state.assignments.items() if pinned}
    result = logic.assign_seats(
        state.layout,
        state.people,
        second_side=state.second_side,
        zone_groups=state.zone_groups,
        award_batches=award_batches(conference),
        pins=pins,
    )
    # The undo step keeps the seat rows alone (the only table written here); the rows go in
    # one executemany, not 1,000 ORM objects (issue 19).
    take_snapshot(conference, "seating", "Xếp chỗ tự động")
    db.session.execute(delete(SeatAssignment).where(SeatAssignment.conference_id == conference.id))
    rows = [
        {
            "conference_id": conference.id,
            "seat_code": code,
            "delegate_id": pid,
            "pinned": code in result.pinned,
        }
        for code, pid in result.seats.items()
    ]
    if rows:
        db.session.execute(insert(SeatAssignment.__table__), rows)
    return result


def _row_at(conference: Conference, code: str) -> SeatAssignment | None:
    return db.session.scalars(
        select(SeatAssignment).where(
            SeatAssignment.conference_id == conference.id, SeatAssignment.seat_code == code
        )
    ).first()


def _row_of(conference: Conference, delegate_id: int) -> SeatAssignment | None:
    return db.session.scalars(
        select(SeatAssignment).where(
            SeatAssignment.conference_id == conference.id,
            SeatAssignment.delegate_id == delegate_id,
        )
    ).first()


def _seat(state: SeatingState, code: str) -> logic.Seat:
    if state.layout is None:
        raise SeatingRefused("Chưa chọn hội trường.")
    seat = state.layout.seat_by_code.get(code)
    if seat is None:
        raise SeatingRefused(f"Không có ghế “{code}” trong hội trường.")
    if seat.missing:
        raise SeatingRefused(f"Ghế {code} được đánh dấu là không dùng (cột, máy quay…).")
    return seat


def put_in_seat(conference: Conference, code: str, delegate_id: int) -> logic.Person:
    """Seat a delegate in a free seat (moving them from their old seat, if any)."""
    state = load(conference)
    seat = _seat(state, code)
    person = state.person_by_id.get(delegate_id)
    if person is None:
        raise SeatingRefused("Không tìm thấy đại biểu này trong hội nghị.")
    occupant = _row_at(conference, code)
    if occupant is not None and occupant.delegate_id != delegate_id:
        other = state.person_by_id.get(occupant.delegate_id)
        raise SeatingRefused(
            f"Ghế {code} đã có {other.display_name if other else 'người ngồi'}: "
            "hãy dùng “Đổi chỗ” hoặc để trống ghế trước."
        )
    take_snapshot(conference, "seating", f"Xếp {person.display_name} vào ghế {seat.code}")
    row = _row_of(conference, delegate_id)
    if row is None:
        db.session.add(
            SeatAssignment(
                conference_id=conference.id, seat_code=code, delegate_id=delegate_id, pinned=False
            )
        )
    else:
        row.seat_code = code
    db.session.flush()
    return person


def swap_seats(conference: Conference, code_a: str, code_b: str) -> str:
    """Swap the people of two seats, or move one person to a free seat. Returns the message."""
    if code_a == code_b:
        raise SeatingRefused("Hãy chọn hai ghế khác nhau.")
    state = load(conference)
    _seat(state, code_a)
    _seat(state, code_b)
    row_a, row_b = _row_at(conference, code_a), _row_at(conference, code_b)
    if row_a is None and row_b is None:
        raise SeatingRefused(f"Cả hai ghế {code_a} và {code_b} đều trống: không có ai để đổi chỗ.")
    if row_a is None:
        row_a, row_b, code_a, code_b = row_b, row_a, code_b, code_a
    name_a = state.person_by_id[row_a.delegate_id].display_name
    if row_b is None:
        take_snapshot(conference, "seating", f"Chuyển {name_a} sang ghế {code_b}")
        row_a.seat_code = code_b
        db.session.flush()
        return f"Đã chuyển {name_a} từ ghế {code_a} sang ghế {code_b}."
    name_b = state.person_by_id[row_b.delegate_id].display_name
    take_snapshot(conference, "seating", f"Đổi chỗ {name_a} và {name_b}")
    # the unique (conference, seat) constraint: park one row first
    row_a.seat_code = "~"
    db.session.flush()
    row_b.seat_code = code_a
    db.session.flush()
    row_a.seat_code = code_b
    db.session.flush()
    return f"Đã đổi chỗ {name_a} (nay ở ghế {code_b}) và {name_b} (nay ở ghế {code_a})."


def clear_seat(conference: Conference, code: str) -> str:
    row = _row_at(conference, code)
    if row is None:
        raise SeatingRefused(f"Ghế {code} đang trống.")
    state = load(conference)
    name = state.person_by_id[row.delegate_id].display_name
    take_snapshot(conference, "seating", f"Để trống ghế {code}")
    db.session.delete(row)
    db.session.flush()
    return f"Đã để trống ghế {code} ({name} chưa có chỗ)."


def toggle_pin(conference: Conference, code: str) -> str:
    row = _row_at(conference, code)
    if row is None:
        raise SeatingRefused(f"Ghế {code} đang trống: không có gì để ghim.")
    state = load(conference)
    name = state.person_by_id[row.delegate_id].display_name
    if row.pinned:
        take_snapshot(conference, "seating", f"Bỏ ghim ghế {code}")
        row.pinned = False
        text = f"Đã bỏ ghim {name} ở ghế {code}: lần xếp tự động sau có thể đổi chỗ."
    else:
        take_snapshot(conference, "seating", f"Ghim ghế {code}")
        row.pinned = True
        text = f"Đã ghim {name} ở ghế {code}: xếp tự động sẽ giữ nguyên chỗ này."
    db.session.flush()
    return text


def clear_all(conference: Conference) -> int:
    take_snapshot(conference, "seating", "Xóa toàn bộ chỗ ngồi")
    result = db.session.execute(
        delete(SeatAssignment).where(SeatAssignment.conference_id == conference.id)
    )
    db.session.flush()
    return result.rowcount or 0
