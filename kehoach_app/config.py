"""Where the program keeps its files, and the settings create_app() starts from.

From source the data folder is ./instance beside the package; frozen by PyInstaller it is the
user's data folder (platformdirs), never the bundle's temporary folder. KEHOACH_DATA_DIR or
`--data-dir` overrides both.
"""

from __future__ import annotations

import errno
import os
import secrets
import sys
from pathlib import Path

APP_NAME = "KeHoachHoiNghi"
DATA_DIR_ENV = "KEHOACH_DATA_DIR"
DEFAULT_PORT = 8765


def is_frozen() -> bool:
    """True when running from the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def resource_root() -> Path:
    """The folder holding templates/ and static/: the bundle when frozen, the checkout otherwise."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """./instance from source; the user's data folder when frozen (platformdirs)."""
    if is_frozen():
        from platformdirs import user_data_dir

        return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
    return resource_root() / "instance"


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data folder: explicit option, then KEHOACH_DATA_DIR, then the default."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    return Path(chosen).expanduser().resolve()


class StartupError(Exception):
    """A start that cannot proceed; the message says why and what to do, in Vietnamese."""


# What to do, by cause. Each message names the folder; `--data-dir` is how another is chosen.
_CHOOSE_ANOTHER = (
    "Hãy chọn thư mục khác bằng tùy chọn --data-dir <thư mục> (hoặc biến KEHOACH_DATA_DIR)"
)


def explain_start_error(error: BaseException, data_dir: Path) -> str:
    """A Vietnamese sentence for an error met while starting on `data_dir`: why, and what to do."""
    from .backups.operations import disk_full

    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps sqlite3's errors
    text = str(cause).lower()
    number = getattr(cause, "errno", None)
    if disk_full(cause):
        return (
            f"Ổ đĩa chứa thư mục dữ liệu {data_dir} đã đầy. Hãy xóa bớt tệp không cần (hoặc "
            "chép các bản sao lưu cũ trong thư mục sao-luu ra USB rồi xóa) để có ít nhất "
            "100 MB trống, rồi mở lại chương trình."
        )
    if isinstance(cause, (FileExistsError, NotADirectoryError)) or number == errno.ENOTDIR:
        return (
            f"Không dùng được thư mục dữ liệu {data_dir}: trên đường dẫn có một tệp trùng tên "
            f"chứ không phải thư mục. {_CHOOSE_ANOTHER}, hoặc đổi tên tệp đó."
        )
    if (
        isinstance(cause, PermissionError)
        or number in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in text
        or "read-only" in text
        or "unable to open database" in text
    ):
        return (
            f"Không ghi được vào thư mục dữ liệu {data_dir} (thư mục chỉ đọc hoặc không có "
            f"quyền ghi). {_CHOOSE_ANOTHER}, hoặc cấp quyền ghi cho thư mục này."
        )
    return (
        f"Không khởi động được với thư mục dữ liệu {data_dir} ({cause}). Hãy thử mở lại; nếu "
        "vẫn lỗi, hãy gửi tệp kehoach.log trong thư mục đó cho người hỗ trợ."
    )


def prepare_data_dir(data_dir: Path) -> None:
    """Create the data folder and make sure a file can be written in it; StartupError if not.

    Checked before anything else is written, so a read-only folder or a path under a regular
    file is reported in one sentence instead of a traceback from deep inside SQLite.
    """
    probe = data_dir / f".ghi-thu-{os.getpid()}"  # one per process: print helpers start together
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        if not data_dir.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(data_dir))
        with open(probe, "wb") as handle:
            handle.write(b"kehoach")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise StartupError(explain_start_error(error, data_dir)) from error
    finally:
        try:
            probe.unlink(missing_ok=True)
        except OSError:
            pass


def load_secret_key(data_dir: Path) -> str:
    """A secret key generated once per install and kept in the data folder."""
    path = data_dir / "secret_key"
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if len(key) >= 32:
            return key
    key = secrets.token_hex(32)
    path.write_text(key, encoding="utf-8")
    try:
        path.chmod(0o600)
    except OSError:  # Windows file systems may refuse; the folder is the user's own anyway
        pass
    return key


def build_config(data_dir: Path) -> dict:
    """The Flask settings for an app whose data lives in data_dir."""
    db_path = data_dir / "kehoach.sqlite3"
    return {
        "DATA_DIR": str(data_dir),
        "SECRET_KEY": load_secret_key(data_dir),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path.as_posix()}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 10}},
        # Only the loopback names: a web page elsewhere cannot drive the app through the browser.
        "TRUSTED_HOSTS": ["127.0.0.1", "localhost"],
        "WTF_CSRF_TIME_LIMIT": None,  # a form left open all afternoon must still save
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
        "JSON_AS_ASCII": False,
        # Helper processes for the complete set of printouts (printouts.build_set): None
        # decides from the machine; KEHOACH_PRINT_HELPERS=0 turns them off.
        "PRINT_HELPERS": _int_or_none(os.environ.get("KEHOACH_PRINT_HELPERS")),
    }


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None
