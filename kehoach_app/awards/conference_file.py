"""The awards in the conference file: {"forms", "settings", "awards", "batches"}.

Schema: schemas/conference-file.v1.json, $defs/awards. Awards and batches name their award form
by code; "forms" carries the catalogue entries the awards use, so another machine can import
them (a code it does not have is added to its catalogue; a code it has keeps the local figures —
the local catalogue is that office's norms). Delegates are named by full name and unit
($defs/delegate_ref) and resolved against the conference's delegates when the part is replaced;
one that cannot be found keeps its name in receiver_name / presenter_name, so nothing is lost.

Also used by undo (the snapshot is this export) and by "Nhân bản" (next_edition: an empty list,
the ceremony settings kept).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from ..conferences.models import Conference
from ..db import db
from ..delegates.models import Delegate
from ..transfer import ConferenceFileError
from . import catalogue, logic, operations
from .forms import check_award, field_label
from .logic import FormRule, fold
from .models import Award, AwardForm, CeremonyBatch, CeremonySettings

KEY = "awards"
_FORM_FIELDS = (
    "code",
    "name",
    "level",
    "for_individual",
    "for_collective",
    "coefficient_milli",
    "collective_multiplier_milli",
    "precedence",
    "physical_item",
    "legal_basis",
)


def _ref(delegate: Delegate | None) -> dict | None:
    if delegate is None:
        return None
    return {"full_name": delegate.full_name, "unit": delegate.unit}


def export(conference: Conference) -> dict:
    awards = operations.awards_of(conference)
    rows = operations.batch_rows(conference)
    forms = {f.id: f for f in db.session.scalars(select(AwardForm))}
    delegates = {d.id: d for d in operations.delegates_of(conference)}
    used = {a.form_id for a in awards} | {r.form_id for r in rows}
    settings = operations.settings_of(conference)
    ordered = sorted(
        awards, key=lambda a: (forms[a.form_id].precedence, a.form_id, a.position, a.id)
    )
    return {
        "forms": [
            {name: getattr(forms[form_id], name) for name in _FORM_FIELDS}
            for form_id in sorted(used, key=lambda i: (forms[i].precedence, forms[i].code))
        ],
        "settings": {
            "batch_size": settings.batch_size,
            "breaks_after": settings.breaks_after,
            "minutes_per_batch": settings.minutes_per_batch,
            "group_by": settings.group_by,
        },
        "awards": [
            {
                "form": forms[a.form_id].code,
                "recipient_kind": a.recipient_kind,
                "name": a.name,
                "unit": a.unit,
                "job_title": a.job_title,
                "decision_number": a.decision_number,
                "decision_date": a.decision_date.isoformat() if a.decision_date else None,
                "receiver_delegate": _ref(delegates.get(a.receiver_delegate_id)),
                "receiver_name": a.receiver_name,
                "notes": a.notes,
            }
            for a in ordered
        ],
        "batches": [
            {
                "form": forms[r.form_id].code,
                "number": r.number,
                "presenter_delegate": _ref(delegates.get(r.presenter_delegate_id)),
                "presenter_name": r.presenter_name,
                "music_cue": r.music_cue,
                "notes": r.notes,
            }
            for r in rows
        ],
    }


def _file_form(entry: dict) -> FormRule:
    return FormRule(
        id=-1,
        code=entry["code"],
        name=entry["name"],
        level=entry.get("level", ""),
        for_individual=entry.get("for_individual", True),
        for_collective=entry.get("for_collective", True),
        coefficient_milli=entry.get("coefficient_milli", 0),
        collective_multiplier_milli=entry.get("collective_multiplier_milli", 2000),
        precedence=entry.get("precedence", 100),
        physical_item=entry.get("physical_item", ""),
        legal_basis=entry.get("legal_basis", ""),
    )


def validate(data: dict) -> dict:
    """Check the part with the page's rules; every problem names the item and the field."""
    catalogue.ensure_catalogue()
    messages: list[str] = []
    local = {f.code: catalogue.form_rule(f) for f in catalogue.all_forms()}
    in_file = {}
    for index, entry in enumerate(data.get("forms", []), start=1):
        if not (entry.get("for_individual", True) or entry.get("for_collective", True)):
            messages.append(f"Hình thức {index} ({entry['code']}): không tặng cho ai.")
        in_file[entry["code"]] = entry
    # What the awards are checked against: the local entry when there is one, else the file's.
    known: dict[str, FormRule] = {}
    for code in set(local) | set(in_file):
        rule = local.get(code) or _file_form(in_file[code])
        known[code] = FormRule(**{**rule.__dict__, "id": len(known) + 1, "active": True})
    by_id = {rule.id: rule for rule in known.values()}
    awards = []
    for index, item in enumerate(data.get("awards", []), start=1):
        rule = known.get(item["form"])
        if rule is None:
            messages.append(
                f"Khen thưởng {index}: hình thức “{item['form']}” không có trong danh mục "
                "của máy này và không có trong tệp."
            )
            continue
        values, errors = check_award(
            {
                "form_id": rule.id,
                "recipient_kind": item["recipient_kind"],
                "name": item["name"],
                "unit": item.get("unit", ""),
                "job_title": item.get("job_title", ""),
                "decision_number": item.get("decision_number", ""),
                "decision_date": item.get("decision_date") or "",
                "receiver_name": item.get("receiver_name", ""),
                "notes": item.get("notes", ""),
            },
            list(by_id.values()),
        )
        for name, field_messages in errors.items():
            messages.extend(
                f"Khen thưởng {index}: {field_label(name)}: {m}" for m in field_messages
            )
        if values is not None:
            values["form"] = item["form"]
            values["receiver_delegate"] = item.get("receiver_delegate")
            values.pop("form_id", None)
            values.pop("receiver_delegate_id", None)
            awards.append(values)
    batches = []
    seen = set()
    for index, item in enumerate(data.get("batches", []), start=1):
        if item["form"] not in known:
            messages.append(f"Đợt trao thưởng {index}: hình thức “{item['form']}” không có.")
            continue
        key = (item["form"], item["number"])
        if key in seen:
            messages.append(f"Đợt trao thưởng {index}: trùng với một đợt trước.")
            continue
        seen.add(key)
        batches.append(
            {
                "form": item["form"],
                "number": item["number"],
                "presenter_delegate": item.get("presenter_delegate"),
                "presenter_name": item.get("presenter_name", ""),
                "music_cue": item.get("music_cue", ""),
                "notes": item.get("notes", ""),
            }
        )
    settings = data.get("settings", {})
    per_batch = settings.get("minutes_per_batch", logic.DEFAULT_MINUTES_PER_BATCH)
    if isinstance(per_batch, bool) or not isinstance(per_batch, int) or not 1 <= per_batch <= 30:
        messages.append("Khen thưởng: số phút mỗi đợt trao thưởng phải từ 1 đến 30.")
    if messages:
        raise ConferenceFileError(messages)
    return {
        "forms": list(in_file.values()),
        "settings": {
            "batch_size": settings.get("batch_size", 10),
            "breaks_after": list(settings.get("breaks_after", [])),
            "minutes_per_batch": settings.get("minutes_per_batch", logic.DEFAULT_MINUTES_PER_BATCH),
            "group_by": settings.get("group_by", logic.DEFAULT_GROUP_BY),
        },
        "awards": awards,
        "batches": batches,
    }


