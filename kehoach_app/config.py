"""Where the program keeps its files, and the settings create_app() starts from.

From source the data folder is ./instance beside the package; frozen by PyInstaller it is the
user's data folder (platformdirs), never the bundle's temporary folder. KEHOACH_DATA_DIR or
`--data-dir` overrides both.
"""

from __future__ import annotations

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
