"""Named operations that change a conference's tasks: add, edit, delete, reorder, set status;
the conference file's export and replace; the preset's and the demo's tasks.

Each change takes an undo snapshot first (one Hoàn tác button undoes it, whatever part it was
in), changes the rows and flushes; the view commits once.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete, select

from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..conferences.presetting import fill_text
from ..db import db
from ..presets import Preset
from .logic import ExtraDay, TaskData, WorkCalendar, describe_deadline, support_list
from .models import CalendarDay, Task

PART = "tasks"


def tasks_of(conference: Conference) -> list[Task]:
    """The conference's tasks in the plan's order."""
    return list(
        db.session.scalars(
            select(Task).where(Task.conference_id == conference.id).order_by(Task.position, Task.id)
        )
    )


def task_data(task: Task) -> TaskData:
    return TaskData(
        title=task.title,
        lead_unit=task.lead_unit,
        support_units=support_list(task.support_units or ""),
        deadline_kind=task.deadline_kind,
        days_before=task.days_before,
        deadline_date=task.deadline_date,
        status=task.status,
        notes=task.notes or "",
        id=task.id,
        position=task.position,
        deadline_words=task.deadline_words or "",
    )


def fingerprint(task: Task) -> str:
    """A short digest of what the edit form shows of a task.

    The form carries it with the version: a save is refused when the task no longer says what
    the form was opened on — changed in another tab, or another task under the same id (SQLite
    gives the highest freed id out again, and undo can bring a deleted task back under an id a
    newer one held meanwhile). A move alone bumps the version but not this, and is no reason
    to refuse.
    """
    values = [str(getattr(task, name)) for name in Task.FIELDS]
    return hashlib.sha256("\x1f".join(values).encode("utf-8")).hexdigest()[:16]


def get_task(conference: Conference, task_id: int) -> Task | None:
    task = db.session.get(Task, task_id)
    if task is None or task.conference_id != conference.id:
        return None
    return task


def number_of(task: Task) -> int:
    """The task's number in the list as the officer sees it (1, 2, …)."""
    return next(i for i, t in enumerate(tasks_of(task.conference), start=1) if t.id == task.id)


def _renumber(tasks: list[Task]) -> None:
    for position, task in enumerate(tasks, start=1):
        if task.position != position:
            task.position = position


def next_position(tasks: list[Task]) -> int:
    return max((t.position for t in tasks), default=0) + 1


def _set(task: Task, values: dict) -> None:
    for name in Task.FIELDS:
        if name in values:
            setattr(task, name, values[name])


def add_task(conference: Conference, values: dict) -> Task:
    existing = tasks_of(conference)
    take_snapshot(conference, PART, f"Thêm nhiệm vụ số {len(existing) + 1}")
    task = Task(conference_id=conference.id, position=next_position(existing))
    _set(task, values)
    db.session.add(task)
    db.session.flush()
    return task


def update_task(task: Task, values: dict) -> bool:
    """Save the form's values; False when nothing changed (no undo step is kept)."""
    if all(getattr(task, name) == value for name, value in values.items()):
        return False
    take_snapshot(task.conference, PART, f"Sửa nhiệm vụ số {number_of(task)}")
    _set(task, values)
    db.session.flush()
    return True


def delete_task(task: Task) -> None:
    # The others keep their positions (a gap is harmless): renumbering them would bump their
    # versions and refuse a save from another tab that is editing one of them.
    take_snapshot(task.conference, PART, f"Xóa nhiệm vụ số {number_of(task)}")
    db.session.delete(task)
    db.session.flush()


def move_task(task: Task, step: int) -> bool:
    """Move a task one place up (step −1) or down (+1); False at either end."""
    tasks = tasks_of(task.conference)
    index = next(i for i, t in enumerate(tasks) if t.id == task.id)
    target = index + step
    if not 0 <= target < len(tasks):
        return False
    take_snapshot(task.conference, PART, f"Đổi thứ tự nhiệm vụ số {index + 1}")
    other = tasks[target]
    if other.position != task.position:  # swap the two: the other rows are not touched
        task.position, other.position = other.position, task.position
    else:
        tasks[index], tasks[target] = other, task
        _renumber(tasks)
    db.session.flush()
    return True


def move_to_working_day(task: Task, event_day: dt.date) -> dt.date | None:
    """ "Chuyển về ngày làm việc trước": a deadline on a day off becomes a fixed deadline on the
    working day before it (tasks/logic.working_day_before); undoable like any change. Returns
    the new date, or None when the deadline is on a working day (nothing changed)."""
    deadline = describe_deadline(task_data(task), event_day, calendar=work_calendar())
    if deadline.working_day is None:
        return None
    take_snapshot(
        task.conference, PART, f"Chuyển hạn nhiệm vụ số {number_of(task)} về ngày làm việc trước"
    )
    task.deadline_kind = "fixed"
    task.deadline_date = deadline.working_day
    task.days_before = None
    # The new date is the last day itself: worded "chậm nhất vào ngày …" if it was a wording of
    # a fixed day, the program's words otherwise.
    task.deadline_words = "cham_nhat_vao" if task.deadline_words in ("truoc_ngay",) else ""
    db.session.flush()
    return deadline.working_day


