"""Named operations on a conference's awards, and the loading of its rows as plain data.

Views call these; each change takes an undo snapshot first (conferences.operations.take_snapshot),
changes the rows and flushes; the view commits once, so a refused or failed change leaves nothing
half-saved. `load(conference)` reads everything the computations need into logic.py's
dataclasses, once per request.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import delete, func, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import selectinload

from .. import vn
from ..conferences.logic import event_time_text
from ..conferences.models import Conference
from ..conferences.operations import take_snapshot
from ..db import db
from ..delegates.models import Delegate
from ..readmodel import per_content, per_request
from . import catalogue, logic
from .models import Award, AwardForm, CeremonyBatch, CeremonySettings

# The fields of an award the form and the import write.
AWARD_FIELDS = (
    "form_id",
    "recipient_kind",
    "name",
    "unit",
    "job_title",
    "decision_number",
    "decision_date",
    "receiver_delegate_id",
    "receiver_name",
    "notes",
)


class StaleEdit(Exception):
    """The row changed in another tab since the form was opened."""


# --------------------------------------------------------------------------- reading


def person(delegate: Delegate) -> logic.Person:
    """An ORM delegate as the ceremony's Person: the same mapping as the one reader's
    (delegates.reading.award_person), which the state uses."""
    from ..delegates.reading import DelegateRow, award_person

    group = delegate.group
    return award_person(
        DelegateRow(
            id=delegate.id,
            full_name=delegate.full_name,
            honorific=delegate.honorific,
            position=delegate.position,
            unit=delegate.unit,
            protocol_rank=delegate.protocol_rank,
            presidium=delegate.presidium,
            reply=delegate.reply,
            substitute_name=delegate.substitute_name,
            check_in_code=delegate.check_in_code,
            group_id=delegate.group_id,
            group_name=group.name if group else "",
            group_position=group.position if group else None,
        )
    )


def delegates_of(conference: Conference) -> list[Delegate]:
    """The conference's delegates as ORM rows, their groups loaded in the same read (forms, the
    import and the conference file need the rows; the computations use delegates.reading)."""
    return list(
        db.session.scalars(
            select(Delegate)
            .where(Delegate.conference_id == conference.id)
            .options(selectinload(Delegate.group))
        )
    )


def awards_of(conference: Conference) -> list[Award]:
    return list(
        db.session.scalars(
            select(Award)
            .where(Award.conference_id == conference.id)
            .order_by(Award.form_id, Award.position, Award.id)
        )
    )


@functools.cache
def _award_row_type():
    """A frozen row with the attribute names of Award's columns (what the state's readers read:
    id, form_id, the recipient's fields, receiver_delegate_id, version, …)."""
    return namedtuple("AwardRow", [attr.key for attr in sa_inspect(Award).column_attrs])


def award_rows(conference: Conference) -> tuple:
    """The conference's awards as frozen rows, in awards_of's order: one query and no ORM object
    (the state's readers only read the values; the operations that change awards keep
    awards_of). Kept by the rows' content (readmodel.per_content): the first view after a
    change elsewhere finds them built (issue 19)."""
    row_type = _award_row_type()
    raw = tuple(
        map(
            tuple,
            db.session.execute(
                select(*(getattr(Award, name) for name in row_type._fields))
                .where(Award.conference_id == conference.id)
                .order_by(Award.form_id, Award.position, Award.id)
            ),
        )
    )
    return per_content("awards.rows", raw, lambda: tuple(map(row_type._make, raw)))


def recipient(award: Award, people: dict[int, logic.Person]) -> logic.Recipient:
    receiver = people.get(award.receiver_delegate_id) if award.receiver_delegate_id else None
    return logic.Recipient(
        id=award.id,
        form_id=award.form_id,
        position=award.position,
        kind=award.recipient_kind,
        name=award.name,
        unit=award.unit,
        job_title=award.job_title,
        decision_number=award.decision_number,
        decision_date=award.decision_date,
        receiver=receiver,
        # a linked delegate's name is kept in receiver_name as a fallback (docs/awards.md)
        receiver_name="" if receiver is not None else award.receiver_name,
        notes=award.notes,
    )


