"""Start the real program (python -m kehoach_app) on a free port for tests, and stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer in {seconds} s")


@contextmanager
def running_server(
    data_dir: Path,
    command: list[str] | None = None,
    port: int | None = None,
    env: dict[str, str] | None = None,
):
    """Yield (base_url, process) of the program serving data_dir; stop it afterwards."""
    port = port or free_port()
    command = command or [sys.executable, "-m", "kehoach_app"]
    env = dict(os.environ, **(env or {}), KEHOACH_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [*command, "--no-browser", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/__kehoach__/ping")
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
