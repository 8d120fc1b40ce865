"""Decoration and protocol set-up of the hall (trang trí khánh tiết)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..conferences.models import Conference
from ..db import db

STATUSES = {"todo": "Chưa làm", "doing": "Đang làm", "done": "Xong"}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class DecorItem(db.Model):
    """One item of the decoration checklist: what, where, how many, placed how, by whom, when."""

    __tablename__ = "decor_items"
    __table_args__ = (
        CheckConstraint(
            "area IN ('san_khau', 'trong_hoi_truong', 'ngoai_hoi_truong')", name="area_known"
        ),
        CheckConstraint("quantity BETWEEN 0 AND 100000", name="quantity_range"),
        CheckConstraint("days_before BETWEEN 0 AND 365", name="days_before_range"),
        CheckConstraint("unit_cost >= 0", name="unit_cost_positive"),
        CheckConstraint("status IN ('todo', 'doing', 'done')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    area: Mapped[str] = mapped_column(String(20))
    item: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int] = mapped_column(default=1)
    unit: Mapped[str] = mapped_column(String(50), default="")
    placement: Mapped[str] = mapped_column(Text, default="")  # the protocol rule in plain words
    text: Mapped[str] = mapped_column(Text, default="")  # what is printed on it, if anything
    responsible: Mapped[str] = mapped_column(String(300), default="")
    days_before: Mapped[int] = mapped_column(default=1)  # done this many days before the day
    status: Mapped[str] = mapped_column(String(10), default="todo")
    unit_cost: Mapped[int] = mapped_column(default=0)  # integer đồng, estimated cost of one
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    version: Mapped[int] = mapped_column(default=1)

    conference: Mapped[Conference] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<DecorItem {self.id} {self.area} {self.item[:30]!r}>"


class Backdrop(db.Model):
    """The stage backdrop of a conference: its size and the texts written for it."""

    __tablename__ = "backdrops"
    __table_args__ = (
        CheckConstraint("width_m > 0 AND width_m <= 50", name="width_range"),
        CheckConstraint("height_m > 0 AND height_m <= 20", name="height_range"),
    )

    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True
    )
    width_m: Mapped[float] = mapped_column(Float, default=12.0)
    height_m: Mapped[float] = mapped_column(Float, default=5.0)
    # Empty means "generated from the conference"; a text here is the officer's own edit.
    title_block: Mapped[str] = mapped_column(Text, default="")
    welcome_banner: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    conference: Mapped[Conference] = relationship()

    __mapper_args__ = {"version_id_col": version}
