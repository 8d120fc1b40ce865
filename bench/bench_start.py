"""Cold start of the frozen package against frozen reference programs (issue 19).

    python bench/bench_start.py [--runs 15] [--rebuild | --rebuild-app] [--app-exe PATH]
                                [--source ROOT] [--unfrozen] [--phases]

Builds, once, every program with the same PyInstaller and the same options (one folder,
console, no UPX, --clean): the package from build/kehoach.spec, and three reference programs
that bound from below what any program on the app's stack can do:

  1. bench/hello_start.py   a Flask + waitress hello world (the target's baseline);
  2. bench/start_orm.py     the same plus Flask-SQLAlchemy, one model, one query of the demo;
  3. bench/start_models.py  the same plus kehoach_app.db and every part's models, configured,
                            one query of the conferences (no views, no blueprints);
  4. the package itself.

Builds are kept in build/work/bench_start/ and reused (`--rebuild` builds all again,
`--rebuild-app` only the package). Then starts each program `--runs` times, in turn, on a
data folder holding the demo conference, and times from the start of the process to the
first HTTP 200 of its home page. Prints min / median / max of each and its ratio to the hello
world (the package's target: ≤ 2×), in wall time and in the CPU time the process spent by then
(which the other work on a shared machine sways much less), and the package's excess over
reference 3 (what loading parts on first use can still take off).

`--app-exe` measures a package built elsewhere (e.g. an older checkout's dist/), and `--source`
names the checkout whose `flask --app kehoach_app demo` fills the data folder (default: this
one) — so a before/after comparison uses the same script and the same hello world.
`--unfrozen` times the same four from source (`python bench/start_*.py`, `python -m
kehoach_app`) instead of frozen; `--phases` splits the package's start from source into its
steps (flask + waitress, SQLAlchemy, the models, create_app, the first page) and lists what
create_app's imports cost by package (`python -X importtime`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import free_port  # noqa: E402
from bench.start_models import MODELS  # noqa: E402

WORK = ROOT / "build" / "work" / "bench_start"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""
APP_EXE = WORK / "app-dist" / "KeHoachHoiNghi" / f"KeHoachHoiNghi{EXE_SUFFIX}"
HELLO_EXE = WORK / "hello-dist" / "HelloStart" / f"HelloStart{EXE_SUFFIX}"
ORM_EXE = WORK / "orm-dist" / "StartOrm" / f"StartOrm{EXE_SUFFIX}"
MODELS_EXE = WORK / "models-dist" / "StartModels" / f"StartModels{EXE_SUFFIX}"

# The reference programs: label, script, executable, extra PyInstaller options.
REFERENCES = (
    ("frozen Flask+waitress", ROOT / "bench" / "hello_start.py", HELLO_EXE, ()),
    ("hello + ORM", ROOT / "bench" / "start_orm.py", ORM_EXE, ()),
    (
        "hello + the app's models",
        ROOT / "bench" / "start_models.py",
        MODELS_EXE,
        ("--paths", str(ROOT), *(f"--hidden-import={name}" for name in MODELS)),
    ),
)
APP_LABEL = "frozen Kế hoạch Hội nghị"


def models_in_tree(root: Path = ROOT) -> tuple[str, ...]:
    """Every models module of the package on disk, as start_models.MODELS must list them."""
    package = root / "kehoach_app"
    files = [*package.glob("*/models.py"), *package.glob("*/*_models.py")]
    files += package.glob("*_models.py")
    names = (".".join(f.relative_to(root).with_suffix("").parts) for f in files)
    return tuple(sorted(names))


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


def build_reference(script: Path, executable: Path, extra: Sequence[str] = ()) -> None:
    """A reference program, built with the options of build/kehoach.spec given on the command
    line: one folder, console, no UPX (`executable` = WORK/<key>-dist/<Name>/<Name>)."""
    name = executable.parent.name
    key = executable.parent.parent.name.removesuffix("-dist")
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
            name,
            "--distpath",
            str(WORK / f"{key}-dist"),
            "--workpath",
            str(WORK / f"{key}-work"),
            "--specpath",
            str(WORK / f"{key}-work"),
            *extra,
            str(script),
        ],
        cwd=ROOT,
    )


def build_hello() -> None:
    build_reference(REFERENCES[0][1], HELLO_EXE)


def time_to_first_page(
    executable: Path | Sequence[str], data_dir: Path, timeout: float = 60, root: Path = ROOT
) -> float:
    """Seconds from starting the program to its home page answering 200.

    `executable` is a frozen program, or a command line: a program from source, run in the
    checkout `root` (its kehoach_app on the path)."""
    return start_once(executable, data_dir, timeout, root)[0]


def start_once(
    executable: Path | Sequence[str], data_dir: Path, timeout: float = 60, root: Path = ROOT
) -> tuple[float, float | None]:
    """(wall seconds to the first 200 of /, CPU seconds of the process by then): the CPU
    (user + system, from wait4 once it is stopped by SIGTERM, which runs no Python code)
    varies much less than the wall time when other work shares the processors."""
    command = [str(executable)] if isinstance(executable, Path) else [*executable]
    port = free_port()
    env = dict(os.environ, KEHOACH_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    if not isinstance(executable, Path):  # bench/start_models.py imports kehoach_app
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--no-browser", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = None
    try:
        while time.perf_counter() - started < timeout:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        response.read()
                        wall = time.perf_counter() - started
                        break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"{command[-1]} stopped ({process.returncode})") from None
                time.sleep(0.005)
        else:
            raise RuntimeError(f"{command[-1]} did not answer within {timeout} s")
    finally:
        cpu = stop(process)
    return wall, cpu


def stop(process: subprocess.Popen) -> float | None:
    """Stop the program; its CPU seconds (None where wait4 is missing, e.g. Windows)."""
    process.terminate()
    if hasattr(os, "wait4") and process.returncode is None:
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except ChildProcessError:  # already reaped
            return None
        process.returncode = os.waitstatus_to_exitcode(status)
        return usage.ru_utime + usage.ru_stime
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return None


def line(name: str, times: list[float], baseline: list[float] | None = None) -> str:
    text = (
        f"{name:<26} min {min(times):6.3f} s   median {statistics.median(times):6.3f} s   "
        f"max {max(times):6.3f} s   (n={len(times)})"
    )
    if baseline is not None:
        text += f"   {statistics.median(times) / statistics.median(baseline):5.2f}× hello"
    return text


def fill_demo(source: Path, data_dir: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "kehoach_app", "demo"],
        cwd=source,
        env=dict(os.environ, KEHOACH_DATA_DIR=str(data_dir)),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(programs: list[tuple[str, Path | Sequence[str]]], runs: int, source: Path):
    """({label: [wall seconds]}, {label: [CPU seconds]}): each program started `runs` times
    in turn (so all see the same load on the machine), after one start each that is not
    counted (the files in the OS cache, the database upgraded)."""
    times: dict[str, list[float]] = {label: [] for label, _ in programs}
    cpus: dict[str, list[float]] = {label: [] for label, _ in programs}
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        data_dir = Path(tmp) / "data"
        fill_demo(source, data_dir)
        for _, program in reversed(programs):  # the package first: it upgrades the database
            start_once(program, data_dir, root=source)
        for _ in range(runs):
            for label, program in programs:
                wall, cpu = start_once(program, data_dir, root=source)
                times[label].append(wall)
                if cpu is not None:
                    cpus[label].append(cpu)
    return times, cpus


def report(title: str, times: dict[str, list[float]], cpus: dict[str, list[float]]) -> None:
    labels = list(times)
    hello, app = times[labels[0]], times[labels[-1]]
    print()
    print(title)
    for label in labels:
        print(line(label, times[label], None if label == labels[0] else hello))
    ratio = statistics.median(app) / statistics.median(hello)
    best = min(app) / min(hello)
    print(f"ratio of medians {ratio:.2f}× (of minima {best:.2f}×); target ≤ 2×")
    if all(cpus.values()):
        print("CPU time of the process by then (user + system; less swayed by other load)")
        for label in labels:
            print(line(label, cpus[label], None if label == labels[0] else cpus[labels[0]]))
    floor = labels[-2]  # the app's models: what no lazy loading can take off the first page
    above = statistics.median(app) - statistics.median(times[floor])
    text = f"the package above {floor!r}: {above * 1000:+.0f} ms (wall medians)"
    if all(cpus.values()):
        above = statistics.median(cpus[labels[-1]]) - statistics.median(cpus[floor])
        text += f", {above * 1000:+.0f} ms (CPU medians)"
    print(text)


# The package's start from source, step by step, in a fresh interpreter started like the
# frozen launcher (garbage collector off). Each step only adds what the previous ones did not
# load, so the steps add up to the start (the server's socket and the HTTP round trip aside).
PHASES = r"""
import gc, json, sys, time
gc.disable()
clock = time.process_time  # the CPU of this process: what other work on the machine sways least
stamps = [("start", clock())]
def mark(name):
    stamps.append((name, clock()))
