"""A new conference gets the programme its preset brings (presets' [[agenda]] tables)."""

from __future__ import annotations

from ..conferences.models import Conference
from ..conferences.presetting import fill_text
from ..db import db
from ..presets import Preset
from .logic import MAX_ITEM_MINUTES
from .models import AgendaItem


def agenda_from_preset(conference: Conference, preset: Preset, values: dict) -> None:
    """One AgendaItem per preset item, placeholders ({year_reviewed}, …) filled."""
    for position, item in enumerate(preset.agenda, start=1):
        db.session.add(
            AgendaItem(
                conference_id=conference.id,
                position=position,
                kind=item.kind,
                title=fill_text(item.title, values)[:500],
                presenter=fill_text(item.presenter, values)[:300],
                presenter_unit="",
                minutes=min(max(item.minutes, 1), MAX_ITEM_MINUTES),
                mc_text="",
                notes="",
            )
        )
    db.session.flush()
