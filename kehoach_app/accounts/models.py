"""An account: a named login of LAN mode, with its role."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Account(db.Model):
    """One person who may log in when the app is open on the office network."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("role IN ('xem', 'nhap_lieu', 'quan_tri')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The login name, lower case ASCII (typed on any keyboard); shown names are `display_name`.
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))
    # The install's owner: made at the first LAN start, its password is the one asked at start.
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)
    # A random value kept in every session of this account: a new one (on a password change)
    # ends them all; a removed account takes its sessions with it.
    session_generation: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)

    def __repr__(self) -> str:
        return f"<Account {self.id} {self.username!r} {self.role}>"
