"""Turn a preset (data file) into the first values of a new conference's form."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .. import vn
from ..presets import Preset, fill
from .logic import default_date, default_years
from .models import Conference
from .units import Organiser

# A xã's emulation movement of the seed plans and what a phường's programme names instead:
# "Cả nước chung sức xây dựng nông thôn mới" is the rural movement (Quyết định 1620/QĐ-TTg
# năm 2011); a ward's tham luận speaks of the movement every unit runs.
RURAL_MOVEMENT = "Cả nước chung sức xây dựng nông thôn mới"
URBAN_MOVEMENT = "Toàn dân đoàn kết xây dựng đời sống văn hóa"


def unit_placeholders(organiser: Organiser) -> dict:
    """The placeholders that follow the organiser's kind of unit (docs/presets.md)."""
    return {
        "unit_type": organiser.unit_word,
        # "phường Hải Châu" ("Hội trường Ủy ban nhân dân phường Hải Châu"); the word alone
        # while the unit is not chosen yet.
        "unit_title": organiser.unit_title or organiser.unit_word,
        "economy_office": organiser.economy_office,
        "local_movement": URBAN_MOVEMENT if organiser.is_urban else RURAL_MOVEMENT,
        "villages": "tổ dân phố" if organiser.unit_type == "phuong" else "thôn, tổ dân phố",
        **province_placeholders(organiser),
    }


def province_placeholders(organiser: Organiser) -> dict:
    """The province's words: a centrally-run city is a "thành phố" with a "Thành ủy" and an
    "Ủy ban nhân dân thành phố Đà Nẵng"; a province a "tỉnh" with a "Tỉnh ủy" (the two kinds
    of province-level unit the Luật Tổ chức chính quyền địa phương 2025 names; article not
    re-checked here). While the province is not known: "tỉnh", "Ủy ban nhân dân tỉnh"."""
    from .units import find_province

    city = organiser.is_central_city or organiser.unit_type == "thanh_pho"
    kind = "thành phố" if city else "tỉnh"
    title = organiser.province_title or kind
    province = find_province(organiser.province) if organiser.province else None
    # An agency named after its province ("Báo và Phát thanh, Truyền hình Hưng Yên", "Điện lực
    # Hưng Yên"); "tỉnh" while the province is not chosen. A province's communes are "xã,
    # phường, đặc khu" only where the official list (presets/admin_units.json) has a đặc khu.
    has_special_zone = province is None or any(u.type == "dac_khu" for u in province.units)
    return {
        "province_kind": kind,
        "province_title": title,
        "province_body": f"Ủy ban nhân dân {title}",
        "province_party": "Thành ủy" if city else "Tỉnh ủy",
        "province_name": province.name if province else kind,
        "province_communes": "xã, phường, đặc khu" if has_special_zone else "xã, phường",
    }


# A huyện-level unit (records before 01/7/2025) as its issuer names it: its word, its party
# committee and its communes (seed 003: a thị xã has a Thị ủy, and xã and phường, not thị trấn).
DISTRICT_WORDS = {
    "thi xa": ("thị xã", "Thị ủy", "xã, phường"),
    "quan": ("quận", "Quận ủy", "phường"),
    "thanh pho": ("thành phố", "Thành ủy", "xã, phường"),
    "huyen": ("huyện", "Huyện ủy", "xã, thị trấn"),
}


def district_placeholders(issuer: str) -> dict:
    """{district} "thị xã", {district_party} "Thị ủy", {communes} "xã, phường" from an issuer
    "Ủy ban nhân dân thị xã Ninh Hòa"; a huyện's words while the issuer does not say."""
    from .units import fold

    folded = re.sub(r"^(uy ban nhan dan|ubnd)\s+", "", fold(issuer or ""))
    words = next(
        (w for key, w in DISTRICT_WORDS.items() if folded.startswith(key + " ")),
        DISTRICT_WORDS["huyen"],
    )
    return dict(zip(("district", "district_party", "communes"), words, strict=True))


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
        **unit_placeholders(conference.organiser),
        **district_placeholders(conference.issuer),
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


# The form's values a preset words (and may word differently for a phường than for a xã).
PRESET_TEXT_FIELDS = ("parent_body", "title", "venue", "funding_source", "purposes")


def preset_texts(preset: Preset, years: tuple[int, int], organiser: Organiser, **context) -> dict:
    """The preset's texts of the conference form, filled for these years and this organiser."""
    defaults = preset.conference
    values = {
        "year_reviewed": years[0],
        "year_launched": years[1],
        **unit_placeholders(organiser),
        **district_placeholders(context.get("issuer", "")),
        **context,
    }

    def text(pattern: str) -> str:
        return _tidy(fill(pattern, **values))

    return {
        "parent_body": text(defaults.parent_body),
        "title": text(defaults.title),
        "venue": text(defaults.venue),
        "funding_source": text(defaults.funding_source),
        "purposes": "\n".join(text(p) for p in preset.purposes),
    }


