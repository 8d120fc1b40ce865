"""Timings of the seating part on a big conference (not a test: run it and read the figures).

    python -m bench.bench_seating            # everything below
    python -m bench.bench_seating --http     # the automatic seating over HTTP alone

1,000 delegates (9 in the Đoàn Chủ tịch, 40 award recipients in 4 batches, 8 groups, 3 zones)
in a 1,100-seat hall: the automatic assignment, the seating page (p95 of 20), the chart PDF and
1,000 table cards.

`--http` (issue 19: automatic seating ≤ 100 ms of server time): bench_views' large conference
(bench/large.py's 1,000 delegates and 300 awards, this file's 1,109-seat hall, seated once) is
served by `python -m kehoach_app` (waitress), and the Xếp chỗ tự động button's POST is timed
`--repeat` times, each followed by the Hoàn tác POST (timed too) so that every seating starts
from the same state; /__kehoach__/ping in the same run is the baseline ("− ping" is the
server's own time) and the server process's CPU time per request is read from /proc (Linux).
Redirects are not followed: the time is the POST's alone.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from kehoach_app.seating import logic, printout

GIVEN = ["An", "Bình", "Cường", "Dũng", "Hương", "Lan", "Minh", "Ngọc", "Phương Thảo", "Quang"]
MIDDLE = ["Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thị Phương"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng"]


def big_layout() -> logic.HallLayout:
    # 9 on stage + 3 blocks × 22 rows × (16 | 18 | 16) = 9 + 1,100 − 9 … about 1,100 seats
    return logic.parse_layout(
        {
            "stage": {"rows": [{"seats": 11}]},
            "blocks": [
                {"name": "Khối trái", "rows": 22, "seats": 16},
                {"name": "Khối giữa", "rows": 22, "seats": 18},
                {"name": "Khối phải", "rows": 22, "seats": 16},
            ],
            "missing": ["B1-K-08", "B3-K-08"],
            "zones": [
                {
                    "key": "ld",
                    "kind": "lanh_dao",
                    "label": "Lãnh đạo",
                    "block": 2,
                    "rows": [1, 3],
                    "seats": [1, 18],
                },
                {
                    "key": "kt",
                    "kind": "nhan_thuong",
                    "label": "Nhận khen thưởng",
                    "block": 1,
                    "rows": [1, 4],
                    "seats": [1, 16],
                },
                {
                    "key": "bc",
                    "kind": "bao_chi",
                    "label": "Báo chí",
                    "block": 3,
                    "rows": [22, 22],
                    "seats": [1, 16],
                },
            ],
        }
    )


def big_people(n: int = 1000) -> list[logic.Person]:
    people = []
    for i in range(1, n + 1):
        name = f"{FAMILY[i % 8]} {MIDDLE[i % 6]} {GIVEN[i % 10]}"
        people.append(
            logic.Person(
                id=i,
                full_name=name,
                position="Chủ tịch Hội Liên hiệp Phụ nữ xã" if i % 3 else "Đại biểu",
                unit="Ủy ban nhân dân xã",
                protocol_rank=i if i <= 60 else 0,
                presidium=i <= 9,
                group_id=i % 8,
                reply="attending" if i % 10 else "pending",
            )
        )
    return people


def timed(function, repeat: int = 5) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    layout = big_layout()
    people = big_people()
    batches = [list(range(100 + 10 * b, 110 + 10 * b)) for b in range(4)]
    print(f"hall: {layout.capacity} seats; delegates: {len(people)}")

    def assign():
        # a fresh layout each time: its seat list is computed too
        fresh = logic.parse_layout(logic.layout_to_data(layout))
        return logic.assign_seats(
            fresh, people, zone_groups={"ld": [1, 2]}, award_batches=batches, pins={}
        )

    result = assign()
    print(
        f"seated {len(result.seats)}, unseated {len(result.unseated)}, "
        f"warnings {len(result.warnings)}"
    )
    times = timed(assign, 10)
    print(
        f"automatic assignment: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms"
    )

    views, unseated, warnings = logic.check_plan(
        layout, people, {c: (p, False) for c, p in result.seats.items()}
    )
    chart = logic.SeatingChart(
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026",
        hall_name="Trung tâm Hội nghị tỉnh",
        layout=layout,
        second_side="right",
        seats=views,
        unseated=unseated,
        warnings=warnings,
        issuer="Ủy ban nhân dân tỉnh",
    )
    times = timed(lambda: printout.render_chart(chart), 3)
    print(f"chart PDF: median {statistics.median(times):.0f} ms")
    chart_1000 = chart
    times = timed(lambda: printout.render_cards(chart_1000), 2)
    print(
        f"{len(printout.card_people(chart))} table cards: median {statistics.median(times):.0f} ms"
    )
    page_p95()


def page_p95() -> None:
    """The seating page of a 1,000-delegate conference through Flask's test client."""
    from kehoach_app import create_app
    from kehoach_app.conferences.models import Conference
    from kehoach_app.db import db
    from kehoach_app.delegates.models import Delegate
    from kehoach_app.demo import create_demo_conference
    from kehoach_app.seating import operations
    from kehoach_app.seating.models import Hall

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True}, data_dir=folder)
        with app.app_context():
            conference = create_demo_conference()
            db.session.add_all(
                Delegate(
                    conference_id=conference.id,
                    full_name=p.full_name,
                    position=p.position,
                    unit=f"Đơn vị {p.id}",
                    protocol_rank=0,
                    reply="attending",
                )
                for p in big_people(1000 - 40)
            )
            hall = Hall(name="Trung tâm Hội nghị tỉnh", layout=logic.layout_to_json(big_layout()))
            db.session.add(hall)
            db.session.flush()
            operations.choose_hall(conference, hall)
            db.session.commit()
            start = time.perf_counter()
            operations.auto_assign(db.session.get(Conference, conference.id))
            db.session.commit()
            print(
                "auto-assign with the database (load, assign, save): "
                f"{(time.perf_counter() - start) * 1000:.0f} ms"
            )
            cid = conference.id
        client = app.test_client()
        url = f"/hoi-nghi/{cid}/cho-ngoi"
        client.get(url)
        times = timed(lambda: client.get(url), 20)
        times.sort()
        print(
            f"seating page: median {statistics.median(times):.0f} ms, "
            f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms"
        )
        times = timed(lambda: client.get(f"/hoi-nghi/{cid}/in/so-do-cho-ngoi.pdf"), 3)
        print(f"chart PDF through the app: median {statistics.median(times):.0f} ms")
        times = timed(lambda: client.get(f"/hoi-nghi/{cid}/in/bien-ten.pdf"), 2)
        print(f"table cards through the app: median {statistics.median(times):.0f} ms")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http_auto_seating(repeat: int) -> None:
    """The Xếp chỗ tự động and Hoàn tác POSTs over HTTP on the large conference (see above)."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from bench.bench import percentile
    from bench.large import build, seat_the_hall
    from bench.server import Server
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
        with Server(data_dir) as server:
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
            )
            page = f"/hoi-nghi/{cid}/cho-ngoi"
            html = opener.open(server.base + page, timeout=60).read().decode()
            token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
            body = urllib.parse.urlencode({"csrf_token": token, "next": page}).encode()

            def post(path: str) -> float:
                started = time.perf_counter()
                try:
                    opener.open(server.base + path, data=body, timeout=60).read()
                except urllib.error.HTTPError as answer:
                    if answer.code != 302:
                        raise
                return time.perf_counter() - started

            ping, _, ping_cpu = server.times("/__kehoach__/ping", repeat)
            for _ in range(2):  # warm
                post(f"/hoi-nghi/{cid}/cho-ngoi/tu-dong")
                post(f"/hoi-nghi/{cid}/hoan-tac")
            seat_times, undo_times, seat_cpu, undo_cpu = [], [], 0.0, 0.0
            for _ in range(repeat):
                cpu = server.cpu_seconds()
                seat_times.append(post(f"/hoi-nghi/{cid}/cho-ngoi/tu-dong"))
                seat_cpu += server.cpu_seconds() - cpu
                cpu = server.cpu_seconds()
                undo_times.append(post(f"/hoi-nghi/{cid}/hoan-tac"))
                undo_cpu += server.cpu_seconds() - cpu
        base = statistics.median(ping)
        print(
            f"Hội nghị lớn: 1.000 đại biểu thêm, 300 khen thưởng, hội trường 1.109 ghế "
            f"({seated} người đã xếp chỗ); {repeat} lần mỗi yêu cầu (HTTP, waitress)"
        )
        print(f"{'yêu cầu':<28} {'p50':>7} {'p95':>7} {'max':>7} {'−ping':>7} {'CPU/lần':>8}  (ms)")
        for name, times, cpu in (
            ("ping (mốc so sánh)", ping, ping_cpu * repeat),
            ("POST xếp chỗ tự động", seat_times, seat_cpu),
            ("POST hoàn tác (sau xếp chỗ)", undo_times, undo_cpu),
        ):
            p50 = statistics.median(times)
            print(
                f"{name:<28} {p50 * 1000:7.1f} {percentile(times, 0.95) * 1000:7.1f} "
                f"{max(times) * 1000:7.1f} {(p50 - base) * 1000:7.1f} {cpu / repeat * 1000:8.1f}"
            )
        print("mục tiêu: xếp chỗ tự động ≤ 100 ms thời gian máy chủ")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http", action="store_true", help="only the automatic seating over HTTP")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if args.http:
        http_auto_seating(args.repeat)
    else:
        main()
        http_auto_seating(args.repeat)
