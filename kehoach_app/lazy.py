"""Modules loaded on first use, so that the start loads only what the first page needs (issue 19).

A part's wiring (kehoach_app/wiring.py) names its views and the functions it registers (printouts,
card, checks, preset and demo steps, conference-file functions) through `lazy_function`, and the
views name ReportLab, python-docx and openpyxl through `lazy_module`: the start imports none of
them (about a second of a frozen start). The import happens at the first call, under Python's
import lock (safe with waitress's threads).
tests/test_lazy_start.py keeps it so.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


class LazyModule:
    """Stands for a module imported the first time one of its names is read."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name}>"


def lazy_module(name: str) -> Any:
    """The module `name` (absolute), imported when a name of it is first read."""
    return LazyModule(name)


def lazy_function(module: str, name: str) -> Callable[..., Any]:
    """A function that imports `module` (absolute) and calls its `name` when it is called."""

    found: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not found:  # a second thread may look it up too: the same function either way
            found.append(getattr(importlib.import_module(module), name))
        return found[0](*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = module
    call.__doc__ = f"{module}.{name}, imported on first call."
    call.lazy_target = (module, name)  # type: ignore[attr-defined] — read by the wiring's test
    return call
