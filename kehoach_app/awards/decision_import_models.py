"""The award list straight from the Quyết định (issue 20, part 2): the column mappings the
officer chose, remembered for the next decision of the same shape (docs/awards.md, "Nhập từ
quyết định")."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db


class AwardImportMapping(db.Model):
    """One table shape's column roles: the signature of its header texts (folded, joined, hashed:
    decision_import.signature) → the role of each column (JSON list, decision_import.ROLES).
    Shared by every conference on the machine: an office's decisions keep one template from
    year to year, so the mapping chosen once serves every later file."""

    __tablename__ = "award_import_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature: Mapped[str] = mapped_column(String(64), unique=True)
    headers_json: Mapped[str] = mapped_column(Text, default="[]")
    roles_json: Mapped[str] = mapped_column(Text, default="[]")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
