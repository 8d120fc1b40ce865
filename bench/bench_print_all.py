"""Benchmark of the complete set of printouts (issue 9): a conference with 1,000 delegates,
300 awards in 8 forms, 40 programme items and 80 tasks; every printout in every format.

    python bench/bench_print_all.py

Prints the whole set as the print centre's ZIP and print-all build it, the first time after the
start (helper processes on a machine with more than one processor; target ≤ 5 s), the same set
in one process, the time of each printout (the Kế hoạch DOCX: ≤ 500 ms) and the peak memory
of the main process (≤ 300 MB) and of a helper. Not a test.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hồng"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hương",
    "Khoa",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Thảo",
    "Trung",
    "Yến",
    "Ánh",
    "Ổn",
    "Ửng",
]


def name(n: int) -> str:
    return f"{SURNAMES[n % 16]} {MIDDLE[(n // 16) % 10]} {GIVEN[(n // 160) % 23]}"


def build(app) -> int:
    from kehoach_app.agenda.models import AgendaItem
    from kehoach_app.awards.catalogue import all_forms, ensure_catalogue
    from kehoach_app.awards.models import Award
    from kehoach_app.db import db
    from kehoach_app.delegates.models import Delegate, DelegateGroup
    from kehoach_app.demo import create_demo_conference
    from kehoach_app.tasks.models import Task

    with app.app_context():
        conference = create_demo_conference()
        db.session.flush()
        cid = conference.id
        group = DelegateGroup(
            conference_id=cid, position=99, name="Đại biểu mời thêm", planned=1000
        )
        db.session.add(group)
        db.session.flush()
        for n in range(1000):
            db.session.add(
                Delegate(
                    conference_id=cid,
                    group_id=group.id,
                    full_name=name(n),
                    honorific="Đồng chí",
                    position="Chuyên viên",
                    unit=f"Phòng chuyên môn số {n % 40 + 1}",
                    protocol_rank=n + 100,
                    reply="attending" if n % 5 else "pending",
                )
            )
        ensure_catalogue()
        forms = all_forms()[:8]
        for n in range(300):
            form = forms[n % len(forms)]
            kind = "individual" if form.for_individual else "collective"
            db.session.add(
                Award(
                    conference_id=cid,
                    form_id=form.id,
                    position=n + 100,
                    recipient_kind=kind,
                    name=name(n + 7),
                    unit="Xã Tân Hòa",
                    decision_number=f"{n + 1}/QĐ-UBND",
                    decision_date=dt.date(2026, 12, 20),
                )
            )
        for n in range(40):
            db.session.add(
                AgendaItem(
                    conference_id=cid,
                    position=n + 100,
                    kind="tham_luan",
                    title=f"Tham luận số {n + 1}",
                    minutes=5,
                )
            )
        for n in range(80):
            db.session.add(
                Task(
                    conference_id=cid,
                    position=n + 100,
                    title=f"Nhiệm vụ số {n + 1}",
                    lead_unit=f"Đơn vị {n % 12 + 1}",
                    deadline_kind="days_before",
                    days_before=n % 20,
                )
            )
        db.session.commit()
        return cid


def main() -> None:
    from kehoach_app import create_app
    from kehoach_app.conferences.models import Conference
    from kehoach_app.db import db
    from kehoach_app.printouts import all_printouts, build_set

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(data_dir=Path(tmp) / "data")
        cid = build(app)
        with app.app_context():
            conference = db.session.get(Conference, cid)
            # 1. What the print centre's ZIP and print-all do, the first time after the start:
            #    helper processes on a machine with more than one processor.
            started = time.perf_counter()
            files = build_set(conference)
            whole = time.perf_counter() - started
            # 2. The same set in this process only (the machine with one processor).
            started = time.perf_counter()
            build_set(conference, helpers=0)
            alone = time.perf_counter() - started
            # 3. Each printout on its own (warm), to see where the time goes.
            rows = []
            for printout in all_printouts():
                for fmt in printout.formats:
                    t0 = time.perf_counter()
                    data = printout.build(conference, fmt)
                    rows.append(
                        (f"{printout.title} ({fmt.upper()})", time.perf_counter() - t0, len(data))
                    )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        helper_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        for title, seconds, size in rows:
            print(f"{title:<55} {seconds * 1000:8.0f} ms {size / 1024:8.0f} KB")
        label = f"Cả bộ bản in ({len(files)} tệp), lần đầu, có tiến trình phụ"
        print(f"{label:<55} {whole:8.2f} s   (mục tiêu ≤ 5 s)")
        print(f"{'Cả bộ bản in, chỉ một tiến trình':<55} {alone:8.2f} s")
        print(f"{'Bộ nhớ đỉnh của tiến trình chính':<55} {peak:8.0f} MB  (mục tiêu ≤ 300 MB)")
        print(f"{'Bộ nhớ đỉnh của một tiến trình phụ':<55} {helper_peak:8.0f} MB")


if __name__ == "__main__":
    main()
