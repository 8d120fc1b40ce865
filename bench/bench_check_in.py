"""Benchmark of the check-in at the door (issue 21) over HTTP through the real server, on a
conference of 1,000+ delegates (bench/large.py's conference, seated).

    python bench/bench_check_in.py [--repeat 200]

Starts the program as the officer does (`python -m kehoach_app`, waitress), opens the check-in
page like a phone's browser (cookie and CSRF token), then times, interleaved with a baseline
in the same run (GET /__kehoach__/ping, which does no work, so "time − ping" is the server's own
time and the figures compare across machines):
  - a check-in by code (POST, JSON answer with the count): `--repeat` different delegates;
  - the same codes scanned a second time ("đã điểm danh lúc …");
  - the live count (GET …/diem-danh/so-lieu), what every open check-in page asks every 5 s.
Target: one check-in ≤ 30 ms of server time. Not a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import percentile  # noqa: E402
from bench.large import build  # noqa: E402
from bench.server import Server  # noqa: E402


def _codes(app, conference_id: int) -> list[str]:
    from kehoach_app.db import db
    from kehoach_app.delegates.models import Delegate

    with app.app_context():
        codes = [
            code
            for (code,) in db.session.query(Delegate.check_in_code).filter_by(
                conference_id=conference_id
            )
        ]
        db.session.remove()
        db.engine.dispose()
    return codes


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _summary(name: str, times: list[float], ping: float) -> str:
    median = statistics.median(times)
    q1, q3 = percentile(times, 0.25), percentile(times, 0.75)
    return (
        f"{name:<34} {median * 1000:7.1f} ms  (q1–q3 {q1 * 1000:5.1f}–{q3 * 1000:5.1f}, "
        f"p95 {percentile(times, 0.95) * 1000:5.1f}, min {min(times) * 1000:5.1f}, max "
        f"{max(times) * 1000:6.1f})  trừ ping {(median - ping) * 1000:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    from kehoach_app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        app = create_app(data_dir=data_dir)
        conference_id = build(app)
        codes = _codes(app, conference_id)
        sample = codes[: args.repeat]

        with Server(data_dir) as server:
            base = server.base
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
            page = f"{base}/hoi-nghi/{conference_id}/diem-danh"
            html = opener.open(page, timeout=30).read().decode()
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)

            def ping() -> None:
                with opener.open(base + "/__kehoach__/ping", timeout=30) as response:
                    response.read()

            def check_in(code: str, expected: str):
                body = urllib.parse.urlencode(
                    {"csrf_token": token, "ma": code, "diem": "Cửa chính"}
                ).encode()
                request = urllib.request.Request(
                    page, data=body, headers={"X-Requested-With": "fetch"}
                )

                def call() -> None:
                    with opener.open(request, timeout=30) as response:
                        status = json.loads(response.read())["status"]
                    assert status == expected, (code, status, expected)

                return call

            def figures() -> None:
                with opener.open(page + "/so-lieu", timeout=30) as response:
                    response.read()

            for _ in range(5):  # warm: templates compiled, caches filled
                ping()
                figures()
            pings, first, second, counts = [], [], [], []
            for code in sample:  # interleaved, so the baseline sees the same machine
                pings.append(_timed(ping))
                first.append(_timed(check_in(code, "new")))
            for code in sample:
                pings.append(_timed(ping))
                second.append(_timed(check_in(code, "again")))
                counts.append(_timed(figures))

    ping_median = statistics.median(pings)
    print(
        f"Hội nghị thử: {len(codes):,} đại biểu (đã xếp chỗ); {len(sample)} lượt mỗi phép đo; "
        f"máy: {os.cpu_count()} lõi".replace(",", ".")
    )
    print(_summary("ping (mốc so sánh)", pings, ping_median))
    print(_summary("điểm danh theo mã (lần đầu)", first, ping_median))
    print(_summary("quét lại (đã điểm danh)", second, ping_median))
    print(_summary("số liệu trực tiếp (so-lieu)", counts, ping_median))
    print("mục tiêu: một lượt điểm danh ≤ 30 ms thời gian máy chủ (trung vị − ping)")


if __name__ == "__main__":
    main()
