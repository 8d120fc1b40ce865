"""LAN mode (opt-in): colleagues in the office open the app from their own computers, each with
a named account and a role.

Off by default — the server then binds 127.0.0.1 only and no one logs in (every change is the
machine's owner's, "Chủ máy"). `python -m kehoach_app --lan` asks for the owner's password at
start, binds every interface, accepts the machine's own names and addresses as Host, and every
page says the app is open on the network.

What an office can trust (issue 18): the owner is quản trị (account "chumay", password asked at
every start — a new one ends the owner's older sessions); colleagues get accounts on the
Tài khoản page with a role (xem: reads only, every POST refused; nhập liệu: edits conferences;
quản trị: also accounts, backups and restore). A session holds its account's generation, so a
password change or a removed account ends it; idle sessions expire after LAN_IDLE_MINUTES.
Failed logins lock that account and that address for a while, refusing at once (nothing sleeps,
so no one else waits). `next` after a login only leads to a page of this site.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import time

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from .accounts import logic
from .accounts.logic import ADMIN, EDITOR, VIEWER, LoginThrottle, may, safe_next

bp = Blueprint("lan", __name__)

LAN_IDLE_MINUTES = 30
MIN_PASSWORD_LENGTH = logic.MIN_PASSWORD_LENGTH
_OPEN_ENDPOINTS = {"lan.login", "static", "system.ping"}
# What every logged-in account may post, whatever its role.
_ANY_ACCOUNT = {"lan.logout", "lan.own_password"}
_ADMIN_PARTS = {"backups", "accounts"}
_READING = {"GET", "HEAD", "OPTIONS"}
_RESTORES = {"backups.restore", "backups.restore_upload"}
THROTTLE = "kehoach_login_throttle"

# Private addresses to "connect" a UDP socket to: connect() on UDP only picks the route and the
# source address, it sends nothing; no packet leaves the machine to find its own address.
_ROUTE_PROBES = ("10.254.254.254", "172.31.254.254", "192.168.254.254")


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on its networks (not loopback), found without sending."""
    found: set[str] = set()
    for name in {socket.gethostname(), socket.getfqdn()}:
        try:
            found.update(i[4][0] for i in socket.getaddrinfo(name, None, socket.AF_INET))
        except OSError:
            pass
    found.update(_interface_addresses())
    for probe in _ROUTE_PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                found.add(udp.getsockname()[0])
        except OSError:
            pass
    usable = []
    for text in found:
        try:
            address = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if not (address.is_loopback or address.is_unspecified):
            usable.append(address)
    return [str(a) for a in sorted(usable)]


def _interface_addresses() -> list[str]:
    """Every interface's IPv4 address on Linux (an ioctl, no traffic); elsewhere the host name
    already resolves to all of them (Windows) or the route probes find the main one."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl
    import struct

    siocgifaddr = 0x8915
    addresses = []
    try:
        interfaces = socket.if_nameindex()
    except OSError:
        return []
    for _index, name in interfaces:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                packed = fcntl.ioctl(
                    udp.fileno(), siocgifaddr, struct.pack("256s", name.encode()[:15])
                )
            addresses.append(socket.inet_ntoa(packed[20:24]))
        except OSError:  # an interface without an IPv4 address
            pass
    return addresses


def machine_addresses() -> list[str]:
    """The names and addresses this machine answers to (Host headers accepted in LAN mode)."""
    names = {"127.0.0.1", "localhost"}
    try:
        for name in (socket.gethostname(), socket.getfqdn()):
            if name:
                names.update({name, name.lower()})
    except OSError:
        pass
    names.update(lan_addresses())
    return sorted(names)


def lan_config(password: str, extra_hosts: list[str] | None = None) -> dict:
    """The settings that switch LAN mode on; `password` is the owner's (account "chumay")."""
    problem = logic.password_problem(password)
    if problem:
        raise ValueError(problem)
    return {
        "LAN_MODE": True,
        # Taken out of the settings at start (init_app), once the owner's account holds its hash.
        "LAN_OWNER_PASSWORD": password,
        "TRUSTED_HOSTS": [*machine_addresses(), *(extra_hosts or [])],
    }


def current_author() -> str:
    """Who is making the change: the logged-in account's name, or the machine's owner."""
    try:
        return g.get("author") or logic.OWNER_NAME
    except RuntimeError:  # no app context (a command line run)
        return logic.OWNER_NAME


