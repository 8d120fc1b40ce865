"""LAN mode an office can trust (issue 18, item 7): named accounts with roles, logout, sessions
that end, lockout without slowing anyone, backups for quản trị only, a change log with names,
same-origin `next`, a ping without the data path, the machine's LAN addresses.

Each attack of the report is reproduced as it was run and the refusal asserted."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
from flask import Flask

from kehoach_app import create_app, lan
from kehoach_app.accounts.models import Account
from kehoach_app.conferences.models import Conference
from kehoach_app.db import db
from kehoach_app.system import data_dir_fingerprint
from tests.conftest import csrf_token, post

PASSWORD = "mật-khẩu-phòng-nội-vụ"
OWNER = "chumay"
COLLEAGUE_PASSWORD = "lan-nhap-lieu-2026"
LAN_ADDRESS = "192.168.1.20"  # what a colleague's computer is, in REMOTE_ADDR


def make_lan_app(data_dir: Path, password: str = PASSWORD) -> Flask:
    return create_app(
        {"TESTING": True, **lan.lan_config(password, ["may-chu.local"])}, data_dir=data_dir
    )


@pytest.fixture()
def lan_app(tmp_path):
    app = make_lan_app(tmp_path / "data")
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture()
def demo(lan_app):
    with lan_app.app_context():
        from kehoach_app.demo import create_demo_conference

        conference = create_demo_conference()
        db.session.commit()
        return conference.id


def login(client, username: str, password: str, next_: str = "/thung-rac", **kwargs):
    token = csrf_token(client, "/dang-nhap")
    return client.post(
        f"/dang-nhap?next={next_}",
        data={"csrf_token": token, "username": username, "password": password},
        **kwargs,
    )


def owner_client(app):
    client = app.test_client()
    assert login(client, OWNER, PASSWORD).status_code == 302
    return client


def add_account(owner, username: str, role: str, name: str = "Nguyễn Thị Lan"):
    response = post(
        owner,
        "/tai-khoan",
        {
            "username": username,
            "display_name": name,
            "role": role,
            "password": COLLEAGUE_PASSWORD,
        },
        page="/tai-khoan",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def colleague(app, username: str, address: str = LAN_ADDRESS):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    assert login(client, username, COLLEAGUE_PASSWORD).status_code == 302
    return client


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


# --- the mode itself -----------------------------------------------------------------------


def test_off_by_default(client):
    assert client.get("/").status_code == 200
    assert "mạng nội bộ" not in client.get("/").get_data(as_text=True)
    assert client.get("/dang-nhap").status_code == 302


def test_every_page_needs_a_login(lan_app):
    client = lan_app.test_client()
    assert is_login_redirect(client.get("/"))
    bad = login(client, OWNER, "sai mật khẩu")
    assert bad.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in bad.get_data(as_text=True)
    assert is_login_redirect(client.get("/"))
    good = login(client, OWNER, PASSWORD)
    assert good.status_code == 302 and good.headers["Location"] == "/thung-rac"
    html = client.get("/").get_data(as_text=True)
    assert "đang mở trên mạng nội bộ" in html and "Chủ máy" in html and "Đăng xuất" in html


def test_the_owner_account_is_made_at_the_first_lan_start(lan_app):
    with lan_app.app_context():
        owner = db.session.query(Account).one()
        assert (owner.username, owner.display_name, owner.role, owner.is_owner) == (
            OWNER,
            "Chủ máy",
            "quan_tri",
            True,
        )
        assert PASSWORD not in owner.password_hash and owner.password_hash.startswith("scrypt")
    assert "LAN_OWNER_PASSWORD" not in lan_app.config  # only the hash is kept


def test_hosts_of_the_machine_are_accepted_and_others_refused(lan_app):
    client = lan_app.test_client()
    assert client.get("/dang-nhap", headers={"Host": "may-chu.local:8765"}).status_code == 200
    assert client.get("/dang-nhap", headers={"Host": "evil.example"}).status_code == 400


def test_idle_sessions_expire(lan_app, monkeypatch):
    client = owner_client(lan_app)
    assert client.get("/").status_code == 200
    later = time.time() + lan.LAN_IDLE_MINUTES * 60 + 5
    monkeypatch.setattr(time, "time", lambda: later)
    assert is_login_redirect(client.get("/"))


def test_short_passwords_are_refused():
    with pytest.raises(ValueError, match="ít nhất 8 ký tự"):
        lan.lan_config("1234")


# --- logout and sessions that end ----------------------------------------------------------


def test_logout_ends_the_session_and_a_copied_cookie(lan_app):
    """Attack: no logout. A cookie copied before "Đăng xuất" is refused after it too."""
    client = owner_client(lan_app)
    stolen = client.get_cookie("session").value
    response = post(client, "/dang-xuat")
    assert is_login_redirect(response)
    assert is_login_redirect(client.get("/"))
    replay = lan_app.test_client()
    replay.set_cookie("session", stolen)
    assert is_login_redirect(replay.get("/"))


def test_a_cookie_from_before_a_restart_with_a_new_password_is_refused(tmp_path):
    """Attack: a session cookie stayed valid after a restart with a new password."""
    data = tmp_path / "data"
    first = make_lan_app(data)
    cookie = owner_client(first).get_cookie("session").value
    with first.app_context():
        db.engine.dispose()

    same = make_lan_app(data)  # the same password again: the session goes on
    client = same.test_client()
    client.set_cookie("session", cookie)
    assert client.get("/").status_code == 200
    with same.app_context():
        db.engine.dispose()

    changed = make_lan_app(data, "một-mật-khẩu-mới-hẳn")
    client = changed.test_client()
    client.set_cookie("session", cookie)
    response = client.get("/")
    assert is_login_redirect(response)
    assert "Mật khẩu đã được đổi" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert login(changed.test_client(), OWNER, PASSWORD).status_code == 401
    assert login(changed.test_client(), OWNER, "một-mật-khẩu-mới-hẳn").status_code == 302
    with changed.app_context():
        db.engine.dispose()


def test_a_password_reset_or_removal_ends_the_colleagues_sessions(lan_app):
    owner = owner_client(lan_app)
    add_account(owner, "lan.nguyen", "nhap_lieu")
    add_account(owner, "binh.tran", "xem", "Trần Văn Bình")
    lan_session = colleague(lan_app, "lan.nguyen")
    binh_session = colleague(lan_app, "binh.tran")
    assert lan_session.get("/").status_code == 200
    with lan_app.app_context():
        lan_id = db.session.query(Account).filter_by(username="lan.nguyen").one().id
        binh_id = db.session.query(Account).filter_by(username="binh.tran").one().id

    reset = post(
        owner, f"/tai-khoan/{lan_id}/mat-khau", {"password": "mat-khau-moi-9"}, page="/tai-khoan"
    )
    assert reset.status_code == 302
    assert is_login_redirect(lan_session.get("/"))
    assert login(lan_app.test_client(), "lan.nguyen", "mat-khau-moi-9").status_code == 302

    assert binh_session.get("/").status_code == 200
    assert post(owner, f"/tai-khoan/{binh_id}/xoa", page="/tai-khoan").status_code == 302
    assert is_login_redirect(binh_session.get("/"))
    assert login(lan_app.test_client(), "binh.tran", COLLEAGUE_PASSWORD).status_code == 401


def test_a_colleague_changes_their_own_password(lan_app):
    owner = owner_client(lan_app)
    add_account(owner, "lan.nguyen", "xem")
    here, elsewhere = colleague(lan_app, "lan.nguyen"), colleague(lan_app, "lan.nguyen")
    wrong = post(
        here,
        "/doi-mat-khau",
        {"current": "khong-dung-dau", "password": "moi-moi-moi-1", "again": "moi-moi-moi-1"},
        page="/doi-mat-khau",
    )
    assert wrong.status_code == 422 and "Mật khẩu hiện tại không đúng." in wrong.get_data(
        as_text=True
    )
    done = post(
        here,
        "/doi-mat-khau",
        {"current": COLLEAGUE_PASSWORD, "password": "moi-moi-moi-1", "again": "moi-moi-moi-1"},
        page="/doi-mat-khau",
    )
    assert done.status_code == 302
    assert here.get("/").status_code == 200  # this session goes on
    assert is_login_redirect(elsewhere.get("/"))  # the other one ended


# --- roles -----------------------------------------------------------------------------------


def _sample_url(rule) -> str:
    values = {}
    for name, converter in rule._converters.items():
        if type(converter).__name__ in ("_RowId", "IntegerConverter"):
            values[name] = 1
        elif hasattr(converter, "items"):  # <any(…)>: one of its words
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "x"
    return rule.build(values, append_unknown=False)[1]


def test_a_viewer_is_refused_every_post(lan_app, demo):
    """Attack: one shared password gave everyone everything. An account with the role xem is
    refused every state-changing route of the app, with a Vietnamese 403 page."""
    owner = owner_client(lan_app)
    add_account(owner, "binh.tran", "xem", "Trần Văn Bình")
    viewer = colleague(lan_app, "binh.tran")
    token = csrf_token(viewer, f"/hoi-nghi/{demo}")
    allowed = {"lan.login", "lan.logout", "lan.own_password"}
    posted = 0
    for rule in lan_app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint in allowed:
            continue
        url = _sample_url(rule).replace("/hoi-nghi/1", f"/hoi-nghi/{demo}")
        response = viewer.post(url, data={"csrf_token": token})
        assert response.status_code == 403, (rule.endpoint, response.status_code)
        html = response.get_data(as_text=True)
        assert "chỉ có quyền xem" in html or "quyền quản trị" in html, rule.endpoint
        posted += 1
    assert posted > 50  # every part's forms were tried
    with lan_app.app_context():
        conference = db.session.get(Conference, demo)
        assert conference.revisions == [] and conference.deleted_at is None
    assert viewer.get(f"/hoi-nghi/{demo}").status_code == 200  # reading is allowed


def test_an_editor_edits_but_backups_and_accounts_are_for_admins(lan_app, demo):
    """Attack: anyone with the password downloaded and replaced the whole database."""
    owner = owner_client(lan_app)
    assert post(owner, "/sao-luu/ngay", page="/sao-luu").status_code == 302
    with lan_app.app_context():
        from kehoach_app.backups import operations as backups

        name = backups.list_backups(Path(lan_app.config["DATA_DIR"]))[0].name
    add_account(owner, "lan.nguyen", "nhap_lieu")
    editor = colleague(lan_app, "lan.nguyen")

    assert "Sao lưu</a>" not in editor.get("/").get_data(as_text=True)
    for url in ("/sao-luu", f"/sao-luu/tep/{name}", f"/sao-luu/tep/{name}/khoi-phuc", "/tai-khoan"):
        response = editor.get(url)
        assert response.status_code == 403, url
        assert "Chỉ tài khoản có quyền quản trị" in response.get_data(as_text=True)
    token = csrf_token(editor, "/")
    for url in ("/sao-luu/ngay", f"/sao-luu/tep/{name}/khoi-phuc", "/tai-khoan"):
        assert editor.post(url, data={"csrf_token": token}).status_code == 403, url
    upload = editor.post(
        "/sao-luu/tai-len",
        data={
            "csrf_token": token,
            "file": (
                Path(backups.backup_dir(Path(lan_app.config["DATA_DIR"])) / name).open("rb"),
                "ban-sao.sqlite3",
            ),
        },
        content_type="multipart/form-data",
    )
    assert upload.status_code == 403

    edited = post(editor, f"/hoi-nghi/{demo}/hoan-tac", page=f"/hoi-nghi/{demo}")
    assert edited.status_code == 302  # an editor may post (nothing to undo, but allowed)
    assert owner.get("/sao-luu").status_code == 200
    assert owner.get(f"/sao-luu/tep/{name}").status_code == 200


def test_the_accounts_page(lan_app):
    owner = owner_client(lan_app)
    page = owner.get("/tai-khoan").get_data(as_text=True)
    assert "chumay" in page and "(chủ máy)" in page
    add_account(owner, "lan.nguyen", "xem")
    duplicate = post(
        owner,
        "/tai-khoan",
        {"username": "Lan.Nguyen", "display_name": "Ai đó", "role": "xem", "password": "x" * 8},
        page="/tai-khoan",
    )
    assert duplicate.status_code == 422
    assert "Tên đăng nhập này đã có người dùng." in duplicate.get_data(as_text=True)
    bad = post(
        owner,
        "/tai-khoan",
        {"username": "Lan Nguyễn", "display_name": "Lan", "role": "sieu", "password": "ngan"},
        page="/tai-khoan",
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "Tên đăng nhập gồm 2–40 chữ cái không dấu" in html
    assert "Mật khẩu cần ít nhất 8 ký tự." in html
    assert "Lựa chọn không hợp lệ" in html
    with lan_app.app_context():
        lan_account = db.session.query(Account).filter_by(username="lan.nguyen").one()
        owner_id = db.session.query(Account).filter_by(is_owner=True).one().id
        assert lan_account.role == "xem"
    assert (
        post(
            owner, f"/tai-khoan/{lan_account.id}/quyen", {"role": "nhap_lieu"}, page="/tai-khoan"
        ).status_code
        == 302
    )
    for url, data in (
        (f"/tai-khoan/{owner_id}/quyen", {"role": "xem"}),
        (f"/tai-khoan/{owner_id}/mat-khau", {"password": "12345678"}),
        (f"/tai-khoan/{owner_id}/xoa", {}),
    ):
        refused = post(owner, url, data, page="/tai-khoan", follow_redirects=True)
        assert "tài khoản của chủ máy" in refused.get_data(as_text=True)
    with lan_app.app_context():
        assert db.session.get(Account, lan_account.id).role == "nhap_lieu"
        owner_row = db.session.get(Account, owner_id)
        assert owner_row.role == "quan_tri"
    assert login(lan_app.test_client(), OWNER, PASSWORD).status_code == 302


def test_a_restore_keeps_the_owner_as_this_start_made_it(lan_app):
    owner = owner_client(lan_app)
    add_account(owner, "lan.nguyen", "quan_tri")
    post(owner, "/sao-luu/ngay", page="/sao-luu")
    with lan_app.app_context():
        from kehoach_app.backups import operations as backups

        name = backups.list_backups(Path(lan_app.config["DATA_DIR"]))[0].name
        account = db.session.query(Account).filter_by(is_owner=True).one()
        account.password_hash = "scrypt:bi-sua-trong-ban-sao-luu"  # as an old backup may hold
        db.session.commit()
    # The backup has the owner with this start's password; restore it from another admin.
    admin = colleague(lan_app, "lan.nguyen")
    restored = post(admin, f"/sao-luu/tep/{name}/khoi-phuc", page=f"/sao-luu/tep/{name}/khoi-phuc")
    assert restored.status_code == 302
    assert login(lan_app.test_client(), OWNER, PASSWORD).status_code == 302


# --- throttling ------------------------------------------------------------------------------


def test_five_failures_lock_the_account_then_it_opens_again(lan_app):
    owner = owner_client(lan_app)
    add_account(owner, "lan.nguyen", "nhap_lieu")
    throttle = lan_app.extensions[lan.THROTTLE]
    clock = [1000.0]
    throttle.clock = lambda: clock[0]
    for address in ("192.168.1.31", "192.168.1.32", "192.168.1.33", "192.168.1.34"):
        client = lan_app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        assert login(client, "lan.nguyen", "doan-mo-1").status_code == 401
    fifth = lan_app.test_client()
    fifth.environ_base["REMOTE_ADDR"] = "192.168.1.35"
    locked = login(fifth, "lan.nguyen", "doan-mo-5")
    assert locked.status_code == 429 and "tạm khóa đăng nhập" in locked.get_data(as_text=True)
    # Locked for that account from any address, even with the right password …
    other = lan_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "192.168.1.50"
    refused = login(other, "lan.nguyen", COLLEAGUE_PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 14 * 60
    # … but not for the other accounts,
    assert login(lan_app.test_client(), OWNER, PASSWORD).status_code == 302
    # and for 15 minutes only.
    clock[0] += 15 * 60 + 1
    assert login(other, "lan.nguyen", COLLEAGUE_PASSWORD).status_code == 302


def test_five_failures_lock_the_address(lan_app):
    owner = owner_client(lan_app)
    add_account(owner, "lan.nguyen", "nhap_lieu")
    guesser = lan_app.test_client()
    guesser.environ_base["REMOTE_ADDR"] = "192.168.1.66"
    for name in ("admin", "root", "quantri", "lan", "nguyen"):
        login(guesser, name, "123456789")
    assert login(guesser, "lan.nguyen", COLLEAGUE_PASSWORD).status_code == 429
    assert colleague(lan_app, "lan.nguyen", "192.168.1.20").get("/").status_code == 200


def test_the_owner_at_the_machine_is_not_locked_out_from_the_network(lan_app):
    """Someone on the network guessing the owner's password locks the owner's account for the
    network, not for the machine itself."""
    for n in range(5):
        guesser = lan_app.test_client()
        guesser.environ_base["REMOTE_ADDR"] = f"192.168.1.{70 + n}"
        login(guesser, OWNER, "doan-mat-khau")
    outsider = lan_app.test_client()
    outsider.environ_base["REMOTE_ADDR"] = "192.168.1.99"
    assert login(outsider, OWNER, PASSWORD).status_code == 429
    assert login(lan_app.test_client(), OWNER, PASSWORD).status_code == 302  # 127.0.0.1


def test_a_flood_of_failed_logins_does_not_slow_others(lan_app, monkeypatch):
    """Attack: failed logins slept 0.5 s inside the request; a flood of them held the server's
    threads and slowed logged-in users from 0.02 s to 1.7 s a page. Nothing sleeps now, and
    once locked a guess is refused before any password is hashed."""
    from kehoach_app.accounts import operations

    def no_sleep(seconds):
        raise AssertionError(f"a login slept {seconds} s")

    monkeypatch.setattr(time, "sleep", no_sleep)
    hashed = []
    real = operations._matches
    monkeypatch.setattr(operations, "_matches", lambda h, p: hashed.append(1) or real(h, p))
    user = owner_client(lan_app)
    hashed.clear()
    flood = lan_app.test_client()
    flood.environ_base["REMOTE_ADDR"] = "192.168.1.77"
    token = csrf_token(flood, "/dang-nhap")
    statuses = [
        flood.post(
            "/dang-nhap", data={"csrf_token": token, "username": OWNER, "password": f"sai-{n}"}
        ).status_code
        for n in range(200)
    ]
    assert statuses[:4] == [401] * 4 and set(statuses[4:]) == {429}
    assert len(hashed) == 5  # only the five before the lock cost a hash
    # the logged-in user is served; nothing slept (time.sleep raises above) and nothing else
    # was hashed — the behaviour that kept the server's threads free, asserted without a clock
    # (a wall-time bound here failed on a busy machine: timings belong in bench/)
    assert user.get("/").status_code == 200
    assert len(hashed) == 5


# --- where a login leads, what the ping says, cookies ----------------------------------------


@pytest.mark.parametrize(
    "next_",
    [
        "/%09/evil.example",  # the reported attack: a tab the browser drops → //evil.example
        "//evil.example/",
        "/%0a/evil.example",
        "/%0d%0a/evil.example",
        "%20//evil.example",
        "/%5Cevil.example",  # a backslash: browsers read /\ as //
        "%5C%5Cevil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/%E3%80%80/evil.example",  # an ideographic space
        "evil.example",
    ],
)
def test_next_after_login_stays_on_this_site(lan_app, next_):
    response = login(lan_app.test_client(), OWNER, PASSWORD, next_=next_)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_next_inside_the_site_is_followed(lan_app):
    response = login(lan_app.test_client(), OWNER, PASSWORD, next_="/thung-rac%3Fa%3D1")
    assert response.headers["Location"] == "/thung-rac?a=1"


def test_the_ping_does_not_tell_the_data_folder(lan_app):
    """Attack: /__kehoach__/ping answered, without a login, with the data folder's path."""
    response = lan_app.test_client().get("/__kehoach__/ping")
    assert response.status_code == 200
    answer = json.loads(response.get_data(as_text=True))
    folder = lan_app.config["DATA_DIR"]
    assert folder not in response.get_data(as_text=True)
    assert answer == {
        "app": "kehoach_app",
        "version": answer["version"],
        "data_dir_id": data_dir_fingerprint(folder),
    }


