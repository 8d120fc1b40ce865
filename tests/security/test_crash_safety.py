"""Crash safety: a server killed with SIGKILL during a burst of saves leaves a sound database
that holds every save it acknowledged."""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.server import ROOT, free_port, wait_for

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client_for(base: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    html = opener.open(base + "/hoi-nghi/moi/tong_ket.xa", timeout=10).read().decode("utf-8")
    return opener, TOKEN.search(html).group(1)


def form(title: str, token: str) -> bytes:
    return urllib.parse.urlencode(
        {
            "csrf_token": token,
            "preset_key": "tong_ket.xa",
            "kind": "tong_ket",
            "province": "Tây Ninh",
            "unit_type": "xa",
            "unit_name": "Tân Hòa",
            "level": "xa",
            "issuer": "Ủy ban nhân dân xã Tân Hòa",
            "place_name": "Tân Hòa",
            "title": title,
            "year_reviewed": "2026",
            "year_launched": "2027",
            "date": "15/01/2027",
            "start_time": "07:30",
            "length": "half_day",
            "venue": "Hội trường",
            "planned_delegates": "100",
            "doc_symbol": "KH-UBND",
        }
    ).encode()


def burst(base: str, prefix: str, acknowledged: list[str], stop: threading.Event) -> None:
    try:
        opener, token = client_for(base)
    except OSError:
        return
    n = 0
    while not stop.is_set():
        title = f"{prefix}-{n}"
        try:
            opener.open(base + "/hoi-nghi/moi/tong_ket.xa", data=form(title, token), timeout=10)
        except urllib.error.HTTPError as error:
            if error.code == 302:  # saved and redirected: acknowledged
                acknowledged.append(title)
        except OSError:
            return  # the server is gone
        n += 1


@pytest.mark.parametrize("round_number", range(3))
def test_sigkill_during_saves_loses_nothing_acknowledged(tmp_path, round_number):
    rng = random.Random(1000 + round_number)
    data = tmp_path / "data"
    port = free_port()
    env = dict(os.environ, KEHOACH_DATA_DIR=str(data), PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "kehoach_app", "--no-browser", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    acknowledged: list[str] = []
    stop = threading.Event()
    try:
        wait_for(base + "/__kehoach__/ping")
        workers = [
            threading.Thread(target=burst, args=(base, f"r{round_number}w{i}", acknowledged, stop))
            for i in range(3)
        ]
        for worker in workers:
            worker.start()
        time.sleep(rng.uniform(0.4, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        stop.set()
        for worker in workers:
            worker.join(15)
    finally:
        stop.set()
        if process.poll() is None:
            process.kill()
    assert acknowledged, "no save was acknowledged before the kill; the test proved nothing"
    with sqlite3.connect(data / "kehoach.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = {row[0] for row in connection.execute("SELECT title FROM conferences")}
    missing = [title for title in acknowledged if title not in saved]
    assert not missing, f"{len(missing)} acknowledged saves lost: {missing[:5]}"
