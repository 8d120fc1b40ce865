"""Which backups to keep: pure date arithmetic, testable without a database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The last 20 backups, plus the newest one of every month before them (issue 10).
KEEP_LATEST = 20


@dataclass(frozen=True)
class BackupFile:
    """A backup as the folder lists it: its file name, when it was made, and why."""

    name: str
    made_at: dt.datetime
    reason: str
    size: int = 0


def backups_to_delete(backups: list[BackupFile], keep_latest: int = KEEP_LATEST) -> list[str]:
    """Names of the backups to remove: all but the newest `keep_latest` and one a month."""
    newest_first = sorted(backups, key=lambda b: b.made_at, reverse=True)
    keep = {b.name for b in newest_first[:keep_latest]}
    seen_months: set[tuple[int, int]] = set()
    for backup in newest_first:
        month = (backup.made_at.year, backup.made_at.month)
        if month not in seen_months:
            seen_months.add(month)
            keep.add(backup.name)
    return [b.name for b in newest_first if b.name not in keep]


REASONS = {
    "khoi-dong": "Khi khởi động",
    "truoc-nang-cap": "Trước khi nâng cấp dữ liệu",
    "truoc-nhap": "Trước khi nhập tệp",
    "truoc-khoi-phuc": "Trước khi khôi phục bản sao lưu",
    "thu-cong": "Sao lưu thủ công",
}


def backup_name(made_at: dt.datetime, reason: str) -> str:
    """'kehoach-2026-11-21_101503-khoi-dong.sqlite3' — sorts by time, says why."""
    return f"kehoach-{made_at:%Y-%m-%d_%H%M%S}-{reason}.sqlite3"


def parse_backup_name(name: str) -> tuple[dt.datetime, str] | None:
    """The time and reason a backup's name carries; None for a file that is not ours."""
    if not (name.startswith("kehoach-") and name.endswith(".sqlite3")):
        return None
    stem = name[len("kehoach-") : -len(".sqlite3")]
    try:
        made_at = dt.datetime.strptime(stem[:17], "%Y-%m-%d_%H%M%S")
    except ValueError:
        return None
    reason = stem[18:] if len(stem) > 18 else ""
    return made_at, reason