import flask, waitress
mark("flask + waitress")
import sqlalchemy, sqlalchemy.orm, flask_sqlalchemy
mark("SQLAlchemy + Flask-SQLAlchemy")
import importlib
import kehoach_app.db
for name in MODELS:
    importlib.import_module(name)
mark("kehoach_app + its models (import)")
sqlalchemy.orm.configure_mappers()
mark("configure_mappers")
from kehoach_app import create_app
modules = list(sys.modules)
for name in PRELOAD:  # what create_app imported in the run before, in the same order
    try:
        importlib.import_module(name)
    except Exception:
        pass
mark("create_app's imports (views, …)")
from werkzeug.routing import rules
builders = [0.0]
compile_builder = rules.Rule._compile_builder
def timed_builder(*args, **kwargs):  # werkzeug compiles two functions per URL rule
    started = clock()
    try:
        return compile_builder(*args, **kwargs)
    finally:
        builders[0] += clock() - started
rules.Rule._compile_builder = timed_builder
app = create_app(data_dir=DATA_DIR)
rules.Rule._compile_builder = compile_builder
mark("create_app without them (URL rules, db)")
created = [name for name in sys.modules if name not in set(modules)]
client = app.test_client()
mark("(the test client: not in the server)")
before_page = len(sys.modules)
first = client.get("/", follow_redirects=True)
mark("first page / (test client)")
client.get("/", follow_redirects=True)
mark("second page / (test client)")
print(json.dumps({"stamps": stamps, "status": first.status_code, "builders": builders[0],
    "rules": len(list(app.url_map.iter_rules())),
    "new_modules": created, "page_modules": len(sys.modules) - before_page}))
