"""The programme in the conference file ("agenda": a list of items in order).

The shape is $defs/agenda_item of schemas/conference-file.v1.json; every value is then checked by
the item form itself, so a file can never hold what the page would refuse.
"""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from ..conferences.logic import shift_years
from ..conferences.models import Conference
from ..transfer import ConferenceFileError
from .forms import AgendaItemForm
from .models import AgendaItem
from .operations import items_of
from .operations import replace_items as replace  # noqa: F401 — the file's name for it

KEY = "agenda"


def export(conference: Conference) -> list[dict]:
    rows = []
    for item in items_of(conference):
        row = {name: getattr(item, name) for name in AgendaItem.FIELDS}
        if not row["plan_note"]:
            # written only when there is one: a programme without notes is the same file as
            # before the key existed, and an older program still reads it
            del row["plan_note"]
        if item.derived_key:  # an item kept in step with the awards (docs/agenda.md)
            row["derived_key"] = item.derived_key
            row["edited"] = bool(item.edited)
        rows.append(row)
    return rows


def _kept(row: dict) -> dict:
    """The keeping of an item: its derived key (checked: a short text) and edited flag."""
    key = row.get("derived_key")
    if not isinstance(key, str) or not key.strip() or len(key) > 120:
        return {"derived_key": None, "edited": False}
    return {"derived_key": key.strip(), "edited": row.get("edited") is True}


def validate(data: Any) -> list[dict]:
    """Each item checked by AgendaItemForm; every problem listed as "Chương trình, mục 3: …"."""
    if not isinstance(data, list):
        raise ConferenceFileError(["Chương trình: phải là một danh sách các mục."])
    messages: list[str] = []
    checked: list[dict] = []
    for number, row in enumerate(data, start=1):
        where = f"Chương trình, mục {number}"
        if not isinstance(row, dict):
            messages.append(f"{where}: phải là một nhóm mục (kind, title, minutes, …).")
            continue
        formdata = MultiDict(
            {name: "" if row.get(name) is None else str(row[name]) for name in AgendaItem.FIELDS}
        )
        form = AgendaItemForm(formdata=formdata, meta={"csrf": False})
        if not form.validate():
            for name, errors in form.errors.items():
                label = getattr(form, name).label.text
                messages.extend(f"{where}: {label}: {error}" for error in errors if error)
            continue
        checked.append({**form.item_values(), **_kept(row)})
    if messages:
        raise ConferenceFileError(messages)
    return checked


# The texts of an item that name the years ("Báo cáo tổng kết … năm 2026").
_TEXTS_WITH_YEARS = ("title", "presenter", "presenter_unit", "mc_text", "notes", "plan_note")


def next_edition(rows: list[dict], years: set[int], offset: int) -> list[dict]:
    """The programme of next edition's copy ("Nhân bản"): the years in its texts moved like the
    conference's own (conferences.logic.next_edition). Called by duplicate_conference through
    PartTransfer.next_edition."""
    moved = []
    for row in rows:
        copy = dict(row)
        if copy.get("derived_key"):
            # next year's awards are not known yet: the kept items stand for the ceremony, as a
            # preset's placeholders do, until the new awards are entered
            prefix = copy["derived_key"].split(":", 1)[0]
            copy["derived_key"] = f"{prefix}:placeholder"
            copy["edited"] = False
        for name in _TEXTS_WITH_YEARS:
            if copy.get(name):
                copy[name] = shift_years(copy[name], years, offset)
        moved.append(copy)
    return moved
