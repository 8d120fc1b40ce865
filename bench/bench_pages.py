"""Pages as the officer feels them (issue 19): the dashboard, the print centre, the budget page
and the plan page of a 1,000-delegate, 300-award conference with a seated 1,109-seat hall, over
HTTP through the real server (waitress), with /__kehoach__/ping as the baseline in the same run.

    python bench/bench_pages.py [--repeat 30] [--after-change] [--tree PATH]

The conference is bench/large.py's (the demo + 1,000 delegates, 300 awards, 40 agenda items,
80 tasks) plus bench_seating's hall, seated by the automatic seating. Each page is fetched twice
to warm up, then `--repeat` times; p50 / p95 / max in ms, and p50 minus ping's p50 (the server's
own time, comparable across machines), and the server's CPU time per request (from /proc: on the
shared machine the wall time swings with the others' load, the CPU time much less). Goal: p95 ≤
50 ms. Not a test (timings are never asserted). `--tree` serves the pages with another checkout's
code (the conference is built by this one, so both must share the schema; else run the other
checkout's own copy of this script): before and after measured in the same conditions.

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
from bench.large import build, seat_the_hall, touch  # noqa: E402
from bench.server import Server  # noqa: E402


def times_after_change(
    server: Server, url: str, repeat: int, database: Path, conference_id: int
) -> tuple[list[float], float]:
    """Each GET timed right after another connection committed a change to the conference;
    (wall seconds of each, server CPU seconds per request)."""

    def fetch() -> float:
        touch(database, conference_id)
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            assert response.status == 200, (url, response.status)
        return time.perf_counter() - started

    for _ in range(2):
        fetch()
    cpu_before = server.cpu_seconds()
    times = [fetch() for _ in range(repeat)]
    return times, (server.cpu_seconds() - cpu_before) / repeat


def times_repeated(server: Server, url: str, repeat: int) -> tuple[list[float], float]:
    """Each GET timed with nothing changed in between; (wall seconds, server CPU per request)."""
    path = url[len(server.base) :]
    for _ in range(2):  # warm: templates compiled, caches filled
        server.fetch(path)
    cpu_before = server.cpu_seconds()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        server.fetch(path)
        times.append(time.perf_counter() - started)
    return times, (server.cpu_seconds() - cpu_before) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--after-change", action="store_true", help="each view the first after a change"
    )
    parser.add_argument("--tree", type=Path, default=ROOT, help="serve this checkout's code")
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
        with Server(data_dir, root=args.tree.resolve()) as server:
            base = server.base
            results = {
                "ping (mốc so sánh)": times_repeated(
                    server, base + pages.pop("ping (mốc so sánh)"), args.repeat
                )
            }
            database = data_dir / "kehoach.sqlite3"
            for name, url in pages.items():
                if args.after_change:
                    results[name] = times_after_change(server, base + url, args.repeat, database, c)
                else:
                    results[name] = times_repeated(server, base + url, args.repeat)

    ping = statistics.median(next(iter(results.values()))[0])
    kind = "mỗi lần là lần xem đầu sau một thay đổi" if args.after_change else "xem lặp lại"
    print(
        f"1.000 đại biểu thêm, 300 khen thưởng, hội trường 1.109 chỗ đã xếp; {args.repeat} lần; "
        + kind
    )
    if args.tree.resolve() != ROOT:
        print(f"mã phục vụ: {args.tree.resolve()}")
    print(
        f"{'trang (HTTP, waitress)':<24} {'p50':>9} {'p95':>9} {'max':>9} {'p50−ping':>9} "
        f"{'CPU máy chủ':>12}"
    )
    for name, (times, cpu) in results.items():
        median = statistics.median(times)
        print(
            f"{name:<24} {median * 1000:6.1f} ms {percentile(times, 0.95) * 1000:6.1f} ms "
            f"{max(times) * 1000:6.1f} ms {(median - ping) * 1000:6.1f} ms "
            f"{cpu * 1000:6.1f} ms/lần"
        )
    print("mục tiêu: p95 ≤ 50 ms")


if __name__ == "__main__":
    main()