"""


def phases(source: Path, repeat: int = 5) -> None:
    """Print the median of each step of the package's start from source (`repeat` fresh
    interpreters), then what create_app's imports cost by top-level package."""
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        data_dir = Path(tmp) / "data"
        fill_demo(source, data_dir)
        code = f"MODELS = {list(MODELS)!r}\nDATA_DIR = {str(data_dir)!r}\n" + PHASES
        steps: dict[str, list[float]] = {}
        builders: list[float] = []
        info = {"new_modules": []}
        for _ in range(repeat + 1):  # the first one not counted (OS cache, the module list)
            preload = f"PRELOAD = {info['new_modules']!r}\n"
            out = subprocess.run(
                [sys.executable, "-c", preload + code], cwd=source, check=True, capture_output=True
            ).stdout
            info = json.loads(out.decode().strip().splitlines()[-1])
            stamps = info["stamps"]
            builders.append(info["builders"])
            for (_, before), (name, after) in zip(stamps, stamps[1:], strict=False):
                steps.setdefault(name, []).append(after - before)
        for name in steps:
            steps[name] = steps[name][1:]
        print()
        print(f"The package's start from source, step by step (CPU ms, median of {repeat})")
        total = 0.0
        for name, values in steps.items():
            median = statistics.median(values) * 1000
            if not name.startswith(("second", "(")):
                total += median
            spread = f"{min(values) * 1000:6.0f}–{max(values) * 1000:.0f}"
            print(f"  {name:<42} {median:7.0f}   ({spread})")
            if name.startswith("create_app without"):
                of_which = statistics.median(builders[1:]) * 1000
                print(f"    {'of which: werkzeug compiles URL builders':<40} {of_which:7.0f}")
        print(f"  {'sum to the first page':<42} {total:7.0f}")
        modules = len(info["new_modules"])
        print(f"  ({info['rules']} URL rules; create_app imports {modules} modules, ", end="")
        print(f"the first page {info['page_modules']} more; its status: {info['status']})")
        importtime(source, data_dir)


