"""Kiểm tra trước khi trình ký — decoration against the budget.

A decoration item with a cost becomes its own line of the estimate (budget, derived key
"decor:…"). Once the officer types other figures into that line (an override) the decoration
page and the signed estimate give two prices for one thing; and an overridden line whose item
was deleted stays in the estimate with nothing behind it. Both are warnings (the officer may
mean it). Decoration paid twice (a package line naming a priced item) is the budget's rule
(budget/checks.py). Checks read only: the estimate is computed once per run, nothing written.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import url_for

from .. import vn
from ..budget import logic as budget_logic
from ..budget.checks import ESTIMATE, line_url, preview
from ..checks import WARN, CheckContext, Problem, register_check

PART = "decor"


def _decor_rows(context: CheckContext):
    budget, specs, settings = preview(context)
    if settings is None:
        return [], specs
    rows = [r for r in budget.rows if budget_logic.derived_family(r.line.derived_key) == "decor"]
    return rows, specs


def cost_differs_from_estimate(context: CheckContext) -> Iterator[Problem]:
    """WARN: an item's line in the estimate was overridden with other figures than the item's
    quantity × cost on the decoration page."""
    rows, specs = _decor_rows(context)
    for row in rows:
        spec = specs.get(row.line.derived_key)
        if spec is None or not row.line.overridden:
            continue
        expected = budget_logic.line_amount(spec.quantity_milli, spec.unit_price or 0)
        if row.amount == expected:
            continue
        fix = (
            url_for("decor.edit", conference_id=context.conference.id, item_id=spec.source_id)
            if spec.source_id
            else line_url(context, row.line)
        )
        yield Problem(
            key="decor.cost_differs",
            severity=WARN,
            part=PART,
            message=(
                f"Dòng “{row.line.content}” của dự toán ghi {vn.format_money(row.amount)} (số "
                f"nhập tay) nhưng dự kiến chi của hạng mục ở phần Trang trí là "
                f"{vn.format_money(expected)}."
            ),
            fix_url=fix,
            fix_label="Sửa hạng mục trang trí",
            printouts=(ESTIMATE,),
        )


def line_without_item(context: CheckContext) -> Iterator[Problem]:
    """WARN: an overridden decoration line whose item no longer exists (or has no cost)."""
    rows, specs = _decor_rows(context)
    for row in rows:
        if row.line.derived_key in specs or not row.amount:
            continue
        yield Problem(
            key="decor.line_without_item",
            severity=WARN,
            part=PART,
            message=(
                f"Dòng “{row.line.content}” của dự toán ({vn.format_money(row.amount)}, số nhập "
                "tay) không còn hạng mục trang trí có dự kiến chi nào tương ứng."
            ),
            fix_url=line_url(context, row.line),
            fix_label="Sửa dòng dự toán",
            printouts=(ESTIMATE,),
        )


for _rule in (cost_differs_from_estimate, line_without_item):
    register_check(PART, _rule)
