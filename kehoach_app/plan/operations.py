"""Reading a conference into the plan's plain inputs, and saving the officer's edits."""

from __future__ import annotations

import json
import re

from sqlalchemy import delete, select

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
    FREE,
    DecorLine,
    GroupLine,
    LevelLine,
    OutlineEntry,
    PlacedSection,
    PlanInputs,
    ProgrammeLine,
    ShownBlock,
    arrange,
    closing_named_title,
    digest,
    plan_blocks,
    recipients,
    roman,
    section_specs,
    subtitle,
    with_edits,
    with_ordinal,
)
from .models import CongressLevel, PlanParagraph, PlanSection
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
        from ..budget.operations import budget_total as estimate_total
    except ImportError:  # the budget part is not installed in this build
        return None
    return estimate_total(conference)


def budget_bases(conference: Conference) -> list[str]:
    """The bases the estimate prints (confirmed figures only), for the kinh phí paragraph."""
    try:
        from ..budget.operations import budget_bases as estimate_bases
    except ImportError:  # the budget part is not installed in this build
        return []
    return estimate_bases(conference)


_COMPUTE = object()


def plan_inputs(conference: Conference, total=_COMPUTE) -> PlanInputs:
    """What the plan is built from; `total`: the estimate's total when the caller already has
    it (the checks share one budget preview per run)."""
    return PlanInputs(
        values=followed_values(conference),
        programme=[
            ProgrammeLine(
                i.title, i.presenter, i.presenter_unit, i.kind == "nghi_giai_lao", i.plan_note
            )
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
                deadline_words=t.deadline_words or "",
            )
            for t in _rows(Task, conference.id)
        ],
        decor=_decor_lines(conference),
        budget_total=budget_total(conference) if total is _COMPUTE else total,
        budget_bases=budget_bases(conference),
        levels=[
            LevelLine(**{name: getattr(row, name) for name in CongressLevel.FIELDS})
            for row in levels_of(conference)
        ],
    )


# --------------------------------------------------------------------------- Đại hội các cấp


def levels_of(conference: Conference) -> list[CongressLevel]:
    return _rows(CongressLevel, conference.id)


def level_data(row: CongressLevel) -> dict:
    """A level as the conference file writes it."""
    return {name: getattr(row, name) for name in CongressLevel.FIELDS}


def write_levels(conference: Conference, levels: list[dict]) -> None:
    """Make the conference's levels exactly `levels` (dicts of CongressLevel.FIELDS), in order
    (the caller takes the snapshot and commits)."""
    db.session.execute(delete(CongressLevel).where(CongressLevel.conference_id == conference.id))
    for position, data in enumerate(levels, 1):
        row = CongressLevel(conference_id=conference.id, position=position)
        for name in CongressLevel.FIELDS:
            value = data.get(name)
            if name in ("quarter", "year"):
                setattr(row, name, int(value) if value not in (None, "") else None)
            else:
                setattr(row, name, vn.clean_text(value or ""))
        db.session.add(row)
    db.session.flush()


def move_level(conference: Conference, index: int, up: bool) -> None:
    levels = [level_data(row) for row in levels_of(conference)]
    other = index - 1 if up else index + 1
    if 0 <= index < len(levels) and 0 <= other < len(levels):
        levels[index], levels[other] = levels[other], levels[index]
        write_levels(conference, levels)


def set_ordinal(conference: Conference, ordinal: int | None) -> None:
    """The conference's edition; its title and closing say it where they left it open ("lần thứ
    …" becomes "lần thứ VIII"), so the invitation, the decoration and the plan agree."""
    old = conference.ordinal
    conference.ordinal = ordinal
    for name in ("title", "closing"):
        text = getattr(conference, name) or ""
        if old and ordinal and old != ordinal:
            text = text.replace(f"lần thứ {roman(old)}", "lần thứ …", 1)
        setattr(conference, name, with_ordinal(text, ordinal))


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
    blocks = plan_blocks(plan_inputs(conference, total), outline_of(conference))
    return with_edits(blocks, edits_of(conference))


# --------------------------------------------------------------------------- texts that follow

_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# The conference's texts a preset words with the years in them (presetting.PRESET_TEXT_FIELDS).
FOLLOWING_FIELDS = ("title", "funding_source", "purposes")


