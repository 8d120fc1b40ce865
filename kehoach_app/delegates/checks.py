"""Kiểm tra trước khi trình ký — the delegates' rules.

The conference's "Số đại biểu dự kiến" is the planned total and the groups are its breakdown
(logic.PlannedTotal): the plan prints the total above the groups, so groups that add up to
another figure block it. The other rules compare planned, invited and confirmed counts, and look
for blanks ("…") left in the names that the invitations, lists, cards and the plan print.
Checks read only; the data is loaded once per run through the context.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flask import url_for

from .. import vn
from ..checks import BLOCK, WARN, CheckContext, Problem, register_check
from . import operations
from .logic import (
    PlannedTotal,
    Tally,
    has_placeholder,
    is_invited,
    planned_total,
    tally,
)

PART = "delegates"

# Printouts that print what the officer typed for a delegate (name, chức vụ, đơn vị, người dự
# thay): the delegates' own, the seating part's and the MC's script (the introductions).
PRINTED_WITH_NAMES = (
    "giay-moi",
    "nhan-phong-bi",
    "danh-sach-dai-bieu",
    "so-theo-doi-giay-moi",
    "danh-sach-ky-nhan",
    "so-do-cho-ngoi",
    "so-do-doan-chu-tich",
    "danh-sach-cho-ngoi",
    "bien-ten",
    "nhan-ghe",
    "kich-ban-dieu-hanh",
)
# Printouts that print a group's name: the plan (thành phần) and the delegate list's headings.
PRINTED_WITH_GROUP_NAMES = ("ke-hoach", "danh-sach-dai-bieu")
# Printouts that state or use the planned total: the plan and the budget's quantities.
USING_PLANNED_TOTAL = ("ke-hoach", "du-toan")

# A conference with many delegates left with a blank gets one problem per person up to this many,
# then one for the rest: the page stays readable.
MAX_PEOPLE_LISTED = 10


@dataclass(frozen=True)
class DelegatesData:
    groups: list
    rows: list
    counts: Tally
    planned: PlannedTotal


def _data(context: CheckContext) -> DelegatesData:
    def load() -> DelegatesData:
        conference = context.conference
        groups = operations.groups_of(conference)
        rows = operations.list_rows(conference)
        return DelegatesData(
            groups=groups,
            rows=rows,
            counts=tally(groups, rows),
            planned=planned_total(conference.planned_delegates, groups),
        )

    return context.load("delegates.tally", load)


def _n(n: int) -> str:
    return vn.format_number(n)


def _reconcile_url(context: CheckContext) -> str:
    return url_for(
        "delegates.index", conference_id=context.conference.id, _anchor="doi-chieu-du-kien"
    )


def groups_against_total(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: the plan would print "Tổng số đại biểu: 120" above groups adding up to 100."""
    planned = _data(context).planned
    if planned.agrees:
        return
    yield Problem(
        key="delegates.groups_total",
        severity=BLOCK,
        part=PART,
        message=(
            f"Các thành phần đại biểu cộng lại {_n(planned.groups_sum)} người, khác số đại biểu "
            f"dự kiến {_n(planned.total)} mà Kế hoạch in làm tổng số."
        ),
        fix_url=_reconcile_url(context),
        fix_label="Đối chiếu số dự kiến",
        printouts=("ke-hoach",),
    )


def invited_against_planned(context: CheckContext) -> Iterator[Problem]:
    """WARN: more invitations sent than planned, for a group or in all."""
    data = _data(context)
    conference = context.conference
    for line in data.counts.groups:
        if line.planned and line.invited > line.planned:
            yield Problem(
                key="delegates.group_invited_over_planned",
                severity=WARN,
                part=PART,
                message=(
                    f"Thành phần “{line.name}” đã gửi giấy mời cho {_n(line.invited)} người, "
                    f"nhiều hơn {_n(line.planned)} người dự kiến."
                ),
                fix_url=url_for(
                    "delegates.edit_group", conference_id=conference.id, group_id=line.group_id
                ),
                fix_label="Sửa số dự kiến",
                printouts=("ke-hoach",),
            )
    invited = data.counts.total.invited
    if invited > data.planned.total:
        yield Problem(
            key="delegates.invited_over_planned",
            severity=WARN,
            part=PART,
            message=(
                f"Đã gửi giấy mời cho {_n(invited)} người, nhiều hơn {_n(data.planned.total)} "
                "đại biểu dự kiến mà Kế hoạch và dự toán tính."
            ),
            fix_url=url_for("conferences.edit", conference_id=conference.id),
            fix_label="Sửa số đại biểu dự kiến",
            printouts=USING_PLANNED_TOTAL,
        )


