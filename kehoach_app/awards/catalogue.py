"""The catalogue of award forms and the base salary table: seeded from data files, then the
officer's.

``presets/award_forms.toml`` and ``presets/base_salaries.toml`` hold the national defaults with
their legal basis. :func:`ensure_catalogue` puts them in the database when the app starts
(awards.wiring._seed_catalogue) and before a write that needs them (the demo, an import, the
catalogue's forms) — never on a read (issue 19):

- award forms are matched by ``code``: a code not yet in the table is added, a code already
  there is left exactly as the officer edited it (forms are never deleted, only made inactive,
  because awards refer to them);
- base salaries are seeded only while the table is empty, so a figure the officer deleted (for
  instance an announced rise that did not happen) does not come back.

- rounding rules (base_salaries.toml, [[rounding]]) likewise, while their table is empty;
- each form's money figures are dated AwardRate rows: a shipped form gets one from
  award_forms.toml's ``rates_from``.

Every one of them is a legal figure with a status (kehoach_app/legal.py, docs/legal-figures.md):
shipped unverified; the officer confirms it against the document on the catalogue page; an edit
of its value, dates or basis puts it back to unverified.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import tomllib

from sqlalchemy import select

from .. import legal, vn
from ..db import db
from .logic import FormRule, Rate, Rounding, Salary
from .models import AwardForm, AwardRate, BaseSalary, RoundingRule

# Levels of an award form, as the catalogue page shows them.
LEVELS: dict[str, str] = {
    "nha_nuoc": "Cấp Nhà nước",
    "tinh": "Cấp tỉnh",
    "xa": "Cấp xã",
    "co_so": "Cấp cơ sở",
    "khac": "Khác",
}


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


def _status(entry: dict) -> str:
    # A data file may only ship a figure unverified: confirming is the officer's act.
    return legal.UNVERIFIED


@functools.cache
def rates_from() -> dt.date:
    """The date the shipped coefficients apply from (award_forms.toml: Nghị định 152/2025)."""
    return _read("award_forms.toml").get("rates_from", dt.date(2025, 7, 1))


@functools.cache
def default_salaries() -> tuple[Salary, ...]:
    return tuple(
        Salary(
            amount=int(entry["amount"]),
            effective_from=entry["effective_from"],
            legal_basis=vn.nfc(entry.get("legal_basis", "")),
            effective_to=entry.get("effective_to"),
            status=_status(entry),
        )
        for entry in _read("base_salaries.toml")["salary"]
    )


@functools.cache
def default_roundings() -> tuple[Rounding, ...]:
    entries = _read("base_salaries.toml").get("rounding", [])
    if isinstance(entries, dict):  # format of a file before issue 16: one undated table
        entries = [{"effective_from": dt.date(2023, 7, 1), **entries}]
    return tuple(
        Rounding(
            unit=max(int(entry.get("unit", 1)), 1),
            effective_from=entry["effective_from"],
            effective_to=entry.get("effective_to"),
            legal_basis=vn.nfc(entry.get("legal_basis", "")),
            status=_status(entry),
        )
        for entry in entries
    )


_FORM_COLUMNS = {
    "code", "name", "level", "for_individual", "for_collective", "coefficient_milli",
    "collective_multiplier_milli", "precedence", "physical_item", "legal_basis",
}  # fmt: skip


def ensure_catalogue() -> bool:
    """Add the shipped award forms (each with its dated rate), base salaries and rounding rules
    that are missing; True when rows were added.

    Flushes, never commits: the caller's transaction decides.
    """
    added = False
    known = set(db.session.scalars(select(AwardForm.code)))
    for entry in default_forms():
        if entry["code"] not in known:
            form = AwardForm(**{k: v for k, v in entry.items() if k in _FORM_COLUMNS})
            db.session.add(form)
            db.session.add(
                AwardRate(
                    form=form,
                    coefficient_milli=form.coefficient_milli,
                    collective_multiplier_milli=form.collective_multiplier_milli,
                    effective_from=rates_from(),
                    legal_basis=form.legal_basis,
                    status=legal.UNVERIFIED,
                )
            )
            added = True
    if db.session.scalar(select(BaseSalary.id).limit(1)) is None:
        for salary in default_salaries():
            db.session.add(
                BaseSalary(
                    amount=salary.amount,
                    effective_from=salary.effective_from,
                    effective_to=salary.effective_to,
                    legal_basis=salary.legal_basis,
                    status=salary.status,
                )
            )
        added = True
    if db.session.scalar(select(RoundingRule.id).limit(1)) is None:
        for rule in default_roundings():
            db.session.add(
                RoundingRule(
                    unit=rule.unit,
                    effective_from=rule.effective_from,
                    effective_to=rule.effective_to,
                    legal_basis=rule.legal_basis,
                    status=rule.status,
                )
            )
        added = True
    if added:
        db.session.flush()
    return added


def rates_of(form: AwardForm) -> list[AwardRate]:
    return list(
        db.session.scalars(
            select(AwardRate).where(AwardRate.form_id == form.id).order_by(AwardRate.effective_from)
        )
    )


def all_rates() -> dict[int, list[AwardRate]]:
    """Every form's rates, by form id, oldest first."""
    rates: dict[int, list[AwardRate]] = {}
    for row in db.session.scalars(select(AwardRate).order_by(AwardRate.effective_from)):
        rates.setdefault(row.form_id, []).append(row)
    return rates


