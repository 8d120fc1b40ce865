"""Excel files waiting between their preview and the officer's "Nhập" (confirm).

The uploaded bytes are kept in the data folder, under imports/, named
"<conference id>-<random token>.xlsx"; the confirm button posts the token. The file is read again
at confirm time (the list may have changed meanwhile) and removed once imported; files older than
a day are removed at the next upload. The token is 32 random characters from
secrets.token_urlsafe and is checked against a strict pattern, so it can never name another file.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

FOLDER = "imports"
MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _folder(data_dir: str | Path) -> Path:
    folder = Path(data_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(data_dir: str | Path, conference_id: int, token: str) -> Path | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return _folder(data_dir) / f"{int(conference_id)}-{token}.xlsx"


def keep(data_dir: str | Path, conference_id: int, raw: bytes) -> str:
    """Store an upload until it is confirmed; returns its token."""
    remove_old(data_dir)
    token = secrets.token_urlsafe(24)
    path = _path(data_dir, conference_id, token)
    assert path is not None
    path.write_bytes(raw)
    return token


def load(data_dir: str | Path, conference_id: int, token: str) -> bytes | None:
    """The bytes kept under `token` for this conference, or None (unknown, used or expired)."""
    path = _path(data_dir, conference_id, token)
    if path is None or not path.is_file():
        return None
    return path.read_bytes()


def discard(data_dir: str | Path, conference_id: int, token: str) -> None:
    path = _path(data_dir, conference_id, token)
    if path is not None:
        path.unlink(missing_ok=True)


def remove_old(data_dir: str | Path, max_age: float = MAX_AGE_SECONDS) -> int:
    """Remove uploads older than `max_age` seconds (never confirmed); returns how many."""
    limit = time.time() - max_age
    removed = 0
    for path in _folder(data_dir).glob("*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:  # removed by another request meanwhile
            pass
    return removed
