"""The real server for a benchmark: `python -m kehoach_app` on a free port over a data folder, as
the officer starts it (waitress), waited for on its ping endpoint and stopped at the end. One
place for every bench/ script that measures over HTTP, and for tests/server.py (free_port,
wait_for)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} không trả lời sau {seconds} s")


class Server:
    """`python -m kehoach_app` on a free port over a data folder, as the officer starts it."""

    def __init__(self, data_dir: Path, root: Path = ROOT) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kehoach_app", "--no-browser", "--port", str(self.port)],
            cwd=root,
            env=dict(os.environ, KEHOACH_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        wait_for(self.base + "/__kehoach__/ping")
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(10)

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (Linux /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def fetch(self, path: str) -> bytes:
        with urllib.request.urlopen(self.base + path, timeout=60) as response:
            body = response.read()
            assert response.status == 200, (path, response.status)
            return body

    def times(self, path: str, repeat: int) -> tuple[list[float], int, float]:
        """Wall seconds of each of `repeat` fetches, the page's size, server CPU per fetch."""
        for _ in range(2):  # warm: templates compiled, caches filled
            size = len(self.fetch(path))
        out = []
        cpu_before = self.cpu_seconds()
        for _ in range(repeat):
            started = time.perf_counter()
            self.fetch(path)
            out.append(time.perf_counter() - started)
        return out, size, (self.cpu_seconds() - cpu_before) / repeat
