"""Issue 18, item 5: a start that cannot proceed says why in Vietnamese and what to do, exits
non-zero without a traceback, and leaves no partial files; a disk too full for the start-up
backup does not stop the start, but it is said — on the console and on the first page."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from kehoach_app import __main__ as main_module
from kehoach_app import create_app
from kehoach_app.backups import operations
from kehoach_app.db import db
from tests.server import ROOT, free_port, wait_for


def start(data_dir: Path, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m kehoach_app` on data_dir, for a start expected to stop by itself."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("KEHOACH_DATA_DIR", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kehoach_app",
            "--no-browser",
            "--port",
            str(free_port()),
            "--data-dir",
            str(data_dir),
            *extra,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_said_and_stopped(result: subprocess.CompletedProcess, *phrases: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output
    assert "Không khởi động được Kế hoạch Hội nghị." in output
    for phrase in phrases:
        assert phrase in output, output


def leftovers(data_dir: Path) -> list[Path]:
    folder = data_dir / operations.BACKUP_FOLDER
    return [p for pattern in operations.PARTIAL_PATTERNS for p in folder.glob(pattern)]


def fresh_data(data_dir: Path) -> None:
    app = create_app({"TESTING": True}, data_dir=data_dir)
    with app.app_context():
        db.engine.dispose()


def full_disk_copy(monkeypatch):
    """SQLite's backup runs out of space half-way: a `.partial` and its journal are written,
    then ENOSPC — what a nearly full disk did at start."""

    def copy(source, target):
        Path(target).write_bytes(b"SQLite format 3\x00" + b"\x00" * 4096)
        Path(f"{target}-journal").write_bytes(b"\x00" * 512)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(operations, "_copy", copy)


def test_a_disk_too_full_for_the_start_up_backup_starts_anyway_and_says_so(tmp_path, monkeypatch):
    data = tmp_path / "data"
    fresh_data(data)
    # what an earlier start that ran out of space left behind
    folder = operations.backup_dir(data)
    (folder / "kehoach-2026-11-20_080000-khoi-dong.partial").write_bytes(b"x" * 1000)
    (folder / "kehoach-2026-11-20_080000-khoi-dong.partial-journal").write_bytes(b"x" * 100)
    full_disk_copy(monkeypatch)
    app = create_app({"TESTING": True}, data_dir=data)
    try:
        assert leftovers(data) == []  # the old ones cleaned, the new one never kept
        assert operations.list_backups(data) == []
        [warning] = app.config["STARTUP_WARNINGS"]
        assert warning.startswith("Chưa sao lưu được khi khởi động: Ổ đĩa chứa thư mục")
        assert "đã đầy" in warning and "Chương trình vẫn chạy với dữ liệu hiện có." in warning
        client = app.test_client()
        first = " ".join(client.get("/").get_data(as_text=True).split())
        assert "Chưa sao lưu được khi khởi động" in first
        again = " ".join(client.get("/").get_data(as_text=True).split())
        assert "Chưa sao lưu được khi khởi động" not in again  # said once
        assert client.get("/sao-luu").status_code == 200
    finally:
        with app.app_context():
            db.engine.dispose()


def test_the_console_says_the_start_up_backup_failed(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    fresh_data(data)
    full_disk_copy(monkeypatch)

    class Server:  # stands in for waitress: returns at once instead of serving
        def run(self):
            pass

        def close(self):
            pass

    import waitress

    monkeypatch.setattr(waitress, "create_server", lambda *a, **k: Server())
    assert main_module.main(["--no-browser", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "CHÚ Ý: Chưa sao lưu được khi khởi động: Ổ đĩa chứa thư mục" in out
    assert "Kế hoạch Hội nghị đã sẵn sàng." in out
    assert leftovers(data) == []


def test_an_upgrade_is_never_run_without_its_backup(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    fresh_data(data)
    import sqlite3

    with sqlite3.connect(data / "kehoach.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0007'")
    full_disk_copy(monkeypatch)
    assert main_module.main(["--no-browser", "--data-dir", str(data)]) == 2
    out = capsys.readouterr().out
    assert "Không khởi động được Kế hoạch Hội nghị." in out
    assert "đã đầy" in out and "hãy giải phóng chỗ trống rồi mở lại chương trình" in out
    assert leftovers(data) == []
    with sqlite3.connect(data / "kehoach.sqlite3") as connection:  # not upgraded
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0007"


def test_a_data_path_under_a_regular_file_is_explained(tmp_path):
    regular = tmp_path / "tai-lieu.docx"
    regular.write_bytes(b"not a folder")
    for data in (regular / "data", regular):
        result = start(data)
        assert_said_and_stopped(
            result,
            "trên đường dẫn có một tệp trùng tên chứ không phải thư mục",
            "--data-dir",
        )
    assert regular.read_bytes() == b"not a folder"


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and Path("/proc/mounts").exists()


@contextmanager
def tmpfs(size: str, *options: str):
    """A small tmpfs (root only): a real full disk, a real read-only file system."""
    import tempfile

    point = Path(tempfile.mkdtemp(prefix="kehoach-tmpfs-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join([f"size={size}", *options]), "tmpfs", str(point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        point.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)
        point.rmdir()


@contextmanager
def read_only_folder(tmp_path: Path):
    """A data folder holding an installed program's files that cannot be written."""
    data = tmp_path / "data"
    fresh_data(data)
    if _can_mount():  # root writes through file permissions: use a read-only mount
        with tmpfs("64m") as point:
            subprocess.run(["cp", "-a", str(data), str(point)], check=True)
            subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
            yield point / "data"
        return
    for path in [data, *data.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield data
    finally:
        for path in [data, *data.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_read_only_data_folder_is_explained(tmp_path):
    with read_only_folder(tmp_path) as data:
        before = sorted(p.name for p in data.rglob("*"))
        result = start(data)
        assert_said_and_stopped(
            result, f"Không ghi được vào thư mục dữ liệu {data}", "cấp quyền ghi"
        )
        assert sorted(p.name for p in data.rglob("*")) == before


@pytest.mark.skipif(not _can_mount(), reason="a real full disk needs a tmpfs (root)")
def test_a_really_full_disk_starts_without_the_backup_and_leaves_no_partial_file(tmp_path):
    with tmpfs("2m") as point:
        data = point / "data"
        fresh_data(data)
        size = (data / "kehoach.sqlite3").stat().st_size
        # fill the disk, leaving less room than a backup needs
        free = os.statvfs(point).f_bavail * os.statvfs(point).f_frsize
        (point / "filler").write_bytes(b"\x00" * max(0, free - size // 2))
        port = free_port()
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        env.pop("KEHOACH_DATA_DIR", None)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kehoach_app",
                "--no-browser",
                "--port",
                str(port),
                "--data-dir",
                str(data),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/__kehoach__/ping")
        finally:
            process.terminate()
            output = process.communicate(timeout=10)[0].decode("utf-8")
        assert "Traceback" not in output
        assert "CHÚ Ý: Chưa sao lưu được khi khởi động" in output and "đã đầy" in output
        assert leftovers(data) == []
        assert operations.list_backups(data) == []


def test_an_import_on_a_full_disk_is_refused_before_anything_is_written(
    app, client, demo_id, monkeypatch
):
    from io import BytesIO

    from kehoach_app import transfer
    from kehoach_app.conferences.models import Conference
    from tests.conftest import post
    from tests.security.test_csrf_and_hosts import database_fingerprint

    with app.app_context():
        raw = transfer.dump_json(transfer.export_conference(db.session.get(Conference, demo_id)))
    before = database_fingerprint(app)
    full_disk_copy(monkeypatch)
    response = post(
        client,
        "/nhap-tep",
        {"file": (BytesIO(raw), "hoi-nghi.json")},
        page="/nhap-tep",
        content_type="multipart/form-data",
    )
    html = " ".join(response.get_data(as_text=True).split())
    assert response.status_code == 507
    assert "Không sao lưu được" in html and "đã đầy" in html
    assert "Thao tác chưa được thực hiện; dữ liệu chưa thay đổi." in html
    assert database_fingerprint(app) == before
    assert leftovers(Path(app.config["DATA_DIR"])) == []


# The review of issue 18's work: the first start on a full disk left a half-upgraded database
# (revision 0003 with the tables of later migrations: pysqlite commits DDL statement by
# statement) that blocked every later start with "table award_forms already exists".


def database_files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.glob("kehoach.sqlite3*"))


def fail_during_migration(monkeypatch, revision: str = "0010"):
    """A full disk in the middle of the migrations: `revision`'s own changes are made (and, DDL
    being committed per statement, kept), then SQLite says the disk is full."""
    import sqlite3

    from alembic.runtime import migration

    original = migration.HeadMaintainer.update_to_step

    def update_to_step(self, step):
        if revision in step.info.up_revision_ids:
            raise sqlite3.OperationalError("database or disk is full")
        return original(self, step)

    monkeypatch.setattr(migration.HeadMaintainer, "update_to_step", update_to_step)


def old_data(data_dir: Path) -> list[str]:
    """What an earlier version left: a database at revision 0006 holding one conference."""
    import sqlite3

    data_dir.mkdir(parents=True)
    path = data_dir / "kehoach.sqlite3"
    operations.upgrade_file(path, "0006")
    with sqlite3.connect(path) as connection:
        values = {
            "id": 1,
            "title": "Hội nghị tổng kết năm 2025",
            "planned_delegates": 120,
            "year_launched": 2025,
            "year_reviewed": 2025,
            "level": "xa",
            "length": "half_day",
        }
        for _cid, name, kind, notnull, default, _pk in connection.execute(
            "PRAGMA table_info(conferences)"
        ):
            if name in values or not notnull or default is not None:
                continue
            kind = kind.upper()
            values[name] = (
                "2026-01-15"
                if kind == "DATE"
                else "08:00:00.000000"
                if kind == "TIME"
                else "2026-01-02 03:04:05.000000"
                if kind == "DATETIME"
                else 0
                if "INT" in kind or "BOOL" in kind
                else ""
            )
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        connection.execute(
            f"INSERT INTO conferences ({names}) VALUES ({marks})", list(values.values())
        )
    return dump(path)


def dump(path: Path) -> list[str]:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_a_failed_first_upgrade_leaves_no_database_and_the_next_start_works(
    tmp_path, monkeypatch, capsys
):
    data = tmp_path / "data"
    fail_during_migration(monkeypatch)
    assert main_module.main(["--no-browser", "--data-dir", str(data)]) == 2
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert "Không khởi động được Kế hoạch Hội nghị." in out
    assert f"Ổ đĩa chứa thư mục dữ liệu {data} đã đầy." in out
    assert "Dữ liệu mới chưa tạo xong nên đã được xóa" in out
    assert database_files(data) == []
    assert leftovers(data) == []
    monkeypatch.undo()  # space freed
    fresh_data(data)
    assert dump(data / "kehoach.sqlite3")  # a whole database, at the newest revision
    assert _revision(data) == operations.known_revisions()[-1]


def _revision(data: Path) -> str:
    import sqlite3

    with sqlite3.connect(data / "kehoach.sqlite3") as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


@pytest.mark.parametrize("copy_fails", [False, True])
def test_a_failed_upgrade_of_existing_data_puts_it_back_as_it_was(
    tmp_path, monkeypatch, capsys, copy_fails
):
    data = tmp_path / "data"
    before = old_data(data)
    fail_during_migration(monkeypatch)
    if copy_fails:  # even the copy of the backup does not fit: the backup itself is moved
        import shutil

        def copyfile(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(shutil, "copyfile", copyfile)
    assert main_module.main(["--no-browser", "--data-dir", str(data)]) == 2
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert "đã đầy" in out
    assert "dữ liệu đã được đưa về như trước khi thử nâng cấp; không mất gì." in out
    assert database_files(data) == ["kehoach.sqlite3"]  # no -wal of the half-upgraded file
    assert dump(data / "kehoach.sqlite3") == before
    assert _revision(data) == "0006"
    assert leftovers(data) == []
    reasons = [b.reason for b in operations.list_backups(data)]
    assert reasons == ([] if copy_fails else ["truoc-nang-cap"])
    monkeypatch.undo()  # space freed: the next start upgrades, the conference kept
    fresh_data(data)
    assert _revision(data) == operations.known_revisions()[-1]
    import sqlite3

    with sqlite3.connect(data / "kehoach.sqlite3") as connection:
        assert connection.execute("SELECT title FROM conferences").fetchall() == [
            ("Hội nghị tổng kết năm 2025",)
        ]


@pytest.mark.skipif(not _can_mount(), reason="a real full disk needs a tmpfs (root)")
def test_a_first_start_on_a_really_full_disk_leaves_nothing_that_blocks_the_next(tmp_path):
    with tmpfs("400k") as point:
        data = point / "d"
        result = start(data)
        assert_said_and_stopped(result, "đã đầy", "Dữ liệu mới chưa tạo xong nên đã được xóa")
        assert database_files(data) == []
        subprocess.run(["mount", "-o", "remount,size=64m", str(point)], check=True)
        fresh_data(data)  # no "table award_forms already exists"
        assert _revision(data) == operations.known_revisions()[-1]