def test_samesite_lax_on_the_session_cookie(lan_app, client):
    response = login(lan_app.test_client(), OWNER, PASSWORD)
    assert "SameSite=Lax" in response.headers["Set-Cookie"]
    local = client.get("/")  # without LAN mode: the first page sets the session (CSRF)
    assert "SameSite=Lax" in local.headers["Set-Cookie"]


# --- the machine's addresses -----------------------------------------------------------------


class _Recording(socket.socket):
    sent: list = []

    def send(self, *args, **kwargs):
        _Recording.sent.append(args)
        raise AssertionError("a packet was sent")

    sendto = sendall = send


def test_lan_addresses_are_found_without_sending_anything(monkeypatch):
    monkeypatch.setattr(socket, "socket", _Recording)
    addresses = lan.lan_addresses()
    assert _Recording.sent == []
    assert all(not a.startswith("127.") for a in addresses)
    assert "127.0.0.1" in lan.machine_addresses()


def test_the_machine_s_lan_address_is_accepted_as_host(tmp_path, monkeypatch):
    """Attack: a request to the machine's own address was refused without an extra flag."""
    monkeypatch.setattr(lan, "lan_addresses", lambda: [LAN_ADDRESS, "10.0.0.5"])
    app = make_lan_app(tmp_path / "data")
    client = app.test_client()
    for host in (f"{LAN_ADDRESS}:8765", "10.0.0.5:8765"):
        assert client.get("/dang-nhap", headers={"Host": host}).status_code == 200
    with app.app_context():
        db.engine.dispose()