@dataclass
class Settings:
    batch_size: int = logic.DEFAULT_BATCH_SIZE
    breaks_after: list[str] = field(default_factory=list)
    version: int = 0  # 0: never saved
    minutes_per_batch: int = logic.DEFAULT_MINUTES_PER_BATCH
    group_by: str = logic.DEFAULT_GROUP_BY


def settings_of(conference: Conference) -> Settings:
    row = db.session.get(CeremonySettings, conference.id)
    if row is None:
        return Settings()
    return Settings(
        batch_size=row.batch_size,
        breaks_after=split_codes(row.breaks_after),
        version=row.version,
        minutes_per_batch=row.minutes_per_batch or logic.DEFAULT_MINUTES_PER_BATCH,
        group_by=row.group_by if row.group_by in logic.GROUPINGS else logic.DEFAULT_GROUP_BY,
    )


def split_codes(text: str) -> list[str]:
    return [code.strip() for code in (text or "").split(",") if code.strip()]


def batch_rows(conference: Conference) -> list[CeremonyBatch]:
    return list(
        db.session.scalars(
            select(CeremonyBatch)
            .where(CeremonyBatch.conference_id == conference.id)
            .order_by(CeremonyBatch.form_id, CeremonyBatch.number)
        )
    )


def batch_edit(row: CeremonyBatch, people: dict[int, logic.Person]) -> logic.BatchEdit:
    presenter = people.get(row.presenter_delegate_id) if row.presenter_delegate_id else None
    return logic.BatchEdit(
        form_id=row.form_id,
        number=row.number,
        presenter=presenter,
        presenter_name="" if presenter is not None else row.presenter_name,
        music_cue=row.music_cue,
        notes=row.notes,
    )


