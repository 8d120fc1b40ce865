"""The organiser's unit: the 34 provinces and their xã, phường, đặc khu since 01/7/2025.

The list is data (presets/admin_units.json, written once by tools/make_admin_units.py from the
official list: the Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã
năm 2025 and the statistics office's Danh mục đơn vị hành chính — README, "Danh mục đơn vị
hành chính"). This module reads it and says a unit's name the way documents write it: "phường
Hồng Hà", "Ủy ban nhân dân phường Hồng Hà", "tỉnh Tây Ninh", "thành phố Hà Nội".

Plain Python, no Flask: the form, the award texts, the presets and the budget all ask it.
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import json
import re
import unicodedata
from dataclasses import dataclass

from .vocab import LEVEL_OF_UNIT_TYPE

# How each unit type is written before the unit's name in a sentence ("Ủy ban nhân dân phường
# Hồng Hà", "Quỹ thi đua, khen thưởng của phường").
UNIT_WORDS: dict[str, str] = {
    "tinh": "tỉnh",
    "thanh_pho": "thành phố",
    "xa": "xã",
    "phuong": "phường",
    "dac_khu": "đặc khu",
    "huyen": "huyện",
}
# The word a level stands for when the unit type is not known (a record older than the field).
LEVEL_WORDS: dict[str, str] = {"tinh": "tỉnh", "xa": "xã", "huyen": "huyện"}
# The đặc khu organised like a phường (Nghị định 150/2025/NĐ-CP: Phòng Kinh tế, Hạ tầng và Đô
# thị "đối với phường và đặc khu Phú Quốc"), by folded name.
URBAN_SPECIAL_ZONES = frozenset({"phu quoc"})
# The xã-level types the list holds, in the order the form offers them.
COMMUNE_TYPES = ("xa", "phuong", "dac_khu")


@dataclass(frozen=True)
class Unit:
    """A xã, phường or đặc khu of the list: its bare name ("Hồng Hà") and its type code."""

    name: str
    type: str

    @property
    def title(self) -> str:
        return unit_title(self.type, self.name)


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city (thành phố trực thuộc trung ương) and its units."""

    name: str
    is_central_city: bool
    units: tuple[Unit, ...]

    @property
    def type(self) -> str:
        return "thanh_pho" if self.is_central_city else "tinh"

    @property
    def title(self) -> str:
        """ "tỉnh Tây Ninh", "thành phố Hà Nội" (as a sentence writes it)."""
        return unit_title(self.type, self.name)


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: how names are compared."""
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.lower().split())


def nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@functools.cache
def _data() -> dict:
    text = (
        importlib.resources.files("kehoach_app.presets")
        .joinpath("admin_units.json")
        .read_text(encoding="utf-8")
    )
    return json.loads(text)


@functools.cache
def provinces() -> tuple[Province, ...]:
    """The 34 provinces and cities in the list's order, each with its units."""
    return tuple(
        Province(
            name=nfc(entry["name"]),
            is_central_city=bool(entry["is_central_city"]),
            units=tuple(Unit(nfc(u["name"]), u["type"]) for u in entry["units"]),
        )
        for entry in _data()["provinces"]
    )


def source() -> str:
    """Where the list comes from, as the data file's header says."""
    return _data()["source"]


@functools.cache
def _province_index() -> dict[str, Province]:
    return {fold(p.name): p for p in provinces()}


# What may stand before a province's name when it is typed: "tỉnh", "thành phố", "TP", "TP.".
_PROVINCE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")


def find_province(text: str) -> Province | None:
    """The province a text names ("Tây Ninh", "tỉnh Tây Ninh", "TP Hồ Chí Minh"), or None."""
    key = _PROVINCE_PREFIX.sub("", fold(text))
    return _province_index().get(key)


def is_central_city(province_name: str) -> bool:
    """Whether the province is one of the six centrally-run cities (Hà Nội, Hải Phòng, Huế, Đà
    Nẵng, Hồ Chí Minh, Cần Thơ); False for a name not in the list."""
    province = find_province(province_name)
    return bool(province and province.is_central_city)


_TYPE_PREFIXES = (("dac khu ", "dac_khu"), ("phuong ", "phuong"), ("xa ", "xa"))


def split_typed_name(text: str) -> tuple[str, str]:
    """ "Phường Hồng Hà" → ("phuong", "Hồng Hà"); "Hồng Hà" → ("", "Hồng Hà")."""
    name = nfc(text)
    folded = fold(name)
    for prefix, code in _TYPE_PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return code, name[len(prefix) :].strip()
    return "", name


def find_unit(province: Province, name: str, unit_type: str = "") -> Unit | None:
    """The unit of `province` called `name` ("Hồng Hà" or "Phường Hồng Hà"), of `unit_type`
    when given; None when the list has no such unit."""
    typed, bare = split_typed_name(name)
    wanted = typed or unit_type
    key = fold(bare)
    matches = [u for u in province.units if fold(u.name) == key]
    if wanted:
        matches = [u for u in matches if u.type == wanted]
    return matches[0] if len(matches) == 1 else None


def similar_units(province: Province, name: str, count: int = 3) -> list[Unit]:
    """The units of `province` whose names are closest to `name` (for a helpful message)."""
    _, bare = split_typed_name(name)
    by_key = {fold(u.name): u for u in province.units}
    keys = difflib.get_close_matches(fold(bare), list(by_key), n=count, cutoff=0.6)
    return [by_key[key] for key in keys]


