"""The demo's plan: the căn cứ with the numbers and dates an officer would type."""

from __future__ import annotations

from ..conferences.models import Conference


def add_demo_legal_bases(conference: Conference, today) -> None:
    """The demo's căn cứ with the numbers and dates an officer would have typed in place of the
    preset's gaps (…), so the demo plan reads as one ready to sign. Invented, like the xã."""
    reviewed = conference.year_reviewed
    filled = {
        "Quyết định số …/…/QĐ-UBND ngày …": (
            f"Quyết định số 25/{reviewed - 1}/QĐ-UBND ngày 12 tháng 6 năm {reviewed - 1}"
        ),
        "Kế hoạch số …/KH-UBND ngày …": f"Kế hoạch số 12/KH-UBND ngày 20 tháng 01 năm {reviewed}",
    }
    text = conference.legal_bases
    for gap, value in filled.items():
        text = text.replace(gap, value)
    conference.legal_bases = text
