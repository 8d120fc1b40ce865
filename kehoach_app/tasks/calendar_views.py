"""The page of the days the officer adds to the working-day calendar (/ngay-nghi): extra days
off granted by the government's yearly notice, and Saturdays or Sundays worked in exchange
("làm bù"). DOMAIN.md, Working days; issue 16.

The days are shared by every conference on the machine, so there is no undo snapshot (Hoàn tác
undoes one conference's change); the edit form carries the row's version and a save over a row
changed meanwhile is refused with what was typed kept. Registered on the tasks blueprint
(imported at the end of views.py).
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from .. import vn
from ..conferences.models import Conference
from ..db import db
from . import operations
from .forms import CalendarDayForm
from .logic import EXTRA_DAY_KINDS, EXTRA_WORK, public_holidays
from .models import CalendarDay

STALE_DAY = (
    "Ngày này vừa được sửa ở cửa sổ khác. Những gì bạn nhập vẫn còn bên dưới; hãy xem lại bản "
    "mới nhất (mở lại trang Ngày nghỉ, ngày làm bù) rồi lưu lại."
)
GONE_DAY = "Ngày này không còn trong danh sách (có thể đã bị xóa ở cửa sổ khác)."
# The query argument that brings the officer back to the conference he came from.
FROM_ARG = "hoi-nghi"


def _from_conference() -> Conference | None:
    """The conference whose page linked here (for the way back), if any and not in the bin."""
    conference_id = vn.row_id(request.values.get(FROM_ARG))  # "²", 2**63: none, not a 500
    if conference_id is None:
        return None
    conference = db.session.get(Conference, conference_id)
    return conference if conference is not None and conference.deleted_at is None else None


def _list_url(conference: Conference | None, anchor: str | None = None) -> str:
    args = {FROM_ARG: conference.id} if conference is not None else {}
    return url_for("tasks.days_off", _anchor=anchor, **args)


def _others(editing: CalendarDay | None = None):
    return [operations.extra_day(row) for row in operations.calendar_days() if row is not editing]


def _render_list(form: CalendarDayForm, code: int = 200):
    today = dt.date.today()
    rows = operations.calendar_days()
    years = (today.year, today.year + 1)
    return render_template(
        "tasks/days_off.html",
        form=form,
        rows=rows,
        kinds=EXTRA_DAY_KINDS,
        work=EXTRA_WORK,
        today=today,
        years=years,
        public={year: public_holidays(year) for year in years},
        back=_from_conference(),
        from_arg=FROM_ARG,
    ), code


def days_off():
    return _render_list(CalendarDayForm(formdata=None))


def add_day_off():
    form = CalendarDayForm(others=_others())
    if not form.validate_on_submit():
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
        return _render_list(form, 400)
    row, _ = operations.save_calendar_day(None, form.values())
    db.session.commit()
    flash({"text": _saved_text("Đã thêm", row)}, "success")
    return redirect(_list_url(_from_conference(), f"ngay-{row.id}"))


def _saved_text(verb: str, row: CalendarDay) -> str:
    what = "ngày làm bù" if row.kind == EXTRA_WORK else "ngày nghỉ"
    return (
        f"{verb} {what} {vn.weekday_name(row.day)}, {vn.format_date_short(row.day)} "
        f"({row.reason}): mọi hội nghị trên máy này tính thời hạn theo ngày này."
    )


def edit_day_off(day_id: int):
    row = db.session.get(CalendarDay, day_id)
    back = _from_conference()
    if row is None:
        if request.method == "GET":
            abort(404)
        flash({"text": GONE_DAY}, "error")
        return redirect(_list_url(back))
    form = CalendarDayForm(
        obj=row if request.method == "GET" else None, others=_others(row), editing=row.id
    )
    if request.method == "GET":
        form.version.data = str(row.version)
    elif form.validate_on_submit():
        if form.version.data != str(row.version):
            flash({"text": STALE_DAY}, "error")
            form.version.data = str(row.version)
            return _render_form(row, form, back, 409)
        try:
            row, changed = operations.save_calendar_day(row, form.values())
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            flash({"text": STALE_DAY}, "error")
            row = db.session.get(CalendarDay, day_id)
            if row is None:
                return redirect(_list_url(back))
            form.version.data = str(row.version)
            return _render_form(row, form, back, 409)
        if changed:
            flash({"text": _saved_text("Đã lưu", row)}, "success")
        else:
            flash({"text": "Không có gì thay đổi."}, "info")
        return redirect(_list_url(back, f"ngay-{row.id}"))
    else:
        flash({"text": "Chưa lưu: hãy sửa các ô được đánh dấu đỏ bên dưới."}, "error")
        return _render_form(row, form, back, 400)
    return _render_form(row, form, back, 200)


def _render_form(row: CalendarDay, form: CalendarDayForm, back, code: int):
    return render_template(
        "tasks/day_off_form.html", row=row, form=form, back=back, from_arg=FROM_ARG
    ), code


def delete_day_off(day_id: int):
    row = db.session.get(CalendarDay, day_id)
    back = _from_conference()
    if row is None:
        flash({"text": GONE_DAY}, "info")
        return redirect(_list_url(back))
    what = "ngày làm bù" if row.kind == EXTRA_WORK else "ngày nghỉ"
    text = f"Đã xóa {what} {vn.format_date_short(row.day)} ({row.reason})."
    operations.delete_calendar_day(row)
    db.session.commit()
    flash({"text": text}, "success")
    return redirect(_list_url(back))
