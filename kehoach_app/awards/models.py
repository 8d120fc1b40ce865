"""Awards: the catalogue of award forms, the base salary, the recipients and the ceremony."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..conferences.models import Conference
from ..db import db
from ..delegates.models import Delegate
from ..legal import VerifiedFigure

RECIPIENT_KINDS = {"individual": "Cá nhân", "collective": "Tập thể"}


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class AwardForm(db.Model):
    """A form of award (hình thức khen thưởng) with its money and its place in the ceremony.

    Money per recipient = coefficient × mức lương cơ sở (Nghị định 152/2025/NĐ-CP), ×
    collective multiplier for a collective. Coefficients are kept in thousandths (4,5 → 4500) so
    that every computation stays in integers. The money uses the dated AwardRate rows (the
    decision's date picks one); coefficient_milli, collective_multiplier_milli and legal_basis
    here mirror the latest rate (catalogue.save_rate keeps them in step), for the lists.
    """

    __tablename__ = "award_forms"
    __table_args__ = (
        CheckConstraint("coefficient_milli >= 0", name="coefficient_positive"),
        CheckConstraint("collective_multiplier_milli >= 0", name="multiplier_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(30), default="")
    for_individual: Mapped[bool] = mapped_column(Boolean, default=True)
    for_collective: Mapped[bool] = mapped_column(Boolean, default=True)
    coefficient_milli: Mapped[int] = mapped_column(default=0)
    collective_multiplier_milli: Mapped[int] = mapped_column(default=2000)
    precedence: Mapped[int] = mapped_column(default=100)  # lower is presented first
    physical_item: Mapped[str] = mapped_column(String(300), default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<AwardForm {self.code} {self.name!r}>"


class BaseSalary(VerifiedFigure, db.Model):
    """Mức lương cơ sở in force from a date (Nghị định 73/2024: 2.340.000 đ from 01/7/2024), with
    its status (legal.py): shipped unverified, or confirmed by the officer against the decree.
    Without an end date it runs until the next row begins."""

    __tablename__ = "base_salaries"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    amount: Mapped[int]
    effective_from: Mapped[dt.date] = mapped_column(unique=True)
    effective_to: Mapped[dt.date | None] = mapped_column(default=None)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<BaseSalary {self.amount} from {self.effective_from}>"


class AwardRate(VerifiedFigure, db.Model):
    """An award form's money figures in force over a period: the coefficient (× mức lương cơ
    sở) and the collective multiplier, in thousandths, with their basis and status. The
    decision's date picks the row (Nghị định 152/2025/NĐ-CP from 01/7/2025); a date no row
    covers prices nothing and says so."""

    __tablename__ = "award_rates"
    __table_args__ = (
        CheckConstraint("coefficient_milli >= 0", name="coefficient_positive"),
        CheckConstraint("collective_multiplier_milli >= 0", name="multiplier_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(
        ForeignKey("award_forms.id", ondelete="CASCADE"), index=True
    )
    coefficient_milli: Mapped[int] = mapped_column(default=0)
    collective_multiplier_milli: Mapped[int] = mapped_column(default=1000)
    effective_from: Mapped[dt.date]
    effective_to: Mapped[dt.date | None] = mapped_column(default=None)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    form: Mapped[AwardForm] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<AwardRate {self.form_id} {self.coefficient_milli} from {self.effective_from}>"


class RoundingRule(VerifiedFigure, db.Model):
    """How award money is rounded, over a period: to a multiple of `unit` đồng, upwards (1: not
    rounded). Applied in one place (awards/logic.award_amount) and stated on the money list and
    the estimate."""

    __tablename__ = "award_rounding_rules"
    __table_args__ = (CheckConstraint("unit >= 1", name="unit_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit: Mapped[int] = mapped_column(default=1)
    effective_from: Mapped[dt.date] = mapped_column(unique=True)
    effective_to: Mapped[dt.date | None] = mapped_column(default=None)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class Award(db.Model):
    """One award handed out at the conference, to a collective or an individual."""

    __tablename__ = "awards"
    __table_args__ = (
        CheckConstraint("recipient_kind IN ('individual', 'collective')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    form_id: Mapped[int] = mapped_column(ForeignKey("award_forms.id"), index=True)
    position: Mapped[int]  # order within the form (stage order)
    recipient_kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(300), default="")
    job_title: Mapped[str] = mapped_column(String(300), default="")  # chức vụ, individuals
    decision_number: Mapped[str] = mapped_column(String(100), default="")
    decision_date: Mapped[dt.date | None] = mapped_column(default=None)
    # Who goes up to receive: a delegate (linked, not typed twice) or a named representative.
    receiver_delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegates.id", ondelete="SET NULL"), index=True, default=None
    )
    receiver_name: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    version: Mapped[int] = mapped_column(default=1)

    conference: Mapped[Conference] = relationship()
    form: Mapped[AwardForm] = relationship()
    receiver_delegate: Mapped[Delegate | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Award {self.id} {self.recipient_kind} {self.name!r}>"


class CeremonySettings(db.Model):
    """How a conference's award ceremony is planned: batch size, breaks between forms."""

    __tablename__ = "ceremony_settings"
    __table_args__ = (CheckConstraint("batch_size BETWEEN 1 AND 100", name="batch_size_range"),)

    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True
    )
    batch_size: Mapped[int] = mapped_column(default=10)  # one stage row
    # Codes of the forms after which a break (nghỉ giải lao) is planned, comma-separated.
    breaks_after: Mapped[str] = mapped_column(Text, default="")
    # Stage time of one batch (called up, handed out, photograph): the programme's award items
    # last batches × this.
    minutes_per_batch: Mapped[int] = mapped_column(default=3, server_default="3")
    # How a form's recipients are cut into batches (awards/logic.py GROUPINGS): "form_kind"
    # (collectives and individuals apart, the seed programmes' way) or "form" (together).
    group_by: Mapped[str] = mapped_column(
        String(12), default="form_kind", server_default="form_kind"
    )
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class CeremonyBatch(db.Model):
    """The officer's choices for one planned batch (đợt trao thưởng): who presents it, a note.

    Batches themselves are computed (awards/logic.py); this row only keeps what was edited,
    keyed by the form and the batch's number within the form.
    """

    __tablename__ = "ceremony_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    form_id: Mapped[int] = mapped_column(ForeignKey("award_forms.id"))
    number: Mapped[int]  # 1, 2, … within the form
    presenter_delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegates.id", ondelete="SET NULL"), default=None
    )
    presenter_name: Mapped[str] = mapped_column(String(300), default="")
    music_cue: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
