"""The awards page's list, a page at a time (issue 19): pure, no Flask, no database.

300 awards drawn on one page were 571 KB of HTML, each row with its four buttons. The page now
shows 50 rows; the forms keep the stage order (logic.stage_order) across pages, a form that runs
on from the page before says so, and the money table above links every form to the page where
its list starts. The search keeps the rows whose name, unit or job title has every word typed
(the delegates' rule: "nguyen" finds "Nguyễn"), so any award is found and edited in two clicks.
The ▲ ▼ buttons are worked out on the whole form, so a row first on its page still moves up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..delegates.logic import SearchQuery
from . import logic

PAGE_SIZE = 50


@dataclass(frozen=True)
class Row:
    recipient: logic.Recipient
    number: int  # its number within the form, in stage order (1-based)
    can_up: bool  # the row above in the form is of the same kind (collective / individual)
    can_down: bool


@dataclass
class FormSection:
    money: object  # the form's line of logic's money summary (form, count, total, …)
    rows: list[Row] = field(default_factory=list)
    continued: bool = False  # the form's list began on an earlier page


@dataclass
class ListPage:
    sections: list[FormSection]  # the forms with rows on this page, in stage order
    page: int
    pages: int
    found: int  # rows kept by the search (all of them without one)
    total: int  # every award
    form_pages: dict[int, int]  # form id → the page its list starts on (without a search)


def _rows(form_money: Sequence, by_form: dict[int, list]) -> list[tuple[object, Row]]:
    out = []
    for money in form_money:
        ordered = logic.stage_order(by_form.get(money.form.id, []))
        for i, recipient in enumerate(ordered):
            out.append(
                (
                    money,
                    Row(
                        recipient=recipient,
                        number=i + 1,
                        can_up=i > 0 and ordered[i - 1].kind == recipient.kind,
                        can_down=i + 1 < len(ordered) and ordered[i + 1].kind == recipient.kind,
                    ),
                )
            )
    return out


def page_of_awards(
    form_money: Sequence,
    recipients: Iterable[logic.Recipient],
    *,
    page: int = 1,
    search: str = "",
    showing: int | None = None,
    size: int = PAGE_SIZE,
) -> ListPage:
    """The page asked (or, with `showing`, the page that holds that award) of the list in stage
    order, forms in `form_money`'s order."""
    by_form: dict[int, list] = {}
    for recipient in recipients:
        by_form.setdefault(recipient.form_id, []).append(recipient)
    every = _rows(form_money, by_form)
    form_pages: dict[int, int] = {}
    for index, (money, _row) in enumerate(every):
        form_pages.setdefault(money.form.id, index // size + 1)
    query = SearchQuery.parse(search)
    kept = every
    if query:
        kept = [
            (m, r)
            for m, r in every
            if query.matches(r.recipient.name, r.recipient.unit, r.recipient.job_title)
        ]
    pages = max(1, -(-len(kept) // size))
    if showing is not None:
        for index, (_money, row) in enumerate(kept):
            if row.recipient.id == showing:
                page = index // size + 1
                break
    page = min(max(page, 1), pages)
    start = (page - 1) * size
    sections: list[FormSection] = []
    for index, (money, row) in enumerate(kept[start : start + size], start=start):
        if not sections or sections[-1].money is not money:
            earlier = index > 0 and kept[index - 1][0] is money
            sections.append(FormSection(money=money, continued=earlier))
        sections[-1].rows.append(row)
    return ListPage(
        sections=sections,
        page=page,
        pages=pages,
        found=len(kept),
        total=len(every),
        form_pages=form_pages,
    )
