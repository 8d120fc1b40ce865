"""Timings of the seating part on a big conference (not a test: run it and read the figures).

    python -m bench.bench_seating

1,000 delegates (9 in the Đoàn Chủ tịch, 40 award recipients in 4 batches, 8 groups, 3 zones)
in a 1,100-seat hall: the automatic assignment, the seating page (p95 of 20), the chart PDF and
1,000 table cards.
"""

from __future__ import annotations

import statistics
import tempfile
import time

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


if __name__ == "__main__":
    main()
