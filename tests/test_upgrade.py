"""Upgrades: a database made by the first schema comes up to the current one, every row intact."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from kehoach_app import create_app
from kehoach_app.backups import operations
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db

FIXTURE = Path(__file__).parent / "fixtures" / "schema-0001.sqlite3"


def test_first_schema_upgrades_with_every_row_intact(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURE, data / "kehoach.sqlite3")
    app = create_app({"TESTING": True}, data_dir=data)
    with app.app_context():
        first = db.session.get(Conference, 1)
        assert first.title.startswith("Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025")
        assert first.date == dt.date(2026, 1, 16)
        assert first.start_time == dt.time(7, 30)
        assert first.notes == "Ghi chú & <ký tự đặc biệt>"
        assert first.purposes == "Tổng kết năm 2025.\nPhát động năm 2026."
        assert first.version == 3
        assert len(first.revisions) == 1
        second = db.session.get(Conference, 2)
        assert second.deleted_at == dt.datetime(2025, 6, 1, 10, 0)
        assert second.kind == "dai_hoi" and second.planned_delegates == 350
        db.engine.dispose()
    reasons = [b.reason for b in operations.list_backups(data)]
    assert reasons == ["truoc-nang-cap"]  # the file as it was before the upgrade is kept


def test_the_upgraded_database_works_in_the_app(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURE, data / "kehoach.sqlite3")
    app = create_app({"TESTING": True}, data_dir=data)
    client = app.test_client()
    assert "Hội nghị tổng kết công tác thi đua" in client.get("/").get_data(as_text=True)
    assert client.get("/hoi-nghi/1").status_code == 200
    assert client.get("/hoi-nghi/1/in/thong-tin-hoi-nghi.pdf").data.startswith(b"%PDF")
    with app.app_context():
        db.engine.dispose()


def test_an_undo_step_saved_by_the_first_release_still_works(tmp_path):
    from tests.conftest import post

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURE, data / "kehoach.sqlite3")
    app = create_app({"TESTING": True}, data_dir=data)
    client = app.test_client()
    post(client, "/hoi-nghi/1/hoan-tac", page="/hoi-nghi/1")
    with app.app_context():
        assert (
            db.session.get(Conference, 1).title == "Hội nghị tổng kết năm 2025 (tên trước khi sửa)"
        )
        db.engine.dispose()
