"""LAN mode (opt-in): a second laptop in the office may open the app, with a password.

Off by default — the server then binds 127.0.0.1 only. `python -m kehoach_app --lan` asks for a
password at start, binds every interface, accepts the machine's own addresses as Host, and every
page says the app is open on the network. Sessions expire after LAN_IDLE_MINUTES without use.
"""

from __future__ import annotations

import socket
import time

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.security import check_password_hash, generate_password_hash

bp = Blueprint("lan", __name__)

LAN_IDLE_MINUTES = 30
MIN_PASSWORD_LENGTH = 8
_OPEN_ENDPOINTS = {"lan.login", "static", "system.ping"}


def machine_addresses() -> list[str]:
    """This machine's IPv4 addresses as names resolve them (no packet leaves the machine)."""
    names = {"127.0.0.1", "localhost"}
    try:
        hostname = socket.gethostname()
        names.add(hostname)
        names.update(socket.gethostbyname_ex(hostname)[2])
    except OSError:
        pass
    return sorted(names)


def lan_config(password: str, extra_hosts: list[str] | None = None) -> dict:
    """The settings that switch LAN mode on."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    return {
        "LAN_MODE": True,
        "LAN_PASSWORD_HASH": generate_password_hash(password),
        "TRUSTED_HOSTS": [*machine_addresses(), *(extra_hosts or [])],
        "SESSION_COOKIE_SAMESITE": "Strict",
    }


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.before_request
    def require_login():
        if not app.config.get("LAN_MODE"):
            return None
        if request.routing_exception is not None:  # a refused Host or an unknown page
            return None
        if request.endpoint in _OPEN_ENDPOINTS:
            return None
        now = time.time()
        last = session.get("lan_seen")
        if not session.get("lan_ok") or last is None or now - last > LAN_IDLE_MINUTES * 60:
            expired = bool(session.get("lan_ok"))
            session.clear()
            if expired:
                flash({"text": "Phiên làm việc đã hết hạn; hãy đăng nhập lại."}, "info")
            return redirect(url_for("lan.login", next=request.full_path))
        session["lan_seen"] = now
        return None

    @app.context_processor
    def lan_banner():
        return {"lan_mode": bool(app.config.get("LAN_MODE"))}


@bp.route("/dang-nhap", methods=["GET", "POST"])
def login():
    if not current_app.config.get("LAN_MODE"):
        return redirect(url_for("conferences.index"))
    error = ""
    if request.method == "POST":
        password = request.form.get("password", "")
        if check_password_hash(current_app.config["LAN_PASSWORD_HASH"], password):
            session.clear()
            session["lan_ok"] = True
            session["lan_seen"] = time.time()
            target = request.args.get("next", "")
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("conferences.index")
            return redirect(target)
        time.sleep(0.5)  # slows guessing
        error = "Mật khẩu không đúng."
    return render_template("lan/login.html", error=error), (401 if error else 200)
