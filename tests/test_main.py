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
