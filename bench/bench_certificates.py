"""Benchmark of In phôi (issue 20) over HTTP through the real server: the certificates PDF of
the large conference (bench/large.py: 300 awards in 8 forms, plus the demo's 30), one page per
recipient; and the receipt list (Danh sách ký nhận tiền thưởng, PDF) of the same awards.

    python bench/bench_certificates.py [--repeat 10]

Starts the program as the officer does (`python -m kehoach_app`, waitress) and times GET of each
file against a baseline in the same run: /__kehoach__/ping, which does no work, so "file − ping"
is the server's own time and the figures compare across machines. Target: the certificates of
300 recipients ≤ 2 s. Not a test.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import percentile  # noqa: E402
from bench.bench_check import http_times  # noqa: E402
from bench.large import build  # noqa: E402
from bench.server import Server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    from kehoach_app import create_app
    from kehoach_app.awards.models import Award
    from kehoach_app.db import db

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        app = create_app(data_dir=data_dir)
        conference_id = build(app, delegates=100)
        with app.app_context():
            awards = db.session.query(Award).filter_by(conference_id=conference_id).count()
            db.session.remove()
            db.engine.dispose()

        with Server(data_dir) as server:
            base = server.base
            files = {
                "ping (không làm gì, mốc so sánh)": "/__kehoach__/ping",
                f"In phôi: {awards} tờ (PDF)": f"/hoi-nghi/{conference_id}/in-phoi/giay-khen.pdf",
                "Danh sách ký nhận tiền thưởng (PDF)": (
                    f"/hoi-nghi/{conference_id}/in/ky-nhan-tien-thuong.pdf"
                ),
            }
            results = {name: http_times(base + url, args.repeat) for name, url in files.items()}
            import urllib.request

            import pdfplumber

            with urllib.request.urlopen(base + files[f"In phôi: {awards} tờ (PDF)"]) as response:
                with pdfplumber.open(io.BytesIO(response.read())) as pdf:
                    pages = len(pdf.pages)

        ping = statistics.median(next(iter(results.values())))
        print(f"Hội nghị thử: {awards} khen thưởng; in phôi {pages} trang; {args.repeat} lần")
        print(
            f"{'tệp (HTTP, waitress)':<42} {'trung vị':>10} {'p95':>10} {'min–max':>17} "
            f"{'trừ ping':>10}"
        )
        for name, times in results.items():
            median = statistics.median(times)
            print(
                f"{name:<42} {median * 1000:8.1f} ms {percentile(times, 0.95) * 1000:7.1f} ms "
                f"{min(times) * 1000:7.1f}–{max(times) * 1000:7.1f} ms "
                f"{(median - ping) * 1000:7.1f} ms"
            )
        print("mục tiêu: in phôi 300 người ≤ 2 s")


if __name__ == "__main__":
    main()
