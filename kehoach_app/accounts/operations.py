"""Database work on accounts: the owner at start, creating, changing and removing colleagues.

Each function changes the rows and flushes; the caller commits once.
"""

from __future__ import annotations

import functools
import secrets
import unicodedata

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import db
from .logic import ADMIN, OWNER_NAME, OWNER_USERNAME
from .models import Account


@functools.cache
def _dummy_hash() -> str:
    """Checked against when the login name is unknown, so that a wrong name costs the same time
    as a wrong password and does not tell which names exist (made on first use: not at start)."""
    return generate_password_hash("kehoach-khong-co-tai-khoan-nay")


def _hash(password: str) -> str:
    return generate_password_hash(_normal(password))


def _matches(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, _normal(password))


def _normal(password: str) -> str:
    """One form of a password whichever way it was typed: NFC (a Vietnamese letter typed with
    Telex or pasted may arrive decomposed) and without spaces at the ends (the forms trim)."""
    return unicodedata.normalize("NFC", password).strip()


def new_generation() -> str:
    return secrets.token_hex(16)


def all_accounts() -> list[Account]:
    return list(
        db.session.scalars(select(Account).order_by(Account.is_owner.desc(), Account.username))
    )


def by_username(username: str) -> Account | None:
    return db.session.scalars(select(Account).where(Account.username == username)).first()


def owner() -> Account | None:
    return db.session.scalars(select(Account).where(Account.is_owner.is_(True))).first()


def authenticate(username: str, password: str) -> Account | None:
    """The account when the name and password match, else None (same cost either way)."""
    account = by_username(username)
    if account is None:
        _matches(_dummy_hash(), password)
        return None
    return account if _matches(account.password_hash, password) else None


def ensure_owner(password: str) -> str:
    """Make (at the first LAN start) or update the owner's account from the start's password.

    A password different from the stored one ends every session of the owner: a cookie from
    before a restart with a new password is refused. Returns the owner's password hash, kept
    for putting the owner back after a restore (`keep_owner`).
    """
    account = owner()
    if account is None:
        taken = by_username(OWNER_USERNAME)
        if taken is not None:  # a colleague's account under the owner's name: it is the owner's
            db.session.delete(taken)
            db.session.flush()
        account = Account(
            username=OWNER_USERNAME,
            display_name=OWNER_NAME,
            role=ADMIN,
            is_owner=True,
            password_hash=_hash(password),
            session_generation=new_generation(),
        )
        db.session.add(account)
    elif not _matches(account.password_hash, password):
        account.password_hash = _hash(password)
        account.session_generation = new_generation()
    account.role = ADMIN  # the owner is always quản trị
    db.session.flush()
    return account.password_hash


def keep_owner(password_hash: str) -> None:
    """After a restore: the owner's account as this start made it (a backup from before may
    have none, or an older password)."""
    account = owner()
    if account is None:
        account = Account(
            username=OWNER_USERNAME,
            display_name=OWNER_NAME,
            role=ADMIN,
            is_owner=True,
            password_hash=password_hash,
            session_generation=new_generation(),
        )
        db.session.add(account)
    elif account.password_hash != password_hash:
        account.password_hash = password_hash
        account.session_generation = new_generation()
    account.role = ADMIN
    db.session.flush()


def create_account(username: str, display_name: str, role: str, password: str) -> Account:
    account = Account(
        username=username,
        display_name=display_name,
        role=role,
        password_hash=_hash(password),
        session_generation=new_generation(),
    )
    db.session.add(account)
    db.session.flush()
    return account


def change_role(account: Account, role: str) -> None:
    """A new role takes effect on the account's next page (the role is read on every request)."""
    account.role = role
    db.session.flush()


def set_password(account: Account, password: str) -> None:
    """A new password; every session of the account ends (the one changing it logs in again)."""
    account.password_hash = _hash(password)
    account.session_generation = new_generation()
    db.session.flush()


def remove_account(account: Account) -> None:
    db.session.delete(account)
    db.session.flush()