def followed_values(conference: Conference) -> dict:
    """The conference's values with the preset's texts that the officer left as offered put in
    for the conference's own years (issue 17: a form opened in 2026 and set to 2023→2024 kept
    "năm 2026" in its purposes and funding). A text that is the preset's, filled for other
    years, is the preset's text for these years; a text the officer wrote is his, as typed."""
    values = conference.values()
    values["ordinal"] = conference.ordinal
    # "lần thứ …" left in a text imported or written before the ordinal was set (issue 17).
    for name in ("title", "closing", "purposes"):
        values[name] = with_ordinal(values.get(name) or "", conference.ordinal)
    try:
        from ..conferences.presetting import preset_texts
        from ..presets import get_preset

        preset = get_preset(conference.preset_key)
    except (KeyError, ImportError):
        return values
    years = (conference.year_reviewed, conference.year_launched)
    context = {"issuer": conference.issuer, "place": conference.place_name}
    organiser = conference.organiser

    worded: dict[tuple[int, int], dict] = {}

    def texts(pair: tuple[int, int]) -> dict:
        # each pair once: the fields below try the same pairs (issue 19)
        if pair not in worded:
            worded[pair] = preset_texts(preset, pair, organiser, **context)
        return worded[pair]

    # The closing follows the title while it is the preset's closing: its first sentence names
    # the conference as the preset's closing does, whatever the years and place filled in (each
    # "{…}" of the preset's pattern matches any words). A closing the officer typed stays his.
    named = closing_named_title(values.get("closing") or "")
    pattern = closing_named_title(preset.conference.closing or "")
    if named is not None and pattern is not None:
        parts = re.split(r"\{[^{}]*\}", pattern)
        shape = ".+?".join(re.escape(part) for part in parts)
        values["closing_follows_title"] = re.fullmatch(shape, named) is not None
    current = None
    for name in FOLLOWING_FIELDS:
        text = values.get(name) or ""
        found = {int(y) for y in _YEAR.findall(text)}
        if not found:
            continue
        pairs = {
            (a, b)
            for a in found | {y - 1 for y in found}
            for b in found | {y + 1 for y in found}
            if 0 <= b - a <= 5 and (a, b) != years
        }
        for pair in sorted(pairs):
            if texts(pair)[name] == text:
                current = current or texts(years)
                values[name] = current[name]
                break
    return values


# --------------------------------------------------------------------------- the outline


def _entry(row: PlanSection) -> OutlineEntry:
    try:
        options = json.loads(row.options or "{}")
    except ValueError:
        options = {}
    return OutlineEntry(
        key=row.key,
        title=row.title,
        level=row.level,
        hidden=row.hidden,
        text=row.text,
        options=options if isinstance(options, dict) else {},
    )


def _section_rows(conference: Conference) -> list[PlanSection]:
    return list(
        db.session.scalars(
            select(PlanSection)
            .where(PlanSection.conference_id == conference.id)
            .order_by(PlanSection.position, PlanSection.id)
        )
    )


def outline_of(conference: Conference) -> list[OutlineEntry]:
    """The conference's outline as stored (empty: the default outline)."""
    return [_entry(row) for row in _section_rows(conference)]


def placed_sections(conference: Conference) -> list[PlacedSection]:
    """The outline as it stands for the data of today, numbered (the plan page's list)."""
    return arrange(section_specs(plan_inputs(conference, None)), outline_of(conference))


def entry_data(entry: OutlineEntry) -> dict:
    """An outline entry as the conference file writes it."""
    data: dict = {"key": entry.key}
    if entry.title:
        data["title"] = entry.title
    if entry.level:
        data["level"] = entry.level
    if entry.hidden is not None:
        data["hidden"] = entry.hidden
    if entry.text:
        data["text"] = entry.text
    if entry.options:
        data["options"] = dict(entry.options)
    return data


def entry_from_data(data: dict) -> OutlineEntry:
    return OutlineEntry(
        key=data["key"],
        title=data.get("title", ""),
        level=data.get("level", 0),
        hidden=data.get("hidden"),
        text=data.get("text", ""),
        options=dict(data.get("options") or {}),
    )


def write_outline(conference: Conference, entries: list[OutlineEntry]) -> None:
    """Make the stored outline exactly `entries` (the caller takes the snapshot and commits)."""
    db.session.execute(delete(PlanSection).where(PlanSection.conference_id == conference.id))
    for position, entry in enumerate(entries, 1):
        db.session.add(
            PlanSection(
                conference_id=conference.id,
                position=position,
                key=entry.key,
                title=vn.clean_text(entry.title),
                level=entry.level,
                hidden=entry.hidden,
                text=vn.clean_text(entry.text),
                options=json.dumps(entry.options, ensure_ascii=False, sort_keys=True),
            )
        )
    db.session.flush()


