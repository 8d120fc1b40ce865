"""The budget in the conference file (key "budget"): settings with the norm profile by name, the
norms of that profile (so another machine can import them), and the lines.

Values are checked with the page's own forms, so a file can never hold what the page refuses.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from werkzeug.datastructures import MultiDict

from .. import vn
from ..conferences.models import Conference
from ..db import db
from ..transfer import ConferenceFileError
from . import logic, operations
from .forms import BudgetLineForm, NormForm
from .models import BudgetLine, BudgetSettings, Norm, NormProfile

LINE_KEYS = (
    "category", "content", "unit", "quantity_milli", "unit_price", "derived_key", "overridden",
    "norm_code", "notes",
)  # fmt: skip


def export(conference: Conference) -> dict:
    """The budget as the file holds it; "settings" is null while the budget is not started."""
    settings = operations.settings_of(conference)
    lines = operations.lines_of(conference)
    if settings is None and not lines:
        return {"settings": None, "norms": [], "lines": []}
    profile = None
    if settings is not None and settings.norm_profile_id:
        profile = db.session.get(NormProfile, settings.norm_profile_id)
    return {
        "settings": {
            "norm_profile": profile.name if profile else None,
            "norm_profile_kind": profile.kind if profile else None,
            "days_milli": settings.days_milli if settings else 1000,
            "meal_location": settings.meal_location if settings else "",
            "available_amount": settings.available_amount if settings else 0,
        },
        "norms": [
            {
                "code": n.code,
                "name": n.name,
                "category": n.category,
                "unit": n.unit,
                "amount": n.amount,
                "effective_from": n.effective_from.isoformat(),
                "effective_to": n.effective_to.isoformat() if n.effective_to else None,
                "legal_basis": n.legal_basis,
            }
            for n in (profile.norms if profile else [])
        ],
        "lines": [{key: getattr(line, key) for key in LINE_KEYS} for line in lines],
    }


def _errors(form, where: str) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = getattr(form, name).label.text
        messages.extend(f"Dự toán, {where}, {label}: {m}" for m in errors if m)
    return messages


def validate(data) -> dict | None:
    """The file's budget checked with the page's rules; None for "no budget"."""
    if data is None or (data.get("settings") is None and not data.get("lines")):
        return None
    messages: list[str] = []
    settings = dict(data.get("settings") or {})
    days = settings.get("days_milli", 1000)
    if not isinstance(days, int) or not 0 < days <= logic.MAX_DAYS_MILLI:
        messages.append("Dự toán, thiết lập: số ngày họp phải từ 0,001 đến 30.")
    if settings.get("meal_location", "") not in (
        "",
        *logic.MEAL_LOCATIONS,
        *logic.LEGACY_MEAL_LOCATIONS,
    ):
        messages.append("Dự toán, thiết lập: nơi tính tiền ăn không thuộc danh sách cho phép.")
    available = settings.get("available_amount", 0)
    if not isinstance(available, int) or not 0 <= available <= logic.MAX_AMOUNT:
        messages.append("Dự toán, thiết lập: số tiền có trong nguồn kinh phí không hợp lệ.")
    if settings.get("norm_profile_kind") not in (None, *logic.PROFILE_KINDS):
        messages.append("Dự toán, thiết lập: loại bộ định mức không hợp lệ.")
    norms = []
    for number, norm in enumerate(data.get("norms") or [], start=1):
        values = {k: "" if v is None else str(v) for k, v in norm.items()}
        for key in ("effective_from", "effective_to"):
            if values.get(key):
                try:
                    values[key] = vn.format_date_short(dt.date.fromisoformat(values[key]))
                except ValueError:
                    pass
        form = NormForm(formdata=MultiDict(values), meta={"csrf": False})
        if form.validate():
            norms.append(form.norm_values())
        else:
            messages.extend(_errors(form, f"định mức số {number}"))
    lines = []
    total = 0
    for number, line in enumerate(data.get("lines") or [], start=1):
        quantity = line.get("quantity_milli")
        price = line.get("unit_price")
        if not isinstance(quantity, int) or quantity < 0 or not isinstance(price, int):
            messages.append(f"Dự toán, dòng số {number}: số lượng, đơn giá phải là số nguyên.")
            continue
        values = {
            "category": line.get("category", ""),
            "content": line.get("content", ""),
            "unit": line.get("unit", ""),
            "quantity": logic.format_quantity(quantity),
            "unit_price": str(price),
            "norm_code": line.get("norm_code", ""),
            "notes": line.get("notes", ""),
        }
        form = BudgetLineForm(formdata=MultiDict(values), meta={"csrf": False})
        if not form.validate():
            messages.extend(_errors(form, f"dòng số {number}"))
            continue
        checked = form.line_values()
        amount = logic.line_amount(checked["quantity_milli"], checked["unit_price"])
        if amount > logic.MAX_AMOUNT:
            messages.append(f"Dự toán, dòng số {number}: thành tiền vượt 10^12 đồng.")
        total += amount
        checked["derived_key"] = line.get("derived_key") or None
        checked["overridden"] = bool(line.get("overridden"))
        lines.append(checked)
    if total > logic.MAX_AMOUNT:
        messages.append("Dự toán: tổng cộng vượt mức tối đa 1.000.000.000.000 đồng.")
    if messages:
        raise ConferenceFileError(messages)
    return {"settings": settings, "norms": norms, "lines": lines}


def _profile_for(settings: dict, norms: list[dict]) -> NormProfile | None:
    """The profile named in the file; created with the file's norms when this machine lacks it
    (an existing profile is left as it is: norms belong to the machine, not the conference)."""
    name = settings.get("norm_profile")
    if not name:
        return None
    profile = operations.profile_by_name(name)
    if profile is not None:
        return profile
    profile = NormProfile(name=name, kind=settings.get("norm_profile_kind") or "province")
    for values in norms:
        profile.norms.append(Norm(**values))
    db.session.add(profile)
    db.session.flush()
    return profile


def replace(conference: Conference, data: dict | None) -> None:
    db.session.execute(delete(BudgetLine).where(BudgetLine.conference_id == conference.id))
    existing = db.session.get(BudgetSettings, conference.id)
    if data is None:
        if existing is not None:
            db.session.delete(existing)
        db.session.flush()
        return
    settings = data["settings"]
    profile = _profile_for(settings, data["norms"])
    if existing is None:
        existing = BudgetSettings(conference_id=conference.id)
        db.session.add(existing)
    existing.norm_profile_id = profile.id if profile else None
    existing.days_milli = settings.get("days_milli", 1000)
    # An older file's "huyen" (150.000 đ) is b) today (Thông tư 40/2017, Điều 12 k4).
    meal = settings.get("meal_location", "")
    existing.meal_location = logic.LEGACY_MEAL_LOCATIONS.get(meal, meal)
    existing.available_amount = settings.get("available_amount", 0)
    for position, values in enumerate(data["lines"], start=1):
        db.session.add(BudgetLine(conference_id=conference.id, position=position, **values))
    db.session.flush()


SCHEMA_FRAGMENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["settings", "norms", "lines"],
    "properties": {
        "settings": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "required": ["norm_profile", "days_milli", "meal_location", "available_amount"],
            "properties": {
                "norm_profile": {"type": ["string", "null"], "maxLength": 300},
                "norm_profile_kind": {"enum": ["national", "province", "unit", None]},
                "days_milli": {"type": "integer", "minimum": 1, "maximum": 30000},
                "meal_location": {"enum": ["", "tp_trung_uong", "tinh", "huyen", "xa"]},
                "available_amount": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 1000000000000,
                },
            },
        },
        "norms": {
            "type": "array",
            "maxItems": 500,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["code", "name", "category", "amount", "effective_from"],
                "properties": {
                    "code": {"type": "string", "pattern": "^[a-z0-9_]{1,60}$"},
                    "name": {"type": "string", "minLength": 1, "maxLength": 300},
                    "category": {"type": "string", "maxLength": 30},
                    "unit": {"type": "string", "maxLength": 60},
                    "amount": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 1000000000000,
                    },
                    "effective_from": {"type": "string", "format": "date"},
                    "effective_to": {"type": ["string", "null"], "format": "date"},
                    "legal_basis": {"type": "string", "maxLength": 2000},
                },
            },
        },
        "lines": {
            "type": "array",
            "maxItems": 2000,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["category", "content", "quantity_milli", "unit_price"],
                "properties": {
                    "category": {"type": "string", "maxLength": 30},
                    "content": {"type": "string", "minLength": 1, "maxLength": 500},
                    "unit": {"type": "string", "maxLength": 60},
                    "quantity_milli": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 10000000000,
                    },
                    "unit_price": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 1000000000000,
                    },
                    "derived_key": {"type": ["string", "null"], "maxLength": 100},
                    "overridden": {"type": "boolean"},
                    "norm_code": {"type": "string", "maxLength": 60},
                    "notes": {"type": "string", "maxLength": 2000},
                },
            },
        },
    },
}
