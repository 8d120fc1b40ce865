"""Legal figures as dated, verifiable data (issue 16; docs/legal-figures.md).

Every figure the program takes from the law — the base salary (mức lương cơ sở), an award form's
coefficient and collective multiplier, the rounding of award money, a spending norm — is a row
with its value, its basis (document, article), the period it is in force and a status:

- ``unverified`` ("chưa đối chiếu"): shipped with the program, or edited by the officer, and not
  yet checked against the text of the document;
- ``confirmed`` ("đã đối chiếu"): the officer has read the document and confirmed the value and
  its basis, on a date (and optionally by name).

Editing a row's value, dates or basis puts it back to ``unverified``: what was confirmed is no
longer what is stored. A figure a printout uses while unverified is marked on the screen page
that uses it and blocks the pre-signature check (a warning only on the demo conference); the
printouts carry its basis only once confirmed — an official document carries nothing addressed
to the clerk (issue 15).

This module is pure (no Flask, no database session): the columns are a mixin the models use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from . import vn

UNVERIFIED = "unverified"
CONFIRMED = "confirmed"
STATUS_LABELS = {UNVERIFIED: "Chưa đối chiếu", CONFIRMED: "Đã đối chiếu"}
# The mark a screen page shows beside a figure it uses while unverified.
UNVERIFIED_MARK = "chưa đối chiếu với văn bản"


class VerifiedFigure:
    """Columns of a legal figure's status (a declarative mixin)."""

    status: Mapped[str] = mapped_column(String(12), default=UNVERIFIED, server_default=UNVERIFIED)
    confirmed_on: Mapped[dt.date | None] = mapped_column(default=None)
    confirmed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")


def is_unverified(figure) -> bool:
    """Whether a legal figure (a row, or plain data with a ``status``) is not confirmed.

    The one place that decides it (it replaces the text heuristic on the legal basis): only an
    explicit confirmation counts; a figure without a status is unverified."""
    return getattr(figure, "status", UNVERIFIED) != CONFIRMED


class CannotConfirm(ValueError):
    """The figure cannot be confirmed as it stands (the message says why)."""


def confirm(figure, day: dt.date, by: str = "") -> None:
    """Record that the officer checked the figure against its document on `day` — refused while
    its basis is empty, holds a blank "…" or still speaks to the clerk ("cần đối chiếu"): a
    confirmed basis prints on the documents."""
    basis = vn.clean_text(getattr(figure, "legal_basis", "") or "")
    if not basis:
        raise CannotConfirm("Chưa ghi căn cứ (văn bản, điều, khoản): hãy ghi căn cứ rồi xác nhận.")
    phrase = vn.clerk_phrase(basis) or ("…" if "…" in basis or "..." in basis else "")
    if phrase:
        raise CannotConfirm(
            f"Căn cứ còn ghi “{phrase}”: hãy sửa căn cứ cho đúng văn bản (số, ngày, điều, khoản) "
            "rồi xác nhận — căn cứ đã xác nhận được in trên văn bản."
        )
    figure.status = CONFIRMED
    figure.confirmed_on = day
    figure.confirmed_by = vn.clean_text(by or "")[:200]


def reset_when_changed(figure, values: dict, fields: Iterable[str]) -> bool:
    """Put the figure back to unverified when one of `fields` changes in `values` (before they
    are applied): a confirmation is of what was stored then. True when it was reset."""
    if any(name in values and getattr(figure, name) != values[name] for name in fields):
        figure.status = UNVERIFIED
        figure.confirmed_on = None
        figure.confirmed_by = ""
        return True
    return False


def status_text(figure) -> str:
    """ "Đã đối chiếu ngày 05/12/2026 (Nguyễn Văn An)" or "Chưa đối chiếu"."""
    if is_unverified(figure):
        return STATUS_LABELS[UNVERIFIED]
    text = STATUS_LABELS[CONFIRMED]
    if getattr(figure, "confirmed_on", None):
        text += f" ngày {vn.format_date_short(figure.confirmed_on)}"
    if getattr(figure, "confirmed_by", ""):
        text += f" ({figure.confirmed_by})"
    return text


def in_period(effective_from: dt.date, effective_to: dt.date | None, day: dt.date) -> bool:
    """`day` falls in [effective_from, effective_to] (no end: open)."""
    return effective_from <= day and (effective_to is None or day <= effective_to)


def period_text(effective_from: dt.date, effective_to: dt.date | None) -> str:
    """ "từ 01/7/2025" or "từ 01/7/2024 đến 30/6/2026"."""
    text = f"từ {vn.format_date_short(effective_from)}"
    if effective_to is not None:
        text += f" đến {vn.format_date_short(effective_to)}"
    return text


def periods_text(periods: Iterable[tuple[dt.date, dt.date | None]]) -> str:
    """The stored periods, for a message: "từ 01/7/2023 đến 30/6/2024; từ 01/7/2024"."""
    return "; ".join(period_text(a, b) for a, b in sorted(periods, key=lambda p: p[0]))
