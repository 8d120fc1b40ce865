"""Small endpoints about the program itself (not about a conference)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

bp = Blueprint("system", __name__)

# The answer an earlier copy of the app gives on its port, so a second start can recognise it
# and open the browser there instead of failing (Fava issue #1734 taught this).
APP_SIGNATURE = "kehoach_app"


@bp.get("/__kehoach__/ping")
def ping():
    from . import __version__

    return jsonify(app=APP_SIGNATURE, version=__version__, data_dir=current_app.config["DATA_DIR"])