def rate_data(row: AwardRate) -> Rate:
    return Rate(
        coefficient_milli=row.coefficient_milli,
        collective_multiplier_milli=row.collective_multiplier_milli,
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        legal_basis=row.legal_basis,
        status=row.status,
        id=row.id,
    )


def form_rule(form: AwardForm, rates: list[AwardRate] | None = None) -> FormRule:
    if rates is None:
        rates = rates_of(form)
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
        rates=tuple(rate_data(row) for row in rates),
    )


def form_rules() -> list[FormRule]:
    """Every catalogue entry with its dated rates, in ceremony order."""
    rates = all_rates()
    return [form_rule(form, rates.get(form.id, [])) for form in all_forms()]


def all_forms() -> list[AwardForm]:
    """Every catalogue entry, in ceremony order (precedence, then name)."""
    forms = db.session.scalars(select(AwardForm)).all()
    return sorted(forms, key=lambda f: (f.precedence, vn.collation_key(f.name), f.id))


def all_salaries() -> list[BaseSalary]:
    return list(db.session.scalars(select(BaseSalary).order_by(BaseSalary.effective_from)))


def salary_data(s: BaseSalary) -> Salary:
    return Salary(
        amount=s.amount,
        effective_from=s.effective_from,
        legal_basis=s.legal_basis,
        effective_to=s.effective_to,
        status=s.status,
        id=s.id,
    )


def salary_rules() -> list[Salary]:
    return [salary_data(s) for s in all_salaries()]


def all_roundings() -> list[RoundingRule]:
    return list(db.session.scalars(select(RoundingRule).order_by(RoundingRule.effective_from)))


def rounding_data(r: RoundingRule) -> Rounding:
    return Rounding(
        unit=r.unit,
        effective_from=r.effective_from,
        effective_to=r.effective_to,
        legal_basis=r.legal_basis,
        status=r.status,
        id=r.id,
    )


def rounding_rules() -> list[Rounding]:
    return [rounding_data(r) for r in all_roundings()]


def rounding(day: dt.date | None = None) -> Rounding | None:
    """The rounding rule in force on `day` (today by default), None when none is stored."""
    from .logic import rounding_on

    return rounding_on(rounding_rules(), day or dt.date.today())


# --------------------------------------------------------------------------- editing figures

RATE_FIELDS = (
    "coefficient_milli", "collective_multiplier_milli", "effective_from", "effective_to",
    "legal_basis",
)  # fmt: skip
SALARY_FIELDS = ("amount", "effective_from", "effective_to", "legal_basis")
ROUNDING_FIELDS = ("unit", "effective_from", "effective_to", "legal_basis")


CannotConfirm = legal.CannotConfirm


def confirm_figure(row, day: dt.date, by: str = "") -> None:
    """The officer's "Đã đối chiếu với văn bản" on a salary, rate or rounding rule (legal.confirm
    holds the rule)."""
    legal.confirm(row, day, by)
    db.session.flush()


def save_rate(form: AwardForm, rate: AwardRate | None, values: dict) -> AwardRate:
    """Add or edit one of the form's dated rates; an edit of a figure, a date or the basis puts
    it back to unverified. The form's own columns mirror its latest rate."""
    if rate is None:
        rate = AwardRate(form=form, status=legal.UNVERIFIED)
        db.session.add(rate)
    else:
        legal.reset_when_changed(rate, values, RATE_FIELDS)
    for name in RATE_FIELDS:
        if name in values:
            setattr(rate, name, values[name])
    db.session.flush()
    mirror_latest_rate(form)
    return rate


def mirror_latest_rate(form: AwardForm) -> None:
    rates = rates_of(form)
    if not rates:
        return
    latest = rates[-1]
    form.coefficient_milli = latest.coefficient_milli
    form.collective_multiplier_milli = latest.collective_multiplier_milli
    form.legal_basis = latest.legal_basis
    db.session.flush()


def overlap_message(rows, effective_from: dt.date, effective_to: dt.date | None, own=None) -> str:
    """ "" or why the period overlaps another stored period of the same figure."""
    if effective_to is not None and effective_to < effective_from:
        return "Ngày kết thúc phải sau ngày bắt đầu áp dụng."
    for row in rows:
        if row is own:
            continue
        if row.effective_from == effective_from:
            return "Đã có một mức áp dụng từ ngày này."
    return ""


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