@dataclass
class AwardsState:
    """Everything about a conference's awards, read once; the computations are done on demand.

    The delegates are read only when something asks for them (issue 19): the money and the item
    counts (the budget's inputs) need the awards, the forms and the rules alone; `people` comes
    from the one reader of the delegates (delegates.reading, one query shared with seating and
    the printouts); `delegates` (ORM rows, for the forms and the import) only on the pages that
    offer a delegate to pick."""

    conference: Conference
    forms: list[logic.FormRule]
    awards: tuple  # award_rows: frozen rows, not ORM objects
    salaries: list[logic.Salary]
    settings: Settings
    batches: list[CeremonyBatch]
    roundings: list[logic.Rounding]

    @cached_property
    def people(self) -> dict[int, logic.Person]:
        from ..delegates.reading import award_people

        return award_people(self.conference.id)

    @cached_property
    def delegates(self) -> list[Delegate]:
        return delegates_of(self.conference)

    @cached_property
    def named(self) -> dict[int, logic.Person]:
        """The delegates the ceremony reads, by id: the Đoàn Chủ tịch (logic.presidium_order
        keeps no one else as a presenter), the receivers and the presenters the awards and the
        batches name. The recipients, the edits and the ceremony are the same as from `people`
        (they look these ids up, and plan_ceremony reads the presidium alone), without a Person
        made for each of a thousand delegates at every first view after a change (issue 19)."""
        if "people" in self.__dict__:
            return self.people
        from ..delegates.reading import award_person, delegate_rows

        wanted = {a.receiver_delegate_id for a in self.awards} | {
            b.presenter_delegate_id for b in self.batches
        }
        return {
            row.id: award_person(row)
            for row in delegate_rows(self.conference.id)
            if row.presidium or row.id in wanted
        }

    @cached_property
    def edits(self) -> list[logic.BatchEdit]:
        return [batch_edit(row, self.named) for row in self.batches]

    @cached_property
    def recipients(self) -> list[logic.Recipient]:
        return [recipient(award, self.named) for award in self.awards]

    @cached_property
    def counted(self) -> list[logic.Recipient]:
        """The recipients without their receivers looked up: all the money and the item counts
        read (form, kind, decision date), so the budget never reads the delegates."""
        if "recipients" in self.__dict__:
            return self.recipients
        return [recipient(award, {}) for award in self.awards]

    @cached_property
    def form_by_id(self) -> dict[int, logic.FormRule]:
        return {f.id: f for f in self.forms}

    @cached_property
    def money(self) -> logic.MoneySummary:
        """Kept by its whole input (readmodel.per_content): the forms with their rates, the
        award rows (the recipients counted are made from them alone: no receiver is read),
        the salaries, the conference's date, the rounding rules — the first view after a
        change elsewhere finds 300 awards priced (issue 19). Shared: readers do not change it."""
        content = (
            tuple(self.forms),
            self.awards,
            tuple(self.salaries),
            self.conference.date,
            tuple(self.roundings),
        )
        return per_content(
            "awards.money",
            content,
            lambda: logic.money_by_form(
                self.forms,
                self.counted,
                self.salaries,
                self.conference.date,
                roundings=self.roundings,
            ),
        )

    @cached_property
    def items(self) -> list[logic.ItemCount]:
        return logic.physical_item_counts(self.forms, self.counted)

    @cached_property
    def ceremony(self) -> logic.Ceremony:
        return logic.plan_ceremony(
            self.forms,
            self.recipients,
            self.settings.batch_size,
            self.named.values(),
            self.edits,
            self.settings.breaks_after,
            self.settings.group_by,
            self.conference.level,
        )

    @cached_property
    def salary(self) -> logic.Salary | None:
        """The base salary in force on the conference's date."""
        return logic.salary_on(self.salaries, self.conference.date)

    def used_forms(self) -> list[logic.FormRule]:
        used = {a.form_id for a in self.awards}
        return [f for f in logic.order_forms(self.forms) if f.id in used]

    def script(self) -> logic.CeremonyScript:
        conference = self.conference
        # The script's heading line only (the MC reads no date aloud): the day as far as it is
        # known, "Dự kiến cuối tháng 02/2027 — …" until it is fixed (issue 17).
        when = f"{event_time_text(conference.values())} — {conference.venue}"
        return logic.ceremony_script(
            conference.title,
            when,
            self.ceremony,
            conference.issuer,
            conference.organiser.province_title,
        )

    @cached_property
    def programme_items(self) -> list[logic.ProgrammeItem]:
        """The items the programme must hold for the ceremony (docs/agenda.md)."""
        from ..agenda.logic import DEFAULT_BREAK_MINUTES

        return logic.programme_items(
            self.ceremony, self.settings.minutes_per_batch, DEFAULT_BREAK_MINUTES
        )

    def overview(self) -> logic.Overview:
        return logic.overview(
            self.recipients, self.money, self.items, self.ceremony, bool(self.salaries)
        )


def load(conference: Conference) -> AwardsState:
    """Read the conference's awards, the catalogue, the delegates, the settings and edits —
    once per GET request (the page, the budget's derived lines and the checks share it)."""
    return per_request("awards", conference.id, lambda: _load(conference))


def _load(conference: Conference) -> AwardsState:
    # No catalogue.ensure_catalogue() here: a read never writes (issue 19); the shipped
    # catalogue is stored when the app starts (wiring._seed_catalogue) and by the demo, the
    # import and the catalogue's own forms.
    return AwardsState(
        conference=conference,
        # Named for this conference: "Giấy khen của Chủ tịch Ủy ban nhân dân phường Hồng Hà" on
        # every page and printout that reads the state (logic.form_title).
        forms=logic.for_organiser(catalogue.form_rules(), conference.organiser),
        awards=award_rows(conference),
        salaries=catalogue.salary_rules(),
        settings=settings_of(conference),
        batches=batch_rows(conference),
        roundings=catalogue.rounding_rules(),
    )


