"""A new conference gets the programme its preset brings (presets' [[agenda]] tables)."""

from __future__ import annotations

from ..conferences.models import Conference
from ..conferences.presetting import fill_text
from ..db import db
from ..presets import Preset
from .logic import BREAK_KIND, MAX_ITEM_MINUTES
from .models import AgendaItem

AWARD_KIND = "trao_thuong"
# The preset's award items stand for the ceremony until awards are entered; then the items kept
# in step with the ceremony batches replace them (awards/logic.py programme_items). The same key
# as awards.logic.PLACEHOLDER_KEY (not imported: the programme does not depend on the awards).
AWARD_PLACEHOLDER_KEY = "awards:placeholder"


def agenda_from_preset(conference: Conference, preset: Preset, values: dict) -> None:
    """One AgendaItem per preset item, placeholders ({year_reviewed}, …) filled.

    The preset's award items (kind trao_thuong), and a break standing between two of them, are
    placeholders of the award ceremony (derived_key AWARD_PLACEHOLDER_KEY): the ceremony's own
    items and breaks replace them as soon as awards are entered.
    """
    kinds = [item.kind for item in preset.agenda]
    for position, item in enumerate(preset.agenda, start=1):
        index = position - 1
        between_awards = (
            item.kind == BREAK_KIND
            and 0 < index < len(kinds) - 1
            and kinds[index - 1] == AWARD_KIND
            and kinds[index + 1] == AWARD_KIND
        )
        placeholder = item.kind == AWARD_KIND or between_awards
        db.session.add(
            AgendaItem(
                conference_id=conference.id,
                position=position,
                kind=item.kind,
                title=fill_text(item.title, values)[:2000],
                presenter=fill_text(item.presenter, values)[:300],
                presenter_unit="",
                minutes=min(max(item.minutes, 1), MAX_ITEM_MINUTES),
                mc_text="",
                notes="",
                plan_note=fill_text(item.plan_note, values)[:2000],
                derived_key=AWARD_PLACEHOLDER_KEY if placeholder else None,
            )
        )
    db.session.flush()