def _full_outline(conference: Conference) -> list[OutlineEntry]:
    """Every section as it stands, as entries: what a change is made on (a section the stored
    outline did not name gets its own entry, at the place it stands)."""
    stored = {e.key: e for e in outline_of(conference)}
    entries = []
    for placed in placed_sections(conference):
        entry = stored.get(placed.key) or OutlineEntry(key=placed.key)
        entries.append(entry)
    return entries


def _replace_entry(entries: list[OutlineEntry], key: str, **changes) -> bool:
    from dataclasses import replace

    for i, entry in enumerate(entries):
        if entry.key == key:
            entries[i] = replace(entry, **changes)
            return True
    return False


class UnknownSection(Exception):
    """The outline holds no section of that key (another tab removed it)."""


def change_section(conference: Conference, key: str, action: str, **values) -> None:
    """One change of the outline: "rename" (title; '' = the generated heading), "up"/"down",
    "hide"/"show", "level" (1 or 2), "options" (a dict laid over the section's), "text" (a free
    section's title and text), "delete" (a free section). Raises UnknownSection."""
    entries = _full_outline(conference)
    placed = {p.key: p for p in placed_sections(conference)}
    if key not in placed:
        raise UnknownSection(key)
    section = placed[key]
    if action == "rename":
        title = vn.clean_text(values.get("title", ""))
        _replace_entry(entries, key, title="" if title == section.generated_heading else title)
    elif action in ("up", "down"):
        entries = _moved(entries, [placed[e.key] for e in entries], key, action == "up")
    elif action in ("hide", "show"):
        _replace_entry(entries, key, hidden=action == "hide")
    elif action == "level":
        _replace_entry(entries, key, level=2 if int(values.get("level", 1)) == 2 else 1)
    elif action == "options":
        merged = {**section.options, **values.get("options", {})}
        _replace_entry(entries, key, options=merged)
    elif action == "text" and section.free:
        _replace_entry(
            entries, key, title=vn.clean_text(values["title"]), text=vn.clean_text(values["text"])
        )
    elif action == "delete" and section.free:
        entries = [e for e in entries if e.key != key]
    else:
        raise UnknownSection(key)
    write_outline(conference, entries)


def _moved(entries: list[OutlineEntry], placed: list[PlacedSection], key: str, up: bool):
    """A level-1 section moves with the sections under it past the neighbouring level-1 group;
    a level-2 section moves one place, into the neighbouring group when it passes a level-1
    heading."""
    index = next(i for i, p in enumerate(placed) if p.key == key)
    if placed[index].level > 1:
        other = index - 1 if up else index + 1
        if 0 <= other < len(entries):
            entries[index], entries[other] = entries[other], entries[index]
        return entries
    groups: list[list[int]] = []
    for i, p in enumerate(placed):
        if p.level == 1 or not groups:
            groups.append([])
        groups[-1].append(i)
    g = next(n for n, group in enumerate(groups) if index in group)
    other = g - 1 if up else g + 1
    if not 0 <= other < len(groups):
        return entries
    groups[g], groups[other] = groups[other], groups[g]
    return [entries[i] for group in groups for i in group]


def add_free_section(conference: Conference, after: str, title: str, text: str, level: int) -> str:
    """A section the officer writes himself, placed after the section `after` ('' = at the
    end); returns its key."""
    entries = _full_outline(conference)
    taken = {e.key for e in entries}
    number = 1
    while f"{FREE}{number}" in taken:
        number += 1
    key = f"{FREE}{number}"
    entry = OutlineEntry(key=key, title=vn.clean_text(title), level=level, text=vn.clean_text(text))
    position = next((i + 1 for i, e in enumerate(entries) if e.key == after), len(entries))
    entries.insert(position, entry)
    write_outline(conference, entries)
    return key


def reset_outline(conference: Conference) -> None:
    """Back to the outline the data (and the kind's preset) gives."""
    write_outline(conference, preset_outline(conference.preset_key))


def preset_outline(preset_key: str) -> list[OutlineEntry]:
    try:
        from ..presets import get_preset

        return [entry_from_data(e) for e in get_preset(preset_key).plan_outline]
    except (KeyError, ImportError):
        return []


def plan_sheet(conference: Conference) -> PlanSheet:
    values = followed_values(conference)
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
        keep_together=[values.get("place_name") or ""],
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
    blocks = {
        b.key: b for b in plan_blocks(plan_inputs(conference), outline_of(conference)) if b.key
    }
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
