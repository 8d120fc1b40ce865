"""The check-in in the conference file: {"codes": [...], "arrivals": [...]}.

`codes` lists every delegate's code in the order of the file's "delegates.people" (each entry
also names the delegate: full name and unit), so a code stays the same through export, import
and every undo ("Nhân bản" makes another event: new codes). `arrivals` are
keyed by code. A file written before issue 21 has no "check_in": its delegates get new codes
(delegates.models gives every new row one) and no arrivals. Each code's QR mask
(delegates.check_in_mask, checkin/qrmask.py) does not travel: it is worked out from the code
when the code is stored here.

Undo puts arrivals back by adding those of the snapshot that are not in the table: an arrival
recorded after the snapshot is never lost by undoing an edit to a delegate's phone number, and
"Xóa kết quả điểm danh" (which takes a snapshot) is undone whole.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects.sqlite import insert

from .. import vn
from ..conferences.models import Conference
from ..db import db
from ..delegates.logic import identity_key
from ..delegates.models import Delegate
from ..transfer import ConferenceFileError
from . import logic
from .models import Arrival

KEY = "check_in"


def _time(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def export(conference: Conference) -> dict:
    people = db.session.execute(
        select(Delegate.full_name, Delegate.unit, Delegate.check_in_code)
        .where(Delegate.conference_id == conference.id)
        .order_by(Delegate.id)  # the order of delegates.people
    ).all()
    codes = {p.check_in_code for p in people}
    arrivals = db.session.scalars(
        select(Arrival).where(Arrival.conference_id == conference.id).order_by(Arrival.id)
    )
    return {
        "codes": [
            {"full_name": p.full_name, "unit": p.unit, "code": p.check_in_code} for p in people
        ],
        "arrivals": [
            {
                "code": a.code,
                "arrived_at": _time(a.arrived_at),
                "point": a.point,
                "checked_by": a.checked_by,
                "undone_at": _time(a.undone_at),
                "undone_by": a.undone_by,
                "substitute_name": a.substitute_name,
            }
            for a in arrivals
            if a.code in codes  # an arrival of a delegate since deleted stays behind
        ],
    }


def _parse_time(value, where: str, messages: list[str]) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value).replace(microsecond=0, tzinfo=None)
    except (TypeError, ValueError):
        messages.append(f"Điểm danh: {where}: thời gian “{value}” không đúng định dạng.")
        return None


def validate(data) -> dict:
    """Check the file's codes and arrivals; return them ready for replace."""
    if not isinstance(data, dict):
        raise ConferenceFileError(["Điểm danh: giá trị phải là một nhóm mục."])
    messages: list[str] = []
    codes = []
    seen: set[str] = set()
    for number, item in enumerate(data.get("codes") or [], start=1):
        code = item.get("code") if isinstance(item, dict) else None
        if not logic.is_code(code):
            messages.append(f"Điểm danh: mã {number} “{code}” không đúng dạng mã điểm danh.")
            continue
        if code in seen:
            messages.append(f"Điểm danh: mã {code} dùng cho hai đại biểu.")
            continue
        seen.add(code)
        codes.append(
            {
                "code": code,
                "key": identity_key(item.get("full_name") or "", item.get("unit") or ""),
                "index": number - 1,
            }
        )
    arrivals = []
    arrived: set[str] = set()
    for number, item in enumerate(data.get("arrivals") or [], start=1):
        where = f"lượt {number}"
        code = item.get("code") if isinstance(item, dict) else None
        if code not in seen:
            messages.append(f"Điểm danh: {where}: mã “{code}” không thuộc đại biểu nào của tệp.")
            continue
        if code in arrived:
            messages.append(f"Điểm danh: {where}: đại biểu mã {code} được ghi đến hai lần.")
            continue
        arrived.add(code)
        at = _parse_time(item.get("arrived_at"), where, messages)
        if at is None:
            if item.get("arrived_at") is None:
                messages.append(f"Điểm danh: {where}: thiếu thời gian đến.")
            continue
        undone = _parse_time(item.get("undone_at"), where, messages)
        arrivals.append(
            {
                "code": code,
                "arrived_at": at,
                "point": vn.clean_text(item.get("point") or "")[:100],
                "checked_by": vn.clean_text(item.get("checked_by") or "")[:200],
                "undone_at": undone,
                "undone_by": vn.clean_text(item.get("undone_by") or "")[:200],
                "substitute_name": vn.clean_text(item.get("substitute_name") or "")[:200],
            }
        )
    if messages:
        raise ConferenceFileError(messages)
    return {"codes": codes, "arrivals": arrivals}


