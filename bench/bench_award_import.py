"""Benchmark of the import from the decision (issue 20, part 2): a 300-row Quyết định .docx (40
collectives, 260 individuals, two tables with a merged header and section rows, built with
python-docx as tests/awards/test_decision_import.py builds its decision) read, previewed and
imported — in-process (each stage timed) and over HTTP through the real server.

    python bench/bench_award_import.py [--repeat 7]

In-process: read_file (python-docx) → preview (mapping, forms, duplicates, the page's own check
of every row) → import (one undo step, commit), each run into a fresh conference. Over HTTP
(`python -m kehoach_app`, waitress, as the officer starts it): POST the file (read + preview +
the page) and POST "Nhập" (read again + preview + import + redirect), each import undone before
the next run; baseline in the same run: /__kehoach__/ping, which does no work, so "− ping" is the
server's own time and the figures compare across machines. Target: parse + preview + import of
300 rows ≤ 2 s. Not a test.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import percentile  # noqa: E402
from bench.bench_check import http_times  # noqa: E402
from bench.server import Server  # noqa: E402

COLLECTIVES = 40
INDIVIDUALS = 260
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Quốc", "Thu", "Hữu", "Ngọc")
GIVEN = ("An", "Bình", "Cường", "Dung", "Hà", "Hạnh", "Khang", "Lệ", "Mai", "Nam", "Tâm", "Tú")
UNITS = ("Trường Tiểu học Tân Hòa", "Trạm Y tế xã Tân Hòa", "Công an xã Tân Hòa", "ấp Mỹ Lộc")


def decision_300() -> bytes:
    from tests.awards.test_decision_import import decision_docx

    collectives = [(str(n), f"Tổ dân phố số {n} xã Tân Hòa") for n in range(1, COLLECTIVES + 1)]
    individuals = []
    for n in range(1, INDIVIDUALS + 1):
        name = f"{FAMILY[n % 10]} {MIDDLE[n % 8]} {GIVEN[n % 12]} {n:03d}"
        if n % 7 == 0:  # some typed decomposed
            name = unicodedata.normalize("NFD", name)
        individuals.append((str(n), name, "Giáo viên", UNITS[n % 4]))
    return decision_docx(collectives=collectives, individuals=individuals)


def summary(name: str, times: list[float], ping: float = 0.0) -> str:
    median = statistics.median(times)
    line = (
        f"{name:<44} {median * 1000:8.1f} ms {percentile(times, 0.95) * 1000:7.1f} ms "
        f"{min(times) * 1000:7.1f}–{max(times) * 1000:7.1f} ms"
    )
    if ping:
        line += f" {(median - ping) * 1000:8.1f} ms"
    return line


def in_process(app, raw: bytes, repeat: int) -> dict[str, list[float]]:
    from kehoach_app.awards import decision_import as di
    from kehoach_app.awards import decision_import_ops as ops
    from kehoach_app.conferences.models import Conference
    from kehoach_app.db import db
    from tests.awards.conftest import make_conference

    stages: dict[str, list[float]] = {"đọc tệp": [], "xem trước": [], "nhập": [], "cộng": []}
    for run in range(repeat + 1):  # the first run warms imports and caches
        conference_id = make_conference(app)
        with app.test_request_context():
            conference = db.session.get(Conference, conference_id)
            started = time.perf_counter()
            source = di.read_file(raw)
            read = time.perf_counter()
            preview = ops.preview(conference, source)
            previewed = time.perf_counter()
            assert preview.ok, preview.all_problems[:3]
            count = ops.import_preview(conference, preview)
            db.session.commit()
            done = time.perf_counter()
            assert count == COLLECTIVES + INDIVIDUALS, count
        if run:
            stages["đọc tệp"].append(read - started)
            stages["xem trước"].append(previewed - read)
            stages["nhập"].append(done - previewed)
            stages["cộng"].append(done - started)
    return stages


def multipart(fields: dict[str, str], file: tuple[str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    name, data = file
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def over_http(base: str, conference_id: int, raw: bytes, repeat: int) -> dict[str, list[float]]:
    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = f"{base}/hoi-nghi/{conference_id}/khen-thuong/nhap-quyet-dinh"

    def fetch(url: str, data: bytes | None = None, content_type: str = "") -> tuple[int, str]:
        request = urllib.request.Request(url, data=data)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    token = re.search(r'name="csrf_token" value="([^"]+)"', fetch(page)[1]).group(1)
    times: dict[str, list[float]] = {"POST tệp → xem trước": [], "POST Nhập → nhập": []}
    for run in range(repeat + 1):
        body, kind = multipart({"csrf_token": token}, ("qd.docx", raw))
        started = time.perf_counter()
        status, text = fetch(page, body, kind)
        previewed = time.perf_counter()
        assert status == 200, (status, text[:2000])
        fields = [("csrf_token", token)]
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text):
            if name in ("token", "xem"):
                fields.append((name, value))
        for name in ("so-quyet-dinh", "ngay-quyet-dinh"):
            fields.append((name, re.search(rf'name="{name}" value="([^"]*)"', text).group(1)))
        for select in re.finditer(
            r'<select id="[^"]+" name="(cot-[^"]+)"[^>]*>(.*?)</select>', text, re.S
        ):
            fields.append(
                (select.group(1), re.search(r'value="([^"]*)" selected', select.group(2)).group(1))
            )
        fields.append(("hinh-thuc", ""))
        body = urllib.parse.urlencode(fields).encode()
        started_import = time.perf_counter()
        status, text = fetch(page + "/nhap", body, "application/x-www-form-urlencoded")
        imported = time.perf_counter()
        assert status == 302, (status, text[:2000])
        undo = urllib.parse.urlencode({"csrf_token": token}).encode()
        status, _ = fetch(
            f"{base}/hoi-nghi/{conference_id}/hoan-tac", undo, "application/x-www-form-urlencoded"
        )
        assert status == 302, status
        if run:
            times["POST tệp → xem trước"].append(previewed - started)
            times["POST Nhập → nhập"].append(imported - started_import)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from kehoach_app import create_app
    from kehoach_app.db import db
    from tests.awards.conftest import make_conference

    raw = decision_300()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        app = create_app(data_dir=data_dir)
        stages = in_process(app, raw, args.repeat)
        conference_id = make_conference(app)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

        with Server(data_dir) as server:
            base = server.base
            ping_times = http_times(base + "/__kehoach__/ping", args.repeat)
            http = over_http(base, conference_id, raw, args.repeat)

    ping = statistics.median(ping_times)
    print(
        f"Quyết định {COLLECTIVES + INDIVIDUALS} dòng ({COLLECTIVES} tập thể, {INDIVIDUALS} cá "
        f"nhân), {len(raw) // 1024} KB; {args.repeat} lần"
    )
    print(f"{'trong tiến trình':<44} {'trung vị':>11} {'p95':>10} {'min–max':>17}")
    for name, times in stages.items():
        print(summary(name, times))
    print(f"{'HTTP (waitress)':<44} {'trung vị':>11} {'p95':>10} {'min–max':>17} {'trừ ping':>11}")
    print(summary("ping (không làm gì, mốc so sánh)", ping_times, ping))
    for name, times in http.items():
        print(summary(name, times, ping))
    total = [a + b for a, b in zip(*http.values(), strict=True)]
    print(summary("cộng (xem trước + nhập)", total, ping))
    print("mục tiêu: đọc + xem trước + nhập 300 dòng ≤ 2 s")


if __name__ == "__main__":
    main()
