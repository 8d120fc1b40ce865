"""The plan document (Kế hoạch): the officer's own wording of generated paragraphs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db


class PlanParagraph(db.Model):
    """A paragraph of the Kế hoạch the officer rewrote.

    `key` names the generated paragraph (e.g. "purposes", "programme", "tasks:Văn phòng …");
    `generated_digest` is the digest of the generated text the edit was made over, so the plan
    page can say when the data under an edited paragraph has changed since.
    """

    __tablename__ = "plan_paragraphs"
    __table_args__ = (UniqueConstraint("conference_id", "key", name="one_edit_per_paragraph"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    generated_digest: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(
        default=lambda: dt.datetime.now().replace(microsecond=0),
        onupdate=lambda: dt.datetime.now().replace(microsecond=0),
    )
    # Two tabs saving the same paragraph: the second is refused, not silently kept (issue 18).
    # A paragraph never edited has no row: its form carries version 0.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


class PlanSection(db.Model):
    """One line of the plan's outline as the officer (or the kind's preset) set it (issue 17).

    The outline is the order of these rows (`position`). `key` names a section the data gives
    ("muc-dich", "thanh-phan", "nv:<unit>" …, plan/logic.section_specs) or, starting "tu-do:",
    a section the officer wrote (`title`, `text`). `title` '' keeps the generated heading,
    `level` 0 the generated level, `hidden` None the generated visibility. `options` is a JSON
    object of the section's options (docs/plan.md). No row: the default outline.
    """

    __tablename__ = "plan_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(500), default="", server_default="")
    level: Mapped[int] = mapped_column(default=0, server_default="0")
    hidden: Mapped[bool | None] = mapped_column(default=None)
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    options: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class CongressLevel(db.Model):
    """One level a Đại hội các cấp plan orders (seed 004, issue 17): "Đối với các xã, phường",
    "Đối với các đơn vị thuộc Cụm, Khối thi đua", the province's own Đại hội.

    `form` ("Tổ chức “Hội nghị tuyên dương điển hình tiên tiến”"), `participants` and `size`
    are written as the plan prints them (`size` all digits: a number of delegates, "150 đại
    biểu"); the time is a quarter and year ("Quý I năm 2025") with `time_text` as its note
    ("có Kế hoạch cụ thể riêng"), or, without a quarter, `time_text` alone ("hoàn thành trong
    tháng 6/2025"). `duration` "1/2 ngày" precedes it.
    """

    __tablename__ = "congress_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(300))
    form: Mapped[str] = mapped_column(Text, default="", server_default="")
    participants: Mapped[str] = mapped_column(Text, default="", server_default="")
    size: Mapped[str] = mapped_column(Text, default="", server_default="")
    duration: Mapped[str] = mapped_column(String(100), default="", server_default="")
    quarter: Mapped[int | None] = mapped_column(default=None)
    year: Mapped[int | None] = mapped_column(default=None)
    time_text: Mapped[str] = mapped_column(String(300), default="", server_default="")

    FIELDS = ("name", "form", "participants", "size", "duration", "quarter", "year", "time_text")