class _Resolver:
    """Finds a delegate of the conference by full name and unit (then by full name alone when
    only one delegate has it)."""

    def __init__(self, conference: Conference):
        self.exact: dict[tuple[str, str], list[Delegate]] = {}
        self.by_name: dict[str, list[Delegate]] = {}
        for delegate in operations.delegates_of(conference):
            self.exact.setdefault((fold(delegate.full_name), fold(delegate.unit)), []).append(
                delegate
            )
            self.by_name.setdefault(fold(delegate.full_name), []).append(delegate)

    def find(self, ref: dict | None) -> Delegate | None:
        if not ref:
            return None
        name = fold(ref.get("full_name", ""))
        found = self.exact.get((name, fold(ref.get("unit", ""))), [])
        if len(found) == 1:
            return found[0]
        found = self.by_name.get(name, [])
        return found[0] if len(found) == 1 else None


def replace(conference: Conference, data: dict) -> None:
    """Make the conference's awards, settings and batches exactly `data` (checked)."""
    catalogue.ensure_catalogue()
    codes = {f.code: f for f in db.session.scalars(select(AwardForm))}
    added = []
    for entry in data.get("forms", []):
        if entry["code"] not in codes:
            form = AwardForm(**{k: v for k, v in entry.items() if k in _FORM_FIELDS})
            db.session.add(form)
            codes[entry["code"]] = form
            added.append(form)
    db.session.flush()
    for form in added:  # a form new to this machine: its figures as one unverified rate
        catalogue.save_rate(
            form,
            None,
            {
                "coefficient_milli": form.coefficient_milli,
                "collective_multiplier_milli": form.collective_multiplier_milli,
                "legal_basis": form.legal_basis,
                "effective_from": catalogue.rates_from(),
            },
        )
    db.session.execute(delete(Award).where(Award.conference_id == conference.id))
    db.session.execute(delete(CeremonyBatch).where(CeremonyBatch.conference_id == conference.id))
    settings_row = db.session.get(CeremonySettings, conference.id)
    resolver = _Resolver(conference)
    positions: dict[int, int] = {}
    for item in data.get("awards", []):
        form = codes[item["form"]]
        positions[form.id] = positions.get(form.id, 0) + 1
        delegate = resolver.find(item.get("receiver_delegate"))
        receiver_name = item.get("receiver_name", "")
        if delegate is None and item.get("receiver_delegate"):
            receiver_name = receiver_name or item["receiver_delegate"]["full_name"]
        date = item.get("decision_date")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        db.session.add(
            Award(
                conference_id=conference.id,
                form_id=form.id,
                position=positions[form.id],
                recipient_kind=item["recipient_kind"],
                name=item["name"],
                unit=item.get("unit", ""),
                job_title=item.get("job_title", ""),
                decision_number=item.get("decision_number", ""),
                decision_date=date,
                receiver_delegate_id=delegate.id if delegate else None,
                receiver_name=delegate.full_name if delegate else receiver_name,
                notes=item.get("notes", ""),
            )
        )
    settings = data.get("settings") or {}
    batch_size = settings.get("batch_size", 10)
    breaks = ",".join(settings.get("breaks_after", []))
    per_batch = settings.get("minutes_per_batch", logic.DEFAULT_MINUTES_PER_BATCH)
    group_by = settings.get("group_by", logic.DEFAULT_GROUP_BY)
    if settings_row is None and (
        batch_size != 10
        or breaks
        or per_batch != logic.DEFAULT_MINUTES_PER_BATCH
        or group_by != logic.DEFAULT_GROUP_BY
    ):
        settings_row = CeremonySettings(conference_id=conference.id)
        db.session.add(settings_row)
    if settings_row is not None:
        settings_row.batch_size = batch_size
        settings_row.breaks_after = breaks
        settings_row.minutes_per_batch = per_batch
        settings_row.group_by = group_by
    for item in data.get("batches", []):
        delegate = resolver.find(item.get("presenter_delegate"))
        name = item.get("presenter_name", "")
        if delegate is None and item.get("presenter_delegate"):
            name = name or item["presenter_delegate"]["full_name"]
        db.session.add(
            CeremonyBatch(
                conference_id=conference.id,
                form_id=codes[item["form"]].id,
                number=item["number"],
                presenter_delegate_id=delegate.id if delegate else None,
                presenter_name=delegate.full_name if delegate else name,
                music_cue=item.get("music_cue", ""),
                notes=item.get("notes", ""),
            )
        )
    db.session.flush()


def next_edition(data: dict, years: set[int], offset: int) -> dict:
    """For "Nhân bản": next year's awards are next year's decisions, so the list and the batch
    choices start empty (copying them would put last year's money in next year's budget); the way
    the ceremony is cut (batch size, breaks) is kept."""
    return {
        "forms": [],
        "settings": dict(data.get("settings") or {}),
        "awards": [],
        "batches": [],
    }
