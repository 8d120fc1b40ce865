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


def test_retention_keeps_ten_of_a_kind_one_a_day_for_30_days_one_a_month_for_two_years():
    now = dt.datetime(2026, 11, 30, 12, 0)
    # one start-up backup every 2 days, for three years back
    backups = [
        BackupFile(f"b{i:04d}", now - dt.timedelta(days=2 * i, hours=1), "khoi-dong")
        for i in range(550)
    ]
    deleted = set(backups_to_delete(backups, now=now))
    kept = sorted((b for b in backups if b.name not in deleted), key=lambda b: b.made_at)
    # 30 days back from 30/11: 01/11 … 30/11, one backup every 2 days → 15 days with one;
    # the 10 newest are among them. Months: 12/2024 … 11/2026 (24), of which 11/2026 is
    # already kept by the daily rule → 15 + 23 = 38 kept.
    assert len(kept) == 38
    assert all(b.name not in deleted for b in backups[:15])
    months = {(b.made_at.year, b.made_at.month) for b in kept}
    assert len(months) == 24 and min(months) == (2024, 12)
    # the one kept of a month is its newest: October 2026's is 31/10 … not a backup day → 30/10?
    october = [b for b in kept if (b.made_at.year, b.made_at.month) == (2026, 10)]
    assert len(october) == 1
    assert october[0].made_at == max(
        b.made_at for b in backups if (b.made_at.year, b.made_at.month) == (2026, 10)
    )


def test_a_burst_of_one_kind_cannot_flush_the_others():
    now = dt.datetime(2026, 11, 21, 10, 0)
    earlier = [
        BackupFile(f"start{i}", now - dt.timedelta(days=i, hours=2), "khoi-dong")
        for i in range(1, 6)
    ] + [BackupFile("manual", now - dt.timedelta(days=40), "thu-cong")]
    # the attack of issue 18: twenty imports in two minutes
    burst = [
        BackupFile(f"import{i:02d}", now - dt.timedelta(seconds=6 * i), "truoc-nhap")
        for i in range(20)
    ]
    deleted = set(backups_to_delete(earlier + burst, now=now))
    assert not deleted & {b.name for b in earlier}  # every earlier backup survives
    # of the burst: its newest 10 (the daily and monthly ones are among them)
    assert deleted == {f"import{i:02d}" for i in range(10, 20)}


def test_the_size_budget_drops_the_oldest_but_never_a_kinds_newest():
    now = dt.datetime(2026, 11, 21, 10, 0)
    backups = [
        BackupFile(f"s{i}", now - dt.timedelta(days=i), "khoi-dong", size=100) for i in range(5)
    ] + [BackupFile("m", now - dt.timedelta(days=300), "thu-cong", size=100)]
    deleted = backups_to_delete(backups, now=now, size_budget=300)
    # 600 bytes kept by the rules; the oldest go first until 300 remain, except "m", the
    # only (newest) manual backup
    assert set(deleted) == {"s4", "s3", "s2"}


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
