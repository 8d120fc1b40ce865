"""Small endpoints about the program itself (not about a conference)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flask import Blueprint, current_app, jsonify

bp = Blueprint("system", __name__)

# The answer an earlier copy of the app gives on its port, so a second start can recognise it
# and open the browser there instead of failing (Fava issue #1734 taught this).
APP_SIGNATURE = "kehoach_app"


def data_dir_fingerprint(data_dir: str | os.PathLike) -> str:
    """A digest of the data folder's absolute path: enough for a second start to recognise a
    copy serving the same folder, without telling anyone on the network where it is (issue 18:
    the ping, open without a login in LAN mode, gave the path — and the user's name in it)."""
    path = str(Path(data_dir).resolve())
    return hashlib.sha256(("kehoach-data-dir:" + path).encode("utf-8")).hexdigest()[:32]


@bp.get("/__kehoach__/ping")
def ping():
    from . import __version__

    return jsonify(
        app=APP_SIGNATURE,
        version=__version__,
        data_dir_id=data_dir_fingerprint(current_app.config["DATA_DIR"]),
    )
