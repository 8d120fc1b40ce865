"""How the parts are wired into the app (issue 19): one `wiring.py` per part, called in a fixed
order from `create_app`.

A part's wiring module holds what the app must know before the part's first request, and
nothing heavier:
- its blueprint, with the addresses of its pages in a route table: each address is bound to the
  view function by name and the views module is imported at the first request that needs it
  (`lazy_function`). The start therefore does not import the parts' views, forms, logic and
  printouts (a third of a frozen start);
- `register()`: its dashboard card, printouts, preset and demo steps, conference-file part,
  pre-signature checks and hooks, each named by module and function, loaded on first call.
  `register()` runs once per process; a second app of the same process (the tests make many)
  shares the registries.

The order of PARTS is the order the registries run their steps in: the demo and a preset build
a conference part by part, and a part comes after those it reads — delegates before awards (an
award names its recipients), awards before the budget (award money is a budget line), the
budget and the plan before seating and tasks, as the steps ran when the views registered them.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Blueprint, Flask

from .lazy import lazy_function

PARTS = (
    "conferences",
    "agenda",
    "delegates",
    "awards",
    "budget",
    "decor",
    "plan",
    "seating",
    "tasks",
    "checkin",
    "checks",
    "backups",
)

GET, POST, FORM = ("GET",), ("POST",), ("GET", "POST")

Route = tuple[str, str, tuple[str, ...], dict[str, Any]]


def route(rule: str, view: str, methods: tuple[str, ...] = GET, **options: Any) -> Route:
    """One address of a page: the URL rule, the view function's name, its methods and any of
    Flask's rule options (`defaults`)."""
    return rule, view, methods, options


# One stand-in per view function: Flask requires an endpoint to keep the same function when
# several rules (or a second app) point to it.
_VIEWS: dict[tuple[str, str], Callable[..., Any]] = {}


def view(module: str, name: str) -> Callable[..., Any]:
    """The view function `name` of `module`, imported at its first request."""
    key = (module, name)
    if key not in _VIEWS:
        _VIEWS[key] = lazy_function(module, name)
    return _VIEWS[key]


def add_routes(bp: Blueprint, module: str, routes: Iterable[Route]) -> None:
    """Bind each route to the view of the same name in `module` (absolute), loaded on use."""
    for rule, name, methods, options in routes:
        bp.add_url_rule(rule, name, view(module, name), methods=list(methods), **options)


def load_views() -> list[str]:
    """Import every views module the parts' route tables name (and the checks modules the
    rules come from), as their first requests would; the modules imported, in order.

    `python -m kehoach_app` calls it in the background a moment after it starts serving
    (`load_views_soon`), so the first page is served without them and the officer's first
    dashboard does not wait for them either."""
    from .checks import registered_checks

    modules = sorted({module for module, _name in _VIEWS})
    for module in modules:
        importlib.import_module(module)
    registered_checks()
    return modules


def load_views_soon(delay: float = 1.0) -> threading.Thread:
    """load_views in a daemon thread after `delay` seconds: the browser opening and the first
    page come first; an import that fails is left to its page's first request to report."""

    def run() -> None:
        time.sleep(delay)
        try:
            load_views()
            # What they loaded lives as long as the program, as what the start loaded (frozen
            # by __main__): kept out of the collector's full sweeps, which otherwise walked it
            # again during the first views after each change.
            gc.freeze()
        except Exception:  # noqa: BLE001 — the page that needs the module will say what is wrong
            logging.getLogger(__name__).exception("preloading the parts' views failed")

    thread = threading.Thread(target=run, name="kehoach-load-views", daemon=True)
    thread.start()
    return thread


_registered = False


def wire(app: Flask) -> None:
    """Register every part's blueprint on `app`; the parts' registrations the first time."""
    global _registered
    parts = [importlib.import_module(f"kehoach_app.{name}.wiring") for name in PARTS]
    if not _registered:
        _registered = True
        for part in parts:
            part.register()
    for part in parts:
        app.register_blueprint(part.bp)
