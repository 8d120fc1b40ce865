"""Which backups to keep: pure date arithmetic, testable without a database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Kept by kind (issue 18): a burst of one kind (twenty imports in two minutes) must not flush
# the others, so every rule counts within one kind — its last 10, its newest of each day for
# 30 days and its newest of each month for two years — and all of it within a size budget.
KEEP_LATEST = 10
KEEP_DAYS = 30
KEEP_MONTHS = 24
SIZE_BUDGET = 2 * 1024**3  # 2 GB: ~ 200 backups of a 10 MB database, a small part of a disk


@dataclass(frozen=True)
class BackupFile:
    """A backup as the folder lists it: its file name, when it was made, and why."""

    name: str
    made_at: dt.datetime
    reason: str
    size: int = 0


def _month_index(moment: dt.datetime) -> int:
    return moment.year * 12 + moment.month - 1


def backups_to_delete(
    backups: list[BackupFile],
    now: dt.datetime | None = None,
    keep_latest: int = KEEP_LATEST,
    size_budget: int = SIZE_BUDGET,
) -> list[str]:
    """Names of the backups to remove, newest first.

    Within each kind (reason): the newest `keep_latest`, the newest of each of the last 30 days
    and the newest of each of the last 24 months are kept. If what is kept is larger than the
    size budget, the oldest kept ones go first, but the newest backup of each kind never goes.
    """
    now = now or dt.datetime.now()
    day_limit = now.date() - dt.timedelta(days=KEEP_DAYS - 1)
    month_limit = _month_index(now) - (KEEP_MONTHS - 1)
    newest_first = sorted(backups, key=lambda b: b.made_at, reverse=True)
    keep: set[str] = set()
    by_kind: dict[str, list[BackupFile]] = {}
    for backup in newest_first:
        by_kind.setdefault(backup.reason, []).append(backup)
    newest_of_kind = {kind: items[0].name for kind, items in by_kind.items()}
    for items in by_kind.values():
        keep.update(b.name for b in items[:keep_latest])
        days: set[dt.date] = set()
        months: set[int] = set()
        for backup in items:
            day = backup.made_at.date()
            if day >= day_limit and day not in days:
                days.add(day)
                keep.add(backup.name)
            month = _month_index(backup.made_at)
            if month >= month_limit and month not in months:
                months.add(month)
                keep.add(backup.name)
    total = sum(b.size for b in newest_first if b.name in keep)
    for backup in reversed(newest_first):  # the oldest first
        if total <= size_budget:
            break
        if backup.name in keep and backup.name not in newest_of_kind.values():
            keep.discard(backup.name)
            total -= backup.size
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
