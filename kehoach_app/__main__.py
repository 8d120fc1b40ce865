"""`python -m kehoach_app [--port N] [--no-browser] [--data-dir DIR]`: start the program.

Serves the app with waitress on 127.0.0.1 only, opens the browser, and says in Vietnamese where
the app is and where its data lives. If the port is held by an earlier copy of the program on
the same data, the browser is opened on that copy; if something else holds it, another port is
chosen and the officer is told. The port used is remembered in the data folder and tried first
next time, so bookmarks and the address given to colleagues keep working (issue 18).

A start that cannot proceed (full disk, read-only folder, a data path under a regular file)
says why and what to do in one Vietnamese paragraph and exits with status 2, no traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import socket
import sys
import threading
import urllib.request
import webbrowser
from pathlib import Path

from . import memory
from .config import DEFAULT_PORT, StartupError, explain_start_error, resolve_data_dir
from .system import data_dir_fingerprint

HOST = "127.0.0.1"
PORT_TRIES = 20
LAST_PORT_FILE = "last_port"
EXIT_CANNOT_START = 2


def say(message: str, data_dir: Path | None = None) -> None:
    """Print to the console when there is one (a windowed build has none), and to the log."""
    stream = sys.stdout
    if stream is not None:
        try:
            stream.write(message + "\n")
            stream.flush()
        except (OSError, UnicodeEncodeError):
            try:
                stream.buffer.write((message + "\n").encode("utf-8", "replace"))
                stream.flush()
            except Exception:  # noqa: BLE001 — no console to complain to
                pass
    if data_dir is not None:
        try:
            with open(data_dir / "kehoach.log", "a", encoding="utf-8") as log:
                log.write(message + "\n")
        except OSError:
            pass


def port_is_free(port: int) -> bool:
    """True when the server could listen on the port now.

    SO_REUSEADDR as waitress itself binds: connections of the previous run still in TIME_WAIT
    do not make the port look busy (without it the port moved on every restart). Not on
    Windows, where the option would let two programs share one port.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def last_port(data_dir: Path) -> int | None:
    """The port this data folder was last served on, if it was remembered."""
    try:
        text = (data_dir / LAST_PORT_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and 1024 <= int(text) <= 65535 else None


def remember_port(data_dir: Path, port: int) -> None:
    try:
        (data_dir / LAST_PORT_FILE).write_text(f"{port}\n", encoding="ascii")
    except OSError:  # not worth stopping for: the next start looks for a port again
        pass


def running_copy(port: int) -> dict | None:
    """What our program answers on that port, or None when it is not ours."""
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/__kehoach__/ping", timeout=1.5) as r:
            answer = json.loads(r.read().decode("utf-8"))
    except Exception:  # noqa: BLE001 — anything that is not our JSON answer means "not ours"
        return None
    return answer if isinstance(answer, dict) and answer.get("app") == "kehoach_app" else None


def choose_port(
    wanted: int, data_dir: Path, remembered: int | None = None
) -> tuple[int, str | None]:
    """A port to serve on, or (port, url) of a copy already serving this data folder.

    `remembered` (the port of the last run) is tried first; then `wanted` and the ports after.
    """
    candidates = [remembered] if remembered else []
    candidates += [p for p in range(wanted, wanted + PORT_TRIES) if p != remembered]
    first = candidates[0]
    for port in candidates:
        if port_is_free(port):
            if port != first:
                say(f"Cổng {first} đang bận (do chương trình khác); dùng cổng {port}.", data_dir)
            return port, None
        copy = running_copy(port)
        if copy and copy.get("data_dir_id") == data_dir_fingerprint(data_dir):
            return port, f"http://{HOST}:{port}/"
    raise SystemExit(
        f"Không tìm được cổng trống từ {wanted} đến {wanted + PORT_TRIES - 1}. "
        "Hãy đóng bớt chương trình khác hoặc chạy với --port <số cổng khác>."
    )


def _lan_settings(args) -> dict:
    """Ask for the LAN password (or read KEHOACH_LAN_PASSWORD) and build LAN-mode settings."""
    import getpass
    import os

    from .lan import lan_config

    password = os.environ.get("KEHOACH_LAN_PASSWORD") or ""
    if not password:
        try:
            password = getpass.getpass(
                "Mật khẩu của chủ máy (tài khoản chumay) cho chế độ mạng nội bộ (ít nhất 8 ký tự): "
            )
        except (EOFError, OSError):
            raise SystemExit(
                "Chế độ mạng nội bộ cần mật khẩu: đặt biến KEHOACH_LAN_PASSWORD."
            ) from None
    try:
        return lan_config(password, args.allow_host)
    except ValueError as error:
        raise SystemExit(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kehoach_app",
        description="Kế hoạch Hội nghị — lập kế hoạch Hội nghị tổng kết thi đua, khen thưởng.",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help=f"cổng trên máy này (mặc định: cổng lần trước, hoặc {DEFAULT_PORT})",
    )
    parser.add_argument("--no-browser", action="store_true", help="không tự mở trình duyệt")
    parser.add_argument(
        "--data-dir", help="thư mục dữ liệu (hoặc biến môi trường KEHOACH_DATA_DIR)"
    )
    parser.add_argument(
        "--lan",
        action="store_true",
        help="mở cho máy khác trong mạng nội bộ (cần mật khẩu: biến KEHOACH_LAN_PASSWORD "
        "hoặc nhập khi khởi động)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        help="với --lan: thêm tên máy hoặc địa chỉ được phép (lặp lại được)",
    )
    args = parser.parse_args(argv)
    settings = _lan_settings(args) if args.lan else None

    data_dir = resolve_data_dir(args.data_dir)
    try:
        from .config import prepare_data_dir

        prepare_data_dir(data_dir)
    except StartupError as error:
        return cannot_start(str(error), None)
    if args.port is not None:
        port, existing = choose_port(args.port, data_dir)
    else:
        port, existing = choose_port(DEFAULT_PORT, data_dir, last_port(data_dir))
    if existing:
        say(f"Kế hoạch Hội nghị đã đang chạy tại {existing} — mở trình duyệt ở đó.", data_dir)
        if not args.no_browser:
            webbrowser.open(existing)
        return 0

    # The start allocates only what lives as long as the program (modules, classes, the URL
    # map): the garbage collector would walk it again and again for nothing (~14 % of the
    # start, issue 19). It runs again once the start is done; the frozen launcher turns it off
    # even before the first import.
    gc.disable()
    try:
        from waitress import create_server

        from . import create_app

        try:
            app = create_app(settings, data_dir=data_dir)
        except StartupError as error:
            return cannot_start(str(error), data_dir)
        except Exception as error:  # noqa: BLE001 — anything else: one sentence, details in the log
            _log_traceback(data_dir)
            return cannot_start(explain_start_error(error, data_dir), data_dir)
    finally:
        # Everything loaded so far lives as long as the program: keep it out of the garbage
        # collector's way, so a large page is not slowed by collections of start-up objects.
        gc.freeze()
        gc.enable()
        memory.serve_pages()  # fewer full sweeps inside a page; the print helpers keep theirs
    for warning in app.config.get("STARTUP_WARNINGS", []):
        say(f"CHÚ Ý: {warning}", data_dir)
    # Bind first, then announce: the address printed is one that already answers.
    bind = "0.0.0.0" if args.lan else HOST
    memory.one_heap()  # before waitress's threads: each keeps the arena it is given
    server = create_server(app, host=bind, port=port, threads=6, ident="KeHoachHoiNghi")
    remember_port(data_dir, port)
    # The parts' pages load at their first request (kehoach_app/wiring.py); load them in the
    # background while the browser opens, so the first dashboard does not wait for them.
    from .wiring import load_views_soon

    load_views_soon()
    url = f"http://{HOST}:{port}/"
    say("Kế hoạch Hội nghị đã sẵn sàng.", data_dir)
    say(f"  Mở trình duyệt tại: {url}", data_dir)
    if args.lan:
        from .lan import lan_addresses, lan_console_lines

        for line in lan_console_lines(lan_addresses(), port):
            say(line, data_dir)
    say(f"  Dữ liệu lưu tại:    {data_dir}", data_dir)
    say("  Đóng cửa sổ này hoặc nhấn Ctrl+C để dừng chương trình.", data_dir)
    if not args.no_browser:
        # At once: the socket listens since create_server, so the browser's first request
        # waits in its queue for run() below (it used to wait 0,8 s more than the whole start).
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:
        say("Đã dừng chương trình.", data_dir)
    finally:
        server.close()
    return 0


def cannot_start(message: str, data_dir: Path | None) -> int:
    """Say why the start stopped and what to do; clean what an interrupted backup left."""
    if data_dir is not None:
        try:
            from .backups.operations import clean_partials

            clean_partials(data_dir)
        except OSError:
            pass
    say("Không khởi động được Kế hoạch Hội nghị.", data_dir)
    say(message, data_dir)
    return EXIT_CANNOT_START


def _log_traceback(data_dir: Path) -> None:
    """The details of an unexpected start failure go to kehoach.log, for whoever helps."""
    import traceback

    try:
        with open(data_dir / "kehoach.log", "a", encoding="utf-8") as log:
            traceback.print_exc(file=log)
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
