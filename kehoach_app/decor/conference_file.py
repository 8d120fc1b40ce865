"""The decoration in the conference file under the names every part uses (kehoach_app/wiring.py):
the items as the decoration page keeps them (operations), moved to the next edition by logic."""

from __future__ import annotations

from .logic import next_edition  # noqa: F401 — the file's name for it
from .operations import export_part as export  # noqa: F401 — the file's name for it
from .operations import replace_part as replace  # noqa: F401 — the file's name for it
from .operations import validate_part as validate  # noqa: F401 — the file's name for it
