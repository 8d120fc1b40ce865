"""Backups of the SQLite database with SQLite's online backup API (never a copy of a live file).

A backup is taken at every start, before every migration and before every import; the officer
can make one on demand, download it as one file for a USB stick, and restore any backup (the
current state is backed up first).

A restore installs only what this program wrote (issue 18): the file's schema revision must be
one this version knows, its schema objects (tables, indexes, triggers, views) exactly those the
migrations make at that revision (every row of sqlite_master, whatever its name, but the two
tables ANALYZE makes), and a copy of it — upgraded to the newest schema — must pass SQLite's
integrity and foreign-key checks and hold in every column a value the app can read (by the
column's declared type). Only then does the copy replace the live database; on any failure the
live database is untouched.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import re
import secrets
import shutil
import sqlite3
import tempfile
from pathlib import Path

from .logic import BackupFile, backup_name, backups_to_delete, parse_backup_name

BACKUP_FOLDER = "sao-luu"
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Files left by a backup or a restore that did not finish (power cut, full disk): removed at start.
PARTIAL_PATTERNS = ("*.partial", "*.partial-journal", "*.partial-wal", "*.partial-shm")


class BackupError(Exception):
    """A backup that cannot be made or restored; the message is Vietnamese."""


def backup_dir(data_dir: Path) -> Path:
    folder = Path(data_dir) / BACKUP_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def disk_full(error: BaseException) -> bool:
    """True for "no space left" however it reached us (OSError or SQLite's SQLITE_FULL)."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return True
    return isinstance(error, sqlite3.Error) and "disk is full" in str(error).lower()


def _remove_quietly(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass


def clean_partials(data_dir: Path) -> int:
    """Remove the `.partial` files (and their journals) an interrupted backup left; how many."""
    folder = Path(data_dir) / BACKUP_FOLDER
    if not folder.is_dir():
        return 0
    removed = 0
    for pattern in PARTIAL_PATTERNS:
        for path in folder.glob(pattern):
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
    return removed


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
    """Back the database up into the backup folder; None when there is no database yet.

    A backup that cannot be finished (a full disk) leaves no file behind and raises BackupError.
    """
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
    try:
        _copy(db_path, partial)
        partial.replace(target)
    except (OSError, sqlite3.Error) as error:
        _remove_quietly(partial)
        if disk_full(error):
            raise BackupError(
                f"Ổ đĩa chứa thư mục {folder} đã đầy nên không sao lưu được. Hãy xóa bớt tệp "
                "không cần (hoặc chép các bản sao lưu cũ ra USB rồi xóa) để có thêm chỗ trống."
            ) from error
        raise BackupError(f"Không ghi được bản sao lưu vào thư mục {folder} ({error}).") from error
    prune(data_dir, now)
    return target


def list_backups(data_dir: Path) -> list[BackupFile]:
    backups = []
    for path in backup_dir(data_dir).glob("kehoach-*.sqlite3"):
        parsed = parse_backup_name(path.name)
        if parsed:
            backups.append(BackupFile(path.name, parsed[0], parsed[1], path.stat().st_size))
    return sorted(backups, key=lambda b: b.made_at, reverse=True)


def prune(data_dir: Path, now: dt.datetime | None = None) -> None:
    folder = backup_dir(data_dir)
    for name in backups_to_delete(list_backups(data_dir), now=now):
        (folder / name).unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# Restore: only what this program wrote.


def known_revisions() -> list[str]:
    """The schema revisions this version knows, oldest first (the numbers that start the
    migration files' names)."""
    return sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


_QUOTES = re.compile(r'["`\[\]]')
_SPACE = re.compile(r"\s+")
_PUNCTUATION_SPACE = re.compile(r"\s*([(),])\s*")


def _split_top_level(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return parts


def _normal_sql(kind: str, sql: str | None) -> str | None:
    """The SQL of a schema object with quoting, case and spacing forgotten: the same table made
    by another SQLite version (which may quote a renamed table differently) compares equal.

    A table's columns and constraints are compared as a set: Alembic's batch mode rebuilds a
    table from a reflection whose constraint order varies from one run to the next.
    """
    if sql is None:
        return None
    text = _SPACE.sub(" ", _QUOTES.sub("", sql.lower())).strip()
    text = _PUNCTUATION_SPACE.sub(r"\1", text)
    if kind == "table" and "(" in text and text.endswith(")"):
        head, body = text.split("(", 1)
        text = head + "(" + ",".join(sorted(_split_top_level(body[:-1]))) + ")"
    return text


# The only objects a sound file may hold beyond the reference: the tables ANALYZE makes on
# demand (planner statistics, nothing runs from them), matched by type, exact name and the
# exact SQL SQLite writes for them. Anything else named sqlite_… — a trigger written straight
# into sqlite_master under a name like "sqlite_stat9" loads and fires like any other (issue 18)
# — is compared with the reference like every other object.
_ANALYZE_TABLES = {
    "sqlite_stat1": "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
    "sqlite_stat4": "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
}


def _schema_rows(connection: sqlite3.Connection) -> list[tuple]:
    """Every row of sqlite_master but ANALYZE's tables, as comparable tuples.

    Read through a connection opened normally (writable_schema off): SQLite has then parsed
    every row as it will when the app opens the file, so a row written by hand that does not
    parse, or whose type or name disagrees with its SQL, makes the read fail ("malformed
    database schema") instead of slipping past.
    """
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master").fetchall()
    kept = []
    for kind, name, table, sql in rows:
        analyze = _ANALYZE_TABLES.get(name)
        if (
            kind == "table"
            and analyze is not None
            and _normal_sql(kind, sql) == _normal_sql("table", analyze)
        ):
            continue
        kept.append((kind, name, table, _normal_sql(kind, sql)))
    return kept


def schema_objects(connection: sqlite3.Connection) -> frozenset[tuple]:
    """Every table, index, trigger and view of a database (SQLite's autoindexes and its
    sqlite_sequence included), as comparable tuples; only ANALYZE's tables are left out."""
    return frozenset(_schema_rows(connection))


def upgrade_file(path: Path, revision: str = "head") -> None:
    """Run the migrations on the database file at `path` (not the live one) up to `revision`.

    A small Flask app of its own points Alembic at the file, so the live app's engine is never
    touched. Alembic's failures (and Flask-Migrate's SystemExit) become a BackupError.
    """
    from flask import Flask
    from flask_migrate import Migrate, upgrade

    from ..db import db

    helper = Flask("kehoach_app")
    helper.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(path).as_posix()}"
    db.init_app(helper)
    Migrate(helper, db, directory=str(MIGRATIONS), render_as_batch=True)
    with helper.app_context():
        try:
            upgrade(directory=str(MIGRATIONS), revision=revision)
        except (Exception, SystemExit) as error:  # noqa: BLE001 — any failure refuses the file
            raise BackupError(
                "Không nâng cấp được dữ liệu trong tệp lên phiên bản hiện tại."
            ) from error
        finally:
            db.session.remove()
            db.engine.dispose()


@functools.cache
def reference_objects(revision: str) -> frozenset[tuple]:
    """The schema objects the migrations make at `revision`, from an empty database upgraded
    to it once per run (what a file of that revision must hold, no more, no less)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mau.sqlite3"
        upgrade_file(path, revision)
        connection = sqlite3.connect(str(path))
        try:
            return schema_objects(connection)
        finally:
            connection.close()


def _describe(objects: set[tuple]) -> str:
    kinds = {"table": "bảng", "index": "chỉ mục", "trigger": "trigger", "view": "view"}
    names = sorted(f"{kinds.get(kind, kind)} “{name}”" for kind, name, _t, _s in objects)
    more = f" và {len(names) - 5} mục khác" if len(names) > 5 else ""
    return ", ".join(names[:5]) + more


def _check_objects(connection: sqlite3.Connection, revision: str) -> None:
    rows = _schema_rows(connection)
    found = frozenset(rows)
    wanted = reference_objects(revision)
    if len(rows) != len(found):  # the same object twice: only a hand-edited sqlite_master
        raise BackupError(
            "Tệp có thành phần ghi trùng trong danh mục cấu trúc, có thể đã bị sửa bằng "
            "công cụ khác."
        )
    if found == wanted:
        return
    extra = found - wanted
    wanted_names = {(kind, name) for kind, name, _t, _s in wanted}
    foreign = {o for o in extra if (o[0], o[1]) not in wanted_names}
    if foreign:
        raise BackupError(
            "Tệp có thành phần không do chương trình tạo ra ("
            + _describe(foreign)
            + "), có thể đã bị sửa bằng công cụ khác."
        )
    raise BackupError(
        "Cấu trúc dữ liệu trong tệp không đúng với phiên bản "
        f"{revision} của chương trình (thiếu hoặc bị sửa: "
        + _describe((wanted - found) | extra)
        + ")."
    )


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except OSError:
        raise BackupError("Không đọc được tệp sao lưu.") from None
    if header != b"SQLite format 3\x00":
        raise BackupError("Tệp này không phải bản sao lưu của chương trình (không phải SQLite).")


def _revision_of(connection: sqlite3.Connection) -> str:
    known = known_revisions()
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:  # no such table (a damaged file raises DatabaseError)
        rows = []
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        raise BackupError("Tệp SQLite này không phải dữ liệu của Kế hoạch Hội nghị.")
    revision = rows[0][0]
    if revision in known:
        return revision
    if revision.isdigit() and known and int(revision) > int(known[-1]):
        raise BackupError(
            f"Đây là bản sao lưu của phiên bản mới hơn của chương trình (dữ liệu mẫu "
            f"{revision[:12]}, chương trình này đọc đến mẫu {known[-1]}). Hãy cập nhật "
            "chương trình lên phiên bản mới rồi khôi phục lại."
        )
    raise BackupError(
        f"Tệp ghi theo mẫu dữ liệu “{revision[:12]}” mà chương trình không biết; "
        "không phải bản sao lưu của chương trình."
    )


def _check_sound(connection: sqlite3.Connection) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError("Tệp sao lưu bị hỏng (kiểm tra toàn vẹn không đạt).")


def _check_links(connection: sqlite3.Connection) -> None:
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise BackupError(
            f"Dữ liệu trong tệp có {len(broken)} dòng trỏ tới dòng không còn (bảng "
            + ", ".join(tables[:5])
            + ")."
        )


# ---------------------------------------------------------------------------------------------
# Values the app can read: a sound file whose rows break the pages (a date that is not a date,
# a name stored as a blob) is refused, by the declared type of every column (issue 18).

_DIGITS6 = "[0-9]" * 6
_DATE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_CLOCK = "[0-2][0-9]:[0-5][0-9]:[0-5][0-9]"
# Text the exports cannot hold or Python cannot read: invalid UTF-8, and the C0/C1 controls but
# tab, line feed and carriage return (what migration 0008 and the forms strip).
_CONTROL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _bad_text(raw: bytes | None) -> int:
    """1 for stored text that is not valid UTF-8 or holds a control character, else 0."""
    if raw is None:
        return 0
    try:
        text = bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return 1
    return 1 if _CONTROL_TEXT.search(text) else 0


def _valid_date(sql: str) -> str:
    """A calendar date as SQLAlchemy reads it: YYYY-MM-DD, year 1 on, and a real day (the
    julianday round trip turns 2026-02-30 into 2026-03-02)."""
    return (
        f"({sql} GLOB '{_DATE}' AND substr({sql}, 1, 4) >= '0001'"
        f" AND date(julianday({sql})) = {sql})"
    )


def _valid_clock(sql: str) -> str:
    return (
        f"(({sql} GLOB '{_CLOCK}' OR {sql} GLOB '{_CLOCK}.{_DIGITS6}')"
        f" AND substr({sql}, 1, 2) < '24')"
    )


def _column_rules(declared: str) -> list[tuple[str, str]]:
    """(SQL that is true for a bad non-NULL value of `c`, what is wrong in Vietnamese) for a
    column's declared type; the `c` is replaced by the quoted column name."""
    kind = (declared or "").upper()
    if kind.startswith("DATETIME") or kind.startswith("TIMESTAMP"):
        good = (
            f"(typeof(c) = 'text'"
            f" AND (c GLOB '{_DATE} {_CLOCK}' OR c GLOB '{_DATE} {_CLOCK}.{_DIGITS6}')"
            f" AND {_valid_date('substr(c, 1, 10)')} AND substr(c, 12, 2) < '24')"
        )
        return [(f"NOT {good}", "giá trị không phải ngày giờ (năm-tháng-ngày giờ:phút:giây)")]
    if kind.startswith("DATE"):
        return [
            (
                f"NOT (typeof(c) = 'text' AND {_valid_date('c')})",
                "giá trị không phải ngày (năm-tháng-ngày)",
            )
        ]
    if kind.startswith("TIME"):
        return [
            (
                f"NOT (typeof(c) = 'text' AND {_valid_clock('c')})",
                "giá trị không phải giờ (giờ:phút:giây)",
            )
        ]
    if kind.startswith("BOOL"):
        return [
            ("typeof(c) <> 'integer' OR c NOT IN (0, 1)", "giá trị không phải 0 hoặc 1 (đúng/sai)")
        ]
    if "INT" in kind:
        return [("typeof(c) <> 'integer'", "giá trị không phải số nguyên")]
    if any(word in kind for word in ("REAL", "FLOA", "DOUB", "NUMERIC", "DECIMAL")):
        return [("typeof(c) NOT IN ('integer', 'real')", "giá trị không phải số")]
    if any(word in kind for word in ("CHAR", "TEXT", "CLOB")):
        return [
            ("typeof(c) <> 'text'", "giá trị không phải chữ"),
            (
                "kehoach_bad_text(CAST(c AS BLOB))",
                "chữ có ký tự hỏng hoặc ký tự điều khiển mà tệp Excel, Word không chứa được",
            ),
        ]
    return []


def _check_values(connection: sqlite3.Connection) -> None:
    """Every value of every table of the (upgraded) copy fits its column's declared type and
    NOT NULL; BackupError naming the first table and column that does not.

    One scan per table, all in SQL but the text check (UTF-8 and control characters), which is
    a Python function called only on text values: well under a second on a 1,000-delegate file.
    """
    if connection.execute("PRAGMA encoding").fetchone()[0] != "UTF-8":
        raise BackupError("Tệp không ghi chữ theo mã UTF-8 như chương trình ghi.")
    connection.create_function("kehoach_bad_text", 1, _bad_text, deterministic=True)
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    for table in tables:
        checks: list[tuple[str, str, str]] = []  # (condition, column, what is wrong)
        for _cid, column, declared, notnull, _default, _pk in connection.execute(
            f"PRAGMA main.table_info({_quote(table)})"
        ):
            name = _quote(column)
            if notnull:
                checks.append((f"{name} IS NULL", column, "thiếu giá trị bắt buộc"))
            for bad, message in _column_rules(declared):
                condition = re.sub(r"\bc\b", lambda _m, n=name: n, bad)
                checks.append((f"({name} IS NOT NULL AND ({condition}))", column, message))
        if not checks:
            continue
        flags = ", ".join(condition for condition, _c, _m in checks)
        where = " OR ".join(condition for condition, _c, _m in checks)
        row = connection.execute(
            f"SELECT {flags} FROM main.{_quote(table)} WHERE {where} LIMIT 1"
        ).fetchone()
        if row is None:
            continue
        _condition, column, message = next(c for c, flag in zip(checks, row, strict=True) if flag)
        raise BackupError(
            "Dữ liệu trong tệp có giá trị chương trình không đọc được "
            f"(bảng {table}, cột {column}: {message})."
        )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=10)
    connection.execute("PRAGMA trusted_schema=OFF")  # nothing in the file runs while we look
    return connection


def prepare_restore(source: Path, data_dir: Path) -> Path:
    """A checked copy of `source`, upgraded to the newest schema, ready to replace the live
    database; BackupError (Vietnamese) and no copy left when anything is wrong."""
    _check_header(source)
    work = backup_dir(data_dir) / f".khoi-phuc-{secrets.token_hex(6)}.partial"
    try:
        try:
            shutil.copyfile(source, work)
        except OSError as error:
            if disk_full(error):
                raise BackupError(
                    "Ổ đĩa đã đầy nên không khôi phục được. Hãy xóa bớt tệp không cần rồi thử lại."
                ) from error
            raise BackupError("Không đọc được tệp sao lưu.") from error
        try:
            connection = _open(work)
            try:
                revision = _revision_of(connection)
                _check_sound(connection)
                _check_objects(connection, revision)
            finally:
                connection.close()
            if revision != known_revisions()[-1]:
                upgrade_file(work)
            connection = _open(work)
            try:
                _check_objects(connection, known_revisions()[-1])
                _check_sound(connection)
                _check_links(connection)
                _check_values(connection)
                connection.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            raise BackupError("Tệp sao lưu bị hỏng hoặc không phải cơ sở dữ liệu.") from None
    except BaseException:
        _remove_quietly(work)
        raise
    return work


def check_backup_file(path: Path, data_dir: Path) -> None:
    """Refuse a file that is not a sound database of this program (BackupError, Vietnamese)."""
    _remove_quietly(prepare_restore(path, data_dir))


def restore_backup(backup_path: Path, db_path: Path, data_dir: Path) -> Path | None:
    """Put a backup in place of the live database; the current state is backed up first.

    The file is checked and upgraded on a copy first (prepare_restore); the live database is
    written only once every check has passed. The caller must have closed the app's
    connections (engine.dispose()).
    """
    work = prepare_restore(Path(backup_path), data_dir)
    try:
        before = make_backup(db_path, data_dir, "truoc-khoi-phuc")
        _copy(work, db_path)
    finally:
        _remove_quietly(work)
    return before
