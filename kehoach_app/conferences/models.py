"""A conference: the one record every other part of the plan hangs from."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import db


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Conference(db.Model):
    """One conference (Hội nghị) as the organiser plans it: who, what, when, where, who signs."""

    __tablename__ = "conferences"
    __table_args__ = (
        CheckConstraint("planned_delegates BETWEEN 1 AND 10000", name="planned_delegates_range"),
        CheckConstraint("year_launched >= year_reviewed", name="years_order"),
        CheckConstraint("level IN ('tinh', 'xa', 'huyen')", name="level_known"),
        CheckConstraint("length IN ('session', 'half_day', 'full_day')", name="length_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    preset_key: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(10))
    # The organiser's unit from the official list (conferences/units.py): its type (vocab.
    # UNIT_TYPES; "" for a record older than the field), its own name ("Hồng Hà") and its
    # province ("Hà Nội", required at level xã). Award texts, presets and the budget read them.
    province: Mapped[str] = mapped_column(String(100), default="", server_default="")
    unit_type: Mapped[str] = mapped_column(String(20), default="", server_default="")
    unit_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    parent_body: Mapped[str] = mapped_column(String(200), default="")
    issuer: Mapped[str] = mapped_column(String(200))
    place_name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(500))
    year_reviewed: Mapped[int]
    year_launched: Mapped[int]
    date: Mapped[dt.date]
    # A date before the day is known (issue 17, docs/planned-dates.md). `date` stays the LATEST
    # possible day, so every countdown and deadline counts back from a day the conference cannot
    # be later than; the kind says how the plan words it: "exact" (that day), "either" (one of
    # two days: date_other is the earlier, seed 000 "18 hoặc 19/01/2024"), "month_part"
    # (month_part "dau"/"giua"/"cuoi"/"ca" of date's month, seed 001 "cuối tháng 02/2025"),
    # "quarter" (the quarter ending on date, seed 002 "Trong quý I năm 2024"). Codes checked by
    # the form and the file's schema (no CHECK constraint: see migration 0011).
    date_kind: Mapped[str] = mapped_column(String(12), default="exact", server_default="exact")
    date_other: Mapped[dt.date | None] = mapped_column(default=None)
    month_part: Mapped[str] = mapped_column(String(8), default="", server_default="")
    # "dự kiến" before the date; the note after it in brackets ("có Giấy mời sau").
    date_tentative: Mapped[bool] = mapped_column(default=False, server_default="0")
    date_note: Mapped[str] = mapped_column(String(300), default="", server_default="")
    start_time: Mapped[dt.time]
    length: Mapped[str] = mapped_column(String(10))
    venue: Mapped[str] = mapped_column(String(300))
    venue_address: Mapped[str] = mapped_column(String(300), default="")
    planned_delegates: Mapped[int]
    funding_source: Mapped[str] = mapped_column(String(500), default="")
    doc_number: Mapped[str] = mapped_column(String(20), default="")
    doc_symbol: Mapped[str] = mapped_column(String(40), default="KH-UBND")
    signer_authority: Mapped[str] = mapped_column(String(200), default="")
    signer_deputy: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    purposes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # For the Kế hoạch document: căn cứ (one per line), the closing sentence, Nơi nhận (one per
    # line, the last "Lưu: VT, …"). Filled from the preset, edited on the plan page.
    legal_bases: Mapped[str] = mapped_column(Text, default="", server_default="")
    closing: Mapped[str] = mapped_column(Text, default="", server_default="")
    recipients: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Ngày ký: the one date every signed document of the set carries; None leaves the day and
    # month blank for the signer ("ngày … tháng … năm 2027").
    signing_date: Mapped[dt.date | None] = mapped_column(default=None)
    # The edition of a conference held in a series ("Đại hội … lần thứ VIII": 8), None when not
    # stated; printed in Roman numerals as the seeds write it (plan/logic.ordinal_words). Edited
    # on the Đại hội các cấp page, carried in the conference file's "plan" part (issue 17).
    ordinal: Mapped[int | None] = mapped_column(default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    # Soft delete: a deleted conference sits in the recycle bin (thùng rác) until restored.
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None, index=True)
    # Bumped on every save; a form posted with an older version is told the record changed.
    version: Mapped[int] = mapped_column(default=1)

    revisions: Mapped[list[ConferenceRevision]] = relationship(
        back_populates="conference",
        cascade="all, delete-orphan",
        order_by="ConferenceRevision.id",
    )

    __mapper_args__ = {"version_id_col": version}

    # The fields the officer edits, in form order; export, undo and "Nhân bản" copy exactly these.
    FIELDS = (
        "preset_key",
        "kind",
        "province",
        "unit_type",
        "unit_name",
        "level",
        "parent_body",
        "issuer",
        "place_name",
        "title",
        "year_reviewed",
        "year_launched",
        "date",
        "date_kind",
        "date_other",
        "month_part",
        "date_tentative",
        "date_note",
        "start_time",
        "length",
        "venue",
        "venue_address",
        "planned_delegates",
        "funding_source",
        "doc_number",
        "doc_symbol",
        "signing_date",
        "signer_authority",
        "signer_deputy",
        "signer_title",
        "signer_name",
        "purposes",
        "notes",
    )
    # Fields of the Kế hoạch kept on the conference but edited on the plan page, not the form.
    PLAN_FIELDS = ("legal_bases", "closing", "recipients")

    def __repr__(self) -> str:
        return f"<Conference {self.id} {self.year_launched} {self.title[:40]!r}>"

    def values(self) -> dict:
        """The editable fields as a plain dict (what logic.py and the printouts are handed), and
        `first_due`: the plan's first dated day (logic.signing_year reads it, issue 17)."""
        values = {name: getattr(self, name) for name in (*self.FIELDS, *self.PLAN_FIELDS)}
        values["first_due"] = self.first_due
        return values

    @property
    def first_due(self):
        """The earliest last day of a duty or first day of a level's quarter
        (logic.first_dated_day); None for a conference not yet saved or without a date."""
        if self.id is None or self.date is None:
            return None
        # values() is read some 25 times by one view of the dashboard or the print centre (each
        # card, rule and printout asks): two queries each time, now once per GET (readmodel).
        from ..readmodel import per_request

        return per_request(("conference.first_due", self.date), self.id, self._first_due)

    def _first_due(self):
        from ..plan.models import CongressLevel
        from ..tasks.logic import due_date, words_fit
        from ..tasks.models import Task
        from .logic import first_dated_day

        # no autoflush: values() is read in the middle of operations, before they are done
        with db.session.no_autoflush:
            tasks = db.session.execute(
                db.select(
                    Task.deadline_kind, Task.days_before, Task.deadline_date, Task.deadline_words
                ).where(Task.conference_id == self.id)
            ).all()
            quarters = db.session.execute(
                db.select(CongressLevel.quarter, CongressLevel.year).where(
                    CongressLevel.conference_id == self.id
                )
            ).all()
        dues = [
            due_date(kind, days, fixed, self.date, words if words_fit(kind, words or "") else "")
            for kind, days, fixed, words in tasks
        ]
        return first_dated_day(dues, [tuple(q) for q in quarters])

    def set_values(self, values: dict) -> None:
        for name in (*self.FIELDS, *self.PLAN_FIELDS):
            if name in values:
                setattr(self, name, values[name])

    @property
    def organiser(self):
        """The organiser's level, unit and province as the texts need them (units.Organiser)."""
        from .units import Organiser

        return Organiser.of(self)

    @property
    def is_central_city(self) -> bool:
        """Whether the conference's province is one of the six centrally-run cities (the meal
        support rate of Thông tư 40/2017/TT-BTC, Điều 12 khoản 4 reads it)."""
        from .units import is_central_city

        return is_central_city(self.province)

    @property
    def purposes_list(self) -> list[str]:
        return [line for line in self.purposes.split("\n") if line.strip()]


class ConferenceRevision(db.Model):
    """A snapshot of a conference taken before a change, so the change can be undone (Hoàn tác);
    with who, when and what, the conference's change log."""

    __tablename__ = "conference_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(String(300), default="")
    # Deferred: the change log and "can undo?" never need the (large) snapshot text.
    snapshot: Mapped[str] = mapped_column(Text, deferred=True)
    # What `snapshot` holds (issue 19): "conference" — the whole conference file (revisions made
    # before 0020); "tables" — the rows of the tables the change wrote, taken as it first wrote
    # each (conferences.undo).
    snapshot_kind: Mapped[str] = mapped_column(
        String(20), default="conference", server_default="conference"
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    # Who made the change (the change log, "Nhật ký thay đổi"): the LAN account's name, or
    # "Chủ máy" without LAN mode; '' for a change recorded before names were kept.
    author: Mapped[str] = mapped_column(String(100), default="", server_default="")

    conference: Mapped[Conference] = relationship(back_populates="revisions")

    def __repr__(self) -> str:
        return f"<ConferenceRevision {self.id} of {self.conference_id} {self.action}>"