def needed_role(endpoint: str, method: str) -> str:
    """The least role that may use `endpoint` with `method`."""
    if endpoint in _ANY_ACCOUNT:
        return VIEWER
    if endpoint.partition(".")[0] in _ADMIN_PARTS:
        return ADMIN
    return VIEWER if method in _READING else EDITOR


_REFUSALS = {
    ADMIN: "Chỉ tài khoản có quyền quản trị mới được sao lưu, tải về, khôi phục dữ liệu và "
    "quản lý tài khoản. Hãy nhờ chủ máy làm việc này.",
    EDITOR: "Tài khoản của bạn chỉ có quyền xem nên không sửa được dữ liệu. Nếu cần sửa, hãy "
    "nhờ người quản trị đổi quyền cho bạn.",
}


def init_app(app: Flask) -> None:
    from .accounts.views import bp as accounts_bp

    app.register_blueprint(bp)
    app.register_blueprint(accounts_bp)
    # Lax, in both modes: the cookie goes with a link followed from elsewhere (a bookmark, a
    # link in a message) but never with a form posted from another site.
    if not app.config.get("SESSION_COOKIE_SAMESITE"):
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.extensions[THROTTLE] = LoginThrottle()
    if app.config.get("LAN_MODE"):
        _prepare_owner(app)

    @app.before_request
    def require_login():
        if not app.config.get("LAN_MODE"):
            return None
        if request.routing_exception is not None:  # a refused Host or an unknown page
            return None
        if request.endpoint in _OPEN_ENDPOINTS:
            return None
        account = _session_account()
        if account is None:
            return redirect(url_for("lan.login", next=request.full_path.rstrip("?")))
        g.account = account
        g.author = account.display_name
        needed = needed_role(request.endpoint or "", request.method)
        if not may(account.role, needed):
            return render_template(
                "error.html",
                code=403,
                heading="Không có quyền",
                message=f"{_REFUSALS[needed]} Dữ liệu chưa được thay đổi.",
            ), 403
        return None

    @app.after_request
    def owner_after_restore(response):
        """A restore brings back the accounts of the backup; the owner's stays as this start
        made it (a backup from before LAN mode has none)."""
        if (
            app.config.get("LAN_MODE")
            and request.method == "POST"
            and request.endpoint in _RESTORES
        ):
            from .accounts import operations
            from .db import db

            operations.keep_owner(app.config["LAN_OWNER_HASH"])
            db.session.commit()
        return response

    @app.context_processor
    def lan_banner():
        account = g.get("account")
        return {
            "lan_mode": bool(app.config.get("LAN_MODE")),
            "lan_account": account,
            "lan_role": logic.ROLES.get(account.role, "") if account else "",
            "lan_admin": bool(account and may(account.role, ADMIN)),
        }


def _prepare_owner(app: Flask) -> None:
    """The owner's account from the password asked at start; only its hash is kept."""
    from .accounts import operations
    from .db import db

    password = app.config.pop("LAN_OWNER_PASSWORD", None)
    with app.app_context():
        if password is not None:
            app.config["LAN_OWNER_HASH"] = operations.ensure_owner(password)
        else:  # settings made by hand: the owner's account must exist already
            owner = operations.owner()
            if owner is None:
                raise ValueError("Chế độ mạng nội bộ cần mật khẩu của chủ máy.")
            app.config["LAN_OWNER_HASH"] = owner.password_hash
        db.session.commit()
        db.session.remove()


def _session_account():
    """The account of this session, or None (and the session cleared, the reason flashed)."""
    from .accounts.models import Account
    from .db import db

    account_id = session.get("lan_account")
    if account_id is None:
        session.clear()
        return None
    now = time.time()
    last = session.get("lan_seen")
    account = db.session.get(Account, account_id) if isinstance(account_id, int) else None
    if account is None or account.username != session.get("lan_user"):
        reason = "Tài khoản này không còn; hãy đăng nhập bằng tài khoản khác."
        account = None
    elif account.session_generation != session.get("lan_gen"):
        reason = "Mật khẩu đã được đổi; hãy đăng nhập lại."
        account = None
    elif not isinstance(last, (int, float)) or now - last > LAN_IDLE_MINUTES * 60:
        reason = "Phiên làm việc đã hết hạn; hãy đăng nhập lại."
        account = None
    if account is None:
        session.clear()
        flash({"text": reason}, "info")
        return None
    session["lan_seen"] = now
    return account


