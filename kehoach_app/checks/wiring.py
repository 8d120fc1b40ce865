"""The wiring of the checks before signing: its pages' addresses, bound to its views by name and
loaded at their first request, and its registrations (kehoach_app/wiring.py).
"""

from __future__ import annotations

from flask import Blueprint

from ..wiring import add_routes, route

bp = Blueprint("checks", __name__)
VIEWS = "kehoach_app.checks.views"

add_routes(
    bp,
    VIEWS,
    (route("/hoi-nghi/<int:conference_id>/kiem-tra", "index"),),
)


def register() -> None:
    """The checks page has no registrations of its own: the parts register their rules."""
