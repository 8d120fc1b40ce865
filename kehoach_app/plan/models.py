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
