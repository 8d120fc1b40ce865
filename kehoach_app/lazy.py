"""Modules loaded on first use, so that the start loads only what the first page needs (issue 19).

A part's views are imported at start (they register the part's printouts, card, checks, preset
and demo steps, and conference-file functions), but its printouts and spreadsheets pull in
ReportLab, python-docx and openpyxl — about a second of a frozen start. Views therefore name
those modules through `lazy_module` and register builders through `lazy_function`: the import
happens at the first call, under Python's import lock (safe with waitress's threads).
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

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = module
    call.__doc__ = f"{module}.{name}, imported on first call."
    return call
