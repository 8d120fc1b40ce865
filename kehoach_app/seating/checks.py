"""Kiểm tra trước khi trình ký — the seating rules.

Only once a hall is chosen: a conference without one does not seat by name and prints no chart
or cards. Then every delegate who confirmed must have a seat (BLOCK: the chart, the ushers' list
and the table cards would send a guest who was told to come to no seat), the hall must hold
everyone who confirmed and the delegates planned, and a delegate who declined should not keep
a seat and a card (WARN).
Checks read only; the seating is loaded once per run through the context.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import url_for

from .. import vn
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from . import operations

PART = "seating"

# The seating part's printouts (registered in views.py).
CHART = "so-do-cho-ngoi"
PRESIDIUM = "so-do-doan-chu-tich"
USHER_LIST = "danh-sach-cho-ngoi"
TABLE_CARDS = "bien-ten"
SEAT_LABELS = "nhan-ghe"
SEATING_PRINTOUTS = (CHART, PRESIDIUM, USHER_LIST, TABLE_CARDS, SEAT_LABELS)

# How many names a sentence lists before "và N người khác".
NAMES_SHOWN = 5


def _state(context: CheckContext) -> operations.SeatingState:
    return context.load("seating.state", lambda: operations.load(context.conference))


def _names(people) -> str:
    names = [p.full_name for p in people[:NAMES_SHOWN]]
    more = len(people) - len(names)
    return ", ".join(names) + (f" và {vn.format_number(more)} người khác" if more else "")


def _page(context: CheckContext) -> str:
    return url_for("seating.index", conference_id=context.conference.id)


def confirmed_without_seat(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a delegate who confirmed has no seat in the hall that is set up."""
    state = _state(context)
    if state.layout is None:
        return
    _views, unseated, _warnings = state.checked
    waiting = [p for p in unseated if p.confirmed]
    if not waiting:
        return
    printouts = (CHART, USHER_LIST, TABLE_CARDS, SEAT_LABELS)
    if any(p.presidium for p in waiting):
        printouts = (CHART, PRESIDIUM, USHER_LIST, TABLE_CARDS, SEAT_LABELS)
    yield Problem(
        key="seating.confirmed_without_seat",
        severity=BLOCK,
        part=PART,
        message=(
            f"{vn.format_number(len(waiting))} đại biểu đã xác nhận dự chưa có chỗ ngồi trong "
            f"sơ đồ {state.hall.name}: {_names(waiting)}."
        ),
        fix_url=_page(context),
        fix_label="Xếp chỗ",
        printouts=printouts,
    )


def more_confirmed_than_seats(context: CheckContext) -> Iterator[Problem]:
    """WARN: the hall has fewer usable seats than delegates who confirmed."""
    state = _state(context)
    if state.layout is None:
        return
    seats = state.layout.capacity
    if state.confirmed <= seats:
        return
    yield Problem(
        key="seating.over_capacity",
        severity=WARN,
        part=PART,
        message=(
            f"{state.hall.name} có {vn.format_number(seats)} ghế cho "
            f"{vn.format_number(state.confirmed)} đại biểu đã xác nhận dự."
        ),
        fix_url=url_for("seating.hall", conference_id=context.conference.id),
        fix_label="Sửa hội trường",
        printouts=(CHART, USHER_LIST),
    )


def more_planned_than_seats(context: CheckContext) -> Iterator[Problem]:
    """WARN: the hall has fewer usable seats than the delegates planned (Conference.
    planned_delegates, the figure the plan and the budget use), before anyone has confirmed."""
    state = _state(context)
    planned = context.conference.planned_delegates or 0
    if state.layout is None or planned <= state.layout.capacity:
        return
    yield Problem(
        key="seating.planned_over_capacity",
        severity=WARN,
        part=PART,
        message=(
            f"{state.hall.name} có {vn.format_number(state.layout.capacity)} ghế, ít hơn "
            f"{vn.format_number(planned)} đại biểu dự kiến: hãy chọn hội trường lớn hơn, thêm "
            "ghế hoặc giảm số đại biểu dự kiến."
        ),
        fix_url=url_for("seating.hall", conference_id=context.conference.id),
        fix_label="Sửa hội trường",
        printouts=(CHART, USHER_LIST),
    )


def declined_but_seated(context: CheckContext) -> Iterator[Problem]:
    """WARN: a delegate who sent word they will not come still has a seat and a table card."""
    state = _state(context)
    if state.layout is None:
        return
    views, _unseated, _warnings = state.checked
    absent = [v.person for v in views if v.person is not None and v.person.absent]
    if not absent:
        return
    yield Problem(
        key="seating.absent_seated",
        severity=WARN,
        part=PART,
        message=(
            f"{vn.format_number(len(absent))} đại biểu đã báo vắng vẫn có chỗ ngồi và biển tên: "
            f"{_names(absent)}."
        ),
        fix_url=_page(context),
        fix_label="Bỏ chỗ",
        printouts=SEATING_PRINTOUTS,
    )


for _rule in (
    confirmed_without_seat,
    more_confirmed_than_seats,
    more_planned_than_seats,
    declined_but_seated,
):
    register_check(PART, _rule)
