"""The database side of the import from the decision (decision_import.py reads the file): the
remembered column mappings, the conference's awards and delegates to check against, the
all-or-nothing import (one undo step, operations.import_awards)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from sqlalchemy import select

from ..conferences.models import Conference
from ..db import db
from . import decision_import as di
from . import operations
from .decision_import_models import AwardImportMapping
from .forms import check_award, field_label
from .logic import FormRule


def remembered() -> dict[str, list[str]]:
    """Every remembered mapping: table signature → roles."""
    found = {}
    for row in db.session.scalars(select(AwardImportMapping)):
        try:
            roles = json.loads(row.roles_json)
        except ValueError:
            continue
        if isinstance(roles, list) and roles and all(r in di.ROLE_LABELS for r in roles):
            found[row.signature] = roles
    return found


def remember(tables: Iterable[di.TablePreview]) -> int:
    """Keep the officer's mapping of each table for the next file of the same shape (a POST
    that imports; never on a GET). Only a mapping the guess would not find is stored, and one
    stored before is replaced; returns how many rows were written."""
    written = 0
    for shown in tables:
        table = shown.table
        row = db.session.scalar(
            select(AwardImportMapping).where(AwardImportMapping.signature == table.signature)
        )
        roles_json = json.dumps(shown.roles)
        if row is None:
            if shown.roles == di.guess_roles(table):
                continue
            row = AwardImportMapping(signature=table.signature)
            db.session.add(row)
        elif row.roles_json == roles_json:
            continue
        row.headers_json = json.dumps(table.headers, ensure_ascii=False)
        row.roles_json = roles_json
        written += 1
    db.session.flush()
    return written


def find_form(forms: list[FormRule], code_or_id: str | int | None) -> FormRule | None:
    if code_or_id in (None, ""):
        return None
    for form in forms:
        if str(form.id) == str(code_or_id) or form.code == code_or_id:
            return form
    return None


def preview(
    conference: Conference,
    source: di.Source,
    *,
    chosen: dict[int, list[str]] | None = None,
    form: FormRule | None = None,
    number: str | None = None,
    date: dt.date | None = None,
    skip: Iterable[str] = (),
    state: operations.AwardsState | None = None,
) -> di.Preview:
    """The preview of `source` for this conference, each row checked as the page's form checks
    an award typed by hand (operations.import_awards takes the values as they are)."""
    state = state or operations.load(conference)
    result = di.build_preview(
        source,
        state.forms,
        remembered=remembered(),
        chosen=chosen,
        form_override=form,
        number=number,
        date=date,
        existing=[di.Existing(a.form_id, a.recipient_kind, a.name, a.unit) for a in state.awards],
        people=[di.Person(d.id, d.full_name, d.unit) for d in state.delegates],
        skip=skip,
    )
    date_text = result.date.isoformat() if result.date else ""
    delegates = {d.id: d for d in state.delegates}
    for row in result.rows:
        if row.problems or row.form is None or row.kind is None:
            continue
        delegate = delegates.get(row.delegate.id) if row.delegate else None
        values, errors = check_award(
            {
                "form_id": row.form.id,
                "recipient_kind": row.kind,
                "name": row.name,
                "job_title": row.job_title,
                "unit": row.unit,
                "decision_number": result.number,
                "decision_date": date_text,
                "receiver_delegate_id": delegate.id if delegate else "",
                "receiver_name": "",
                "notes": row.achievement,
            },
            state.forms,
            [delegate] if delegate else [],
        )
        if errors:
            for name, messages in errors.items():
                label = _label(name)
                row.problems.extend(f"{label}: {message}" for message in messages)
        else:
            row.values = values
    return result


def _label(name: str) -> str:
    try:
        return field_label(name)
    except AttributeError:
        return name


def import_preview(conference: Conference, result: di.Preview) -> int:
    """Add every row of a clean preview (one undo step) and remember the column mappings; the
    caller commits. Refuses (ValueError) a preview with any problem: all or nothing."""
    if not result.ok or any(row.values is None for row in result.rows):
        raise ValueError("the preview has problems")
    source = f"quyết định số {result.number}" if result.number else "quyết định khen thưởng"
    _placeholders(result.tables)
    count = operations.import_awards(conference, [row.values for row in result.rows], source=source)
    remember(result.tables)
    return count


def _placeholders(tables: Iterable[di.TablePreview]) -> None:
    """An empty row for each mapping this import will remember for the first time, written
    BEFORE the undo step opens: the mappings are shared by every conference, and undo puts back
    the shared rows a change updates but leaves the rows it adds (conferences/undo.py). So the
    import only updates, and Hoàn tác puts the empty row back — the undone choice is forgotten
    (an empty mapping counts as none)."""
    for shown in tables:
        exists = db.session.scalar(
            select(AwardImportMapping.id).where(
                AwardImportMapping.signature == shown.table.signature
            )
        )
        if exists is None and shown.roles != di.guess_roles(shown.table):
            db.session.add(
                AwardImportMapping(
                    signature=shown.table.signature, headers_json="[]", roles_json="[]"
                )
            )
    db.session.flush()
