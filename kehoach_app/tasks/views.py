"""Pages of the tasks part (phân công nhiệm vụ): the list with what is overdue, due this week and
done; add, edit, delete, reorder and one-click status; and the part's registrations (dashboard
card, printouts, conference file, preset, demo)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from .. import vn
from ..conferences.logic import latest_day_note
from ..conferences.models import Conference
from ..db import db
from ..lazy import lazy_module
from ..parts import Card, conference_or_404
from . import operations
from .forms import TaskForm
from .logic import (
    DUE_SOON_DAYS,
    STATUS_LABELS,
    ScheduledTask,
    card_lines,
    describe_deadline,
    document_head,
    event_noun,
    involves,
    overview,
    shorten,
    unit_assignments,
    unit_names,
)
from .models import Task

bp = Blueprint("tasks", __name__)
# ReportLab and openpyxl load at the first printout, not at start (kehoach_app/lazy.py).
printout = lazy_module("kehoach_app.tasks.printout")

# The list's status filter: a task's status, or its state on today's date.
STATUS_FILTERS = {
    "": "Tất cả",
    "todo": "Chưa làm",
    "doing": "Đang làm",
    "done": "Xong",
    "open": "Chưa xong",
    "overdue": "Quá hạn",
    "due_soon": f"Đến hạn trong {DUE_SOON_DAYS} ngày tới",
}
UNIT_ARG, STATUS_ARG = "don-vi", "tinh-trang"

STALE_MESSAGE = (
    "Nhiệm vụ này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại "
    "bản mới nhất (mở danh sách nhiệm vụ trong cửa sổ khác) rồi lưu lại."
)


_conference = conference_or_404


def _notice(text: str, conference: Conference | None = None, category: str = "success"):
    """A flash message; with a conference, the one-click Hoàn tác of the change just made."""
    message: dict = {"text": text}
    if conference is not None:
        message["action_url"] = url_for("conferences.undo", conference_id=conference.id)
        message["action_label"] = "Hoàn tác"
    flash(message, category)


def _scheduled(conference: Conference, today: dt.date) -> list[ScheduledTask]:
    return operations.scheduled(conference, today)


def _filters() -> dict[str, str]:
    """The list's filters as they came in (kept across a status click or a move)."""
    unit = request.values.get(UNIT_ARG, "").strip()
    status = request.values.get(STATUS_ARG, "").strip()
    if status not in STATUS_FILTERS:
        status = ""
    return {key: value for key, value in ((UNIT_ARG, unit), (STATUS_ARG, status)) if value}


def _matches(item: ScheduledTask, unit: str, status: str) -> bool:
    if unit and not involves(item.task, unit):
        return False
    if status in STATUS_LABELS:
        return item.task.status == status
    if status == "open":
        return item.task.status != "done"
    if status in ("overdue", "due_soon"):
        return item.state == status
    return True


def _back_to_list(conference: Conference, task_id: int | None = None):
    anchor = f"nv-{task_id}" if task_id else None
    return redirect(url_for(".index", conference_id=conference.id, _anchor=anchor, **_filters()))


def index(conference_id: int):
    conference = _conference(conference_id)
    today = dt.date.today()
    scheduled = _scheduled(conference, today)
    filters = _filters()
    unit, status = filters.get(UNIT_ARG, ""), filters.get(STATUS_ARG, "")
    shown = [item for item in scheduled if _matches(item, unit, status)]
    return render_template(
        "tasks/index.html",
        conference=conference,
        scheduled=scheduled,
        shown=shown,
        summary=overview(scheduled),
        units=unit_names(item.task for item in scheduled),
        unit=unit,
        status=status,
        filters=filters,
        status_filters=STATUS_FILTERS,
        statuses=STATUS_LABELS,
        days=(conference.date - today).days,
        latest_note=latest_day_note(conference.values()),
        event=event_noun(conference.kind),
        can_undo=bool(conference.revisions),
        due_soon_days=DUE_SOON_DAYS,
    )


