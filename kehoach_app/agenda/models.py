"""The programme (chương trình hội nghị): timed items in order."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..conferences.models import Conference
from ..db import db

# The longest single item a programme may hold: a full working session (4 hours). A longer
# figure is a typing mistake (e.g. 1000 minutes), refused with a message.
MAX_ITEM_MINUTES = 240


class AgendaItem(db.Model):
    """One item of a conference's programme: what happens, who does it, for how long."""

    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint(f"minutes BETWEEN 1 AND {MAX_ITEM_MINUTES}", name="minutes_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(30))
    # 2,000 characters: seed 000's award item runs past 500 (issue 17, migration 0017).
    title: Mapped[str] = mapped_column(String(2000))
    presenter: Mapped[str] = mapped_column(String(300), default="")
    presenter_unit: Mapped[str] = mapped_column(String(300), default="")
    minutes: Mapped[int]
    # The MC's words for this item; empty means the default wording generated from the item.
    mc_text: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # What the Kế hoạch adds after the title and nothing else prints ("(Báo cáo phải nêu được
    # …)", seed 004): the plan's guidance to the units, never read out in the hall (migration
    # 0022, docs/agenda.md "Yêu cầu nêu trong Kế hoạch").
    plan_note: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    # Items the program keeps in step with another part (the award ceremony: "awards:<form>",
    # "awards:break"); None for the officer's own items. `edited`: the officer changed a kept
    # item's words, so its text is no longer replaced (its time still follows the batches).
    derived_key: Mapped[str | None] = mapped_column(String(120), default=None)
    edited: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    updated_at: Mapped[dt.datetime] = mapped_column(
        default=lambda: dt.datetime.now().replace(microsecond=0),
        onupdate=lambda: dt.datetime.now().replace(microsecond=0),
    )
    version: Mapped[int] = mapped_column(default=1)

    conference: Mapped[Conference] = relationship()

    __mapper_args__ = {"version_id_col": version}

    FIELDS = (
        "kind", "title", "presenter", "presenter_unit", "minutes", "mc_text", "notes", "plan_note"
    )  # fmt: skip

    def __repr__(self) -> str:
        return f"<AgendaItem {self.id} #{self.position} {self.title[:30]!r} {self.minutes}′>"
