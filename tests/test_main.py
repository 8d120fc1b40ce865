"""`python -m kehoach_app`: a real waitress server on 127.0.0.1 that handles a busy port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request

from tests.server import ROOT, free_port, running_server


def test_server_starts_says_where_and_binds_loopback_only(tmp_path):
    data = tmp_path / "data"
    with running_server(data) as (base, process):
        with urllib.request.urlopen(base + "/") as response:
            html = response.read().decode("utf-8")
        assert "Kế hoạch Hội nghị" in html
        ping = json.loads(urllib.request.urlopen(base + "/__kehoach__/ping").read())
        assert ping["app"] == "kehoach_app"
        assert (data / "kehoach.sqlite3").exists()
        assert (data / "secret_key").exists()
        port = int(base.rsplit(":", 1)[1])
        # Nothing listens on the machine's other addresses.
        listening = (
            subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
            if _has("ss")
            else ""
        )
        for line in listening.splitlines():
            if f":{port} " in line + " ":
                assert "127.0.0.1:" in line, line
        process.terminate()
        output = process.communicate(timeout=10)[0].decode("utf-8")
    assert f"Mở trình duyệt tại: http://127.0.0.1:{port}/" in output
    assert f"Dữ liệu lưu tại:    {data}" in output


def _has(command: str) -> bool:
    from shutil import which

    return which(command) is not None


def test_second_start_on_the_same_data_opens_the_running_copy(tmp_path):
    data = tmp_path / "data"
    with running_server(data) as (base, _process):
        port = base.rsplit(":", 1)[1]
        env = dict(os.environ, KEHOACH_DATA_DIR=str(data), PYTHONIOENCODING="utf-8")
        second = subprocess.run(
            [sys.executable, "-m", "kehoach_app", "--no-browser", "--port", port],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert second.returncode == 0
    assert "đã đang chạy tại" in second.stdout


def test_port_message_when_busy(tmp_path):
    port = free_port()
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", port))
    blocker.listen()
    env = dict(os.environ, KEHOACH_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "kehoach_app", "--no-browser", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "Mở trình duyệt tại" in line:
                break
        text = "".join(lines)
        assert f"Cổng {port} đang bận" in text
        new_url = text.split("Mở trình duyệt tại: ")[1].split()[0]
        assert new_url != f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(new_url + "__kehoach__/ping", timeout=10) as response:
            assert json.loads(response.read())["app"] == "kehoach_app"
    finally:
        process.terminate()
        process.wait(10)
        blocker.close()


def _time_wait_on(port: int) -> None:
    """Leave a connection in TIME_WAIT on `port` (the server side closes first, as a stopped
    program does with its visitors' connections)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen()
    visitor = socket.create_connection(("127.0.0.1", port))
    accepted, _ = listener.accept()
    accepted.close()
    listener.close()
    visitor.recv(1)
    visitor.close()


def test_a_port_in_time_wait_is_free(tmp_path):
    from kehoach_app.__main__ import choose_port, port_is_free

    port = free_port()
    _time_wait_on(port)
    if os.name == "posix":  # the attack: a probe without SO_REUSEADDR thinks the port is busy
        plain = socket.socket()
        try:
            import pytest

            with pytest.raises(OSError):
                plain.bind(("127.0.0.1", port))
        finally:
            plain.close()
    assert port_is_free(port)
    assert choose_port(port, tmp_path) == (port, None)


def test_the_last_port_is_remembered_and_tried_first(tmp_path):
    from kehoach_app.__main__ import choose_port, last_port, remember_port

    assert last_port(tmp_path) is None
    port = free_port()
    remember_port(tmp_path, port)
    assert last_port(tmp_path) == port
    assert choose_port(8765, tmp_path, last_port(tmp_path)) == (port, None)
    (tmp_path / "last_port").write_text("not a port")
    assert last_port(tmp_path) is None


def test_the_port_stays_the_same_across_restarts(tmp_path):
    """The attack of issue 18: six restarts moved the port 9141 → 9147. Each start here leaves a
    visitor's connection in TIME_WAIT; the next start (no --port) still gets the same port."""
    import http.client
    import time

    data = tmp_path / "data"
    data.mkdir()
    port = free_port()
    (data / "last_port").write_text(str(port))
    env = dict(os.environ, KEHOACH_DATA_DIR=str(data), PYTHONIOENCODING="utf-8")
    for _ in range(3):
        process = subprocess.Popen(
            [sys.executable, "-m", "kehoach_app", "--no-browser"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            for line in process.stdout:
                if "Mở trình duyệt tại" in line:
                    break
            assert line.strip().endswith(f"http://127.0.0.1:{port}/"), line
            visitor = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            visitor.request("GET", "/__kehoach__/ping")  # kept alive while the server stops
            assert visitor.getresponse().read()
        finally:
            process.terminate()
            process.wait(10)
        visitor.close()
        time.sleep(0.2)
    assert (data / "last_port").read_text().strip() == str(port)


def test_an_unexpected_error_is_logged_with_its_traceback_and_the_page_says_where(tmp_path):
    """Not TESTING, so the error reaches the 500 page as it does for the officer."""
    from kehoach_app import create_app
    from kehoach_app.db import db

    data = tmp_path / "data"
    app = create_app({"TESTING": False}, data_dir=data)

    def broken():
        raise RuntimeError("hỏng có chủ ý 4711")

    app.add_url_rule("/__thu__/hong", "broken", broken)
    response = app.test_client().get("/__thu__/hong")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Đã có lỗi trong chương trình" in html
    assert f"Chi tiết lỗi đã được ghi vào tệp {data / 'kehoach.log'}." in html
    assert "gửi tệp đó cho người hỗ trợ" in html
    assert "4711" not in html  # the details are for the log, not the page

    log = (data / "kehoach.log").read_text(encoding="utf-8")
    assert "Exception on /__thu__/hong [GET]" in log
    assert "Traceback (most recent call last):" in log
    assert 'in broken\n    raise RuntimeError("hỏng có chủ ý 4711")' in log
    assert "RuntimeError: hỏng có chủ ý 4711" in log

    # A second app of the process (another data folder) logs into its own folder only.
    other = create_app({"TESTING": False}, data_dir=tmp_path / "other")
    other.add_url_rule("/__thu__/hong", "broken", broken)
    assert other.test_client().get("/__thu__/hong").status_code == 500
    assert (data / "kehoach.log").read_text(encoding="utf-8") == log
    assert "RuntimeError: hỏng có chủ ý 4711" in (tmp_path / "other" / "kehoach.log").read_text(
        encoding="utf-8"
    )
    for each in (app, other):
        with each.app_context():
            db.engine.dispose()


def test_ci_runs_the_readme_commands_in_a_virtual_environment():
    """The README's two commands need only `python3` (no `python`, no pip into the system's
    Python: PEP 668); .ci/run runs the test command exactly as written there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Two commands", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    venv = "python3 -m venv .venv && "
    assert commands == [
        venv + ".venv/bin/pip install -r requirements.txt && .venv/bin/python -m kehoach_app",
        venv + ".venv/bin/pip install -r requirements-dev.txt && .venv/bin/python -m pytest",
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == commands[1]
    packages = ci.split('apt_packages="', 1)[1].split('"', 1)[0].split()
    assert {"binutils", "python3-venv", "chromium", "poppler-utils"} <= set(packages)
