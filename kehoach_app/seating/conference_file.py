"""The seating in the conference file, and its demo data.

File value (schema fragment in docs/seating.md):

    {"hall": {"name": …, "layout": {…}, "notes": …} | null,
     "second_side": "right" | "left",
     "zone_groups": {zone key: [group name, …]},
     "assignments": [{"seat": "B2-C-07", "delegate": {"full_name": …, "unit": …}, "pinned": false}]}

Halls are shared by every conference, so a file names its hall: on import (and undo) the hall of
that name is used and its layout set to the file's; a hall of that name is created when there is
none. Delegates are named by full name and unit (their ids change on import, copy and undo).
Also used by undo (the snapshot is this export) and by "Nhân bản".
"""

from __future__ import annotations

from sqlalchemy import delete, select

from .. import vn
from ..conferences.models import Conference
from ..db import db
from ..delegates.logic import group_key, identity_key
from ..delegates.models import Delegate
from ..transfer import ConferenceFileError
from . import logic, operations
from .models import Hall, SeatAssignment


def export(conference: Conference) -> dict | None:
    plan = operations.plan_of(conference)
    if plan is None:
        return None
    hall = db.session.get(Hall, plan.hall_id) if plan.hall_id else None
    people = {
        r.id: (r.full_name, r.unit)
        for r in db.session.execute(
            select(Delegate.id, Delegate.full_name, Delegate.unit).where(
                Delegate.conference_id == conference.id
            )
        )
    }
    assignments = []
    for code, (pid, pinned) in sorted(operations.assignments_of(conference).items()):
        if pid in people:
            name, unit = people[pid]
            assignments.append(
                {"seat": code, "delegate": {"full_name": name, "unit": unit}, "pinned": pinned}
            )
    hall_data = None
    zones: set[str] = set()
    if hall is not None:
        try:
            layout = operations.layout_of(hall)
        except logic.LayoutError:
            layout = None
        if layout is not None:
            zones = set(layout.zone_by_key)
            hall_data = {
                "name": hall.name,
                "layout": logic.layout_to_data(layout),
                "notes": hall.notes or "",
            }
            usable = {s.code for s in layout.usable}
            assignments = [a for a in assignments if a["seat"] in usable]
    if hall_data is None:
        assignments = []
    groups = {g.id: g.name for g in operations.groups_of(conference)}
    # only the zones the hall has (a zone may have gone with a change of hall or layout)
    zone_groups = {
        key: [groups[g] for g in ids if g in groups]
        for key, ids in operations.zone_groups_of(plan).items()
        if key in zones
    }
    return {
        "hall": hall_data,
        "second_side": plan.second_side,
        "zone_groups": zone_groups,
        "assignments": assignments,
    }


