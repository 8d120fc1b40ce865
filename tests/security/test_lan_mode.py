"""LAN mode is opt-in: off, the app is local only; on, every page needs the password and says
that the app is open on the network; idle sessions expire."""

from __future__ import annotations

import time

import pytest

from kehoach_app import create_app
from kehoach_app.db import db
from kehoach_app.lan import LAN_IDLE_MINUTES, lan_config
from tests.conftest import csrf_token

PASSWORD = "mật-khẩu-phòng-nội-vụ"


@pytest.fixture()
def lan_app(tmp_path):
    app = create_app(
        {"TESTING": True, **lan_config(PASSWORD, ["may-chu.local"])}, data_dir=tmp_path / "data"
    )
    yield app
    with app.app_context():
        db.engine.dispose()


def login(client, password: str):
    token = csrf_token(client, "/dang-nhap")
    return client.post(
        "/dang-nhap?next=/thung-rac", data={"csrf_token": token, "password": password}
    )


def test_off_by_default(client):
    assert client.get("/").status_code == 200
    assert "mạng nội bộ" not in client.get("/").get_data(as_text=True)
    assert client.get("/dang-nhap").status_code == 302


def test_every_page_needs_the_password(lan_app):
    client = lan_app.test_client()
    response = client.get("/")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]
    assert client.get("/__kehoach__/ping").status_code == 200
    bad = login(client, "sai mật khẩu")
    assert bad.status_code == 401 and "Mật khẩu không đúng." in bad.get_data(as_text=True)
    assert client.get("/").status_code == 302
    good = login(client, PASSWORD)
    assert good.status_code == 302 and good.headers["Location"] == "/thung-rac"
    html = client.get("/").get_data(as_text=True)
    assert "đang mở trên mạng nội bộ" in html


def test_hosts_of_the_machine_are_accepted_and_others_refused(lan_app):
    client = lan_app.test_client()
    assert client.get("/dang-nhap", headers={"Host": "may-chu.local:8765"}).status_code == 200
    assert client.get("/dang-nhap", headers={"Host": "evil.example"}).status_code == 400


def test_idle_sessions_expire(lan_app, monkeypatch):
    client = lan_app.test_client()
    login(client, PASSWORD)
    assert client.get("/").status_code == 200
    later = time.time() + LAN_IDLE_MINUTES * 60 + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_short_passwords_are_refused():
    with pytest.raises(ValueError, match="ít nhất 8 ký tự"):
        lan_config("1234")


def test_open_redirects_are_not_followed(lan_app):
    client = lan_app.test_client()
    token = csrf_token(client, "/dang-nhap")
    response = client.post(
        "/dang-nhap?next=//evil.example/", data={"csrf_token": token, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"
