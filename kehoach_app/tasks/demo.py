"""The demo's tasks: progress as it would be some weeks before the conference."""

from __future__ import annotations

import datetime as dt

from ..conferences.models import Conference
from ..db import db
from .logic import due_date
from .models import Task
from .operations import next_position, tasks_of


def add_demo_progress(conference: Conference, today: dt.date) -> None:
    """Make the demo look like a plan under way: the earliest tasks done or started, and one
    report due in a few days still being written.

    The demo passes the pre-signature check with nothing blocking: no task it leaves open has a
    deadline already behind `today` (a task whose date has gone is shown done, as it would be).
    """
    tasks = tasks_of(conference)
    for task in tasks:
        due = due_date(task.deadline_kind, task.days_before, task.deadline_date, conference.date)
        if due is not None and due < today:
            task.status = "done"
    for task in tasks:
        if task.deadline_kind == "month_before":
            task.status = "done"
            break
    started = [t for t in tasks if t.status == "todo"][:3]
    for task in started[:2]:
        task.status = "done"
    for task in started[2:]:
        task.status = "doing"
    db.session.add(
        Task(
            conference_id=conference.id,
            position=next_position(tasks),
            title=(
                f"Gửi báo cáo thành tích và hồ sơ đề nghị khen thưởng năm "
                f"{conference.year_reviewed} về Ủy ban nhân dân (qua bộ phận thi đua, khen thưởng)"
            ),
            lead_unit="Các cơ quan, đơn vị, thôn, tổ dân phố",
            support_units="",
            deadline_kind="fixed",
            deadline_date=today + dt.timedelta(days=3),
            status="doing",
            notes="Còn 02 đơn vị chưa gửi hồ sơ.",
        )
    )
    db.session.flush()
