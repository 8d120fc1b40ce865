"""Benchmark of "Kiểm tra trước khi trình ký" (issue 14) over HTTP through the real server: the
check page of a conference with 1,000 delegates and 300 awards (bench/large.py's conference).

    python bench/bench_check.py [--repeat 30]

Starts the program as the officer does (`python -m kehoach_app`, waitress), then times GET of
the check page, the dashboard and the print centre (both show the blocking count, so they run
the checks too) against a baseline in the same run: /__kehoach__/ping, which does no work, so
"page − ping" is the server's own time and the figures compare across machines. Target: the
check page ≤ 100 ms. Then, in this process, the time of each registered rule on its own (a
fresh CheckContext each time, so a rule pays for the data it loads first), to see which rules
are slow. Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import percentile  # noqa: E402
from bench.large import build  # noqa: E402
from bench.server import Server  # noqa: E402


def http_times(url: str, repeat: int) -> list[float]:
    for _ in range(2):  # warm: templates compiled, caches filled
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            assert response.status == 200, (url, response.status)
        times.append(time.perf_counter() - started)
    return times


def rule_times(data_dir: Path, conference_id: int, repeat: int = 5) -> list[tuple[str, float]]:
    """Median seconds of each registered rule alone on the conference, slowest first."""
    from kehoach_app import create_app
    from kehoach_app.checks import CheckContext, registered_checks
    from kehoach_app.conferences.models import Conference
    from kehoach_app.db import db

    app = create_app(data_dir=data_dir)
    rows = []
    with app.test_request_context():
        conference = db.session.get(Conference, conference_id)
        for part, function in registered_checks():
            times = []
            for _ in range(repeat):
                db.session.expire_all()  # as a new request: nothing loaded yet
                started = time.perf_counter()
                list(function(CheckContext(conference, dt.date.today())) or ())
                times.append(time.perf_counter() - started)
            rows.append((f"{part}.{function.__name__}", statistics.median(times)))
    return sorted(rows, key=lambda row: -row[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from kehoach_app import create_app
    from kehoach_app.db import db

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        app = create_app(data_dir=data_dir)
        conference_id = build(app)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

        with Server(data_dir) as server:
            base = server.base
            pages = {
                "ping (không làm gì, mốc so sánh)": "/__kehoach__/ping",
                "trang Kiểm tra trước khi trình ký": f"/hoi-nghi/{conference_id}/kiem-tra",
                "bảng điều khiển hội nghị": f"/hoi-nghi/{conference_id}",
                "Trung tâm in": f"/hoi-nghi/{conference_id}/in",
            }
            results = {name: http_times(base + url, args.repeat) for name, url in pages.items()}

        ping = statistics.median(next(iter(results.values())))
        print(f"Hội nghị thử: 1.000 đại biểu thêm, 300 khen thưởng; {args.repeat} lần mỗi trang")
        print(f"{'trang (HTTP, waitress)':<40} {'trung vị':>10} {'p95':>10} {'trừ ping':>10}")
        for name, times in results.items():
            median = statistics.median(times)
            print(
                f"{name:<40} {median * 1000:8.1f} ms {percentile(times, 0.95) * 1000:7.1f} ms "
                f"{(median - ping) * 1000:7.1f} ms"
            )
        print("mục tiêu: trang Kiểm tra ≤ 100 ms thời gian máy chủ")
        print()
        print("Từng quy tắc riêng (trong tiến trình, tự nạp dữ liệu của nó), chậm nhất trước:")
        for name, seconds in rule_times(data_dir, conference_id):
            print(f"  {name:<55} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
