"""Helpers of the tasks tests: a conference of our own (no preset tasks), tasks made by hand."""

from __future__ import annotations

import datetime as dt

from kehoach_app.conferences import operations as conference_operations
from kehoach_app.db import db
from kehoach_app.tasks.models import Task

TORTURE_UNIT = "Phòng A & B <C>"


def conference_values(day: dt.date, **overrides) -> dict:
    values = {
        "preset_key": "tong_ket.xa",
        "kind": "tong_ket",
        "level": "xa",
        "parent_body": "",
        "issuer": "Ủy ban nhân dân phường Tân Định",
        "place_name": "Tân Định",
        "title": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026",
        "year_reviewed": day.year - 1,
        "year_launched": day.year,
        "date": day,
        "start_time": dt.time(7, 30),
        "length": "half_day",
        "venue": "Hội trường Ủy ban nhân dân phường",
        "venue_address": "",
        "planned_delegates": 150,
        "funding_source": "",
        "doc_number": "12",
        "doc_symbol": "KH-UBND",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN",
        "signer_deputy": "",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Trần Văn Bình",
        "purposes": "",
        "notes": "",
    }
    values.update(overrides)
    return values


def make_conference(app, day: dt.date, tasks: list[dict] = (), **overrides) -> int:
    with app.app_context():
        conference = conference_operations.create_conference(conference_values(day, **overrides))
        for position, values in enumerate(tasks, start=1):
            row = {"support_units": "", "status": "todo", "notes": "", **values}
            db.session.add(Task(conference_id=conference.id, position=position, **row))
        db.session.commit()
        return conference.id


def tasks_in(app, conference_id: int) -> list[Task]:
    with app.app_context():
        rows = (
            db.session.query(Task)
            .filter_by(conference_id=conference_id)
            .order_by(Task.position, Task.id)
            .all()
        )
        db.session.expunge_all()
        return rows
