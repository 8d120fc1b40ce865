"""The page "Kiểm tra trước khi trình ký": every problem of a conference, grouped by part.

Reading only: the page runs the registered rules (each part's checks.py) and shows what they
found; fixing happens on the part's own form, which each problem links to.
"""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, render_template, request

from ..parts import conference_or_404
from ..printouts import get_printout
from . import _part_order, checks_for_request, part_title, summary

bp = Blueprint("checks", __name__)


def printout_titles(problem) -> list[str]:
    """The Vietnamese titles of the printouts a problem affects, in the print centre's order."""
    items = [get_printout(key) for key in problem.printouts]
    return [item.title for item in sorted(filter(None, items), key=lambda p: p.order)]


def index(conference_id: int):
    conference = conference_or_404(conference_id)
    problems = checks_for_request(conference)
    counts = summary(problems)
    # ?ban-in=<key>: only what affects one printout (the print centre links here per printout)
    only = get_printout(request.args.get("ban-in", ""))
    shown = [p for p in problems if only is None or only.key in p.printouts]
    # Grouped by part in the plan's order; within a part the runner's order (blocking first).
    by_part = sorted(shown, key=lambda p: (_part_order(p.part), p.part))
    groups = [
        {"part": part, "title": part_title(part), "problems": list(items)}
        for part, items in groupby(by_part, key=lambda p: p.part)
    ]
    for group in groups:
        group["blocking"] = sum(1 for p in group["problems"] if p.blocking)
        group["warnings"] = len(group["problems"]) - group["blocking"]
    return render_template(
        "checks/index.html",
        conference=conference,
        counts=counts,
        groups=groups,
        only=only,
        shown_summary=summary(shown),
        printout_titles=printout_titles,
    )