def award_money_by_form(conference: Conference) -> list[logic.FormMoney]:
    """The award money of a conference by form (for the budget): lines, counts, totals."""
    return load(conference).money.forms


def physical_items(conference: Conference) -> list[logic.ItemCount]:
    """How many of each physical award item the conference needs (for the budget)."""
    return load(conference).items


# --------------------------------------------------------------------------- changing awards


def _next_position(conference: Conference, form_id: int) -> int:
    current = db.session.scalar(
        select(func.max(Award.position)).where(
            Award.conference_id == conference.id, Award.form_id == form_id
        )
    )
    return (current or 0) + 1


def _receiver_fallback(values: dict) -> dict:
    """Keep a linked delegate's name in receiver_name, so the name survives if the link breaks
    (the delegate deleted, a file whose delegate cannot be found)."""
    values = dict(values)
    delegate_id = values.get("receiver_delegate_id")
    if delegate_id:
        delegate = db.session.get(Delegate, delegate_id)
        values["receiver_name"] = delegate.full_name if delegate else values.get("receiver_name")
    return values


def describe(name: str, length: int = 60) -> str:
    name = vn.clean_text(name)
    return name if len(name) <= length else name[: length - 1] + "…"


def add_award(conference: Conference, values: dict) -> Award:
    take_snapshot(conference, "awards", f"Thêm khen thưởng “{describe(values['name'])}”")
    award = Award(
        conference_id=conference.id, position=_next_position(conference, values["form_id"])
    )
    for name, value in _receiver_fallback(values).items():
        if name in AWARD_FIELDS:
            setattr(award, name, value)
    db.session.add(award)
    db.session.flush()
    sync_programme(conference)
    return award


def update_award(award: Award, values: dict, version: int | None = None) -> bool:
    """Save the form's values; False when nothing changed. Raises StaleEdit on an old version."""
    if version is not None and version != award.version:
        raise StaleEdit
    values = _receiver_fallback(values)
    if all(getattr(award, name) == values.get(name) for name in AWARD_FIELDS if name in values):
        return False
    take_snapshot(award.conference, "awards", f"Sửa khen thưởng “{describe(award.name)}”")
    if values.get("form_id") and values["form_id"] != award.form_id:
        award.position = _next_position(award.conference, values["form_id"])
    for name in AWARD_FIELDS:
        if name in values:
            setattr(award, name, values[name])
    db.session.flush()
    sync_programme(award.conference)
    return True


def delete_award(award: Award, version: int | None = None) -> None:
    if version is not None and version != award.version:
        raise StaleEdit
    conference = award.conference
    take_snapshot(conference, "awards", f"Xóa khen thưởng “{describe(award.name)}”")
    db.session.delete(award)
    db.session.flush()
    sync_programme(conference)


def move_award(award: Award, step: int) -> bool:
    """Move an award one place up (-1) or down (+1) in stage order, within its form and kind.

    The form's positions are renumbered 1, 2, … in stage order first, so ties (imports, moves
    between forms) never make a move do nothing. False when it is already first or last.
    """
    siblings = list(
        db.session.scalars(
            select(Award)
            .where(Award.conference_id == award.conference_id, Award.form_id == award.form_id)
            .order_by(Award.position, Award.id)
        )
    )
    ordered = sorted(
        siblings,
        key=lambda a: (logic.KIND_ORDER.index(a.recipient_kind), a.position, a.id),
    )
    same_kind = [a for a in ordered if a.recipient_kind == award.recipient_kind]
    index = same_kind.index(award)
    target = index + step
    if not 0 <= target < len(same_kind):
        return False
    where = "lên" if step < 0 else "xuống"
    take_snapshot(award.conference, "awards", f"Chuyển “{describe(award.name)}” {where}")
    other = same_kind[target]
    i, j = ordered.index(award), ordered.index(other)
    ordered[i], ordered[j] = ordered[j], ordered[i]
    # Positions are written with plain UPDATEs that leave the rows' version alone: an edit page
    # open in another tab still saves after the list was reordered.
    for number, row in enumerate(ordered, start=1):
        if row.position != number:
            db.session.execute(
                update(Award)
                .where(Award.id == row.id)
                .values(position=number)
                .execution_options(synchronize_session=False)
            )
    db.session.flush()
    for row in ordered:
        db.session.expire(row, ["position"])
    sync_programme(award.conference)  # the batches' members (and so their presenters) move
    return True


