"""What the officer feels (issue 19): every figure of the issue's table in one run, over HTTP
through the real server, on the large conference, beside its goal. Not a test.

    python bench/bench_http.py [--repeat 30] [--scaling 250,1000,5000] [--skip-seating]
                               [--skip-scaling] [--skip-print] [--start-runs 5]
                               [--skip-pages] [--zip-runs 2] [--tree /tmp/base]

- The conference: bench/large.py (the demo + 1,000 delegates, 300 awards in 8 forms, 40
  programme items, 80 tasks, the 1,109-seat hall filled by the automatic seating).
- The server: `python -m kehoach_app` (waitress) on a free port, as the officer starts it
  (bench/server.py). Each page is fetched twice to warm up, then `--repeat` times: p50, p95
  and max of the wall time, and the server process's CPU time per request (/proc, Linux), which
  the other work on a shared machine inflates far less than the wall time. Twice: viewed again
  with nothing changed (what the server keeps between requests is read again), and each time
  the first view after a change committed by another connection (bench_pages --after-change).
- The baseline, in the same run, so that figures compare across machines: GET
  /__kehoach__/ping over HTTP (does no work: "− ping" is the server's own time) and a bare
  ReportLab table of 200 rows built in this process (the printing library's own speed).
- The scaling of the delegates page (one page of 100 shown) and of the danh sách đại biểu PDF
  at 250 / 1,000 / 5,000 added delegates (bench/large.py's conference, hall not seated).
- The complete set: `flask --app kehoach_app print-all` (a new process, as a script runs it)
  and the print centre's ZIP over HTTP on a freshly started server (its first request; its
  second too with --zip-runs 2): wall time, CPU time of every process (the command or the
  server, and the helper processes they start), and the peak memory of all of them together,
  sampled every 20 ms from /proc (the sum of RSS, which counts the shared libraries once per
  process, and the sum of PSS, which shares them out; the sampled peak may miss a spike
  shorter than 20 ms).
- The automatic seating POST over HTTP: bench_seating.http_auto_seating (its own table).
- The cold start of the frozen package against a frozen Flask+waitress hello world: only when
  bench/bench_start.py has built both (it takes minutes); else the row says so.

The machine is shared and noisy: run it twice, read the spread, compare CPU times. To compare
with another checkout (a before/after), run the two alternately on the same conference:
`--tree DIR` starts the server and print-all from DIR (the conference is still built by this
checkout's bench/large.py: DIR must open a database of this checkout's schema).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import percentile  # noqa: E402
from bench.large import large_data_dir, touch  # noqa: E402
from bench.server import Server  # noqa: E402

MS = 1000
PAGE_GOAL = "p95 ≤ 50 ms"
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


# --- the processes: CPU and memory of a process and all its descendants (Linux /proc) -----------


def descendants(pid: int) -> list[int]:
    """`pid` and every process under it (the helpers of a printout set are its children)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except OSError:
                pass
    return out


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of `pid` and its live descendants, with the children they
    have already reaped (a finished helper's time moves to its parent's cutime/cstime)."""
    total = 0
    for each in descendants(pid):
        try:
            fields = _stat(each)
        except OSError:
            continue
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))
    return total / CLK_TCK


def _status_kb(pid: int, key: str, file: str = "status") -> int:
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def before_exec(pid: int) -> bool:
    """A child caught between its fork and its exec (the start of a helper): it has its parent's
    command line and its parent's pages (vfork shares them, fork copies them on write only), so
    /proc shows the parent's RSS a second time — the sum of a sample that fell there once read
    419 MB. It holds no memory of its own yet: not counted."""
    try:
        parent = int(_stat(pid)[1])
        return Path(f"/proc/{pid}/cmdline").read_bytes() == (
            Path(f"/proc/{parent}/cmdline").read_bytes()
        )
    except (OSError, ValueError, IndexError):
        return False


class MemoryWatch:
    """Samples the memory of a process tree every `interval` s in a thread: the peak of the sum
    of RSS and the peak of the sum of PSS over the processes alive at each sample (a child not
    yet exec'd left out: before_exec), and how many processes there were at most."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval = pid, interval
        self.rss_peak = self.pss_peak = 0
        self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = [p for p in descendants(self.pid) if p == self.pid or not before_exec(p)]
            rss = sum(_status_kb(p, "VmRSS:") for p in pids)
            pss = sum(_status_kb(p, "Pss:", "smaps_rollup") for p in pids)
            self.rss_peak, self.pss_peak = max(self.rss_peak, rss), max(self.pss_peak, pss)
            self.processes = max(self.processes, len([p for p in pids if _status_kb(p, "VmRSS:")]))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def load_average() -> str:
    """The machine's load (Linux): how much the other work on it disturbs the wall times."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


# --- the baseline ----------------------------------------------------------------------------


def reportlab_table_times(repeat: int, rows: int = 200) -> list[float]:
    """A bare ReportLab table of `rows` rows (no fonts of ours, no frame), built in this
    process: what the printing library itself costs on this machine."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    data = [["STT", "Họ và tên", "Chức vụ", "Số tiền"]] + [
        [str(n), f"Nguyen Van {n}", "Chuyen vien", f"{n * 1000:,}"] for n in range(1, rows + 1)
    ]

    def build() -> bytes:
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build([Table(data, repeatRows=1)])
        return buffer.getvalue()

    build()  # warm: the library's modules loaded
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        build()
        out.append(time.perf_counter() - started)
    return out


