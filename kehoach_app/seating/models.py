"""Halls, their seating layout, and who sits where at a conference."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..conferences.models import Conference
from ..db import db
from ..delegates.models import Delegate


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Hall(db.Model):
    """A hall saved by name and reused every year: the stage, the blocks of seats, the zones.

    The layout is a JSON document (seating/logic.py reads and checks it): stage rows of the
    Đoàn Chủ tịch, the lectern, audience blocks of rows × seats with aisles between them, row
    labels, missing seats, and zones reserved for a kind of delegate.
    """

    __tablename__ = "halls"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    layout: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Hall {self.id} {self.name!r}>"


class SeatingPlan(db.Model):
    """A conference's seating choices: the hall, which side No. 2 sits, zone ↔ group mapping."""

    __tablename__ = "seating_plans"

    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True
    )
    hall_id: Mapped[int | None] = mapped_column(
        ForeignKey("halls.id", ondelete="SET NULL"), default=None
    )
    # Vietnamese protocol puts No. 2 at No. 1's right hand (the audience's left): "right".
    second_side: Mapped[str] = mapped_column(String(10), default="right")
    # JSON: {zone key: [delegate group ids]}.
    zone_groups: Mapped[str] = mapped_column(Text, default="{}")
    version: Mapped[int] = mapped_column(default=1)

    conference: Mapped[Conference] = relationship()
    hall: Mapped[Hall | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class SeatAssignment(db.Model):
    """One delegate in one seat; a pinned one keeps the seat when seats are re-assigned."""

    __tablename__ = "seat_assignments"
    __table_args__ = (
        UniqueConstraint("conference_id", "seat_code", name="seat_once"),
        UniqueConstraint("conference_id", "delegate_id", name="delegate_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    seat_code: Mapped[str] = mapped_column(String(40))
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"))
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)

    delegate: Mapped[Delegate] = relationship()