def import_awards(
    conference: Conference, rows: list[dict], replace: bool = False, source: str = "Excel"
) -> int:
    """Add the imported rows (all of them, already checked) after the existing awards of each
    form, or instead of all existing awards when `replace`. `source` names where they came from
    in the undo step ("Excel", "quyết định số 123/QĐ-UBND")."""
    what = "Thay danh sách khen thưởng" if replace else "Nhập khen thưởng"
    take_snapshot(conference, "awards", f"{what} từ {source} ({len(rows)} dòng)")
    if replace:
        db.session.execute(delete(Award).where(Award.conference_id == conference.id))
    next_position: dict[int, int] = {}
    for values in rows:
        form_id = values["form_id"]
        if form_id not in next_position:
            next_position[form_id] = _next_position(conference, form_id)
        award = Award(conference_id=conference.id, position=next_position[form_id])
        next_position[form_id] += 1
        for name, value in _receiver_fallback(values).items():
            if name in AWARD_FIELDS:
                setattr(award, name, value)
        db.session.add(award)
    db.session.flush()
    sync_programme(conference)
    return len(rows)


# --------------------------------------------------------------------------- the ceremony


def save_settings(
    conference: Conference,
    batch_size: int,
    breaks_after: list[str],
    version: int | None = None,
    minutes_per_batch: int | None = None,
    group_by: str | None = None,
) -> bool:
    row = db.session.get(CeremonySettings, conference.id)
    current = row.version if row is not None else 0
    if version is not None and version != current:
        raise StaleEdit
    text = ",".join(breaks_after)
    if minutes_per_batch is None:
        minutes_per_batch = row.minutes_per_batch if row is not None else None
    minutes_per_batch = minutes_per_batch or logic.DEFAULT_MINUTES_PER_BATCH
    if group_by is None:
        group_by = row.group_by if row is not None else logic.DEFAULT_GROUP_BY
    if group_by not in logic.GROUPINGS:
        raise ValueError(f"unknown batch grouping {group_by!r}")
    if row is not None and (
        row.batch_size,
        row.breaks_after,
        row.minutes_per_batch,
        row.group_by,
    ) == (batch_size, text, minutes_per_batch, group_by):
        return False
    if (
        row is None
        and batch_size == logic.DEFAULT_BATCH_SIZE
        and not breaks_after
        and minutes_per_batch == logic.DEFAULT_MINUTES_PER_BATCH
        and group_by == logic.DEFAULT_GROUP_BY
    ):
        return False
    take_snapshot(conference, "awards", "Sửa cách chia đợt trao thưởng")
    if row is None:
        row = CeremonySettings(conference_id=conference.id)
        db.session.add(row)
    row.batch_size = batch_size
    row.breaks_after = text
    row.minutes_per_batch = minutes_per_batch
    row.group_by = group_by
    db.session.flush()
    sync_programme(conference)
    return True


