"""Kế hoạch Hội nghị — plan a Hội nghị tổng kết thi đua, khen thưởng, offline, on one laptop.

create_app() wires configuration, the database, security, blueprints and the command line; the
parts of a conference live in their own packages (conferences/, later agenda/, delegates/, …).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

from flask import Flask, Response, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.routing import IntegerConverter

from .config import build_config, prepare_data_dir, resolve_data_dir, resource_root

__version__ = "0.1.0"

csrf = CSRFProtect()


def create_app(settings: dict | None = None, data_dir: str | os.PathLike | None = None) -> Flask:
    """Build the app on a data folder (created if missing) and bring its database up to date.

    `settings` override the defaults (tests, LAN mode); `data_dir` overrides where data lives.
    """
    root = resource_root()
    app = Flask(
        __name__,
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
    )
    folder = resolve_data_dir(data_dir or (settings or {}).get("DATA_DIR"))
    prepare_data_dir(folder)  # StartupError (Vietnamese) for a read-only or broken path
    app.config.from_mapping(build_config(folder))
    if settings:
        app.config.update(settings)
    app.config["DATA_DIR"] = str(folder)
    # What the start could not do but did not stop for (a full disk at the start-up backup):
    # printed by __main__ and shown once on the first page.
    app.config["STARTUP_WARNINGS"] = []

    _setup_logging(app)
    _setup_database(app)
    _setup_security(app)
    _setup_templates(app)
    _setup_blueprints(app)
    _setup_lan(app)
    _setup_cli(app)
    return app


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOG_FILE = "kehoach.log"


class _DataFolderLog(logging.Handler):
    """Errors the app logs — Flask logs every unexpected exception of a request with its
    traceback — appended to kehoach.log in the data folder of the app that met them.

    One handler serves every app of the process (tests make many, each on its own folder): the
    folder is the current app's. The file is opened per record (errors are rare), so nothing
    stays open on it and a full disk loses only the record, never the page.
    """

    def emit(self, record: logging.LogRecord) -> None:
        from flask import current_app, has_app_context

        if not has_app_context():
            return
        try:
            text = self.format(record)
            with open(
                Path(current_app.config["DATA_DIR"]) / LOG_FILE, "a", encoding="utf-8"
            ) as log:
                log.write(text + "\n")
        except Exception:  # noqa: BLE001 — logging must never turn an error page into another
            pass


def _setup_logging(app: Flask) -> None:
    if not any(isinstance(h, _DataFolderLog) for h in app.logger.handlers):
        handler = _DataFolderLog(logging.ERROR)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        app.logger.addHandler(handler)


def log_path(app: Flask) -> Path:
    """kehoach.log in the app's data folder: the 500 page and the console name it."""
    return Path(app.config["DATA_DIR"]) / LOG_FILE


def _setup_database(app: Flask) -> None:
    from .db import db

    db.init_app(app)
    if _migration_commands_wanted():
        _register_migrate(app)
    if app.config.get("AUTO_MIGRATE", True):
        current, head = _schema_revisions(app)
        db_path = Path(app.config["DATA_DIR"]) / "kehoach.sqlite3"
        new = not db_path.exists() or db_path.stat().st_size == 0  # nothing of value in it
        backup = _backup_at_start(app, current, head)
        if current != head:
            try:
                upgrade_database(app)
            except (Exception, SystemExit, KeyboardInterrupt) as error:
                failure = _undo_failed_upgrade(app, new, backup, error)
                if isinstance(error, KeyboardInterrupt):
                    raise
                raise failure from error


def _migration_commands_wanted() -> bool:
    """`flask --app kehoach_app db …` (developers): only then is Flask-Migrate's CLI loaded, so
    an ordinary start does not pay for importing Alembic when the schema is up to date."""
    return Path(sys.argv[0]).stem == "flask" and "db" in sys.argv[1:]


def _register_migrate(app: Flask) -> None:
    from flask_migrate import Migrate

    from .db import db

    if "migrate" not in app.extensions:
        Migrate(app, db, directory=str(MIGRATIONS), render_as_batch=True)


def upgrade_database(app: Flask) -> None:
    """Bring the database to the newest schema (Alembic), e.g. at start or after a restore."""
    from flask_migrate import upgrade

    _register_migrate(app)
    with app.app_context():
        upgrade(directory=str(MIGRATIONS))


def _schema_revisions(app: Flask) -> tuple[str | None, str]:
    """The database's schema revision (None for a new or foreign file) and the newest one.

    Revision ids are the numbers that start the files' names in migrations/versions/.
    """
    import sqlite3

    head = max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))
    db_path = Path(app.config["DATA_DIR"]) / "kehoach.sqlite3"
    if not db_path.exists():
        return None, head
    try:
        connection = sqlite3.connect(str(db_path))
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        row = None
    return (row[0] if row else None), head


