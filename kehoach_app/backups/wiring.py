"""The wiring of the backups (sao lưu): its pages' addresses, bound to its views by name and loaded
at their first request, and its registrations (kehoach_app/wiring.py).
"""

from __future__ import annotations

from flask import Blueprint

from ..wiring import FORM, POST, add_routes, route

bp = Blueprint("backups", __name__)
VIEWS = "kehoach_app.backups.views"

add_routes(
    bp,
    VIEWS,
    (
        route("/sao-luu", "index"),
        route("/sao-luu/ngay", "backup_now", POST),
        route("/sao-luu/tep/<name>", "download"),
        route("/sao-luu/tep/<name>/khoi-phuc", "restore", FORM),
        route("/sao-luu/tai-len", "restore_upload", POST),
    ),
)


def register() -> None:
    """The backups have no registrations: they keep the whole data folder, not a part."""