def save_batch(
    conference: Conference,
    form_id: int,
    number: int,
    sequence: int,
    presenter_delegate_id: int | None,
    presenter_name: str,
    music_cue: str,
    notes: str,
) -> bool:
    """Keep the officer's choices for one batch; all blank puts the batch back to automatic."""
    row = db.session.scalars(
        select(CeremonyBatch).where(
            CeremonyBatch.conference_id == conference.id,
            CeremonyBatch.form_id == form_id,
            CeremonyBatch.number == number,
        )
    ).first()
    if presenter_delegate_id:
        delegate = db.session.get(Delegate, presenter_delegate_id)
        presenter_name = delegate.full_name if delegate else presenter_name
    music_cue = "" if music_cue == logic.DEFAULT_MUSIC_CUE else music_cue
    new = (presenter_delegate_id or None, presenter_name, music_cue, notes)
    old = (
        (row.presenter_delegate_id, row.presenter_name, row.music_cue, row.notes)
        if row is not None
        else (None, "", "", "")
    )
    if new == old:
        return False
    take_snapshot(conference, "awards", f"Sửa đợt {sequence} trao thưởng")
    if not any(new):
        db.session.delete(row)
    else:
        if row is None:
            row = CeremonyBatch(conference_id=conference.id, form_id=form_id, number=number)
            db.session.add(row)
        row.presenter_delegate_id, row.presenter_name, row.music_cue, row.notes = new
    db.session.flush()
    sync_programme(conference)
    return True


def reset_batches(conference: Conference) -> bool:
    if not batch_rows(conference):
        return False
    take_snapshot(conference, "awards", "Đặt lại người trao của mọi đợt theo thứ tự tự động")
    db.session.execute(delete(CeremonyBatch).where(CeremonyBatch.conference_id == conference.id))
    db.session.flush()
    sync_programme(conference)
    return True


# --------------------------------------------------------------------------- the programme


def expected_programme_items(conference: Conference) -> list[logic.ProgrammeItem]:
    """What the programme must hold for the ceremony now (read only)."""
    return load(conference).programme_items


def sync_programme(conference: Conference) -> bool:
    """Keep the programme's award items in step with the ceremony (docs/agenda.md): called by
    every operation above that changes the awards, the batches or the ceremony settings, after
    its snapshot (one Hoàn tác undoes both). Reads the rows afresh: the caller just flushed."""
    from ..agenda.operations import keep_derived_items

    return keep_derived_items(
        conference,
        logic.PROGRAMME_KEY_PREFIX,
        expected_programme_items(conference),
        logic.PLACEHOLDER_KEY,
    )


# --------------------------------------------------------------------------- the catalogue


# The money figures of the form entry page: they are the form's latest dated rate
# (catalogue.save_rate), which an edit puts back to unverified (docs/legal-figures.md).
_RATE_VALUES = ("coefficient_milli", "collective_multiplier_milli", "legal_basis")


def update_form(form: AwardForm, values: dict, version: int) -> bool:
    """Save a catalogue entry (not part of a conference: no undo snapshot; version checked).
    The coefficient, multiplier and basis go to the form's latest rate."""
    if version != form.version:
        raise StaleEdit
    if all(getattr(form, name) == value for name, value in values.items()):
        return False
    rate_values = {name: values[name] for name in _RATE_VALUES if name in values}
    for name, value in values.items():
        if name not in _RATE_VALUES:
            setattr(form, name, value)
    rates = catalogue.rates_of(form)
    if rates:
        catalogue.save_rate(form, rates[-1], rate_values)
    else:
        catalogue.save_rate(form, None, {**rate_values, "effective_from": catalogue.rates_from()})
    db.session.flush()
    return True


def add_form(values: dict) -> AwardForm:
    """A new catalogue entry, with one rate from `rate_from` (default: the shipped rates' date)."""
    values = dict(values)
    rate_from = values.pop("rate_from", None) or catalogue.rates_from()
    form = AwardForm(**values)
    db.session.add(form)
    db.session.flush()
    catalogue.save_rate(
        form,
        None,
        {
            "coefficient_milli": form.coefficient_milli,
            "collective_multiplier_milli": form.collective_multiplier_milli,
            "legal_basis": form.legal_basis,
            "effective_from": rate_from,
        },
    )
    return form
