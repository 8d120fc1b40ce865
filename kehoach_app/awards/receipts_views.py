"""Danh sách ký nhận tiền thưởng (receipts.py) as a printout: what the print centre, print-all
and the ZIP call (registered by awards/wiring.py under RECEIPTS_KEY)."""

from __future__ import annotations

from .. import vn
from ..conferences.models import Conference
from ..lazy import lazy_module
from . import figures, operations
from .views import _frame

# The list's PDF and workbook load ReportLab and openpyxl: on first use, not at start
# (kehoach_app/lazy.py).
receipts = lazy_module("kehoach_app.awards.receipts")


def _lists(conference: Conference) -> tuple[list[receipts.DecisionList], operations.AwardsState]:
    state = operations.load(conference)
    lists = receipts.decision_lists(
        state.ceremony,
        state.money,
        conference.issuer,
        conference.level,
        conference.organiser.province_title,
    )
    return lists, state


def build(conference: Conference, fmt: str) -> bytes:
    lists, state = _lists(conference)
    if fmt == "xlsx":
        return receipts.render_xlsx(_frame(conference), lists)
    return receipts.render_pdf(_frame(conference), lists, state.money)


def missing(conference: Conference) -> list[str]:
    """What keeps the list from being final: no awards, amounts not computed, a decision not
    entered, figures not confirmed against their documents (the check blocks these too)."""
    state = operations.load(conference)
    if not state.awards:
        return ["Chưa có danh sách khen thưởng"]
    # Counted on the ceremony's recipients as receipts.decision_lists lists them (a line is
    # unpriced when it has no amount; a list is NO_DECISION when neither number nor date is
    # entered), without wording and sorting 300 decisions the print centre does not show
    # (issue 19; tests/test_readmodel_content.py holds both ways to the same answer).
    listed = [r for batch in state.ceremony.batches for r in batch.recipients]
    found = []
    unpriced = sum(1 for r in listed if not state.money.amounts.get(r.id))
    if unpriced:
        found.append(f"{unpriced} khen thưởng chưa tính được tiền")
    if any(not vn.clean_text(r.decision_number) and r.decision_date is None for r in listed):
        found.append("Có khen thưởng chưa nhập số, ngày quyết định")
    if figures.unverified_uses(state.money):
        found.append("Mức lương cơ sở, hệ số hoặc quy tắc làm tròn chưa đối chiếu với văn bản")
    return found