def confirmed_against_planned(context: CheckContext) -> Iterator[Problem]:
    """WARN: more delegates said they come than the plan and the budget count on."""
    data = _data(context)
    confirmed = data.counts.total.confirmed
    if confirmed > data.planned.total:
        yield Problem(
            key="delegates.confirmed_over_planned",
            severity=WARN,
            part=PART,
            message=(
                f"Đã có {_n(confirmed)} đại biểu xác nhận dự, nhiều hơn {_n(data.planned.total)} "
                "đại biểu dự kiến mà Kế hoạch và dự toán tính."
            ),
            fix_url=url_for("conferences.edit", conference_id=context.conference.id),
            fix_label="Sửa số đại biểu dự kiến",
            printouts=USING_PLANNED_TOTAL,
        )


def replies_without_invitation(context: CheckContext) -> Iterator[Problem]:
    """WARN: a reply is recorded for someone whose invitation is not marked as sent, so the
    invited count (and the sổ theo dõi giấy mời) says fewer were invited than answered."""
    rows = [r for r in _data(context).rows if r.reply != "pending" and not is_invited(r)]
    if not rows:
        return
    yield Problem(
        key="delegates.reply_without_invitation",
        severity=WARN,
        part=PART,
        message=(
            f"{_n(len(rows))} đại biểu đã có phản hồi nhưng chưa ghi ngày gửi giấy mời, nên số "
            "đã mời ít hơn số đã phản hồi."
        ),
        fix_url=url_for(
            "delegates.index", conference_id=context.conference.id, giay_moi="chua-gui"
        ),
        fix_label="Ghi ngày gửi giấy mời",
        printouts=("so-theo-doi-giay-moi",),
    )


def ungrouped_delegates(context: CheckContext) -> Iterator[Problem]:
    """WARN: people in no group are outside the breakdown the plan prints; the delegate list
    puts them under "Đại biểu khác"."""
    ungrouped = _data(context).counts.ungrouped
    if not ungrouped.listed:
        return
    yield Problem(
        key="delegates.ungrouped",
        severity=WARN,
        part=PART,
        message=(
            f"{_n(ungrouped.listed)} đại biểu chưa thuộc thành phần nào, nên không nằm trong "
            "các thành phần mà Kế hoạch liệt kê."
        ),
        fix_url=url_for("delegates.index", conference_id=context.conference.id, nhom="0"),
        fix_label="Phân nhóm",
        printouts=("danh-sach-dai-bieu",),
    )


def placeholders_in_names(context: CheckContext) -> Iterator[Problem]:
    """BLOCK: a "…" left in a group's name or in what a delegate's printouts carry."""
    data = _data(context)
    conference = context.conference
    for group in data.groups:
        if has_placeholder(group.name):
            yield Problem(
                key="delegates.placeholder_group",
                severity=BLOCK,
                part=PART,
                message=f"Tên thành phần “{group.name}” còn chỗ trống “…” chưa điền.",
                fix_url=url_for(
                    "delegates.edit_group", conference_id=conference.id, group_id=group.id
                ),
                fix_label="Sửa thành phần",
                printouts=PRINTED_WITH_GROUP_NAMES,
            )
    # Absent delegates too: the lists and the invitations still print them.
    people = [
        r
        for r in data.rows
        if any(has_placeholder(t) for t in (r.full_name, r.position, r.unit, _substitute(r)))
    ]
    for row in people[:MAX_PEOPLE_LISTED]:
        yield Problem(
            key="delegates.placeholder_delegate",
            severity=BLOCK,
            part=PART,
            message=(
                f"Thông tin đại biểu {row.full_name} (họ tên, chức vụ, đơn vị hoặc người dự thay) "
                "còn chỗ trống “…” chưa điền."
            ),
            fix_url=url_for("delegates.edit", conference_id=conference.id, delegate_id=row.id),
            fix_label="Sửa đại biểu",
            printouts=PRINTED_WITH_NAMES,
        )
    if len(people) > MAX_PEOPLE_LISTED:
        yield Problem(
            key="delegates.placeholder_delegate",
            severity=BLOCK,
            part=PART,
            message=(
                f"Còn {_n(len(people) - MAX_PEOPLE_LISTED)} đại biểu khác có chỗ trống “…” chưa "
                "điền trong họ tên, chức vụ, đơn vị hoặc người dự thay."
            ),
            fix_url=url_for("delegates.index", conference_id=conference.id),
            fix_label="Xem danh sách",
            printouts=PRINTED_WITH_NAMES,
        )


def _substitute(row) -> str:
    return row.substitute_name if row.reply == "substitute" else ""


for _rule in (
    groups_against_total,
    placeholders_in_names,
    invited_against_planned,
    confirmed_against_planned,
    replies_without_invitation,
    ungrouped_delegates,
):
    register_check(PART, _rule)
