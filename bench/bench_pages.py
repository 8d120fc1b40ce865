"""Pages as the officer feels them (issue 19): the dashboard, the print centre, the budget page
and the plan page of a 1,000-delegate, 300-award conference with a seated 1,109-seat hall, over
HTTP through the real server (waitress), with /__kehoach__/ping as the baseline in the same run.

    python bench/bench_pages.py [--repeat 30]

The conference is bench/large.py's (the demo + 1,000 delegates, 300 awards, 40 agenda items,
80 tasks) plus bench_seating's hall, seated by the automatic seating. Each page is fetched twice
to warm up, then `--repeat` times; p50 / p95 / max in ms, and p50 minus ping's p50 (the server's
own time, comparable across machines). Goal: p95 ≤ 50 ms. Not a test (timings are never asserted).

Two kinds of view (issue 19's results kept across requests, readmodel.per_state):
  repeated views        the database unchanged between requests: what is kept is read again;
  --after-change        before each timed request another connection commits a change to the
                        file (sqlite3, as the command line would): every view is the first one
                        after a change and computes everything afresh.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import percentile  # noqa: E402
from bench.bench_check import http_times  # noqa: E402
from bench.large import build, seat_the_hall, touch  # noqa: E402
from bench.server import Server  # noqa: E402


def times_after_change(url: str, repeat: int, database: Path, conference_id: int) -> list[float]:
    """Each GET timed right after another connection committed a change to the conference."""

    def fetch() -> float:
        touch(database, conference_id)
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            assert response.status == 200, (url, response.status)
        return time.perf_counter() - started

    for _ in range(2):
        fetch()
    return [fetch() for _ in range(repeat)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--after-change", action="store_true", help="each view the first after a change"
    )
    args = parser.parse_args()

    from kehoach_app import create_app
    from kehoach_app.db import db

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        app = create_app(data_dir=data_dir)
        conference_id = build(app)
        seat_the_hall(app, conference_id)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

        c = conference_id
        pages = {
            "ping (mốc so sánh)": "/__kehoach__/ping",
            "bảng điều khiển": f"/hoi-nghi/{c}",
            "Trung tâm in": f"/hoi-nghi/{c}/in",
            "Dự toán kinh phí": f"/hoi-nghi/{c}/du-toan",
            "Kế hoạch": f"/hoi-nghi/{c}/ke-hoach",
            "Kiểm tra": f"/hoi-nghi/{c}/kiem-tra",
        }
        with Server(data_dir) as server:
            base = server.base
            if args.after_change:
                database = data_dir / "kehoach.sqlite3"
                results = {
                    "ping (mốc so sánh)": http_times(
                        base + pages.pop("ping (mốc so sánh)"), args.repeat
                    )
                }
                for name, url in pages.items():
                    results[name] = times_after_change(base + url, args.repeat, database, c)
            else:
                results = {name: http_times(base + url, args.repeat) for name, url in pages.items()}

    ping = statistics.median(next(iter(results.values())))
    kind = "mỗi lần là lần xem đầu sau một thay đổi" if args.after_change else "xem lặp lại"
    print(
        f"1.000 đại biểu thêm, 300 khen thưởng, hội trường 1.109 chỗ đã xếp; {args.repeat} lần; "
        + kind
    )
    print(f"{'trang (HTTP, waitress)':<24} {'p50':>9} {'p95':>9} {'max':>9} {'p50−ping':>9}")
    for name, times in results.items():
        median = statistics.median(times)
        print(
            f"{name:<24} {median * 1000:6.1f} ms {percentile(times, 0.95) * 1000:6.1f} ms "
            f"{max(times) * 1000:6.1f} ms {(median - ping) * 1000:6.1f} ms"
        )
    print("mục tiêu: p95 ≤ 50 ms")


if __name__ == "__main__":
    main()
