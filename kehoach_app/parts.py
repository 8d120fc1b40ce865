"""The parts of a conference, as the dashboard shows them: one card each, with progress.

A part that exists registers a card function; the parts still to come show as such, so the
officer sees the whole plan and what the program will do for each part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import abort, flash, url_for

from .conferences.models import Conference
from .db import db


@dataclass
class Card:
    """What the dashboard shows for one part of a conference."""

    key: str
    title: str
    description: str
    progress: int = 0
    todo: list[str] = field(default_factory=list)
    url: str | None = None
    url_label: str = "Mở"
    available: bool = True
    # further pages of the part worth a link of their own: (address, label)
    links: list[tuple[str, str]] = field(default_factory=list)


# The parts in the order the plan (Kế hoạch) lists them.
PARTS: list[tuple[str, str, str]] = [
    ("info", "Thông tin chung", "Tên, thời gian, địa điểm, người ký"),
    ("agenda", "Chương trình", "Chương trình hội nghị, kịch bản điều hành"),
    ("delegates", "Đại biểu", "Thành phần, giấy mời, phản hồi"),
    ("seating", "Sơ đồ chỗ ngồi", "Sơ đồ hội trường, biển tên"),
    ("awards", "Khen thưởng", "Danh sách khen thưởng, kịch bản trao thưởng, màn hình LED"),
    ("decor", "Trang trí khánh tiết", "Phông, cờ, tượng Bác, băng khẩu hiệu, hoa"),
    ("tasks", "Phân công nhiệm vụ", "Việc, đơn vị chủ trì, phối hợp, thời hạn"),
    ("budget", "Dự toán kinh phí", "Dự toán theo định mức chi"),
    ("plan", "Kế hoạch", "Văn bản Kế hoạch tổ chức Hội nghị"),
]

CardFunction = Callable[[Conference], Card]
_CARDS: dict[str, CardFunction] = {}


def register_card(key: str, function: CardFunction) -> None:
    _CARDS[key] = function


def cards_for(conference: Conference) -> list[Card]:
    """Every part's card, each kept across requests while the database and the day stay the
    same (readmodel.per_state): a card reads only the database, the day and url_for, and holds
    plain strings and numbers. The dashboard does not change the cards it is given."""
    from .readmodel import per_state

    cards = []
    for key, title, description in PARTS:
        if key in _CARDS:
            function = _CARDS[key]
            cards.append(
                per_state(("card", function), conference.id, lambda f=function: f(conference))
            )
        else:
            cards.append(
                Card(
                    key=key,
                    title=title,
                    description=description,
                    available=False,
                )
            )
    return cards


def conference_or_404(conference_id: int) -> Conference:
    """The conference a part's page is about; 404 when it does not exist or is in the bin."""
    conference = db.session.get(Conference, conference_id)
    if conference is None or conference.deleted_at is not None:
        abort(404)
    return conference


def undo_notice(conference: Conference, text: str) -> None:
    """Flash a saved change with its one-click Hoàn tác (every change took a snapshot first)."""
    flash(
        {
            "text": text,
            "action_url": url_for("conferences.undo", conference_id=conference.id),
            "action_label": "Hoàn tác",
        },
        "success",
    )
