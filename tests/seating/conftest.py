"""Seating tests: the conference file's schema, which holds the seating part's definition."""

from __future__ import annotations

import pytest

from kehoach_app import transfer


@pytest.fixture()
def seating_schema() -> dict:
    return transfer._schema()