def set_status(task: Task, status: str) -> bool:
    if task.status == status:
        return False
    take_snapshot(task.conference, PART, f"Đổi tình trạng nhiệm vụ số {number_of(task)}")
    task.status = status
    db.session.flush()
    return True


# --------------------------------------------------------------------------- conference file


def export_tasks(conference: Conference) -> list[dict]:
    """The tasks as the conference file holds them ($defs/task), in order."""
    return [
        {
            "title": task.title,
            "lead_unit": task.lead_unit,
            "support_units": list(support_list(task.support_units or "")),
            "deadline_kind": task.deadline_kind,
            "days_before": task.days_before,
            "deadline_date": task.deadline_date.isoformat() if task.deadline_date else None,
            "deadline_words": task.deadline_words or "",
            "status": task.status,
            "notes": task.notes or "",
        }
        for task in tasks_of(conference)
    ]


def replace_tasks(conference: Conference, tasks: list[TaskData]) -> None:
    """Make the conference's tasks exactly `tasks` (import, Nhân bản, undo)."""
    db.session.execute(delete(Task).where(Task.conference_id == conference.id))
    db.session.add_all(
        Task(
            conference_id=conference.id,
            position=position,
            title=task.title,
            lead_unit=task.lead_unit,
            support_units="\n".join(task.support_units),
            deadline_kind=task.deadline_kind,
            days_before=task.days_before if task.deadline_kind == "days_before" else None,
            deadline_date=task.deadline_date if task.deadline_kind == "fixed" else None,
            deadline_words=task.deadline_words,
            status=task.status,
            notes=task.notes,
        )
        for position, task in enumerate(tasks, start=1)
    )
    db.session.flush()


# --------------------------------------------------------------------------- preset, demo


def create_preset_tasks(conference: Conference, preset: Preset, values: dict) -> None:
    """The preset's tasks (the seeds' usual assignments) for a new conference."""
    for position, item in enumerate(preset.tasks, start=1):
        db.session.add(
            Task(
                conference_id=conference.id,
                position=position,
                title=fill_text(item.title, values),
                lead_unit=fill_text(item.lead, values),
                support_units="\n".join(fill_text(unit, values) for unit in item.support),
                deadline_kind="month_before" if item.month_before else "days_before",
                days_before=None if item.month_before else item.days_before,
                status="todo",
                notes="",
            )
        )
    db.session.flush()


# --------------------------------------------------------------------------- working days


def calendar_days() -> list[CalendarDay]:
    """The days the officer added (shared by every conference on the machine), by date."""
    return list(db.session.scalars(select(CalendarDay).order_by(CalendarDay.day)))


def extra_day(row: CalendarDay) -> ExtraDay:
    return ExtraDay(day=row.day, kind=row.kind, reason=row.reason, basis=row.basis, id=row.id)


def scheduled(conference: Conference, today: dt.date) -> list:
    """The conference's tasks scheduled for `today` (logic.schedule over the working days):
    once per GET request or printout set and day — the dashboard's card, the checks and the
    print centre's printouts computed the same schedule each (issue 19). Readers do not
    change it."""
    from ..conferences.vocab import event_noun
    from ..readmodel import per_request
    from .logic import schedule

    def compute() -> list:
        tasks = [task_data(task) for task in tasks_of(conference)]
        return schedule(tasks, conference.date, today, event_noun(conference.kind), work_calendar())

    return per_request(("tasks.scheduled", today, conference.date), conference.id, compute)


def work_calendar() -> WorkCalendar:
    """The working days as of now: the law's and every day the officer added. Read each time
    (one small query), so a day added or removed counts on the next page."""
    return WorkCalendar(extra_day(row) for row in calendar_days())


def save_calendar_day(row: CalendarDay | None, values: dict) -> tuple[CalendarDay, bool]:
    """Add a day (row None) or change one; returns the row and whether anything changed. The
    caller has checked the values (tasks/logic.extra_day_problem) and the row's version."""
    if row is None:
        row = CalendarDay(**values)
        db.session.add(row)
        db.session.flush()
        return row, True
    changed = any(getattr(row, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(row, name, value)
    db.session.flush()
    return row, changed


def delete_calendar_day(row: CalendarDay) -> None:
    db.session.delete(row)
    db.session.flush()