def validate(data) -> dict | None:
    """Check the file's seating; the layout with the same rules as the hall editor."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ConferenceFileError(["Chỗ ngồi: giá trị phải là một nhóm mục."])
    messages: list[str] = []
    hall = data.get("hall")
    layout = None
    name = ""
    notes = ""
    if hall is not None:
        if not isinstance(hall, dict):
            messages.append("Chỗ ngồi: hội trường phải là một nhóm mục.")
        else:
            name = vn.clean_text(hall.get("name") or "")
            notes = vn.clean_text(hall.get("notes") or "")
            if not name:
                messages.append("Chỗ ngồi: hội trường chưa có tên.")
            elif len(name) > 200:
                messages.append("Chỗ ngồi: tên hội trường dài quá 200 ký tự.")
            try:
                layout = logic.parse_layout(hall.get("layout"))
            except logic.LayoutError as error:
                messages.extend(f"Chỗ ngồi: sơ đồ hội trường: {m}" for m in error.messages)
    side = data.get("second_side", "right")
    if side not in logic.SECOND_SIDES:
        messages.append("Chỗ ngồi: người số 2 ngồi “right” hoặc “left” của người số 1.")
    zone_groups = data.get("zone_groups") or {}
    if not isinstance(zone_groups, dict):
        messages.append("Chỗ ngồi: các khu và thành phần (zone_groups) phải là một nhóm mục.")
        zone_groups = {}
    clean_zones: dict[str, list[str]] = {}
    for key, names in zone_groups.items():
        if layout is not None and key not in layout.zone_by_key:
            messages.append(f"Chỗ ngồi: khu “{key}” không có trong sơ đồ hội trường.")
            continue
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            messages.append(f"Chỗ ngồi: khu “{key}”: danh sách thành phần phải là các tên.")
            continue
        clean_zones[key] = [vn.clean_text(n) for n in names]
    assignments = []
    seats_seen: set[str] = set()
    people_seen: set[tuple[str, str]] = set()
    for number, item in enumerate(data.get("assignments") or [], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("delegate"), dict):
            messages.append(f"Chỗ ngồi {number}: thiếu ghế hoặc đại biểu.")
            continue
        code = item.get("seat")
        who = item["delegate"]
        full_name = vn.clean_text(who.get("full_name") or "")
        unit = vn.clean_text(who.get("unit") or "")
        if not isinstance(code, str) or layout is None or code not in layout.seat_by_code:
            messages.append(f"Chỗ ngồi {number}: ghế “{code}” không có trong sơ đồ hội trường.")
            continue
        if layout.seat_by_code[code].missing:
            messages.append(f"Chỗ ngồi {number}: ghế {code} được đánh dấu là không dùng.")
            continue
        if not full_name:
            messages.append(f"Chỗ ngồi {number}: thiếu họ tên đại biểu.")
            continue
        key = identity_key(full_name, unit)
        if code in seats_seen:
            messages.append(f"Chỗ ngồi {number}: ghế {code} được xếp hai lần.")
            continue
        if key in people_seen:
            # two delegates with the same name and unit cannot be told apart in a file: the
            # first keeps the seat (not an error, so that undo never fails on it)
            continue
        seats_seen.add(code)
        people_seen.add(key)
        assignments.append(
            {"seat": code, "full_name": full_name, "unit": unit, "pinned": bool(item.get("pinned"))}
        )
    if messages:
        raise ConferenceFileError(messages)
    return {
        "hall": None if layout is None else {"name": name, "layout": layout, "notes": notes},
        "second_side": side,
        "zone_groups": clean_zones,
        "assignments": assignments,
    }


def replace(conference: Conference, data: dict | None) -> None:
    """Make the conference's seating exactly the checked `data` (after its delegates)."""
    db.session.execute(delete(SeatAssignment).where(SeatAssignment.conference_id == conference.id))
    plan = operations.plan_of(conference)
    if data is None:
        if plan is not None:
            db.session.delete(plan)
        db.session.flush()
        return
    plan = plan or operations.plan_of(conference, create=True)
    plan.second_side = data["second_side"]
    hall_data = data["hall"]
    if hall_data is None:
        plan.hall_id = None
    else:
        hall = operations.hall_by_name(hall_data["name"])
        text = logic.layout_to_json(hall_data["layout"])
        if hall is None:
            hall = Hall(name=hall_data["name"], layout=text, notes=hall_data["notes"])
            db.session.add(hall)
            db.session.flush()
        elif hall.layout != text:
            hall.layout = text
        plan.hall_id = hall.id
    groups = {group_key(g.name): g.id for g in operations.groups_of(conference)}
    plan.zone_groups = zone_json(
        {
            key: [groups[group_key(n)] for n in names if group_key(n) in groups]
            for key, names in data["zone_groups"].items()
        }
    )
    people = {
        identity_key(r.full_name, r.unit): r.id
        for r in db.session.execute(
            select(Delegate.id, Delegate.full_name, Delegate.unit).where(
                Delegate.conference_id == conference.id
            )
        )
    }
    db.session.flush()
    for item in data["assignments"]:
        pid = people.get(identity_key(item["full_name"], item["unit"]))
        if pid is not None:
            db.session.add(
                SeatAssignment(
                    conference_id=conference.id,
                    seat_code=item["seat"],
                    delegate_id=pid,
                    pinned=item["pinned"],
                )
            )
    db.session.flush()


def zone_json(zone_groups: dict[str, list[int]]) -> str:
    import json

    return json.dumps(zone_groups, ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------- demo