def unit_title(unit_type: str, name: str) -> str:
    """ "phường Hồng Hà", "tỉnh Tây Ninh", "thành phố Hà Nội"; the name alone for other types."""
    word = UNIT_WORDS.get(unit_type, "")
    name = nfc(name)
    return f"{word} {name}" if word and name else name


def issuer_name(unit_type: str, name: str) -> str:
    """ "Ủy ban nhân dân phường Hồng Hà": the organiser's body for a unit of the list."""
    title = unit_title(unit_type, name)
    return f"Ủy ban nhân dân {title}" if title and unit_type in UNIT_WORDS else ""


# An issuer as older records write it: "Ủy ban nhân dân xã Tân Hòa", "UBND phường Hồng Hà".
_ISSUER = re.compile(
    r"^(?:uy ban nhan dan|ubnd)\s+(xa|phuong|dac khu|tinh|thanh pho|huyen|quan|thi xa)\s+(.+)$"
)
_WORD_TYPES = {
    "xa": "xa",
    "phuong": "phuong",
    "dac khu": "dac_khu",
    "tinh": "tinh",
    "thanh pho": "thanh_pho",
    "huyen": "huyen",
    "quan": "huyen",
    "thi xa": "huyen",
}


def guess_unit(issuer: str, level: str) -> tuple[str, str, str]:
    """(unit type, unit name, province) read from an older record's issuer, as far as it tells.

    "Ủy ban nhân dân phường Hồng Hà" at level xã → ("phuong", "Hồng Hà", "Hà Nội") when exactly
    one province has a phường Hồng Hà, else the province is left "". A "thành phố" of a province
    (before 01/7/2025, at level huyện) is a huyện-level unit. ("", "", "") when nothing fits.
    """
    issuer = nfc(issuer)
    match = _ISSUER.match(fold(issuer))
    if not match:
        return "", "", ""
    unit_type = _WORD_TYPES[match.group(1)]
    if unit_type == "thanh_pho" and level == "huyen":
        unit_type = "huyen"
    if LEVEL_OF_UNIT_TYPE.get(unit_type) != level:
        return "", "", ""
    name = issuer[len(issuer) - len(match.group(2)) :].strip()
    if unit_type in ("tinh", "thanh_pho"):
        province = find_province(name)
        if province is None or province.type != unit_type:
            return "", "", ""
        return unit_type, province.name, province.name
    if unit_type == "huyen":
        return unit_type, name, ""
    homes = [p for p in provinces() if find_unit(p, name, unit_type)]
    return unit_type, name, homes[0].name if len(homes) == 1 else ""


@dataclass(frozen=True)
class Organiser:
    """Who organises the conference, as the texts need it: the level, the unit type and name,
    the province. Built from a conference (or its values) by Organiser.of."""

    level: str
    unit_type: str = ""
    unit_name: str = ""
    province: str = ""

    @classmethod
    def of(cls, conference) -> Organiser:
        values = conference if isinstance(conference, dict) else conference.values()
        return cls(
            level=values.get("level") or "",
            unit_type=values.get("unit_type") or "",
            unit_name=nfc(values.get("unit_name") or ""),
            province=nfc(values.get("province") or ""),
        )

    @property
    def unit_word(self) -> str:
        """ "phường", "xã", "đặc khu", "tỉnh", "thành phố" — the level's word when not known."""
        return UNIT_WORDS.get(self.unit_type) or LEVEL_WORDS.get(self.level, "")

    @property
    def unit_title(self) -> str:
        """ "phường Hồng Hà"; "" when the unit is not one of the list's types or has no name."""
        if self.unit_type not in UNIT_WORDS or not self.unit_name:
            return ""
        return unit_title(self.unit_type, self.unit_name)

    @property
    def province_title(self) -> str:
        """ "tỉnh Tây Ninh", "thành phố Hà Nội"; a name not in the list as written; ""."""
        province = find_province(self.province)
        if province:
            return province.title
        if not self.province:
            return ""
        if fold(self.province).startswith(("tinh ", "thanh pho ")):
            return self.province[:1].lower() + self.province[1:]
        return unit_title("tinh", self.province)

    @property
    def is_central_city(self) -> bool:
        return is_central_city(self.province)

    @property
    def is_urban(self) -> bool:
        """A phường, or the đặc khu Phú Quốc: a Phòng Kinh tế, Hạ tầng và Đô thị, no "nông thôn
        mới" programme. A xã and the other đặc khu have a Phòng Kinh tế (economy_office)."""
        if self.unit_type == "phuong":
            return True
        return self.unit_type == "dac_khu" and fold(self.unit_name) in URBAN_SPECIAL_ZONES

    @property
    def economy_office(self) -> str:
        """The xã-level office for finance and planning (it appraises the estimate): Nghị định
        150/2025/NĐ-CP — "Phòng Kinh tế (đối với xã, đặc khu) hoặc Phòng Kinh tế, Hạ tầng và
        Đô thị (đối với phường và đặc khu Phú Quốc)" (as reported by plo.vn, 16/10/2025, and
        kinhtedothi.vn; the article number not verified here, docs/presets.md)."""
        return "Phòng Kinh tế, Hạ tầng và Đô thị" if self.is_urban else "Phòng Kinh tế"
