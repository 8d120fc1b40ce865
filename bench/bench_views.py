"""Benchmark of the pages that show a part's list (issue 19, "pages that cost what they show"),
over HTTP through the real server, on the large conference.

    python bench/bench_views.py [--repeat 30] [--scaling 250,1000,5000]

The conference is bench/large.py's (1,000 delegates, 300 awards in 8 forms, 40 programme items,
80 tasks) with bench_seating's 1,109-seat hall chosen and filled by the automatic seating
operation. The program is started as the officer starts it (`python -m kehoach_app`, waitress)
and each page is fetched `--repeat` times after two warm-up fetches: p50, p95 and max, and the
HTML size. /__kehoach__/ping, which does no work, is the baseline measured in the same run, so
"p50 − ping" is the server's own time and figures compare across machines. Goal: p95 ≤ 50 ms.

`--compare PATH` measures another copy of the program (e.g. the last commit unpacked with
`git archive HEAD | tar -x -C PATH`) on the same data right after, for a before/after in the
same conditions on a shared machine.

Then the delegates page alone at 250, 1,000 and 5,000 delegates (bench_delegates' conference,
one page of 100 shown): wall time over HTTP, and the server's CPU time per request, read from
the server process's /proc/<pid>/stat before and after the requests (Linux), which the other
engineers' load on the machine does not inflate as it does wall time. Goal: flat in the total.
Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import percentile  # noqa: E402
from bench.large import build, seat_the_hall  # noqa: E402
from bench.server import Server  # noqa: E402


def row(name: str, times: list[float], size: int, cpu: float, ping: float) -> str:
    p50 = statistics.median(times)
    return (
        f"{name:<34} {p50 * 1000:7.1f} {percentile(times, 0.95) * 1000:7.1f} "
        f"{max(times) * 1000:7.1f} {(p50 - ping) * 1000:8.1f} {cpu * 1000:7.1f} "
        f"{size / 1024:7.0f}"
    )


HEADER = (
    f"{'trang (HTTP, waitress)':<34} {'p50':>7} {'p95':>7} {'max':>7} {'−ping':>8} "
    f"{'CPU/lần':>7} {'KB':>7}  (ms)"
)


def large_conference(repeat: int, compare: list[Path]) -> None:
    from kehoach_app import create_app
    from kehoach_app.db import db

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        app = create_app(data_dir=data_dir)
        cid = build(app)
        seated = seat_the_hall(app, cid)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        pages = {
            "ping (mốc so sánh)": "/__kehoach__/ping",
            "đại biểu (trang 1)": f"/hoi-nghi/{cid}/dai-bieu",
            "đại biểu (trang 3)": f"/hoi-nghi/{cid}/dai-bieu?trang=3",
            "khen thưởng": f"/hoi-nghi/{cid}/khen-thuong",
            "chỗ ngồi (sơ đồ)": f"/hoi-nghi/{cid}/cho-ngoi",
            "kế hoạch": f"/hoi-nghi/{cid}/ke-hoach",
            "nhiệm vụ": f"/hoi-nghi/{cid}/nhiem-vu",
        }
        print(
            f"Hội nghị lớn: 1.000 đại biểu thêm, 300 khen thưởng, hội trường 1.109 ghế "
            f"({seated} người đã xếp chỗ); {repeat} lần mỗi trang"
        )
        # --compare: the same pages served by another copy of the program (e.g. the last
        # commit, `git archive HEAD | tar -x -C /tmp/old`) on the same data, one after the
        # other, so "before" and "after" are measured in the same conditions
        for root in [ROOT, *compare]:
            with Server(data_dir, root) as server:
                results = {name: server.times(url, repeat) for name, url in pages.items()}
            ping = statistics.median(results["ping (mốc so sánh)"][0])
            print(f"— chương trình ở {root}")
            print(HEADER)
            for name, (times, size, cpu) in results.items():
                print(row(name, times, size, cpu, ping))
        print("mục tiêu: p95 ≤ 50 ms")


def delegates_scaling(counts: list[int], repeat: int, compare: list[Path]) -> None:
    from bench.bench_delegates import populate

    print()
    print(f"Trang đại biểu theo số đại biểu (một trang 100 người); {repeat} lần mỗi trang")
    print(HEADER)
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = Path(tmp) / "data"
            app, cid = populate(data_dir, count)
            from kehoach_app.db import db

            with app.app_context():
                db.session.remove()
                db.engine.dispose()
            for n, root in enumerate([ROOT, *compare]):
                with Server(data_dir, root) as server:
                    ping = server.times("/__kehoach__/ping", repeat)
                    page = server.times(f"/hoi-nghi/{cid}/dai-bieu", repeat)
                base = statistics.median(ping[0])
                mark = f" [{n}]" if compare else ""
                print(row(f"ping ({count} đại biểu){mark}", *ping, base))
                print(row(f"đại biểu ({count} đại biểu){mark}", *page, base))
    print("mục tiêu: CPU máy chủ mỗi lần không tăng theo tổng số đại biểu")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--scaling", default="250,1000,5000")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        type=Path,
        help="another copy of the program to measure in the same run ([1], [2] … in the tables)",
    )
    args = parser.parse_args()
    if not args.skip_large:
        large_conference(args.repeat, args.compare)
    counts = [int(n) for n in args.scaling.split(",") if n]
    if counts:
        delegates_scaling(counts, args.repeat, args.compare)


if __name__ == "__main__":
    main()
