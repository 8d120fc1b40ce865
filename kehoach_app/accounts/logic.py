"""The rules of LAN accounts, without Flask or the database: roles, where a login may lead,
and how failed logins are counted."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

# Roles, weakest first: each may do what the ones before it may.
VIEWER = "xem"
EDITOR = "nhap_lieu"
ADMIN = "quan_tri"
ROLES = {
    VIEWER: "Xem",
    EDITOR: "Nhập liệu",
    ADMIN: "Quản trị",
}
ROLE_HINTS = {
    VIEWER: "chỉ xem và tải bản in, không sửa được gì",
    EDITOR: "sửa hội nghị và mọi phần của hội nghị",
    ADMIN: "như nhập liệu, thêm tài khoản, sao lưu và khôi phục dữ liệu",
}
_RANK = {VIEWER: 0, EDITOR: 1, ADMIN: 2}

OWNER_USERNAME = "chumay"
# Who changed a conference when no one logs in (the app open on this machine only).
OWNER_NAME = "Chủ máy"

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
MIN_PASSWORD_LENGTH = 8


def may(role: str | None, needed: str) -> bool:
    """True when an account with `role` may do what needs `needed`."""
    return role in _RANK and _RANK[role] >= _RANK[needed]


def normalise_username(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip().lower()


def username_problem(username: str) -> str | None:
    """Why a login name cannot be used, or None."""
    if not USERNAME.fullmatch(username):
        return (
            "Tên đăng nhập gồm 2–40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch "
            "dưới, bắt đầu bằng chữ cái hoặc chữ số (ví dụ: lan.nguyen)."
        )
    return None


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự."
    return None


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None (same-origin `next` only).

    Browsers drop tabs, line breaks and other controls from a URL and read a backslash as a
    slash, so "/\t/evil.example" and "/\\evil.example" lead off-site like "//evil.example":
    controls and spaces are stripped first, and only a path that starts with one "/" and has
    neither a scheme nor a host (urllib.parse) is kept.
    """
    if not target:
        return None
    cleaned = "".join(
        ch for ch in target if not (unicodedata.category(ch)[0] in "CZ" or ch.isspace())
    )
    if "\\" in cleaned or not cleaned.startswith("/") or cleaned.startswith("//"):
        return None
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


@dataclass
class LoginThrottle:
    """Failed logins counted per account and per address, each locked out on its own.

    MAX_FAILURES failures within WINDOW seconds lock that account (or that address) for LOCKOUT
    seconds; while locked, a login is refused at once — no password is checked, nothing sleeps,
    so a flood of guesses costs the server nothing and other users are not slowed (issue 18: a
    0.5 s sleep per failure held the server's threads and slowed every page to 1.7 s).

    A login from the machine itself (loopback) is not refused by an account's lock, only by its
    own address's: someone on the network cannot lock the owner out of their own computer.
    """

    max_failures: int = 5
    window: float = 15 * 60
    lockout: float = 15 * 60
    clock: Callable[[], float] = time.monotonic
    max_keys: int = 10_000  # bounded memory whatever is sent
    _failures: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    _locked_until: dict[tuple[str, str], float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def _keys(username: str, address: str) -> list[tuple[str, str]]:
        return [("tai-khoan", username), ("dia-chi", address)]

    def wait_seconds(self, username: str, address: str, from_this_machine: bool = False) -> float:
        """How long before a login of `username` from `address` is tried again (0: now)."""
        now = self.clock()
        keys = self._keys(username, address)
        if from_this_machine:
            keys = keys[1:]
        with self._lock:
            waits = [self._locked_until.get(key, 0) - now for key in keys]
        return max(0.0, *waits)

    def failed(self, username: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) > self.max_keys:
                self._forget_old(now)
            for key in self._keys(username, address):
                recent = [t for t in self._failures.get(key, []) if now - t < self.window]
                recent.append(now)
                if len(recent) >= self.max_failures:
                    self._locked_until[key] = now + self.lockout
                    recent = []
                self._failures[key] = recent

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            for key in self._keys(username, address):
                self._failures.pop(key, None)

    def _forget_old(self, now: float) -> None:
        for key in [
            k for k, times in self._failures.items() if not times or now - times[-1] >= self.window
        ]:
            del self._failures[key]
        for key in [k for k, until in self._locked_until.items() if until <= now]:
            del self._locked_until[key]
        if len(self._failures) > self.max_keys:  # still full: the oldest go
            for key in sorted(self._failures, key=lambda k: self._failures[k][-1])[
                : self.max_keys // 2
            ]:
                del self._failures[key]