# --- the measurements --------------------------------------------------------------------------


PAGE_HEAD = ("hình đo", "p50", "p95", "max", "−ping", "CPU máy chủ", "KB", "mục tiêu")
SET_HEAD = ("cách in", "thời gian", "CPU tổng", "RSS đỉnh", "PSS đỉnh", "tiến trình", "tệp",
            "mục tiêu")  # fmt: skip
COLUMNS = 8


class Report:
    """The report: sections, each with its column heads, one row per figure with its goal."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def section(self, title: str, head: tuple[str, ...] = PAGE_HEAD) -> None:
        self.rows.append((title,))
        self.rows.append(head)

    def add(self, figure: str, *cells: str, goal: str = "") -> None:
        cells = cells + ("",) * (COLUMNS - 2 - len(cells))
        self.rows.append((figure, *cells, goal))

    def print(self) -> None:
        widths = (48,) + (11,) * (COLUMNS - 2) + (0,)
        for row in self.rows:
            if len(row) == 1:
                print()
                print(row[0])
                continue
            print(" ".join(c.ljust(w) if w else c for c, w in zip(row, widths, strict=True)))


def ms(seconds: float) -> str:
    return f"{seconds * MS:.1f} ms"


def page_row(table: Report, name: str, result, ping: float, goal: str = PAGE_GOAL) -> None:
    times, size, cpu = result
    p50 = statistics.median(times)
    table.add(
        name,
        ms(p50),
        ms(percentile(times, 0.95)),
        ms(max(times)),
        ms(p50 - ping),
        ms(cpu),
        f"{size / 1024:.0f}",
        goal=goal,
    )


def pages(table: Report, data_dir: Path, cid: int, repeat: int, root: Path = ROOT) -> None:
    c = f"/hoi-nghi/{cid}"
    urls = {
        "ping (mốc so sánh)": "/__kehoach__/ping",
        "bảng điều khiển": c,
        "Trung tâm in": f"{c}/in",
        "đại biểu (trang 1 / 100 người)": f"{c}/dai-bieu",
        "sơ đồ chỗ ngồi (1.109 ghế đã xếp)": f"{c}/cho-ngoi",
        "kế hoạch": f"{c}/ke-hoach",
        "khen thưởng (300)": f"{c}/khen-thuong",
        "dự toán kinh phí": f"{c}/du-toan",
        "nhiệm vụ (80)": f"{c}/nhiem-vu",
        "Kiểm tra trước khi trình ký": f"{c}/kiem-tra",
    }
    database = data_dir / "kehoach.sqlite3"
    with Server(data_dir, root) as server:
        # "Nothing changed": the conference was written just before the server started, and a
        # state younger than readmodel.SETTLE_NS is never kept; an officer's data is older.
        from kehoach_app.readmodel import SETTLE_NS

        time.sleep(SETTLE_NS / 1e9 + 0.5)
        repeated = {name: server.times(url, repeat) for name, url in urls.items()}
        ping_url = urls.pop("ping (mốc so sánh)")
        changed = {"ping (mốc so sánh)": server.times(ping_url, repeat)}
        changed.update(
            (name, times_after_change(server, url, repeat, database, cid))
            for name, url in urls.items()
        )
    for kind, results in (
        ("xem lặp lại, không có gì thay đổi giữa hai lần", repeated),
        ("mỗi lần là lần xem đầu sau một thay đổi (large.touch)", changed),
    ):
        ping = statistics.median(results["ping (mốc so sánh)"][0])
        table.section(f"Trang qua HTTP (waitress), hội nghị lớn, {kind}; {repeat} lần mỗi trang")
        for name, result in results.items():
            page_row(table, name, result, ping, "" if name.startswith("ping") else PAGE_GOAL)


def times_after_change(
    server: Server, path: str, repeat: int, database: Path, cid: int
) -> tuple[list[float], int, float]:
    """As Server.times, each request right after another connection committed a change to the
    conference (what the officer sees after an edit): wall times, size, server CPU per request
    (the change itself is made by this process, outside the server's CPU time)."""
    for _ in range(2):  # warm: templates compiled
        touch(database, cid)
        size = len(server.fetch(path))
    out, cpu = [], 0.0
    for _ in range(repeat):
        touch(database, cid)
        before = server.cpu_seconds()
        started = time.perf_counter()
        server.fetch(path)
        out.append(time.perf_counter() - started)
        cpu += server.cpu_seconds() - before
    return out, size, cpu / repeat


def scaling(table: Report, counts: list[int], repeat: int) -> None:
    table.section(
        f"Theo số đại biểu thêm (hội nghị lớn, chưa xếp chỗ); trang: {repeat} lần, PDF: 3 lần"
    )
    cpus = []
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = Path(tmp) / "data"
            cid, _ = large_data_dir(data_dir, delegates=count, seated=False)
            with Server(data_dir) as server:
                ping = server.times("/__kehoach__/ping", repeat)
                page = server.times(f"/hoi-nghi/{cid}/dai-bieu", repeat)
                pdf = server.times(f"/hoi-nghi/{cid}/in/danh-sach-dai-bieu.pdf", 3)
        base = statistics.median(ping[0])
        added = f"{count:,}".replace(",", ".")  # 5.000 as the officer writes it
        page_row(table, f"đại biểu, trang 1 ({added} thêm)", page, base,
                 "CPU không tăng theo tổng số")  # fmt: skip
        page_row(table, f"danh sách đại biểu PDF ({added} thêm)", pdf, base,
                 "≤ 500 ms ở 1.000 (issue 4)")  # fmt: skip
        cpus.append(page[2])
    if len(cpus) > 1:
        table.add(
            f"CPU trang đại biểu: {counts[-1]} ÷ {counts[0]}",
            f"{cpus[-1] / cpus[0]:.2f}×",
            goal="≈ 1× (phẳng)",
        )


def print_all_command(
    data_dir: Path, cid: int, root: Path = ROOT
) -> tuple[float, float, MemoryWatch, int]:
    """`flask --app kehoach_app print-all`: wall time, CPU of the command and its helpers
    (RUSAGE_CHILDREN: every descendant it waited for), the memory watch, the files written."""
    import resource

    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "kehoach_app", "print-all", str(cid),
             "--out", out],
            cwd=root,
            env=dict(os.environ, KEHOACH_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8"),
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        with MemoryWatch(process.pid) as memory:
            code = process.wait()
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if code:
            raise RuntimeError(f"print-all stopped with code {code}")
        files = len(list(Path(out).iterdir()))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, memory, files


def zip_over_http(server: Server, cid: int) -> tuple[float, float, MemoryWatch, int]:
    """The print centre's ZIP: wall time, CPU of the server and its helpers, memory, size."""
    url = f"{server.base}/hoi-nghi/{cid}/in/tat-ca.zip"
    cpu = tree_cpu(server.process.pid)
    started = time.perf_counter()
    with MemoryWatch(server.process.pid) as memory:
        with urllib.request.urlopen(url, timeout=300) as response:
            size = len(response.read())
    wall = time.perf_counter() - started
    return wall, tree_cpu(server.process.pid) - cpu, memory, size


def print_set(
    table: Report, data_dir: Path, cid: int, zip_runs: int = 1, root: Path = ROOT
) -> None:
    table.section(
        "Cả bộ bản in của hội nghị lớn (mọi tiến trình: lệnh hoặc máy chủ, và tiến trình phụ)",
        SET_HEAD,
    )

    def row(name: str, wall: float, cpu: float, memory: MemoryWatch, extra: str) -> None:
        table.add(
            name,
            f"{wall:.2f} s",
            f"{cpu:.2f} s",
            f"{memory.rss_peak / 1024:.0f} MB",
            f"{memory.pss_peak / 1024:.0f} MB",
            str(memory.processes),
            extra,
            goal="≤ 5 s; ≤ 300 MB",
        )

    wall, cpu, memory, files = print_all_command(data_dir, cid, root)
    row("print-all (tiến trình mới)", wall, cpu, memory, f"{files}")
    with Server(data_dir, root) as server:
        server.fetch("/__kehoach__/ping")
        labels = ["ZIP qua HTTP, lần đầu sau khởi động", "ZIP qua HTTP, lần hai"]
        for label in labels[:zip_runs]:
            wall, cpu, memory, size = zip_over_http(server, cid)
            row(label, wall, cpu, memory, f"{size / 1024 / 1024:.1f} MB")


def cold_start(table: Report, data_dir: Path, runs: int, app_exe: Path | None) -> None:
    from bench import bench_start

    app_exe = app_exe or bench_start.APP_EXE
    table.section(
        "Khởi động lạnh bản đóng gói → trang đầu (PyInstaller, cùng tùy chọn)",
        ("chương trình", "trung vị", "", "max", "", "", "", "mục tiêu"),
    )
    if not (app_exe.exists() and bench_start.HELLO_EXE.exists()):
        table.add("bản đóng gói ÷ hello world", "chưa build", goal="≤ 2× (bench/bench_start.py)")
        return
    if runs <= 0:
        table.add("bản đóng gói ÷ hello world", "bỏ qua", goal="≤ 2× (--start-runs)")
        return
    try:
        bench_start.time_to_first_page(app_exe, data_dir)  # files in the OS cache
    except RuntimeError as error:  # e.g. a package older than the data's schema
        print(f"Bản đóng gói không chạy được: {error}", flush=True)
        table.add(
            "bản đóng gói ÷ hello world",
            "không chạy",
            goal="build lại: bench/bench_start.py --rebuild",
        )
        return
    bench_start.time_to_first_page(bench_start.HELLO_EXE, data_dir)
    app_times, hello_times = [], []
    for _ in range(runs):  # alternately: both see the same load
        hello_times.append(bench_start.time_to_first_page(bench_start.HELLO_EXE, data_dir))
        app_times.append(bench_start.time_to_first_page(app_exe, data_dir))
    for name, times in (
        ("hello world Flask+waitress", hello_times),
        ("Kế hoạch Hội nghị", app_times),
    ):
        table.add(name, f"{statistics.median(times):.2f} s", "", f"{max(times):.2f} s")
    ratio = statistics.median(app_times) / statistics.median(hello_times)
    table.add("tỉ lệ trung vị", f"{ratio:.2f}×", goal="≤ 2×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--scaling", default="250,1000,5000")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-print", action="store_true")
    parser.add_argument("--skip-seating", action="store_true")
    parser.add_argument("--start-runs", type=int, default=5)
    parser.add_argument("--zip-runs", type=int, default=1, choices=(1, 2))
    parser.add_argument("--app-exe", type=Path, help="a frozen package built elsewhere")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument(
        "--tree", type=Path, default=ROOT, help="the checkout whose server and print-all run"
    )
    args = parser.parse_args()

    table = Report()
    load = load_average()
    table.section("Mốc so sánh trong cùng lần chạy")
    rl = reportlab_table_times(10)
    table.add(
        "bảng ReportLab trần 200 dòng (trong tiến trình)",
        ms(statistics.median(rl)),
        ms(percentile(rl, 0.95)),
        ms(max(rl)),
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        cid, seated = large_data_dir(data_dir)
        print(
            f"Hội nghị lớn dựng trong {time.perf_counter() - started:.0f} s "
            f"({seated} người đã xếp chỗ); {os.cpu_count()} bộ xử lý",
            flush=True,
        )
        if not args.skip_pages:
            pages(table, data_dir, cid, args.repeat, args.tree.resolve())
        if not args.skip_print:
            print_set(table, data_dir, cid, args.zip_runs, args.tree.resolve())
        cold_start(table, data_dir, args.start_runs, args.app_exe)
    if not args.skip_scaling:
        scaling(table, [int(n) for n in args.scaling.split(",") if n], args.repeat)
    table.print()
    print()
    print(f"Tải của máy (loadavg 1/5/15 phút): lúc đầu {load}, lúc cuối {load_average()}")
    print()
    if not args.skip_seating:
        from bench.bench_seating import http_auto_seating

        print("Xếp chỗ tự động qua HTTP (bench_seating --http):")
        http_auto_seating(args.repeat)


if __name__ == "__main__":
    main()