def follow_organiser(
    preset: Preset, values: dict, before: dict | None = None, today: dt.date | None = None
) -> dict:
    """The form's values with the preset's texts the officer left as offered re-worded for the
    data now chosen: "Hội trường Ủy ban nhân dân xã" becomes "… phường" when a phường was
    picked; the Đại hội các cấp title takes its place ("… các cấp tỉnh Thái Bình tiến tới …")
    once the province is chosen; a text with years follows the years typed.

    The creation form is first shown before the unit, the issuer and the place are chosen (its
    texts say the level's word, no place, the years of `today`); the edit form shows the texts
    for the data saved (`before`, the conference's values). A text equal to one of those is the
    preset's and follows the data (issue 17: "texts follow their data until edited"); a text the
    officer changed is kept as typed.
    """
    years = (values["year_reviewed"], values["year_launched"])
    chosen = preset_texts(
        preset,
        years,
        Organiser.of(values),
        issuer=values.get("issuer") or "",
        place=values.get("place_name") or "",
    )
    blank = {"issuer": "", "place": ""}
    shown = [preset_texts(preset, years, Organiser(level=preset.level), **blank)]
    if before is None:
        first_years = default_years(today or dt.date.today())
        shown.append(preset_texts(preset, first_years, Organiser(level=preset.level), **blank))
        shown.append(preset_texts(preset, years, Organiser.of(values), **blank))
    else:
        old_years = (before["year_reviewed"], before["year_launched"])
        old = Organiser.of(before)
        shown.append(preset_texts(preset, old_years, old, **blank))
        shown.append(
            preset_texts(
                preset,
                old_years,
                old,
                issuer=before.get("issuer") or "",
                place=before.get("place_name") or "",
            )
        )
    values = dict(values)
    for name in PRESET_TEXT_FIELDS:
        if any(values.get(name) == texts[name] for texts in shown):
            values[name] = chosen[name]
    return values


def congress_period(year: int) -> tuple[int, int]:
    """The five-year period a Đại hội Thi đua yêu nước reviews, ending in the first congress
    year from `year` on: the congresses are held every five years, in the years ending in 0 or
    5 (toàn quốc lần thứ X 2020, XI 2025; seed 004: "giai đoạn 2020-2025"). For this kind the
    two year fields are the period's ends, not a year reviewed and a year launched."""
    end = -(-year // 5) * 5
    return end - 5, end


def preset_form_values(
    preset: Preset,
    today: dt.date,
    *,
    issuer: str = "",
    place: str = "",
    organiser: Organiser | None = None,
    calendar=None,
) -> dict:
    """The form's first values for a new conference made from `preset` on `today`; `calendar`
    (tasks/logic.WorkCalendar) carries the days off the officer added, for the first date."""
    defaults = preset.conference
    reviewed, launched = default_years(today)
    if preset.kind == "dai_hoi":
        reviewed, launched = congress_period(launched)
    organiser = organiser or Organiser(level=preset.level)
    texts = preset_texts(preset, (reviewed, launched), organiser, issuer=issuer, place=place)
    return {
        "preset_key": preset.key,
        "kind": preset.kind,
        "province": organiser.province,
        "unit_type": organiser.unit_type,
        "unit_name": organiser.unit_name,
        "level": preset.level,
        "parent_body": texts["parent_body"],
        "issuer": issuer,
        "place_name": place,
        "title": texts["title"],
        "year_reviewed": reviewed,
        "year_launched": launched,
        "date": default_date(launched, defaults.typical_month, today, calendar),
        "start_time": vn.parse_time(defaults.start_time),
        "length": defaults.length,
        "venue": texts["venue"],
        "venue_address": "",
        "planned_delegates": defaults.planned_delegates,
        "funding_source": texts["funding_source"],
        "doc_number": "",
        "doc_symbol": defaults.doc_symbol,
        "signer_authority": defaults.signer_authority,
        "signer_deputy": defaults.signer_deputy,
        "signer_title": defaults.signer_title,
        "signer_name": "",
        "purposes": texts["purposes"],
        "notes": "",
    }


def plan_texts_from_preset(conference: Conference, preset: Preset, values: dict) -> None:
    """The Kế hoạch's căn cứ, closing sentence and Nơi nhận, as the preset words them."""
    conference.legal_bases = "\n".join(fill_text(line, values) for line in preset.legal_bases)
    conference.closing = fill_text(preset.conference.closing, values)
    conference.recipients = "\n".join(
        fill_text(line, values) for line in preset.conference.recipients
    )
