"""Awards: the catalogue of award forms, the base salary, the recipients and the ceremony.

For the budget part: ``award_money_by_form(conference)`` (a list of logic.FormMoney: the form,
lines by kind and base salary with unit amount and total, counts, the form's total) and
``physical_items(conference)`` (a list of logic.ItemCount: item, count, category). See
docs/awards.md.
"""

from __future__ import annotations


def award_money_by_form(conference):
    """The award money of a conference by form, in ceremony order (logic.FormMoney)."""
    from .operations import award_money_by_form as compute

    return compute(conference)


def physical_items(conference):
    """How many of each physical award item the conference needs (logic.ItemCount)."""
    from .operations import physical_items as compute

    return compute(conference)