def replace(conference: Conference, data: dict) -> None:
    """Give the conference's delegates the file's codes and add the file's arrivals that are
    not recorded yet. Runs after the delegates part (order): a code goes to the delegate at the
    same place in the list when the name and unit agree, else to the first one of that name and
    unit still without his code."""
    from .qrmask import mask_of  # segno: loaded when codes are stored, not at the app's start

    db.session.flush()
    people = db.session.execute(
        select(
            Delegate.id,
            Delegate.full_name,
            Delegate.unit,
            Delegate.check_in_code,
            Delegate.check_in_mask,
        )
        .where(Delegate.conference_id == conference.id)
        .order_by(Delegate.id)
    ).all()
    keys = [identity_key(p.full_name, p.unit) for p in people]
    wanted: dict[int, str] = {}  # delegate id → the file's code
    for entry in data["codes"]:
        index = entry["index"]
        if index < len(people) and keys[index] == entry["key"] and people[index].id not in wanted:
            wanted[people[index].id] = entry["code"]
            continue
        for person, key in zip(people, keys, strict=True):
            if key == entry["key"] and person.id not in wanted:
                wanted[person.id] = entry["code"]
                break
    final = dict(wanted)
    taken = set(wanted.values())
    for person in people:  # a code given at creation that now belongs to another: a new one
        if person.id not in final:
            code = person.check_in_code
            if not code or code in taken:
                code = logic.new_code(taken | {p.check_in_code for p in people})
            final[person.id] = code
            taken.add(code)
    changing = [p.id for p in people if final[p.id] != p.check_in_code]
    # each code's QR mask stored with it (checkin/qrmask.py): worked out for the codes that
    # change and for those still without one (the placeholders given on import, an old row)
    masks = {
        p.id: mask_of(final[p.id])
        for p in people
        if final[p.id] != p.check_in_code or p.check_in_mask is None
    }
    table = Delegate.__table__
    if changing:
        # through a value no code can take ("~" and the id), so that no two rows ever hold one
        # code between two statements (the unique index checks each statement)
        statement = (
            update(table)
            .where(table.c.id == bindparam("pid"))
            .values(check_in_code=bindparam("c"), check_in_mask=bindparam("m"))
        )
        db.session.execute(statement, [{"pid": pid, "c": f"~{pid}", "m": None} for pid in changing])
        db.session.execute(
            statement, [{"pid": pid, "c": final[pid], "m": masks[pid]} for pid in changing]
        )
    unchanged = set(masks) - set(changing)
    if unchanged:
        db.session.execute(
            update(table)
            .where(table.c.id == bindparam("pid"))
            .values(check_in_mask=bindparam("m")),
            [{"pid": pid, "m": masks[pid]} for pid in sorted(unchanged)],
        )
    if masks:
        for item in list(db.session.identity_map.values()):
            if isinstance(item, Delegate) and item.id in final:
                db.session.expire(item, ["check_in_code", "check_in_mask"])
    if data["arrivals"]:
        db.session.execute(
            insert(Arrival.__table__).on_conflict_do_nothing(
                index_elements=["conference_id", "code"]
            ),
            [{"conference_id": conference.id, **a} for a in data["arrivals"]],
        )
    db.session.flush()


def next_edition(data: dict, years: set[int], offset: int) -> dict:
    """Next year's conference is another event: new codes, nobody arrived yet."""
    return {"codes": [], "arrivals": []}
