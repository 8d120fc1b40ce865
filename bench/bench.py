"""Benchmark: figures for the targets in the issues, printed as a table (not a timed test).

    python bench/bench.py [--conferences 300] [--repeat 200] [--frozen PATH]

--frozen defaults to dist/KeHoachHoiNghi/KeHoachHoiNghi (after `bash build/build.sh`).

Measures: time to first page from a cold start (source, and frozen when a build exists), server
time per page (median and p95 over repeated requests, in-process through the WSGI app), time per
printout, and peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import free_port  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def populate(data_dir: Path, conferences: int) -> int:
    """A data folder with many conferences (each edited a few times); returns one conference id."""
    from kehoach_app import create_app
    from kehoach_app.conferences import operations
    from kehoach_app.db import db
    from kehoach_app.demo import create_demo_conference

    app = create_app(data_dir=data_dir)
    with app.app_context():
        first = create_demo_conference()
        for n in range(conferences - 1):
            conference = create_demo_conference()
            values = conference.values()
            values["title"] = f"{values['title']} (bản {n})"
            operations.update_conference(conference, values)
        db.session.commit()
        return first.id


def cold_start(command: list[str], data_dir: Path, runs: int = 3) -> list[float]:
    """Seconds from starting the program to the first page answered, over `runs` starts."""
    times = []
    for _ in range(runs):
        port = free_port()
        env = dict(os.environ, KEHOACH_DATA_DIR=str(data_dir))
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--no-browser", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = started + 60
            while time.perf_counter() < deadline:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                        if r.status == 200:
                            times.append(time.perf_counter() - started)
                            break
                except OSError:
                    time.sleep(0.02)
            else:
                raise RuntimeError("the program did not answer within 60 s")
        finally:
            process.terminate()
            process.wait(10)
    return times


def page_times(client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conferences", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument(
        "--frozen", default=str(ROOT / "dist" / "KeHoachHoiNghi" / "KeHoachHoiNghi")
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        started = time.perf_counter()
        conference_id = populate(data_dir, args.conferences)
        print(
            f"Dữ liệu thử: {args.conferences} hội nghị, tạo trong "
            f"{time.perf_counter() - started:.1f} s"
        )

        rows: list[tuple[str, str, str]] = []
        source = cold_start([sys.executable, "-m", "kehoach_app"], data_dir)
        rows.append(
            ("khởi động → trang đầu (mã nguồn)", f"{statistics.median(source):.2f} s", "≤ 1,5 s")
        )
        if Path(args.frozen).exists():
            frozen = cold_start([args.frozen], data_dir)
            rows.append(
                (
                    "khởi động → trang đầu (bản đóng gói)",
                    f"{statistics.median(frozen):.2f} s",
                    "≤ 1 s",
                )
            )
        else:
            rows.append(("khởi động → trang đầu (bản đóng gói)", "chưa có bản build", "≤ 1 s"))

        from kehoach_app import create_app
        from kehoach_app.conferences.models import Conference
        from kehoach_app.db import db
        from kehoach_app.printouts import all_printouts

        app = create_app(data_dir=data_dir)
        client = app.test_client()
        pages = {
            "danh sách hội nghị (/)": "/",
            "bảng điều khiển hội nghị": f"/hoi-nghi/{conference_id}",
            "biểu mẫu sửa": f"/hoi-nghi/{conference_id}/sua",
            "chọn mẫu": "/hoi-nghi/moi",
            "biểu mẫu tạo mới": "/hoi-nghi/moi/tong_ket.xa",
            "thùng rác": "/thung-rac",
        }
        for name, url in pages.items():
            times = page_times(client, url, args.repeat)
            rows.append(
                (
                    f"trang: {name}",
                    f"trung vị {statistics.median(times) * 1000:.1f} ms, "
                    f"p95 {percentile(times, 0.95) * 1000:.1f} ms",
                    "p95 ≤ 50 ms",
                )
            )

        with app.app_context():
            conference = db.session.get(Conference, conference_id)
            for printout in all_printouts():
                for fmt in printout.formats:
                    printout.build(conference, fmt)  # warm (fonts registered once)
                    times = []
                    for _ in range(20):
                        started = time.perf_counter()
                        printout.build(conference, fmt)
                        times.append(time.perf_counter() - started)
                    rows.append(
                        (
                            f"bản in: {printout.title} ({fmt.upper()})",
                            f"trung vị {statistics.median(times) * 1000:.1f} ms",
                            "≤ 100 ms" if fmt == "pdf" else "",
                        )
                    )

        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rows.append(("bộ nhớ đỉnh (tiến trình benchmark)", f"{peak_kb / 1024:.0f} MB", ""))

        width = max(len(r[0]) for r in rows)
        print(f"{'phép đo'.ljust(width)}  {'kết quả':<40} mục tiêu")
        for name, value, target in rows:
            print(f"{name.ljust(width)}  {value:<40} {target}")


if __name__ == "__main__":
    main()
