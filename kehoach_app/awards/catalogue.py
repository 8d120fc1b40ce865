"""The catalogue of award forms and the base salary table: seeded from data files, then the
officer's.

``presets/award_forms.toml`` and ``presets/base_salaries.toml`` hold the national defaults with
their legal basis. :func:`ensure_catalogue` puts them in the database on first use:

- award forms are matched by ``code``: a code not yet in the table is added, a code already
  there is left exactly as the officer edited it (forms are never deleted, only made inactive,
  because awards refer to them);
- base salaries are seeded only while the table is empty, so a figure the officer deleted (for
  instance an announced rise that did not happen) does not come back.

The rounding rule (round up to the ten thousand đồng) is read from base_salaries.toml: it is a
rule of the decree, the same for every form, and shown with its basis on the catalogue page.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import tomllib
from dataclasses import dataclass

from sqlalchemy import select

from .. import vn
from ..db import db
from .logic import FormRule, Salary
from .models import AwardForm, BaseSalary

# Levels of an award form, as the catalogue page shows them.
LEVELS: dict[str, str] = {
    "nha_nuoc": "Cấp Nhà nước",
    "tinh": "Cấp tỉnh",
    "xa": "Cấp xã",
    "co_so": "Cấp cơ sở",
    "khac": "Khác",
}


@dataclass(frozen=True)
class Rounding:
    unit: int
    legal_basis: str


def _read(name: str) -> dict:
    text = importlib.resources.files("kehoach_app.presets").joinpath(name).read_text("utf-8")
    return tomllib.loads(vn.nfc(text))


@functools.cache
def default_forms() -> tuple[dict, ...]:
    """The award forms of award_forms.toml, in file order, text NFC."""
    return tuple(
        {key: vn.nfc(value) if isinstance(value, str) else value for key, value in entry.items()}
        for entry in _read("award_forms.toml")["form"]
    )


@functools.cache
def default_salaries() -> tuple[Salary, ...]:
    return tuple(
        Salary(
            amount=int(entry["amount"]),
            effective_from=entry["effective_from"],
            legal_basis=vn.nfc(entry.get("legal_basis", "")),
        )
        for entry in _read("base_salaries.toml")["salary"]
    )


@functools.cache
def rounding() -> Rounding:
    table = _read("base_salaries.toml").get("rounding", {})
    unit = int(table.get("unit", 1))
    return Rounding(unit=max(unit, 1), legal_basis=vn.nfc(table.get("legal_basis", "")))


def ensure_catalogue() -> bool:
    """Add the shipped award forms and base salaries that are missing; True when rows were added.

    Flushes, never commits: the caller's transaction decides.
    """
    added = False
    known = set(db.session.scalars(select(AwardForm.code)))
    for entry in default_forms():
        if entry["code"] not in known:
            db.session.add(AwardForm(**{k: v for k, v in entry.items() if k != "active"}))
            added = True
    if db.session.scalar(select(BaseSalary.id).limit(1)) is None:
        for salary in default_salaries():
            db.session.add(
                BaseSalary(
                    amount=salary.amount,
                    effective_from=salary.effective_from,
                    legal_basis=salary.legal_basis,
                )
            )
        added = True
    if added:
        db.session.flush()
    return added


def form_rule(form: AwardForm) -> FormRule:
    return FormRule(
        id=form.id,
        code=form.code,
        name=form.name,
        level=form.level,
        for_individual=form.for_individual,
        for_collective=form.for_collective,
        coefficient_milli=form.coefficient_milli,
        collective_multiplier_milli=form.collective_multiplier_milli,
        precedence=form.precedence,
        physical_item=form.physical_item,
        legal_basis=form.legal_basis,
        active=form.active,
    )


def all_forms() -> list[AwardForm]:
    """Every catalogue entry, in ceremony order (precedence, then name)."""
    forms = db.session.scalars(select(AwardForm)).all()
    return sorted(forms, key=lambda f: (f.precedence, vn.collation_key(f.name), f.id))


def all_salaries() -> list[BaseSalary]:
    return list(db.session.scalars(select(BaseSalary).order_by(BaseSalary.effective_from)))


def salary_rules() -> list[Salary]:
    return [
        Salary(amount=s.amount, effective_from=s.effective_from, legal_basis=s.legal_basis)
        for s in all_salaries()
    ]


def coefficient_text(milli: int) -> str:
    """4500 → "4,5"; 12000 → "12"; 300 → "0,3" (Luật Kế toán 2015: decimal comma)."""
    return vn.format_decimal(_decimal(milli))


def parse_coefficient(text: str) -> int:
    """ "4,5" or "4.5" → 4500; at most three decimals. ValueError with a Vietnamese message."""
    from decimal import Decimal, InvalidOperation

    raw = vn.clean_text(text).replace(" ", "")
    if not raw:
        raise ValueError("Chưa nhập hệ số.")
    candidate = raw.replace(",", ".")
    if candidate.count(".") > 1:
        raise ValueError(f"“{raw}” không phải là hệ số: viết như 4,5 hoặc 0,3.")
    try:
        value = Decimal(candidate)
    except InvalidOperation:
        raise ValueError(f"“{raw}” không phải là hệ số: viết như 4,5 hoặc 0,3.") from None
    if not value.is_finite() or value < 0:
        raise ValueError("Hệ số phải là số không âm.")
    milli = value * 1000
    if milli != milli.to_integral_value():
        raise ValueError("Hệ số chỉ có tối đa ba chữ số sau dấu phẩy.")
    return int(milli)


def _decimal(milli: int):
    from decimal import Decimal

    return Decimal(milli) / 1000


def salary_in_force(day: dt.date) -> BaseSalary | None:
    return db.session.scalars(
        select(BaseSalary)
        .where(BaseSalary.effective_from <= day)
        .order_by(BaseSalary.effective_from.desc())
        .limit(1)
    ).first()
