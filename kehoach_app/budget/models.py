"""The budget estimate (dự toán kinh phí) and the spending norms (định mức chi) behind it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..conferences.models import Conference
from ..db import db
from ..legal import VerifiedFigure


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class NormProfile(db.Model):
    """A set of spending norms: the national defaults, a province's HĐND resolution, a unit's
    internal spending rule (quy chế chi tiêu nội bộ). A conference chooses one."""

    __tablename__ = "norm_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="province")  # national|province|unit
    notes: Mapped[str] = mapped_column(Text, default="")
    # The document the profile's figures come from, entered once: a province's HĐND resolution
    # (or a unit's decision issuing its internal spending rule). The estimate prints the basis
    # "Nghị quyết số 12/2025/NQ-HĐND ngày 10/7/2025 của Hội đồng nhân dân tỉnh …" only when the
    # number and date are there; a missing number blocks the pre-signature check instead of a
    # placeholder reaching the page (issue 16).
    resolution_number: Mapped[str] = mapped_column(String(100), default="", server_default="")
    resolution_date: Mapped[dt.date | None] = mapped_column(default=None)
    resolution_issuer: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # Shared by every conference: two tabs saving the profile form must not overwrite each
    # other in silence (issue 18); the form carries the version it was opened at.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    norms: Mapped[list[Norm]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="Norm.id"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<NormProfile {self.id} {self.name!r}>"


class Norm(VerifiedFigure, db.Model):
    """One spending cap: amount per unit, in force between two dates, with its legal basis and
    its status (legal.py: shipped unverified, or confirmed against the document)."""

    __tablename__ = "norms"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("norm_profiles.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(60))  # e.g. meal_xa, drinks
    name: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(30))  # vocab.BUDGET_CATEGORIES
    unit: Mapped[str] = mapped_column(String(60), default="")
    amount: Mapped[int]  # integer đồng
    effective_from: Mapped[dt.date]
    effective_to: Mapped[dt.date | None] = mapped_column(default=None)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    profile: Mapped[NormProfile] = relationship(back_populates="norms")

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Norm {self.code} {self.amount} from {self.effective_from}>"


class BudgetSettings(db.Model):
    """A conference's budget choices: which norms apply, days, where meals count, the funds."""

    __tablename__ = "budget_settings"
    __table_args__ = (
        CheckConstraint("days_milli BETWEEN 0 AND 30000", name="days_range"),
        CheckConstraint("available_amount >= 0", name="available_positive"),
    )

    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True
    )
    norm_profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("norm_profiles.id", ondelete="SET NULL"), default=None
    )
    days_milli: Mapped[int] = mapped_column(default=1000)  # 1,5 ngày → 1500
    meal_location: Mapped[str] = mapped_column(String(30), default="")  # which meal norm applies
    available_amount: Mapped[int] = mapped_column(default=0)  # money in the funding source
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class BudgetLine(db.Model):
    """One line of the estimate: quantity × unit price, in integer đồng.

    A derived line (derived_key set: drinks, meals, documents, decor:…, award_money:…,
    award_items:…) follows the conference as it changes, unless the officer overrode it.
    Quantities are kept in thousandths so that 1,5 ngày stays exact.
    """

    __tablename__ = "budget_lines"
    __table_args__ = (
        CheckConstraint("quantity_milli >= 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    category: Mapped[str] = mapped_column(String(30))
    content: Mapped[str] = mapped_column(String(500))
    unit: Mapped[str] = mapped_column(String(60), default="")
    quantity_milli: Mapped[int] = mapped_column(default=1000)
    unit_price: Mapped[int] = mapped_column(default=0)
    derived_key: Mapped[str | None] = mapped_column(String(100), default=None)
    overridden: Mapped[bool] = mapped_column(default=False)
    norm_code: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=_now, onupdate=_now)
    version: Mapped[int] = mapped_column(default=1)

    conference: Mapped[Conference] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<BudgetLine {self.id} {self.content[:30]!r}>"
