"""Delegates (đại biểu) and their groups (thành phần đại biểu)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    event,
    inspect,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..conferences.models import Conference
from ..db import db

HONORIFICS = ("Ông", "Bà", "Đồng chí")

# Reply to the invitation (phản hồi).
REPLIES = {
    "pending": "Chưa phản hồi",
    "attending": "Tham dự",
    "absent": "Vắng",
    "substitute": "Cử người dự thay",
}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class DelegateGroup(db.Model):
    """A group of invited delegates (thành phần) with its planned count."""

    __tablename__ = "delegate_groups"
    __table_args__ = (CheckConstraint("planned BETWEEN 0 AND 10000", name="planned_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(500))
    planned: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    conference: Mapped[Conference] = relationship()
    delegates: Mapped[list[Delegate]] = relationship(back_populates="group")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<DelegateGroup {self.id} {self.name[:30]!r} planned={self.planned}>"


class Delegate(db.Model):
    """One invited person: who, in which group, how senior, invited when, and their reply."""

    __tablename__ = "delegates"
    __table_args__ = (
        CheckConstraint(
            "reply IN ('pending', 'attending', 'absent', 'substitute')", name="reply_known"
        ),
        CheckConstraint("protocol_rank BETWEEN 0 AND 100000", name="protocol_rank_range"),
        # the check-in code (issue 21): one per delegate, unique in its conference
        Index("uq_delegates_check_in_code", "conference_id", "check_in_code", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegate_groups.id", ondelete="SET NULL"), index=True, default=None
    )
    honorific: Mapped[str] = mapped_column(String(20), default="Đồng chí")
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300), default="")  # chức vụ
    unit: Mapped[str] = mapped_column(String(300), default="")  # đơn vị
    # Who is more senior: 1 is the most senior; 0 means not ranked (sorted last).
    protocol_rank: Mapped[int] = mapped_column(default=0)
    presidium: Mapped[bool] = mapped_column(Boolean, default=False)  # Đoàn Chủ tịch
    phone: Mapped[str] = mapped_column(String(30), default="")
    invitation_sent_on: Mapped[dt.date | None] = mapped_column(default=None)
    reply: Mapped[str] = mapped_column(String(12), default="pending")
    substitute_name: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    version: Mapped[int] = mapped_column(default=1)
    # Mã điểm danh (issue 21): printed as text and QR code on the giấy mời, the envelope label
    # and the table card; given when the row is first flushed (_give_check_in_codes), kept by
    # the conference file (checkin/conference_file.py), never edited.
    check_in_code: Mapped[str] = mapped_column(String(8), server_default="")
    # The QR mask of that code (0–7, checkin/qrmask.py): segno's own choice, worked out when the
    # code is given and stored with it so that printing need not choose it again (0,8 ms a code,
    # in every process that prints); NULL: not worked out, the printout chooses (migration 0021).
    check_in_mask: Mapped[int | None] = mapped_column(SmallInteger, default=None)

    conference: Mapped[Conference] = relationship()
    group: Mapped[DelegateGroup | None] = relationship(back_populates="delegates")

    __mapper_args__ = {"version_id_col": version}

    FIELDS = (
        "group_id",
        "honorific",
        "full_name",
        "position",
        "unit",
        "protocol_rank",
        "presidium",
        "phone",
        "invitation_sent_on",
        "reply",
        "substitute_name",
        "notes",
    )

    def __repr__(self) -> str:
        return f"<Delegate {self.id} {self.full_name!r} rank={self.protocol_rank}>"


# session.info key: set while a conference file's parts are replaced and the file holds the
# check-in codes (transfer.replace_parts), which the check-in part then stores with their masks.
CODES_FOLLOW = "delegates.check_in_codes_follow"


@event.listens_for(Session, "before_flush")
def _give_check_in_codes(session, _context, _instances) -> None:
    """Every new delegate gets a check-in code unique in its conference, whatever creates it
    (the form, the spreadsheet import, the conference file, undo, the demo), and the code's QR
    mask with it; a code set or changed on a row gets its mask worked out again.

    While a conference file is replaced whole and holds the check-in codes
    (session.info[CODES_FOLLOW]), the codes given here are placeholders the check-in part
    replaces: their masks are left to it (checkin/conference_file.py), not worked out twice."""
    new = [item for item in session.new if isinstance(item, Delegate)]
    changed = [
        item
        for item in session.dirty
        if isinstance(item, Delegate) and inspect(item).attrs.check_in_code.history.has_changes()
    ]
    if not new and not changed:
        return
    from ..checkin.logic import new_code
    from ..checkin.qrmask import mask_of  # segno: loaded when a code is given, not at start

    masks_now = not session.info.get(CODES_FOLLOW)
    waiting: dict[int, list[Delegate]] = {}
    for item in new:
        if not item.check_in_code:
            conference_id = item.conference_id or (item.conference and item.conference.id)
            waiting.setdefault(conference_id, []).append(item)
        elif item.check_in_mask is None and masks_now:
            item.check_in_mask = mask_of(item.check_in_code)
    for item in changed:
        item.check_in_mask = mask_of(item.check_in_code)
    for conference_id, people in waiting.items():
        taken = set(
            session.execute(
                select(Delegate.check_in_code).where(Delegate.conference_id == conference_id)
            ).scalars()
        )
        taken.update(d.check_in_code for d in session.new if isinstance(d, Delegate))
        for person in people:
            person.check_in_code = new_code(taken)
            person.check_in_mask = mask_of(person.check_in_code) if masks_now else None
            taken.add(person.check_in_code)