def _undo_failed_upgrade(app: Flask, new: bool, backup: Path | None, error: BaseException):
    """Leave the data folder as it was before a failed upgrade; the StartupError to raise.

    SQLite's DDL through pysqlite commits statement by statement, so a migration that stops
    half-way (a full disk) is not rolled back: the file would hold the tables of later
    migrations at an earlier revision, and every later start would fail on "table … already
    exists" (issue 18). So a NEW database (nothing of value in it) is removed with its -wal and
    -shm, and an EXISTING one is put back from the backup made just before, at this start.
    """
    from .config import StartupError, explain_start_error
    from .db import db

    data_dir = Path(app.config["DATA_DIR"])
    db_path = data_dir / "kehoach.sqlite3"
    _log_failure(data_dir)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # no connection may stay open on the files replaced below
    why = explain_start_error(error, data_dir)
    if new:
        _remove_database_files(db_path, with_main=True)
        return StartupError(
            f"{why} Dữ liệu mới chưa tạo xong nên đã được xóa; lần mở sau chương trình tạo "
            "lại từ đầu."
        )
    try:
        if backup is None:
            raise FileNotFoundError("no backup")
        _put_back(backup, db_path)
    except OSError:
        return StartupError(
            f"{why} Việc nâng cấp dữ liệu chưa xong và chương trình không đưa được dữ liệu về "
            "như trước: khi chương trình đã đóng, hãy xóa các tệp kehoach.sqlite3, "
            "kehoach.sqlite3-wal, kehoach.sqlite3-shm rồi chép bản sao lưu "
            f"{f'“{backup.name}”' if backup else 'trước nâng cấp mới nhất'} trong thư mục sao-luu "
            "vào thư mục dữ liệu với tên kehoach.sqlite3."
        )
    return StartupError(
        f"{why} Việc nâng cấp dữ liệu chưa xong nên dữ liệu đã được đưa về như trước khi thử "
        "nâng cấp; không mất gì."
    )


def _remove_database_files(db_path: Path, with_main: bool) -> None:
    for suffix in ("-wal", "-shm", "-journal", *([""] if with_main else [])):
        try:
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass


def _put_back(backup: Path, db_path: Path) -> None:
    """Replace the database file by the backup while no connection is open (OSError if not).

    The -wal and -shm of the half-upgraded file go first: frames left in its -wal would
    otherwise be replayed onto the file put back. The backup is copied beside the database and
    renamed over it (one atomic step); a disk too full for that copy gets the backup file itself
    renamed into place — the data is the same, and the next start backs it up again.
    """
    import secrets
    import shutil

    _remove_database_files(db_path, with_main=False)
    temporary = backup.with_name(f".dua-ve-{secrets.token_hex(6)}.partial")
    try:
        shutil.copyfile(backup, temporary)
        os.replace(temporary, db_path)
    except OSError:
        temporary.unlink(missing_ok=True)
        os.replace(backup, db_path)


def _log_failure(data_dir: Path) -> None:
    """The details of a failed upgrade go to kehoach.log, for whoever helps (may fail: full)."""
    import traceback

    try:
        with open(data_dir / "kehoach.log", "a", encoding="utf-8") as log:
            traceback.print_exc(file=log)
    except OSError:
        pass


def _backup_at_start(app: Flask, current: str | None, head: str) -> Path | None:
    """A backup at every start; the one before a migration says so (issue 10); its path.

    What an interrupted backup left (`.partial` files and their journals) is removed first. A
    disk too full for the start-up backup does not stop the start — the data is as it was —
    but it is said (issue 18); a migration, though, is never run without its backup.
    """
    from .backups.operations import BackupError, clean_partials, make_backup
    from .config import StartupError

    data_dir = Path(app.config["DATA_DIR"])
    db_path = data_dir / "kehoach.sqlite3"
    clean_partials(data_dir)
    if not db_path.exists():
        return None
    try:
        return make_backup(db_path, data_dir, "khoi-dong" if current == head else "truoc-nang-cap")
    except BackupError as error:
        if current != head:
            raise StartupError(
                f"{error} Dữ liệu cần được nâng cấp cho phiên bản này nhưng chương trình chỉ "
                "nâng cấp sau khi đã sao lưu: hãy giải phóng chỗ trống rồi mở lại chương trình."
            ) from error
        app.config["STARTUP_WARNINGS"].append(
            f"Chưa sao lưu được khi khởi động: {error} Chương trình vẫn chạy với dữ liệu hiện có."
        )
        return None


def _error_page(code: int, heading: str, message: str):
    """A Vietnamese error page; plain text when even the page cannot be drawn (foreign Host)."""
    try:
        html = render_template("error.html", code=code, heading=heading, message=message)
    except Exception:  # noqa: BLE001 — no URL adapter for a refused Host header
        return Response(f"{heading}. {message}", code, mimetype="text/plain")
    return html, code


