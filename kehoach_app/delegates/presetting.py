"""A new conference's delegate groups (thành phần), from its preset."""

from __future__ import annotations

from sqlalchemy import func, select

from ..conferences.models import Conference
from ..conferences.presetting import fill_text
from ..db import db
from ..presets import Preset
from .models import DelegateGroup


def add_preset_groups(conference: Conference, preset: Preset, values: dict) -> None:
    """Give a new conference the groups its preset lists, with their planned counts.

    A conference that already has groups is left alone (the preset only starts a plan).
    """
    existing = db.session.scalar(
        select(func.count())
        .select_from(DelegateGroup)
        .where(DelegateGroup.conference_id == conference.id)
    )
    if existing:
        return
    db.session.add_all(
        DelegateGroup(
            conference_id=conference.id,
            position=position,
            name=fill_text(group.name, values),
            planned=group.planned,
            notes="",
        )
        for position, group in enumerate(preset.delegate_groups, start=1)
    )
    db.session.flush()
