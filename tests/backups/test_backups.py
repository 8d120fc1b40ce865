"""Backups: retention rule, made at start and before imports, restored from the page or a file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from io import BytesIO
from pathlib import Path

from kehoach_app import create_app
from kehoach_app.backups import operations
from kehoach_app.backups.logic import BackupFile, backup_name, backups_to_delete, parse_backup_name
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from tests.conftest import post


def test_retention_keeps_twenty_latest_and_one_a_month():
    start = dt.datetime(2026, 1, 1, 8, 0)
    backups = [
        BackupFile(f"b{i:03d}", start + dt.timedelta(days=3 * i), "khoi-dong") for i in range(100)
    ]
    deleted = set(backups_to_delete(backups))
    kept = [b for b in backups if b.name not in deleted]
    newest = sorted(backups, key=lambda b: b.made_at)[-20:]
    assert all(b in kept for b in newest)
    # 100 backups every 3 days span 01/2026 … 10/2026: one kept for each month.
    months = {(b.made_at.year, b.made_at.month) for b in backups}
    assert months <= {(b.made_at.year, b.made_at.month) for b in kept}
    # the kept one of a month is its newest: January's is 31/01 (day 30 after 01/01)
    january = [b for b in kept if b.made_at.month == 1]
    assert [b.made_at.day for b in january] == [31]
    months_of_newest = {(b.made_at.year, b.made_at.month) for b in newest}
    assert len(kept) == 20 + len(months - months_of_newest)


def test_names_carry_time_and_reason():
    name = backup_name(dt.datetime(2026, 11, 21, 10, 15, 3), "truoc-nhap")
    assert name == "kehoach-2026-11-21_101503-truoc-nhap.sqlite3"
    assert parse_backup_name(name) == (dt.datetime(2026, 11, 21, 10, 15, 3), "truoc-nhap")
    assert parse_backup_name("../../etc/passwd") is None


def test_a_backup_is_taken_at_each_start(tmp_path):
    data = tmp_path / "data"
    app = create_app({"TESTING": True}, data_dir=data)  # first start: nothing to back up yet
    with app.app_context():
        db.engine.dispose()
    assert operations.list_backups(data) == []
    app = create_app({"TESTING": True}, data_dir=data)
    with app.app_context():
        db.engine.dispose()
    backups = operations.list_backups(data)
    assert len(backups) == 1 and backups[0].reason == "khoi-dong"
    with sqlite3.connect(operations.backup_dir(data) / backups[0].name) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_now_download_and_restore(app, client, demo_id):
    data = Path(app.config["DATA_DIR"])
    post(client, "/sao-luu/ngay", page="/sao-luu")
    manual = [b for b in operations.list_backups(data) if b.reason == "thu-cong"]
    assert len(manual) == 1
    download = client.get(f"/sao-luu/tep/{manual[0].name}")
    assert download.data.startswith(b"SQLite format 3\x00")
    # Change the data, then restore the backup: the demo comes back as it was.
    with app.app_context():
        db.session.get(Conference, demo_id).title = "Đã đổi sau khi sao lưu"
        db.session.commit()
    page = f"/sao-luu/tep/{manual[0].name}/khoi-phuc"
    assert "Khôi phục dữ liệu từ bản sao lưu này?" in client.get(page).get_data(as_text=True)
    post(client, page, page=page)
    with app.app_context():
        assert db.session.get(Conference, demo_id).title != "Đã đổi sau khi sao lưu"
    reasons = [b.reason for b in operations.list_backups(data)]
    assert "truoc-khoi-phuc" in reasons  # the state before the restore is kept too


def test_restore_from_an_uploaded_file_and_refusal_of_garbage(app, client, demo_id):
    data = Path(app.config["DATA_DIR"])
    path = operations.make_backup(data / "kehoach.sqlite3", data, "thu-cong")
    with app.app_context():
        db.session.delete(db.session.get(Conference, demo_id))
        db.session.commit()
    response = post(
        client,
        "/sao-luu/tai-len",
        {"file": (BytesIO(path.read_bytes()), "sao-luu.sqlite3")},
        page="/sao-luu",
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Đã khôi phục dữ liệu từ tệp tải lên" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Conference, demo_id) is not None
    for garbage, message in (
        (b"not a database at all", "không phải SQLite"),
        (b"SQLite format 3\x00" + b"\x00" * 100, "hỏng"),
    ):
        response = post(
            client,
            "/sao-luu/tai-len",
            {"file": (BytesIO(garbage), "x.sqlite3")},
            page="/sao-luu",
            content_type="multipart/form-data",
            follow_redirects=True,
        )
        html = response.get_data(as_text=True)
        assert "Không khôi phục được" in html and message in html
    with app.app_context():
        assert db.session.get(Conference, demo_id) is not None


def test_import_is_preceded_by_a_backup(app, client, demo_id):
    from kehoach_app import transfer

    with app.app_context():
        raw = transfer.dump_json(transfer.export_conference(db.session.get(Conference, demo_id)))
    post(
        client,
        "/nhap-tep",
        {"file": (BytesIO(raw), "x.json")},
        page="/nhap-tep",
        content_type="multipart/form-data",
    )
    reasons = [b.reason for b in operations.list_backups(Path(app.config["DATA_DIR"]))]
    assert "truoc-nhap" in reasons


def test_unknown_backup_names_are_404(client):
    assert client.get("/sao-luu/tep/..%2Fsecret_key").status_code == 404
    assert client.get("/sao-luu/tep/kehoach-2026-01-01_000000-x.sqlite3").status_code == 404