def test_the_console_lists_every_lan_address():
    lines = lan.lan_console_lines([LAN_ADDRESS, "10.0.0.5"], 8765)
    assert "máy khác vào bằng:" in lines[0]
    assert "    http://192.168.1.20:8765/" in lines and "    http://10.0.0.5:8765/" in lines
    assert any("chumay" in line for line in lines)
    empty = lan.lan_console_lines([], 8765)
    assert "chưa thấy địa chỉ mạng nội bộ" in empty[1]


# --- the change log --------------------------------------------------------------------------


def test_change_log_without_lan_mode_names_the_owner(client, demo_id):
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    assert "Nhật ký thay đổi" in html and "Chưa có lần sửa nào" in html
    with client.application.app_context():
        from kehoach_app.conferences.operations import update_conference

        conference = db.session.get(Conference, demo_id)
        update_conference(conference, {"venue": "Hội trường B"})
        db.session.commit()
    html = client.get(f"/hoi-nghi/{demo_id}").get_data(as_text=True)
    log = html[html.index("Nhật ký thay đổi") :]
    assert "Chủ máy" in log and "Sửa thông tin hội nghị" in log


def test_change_log_names_the_colleague(lan_app, demo):
    """Attack: no names, no record of who changed what."""
    from kehoach_app.delegates.models import Delegate
    from tests.delegates.test_planned_total import form_values

    owner = owner_client(lan_app)
    add_account(owner, "lan.nguyen", "nhap_lieu")
    editor = colleague(lan_app, "lan.nguyen")
    with lan_app.app_context():
        delegate_id = db.session.query(Delegate).filter_by(conference_id=demo).first().id
    page = f"/hoi-nghi/{demo}/dai-bieu/{delegate_id}/sua"
    values = form_values(editor, page)
    values["position"] = "Phó Chủ tịch Hội Nông dân xã"
    assert post(editor, page, values, page=page).status_code == 302
    with lan_app.app_context():
        assert db.session.get(Delegate, delegate_id).position == "Phó Chủ tịch Hội Nông dân xã"
    html = owner.get(f"/hoi-nghi/{demo}").get_data(as_text=True)
    log = html[html.index("Nhật ký thay đổi") :]
    assert "Nguyễn Thị Lan" in log and "Sửa thông tin đại biểu" in log
