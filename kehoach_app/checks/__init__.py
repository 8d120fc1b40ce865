"""Kiểm tra trước khi trình ký: every problem across the parts, gathered before signing.

Each part contributes its own rules from its own module (``kehoach_app/<part>/checks.py``)
through ``register_check``; this module only holds the shape of a problem, the registry and the
runner. A check is a function ``(context) -> Iterable[Problem]``: it reads the conference (and
what ``context.shared`` has already loaded for this run), never writes.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..conferences.models import Conference

log = logging.getLogger(__name__)

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
    # A second page worth a look, e.g. the calendar of days off behind a "ngày nghỉ" warning.
    more_url: str = ""
    more_label: str = ""

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


# The parts' checks modules, named by their wiring and imported at the first check run: each
# registers its rules when imported (a part's rules import its logic, not needed at start).
_MODULES: list[str] = []


def register_check_module(module: str) -> None:
    """A part's checks module (absolute name), loaded when the checks first run."""
    if module not in _MODULES:
        _MODULES.append(module)


def registered_checks() -> list[tuple[str, CheckFunction]]:
    for module in _MODULES:
        importlib.import_module(module)
    return list(_CHECKS)


def _part_order(part: str) -> int:
    """The place of a part in the plan's order (parts.PARTS); an unknown part goes last."""
    from ..parts import PARTS

    for index, (key, _title, _description) in enumerate(PARTS):
        if key == part:
            return index
    return len(PARTS)


def part_title(part: str) -> str:
    """The part's name as the dashboard shows it ("Dự toán kinh phí")."""
    from ..parts import PARTS

    return next((title for key, title, _description in PARTS if key == part), part)


def problem_order(problem: Problem) -> tuple:
    """Blocking first, then the parts in the plan's order, then the sentence (Vietnamese order)."""
    from ..vn import collation_key

    return (not problem.blocking, _part_order(problem.part), collation_key(problem.message))


def _failed_check(part: str, function: CheckFunction, conference: Conference) -> Problem:
    """What the officer sees for a rule that could not run: the others still report, and this
    one is not silently passed (a rule that fails is not a rule that found nothing)."""
    from flask import url_for

    return Problem(
        key=f"{part}.{getattr(function, '__name__', 'check')}.error",
        severity=WARN,
        part=part,
        message=(
            f"Không kiểm tra được một quy tắc của phần {part_title(part)} do lỗi trong chương "
            "trình; hãy tự rà soát phần này và báo cho người hỗ trợ."
        ),
        fix_url=url_for("conferences.show", conference_id=conference.id),
        fix_label="Mở hội nghị",
    )


def run_checks(conference: Conference, today: dt.date | None = None) -> list[Problem]:
    """Every registered rule on one conference, in the order the officer reads them.

    One CheckContext for the run, so a part's data is loaded once and shared by its rules.
    Runs inside an app and request context (the rules build their links with url_for). A rule
    that raises is logged and reported as a warning of its own; the other rules still run.
    """
    context = CheckContext(conference=conference, today=today or dt.date.today())
    problems: list[Problem] = []
    for part, function in registered_checks():
        found: list[Problem] = []
        try:
            for problem in function(context) or ():
                found.append(problem)
        except Exception:  # noqa: BLE001 — one broken rule must not hide the others
            log.exception("pre-signature check %s.%s failed", part, function)
            found.append(_failed_check(part, function, conference))
        problems.extend(found)
    return sorted(problems, key=problem_order)


def checks_for_request(conference: Conference) -> list[Problem]:
    """run_checks once per state of the database and day (readmodel.per_state): the dashboard's
    cards, its summary line, the print centre's columns and the check page all read the same
    run, kept across requests until a commit or a new day. The rules read only the database,
    the day and the app (shipped data, registered rules), so that key is complete; the problems
    are frozen, plain strings, safe to share between requests."""
    from ..readmodel import per_state

    # The rules registered now are part of the key (a test may register one for itself).
    rules = tuple(registered_checks())
    return per_state(("checks", rules), conference.id, lambda: run_checks(conference))


@dataclass(frozen=True)
class CheckSummary:
    """The counts the dashboard, the print centre and the command line show."""

    blocking: int
    warnings: int
    # printout key → how many problems of that severity affect it
    blocking_by_printout: dict[str, int]
    warnings_by_printout: dict[str, int]

    @property
    def text(self) -> str:
        """The counts in words: "2 lỗi chặn, 3 cảnh báo", "Không có lỗi chặn, 1 cảnh báo"."""
        if not self.blocking and not self.warnings:
            return "Không có lỗi chặn, không có cảnh báo"
        blocking = f"{self.blocking} lỗi chặn" if self.blocking else "Không có lỗi chặn"
        warnings = f"{self.warnings} cảnh báo" if self.warnings else "không có cảnh báo"
        return f"{blocking}, {warnings}"


def summary(problems: Iterable[Problem]) -> CheckSummary:
    """Counts per severity and, per printout key, how many problems touch that printout."""
    blocking = warnings = 0
    blocking_by: Counter[str] = Counter()
    warnings_by: Counter[str] = Counter()
    for problem in problems:
        if problem.blocking:
            blocking += 1
            blocking_by.update(set(problem.printouts))
        else:
            warnings += 1
            warnings_by.update(set(problem.printouts))
    return CheckSummary(blocking, warnings, dict(blocking_by), dict(warnings_by))
