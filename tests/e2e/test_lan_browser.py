"""LAN mode in a real browser (issue 18): the owner creates a colleague's account; the colleague
logs in, is refused the backup page, edits a delegate (seen in the change log), logs out.

The server is the real program started with --lan (bound to every interface, as in the office);
the browser only ever talks to 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from playwright.sync_api import expect

from tests.server import running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OWNER_PASSWORD = "mật-khẩu-của-chủ-máy"
COLLEAGUE_PASSWORD = "lan-nhap-lieu-2026"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture()
def lan_server(tmp_path):
    """The demo conference in a data folder, served by `python -m kehoach_app --lan`."""
    from kehoach_app import create_app
    from kehoach_app.db import db
    from kehoach_app.delegates.models import Delegate
    from kehoach_app.demo import create_demo_conference

    data = tmp_path / "data"
    app = create_app({"TESTING": True}, data_dir=data)
    with app.app_context():
        conference = create_demo_conference()
        db.session.commit()
        delegate = db.session.query(Delegate).filter_by(conference_id=conference.id).first()
        ids = conference.id, delegate.id, delegate.full_name
        db.session.remove()
        db.engine.dispose()
    with running_server(
        data,
        command=[sys.executable, "-m", "kehoach_app", "--lan"],
        env={"KEHOACH_LAN_PASSWORD": OWNER_PASSWORD},
    ) as (base, _process):
        yield base, *ids


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_owner_creates_an_account_the_colleague_edits_and_logs_out(browser, lan_server):
    base, conference_id, delegate_id, delegate_name = lan_server

    owner = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(owner, base, "chumay", OWNER_PASSWORD)
    expect(owner.get_by_text("Bạn: Chủ máy (quyền Quản trị)")).to_be_visible()
    owner.get_by_role("link", name="Tài khoản").click()
    owner.get_by_label("Tên đăng nhập").fill("lan.nguyen")
    owner.get_by_label("Họ tên").fill("Nguyễn Thị Lan")
    owner.get_by_label("Quyền").select_option(label="Nhập liệu")
    owner.get_by_label("Mật khẩu ban đầu").fill(COLLEAGUE_PASSWORD)
    owner.get_by_role("button", name="Tạo tài khoản").click()
    expect(owner.get_by_text("Đã tạo tài khoản “lan.nguyen” (Nhập liệu)")).to_be_visible()

    # The colleague, in a browser of their own (their own cookies).
    colleague = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(colleague, base, "lan.nguyen", "sai-mat-khau-roi")
    expect(colleague.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible()
    log_in(colleague, base, "lan.nguyen", COLLEAGUE_PASSWORD)
    expect(colleague.get_by_text("Bạn: Nguyễn Thị Lan (quyền Nhập liệu)")).to_be_visible()
    nav = colleague.get_by_role("navigation", name="Điều hướng chính")
    expect(nav.get_by_role("link", name="Sao lưu")).to_have_count(0)

    response = colleague.goto(base + "/sao-luu")
    assert response.status == 403
    expect(colleague.get_by_role("heading", name="Không có quyền")).to_be_visible()
    expect(colleague.get_by_text("Chỉ tài khoản có quyền quản trị")).to_be_visible()

    colleague.goto(f"{base}/hoi-nghi/{conference_id}/dai-bieu/{delegate_id}/sua")
    colleague.get_by_label("Chức vụ").fill("Phó Chủ tịch Hội Nông dân xã")
    colleague.get_by_role("button", name="Lưu thay đổi").click()
    expect(colleague.get_by_text(f"Đã lưu thông tin đại biểu {delegate_name}.")).to_be_visible()

    # The owner sees who changed what on the conference page.
    owner.goto(f"{base}/hoi-nghi/{conference_id}")
    log = owner.locator("section.change-log")
    expect(log.get_by_role("heading", name="Nhật ký thay đổi")).to_be_visible()
    first = log.locator("tbody tr").first
    expect(first).to_contain_text("Nguyễn Thị Lan")
    expect(first).to_contain_text("Sửa thông tin đại biểu")

    colleague.get_by_role("button", name="Đăng xuất").click()
    expect(colleague.get_by_text("Đã đăng xuất.")).to_be_visible()
    colleague.goto(f"{base}/hoi-nghi/{conference_id}")
    expect(colleague.get_by_role("heading", name="Đăng nhập")).to_be_visible()
