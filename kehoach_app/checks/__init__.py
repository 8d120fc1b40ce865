"""Kiểm tra trước khi trình ký: every problem across the parts, gathered before signing.

Each part contributes its own rules from its own module (``kehoach_app/<part>/checks.py``)
through ``register_check``; this module only holds the shape of a problem, the registry and the
runner. A check is a function ``(context) -> Iterable[Problem]``: it reads the conference (and
what ``context.shared`` has already loaded for this run), never writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..conferences.models import Conference

BLOCK = "block"  # chặn: the document must not be signed like this
WARN = "warn"  # cảnh báo: worth a look

SEVERITY_LABELS = {BLOCK: "Chặn", WARN: "Cảnh báo"}


@dataclass(frozen=True)
class Problem:
    """One thing to fix before signing, in one plain Vietnamese sentence."""

    key: str  # stable id of the rule, e.g. "budget.over_available"
    severity: str  # BLOCK or WARN
    part: str  # the part that owns the fact: "info", "agenda", "delegates", …
    message: str  # one sentence, ending with a full stop
    fix_url: str  # the page (form) that fixes it
    fix_label: str = "Sửa"
    printouts: tuple[str, ...] = ()  # keys of the printouts it affects (printouts.Printout.key)

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCK

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]


@dataclass
class CheckContext:
    """What one run of the checks shares: the conference, today, and data loaded once."""

    conference: Conference
    today: dt.date
    shared: dict = field(default_factory=dict)

    def load(self, key: str, loader: Callable[[], object]):
        """`loader()` the first time `key` is asked for in this run, the same object after."""
        if key not in self.shared:
            self.shared[key] = loader()
        return self.shared[key]


CheckFunction = Callable[[CheckContext], Iterable[Problem]]
_CHECKS: list[tuple[str, CheckFunction]] = []


def register_check(part: str, function: CheckFunction) -> None:
    """Add a part's rule; registering the same function twice keeps one."""
    if (part, function) not in _CHECKS:
        _CHECKS.append((part, function))


def registered_checks() -> list[tuple[str, CheckFunction]]:
    return list(_CHECKS)
