"""Backups of the SQLite database with SQLite's online backup API (never a copy of a live file).

A backup is taken at every start, before every migration and before every import; the officer
can make one on demand, download it as one file for a USB stick, and restore any backup (the
current state is backed up first).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from .logic import BackupFile, backup_name, backups_to_delete, parse_backup_name

BACKUP_FOLDER = "sao-luu"

# What a file must hold to be restored: our schema's bookkeeping table and the conferences.
_REQUIRED_TABLES = {"alembic_version", "conferences"}


class BackupError(Exception):
    """A backup that cannot be made or restored; the message is Vietnamese."""


def backup_dir(data_dir: Path) -> Path:
    folder = Path(data_dir) / BACKUP_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _copy(source: Path, target: Path) -> None:
    """Copy one SQLite database into another with the online backup API."""
    src = sqlite3.connect(str(source), timeout=30)
    try:
        dst = sqlite3.connect(str(target), timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def make_backup(
    db_path: Path, data_dir: Path, reason: str, now: dt.datetime | None = None
) -> Path | None:
    """Back the database up into the backup folder; None when there is no database yet."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    now = now or dt.datetime.now()
    folder = backup_dir(data_dir)
    target = folder / backup_name(now, reason)
    counter = 1
    while target.exists():  # two backups in one second
        target = folder / backup_name(now + dt.timedelta(seconds=counter), reason)
        counter += 1
    partial = target.with_suffix(".partial")
    _copy(db_path, partial)
    partial.replace(target)
    prune(data_dir)
    return target


def list_backups(data_dir: Path) -> list[BackupFile]:
    backups = []
    for path in backup_dir(data_dir).glob("kehoach-*.sqlite3"):
        parsed = parse_backup_name(path.name)
        if parsed:
            backups.append(BackupFile(path.name, parsed[0], parsed[1], path.stat().st_size))
    return sorted(backups, key=lambda b: b.made_at, reverse=True)


def prune(data_dir: Path) -> None:
    folder = backup_dir(data_dir)
    for name in backups_to_delete(list_backups(data_dir)):
        (folder / name).unlink(missing_ok=True)


def check_backup_file(path: Path) -> None:
    """Refuse a file that is not a sound database of this program (BackupError, Vietnamese)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except OSError:
        raise BackupError("Không đọc được tệp sao lưu.") from None
    if header != b"SQLite format 3\x00":
        raise BackupError("Tệp này không phải bản sao lưu của chương trình (không phải SQLite).")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not _REQUIRED_TABLES <= tables:
                raise BackupError("Tệp SQLite này không phải dữ liệu của Kế hoạch Hội nghị.")
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise BackupError("Tệp sao lưu bị hỏng (kiểm tra toàn vẹn không đạt).")
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise BackupError("Tệp sao lưu bị hỏng hoặc không phải cơ sở dữ liệu.") from None


def restore_backup(backup_path: Path, db_path: Path, data_dir: Path) -> Path | None:
    """Put a backup in place of the live database; the current state is backed up first.

    The caller must have closed the app's connections (engine.dispose()) and must bring the
    schema up to date afterwards (an older backup may predate a migration).
    """
    check_backup_file(backup_path)
    before = make_backup(db_path, data_dir, "truoc-khoi-phuc")
    _copy(backup_path, db_path)
    return before
