"""The legal figures behind a conference's award money, described for the pages, the checks and
the printouts (pure: no Flask, no database session). docs/legal-figures.md.

The money (awards/logic.money_by_form) records, line by line, the base salary, the form's rate
and the rounding rule it used. From that:

- ``unverified_uses``: each figure used while unverified, with a sentence — the mark on the
  awards and budget pages and the item of the pre-signature check;
- ``printed_bases``: the bases the documents print (money list, estimate, plan): only figures
  confirmed against their document, never a note to the clerk (issue 15);
- ``rounding_statements``: the rounding rule(s) actually applied, stated on the money list and
  the estimate (the estimate's own rounding of a line to the đồng is another rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import legal, vn
from . import logic


def coefficient_text(milli: int) -> str:
    from decimal import Decimal

    return vn.format_decimal(Decimal(milli) / 1000)


@dataclass(frozen=True)
class FigureUse:
    """One figure the money uses: what it is ("salary", "rate", "rounding"), its row id, the
    form it belongs to (a rate), a sentence naming it, and its status."""

    kind: str
    id: int | None
    text: str
    basis: str
    status: str
    form_id: int | None = None

    @property
    def unverified(self) -> bool:
        return legal.is_unverified(self)


def salary_text(salary: logic.Salary) -> str:
    return (
        f"Mức lương cơ sở {vn.format_number(salary.amount)} đồng/tháng "
        f"({legal.period_text(salary.effective_from, salary.effective_to)})"
    )


def rate_text(form: logic.FormRule, rate: logic.Rate, collective: bool) -> str:
    text = f"Hệ số {coefficient_text(rate.coefficient_milli)} của “{form.name}”"
    if collective and rate.collective_multiplier_milli != 1000:
        text += f", tập thể gấp {coefficient_text(rate.collective_multiplier_milli)} lần"
    return f"{text} ({legal.period_text(rate.effective_from, rate.effective_to)})"


def rounding_text(rule: logic.Rounding) -> str:
    what = (
        "Không làm tròn tiền thưởng"
        if rule.unit <= 1
        else f"Làm tròn tiền thưởng lên bội số của {vn.format_number(rule.unit)} đồng"
    )
    return f"{what} ({legal.period_text(rule.effective_from, rule.effective_to)})"


def uses(money: logic.MoneySummary) -> list[FigureUse]:
    """Every dated figure the money uses, salaries first, then rates, then rounding."""
    found: list[FigureUse] = []
    for salary in money.salaries_used:
        found.append(
            FigureUse("salary", salary.id, salary_text(salary), salary.legal_basis, salary.status)
        )
    for form, rate, collective in money.rates_used():
        if rate.id is None:  # a rule built by hand (tests): not a catalogue figure
            continue
        found.append(
            FigureUse(
                "rate",
                rate.id,
                rate_text(form, rate, collective),
                rate.legal_basis,
                rate.status,
                form.id,
            )
        )
    for rule in money.roundings_used:
        if rule.id is None:
            continue
        found.append(
            FigureUse("rounding", rule.id, rounding_text(rule), rule.legal_basis, rule.status)
        )
    return found


def unverified_uses(money: logic.MoneySummary) -> list[FigureUse]:
    return [use for use in uses(money) if use.unverified]


def printed_bases(money: logic.MoneySummary) -> list[str]:
    """The bases a document prints: confirmed figures only, each once, in use order (salaries,
    rates, rounding); a basis still speaking to the clerk never prints."""
    bases: list[str] = []
    for use in uses(money):
        basis = vn.clean_text(use.basis).rstrip(".")
        if use.unverified or not basis or vn.clerk_phrase(basis) or basis in bases:
            continue
        bases.append(basis)
    return bases


def rounding_statements(money: logic.MoneySummary) -> list[str]:
    """The rounding rule(s) the money applied, in words (one per distinct unit)."""
    units: list[int] = []
    for rule in money.roundings_used:
        if rule.unit not in units:
            units.append(rule.unit)
    return [logic.rounding_sentence(unit) for unit in units]