def _render_form(conference: Conference, form: TaskForm, task: Task | None, number=None, code=200):
    """The add/edit page; without a task it posts to "add" (also when the task was deleted in
    another tab: what was typed is saved as a new task)."""
    if task is not None:
        action = url_for(".edit", conference_id=conference.id, task_id=task.id)
    else:
        action = url_for(".add", conference_id=conference.id)
    deadline = None
    if task is not None:
        deadline = describe_deadline(
            operations.task_data(task),
            conference.date,
            event_noun(conference.kind),
            operations.work_calendar(),
        )
    units = unit_names(operations.task_data(t) for t in operations.tasks_of(conference))
    return render_template(
        "tasks/form.html",
        conference=conference,
        form=form,
        task=task,
        number=number,
        action=action,
        deadline=deadline,
        units=units,
        event=event_noun(conference.kind),
        latest_note=latest_day_note(conference.values()),
    ), code


def _new_form(conference: Conference, **kwargs) -> TaskForm:
    return TaskForm(event_day=conference.date, event=event_noun(conference.kind), **kwargs)


def add(conference_id: int):
    conference = _conference(conference_id)
    form = _new_form(conference)
    if form.validate_on_submit():
        task = operations.add_task(conference, form.task_values())
        db.session.commit()
        _notice(
            f"Đã thêm nhiệm vụ số {operations.number_of(task)}: “{shorten(task.title, 80)}”.",
            conference,
        )
        if request.form.get("again"):
            return redirect(url_for(".add", conference_id=conference.id))
        return _back_to_list(conference, task.id)
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return _render_form(conference, form, None)


def edit(conference_id: int, task_id: int):
    conference = _conference(conference_id)
    task = operations.get_task(conference, task_id)
    if task is None:
        if request.method == "GET":
            abort(404)
        # Deleted in another tab while this one was editing: keep what was typed, offer to add.
        form = _new_form(conference, formdata=request.form)
        flash(
            {
                "text": "Nhiệm vụ này đã bị xóa (có thể ở cửa sổ khác). Những gì bạn nhập vẫn "
                "còn bên dưới; bấm “Thêm nhiệm vụ” để lưu thành việc mới."
            },
            "error",
        )
        return _render_form(conference, form, None, code=409)
    form = _new_form(conference, obj=task if request.method == "GET" else None)
    if (
        task.deadline_kind == "fixed"
        and task.deadline_date
        and task.deadline_date > conference.date
    ):
        form.accepted_late = task.deadline_date  # confirmed when it was saved
    if request.method == "GET":
        form.version.data = str(task.version)
        form.fingerprint.data = operations.fingerprint(task)
    number = operations.number_of(task)
    if form.validate_on_submit():
        if _is_stale(form, task):
            flash({"text": STALE_MESSAGE}, "error")
            form.version.data = str(task.version)
            form.fingerprint.data = operations.fingerprint(task)
            return _render_form(conference, form, task, number, code=409)
        try:
            changed = operations.update_task(task, form.task_values())
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            flash({"text": STALE_MESSAGE}, "error")
            task = operations.get_task(conference, task_id)
            if task is not None:
                form.version.data = str(task.version)
                form.fingerprint.data = operations.fingerprint(task)
            return _render_form(conference, form, task, number if task else None, code=409)
        if changed:
            _notice(f"Đã lưu nhiệm vụ số {number}.", conference)
        else:
            _notice("Không có gì thay đổi.", category="info")
        return _back_to_list(conference, task.id)
    if request.method == "POST":
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
    return _render_form(conference, form, task, number)


def _is_stale(form: TaskForm, task: Task) -> bool:
    """The task is no longer what the form was opened on: changed in another tab, or its id now
    holds another task (a freed id given out again, or a deleted task brought back by undo
    under an id a newer one held). Moved only — version bumped, same content — is not stale. A
    form without the fingerprint falls back to the version."""
    if form.fingerprint.data:
        return form.fingerprint.data != operations.fingerprint(task)
    return form.version.data != str(task.version)


def _task_or_notice(conference: Conference, task_id: int) -> Task | None:
    task = operations.get_task(conference, task_id)
    if task is None:
        _notice(
            "Nhiệm vụ này không còn trong danh sách (có thể đã bị xóa ở cửa sổ khác).",
            category="info",
        )
    return task


