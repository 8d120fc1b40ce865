"""Benchmark of the complete set of printouts (issue 9): a conference with 1,000 delegates,
300 awards in 8 forms, 40 programme items and 80 tasks; every printout in every format.

    python bench/bench_print_all.py

Prints the whole set as the print centre's ZIP and print-all build it, the first time after the
start (helper processes on a machine with more than one processor; target ≤ 5 s), the same set
in one process, the time of each printout (the Kế hoạch DOCX: ≤ 500 ms) and the peak memory
of the main process (≤ 300 MB) and of a helper. Not a test.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.large import build  # noqa: E402  (the large conference, one builder for bench/)


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
