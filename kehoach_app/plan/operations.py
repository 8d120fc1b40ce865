"""Reading a conference into the plan's plain inputs, and saving the officer's edits."""

from __future__ import annotations

from sqlalchemy import select

from .. import vn
from ..agenda.models import AgendaItem
from ..conferences.logic import signing_date_line
from ..conferences.models import Conference
from ..db import db
from ..decor import operations as decor_operations
from ..decor.models import DecorItem
from ..delegates.models import DelegateGroup
from ..tasks.logic import TaskData, support_list
from ..tasks.models import Task
from .logic import (
    DecorLine,
    GroupLine,
    PlanInputs,
    ProgrammeLine,
    ShownBlock,
    digest,
    plan_blocks,
    recipients,
    subtitle,
    with_edits,
)
from .models import PlanParagraph
from .printout import PlanSheet


def _rows(model, conference_id: int) -> list:
    return list(
        db.session.scalars(
            select(model).where(model.conference_id == conference_id).order_by(model.position)
        )
    )


def budget_total(conference: Conference) -> int | None:
    """The estimate's total when the budget part has lines, else None."""
    try:
        from ..budget.logic import conference_budget_total
    except ImportError:  # the budget part is not installed in this build
        return None
    return conference_budget_total(conference)


def budget_bases(conference: Conference) -> list[str]:
    """The bases the estimate prints (confirmed figures only), for the kinh phí paragraph."""
    try:
        from ..budget.logic import conference_budget_bases
    except ImportError:  # the budget part is not installed in this build
        return []
    return conference_budget_bases(conference)


_COMPUTE = object()


def plan_inputs(conference: Conference, total=_COMPUTE) -> PlanInputs:
    """What the plan is built from; `total`: the estimate's total when the caller already has
    it (the checks share one budget preview per run)."""
    return PlanInputs(
        values=conference.values(),
        programme=[
            ProgrammeLine(i.title, i.presenter, i.presenter_unit, i.kind == "nghi_giai_lao")
            for i in _rows(AgendaItem, conference.id)
        ],
        groups=[GroupLine(g.name, g.planned) for g in _rows(DelegateGroup, conference.id)],
        tasks=[
            TaskData(
                title=t.title,
                lead_unit=t.lead_unit,
                support_units=support_list(t.support_units),
                deadline_kind=t.deadline_kind,
                days_before=t.days_before,
                deadline_date=t.deadline_date,
                status=t.status,
            )
            for t in _rows(Task, conference.id)
        ],
        decor=_decor_lines(conference),
        budget_total=budget_total(conference) if total is _COMPUTE else total,
        budget_bases=budget_bases(conference),
    )


def _decor_lines(conference: Conference) -> list[DecorLine]:
    """Decoration items with their texts resolved (a title or banner item follows the
    conference's generated text rather than storing a copy)."""
    texts = decor_operations.resolved_texts(conference)
    return [
        DecorLine(
            d.area, d.item, d.placement, texts.get(d.id, d.text), d.quantity, d.unit, d.days_before
        )
        for d in _rows(DecorItem, conference.id)
    ]


def edits_of(conference: Conference) -> dict[str, tuple[str, str]]:
    rows = db.session.scalars(
        select(PlanParagraph).where(PlanParagraph.conference_id == conference.id)
    )
    return {row.key: (row.text, row.generated_digest) for row in rows}


def shown_blocks(conference: Conference, total=_COMPUTE) -> list[ShownBlock]:
    return with_edits(plan_blocks(plan_inputs(conference, total)), edits_of(conference))


def plan_sheet(conference: Conference) -> PlanSheet:
    values = conference.values()
    signer = [values[k] for k in ("signer_authority", "signer_deputy", "signer_title") if values[k]]
    return PlanSheet(
        parent_body=values["parent_body"],
        issuer=values["issuer"],
        number_line=vn.document_number_line(values["doc_number"], values["doc_symbol"]),
        # The ngày ký of the conference, or the day and month blank for the signer (seeds 000,
        # 002): the same line as every other signed document of the set.
        date_line=signing_date_line(values),
        subtitle=subtitle(values),
        blocks=shown_blocks(conference),
        recipients=recipients(values),
        signer_lines=[vn.upper_vn(line) for line in signer],
        signer_name=values["signer_name"],
    )


class StaleEdit(Exception):
    """The paragraph changed in another tab since its form was opened."""


def edit_versions(conference: Conference) -> dict[str, int]:
    """The version of each edited paragraph, for the forms to carry (never edited: 0)."""
    rows = db.session.execute(
        select(PlanParagraph.key, PlanParagraph.version).where(
            PlanParagraph.conference_id == conference.id
        )
    )
    return {key: version for key, version in rows}


def save_edit(conference: Conference, key: str, text: str, version: int | None = None) -> bool:
    """Keep the officer's wording of a block; False when `key` is not an editable block.

    `version` is the paragraph's version the edit form was opened at (0: not edited then); a
    save over a newer one raises StaleEdit, so that two tabs do not overwrite each other in
    silence (issue 18). None: no form, no check (a test, a script)."""
    blocks = {b.key: b for b in plan_blocks(plan_inputs(conference)) if b.key}
    if key not in blocks:
        return False
    row = db.session.scalar(
        select(PlanParagraph).where(
            PlanParagraph.conference_id == conference.id, PlanParagraph.key == key
        )
    )
    if version is not None and version != (row.version if row is not None else 0):
        raise StaleEdit
    if row is None:
        row = PlanParagraph(conference_id=conference.id, key=key)
        db.session.add(row)
    row.text = text
    row.generated_digest = digest(blocks[key].text)
    db.session.flush()
    return True


def reset_edit(conference: Conference, key: str) -> None:
    row = db.session.scalar(
        select(PlanParagraph).where(
            PlanParagraph.conference_id == conference.id, PlanParagraph.key == key
        )
    )
    if row is not None:
        db.session.delete(row)
        db.session.flush()
