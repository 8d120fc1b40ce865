"""Conference presets: defaults for a new conference, one TOML data file per kind and level.

The files live beside this module and are named ``<kind>.<level>.toml`` with the codes of
:mod:`kehoach_app.conferences.vocab` (``tong_ket.xa.toml``, ``trao_thuong.tinh.toml`` …). A file
may start from another one with ``extends = "tong_ket.tinh"``: tables merge key by key, lists and
every other value are replaced whole. ``docs/presets.md`` describes the format key by key.

Only files whose name has two dots (``a.b.toml``) are conference presets; other TOML files in this
folder (an award-forms catalogue, spending norms …) are left to their own loaders.

The module is plain Python (no Flask): :func:`all_presets` and :func:`get_preset` read the shipped
files once through :mod:`importlib.resources` (so it works from a wheel or a PyInstaller bundle);
:func:`load_presets` reads any directory and is what the tests use; :func:`fill` puts the
conference's values into a text pattern.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from kehoach_app.conferences.vocab import (
    AGENDA_KINDS,
    BUDGET_CATEGORIES,
    DECOR_AREAS,
    KINDS,
    LENGTHS,
    LEVELS,
)

__all__ = [
    "DELEGATES",
    "FORMAT_VERSION",
    "RECIPIENTS",
    "PLACEHOLDERS",
    "AgendaPreset",
    "BudgetPreset",
    "ConferenceDefaults",
    "DecorPreset",
    "GroupPreset",
    "Preset",
    "PresetError",
    "TaskPreset",
    "all_presets",
    "fill",
    "get_preset",
    "load_presets",
]

#: The only ``format`` value this loader reads.
FORMAT_VERSION = 1

#: The placeholders the app fills in every text of a preset (see :func:`fill`).
PLACEHOLDERS: tuple[str, ...] = (
    "year_reviewed",
    "year_launched",
    "place",
    "issuer",
    # The organiser's kind of unit (conferences/presetting.unit_placeholders): "xã", "phường",
    # "đặc khu", "tỉnh", "thành phố"; the unit named ("phường Hải Châu"); its economy office;
    # the local movement; its hamlets.
    "unit_type",
    "unit_title",
    "economy_office",
    "local_movement",
    "villages",
    # The organiser's province (presetting.province_placeholders): "tỉnh" | "thành phố";
    # "tỉnh Tây Ninh" | "thành phố Đà Nẵng"; "Ủy ban nhân dân tỉnh Tây Ninh"; "Tỉnh ủy" |
    # "Thành ủy". A text never writes "tỉnh" for the province: a centrally-run city is not one.
    "province_kind",
    "province_title",
    "province_body",
    "province_party",
    # The province's name for an agency named after it ("Điện lực Hưng Yên"; "tỉnh" while not
    # chosen) and its communes: "xã, phường, đặc khu" where the official list has a đặc khu,
    # else "xã, phường" (issue 17 review).
    "province_name",
    "province_communes",
    # A huyện-level unit as its issuer names it (presetting.district_placeholders; records
    # before 01/7/2025): "huyện" | "thị xã" | "quận" | "thành phố"; "Huyện ủy" | "Thị ủy" …;
    # its communes "xã, thị trấn" | "xã, phường" | "phường" (seed 003).
    "district",
    "district_party",
    "communes",
)

#: A budget line whose ``quantity`` is this string counts one unit per planned delegate.
DELEGATES = "delegates"
#: A budget line whose ``quantity`` is this string counts one unit per award recipient (the
#: flowers handed on stage): the budget keeps it in step with the awards list.
RECIPIENTS = "recipients"

_SUFFIX = ".toml"
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_SOURCE_RE = re.compile(r"^\d{3}$")

# Keys every file must write itself (never inherited through ``extends``).
_OWN_KEYS = ("format", "kind", "level", "name", "description", "sources")
_TOP_KEYS = frozenset(
    {
        *_OWN_KEYS,
        "extends",
        "conference",
        "purposes",
        "legal_bases",
        "agenda",
        "delegate_groups",
        "tasks",
        "decor",
        "budget",
        "plan",
    }
)
_CONFERENCE_KEYS = (
    "title",
    "issuer_example",
    "parent_body",
    "doc_symbol",
    "start_time",
    "length",
    "planned_delegates",
    "venue",
    "funding_source",
    "typical_month",
    "signer_authority",
    "signer_deputy",
    "signer_title",
    "closing",
    "recipients",
)


class PresetError(Exception):
    """A preset file is malformed; the message names the file and the offending key."""


@dataclass(frozen=True)
class ConferenceDefaults:
    """Defaults for the conference form (the ``[conference]`` table)."""

    title: str
    issuer_example: str
    parent_body: str
    doc_symbol: str
    start_time: str
    length: str
    planned_delegates: int
    venue: str
    funding_source: str
    typical_month: int
    signer_authority: str
    signer_deputy: str
    signer_title: str
    closing: str
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class AgendaPreset:
    """One programme item: an AGENDA_KINDS code, its wording, who presents it, typical minutes;
    `plan_note`: what the Kế hoạch adds after the title and nothing else prints (the plan's
    guidance to the units, seed 004 "(Báo cáo phải nêu được …)"; docs/agenda.md)."""

    kind: str
    title: str
    presenter: str
    minutes: int
    plan_note: str = ""


@dataclass(frozen=True)
class GroupPreset:
    """One category of invited delegates and how many seats it is planned for."""

    name: str
    planned: int


@dataclass(frozen=True)
class TaskPreset:
    """One assignment: lead unit, supporting units and a deadline relative to the day.

    Exactly one of the two deadline forms is used: ``days_before`` (0 = on the day) or
    ``month_before`` ("trong tháng trước tháng tổ chức", then ``days_before`` is None).
    """

    title: str
    lead: str
    support: tuple[str, ...]
    days_before: int | None
    month_before: bool


@dataclass(frozen=True)
class DecorPreset:
    """One decoration item, where it goes and the protocol rule for placing it."""

    area: str
    item: str
    quantity: int
    unit: str
    placement: str
    text: str
    days_before: int


@dataclass(frozen=True)
class BudgetPreset:
    """One budget line; ``quantity`` is a number, :data:`DELEGATES` or :data:`RECIPIENTS`."""

    category: str
    content: str
    unit: str
    quantity: int | str
    unit_price: int
    note: str

    def quantity_for(self, planned_delegates: int, recipients: int = 0) -> int:
        """The line's quantity, with :data:`DELEGATES` read as ``planned_delegates`` and
        :data:`RECIPIENTS` as ``recipients``."""
        if self.quantity == DELEGATES:
            return planned_delegates
        if self.quantity == RECIPIENTS:
            return recipients
        assert isinstance(self.quantity, int)
        return self.quantity


@dataclass(frozen=True)
class Preset:
    """A conference preset: one kind at one level, with everything merged from ``extends``."""

    key: str
    kind: str
    level: str
    name: str
    description: str
    sources: tuple[str, ...]
    conference: ConferenceDefaults
    purposes: tuple[str, ...]
    legal_bases: tuple[str, ...]
    agenda: tuple[AgendaPreset, ...]
    delegate_groups: tuple[GroupPreset, ...]
    tasks: tuple[TaskPreset, ...]
    decor: tuple[DecorPreset, ...]
    budget: tuple[BudgetPreset, ...]
    # The kind's outline of the Kế hoạch (``[plan] outline``, docs/presets.md): sections in
    # order, each a dict with "key" and optionally "title", "level", "hidden", "text",
    # "options" (plan/logic.OutlineEntry). Empty: the default outline.
    plan_outline: tuple[dict[str, Any], ...] = ()
    # The levels a Đại hội các cấp plan orders (``[plan] levels``, seed 004; plan/models.
    # CongressLevel): name, form, participants, size, duration, quarter, time_text. The year
    # of a level with a quarter is the conference's year_launched.
    plan_levels: tuple[dict[str, Any], ...] = ()


# --------------------------------------------------------------------------- fill


def fill(pattern: str, **values: object) -> str:
    """Put ``values`` into the ``{name}`` placeholders of ``pattern``.

    A placeholder with no value (or a None value) is left as written; other braces are left
    alone; this never raises. The result is NFC.

    >>> fill("Năm {year_reviewed} tại {place} {unknown}", year_reviewed=2025, place="Tân Hòa")
    'Năm 2025 tại Tân Hòa {unknown}'
    """

    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return match.group(0) if value is None else str(value)

    return unicodedata.normalize("NFC", _PLACEHOLDER_RE.sub(replace, pattern))


# --------------------------------------------------------------------------- loading


def _nfc(value: Any) -> Any:
    """Normalise every string inside a parsed TOML value to NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    return value


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key (recursively); lists and scalars of ``override`` replace."""
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    return merged


class _Reader:
    """Typed access to one (merged) preset table, raising PresetError that names the file."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    def error(self, key: str, problem: str) -> PresetError:
        return PresetError(f"{self.filename}: key {key!r}: {problem}")

    def get(self, table: Mapping[str, Any], key: str, where: str = "") -> Any:
        if key not in table:
            raise self.error(where + key, "missing required key")
        return table[key]

    def string(
        self,
        table: Mapping[str, Any],
        key: str,
        where: str = "",
        *,
        empty: bool = True,
        default: str | None = None,
    ) -> str:
        if default is not None and key not in table:
            return default
        value = self.get(table, key, where)
        if not isinstance(value, str):
            raise self.error(where + key, f"expected a string, got {type(value).__name__}")
        if not empty and not value.strip():
            raise self.error(where + key, "must not be empty")
        return value

    def integer(
        self,
        table: Mapping[str, Any],
        key: str,
        where: str = "",
        *,
        minimum: int = 0,
        default: int | None = None,
    ) -> int:
        if default is not None and key not in table:
            return default
        value = self.get(table, key, where)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(where + key, f"expected an integer, got {type(value).__name__}")
        if value < minimum:
            word = "positive" if minimum == 1 else f"at least {minimum}"
            raise self.error(where + key, f"must be {word}, got {value}")
        return value

    def strings(
        self,
        table: Mapping[str, Any],
        key: str,
        where: str = "",
        default: tuple[str, ...] | None = None,
    ) -> tuple[str, ...]:
        if default is not None and key not in table:
            return default
        value = self.get(table, key, where)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(where + key, "expected a list of strings")
        return tuple(value)

    def tables(self, table: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
        value = self.get(table, key)
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(key, "expected an array of tables ([[" + key + "]])")
        return value

    def code(
        self, table: Mapping[str, Any], key: str, vocab: Mapping[str, str], where: str = ""
    ) -> str:
        value = self.string(table, key, where)
        if value not in vocab:
            known = ", ".join(vocab)
            raise self.error(where + key, f"unknown code {value!r} (known: {known})")
        return value

    def only(self, table: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
        extra = sorted(set(table) - set(allowed))
        if extra:
            raise self.error(where + extra[0], "unknown key")


def _conference(r: _Reader, data: Mapping[str, Any]) -> ConferenceDefaults:
    table = r.get(data, "conference")
    if not isinstance(table, dict):
        raise r.error("conference", "expected a table ([conference])")
    w = "conference."
    r.only(table, _CONFERENCE_KEYS, w)
    start_time = r.string(table, "start_time", w)
    if not _TIME_RE.match(start_time):
        raise r.error(w + "start_time", f"expected HH:MM, got {start_time!r}")
    month = r.integer(table, "typical_month", w, minimum=1)
    if month > 12:
        raise r.error(w + "typical_month", f"must be 1-12, got {month}")
    recipients = r.strings(table, "recipients", w)
    return ConferenceDefaults(
        title=r.string(table, "title", w, empty=False),
        issuer_example=r.string(table, "issuer_example", w),
        parent_body=r.string(table, "parent_body", w),
        doc_symbol=r.string(table, "doc_symbol", w, empty=False),
        start_time=start_time,
        length=r.code(table, "length", LENGTHS, w),
        planned_delegates=r.integer(table, "planned_delegates", w, minimum=1),
        venue=r.string(table, "venue", w),
        funding_source=r.string(table, "funding_source", w),
        typical_month=month,
        signer_authority=r.string(table, "signer_authority", w),
        signer_deputy=r.string(table, "signer_deputy", w),
        signer_title=r.string(table, "signer_title", w, empty=False),
        closing=r.string(table, "closing", w),
        recipients=recipients,
    )


def _agenda(r: _Reader, data: Mapping[str, Any]) -> tuple[AgendaPreset, ...]:
    items = []
    for i, row in enumerate(r.tables(data, "agenda")):
        w = f"agenda[{i}]."
        r.only(row, ("kind", "title", "presenter", "minutes", "plan_note"), w)
        items.append(
            AgendaPreset(
                kind=r.code(row, "kind", AGENDA_KINDS, w),
                title=r.string(row, "title", w, empty=False),
                presenter=r.string(row, "presenter", w),
                minutes=r.integer(row, "minutes", w, minimum=1),
                plan_note=r.string(row, "plan_note", w, default=""),
            )
        )
    return tuple(items)


def _groups(r: _Reader, data: Mapping[str, Any], planned: int) -> tuple[GroupPreset, ...]:
    groups = []
    for i, row in enumerate(r.tables(data, "delegate_groups")):
        w = f"delegate_groups[{i}]."
        r.only(row, ("name", "planned"), w)
        groups.append(
            GroupPreset(
                name=r.string(row, "name", w, empty=False),
                planned=r.integer(row, "planned", w, minimum=1),
            )
        )
    total = sum(group.planned for group in groups)
    if groups and total != planned:
        raise r.error(
            "delegate_groups",
            f"the groups add up to {total}, conference.planned_delegates is {planned}",
        )
    return tuple(groups)


def _tasks(r: _Reader, data: Mapping[str, Any]) -> tuple[TaskPreset, ...]:
    tasks = []
    for i, row in enumerate(r.tables(data, "tasks")):
        w = f"tasks[{i}]."
        r.only(row, ("title", "lead", "support", "days_before", "month_before"), w)
        has_days = "days_before" in row
        month_before = row.get("month_before", False)
        if not isinstance(month_before, bool):
            raise r.error(w + "month_before", "expected true or false")
        if has_days == month_before:
            raise r.error(
                w + "days_before",
                "give exactly one deadline: days_before = N or month_before = true",
            )
        tasks.append(
            TaskPreset(
                title=r.string(row, "title", w, empty=False),
                lead=r.string(row, "lead", w, empty=False),
                support=r.strings(row, "support", w, default=()),
                days_before=r.integer(row, "days_before", w) if has_days else None,
                month_before=month_before,
            )
        )
    return tuple(tasks)


def _decor(r: _Reader, data: Mapping[str, Any]) -> tuple[DecorPreset, ...]:
    items = []
    keys = ("area", "item", "quantity", "unit", "placement", "text", "days_before")
    for i, row in enumerate(r.tables(data, "decor")):
        w = f"decor[{i}]."
        r.only(row, keys, w)
        items.append(
            DecorPreset(
                area=r.code(row, "area", DECOR_AREAS, w),
                item=r.string(row, "item", w, empty=False),
                quantity=r.integer(row, "quantity", w, minimum=1),
                unit=r.string(row, "unit", w, empty=False),
                placement=r.string(row, "placement", w),
                text=r.string(row, "text", w, default=""),
                days_before=r.integer(row, "days_before", w, default=1),
            )
        )
    return tuple(items)


def _budget(r: _Reader, data: Mapping[str, Any]) -> tuple[BudgetPreset, ...]:
    lines = []
    keys = ("category", "content", "unit", "quantity", "unit_price", "note")
    for i, row in enumerate(r.tables(data, "budget")):
        w = f"budget[{i}]."
        r.only(row, keys, w)
        quantity = r.get(row, "quantity", w)
        if quantity not in (DELEGATES, RECIPIENTS):
            quantity = r.integer(row, "quantity", w, minimum=1)
        lines.append(
            BudgetPreset(
                category=r.code(row, "category", BUDGET_CATEGORIES, w),
                content=r.string(row, "content", w, empty=False),
                unit=r.string(row, "unit", w, empty=False),
                quantity=quantity,
                unit_price=r.integer(row, "unit_price", w),
                note=r.string(row, "note", w, default=""),
            )
        )
    return tuple(lines)


_OUTLINE_KEYS = ("key", "title", "level", "hidden", "text", "options")


def _plan_outline(r: _Reader, data: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    """``[plan] outline = [{ key = "muc-dich" }, { key = "to-chuc", title = "…" }, …]``."""
    table = data.get("plan", {})
    if not isinstance(table, dict):
        raise r.error("plan", "expected a table ([plan])")
    r.only(table, ("outline", "levels"), "plan.")
    entries = table.get("outline", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise r.error("plan.outline", "expected a list of tables ({ key = …, title = … })")
    outline = []
    for i, entry in enumerate(entries):
        w = f"plan.outline[{i}]."
        r.only(entry, _OUTLINE_KEYS, w)
        r.string(entry, "key", w, empty=False)
        r.string(entry, "title", w, default="")
        r.string(entry, "text", w, default="")
        level = r.integer(entry, "level", w, default=0)
        if level > 2:
            raise r.error(w + "level", f"must be 1 or 2, got {level}")
        if "hidden" in entry and not isinstance(entry["hidden"], bool):
            raise r.error(w + "hidden", "expected true or false")
        if not isinstance(entry.get("options", {}), dict):
            raise r.error(w + "options", "expected a table")
        outline.append(dict(entry))
    return tuple(outline)


_LEVEL_KEYS = ("name", "form", "participants", "size", "duration", "quarter", "time_text")


def _plan_levels(r: _Reader, data: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    """``[plan] levels = [{ name = "Đối với các xã, phường", quarter = 1, … }, …]``."""
    entries = data.get("plan", {}).get("levels", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise r.error("plan.levels", "expected a list of tables ({ name = …, quarter = … })")
    levels = []
    for i, entry in enumerate(entries):
        w = f"plan.levels[{i}]."
        r.only(entry, _LEVEL_KEYS, w)
        r.string(entry, "name", w, empty=False)
        for name in ("form", "participants", "size", "duration", "time_text"):
            r.string(entry, name, w, default="")
        quarter = r.integer(entry, "quarter", w, default=0)
        if quarter > 4:
            raise r.error(w + "quarter", f"must be 1 to 4, got {quarter}")
        levels.append(dict(entry))
    return tuple(levels)


def _build(key: str, filename: str, data: Mapping[str, Any]) -> Preset:
    """Check a merged preset table and turn it into a :class:`Preset`."""
    r = _Reader(filename)
    r.only(data, _TOP_KEYS, "")
    fmt = r.integer(data, "format")
    if fmt != FORMAT_VERSION:
        raise r.error("format", f"unsupported format {fmt} (this version reads {FORMAT_VERSION})")
    kind = r.code(data, "kind", KINDS)
    level = r.code(data, "level", LEVELS)
    if key != f"{kind}.{level}":
        raise r.error("kind", f"the file name does not match kind.level ({kind}.{level})")
    sources = r.strings(data, "sources")
    for source in sources:
        if not _SOURCE_RE.match(source):
            raise r.error("sources", f'expected seed numbers like "000", got {source!r}')
    conference = _conference(r, data)
    return Preset(
        key=key,
        kind=kind,
        level=level,
        name=r.string(data, "name", empty=False),
        description=r.string(data, "description"),
        sources=sources,
        conference=conference,
        purposes=r.strings(data, "purposes"),
        legal_bases=r.strings(data, "legal_bases"),
        agenda=_agenda(r, data),
        delegate_groups=_groups(r, data, conference.planned_delegates),
        tasks=_tasks(r, data),
        decor=_decor(r, data),
        budget=_budget(r, data),
        plan_outline=_plan_outline(r, data),
        plan_levels=_plan_levels(r, data),
    )


def _read_raw(directory: Traversable) -> dict[str, tuple[str, dict[str, Any]]]:
    """Parse every ``<kind>.<level>.toml`` file: key -> (file name, NFC table)."""
    raw: dict[str, tuple[str, dict[str, Any]]] = {}
    for entry in directory.iterdir():
        name = entry.name
        if not name.endswith(_SUFFIX) or not entry.is_file():
            continue
        key = name[: -len(_SUFFIX)]
        if key.count(".") != 1:
            continue  # not a conference preset (another catalogue in the same folder)
        try:
            with entry.open("rb") as f:
                table = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            raise PresetError(f"{name}: not valid TOML: {exc}") from exc
        raw[key] = (name, _nfc(table))
    return raw


def _resolve(
    key: str, raw: Mapping[str, tuple[str, dict[str, Any]]], chain: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The table of ``key`` with its ``extends`` chain merged in."""
    filename, table = raw[key]
    for own in _OWN_KEYS:
        if own not in table:
            raise PresetError(f"{filename}: key {own!r}: missing required key")
    parent = table.get("extends")
    if parent is None:
        return dict(table)
    if not isinstance(parent, str):
        raise PresetError(f"{filename}: key 'extends': expected a preset key, e.g. tong_ket.tinh")
    if parent == key or parent in chain:
        cycle = " -> ".join((*chain, key, parent))
        raise PresetError(f"{filename}: key 'extends': extends cycle ({cycle})")
    if parent not in raw:
        raise PresetError(f"{filename}: key 'extends': no preset file {parent}{_SUFFIX}")
    base = _resolve(parent, raw, (*chain, key))
    for own in (*_OWN_KEYS, "extends"):
        base.pop(own, None)
    merged = _merge(base, table)
    merged.pop("extends", None)
    return merged


def _order(preset: Preset) -> tuple[int, int]:
    kinds, levels = list(KINDS), list(LEVELS)
    return kinds.index(preset.kind), levels.index(preset.level)


def load_presets(directory: Traversable | Path | str) -> list[Preset]:
    """Read, merge and check every preset file in ``directory``.

    Returns the presets sorted by the order of KINDS, then LEVELS. Raises :class:`PresetError`
    (naming the file and the key) for the first bad file.
    """
    folder: Traversable = Path(directory) if isinstance(directory, str | Path) else directory
    raw = _read_raw(folder)
    presets = [_build(key, raw[key][0], _resolve(key, raw)) for key in sorted(raw)]
    return sorted(presets, key=_order)


@functools.cache
def _shipped() -> tuple[Preset, ...]:
    return tuple(load_presets(importlib.resources.files(__name__)))


def all_presets() -> list[Preset]:
    """The presets shipped with the app (read once), in the order of KINDS, then LEVELS."""
    return list(_shipped())


def get_preset(key: str) -> Preset:
    """The shipped preset ``"<kind>.<level>"``; KeyError if there is none."""
    for preset in _shipped():
        if preset.key == key:
            return preset
    raise KeyError(key)
