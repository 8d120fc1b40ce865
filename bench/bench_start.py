"""Cold start of the frozen package against a frozen Flask + waitress hello world (issue 19).

    python bench/bench_start.py [--runs 15] [--rebuild] [--app-exe PATH] [--source ROOT]

Builds, once, both programs with the same PyInstaller and the same options (one folder,
console, no UPX, --clean): the package from build/kehoach.spec, the hello world from
bench/hello_start.py. Builds are kept in build/work/bench_start/ and reused (`--rebuild` to
build again). Then starts each program `--runs` times, alternately, on a data folder holding
the demo conference, and times from the start of the process to the first HTTP 200 of its home
page. Prints min / median / max of each and the ratio of the medians (target ≤ 2×).

`--app-exe` measures a package built elsewhere (e.g. an older checkout's dist/), and `--source`
names the checkout whose `flask --app kehoach_app demo` fills the data folder (default: this
one) — so a before/after comparison uses the same script and the same hello world.
"""

from __future__ import annotations

import argparse
import os
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

WORK = ROOT / "build" / "work" / "bench_start"
APP_EXE = WORK / "app-dist" / "KeHoachHoiNghi" / "KeHoachHoiNghi"
HELLO_EXE = WORK / "hello-dist" / "HelloStart" / "HelloStart"
if os.name == "nt":
    APP_EXE, HELLO_EXE = APP_EXE.with_suffix(".exe"), HELLO_EXE.with_suffix(".exe")


def run(command: list[str], **kwargs) -> None:
    print("  $", " ".join(str(c) for c in command), flush=True)
    started = time.perf_counter()
    subprocess.run(command, check=True, **kwargs)
    print(f"    ({time.perf_counter() - started:.0f} s)", flush=True)


def build_app(source: Path) -> None:
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(WORK / "app-dist"),
            "--workpath",
            str(WORK / "app-work"),
            str(source / "build" / "kehoach.spec"),
        ],
        cwd=source,
    )


def build_hello() -> None:
    # The options of build/kehoach.spec, on the command line: one folder, console, no UPX.
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--onedir",
            "--console",
            "--noupx",
            "--name",
            "HelloStart",
            "--distpath",
            str(WORK / "hello-dist"),
            "--workpath",
            str(WORK / "hello-work"),
            "--specpath",
            str(WORK / "hello-work"),
            str(ROOT / "bench" / "hello_start.py"),
        ],
        cwd=ROOT,
    )


def time_to_first_page(executable: Path, data_dir: Path, timeout: float = 60) -> float:
    """Seconds from starting the program to its home page answering 200."""
    port = free_port()
    env = dict(os.environ, KEHOACH_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(executable), "--no-browser", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < timeout:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        response.read()
                        return time.perf_counter() - started
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"{executable} stopped ({process.returncode})") from None
                time.sleep(0.005)
        raise RuntimeError(f"{executable} did not answer within {timeout} s")
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def line(name: str, times: list[float]) -> str:
    return (
        f"{name:<26} min {min(times):6.3f} s   median {statistics.median(times):6.3f} s   "
        f"max {max(times):6.3f} s   (n={len(times)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true", help="build both programs again")
    parser.add_argument("--app-exe", type=Path, help="a package built elsewhere")
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout that fills the data")
    args = parser.parse_args()

    app_exe = args.app_exe or APP_EXE
    if args.app_exe is None and (args.rebuild or not APP_EXE.exists()):
        print("Building the package …", flush=True)
        build_app(args.source)
    if args.rebuild or not HELLO_EXE.exists():
        print("Building the hello world …", flush=True)
        build_hello()

    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        data_dir = Path(tmp) / "data"
        env = dict(os.environ, KEHOACH_DATA_DIR=str(data_dir))
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "kehoach_app", "demo"],
            cwd=args.source,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # One start of each, not counted: the files in the OS cache, the database upgraded.
        time_to_first_page(app_exe, data_dir)
        time_to_first_page(HELLO_EXE, data_dir)
        app_times, hello_times = [], []
        for _ in range(args.runs):  # alternately, so both see the same load on the machine
            hello_times.append(time_to_first_page(HELLO_EXE, data_dir))
            app_times.append(time_to_first_page(app_exe, data_dir))

    print()
    print(f"Cold start to the first 200 of / ({args.runs} starts each, alternately)")
    print(line("frozen Flask+waitress", hello_times))
    print(line("frozen Kế hoạch Hội nghị", app_times))
    ratio = statistics.median(app_times) / statistics.median(hello_times)
    best = min(app_times) / min(hello_times)
    print(f"ratio of medians {ratio:.2f}× (of minima {best:.2f}×); target ≤ 2×")


if __name__ == "__main__":
    main()
