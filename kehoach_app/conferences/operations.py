"""Named operations that change conferences: create, edit, copy, delete, restore, undo.

Views call these; each one changes the model and flushes, and the view commits once, so a
refused or failed operation leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from .. import transfer
from ..db import db
from . import undo
from .logic import next_edition
from .models import Conference, ConferenceRevision

# How many undo steps a conference keeps.
MAX_REVISIONS = 30


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def take_snapshot(conference: Conference, action: str, description: str) -> ConferenceRevision:
    """Open an undo step for the change about to happen (and record who makes it: the change
    log). The step keeps, table by table, the conference's rows as they are when the change
    first writes them (conferences/undo.py), not the whole conference (issue 19)."""
    from ..lan import current_author

    # What is pending belongs to the state before this change (as when the whole conference
    # was exported here, which flushed it).
    db.session.flush()
    _drop_old_revisions(conference)
    revision = ConferenceRevision(
        conference_id=conference.id,
        action=action,
        description=description,
        snapshot="",
        author=current_author(),
    )
    db.session.add(revision)
    undo.open_step(db.session, revision, conference.id)
    return revision


def _drop_old_revisions(conference: Conference) -> None:
    """Keep MAX_REVISIONS steps with the one being added (ids only: snapshots are not read)."""
    newest = (
        select(ConferenceRevision.id)
        .where(ConferenceRevision.conference_id == conference.id)
        .order_by(ConferenceRevision.id.desc())
        .limit(MAX_REVISIONS - 1)
    )
    stale = db.session.scalars(
        select(ConferenceRevision.id).where(
            ConferenceRevision.conference_id == conference.id,
            ConferenceRevision.id.not_in(newest),
        )
    ).all()
    if stale:
        db.session.execute(
            delete(ConferenceRevision).where(ConferenceRevision.id.in_(stale)),
            execution_options={"synchronize_session": False},
        )
        db.session.expire(conference, ["revisions"])


def create_conference(values: dict) -> Conference:
    conference = Conference()
    conference.set_values(values)
    db.session.add(conference)
    db.session.flush()
    return conference


# The fields that name the organiser: texts the parts derived from them (the award forms'
# issuer on the programme's award items and the estimate's award lines) follow a change.
ORGANISER_FIELDS = ("level", "province", "unit_type", "unit_name", "issuer")

# Parts that re-word what they derived from the organiser: function(conference) -> None, called
# after the change, inside its undo step (the snapshot is taken before).
_ORGANISER_HOOKS: list = []


def register_organiser_hook(function) -> None:
    if function not in _ORGANISER_HOOKS:
        _ORGANISER_HOOKS.append(function)


def update_conference(conference: Conference, values: dict) -> bool:
    """Save the form's values; returns False when nothing changed (no undo step is kept)."""
    if all(
        getattr(conference, name) == value
        for name, value in values.items()
        if name in Conference.FIELDS
    ):
        return False
    take_snapshot(conference, "edit", "Sửa thông tin hội nghị")
    organiser_changed = any(
        name in values and getattr(conference, name) != values[name] for name in ORGANISER_FIELDS
    )
    conference.set_values(values)
    db.session.flush()
    if organiser_changed:
        for function in _ORGANISER_HOOKS:
            function(conference)
        db.session.flush()
    return True


def undo_last_edit(conference: Conference) -> ConferenceRevision | None:
    """Put the conference (and every part of it) back as before its last change.

    Every operation that changes a conference or one of its parts takes a snapshot first, so one
    Hoàn tác button undoes the latest change, whichever part it was in. None when nothing is left.
    """
    undo.close_step(db.session)  # putting back is not itself a change to remember
    revision = db.session.scalars(
        select(ConferenceRevision)
        .where(ConferenceRevision.conference_id == conference.id)
        .order_by(ConferenceRevision.id.desc())
        .limit(1)
    ).first()
    if revision is None:
        return None
    if revision.snapshot_kind == undo.KIND:
        undo.restore(db.session, conference.id, revision.snapshot)
        db.session.refresh(revision)  # its description and time are shown after the commit
    else:  # a step saved before 0020: the whole conference file
        transfer.restore_snapshot(conference, revision.snapshot)
    db.session.delete(revision)
    db.session.flush()
    return revision


def duplicate_conference(conference: Conference) -> Conference:
    """Next edition's conference from this one ("Nhân bản"): everything copied, years moved on."""
    document = transfer.export_conference(conference)
    values = next_edition(conference.values(), conference.kind)
    copy = Conference()
    copy.set_values(values)
    db.session.add(copy)
    db.session.flush()
    offset = copy.year_launched - conference.year_launched
    years = {conference.year_reviewed, conference.year_launched}
    parts = {}
    for part in transfer._PARTS:
        if part.key in document:
            data = document[part.key]
            parts[part.key] = part.next_edition(data, years, offset) if part.next_edition else data
    transfer.replace_parts(copy, transfer.validate_parts(parts))
    return copy


def move_to_recycle_bin(conference: Conference) -> None:
    conference.deleted_at = _now()
    db.session.flush()


def restore_from_recycle_bin(conference: Conference) -> None:
    conference.deleted_at = None
    db.session.flush()


def delete_forever(conference: Conference) -> None:
    db.session.delete(conference)
    db.session.flush()


def active_conferences() -> list[Conference]:
    return list(
        db.session.scalars(
            select(Conference)
            .where(Conference.deleted_at.is_(None))
            .order_by(Conference.date.desc(), Conference.id.desc())
        )
    )


def deleted_conferences() -> list[Conference]:
    return list(
        db.session.scalars(
            select(Conference)
            .where(Conference.deleted_at.is_not(None))
            .order_by(Conference.deleted_at.desc())
        )
    )
