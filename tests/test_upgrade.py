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


def test_award_items_written_before_0007_become_the_ceremony_placeholders(tmp_path):
    """A programme written before it followed the ceremony: its award items (and a break
    between two of them) become placeholders, so the ceremony's items replace them and the
    awards are not listed twice."""
    import importlib.util

    from sqlalchemy import select, text

    from kehoach_app import MIGRATIONS
    from kehoach_app.agenda.models import AgendaItem
    from kehoach_app.awards import operations as awards
    from kehoach_app.demo import create_demo_conference

    data = tmp_path / "data"
    data.mkdir()
    app = create_app({"TESTING": True}, data_dir=data)
    with app.app_context():
        conference_id = create_demo_conference().id
        db.session.commit()
        kinds_before = (
            db.session.execute(
                select(AgendaItem.kind)
                .where(AgendaItem.conference_id == conference_id)
                .order_by(AgendaItem.position)
            )
            .scalars()
            .all()
        )
        # As the release before 0007 left it: no item knows it belongs to the ceremony.
        db.session.execute(text("UPDATE agenda_items SET derived_key = NULL"))
        path = next((MIGRATIONS / "versions").glob("0007_*.py"))
        spec = importlib.util.spec_from_file_location("migration_0007", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration._mark_award_placeholders(db.session.connection())
        rows = db.session.execute(
            text(
                "SELECT kind, derived_key FROM agenda_items WHERE conference_id = :id "
                "ORDER BY position"
            ),
            {"id": conference_id},
        ).fetchall()
        assert [row.kind for row in rows] == kinds_before
        award_rows = [row for row in rows if row.kind == "trao_thuong"]
        assert award_rows and all(row.derived_key == "awards:placeholder" for row in award_rows)
        others = [row for row in rows if row.kind not in ("trao_thuong", "nghi_giai_lao")]
        assert all(row.derived_key is None for row in others)
        # The next change to the awards puts the ceremony's own items in their place, once.
        conference = db.session.get(Conference, conference_id)
        awards.sync_programme(conference)
        db.session.commit()
        keys = (
            db.session.execute(
                select(AgendaItem.derived_key).where(AgendaItem.conference_id == conference_id)
            )
            .scalars()
            .all()
        )
        assert "awards:placeholder" not in keys
        award_keys = [k for k in keys if k and k.startswith("awards:") and ":break:" not in k]
        assert len(award_keys) == len(set(award_keys)) >= 1
        db.engine.dispose()
