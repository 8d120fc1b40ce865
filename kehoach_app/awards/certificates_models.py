"""In phôi (issue 20): the layout of an award form's pre-printed certificate, per conference, and
the printers' offsets, shared by the machine (docs/awards.md, "In phôi")."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db


class CertificateLayout(db.Model):
    """Where each field of one award form's certificate prints, for one conference: the paper,
    the orientation and the boxes (JSON, millimetres from the paper's top-left corner; checked
    by certificates.check_layout), with the texts every certificate of the form shares (the
    achievement, the place, the signer). Without a row the shipped layout
    (presets/certificate_layouts.toml) is used; a row is written only when the officer saves."""

    __tablename__ = "certificate_layouts"
    __table_args__ = (
        UniqueConstraint("conference_id", "form_code"),
        CheckConstraint("paper IN ('A4', 'A3')", name="paper_known"),
        CheckConstraint("orientation IN ('landscape', 'portrait')", name="orientation_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("conferences.id", ondelete="CASCADE"), index=True
    )
    form_code: Mapped[str] = mapped_column(String(60))
    paper: Mapped[str] = mapped_column(String(4), default="A4")
    orientation: Mapped[str] = mapped_column(String(10), default="landscape")
    fields_json: Mapped[str] = mapped_column(Text, default="{}")
    texts_json: Mapped[str] = mapped_column(Text, default="{}")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class PrinterOffset(db.Model):
    """How far one printer shifts what it prints, measured on the calibration sheet, in tenths of
    a millimetre (integers, like every figure here): + x to the right, + y downwards. Shared by
    every conference on the machine (the printer is the office's)."""

    __tablename__ = "printer_offsets"
    __table_args__ = (
        CheckConstraint("dx_tenths BETWEEN -500 AND 500", name="dx_range"),
        CheckConstraint("dy_tenths BETWEEN -500 AND 500", name="dy_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    dx_tenths: Mapped[int] = mapped_column(default=0)
    dy_tenths: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
