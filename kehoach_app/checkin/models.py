"""Arrivals at the door (điểm danh): one row per delegate who came, by the delegate's code."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db


class Arrival(db.Model):
    """A delegate checked in: when, at which point, by whom; undone (a wrong scan) or not; who
    came in his place.

    Keyed by (conference, code) and not by the delegate's row id: the delegates' rows are
    replaced by an import, a copy and every undo, the code is not (it travels in the conference
    file), so an undo of a delegate's phone number never loses who came in the door. The unique
    key makes two check-in points unable to double an arrival: the check-in is one
    INSERT … ON CONFLICT statement (operations.check_in)."""

    __tablename__ = "arrivals"
    __table_args__ = (UniqueConstraint("conference_id", "code", name="uq_arrivals_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))
    arrived_at: Mapped[dt.datetime] = mapped_column(DateTime)
    point: Mapped[str] = mapped_column(String(100), server_default="", default="")
    checked_by: Mapped[str] = mapped_column(String(200), server_default="", default="")
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    undone_by: Mapped[str] = mapped_column(String(200), server_default="", default="")
    substitute_name: Mapped[str] = mapped_column(String(200), server_default="", default="")

    def __repr__(self) -> str:
        return f"<Arrival {self.code} {self.arrived_at:%H:%M:%S} undone={bool(self.undone_at)}>"
