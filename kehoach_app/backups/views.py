"""The backup page: see backups, make one now, download it, restore one or an uploaded file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from ..db import db
from . import operations
from .logic import REASONS, parse_backup_name

bp = Blueprint("backups", __name__)


def _paths() -> tuple[Path, Path]:
    data_dir = Path(current_app.config["DATA_DIR"])
    return data_dir / "kehoach.sqlite3", data_dir


def backup_before(reason: str) -> Path | None:
    """Back the database up before a risky operation (an import, a restore)."""
    db_path, data_dir = _paths()
    db.session.commit()  # nothing pending may be left out of the backup
    return operations.make_backup(db_path, data_dir, reason)


def _backup_path(name: str) -> Path:
    if parse_backup_name(name) is None or "/" in name or "\\" in name:
        abort(404)
    path = operations.backup_dir(_paths()[1]) / name
    if not path.exists():
        abort(404)
    return path


def _restore(source: Path) -> None:
    """The one path of both restores (from the list, from an uploaded file): the file is checked
    and upgraded on a copy, and only a copy that passed every check replaces the live data."""
    db_path, data_dir = _paths()
    db.session.remove()
    db.engine.dispose()
    try:
        operations.restore_backup(source, db_path, data_dir)
    finally:
        db.engine.dispose()


def index():
    _db_path, data_dir = _paths()
    return render_template(
        "backups/index.html",
        backups=operations.list_backups(data_dir),
        reasons=REASONS,
        folder=operations.backup_dir(data_dir),
    )


def backup_now():
    try:
        path = backup_before("thu-cong")
    except operations.BackupError as error:
        flash({"text": f"Không sao lưu được: {error}"}, "error")
        return redirect(url_for(".index"))
    if path is None:
        flash({"text": "Chưa có dữ liệu để sao lưu."}, "info")
    else:
        flash(
            {
                "text": f"Đã sao lưu: {path.name}. Bấm “Tải về” để chép vào USB.",
            },
            "success",
        )
    return redirect(url_for(".index"))


def download(name: str):
    path = _backup_path(name)
    return send_file(
        path, as_attachment=True, download_name=name, mimetype="application/vnd.sqlite3"
    )


def restore(name: str):
    path = _backup_path(name)
    if request.method == "GET":
        made_at, reason = parse_backup_name(name)
        return render_template(
            "backups/confirm_restore.html",
            name=name,
            made_at=made_at,
            reason=REASONS.get(reason, reason),
        )
    try:
        _restore(path)
    except operations.BackupError as error:
        flash({"text": f"Không khôi phục được: {error} Dữ liệu hiện tại không thay đổi."}, "error")
        return redirect(url_for(".index"))
    flash(
        {
            "text": f"Đã khôi phục dữ liệu từ bản sao lưu {name}. Dữ liệu ngay trước khi "
            "khôi phục cũng đã được sao lưu."
        },
        "success",
    )
    return redirect(url_for("conferences.index"))


def restore_upload():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash({"text": "Hãy chọn tệp sao lưu (.sqlite3) để khôi phục."}, "error")
        return redirect(url_for(".index"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tai-len.sqlite3"
        upload.save(path)
        try:
            _restore(path)
        except operations.BackupError as error:
            flash(
                {"text": f"Không khôi phục được: {error} Dữ liệu hiện tại không thay đổi."}, "error"
            )
            return redirect(url_for(".index"))
    flash(
        {
            "text": "Đã khôi phục dữ liệu từ tệp tải lên. Dữ liệu ngay trước khi khôi phục "
            "cũng đã được sao lưu."
        },
        "success",
    )
    return redirect(url_for("conferences.index"))
