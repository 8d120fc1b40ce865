"""Start the real program (python -m kehoach_app) on a free port for tests, and stop it."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from bench.server import free_port, wait_for  # one copy, shared with the benchmarks

ROOT = Path(__file__).resolve().parent.parent


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
