"""Where data lives, the secret key, and the SQLite settings every connection gets."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import text

from kehoach_app import config, create_app
from kehoach_app.db import db


def test_data_dir_order_option_then_environment_then_default(monkeypatch, tmp_path):
    monkeypatch.setenv("KEHOACH_DATA_DIR", str(tmp_path / "env"))
    assert config.resolve_data_dir(tmp_path / "option") == (tmp_path / "option").resolve()
    assert config.resolve_data_dir() == (tmp_path / "env").resolve()
    monkeypatch.delenv("KEHOACH_DATA_DIR")
    assert config.resolve_data_dir() == config.resource_root() / "instance"


def test_frozen_program_keeps_data_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("KEHOACH_DATA_DIR", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    folder = config.default_data_dir()
    assert folder.name == "KeHoachHoiNghi"
    assert not str(folder).startswith(str(tmp_path / "bundle"))
    assert config.resource_root() == Path(tmp_path / "bundle")


def test_secret_key_is_made_once_per_install(tmp_path):
    first = config.load_secret_key(tmp_path)
    assert len(first) == 64
    assert config.load_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").read_text(encoding="utf-8") == first


def test_sqlite_settings_and_migrations_at_start(app):
    with app.app_context():
        connection = db.session.connection()
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10000
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    settings = Config()
    settings.set_main_option(
        "script_location", str(config.resource_root() / "kehoach_app" / "migrations")
    )
    assert version == ScriptDirectory.from_config(settings).get_current_head()


def test_a_second_start_on_the_same_data_keeps_the_data(tmp_path):
    first = create_app({"TESTING": True}, data_dir=tmp_path)
    with first.app_context():
        from kehoach_app.demo import create_demo_conference

        create_demo_conference()
        db.session.commit()
        db.engine.dispose()
    second = create_app({"TESTING": True}, data_dir=tmp_path)
    with second.app_context():
        from kehoach_app.conferences.models import Conference

        assert db.session.query(Conference).count() == 1
        db.engine.dispose()


def test_start_errors_are_explained_in_vietnamese(tmp_path):
    import errno
    import sqlite3

    from sqlalchemy.exc import OperationalError

    full = OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
    assert "đã đầy" in config.explain_start_error(full, tmp_path)
    assert "đã đầy" in config.explain_start_error(OSError(errno.ENOSPC, "full"), tmp_path)
    read_only = OSError(errno.EROFS, "Read-only file system")
    assert "Không ghi được vào thư mục dữ liệu" in config.explain_start_error(read_only, tmp_path)
    assert "tệp trùng tên" in config.explain_start_error(NotADirectoryError(), tmp_path)
    other = config.explain_start_error(RuntimeError("x"), tmp_path)
    assert "kehoach.log" in other


def test_prepare_data_dir_leaves_no_probe_and_refuses_a_file(tmp_path):
    import pytest

    config.prepare_data_dir(tmp_path / "data")
    assert list((tmp_path / "data").iterdir()) == []
    (tmp_path / "tep").write_text("x")
    with pytest.raises(config.StartupError, match="tệp trùng tên"):
        config.prepare_data_dir(tmp_path / "tep" / "data")
