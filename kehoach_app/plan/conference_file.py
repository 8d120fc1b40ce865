"""The plan in the conference file: its written paragraphs, its outline, its ordinal and the
levels it is held at (issue 17); a file written before the outline or the levels has none."""

from __future__ import annotations

from sqlalchemy import delete, select

from .. import transfer, vn
from ..conferences.models import Conference
from ..db import db
from .logic import FREE
from .models import PlanParagraph
from .operations import (
    entry_data,
    entry_from_data,
    level_data,
    levels_of,
    outline_of,
    write_levels,
    write_outline,
)


def export(conference: Conference) -> dict:
    rows = db.session.scalars(
        select(PlanParagraph)
        .where(PlanParagraph.conference_id == conference.id)
        .order_by(PlanParagraph.key)
    )
    return {
        "paragraphs": [
            {"key": r.key, "text": r.text, "generated_digest": r.generated_digest} for r in rows
        ],
        "sections": [entry_data(e) for e in outline_of(conference)],
        "ordinal": conference.ordinal,
        "levels": [level_data(r) for r in levels_of(conference)],
    }


def validate(data: dict) -> dict:
    messages = []
    for number, item in enumerate(data.get("paragraphs", []), 1):
        if not vn.clean_text(item["text"]):
            messages.append(f"Kế hoạch, đoạn {number}: nội dung trống.")
    keys = set()
    for number, item in enumerate(data.get("sections", []), 1):
        if item["key"] in keys:
            messages.append(f"Kế hoạch, mục {number} của dàn ý: mã mục “{item['key']}” trùng.")
        keys.add(item["key"])
        if item["key"].startswith(FREE) and not vn.clean_text(item.get("title", "")):
            messages.append(f"Kế hoạch, mục {number} của dàn ý: mục tự viết chưa có tên mục.")
    for number, item in enumerate(data.get("levels") or [], 1):
        if item.get("quarter") and not item.get("year"):
            messages.append(f"Kế hoạch, cấp {number}: có quý thì cần ghi năm.")
    if messages:
        raise transfer.ConferenceFileError(messages)
    return data


def replace(conference: Conference, data: dict) -> None:
    db.session.execute(delete(PlanParagraph).where(PlanParagraph.conference_id == conference.id))
    for item in data.get("paragraphs", []):
        db.session.add(
            PlanParagraph(
                conference_id=conference.id,
                key=item["key"],
                text=vn.clean_text(item["text"]),
                generated_digest=item["generated_digest"],
            )
        )
    # A file written before the outline existed has none: the conference keeps the default.
    write_outline(conference, [entry_from_data(item) for item in data.get("sections", [])])
    # Nor levels or an ordinal before issue 17: none.
    write_levels(conference, list(data.get("levels") or []))
    conference.ordinal = data.get("ordinal")
