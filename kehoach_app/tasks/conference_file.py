"""The tasks in the conference file under the names every part uses (kehoach_app/wiring.py):
the rows as the tasks page keeps them, checked with the task form's rules."""

from __future__ import annotations

from .forms import check_file_items as validate  # noqa: F401 — the file's name for it
from .logic import next_edition_items
from .operations import export_tasks as export  # noqa: F401 — the file's name for it
from .operations import replace_tasks as replace  # noqa: F401 — the file's name for it


def next_edition(items: list[dict], years: set[int], offset: int) -> list[dict]:
    """The tasks moved to the next edition ("Nhân bản"): years in texts and fixed dates."""
    return next_edition_items(items, offset, years)
