"""Pre-signature checks of the tasks (Tổ chức thực hiện): deadlines passed, deadlines on a day off,
deadlines before the plan's ngày ký.

Read only: the tasks are loaded once per run (``context.load("tasks", …)``) and scheduled for the
conference day as the task page schedules them.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import url_for

from .. import vn
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from ..conferences.logic import SIGNED_PRINTOUTS, signing_year
from .logic import (
    ScheduledTask,
    WorkCalendar,
    non_working_reason,
    shorten,
    working_day_before,
)
from .operations import scheduled, work_calendar

# The printouts that print a task's deadline.
DEADLINE_PRINTOUTS = ("ke-hoach", "phan-cong-nhiem-vu", "tien-do-nhiem-vu", "danh-sach-nhiem-vu")


def calendar_of(context: CheckContext) -> WorkCalendar:
    """The working days (the law's and the officer's added days), read once per run; the
    conference's own date check uses it too."""
    return context.load("work_calendar", work_calendar)


def days_off_url(context: CheckContext) -> str:
    """The page of the days the officer adds, coming back to this conference."""
    return url_for("tasks.days_off", **{"hoi-nghi": context.conference.id})


def _scheduled(context: CheckContext) -> list[ScheduledTask]:
    conference = context.conference

    # the schedule the card and the printouts of the same request read (operations.scheduled)
    return context.load("tasks.scheduled", lambda: scheduled(conference, context.today))


def _edit_url(context: CheckContext, item: ScheduledTask) -> str:
    return url_for("tasks.edit", conference_id=context.conference.id, task_id=item.task.id)


def deadlines_passed(context: CheckContext) -> Iterable[Problem]:
    """A task not done whose deadline is already behind `today`: the plan would assign work
    whose date has gone."""
    for item in _scheduled(context):
        if not item.overdue:
            continue
        yield Problem(
            key="tasks.deadline_passed",
            severity=BLOCK,
            part="tasks",
            message=(
                f"Nhiệm vụ số {item.number} “{shorten(item.task.title)}” đã quá hạn "
                f"{-item.days_left} ngày (hạn {item.deadline.short}) mà chưa xong: hãy đánh dấu "
                "đã xong hoặc dời thời hạn."
            ),
            fix_url=_edit_url(context, item),
            fix_label="Sửa nhiệm vụ",
            printouts=DEADLINE_PRINTOUTS,
        )


def deadlines_on_days_off(context: CheckContext) -> Iterable[Problem]:
    """A deadline on a Saturday, Sunday, public holiday or a day off the officer added cannot be
    met that day (DOMAIN.md, Working days): say so and name the working day before; a Saturday
    the officer marked "làm bù" is a working day."""
    calendar = calendar_of(context)
    for item in _scheduled(context):
        due = item.deadline.due
        if due is None or item.state == "done":
            continue
        reason = non_working_reason(due, calendar)
        if not reason:
            continue
        before = working_day_before(due, calendar)
        yield Problem(
            key="tasks.deadline_day_off",
            severity=WARN,
            part="tasks",
            message=(
                f"Nhiệm vụ số {item.number} “{shorten(item.task.title)}” có hạn "
                f"{item.deadline.short} rơi vào ngày nghỉ ({reason}); ngày làm việc liền trước "
                f"là {vn.format_date_short(before)}."
            ),
            fix_url=_edit_url(context, item),
            fix_label="Sửa nhiệm vụ",
            printouts=DEADLINE_PRINTOUTS,
            more_url=days_off_url(context),
            more_label="Ngày nghỉ, ngày làm bù",
        )


def deadlines_before_signing(context: CheckContext) -> Iterable[Problem]:
    """WARN: a task not done whose deadline falls before the plan's ngày ký: the signed plan
    would assign work due before it exists ("hoàn thành trong tháng 12 năm 2026" in a plan
    signed on 05/01/2027). With the ngày ký blank the plan is signed today at the earliest, and
    a deadline before today is deadlines_passed's (one fact, one problem); an overdue task is
    left to that rule too."""
    signed = context.conference.signing_date
    if signed is None:
        yield from _deadline_years_before_signing_year(context)
        return
    for item in _scheduled(context):
        due = item.deadline.due
        if due is None or item.state == "done" or item.overdue or due >= signed:
            continue
        yield Problem(
            key="tasks.deadline_before_signing",
            severity=WARN,
            part="tasks",
            message=(
                f"Nhiệm vụ số {item.number} “{shorten(item.task.title)}” có hạn "
                f"{item.deadline.short}, trước ngày ký kế hoạch {vn.format_date_short(signed)}: "
                "kế hoạch giao một việc đã hết hạn khi được ký — hãy dời thời hạn hoặc ngày ký."
            ),
            fix_url=_edit_url(context, item),
            fix_label="Sửa nhiệm vụ",
            printouts=DEADLINE_PRINTOUTS,
        )


def _deadline_years_before_signing_year(context: CheckContext) -> Iterable[Problem]:
    """BLOCK: with the ngày ký blank the signed documents print "năm <year of the conference>",
    while the plan gives a task a deadline in an earlier year — signed as printed, the plan would
    be dated after its own deadlines. Only a typed ngày ký settles the year (one problem)."""
    conference = context.conference
    year = signing_year(conference.values())
    earlier = [
        item
        for item in _scheduled(context)
        if item.deadline.due is not None and item.state != "done" and item.deadline.due.year < year
    ]
    if not earlier:
        return
    first = min(earlier, key=lambda item: item.deadline.due)
    yield Problem(
        key="tasks.deadline_year_before_signing_year",
        severity=BLOCK,
        part="tasks",
        message=(
            f"Chưa có ngày ký nên các văn bản trình ký in “năm {year}”, nhưng nhiệm vụ số "
            f"{first.number} “{shorten(first.task.title)}” có hạn "
            f"{vn.format_date_short(first.deadline.due)} (năm {first.deadline.due.year}): hãy "
            "nhập ngày ký để văn bản mang đúng năm ký."
        ),
        fix_url=url_for("conferences.edit", conference_id=conference.id) + "#signing_date",
        fix_label="Nhập ngày ký",
        printouts=SIGNED_PRINTOUTS,
    )


register_check("tasks", deadlines_passed)
register_check("tasks", deadlines_on_days_off)
register_check("tasks", deadlines_before_signing)
