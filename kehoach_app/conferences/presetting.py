"""Turn a preset (data file) into the first values of a new conference's form."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .. import vn
from ..presets import Preset, fill
from .logic import default_date, default_years
from .models import Conference

# Parts that fill themselves from the preset when a conference is created (programme, tasks, …):
# each is called with the new conference, its preset and the placeholder values.
PresetPart = Callable[[Conference, Preset, dict], None]
_PRESET_PARTS: list[PresetPart] = []


def register_preset_part(function: PresetPart) -> None:
    if function not in _PRESET_PARTS:
        _PRESET_PARTS.append(function)


def placeholder_values(conference: Conference) -> dict:
    """What a preset's {placeholders} stand for in this conference."""
    return {
        "year_reviewed": conference.year_reviewed,
        "year_launched": conference.year_launched,
        "issuer": conference.issuer,
        "place": conference.place_name,
    }


def fill_text(pattern: str, values: dict) -> str:
    """A preset text with its placeholders filled (and what an empty one leaves tidied)."""
    return _tidy(fill(pattern, **values))


def apply_preset_parts(conference: Conference, preset: Preset) -> None:
    """Give a new conference the programme, tasks, … its preset brings."""
    values = placeholder_values(conference)
    for function in _PRESET_PARTS:
        function(conference, preset, values)


def _tidy(text: str) -> str:
    """Remove what an unfilled placeholder leaves behind (double spaces, a space before a comma)."""
    text = re.sub(r"\{[a-z_]+\}", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:])", r"\1", text)
    return vn.clean_text(text)


def preset_form_values(
    preset: Preset, today: dt.date, *, issuer: str = "", place: str = ""
) -> dict:
    """The form's first values for a new conference made from `preset` on `today`."""
    defaults = preset.conference
    reviewed, launched = default_years(today)
    context = {
        "year_reviewed": reviewed,
        "year_launched": launched,
        "issuer": issuer,
        "place": place,
    }

    def text(pattern: str) -> str:
        return _tidy(fill(pattern, **context))

    return {
        "preset_key": preset.key,
        "kind": preset.kind,
        "level": preset.level,
        "parent_body": text(defaults.parent_body),
        "issuer": issuer,
        "place_name": place,
        "title": text(defaults.title),
        "year_reviewed": reviewed,
        "year_launched": launched,
        "date": default_date(launched, defaults.typical_month, today),
        "start_time": vn.parse_time(defaults.start_time),
        "length": defaults.length,
        "venue": text(defaults.venue),
        "venue_address": "",
        "planned_delegates": defaults.planned_delegates,
        "funding_source": text(defaults.funding_source),
        "doc_number": "",
        "doc_symbol": defaults.doc_symbol,
        "signer_authority": defaults.signer_authority,
        "signer_deputy": defaults.signer_deputy,
        "signer_title": defaults.signer_title,
        "signer_name": "",
        "purposes": "\n".join(text(p) for p in preset.purposes),
        "notes": "",
    }


def _plan_texts_from_preset(conference: Conference, preset: Preset, values: dict) -> None:
    """The Kế hoạch's căn cứ, closing sentence and Nơi nhận, as the preset words them."""
    conference.legal_bases = "\n".join(fill_text(line, values) for line in preset.legal_bases)
    conference.closing = fill_text(preset.conference.closing, values)
    conference.recipients = "\n".join(
        fill_text(line, values) for line in preset.conference.recipients
    )


register_preset_part(_plan_texts_from_preset)