def delete(conference_id: int, task_id: int):
    conference = _conference(conference_id)
    task = _task_or_notice(conference, task_id)
    if task is not None:
        number, title = operations.number_of(task), task.title
        operations.delete_task(task)
        db.session.commit()
        _notice(f"Đã xóa nhiệm vụ số {number}: “{shorten(title, 80)}”.", conference)
    return _back_to_list(conference)


def move(conference_id: int, task_id: int):
    conference = _conference(conference_id)
    task = _task_or_notice(conference, task_id)
    if task is None:
        return _back_to_list(conference)
    step = {"len": -1, "xuong": 1}.get(request.form.get("huong", ""))
    if step is None:
        abort(400)
    if operations.move_task(task, step):
        db.session.commit()
        where = "lên" if step < 0 else "xuống"
        _notice(
            f"Đã chuyển “{shorten(task.title, 60)}” {where} vị trí số "
            f"{operations.number_of(task)}.",
            conference,
        )
    else:
        _notice("Nhiệm vụ đã ở đầu (hoặc cuối) danh sách.", category="info")
    return _back_to_list(conference, task.id)


def to_working_day(conference_id: int, task_id: int):
    """ "Chuyển về ngày làm việc trước": a deadline on a day off becomes a fixed deadline on the
    working day before it, in one click, with Hoàn tác."""
    conference = _conference(conference_id)
    task = _task_or_notice(conference, task_id)
    if task is None:
        return _back_to_list(conference)
    number = operations.number_of(task)
    moved = operations.move_to_working_day(task, conference.date)
    if moved is None:
        _notice(f"Hạn của nhiệm vụ số {number} đã là ngày làm việc.", category="info")
    else:
        db.session.commit()
        _notice(
            f"Đã chuyển hạn nhiệm vụ số {number} về ngày làm việc trước: chậm nhất ngày "
            f"{vn.format_date_short(moved)}.",
            conference,
        )
    if request.form.get("next") == "form":
        return redirect(url_for(".edit", conference_id=conference.id, task_id=task.id))
    return _back_to_list(conference, task.id)


def set_status(conference_id: int, task_id: int):
    conference = _conference(conference_id)
    task = _task_or_notice(conference, task_id)
    if task is None:
        return _back_to_list(conference)
    status = request.form.get("status", "")
    if status not in STATUS_LABELS:
        abort(400)
    number = operations.number_of(task)
    if operations.set_status(task, status):
        db.session.commit()
        _notice(f"Nhiệm vụ số {number}: {STATUS_LABELS[status]}.", conference)
    return _back_to_list(conference, task.id)


# --------------------------------------------------------------------------- registrations


def dashboard_card(conference: Conference) -> Card:
    summary = overview(_scheduled(conference, dt.date.today()))
    return Card(
        key="tasks",
        title="Phân công nhiệm vụ",
        description="Việc, đơn vị chủ trì, phối hợp, thời hạn",
        progress=summary.percent_done,
        todo=card_lines(summary),
        url=url_for("tasks.index", conference_id=conference.id),
        url_label="Mở phân công nhiệm vụ",
    )


def build_assignments(conference: Conference, fmt: str) -> bytes:
    today = dt.date.today()
    head = document_head(conference.values())
    return printout.render_assignments(head, unit_assignments(_scheduled(conference, today)))


def build_timeline(conference: Conference, fmt: str) -> bytes:
    today = dt.date.today()
    scheduled = _scheduled(conference, today)
    head = document_head(conference.values())
    return printout.render_timeline(head, scheduled, overview(scheduled), today)


def build_task_list(conference: Conference, fmt: str) -> bytes:
    today = dt.date.today()
    head = document_head(conference.values())
    return printout.render_task_list_xlsx(head, _scheduled(conference, today), today)


def printout_missing(conference: Conference) -> list[str]:
    # Whether there is one task, not every task as an ORM row three times (the print centre
    # asks for each of the part's three printouts; issue 19).
    first = db.select(Task.id).where(Task.conference_id == conference.id).limit(1)
    if db.session.scalar(first) is None:
        return ["Chưa có nhiệm vụ nào (thêm ở trang Phân công nhiệm vụ)."]
    return []


# The page of the days the officer adds to the calendar shares the blueprint.