def _address() -> str:
    return request.remote_addr or "?"


def _from_this_machine() -> bool:
    try:
        return ipaddress.ip_address(_address()).is_loopback
    except ValueError:
        return False


def _minutes(seconds: float) -> int:
    return max(1, int(seconds + 59) // 60)


@bp.route("/dang-nhap", methods=["GET", "POST"])
def login():
    if not current_app.config.get("LAN_MODE"):
        return redirect(url_for("conferences.index"))
    from .accounts import operations

    error, status = "", 200
    username = ""
    if request.method == "POST":
        username = logic.normalise_username(request.form.get("username", ""))
        password = request.form.get("password", "")
        throttle: LoginThrottle = current_app.extensions[THROTTLE]
        wait = throttle.wait_seconds(username, _address(), _from_this_machine())
        if wait:
            error, status = _locked_message(wait), 429
        else:
            account = operations.authenticate(username, password)
            if account is not None:
                throttle.succeeded(username, _address())
                session.clear()
                session["lan_account"] = account.id
                session["lan_user"] = account.username
                session["lan_gen"] = account.session_generation
                session["lan_seen"] = time.time()
                return redirect(safe_next(request.args.get("next")) or url_for("conferences.index"))
            throttle.failed(username, _address())
            wait = throttle.wait_seconds(username, _address(), _from_this_machine())
            error, status = "Tên đăng nhập hoặc mật khẩu không đúng.", 401
            if wait:
                error, status = f"{error} {_locked_message(wait)}", 429
    response = current_app.make_response(
        (render_template("lan/login.html", error=error, username=username), status)
    )
    if status == 429:
        response.headers["Retry-After"] = str(int(wait) + 1)
    return response


def _locked_message(seconds: float) -> str:
    return (
        "Đã đăng nhập sai quá nhiều lần nên tạm khóa đăng nhập; hãy thử lại sau "
        f"{_minutes(seconds)} phút (hoặc nhờ người quản trị đặt lại mật khẩu)."
    )


@bp.post("/dang-xuat")
def logout():
    """End this account's sessions: the cookie is signed, not stored, so a copy of it taken
    before (another tab, another machine) would otherwise still work after "Đăng xuất"."""
    account = g.get("account")
    if account is not None:
        from .accounts import operations
        from .db import db

        account.session_generation = operations.new_generation()
        db.session.commit()
    session.clear()
    if current_app.config.get("LAN_MODE"):
        flash({"text": "Đã đăng xuất."}, "success")
        return redirect(url_for("lan.login"))
    return redirect(url_for("conferences.index"))


@bp.route("/doi-mat-khau", methods=["GET", "POST"])
def own_password():
    """Each colleague changes their own password (the owner's is the one asked at start)."""
    from .accounts import operations
    from .accounts.forms import OwnPasswordForm
    from .db import db

    account = g.get("account")
    if account is None:
        return redirect(url_for("conferences.index"))
    form = OwnPasswordForm()
    if account.is_owner:
        form = None
    elif form.validate_on_submit():
        if operations.authenticate(account.username, form.current.data) is None:
            form.current.errors = [*form.current.errors, "Mật khẩu hiện tại không đúng."]
        else:
            operations.set_password(account, form.password.data)
            db.session.commit()
            # Every other session of this account ends; this one goes on.
            session["lan_gen"] = account.session_generation
            flash(
                {"text": "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."},
                "success",
            )
            return redirect(url_for("conferences.index"))
    status = 422 if form is not None and form.is_submitted() else 200
    return render_template("lan/password.html", form=form, account=account), status


def lan_console_lines(addresses: list[str], port: int) -> list[str]:
    """What the console says at a LAN start: where colleagues open the app, and how to log in."""
    lines = ["  CHÚ Ý: đang mở trên mạng nội bộ — máy khác vào bằng:"]
    if addresses:
        lines += [f"    http://{address}:{port}/" for address in addresses]
    else:
        lines.append(
            "    (chưa thấy địa chỉ mạng nội bộ nào của máy này: hãy kiểm tra dây mạng hoặc "
            "Wi-Fi rồi khởi động lại)"
        )
    lines.append(
        f"  Chủ máy đăng nhập bằng tên {logic.OWNER_USERNAME} và mật khẩu vừa đặt; tài khoản "
        "cho đồng nghiệp tạo ở trang Tài khoản."
    )
    return lines