def importtime(source: Path, data_dir: Path) -> None:
    """What create_app + the first page import, by top-level package (kehoach_app by part):
    the self times of `python -X importtime`, which inflates them (a share, not a figure)."""
    code = (
        "import gc; gc.disable()\n"
        f"MODELS = {list(MODELS)!r}\n"
        "import importlib, kehoach_app.db, sqlalchemy.orm\n"
        "[importlib.import_module(n) for n in MODELS]\n"
        "from kehoach_app import create_app\n"
        "import flask.testing  # the test client's own imports: not the server's\n"
        "import sys; print('--- create_app', file=sys.stderr, flush=True)\n"
        f"app = create_app(data_dir={str(data_dir)!r})\n"
        "app.test_client().get('/')\n"
    )
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], cwd=source, capture_output=True
    ).stderr.decode()
    after = err.split("--- create_app", 1)[-1]
    by_package: dict[str, int] = {}
    for row in after.splitlines():
        if not row.startswith("import time:") or "|" not in row:
            continue
        self_us, _, name = (part.strip() for part in row[len("import time:") :].split("|"))
        if not self_us.isdigit():
            continue
        parts = name.split(".")
        key = ".".join(parts[:2]) if parts[0] == "kehoach_app" else parts[0]
        by_package[key] = by_package.get(key, 0) + int(self_us)
    total = sum(by_package.values())
    print()
    print(f"Imports during create_app + first page: {total / 1000:.0f} ms (-X importtime)")
    for key, micro in sorted(by_package.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {key:<32} {micro / 1000:6.0f} ms  {micro / total:4.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true", help="build every program again")
    parser.add_argument("--rebuild-app", action="store_true", help="build the package again")
    parser.add_argument("--app-exe", type=Path, help="a package built elsewhere")
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout that fills the data")
    parser.add_argument("--unfrozen", action="store_true", help="the four from source")
    parser.add_argument("--phases", action="store_true", help="the package's start by step")
    args = parser.parse_args()

    if models_in_tree() != tuple(sorted(MODELS)):
        sys.exit(f"bench/start_models.py MODELS ≠ the models on disk: {models_in_tree()}")
    if args.phases:
        phases(args.source)
        return
    if args.unfrozen:
        programs = [(label, [sys.executable, str(script)]) for label, script, _, _ in REFERENCES]
        programs.append(("Kế hoạch Hội nghị", [sys.executable, "-m", "kehoach_app"]))
        times, cpus = measure(programs, args.runs, args.source)
        labels = ["Flask+waitress", "hello + ORM", "hello + the app's models", "Kế hoạch Hội nghị"]
        times = dict(zip(labels, times.values(), strict=True))
        cpus = dict(zip(labels, cpus.values(), strict=True))
        title = f"Start from source to the first 200 of / ({args.runs} starts each, in turn)"
        report(title, times, cpus)
        return

    app_exe = args.app_exe or APP_EXE
    if args.app_exe is None and (args.rebuild or args.rebuild_app or not APP_EXE.exists()):
        print("Building the package …", flush=True)
        build_app(args.source)
    for label, script, executable, extra in REFERENCES:
        if args.rebuild or not executable.exists():
            print(f"Building {label} …", flush=True)
            build_reference(script, executable, extra)

    programs = [(label, executable) for label, _, executable, _ in REFERENCES]
    times, cpus = measure([*programs, (APP_LABEL, app_exe)], args.runs, args.source)
    report(f"Cold start to the first 200 of / ({args.runs} starts each, in turn)", times, cpus)


if __name__ == "__main__":
    main()