def _setup_security(app: Flask) -> None:
    csrf.init_app(app)

    @app.before_request
    def strip_control_characters():
        """NUL, vertical tab and the other control characters out of every posted field, before
        any view reads them (issue 18: they made the exports answer 500)."""
        if request.method == "POST" and request.form:
            from .forms import clean_form_data

            cleaned = clean_form_data(request.form)
            if cleaned is not None:
                request.form = cleaned

    @app.before_request
    def startup_warnings():
        """Say once, on the first page shown, what the start could not do (the console may be
        hidden: a windowed build has none)."""
        pending = app.config.get("STARTUP_WARNINGS")
        if (
            pending
            and request.method == "GET"
            and request.endpoint not in (None, "static")
            and not request.path.startswith("/__kehoach__/")  # the program's own ping
        ):
            from flask import flash

            for message in pending:
                flash({"text": message}, "error")
            pending.clear()

    @app.errorhandler(CSRFError)
    def csrf_refused(error):
        return _error_page(
            400,
            "Yêu cầu bị từ chối",
            "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. "
            "Hãy tải lại trang và thử lại; dữ liệu chưa được thay đổi.",
        )

    @app.errorhandler(400)
    def bad_request(error):
        return _error_page(
            400,
            "Yêu cầu không hợp lệ",
            "Trình duyệt gửi một yêu cầu mà chương trình không nhận. Dữ liệu chưa được thay đổi.",
        )

    @app.errorhandler(404)
    def not_found(error):
        return _error_page(
            404,
            "Không tìm thấy trang",
            "Trang hoặc hội nghị này không có (có thể đã bị xóa vĩnh viễn).",
        )

    @app.errorhandler(413)
    def too_large(error):
        limit = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return _error_page(
            413,
            "Tệp quá lớn",
            f"Tệp gửi lên vượt quá {limit} MB. Không có gì được lưu.",
        )

    from .conferences.logic import PrintRefused

    @app.errorhandler(PrintRefused)
    def print_refused(error):
        """A printout that must wait (the invitation before the day is fixed, issue 17): the
        page says why and what to do, nothing is printed."""
        return _error_page(409, "Chưa in được văn bản này", str(error))

    from .backups.operations import BackupError

    @app.errorhandler(BackupError)
    def backup_failed(error):
        """A backup that must come first (before an import, a restore) could not be made —
        most often a full disk: the operation is not done, and the page says why."""
        from .db import db

        db.session.rollback()
        return _error_page(
            507,
            "Không sao lưu được",
            f"{error} Thao tác chưa được thực hiện; dữ liệu chưa thay đổi.",
        )

    @app.errorhandler(500)
    def server_error(error):
        """Flask has logged the traceback (to kehoach.log: _DataFolderLog); the page says where
        it is. In LAN mode only the machine's owner is shown the path (it names their folders)."""
        import ipaddress

        try:
            local = ipaddress.ip_address(request.remote_addr or "").is_loopback
        except ValueError:
            local = False
        if app.config.get("LAN_MODE") and not local:
            where = "tệp kehoach.log trong thư mục dữ liệu trên máy chạy chương trình"
        else:
            where = f"tệp {log_path(app)}"
        return _error_page(
            500,
            "Đã có lỗi trong chương trình",
            "Thao tác chưa hoàn tất và không có gì bị lưu dở. Chi tiết lỗi đã được ghi vào "
            f"{where}. Hãy thử lại; nếu vẫn lỗi, hãy gửi tệp đó cho người hỗ trợ, kèm mô tả "
            "thao tác vừa làm và thời điểm gặp lỗi.",
        )

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'",
        )
        return response


def _setup_templates(app: Flask) -> None:
    from . import vn

    app.jinja_env.filters["money"] = vn.format_money
    app.jinja_env.filters["number"] = vn.format_number
    app.jinja_env.filters["date_short"] = lambda d: vn.format_date_short(d) if d else ""
    app.jinja_env.filters["date_long"] = lambda d: vn.format_date_long(d) if d else ""
    app.jinja_env.filters["weekday"] = lambda d: vn.weekday_name(d) if d else ""
    app.jinja_env.filters["time_short"] = lambda t: vn.format_time_short(t) if t else ""

    @app.context_processor
    def globals_for_templates():
        return {
            "app_version": __version__,
            "today": dt.date.today(),
            "current_path": request.path,
        }


class _RowId(IntegerConverter):
    """<int:…> in addresses: at most SQLite's largest integer, so a huge id is a 404, not an
    overflow error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def _setup_blueprints(app: Flask) -> None:
    app.url_map.converters["int"] = _RowId
    from . import wiring
    from .system import bp as system_bp

    app.register_blueprint(system_bp)
    wiring.wire(app)


def _setup_lan(app: Flask) -> None:
    from . import lan

    lan.init_app(app)


def _setup_cli(app: Flask) -> None:
    from .cli import register_commands

    register_commands(app)
