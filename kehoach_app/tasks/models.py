"""Task assignments (phân công nhiệm vụ): what, who leads, who supports, by when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..conferences.models import Conference
from ..db import db

# How a deadline is given. Seeds 000, 001, 003: "hoàn thành trước 05 ngày tổ chức Hội nghị"
# (days_before), "hoàn thành trong tháng 12 năm 2023" (month_before: within the month before the
# conference's month), "trước ngày 20/3/2020" (fixed), or no deadline.
DEADLINE_KINDS = {
    "days_before": "Trước ngày tổ chức … ngày",
    "month_before": "Trong tháng trước tháng tổ chức",
    "fixed": "Ngày cố định",
    "none": "Không có thời hạn",
}

STATUSES = {"todo": "Chưa làm", "doing": "Đang làm", "done": "Xong"}


class Task(db.Model):
    """One assignment of the plan's "Tổ chức thực hiện": a task, its units and its deadline."""

    __tablename__ = "tasks"
    __table_args__ = (
        CheckConstraint(
            "deadline_kind IN ('days_before', 'month_before', 'fixed', 'none')",
            name="deadline_kind_known",
        ),
        CheckConstraint("status IN ('todo', 'doing', 'done')", name="status_known"),
        CheckConstraint(
            "days_before IS NULL OR days_before BETWEEN 0 AND 365", name="days_before_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(1000))
    lead_unit: Mapped[str] = mapped_column(String(300))
    # Supporting units (phối hợp), one per line.
    support_units: Mapped[str] = mapped_column(Text, default="")
    deadline_kind: Mapped[str] = mapped_column(String(20), default="days_before")
    days_before: Mapped[int | None] = mapped_column(default=None)
    deadline_date: Mapped[dt.date | None] = mapped_column(default=None)
    # How the plan words the deadline (issue 17, logic.DEADLINE_WORDS): "" the program's words;
    # "truoc_ngay" / "cham_nhat_vao" / "trong_thang" for a fixed date, "it_nhat" for days before,
    # "thang_so" for the month before. Checked by the form and the file (no CHECK: see 0011).
    deadline_words: Mapped[str] = mapped_column(String(20), default="", server_default="")
    status: Mapped[str] = mapped_column(String(10), default="todo")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(
        default=lambda: dt.datetime.now().replace(microsecond=0),
        onupdate=lambda: dt.datetime.now().replace(microsecond=0),
    )
    version: Mapped[int] = mapped_column(default=1)

    conference: Mapped[Conference] = relationship()

    __mapper_args__ = {"version_id_col": version}

    FIELDS = (
        "title",
        "lead_unit",
        "support_units",
        "deadline_kind",
        "days_before",
        "deadline_date",
        "deadline_words",
        "status",
        "notes",
    )

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.title[:30]!r} {self.lead_unit!r} {self.status}>"


class CalendarDay(db.Model):
    """A day the officer adds to the working-day calendar, shared by every conference on the
    machine (DOMAIN.md, Working days): an extra day off ("off": a bridge day granted by the
    Prime Minister's yearly notice) or a Saturday/Sunday worked in exchange ("work": làm bù).
    No undo snapshot (it belongs to no conference); edits carry the row's version."""

    __tablename__ = "calendar_days"
    __table_args__ = (CheckConstraint("kind IN ('off', 'work')", name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(8), default="off")
    reason: Mapped[str] = mapped_column(String(300))
    # The notice it comes from: "Thông báo số 5050/TB-BNV ngày 20/8/2027" (optional).
    basis: Mapped[str] = mapped_column(String(300), default="", server_default="")
    updated_at: Mapped[dt.datetime] = mapped_column(
        default=lambda: dt.datetime.now().replace(microsecond=0),
        onupdate=lambda: dt.datetime.now().replace(microsecond=0),
    )
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<CalendarDay {self.day} {self.kind} {self.reason[:30]!r}>"
